"""The applicant (CPMI/PMI): identity, address, education and contact."""

from __future__ import annotations

import datetime
import re
from typing import Annotated

from pydantic import Field

from pmi_workflow.dates import LenientDate, age_on
from pmi_workflow.domain.base import Record
from pmi_workflow.enums import Education, MaritalStatus, Sex
from pmi_workflow.identifiers.nik import Nik
from pmi_workflow.privacy import MaskedStr, PersonName, mask_value

__all__ = ["Address", "Applicant", "Contact", "EmailAddress", "PhoneNumber"]

Text = Annotated[str, Field(min_length=1, max_length=200)]

_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_PHONE = re.compile(r"\+?\d{8,15}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class PhoneNumber(MaskedStr):
    """A phone number (8 to 15 digits, optional leading ``+``), printed masked."""

    __slots__ = ()
    error_type = "phone"
    description = "phone number"

    @classmethod
    def _normalise(cls, value: str) -> str:
        cleaned = _PHONE_SEPARATORS.sub("", value)
        if not _PHONE.fullmatch(cleaned):
            raise ValueError("a phone number has 8 to 15 digits, optionally after '+'")
        return cleaned

    @staticmethod
    def _mask(value: str) -> str:
        return mask_value(value, keep_start=3, keep_end=2)


class EmailAddress(MaskedStr):
    """An e-mail address, printed masked (``s***@example.org``)."""

    __slots__ = ()
    error_type = "email"
    description = "e-mail address"

    @classmethod
    def _normalise(cls, value: str) -> str:
        cleaned = value.strip()
        if len(cleaned) > 254 or not _EMAIL.fullmatch(cleaned):
            raise ValueError("not an e-mail address")
        return cleaned

    @staticmethod
    def _mask(value: str) -> str:
        local, _, domain = value.partition("@")
        return f"{local[0]}***@{domain}"


class Address(Record):
    """A domicile address down to the village (desa/kelurahan).

    ``regency_code`` is the 4-digit BPS/Kemendagri code (``3603`` for
    Kabupaten Tangerang), used for district reports; it is optional.
    """

    street: Annotated[str, Field(max_length=300)] | None = None
    village: Text
    district: Text
    regency: Text
    province: Text
    regency_code: Annotated[str, Field(pattern=r"^\d{4}$")] | None = None
    postal_code: Annotated[str, Field(pattern=r"^\d{5}$")] | None = None


class Contact(Record):
    """How to reach the applicant."""

    phone: PhoneNumber | None = None
    email: EmailAddress | None = None


class Applicant(Record):
    """The person who wants to work abroad (CPMI), as declared at registration.

    ``birth_date`` and ``sex`` are the declared values; the rules cross-check
    them against what the NIK encodes.
    """

    nik: Nik
    name: PersonName
    birth_date: LenientDate
    birth_place: Annotated[str, Field(max_length=200)] | None = None
    sex: Sex
    marital_status: MaritalStatus
    address: Address
    education: Education | None = None
    contact: Contact = Field(default_factory=Contact)

    def age_on(self, on: datetime.date) -> int:
        """Age in whole years on a date (from the declared birth date)."""
        return age_on(self.birth_date, on)
