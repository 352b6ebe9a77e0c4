"""The entry points: :func:`check_step` (the gate of one step) and :func:`validate_case`.

Which concerns are checked at which step is the table :data:`SCHEDULE`
(procedure.md: eligibility at registration and the legal minimum age again at departure, executor
licences and destination at selection, all Pasal 13 documents, fees and cover
at departure). The procedure checks run at every step.

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.samples import procedural_case_data
>>> report = validate_case(parse_case(procedural_case_data("p2p")), as_of=datetime.date(2024, 6, 1))
>>> report.procedural, report.findings
(True, ())
>>> data = procedural_case_data("p2p")
>>> visa = next(item for item in data["documents"] if item["id"] == "visa-1")
>>> visa["visa_type"] = "tourist"
>>> report = validate_case(parse_case(data), as_of=datetime.date(2024, 6, 1))
>>> report.procedural, report.codes
(False, ('documents.visa_not_work',))
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from pmi_workflow.dates import JAKARTA, day_text, local_day
from pmi_workflow.domain.case import Case
from pmi_workflow.domain.events import Actor, CaseEvent
from pmi_workflow.enums import Scheme, Step
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.findings import Finding, FindingsSummary
from pmi_workflow.policy import Policy, PolicyView
from pmi_workflow.policy.entries import SchemePath
from pmi_workflow.privacy import mask_case_id, masked_repr
from pmi_workflow.rules import (
    contract,
    destination,
    documents,
    eligibility,
    executor,
    fees,
    identity,
    procedure,
    scheme,
    social_security,
)
from pmi_workflow.rules._base import make_finding
from pmi_workflow.rules.definition import INITIAL, ProcedureDefinition, definition_for
from pmi_workflow.rules.registry import LicenceRegistry

__all__ = [
    "CONCERNS",
    "CONCERN_CODES",
    "SCHEDULE",
    "CheckInput",
    "ValidationReport",
    "check_step",
    "check_structure",
    "closing_checks",
    "dedupe",
    "judge_history",
    "validate_case",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CheckInput:
    """What a scheduled check gets: the case (history before the step), the step, the day."""

    case: Case
    step: Step
    on: datetime.date
    view: PolicyView
    registry: LicenceRegistry | None = None


Check = Callable[[CheckInput], Iterable[Finding]]

CONCERNS: Mapping[str, Check] = MappingProxyType(
    {
        "identity": lambda c: identity.check_identity(c.case, c.on, step=c.step),
        "age": lambda c: eligibility.check_age(c.case, c.on, c.view, step=c.step),
        "minimum_age": lambda c: eligibility.check_age(
            c.case, c.on, c.view, step=c.step, ranges=False
        ),
        "fitness": lambda c: eligibility.check_fitness(c.case, c.on, c.view, step=c.step),
        "required_documents": lambda c: documents.check_required(c.case, c.on, c.view, step=c.step),
        "family_documents": lambda c: documents.check_family_documents(
            c.case, c.on, c.view, step=c.step
        ),
        "health_certificate": lambda c: documents.check_health_certificate(
            c.case, c.on, c.view, step=c.step
        ),
        "passport": lambda c: documents.check_passport_validity(c.case, c.on, c.view, step=c.step),
        "visa": lambda c: documents.check_visas(c.case, c.on, c.view, step=c.step),
        "executor": lambda c: executor.check_executor(
            c.case, c.on, c.view, step=c.step, registry=c.registry
        ),
        "executor_licence": lambda c: executor.check_executor(
            c.case, c.on, c.view, step=c.step, registry=c.registry, job_order=False
        ),
        "destination": lambda c: destination.check_destination(c.case, c.on, c.view, step=c.step),
        "scheme": lambda c: scheme.check_scheme(c.case, c.on, c.view, step=c.step),
        "fees": lambda c: fees.check_fees(c.case, c.on, c.view, step=c.step),
        "social_security_enrolment": lambda c: social_security.check_enrolment(
            c.case, c.on, c.view, step=c.step
        ),
        "social_security_cover": lambda c: social_security.check_cover(
            c.case, c.on, c.view, step=c.step
        ),
        "contract": lambda c: contract.check_contract(c.case, c.on, c.view, step=c.step),
        "extension": lambda c: contract.check_extension(c.case, c.on, c.view, step=c.step),
    }
)
"""The dossier checks by name (each a pure function of a :class:`CheckInput`)."""

CONCERN_CODES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "identity": (
            "identity.nik_invalid",
            "identity.nik_birth_date_mismatch",
            "identity.nik_sex_mismatch",
        ),
        "age": ("eligibility.age_below_minimum", "eligibility.age_outside_destination_range"),
        "minimum_age": ("eligibility.age_below_minimum",),
        "fitness": ("eligibility.medically_unfit",),
        "required_documents": ("documents.missing", "documents.expired"),
        "family_documents": (
            "documents.consent_not_acknowledged",
            "documents.marriage_book_missing",
        ),
        "health_certificate": (
            "documents.health_without_psychological",
            "documents.health_certificate_stale",
        ),
        "passport": ("documents.passport_validity_short",),
        "visa": ("documents.visa_not_work", "documents.visa_destination_mismatch"),
        "executor": (
            "executor.individual_recruiter",
            "executor.licence_invalid",
            "executor.recruitment_permit_missing",
            "executor.recruitment_permit_destination_mismatch",
            "executor.licence_evidence_stale",
            "executor.job_order_missing",
        ),
        "executor_licence": (
            "executor.individual_recruiter",
            "executor.licence_invalid",
            "executor.licence_evidence_stale",
        ),
        "destination": (
            "destination.closed",
            "destination.domestic_individual_employer_banned",
            "destination.channel_required",
        ),
        "scheme": (
            "scheme.independent_employer_not_legal_entity",
            "scheme.independent_lowest_position",
        ),
        "fees": ("fees.charged_to_worker", "fees.exempt_occupation_charged", "fees.placement_loan"),
        "social_security_enrolment": (
            "social_security.not_enrolled",
            "social_security.premium_before_placement_agreement",
        ),
        "social_security_cover": (
            "social_security.not_enrolled",
            "social_security.pre_work_cover_lapsed",
            "social_security.cover_shorter_than_contract",
            "social_security.independent_registered_early",
        ),
        "contract": ("contract.missing_terms", "contract.position_mismatch"),
        "extension": ("contract.extension_outside_mission", "contract.extension_incomplete"),
    }
)
"""The rule codes each dossier check of :data:`CONCERNS` may raise (declared beside it)."""

_DEPARTURE = (
    "identity",
    "minimum_age",
    "required_documents",
    "family_documents",
    "fitness",
    "health_certificate",
    "passport",
    "visa",
    "executor_licence",
    "destination",
    "scheme",
    "fees",
    "social_security_cover",
    "contract",
)

SCHEDULE: Mapping[Step, tuple[str, ...]] = MappingProxyType(
    {
        Step.REGISTERED: ("identity", "age", "required_documents", "family_documents"),
        Step.SELECTED: ("executor", "destination"),
        Step.MEDICALLY_CLEARED: ("required_documents", "fitness", "health_certificate"),
        Step.COMPETENCE_CERTIFIED: ("required_documents",),
        Step.PLACEMENT_AGREEMENT_SIGNED: ("required_documents",),
        Step.SOCIAL_SECURITY_ENROLLED: ("required_documents", "social_security_enrolment"),
        Step.PASSPORT_ISSUED: ("required_documents",),
        Step.VISA_ISSUED: ("required_documents", "visa"),
        Step.EMPLOYMENT_CONTRACT_SIGNED: ("required_documents", "contract", "scheme"),
        Step.OPP_COMPLETED: ("required_documents",),
        Step.DEPARTED: _DEPARTURE,
        Step.CONTRACT_EXTENDED: ("extension",),
    }
)
"""Which dossier checks run when a step is recorded (the procedure checks always run)."""


def _view(policy: Policy | PolicyView | None, on: datetime.date) -> PolicyView:
    if isinstance(policy, PolicyView):
        return policy
    return (policy or Policy.default()).as_of(on)


def check_step(
    case: Case,
    step: Step,
    on: datetime.date,
    policy: Policy | PolicyView | None = None,
    *,
    actor: Actor | None = None,
    registry: LicenceRegistry | None = None,
    sessions: Mapping[str, Collection[str]] | None = None,
    facts: procedure.HistoryFacts | None = None,
) -> tuple[Finding, ...]:
    """The findings that apply to recording ``step`` on ``on``.

    ``case`` holds the dossier and the history *before* this step. Errors
    refuse the step; warnings are recorded with it. ``policy`` may be a
    :class:`Policy` (its view on ``on`` is used) or a :class:`PolicyView`.
    ``sessions`` maps information-session ids to the topics they covered
    (checked when ``step`` is ``registered``). Never raises for a broken rule.
    """
    step = Step.parse(step)
    on = _day_judged(on, "on", today=False)
    _require_case(case, "check_step()")
    return _judge_step(case, step, on, _view(policy, on), actor, registry, sessions, facts, None)


def _require_case(case: object, caller: str) -> None:
    if not isinstance(case, Case):
        raise InvalidInputError.single(
            f"{caller} needs a Case (use parse_case() on raw data)", "case", ("case",)
        )


def _day_judged(day: object, name: str, *, today: bool) -> datetime.date:
    """The day given as ``name``: a date as it is, a timestamp's own calendar day, and (when
    ``today`` allows it) today in Jakarta for ``None``; anything else is a clear error."""
    if day is None and today:
        return datetime.datetime.now(JAKARTA).date()
    if isinstance(day, datetime.datetime):
        return local_day(day)
    if not isinstance(day, datetime.date):
        raise InvalidInputError.single(
            f"{name} must be a datetime.date, not {type(day).__name__}", "date", (name,)
        )
    return day


def _judge_step(
    case: Case,
    step: Step,
    on: datetime.date,
    view: PolicyView,
    actor: Actor | None,
    registry: LicenceRegistry | None,
    sessions: Mapping[str, Collection[str]] | None,
    facts: procedure.HistoryFacts | None,
    steps: frozenset[Step] | None,
) -> tuple[Finding, ...]:
    """:func:`check_step` on checked arguments (the history loop calls it directly)."""
    found = procedure.check_procedure(case, step, on, view, actor=actor, facts=facts, steps=steps)
    scheduled = SCHEDULE.get(step)
    if scheduled:
        data = CheckInput(case, step, on, view, registry)
        for name in scheduled:
            found += tuple(CONCERNS[name](data))
    if step is Step.REGISTERED and sessions is not None:
        found += procedure.check_information(case, on, view, sessions, step=step)
    return found


@masked_repr
@dataclass(frozen=True, slots=True)
class ValidationReport(FindingsSummary):
    """The verdict on a case as of a date: procedural when no finding is an error.

    The one result of judging a history: :func:`validate_case` and
    :meth:`pmi_workflow.workflow.Workflow.audit` (whose ``AuditReport`` is this
    class) both return it, from the same loop. ``state`` is the state the
    history reaches in the procedure's machine; ``events_judged`` counts the
    events judged (every event: one dated after ``as_of`` is judged too, and
    reported as ``procedure.date_out_of_order``).
    """

    case_id: str
    as_of: datetime.date
    findings: tuple[Finding, ...]
    policy_versions: tuple[str, ...] = field(default=())
    scheme: Scheme | None = None
    state: str = "new"
    events_judged: int = 0

    def reasons(self, language: str = "en") -> tuple[str, ...]:
        """The messages of the error findings, in Indonesian (``"id"``) or English."""
        return tuple(f.message_id if language == "id" else f.message_en for f in self.errors)

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data (personal values are already masked)."""
        return {
            "case_id": self.case_id,
            "scheme": self.scheme.value if self.scheme is not None else None,
            "as_of": self.as_of.isoformat(),
            "state": self.state,
            "events_judged": self.events_judged,
            "verdict": self.verdict,
            "policy_versions": list(self.policy_versions),
            "findings": [finding.to_dict() for finding in self.findings],
        }


