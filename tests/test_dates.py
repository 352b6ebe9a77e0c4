"""Dates as Indonesian agencies write them."""

import datetime
import warnings

import pytest
from pydantic import BaseModel, ValidationError

from pmi_workflow.dates import (
    JAKARTA,
    AwareDatetime,
    LenientDate,
    add_months,
    age_on,
    ensure_aware,
    local_day,
    moment_text,
    months_between,
    parse_date,
    parse_datetime,
)
from pmi_workflow.errors import InvalidInputError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/07/2023", datetime.date(2023, 7, 3)),
        ("3-7-2023", datetime.date(2023, 7, 3)),
        ("03.07.2023", datetime.date(2023, 7, 3)),
        ("2023-07-03", datetime.date(2023, 7, 3)),
        ("3 Juli 2023", datetime.date(2023, 7, 3)),
        ("Senin, 3 Juli 2023", datetime.date(2023, 7, 3)),
        ("Senin, 03 Juli 2023", datetime.date(2023, 7, 3)),
        ("17 Agustus 1945", datetime.date(1945, 8, 17)),
        ("1 Mei 2024", datetime.date(2024, 5, 1)),
        ("25 Desember 2023", datetime.date(2023, 12, 25)),
        ("10 Okt 2022", datetime.date(2022, 10, 10)),
        ("Jumat, 5 Januari 2024", datetime.date(2024, 1, 5)),
        ("Jum'at, 5 Januari 2024", datetime.date(2024, 1, 5)),
        ("Minggu, 7 Januari 2024", datetime.date(2024, 1, 7)),
        ("14 Februari 2024", datetime.date(2024, 2, 14)),
        ("July 3, 2023", datetime.date(2023, 7, 3)),
        ("tanggal 3 Maret 2021", datetime.date(2021, 3, 3)),
    ],
)
def test_dates_are_read_day_first_with_indonesian_names(text: str, expected: datetime.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2023", "32/01/2023", "30 Februari 2024"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_date(text)
    assert caught.value.problems[0].kind == "date"
    assert "not a real date" in str(caught.value) or "not a date" in str(caught.value)


@pytest.mark.parametrize("text", ["Juli 2023", "2023", "3 Juli"])
def test_incomplete_dates_are_refused_not_completed_with_today(text: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_date(text)
    assert "incomplete" in str(caught.value)


@pytest.mark.parametrize("text", ["", "   ", "kemarin", "x" * 500, "3/7/2023\x00"])
def test_garbage_is_refused_with_a_clear_error(text: str) -> None:
    with pytest.raises(InvalidInputError):
        parse_date(text)


def test_a_non_string_is_refused() -> None:
    with pytest.raises(InvalidInputError):
        parse_date(20230703)  # type: ignore[arg-type]


def test_a_date_with_a_time_is_not_a_plain_date() -> None:
    with pytest.raises(InvalidInputError):
        parse_date("03/07/2023 08:30")


def test_timestamps_are_aware_and_default_to_jakarta() -> None:
    stamp = parse_datetime("03/07/2023 08:30")
    assert stamp.tzinfo is JAKARTA
    assert stamp.utcoffset() == datetime.timedelta(hours=7)


def test_a_timestamp_with_an_offset_keeps_it() -> None:
    stamp = parse_datetime("2023-07-03T08:30:00+08:00")
    assert stamp.utcoffset() == datetime.timedelta(hours=8)


def test_ensure_aware_leaves_aware_values_alone() -> None:
    utc = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    assert ensure_aware(utc) is utc
    assert ensure_aware(datetime.datetime(2024, 1, 1)).tzinfo is JAKARTA


def test_age_counts_whole_years() -> None:
    born = datetime.date(2006, 3, 10)
    assert age_on(born, datetime.date(2024, 3, 9)) == 17
    assert age_on(born, datetime.date(2024, 3, 10)) == 18


def test_age_of_someone_born_on_the_29th_of_february() -> None:
    born = datetime.date(2004, 2, 29)
    assert age_on(born, datetime.date(2022, 2, 28)) == 17
    assert age_on(born, datetime.date(2022, 3, 1)) == 18


def test_months_between_and_add_months() -> None:
    assert months_between(datetime.date(2024, 1, 15), datetime.date(2024, 6, 14)) == 4
    assert months_between(datetime.date(2024, 6, 14), datetime.date(2024, 1, 15)) == -4
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)


class _Record(BaseModel):
    day: LenientDate
    at: AwareDatetime


def test_model_fields_accept_indonesian_text_and_iso() -> None:
    record = _Record(day="17 Agustus 2024", at="2024-08-17T10:00:00")  # type: ignore[arg-type]
    assert record.day == datetime.date(2024, 8, 17)
    assert record.at.tzinfo is JAKARTA
    record = _Record(day="2024-08-17", at="17/08/2024 10:00")  # type: ignore[arg-type]
    assert record.at == datetime.datetime(2024, 8, 17, 10, 0, tzinfo=JAKARTA)


def test_model_fields_name_a_bad_date_without_repeating_it() -> None:
    with pytest.raises(ValidationError) as caught:
        _Record(day="31/02/2024", at="2024-01-01T00:00:00")  # type: ignore[arg-type]
    error = caught.value.errors()[0]
    assert error["loc"] == ("day",)
    assert error["msg"] == "not a real date"
    assert error["type"] == "date"
    with pytest.raises(ValidationError) as caught:
        _Record(day="2024-01-01", at="Juli 2024")  # type: ignore[arg-type]
    assert "Juli" not in caught.value.errors()[0]["msg"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-08T09:00:00+07:00", datetime.datetime(2024, 1, 8, 9, 0)),
        ("2024-01-08T09:00:00", datetime.datetime(2024, 1, 8, 9, 0)),
        ("2024-01-08 09:00", datetime.datetime(2024, 1, 8, 9, 0)),
        ("2024-02-03T23:30:00Z", datetime.datetime(2024, 2, 3, 23, 30)),
        ("2024/01/08 09:00", datetime.datetime(2024, 1, 8, 9, 0)),
    ],
)
def test_iso_timestamps_are_never_read_day_first(text: str, expected: datetime.datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed.replace(tzinfo=None) == expected
    assert parsed.tzinfo is not None


def test_an_iso_offset_is_kept_not_replaced_by_jakarta() -> None:
    parsed = parse_datetime("2024-01-08T09:00:00+08:00")
    assert parsed.utcoffset() == datetime.timedelta(hours=8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-08", datetime.date(2024, 1, 8)),
        ("2024-02-03T00:00:00", datetime.date(2024, 2, 3)),
        ("2024/01/08", datetime.date(2024, 1, 8)),
        ("2024.02.03", datetime.date(2024, 2, 3)),
    ],
)
def test_iso_and_year_first_dates_are_never_read_day_first(
    text: str, expected: datetime.date
) -> None:
    assert parse_date(text) == expected


