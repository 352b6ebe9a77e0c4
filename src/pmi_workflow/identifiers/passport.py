"""Passport numbers.

Indonesian passports carry one or two letters and six or seven digits
(``A1234567``, ``C1234567``, ``X123456``). Following python-stdnum's stance
(rejecting a valid number is worse than accepting an invalid one), the
:class:`PassportNumber` type accepts any 6-9 letters and digits with at least
one digit; :func:`looks_indonesian` tells whether the number has the usual
Indonesian shape, for a warning rather than a refusal.

>>> compact(" c 123-4567 ")
'C1234567'
>>> validate("C1234567")
'C1234567'
>>> looks_indonesian("C1234567")
True
>>> looks_indonesian("123456789")
False
>>> PassportNumber("C1234567")
PassportNumber('C1*****7')
>>> validate("C1")
Traceback (most recent call last):
    ...
pmi_workflow.errors.InvalidInputError: invalid input: passport: a passport number has 6 to 9 ...
"""

from __future__ import annotations

import re

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.privacy import MaskedStr, mask_passport

__all__ = ["PassportNumber", "compact", "is_valid", "looks_indonesian", "validate"]

_INDONESIAN = re.compile(r"[A-Z]{1,2}\d{6,7}")
_SEPARATORS = re.compile(r"[\s\-]")


def compact(number: str) -> str:
    """Upper-case and strip spaces and dashes."""
    return _SEPARATORS.sub("", number).upper()


def validate(number: str) -> str:
    """Return the compacted number, or raise :class:`InvalidInputError` naming the problem."""
    if not isinstance(number, str):
        raise InvalidInputError.single("a passport number must be text", "passport", ("passport",))
    cleaned = compact(number)
    if not cleaned.isalnum() or not cleaned.isascii():
        raise InvalidInputError.single(
            "a passport number has letters and digits only",
            "passport.invalid_format",
            ("passport",),
        )
    if not 6 <= len(cleaned) <= 9:
        raise InvalidInputError.single(
            f"a passport number has 6 to 9 letters and digits, this has {len(cleaned)}",
            "passport.invalid_length",
            ("passport",),
        )
    if not any(char.isdigit() for char in cleaned):
        raise InvalidInputError.single(
            "a passport number contains digits", "passport.invalid_format", ("passport",)
        )
    return cleaned


def is_valid(number: str) -> bool:
    """``True`` when :func:`validate` accepts the number."""
    try:
        validate(number)
    except InvalidInputError:
        return False
    return True


def looks_indonesian(number: str) -> bool:
    """``True`` when the number has the shape of an Indonesian passport number."""
    return bool(_INDONESIAN.fullmatch(compact(number)))


class PassportNumber(MaskedStr):
    """A passport number that prints masked (``C1*****7``)."""

    __slots__ = ()
    error_type = "passport"
    description = "passport number"

    @classmethod
    def _normalise(cls, value: str) -> str:
        try:
            return validate(value)
        except InvalidInputError as error:
            raise ValueError(error.problems[0].message) from None

    @staticmethod
    def _mask(value: str) -> str:
        return mask_passport(value)
