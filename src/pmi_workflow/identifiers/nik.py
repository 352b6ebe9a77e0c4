"""NIK (Nomor Induk Kependudukan), the 16-digit Indonesian identity number.

Built on :mod:`stdnum.id.nik`, which checks the length, the digits, the
embedded birth date and the region prefix against its bundled location
database. This module adds what a placement workflow needs on top: the sex
encoded in the number (women have 40 added to the day of birth), a birth date
whose century is resolved against a reference date, the region codes, error
messages that never repeat the number, and a pydantic type :class:`Nik`.

A NIK is ``PPRRSSDDMMYYXXXX``: province, regency/city and district of
registration, the birth date, and a 4-digit serial. There is no checksum.

>>> compact("3171 0117 0845 0001")
'3171011708450001'
>>> validate("3171011708450001")
'3171011708450001'
>>> is_valid("3171011708450001")
True
>>> format("3171011708450001")
'31.71.01.170845.0001'
>>> birth_date("3171015708450001")
datetime.date(1945, 8, 17)
>>> sex("3171015708450001")
<Sex.FEMALE: 'female'>
>>> validate("31710117084500")
Traceback (most recent call last):
    ...
pmi_workflow.identifiers.nik.InvalidNikError: invalid input: nik: a NIK has 16 digits, this has 14
>>> validate("9971011708450001")
Traceback (most recent call last):
    ...
pmi_workflow.identifiers.nik.InvalidNikError: invalid input: nik: unknown region code in the NIK
>>> Nik("3171011708450001")
Nik('3171**********01')
"""

from __future__ import annotations

import datetime

from stdnum import exceptions as stdnum_errors
from stdnum.id import nik as _stdnum_nik

from pmi_workflow.enums import Sex
from pmi_workflow.errors import InputProblem, InvalidInputError
from pmi_workflow.privacy import MaskedStr, mask_nik

__all__ = [
    "InvalidNikError",
    "Nik",
    "birth_date",
    "compact",
    "format",
    "is_valid",
    "province_code",
    "regency_code",
    "sex",
    "validate",
]


class InvalidNikError(InvalidInputError):
    """A NIK failed validation. ``problems[0].kind`` says why (``nik.invalid_length``...)."""

    code = "nik_invalid"

    def __init__(self, reason: str, message: str) -> None:
        super().__init__([InputProblem(("nik",), message, f"nik.{reason}")])
        self.reason = reason


def compact(number: str) -> str:
    """Strip spaces, dots and dashes (python-stdnum's ``compact``)."""
    return str(_stdnum_nik.compact(number))


def _raw_birth_date(number: str) -> tuple[int, int, int]:
    day = int(number[6:8])
    return (day - 40 if day > 40 else day), int(number[8:10]), int(number[10:12])


def validate(number: str) -> str:
    """Check the NIK and return it compacted; raise :class:`InvalidNikError` if it is wrong.

    The checks are python-stdnum's: digits only, 16 of them, a real birth
    date (day + 40 for women) and a known province/regency prefix; on top,
    the encoded day must be 01-31 or 41-71 (python-stdnum reads it modulo 40).
    """
    if not isinstance(number, str):
        raise InvalidNikError("invalid_format", "a NIK must be given as text")
    try:
        # python-stdnum compacts the number itself (compacting is the costly part of a check)
        validated = str(_stdnum_nik.validate(number))
    except stdnum_errors.InvalidLength:
        raise InvalidNikError(
            "invalid_length", f"a NIK has 16 digits, this has {len(compact(number))}"
        ) from None
    except stdnum_errors.InvalidFormat:
        raise InvalidNikError("invalid_format", "a NIK has digits only") from None
    except stdnum_errors.InvalidComponent:
        cleaned = compact(number)
        day, month, _ = _raw_birth_date(cleaned)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            raise InvalidNikError(
                "invalid_birth_date", "the birth date encoded in the NIK is impossible"
            ) from None
        try:
            _stdnum_nik.get_birth_date(cleaned)
        except stdnum_errors.ValidationError:
            raise InvalidNikError(
                "invalid_birth_date", "the birth date encoded in the NIK is impossible"
            ) from None
        raise InvalidNikError("invalid_region", "unknown region code in the NIK") from None
    except stdnum_errors.ValidationError:  # pragma: no cover - future stdnum checks
        raise InvalidNikError("invalid", "the NIK is not valid") from None
    # python-stdnum reads the day modulo 40, so it lets 81-91 through; a NIK's day is
    # 01-31 (men) or 41-71 (women).
    encoded_day = int(validated[6:8])
    if not (1 <= encoded_day <= 31 or 41 <= encoded_day <= 71):
        raise InvalidNikError(
            "invalid_birth_date", "the birth date encoded in the NIK is impossible"
        )
    return validated


