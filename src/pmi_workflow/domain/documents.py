"""Documents of a placement case, as one discriminated union on ``type``.

Every document has an ``id`` (unique within its case, cited by events as
evidence), an optional ``number``, ``issuer``, ``issued_on`` and
``expires_on``, and its own fields.

>>> from pydantic import TypeAdapter
>>> doc = TypeAdapter(Document).validate_python(
...     {"type": "visa", "id": "visa-1", "visa_type": "work", "country": "MY",
...      "issued_on": "01/02/2024", "expires_on": "2026-02-01"})
>>> doc.country, doc.issued_on
('MY', datetime.date(2024, 2, 1))
>>> doc.is_valid_on(datetime.date(2026, 3, 1))
False
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from pmi_workflow._types import SortedFrozenSet
from pmi_workflow.dates import LenientDate, add_months
from pmi_workflow.domain.base import Money, Record, whole_number_text
from pmi_workflow.enums import (
    ActorRole,
    ConsentingParty,
    ContractTerm,
    MaritalStatus,
    MedicalResult,
    PremiumKind,
    SigningOfficial,
    SocialSecurityProgramme,
    VisaType,
)
from pmi_workflow.identifiers.country import CountryCode
from pmi_workflow.identifiers.passport import PassportNumber

__all__ = [
    "DOCUMENT_TYPES",
    "CompetenceCertificate",
    "Document",
    "DocumentBase",
    "EmploymentContract",
    "FamilyConsent",
    "HealthCertificate",
    "LeaveLetter",
    "MaritalStatusCertificate",
    "MarriageBook",
    "OppCertificate",
    "OtherDocument",
    "Passport",
    "PlacementAgreement",
    "PmiCard",
    "PremiumPayment",
    "RiskStatement",
    "SocialSecurityMembership",
    "Visa",
]

DocumentId = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\s\x00]+$")]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]


class DocumentBase(Record):
    """Fields every document has."""

    id: DocumentId
    number: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    issuer: ShortText | None = None
    issued_on: LenientDate | None = None
    expires_on: LenientDate | None = None

    @model_validator(mode="after")
    def _expiry_after_issue(self) -> DocumentBase:
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            raise ValueError("expires_on is before issued_on")
        return self

    def is_valid_on(self, day: datetime.date) -> bool:
        """``True`` when issued on or before ``day`` and not expired on ``day``."""
        if self.issued_on is not None and self.issued_on > day:
            return False
        return self.expires_on is None or self.expires_on >= day


class MaritalStatusCertificate(DocumentBase):
    """Marital-status certificate (UU 18/2017 Pasal 13(a))."""

    type: Literal["marital_status_certificate"] = "marital_status_certificate"
    status: MaritalStatus


class MarriageBook(DocumentBase):
    """Copy of the marriage book (buku nikah), required when married (Pasal 13(a))."""

    type: Literal["marriage_book"] = "marriage_book"


class FamilyConsent(DocumentBase):
    """Consent of spouse, parent or guardian, acknowledged by the village head/lurah (13(b))."""

    type: Literal["family_consent"] = "family_consent"
    consenting_party: ConsentingParty
    acknowledged_by_village_head: bool
    acknowledging_office: ShortText | None = None


class CompetenceCertificate(DocumentBase):
    """Work competence certificate (LSP/BNSP), or a formal diploma where no scheme exists."""

    type: Literal["competence_certificate"] = "competence_certificate"
    competence: ShortText
    diploma_substitute: bool = False


class HealthCertificate(DocumentBase):
    """Health certificate from a medical and psychological examination (Pasal 13(d))."""

    type: Literal["health_certificate"] = "health_certificate"
    medical_result: MedicalResult
    psychological_exam_done: bool
    psychological_result: MedicalResult | None = None
    facility: ShortText | None = None

    @model_validator(mode="after")
    def _psychological_result_needs_exam(self) -> HealthCertificate:
        if self.psychological_result is not None and not self.psychological_exam_done:
            raise ValueError("psychological_result given but psychological_exam_done is false")
        return self

    @property
    def fit(self) -> bool:
        """Fit on the medical exam and not unfit on the psychological one."""
        return (
            self.medical_result is MedicalResult.FIT
            and self.psychological_result is not MedicalResult.UNFIT
        )


class Passport(DocumentBase):
    """Passport issued by an Indonesian immigration office (Pasal 13(e))."""

    type: Literal["passport"] = "passport"
    number: PassportNumber  # type: ignore[assignment]
    country: CountryCode = "ID"


class Visa(DocumentBase):
    """A visa. Only a work visa is procedural (Pasal 13(f)); re-entry visas accompany it."""

    type: Literal["visa"] = "visa"
    visa_type: VisaType
    country: CountryCode


class PlacementAgreement(DocumentBase):
    """Perjanjian Penempatan between the executor and the CPMI (Pasal 13(g))."""

    type: Literal["placement_agreement"] = "placement_agreement"
    signed_on: LenientDate
    validated_by: ActorRole | None = None
    fee_clause: bool = False
    loan_clause: bool = False


class EmploymentContract(DocumentBase):
    """Perjanjian Kerja between the PMI and the employer (Pasal 13(h), 15).

    ``terms`` lists the Pasal 15(2) elements the contract contains.
    ``extension_of`` names the contract an extension continues.
    """

    type: Literal["employment_contract"] = "employment_contract"
    employer_name: ShortText
    position: ShortText
    duration_months: Annotated[int, Field(ge=1, le=120)]
    wage: Money | None = None
    terms: SortedFrozenSet[ContractTerm]
    signed_on: LenientDate
    signed_before: SigningOfficial
    extension_of: DocumentId | None = None
    family_consent: DocumentId | None = None

    @property
    def ends_on(self) -> datetime.date:
        """The day the contract ends: ``signed_on`` + ``duration_months``."""
        return add_months(self.signed_on, self.duration_months)


class PremiumPayment(Record):
    """One social-security premium payment (Permenaker 4/2023 Pasal 18-20)."""

    kind: PremiumKind
    amount: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2, allow_inf_nan=False)]
    paid_on: LenientDate
    months: Annotated[int, Field(ge=1, le=120)] | None = None


class SocialSecurityMembership(DocumentBase):
    """BPJS Ketenagakerjaan membership: programmes, cover start, package and premiums."""

    type: Literal["social_security"] = "social_security"
    programmes: SortedFrozenSet[SocialSecurityProgramme]
    cover_start: LenientDate
    package_months: Annotated[Literal[6, 12, 24], BeforeValidator(whole_number_text)] | None = None
    premiums: tuple[PremiumPayment, ...] = ()

    def paid(self, kind: PremiumKind) -> tuple[PremiumPayment, ...]:
        """The payments of one kind."""
        return tuple(payment for payment in self.premiums if payment.kind is kind)


class OppCertificate(DocumentBase):
    """Certificate of the pre-departure orientation (OPP, Perban BP2MI 4/2023)."""

    type: Literal["opp_certificate"] = "opp_certificate"
    organiser: ShortText | None = None


class PmiCard(DocumentBase):
    """E-PMI card, or E-KPMI card from 2025 (Permen P2MI 34/2025)."""

    type: Literal["pmi_card"] = "pmi_card"
    card_type: Literal["e_pmi", "e_kpmi"] = "e_pmi"


class LeaveLetter(DocumentBase):
    """Leave letter from the employer, for a re-entry after home leave."""

    type: Literal["leave_letter"] = "leave_letter"


class RiskStatement(DocumentBase):
    """Perseorangan's signed statement accepting all risks."""

    type: Literal["risk_statement"] = "risk_statement"


class OtherDocument(DocumentBase):
    """Any other document (KTP, family card, diploma, birth certificate, SKCK...)."""

    type: Literal["other"] = "other"
    title: ShortText


Document = Annotated[
    MaritalStatusCertificate
    | MarriageBook
    | FamilyConsent
    | CompetenceCertificate
    | HealthCertificate
    | Passport
    | Visa
    | PlacementAgreement
    | EmploymentContract
    | SocialSecurityMembership
    | OppCertificate
    | PmiCard
    | LeaveLetter
    | RiskStatement
    | OtherDocument,
    Field(discriminator="type"),
]
"""Any document; the ``type`` field says which."""

DOCUMENT_TYPES: dict[str, type[DocumentBase]] = {
    cls.model_fields["type"].default: cls
    for cls in (
        MaritalStatusCertificate,
        MarriageBook,
        FamilyConsent,
        CompetenceCertificate,
        HealthCertificate,
        Passport,
        Visa,
        PlacementAgreement,
        EmploymentContract,
        SocialSecurityMembership,
        OppCertificate,
        PmiCard,
        LeaveLetter,
        RiskStatement,
        OtherDocument,
    )
}
"""Document classes by their ``type`` value."""
