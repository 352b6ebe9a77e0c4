"""Enumerations of the domain: schemes, steps, roles, document and cost vocabularies.

Values are stable lower-case strings: they appear in JSON records, policy
files and databases, so a value once released is never renamed.

>>> Scheme("p2p").label_en
'Placement by a licensed P3MI (P to P)'
>>> Step.DEPARTED.stage
<Stage.PRE_PLACEMENT: 'pre_placement'>
>>> Step.DEPARTED.label_id
'Berangkat'
"""

from __future__ import annotations

from enum import StrEnum

from pmi_workflow.errors import InvalidInputError


def _label(kind: str, code: str, lang: str) -> str:
    # Late import: pmi_workflow.labels imports this module (one source of words, no cycle).
    from pmi_workflow.labels import label

    return label(kind, code, lang)


__all__ = [
    "ActorRole",
    "ConsentingParty",
    "ContractTerm",
    "CostComponent",
    "Education",
    "EmployerKind",
    "ExecutorKind",
    "Financing",
    "MaritalStatus",
    "MedicalResult",
    "Payer",
    "PlacementChannel",
    "PremiumKind",
    "Scheme",
    "Sex",
    "SigningOfficial",
    "SocialSecurityProgramme",
    "Stage",
    "Step",
    "VisaType",
]


class Sex(StrEnum):
    """Sex as recorded on the KTP (and encoded in the NIK)."""

    MALE = "male"
    FEMALE = "female"


class MaritalStatus(StrEnum):
    """Marital status (status perkawinan)."""

    SINGLE = "single"
    MARRIED = "married"
    DIVORCED = "divorced"
    WIDOWED = "widowed"


class Education(StrEnum):
    """Highest completed education."""

    NONE = "none"
    PRIMARY = "primary"  # SD
    JUNIOR_SECONDARY = "junior_secondary"  # SMP
    SENIOR_SECONDARY = "senior_secondary"  # SMA/SMK
    DIPLOMA = "diploma"  # D1-D4
    BACHELOR = "bachelor"  # S1
    POSTGRADUATE = "postgraduate"  # S2/S3


class Scheme(StrEnum):
    """Who places the worker (UU 18/2017 Pasal 49-63; Kemnaker's five schemes plus re-entry)."""

    P2P = "p2p"
    G2G = "g2g"
    G2P = "g2p"
    UKPS = "ukps"
    PERSEORANGAN = "perseorangan"
    RE_ENTRY = "re_entry"

    @property
    def label_id(self) -> str:
        """Indonesian label (from :mod:`pmi_workflow.labels`)."""
        return _label("scheme", self.value, "id")

    @property
    def label_en(self) -> str:
        """English label (from :mod:`pmi_workflow.labels`)."""
        return _label("scheme", self.value, "en")


class Stage(StrEnum):
    """The three periods of protection (UU 18/2017 Pasal 7)."""

    PRE_PLACEMENT = "pre_placement"
    PLACEMENT = "placement"
    POST_PLACEMENT = "post_placement"
    EXIT = "exit"


_STEP_STAGES: dict[str, Stage] = {
    "informed": Stage.PRE_PLACEMENT,
    "registered": Stage.PRE_PLACEMENT,
    "selected": Stage.PRE_PLACEMENT,
    "medically_cleared": Stage.PRE_PLACEMENT,
    "competence_certified": Stage.PRE_PLACEMENT,
    "placement_agreement_signed": Stage.PRE_PLACEMENT,
    "social_security_enrolled": Stage.PRE_PLACEMENT,
    "passport_issued": Stage.PRE_PLACEMENT,
    "visa_issued": Stage.PRE_PLACEMENT,
    "employment_contract_signed": Stage.PRE_PLACEMENT,
    "opp_completed": Stage.PRE_PLACEMENT,
    "departed": Stage.PRE_PLACEMENT,
    "registered_abroad": Stage.PLACEMENT,
    "started_work": Stage.PLACEMENT,
    "contract_extended": Stage.PLACEMENT,
    "employer_changed": Stage.PLACEMENT,
    "return_reported": Stage.POST_PLACEMENT,
    "arrived_home": Stage.POST_PLACEMENT,
    "reintegrated": Stage.POST_PLACEMENT,
    "withdrawn": Stage.EXIT,
    "failed_selection": Stage.EXIT,
    "failed_medical": Stage.EXIT,
    "failed_to_depart": Stage.EXIT,
    "repatriated": Stage.EXIT,
    "deceased": Stage.EXIT,
}