def is_valid(number: str) -> bool:
    """``True`` when :func:`validate` accepts the number."""
    try:
        validate(number)
    except InvalidNikError:
        return False
    return True


def format(number: str) -> str:
    """Format as ``PP.RR.SS.DDMMYY.XXXX`` (province, regency, district, birth date, serial)."""
    n = compact(number)
    return f"{n[0:2]}.{n[2:4]}.{n[4:6]}.{n[6:12]}.{n[12:16]}"


def birth_date(number: str, *, on: datetime.date | None = None) -> datetime.date:
    """The birth date encoded in the NIK.

    The number holds only two digits of the year; the century is the one
    that puts the birth date on or before ``on`` (today by default), so a
    ``...0505..`` NIK is 2005 when judged in 2026 and 1905 when judged in 1990.
    """
    return _birth_date_of(validate(number), on)


def _birth_date_of(number: str, on: datetime.date | None) -> datetime.date:
    day, month, yy = _raw_birth_date(number)
    reference = on or datetime.date.today()
    for century in (2000, 1900):
        try:
            candidate = datetime.date(century + yy, month, day)
        except ValueError:
            continue
        if candidate <= reference:
            return candidate
    # Both centuries put the date after the reference (a future date): keep 19xx if it exists.
    try:
        return datetime.date(1900 + yy, month, day)
    except ValueError:
        return datetime.date(2000 + yy, month, day)


def sex(number: str) -> Sex:
    """The sex encoded in the NIK: women have 40 added to the day of birth."""
    return _sex_of(validate(number))


def _sex_of(number: str) -> Sex:
    return Sex.FEMALE if int(number[6:8]) > 40 else Sex.MALE


def province_code(number: str) -> str:
    """The 2-digit province code of registration (``PP``)."""
    return validate(number)[:2]


def regency_code(number: str) -> str:
    """The 4-digit regency/city code of registration (``PPRR``)."""
    return validate(number)[:4]


class Nik(MaskedStr):
    """A validated NIK that prints masked (``3603**********01``).

    Use it as a pydantic field type; a bad number fails with error type
    ``nik`` and a message that does not repeat the number.
    """

    __slots__ = ()
    error_type = "nik"
    description = "NIK (16-digit Indonesian identity number)"

    @classmethod
    def _normalise(cls, value: str) -> str:
        try:
            return validate(value)
        except InvalidNikError as error:
            raise ValueError(error.problems[0].message) from None

    @staticmethod
    def _mask(value: str) -> str:
        return mask_nik(value)

    # A Nik was validated when it was made: its number is not checked again.

    @property
    def sex(self) -> Sex:
        """The sex encoded in the number."""
        return _sex_of(self._value)

    def birth_date(self, *, on: datetime.date | None = None) -> datetime.date:
        """The encoded birth date, century resolved against ``on`` (default today)."""
        return _birth_date_of(self._value, on)

    @property
    def regency_code(self) -> str:
        """The 4-digit regency/city code of registration."""
        return self._value[:4]
