"""The fill-in workbook: Indonesian headers, drop-down lists and a Petunjuk sheet."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

pytest.importorskip("openpyxl")

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from pmi_workflow.cli.app import app
from pmi_workflow.cli.jobs import Settings, validate_record
from pmi_workflow.io import read_records
from pmi_workflow.io.workbook import case_rows
from pmi_workflow.samples import procedural_case_data

runner = CliRunner()


def _template(tmp_path: Path) -> Path:
    path = tmp_path / "berkas.xlsx"
    result = runner.invoke(app, ["template", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_the_template_has_the_four_sheets_a_guide_and_hidden_lists(tmp_path: Path) -> None:
    book = load_workbook(_template(tmp_path))
    assert book.sheetnames[:5] == ["Petunjuk", "Berkas", "Dokumen", "Langkah", "Biaya"]
    assert book["Daftar pilihan"].sheet_state == "hidden"
    guide = " ".join(str(row[0]) for row in book["Petunjuk"].iter_rows(values_only=True) if row[0])
    assert "hari/bulan/tahun" in guide
    assert "Nomor urut langkah tidak perlu diisi" in guide
    assert book["Langkah"].freeze_panes == "A2"


def test_steps_roles_countries_and_schemes_are_chosen_from_indonesian_lists(
    tmp_path: Path,
) -> None:
    book = load_workbook(_template(tmp_path))
    lists = book["Daftar pilihan"]
    columns = {
        str(column[0].value): [cell.value for cell in column[1:] if cell.value]
        for column in lists.iter_cols()
    }
    assert "Terdaftar di BPJS Ketenagakerjaan" in columns["Langkah"]
    assert "Disnaker kabupaten/kota" in columns["Pencatat"]
    assert columns["Negara"][:4] == ["Malaysia", "Taiwan", "Hong Kong", "Arab Saudi"]
    assert "Tiongkok" in columns["Negara"]
    assert "Cina" not in columns["Negara"]
    assert "Penempatan oleh P3MI (P to P)" in columns["Skema"]
    assert "Pengurus rumah tangga" in columns["Jabatan"]
    events = book["Langkah"]
    header = [cell.value for cell in events[1]]
    step_column = events.cell(row=1, column=header.index("Langkah") + 1).column_letter
    validations = {str(item.sqref): item for item in events.data_validations.dataValidation}
    [step_list] = [item for ref, item in validations.items() if ref.startswith(step_column)]
    assert step_list.type == "list"
    assert "Daftar pilihan" in step_list.formula1
    [own_case] = [item for ref, item in validations.items() if ref.startswith("A2:")]
    assert own_case.formula1.startswith("'Berkas'!$A$2")


def test_a_filled_template_is_read_and_judged(tmp_path: Path) -> None:
    path = _template(tmp_path)
    book = load_workbook(path)
    rows = case_rows(procedural_case_data("p2p"))
    for entity, name in (("cases", "Berkas"), ("documents", "Dokumen"), ("events", "Langkah"),
                         ("costs", "Biaya")):  # fmt: skip
        sheet = book[name]
        header = [cell.value for cell in sheet[1]]
        for row in rows[entity]:
            for key in row:
                if key not in header:
                    header.append(key)
                    sheet.cell(row=1, column=len(header), value=key)
            sheet.append([row.get(title) for title in header])
    book.save(path)
    [record] = list(read_records(path))
    result = validate_record(Settings(as_of=datetime.date(2024, 6, 1)), record)
    assert result["status"] == "procedural", result


def test_the_template_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = _template(tmp_path)
    again = runner.invoke(app, ["template", str(path)])
    assert again.exit_code == 2
    assert "--force" in again.output
    assert runner.invoke(app, ["template", str(path), "--force"]).exit_code == 0


def test_an_empty_template_is_not_judged_as_nothing_to_report(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(_template(tmp_path)), "--lang", "id",
                                 "--format", "table"])  # fmt: skip
    assert result.exit_code == 2
    assert "tidak ada data" in result.output


def test_a_filled_workbook_is_stored_like_any_case_file(tmp_path: Path) -> None:
    path = tmp_path / "berkas.xlsx"
    from pmi_workflow.io.workbook import write_cases_workbook

    write_cases_workbook([procedural_case_data("p2p"), procedural_case_data("g2g")], path)
    database = tmp_path / "kasus.db"
    result = runner.invoke(
        app, ["store", "import", str(path), "--store", str(database), "--as-of", "2024-06-01"]
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 2
    assert all('"status": "stored"' in line for line in lines)


def test_results_go_to_a_workbook_or_a_json_lines_file_with_out(tmp_path: Path) -> None:
    from pmi_workflow.io.workbook import write_cases_workbook

    cases = tmp_path / "berkas.xlsx"
    write_cases_workbook([procedural_case_data("p2p")], cases)
    workbook = tmp_path / "hasil.xlsx"
    done = runner.invoke(app, ["validate", str(cases), "--as-of", "2024-06-01", "--out",
                               str(workbook), "--lang", "en"])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert load_workbook(workbook).sheetnames == ["Case verdicts", "Findings"]
    lines = tmp_path / "hasil.jsonl"
    done = runner.invoke(app, ["audit", str(cases), "--as-of", "2024-06-01", "--out", str(lines)])
    assert done.exit_code == 0, done.output
    assert '"status": "procedural"' in lines.read_text("utf-8")


def test_the_identifier_columns_are_text_so_a_nik_keeps_its_sixteen_digits(
    tmp_path: Path,
) -> None:
    book = load_workbook(_template(tmp_path))
    cases = book["Berkas"]
    header = [cell.value for cell in cases[1]]
    formats = {
        title: cases.column_dimensions[get_column_letter(index)].number_format
        for index, title in enumerate(header, start=1)
    }
    assert formats["NIK"] == "@"
    assert [title for title, shown in formats.items() if shown == "@"] != header  # not all
    assert cases.max_row == 1  # no formatted empty rows: appended rows start at row 2