def _occurred_values(at: datetime.datetime) -> dict[str, str]:
    day = local_day(at)
    return {"occurred_id": day_text(day, "id"), "occurred_en": day_text(day, "en")}


def check_structure(
    definition: ProcedureDefinition,
    state: str,
    step: Step,
    at: datetime.datetime,
    *,
    history: tuple[CaseEvent, ...],
    rule_findings: Iterable[Finding] = (),
    as_of: datetime.date | None = None,
    upto: int | None = None,
) -> tuple[Finding, ...]:
    """What the procedure's structure and the time line say about recording ``step`` at ``at``
    in ``state`` after ``history`` (its first ``upto`` events when given).

    - ``procedure.date_out_of_order``: the event is dated after ``as_of`` (the
      day judged), or before the event it follows;
    - ``procedure.step_repeated``: a step that happens once was recorded again;
    - ``procedure.out_of_order``: the machine has no way from ``state`` by
      ``step`` (unless a procedure rule already refused the step), or the step
      comes earlier in the scheme's path than ``state`` (a placement step
      recorded late): then it rests on the path entry, and a path that is not
      confirmed makes it a warning.
    """
    count = len(history) if upto is None else upto
    on = local_day(at)
    allowed = (
        definition.target(state, step) is not None and (state, step) not in definition.against_path
    )
    if (
        allowed
        and (as_of is None or on <= as_of)
        and (not count or at >= history[count - 1].occurred_at)
    ):
        return ()  # the common case: in time order, and the machine allows the step
    where = f"history.{count + 1}"
    found: list[Finding] = []
    if as_of is not None and on > as_of:
        found.append(
            make_finding(
                "procedure.date_out_of_order",
                on,
                step=step,
                where=f"{where}.occurred_at",
                compared=(("occurred_at", at.isoformat()), ("as_of", as_of.isoformat())),
                values={
                    **_occurred_values(at),
                    "reason_id": f"sesudah tanggal penilaian ({day_text(as_of, 'id')})",
                    "reason_en": f"after the day judged ({day_text(as_of, 'en')})",
                },
            )
        )
    if count and at < history[count - 1].occurred_at:
        previous = history[count - 1]
        shown_id = day_text(local_day(previous.occurred_at), "id")
        shown_en = day_text(local_day(previous.occurred_at), "en")
        found.append(
            make_finding(
                "procedure.date_out_of_order",
                on,
                step=step,
                where=f"{where}.occurred_at",
                compared=(
                    ("occurred_at", at.isoformat()),
                    ("previous_at", previous.occurred_at.isoformat()),
                ),
                values={
                    **_occurred_values(at),
                    "reason_id": f"sebelum langkah sebelumnya, {previous.step.label_id} "
                    f"({shown_id})",
                    "reason_en": f"before the previous step, {previous.step.label_en} ({shown_en})",
                },
            )
        )
    if allowed or any(
        finding.is_error and finding.code.startswith("procedure.") for finding in rule_findings
    ):
        return tuple(found)
    earlier = next((event for event in history[:count] if event.step is step), None)
    if earlier is not None:
        day = local_day(earlier.occurred_at)
        found.append(
            make_finding(
                "procedure.step_repeated",
                on,
                step=step,
                where=where,
                compared=(("step", step.value), ("recorded_on", day.isoformat())),
                values={"previous_id": day_text(day, "id"), "previous_en": day_text(day, "en")},
            )
        )
        return tuple(found)
    if (state, step) in definition.against_path:
        # a placement step recorded later than the path puts it: judged on the path entry
        found.append(
            _order_finding(
                on,
                step,
                where,
                (("before", step.value), ("after", state)),
                (step.label_id, step.label_en),
                (Step(state).label_id, Step(state).label_en),
                ("urutan jalur skema", "the order of the scheme's path"),
                definition.path_entry,
            )
        )
        return tuple(found)
    initial = state == definition.initial
    found.append(
        _order_finding(
            on,
            step,
            where,
            (("state", state), ("step", step.value)),
            ("awal proses penempatan", "the start of the case")
            if initial
            else (Step(state).label_id, Step(state).label_en),
            (step.label_id, step.label_en),
            ("alur prosedur", "the structure of the procedure"),
            None,
        )
    )
    return tuple(found)