def test_an_iso_date_that_does_not_exist_is_refused_not_swapped() -> None:
    with pytest.raises(InvalidInputError, match="not a real date"):
        parse_date("2024-13-01")


def test_an_iso_date_with_a_time_is_refused_where_only_a_date_is_wanted() -> None:
    with pytest.raises(InvalidInputError, match="without a time"):
        parse_date("2024-01-08T09:00:00")


def test_an_events_day_is_the_day_in_its_own_offset() -> None:
    makassar = datetime.datetime.fromisoformat("2024-07-03T00:30:00+08:00")
    utc = datetime.datetime.fromisoformat("2024-01-07T20:00:00+00:00")
    assert local_day(makassar) == datetime.date(2024, 7, 3)
    assert local_day(utc) == datetime.date(2024, 1, 7)
    assert local_day(ensure_aware(datetime.datetime(2024, 1, 8, 23, 59))) == datetime.date(
        2024, 1, 8
    )


def test_cells_and_options_read_year_first_dates_year_first() -> None:
    class Row(BaseModel):
        day: LenientDate
        at: AwareDatetime

    row = Row.model_validate({"day": "2024/01/08", "at": "2024/02/03 09:00"})
    assert row.day == datetime.date(2024, 1, 8)
    assert (row.at.month, row.at.day) == (2, 3)
    assert Row.model_validate({"day": "08/01/2024", "at": "03/02/2024 09:00"}).day == (
        datetime.date(2024, 1, 8)
    )


