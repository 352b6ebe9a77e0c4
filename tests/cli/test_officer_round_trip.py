"""An officer's round trip: template → a filled workbook of 30 cases with mistakes → validate →
results workbook → corrections at the cells named → report HTML → PDF in headless Chromium."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("openpyxl")

from openpyxl import load_workbook
from typer.testing import CliRunner

from pmi_workflow.cli.app import app
from pmi_workflow.dates import parse_datetime
from pmi_workflow.io.workbook import case_rows
from pmi_workflow.labels import format_date
from pmi_workflow.samples import procedural_case_data

RUNNER = CliRunner()
SCHEMES = ("p2p", "g2g", "ukps", "perseorangan", "re_entry")
AS_OF = "2024-06-01"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHEETS = {"cases": "Berkas", "documents": "Dokumen", "events": "Langkah", "costs": "Biaya"}


def _thirty_cases() -> list[dict[str, Any]]:
    cases = []
    for number in range(30):
        data = copy.deepcopy(procedural_case_data(SCHEMES[number % len(SCHEMES)]))
        data["case_id"] = f"DSN-2024-{number + 1:03d}"
        cases.append(data)
    # Mistakes a person makes, on purpose:
    next(document for document in cases[7]["documents"]
         if document["type"] == "visa")["visa_type"] = "visit"  # fmt: skip
    next(document for document in cases[8]["documents"]
         if document["type"] == "visa")["country"] = "QA"  # fmt: skip
    cases[9]["applicant"]["birth_date"] = "2008-01-05"
    return cases


def _fill(template: Path, cases: list[dict[str, Any]]) -> None:
    book = load_workbook(template)
    for case in cases:
        for entity, rows in case_rows(case).items():
            sheet = book[SHEETS[entity]]
            header = [cell.value for cell in sheet[1]]
            for row in rows:
                for title in row:
                    if title not in header:
                        header.append(title)
                        sheet.cell(row=1, column=len(header), value=title)
                sheet.append([row.get(title) for title in header])
    events = book["Langkah"]
    header = [cell.value for cell in events[1]]
    date_column = header.index("Tanggal") + 1
    case_column = header.index("Nomor berkas") + 1
    for row in range(2, events.max_row + 1):
        cell = events.cell(row=row, column=date_column)
        owner = events.cell(row=row, column=case_column).value
        moment = parse_datetime(cell.value)  # written as recorded: "08/01/2024 09:00 WIB"
        if owner == "DSN-2024-006" and moment.day > 12:
            # written month first, as a spreadsheet set up for the United States would
            cell.value = f"{moment.month}/{moment.day}/{moment.year}"
        elif owner in ("DSN-2024-001", "DSN-2024-002"):
            cell.value = format_date(moment.date(), "id")  # typed as text: "8 Januari 2024"
    cases_sheet = book["Berkas"]
    header = [cell.value for cell in cases_sheet[1]]
    destination = header.index("Negara tujuan") + 1
    cases_sheet.cell(row=8, column=destination).value = "Atlantis"  # DSN-2024-007
    assert cases[1]["destination"] == "KR"
    cases_sheet.cell(row=3, column=destination).value = "Korea Selatan"  # DSN-2024-002
    book.save(template)


def _results(path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    book = load_workbook(path)
    verdicts = list(book["Putusan berkas"].iter_rows(min_row=2, values_only=True))
    findings = list(book["Temuan"].iter_rows(min_row=2, values_only=True))
    return verdicts, findings


def _correct(workbook: Path, findings: list[tuple[Any, ...]], cases: list[dict[str, Any]]) -> None:
    """Correct every cell the results name, as the officer would."""
    book = load_workbook(workbook)
    by_id = {case["case_id"]: case for case in cases}
    for row in findings:
        if row[1] != "Data tidak valid":
            continue
        place = re.fullmatch(r"(\w+)!([A-Z]+)(\d+) \((.+)\)", str(row[7]))
        assert place is not None, row
        sheet, column, number, header = place.groups()
        cell = book[sheet][f"{column}{number}"]
        if header == "Negara tujuan":
            cell.value = by_id[row[0]]["destination"]  # the code is accepted too
        elif header == "Tanggal":
            month, day, year = (int(part) for part in str(cell.value).split("/"))
            cell.value = f"{day:02d}/{month:02d}/{year}"
        else:  # pragma: no cover - the test made no other mistake
            pytest.fail(f"unexpected problem at {row[7]}")
    book.save(workbook)


def test_an_officer_round_trip_from_template_to_printed_report(tmp_path: Path) -> None:
    workbook = tmp_path / "berkas.xlsx"
    assert RUNNER.invoke(app, ["template", str(workbook)]).exit_code == 0
    cases = _thirty_cases()
    _fill(workbook, cases)

    results = tmp_path / "hasil.xlsx"
    checked = RUNNER.invoke(
        app, ["validate", str(workbook), "--as-of", AS_OF, "--lang", "id", "--out", str(results)]
    )
    assert checked.exit_code == 2, checked.output  # some records cannot be read
    verdicts, findings = _results(results)
    assert len(verdicts) == 30
    by_case = {row[0]: row[2] for row in verdicts}
    assert by_case["DSN-2024-006"] == "Data tidak valid"
    assert by_case["DSN-2024-007"] == "Data tidak valid"
    for case_id in ("DSN-2024-008", "DSN-2024-009", "DSN-2024-010"):
        assert by_case[case_id] == "Nonprosedural", case_id
    assert by_case["DSN-2024-001"] == "Prosedural"  # Indonesian text dates read
    assert by_case["DSN-2024-002"] == "Prosedural"  # and Indonesian country names
    problems = [row for row in findings if row[1] == "Data tidak valid"]
    assert {str(row[7]).split("!")[0] for row in problems} == {"Berkas", "Langkah"}
    assert all(row[3] and not re.search(r"[A-Za-z]+ required|not a date", row[3])
               for row in problems)  # fmt: skip
    assert any("bulan lebih dulu" in row[3] for row in problems)

    _correct(workbook, findings, cases)
    again = RUNNER.invoke(
        app, ["validate", str(workbook), "--as-of", AS_OF, "--lang", "id", "--out", str(results)]
    )
    assert again.exit_code == 1, again.output  # readable now; three cases are non-procedural
    verdicts, _ = _results(results)
    assert sorted(row[2] for row in verdicts).count("Nonprosedural") == 3

    page = tmp_path / "laporan.html"
    reported = RUNNER.invoke(
        app,
        ["report", str(workbook), "--regency", "3603", "--from", "1 Januari 2024",
         "--to", "31/05/2024", "--lang", "id", "--format", "html", "--out", str(page)],
    )  # fmt: skip
    assert reported.exit_code == 0, reported.output
    html = page.read_text("utf-8")
    assert "1 Januari–31 Mei 2024" in html
    assert "Kecamatan" in html
    assert "Daftar tindak lanjut" in html
    assert not re.search(r">\s*\d{4}-\d{2}-\d{2}\s*<", html)

    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: the PDF step is not run")
    pdf = tmp_path / "laporan.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={tmp_path / 'profile'}",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert 1 <= len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) <= 6
