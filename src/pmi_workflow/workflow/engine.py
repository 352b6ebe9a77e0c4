"""Driving cases through the procedure: record, dry-run, replay and audit.

A :class:`Workflow` is built once (per policy) and shared by every case and
thread: it holds no per-case data. A case's state is derived from its
history — :meth:`Workflow.replay` — and is a small immutable
:class:`CaseState`. Recording a step runs its gate (the rules for that step,
plus the machine's structure): error findings refuse it with a
:class:`~pmi_workflow.errors.ProcedureViolation`; warnings are recorded on
the new event together with the policy version that judged it.

>>> import datetime
>>> from pmi_workflow.testing import make_case
>>> workflow = Workflow()
>>> case = make_case("p2p", step="employment_contract_signed")
>>> workflow.replay(case).state
'employment_contract_signed'
>>> check = workflow.check(case, "departed", at=datetime.datetime(2024, 5, 20, 9))
>>> check.allowed, check.codes
(False, ('documents.missing', 'procedure.step_missing'))
>>> print(check.findings[0].message_en)
The step Pre-departure orientation completed must come before Departed but was never recorded.
>>> from pmi_workflow.domain import OppCertificate, PmiCard
>>> case = case.with_documents(OppCertificate(id="opp-1", issued_on=datetime.date(2024, 5, 10)),
...                            PmiCard(id="epmi-1", issued_on=datetime.date(2024, 5, 10)))
>>> recorded = workflow.record(case, "opp_completed", at=datetime.datetime(2024, 5, 10, 9),
...                            actor="bp3mi", evidence=("opp-1", "epmi-1"))
>>> recorded.state.state, recorded.event.sequence
('opp_completed', 11)
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from transitions import EventData

from pmi_workflow.dates import ensure_aware, local_day
from pmi_workflow.domain.case import Case
from pmi_workflow.domain.events import Actor, CaseEvent
from pmi_workflow.enums import ActorRole, Scheme, Step
from pmi_workflow.errors import InvalidInputError, ProcedureViolation
from pmi_workflow.findings import Finding, FindingsSummary
from pmi_workflow.policy import Policy, PolicyView
from pmi_workflow.privacy import mask_case_id
from pmi_workflow.rules.definition import StepRequest
from pmi_workflow.rules.engine import (
    ValidationReport,
    _judge_step,
    check_structure,
    judge_history,
)
from pmi_workflow.rules.procedure import HistoryFacts
from pmi_workflow.rules.registry import LicenceRegistry
from pmi_workflow.workflow.definition import INITIAL, ProcedureDefinition, definition_for

__all__ = ["AuditReport", "CaseState", "Recorded", "StepCheck", "Workflow"]

logger = logging.getLogger(__name__)

_STEP_BITS: Mapping[Step, int] = {step: 1 << index for index, step in enumerate(Step)}


@dataclass(frozen=True, slots=True)
class CaseState:
    """Where a case stands: the machine state, how many events, which steps are done.

    Small on purpose (a live case costs about a hundred bytes); derived from
    the history by :meth:`Workflow.replay`, never stored as the truth.
    """

    case_id: str
    scheme: Scheme
    state: str
    version: int
    done_mask: int
    last_at: datetime.datetime | None
    destination: str | None = None

    @property
    def steps_done(self) -> frozenset[Step]:
        """The distinct steps recorded so far."""
        return frozenset(step for step, bit in _STEP_BITS.items() if self.done_mask & bit)

    def has(self, step: Step) -> bool:
        """``True`` when ``step`` was recorded."""
        return bool(self.done_mask & _STEP_BITS[step])


@dataclass(frozen=True, slots=True)
class StepCheck(FindingsSummary):
    """The answer of a dry run: may ``step`` happen now, and if not, why."""

    step: Step
    on: datetime.date
    policy_version: str
    state_before: str
    state_after: str | None
    findings: tuple[Finding, ...]

    @property
    def allowed(self) -> bool:
        """``True`` when no finding is an error (warnings do not block)."""
        return self.procedural


@dataclass(frozen=True, slots=True)
class Recorded:
    """The outcome of recording a step: the new case, its new event and state, the warnings."""

    case: Case
    event: CaseEvent
    state: CaseState
    warnings: tuple[Finding, ...]


AuditReport = ValidationReport
"""The result of :meth:`Workflow.audit`: the one result type of judging a history
(:class:`pmi_workflow.rules.ValidationReport`)."""


def _reached(event_data: EventData) -> str:
    state = event_data.state
    if state is None:  # pragma: no cover - transitions sets it before the after-callbacks
        raise RuntimeError("the transition left no state")
    return str(state.name)


def _actor(actor: Actor | ActorRole | str | None) -> Actor | None:
    if actor is None or isinstance(actor, Actor):
        return actor
    try:
        return Actor(role=ActorRole(actor))
    except ValueError:
        raise InvalidInputError.single(
            f"unknown actor role {str(actor)[:40]!r}", "actor", ("actor",)
        ) from None


def _step(step: Step | str) -> Step:
    return Step.parse(step)


def _timestamp(at: datetime.datetime) -> datetime.datetime:
    if not isinstance(at, datetime.datetime):
        raise InvalidInputError.single(
            f"at must be a datetime, not {type(at).__name__}", "datetime", ("at",)
        )
    return ensure_aware(at)


class Workflow:
    """The placement procedure for many cases: shared, immutable, safe from any thread.

    ``policy`` is the versioned rule data (the shipped default if omitted);
    each step is judged by the policy in force on its day. ``registry`` gives
    licence facts; ``sessions`` maps information-session ids to the topics they
    covered (for ``procedure.information_incomplete``).
    """

    __slots__ = ("_policy", "_registry", "_sessions")

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        registry: LicenceRegistry | None = None,
        sessions: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        self._policy = policy or Policy.default()
        self._registry = registry
        self._sessions = sessions

    @property
    def policy(self) -> Policy:
        """The policy the workflow judges by."""
        return self._policy

    @property
    def registry(self) -> LicenceRegistry | None:
        """The licence data the workflow checks executors against (``None``: the case's own)."""
        return self._registry

    @property
    def sessions(self) -> Mapping[str, Collection[str]] | None:
        """The information sessions' topics by session id (``None``: not checked)."""
        return self._sessions

    def view(self, on: datetime.date) -> PolicyView:
        """The rules in force on ``on``."""
        return self._policy.as_of(on)

    def definition(
        self, scheme: Scheme | str, on: datetime.date, destination: str | None = None
    ) -> ProcedureDefinition:
        """The state machine of ``scheme`` (to ``destination``) under the policy in force on
        ``on`` (shared)."""
        return definition_for(Scheme(scheme), self._policy.as_of(on), destination)

    # -- state -------------------------------------------------------------------

    def replay(self, case: Case) -> CaseState:
        """The state of a case, from its history alone: same history, same state, always.

        Each event moves the case through the definition in force on its day.
        A step the structure does not allow leaves the state as it was (the
        audit reports it); nothing is judged and nothing is raised.
        """
        state = CaseState(case.case_id, case.scheme, INITIAL, 0, 0, None, case.destination)
        for event in case.history:
            state = self._advance(state, event.step, event.occurred_at)
        return state

    def _advance(self, state: CaseState, step: Step, at: datetime.datetime) -> CaseState:
        definition = definition_for(
            state.scheme, self._policy.as_of(local_day(at)), state.destination
        )
        dest = definition.target(state.state, step)
        return CaseState(
            state.case_id,
            state.scheme,
            dest if dest is not None else state.state,
            state.version + 1,
            state.done_mask | _STEP_BITS[step],
            at,
            state.destination,
        )

    # -- gates -------------------------------------------------------------------

    def _request(
        self,
        case: Case,
        state: str,
        step: Step,
        at: datetime.datetime,
        on: datetime.date,
        view: PolicyView,
        definition: ProcedureDefinition,
        actor: Actor | None,
        record: Callable[[EventData], None] | None = None,
        facts: HistoryFacts | None = None,
    ) -> StepRequest:
        """What a trigger of ``step`` carries: the gate (the rules for the step on ``on``, the
        day of ``at``, then the structure) and ``record``, the after-callback. ``facts`` may
        stand for ``case.history`` (see :func:`~pmi_workflow.rules.check_step`)."""

        def judge() -> tuple[Finding, ...]:
            # check_step on arguments already checked, with the definition's steps at hand
            rule_findings = _judge_step(
                case,
                step,
                on,
                view,
                actor,
                self._registry,
                self._sessions,
                facts,
                definition.steps,
            )
            structure = check_structure(
                definition, state, step, at, history=case.history, rule_findings=rule_findings
            )
            return rule_findings + structure if structure else rule_findings

        return StepRequest(judge, record)

    def _gate(
        self,
        case: Case,
        state: CaseState,
        step: Step,
        at: datetime.datetime,
        actor: Actor | None,
    ) -> StepCheck:
        """Trigger ``step`` through the shared Machine as a dry run: the gate is its condition,
        and nothing is recorded."""
        on = local_day(at)
        view = self._policy.as_of(on)
        definition = definition_for(case.scheme, view, case.destination)
        request = self._request(case, state.state, step, at, on, view, definition, actor)
        reached = definition.fire(state.state, step, request)
        return StepCheck(
            step=step,
            on=on,
            policy_version=view.version,
            state_before=state.state,
            state_after=reached if reached is not None else definition.target(state.state, step),
            findings=request.findings,
        )

    def check(
        self,
        case: Case,
        step: Step | str,
        *,
        at: datetime.datetime,
        actor: Actor | ActorRole | str | None = None,
        state: CaseState | None = None,
    ) -> StepCheck:
        """Dry run: may ``step`` be recorded at ``at``, and if not, why? Changes nothing."""
        stamp = _timestamp(at)
        return self._gate(case, state or self.replay(case), _step(step), stamp, _actor(actor))

    def open_steps(
        self,
        case: Case,
        *,
        at: datetime.datetime,
        actor: Actor | ActorRole | str | None = None,
    ) -> tuple[Step, ...]:
        """The steps that could be recorded at ``at`` without an error finding. Changes nothing."""
        stamp = _timestamp(at)
        state = self.replay(case)
        who = _actor(actor)
        definition = definition_for(
            case.scheme, self._policy.as_of(local_day(stamp)), case.destination
        )
        return tuple(
            step
            for step in definition.open_steps(state.state)
            if self._gate(case, state, step, stamp, who).allowed
        )

    def record(
        self,
        case: Case,
        step: Step | str,
        *,
        at: datetime.datetime,
        actor: Actor | ActorRole | str,
        evidence: Iterable[str] = (),
        place: str | None = None,
        note: str | None = None,
        information_sessions: Iterable[str] = (),
        event_id: uuid.UUID | None = None,
        state: CaseState | None = None,
    ) -> Recorded:
        """Record ``step``: run its gate, refuse on errors, else append a dated event.

        Raises :class:`~pmi_workflow.errors.ProcedureViolation` with the
        findings when an error finding refuses the step. ``state`` may be given
        to skip the replay when the caller already holds it.
        """
        stamp = _timestamp(at)
        who = _actor(actor)
        if who is None:
            raise InvalidInputError.single("a step needs the actor who records it", "actor")
        wanted = _step(step)
        evidence = tuple(evidence)
        missing = [ref for ref in evidence if case.document(ref) is None]
        if missing:
            raise InvalidInputError.single(
                f"evidence names documents the case does not have: {', '.join(missing[:5])}",
                "evidence",
                ("evidence",),
            )
        current = state or self.replay(case)
        on = local_day(stamp)
        view = self._policy.as_of(on)
        definition = definition_for(case.scheme, view, case.destination)
        facts = HistoryFacts.of(case.history)
        made: list[Recorded] = []

        def record(event_data: EventData) -> None:
            # The after-callback runs only when the gate passed: every finding is a warning.
            warnings: tuple[Finding, ...] = event_data.kwargs["request"].findings
            event = CaseEvent(
                event_id=event_id or uuid.uuid4(),
                case_id=case.case_id,
                sequence=current.version + 1,
                step=wanted,
                occurred_at=stamp,
                place=place,
                actor=who,
                evidence=evidence,
                information_sessions=tuple(information_sessions),
                policy_version=view.version,
                warnings=tuple(sorted({finding.code for finding in warnings})),
                note=note,
            )
            new_state = CaseState(
                current.case_id,
                current.scheme,
                _reached(event_data),
                current.version + 1,
                current.done_mask | _STEP_BITS[wanted],
                stamp,
                current.destination,
            )
            new_case = case.with_event(event)
            facts.extended(wanted, on).remember(new_case.history)
            made.append(Recorded(new_case, event, new_state, warnings))

        request = self._request(
            case, current.state, wanted, stamp, on, view, definition, who, record, facts
        )
        definition.fire(current.state, wanted, request)
        if not made:
            if logger.isEnabledFor(logging.INFO):
                logger.info(
                    "refused %s on case %s: %s",
                    wanted.value,
                    mask_case_id(case.case_id),
                    ", ".join(sorted({finding.code for finding in request.findings})),
                )
            raise ProcedureViolation(wanted.value, request.findings)
        recorded = made[0]
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "recorded %s on case %s as event %d",
                wanted.value,
                mask_case_id(case.case_id),
                recorded.event.sequence,
            )
        return recorded

    # -- audit -------------------------------------------------------------------

    def audit(self, case: Case, *, as_of: datetime.date | None = None) -> AuditReport:
        """Replay a recorded history without stopping at the first problem.

        Every event is judged as live recording would have judged it, by the
        policy in force on its day; then the case as a whole on ``as_of``
        (today in Jakarta by default). Returns every finding, the state reached
        and the verdict.
        """
        report = judge_history(
            case,
            as_of=as_of,
            policy=self._policy,
            registry=self._registry,
            sessions=self._sessions,
            caller="audit()",
        )
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("audited case %s: %s", mask_case_id(case.case_id), report.verdict)
        return report
