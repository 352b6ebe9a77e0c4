"""Case summaries: what a projector computes from a case for queries.

The store knows no procedure rules: a *projector* given to the store computes
each case's :class:`~pmi_workflow.store.records.CaseSummary`. The default one
takes the last recorded step as the state.
"""

from __future__ import annotations

from collections.abc import Callable

from pmi_workflow.domain import Case
from pmi_workflow.store.records import CaseSummary

__all__ = ["NEW_STATE", "Projector", "default_projector", "executor_of", "summarize"]

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


def default_projector(case: Case) -> CaseSummary:
    """The default projector: the state is the last recorded step, no verdict."""
    return summarize(case)
