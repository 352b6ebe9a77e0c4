"""Write Excel workbooks: cases in the tidy layout, and batch results for an office.

:func:`write_cases_workbook` lays case records out as the tidy layout of
:mod:`pmi_workflow.io.tidy` (sheets ``Berkas``, ``Dokumen``, ``Langkah``,
``Biaya``) with Indonesian headers, labels instead of codes and real Excel
dates: what :func:`~pmi_workflow.io.read_records` reads back. An event's time
is written as recorded, wall time and zone (``12/01/2024 00:30 WITA``; see
:func:`~pmi_workflow.dates.moment_text`), so that it is read back as the same
instant on the same local day.
:func:`write_results_workbook` writes the results of ``validate`` or
``audit``: a sheet of case verdicts and a sheet of findings, formatted, with
a frozen header row and a filter. Both need the ``xlsx`` extra (openpyxl).

Personal data: the results workbook holds only what the results hold
(masked); the cases workbook holds the records as given, as a CSV export
would.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from pmi_workflow.dates import moment_text
from pmi_workflow.findings import basis_of
from pmi_workflow.io.flat import flatten
from pmi_workflow.io.tidy import (
    _LABELLED,
    _LABELLED_PATHS,
    _LIST_FIELDS,
    CASE_ID,
    COLUMNS,
    SHEET_NAMES,
)
from pmi_workflow.labels import first_upper, label, step_noun

__all__ = [
    "RESULT_SHEETS",
    "case_rows",
    "style_sheet",
    "write_cases_workbook",
    "write_results_workbook",
]

RESULT_SHEETS = {"id": ("Putusan berkas", "Temuan"), "en": ("Case verdicts", "Findings")}
"""The names of the two sheets of a results workbook, by language."""

_DATE_FIELDS = frozenset(
    {
        "birth_date",
        "issued_on",
        "expires_on",
        "valid_until",
        "signed_on",
        "cover_start",
        "paid_on",
    }
)
_HEADER_FILL = "1F4E79"


def _header_of(entity: str) -> dict[str, str]:
    return {path: header for header, path in COLUMNS[entity].items()}


def _cell(path: str, value: str) -> Any:
    last = path.rsplit(".", 1)[-1]
    kind = _LABELLED_PATHS.get(path) or _LABELLED.get(last)
    if kind is not None:
        return label(kind, value, "id")
    if last in _DATE_FIELDS:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if last == "occurred_at":  # the wall time and zone as recorded (12/01/2024 00:30 WITA)
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        return moment if moment.tzinfo is None else moment_text(moment)
    return value


def _row(entity: str, record: Mapping[str, Any], skip: Iterable[str] = ()) -> dict[str, Any]:
    skipped = set(skip)
    joined = {
        key: ", ".join(str(item) for item in value)
        for key, value in record.items()
        if key in _LIST_FIELDS and isinstance(value, (list, tuple))
    }
    rest = {key: value for key, value in record.items() if key not in joined and key not in skipped}
    flat = {**flatten(rest), **joined}
    headers = _header_of(entity)
    return {headers.get(path, path): _cell(path, value) for path, value in flat.items()}


def case_rows(case: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows one case record fills in each sheet of the tidy layout (header → cell).

    >>> rows = case_rows({"case_id": "B-1", "destination": "SA", "history": [
    ...     {"case_id": "B-1", "sequence": 1, "step": "informed",
    ...      "occurred_at": "2023-07-03T09:00:00+07:00", "actor": {"role": "disnaker"}}]})
    >>> rows["cases"]
    [{'Nomor berkas': 'B-1', 'Negara tujuan': 'Arab Saudi'}]
    >>> rows["events"][0]["Langkah"], rows["events"][0]["Pencatat"]
    ('Memperoleh informasi resmi', 'Disnaker kabupaten/kota')
    """
    case_id = str(case.get("case_id", ""))
    head = {
        key: value
        for key, value in case.items()
        if key not in ("documents", "costs", "history", "schema_version")
    }
    rows: dict[str, list[dict[str, Any]]] = {"cases": [_row("cases", head)]}
    rows["documents"] = [
        {CASE_ID: case_id, **_row("documents", document)} for document in case.get("documents", ())
    ]
    rows["events"] = [
        {CASE_ID: case_id, **_row("events", event, ("case_id", "sequence", "event_id"))}
        for event in case.get("history", ())
    ]
    rows["costs"] = [{CASE_ID: case_id, **_row("costs", cost)} for cost in case.get("costs", ())]
    return rows


def style_sheet(sheet: Any, widths: Sequence[int] | None = None) -> None:
    """Bold white header on blue, frozen header row, a filter, and readable column widths."""
    from openpyxl.styles import Alignment, Font, PatternFill

    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.freeze_panes = "A2"
    if sheet.max_row >= 1 and sheet.max_column >= 1:
        sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(sheet.iter_cols(min_row=1, max_row=min(sheet.max_row, 200))):
        if widths is not None and index < len(widths):
            width = widths[index]
        else:
            longest = max((len(str(cell.value)) for cell in column if cell.value is not None),
                          default=8)  # fmt: skip
            width = min(max(longest + 2, 10), 60)
        sheet.column_dimensions[column[0].column_letter].width = width


