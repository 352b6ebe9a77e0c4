"""Procedure: required earlier steps, ordering, steps after an exit, who may record a step,
registration abroad, return reports and information sessions.

Hard ordering constraints (sourced) give errors, soft ones (secondary
sources) warnings; both are policy data
(:meth:`~pmi_workflow.policy.PolicyView.prerequisites`). Every finding names
the entries it rests on (orderings, roles, the ``lapor_diri_days`` window,
the information topics, and for a step the scheme does not have, the scheme's
path), so one resting on an unconfirmed entry is a warning
(:func:`~pmi_workflow.rules._base.make_finding` decides, as for every rule).
Exits, the structure of the procedure and the return report rest on the
statute alone.

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.enums import Step
>>> from pmi_workflow.policy import Policy
>>> from pmi_workflow.samples import procedural_case_data
>>> case = parse_case(procedural_case_data("p2p"))
>>> before_opp = case.model_copy(update={"history": case.history[:10]})
>>> day = datetime.date(2024, 5, 20)
>>> [f.message_en for f in check_procedure(before_opp, Step.DEPARTED, day,
...                                        Policy.default().as_of(day))]
['The step Pre-departure orientation completed must come before Departed but was never recorded.']
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping

from pmi_workflow.dates import local_day
from pmi_workflow.domain.case import Case
from pmi_workflow.domain.events import Actor, CaseEvent
from pmi_workflow.enums import Scheme, Step
from pmi_workflow.findings import Finding, Severity
from pmi_workflow.policy import PolicyView
from pmi_workflow.policy.entries import Ordering
from pmi_workflow.rules._base import make_finding
from pmi_workflow.rules._facts import (
    information_entry,
    ordering_entries,
    parameter_entry,
    role_entries,
)
from pmi_workflow.rules.definition import AFTER_EXIT_ALLOWED, ENDING_STEPS, definition_for

__all__ = [
    "AFTER_EXIT_ALLOWED",
    "ENDING_STEPS",
    "HistoryFacts",
    "check_information",
    "check_procedure",
    "check_registered_abroad",
    "event_day",
]

_RETURN_REPORT_SCHEMES = frozenset(
    {Scheme.P2P, Scheme.G2G, Scheme.G2P, Scheme.UKPS, Scheme.RE_ENTRY}
)


def scheme_step_set(
    view: PolicyView, scheme: Scheme, destination: str | None = None
) -> frozenset[Step]:
    """Every step a case of ``scheme`` may record: the steps of its machine (its path, the exits
    that apply to it, and the placement loops), read from the one definition.

    >>> import datetime
    >>> from pmi_workflow.policy import Policy
    >>> view = Policy.default().as_of(datetime.date(2024, 1, 1))
    >>> Step.PLACEMENT_AGREEMENT_SIGNED in scheme_step_set(view, Scheme.PERSEORANGAN)
    False
    >>> Step.FAILED_SELECTION in scheme_step_set(view, Scheme.P2P)
    True
    """
    return definition_for(scheme, view, destination).steps


def event_day(event: CaseEvent) -> datetime.date:
    """The calendar day of an event in its own recorded offset.

    The one rule for an event's day (:func:`~pmi_workflow.dates.local_day`).
    """
    return local_day(event.occurred_at)


class HistoryFacts:
    """What the procedure checks need from a history, kept up to date event by event.

    The steps done, the exit that ended the case (if any) and the last day of
    each step: the audit folds each event in once (:meth:`add`) instead of
    rescanning the history at every step.

    >>> import datetime
    >>> facts = HistoryFacts()
    >>> facts.add(Step.WITHDRAWN, datetime.date(2024, 1, 8))
    >>> facts.ended, Step.WITHDRAWN in facts.done
    (<Step.WITHDRAWN: 'withdrawn'>, True)
    """

    __slots__ = ("count", "done", "ended", "last_day")

    def __init__(self) -> None:
        self.done: set[Step] = set()
        self.ended: Step | None = None
        self.last_day: dict[Step, datetime.date] = {}
        self.count = 0

    @classmethod
    def of(cls, history: tuple[CaseEvent, ...]) -> HistoryFacts:
        """The facts of a whole history (shared and read-only when remembered: see
        :meth:`remember`)."""
        known = _REMEMBERED.get(id(history))
        if known is not None and known[0] is history:
            return known[1]
        facts = cls()
        for event in history:
            facts.add(event.step, event_day(event))
        return facts

    def extended(self, step: Step, day: datetime.date) -> HistoryFacts:
        """A copy with one more event folded in (this one is left as it is)."""
        copy = HistoryFacts()
        copy.done = set(self.done)
        copy.ended = self.ended
        copy.last_day = dict(self.last_day)
        copy.count = self.count
        copy.add(step, day)
        return copy

    def remember(self, history: tuple[CaseEvent, ...]) -> None:
        """Let :meth:`of` answer for ``history`` without a scan (live recording remembers the
        facts of the history it just made). The facts must not change afterwards."""
        if len(_REMEMBERED) >= _REMEMBERED_LIMIT:
            _REMEMBERED.clear()
        _REMEMBERED[id(history)] = (history, self)

    def add(self, step: Step, day: datetime.date) -> None:
        """Fold in one more event."""
        self.count += 1
        self.done.add(step)
        last = self.last_day.get(step)
        if last is None or day > last:
            self.last_day[step] = day
        ended = self.ended
        if ended is not None and step in AFTER_EXIT_ALLOWED.get(ended, frozenset()):
            if step in ENDING_STEPS:
                self.ended = step
            return
        if step in ENDING_STEPS and ended is None:
            self.ended = step


_REMEMBERED: dict[int, tuple[tuple[CaseEvent, ...], HistoryFacts]] = {}
_REMEMBERED_LIMIT = 1024


def check_procedure(
    case: Case,
    step: Step,
    on: datetime.date,
    view: PolicyView,
    *,
    actor: Actor | None = None,
    facts: HistoryFacts | None = None,
    steps: frozenset[Step] | None = None,
) -> tuple[Finding, ...]:
    """``procedure.*`` findings for recording ``step`` on ``on`` after ``case.history``.

    ``facts`` may be given when the caller keeps them (the audit does, event
    by event): they then stand for the history before the step, and
    ``case.history`` is not read. ``steps`` may be given when the caller holds
    the case's procedure definition: its :attr:`~ProcedureDefinition.steps`.
    """
    step = Step.parse(step)
    if facts is None:
        facts = HistoryFacts.of(case.history)
    position = facts.count + 1
    done = facts.done
    findings: list[Finding] = []
    ended = facts.ended
    if ended is not None and step not in AFTER_EXIT_ALLOWED.get(ended, frozenset()):
        findings.append(
            make_finding(
                "procedure.after_exit",
                on,
                step=step,
                where=f"history.{position}",
                compared=(("step", step.value), ("exit", ended.value)),
                values={"exit_id": ended.label_id, "exit_en": ended.label_en},
            )
        )
    if steps is None:
        steps = scheme_step_set(view, case.scheme, case.destination)
    if step not in steps:
        findings.append(
            make_finding(
                "procedure.step_not_in_scheme",
                on,
                step=step,
                where=f"history.{position}",
                compared=(("step", step.value), ("scheme", case.scheme.value)),
                values={"scheme_id": case.scheme.label_id, "scheme_en": case.scheme.label_en},
                entries=(view.scheme_path_entry(case.scheme, case.destination),),
            )
        )
        return tuple(findings)
    for before, severity in view.prerequisites(case.scheme, step, case.destination):
        if before in done:
            continue
        orders = ordering_entries(view, case.scheme, before, step, case.destination, severity)
        if severity is Severity.ERROR:
            findings.append(
                make_finding(
                    "procedure.step_missing",
                    on,
                    step=step,
                    where=f"history.{position}",
                    compared=(("step", step.value), ("required", before.value)),
                    values={"required_id": before.label_id, "required_en": before.label_en},
                    entries=orders,
                )
            )
        else:
            findings.append(_out_of_order(before, step, severity, on, position, orders))
    if actor is not None:
        allowed = view.allowed_roles(step)
        if allowed and actor.role not in allowed:
            findings.append(
                make_finding(
                    "procedure.actor_not_authorized",
                    on,
                    step=step,
                    where=f"history.{position}.actor",
                    compared=(
                        ("role", actor.role.value),
                        ("allowed", ", ".join(sorted(role.value for role in allowed))),
                    ),
                    entries=role_entries(view, step),
                )
            )
    if step is Step.REGISTERED_ABROAD:
        departed = facts.last_day.get(Step.DEPARTED)
        if departed is not None:
            late = _late_registration(departed, on, on, view)
            if late is not None:
                findings.append(late)
    if (
        step is Step.ARRIVED_HOME
        and case.scheme in _RETURN_REPORT_SCHEMES
        and Step.DEPARTED in done
        and Step.RETURN_REPORTED not in done
    ):
        findings.append(
            make_finding(
                "procedure.return_not_reported",
                on,
                step=step,
                where=f"history.{position}",
                compared=(("return_reported", "absent"),),
            )
        )
    return tuple(findings)


def _out_of_order(
    before: Step,
    after: Step,
    severity: Severity,
    on: datetime.date,
    index: int,
    orders: tuple[Ordering, ...],
) -> Finding:
    """A soft order not followed: a warning as its entries say (their certainty is decided
    in :func:`~pmi_workflow.rules._base.make_finding`, as for every finding)."""
    hard = severity is Severity.ERROR
    return make_finding(
        "procedure.out_of_order",
        on,
        step=after,
        where=f"history.{index}",
        compared=(("before", before.value), ("after", after.value)),
        severity=severity,
        entries=orders,
        values={
            "before_id": before.label_id,
            "before_en": before.label_en,
            "after_id": after.label_id,
            "after_en": after.label_en,
            "basis_id": "wajib" if hard else "urutan lazim",
            "basis_en": "required" if hard else "usual order",
        },
    )


def _late_registration(
    departed: datetime.date, registered: datetime.date | None, on: datetime.date, view: PolicyView
) -> Finding | None:
    entry = parameter_entry(view, "lapor_diri_days")
    if entry is None:
        return None
    window = entry.value
    deadline = departed + datetime.timedelta(days=window)
    if registered is not None and registered <= deadline:
        return None
    if registered is None and on <= deadline:
        return None
    return make_finding(
        "procedure.not_registered_abroad",
        on,
        step=Step.REGISTERED_ABROAD,
        where="history",
        compared=(
            ("departed_on", departed.isoformat()),
            ("registered_on", registered.isoformat() if registered else "-"),
            ("maximum_days", str(window)),
        ),
        entries=(entry,),
    )


def check_registered_abroad(case: Case, on: datetime.date, view: PolicyView) -> tuple[Finding, ...]:
    """``procedure.not_registered_abroad`` for a case as of ``on``: departed, never registered
    at the Perwakilan, and the window has passed."""
    facts = HistoryFacts()  # of the events up to ``on``, in one pass
    for event in case.history:
        day = event_day(event)
        if day <= on:
            facts.add(event.step, day)
    departed = facts.last_day.get(Step.DEPARTED)
    if departed is None or Step.REGISTERED_ABROAD in facts.done or facts.ended is not None:
        return ()
    late = _late_registration(departed, None, on, view)
    return () if late is None else (late,)


def check_information(
    case: Case,
    on: datetime.date,
    view: PolicyView,
    sessions: Mapping[str, Collection[str]],
    *,
    step: Step | None = None,
) -> tuple[Finding, ...]:
    """``procedure.information_incomplete``: the sessions attended (ids on the events, topics
    from ``sessions``) do not cover the topics the policy requires (PP 59/2021 Pasal 4).

    Events carry only session ids; the caller supplies what each session covered.
    """
    required = view.information_topics
    if not required:
        return ()
    attended = {sid for event in case.history for sid in event.information_sessions}
    covered: set[str] = set()
    for session_id in attended:
        covered.update(sessions.get(session_id, ()))
    missing = sorted(required - covered)
    if not missing:
        return ()
    return (
        make_finding(
            "procedure.information_incomplete",
            on,
            step=step,
            where="history.information_sessions",
            compared=(("sessions", str(len(attended))), ("missing", ", ".join(missing))),
            entries=(information_entry(view),),
        ),
    )
