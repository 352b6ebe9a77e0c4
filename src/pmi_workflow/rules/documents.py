"""Documents (UU 18/2017 Pasal 13): presence, validity, consent, marriage book, health, visa.

Which documents a scheme needs at which step is policy data
(:meth:`~pmi_workflow.policy.PolicyView.required_documents`). A document
counts from the day it was issued (or signed); one issued later than the
date judged is not yet there.

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.enums import Step
>>> from pmi_workflow.policy import Policy
>>> from pmi_workflow.samples import procedural_case_data
>>> data = procedural_case_data("p2p")
>>> data["documents"] = [d for d in data["documents"] if d["type"] != "family_consent"]
>>> day = datetime.date(2024, 1, 15)
>>> [f.message_en for f in check_required(parse_case(data), day, Policy.default().as_of(day),
...                                       step=Step.REGISTERED)]
['The document family_consent is required for the step Registered as CPMI but was not found.']
"""

from __future__ import annotations

import datetime

from pmi_workflow.dates import add_months, months_between
from pmi_workflow.domain.case import Case
from pmi_workflow.domain.documents import (
    DOCUMENT_TYPES,
    EmploymentContract,
    FamilyConsent,
    HealthCertificate,
    MarriageBook,
    OtherDocument,
    Passport,
    Visa,
)
from pmi_workflow.enums import MaritalStatus, Step
from pmi_workflow.findings import Finding
from pmi_workflow.policy import PolicyView
from pmi_workflow.policy.entries import DestinationDocuments, WorkVisaTypes
from pmi_workflow.rules._base import documents_at, holds_valid, latest, make_finding
from pmi_workflow.rules._facts import document_entries, latest_entry, parameter_entry

__all__ = [
    "check_family_documents",
    "check_health_certificate",
    "check_passport_validity",
    "check_required",
    "check_visas",
]


def check_required(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step
) -> tuple[Finding, ...]:
    """``documents.missing`` and ``documents.expired`` for the documents ``step`` needs."""
    findings = []
    for document_type in view.required_documents(case.scheme, step):
        kind = DOCUMENT_TYPES[document_type]
        if holds_valid(case, on, kind):
            continue  # the common case, found without building the list of documents
        present = documents_at(case, on, kind)
        if not present:
            findings.append(
                make_finding(
                    "documents.missing",
                    on,
                    step=step,
                    where=f"documents[type={document_type}]",
                    compared=(("document_type", document_type),),
                    entries=document_entries(view, case.scheme, step, document_type),
                )
            )
            continue
        newest = latest(present)
        if newest is None:  # pragma: no cover - present is never empty here
            continue
        findings.append(
            make_finding(
                "documents.expired",
                on,
                step=step,
                where=f"documents.{newest.id}",
                compared=(
                    ("document", newest.id),
                    ("document_type", document_type),
                    ("expires_on", newest.expires_on.isoformat() if newest.expires_on else "-"),
                ),
            )
        )
    findings.extend(_destination_documents(case, on, view, step))
    return tuple(findings)


def _destination_documents(
    case: Case, on: datetime.date, view: PolicyView, step: Step
) -> list[Finding]:
    """``documents.missing`` for what a destination requires (SKCK for Korea EPS)."""
    findings = []
    for entry in view.of_kind(DestinationDocuments):
        if not entry.matches(case.scheme, case.destination, step):
            continue
        others = documents_at(case, on, OtherDocument)
        for title in entry.other_titles:
            if any(entry.title_matches(title, document.title) for document in others):
                continue
            findings.append(
                make_finding(
                    "documents.missing",
                    on,
                    step=step,
                    where=f"documents[type=other,title={title}]",
                    compared=(("document_type", title),),
                    entries=(entry,),
                )
            )
    return findings


