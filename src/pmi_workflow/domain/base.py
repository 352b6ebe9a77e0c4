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
    GetCoreSchemaHandler,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError, core_schema

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

# C0 controls but tab, line feed and carriage return; DEL and C1 controls; bidirectional
# embeddings, overrides and isolates (they reorder what a terminal shows). Surrogates are added
# for Python's ``re``; pydantic-core refuses them itself (a Rust string cannot hold one).
_FORBIDDEN_CLASS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_FORBIDDEN = re.compile(f"[{_FORBIDDEN_CLASS}\\ud800-\\udfff]")
_TEXT_MESSAGE = "contains a control character, NUL or unpaired surrogate (not allowed in text)"
_DATE_RANGE_MESSAGE = "the date must lie between {earliest} and {latest}"


def check_text(value: str) -> str:
    """``value`` unchanged, or :class:`ValueError` when it holds a character text must not.

    >>> check_text("Jl. Raya Serang\\tKm 12")
    'Jl. Raya Serang\\tKm 12'
    """
    if _FORBIDDEN.search(value):
        raise ValueError(_TEXT_MESSAGE)
    return value


# The checks run inside pydantic-core: a second step after a field's own validation (so its own
# errors come first, as before), whose failure is reported as ``text`` or ``date_range``.
_TEXT_CHECK = core_schema.custom_error_schema(
    core_schema.str_schema(pattern=f"^[^{_FORBIDDEN_CLASS}]*$"),
    "text",
    custom_error_message=_TEXT_MESSAGE,
)
_RANGE_CONTEXT = {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()}
_DATE_CHECK = core_schema.custom_error_schema(
    core_schema.date_schema(ge=EARLIEST, le=LATEST),
    "date_range",
    custom_error_message=_DATE_RANGE_MESSAGE,
    custom_error_context=_RANGE_CONTEXT,
)
# A timestamp is compared by its wall-clock time (its day in its own offset, as local_day).
_DATETIME_CHECK = core_schema.custom_error_schema(
    core_schema.datetime_schema(
        ge=datetime.datetime.combine(EARLIEST, datetime.time.min),
        le=datetime.datetime.combine(LATEST, datetime.time.max),
    ),
    "date_range",
    custom_error_message=_DATE_RANGE_MESSAGE,
    custom_error_context=_RANGE_CONTEXT,
)
_CHECKS: dict[str, core_schema.CoreSchema] = {
    "str": _TEXT_CHECK,
    "date": _DATE_CHECK,
    "datetime": _DATETIME_CHECK,
}


def _check_masked_text(value: Any) -> Any:
    # A MaskedStr validates in Python (its own plain validator): its text is checked here.
    if isinstance(value, MaskedStr):
        text = value.reveal()
        if not text.isprintable() and _FORBIDDEN.search(text):
            raise PydanticCustomError("text", _TEXT_MESSAGE)
    return value


# Core schema kinds that hold no text, date or timestamp of the record itself (a nested record
# checks its own fields; ``any`` is not looked into, as it never was).
_NOTHING_TO_CHECK = frozenset(
    {
        "any", "bool", "bytes", "callable", "complex", "decimal", "definition-ref", "enum",
        "float", "int", "is-instance", "is-subclass", "literal", "model", "multi-host-url",
        "none", "time", "timedelta", "url", "uuid",
    }
)  # fmt: skip


def _with_checks(schema: Any) -> Any:
    """A field's core schema with the text and date checks added after every text, date and
    timestamp it can hold (nested records are left alone: they check their own fields).

    A schema that already has them is returned as it is (pydantic reuses a built record's
    schema inside another). An unknown kind of schema is refused, so that no field goes
    unchecked unnoticed.
    """
    kind = schema["type"]
    if kind in _CHECKS:
        return core_schema.chain_schema([schema, _CHECKS[kind]])
    if kind == "chain":
        steps = schema["steps"]
        if any(steps[-1] is check for check in _CHECKS.values()):
            return schema
        return {**schema, "steps": [*steps[:-1], _with_checks(steps[-1])]}
    if kind == "function-plain":
        return core_schema.no_info_after_validator_function(_check_masked_text, schema)
    if kind == "function-after" and schema["function"]["function"] is _check_masked_text:
        return schema
    if kind in ("function-before", "function-after", "function-wrap", "nullable", "default"):
        return {**schema, "schema": _with_checks(schema["schema"])}
    if kind == "tuple":
        return {**schema, "items_schema": [_with_checks(item) for item in schema["items_schema"]]}
    if kind in ("list", "set", "frozenset", "generator"):
        items = schema.get("items_schema")
        return schema if items is None else {**schema, "items_schema": _with_checks(items)}
    if kind == "dict":
        return {
            **schema,
            **{
                part: _with_checks(schema[part])
                for part in ("keys_schema", "values_schema")
                if part in schema
            },
        }
    if kind == "tagged-union":
        tagged = {tag: _with_checks(choice) for tag, choice in schema["choices"].items()}
        return {**schema, "choices": tagged}
    if kind == "union":
        choices = [
            (_with_checks(choice[0]), choice[1])
            if isinstance(choice, tuple)
            else _with_checks(choice)
            for choice in schema["choices"]
        ]
        return {**schema, "choices": choices}
    if kind in _NOTHING_TO_CHECK:
        return schema
    raise TypeError(f"a record field of kind {kind!r} cannot be checked for unsafe values")


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

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[BaseModel], handler: GetCoreSchemaHandler, /
    ) -> core_schema.CoreSchema:
        # Every text, date and timestamp of the record is checked where it is validated, by
        # pydantic-core: no Python runs per field (only for a MaskedStr, which is Python anyway).
        schema = handler(source)
        _add_checks(schema, source)
        return schema


def _add_checks(schema: Any, model: type[BaseModel]) -> None:
    """Add the checks to the fields of ``model`` in its core schema (changed in place)."""
    node = schema
    while node.get("type") != "model-fields" or node.get("model_name") != model.__name__:
        if "schema" not in node:  # pragma: no cover - pydantic builds every model this way
            raise TypeError(f"no fields in the schema of {model.__name__}")
        node = node["schema"]
    fields = node["fields"]
    for name, field in fields.items():
        fields[name] = {**field, "schema": _with_checks(field["schema"])}


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
