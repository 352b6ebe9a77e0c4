"""The ``demo`` command: sample cases walked step by step through the procedure.

Each recorded step of each case is put to the gate the workflow uses
(:func:`pmi_workflow.rules.check_step`, judged by the policy of its day),
then the case as a whole is validated. The timeline shows every step with the
findings that would refuse it or that it carries as warnings.
"""

from __future__ import annotations

import datetime
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pmi_workflow.cli.demo import demo_cases
from pmi_workflow.cli.render import STATUS_STYLE, print_finding, status_label
from pmi_workflow.domain import parse_case
from pmi_workflow.policy import Policy
from pmi_workflow.rules import check_step, validate_case
from pmi_workflow.store import SqliteStore

__all__ = ["run_demo", "walk"]


def walk(data: dict[str, Any], *, as_of: datetime.date, policy: Policy) -> dict[str, Any]:
    """The timeline and verdict of one case, as JSON-compatible data (masked)."""
    case = parse_case(data)
    timeline = []
    for index, event in enumerate(case.history):
        day = event.occurred_at.date()
        before = case.model_copy(update={"history": case.history[:index]})
        findings = check_step(before, event.step, day, policy, actor=event.actor)
        timeline.append(
            {
                "sequence": event.sequence,
                "date": day.isoformat(),
                "step": event.step.value,
                "label": {"id": event.step.label_id, "en": event.step.label_en},
                "role": event.actor.role.value,
                "accepted": not any(finding.is_error for finding in findings),
                "findings": [finding.to_dict() for finding in findings],
            }
        )
    report = validate_case(case, as_of=as_of, policy=policy)
    return {
        "case_id": case.case_id,
        "scheme": case.scheme.value,
        "destination": case.destination,
        "occupation": case.occupation.code,
        "applicant": str(case.applicant.name),
        "status": report.verdict,
        "timeline": timeline,
        "findings": [finding.to_dict() for finding in report.findings],
    }


def run_demo(*, lang: str, as_of: datetime.date, fmt: str) -> int:
    """Print every demonstration case; returns the exit code (0: the demo ran).

    The cases are stored in an embedded SQLite store in a temporary directory
    and walked as loaded back from it; the store's hash chains are verified.
    """
    policy = Policy.default()
    results = []
    with tempfile.TemporaryDirectory(prefix="pmi-workflow-demo-") as directory:
        store = SqliteStore(Path(directory) / "demo.db")
        try:
            for name, description, data in demo_cases():
                store.create(parse_case(data))
                stored = store.load(data["case_id"]).to_dict()
                result = walk(stored, as_of=as_of, policy=policy)
                result["name"] = name
                result["description"] = description
                result["stored_version"] = store.version(data["case_id"])
                results.append(result)
            report = store.verify()
        finally:
            store.close()
    if fmt != "table":
        if fmt == "json":
            sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
        else:
            for result in results:
                sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return 0
    console = Console(highlight=False)
    for result in results:
        _print_case(console, result, lang)
    chain = "utuh" if lang == "id" else "intact"
    word = "kasus disimpan di SQLite" if lang == "id" else "cases stored in SQLite"
    console.print(
        f"[dim]{report.cases_checked} {word}, {report.events_checked} events, "
        f"hash chain {chain if report.ok else 'BROKEN'}[/dim]"
    )
    return 0


def _print_case(console: Console, result: dict[str, Any], lang: str) -> None:
    status = result["status"]
    console.rule(f"[bold]{escape(result['case_id'])}[/bold]  {escape(result['description'])}")
    console.print(
        f"  {escape(result['applicant'])} · {result['scheme']} · {result['occupation']} → "
        f"{result['destination']}"
    )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    headers = (
        ("#", "tanggal", "langkah", "peran") if lang == "id" else ("#", "date", "step", "role")
    )
    for column in (*headers, ""):
        table.add_column(column)
    for entry in result["timeline"]:
        mark = "[green]✔[/green]" if entry["accepted"] else "[red]✘[/red]"
        codes = ", ".join(finding["code"] for finding in entry["findings"])
        table.add_row(
            str(entry["sequence"]),
            entry["date"],
            escape(entry["label"][lang]),
            entry["role"],
            f"{mark} [dim]{escape(codes)}[/dim]" if codes else mark,
        )
    console.print(table)
    console.print(
        f"  [{STATUS_STYLE[status]}]{status_label(status, lang).upper()}[/]",
    )
    for finding in result["findings"]:
        print_finding(console, finding, lang)
    console.print()
