"""NIK: validation through python-stdnum, decoding, masking, the pydantic type."""

import datetime

import pytest
from pydantic import BaseModel, ValidationError

from pmi_workflow.enums import Sex
from pmi_workflow.identifiers import nik
from pmi_workflow.identifiers.nik import InvalidNikError, Nik

FEMALE_1990 = "3603127105900001"  # 31 May 1990, day + 40
MALE_1995 = "3603121505950002"


def test_validate_returns_the_compact_number() -> None:
    assert nik.validate("3603 1215 0595 0002") == MALE_1995
    assert nik.validate("3603.1215.0595.0002") == MALE_1995


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("360312150595", "invalid_length"),
        ("36031215059500021", "invalid_length"),
        ("36031215O5950002", "invalid_format"),
        ("3603129905950002", "invalid_birth_date"),
        ("3603123102950002", "invalid_birth_date"),
        ("9903121505950002", "invalid_region"),
    ],
)
def test_a_bad_nik_is_refused_with_its_reason(number: str, reason: str) -> None:
    with pytest.raises(InvalidNikError) as caught:
        nik.validate(number)
    assert caught.value.reason == reason
    assert caught.value.problems[0].kind == f"nik.{reason}"


def test_error_messages_never_repeat_the_number() -> None:
    for number in ("3603129905950002", "9903121505950002", "360312150595"):
        with pytest.raises(InvalidNikError) as caught:
            nik.validate(number)
        assert number not in str(caught.value)
        assert number[6:] not in str(caught.value)


def test_a_non_string_is_refused() -> None:
    with pytest.raises(InvalidNikError):
        nik.validate(3603121505950002)  # type: ignore[arg-type]


def test_is_valid_answers_without_raising() -> None:
    assert nik.is_valid(MALE_1995)
    assert not nik.is_valid("123")


def test_women_have_forty_added_to_the_day() -> None:
    assert nik.sex(FEMALE_1990) is Sex.FEMALE
    assert nik.sex(MALE_1995) is Sex.MALE
    assert nik.birth_date(FEMALE_1990) == datetime.date(1990, 5, 31)


def test_the_century_is_resolved_against_the_reference_date() -> None:
    born_2005 = "3603120101050001"
    assert nik.birth_date(born_2005, on=datetime.date(2026, 1, 1)) == datetime.date(2005, 1, 1)
    assert nik.birth_date(born_2005, on=datetime.date(1990, 1, 1)) == datetime.date(1905, 1, 1)


def test_format_shows_the_parts() -> None:
    assert nik.format(MALE_1995) == "36.03.12.150595.0002"


def test_region_codes() -> None:
    assert nik.province_code(MALE_1995) == "36"
    assert nik.regency_code(MALE_1995) == "3603"


def test_the_nik_type_masks_itself_everywhere() -> None:
    value = Nik(MALE_1995)
    for text in (repr(value), str(value), f"{value}", "%s" % value):  # noqa: UP031
        assert MALE_1995 not in text
    assert str(value) == "3603**********02"
    assert value.reveal() == MALE_1995
    assert value.sex is Sex.MALE
    assert value.regency_code == "3603"
    assert value.birth_date(on=datetime.date(2024, 1, 1)) == datetime.date(1995, 5, 15)


def test_nik_values_compare_and_hash_by_value() -> None:
    assert Nik(MALE_1995) == Nik("3603 1215 0595 0002")
    assert len({Nik(MALE_1995), Nik(MALE_1995)}) == 1
    assert Nik(MALE_1995) != MALE_1995


def test_nik_is_immutable() -> None:
    value = Nik(MALE_1995)
    with pytest.raises(AttributeError):
        value._value = FEMALE_1990  # type: ignore[misc]


class _Holder(BaseModel):
    nik: Nik


def test_the_pydantic_type_validates_and_serialises_in_full() -> None:
    holder = _Holder(nik=MALE_1995)  # type: ignore[arg-type]
    assert holder.model_dump() == {"nik": MALE_1995}
    assert holder.model_dump_json() == f'{{"nik":"{MALE_1995}"}}'
    assert MALE_1995 not in repr(holder)


def test_the_pydantic_type_fails_with_a_coded_error_and_no_value() -> None:
    with pytest.raises(ValidationError) as caught:
        _Holder(nik="9903121505950002")  # type: ignore[arg-type]
    error = caught.value.errors()[0]
    assert error["type"] == "nik"
    assert "unknown region code" in error["msg"]
    assert "9903121505950002" not in error["msg"]


def test_the_json_schema_is_a_string() -> None:
    assert _Holder.model_json_schema()["properties"]["nik"]["type"] == "string"
