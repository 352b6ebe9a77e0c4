"""Overlays that contradict themselves are refused with an error naming both entries."""

from __future__ import annotations

import datetime

import pytest

from pmi_workflow.errors import PolicyError
from pmi_workflow.policy import Policy


def test_a_minimum_age_above_a_maximum_age_is_refused_naming_both_entries() -> None:
    with pytest.raises(PolicyError) as raised:
        Policy.from_toml(
            """
            [[minimum_age]]
            id = "age/minimum"
            age = 60
            effective_from = 2017-11-22
            source = "agency"

            [[age_range]]
            id = "agency/cap"
            max_age = 45
            source = "agency"
            """,
            file="agency.toml",
        )
    message = str(raised.value)
    assert "'age/minimum'" in message
    assert "'agency/cap'" in message
    assert "minimum age 60 is above the maximum age 45" in message
    assert raised.value.file == "agency.toml"


def test_entries_that_are_never_in_force_together_do_not_contradict() -> None:
    policy = Policy.from_toml(
        """
        [[minimum_age]]
        id = "agency/minimum-39"
        age = 39
        effective_to = 2010-01-05
        source = "agency"

        [[age_range]]
        id = "agency/cap"
        destination = "JP"
        max_age = 38
        effective_from = 2011-01-03
        source = "agency"
        """
    )
    assert policy.as_of(datetime.date(2024, 1, 5)).minimum_age == 18


def test_two_age_ranges_for_the_same_placement_that_do_not_overlap_are_refused() -> None:
    with pytest.raises(PolicyError, match="'age/SG/domestic' and 'agency/sg'"):
        Policy.from_toml(
            """
            [[age_range]]
            id = "agency/sg"
            destination = "SG"
            domestic = true
            min_age = 50
            max_age = 60
            source = "agency"
            """
        )


def test_two_orderings_that_require_each_step_first_are_refused() -> None:
    with pytest.raises(PolicyError, match="each requires the other first"):
        Policy.from_toml(
            """
            [[ordering]]
            id = "agency/departure-before-opp"
            before = "departed"
            after = "opp_completed"
            severity = "error"
            source = "agency"
            """
        )


def test_the_shipped_policy_and_overlays_hold_no_contradiction() -> None:
    for name in Policy.overlay_names():
        assert Policy.load_overlay(name).entries