def _order_finding(
    on: datetime.date,
    step: Step,
    where: str,
    compared: tuple[tuple[str, str], ...],
    before: tuple[str, str],
    after: tuple[str, str],
    basis: tuple[str, str],
    entry: SchemePath | None,
) -> Finding:
    """``procedure.out_of_order`` from the structure: ``before`` should come before ``after``
    (each in Indonesian and English), on ``basis``, resting on ``entry`` when one is given."""
    return make_finding(
        "procedure.out_of_order",
        on,
        step=step,
        where=where,
        compared=compared,
        values={
            "before_id": before[0],
            "before_en": before[1],
            "after_id": after[0],
            "after_en": after[1],
            "basis_id": basis[0],
            "basis_en": basis[1],
        },
        entries=(entry,),
    )


def closing_checks(case: Case, day: datetime.date, view: PolicyView) -> tuple[Finding, ...]:
    """The checks of a case as a whole on ``day``, after its steps were judged one by one:
    the identity when no recorded step judged it yet, and registration abroad overdue."""
    found: list[Finding] = []
    judged_identity = any("identity" in SCHEDULE.get(event.step, ()) for event in case.history)
    if not judged_identity:
        found.extend(identity.check_identity(case, day))
    found.extend(procedure.check_registered_abroad(case, day, view))
    return tuple(found)


