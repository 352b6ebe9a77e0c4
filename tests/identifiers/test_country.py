"""ISO 3166 country codes through pycountry."""

import pytest
from pydantic import BaseModel, ValidationError

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.identifiers.country import CountryCode, country_name, to_alpha2


class _Place(BaseModel):
    country: CountryCode


@pytest.mark.parametrize(
    ("given", "code"),
    [("MY", "MY"), ("my", "MY"), ("SAU", "SA"), ("Malaysia", "MY"), ("Hong Kong", "HK")],
)
def test_codes_and_names_become_alpha2(given: str, code: str) -> None:
    assert to_alpha2(given) == code
    assert _Place(country=given).country == code


@pytest.mark.parametrize("given", ["Atlantis", "", "XX", "   "])
def test_unknown_countries_are_refused(given: str) -> None:
    with pytest.raises(InvalidInputError):
        to_alpha2(given)


def test_the_pydantic_type_names_the_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        _Place(country="Atlantis")
    error = caught.value.errors()[0]
    assert error["type"] == "country"
    assert "unknown country" in error["msg"]


def test_a_non_string_country_is_refused() -> None:
    with pytest.raises(ValidationError):
        _Place(country=42)  # type: ignore[arg-type]


def test_common_names_are_used_where_iso_names_are_political() -> None:
    assert country_name("TW") == "Taiwan"
    assert country_name("KR") == "South Korea"
    assert country_name("JP") == "Japan"
