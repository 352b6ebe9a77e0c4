"""Personal data handling: masking, and value types that never print in full.

NIK, passport numbers and names are personal data. The library keeps them in
:class:`MaskedStr` subclasses whose ``repr``, ``str`` and ``format`` show a
masked form, so they cannot leak through logs, exception messages or
debugging output by accident. The full value is available only explicitly,
through :meth:`MaskedStr.reveal` or through serialisation (``model_dump``,
``model_dump_json``), which is how records are exchanged.

>>> mask_nik("3603123105900001")
'3603**********01'
>>> mask_passport("C1234567")
'C1*****7'
>>> mask_name("Siti Aminah")
'S*** A*****'
>>> name = PersonName("Siti Aminah")
>>> name
PersonName('S*** A*****')
>>> f"applicant {name}"
'applicant S*** A*****'
>>> name.reveal()
'Siti Aminah'
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any, ClassVar, Self, TypeVar

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

__all__ = [
    "MaskedStr",
    "PersonName",
    "RedactingFilter",
    "mask_case_id",
    "mask_name",
    "mask_nik",
    "mask_passport",
    "mask_value",
    "masked_repr",
    "redact",
    "redact_data",
    "redact_personal_text",
    "safe_text",
]


def mask_value(value: str, *, keep_start: int, keep_end: int) -> str:
    """Replace the middle of ``value`` with ``*``, keeping a few characters at each end.

    Short values are masked more, never less: at most half the characters stay
    visible.

    >>> mask_value("ABCDEFGH", keep_start=2, keep_end=2)
    'AB****GH'
    >>> mask_value("ABC", keep_start=2, keep_end=2)
    'A**'
    """
    visible = min(keep_start + keep_end, len(value) // 2)
    start = min(keep_start, visible)
    end = min(keep_end, visible - start)
    hidden = len(value) - start - end
    return value[:start] + "*" * hidden + (value[len(value) - end :] if end else "")


def mask_nik(value: str) -> str:
    """Mask a NIK, keeping the region prefix (4 digits) and the last 2 digits."""
    return mask_value(value, keep_start=4, keep_end=2)


def mask_passport(value: str) -> str:
    """Mask a passport number, keeping the first 2 characters and the last one."""
    return mask_value(value, keep_start=2, keep_end=1)


def mask_name(value: str) -> str:
    """Mask a name word by word, keeping each initial."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in value.split())


_NIK_SHAPED = re.compile(r"(?<!\d)\d{16,}(?!\d)")


def redact(text: str) -> str:
    """Mask every NIK-shaped run of 16 or more digits in free text (a file name, a message).

    The safety net for text the library did not write itself: every library
    error message passes through it.

    >>> redact("cannot open 3603121505950002.json")
    'cannot open 3603**********02.json'
    """
    return _NIK_SHAPED.sub(lambda match: mask_nik(match.group()), text)


_WORD = re.compile(r"[^\W\d_]{2,}")


def redact_personal_text(text: str) -> str:
    """Free text that holds a NIK: the NIK masked, and every word beside it too.

    Text that carries a NIK is about a person, and the words around the number
    are often the person's name. Text without a NIK is returned unchanged.

    >>> redact_personal_text("3603121505950002:Budi Santoso")
    '3603**********02:B*** S******'
    >>> redact_personal_text("officer-disnaker")
    'officer-disnaker'
    """
    if not _NIK_SHAPED.search(text):
        return text
    return _WORD.sub(lambda match: mask_name(match.group()), redact(text))


def mask_case_id(value: str) -> str:
    """A case id as it may be shown: every NIK-like run in it masked.

    Some agencies key cases by NIK (``PMI-3603121505950002``); the masked id is
    what logs, messages, reprs and command output carry. An id taken from a
    request (a path) may hold control characters: they are written as escapes
    (:func:`safe_text` with ``one_line``), so it cannot forge a log line.

    >>> mask_case_id("PMI-3603121505950002"), mask_case_id("CASE-1")
    ('PMI-3603**********02', 'CASE-1')
    >>> print(mask_case_id("X\\r\\nINFO forged"))
    X\\r\\nINFO forged
    """
    return safe_text(redact(value), one_line=True)


def redact_data(value: Any) -> Any:
    """JSON-like data with :func:`redact` applied to every string (keys included).

    The boundary every command's structured output passes through.

    >>> redact_data({"case_id": "3603121505950002", "n": [1, "x 3603121505950002"]})
    {'case_id': '3603**********02', 'n': [1, 'x 3603**********02']}
    """
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, Mapping):
        return {redact_data(key): redact_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_data(item) for item in value]
    return value