def dedupe(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings without repeats (same code, severity, place and values), first kept."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for finding in findings:
        key = (finding.code, finding.severity, finding.where, finding.compared)
        if key in seen:
            continue
        seen.add(key)
        kept.append(finding)
    return tuple(kept)


def judge_history(
    case: Case,
    *,
    as_of: datetime.date | None,
    policy: Policy | None,
    registry: LicenceRegistry | None = None,
    sessions: Mapping[str, Collection[str]] | None = None,
    caller: str = "judge_history()",
) -> ValidationReport:
    """The one history loop behind :func:`validate_case` and ``Workflow.audit``.

    Every event is judged, in order, by the rules and the machine in force on
    its own day, as live recording would have judged it; then the case as a
    whole on ``as_of`` (today in Jakarta when ``None``; a timestamp is judged
    on its own calendar day). Nothing is skipped: an event dated after ``as_of``
    or before the event it follows is reported (``procedure.date_out_of_order``)
    and judged all the same. ``caller`` names the function in the error raised
    for arguments of the wrong kind.
    """
    _require_case(case, caller)
    as_of = _day_judged(as_of, "as_of", today=True)
    policy = policy or Policy.default()

    found: list[Finding] = []
    versions: list[str] = []
    state = INITIAL
    history = case.history
    facts = procedure.HistoryFacts()
    views: dict[datetime.date, tuple[PolicyView, ProcedureDefinition]] = {}
    for index, event in enumerate(history):
        step = event.step
        at = event.occurred_at
        day = local_day(at)  # each event's day, once
        known = views.get(day)
        if known is None:
            view = policy.as_of(day)
            if view.version not in versions:
                versions.append(view.version)
            known = views[day] = (view, definition_for(case.scheme, view, case.destination))
        view, definition = known
        # The rules read the dossier; what they need of the history before this
        # event is in ``facts``. Only the information check reads the events.
        needs_events = sessions is not None and step is Step.REGISTERED
        before = case.model_copy(update={"history": history[:index]}) if needs_events else case
        rule_findings = _judge_step(
            before, step, day, view, event.actor, registry, sessions, facts, definition.steps
        )
        found.extend(rule_findings)
        found.extend(
            check_structure(
                definition,
                state,
                step,
                at,
                history=history,
                rule_findings=rule_findings,
                as_of=as_of,
                upto=index,
            )
        )
        state = definition.target(state, step) or state
        facts.add(step, day)
    final = policy.as_of(as_of)
    if final.version not in versions:
        versions.append(final.version)
    found.extend(closing_checks(case, as_of, final))
    return ValidationReport(
        case_id=case.case_id,
        as_of=as_of,
        findings=dedupe(found),
        policy_versions=tuple(versions),
        scheme=case.scheme,
        state=state,
        events_judged=len(history),
    )


def validate_case(
    case: Case,
    *,
    as_of: datetime.date | None = None,
    policy: Policy | None = None,
    registry: LicenceRegistry | None = None,
    sessions: Mapping[str, Collection[str]] | None = None,
) -> ValidationReport:
    """Judge the whole dossier and history as of ``as_of`` (today in Jakarta by default).

    Each recorded step is re-checked by the rules in force on its own day (a
    2016 step by 2016 rules), then the case as a whole (for example
    registration abroad overdue). The same finding raised at several steps is
    reported once, at the first. The same loop as ``Workflow.audit``
    (:func:`judge_history`): the two cannot disagree.
    """
    report = judge_history(
        case,
        as_of=as_of,
        policy=policy,
        registry=registry,
        sessions=sessions,
        caller="validate_case()",
    )
    logger.debug(
        "validated case %s as of %s: %s, %d findings",
        mask_case_id(case.case_id),
        report.as_of.isoformat(),
        report.verdict,
        len(report.findings),
    )
    return report
