"""The ``demo`` command: sample cases walked step by step through the procedure.

Each step of each case is recorded through the service layer
(:class:`~pmi_workflow.service.CaseService`: the workflow's gate, judged by the
policy of the step's day, then an append to the store);
then the submitted history is audited as a whole. The timeline shows every step: accepted (with its
warnings), refused (with the findings that refused it) or not reached. Each
case is stored in an embedded SQLite store in a temporary directory.
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

from pmi_workflow.cli.common import out_console
from pmi_workflow.cli.demo import demo_cases
from pmi_workflow.cli.render import STATUS_STYLE, print_finding, status_label
from pmi_workflow.domain import parse_case
from pmi_workflow.errors import ProcedureViolation
from pmi_workflow.policy import Policy
from pmi_workflow.service import CaseService
from pmi_workflow.store import CaseStore, SqliteStore, summarize
from pmi_workflow.workflow import Workflow

__all__ = ["run_demo", "walk"]


def walk(
    data: dict[str, Any], *, as_of: datetime.date, workflow: Workflow, store: CaseStore
) -> dict[str, Any]:
    """Record one case's steps live through the workflow and the store; then audit its history.

    Each step of the submitted history is recorded as an officer would record
    it: the workflow's gate runs, a refused step stops the procedure there
    (the later steps are not reached), an accepted one is appended to the
    store. The whole submitted history is then audited, as an inspector would.
    Returns JSON-compatible data with personal values masked.
    """
    case = parse_case(data)
    service = CaseService(store, workflow)
    service.create_case(case.model_copy(update={"history": ()}))
    timeline: list[dict[str, Any]] = []
    stopped_at: str | None = None
    for event in case.history:
        entry: dict[str, Any] = {
            "sequence": event.sequence,
            "date": event.occurred_at.date().isoformat(),
            "step": event.step.value,
            "label": {"id": event.step.label_id, "en": event.step.label_en},
            "role": event.actor.role.value,
        }
        if stopped_at is not None:
            timeline.append({**entry, "outcome": "not_reached", "accepted": False, "findings": []})
            continue
        try:
            recorded = service.record_step(
                case.case_id,
                event.step,
                at=event.occurred_at,
                actor=event.actor,
                evidence=event.evidence,
                place=event.place,
                event_id=event.event_id,
                expected_version=event.sequence - 1,
            )
        except ProcedureViolation as refusal:
            stopped_at = event.step.value
            findings = [finding.to_dict() for finding in refusal.findings]
            timeline.append(
                {**entry, "outcome": "refused", "accepted": False, "findings": findings}
            )
            continue
        warnings = [finding.to_dict() for finding in recorded.warnings]
        timeline.append({**entry, "outcome": "accepted", "accepted": True, "findings": warnings})
    report = workflow.audit(case, as_of=as_of)
    summary = store.summary(case.case_id)
    return {
        "case_id": case.case_id,
        "scheme": case.scheme.value,
        "destination": case.destination,
        "occupation": case.occupation.code,
        "applicant": str(case.applicant.name),
        "status": report.verdict,
        "stopped_at": stopped_at,
        "state": summary.state,
        "stored_events": summary.version,
        "timeline": timeline,
        "findings": [finding.to_dict() for finding in report.findings],
    }


def run_demo(*, lang: str, as_of: datetime.date, fmt: str) -> int:
    """Print every demonstration case; returns the exit code (0: the demo ran).

    The cases are stored in an embedded SQLite store in a temporary directory
    and walked as loaded back from it; the store's hash chains are verified.
    """
    workflow = Workflow(Policy.default())
    results = []
    with tempfile.TemporaryDirectory(prefix="pmi-workflow-demo-") as directory:
        store = SqliteStore(
            Path(directory) / "demo.db",
            projector=lambda case: summarize(case, state=workflow.replay(case).state),
        )
        try:
            for name, description, data in demo_cases():
                result = walk(data, as_of=as_of, workflow=workflow, store=store)
                result["name"] = name
                result["description"] = description
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
    console = out_console()
    for result in results:
        _print_case(console, result, lang)
    chain = "utuh" if lang == "id" else "intact"
    word = "kasus disimpan di SQLite" if lang == "id" else "cases stored in SQLite"
    console.print(
        f"[dim]{report.cases_checked} {word}, {report.events_checked} events, "
        f"hash chain {chain if report.ok else 'BROKEN'}[/dim]"
    )
    return 0


_MARKS = {
    "accepted": "[green]✔[/green]",
    "refused": "[red]✘[/red]",
    "not_reached": "[dim]·[/dim]",
}


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
    skipped = [entry for entry in result["timeline"] if entry["outcome"] == "not_reached"]
    for entry in result["timeline"]:
        if entry["outcome"] == "not_reached":
            continue
        mark = _MARKS[entry["outcome"]]
        codes = ", ".join(finding["code"] for finding in entry["findings"])
        table.add_row(
            str(entry["sequence"]),
            entry["date"],
            escape(entry["label"][lang]),
            entry["role"],
            f"{mark} [dim]{escape(codes)}[/dim]" if codes else mark,
        )
    if skipped:
        later = (
            f"{len(skipped)} langkah berikutnya tidak tercapai"
            if lang == "id"
            else f"{len(skipped)} later steps not reached"
        )
        table.add_row("…", "", f"[dim]{later}[/dim]", "", _MARKS["not_reached"])
    console.print(table)
    if result["stopped_at"]:
        stopped = (
            "prosedur berhenti pada langkah" if lang == "id" else "the procedure stops at step"
        )
        label = next(
            entry["label"][lang] for entry in result["timeline"] if entry["outcome"] == "refused"
        )
        console.print(f"  [red]{stopped}: {escape(label)}[/red]")
    audit_word = "audit riwayat" if lang == "id" else "audit of the history"
    console.print(
        f"  {audit_word}: [{STATUS_STYLE[status]}]{status_label(status, lang).upper()}[/]",
    )
    for finding in result["findings"]:
        print_finding(console, finding, lang)
    console.print()