def test_add_months_keeps_each_timestamp_in_its_own_zone() -> None:
    # The same instant in two zones: equal timestamps whose months add differently.
    utc = datetime.datetime(2024, 1, 31, 20, tzinfo=datetime.UTC)
    jakarta = datetime.datetime(2024, 2, 1, 3, tzinfo=JAKARTA)
    assert utc == jakarta
    assert add_months(utc, 1) == datetime.datetime(2024, 2, 29, 20, tzinfo=datetime.UTC)
    later = add_months(jakarta, 1)
    assert (later.month, later.day, later.tzinfo) == (3, 1, JAKARTA)


def test_add_months_clamps_to_the_end_of_a_short_month() -> None:
    assert add_months(datetime.date(2023, 1, 31), 1) == datetime.date(2023, 2, 28)
    assert add_months(datetime.date(2024, 3, 31), -1) == datetime.date(2024, 2, 29)


# -- eight digits are ISO basic YYYYMMDD, never day-first ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20240304", datetime.date(2024, 3, 4)),
        ("20060801", datetime.date(2006, 8, 1)),
        ("20240601", datetime.date(2024, 6, 1)),
    ],
)
def test_eight_digits_are_read_year_month_day(text: str, expected: datetime.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["20241301", "04032024"])
def test_eight_digits_that_are_not_year_month_day_are_refused_not_swapped(text: str) -> None:
    with pytest.raises(InvalidInputError, match="not a real date"):
        parse_date(text)


def test_a_compact_timestamp_is_read_year_month_day_like_a_compact_date() -> None:
    assert parse_datetime("20240304T0030+0800").isoformat() == "2024-03-04T00:30:00+08:00"
    assert parse_datetime("20240304 0930").isoformat() == "2024-03-04T09:30:00+07:00"


def test_compact_dates_in_a_record_are_read_year_month_day() -> None:
    class Row(BaseModel):
        day: LenientDate
        at: AwareDatetime

    row = Row.model_validate({"day": "20060801", "at": "20240304 0030"})
    assert row.day == datetime.date(2006, 8, 1)
    assert (row.at.month, row.at.day) == (3, 4)


# -- WIB, WITA and WIT are the officer's words; other zone names are refused ------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04/03/2024 00:30 WIB", "2024-03-04T00:30:00+07:00"),
        ("04/03/2024 00:30 WITA", "2024-03-04T00:30:00+08:00"),
        ("04/03/2024 00:30 WIT", "2024-03-04T00:30:00+09:00"),
        ("04/03/2024 00:30 Wita", "2024-03-04T00:30:00+08:00"),
        ("2024-03-04 00:30 WITA", "2024-03-04T00:30:00+08:00"),
        ("20240304 0030 WIT", "2024-03-04T00:30:00+09:00"),
        ("Senin, 4 Maret 2024 pukul 00:30 WITA", "2024-03-04T00:30:00+08:00"),
        ("04/03/2024 00:30 UTC", "2024-03-04T00:30:00+00:00"),
        ("04/03/2024 00:30 gmt", "2024-03-04T00:30:00+00:00"),
    ],
)
def test_indonesian_zone_names_and_utc_give_their_offset(text: str, expected: str) -> None:
    assert parse_datetime(text).isoformat() == expected