def _append(sheet: Any, values: Sequence[Any]) -> None:
    """Append a row; text that looks like a formula (``=...``) stays text, never a formula
    (a cell value from an input file must not run in the officer's spreadsheet)."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"
            cell.quotePrefix = True


def _date_format(sheet: Any) -> None:
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"


def write_cases_workbook(
    cases: Iterable[Mapping[str, Any]], target: str | os.PathLike[str] | IO[bytes]
) -> int:
    """Write case records (as :meth:`Case.to_dict` gives them) in the tidy layout.

    Returns the number of cases written.
    """
    from openpyxl import Workbook

    book = Workbook()
    sheets = {}
    headers: dict[str, list[str]] = {}
    collected: dict[str, list[dict[str, Any]]] = {entity: [] for entity in SHEET_NAMES}
    count = 0
    for case in cases:
        count += 1
        for entity, rows in case_rows(case).items():
            collected[entity].extend(rows)
    for index, (entity, name) in enumerate(SHEET_NAMES.items()):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name
        sheets[entity] = sheet
        header = list(dict.fromkeys([CASE_ID, *(key for row in collected[entity] for key in row)]))
        headers[entity] = header
        _append(sheet, header)
        for row in collected[entity]:
            _append(sheet, [row.get(column) for column in header])
        _date_format(sheet)
        style_sheet(sheet)
    book.save(target)
    return count


def _finding_rows(result: Mapping[str, Any], lang: str) -> Iterable[list[Any]]:
    for finding in result.get("findings", ()):
        step = finding.get("step")
        day = finding.get("on")
        shown_day: Any = None
        if day:
            try:
                shown_day = datetime.date.fromisoformat(str(day)[:10])
            except ValueError:
                shown_day = str(day)
        yield [
            result.get("case_id") or "",
            label("verdict", finding.get("severity", ""), lang),
            finding.get("code", ""),
            finding["message"]["id" if lang == "id" else "en"],
            "; ".join(basis_of(finding, lang)),
            (first_upper(step_noun(step)) if lang == "id" else label("step", step, "en"))
            if step
            else "",
            shown_day,
            result.get("position", ""),
        ]
    for problem in result.get("problems", ()):
        message = problem.get("message_id") if lang == "id" else None
        yield [
            result.get("case_id") or "",
            label("verdict", "invalid", lang),
            problem.get("kind", ""),
            message or problem.get("message", ""),
            "",
            "",
            None,
            problem.get("where", ""),
        ]


_VERDICT_HEADERS = {
    "id": ["Nomor berkas", "Sumber", "Putusan", "Kesalahan", "Peringatan", "Status terakhir",
           "Dinilai per"],
    "en": ["Case id", "Source", "Verdict", "Errors", "Warnings", "Current state", "As of"],
}  # fmt: skip
_FINDING_HEADERS = {
    "id": ["Nomor berkas", "Tingkat", "Kode", "Uraian", "Dasar hukum", "Langkah", "Tanggal",
           "Letak data"],
    "en": ["Case id", "Severity", "Code", "Message", "Legal basis", "Step", "Date", "Where"],
}  # fmt: skip


def write_results_workbook(
    results: Iterable[Mapping[str, Any]],
    target: str | os.PathLike[str] | IO[bytes],
    *,
    lang: str = "id",
) -> dict[str, int]:
    """Write batch results (``validate``/``audit`` result dictionaries) to a workbook.

    One sheet holds a row per case with its verdict, the other a row per
    finding (and per input problem, naming the cell). Returns the count of
    results by status.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    language = "id" if lang == "id" else "en"
    book = Workbook()
    verdicts = book.active
    verdicts.title = RESULT_SHEETS[language][0]
    findings = book.create_sheet(RESULT_SHEETS[language][1])
    verdicts.append(_VERDICT_HEADERS[language])
    findings.append(_FINDING_HEADERS[language])
    counts: dict[str, int] = {}
    for result in results:
        status = str(result.get("status", ""))
        counts[status] = counts.get(status, 0) + 1
        found = result.get("findings", ())
        errors = sum(1 for item in found if item.get("severity") == "error")
        state = result.get("state")
        as_of = result.get("as_of")
        _append(
            verdicts,
            [
                result.get("case_id") or "",
                f"{result.get('source', '')} {result.get('position', '')}".strip(),
                label("verdict", status, language),
                errors,
                len(found) - errors,
                label("step", state, language) if state else "",
                datetime.date.fromisoformat(as_of) if as_of else None,
            ],
        )
        row = verdicts.max_row
        colour = {"procedural": "1E7B34", "non_procedural": "B00020"}.get(status, "8A6D00")
        verdicts.cell(row=row, column=3).font = Font(bold=True, color=colour)
        for line in _finding_rows(result, language):
            _append(findings, line)
    _date_format(verdicts)
    _date_format(findings)
    style_sheet(verdicts)
    style_sheet(findings, [16, 12, 34, 80, 36, 28, 12, 30])
    wrapped = Alignment(wrap_text=True, vertical="top")
    for row in findings.iter_rows(min_row=2, min_col=4, max_col=4):
        for cell in row:
            cell.alignment = wrapped
    book.save(target)
    return counts
