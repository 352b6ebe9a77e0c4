"""Summaries computed by the workflow: the state by replay and, optionally, the audit verdict.

The store keeps one :class:`~pmi_workflow.store.records.CaseSummary` per case for
queries. :func:`workflow_projector` computes it with the procedure's state
machine: the state is :meth:`Workflow.replay` of the history and, with
``audit=True``, the verdict is the audit's, judged as of the day of the last
recorded step (so a stored summary never changes by itself as time passes).

>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.samples import procedural_case_data
>>> project = workflow_projector(audit=True)
>>> summary = project(parse_case(procedural_case_data("p2p")))
>>> summary.state, summary.verdict
('started_work', 'procedural')
"""

from __future__ import annotations

from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain.case import Case
from pmi_workflow.store.records import CaseSummary
from pmi_workflow.store.summaries import Projector, summarize
from pmi_workflow.workflow import Workflow

__all__ = ["workflow_projector"]


def workflow_projector(workflow: Workflow | None = None, *, audit: bool = False) -> Projector:
    """A projector that asks the workflow for the state (and the verdict when ``audit``).

    Auditing costs the gates of every step on every write; leave it off for
    write-heavy stores and audit in batches instead.
    """
    engine = workflow or Workflow()

    def project(case: Case) -> CaseSummary:
        state = engine.replay(case).state
        verdict = None
        if audit and case.history:
            day = case.history[-1].occurred_at.astimezone(JAKARTA).date()
            verdict = engine.audit(case, as_of=day).verdict
        return summarize(case, state=state, verdict=verdict)

    return project
