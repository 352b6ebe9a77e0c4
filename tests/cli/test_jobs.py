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


def test_integer_choices_in_spreadsheet_cells_become_numbers() -> None:
    assert "package_months" in jobs._integer_choice_fields()
