"""Spreadsheets for people: the tidy layout in Excel workbooks and CSV folders."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("openpyxl")

from openpyxl import Workbook, load_workbook

from pmi_workflow.cli.jobs import Settings, parse_record, validate_record
from pmi_workflow.domain import Case
from pmi_workflow.io import SourceRecord, detect_format, read_records
from pmi_workflow.io.sheets import load_workbook_rows
from pmi_workflow.io.workbook import case_rows, write_cases_workbook
from pmi_workflow.samples import procedural_case_data

AS_OF = datetime.date(2024, 6, 1)


def _book(sheets: dict[str, list[list[Any]]]) -> bytes:
    book = Workbook()
    for index, (name, rows) in enumerate(sheets.items()):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _records(data: bytes, name: str = "kasus.xlsx") -> list[SourceRecord]:
    return list(read_records(io.BytesIO(data), name=name))


def _case(record: SourceRecord) -> Case:
    parsed = parse_record(record)
    assert isinstance(parsed, Case), parsed
    return parsed


def _without_event_ids(case: Case) -> dict[str, Any]:
    data = case.to_dict()
    for event in data["history"]:
        del event["event_id"]
    return data


def _sample_workbook(path: Path, *cases: dict[str, Any]) -> Path:
    write_cases_workbook(cases or (procedural_case_data("p2p"),), path)
    return path


def test_a_case_written_in_the_tidy_layout_reads_back_as_the_same_case(tmp_path: Path) -> None:
    original = Case.model_validate(procedural_case_data("p2p"))
    path = _sample_workbook(tmp_path / "kasus.xlsx", original.to_dict())
    [record] = list(read_records(path))
    assert record.ok, record.problems
    assert _without_event_ids(_case(record)) == _without_event_ids(original)


def test_the_tidy_workbook_has_one_row_per_event_and_per_document(tmp_path: Path) -> None:
    data = procedural_case_data("p2p")
    path = _sample_workbook(tmp_path / "kasus.xlsx", data)
    book = load_workbook(path)
    assert book.sheetnames == ["Berkas", "Dokumen", "Langkah", "Biaya"]
    assert book["Langkah"].max_row == len(data["history"]) + 1
    assert book["Dokumen"].max_row == len(data["documents"]) + 1
    header = [cell.value for cell in book["Langkah"][1]]
    assert "Langkah" in header
    assert "Tanggal" in header
    assert not any("sequence" in str(name) or name == "case_id" for name in header)


def test_sequences_and_event_case_ids_are_derived_from_the_rows() -> None:
    data = _book(
        {
            "Berkas": [["Nomor berkas", "Negara tujuan"], ["B-1", "Malaysia"]],
            "Langkah": [
                ["Nomor berkas", "Langkah", "Tanggal", "Pencatat"],
                ["B-1", "Memperoleh informasi resmi", "3 Juli 2023", "Disnaker"],
                ["B-1", "Terdaftar sebagai CPMI", datetime.datetime(2023, 7, 10), "LTSA"],
            ],
        }
    )
    [record] = _records(data)
    assert record.data is not None
    history = record.data["history"]
    assert [(event["sequence"], event["case_id"]) for event in history] == [(1, "B-1"), (2, "B-1")]
    assert [event["step"] for event in history] == ["informed", "registered"]
    assert history[1]["occurred_at"] == "2023-07-10"
    assert [event["actor"]["role"] for event in history] == ["disnaker", "ltsa"]


def test_deleting_an_event_row_keeps_the_numbering_whole(tmp_path: Path) -> None:
    data = procedural_case_data("p2p")
    path = _sample_workbook(tmp_path / "kasus.xlsx", data)
    book = load_workbook(path)
    book["Langkah"].delete_rows(3)  # the second event
    book["Langkah"].delete_rows(2)  # the first
    book.save(path)
    [record] = list(read_records(path))
    assert record.data is not None
    assert [event["sequence"] for event in record.data["history"]] == list(
        range(1, len(data["history"]) - 1)
    )


def test_indonesian_labels_are_read_as_codes() -> None:
    data = _book(
        {
            "Berkas": [
                ["Nomor berkas", "Skema", "Negara tujuan", "Jabatan", "Jenis kelamin",
                 "Status perkawinan", "Pendidikan", "Jenis pemberi kerja"],
                ["B-1", "Penempatan oleh P3MI (P to P)", "Arab Saudi", "Pengurus rumah tangga",
                 "Perempuan", "Cerai hidup", "SMA/SMK", "Pemberi kerja perseorangan"],
            ],
            "Biaya": [
                ["Nomor berkas", "Komponen biaya", "Jumlah", "Dibayar oleh", "Pembiayaan"],
                ["B-1", "Biaya jasa perusahaan", 7500000, "CPMI", "Potongan gaji"],
            ],
        }
    )  # fmt: skip
    [record] = _records(data)
    assert record.data is not None
    assert record.data["scheme"] == "p2p"
    assert record.data["destination"] == "SA"
    assert record.data["occupation"] == "housekeeper"
    assert record.data["applicant"] == {
        "sex": "female",
        "marital_status": "divorced",
        "education": "senior_secondary",
    }
    assert record.data["employer"] == {"kind": "individual"}
    assert record.data["costs"] == [
        {"component": "agency_service_fee", "amount": "7500000", "paid_by": "worker",
         "financing": "salary_deduction"}
    ]  # fmt: skip


def test_a_month_first_date_is_an_error_naming_the_cell() -> None:
    case = procedural_case_data("p2p")
    rows = case_rows(case)
    buffer = io.BytesIO()
    write_cases_workbook([case], buffer)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = book["Langkah"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Tanggal") + 1
    sheet.cell(row=4, column=column).value = "1/13/2024"
    out = io.BytesIO()
    book.save(out)
    [record] = _records(out.getvalue())
    result = validate_record(Settings(as_of=AS_OF), record)
    assert result["status"] == "invalid"
    letter = sheet.cell(row=4, column=column).column_letter
    [problem] = result["problems"]
    assert problem["where"] == f"Langkah!{letter}4 (Tanggal)"
    assert problem["kind"] == "date_month_first"
    assert "bulan lebih dulu" in problem["message_id"]
    assert len(rows["events"]) == len(case["history"])


def test_a_day_first_date_that_could_be_either_is_read_day_first() -> None:
    data = _book(
        {
            "Berkas": [["Nomor berkas"], ["B-1"]],
            "Langkah": [["Nomor berkas", "Langkah", "Tanggal"], ["B-1", "informed", "03/07/2023"]],
        }
    )
    [record] = _records(data)
    assert record.data is not None
    from pmi_workflow.domain import CaseEvent

    event = CaseEvent.model_validate({**record.data["history"][0], "actor": {"role": "disnaker"}})
    assert event.occurred_at.date() == datetime.date(2023, 7, 3)


def test_rows_for_a_case_that_is_not_in_the_cases_sheet_are_reported() -> None:
    data = _book(
        {
            "Berkas": [["Nomor berkas"], ["B-1"]],
            "Dokumen": [["Nomor berkas", "Jenis dokumen"], ["B-9", "Paspor"], ["", "Paspor"]],
        }
    )
    records = _records(data)
    problems = [problem.message for record in records for problem in record.problems]
    assert any("not in the cases sheet" in message for message in problems)
    assert any("case id (Nomor berkas) is missing" in message for message in problems)
    assert sum(1 for record in records if record.ok) == 1


def test_a_case_id_used_twice_is_reported_on_its_second_row() -> None:
    data = _book({"Berkas": [["Nomor berkas"], ["B-1"], ["B-1"]], "Biaya": [["Nomor berkas"]]})
    first, second = _records(data)
    assert first.ok
    assert second.position == "row 3"
    assert "used twice" in second.problems[0].message


def test_a_workbook_without_entity_sheets_is_read_in_the_flat_layout() -> None:
    data = _book(
        {"Sheet1": [["case_id", "documents.0.type", "documents.0.id"], ["C-1", "passport", "p"]]}
    )
    [record] = _records(data)
    assert record.data == {"case_id": "C-1", "documents": [{"type": "passport", "id": "p"}]}


def test_a_damaged_workbook_is_one_clear_problem() -> None:
    [record] = _records(b"PK\x03\x04 not really a zip", name="rusak.xlsx")
    assert not record.ok
    assert "not a readable Excel workbook" in record.problems[0].message


def test_excel_files_are_recognised_by_name_and_by_content() -> None:
    assert detect_format("kasus.xlsx") == "xlsx"
    assert detect_format("-", b"PK\x03\x04rest") == "xlsx"


def test_a_folder_of_csv_files_is_read_as_the_tidy_layout(tmp_path: Path) -> None:
    (tmp_path / "berkas.csv").write_text("Nomor berkas;Negara tujuan\nB-1;Arab Saudi\n", "utf-8")
    (tmp_path / "langkah.csv").write_text(
        "\ufeffNomor berkas;Langkah;Tanggal\nB-1;Berangkat;3 Juli 2023\n", "utf-8"
    )
    [record] = list(read_records(tmp_path))
    assert record.data is not None
    assert record.data["destination"] == "SA"
    assert record.data["history"][0]["step"] == "departed"
    assert record.place(("history", 0, "occurred_at")) == "langkah!C2 (Tanggal)"


def test_both_workbook_readers_give_the_same_cells(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    path = _sample_workbook(tmp_path / "kasus.xlsx")
    data = path.read_bytes()
    calamine = load_workbook_rows(data, "calamine")
    openpyxl = load_workbook_rows(data, "openpyxl")
    assert list(calamine) == list(openpyxl)
    from pmi_workflow.io.sheets import cell_text

    for name in calamine:
        left = [[cell_text(cell) for cell in row] for row in calamine[name]]
        right = [[cell_text(cell) for cell in row] for row in openpyxl[name]]
        width = max(len(row) for row in left)
        assert [row + [None] * (width - len(row)) for row in left] == [
            row + [None] * (width - len(row)) for row in right
        ]


# -- cells a spreadsheet program would show differently from what the file holds ----------

_ENGINES = ["calamine", "openpyxl"]


def _read_with(engine: str, data: bytes, monkeypatch: pytest.MonkeyPatch) -> list[SourceRecord]:
    """The records of a workbook as one engine reads it (the other made unavailable)."""
    from pmi_workflow.io import sheets

    if engine == "calamine":
        pytest.importorskip("python_calamine")
    else:

        def missing(data: bytes) -> dict[str, list[list[Any]]]:
            raise ImportError("python_calamine")

        monkeypatch.setattr(sheets, "_rows_calamine", missing)
    return _records(data)


def _rewrite_sheet(data: bytes, old: bytes, new: bytes) -> bytes:
    """The workbook with ``old`` replaced by ``new`` in its first sheet's XML (a cell as
    Excel would save it, which openpyxl cannot write)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert old in content, content
                content = content.replace(old, new)
            target.writestr(item, content)
    return out.getvalue()


