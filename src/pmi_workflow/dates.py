"""Dates as agencies write them, ages, durations and time zones.

Indonesian records are day-first (``03/07/2023`` is 3 July 2023; a
month-first date such as ``1/13/2024`` is refused, never guessed) and often
use Indonesian month and day names (``Senin, 3 Juli 2023``,
``17 Agustus 1945``). :func:`parse_date` reads those, ISO dates and English
month names, with python-dateutil and an Indonesian ``parserinfo``. A date
with a missing part (``Juli 2023``) is refused rather than completed with
today's day.

ISO text (``2024-01-08``, ``2024-01-08T09:00:00+07:00``), its basic form
(eight digits, ``20240108``, ``20240108T0900+0700``) and year-first text
(``2024/01/08``) are read year, month, day, never day-first: ``20241301``
is refused, not swapped. A year must be written in full: ``15/05/70`` is
refused rather than guessed as 1970 or 2070.

Timestamps are timezone-aware; a naive one is taken to be in
``Asia/Jakarta`` (WIB). The officer's zone names ``WIB``, ``WITA`` and
``WIT`` (any case) stand for +07:00, +08:00 and +09:00; any other zone name
(``PST``, ``UTC``, ``Asia/Jayapura``) is refused, never dropped: write one
of those three or an offset such as ``+08:00``. An event's day is
:func:`local_day`: the calendar day in the event's own offset.

>>> parse_date("03/07/2023")
datetime.date(2023, 7, 3)
>>> parse_date("Senin, 3 Juli 2023")
datetime.date(2023, 7, 3)
>>> parse_date("17 Agustus 1945")
datetime.date(1945, 8, 17)
>>> parse_date("2023-07-03")
datetime.date(2023, 7, 3)
>>> parse_datetime("2024-01-08T09:00:00+07:00")  # ISO is never read day-first
datetime.datetime(2024, 1, 8, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=25200)))
>>> parse_date("31/02/2023")
Traceback (most recent call last):
    ...
pmi_workflow.errors.InvalidInputError: invalid input: date: not a real date: '31/02/2023'
>>> parse_date("1/13/2024")
Traceback (most recent call last):
    ...
pmi_workflow.errors.InvalidInputError: invalid input: date: the date is written month first; ...
>>> parse_datetime("03/07/2023 08:30")
datetime.datetime(2023, 7, 3, 8, 30, tzinfo=zoneinfo.ZoneInfo(key='Asia/Jakarta'))
>>> parse_datetime("03/07/2023 00:30 WITA").isoformat()
'2023-07-03T00:30:00+08:00'
>>> parse_date("20230703")
datetime.date(2023, 7, 3)
>>> parse_date("03/07/23")
Traceback (most recent call last):
    ...
pmi_workflow.errors.InvalidInputError: invalid input: date: write the year in full, ...
>>> age_on(datetime.date(2005, 7, 4), datetime.date(2023, 7, 3))
17
>>> months_between(datetime.date(2023, 1, 31), datetime.date(2025, 1, 31))
24
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from dateutil import parser as _dateutil_parser
from dateutil.relativedelta import relativedelta
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError, core_schema

from pmi_workflow.errors import InvalidInputError

__all__ = [
    "JAKARTA",
    "ZONES",
    "AwareDatetime",
    "IndonesianParserInfo",
    "LenientDate",
    "add_months",
    "age_on",
    "day_text",
    "ensure_aware",
    "local_day",
    "moment_text",
    "months_between",
    "parse_date",
    "parse_datetime",
    "without_value",
]

JAKARTA = ZoneInfo("Asia/Jakarta")
"""Western Indonesia Time (WIB), the default time zone."""

_MAX_DATE_TEXT = 64


class IndonesianParserInfo(_dateutil_parser.parserinfo):
    """A dateutil ``parserinfo`` that knows Indonesian and English month and day names.

    Day-first by default, as Indonesian dates are written.
    """

    MONTHS: list[tuple[str, ...]] = [  # type: ignore[assignment]  # noqa: RUF012
        ("Jan", "January", "Januari"),
        ("Feb", "February", "Februari", "Pebruari"),
        ("Mar", "March", "Maret"),
        ("Apr", "April"),
        ("May", "Mei"),
        ("Jun", "June", "Juni"),
        ("Jul", "July", "Juli"),
        ("Aug", "August", "Agustus", "Agu", "Agt", "Ags"),
        ("Sep", "Sept", "September"),
        ("Oct", "October", "Oktober", "Okt"),
        ("Nov", "November", "Nopember"),
        ("Dec", "December", "Desember", "Des"),
    ]
    WEEKDAYS: list[tuple[str, ...]] = [  # type: ignore[assignment]  # noqa: RUF012
        ("Mon", "Monday", "Senin", "Sen"),
        ("Tue", "Tuesday", "Selasa", "Sel"),
        ("Wed", "Wednesday", "Rabu", "Rab"),
        ("Thu", "Thursday", "Kamis", "Kam"),
        ("Fri", "Friday", "Jumat", "Jum'at", "Jum"),
        ("Sat", "Saturday", "Sabtu", "Sab"),
        ("Sun", "Sunday", "Minggu", "Ahad", "Min"),
    ]
    JUMP = [  # noqa: RUF012
        " ", ".", ",", ";", "-", "/", "'", "at", "on", "and", "ad", "m", "t", "of",
        "st", "nd", "rd", "th", "pukul", "jam", "tanggal", "tgl",
    ]  # fmt: skip

    def __init__(self, dayfirst: bool = True, yearfirst: bool = False) -> None:
        super().__init__(dayfirst=dayfirst, yearfirst=yearfirst)


_INFO = IndonesianParserInfo()
_PROBE_A = datetime.datetime(1904, 1, 1, 0, 0)
_PROBE_B = datetime.datetime(1908, 2, 2, 0, 0)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_START = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[T ]|$)|\d{8}(?:[T ]|$)")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?=$|[T ,])")
_NUMERIC_DATE = re.compile(r"(?P<first>\d{1,2})[/.\-](?P<second>\d{1,2})[/.\-]\d{2,4}\b")


ZONES: dict[str, datetime.timezone] = {
    "WIB": datetime.timezone(datetime.timedelta(hours=7)),
    "WITA": datetime.timezone(datetime.timedelta(hours=8)),
    "WIT": datetime.timezone(datetime.timedelta(hours=9)),
}
"""Indonesia's time zones as officers write them: Western, Central and Eastern Indonesia Time."""

