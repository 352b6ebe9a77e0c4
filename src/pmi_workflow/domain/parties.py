"""Parties: the employer, the placement executor and its licences, the job order.

>>> from pydantic import TypeAdapter
>>> executor = TypeAdapter(Executor).validate_python(
...     {"kind": "p3mi", "name": "PT Sentosa Karya",
...      "sip3mi": {"number": "SIP3MI-1", "issued_on": "2021-01-04", "valid_until": "2026-01-04"}})
>>> executor.sip3mi.is_valid_on(datetime.date(2025, 6, 1))
True
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from pmi_workflow.dates import LenientDate
from pmi_workflow.domain.base import Record
from pmi_workflow.enums import EmployerKind
from pmi_workflow.identifiers.country import CountryCode
from pmi_workflow.identifiers.npwp import Npwp
from pmi_workflow.privacy import PersonName

__all__ = [
    "AgencyExecutor",
    "Employer",
    "Executor",
    "IndividualRecruiter",
    "JobOrder",
    "Licence",
    "P3miExecutor",
    "RecruitmentPermit",
    "UkpsExecutor",
]

Name = Annotated[str, Field(min_length=1, max_length=200)]
Reference = Annotated[str, Field(min_length=1, max_length=100)]


class Licence(Record):
    """A licence or permit: number, validity and revocation (SIP3MI, UKPS permit)."""

    number: Reference
    issued_on: LenientDate
    valid_until: LenientDate | None = None
    revoked_on: LenientDate | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Licence:
        if self.valid_until is not None and self.valid_until < self.issued_on:
            raise ValueError("valid_until is before issued_on")
        return self

    def is_valid_on(self, day: datetime.date) -> bool:
        """Issued, not expired and not revoked on ``day``."""
        if day < self.issued_on:
            return False
        if self.revoked_on is not None and self.revoked_on <= day:
            return False
        return self.valid_until is None or day <= self.valid_until


class RecruitmentPermit(Licence):
    """SIP2MI: the recruitment permit for one job order, naming the destination (Pasal 59)."""

    destination: CountryCode
    occupation: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    position: Name | None = None


class Employer(Record):
    """The employer abroad (pemberi kerja): an individual (household) or a legal entity."""

    kind: EmployerKind
    name: Name
    country: CountryCode
    registration_number: Reference | None = None


class AgencyExecutor(Record):
    """The government agency (BP2MI/KP2MI) executing a G to G or G to P placement."""

    kind: Literal["agency"] = "agency"
    name: Name = "KP2MI"


class P3miExecutor(Record):
    """A licensed private placement company (P3MI), with its SIP3MI licence."""

    kind: Literal["p3mi"] = "p3mi"
    name: Name
    npwp: Npwp | None = None
    sip3mi: Licence | None = None


class UkpsExecutor(Record):
    """A company placing its own employees abroad (UKPS, Pasal 61)."""

    kind: Literal["ukps"] = "ukps"
    name: Name
    npwp: Npwp | None = None
    permit: Licence | None = None


class IndividualRecruiter(Record):
    """An individual (sponsor, calo) acting as recruiter: never procedural (Pasal 69, 81)."""

    kind: Literal["individual"] = "individual"
    name: PersonName | None = None


Executor = Annotated[
    AgencyExecutor | P3miExecutor | UkpsExecutor | IndividualRecruiter,
    Field(discriminator="kind"),
]
"""Who executes the placement; ``None`` on a case means Perseorangan (no executor)."""


class JobOrder(Record):
    """A job order (demand letter) from an employer, with its SIP2MI when there is one."""

    number: Reference
    demand_letter: Reference | None = None
    issued_on: LenientDate | None = None
    position: Name
    destination: CountryCode
    sip2mi: RecruitmentPermit | None = None
