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
>>> data["documents"][7]["visa_type"] = "tourist"
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

from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain.case import Case
from pmi_workflow.domain.events import Actor
from pmi_workflow.enums import Step
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.findings import Finding, FindingsSummary
from pmi_workflow.policy import Policy, PolicyView
from pmi_workflow.policy.core import as_step
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
from pmi_workflow.rules.registry import LicenceRegistry

__all__ = [
    "CONCERNS",
    "SCHEDULE",
    "CheckInput",
    "ValidationReport",
    "check_step",
    "closing_checks",
    "dedupe",
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
) -> tuple[Finding, ...]:
    """The findings that apply to recording ``step`` on ``on``.

    ``case`` holds the dossier and the history *before* this step. Errors
    refuse the step; warnings are recorded with it. ``policy`` may be a
    :class:`Policy` (its view on ``on`` is used) or a :class:`PolicyView`.
    ``sessions`` maps information-session ids to the topics they covered
    (checked when ``step`` is ``registered``). Never raises for a broken rule.
    """
    step = as_step(step)
    if isinstance(on, datetime.datetime):
        on = on.astimezone(JAKARTA).date() if on.tzinfo else on.date()
    if not isinstance(on, datetime.date):
        raise InvalidInputError.single(
            f"the day judged must be a datetime.date, not {type(on).__name__}", "date", ("on",)
        )
    if not isinstance(case, Case):
        raise InvalidInputError.single(
            "check_step() needs a Case (use parse_case() on raw data)", "case", ("case",)
        )
    view = _view(policy, on)
    found: list[Finding] = list(procedure.check_procedure(case, step, on, view, actor=actor))
    data = CheckInput(case, step, on, view, registry)
    for name in SCHEDULE.get(step, ()):
        found.extend(CONCERNS[name](data))
    if step is Step.REGISTERED and sessions is not None:
        found.extend(procedure.check_information(case, on, view, sessions, step=step))
    return tuple(found)


@masked_repr
@dataclass(frozen=True, slots=True)
class ValidationReport(FindingsSummary):
    """The verdict on a case as of a date: procedural when no finding is an error."""

    case_id: str
    as_of: datetime.date
    findings: tuple[Finding, ...]
    policy_versions: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data (personal values are already masked)."""
        return {
            "case_id": self.case_id,
            "as_of": self.as_of.isoformat(),
            "verdict": self.verdict,
            "policy_versions": list(self.policy_versions),
            "findings": [finding.to_dict() for finding in self.findings],
        }


def closing_checks(case: Case, day: datetime.date, view: PolicyView) -> tuple[Finding, ...]:
    """The checks of a case as a whole on ``day``, after its steps were judged one by one:
    the identity when no recorded step judged it yet, and registration abroad overdue."""
    found: list[Finding] = []
    judged_identity = any(
        "identity" in SCHEDULE.get(event.step, ()) and procedure.event_day(event) <= day
        for event in case.history
    )
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


def validate_case(
    case: Case,
    *,
    as_of: datetime.date | None = None,
    policy: Policy | None = None,
    registry: LicenceRegistry | None = None,
    sessions: Mapping[str, Collection[str]] | None = None,
) -> ValidationReport:
    """Judge the whole dossier and history as of ``as_of`` (today in Jakarta by default).

    Each recorded step up to ``as_of`` is re-checked by the rules in force on
    its own day (a 2016 step by 2016 rules), then the case as a whole (for
    example registration abroad overdue). The same finding raised at several
    steps is reported once, at the first.
    """
    if not isinstance(case, Case):
        raise InvalidInputError.single(
            "validate_case() needs a Case (use parse_case() on raw data)", "case", ("case",)
        )
    if as_of is not None and not isinstance(as_of, datetime.date):
        raise InvalidInputError.single(
            f"as_of must be a datetime.date, not {type(as_of).__name__}", "date", ("as_of",)
        )
    policy = policy or Policy.default()
    day = as_of or datetime.datetime.now(JAKARTA).date()
    if isinstance(day, datetime.datetime):
        day = day.astimezone(JAKARTA).date() if day.tzinfo else day.date()
    found: list[Finding] = []
    versions: list[str] = []
    for index, event in enumerate(case.history):
        event_day = procedure.event_day(event)
        if event_day > day:
            break
        view = policy.as_of(event_day)
        if view.version not in versions:
            versions.append(view.version)
        before = case.model_copy(update={"history": case.history[:index]})
        found.extend(
            check_step(
                before,
                event.step,
                event_day,
                view,
                actor=event.actor,
                registry=registry,
                sessions=sessions,
            )
        )
    final = policy.as_of(day)
    if final.version not in versions:
        versions.append(final.version)
    found.extend(closing_checks(case, day, final))
    report = ValidationReport(case.case_id, day, dedupe(found), tuple(versions))
    logger.debug(
        "validated case %s as of %s: %s, %d findings",
        mask_case_id(case.case_id),
        day.isoformat(),
        report.verdict,
        len(report.findings),
    )
    return report
