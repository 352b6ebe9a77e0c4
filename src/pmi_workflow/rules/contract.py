"""Employment contracts (PK): Pasal 15(2) terms, position vs job order, extensions.

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.policy import Policy
>>> from pmi_workflow.samples import procedural_case_data
>>> data = procedural_case_data("p2p")
>>> data["documents"][8]["terms"].remove("wage")
>>> day = datetime.date(2024, 4, 25)
>>> [f.message_en for f in check_contract(parse_case(data), day, Policy.default().as_of(day))]
['Employment contract pk-1 lacks: wage.']
"""

from __future__ import annotations

import datetime

from pmi_workflow.domain.case import Case
from pmi_workflow.domain.documents import (
    EmploymentContract,
    FamilyConsent,
    SocialSecurityMembership,
)
from pmi_workflow.enums import PremiumKind, SigningOfficial, Step
from pmi_workflow.findings import Finding
from pmi_workflow.policy import PolicyView
from pmi_workflow.policy.entries import ContractTerms, ExtensionChannel
from pmi_workflow.rules._base import documents_at, latest, make_finding
from pmi_workflow.rules._facts import latest_entry

__all__ = ["check_contract", "check_extension", "same_position"]


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def same_position(left: str, right: str) -> bool:
    """Positions compared without case and extra spaces."""
    return _normal(left) == _normal(right)


def check_contract(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step | None = None
) -> tuple[Finding, ...]:
    """``contract.missing_terms`` and ``contract.position_mismatch`` for the latest PK."""
    contract = latest(documents_at(case, on, EmploymentContract))
    if not isinstance(contract, EmploymentContract):
        return ()
    findings = []
    missing = sorted(term.value for term in view.contract_terms - contract.terms)
    if missing:
        findings.append(
            make_finding(
                "contract.missing_terms",
                on,
                step=step,
                where=f"documents.{contract.id}.terms",
                compared=(("document", contract.id), ("missing", ", ".join(missing))),
                entries=(latest_entry(view.of_kind(ContractTerms)),),
            )
        )
    job_order = case.job_order
    if (
        job_order is not None
        and contract.extension_of is None
        and not same_position(contract.position, job_order.position)
    ):
        findings.append(
            make_finding(
                "contract.position_mismatch",
                on,
                step=step,
                where=f"documents.{contract.id}.position",
                compared=(
                    ("contract_position", contract.position),
                    ("job_order_position", job_order.position),
                ),
            )
        )
    return tuple(findings)


_PROBLEMS = {
    "no_extension_contract": (
        "tidak ada Perjanjian Kerja perpanjangan",
        "there is no extension contract",
    ),
    "new_employer": ("pemberi kerja berbeda", "the employer is not the same"),
    "no_consent": ("tanpa izin keluarga", "there is no family consent"),
    "social_security_not_extended": (
        "jaminan sosial tidak diperpanjang",
        "social security was not extended",
    ),
}


def _incomplete(on: datetime.date, step: Step | None, where: str, problem: str) -> Finding:
    problem_id, problem_en = _PROBLEMS[problem]
    return make_finding(
        "contract.extension_incomplete",
        on,
        step=step,
        where=where,
        compared=(("problem", problem),),
        values={"problem_id": problem_id, "problem_en": problem_en},
    )


def check_extension(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step | None = None
) -> tuple[Finding, ...]:
    """``contract.extension_outside_mission`` and ``contract.extension_incomplete``."""
    extensions = [
        document
        for document in documents_at(case, on, EmploymentContract)
        if document.extension_of is not None
    ]
    extension = latest(extensions)
    if not isinstance(extension, EmploymentContract):
        return (
            _incomplete(on, step, "documents[type=employment_contract]", "no_extension_contract"),
        )
    where = f"documents.{extension.id}"
    findings = []
    channels = view.of_kind(ExtensionChannel)
    allowed = (
        frozenset().union(*(entry.signed_before for entry in channels))
        if channels
        else frozenset({SigningOfficial.PERWAKILAN})
    )
    if extension.signed_before not in allowed:
        findings.append(
            make_finding(
                "contract.extension_outside_mission",
                on,
                step=step,
                where=f"{where}.signed_before",
                compared=(
                    ("document", extension.id),
                    ("signed_before", extension.signed_before.value),
                ),
                entries=channels,
            )
        )
    original = case.document(extension.extension_of or "")
    if isinstance(original, EmploymentContract) and not same_position(
        original.employer_name, extension.employer_name
    ):
        findings.append(_incomplete(on, step, f"{where}.employer_name", "new_employer"))
    consent = case.document(extension.family_consent) if extension.family_consent else None
    if not isinstance(consent, FamilyConsent):
        findings.append(_incomplete(on, step, f"{where}.family_consent", "no_consent"))
    since = original.signed_on if isinstance(original, EmploymentContract) else extension.signed_on
    extended = any(
        payment.paid_on >= since
        for membership in documents_at(case, on, SocialSecurityMembership)
        for payment in membership.paid(PremiumKind.EXTENSION)
    )
    if not extended:
        findings.append(
            _incomplete(on, step, f"{where}.social_security", "social_security_not_extended")
        )
    return tuple(findings)
