"""Social security (BPJS Ketenagakerjaan JKK + JKM; Permenaker 4/2023).

At enrolment: the pre-work premium comes after the placement agreement. At
departure: an active JKK+JKM membership, pre-work cover not older than the
policy's window (5 months), a paid package as long as the contract, and for
Perseorangan a registration no earlier than 1 month before departure.

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.policy import Policy
>>> from pmi_workflow.samples import procedural_case_data
>>> data = procedural_case_data("p2p")
>>> data["documents"][6]["package_months"] = 12
>>> data["documents"][6]["premiums"][1].update(amount="189000", months=12)
>>> day = datetime.date(2024, 5, 20)
>>> [f.message_en for f in check_cover(parse_case(data), day, Policy.default().as_of(day))]
['The premiums paid cover 12 months, but the employment contract runs 24 months.']
"""

from __future__ import annotations

import datetime

from pmi_workflow.dates import add_months, months_between
from pmi_workflow.domain.case import Case
from pmi_workflow.domain.documents import (
    EmploymentContract,
    PlacementAgreement,
    SocialSecurityMembership,
)
from pmi_workflow.enums import PremiumKind, Scheme, SocialSecurityProgramme, Step
from pmi_workflow.findings import Finding
from pmi_workflow.policy import PolicyView
from pmi_workflow.rules._base import documents_at, latest, make_finding
from pmi_workflow.rules._facts import premium_entry

__all__ = ["PRE_WORK_SCHEMES", "check_cover", "check_enrolment", "paid_months"]

PRE_WORK_SCHEMES = frozenset({Scheme.P2P, Scheme.G2G, Scheme.G2P, Scheme.UKPS})
"""Schemes that pay a pre-work premium through the executor (Permenaker 4/2023 Pasal 18)."""

_MANDATORY = frozenset({SocialSecurityProgramme.JKK, SocialSecurityProgramme.JKM})


def paid_months(membership: SocialSecurityMembership) -> int:
    """Months of during/after-work cover paid: the package plus extra and extension months."""
    package = sum(p.months or 0 for p in membership.paid(PremiumKind.DURING_AFTER_WORK))
    if package == 0 and membership.paid(PremiumKind.DURING_AFTER_WORK):
        package = membership.package_months or 0
    extra = sum(
        p.months or 0
        for kind in (PremiumKind.EXTRA_MONTHS, PremiumKind.EXTENSION)
        for p in membership.paid(kind)
    )
    return package + extra


def check_enrolment(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step | None = None
) -> tuple[Finding, ...]:
    """``social_security.premium_before_placement_agreement``."""
    membership = latest(documents_at(case, on, SocialSecurityMembership))
    agreement = latest(documents_at(case, on, PlacementAgreement))
    if not isinstance(membership, SocialSecurityMembership) or not isinstance(
        agreement, PlacementAgreement
    ):
        return ()
    findings = []
    for payment in membership.paid(PremiumKind.PRE_WORK):
        if payment.paid_on < agreement.signed_on:
            findings.append(
                make_finding(
                    "social_security.premium_before_placement_agreement",
                    on,
                    step=step,
                    where=f"documents.{membership.id}.premiums",
                    compared=(
                        ("paid_on", payment.paid_on.isoformat()),
                        ("signed_on", agreement.signed_on.isoformat()),
                    ),
                )
            )
    return tuple(findings)


def _not_enrolled(on: datetime.date, step: Step | None, where: str, reason: str) -> Finding:
    reasons = {
        "no_membership": ("tidak ada kepesertaan", "no membership"),
        "missing_programme": ("JKK atau JKM tidak ada", "JKK or JKM missing"),
        "not_started": ("perlindungan belum mulai", "cover has not started"),
        "no_pre_work_premium": ("iuran sebelum bekerja belum dibayar", "no pre-work premium"),
    }
    reason_id, reason_en = reasons[reason]
    return make_finding(
        "social_security.not_enrolled",
        on,
        step=step,
        where=where,
        compared=(("reason", reason),),
        values={"reason_id": reason_id, "reason_en": reason_en},
    )


def check_cover(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step | None = None
) -> tuple[Finding, ...]:
    """Cover at departure: ``not_enrolled``, ``pre_work_cover_lapsed``,
    ``cover_shorter_than_contract``, ``independent_registered_early``."""
    membership = latest(documents_at(case, on, SocialSecurityMembership))
    if not isinstance(membership, SocialSecurityMembership):
        return (_not_enrolled(on, step, "documents[type=social_security]", "no_membership"),)
    where = f"documents.{membership.id}"
    findings = []
    if not membership.programmes >= _MANDATORY:
        findings.append(_not_enrolled(on, step, f"{where}.programmes", "missing_programme"))
    if membership.cover_start > on:
        findings.append(_not_enrolled(on, step, f"{where}.cover_start", "not_started"))
    schedule = premium_entry(view)
    pre_work = membership.paid(PremiumKind.PRE_WORK)
    if case.scheme in PRE_WORK_SCHEMES:
        if not pre_work:
            findings.append(_not_enrolled(on, step, f"{where}.premiums", "no_pre_work_premium"))
        elif schedule is not None:
            start = max(payment.paid_on for payment in pre_work)
            if add_months(start, schedule.pre_work_cover_months) < on:
                findings.append(
                    make_finding(
                        "social_security.pre_work_cover_lapsed",
                        on,
                        step=step,
                        where=f"{where}.premiums",
                        compared=(
                            ("cover_start", start.isoformat()),
                            ("maximum_months", str(schedule.pre_work_cover_months)),
                        ),
                        entries=(schedule,),
                    )
                )
    contract = latest(documents_at(case, on, EmploymentContract))
    if isinstance(contract, EmploymentContract):
        if case.scheme is Scheme.RE_ENTRY:
            needed = max(months_between(on, contract.ends_on), 0)
        else:
            needed = contract.duration_months
        paid = paid_months(membership)
        if paid < needed:
            findings.append(
                make_finding(
                    "social_security.cover_shorter_than_contract",
                    on,
                    step=step,
                    where=f"{where}.premiums",
                    compared=(("paid_months", str(paid)), ("contract_months", str(needed))),
                    entries=(schedule,),
                )
            )
    if case.scheme is Scheme.PERSEORANGAN and schedule is not None:
        earliest = add_months(on, -schedule.independent_registration_months)
        if membership.cover_start < earliest:
            findings.append(
                make_finding(
                    "social_security.independent_registered_early",
                    on,
                    step=step,
                    where=f"{where}.cover_start",
                    compared=(
                        ("cover_start", membership.cover_start.isoformat()),
                        ("maximum_months", str(schedule.independent_registration_months)),
                    ),
                    entries=(schedule,),
                )
            )
    return tuple(findings)
