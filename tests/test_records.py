"""Cases from the records of a file: a case, or the record with what keeps it from being one."""

from __future__ import annotations

import io
import json

from pmi_workflow.domain import Case
from pmi_workflow.io import SourceRecord, read_records
from pmi_workflow.records import read_case
from pmi_workflow.samples import procedural_case_data


def _lines(*lines: str, defer: bool = False) -> list[SourceRecord]:
    text = "".join(line + "\n" for line in lines).encode()
    return list(read_records(io.BytesIO(text), format="jsonl", defer_decoding=defer))


def test_a_valid_record_is_its_case_whether_decoded_first_or_not() -> None:
    line = json.dumps(procedural_case_data("g2g"))
    for defer in (False, True):
        found = read_case(_lines(line, defer=defer)[0])
        assert isinstance(found, Case)
        assert found.case_id == procedural_case_data("g2g")["case_id"]


def test_an_unreadable_record_comes_back_with_its_problem() -> None:
    found = read_case(_lines('{"case_id": ', defer=True)[0])
    assert isinstance(found, SourceRecord)
    assert [problem.kind for problem in found.problems] == ["json"]
    assert found.position == "line 1"


def test_an_invalid_case_comes_back_decoded_with_every_problem_located() -> None:
    data = procedural_case_data("p2p")
    data["destination"] = "Atlantis"
    data["applicant"]["birth_date"] = "31/02/1995"
    found = read_case(_lines(json.dumps(data), defer=True)[0])
    assert isinstance(found, SourceRecord)
    assert not found.ok
    assert found.data is not None
    assert found.data["case_id"] == data["case_id"]
    assert {problem.where for problem in found.problems} >= {"destination", "applicant.birth_date"}


def test_a_spreadsheet_cell_holding_a_whole_number_is_read_as_the_number() -> None:
    data = procedural_case_data("p2p")
    cover = next(d for d in data["documents"] if d["type"] == "social_security")
    cover["package_months"] = " 24 "
    found = read_case(SourceRecord("cases.csv", "row", 2, 2, data))
    assert isinstance(found, Case)
    assert found.document("bpjs-1").package_months == 24  # type: ignore[union-attr]