@pytest.mark.parametrize(
    "text",
    [
        "04/03/2024 00:30 PST",
        "04/03/2024 00:30 GMT+7",
        "04/03/2024 00:30 UTC-3",
        "04/03/2024 00:30 WIB+07:00",
        "2024-03-04 00:30 Asia/Jayapura",
        "2024-03-04 00:30 PST",
    ],
)
def test_any_other_zone_name_is_refused_saying_what_to_write_instead(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no dateutil warning either
        with pytest.raises(InvalidInputError, match="write WIB, WITA or WIT") as caught:
            parse_datetime(text)
    assert caught.value.problems[0].kind == "date_zone"


def test_a_zone_name_in_a_record_keeps_the_events_offset_and_day() -> None:
    class Row(BaseModel):
        at: AwareDatetime

    at = Row.model_validate({"at": "15/01/2024 00:30 WIT"}).at
    assert at.utcoffset() == datetime.timedelta(hours=9)
    assert local_day(at) == datetime.date(2024, 1, 15)
    with pytest.raises(ValidationError) as caught:
        Row.model_validate({"at": "15/01/2024 00:30 PST"})
    [problem] = caught.value.errors()
    assert problem["type"] == "date_zone"
    assert "PST" not in problem["msg"]  # inside a record the value is not repeated


def test_time_words_at_the_end_are_not_taken_for_zone_names() -> None:
    assert parse_datetime("03/07/2023 08:30 PM").hour == 20
    assert parse_datetime("03/07/2023 08:30 +09:00").utcoffset() == datetime.timedelta(hours=9)


# -- a year is written in full ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["15/05/70", "01/01/75", "01/01/76", "5/6/7", "3 Juli 23", "240304"]
)
def test_a_one_or_two_digit_year_is_refused_not_guessed(text: str) -> None:
    with pytest.raises(InvalidInputError, match="write the year in full") as caught:
        parse_date(text)
    assert caught.value.problems[0].kind == "date_year_short"


def test_a_short_year_in_a_timestamp_is_refused_even_when_the_time_repeats_it() -> None:
    with pytest.raises(InvalidInputError, match="write the year in full"):
        parse_datetime("15/01/24 20:24")


def test_a_short_year_is_worded_in_indonesian_and_english() -> None:
    from pmi_workflow.labels import problem_text

    with pytest.raises(InvalidInputError) as caught:
        parse_date("15/05/70")
    problem = caught.value.problems[0]
    assert problem_text(problem.kind, problem.message, "id") == (
        "tahun harus ditulis lengkap, misalnya 15/05/1970"
    )
    assert problem_text(problem.kind, problem.message, "en").startswith("write the year in full")


def test_eight_digits_given_as_a_number_are_a_date_not_seconds_since_1970() -> None:
    class Row(BaseModel):
        day: LenientDate
        at: AwareDatetime

    row = Row.model_validate({"day": 20060801, "at": 20240304})
    assert row.day == datetime.date(2006, 8, 1)
    assert row.at == datetime.datetime(2024, 3, 4, tzinfo=JAKARTA)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/07/2024 08.00", "2024-07-03T08:00:00+07:00"),
        ("03/07/2024 14.30 WITA", "2024-07-03T14:30:00+08:00"),
        ("3 Juli 2024 pukul 08.05.09 WIT", "2024-07-03T08:05:09+09:00"),
        ("2024-03-04T14.30", "2024-03-04T14:30:00+07:00"),
        ("2024-03-04 14.30+08:00", "2024-03-04T14:30:00+08:00"),
    ],
)
def test_a_time_written_with_dots_as_indonesian_style_writes_it_is_read(
    text: str, expected: str
) -> None:
    assert parse_datetime(text).isoformat() == expected


def test_a_date_written_with_dots_is_still_a_date_not_a_time() -> None:
    assert parse_date("03.07.2024").isoformat() == "2024-07-03"


@pytest.mark.parametrize("text", ["2024-03-04T14.3", "2024-03-04 14.3", "2024-03-04T14.5+07:00"])
def test_an_hour_with_a_fraction_is_refused_not_read_as_a_fraction_of_a_second(text: str) -> None:
    with pytest.raises(InvalidInputError, match="not a real date"):
        parse_datetime(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/01/2024 09:00 +00:00", "2024-01-12T09:00:00+00:00"),
        ("12/01/2024 09:00 Z", "2024-01-12T09:00:00+00:00"),
    ],
)
def test_a_zero_offset_is_utc_as_the_workbook_writes_it(text: str, expected: str) -> None:
    assert parse_datetime(text).isoformat() == expected
    assert parse_datetime(moment_text(parse_datetime(text))).isoformat() == expected
