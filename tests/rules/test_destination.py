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


def test_domestic_work_for_a_saudi_household_is_banned_since_july_2015() -> None:
    case = domestic("SA", "individual")
    assert codes(case, datetime.date(2015, 6, 30)) == []
    assert ("destination.domestic_individual_employer_banned", "error") in codes(
        case, datetime.date(2015, 7, 1)
    )


def test_saudi_domestic_work_through_spsk_with_a_syarikah_is_open() -> None:
    assert codes(domestic("SA", "legal_entity", "spsk"), datetime.date(2024, 5, 20)) == []
    assert codes(domestic("SA", "legal_entity"), datetime.date(2024, 5, 20)) == [
        ("destination.channel_required", "error")
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
    assert codes(case, datetime.date(2022, 3, 31)) == []
    (finding,) = check_destination(
        case, datetime.date(2024, 5, 20), POLICY.as_of(datetime.date(2024, 5, 20))
    )
    assert finding.code == "destination.channel_required"
    assert dict(finding.compared)["required_channel"] == "OCS"
    assert finding.severity is Severity.ERROR