class Step(StrEnum):
    """A step of the procedure: what an event records (procedure.md, steps 1-17 and exits)."""

    INFORMED = "informed"
    REGISTERED = "registered"
    SELECTED = "selected"
    MEDICALLY_CLEARED = "medically_cleared"
    COMPETENCE_CERTIFIED = "competence_certified"
    PLACEMENT_AGREEMENT_SIGNED = "placement_agreement_signed"
    SOCIAL_SECURITY_ENROLLED = "social_security_enrolled"
    PASSPORT_ISSUED = "passport_issued"
    VISA_ISSUED = "visa_issued"
    EMPLOYMENT_CONTRACT_SIGNED = "employment_contract_signed"
    OPP_COMPLETED = "opp_completed"
    DEPARTED = "departed"
    REGISTERED_ABROAD = "registered_abroad"
    STARTED_WORK = "started_work"
    CONTRACT_EXTENDED = "contract_extended"
    EMPLOYER_CHANGED = "employer_changed"
    RETURN_REPORTED = "return_reported"
    ARRIVED_HOME = "arrived_home"
    REINTEGRATED = "reintegrated"
    WITHDRAWN = "withdrawn"
    FAILED_SELECTION = "failed_selection"
    FAILED_MEDICAL = "failed_medical"
    FAILED_TO_DEPART = "failed_to_depart"
    REPATRIATED = "repatriated"
    DECEASED = "deceased"

    @property
    def stage(self) -> Stage:
        """The protection period the step belongs to."""
        return _STEP_STAGES[self.value]

    @property
    def label_id(self) -> str:
        """Indonesian status label (from :mod:`pmi_workflow.labels`)."""
        return _label("step", self.value, "id")

    @property
    def label_en(self) -> str:
        """English label (from :mod:`pmi_workflow.labels`)."""
        return _label("step", self.value, "en")

    @property
    def is_exit(self) -> bool:
        """``True`` for the steps that end a case early (withdrawn, failed, deceased...)."""
        return self.stage is Stage.EXIT

    @classmethod
    def parse(cls, value: Step | str) -> Step:
        """The step named by ``value``: the one coercion of a step used everywhere.

        An unknown step is an :class:`~pmi_workflow.errors.InvalidInputError`
        naming the known ones (the text is cut short, never echoed whole).

        >>> Step.parse("departed")
        <Step.DEPARTED: 'departed'>
        >>> Step.parse(" Departed ")
        <Step.DEPARTED: 'departed'>
        >>> Step.parse("landed")
        Traceback (most recent call last):
            ...
        pmi_workflow.errors.InvalidInputError: invalid input: step: unknown step 'landed'; ...
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            found = _STEPS_BY_TEXT.get(value.strip().lower())
            if found is not None:
                return found
        shown = str(value)[:40]
        raise InvalidInputError.single(
            f"unknown step {shown!r}; known: {', '.join(item.value for item in cls)}",
            "step",
            ("step",),
        )


_STEPS_BY_TEXT: dict[str, Step] = {step.value: step for step in Step}


class ActorRole(StrEnum):
    """Who records a step."""

    APPLICANT = "applicant"
    DISNAKER = "disnaker"
    LTSA = "ltsa"
    P3MI = "p3mi"
    BP3MI = "bp3mi"
    KP2MI = "kp2mi"
    BPJS = "bpjs"
    HEALTH_FACILITY = "health_facility"
    TRAINING_INSTITUTE = "training_institute"
    IMMIGRATION = "immigration"
    PERWAKILAN = "perwakilan"
    EMPLOYER = "employer"
    UKPS_COMPANY = "ukps_company"
    VILLAGE_GOVERNMENT = "village_government"  # pemerintah desa (UU 18/2017 Pasal 42)
    SYSTEM = "system"


class EmployerKind(StrEnum):
    """Individual (household) or legal-entity employer (UU 18/2017 Pasal 4(1))."""

    INDIVIDUAL = "individual"
    LEGAL_ENTITY = "legal_entity"


class ExecutorKind(StrEnum):
    """Who executes the placement (UU 18/2017 Pasal 49), plus an individual recruiter."""

    AGENCY = "agency"  # the government agency (BP2MI/KP2MI) for G to G and G to P
    P3MI = "p3mi"
    UKPS = "ukps"
    INDIVIDUAL = "individual"  # a sponsor/calo: never procedural (Pasal 69, 81)


class VisaType(StrEnum):
    """Visa types; only ``work`` (and ``re_entry`` alongside it) is procedural."""

    WORK = "work"
    RE_ENTRY = "re_entry"
    VISIT = "visit"
    TOURIST = "tourist"
    UMRAH = "umrah"
    ZIARAH = "ziarah"
    HAJJ = "hajj"
    STUDENT = "student"
    TRANSIT = "transit"
    OTHER = "other"


class MedicalResult(StrEnum):
    """Outcome of the medical (or psychological) examination."""

    FIT = "fit"
    UNFIT = "unfit"


class ConsentingParty(StrEnum):
    """Who gives the family consent (UU 18/2017 Pasal 13(b))."""

    SPOUSE = "spouse"
    PARENT = "parent"
    GUARDIAN = "guardian"


class SigningOfficial(StrEnum):
    """Before whom an employment contract was signed."""

    PENGANTAR_KERJA = "pengantar_kerja"  # authorised official at Disnaker/BP3MI
    PERWAKILAN = "perwakilan"  # Indonesian mission abroad
    OTHER = "other"
    NONE = "none"


class ContractTerm(StrEnum):
    """The minimum content of an employment contract (UU 18/2017 Pasal 15(2))."""

    EMPLOYER_IDENTITY = "employer_identity"
    WORKER_IDENTITY = "worker_identity"
    POSITION = "position"
    RIGHTS_AND_DUTIES = "rights_and_duties"
    WORKING_HOURS = "working_hours"
    WAGE = "wage"
    PAYMENT_METHOD = "payment_method"
    LEAVE = "leave"
    FACILITIES = "facilities"
    SOCIAL_SECURITY = "social_security"
    DURATION = "duration"
    SAFETY_GUARANTEE = "safety_guarantee"


class SocialSecurityProgramme(StrEnum):
    """BPJS Ketenagakerjaan programmes: JKK and JKM mandatory, JHT optional."""

    JKK = "jkk"
    JKM = "jkm"
    JHT = "jht"


class PremiumKind(StrEnum):
    """What a social-security premium payment covers (Permenaker 4/2023 Pasal 18, 20)."""

    PRE_WORK = "pre_work"
    DURING_AFTER_WORK = "during_after_work"
    EXTRA_MONTHS = "extra_months"
    EXTENSION = "extension"


class CostComponent(StrEnum):
    """Placement cost components (Perban BP2MI 9/2020; Perban 2/2020 Pasal 3)."""

    DEPARTURE_TICKET = "departure_ticket"
    RETURN_TICKET = "return_ticket"
    WORK_VISA = "work_visa"
    CONTRACT_LEGALISATION = "contract_legalisation"
    JOB_TRAINING = "job_training"
    COMPETENCE_CERTIFICATE = "competence_certificate"
    AGENCY_SERVICE_FEE = "agency_service_fee"
    PASSPORT = "passport"
    POLICE_CERTIFICATE = "police_certificate"
    SOCIAL_SECURITY = "social_security"
    MEDICAL_EXAM = "medical_exam"
    ADDITIONAL_MEDICAL_EXAM = "additional_medical_exam"
    LOCAL_TRANSPORT = "local_transport"
    ACCOMMODATION = "accommodation"
    OTHER = "other"


class Payer(StrEnum):
    """Who paid a cost item."""

    WORKER = "worker"
    EMPLOYER = "employer"
    EXECUTOR = "executor"
    GOVERNMENT = "government"


class Financing(StrEnum):
    """How a cost item was financed: a loan or salary deduction is a red flag (Perban 9/2020)."""

    CASH = "cash"
    LOAN = "loan"
    SALARY_DEDUCTION = "salary_deduction"
    SUBSIDISED_CREDIT = "subsidised_credit"  # KUR for placement, taken voluntarily


class PlacementChannel(StrEnum):
    """Mandatory one-channel systems (Kepmenaker 291/2018; RI-MY MoU 2022)."""

    SPSK = "spsk"  # Sistem Penempatan Satu Kanal, Saudi Arabia
    OCS = "ocs"  # One Channel System, Malaysia
