"""Human output for the command line (rich): result lines, findings, timelines.

Everything shown here is already masked: findings carry masked values, and
records are shown by case id and position only.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape as _markup_escape
from rich.table import Table

from pmi_workflow.findings import basis_of
from pmi_workflow.labels import first_upper, format_date, format_time, label, step_noun
from pmi_workflow.privacy import redact, safe_text

__all__ = [
    "STATUS_STYLE",
    "Columns",
    "escape",
    "position_text",
    "print_result",
    "print_table",
    "status_label",
    "table_cell",
]

STATUS_STYLE = {
    "procedural": "bold green",
    "non_procedural": "bold red",
    "invalid": "bold yellow",
}

_LABELS = {
    "id": {
        "procedural": "prosedural",
        "non_procedural": "nonprosedural",
        "invalid": "data tidak valid",
    },
    "en": {
        "procedural": "procedural",
        "non_procedural": "non-procedural",
        "invalid": "invalid input",
    },
}


def escape(text: str) -> str:
    """Text safe to print: NIK-shaped numbers masked, terminal control removed, markup escaped.

    >>> print(escape("\\x1b[2J[bold]3603121505950002"))
    \\[bold]3603**********02
    """
    return _markup_escape(safe_text(redact(str(text))))


def status_label(status: str, lang: str) -> str:
    """The status in words, in ``lang``."""
    return _LABELS.get(lang, _LABELS["en"]).get(status, status)


def print_finding(console: Console, finding: Mapping[str, Any], lang: str, indent: int = 4) -> None:
    """One finding: severity, code, message and legal basis."""
    style = "red" if finding["severity"] == "error" else "yellow"
    pad = " " * indent
    message = finding["message"]["id" if lang == "id" else "en"]
    severity = str(finding["severity"])
    if lang == "id":
        severity = label("verdict", severity, "id").upper()
    console.print(
        f"{pad}[{style}]{severity:<7}[/{style}] [bold]{escape(finding['code'])}[/bold]"
        f"  {escape(message)}",
        highlight=False,
    )
    context = [part for part in (finding.get("step"), finding.get("on")) if part]
    if lang == "id":
        context = _context_id(finding)
    basis = "; ".join(basis_of(finding, lang))
    details = "  ·  ".join(part for part in (basis, ", ".join(context)) if part)
    if details:
        console.print(f"{pad}        [dim]{escape(details)}[/dim]")


def _context_id(finding: Mapping[str, Any]) -> list[str]:
    parts: list[str] = []
    if finding.get("step"):
        parts.append(first_upper(step_noun(str(finding["step"]))))
    if finding.get("on"):
        try:
            parts.append(format_date(datetime.date.fromisoformat(str(finding["on"])[:10]), "id"))
        except ValueError:
            parts.append(str(finding["on"]))
    return parts


def position_text(position: str, lang: str) -> str:
    """Where a record is (``line 3``, ``row 4``, ``item 2``) in ``lang``.

    >>> position_text("row 4", "id"), position_text("row 4", "en")
    ('baris 4', 'row 4')
    """
    if lang != "id":
        return position
    unit, _, number = position.partition(" ")
    return f"{_UNITS_ID.get(unit, unit)} {number}".strip()


_UNITS_ID = {"row": "baris", "line": "baris", "item": "butir", "record": "butir"}


def print_result(console: Console, result: Mapping[str, Any], lang: str) -> None:
    """One batch result: where, which case, the verdict, then findings or problems."""
    status = result["status"]
    case_id = result.get("case_id") or "—"
    extra = ""
    if result.get("state"):
        extra = f"  [dim]({'tahap' if lang == 'id' else 'state'}: {escape(result['state'])})[/dim]"
    if "verdict_changed" in result:
        arrow = f"{status_label(result['before'], lang)} → {status_label(result['after'], lang)}"
        extra += f"  [bold]{escape(arrow)}[/bold]" if result["verdict_changed"] else ""
    console.print(
        f"[dim]{escape(position_text(result['position'], lang)):>10}[/dim]  {escape(case_id)}  "
        f"[{STATUS_STYLE.get(status, 'bold')}]{status_label(status, lang)}[/]{extra}",
        highlight=False,
    )
    for problem in result.get("problems", ()):
        text = (problem.get("message_id") if lang == "id" else None) or problem["message"]
        console.print(
            f"    [yellow]{escape(problem['where'])}[/yellow]: {escape(text)}",
            highlight=False,
        )
    for finding in result.get("findings", ()):
        print_finding(console, finding, lang)


# -- tables for people ------------------------------------------------------------------

Columns = tuple[tuple[str, str, str, str | None], ...]
"""The columns of a table for people: (field, Indonesian heading, English heading, kind).

The kind says how a value is shown (:func:`table_cell`): ``None`` as it is, ``"time"`` a
moment in WIB, ``"date"`` a day, ``"yes_no"`` a flag, or a kind of code from
:data:`pmi_workflow.labels.KINDS` as its label."""


def print_table(
    console: Console,
    rows: Sequence[Mapping[str, Any]],
    titles: tuple[str, str],
    columns: Columns,
    lang: str,
) -> None:
    """``rows`` as a table in ``lang``: the title and headings in that language (``titles`` and
    ``columns`` give both), codes as labels, times in WIB."""
    indonesian = lang == "id"
    table = Table(title=escape(titles[0] if indonesian else titles[1]))
    for _, heading_id, heading_en, _ in columns:
        table.add_column(heading_id if indonesian else heading_en, overflow="fold")
    for row in rows:
        table.add_row(*[table_cell(row[field], kind, lang) for field, _, _, kind in columns])
    console.print(table)


_YES_NO = {"id": ("ya", "belum"), "en": ("yes", "no")}


def table_cell(value: Any, kind: str | None, lang: str) -> str:
    """A value for a table cell (rich markup): a code as its label, a moment in WIB, a day as
    ``20/05/2024``, a flag as yes or (in yellow) no, a list joined; ``—`` for nothing.

    >>> table_cell("departed", "step", "id"), table_cell("2024-05-20", "date", "en")
    ('Berangkat', '20/05/2024')
    >>> table_cell(False, "yes_no", "id"), table_cell(["a", "b"], None, "en")
    ('[yellow]belum[/yellow]', 'a; b')
    """
    if value is None or value == []:
        return "—"
    if kind == "yes_no":
        yes, no = _YES_NO["id" if lang == "id" else "en"]
        return yes if value else f"[yellow]{no}[/yellow]"
    if isinstance(value, list):
        text = "; ".join(str(item) for item in value)
    elif kind == "time":
        text = format_time(datetime.datetime.fromisoformat(str(value)), lang, narrow=True)
    elif kind == "date":
        text = format_date(datetime.date.fromisoformat(str(value)), lang, narrow=True)
    elif kind is not None:
        text = label(kind, str(value), lang)
    else:
        text = str(value)
    return _markup_escape(safe_text(text))  # the rows come masked (a short hash is no NIK)
