"""Destinations: closures, the Kepmenaker 260/2015 ban, the Malaysia suspension, channels."""

from __future__ import annotations

import datetime
from typing import Any

from pmi_workflow.domain import Case
from pmi_workflow.findings import Severity
from pmi_workflow.policy import Policy
from pmi_workflow.rules.destination import check_destination

from .variants import edit

POLICY = Policy.default()


def domestic(destination: str, employer_kind: str, channel: str | None = None) -> Case:
    def change(data: dict[str, Any]) -> None:
        data.update(destination=destination, occupation="housekeeper", channel=channel)
        data["employer"] = {"kind": employer_kind, "name": "Household", "country": destination}

    return edit("p2p", change)


def codes(case: Case, day: datetime.date) -> list[tuple[str, str]]:
    return [(f.code, f.severity.value) for f in check_destination(case, day, POLICY.as_of(day))]


def job(destination: str, occupation: str, employer_kind: str, channel: str | None = None) -> Case:
    def change(data: dict[str, Any]) -> None:
        data.update(destination=destination, occupation=occupation, channel=channel)
        data["employer"] = {"kind": employer_kind, "name": "Employer", "country": destination}

    return edit("p2p", change)


def test_domestic_work_for_a_saudi_household_is_banned_since_july_2015() -> None:
    case = domestic("SA", "individual")
    # before the decree only the (unconfirmed) 2011 moratorium applies: a warning
    assert codes(case, datetime.date(2015, 6, 30)) == [("destination.closed", "warning")]
    assert ("destination.domestic_individual_employer_banned", "error") in codes(
        case, datetime.date(2015, 7, 1)
    )


def test_the_saudi_moratorium_of_2011_is_an_unconfirmed_warning() -> None:
    case = domestic("SA", "legal_entity")
    assert codes(case, datetime.date(2011, 7, 31)) == []
    (finding,) = check_destination(
        case, datetime.date(2012, 3, 5), POLICY.as_of(datetime.date(2012, 3, 5))
    )
    assert (finding.code, finding.severity, finding.entries) == (
        "destination.closed",
        Severity.WARNING,
        ("moratorium-2011/SA",),
    )


def test_any_job_with_an_individual_employer_in_a_kepmenaker_260_country_is_banned() -> None:
    for occupation in ("cleaner", "family_driver", "factory_operator"):
        found = codes(job("SA", occupation, "individual"), datetime.date(2024, 5, 20))
        assert ("destination.domestic_individual_employer_banned", "error") in found, occupation
    assert codes(job("QA", "cleaner", "legal_entity"), datetime.date(2024, 5, 20)) == []


def test_saudi_domestic_work_through_spsk_with_a_syarikah_is_open() -> None:
    assert codes(domestic("SA", "legal_entity", "spsk"), datetime.date(2024, 5, 20)) == []
    # SPSK's periods are unconfirmed: bypassing it is a warning, as is the moratorium
    assert codes(domestic("SA", "legal_entity"), datetime.date(2024, 5, 20)) == [
        ("destination.closed", "warning"),
        ("destination.channel_required", "warning"),
    ]


def test_spsk_covers_six_jobs_with_syarikah_users_only() -> None:
    day = datetime.date(2024, 5, 20)
    assert codes(job("SA", "gardener", "legal_entity", "spsk"), day) == [
        ("destination.closed", "warning"),
        ("destination.outside_channel_limits", "warning"),
    ]
    found = codes(job("SA", "housekeeper", "individual", "spsk"), day)
    assert ("destination.domestic_individual_employer_banned", "error") in found
    assert ("destination.outside_channel_limits", "warning") in found


def test_malaysia_was_closed_during_covid_and_frozen_before_the_mou() -> None:
    case = domestic("MY", "individual", "ocs")
    assert codes(case, datetime.date(2020, 3, 17)) == []
    assert codes(case, datetime.date(2020, 6, 1)) == [("destination.closed", "warning")]
    assert codes(domestic("MY", "individual"), datetime.date(2022, 2, 1)) == [
        ("destination.closed", "warning")
    ]


def test_formal_work_in_a_banned_country_stays_open() -> None:
    case = edit("ukps", lambda d: None)
    assert case.destination == "QA"
    assert codes(case, datetime.date(2024, 5, 20)) == []


def test_a_country_only_announced_in_2015_gives_a_warning() -> None:
    assert codes(domestic("PK", "individual"), datetime.date(2024, 5, 20)) == [
        ("destination.domestic_individual_employer_banned", "warning")
    ]


def test_malaysia_domestic_placements_were_suspended_in_july_2022() -> None:
    case = domestic("MY", "individual", "ocs")
    assert codes(case, datetime.date(2022, 7, 12)) == []
    assert codes(case, datetime.date(2022, 7, 20)) == [("destination.closed", "error")]
    assert codes(case, datetime.date(2022, 8, 1)) == []


def test_malaysia_domestic_needs_ocs_from_april_2022() -> None:
    case = domestic("MY", "individual")
    assert codes(case, datetime.date(2019, 5, 6)) == []
    (finding,) = check_destination(
        case, datetime.date(2024, 5, 20), POLICY.as_of(datetime.date(2024, 5, 20))
    )
    assert finding.code == "destination.channel_required"
    assert dict(finding.compared)["required_channel"] == "OCS"
    assert finding.severity is Severity.ERROR
