"""The tidy layout's edge cases: lists in cells, bad columns, derived ids, folders and sizes."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from pmi_workflow.io import read_records
from pmi_workflow.io.sizing import count_records, fit_workers
from pmi_workflow.io.tidy import Table, assemble, column_letter, field_of


def _tables(**sheets: list[dict[str, Any]]) -> dict[str, Table]:
    tables = {}
    for entity, rows in sheets.items():
        header = list(dict.fromkeys(key for row in rows for key in row))
        tables[entity] = Table(entity.title(), header, [(n, row) for n, row in enumerate(rows, 2)])
    return tables


def test_list_cells_are_split_on_commas_and_semicolons() -> None:
    tables = _tables(
        cases=[{"Nomor berkas": "B-1"}],
        events=[{"Nomor berkas": "B-1", "Langkah": "Terdaftar sebagai CPMI",
                 "Bukti": "msc-1, consent-1; ktp-1"}],
        documents=[{"Nomor berkas": "B-1", "Jenis dokumen": "Perjanjian Kerja",
                    "Isi Perjanjian Kerja": "wage;leave", "Upah": "1700",
                    "Mata uang upah": "MYR"}],
    )  # fmt: skip
    [record] = assemble(tables, "kasus.xlsx")
    assert record.data is not None
    assert record.data["history"][0]["evidence"] == ["msc-1", "consent-1", "ktp-1"]
    [document] = record.data["documents"]
    assert document["terms"] == ["wage", "leave"]
    assert document["wage"] == {"amount": "1700", "currency": "MYR"}
    assert document["id"] == "employment-contract-1"


def test_derived_document_ids_do_not_clash_with_typed_ones() -> None:
    tables = _tables(
        cases=[{"Nomor berkas": "B-1"}],
        documents=[
            {"Nomor berkas": "B-1", "Jenis dokumen": "Paspor", "ID dokumen": "passport-1"},
            {"Nomor berkas": "B-1", "Jenis dokumen": "Paspor"},
            {"Nomor berkas": "B-1"},
        ],
    )
    [record] = assemble(tables, "kasus.xlsx")
    assert record.data is not None
    ids = [item["id"] for item in record.data["documents"]]
    assert ids == ["passport-1", "passport-2", "dokumen-1"]


def test_a_bad_column_in_another_sheet_is_a_problem_of_its_case_at_the_cell() -> None:
    tables = _tables(
        cases=[{"Nomor berkas": "B-1"}],
        costs=[{"Nomor berkas": "B-1", "amount": "1", "amount.value": "2"}],
    )
    [record] = assemble(tables, "kasus.xlsx")
    assert not record.ok
    assert record.problems[0].location[:2] == ("costs", 0)
    assert record.place(record.problems[0].location).startswith("Costs!")


def test_a_bad_column_in_the_cases_sheet_is_reported_on_its_row() -> None:
    tables = _tables(cases=[{"Nomor berkas": "B-1", "applicant": "x", "applicant.nik": "1"}])
    [record] = assemble(tables, "kasus.xlsx")
    assert not record.ok
    assert record.position == "row 2"


def test_a_workbook_without_a_cases_sheet_says_so() -> None:
    [record] = assemble({"events": Table("Langkah", [])}, "kasus.xlsx")
    assert "no cases sheet" in record.problems[0].message


def test_headers_and_columns_are_named_as_people_name_them() -> None:
    assert field_of("cases", " negara   TUJUAN ") == "destination"
    assert field_of("events", "Peran") == "actor.role"
    assert column_letter(701) == "ZZ"


def test_a_folder_without_a_cases_file_is_one_clear_problem(tmp_path: Path) -> None:
    (tmp_path / "langkah.csv").write_text("Nomor berkas\nB-1\n", "utf-8")
    (tmp_path / "catatan.csv").write_text("x\n1\n", "utf-8")
    [record] = list(read_records(tmp_path))
    assert "no cases file" in record.problems[0].message


def test_a_folder_with_only_a_cases_file_is_read_in_the_flat_layout(tmp_path: Path) -> None:
    (tmp_path / "cases.csv").write_text("case_id,documents.0.type\nC-1,passport\n", "utf-8")
    [record] = list(read_records(tmp_path))
    assert record.data == {"case_id": "C-1", "documents": [{"type": "passport"}]}


def test_a_folder_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    (tmp_path / "berkas.csv").write_bytes(b"Nomor berkas\n\xff\xfe\x00B\n")
    (tmp_path / "biaya.csv").write_text("Nomor berkas\n", "utf-8")
    [record] = list(read_records(tmp_path))
    assert "not UTF-8" in record.problems[0].message


def test_duplicate_headers_in_a_sheet_are_reported() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Berkas"
    book.active.append(["Nomor berkas", "NIK", "NIK"])
    book.active.append(["B-1", "1", "2"])
    book.create_sheet("Biaya").append(["Nomor berkas"])
    buffer = io.BytesIO()
    book.save(buffer)
    records = list(read_records(io.BytesIO(buffer.getvalue()), name="kasus.xlsx"))
    assert any("columns appear twice" in p.message for r in records for p in r.problems)


def test_the_openpyxl_reader_is_used_when_calamine_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from pmi_workflow.io import sheets

    def missing(data: bytes) -> dict[str, list[list[Any]]]:
        raise ImportError("python_calamine")

    monkeypatch.setattr(sheets, "_rows_calamine", missing)
    book = openpyxl.Workbook()
    book.active.append(["case_id"])
    book.active.append(["C-1"])
    buffer = io.BytesIO()
    book.save(buffer)
    [record] = list(read_records(io.BytesIO(buffer.getvalue()), name="kasus.xlsx"))
    assert record.data == {"case_id": "C-1"}


def test_records_are_counted_for_the_progress_bar(tmp_path: Path) -> None:
    lines = tmp_path / "kasus.jsonl"
    lines.write_text(json.dumps({"a": 1}) + "\n\n" + json.dumps({"a": 2}) + "\n", "utf-8")
    assert count_records(str(lines)) == 2
    assert count_records(str(tmp_path / "kasus.json")) is None
    assert count_records("-") is None
    data = tmp_path / "kasus.json"
    data.write_text("[]", "utf-8")
    assert count_records(str(data)) is None


def test_more_workers_than_cpus_are_reduced_with_a_note() -> None:
    workers, note = fit_workers(4, cpus=2, records=3000)
    assert workers == 2
    assert note is not None
    assert "2 CPU" in note
    assert fit_workers(2, cpus=4) == (2, None)
    assert fit_workers(0, cpus=3, records=None) == (3, None)
