"""The report reads every input format the validators read, and says what it could not read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_workflow.io.flat import flatten, header_of
from pmi_workflow.reports.cli import app
from pmi_workflow.reports.synthetic import district_sample

RUNNER = CliRunner()
CASES, SESSIONS = district_sample()
PERIOD = ["--regency", "3603", "--from", "1 Januari 2024", "--to", "31/12/2024"]


def _report(path: Path, *extra: str) -> dict[str, object]:
    result = RUNNER.invoke(app, [str(path), *PERIOD, "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def _expected() -> dict[str, object]:
    return {"cases": len(CASES)}


def test_the_report_reads_a_csv_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    rows = [flatten(case.to_dict()) for case in CASES]
    header = header_of(rows)
    path = tmp_path / "kasus.csv"
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)
    from_csv = _report(path)
    jsonl = tmp_path / "kasus.jsonl"
    jsonl.write_text("\n".join(case.to_json() for case in CASES), "utf-8")
    assert from_csv["outcomes"] == _report(jsonl)["outcomes"]


def test_the_report_reads_an_excel_workbook_in_the_tidy_layout(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from pmi_workflow.io.workbook import write_cases_workbook

    path = tmp_path / "kasus.xlsx"
    write_cases_workbook((case.to_dict() for case in CASES), path)
    jsonl = tmp_path / "kasus.jsonl"
    jsonl.write_text("\n".join(case.to_json() for case in CASES), "utf-8")
    assert _report(path)["outcomes"] == _report(jsonl)["outcomes"]


def test_an_empty_input_is_bad_input_not_an_empty_report(tmp_path: Path) -> None:
    path = tmp_path / "kosong.jsonl"
    path.write_text("\n", "utf-8")
    result = RUNNER.invoke(app, [str(path), *PERIOD])
    assert result.exit_code == 2
    assert "no case records" in result.output


def test_every_unreadable_record_is_named_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "kasus.jsonl"
    good = CASES[0].to_dict()
    bad = {**CASES[1].to_dict(), "destination": "Atlantis"}
    path.write_text(f"{json.dumps(good)}\n{json.dumps(bad)}\nnot json\n", "utf-8")
    result = RUNNER.invoke(app, [str(path), *PERIOD])
    assert result.exit_code == 2
    assert "line 2" in result.output
    assert "destination" in result.output
    assert "line 3" in result.output
    assert "Atlantis" not in result.output or "unknown country" in result.output


def test_the_report_breaks_cases_down_by_kecamatan_and_desa(tmp_path: Path) -> None:
    jsonl = tmp_path / "kasus.jsonl"
    jsonl.write_text("\n".join(case.to_json() for case in CASES), "utf-8")
    data = _report(jsonl)
    breakdowns = data["breakdowns"]
    assert isinstance(breakdowns, dict)
    districts = breakdowns["district"]
    villages = breakdowns["village"]
    assert sum(row["cases"] for row in districts) == data["outcomes"]["cases"]  # type: ignore[index]
    assert sum(row["cases"] for row in villages) == data["outcomes"]["cases"]  # type: ignore[index]
    assert all("(" in row["label"]["id"] for row in villages)


def test_the_status_is_the_state_the_audit_replayed() -> None:
    import dataclasses
    import datetime

    from pmi_workflow.domain import Case
    from pmi_workflow.reports import AuditOutcome, Period, build_district_report
    from pmi_workflow.rules import validate_case

    def replayed(case: Case, on: datetime.date) -> AuditOutcome:
        return dataclasses.replace(validate_case(case, as_of=on), findings=(), state="departed")

    report = build_district_report(
        CASES, SESSIONS, regency_code="3603",
        period=Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        auditor=replayed,
    )  # fmt: skip
    [row] = report.breakdown("status").rows
    assert (row.key, row.label_id) == ("departed", "Berangkat")
    assert row.cases == report.outcomes.cases


def test_problems_are_worded_in_indonesian_under_lang_id(tmp_path: Path) -> None:
    path = tmp_path / "kasus.jsonl"
    bad = {**CASES[1].to_dict(), "destination": "Atlantis"}
    del bad["scheme"]
    path.write_text(json.dumps(bad) + "\n", "utf-8")
    result = RUNNER.invoke(app, [str(path), *PERIOD, "--lang", "id"])
    assert result.exit_code == 2
    assert "kesalahan: data tidak valid" in result.output
    assert "kasus.jsonl baris 1, destination: negara tidak dikenal" in result.output
    assert "scheme: wajib diisi" in result.output
    assert "required" not in result.output


def test_sessions_are_read_from_an_object_of_sessions_or_json_lines(tmp_path: Path) -> None:
    from pmi_workflow.reports.sources import load_sessions

    records = [session.model_dump(mode="json") for session in SESSIONS]
    wrapped = tmp_path / "sosialisasi.json"
    wrapped.write_text(json.dumps({"sessions": records}), "utf-8")
    lines = tmp_path / "sosialisasi.jsonl"
    lines.write_text("\n".join(json.dumps(record) for record in records), "utf-8")
    assert load_sessions(wrapped) == load_sessions(lines) == SESSIONS


def test_a_bad_session_line_is_named() -> None:
    import io

    from pmi_workflow.errors import InvalidInputError
    from pmi_workflow.reports.sources import load_sessions

    with pytest.raises(InvalidInputError, match="line 2"):
        load_sessions(io.BytesIO(b'{"session_id": "S-1"}\nnot json\n'), name="s.jsonl")


def test_an_object_of_cases_with_a_non_object_item_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "kasus.json"
    path.write_text(json.dumps({"cases": [CASES[0].to_dict(), 7]}), "utf-8")
    result = RUNNER.invoke(app, [str(path), *PERIOD])
    assert result.exit_code == 2
    assert "item 2" in result.output


def test_the_html_report_lists_due_and_overdue_cases() -> None:
    import datetime

    from pmi_workflow.reports import Period, build_district_report
    from pmi_workflow.reports.render import to_html
    from pmi_workflow.testing import make_case

    departed = make_case("p2p", "departed", case_id="B-1")
    report = build_district_report(
        [departed], regency_code="3603",
        period=Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
    )  # fmt: skip
    html = to_html(report, lang="id")
    assert 'id="table-worklist"' in html
    assert "Belum lapor diri di Perwakilan RI" in html
    assert "terlambat sejak" in html
    assert report.to_dict()["worklist"][0]["kind"] == "report_at_perwakilan"
