"""Occupations by code, and the cost ledger."""

import pytest
from pydantic import ValidationError

from pmi_workflow.domain import OCCUPATIONS, CostItem, Money, Occupation, occupation, parse_case
from pmi_workflow.enums import Financing
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.samples import procedural_case_data


def test_the_ten_zero_cost_occupations_are_known_by_code() -> None:
    for code in (
        "housekeeper",
        "baby_sitter",
        "elderly_caretaker",
        "cook",
        "family_driver",
        "gardener",
        "child_carer",
        "cleaner",
        "plantation_worker",
        "fishing_crew",
    ):
        assert code in OCCUPATIONS


def test_every_occupation_has_both_labels() -> None:
    for item in OCCUPATIONS.values():
        assert item.label_id
        assert item.label_en


def test_an_occupation_validates_from_its_code() -> None:
    assert Occupation.model_validate("housekeeper").domestic
    assert Occupation.model_validate({"code": "fishing_crew"}).fishing_crew


def test_an_unknown_code_is_refused_but_a_full_occupation_is_accepted() -> None:
    with pytest.raises(ValidationError, match="unknown occupation code"):
        Occupation.model_validate("astronaut")
    custom = Occupation.model_validate(
        {"code": "astronaut", "label_id": "Astronaut", "label_en": "Astronaut"}
    )
    assert not custom.domestic


def test_occupation_lookup_names_a_missing_code() -> None:
    with pytest.raises(KeyError, match="astronaut"):
        occupation("astronaut")


def test_a_cost_item_defaults_to_cash_in_rupiah() -> None:
    item = CostItem(component="passport", amount="350000", paid_by="worker")  # type: ignore[arg-type]
    assert item.financing is Financing.CASH
    assert item.money == Money(amount=350000, currency="IDR")  # type: ignore[arg-type]


def test_an_unknown_currency_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown currency"):
        CostItem(component="passport", amount="1", currency="XYZ", paid_by="worker")  # type: ignore[arg-type]


def test_every_catalog_occupation_is_a_valid_record() -> None:
    for item in OCCUPATIONS.values():
        assert Occupation.model_validate(item.model_dump()) == item


@pytest.mark.parametrize("code", [[], {}, 7, None])
def test_an_occupation_code_that_is_not_text_is_an_input_problem(code: object) -> None:
    data = procedural_case_data("p2p")
    data["occupation"] = {"code": code}
    with pytest.raises(InvalidInputError) as caught:
        parse_case(data)
    assert any(problem.location[:1] == ("occupation",) for problem in caught.value.problems)


def test_the_occupation_catalog_is_read_only_so_parsing_and_labels_cannot_drift_from_it() -> None:
    with pytest.raises(TypeError):
        OCCUPATIONS["miner"] = OCCUPATIONS["welder"]  # type: ignore[index]