_ZONE_NAMES: dict[str, datetime.timezone] = {
    **ZONES,
    "UTC": datetime.UTC,
    "GMT": datetime.UTC,
}
"""The zone names read after a time: Indonesia's, and UTC as system exports write it."""

_TRAILING_WORD = re.compile(
    r"\s(?P<word>[A-Za-z][A-Za-z_]*(?:/[A-Za-z0-9_+\-]+)*)(?P<offset>\s*[+-]\d{1,4}(?::\d\d)?)?$"
)
_DOTTED_TIME = re.compile(
    r"(?<=[\sT])([01]?\d|2[0-3])\.([0-5]\d)(?:\.([0-5]\d))?(?=$|\s*[+-]\d\d|Z$)"
)
"""A time written with dots, as Indonesian style writes it (``14.30``, ``08.00.05``)."""
_ZONE_ADVICE = "write WIB, WITA or WIT, or an offset such as +08:00"


class _ZoneNameError(Exception):
    """A zone name other than WIB, WITA and WIT (raised inside dateutil)."""


def _shown(text: str) -> str:
    return repr(text) if len(text) <= _MAX_DATE_TEXT and text.isprintable() else "(unprintable)"


def _parse(text: str, *, want_time: bool) -> datetime.datetime:
    if not isinstance(text, str):
        raise InvalidInputError.single("a date must be text", "date", ("date",))
    cleaned = text.strip()
    if not cleaned or len(cleaned) > _MAX_DATE_TEXT or "\x00" in cleaned:
        raise InvalidInputError.single(f"not a date: {_shown(text)}", "date", ("date",))
    cleaned, zone = _zone_named(cleaned)
    cleaned = _DOTTED_TIME.sub(_colon_time, cleaned)
    parsed = _parse_text(cleaned, want_time=want_time)
    if zone is None:
        return parsed
    if parsed.tzinfo is not None and parsed.utcoffset() != zone.utcoffset(None):
        raise _zone_refused(text.strip())
    return parsed.replace(tzinfo=zone)


def _colon_time(found: re.Match[str]) -> str:
    return ":".join(part for part in found.groups() if part is not None)


def _zone_refused(text: str) -> InvalidInputError:
    return InvalidInputError.single(
        f"unknown time zone; {_ZONE_ADVICE}: {_shown(text)}", "date_zone", ("date",)
    )


