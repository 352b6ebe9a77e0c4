"""Read spreadsheets: Excel workbooks (``.xlsx``) and folders of CSV files, one per sheet.

A workbook whose sheets are named after the entities of the tidy layout
(``Berkas``, ``Dokumen``, ``Langkah``, ``Biaya``; see
:mod:`pmi_workflow.io.tidy`) is read in that layout; any other workbook is
read in the flat layout from its first sheet (one case per row, dotted
column names), as a CSV file would be. A folder of CSV files is read in the
tidy layout, each file standing for the sheet its name says
(``berkas.csv``, ``langkah.csv``...).

Excel date cells come in as dates; text cells are read as the officer typed
them (``3 Juli 2023``, ``03/07/2023``). Whole numbers typed as numbers (an
amount) keep all the digits the file holds; an identifier typed as a number (a
NIK, an NPWP, a phone or document number: see
:data:`~pmi_workflow.io.tidy.TEXT_ONLY_FIELDS`) is refused at its cell, since a
spreadsheet keeps 15 significant digits and no leading zero. A formula saved
without its computed value (a file written by a program and never opened in a
spreadsheet program) is reported at its cell, not read as an empty one.

Workbooks are read with python-calamine when it is installed (measured about
ten times faster than openpyxl on a 3,000-row workbook) and with openpyxl
otherwise; both come with the ``xlsx`` extra.

>>> import io
>>> from openpyxl import Workbook
>>> book = Workbook()
>>> sheet = book.active
>>> sheet.append(["case_id", "applicant.birth_date", "destination"])
>>> sheet.append(["C-1", datetime.datetime(2000, 7, 3), "Arab Saudi"])
>>> buffer = io.BytesIO()
>>> book.save(buffer)
>>> record = next(read_workbook(io.BytesIO(buffer.getvalue()), "kasus.xlsx"))
>>> record.position, record.data
('row 2', {'case_id': 'C-1', 'applicant': {'birth_date': '2000-07-03'}, 'destination': 'SA'})
"""

from __future__ import annotations

import csv
import datetime
import io
import logging
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

from pmi_workflow.errors import InputProblem
from pmi_workflow.io.readers import SourceRecord, shown_columns
from pmi_workflow.io.tidy import (
    COLUMNS,
    UNCOMPUTED_FORMULA,
    CellProblem,
    NumberText,
    Table,
    assemble,
    entity_of_sheet,
    is_tidy,
)

__all__ = ["ENGINES", "cell_text", "load_workbook_rows", "read_csv_folder", "read_workbook"]

_log = logging.getLogger(__name__)

_HEADINGS = frozenset(title for columns in COLUMNS.values() for title in columns)
"""The headings of the tidy sheets, which a message may repeat (any other heading may be data)."""

ENGINES = ("calamine", "openpyxl")
"""The workbook readers, in the order they are tried."""

_MAX_WORKBOOK_BYTES = 200 * 1024 * 1024


def cell_text(value: Any) -> Any:
    """A spreadsheet cell as the record wants it: text, or ``None`` when empty.

    A number cell gives a :class:`~pmi_workflow.io.tidy.NumberText`, a cell that
    holds no readable value its :class:`~pmi_workflow.io.tidy.CellProblem`.

    >>> cell_text(datetime.datetime(2023, 7, 3)), cell_text(3603121505950002.0), cell_text(2.5)
    ('2023-07-03', '3603121505950002', '2.5')
    >>> cell_text(datetime.datetime(2023, 7, 3, 8, 30)), cell_text(True), cell_text("  ")
    ('2023-07-03T08:30:00', 'true', None)
    >>> type(cell_text(3603121505950002)).__name__, type(cell_text("3603121505950002")).__name__
    ('NumberText', 'str')
    """
    if value is None or isinstance(value, CellProblem):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e17:
            return NumberText(int(value))
        return NumberText(repr(value))
    if isinstance(value, int):
        return NumberText(value)
    if isinstance(value, datetime.timedelta):
        return str(value)
    text = str(value)
    return text if text.strip() else None


