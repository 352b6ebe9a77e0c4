"""NPWP, the Indonesian tax number, through :mod:`stdnum.id.npwp`.

Used for legal-entity employers and placement companies. Both the old
15-digit form and the 16-digit form (a NIK, or ``0`` + 15 digits) are
accepted, as python-stdnum does.

>>> validate("01.312.166.0-091.000")
'013121660091000'
>>> format("013121660091000")
'01.312.166.0-091.000'
>>> is_valid("013121670091000")
False
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError
from stdnum import exceptions as stdnum_errors
from stdnum.id import npwp as _stdnum_npwp

from pmi_workflow.errors import InvalidInputError

__all__ = ["Npwp", "compact", "format", "is_valid", "validate"]


def compact(number: str) -> str:
    """Strip separators."""
    return str(_stdnum_npwp.compact(number))


def validate(number: str) -> str:
    """Return the compacted NPWP or raise :class:`InvalidInputError`."""
    try:
        return str(_stdnum_npwp.validate(number))
    except stdnum_errors.InvalidLength:
        raise InvalidInputError.single(
            "an NPWP has 15 or 16 digits", "npwp.invalid_length", ("npwp",)
        ) from None
    except stdnum_errors.InvalidChecksum:
        raise InvalidInputError.single(
            "the NPWP check digit is wrong", "npwp.invalid_checksum", ("npwp",)
        ) from None
    except (stdnum_errors.ValidationError, TypeError, AttributeError):
        raise InvalidInputError.single(
            "an NPWP has digits only", "npwp.invalid_format", ("npwp",)
        ) from None


def is_valid(number: str) -> bool:
    """``True`` when :func:`validate` accepts the number."""
    try:
        validate(number)
    except InvalidInputError:
        return False
    return True


def format(number: str) -> str:
    """Format as ``01.312.166.0-091.000``."""
    return str(_stdnum_npwp.format(number))


def _coerce(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("npwp", "an NPWP must be a string")
    try:
        return validate(value)
    except InvalidInputError as error:
        raise PydanticCustomError("npwp", error.problems[0].message) from None


Npwp = Annotated[
    str,
    BeforeValidator(_coerce),
    WithJsonSchema({"type": "string", "pattern": r"^\d{15,16}$", "description": "NPWP"}),
]
"""A pydantic type for an NPWP, stored compacted."""