def _zone_named(cleaned: str) -> tuple[str, datetime.timezone | None]:
    """The text without a trailing zone name, and the zone it names (WIB, WITA, WIT).

    Any other name that can only be a zone (``PST``, ``Asia/Jayapura``) is refused.
    """
    found = _TRAILING_WORD.search(cleaned)
    if found is None:
        return cleaned, None
    word = found["word"]
    zone = _ZONE_NAMES.get(word.upper())
    if zone is not None and found["offset"] is None:
        return cleaned[: found.start()].rstrip(), zone
    known = (
        _INFO.jump(word)
        or _INFO.ampm(word) is not None
        or _INFO.month(word) is not None
        or _INFO.weekday(word) is not None
        or _INFO.hms(word) is not None
        or _INFO.pertain(word)
    )
    if zone is not None or "/" in word or (not known and word.isupper() and 2 <= len(word) <= 5):
        raise _zone_refused(cleaned)  # GMT+7 and WIB+07:00 too: dateutil reads them backwards
    return cleaned, None


def _named_zone(name: str | None, offset: int | None) -> datetime.tzinfo | None:
    """dateutil's ``tzinfos``: an offset as written, WIB/WITA/WIT, and no other name."""
    if name is None:
        return None if offset is None else datetime.timezone(datetime.timedelta(seconds=offset))
    zone = _ZONE_NAMES.get(name.upper())
    # dateutil names +00:00 and Z "UTC" with offset 0; WIB+07:00 and GMT+7 it reads backwards
    if zone is None or (offset is not None and offset != zone.utcoffset(None).total_seconds()):
        raise _ZoneNameError(name)
    return zone


def _parse_text(cleaned: str, *, want_time: bool) -> datetime.datetime:
    if _ISO_START.match(cleaned):  # 2024-01-08 and 20240108: never read day-first
        return _parse_iso(cleaned, want_time=want_time)
    year_first = _YEAR_FIRST.match(cleaned)
    if year_first:  # 2024/01/08 is year, month, day: never read day-first
        year, month, day = year_first.groups()
        cleaned = f"{year}-{int(month):02d}-{int(day):02d}{cleaned[year_first.end() :]}"
        return _parse_iso(cleaned, want_time=want_time)
    numeric = _NUMERIC_DATE.match(cleaned)
    if numeric and int(numeric["first"]) <= 12 < int(numeric["second"]) <= 31:
        raise InvalidInputError.single(
            f"the date is written month first; write day/month/year: {_shown(cleaned)}",
            "date_month_first",
            ("date",),
        )
    try:
        first = _dateutil_parser.parse(
            cleaned, parserinfo=_INFO, default=_PROBE_A, tzinfos=_named_zone
        )
        second = _dateutil_parser.parse(
            cleaned, parserinfo=_INFO, default=_PROBE_B, tzinfos=_named_zone
        )
    except _ZoneNameError:
        raise _zone_refused(cleaned) from None
    except _dateutil_parser.ParserError as error:
        message = str(error)
        if "out of range" in message or "must be in" in message:
            raise InvalidInputError.single(
                f"not a real date: {_shown(cleaned)}", "date", ("date",)
            ) from None
        raise InvalidInputError.single(
            f"not a date: {_shown(cleaned)}", "date", ("date",)
        ) from None
    except (ValueError, OverflowError):
        raise InvalidInputError.single(
            f"not a real date: {_shown(cleaned)}", "date", ("date",)
        ) from None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        raise InvalidInputError.single(
            f"incomplete date (day, month and year are all needed): {_shown(cleaned)}",
            "date",
            ("date",),
        )
    if not _year_in_full(first.year, cleaned):
        raise InvalidInputError.single(
            f"write the year in full, e.g. 15/05/1970: {_shown(cleaned)}",
            "date_year_short",
            ("date",),
        )
    if not want_time and (first.hour, first.minute, first.second) != (0, 0, 0):
        raise InvalidInputError.single(
            f"expected a date without a time: {_shown(cleaned)}", "date", ("date",)
        )
    return first


def _year_in_full(year: int, text: str) -> bool:
    """Whether ``year`` is written in ``text`` with four digits (``1970``, not ``70``)."""
    return any(
        len(found) >= 4 and int(found) == year for found in re.findall(r"(?<![\d:])\d+", text)
    )


_HOUR_FRACTION = re.compile(r"[T ]\d{1,2}\.\d")


