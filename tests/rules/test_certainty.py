"""Certainty: every finding names the entries it rests on; an unconfirmed one only ever warns."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from pmi_workflow.cli.examples import EXAMPLE_DAY
from pmi_workflow.domain import parse_case
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.findings import Certainty, Severity
from pmi_workflow.policy import Policy
from pmi_workflow.rules import validate_case
from pmi_workflow.rules._base import make_finding
from pmi_workflow.rules.destination import check_destination
from pmi_workflow.rules.fees import check_fees
from pmi_workflow.testing.scenarios import golden_scenarios

from .variants import edit

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DAY = datetime.date(2024, 5, 20)


class _Fact:
    def __init__(self, entry_id: str, confirmed: bool) -> None:
        self.id = entry_id
        self.confirmed = confirmed


def test_a_finding_on_an_unconfirmed_entry_is_a_warning_even_when_an_error_is_asked() -> None:
    finding = make_finding(
        "destination.closed",
        DAY,
        step=None,
        where="destination",
        severity=Severity.ERROR,
        entries=[_Fact("a", True), _Fact("b", False), None],
    )
    assert finding.severity is Severity.WARNING
    assert finding.certainty is Certainty.UNCONFIRMED
    assert finding.entries == ("a", "b")
    assert finding.to_dict()["certainty"] == "unconfirmed"
    assert finding.to_dict()["entries"] == ["a", "b"]


def test_a_finding_on_confirmed_entries_keeps_the_rule_severity() -> None:
    finding = make_finding(
        "destination.closed", DAY, step=None, where="destination", entries=[_Fact("a", True)]
    )
    assert (finding.severity, finding.certainty) == (Severity.ERROR, Certainty.CONFIRMED)


def test_a_rule_whose_own_basis_is_unconfirmed_only_warns() -> None:
    finding = make_finding(
        "procedure.not_registered_abroad", DAY, step=None, where="history", severity=Severity.ERROR
    )
    assert (finding.severity, finding.certainty) == (Severity.WARNING, Certainty.UNCONFIRMED)


def _factory_worker_who_paid_training(data: dict[str, Any]) -> None:
    data["occupation"] = "factory_operator"
    data["costs"].append({"component": "job_training", "amount": "2500000", "paid_by": "worker"})


def _fees(policy: Policy, day: datetime.date = DAY) -> list[tuple[str, str, tuple[str, ...]]]:
    case = edit("p2p", _factory_worker_who_paid_training)
    report = validate_case(case, as_of=day, policy=policy)
    return [
        (f.code, f.severity.value, f.entries) for f in report.findings if f.code.startswith("fees.")
    ]


def test_a_factory_worker_charged_for_training_gets_a_warning_not_an_error() -> None:
    assert _fees(Policy.default()) == [
        ("fees.charged_to_worker", "warning", ("perban-9-2020/employer-borne",))
    ]


def test_an_agency_overlay_that_confirms_the_entry_turns_the_warning_into_an_error() -> None:
    confirmed = Policy.from_toml(
        """
        [[employer_borne]]
        id = "perban-9-2020/employer-borne"
        components = ["job_training", "agency_service_fee"]
        no_loans = false
        effective_from = 2021-07-15
        effective_to = 2025-08-31
        source = "Agency circular 4/2026 (confirmed)"
        confirmed = true
        """,
        file="agency.toml",
    )
    assert _fees(confirmed) == [
        ("fees.charged_to_worker", "error", ("perban-9-2020/employer-borne",))
    ]


def test_confirming_the_saudi_moratorium_makes_it_an_error() -> None:
    def legal_entity_household(data: dict[str, Any]) -> None:
        data.update(destination="SA", occupation="housekeeper", channel="spsk")
        data["employer"] = {"kind": "legal_entity", "name": "Syarikah", "country": "SA"}

    case = edit("p2p", legal_entity_household)
    day = datetime.date(2016, 3, 1)  # before SPSK: the moratorium alone
    default = check_destination(case, day, Policy.default().as_of(day))
    closed = [f for f in default if f.code == "destination.closed"]
    assert [(f.severity, f.entries) for f in closed] == [
        (Severity.WARNING, ("moratorium-2011/SA",))
    ]
    agency = Policy.from_toml(
        """
        [[closure]]
        id = "moratorium-2011/SA"
        destination = "SA"
        scope = "domestic"
        unless_channel = "spsk"
        effective_from = 2011-08-01
        source = "Kepmenaker (agency copy of the 2011 instrument)"
        """
    )
    confirmed = check_destination(case, day, agency.as_of(day))
    assert [f.severity for f in confirmed if f.code == "destination.closed"] == [Severity.ERROR]


def test_cases_after_permen_p2mi_17_2025_get_fee_warnings_not_errors() -> None:
    def charged_housekeeper(data: dict[str, Any]) -> None:
        data["occupation"] = "housekeeper"
        data["costs"][2]["paid_by"] = "worker"

    case = edit("p2p", charged_housekeeper)
    judged = []
    for day in (datetime.date(2025, 8, 31), datetime.date(2025, 9, 1)):
        findings = check_fees(case, day, Policy.default().as_of(day))
        (finding,) = [f for f in findings if f.where == "costs.2"]
        judged.append((finding.code, finding.severity.value, finding.entries))
    assert judged == [
        (
            "fees.exempt_occupation_charged",
            "error",
            ("jabatan/housekeeper", "perban-9-2020/exempt-occupations"),
        ),
        (
            "fees.exempt_occupation_charged",
            "warning",
            ("jabatan/housekeeper", "permen-p2mi-17-2025/exempt-occupations"),
        ),
    ]


def _shipped_records() -> list[tuple[str, dict[str, Any], datetime.date | None]]:
    found: list[tuple[str, dict[str, Any], datetime.date | None]] = []
    for path in sorted(EXAMPLES.glob("*/*.json")):
        if path.name == "index.json":
            continue
        found.append((str(path.relative_to(EXAMPLES)), json.loads(path.read_text()), None))
    for scenario in golden_scenarios():
        found.append((f"golden/{scenario.name}", scenario.data, scenario.as_of))
    return found


@pytest.mark.parametrize(
    ("name", "data", "as_of"), _shipped_records(), ids=lambda value: str(value)[:60]
)
def test_no_error_in_a_shipped_example_rests_on_an_unconfirmed_entry(
    name: str, data: dict[str, Any], as_of: datetime.date | None
) -> None:
    policy = Policy.default()
    overlay = EXAMPLES / "rules" / (Path(name).stem + ".policy.toml")
    if overlay.exists():
        policy = Policy.load(overlay)
    unconfirmed = {entry.id for entry in policy.entries if not entry.confirmed}
    try:
        case = parse_case(data)
    except InvalidInputError:
        pytest.skip("a record refused when read has no findings")
    report = validate_case(case, as_of=as_of or EXAMPLE_DAY, policy=policy)
    for finding in report.findings:
        if finding.is_error:
            assert finding.certainty is Certainty.CONFIRMED, (name, finding.code)
            assert not set(finding.entries) & unconfirmed, (name, finding.code)
