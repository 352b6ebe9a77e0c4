"""The base of every domain record, and small shared value types.

Every text of a record is checked where it is parsed: lone surrogates, NUL,
control characters (other than tab and line breaks) and bidirectional
overrides are refused, so no later step has to cope with text that cannot be
encoded or that rewrites a terminal. Every date and timestamp lies between
:data:`EARLIEST` and :data:`LATEST`, so date arithmetic and time-zone
conversion never overflow.

>>> check_text("Siti\\x00")
Traceback (most recent call last):
    ...
ValueError: contains a control character, NUL or unpaired surrogate (not allowed in text)
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, Self, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from pmi_workflow.privacy import MaskedStr, redact, redact_personal_text

__all__ = [
    "EARLIEST",
    "LATEST",
    "CurrencyCode",
    "Money",
    "Record",
    "check_text",
    "whole_number_text",
]

EARLIEST = datetime.date(1900, 1, 1)
"""The earliest date a record may hold (a birth date, an issue date)."""

LATEST = datetime.date(9998, 12, 31)
"""The latest date a record may hold (an expiry date, a contract end)."""

# C0 controls but tab, line feed and carriage return; DEL and C1 controls; surrogates;
# bidirectional embeddings, overrides and isolates (they reorder what a terminal shows).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)
_TEXT_MESSAGE = "contains a control character, NUL or unpaired surrogate (not allowed in text)"


def check_text(value: str) -> str:
    """``value`` unchanged, or :class:`ValueError` when it holds a character text must not.

    >>> check_text("Jl. Raya Serang\\tKm 12")
    'Jl. Raya Serang\\tKm 12'
    """
    if _FORBIDDEN.search(value):
        raise ValueError(_TEXT_MESSAGE)
    return value


_FIELDS_TO_CHECK: dict[type, tuple[str, ...]] = {}


def _holds_text_or_dates(annotation: Any) -> bool:
    if annotation in (str, datetime.date, datetime.datetime):
        return True
    if isinstance(annotation, type):
        return issubclass(annotation, MaskedStr)
    return any(_holds_text_or_dates(argument) for argument in get_args(annotation))


def _fields_to_check(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` whose values can hold text or dates (found once per class)."""
    names = _FIELDS_TO_CHECK.get(model)
    if names is None:
        names = tuple(
            name
            for name, info in model.model_fields.items()
            if _holds_text_or_dates(info.annotation)
        )
        _FIELDS_TO_CHECK[model] = names
    return names


def _check_value(value: Any, field: str) -> None:
    kind = type(value)
    if kind is str or isinstance(value, MaskedStr):
        text = value if kind is str else value.reveal()
        if not text.isprintable() and _FORBIDDEN.search(text):
            raise PydanticCustomError("text", _TEXT_MESSAGE, {"field": field})
    elif kind is datetime.date or kind is datetime.datetime:
        day = value.date() if kind is datetime.datetime else value
        if not EARLIEST <= day <= LATEST:
            raise PydanticCustomError(
                "date_range",
                "the date must lie between {earliest} and {latest}",
                {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat(), "field": field},
            )
    elif kind is tuple or kind is list:
        for item in value:
            if type(item) is str or isinstance(item, MaskedStr):
                _check_value(item, field)


class Record(BaseModel):
    """Base of the domain records: immutable, strict about unknown fields.

    Validation errors never include the offending input (``hide_input_in_errors``),
    so personal data cannot leak into an error message.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        hide_input_in_errors=True,
        str_strip_whitespace=True,
        validate_default=False,
        ser_json_inf_nan="strings",
        defer_build=True,
    )

    def __repr_args__(self) -> Any:
        # Free text and ids may hold a NIK (some agencies key cases by NIK): masked in reprs.
        # Other text that holds a NIK is about a person: the words beside it are masked too.
        for name, value in super().__repr_args__():
            if type(value) is str:
                value = redact(value) if name == "case_id" else redact_personal_text(value)
            elif type(value) is tuple and any(type(item) is str for item in value):
                value = tuple(
                    redact_personal_text(item) if type(item) is str else item for item in value
                )
            yield name, value

    @model_validator(mode="after")
    def _refuse_unsafe_values(self) -> Self:
        # One pass over the fields per record (a validator per field costs twice the parse).
        # The error names the field in its context: problems_from_validation_error adds it to
        # the location.
        values = self.__dict__
        for name in _fields_to_check(type(self)):
            value = values[name]
            if value is not None:
                _check_value(value, name)
        return self


@lru_cache(maxsize=64)
def _currency(value: str) -> str:
    import pycountry  # imported on first use: it is slow to import

    code = value.strip().upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise PydanticCustomError("currency", "unknown currency (use an ISO 4217 code such as IDR)")
    return code


def _coerce_currency(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("currency", "a currency must be an ISO 4217 code")
    return _currency(value)


CurrencyCode = Annotated[
    str,
    BeforeValidator(_coerce_currency),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217 currency"}),
]
"""An ISO 4217 currency code (``IDR``, ``MYR``, ``TWD``...)."""


def whole_number_text(value: Any) -> Any:
    """``"24"`` (a spreadsheet cell, a form field) as ``24``; anything else unchanged.

    Only plain digits are read: ``"24.0"``, ``"2e1"`` or ``" "`` stay text and
    are refused by the field's own check.

    >>> whole_number_text(" 24 "), whole_number_text("24.0"), whole_number_text(12)
    (24, '24.0', 12)
    """
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) <= 9:
            return int(text)
    return value


class Money(Record):
    """An amount of money in a currency. Amounts are exact decimals, never floats.

    >>> Money(amount="37500", currency="idr")
    Money(amount=Decimal('37500'), currency='IDR')
    """

    amount: Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2, allow_inf_nan=False)]
    currency: CurrencyCode = "IDR"