def _parse_iso(cleaned: str, *, want_time: bool) -> datetime.datetime:
    """ISO 8601 text (year, month, day): read as such, never day-first.

    An hour with a fraction (``T14.3``) is refused: Python would read it as 14:00:00.3.
    """
    if _HOUR_FRACTION.search(cleaned):
        raise InvalidInputError.single(f"not a real date: {_shown(cleaned)}", "date", ("date",))
    try:
        parsed = datetime.datetime.fromisoformat(cleaned)
    except ValueError:
        raise InvalidInputError.single(
            f"not a real date: {_shown(cleaned)}", "date", ("date",)
        ) from None
    if not want_time and (parsed.hour, parsed.minute, parsed.second, parsed.microsecond) != (
        0,
        0,
        0,
        0,
    ):
        raise InvalidInputError.single(
            f"expected a date without a time: {_shown(cleaned)}", "date", ("date",)
        )
    return parsed


def local_day(at: datetime.datetime) -> datetime.date:
    """The calendar day of a timestamp in its own recorded offset.

    An office in Makassar (WITA, +08:00) registers on *its* day; a time
    given without an offset is taken to be in ``Asia/Jakarta``. This is the
    one function that gives an event's day: ages, windows and the policy in
    force are judged on it.

    >>> local_day(datetime.datetime.fromisoformat("2024-07-03T00:30:00+08:00"))
    datetime.date(2024, 7, 3)
    >>> local_day(datetime.datetime.fromisoformat("2024-01-07T20:00:00+00:00"))
    datetime.date(2024, 1, 7)
    >>> local_day(datetime.datetime(2024, 1, 8, 9, 0))
    datetime.date(2024, 1, 8)
    """
    return at.date()


def day_text(day: datetime.date, language: str = "id") -> str:
    """A day as people write it: ``8 Januari 2024`` (Indonesian) or ``8 January 2024``.

    >>> day_text(datetime.date(2024, 1, 8)), day_text(datetime.date(2024, 1, 8), "en")
    ('8 Januari 2024', '8 January 2024')
    """
    from pmi_workflow.labels import format_date  # late: labels loads the domain, which needs dates

    return format_date(day, "en" if language == "en" else "id")


def moment_text(at: datetime.datetime) -> str:
    """A timestamp as an officer writes it, at its recorded wall time and zone:
    ``12/01/2024 00:30 WITA`` (``+03:00`` for an offset outside Indonesia). A naive
    timestamp is in WIB. :func:`parse_datetime` reads it back to the same instant and the
    same :func:`local_day`.

    >>> moment_text(datetime.datetime.fromisoformat("2024-01-12T00:30:00+08:00"))
    '12/01/2024 00:30 WITA'
    >>> moment_text(datetime.datetime.fromisoformat("2024-05-25T09:00:05-03:00"))
    '25/05/2024 09:00:05 -03:00'
    >>> parse_datetime(moment_text(datetime.datetime(2024, 1, 12, 9, 0))).isoformat()
    '2024-01-12T09:00:00+07:00'
    """
    aware = ensure_aware(at)
    offset = aware.utcoffset() or datetime.timedelta(0)
    zone = next((name for name, tz in ZONES.items() if tz.utcoffset(None) == offset), None)
    if zone is None:
        sign = "-" if offset < datetime.timedelta(0) else "+"
        minutes = abs(offset) // datetime.timedelta(minutes=1)
        if abs(offset) % datetime.timedelta(minutes=1):  # seconds in an offset: ISO keeps them
            return aware.isoformat()
        zone = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    clock = f"{aware.hour:02d}:{aware.minute:02d}"
    if aware.second or aware.microsecond:
        clock += f":{aware.second:02d}"
    if aware.microsecond:
        clock += f".{aware.microsecond:06d}"
    return f"{aware.day:02d}/{aware.month:02d}/{aware.year:04d} {clock} {zone}"


def parse_date(text: str) -> datetime.date:
    """Parse a date written day-first, in ISO form, or with Indonesian/English month names."""
    return _parse(text, want_time=False).date()


def parse_datetime(text: str, *, tz: datetime.tzinfo = JAKARTA) -> datetime.datetime:
    """Parse a timestamp; without an offset it is taken to be in ``tz`` (default WIB)."""
    parsed = _parse(text, want_time=True)
    return ensure_aware(parsed, tz=tz)


def ensure_aware(value: datetime.datetime, *, tz: datetime.tzinfo = JAKARTA) -> datetime.datetime:
    """Attach ``tz`` (default ``Asia/Jakarta``) to a naive timestamp; keep an aware one."""
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        return value.replace(tzinfo=tz)
    return value


