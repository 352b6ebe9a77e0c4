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
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from pmi_workflow.privacy import MaskedStr, redact

__all__ = ["EARLIEST", "LATEST", "CurrencyCode", "Money", "Record", "check_text"]

EARLIEST = datetime.date(1900, 1, 1)
"""The earliest date a record may hold (a birth date, an issue date)."""

LATEST = datetime.date(2199, 12, 31)
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


def _check_texts(value: Any) -> None:
    if isinstance(value, MaskedStr):
        value = value.reveal()
    if isinstance(value, str):
        if _FORBIDDEN.search(value):
            raise PydanticCustomError("text", _TEXT_MESSAGE)
    elif isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, (str, MaskedStr, list, tuple)):
                _check_texts(item)


def _check_day(value: Any) -> None:
    day = value.date() if isinstance(value, datetime.datetime) else value
    if isinstance(day, datetime.date) and not EARLIEST <= day <= LATEST:
        raise PydanticCustomError(
            "date_range",
            "the date must lie between {earliest} and {latest}",
            {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
        )


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
        for name, value in super().__repr_args__():
            yield name, redact(value) if type(value) is str else value

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_unsafe_values(cls, value: Any, info: ValidationInfo) -> Any:
        _check_texts(value)
        _check_day(value)
        return value


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


class Money(Record):
    """An amount of money in a currency. Amounts are exact decimals, never floats.

    >>> Money(amount="37500", currency="idr")
    Money(amount=Decimal('37500'), currency='IDR')
    """

    amount: Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2, allow_inf_nan=False)]
    currency: CurrencyCode = "IDR"
