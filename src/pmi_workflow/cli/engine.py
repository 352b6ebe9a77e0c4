"""The command line's bridge to the workflow: audits and diagrams.

Kept in one place so the commands stay thin: they parse, call, render.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from pmi_workflow.domain import Case
from pmi_workflow.enums import Scheme
from pmi_workflow.policy import Policy
from pmi_workflow.rules import FileLicenceRegistry, ValidationReport
from pmi_workflow.workflow import Workflow
from pmi_workflow.workflow.diagrams import mermaid, transition_table

__all__ = ["AuditOutcome", "audit", "diagram", "workflow_for"]


AuditOutcome = ValidationReport
"""The result of replaying one recorded history: the one result type of judging a history."""


@lru_cache(maxsize=8)
def workflow_for(policy: Policy, registry: FileLicenceRegistry | None = None) -> Workflow:
    """The shared workflow of a policy and licence data (one per pair per process)."""
    return Workflow(policy, registry=registry)


def audit(
    case: Case,
    *,
    as_of: datetime.date,
    policy: Policy,
    registry: FileLicenceRegistry | None = None,
) -> AuditOutcome:
    """Replay the history through the workflow; each event is judged by the policy of its day
    (and the executor's licences by ``registry``, when given)."""
    return workflow_for(policy, registry).audit(case, as_of=as_of)


def diagram(scheme: Scheme | None, *, policy: Policy, day: datetime.date, fmt: str) -> str:
    """One scheme's procedure (P2P by default) as a Mermaid diagram, or a markdown page.

    The markdown page holds the diagram and the transition table; without a
    scheme it covers every scheme.
    """
    if fmt == "mermaid":
        return mermaid(scheme or Scheme.P2P, on=day, policy=policy)
    parts = []
    for item in [scheme] if scheme else list(Scheme):
        parts.append(
            f"# {item.label_en}\n\n*{item.label_id}* — the policy in force on "
            f"{day.isoformat()}.\n\n```mermaid\n{mermaid(item, on=day, policy=policy)}```\n\n"
            f"## Transitions\n\n{transition_table(item, on=day, policy=policy)}"
        )
    return "\n".join(parts)