def age_on(birth_date: datetime.date, on: datetime.date) -> int:
    """Age in whole years on a date.

    Someone born on 29 February has a birthday on 1 March in common years:
    the conservative reading for a minimum-age rule.

    >>> age_on(datetime.date(2004, 2, 29), datetime.date(2022, 2, 28))
    17
    """
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - before_birthday


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    delta = relativedelta(end, start)
    return delta.years * 12 + delta.months


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The date ``months`` calendar months after ``start`` (end of month clamped).

    Remembered per (day, months) for plain dates: the rules ask for the same
    few dates of a dossier at many steps. A timestamp is computed each time
    (two timestamps of the same instant in different zones are equal, but
    their months are not added alike).

    >>> add_months(datetime.date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    if type(start) is datetime.date:
        return _add_months_to_day(start, months)
    result: datetime.date = start + relativedelta(months=months)
    return result


@functools.lru_cache(maxsize=4096)
def _add_months_to_day(start: datetime.date, months: int) -> datetime.date:
    result: datetime.date = start + relativedelta(months=months)
    return result


_SHOWN_VALUE = re.compile(r": ('.*'|\(unprintable\))$", re.DOTALL)


def without_value(message: str) -> str:
    """A date problem's message without the text it quotes (which may be personal data).

    >>> without_value("not a real date: '31/02/2024'")
    'not a real date'
    """
    return _SHOWN_VALUE.sub("", message)


def _without_value(error: InvalidInputError) -> PydanticCustomError:
    # Inside a record the text may be personal data (a birth date): name the problem only.
    # The kind ("date", "date_month_first") is kept so the problem can be worded in Indonesian.
    problem = error.problems[0]
    return PydanticCustomError(problem.kind, without_value(problem.message))


def _digits_as_text(value: Any) -> Any:
    # A whole number in a date field is its digits (20240304 is 4 March 2024), never a count
    # of seconds since 1970 as pydantic would read it.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _lenient_date(value: Any) -> Any:
    value = _digits_as_text(value)
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value.strip()):
        try:
            return parse_date(value)
        except InvalidInputError as error:
            raise _without_value(error) from None
    return value


def _lenient_datetime(value: Any) -> Any:
    value = _digits_as_text(value)
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value.strip())
        except ValueError:
            try:
                return parse_datetime(value)
            except InvalidInputError as error:
                raise _without_value(error) from None
    return value


def _aware(value: datetime.datetime) -> datetime.datetime:
    return ensure_aware(value)


LenientDate = Annotated[datetime.date, BeforeValidator(_lenient_date)]
"""A pydantic date that also accepts day-first and Indonesian-month text."""

ISO_DATE_SHORTCUT = "iso_date_shortcut"
"""The error type of the shortcut :func:`iso_dates_in_core` adds. Such an error is never a
problem of its own: the lenient reading of the same value that follows reports the real one."""

_ISO_DAY_TEXT = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def iso_dates_in_core(schema: Any) -> Any:
    """A copy of a core schema in which every :data:`LenientDate` reads ``YYYY-MM-DD`` text
    in pydantic-core, calling the lenient Python reading only for other input.

    Each such date becomes a union tried left to right: first the text, if it is exactly
    ``YYYY-MM-DD`` in ASCII digits, given to the date's own core schema (what the lenient
    reading does with such text too: it is never read day-first); then the lenient reading
    as before. The result is the same date; when both fail, the first one's error has the type
    :data:`ISO_DATE_SHORTCUT` and is to be dropped (``problems_from_validation_error`` does).
    Nothing else changes.
    """
    if isinstance(schema, list):
        return [iso_dates_in_core(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if schema.get("type") == "function-before" and schema["function"].get("function") is (
        _lenient_date
    ):
        text = core_schema.str_schema(strict=True, strip_whitespace=False, pattern=_ISO_DAY_TEXT)
        shortcut = core_schema.custom_error_schema(
            core_schema.chain_schema([text, schema["schema"]]),
            ISO_DATE_SHORTCUT,
            custom_error_message="not a date written YYYY-MM-DD",
        )
        return core_schema.union_schema([(shortcut, "iso"), schema], mode="left_to_right")
    return {key: iso_dates_in_core(value) for key, value in schema.items()}


AwareDatetime = Annotated[
    datetime.datetime, BeforeValidator(_lenient_datetime), AfterValidator(_aware)
]
"""A pydantic timestamp that is always timezone-aware (naive input is taken as WIB)."""
