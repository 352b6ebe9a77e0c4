"""Reading case and session files for a report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.reports.inputs import load_cases, load_sessions
from pmi_workflow.reports.synthetic import district_sample
from pmi_workflow.testing import case_data

CASES, SESSIONS = district_sample()


def test_cases_and_sessions_read_from_one_json_object(tmp_path: Path) -> None:
    path = tmp_path / "district.json"
    path.write_text(
        json.dumps(
            {
                "cases": [case.to_dict() for case in CASES],
                "sessions": [s.model_dump(mode="json") for s in SESSIONS],
            }
        ),
        "utf-8",
    )
    assert load_cases(path) == CASES
    assert load_sessions(path) == SESSIONS


def test_json_lines_and_a_single_record_are_read(tmp_path: Path) -> None:
    lines = tmp_path / "cases.jsonl"
    lines.write_text("\n".join(case.to_json() for case in CASES[:3]) + "\n\n", "utf-8")
    assert load_cases(lines) == CASES[:3]
    single = tmp_path / "case.json"
    single.write_text(CASES[0].to_json(), "utf-8")
    assert load_cases(single) == CASES[:1]


def test_every_bad_record_is_named_by_its_line_without_personal_data(tmp_path: Path) -> None:
    good = case_data("p2p")
    bad = case_data("p2p", applicant__birth_date="31 Februari 1995")
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (good, bad, good, bad)), "utf-8")
    with pytest.raises(InvalidInputError) as caught:
        load_cases(path)
    places = [problem.location[0] for problem in caught.value.problems]
    assert places == ["line 2", "line 4"]
    assert good["applicant"]["nik"] not in str(caught.value)


def test_broken_json_and_missing_files_are_clear_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"case_id": 1}\n{not json\n', "utf-8")
    with pytest.raises(InvalidInputError, match="not valid JSON") as caught:
        load_cases(broken)
    assert caught.value.source == f"{broken} line 2"
    with pytest.raises(InvalidInputError, match="file not found"):
        load_cases(tmp_path / "absent.json")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InvalidInputError, match="UTF-8"):
        load_sessions(binary)
