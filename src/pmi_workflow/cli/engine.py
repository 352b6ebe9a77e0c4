"""The command line's bridge to the workflow: audits and diagrams.

Kept in one place so the commands stay thin: they parse, call, render.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

from pmi_workflow.domain import Case
from pmi_workflow.enums import Scheme
from pmi_workflow.findings import Finding
from pmi_workflow.policy import Policy
from pmi_workflow.rules import validate_case

__all__ = ["AuditOutcome", "audit", "diagram"]


@dataclass(frozen=True, slots=True)
class AuditOutcome:
    """The result of replaying one recorded history."""

    verdict: str
    state: str | None
    findings: tuple[Finding, ...]


def audit(case: Case, *, as_of: datetime.date, policy: Policy) -> AuditOutcome:
    """Replay the case's history, each event judged by the policy of its day."""
    report = validate_case(case, as_of=as_of, policy=policy)
    state = case.history[-1].step.value if case.history else None
    return AuditOutcome(report.verdict, state, report.findings)


def diagram(scheme: Scheme | None, *, policy: Policy, day: datetime.date, fmt: str) -> str:
    """The procedure as a mermaid flowchart or a markdown table of steps."""
    view = policy.as_of(day)
    schemes = [scheme] if scheme else list(Scheme)
    if fmt == "markdown":
        lines = [
            "| scheme | # | step | langkah | step (en) | must come after |",
            "|---|---|---|---|---|---|",
        ]
        for item in schemes:
            for number, step in enumerate(view.scheme_steps(item), start=1):
                after = ", ".join(
                    f"`{before.value}`" for before, _ in view.prerequisites(item, step)
                )
                lines.append(
                    f"| {item.value} | {number} | `{step.value}` | {step.label_id} | "
                    f"{step.label_en} | {after or '—'} |"
                )
        return "\n".join(lines) + "\n"
    lines = ["flowchart TD"]
    for item in schemes:
        steps = view.scheme_steps(item)
        prefix = item.value
        lines.append(f"  subgraph {prefix}[{item.value}]")
        for step in steps:
            lines.append(f'    {prefix}_{step.value}["{step.label_id}<br/>{step.label_en}"]')
        for left, right in itertools.pairwise(steps):
            lines.append(f"    {prefix}_{left.value} --> {prefix}_{right.value}")
        lines.append("  end")
    return "\n".join(lines) + "\n"
