"""ISO 3166 country codes, through :mod:`pycountry`.

:data:`CountryCode` is a pydantic type that accepts an alpha-2 or alpha-3
code or a country's English or Indonesian name and stores the alpha-2 code.

>>> to_alpha2("sau")
'SA'
>>> to_alpha2("Malaysia")
'MY'
>>> to_alpha2("Arab Saudi")
'SA'
>>> country_name("TW")
'Taiwan'
>>> to_alpha2("Atlantis")
Traceback (most recent call last):
    ...
pmi_workflow.errors.InvalidInputError: invalid input: country: unknown country 'Atlantis' (use ...)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from pmi_workflow.errors import InvalidInputError

__all__ = ["CountryCode", "country_name", "to_alpha2"]

# Names as used in the Indonesian placement practice, where pycountry's are political.
_COMMON_NAMES = {"TW": "Taiwan", "KR": "South Korea", "PS": "Palestine", "SY": "Syria"}


def to_alpha2(value: str) -> str:
    """Normalise a code or name to the ISO 3166-1 alpha-2 code."""
    if not isinstance(value, str):
        raise InvalidInputError.single(
            "a country must be an ISO 3166 code", "country", ("country",)
        )
    return _to_alpha2(value)


@lru_cache(maxsize=512)
def _to_alpha2(value: str) -> str:
    if not value.strip() or len(value) > 100:
        raise InvalidInputError.single(
            "a country must be an ISO 3166 code", "country", ("country",)
        )
    text = value.strip()
    try:
        import pycountry  # imported on first use: it is slow to import

        country = pycountry.countries.lookup(text)
    except LookupError:
        from pmi_workflow.labels import code_of  # Indonesian names: "Arab Saudi", "Tiongkok"

        found = code_of("country", text)
        if found is not None:
            return found
        shown = text if text.isprintable() and len(text) <= 40 else "?"
        raise InvalidInputError.single(
            f"unknown country {shown!r} (use an ISO 3166 code such as MY or SA)",
            "country",
            ("country",),
        ) from None
    return str(country.alpha_2)


def country_name(code: str) -> str:
    """The English short name of a country code."""
    alpha2 = to_alpha2(code)
    if alpha2 in _COMMON_NAMES:
        return _COMMON_NAMES[alpha2]
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    return str(getattr(country, "common_name", None) or getattr(country, "name", alpha2))


def _coerce(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("country", "a country must be an ISO 3166 code (text)")
    try:
        return _to_alpha2(value)  # to_alpha2 without its type check, made just above
    except InvalidInputError as error:
        message = error.problems[0].message
        if message.startswith("unknown country"):  # inside a record, never repeat the value
            message = "unknown country (" + message.rpartition(" (")[2]
        raise PydanticCustomError("country", message) from None


CountryCode = Annotated[
    str,
    BeforeValidator(_coerce),
    WithJsonSchema(
        {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2 country"}
    ),
]
"""A pydantic type: an ISO 3166-1 alpha-2 country code (input may be alpha-3 or a name)."""
