"""Case summaries: what a projector computes from a case for queries.

The store knows no procedure rules: a *projector* given to the store computes
each case's :class:`~pmi_workflow.store.records.CaseSummary`. The default one
takes the last recorded step as the state.

A projector that also has an ``advance(summary, events)`` method (an
:class:`IncrementalProjector`, like the default one) lets an append compute
the new summary from the stored one and the new events alone, without reading
the case's history back. A plain function gets the whole case on every write.
A projector with ``deterministic = True`` gives the same summary for the same
case every time, so :meth:`~pmi_workflow.store.base.CaseStore.verify` can
recompute stored summaries and report a forged one.

>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.samples import procedural_case_data
>>> case = parse_case(procedural_case_data("p2p"))
>>> start = default_projector(case.model_copy(update={"history": case.history[:3]}))
>>> default_projector.advance(start, case.history[3:]) == default_projector(case)
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol, runtime_checkable

from pmi_workflow.domain import Case, CaseEvent
from pmi_workflow.store.records import CaseSummary

__all__ = [
    "NEW_STATE",
    "IncrementalProjector",
    "LastStepProjector",
    "Projector",
    "default_projector",
    "executor_of",
    "summarize",
]

NEW_STATE = "new"
"""The state the default projector gives a case with no recorded step."""


Projector = Callable[[Case], CaseSummary]
"""Computes a case's summary from the full case (dossier and history)."""


def executor_of(case: Case) -> tuple[str | None, str | None]:
    """The executor's kind and, for organisations, its name.

    >>> from pmi_workflow.domain import parse_case
    >>> from pmi_workflow.samples import procedural_case_data
    >>> executor_of(parse_case(procedural_case_data("perseorangan")))
    (None, None)
    """
    executor = case.executor
    if executor is None:
        return None, None
    if executor.kind == "individual":
        return "individual", None
    return executor.kind, executor.name


def summarize(case: Case, *, state: str | None = None, verdict: str | None = None) -> CaseSummary:
    """The summary of a case with the given state and verdict; facts come from the case.

    Without ``state``, the state is the last recorded step (``"new"`` if none).
    """
    last = case.history[-1] if case.history else None
    kind, name = executor_of(case)
    return CaseSummary(
        case_id=case.case_id,
        scheme=case.scheme,
        state=state if state is not None else (last.step.value if last else NEW_STATE),
        verdict=verdict,
        destination=case.destination,
        version=len(case.history),
        last_step=last.step if last else None,
        last_step_at=last.occurred_at if last else None,
        executor_kind=kind,
        executor=name,
    )


@runtime_checkable
class IncrementalProjector(Protocol):
    """A projector that can also move a stored summary forward by new events."""

    def __call__(self, case: Case) -> CaseSummary:
        """The summary of the whole case."""

    def advance(self, summary: CaseSummary, events: Sequence[CaseEvent]) -> CaseSummary:
        """The summary after ``events`` are appended to a case summarised by ``summary``."""


class LastStepProjector:
    """The default projector: the state is the last recorded step, no verdict.

    Incremental and deterministic: an append needs only the stored summary.
    """

    deterministic = True

    def __call__(self, case: Case) -> CaseSummary:
        """The summary of the whole case."""
        return summarize(case)

    def advance(self, summary: CaseSummary, events: Sequence[CaseEvent]) -> CaseSummary:
        """The summary moved to the last of ``events``."""
        if not events:
            return summary
        last = events[-1]
        return replace(
            summary,
            state=last.step.value,
            version=summary.version + len(events),
            last_step=last.step,
            last_step_at=last.occurred_at,
        )

    def __repr__(self) -> str:
        return "default_projector"


default_projector = LastStepProjector()
"""The default projector (:class:`LastStepProjector`)."""