def _problems_of(record: SourceRecord) -> list[dict[str, str]]:
    result = validate_record(Settings(as_of=AS_OF), record)
    assert result["status"] == "invalid", result
    problems: list[dict[str, str]] = result["problems"]
    return problems


@pytest.mark.parametrize("engine", _ENGINES)
def test_a_formula_without_a_computed_value_is_reported_at_its_cell(
    engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _book(
        {
            "Berkas": [["Nomor berkas", "Tanggal lahir"], ["B-1", "=DATE(2006,8,1)"]],
            "Langkah": [["Nomor berkas", "Langkah", "Tanggal"], ["B-1", "informed", "=TODAY()"]],
        }
    )
    [record] = _read_with(engine, data, monkeypatch)
    formulas = [problem for problem in record.problems if problem.kind == "formula"]
    assert [record.place(problem.location) for problem in formulas] == [
        "Berkas!B2 (Tanggal lahir)",
        "Langkah!C2 (Tanggal)",
    ]
    [problem] = [
        item for item in _problems_of(record) if item["where"] == "Berkas!B2 (Tanggal lahir)"
    ]
    assert problem["kind"] == "formula"
    assert "save it" in problem["message"]
    assert "rumus" in problem["message_id"]
    assert "simpan" in problem["message_id"]


@pytest.mark.parametrize("engine", _ENGINES)
def test_a_formula_without_a_value_in_the_flat_layout_is_reported_at_its_cell(
    engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _book({"Sheet": [["case_id", "applicant.birth_date"], ["C-1", "=DATE(2006,8,1)"]]})
    [record] = _read_with(engine, data, monkeypatch)
    [problem] = record.problems
    assert (problem.location, problem.kind) == (("applicant", "birth_date"), "formula")
    assert record.place(problem.location) == "Sheet!B2 (applicant.birth_date)"


@pytest.mark.parametrize("engine", _ENGINES)
def test_a_formula_saved_with_its_value_is_read_as_the_value(
    engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _book({"Sheet": [["case_id", "note"], ["=1", "=2"]]})
    data = _rewrite_sheet(
        data, b'<c r="A2"><f>1</f><v /></c>', b'<c r="A2" t="str"><f>"C-"&amp;1</f><v>C-1</v></c>'
    )
    # a formula whose result is empty text is an empty cell, not a missing result
    data = _rewrite_sheet(
        data, b'<c r="B2"><f>2</f><v /></c>', b'<c r="B2" t="str"><f>""</f><v></v></c>'
    )
    [record] = _read_with(engine, data, monkeypatch)
    assert record.ok, record.problems
    assert record.data == {"case_id": "C-1"}


@pytest.mark.parametrize("engine", _ENGINES)
@pytest.mark.parametrize(
    ("sheet", "header", "value"),
    [
        ("Berkas", "NIK", 3603120108060000),  # what a General cell keeps of 3603120108060001
        ("Berkas", "Telepon", 81234567890),  # 081234567890 without its 0
        ("Berkas", "NPWP pelaksana penempatan", 13121660091000),
        ("Dokumen", "Nomor", 1234567),
    ],
)
def test_an_identifier_typed_as_a_number_is_refused_at_its_cell(
    engine: str, sheet: str, header: str, value: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = procedural_case_data("p2p")
    buffer = io.BytesIO()
    write_cases_workbook([case], buffer)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    cells = book[sheet]
    column = [cell.value for cell in cells[1]].index(header) + 1
    cells.cell(row=2, column=column).value = value
    out = io.BytesIO()
    book.save(out)
    [record] = _read_with(engine, out.getvalue(), monkeypatch)
    letter = cells.cell(row=2, column=column).column_letter
    [problem] = _problems_of(record)
    assert problem["where"] == f"{sheet}!{letter}2 ({header})"
    assert problem["kind"] == "number_cell"
    assert "Text" in problem["message"]
    assert "Teks" in problem["message_id"]
    assert str(value) not in problem["message"] + problem["message_id"]


def test_a_nik_typed_as_a_number_in_the_flat_layout_is_refused() -> None:
    data = _book({"Sheet": [["case_id", "applicant.nik"], ["C-1", 3603120108060000]]})
    [record] = _records(data)
    [problem] = record.problems
    assert (problem.location, problem.kind) == (("applicant", "nik"), "number_cell")
    assert record.place(problem.location) == "Sheet!B2 (applicant.nik)"


def test_numbers_that_are_amounts_and_counts_may_be_number_cells() -> None:
    data = _book(
        {
            "Berkas": [["Nomor berkas", "Kode kabupaten/kota"], [1, 3603]],
            "Biaya": [["Nomor berkas", "Jumlah"], [1, 7500000]],
        }
    )
    [record] = _records(data)
    assert record.ok, record.problems
    assert record.data is not None
    assert record.data["applicant"] == {"address": {"regency_code": "3603"}}
    assert record.data["costs"] == [{"amount": "7500000"}]


def test_a_csv_folder_never_repeats_a_name_written_where_a_heading_should_be(
    tmp_path: Path,
) -> None:
    from pmi_workflow.io.sheets import read_csv_folder

    twice = tmp_path / "twice"
    twice.mkdir()
    (twice / "berkas.csv").write_text(
        "Nomor berkas,NIK,Budi Santoso,Budi Santoso\nC-1,x,y,z\n", "utf-8"
    )
    group = tmp_path / "group"
    group.mkdir()
    (group / "berkas.csv").write_text(
        "Nomor berkas,Budi Santoso,Budi Santoso.x\nC-1,a,b\n", "utf-8"
    )
    for folder in (twice, group):
        shown = " ".join(
            f"{problem.where} {problem.message}"
            for record in read_csv_folder(folder, "folder")
            for problem in record.problems
        )
        assert shown, folder.name
        assert "Budi" not in shown
        assert "Santoso" not in shown
