"""Passport numbers: lenient validation, Indonesian shape, masking."""

import pytest

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.identifiers import passport
from pmi_workflow.identifiers.passport import PassportNumber


def test_compact_upper_cases_and_strips() -> None:
    assert passport.compact(" c 123-4567 ") == "C1234567"


@pytest.mark.parametrize("number", ["C1234567", "X123456", "AB1234567", "E1234567"])
def test_indonesian_shapes_are_recognised(number: str) -> None:
    assert passport.validate(number) == number
    assert passport.looks_indonesian(number)


def test_a_foreign_shape_is_accepted_but_not_called_indonesian() -> None:
    assert passport.is_valid("123456789")
    assert not passport.looks_indonesian("123456789")


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("C1", "passport.invalid_length"),
        ("C12345678901", "passport.invalid_length"),
        ("ABCDEFGH", "passport.invalid_format"),
        ("C12#4567", "passport.invalid_format"),
    ],
)
def test_bad_numbers_are_refused_with_a_kind(number: str, kind: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        passport.validate(number)
    assert caught.value.problems[0].kind == kind
    assert number not in str(caught.value)


def test_passport_numbers_print_masked() -> None:
    value = PassportNumber("C1234567")
    assert str(value) == "C1*****7"
    assert "1234567" not in repr(value)
    assert value.reveal() == "C1234567"
