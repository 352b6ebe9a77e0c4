"""Human output for the command line (rich): result lines, findings, timelines.

Everything shown here is already masked: findings carry masked values, and
records are shown by case id and position only.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.markup import escape as _markup_escape

from pmi_workflow.findings import basis_of
from pmi_workflow.labels import first_upper, format_date, label, step_noun
from pmi_workflow.privacy import redact, safe_text

__all__ = ["STATUS_STYLE", "escape", "position_text", "print_result", "status_label"]

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