def _rows_calamine(data: bytes) -> dict[str, list[list[Any]]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets: dict[str, list[list[Any]]] = {}
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        sheets[name] = [list(row) for row in sheet.to_python(skip_empty_area=False)]
    return sheets


def _rows_openpyxl(data: bytes) -> dict[str, list[list[Any]]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return {
            sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        }
    finally:
        book.close()


def load_workbook_rows(data: bytes, engine: str | None = None) -> dict[str, list[list[Any]]]:
    """Every sheet of a workbook as rows of cell values, by sheet name, in sheet order.

    ``engine`` is ``"calamine"`` or ``"openpyxl"``; by default the first of
    :data:`ENGINES` that is installed. Raises ``ImportError`` when none is.
    A formula cell saved without its computed value holds
    :data:`~pmi_workflow.io.tidy.UNCOMPUTED_FORMULA`.
    """
    if engine == "openpyxl":
        sheets = _rows_openpyxl(data)
    elif engine == "calamine":
        sheets = _rows_calamine(data)
    else:
        try:
            sheets = _rows_calamine(data)
        except ImportError:
            sheets = _rows_openpyxl(data)
    for name, cells in _uncomputed_formulas(data).items():
        rows = sheets.get(name)
        if rows is None:
            continue
        for row_index, column in cells:
            while len(rows) <= row_index:
                rows.append([])
            row = rows[row_index]
            row.extend([None] * (column + 1 - len(row)))
            if row[column] in (None, ""):
                row[column] = UNCOMPUTED_FORMULA
    return sheets


# Neither reader tells a formula saved without its value from an empty cell: openpyxl gives
# None with data_only=True and loses every computed value with data_only=False (a second full
# load would be needed), python-calamine gives "" and has no formula API. So the sheets' XML
# is scanned once for both, and only the sheets that hold a formula at all are parsed.
_FORMULA_TAG = re.compile(rb"<(?:[\w.-]+:)?f[\s>/]")
_CELL_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]+)")
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """The part (file in the archive) of each worksheet, by sheet name."""
    workbook = "xl/workbook.xml"
    rels = ElementTree.fromstring(archive.read("_rels/.rels"))
    for item in rels:
        if item.get("Type", "").endswith("/officeDocument"):
            workbook = item.get("Target", workbook).lstrip("/")
    folder, _, leaf = workbook.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    targets = {
        item.get("Id"): item.get("Target", "")
        for item in ElementTree.fromstring(archive.read(f"{prefix}_rels/{leaf}.rels"))
    }
    parts: dict[str, str] = {}
    for element in ElementTree.fromstring(archive.read(workbook)).iter():
        if _local(element.tag) != "sheet":
            continue
        target = targets.get(element.get(_RELATIONSHIP))
        if target:
            parts[element.get("name", "")] = (
                target.lstrip("/") if target.startswith("/") else f"{prefix}{target}"
            )
    return parts


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _uncomputed_formulas(data: bytes) -> dict[str, list[tuple[int, int]]]:
    """The cells, as 0-based ``(row, column)``, of each sheet that hold a formula saved
    without its computed value. A formula whose value is empty text is not one of them."""
    found: dict[str, list[tuple[int, int]]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name, part in _sheet_parts(archive).items():
                xml = archive.read(part)
                if _FORMULA_TAG.search(xml) is None:
                    continue
                cells = _formula_cells(xml)
                if cells:
                    found[name] = cells
    except Exception as error:  # the reader has read the workbook: the scan only adds a
        # reason to some empty cells, and a part it cannot follow leaves them empty
        _log.debug("formula scan skipped: %s", type(error).__name__)
    return found


def _formula_cells(xml: bytes) -> list[tuple[int, int]]:
    cells: list[tuple[int, int]] = []
    pending: list[int] = []  # the formula columns of the row being read
    row_index, column = -1, -1
    for _, element in ElementTree.iterparse(io.BytesIO(xml)):
        tag = _local(element.tag)
        if tag == "c":
            column += 1  # the place of a cell without a reference (Excel always writes one)
            formula = value = None
            for child in element:
                name = _local(child.tag)
                if name == "f":
                    formula = child
                elif name == "v":
                    value = child
            if formula is not None and (
                value is None or (not value.text and element.get("t") not in ("str", "inlineStr"))
            ):
                match = _CELL_REFERENCE.fullmatch(element.get("r", ""))
                pending.append(_column_index(match[1]) if match else column)
        elif tag == "row":
            number = element.get("r")
            row_index = int(number) - 1 if number else row_index + 1
            cells.extend((row_index, item) for item in pending)
            pending.clear()
            column = -1
            element.clear()
    return cells


def _table(name: str, rows: list[list[Any]]) -> Table | None:
    """The rows of a sheet under its header row (the first row with any text)."""
    header_index = None
    for index, row in enumerate(rows):
        if any(cell_text(cell) for cell in row):
            header_index = index
            break
    if header_index is None:
        return None
    header = [
        "" if isinstance(text := cell_text(cell), CellProblem) else str(text or "").strip()
        for cell in rows[header_index]
    ]
    table = Table(name, header)
    names = [item for item in header if item]
    duplicates = sorted({item for item in names if names.count(item) > 1})
    if duplicates:
        shown = shown_columns(duplicates, _HEADINGS)
        table.problems.append(
            (
                header_index + 1,
                InputProblem((), f"columns appear twice in sheet {name}: {shown}", "header"),
            )
        )
        return table
    for index, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        cells = {
            title: text
            for title, text in zip(header, (cell_text(cell) for cell in row), strict=False)
            if title and text is not None
        }
        if cells:
            table.rows.append((index, cells))
    return table


def _problem_record(label: str, message: str, kind: str) -> SourceRecord:
    return SourceRecord(label, "row", 1, 1, None, (InputProblem((), message, kind),))


def read_workbook(stream: IO[bytes], label: str) -> Iterator[SourceRecord]:
    """Every case record of an Excel workbook (tidy or flat layout); problems as records."""
    data = stream.read(_MAX_WORKBOOK_BYTES + 1)
    if len(data) > _MAX_WORKBOOK_BYTES:
        yield _problem_record(label, "the workbook is larger than 200 MiB", "too_large")
        return
    try:
        sheets = load_workbook_rows(data)
    except ImportError:
        yield _problem_record(
            label, "reading Excel needs the xlsx extra: pip install 'pmi-workflow[xlsx]'", "file"
        )
        return
    except Exception as error:  # a damaged or foreign file: any reader error is reported
        _log.debug("workbook %s unreadable: %s", label, type(error).__name__)
        yield _problem_record(label, "the file is not a readable Excel workbook (.xlsx)", "file")
        return
    yield from _records_of_sheets(sheets, label)


def _records_of_sheets(sheets: dict[str, list[list[Any]]], label: str) -> Iterator[SourceRecord]:
    if is_tidy(sheets):
        tables: dict[str, Table] = {}
        for name, rows in sheets.items():
            entity = entity_of_sheet(name)
            if entity is None or entity in tables:
                continue
            table = _table(name, rows)
            if table is not None:
                tables[entity] = table
        yield from assemble(tables, label)
        return
    for name, rows in sheets.items():
        table = _table(name, rows)
        if table is None:
            continue
        yield from assemble({"cases": table}, label)
        return
    yield _problem_record(label, "the workbook has no rows", "empty")


def _csv_rows(path: Path) -> list[list[Any]]:
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        counts = {delimiter: first.count(delimiter) for delimiter in (",", ";", "\t")}
        delimiter = max(counts, key=lambda key: counts[key])
        handle.seek(0)
        return [list(row) for row in csv.reader(handle, delimiter=delimiter)]


def read_csv_folder(folder: str | os.PathLike[str], label: str) -> Iterator[SourceRecord]:
    """The case records of a folder with one CSV file per sheet of the tidy layout.

    The files are found by name (``berkas.csv`` or ``cases.csv``,
    ``dokumen.csv``, ``langkah.csv``, ``biaya.csv``); other files are ignored.
    """
    sheets: dict[str, list[list[Any]]] = {}
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() not in (".csv", ".tsv", ".txt") or not path.is_file():
            continue
        if entity_of_sheet(path.stem) is None:
            continue
        try:
            sheets[path.stem] = _csv_rows(path)
        except UnicodeDecodeError:
            yield _problem_record(f"{label}/{path.name}", "the text is not UTF-8", "encoding")
            return
        except (OSError, csv.Error) as error:
            yield _problem_record(
                f"{label}/{path.name}", f"the file cannot be read ({type(error).__name__})", "file"
            )
            return
    if not any(entity_of_sheet(name) == "cases" for name in sheets):
        yield _problem_record(
            label, "the folder has no cases file (berkas.csv or cases.csv)", "sheet"
        )
        return
    if not is_tidy(sheets):
        name = next(name for name in sheets if entity_of_sheet(name) == "cases")
        table = _table(name, sheets[name])
        if table is not None:
            yield from assemble({"cases": table}, label)
        return
    yield from _records_of_sheets(sheets, label)