T = TypeVar("T", bound=type)


def masked_repr(cls: T) -> T:
    """Class decorator: the class's ``repr`` with every NIK-like run masked.

    For reports and records that carry a case id (which may hold a NIK).

    >>> from dataclasses import dataclass
    >>> @masked_repr
    ... @dataclass
    ... class Report:
    ...     case_id: str
    >>> Report("PMI-3603121505950002")
    Report(case_id='PMI-3603**********02')
    """
    unmasked: Any = cls.__repr__

    def masked(self: Any) -> str:
        return redact(unmasked(self))

    masked.__name__ = masked.__qualname__ = "__repr__"
    cls.__repr__ = masked  # type: ignore[assignment]
    return cls


_TERMINAL_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI sequences (colours, cursor moves, clear screen)
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC sequences (titles, hyperlinks)
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


_LINE_CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def safe_text(text: str, *, one_line: bool = False) -> str:
    """``text`` for a terminal: escape sequences and control characters removed.

    Tab and line feed stay; anything that could move the cursor, clear the
    screen, retitle the window or reorder the line is dropped.

    With ``one_line`` (a log line), every control character, line breaks and
    tabs included, is written as its escape instead (``\\r``, ``\\x1b``):
    the text can neither start a line of its own nor hide what it held.

    >>> safe_text("\x1b[2J\x1b[HOK\x07 done")
    'OK done'
    >>> print(safe_text("/v1/cases/X\\r\\n2026-12-01 INFO forged", one_line=True))
    /v1/cases/X\\r\\n2026-12-01 INFO forged
    """
    if one_line:
        return _LINE_CONTROL.sub(_escaped, text)
    return _TERMINAL_CONTROL.sub("", text)


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape", "backslashreplace").decode("ascii")


class RedactingFilter(logging.Filter):
    """A logging filter that masks NIK-shaped numbers in the formatted message.

    The command line and the HTTP server put it on their handlers; library
    records are masked at the source already, this is the second net for
    anything else. The message is kept on one line (:func:`safe_text` with
    ``one_line``): text from a request or a file cannot forge a log line.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the record's message by its masked form (always keeps the record)."""
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = safe_text(redact(message), one_line=True)
        record.args = None
        return True


class MaskedStr:
    """A string value that prints masked and reveals itself only on request.

    Subclasses set :meth:`_mask` and may override :meth:`_normalise` to check
    and clean the raw input (raise :class:`ValueError` with a message that
    does not repeat the value). Instances are immutable, hashable and compare
    by value; in pydantic models they validate from ``str`` and serialise to
    the full ``str`` (that is the explicit way out).
    """

    __slots__ = ("_value",)
    _value: str
    error_type: ClassVar[str] = "masked_str"
    description: ClassVar[str] = "a personal-data string"

    def __init__(self, value: str) -> None:
        object.__setattr__(self, "_value", self._normalise(value))

    @classmethod
    def _normalise(cls, value: str) -> str:
        cleaned = " ".join(value.split())
        if not cleaned:
            raise ValueError("must not be empty")
        return cleaned

    @staticmethod
    def _mask(value: str) -> str:
        return mask_value(value, keep_start=1, keep_end=0)

    def reveal(self) -> str:
        """The full value. Use it only where the full value is really needed."""
        return self._value

    @property
    def masked(self) -> str:
        """The masked form, safe for logs and messages."""
        return self._mask(self._value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.masked!r})"

    def __str__(self) -> str:
        return self.masked

    def __format__(self, format_spec: str) -> str:
        return format(self.masked, format_spec)

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return self._value == other._value
        return NotImplemented

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._value))

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (type(self), (self._value,))

    @classmethod
    def _from_input(cls, value: Any) -> Self:
        if isinstance(value, cls):
            return value
        if not isinstance(value, str):
            raise PydanticCustomError(
                cls.error_type, "{what} must be a string", {"what": cls.description}
            )
        try:
            return cls(value)
        except ValueError as error:
            raise PydanticCustomError(
                cls.error_type,
                "{what}: {problem}",
                {"what": cls.description, "problem": str(error)},
            ) from None

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source_type: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._from_input,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda value: value.reveal() if isinstance(value, MaskedStr) else value,
                return_schema=core_schema.str_schema(),
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "description": cls.description}


class PersonName(MaskedStr):
    """A person's name: printed as initials only (``S*** A*****``)."""

    __slots__ = ()
    error_type = "name"
    description = "a person's name"

    @staticmethod
    def _mask(value: str) -> str:
        return mask_name(value)
