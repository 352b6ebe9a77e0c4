"""The per-record jobs: one result per record, whatever happens to it."""

from __future__ import annotations

import datetime
import io

import pytest

from pmi_workflow.cli import jobs
from pmi_workflow.io import read_records
from pmi_workflow.samples import procedural_case_data

SETTINGS = jobs.Settings(as_of=datetime.date(2024, 6, 1))


def _record():  # type: ignore[no-untyped-def]
    import json

    data = json.dumps(procedural_case_data("p2p")).encode() + b"\n"
    return next(read_records(io.BytesIO(data), format="jsonl", name="cases.jsonl"))


def test_a_failure_inside_the_rules_is_reported_on_the_record_without_its_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("3603121505950002")

    monkeypatch.setattr(jobs, "validate_case", broken)
    result = jobs.validate_record(SETTINGS, _record())
    assert result["status"] == "invalid"
    assert result["problems"][0]["kind"] == "internal_error"
    assert "3603121505950002" not in str(result)


def test_a_procedural_record_gives_its_verdict_and_position() -> None:
    result = jobs.validate_record(SETTINGS, _record())
    assert (result["status"], result["position"], result["case_id"]) == (
        "procedural",
        "line 1",
        "CASE-P2P-0001",
    )


def test_a_case_id_that_is_a_nik_is_masked_in_results() -> None:
    import json

    data = procedural_case_data("p2p")
    nik_id = "3603121505950002"
    data["case_id"] = nik_id
    for event in data["history"]:
        event["case_id"] = nik_id
    line = json.dumps(data).encode() + b"\n{broken\n"
    records = list(read_records(io.BytesIO(line), format="jsonl"))
    results = [jobs.audit_record(SETTINGS, record) for record in records]
    assert results[0]["case_id"] == "3603**********02"
    assert nik_id not in str(results)


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"destination": "Atlantis"},
        {"applicant": {"nik": "9903121505950002"}},
        {"schema_version": 99},
    ],
)
def test_a_record_decoded_where_it_is_judged_gets_the_result_of_one_decoded_first(
    change: dict[str, object],
) -> None:
    import json

    data = procedural_case_data("p2p")
    for key, value in change.items():
        data[key] = {**data[key], **value} if isinstance(value, dict) else value
    line = json.dumps(data).encode() + b"\n"
    deferred = next(read_records(io.BytesIO(line), format="jsonl", defer_decoding=True))
    decoded = next(read_records(io.BytesIO(line), format="jsonl"))
    assert deferred.raw is not None
    assert decoded.raw is None
    for job in (jobs.validate_record, jobs.audit_record):
        assert job(SETTINGS, deferred) == job(SETTINGS, decoded)
