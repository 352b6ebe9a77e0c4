"""The typed domain model of a PMI placement case (pydantic v2).

Records are immutable. Personal data (NIK, passport numbers, names, phone
numbers) is held in masking types: it prints masked and leaves only through
explicit serialisation.
"""

from pmi_workflow.domain.applicant import Address, Applicant, Contact, EmailAddress, PhoneNumber
from pmi_workflow.domain.base import CurrencyCode, Money, Record
from pmi_workflow.domain.case import (
    SCHEMA_VERSION,
    Case,
    case_json_schema,
    parse_case,
    problems_from_validation_error,
)
from pmi_workflow.domain.costs import CostItem
from pmi_workflow.domain.documents import (
    DOCUMENT_TYPES,
    CompetenceCertificate,
    Document,
    DocumentBase,
    EmploymentContract,
    FamilyConsent,
    HealthCertificate,
    LeaveLetter,
    MaritalStatusCertificate,
    MarriageBook,
    OppCertificate,
    OtherDocument,
    Passport,
    PlacementAgreement,
    PmiCard,
    PremiumPayment,
    RiskStatement,
    SocialSecurityMembership,
    Visa,
)
from pmi_workflow.domain.events import Actor, CaseEvent
from pmi_workflow.domain.occupation import OCCUPATIONS, Occupation, occupation
from pmi_workflow.domain.parties import (
    AgencyExecutor,
    Employer,
    Executor,
    IndividualRecruiter,
    JobOrder,
    Licence,
    P3miExecutor,
    RecruitmentPermit,
    UkpsExecutor,
)

__all__ = [
    "DOCUMENT_TYPES",
    "OCCUPATIONS",
    "SCHEMA_VERSION",
    "Actor",
    "Address",
    "AgencyExecutor",
    "Applicant",
    "Case",
    "CaseEvent",
    "CompetenceCertificate",
    "Contact",
    "CostItem",
    "CurrencyCode",
    "Document",
    "DocumentBase",
    "EmailAddress",
    "Employer",
    "EmploymentContract",
    "Executor",
    "FamilyConsent",
    "HealthCertificate",
    "IndividualRecruiter",
    "JobOrder",
    "LeaveLetter",
    "Licence",
    "MaritalStatusCertificate",
    "MarriageBook",
    "Money",
    "Occupation",
    "OppCertificate",
    "OtherDocument",
    "P3miExecutor",
    "Passport",
    "PhoneNumber",
    "PlacementAgreement",
    "PmiCard",
    "PremiumPayment",
    "Record",
    "RecruitmentPermit",
    "RiskStatement",
    "SocialSecurityMembership",
    "UkpsExecutor",
    "Visa",
    "case_json_schema",
    "occupation",
    "parse_case",
    "problems_from_validation_error",
]
