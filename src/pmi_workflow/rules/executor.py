"""Executor and licences: who runs the placement, SIP3MI, SIP2MI and the job order.

Licence facts come from the case itself, or, when a
:class:`~pmi_workflow.rules.registry.LicenceRegistry` is given, from the
registry (which then prevails, and whose evidence may be stale).

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.policy import Policy
>>> from pmi_workflow.samples import procedural_case_data
>>> data = procedural_case_data("p2p")
>>> data["executor"]["sip3mi"]["valid_until"] = "2023-12-31"
>>> day = datetime.date(2024, 2, 1)
>>> [f.message_en for f in check_executor(parse_case(data), day, Policy.default().as_of(day))]
['SIP3MI B.5/1234/PK.02/2021 is not valid on 2024-02-01: expired.']
"""

from __future__ import annotations

import datetime

from pmi_workflow.dates import add_months
from pmi_workflow.domain.case import Case
from pmi_workflow.domain.parties import (
    IndividualRecruiter,
    Licence,
    P3miExecutor,
    UkpsExecutor,
)
from pmi_workflow.enums import Scheme, Step
from pmi_workflow.findings import Finding, Severity
from pmi_workflow.policy import PolicyView
from pmi_workflow.policy.entries import Entry
from pmi_workflow.rules._base import make_finding
from pmi_workflow.rules._facts import parameter_entry
from pmi_workflow.rules.registry import LicenceFact, LicenceKind, LicenceRegistry

__all__ = ["JOB_ORDER_SCHEMES", "LICENCE_REASONS", "check_executor"]

JOB_ORDER_SCHEMES = frozenset({Scheme.P2P, Scheme.G2G, Scheme.G2P, Scheme.UKPS})
"""Schemes whose selection rests on a job order (demand letter)."""

LICENCE_REASONS: dict[str, tuple[str, str]] = {
    "missing": ("tidak ada", "missing"),
    "not_yet_issued": ("belum terbit", "not yet issued"),
    "expired": ("kedaluwarsa", "expired"),
    "revoked": ("dicabut", "revoked"),
    "unknown_to_registry": (
        "tidak ditemukan dalam data perizinan",
        "not found in the licence data",
    ),
    "other_holder": (
        "menurut data perizinan, izin itu milik perusahaan lain",
        "the licence data gives it to another company",
    ),
    "holder_branch": (
        "menurut data perizinan, izin itu milik kantor pusat; kantor cabang perlu diperiksa",
        "the licence data gives it to the head office; the branch is to be verified",
    ),
}
"""Why a licence is not valid (``executor.licence_invalid``'s reason), in Indonesian and English."""


def _licence_problem(licence: Licence, on: datetime.date, validity_years: int | None) -> str | None:
    if on < licence.issued_on:
        return "not_yet_issued"
    if licence.revoked_on is not None and licence.revoked_on <= on:
        return "revoked"
    valid_until = licence.valid_until
    if valid_until is None and validity_years is not None:
        valid_until = add_months(licence.issued_on, 12 * validity_years)
    if valid_until is not None and on > valid_until:
        return "expired"
    return None


def _invalid(
    label: str,
    number: str,
    reason: str,
    on: datetime.date,
    step: Step | None,
    where: str,
    *,
    severity: Severity | None = None,
    entries: tuple[Entry | None, ...] = (),
    holder: str | None = None,
) -> Finding:
    reason_id, reason_en = LICENCE_REASONS[reason]
    compared = (("licence", label), ("number", number), ("reason", reason))
    return make_finding(
        "executor.licence_invalid",
        on,
        step=step,
        where=where,
        compared=compared + ((("holder", holder),) if holder else ()),
        values={"reason_id": reason_id, "reason_en": reason_en},
        severity=severity,
        entries=entries,
    )


def _stale(
    fact: LicenceFact,
    label: str,
    on: datetime.date,
    view: PolicyView,
    step: Step | None,
    where: str,
) -> Finding | None:
    entry = parameter_entry(view, "licence_evidence_max_days")
    maximum = entry.value if entry is not None else None
    if maximum is None or fact.checked_on >= on - datetime.timedelta(days=maximum):
        return None
    return make_finding(
        "executor.licence_evidence_stale",
        on,
        step=step,
        where=where,
        compared=(
            ("licence", label),
            ("number", fact.number),
            ("checked_on", fact.checked_on.isoformat()),
            ("maximum_days", str(maximum)),
        ),
        entries=(entry,),
    )


