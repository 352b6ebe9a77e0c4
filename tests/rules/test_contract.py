"""Employment contracts: Pasal 15(2) terms, position, extensions before the mission."""

from __future__ import annotations

import datetime
from typing import Any

from pmi_workflow.domain import parse_case
from pmi_workflow.policy import Policy
from pmi_workflow.rules.contract import check_contract, check_extension, same_position
from pmi_workflow.samples import procedural_case_data

from .variants import _extension, doc, edit

SIGNING = datetime.date(2024, 4, 25)
EXTENSION_DAY = datetime.date(2026, 3, 2)
VIEW = Policy.default().as_of(EXTENSION_DAY)


def codes(found: tuple[Any, ...]) -> list[tuple[str, str]]:
    return [(f.code, dict(f.compared).get("problem", "")) for f in found]


def test_positions_compare_without_case_or_spacing() -> None:
    assert same_position("Production  Operator", "production operator")
    assert not same_position("Production Operator", "Packer")
    case = edit("p2p", lambda d: doc(d, "pk-1").update(position="PRODUCTION OPERATOR"))
    assert check_contract(case, SIGNING, VIEW) == ()


def test_a_case_without_a_job_order_is_not_compared_by_position() -> None:
    case = parse_case(procedural_case_data("perseorangan"))
    assert check_contract(case, SIGNING, VIEW) == ()


def test_a_complete_extension_before_the_mission_passes() -> None:
    case = edit("p2p", _extension("perwakilan", consent=True, premium=True))
    assert check_extension(case, EXTENSION_DAY, VIEW) == ()


def test_an_extension_needs_consent_and_extended_social_security() -> None:
    case = edit("p2p", _extension("perwakilan", consent=False, premium=False))
    assert codes(check_extension(case, EXTENSION_DAY, VIEW)) == [
        ("contract.extension_incomplete", "no_consent"),
        ("contract.extension_incomplete", "social_security_not_extended"),
    ]


def test_an_extension_with_another_employer_is_incomplete() -> None:
    def other_employer(data: dict[str, Any]) -> None:
        _extension("perwakilan", consent=True, premium=True)(data)
        doc(data, "pk-2")["employer_name"] = "Other Electronics Sdn Bhd"

    assert codes(check_extension(edit("p2p", other_employer), EXTENSION_DAY, VIEW)) == [
        ("contract.extension_incomplete", "new_employer")
    ]


def test_recording_an_extension_without_an_extension_contract_is_incomplete() -> None:
    case = parse_case(procedural_case_data("p2p"))
    assert codes(check_extension(case, EXTENSION_DAY, VIEW)) == [
        ("contract.extension_incomplete", "no_extension_contract")
    ]


def test_an_extension_is_not_held_to_the_original_job_order_position() -> None:
    def new_position(data: dict[str, Any]) -> None:
        _extension("perwakilan", consent=True, premium=True)(data)
        doc(data, "pk-2")["position"] = "Line Leader"

    assert check_contract(edit("p2p", new_position), EXTENSION_DAY, VIEW) == ()
