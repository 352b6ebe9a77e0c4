"""The job offer a prospective worker holds before registering anywhere.

An :class:`Offer` records only what the person was told: where, which job, for
whom, who recruits, what money is asked and how, which visa, the route, what
is included, who keeps the passport and the salary. Anything not known is left
out (``None``); screening then says what to ask. A recruiter's personal name is
personal data and never prints in full.

>>> offer = Offer.model_validate({
...     "destination": "SA", "job": "housekeeper", "employer_kind": "individual",
...     "recruiter": {"kind": "person", "person_name": "Budi Santoso"},
...     "fees": [{"amount": 15000000, "purpose": "agency_service_fee"}],
...     "visa": "visit", "departure_point": "Batam",
...     "applicant": {"age": 24, "sex": "female", "marital_status": "married"}})
>>> offer.recruiter.person_name
PersonName('B*** S******')
>>> offer.fees[0].amount, offer.fees[0].currency
(Decimal('15000000'), 'IDR')
>>> Offer.model_validate({"destination": "SA", "job": "housekeeper", "salary": 1200})
Traceback (most recent call last):
    ...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Offer
...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any

from pydantic import Field, ValidationError, model_validator

from pmi_workflow.domain.base import CurrencyCode, Record
from pmi_workflow.domain.case import problems_from_validation_error
from pmi_workflow.domain.occupation import Occupation
from pmi_workflow.enums import (
    CostComponent,
    EmployerKind,
    Financing,
    MaritalStatus,
    PlacementChannel,
    Sex,
    VisaType,
)
from pmi_workflow.errors import InputProblem, InvalidInputError
from pmi_workflow.identifiers.country import CountryCode
from pmi_workflow.privacy import PersonName

__all__ = [
    "Applicant",
    "FeeAsked",
    "FeeRecipient",
    "FeeTiming",
    "Included",
    "Offer",
    "PassportHolder",
    "Recruiter",
    "RecruiterKind",
    "Salary",
    "offer_field_names",
    "parse_offers",
]

Amount = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2, allow_inf_nan=False)]
Text = Annotated[str, Field(min_length=1, max_length=200)]
Reference = Annotated[str, Field(min_length=1, max_length=100)]


class RecruiterKind(StrEnum):
    """Who offers the job: a person (sponsor, calo), a company, or the government."""

    PERSON = "person"
    COMPANY = "company"
    GOVERNMENT = "government"  # BP2MI/KP2MI or a Disnaker programme (G to G, G to P)


class FeeTiming(StrEnum):
    """When the money is asked for."""

    BEFORE_REGISTRATION = "before_registration"
    BEFORE_DEPARTURE = "before_departure"
    AFTER_ARRIVAL = "after_arrival"


class FeeRecipient(StrEnum):
    """To whom the money is paid."""

    RECRUITER = "recruiter"  # the person who offered the job
    COMPANY = "company"  # the recruiting company
    TRAINING_CENTRE = "training_centre"
    HEALTH_FACILITY = "health_facility"
    OTHER = "other"


class PassportHolder(StrEnum):
    """Who keeps the passport, as the offer says."""

    WORKER = "worker"
    RECRUITER = "recruiter"
    COMPANY = "company"
    EMPLOYER = "employer"


class Recruiter(Record):
    """Who recruits: a person (name masked) or a company with its licence numbers if given."""

    kind: RecruiterKind
    person_name: PersonName | None = None
    company_name: Text | None = None
    licence_number: Reference | None = None  # SIP3MI
    permit_number: Reference | None = None  # SIP2MI

    @model_validator(mode="after")
    def _fits_kind(self) -> Recruiter:
        company_fields = (self.company_name, self.licence_number, self.permit_number)
        if self.kind is not RecruiterKind.PERSON and self.person_name is not None:
            raise ValueError("person_name is given only for a person recruiting")
        if self.kind is RecruiterKind.GOVERNMENT and any(company_fields):
            raise ValueError("a government programme has no company name or licence numbers")
        return self


class FeeAsked(Record):
    """Money the recruiter asks for: how much, for what, when, to whom and how it is paid.

    ``financing`` is ``loan`` when a lender (often one the recruiter names)
    pays it for the worker, ``salary_deduction`` when it is taken from the
    wages abroad.
    """

    amount: Amount
    currency: CurrencyCode = "IDR"
    purpose: CostComponent = CostComponent.OTHER
    when: FeeTiming | None = None
    paid_to: FeeRecipient | None = None
    financing: Financing = Financing.CASH


class Applicant(Record):
    """What the prospective worker says about herself or himself (no name, no NIK)."""

    age: Annotated[int, Field(ge=0, le=120)] | None = None
    sex: Sex | None = None
    marital_status: MaritalStatus | None = None


class Included(Record):
    """Whether the offer includes each official step (``None``: not said)."""

    training: bool | None = None
    medical_check: bool | None = None
    opp: bool | None = None
    social_security: bool | None = None


class Salary(Record):
    """The salary offered per month."""

    monthly_amount: Amount
    currency: CurrencyCode


class Offer(Record):
    """A job offer as the prospective worker knows it (see the module documentation)."""

    destination: CountryCode
    job: Occupation
    employer_kind: EmployerKind | None = None
    recruiter: Recruiter | None = None
    fees: tuple[FeeAsked, ...] = ()
    visa: VisaType | None = None
    applicant: Applicant = Field(default_factory=Applicant)
    departure_point: Text | None = None
    channel: PlacementChannel | None = None
    included: Included = Field(default_factory=Included)
    passport_kept_by: PassportHolder | None = None
    salary: Salary | None = None


def parse_offers(data: Iterable[Any], *, source: str | None = None) -> tuple[Offer, ...]:
    """Read offer records; every problem of every record in one :class:`InvalidInputError`.

    Locations start with the record's index.

    >>> parse_offers([{"destination": "MY"}])
    Traceback (most recent call last):
        ...
    pmi_workflow.errors.InvalidInputError: invalid input: 0.job: Field required
    """
    offers: list[Offer] = []
    problems: list[InputProblem] = []
    for index, record in enumerate(data):
        if not isinstance(record, Mapping):
            problems.append(InputProblem((index,), "an offer record must be an object", "type"))
            continue
        try:
            offers.append(Offer.model_validate(record))
        except ValidationError as error:
            problems.extend(
                InputProblem((index, *problem.location), problem.message, problem.kind)
                for problem in problems_from_validation_error(error)
            )
    if problems:
        raise InvalidInputError(problems, source=source)
    return tuple(offers)


@lru_cache(maxsize=1)
def offer_field_names() -> frozenset[str]:
    """The field names of an offer record at any depth, and ``offers`` (the key of a list of
    offers in a file): the keys an error about an offer file may name.

    >>> {"visa", "monthly_amount", "offers"} <= offer_field_names()
    True
    """
    names = {"offers"}
    stack: list[Any] = [Offer.model_json_schema(mode="validation")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                names.update(properties)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return frozenset(names)