def check_family_documents(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step
) -> tuple[Finding, ...]:
    """``documents.consent_not_acknowledged`` and ``documents.marriage_book_missing``.

    Runs where the scheme needs the family documents at ``step`` (registration
    and departure; not for a re-entry).
    """
    required = view.required_documents(case.scheme, step)
    findings = []
    if "family_consent" in required:
        consent = latest(documents_at(case, on, FamilyConsent))
        if isinstance(consent, FamilyConsent) and not consent.acknowledged_by_village_head:
            findings.append(
                make_finding(
                    "documents.consent_not_acknowledged",
                    on,
                    step=step,
                    where=f"documents.{consent.id}",
                    compared=(("document", consent.id), ("acknowledged", "false")),
                    entries=document_entries(view, case.scheme, step, "family_consent"),
                )
            )
    if (
        "marital_status_certificate" in required
        and case.applicant.marital_status is MaritalStatus.MARRIED
        and not documents_at(case, on, MarriageBook)
    ):
        findings.append(
            make_finding(
                "documents.marriage_book_missing",
                on,
                step=step,
                where="documents[type=marriage_book]",
                compared=(("marital_status", "married"), ("marriage_book", "absent")),
                entries=document_entries(view, case.scheme, step, "marital_status_certificate"),
            )
        )
    return tuple(findings)


def check_health_certificate(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step
) -> tuple[Finding, ...]:
    """``documents.health_without_psychological``; at departure ``health_certificate_stale``."""
    certificate = latest(documents_at(case, on, HealthCertificate))
    if not isinstance(certificate, HealthCertificate):
        return ()
    findings = []
    if not certificate.psychological_exam_done:
        findings.append(
            make_finding(
                "documents.health_without_psychological",
                on,
                step=step,
                where=f"documents.{certificate.id}",
                compared=(("document", certificate.id), ("psychological_exam_done", "false")),
            )
        )
    window = view.parameter_entry("health_certificate_max_months")
    issued = certificate.issued_on
    if (
        step is Step.DEPARTED
        and window is not None
        and issued is not None
        and add_months(issued, window.value) < on
    ):
        findings.append(
            make_finding(
                "documents.health_certificate_stale",
                on,
                step=step,
                where=f"documents.{certificate.id}",
                compared=(
                    ("document", certificate.id),
                    ("issued_on", issued.isoformat()),
                    ("age_months", str(months_between(issued, on))),
                    ("maximum_months", str(window.value)),
                ),
                entries=(window,),
            )
        )
    return tuple(findings)


def check_passport_validity(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step
) -> tuple[Finding, ...]:
    """``documents.passport_validity_short``: the passport ends before the contract does."""
    passport = latest(documents_at(case, on, Passport))
    contract = latest(documents_at(case, on, EmploymentContract))
    margin_entry = parameter_entry(view, "passport_min_months_after_contract")
    margin = margin_entry.value if margin_entry is not None else None
    if (
        passport is None
        or passport.expires_on is None
        or not isinstance(contract, EmploymentContract)
        or margin is None
    ):
        return ()
    needed_until = add_months(contract.ends_on, margin)
    if passport.expires_on >= needed_until:
        return ()
    return (
        make_finding(
            "documents.passport_validity_short",
            on,
            step=step,
            where=f"documents.{passport.id}",
            compared=(
                ("document", passport.id),
                ("expires_on", passport.expires_on.isoformat()),
                ("needed_until", needed_until.isoformat()),
            ),
            entries=(margin_entry,),
        ),
    )


def check_visas(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step
) -> tuple[Finding, ...]:
    """``documents.visa_not_work`` and ``documents.visa_destination_mismatch`` for every visa."""
    findings = []
    allowed = view.work_visa_types
    visa_entry = latest_entry(view.of_kind(WorkVisaTypes))
    for visa in documents_at(case, on, Visa):
        if visa.visa_type not in allowed:
            findings.append(
                make_finding(
                    "documents.visa_not_work",
                    on,
                    step=step,
                    where=f"documents.{visa.id}",
                    compared=(("document", visa.id), ("visa_type", visa.visa_type.value)),
                    entries=(visa_entry,),
                )
            )
        if visa.country != case.destination:
            findings.append(
                make_finding(
                    "documents.visa_destination_mismatch",
                    on,
                    step=step,
                    where=f"documents.{visa.id}",
                    compared=(
                        ("document", visa.id),
                        ("visa_country", visa.country),
                        ("destination", case.destination),
                    ),
                )
            )
    return tuple(findings)