def _check_licence(
    licence: Licence | None,
    kind: LicenceKind,
    label: str,
    where: str,
    on: datetime.date,
    view: PolicyView,
    step: Step | None,
    registry: LicenceRegistry | None,
    name: str,
) -> list[Finding]:
    if licence is None:
        return [_invalid(label, "-", "missing", on, step, where)]
    if registry is not None:
        fact = registry.lookup(kind, licence.number)
        if fact is None:
            return [
                _invalid(
                    label,
                    licence.number,
                    "unknown_to_registry",
                    on,
                    step,
                    where,
                    severity=Severity.WARNING,
                )
            ]
        found = []
        held_by = fact.held_by(name)
        problem = fact.problem_on(on)
        if held_by == "other":
            # a licence the data gives to another company is not this executor's licence
            found.append(
                _invalid(label, licence.number, "other_holder", on, step, where, holder=fact.holder)
            )
        elif problem is not None:
            found.append(_invalid(label, licence.number, problem, on, step, where))
        elif held_by == "branch":
            # a branch office under its head office's licence: to verify, not a verdict
            found.append(
                _invalid(
                    label,
                    licence.number,
                    "holder_branch",
                    on,
                    step,
                    where,
                    severity=Severity.WARNING,
                    holder=fact.holder,
                )
            )
        stale = _stale(fact, label, on, view, step, where)
        if stale is not None:
            found.append(stale)
        return found
    validity = (
        parameter_entry(view, "sip3mi_validity_years") if kind is LicenceKind.SIP3MI else None
    )
    years = validity.value if validity is not None else None
    problem = _licence_problem(licence, on, years)
    if problem is None:
        return []
    # an expiry computed from the statutory validity rests on that entry
    computed = problem == "expired" and licence.valid_until is None
    return [
        _invalid(
            label,
            licence.number,
            problem,
            on,
            step,
            where,
            entries=(validity,) if computed else (),
        )
    ]


def check_executor(
    case: Case,
    on: datetime.date,
    view: PolicyView,
    *,
    step: Step | None = None,
    registry: LicenceRegistry | None = None,
    job_order: bool = True,
) -> tuple[Finding, ...]:
    """``executor.*`` findings for the case's executor, licences and job order on ``on``.

    With ``job_order`` (the selection gate) the job order and its SIP2MI are
    checked too; at departure only the executor and its licence are.
    """
    executor = case.executor
    findings: list[Finding] = []
    if isinstance(executor, IndividualRecruiter):
        findings.append(
            make_finding(
                "executor.individual_recruiter",
                on,
                step=step,
                where="executor",
                compared=(("executor_kind", "individual"),),
            )
        )
    elif isinstance(executor, P3miExecutor):
        findings.extend(
            _check_licence(
                executor.sip3mi,
                LicenceKind.SIP3MI,
                "SIP3MI",
                "executor.sip3mi",
                on,
                view,
                step,
                registry,
                executor.name,
            )
        )
    elif isinstance(executor, UkpsExecutor):
        findings.extend(
            _check_licence(
                executor.permit,
                LicenceKind.UKPS_PERMIT,
                "UKPS permit",
                "executor.permit",
                on,
                view,
                step,
                registry,
                executor.name,
            )
        )
    if not job_order or case.scheme not in JOB_ORDER_SCHEMES:
        return tuple(findings)
    order = case.job_order
    if order is None:
        findings.append(
            make_finding(
                "executor.job_order_missing",
                on,
                step=step,
                where="job_order",
                compared=(("job_order", "absent"),),
            )
        )
        return tuple(findings)
    if not isinstance(executor, P3miExecutor):
        return tuple(findings)  # SIP2MI is the P3MI's permit (Pasal 59)
    permit = order.sip2mi
    permit_destination = permit.destination if permit is not None else None
    permit_ok = permit is not None and permit.is_valid_on(on)
    other_holder = False
    if permit is not None and registry is not None:
        fact = registry.lookup(LicenceKind.SIP2MI, permit.number)
        if fact is not None:
            # the SIP2MI is the P3MI's own permit (Pasal 59): another company's is none
            other_holder = fact.held_by(executor.name) == "other"
            permit_ok = fact.is_valid_on(on) and not other_holder
            permit_destination = fact.destination or permit_destination
            stale = _stale(fact, "SIP2MI", on, view, step, "job_order.sip2mi")
            if stale is not None:
                findings.append(stale)
    if not permit_ok:
        findings.append(
            make_finding(
                "executor.recruitment_permit_missing",
                on,
                step=step,
                where="job_order.sip2mi",
                compared=(
                    ("job_order", order.number),
                    ("sip2mi", permit.number if permit is not None else "absent"),
                    *((("reason", "other_holder"),) if other_holder else ()),
                ),
            )
        )
    if permit is not None and permit_destination != case.destination:
        findings.append(
            make_finding(
                "executor.recruitment_permit_destination_mismatch",
                on,
                step=step,
                where="job_order.sip2mi.destination",
                compared=(
                    ("number", permit.number),
                    ("permit_destination", permit_destination or "-"),
                    ("destination", case.destination),
                ),
            )
        )
    return tuple(findings)
