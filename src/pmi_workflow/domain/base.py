"""The base of every domain record, and small shared value types."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

__all__ = ["CurrencyCode", "Money", "Record", "whole_number_text"]


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
