"""Results for an office: verdicts and findings in an Excel workbook."""

from __future__ import annotations

import datetime
import io
import json

import pytest

pytest.importorskip("openpyxl")

from openpyxl import load_workbook

from pmi_workflow.cli.jobs import Settings, validate_record
from pmi_workflow.io import read_records
from pmi_workflow.io.workbook import write_cases_workbook, write_results_workbook
from pmi_workflow.samples import procedural_case_data

AS_OF = datetime.date(2024, 6, 1)


def _results(lang_case_changes: dict[str, object]) -> list[dict[str, object]]:
    good = procedural_case_data("p2p")
    bad = {**procedural_case_data("p2p"), "case_id": "CASE-BAD", **lang_case_changes}
    for event in bad["history"]:
        event["case_id"] = "CASE-BAD"
    buffer = io.BytesIO()
    write_cases_workbook([good, bad], buffer)
    records = read_records(io.BytesIO(buffer.getvalue()), name="kasus.xlsx")
    return [validate_record(Settings(as_of=AS_OF), record) for record in records]


def test_results_have_a_verdict_sheet_and_a_findings_sheet_in_indonesian() -> None:
    results = _results({"occupation": "housekeeper",
                        "costs": [{"component": "departure_ticket", "amount": "3200000",
                                   "paid_by": "worker"}]})  # fmt: skip
    buffer = io.BytesIO()
    counts = write_results_workbook(results, buffer, lang="id")
    assert counts == {"procedural": 1, "non_procedural": 1}
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    assert book.sheetnames == ["Putusan berkas", "Temuan"]
    verdicts = book["Putusan berkas"]
    assert verdicts.freeze_panes == "A2"
    assert [cell.value for cell in verdicts[1]][:3] == ["Nomor berkas", "Sumber", "Putusan"]
    assert [row[2] for row in verdicts.iter_rows(min_row=2, values_only=True)] == [
        "Prosedural",
        "Nonprosedural",
    ]
    findings = list(book["Temuan"].iter_rows(min_row=2, values_only=True))
    assert findings
    assert all(row[0] == "CASE-BAD" for row in findings)
    assert any(
        row[2] == "fees.exempt_occupation_charged" and row[1] == "Kesalahan" for row in findings
    )
    assert book["Temuan"].freeze_panes == "A2"


def test_results_in_english_use_english_sheet_names_and_words() -> None:
    results = _results({})
    buffer = io.BytesIO()
    write_results_workbook(results, buffer, lang="en")
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    assert book.sheetnames == ["Case verdicts", "Findings"]
    assert book["Case verdicts"]["C2"].value == "Procedural"


def test_an_unreadable_case_is_listed_with_the_cell_to_correct() -> None:
    results = _results({"destination": "Atlantis"})
    buffer = io.BytesIO()
    write_results_workbook(results, buffer, lang="id")
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    rows = list(book["Temuan"].iter_rows(min_row=2, values_only=True))
    [row] = [row for row in rows if row[1] == "Data tidak valid"]
    assert row[3] == "negara tidak dikenal"
    assert str(row[7]).startswith("Berkas!")
    assert "(Negara tujuan)" in str(row[7])


def test_text_that_looks_like_a_formula_stays_text() -> None:
    results = [{"case_id": "=1+2", "status": "procedural", "findings": [], "problems": [],
                "source": "kasus.csv", "position": "row 2"}]  # fmt: skip
    buffer = io.BytesIO()
    write_results_workbook(results, buffer)
    cell = load_workbook(io.BytesIO(buffer.getvalue()))["Putusan berkas"]["A2"]
    assert cell.value == "=1+2"
    assert cell.data_type == "s"
    cases = io.BytesIO()
    write_cases_workbook([{**procedural_case_data("p2p"), "case_id": "=SUM(A1)"}], cases)
    sheet = load_workbook(io.BytesIO(cases.getvalue()))["Berkas"]
    assert sheet["A2"].data_type == "s"
    [record] = read_records(io.BytesIO(cases.getvalue()), name="kasus.xlsx")
    assert record.data is not None
    assert record.data["case_id"] == "=SUM(A1)"


def _birthday_case(registered_at: str) -> dict[str, object]:
    """A worker who turns 18 on 12 January 2024 and registers on that day."""
    case = procedural_case_data("p2p")
    case["applicant"] = {**case["applicant"], "nik": "3603121201060002", "birth_date": "2006-01-12"}
    for event in case["history"]:
        if event["step"] == "registered":
            event["occurred_at"] = registered_at
    return case


@pytest.mark.parametrize(
    "registered_at",
    ["2024-01-12T00:30:00+08:00", "2024-01-12T00:30:00+09:00", "2024-01-12T23:30:00+07:00",
     "2024-01-12T00:30:00-03:00"],
)  # fmt: skip
def test_an_events_time_and_zone_survive_the_cases_workbook(registered_at: str) -> None:
    from pmi_workflow.domain import Case

    case = _birthday_case(registered_at)
    buffer = io.BytesIO()
    write_cases_workbook([case], buffer)
    [record] = read_records(io.BytesIO(buffer.getvalue()), name="kasus.xlsx")
    assert record.data is not None
    read = Case.model_validate(record.data)
    [event] = [event for event in read.history if event.step == "registered"]
    recorded = datetime.datetime.fromisoformat(registered_at)
    assert event.occurred_at == recorded
    assert event.occurred_at.utcoffset() == recorded.utcoffset()


def test_a_wita_registration_at_half_past_midnight_on_the_18th_birthday_keeps_its_verdict() -> None:
    case = _birthday_case("2024-01-12T00:30:00+08:00")
    direct = validate_record(Settings(as_of=AS_OF), next(iter(read_records(
        io.BytesIO(json.dumps(case).encode()), name="kasus.json"))))  # fmt: skip
    buffer = io.BytesIO()
    write_cases_workbook([case], buffer)
    [record] = read_records(io.BytesIO(buffer.getvalue()), name="kasus.xlsx")
    via_workbook = validate_record(Settings(as_of=AS_OF), record)
    assert direct["status"] == "procedural"
    assert via_workbook["status"] == direct["status"]
    assert [f["code"] for f in via_workbook["findings"]] == [f["code"] for f in direct["findings"]]


def test_an_events_time_is_written_as_an_officer_writes_it() -> None:
    buffer = io.BytesIO()
    write_cases_workbook([_birthday_case("2024-01-12T00:30:00+08:00")], buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue()))["Langkah"]
    header = [cell.value for cell in sheet[1]]
    times = [row[header.index("Tanggal")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "12/01/2024 00:30 WITA" in times
    assert "08/01/2024 09:00 WIB" in times
