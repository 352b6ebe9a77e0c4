"""Policy entries: dates in force, validation of each kind, matching."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from pydantic import ValidationError

from pmi_workflow.enums import EmployerKind, Scheme
from pmi_workflow.policy import (
    ENTRY_KINDS,
    AgeRange,
    Ordering,
    Parameter,
    PremiumSchedule,
    SchemePath,
)

BASE: dict[str, Any] = {"id": "x", "source": "test"}


def parameter(**dates: str) -> Parameter:
    return Parameter(**BASE, name="lapor_diri_days", value=30, unit="days", **dates)


def test_both_ends_of_the_effective_range_are_in_force() -> None:
    entry = parameter(effective_from="2022-07-13", effective_to="2022-07-31")
    assert not entry.in_force(datetime.date(2022, 7, 12))
    assert entry.in_force(datetime.date(2022, 7, 13))
    assert entry.in_force(datetime.date(2022, 7, 31))
    assert not entry.in_force(datetime.date(2022, 8, 1))


def test_an_open_ended_entry_is_always_in_force_unless_disabled() -> None:
    assert parameter().in_force(datetime.date(1990, 1, 1))
    disabled = Parameter(**BASE, name="lapor_diri_days", value=30, unit="days", disabled=True)
    assert not disabled.in_force(datetime.date(2024, 1, 1))


def test_entries_are_frozen_and_strict() -> None:
    entry = parameter()
    with pytest.raises(ValidationError):
        entry.value = 10  # type: ignore[misc]
    with pytest.raises(ValidationError, match="Extra inputs"):
        Parameter(**BASE, name="lapor_diri_days", value=30, unit="days", colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        Parameter(**BASE, name="unknown_window", value=30, unit="days")  # type: ignore[arg-type]


def test_a_scheme_path_holds_no_exit_and_no_step_twice() -> None:
    with pytest.raises(ValidationError, match="no exit steps"):
        SchemePath(**BASE, scheme="p2p", steps=["registered", "withdrawn"])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="appears twice"):
        SchemePath(**BASE, scheme="p2p", steps=["registered", "registered"])  # type: ignore[list-item]


def test_an_ordering_needs_two_different_steps() -> None:
    with pytest.raises(ValidationError, match="the same step"):
        Ordering(**BASE, before="departed", after="departed", severity="error")  # type: ignore[arg-type]


def test_age_range_matches_scheme_destination_occupation_and_employer() -> None:
    entry = AgeRange(
        **BASE,
        destination="MY",
        schemes=frozenset({Scheme.P2P}),
        domestic=True,
        employer_kind=EmployerKind.INDIVIDUAL,
        min_age=21,
        max_age=45,
    )
    assert entry.matches(Scheme.P2P, "MY", "housekeeper", True, EmployerKind.INDIVIDUAL)
    assert not entry.matches(Scheme.G2G, "MY", "housekeeper", True, EmployerKind.INDIVIDUAL)
    assert not entry.matches(Scheme.P2P, "SG", "housekeeper", True, EmployerKind.INDIVIDUAL)
    assert not entry.matches(Scheme.P2P, "MY", "welder", False, EmployerKind.INDIVIDUAL)
    assert not entry.matches(Scheme.P2P, "MY", "housekeeper", True, EmployerKind.LEGAL_ENTITY)


def test_an_age_range_needs_a_bound() -> None:
    with pytest.raises(ValidationError, match="give min_age, max_age or both"):
        AgeRange(**BASE, destination="MY")


def test_premium_packages_by_contract_length() -> None:
    schedule = PremiumSchedule(
        **BASE,
        pre_work=37500,
        packages={"6": 108000, "12": 189000, "24": 332500},
        extra_month=13500,
        pre_work_cover_months=5,
        independent_registration_months=1,
    )
    assert schedule.package_amount(12) == 189000
    assert schedule.package_amount(18) is None


def test_every_entry_kind_is_named_by_its_toml_section() -> None:
    assert all(cls.kind == section for section, cls in ENTRY_KINDS.items())
    assert "closure" in ENTRY_KINDS
    assert "premiums" in ENTRY_KINDS
