"""Certainty: every finding names the entries it rests on; an unconfirmed one only ever warns."""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from pmi_workflow.cli.examples import EXAMPLE_DAY
from pmi_workflow.domain import Actor, Case, parse_case
from pmi_workflow.enums import ActorRole, Scheme, Step
from pmi_workflow.errors import InvalidInputError, ProcedureViolation
from pmi_workflow.findings import Certainty, Finding, Severity
from pmi_workflow.policy import Policy
from pmi_workflow.rules import _base, validate_case
from pmi_workflow.rules._base import make_finding
from pmi_workflow.rules.catalog import rule
from pmi_workflow.rules.destination import check_destination
from pmi_workflow.rules.fees import check_fees
from pmi_workflow.rules.procedure import check_procedure
from pmi_workflow.samples import procedural_case_data
from pmi_workflow.testing.scenarios import golden_scenarios
from pmi_workflow.workflow import Workflow

from .variants import VARIANTS, edit, event, index_of

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


def test_a_rule_whose_own_basis_is_unconfirmed_only_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    doubtful = dataclasses.replace(rule("destination.closed"), confirmed=False)
    monkeypatch.setattr(_base, "rule", lambda code: doubtful)
    finding = make_finding("destination.closed", DAY, step=None, where="destination")
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
        confirmed = true
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


# -- the procedure rules name the orderings, roles and windows they rest on -----------

_ORDER = "order/placement_agreement-before-social_security"


def _ordering_overlay(*, confirmed: bool) -> Policy:
    """An agency file that restates the hard order of Permenaker 4/2023 Pasal 19 with its own
    view of whether the source is confirmed."""
    return Policy.from_toml(
        f"""
        [[ordering]]
        id = "{_ORDER}"
        before = "placement_agreement_signed"
        after = "social_security_enrolled"
        severity = "error"
        source = "Permenaker 4/2023 Pasal 19 ayat (1) huruf a (agency reading)"
        confirmed = {str(confirmed).lower()}
        """,
        file="agency.toml",
    )


def _enrolled_without_placement_agreement(data: dict[str, Any]) -> None:
    del data["history"][index_of(data, "placement_agreement_signed")]


def _order_findings(policy: Policy) -> list[tuple[str, str, str, tuple[str, ...]]]:
    case = edit("p2p", _enrolled_without_placement_agreement)
    report = validate_case(case, as_of=EXAMPLE_DAY, policy=policy)
    return [
        (f.code, f.severity.value, f.certainty.value, f.entries)
        for f in report.findings
        if f.code.startswith("procedure.") and dict(f.compared).get("step") != "departed"
    ]


def test_a_hard_order_names_its_entry_and_is_an_error_while_confirmed() -> None:
    expected = [("procedure.step_missing", "error", "confirmed", (_ORDER,))]
    assert _order_findings(Policy.default()) == expected
    assert _order_findings(_ordering_overlay(confirmed=True)) == expected


def test_an_overlay_that_unconfirms_an_order_turns_its_error_into_a_warning() -> None:
    assert _order_findings(_ordering_overlay(confirmed=False)) == [
        ("procedure.step_missing", "warning", "unconfirmed", (_ORDER,))
    ]


def test_an_unconfirmed_order_no_longer_makes_the_case_non_procedural() -> None:
    case = edit("p2p", _enrolled_without_placement_agreement)
    unsure = validate_case(case, as_of=EXAMPLE_DAY, policy=_ordering_overlay(confirmed=False))
    sure = validate_case(case, as_of=EXAMPLE_DAY, policy=_ordering_overlay(confirmed=True))
    assert (unsure.procedural, sure.procedural) == (True, False)


def _registered_without_information(case: Case, policy: Policy) -> Finding:
    cut = case.model_copy(update={"history": ()})
    (finding,) = check_procedure(cut, Step.REGISTERED, DAY, policy.as_of(DAY))
    return finding


def test_a_soft_order_out_of_order_names_its_entry_and_stays_a_warning_once_confirmed() -> None:
    case = edit("p2p", lambda data: None)
    shipped = _registered_without_information(case, Policy.default())
    assert (shipped.code, shipped.severity, shipped.certainty, shipped.entries) == (
        "procedure.out_of_order",
        Severity.WARNING,
        Certainty.UNCONFIRMED,
        ("order/informed-before-registered",),
    )
    confirmed = Policy.from_toml(
        """
        [[ordering]]
        id = "order/informed-before-registered"
        before = "informed"
        after = "registered"
        severity = "warning"
        source = "PP 59/2021 Pasal 4 (agency reading)"
        confirmed = true
        """
    )
    sure = _registered_without_information(case, confirmed)
    assert (sure.severity, sure.certainty) == (Severity.WARNING, Certainty.CONFIRMED)


def test_an_overdue_registration_abroad_rests_on_the_unconfirmed_window() -> None:
    def gone_quiet(data: dict[str, Any]) -> None:
        del data["history"][index_of(data, "registered_abroad") :]

    case = edit("p2p", gone_quiet)
    day = datetime.date(2024, 8, 1)
    (finding,) = [
        f
        for f in validate_case(case, as_of=day).findings
        if f.code == "procedure.not_registered_abroad"
    ]
    assert (finding.certainty, finding.entries) == (
        Certainty.UNCONFIRMED,
        ("parameter/lapor_diri_days",),
    )
    agency = Policy.from_toml(
        """
        [[parameter]]
        id = "parameter/lapor_diri_days"
        name = "lapor_diri_days"
        value = 30
        unit = "days"
        source = "Agency circular 7/2026"
        confirmed = true
        """
    )
    (sure,) = [
        f
        for f in validate_case(case, as_of=day, policy=agency).findings
        if f.code == "procedure.not_registered_abroad"
    ]
    assert (sure.severity, sure.certainty) == (Severity.WARNING, Certainty.CONFIRMED)


def test_an_unauthorised_recorder_names_the_role_entry() -> None:
    case = edit("p2p", lambda data: None)
    cut = case.model_copy(update={"history": case.history[:1]})
    found = check_procedure(
        cut, Step.REGISTERED, DAY, Policy.default().as_of(DAY), actor=Actor(role=ActorRole.P3MI)
    )
    assert [(f.code, f.entries) for f in found] == [
        ("procedure.actor_not_authorized", ("roles/registered",))
    ]


# Procedure findings that rest on the statute alone, so name no policy entry:
# - after_exit: nothing follows a withdrawal, a failure or a death (what an exit means);
# - out_of_order from the structure (``state`` compared): a step before departure recorded
#   after it, or one the procedure's machine has no way to;
# - date_out_of_order and step_repeated: the integrity of the record itself;
# - return_not_reported: UU 18/2017 Pasal 25 itself, with no figure in the policy.
_STATUTE_ALONE = frozenset(
    {
        "procedure.after_exit",
        "procedure.date_out_of_order",
        "procedure.step_repeated",
        "procedure.return_not_reported",
    }
)


def _rests_on_the_statute(finding: Finding) -> bool:
    if finding.code in _STATUTE_ALONE:
        return True
    return finding.code == "procedure.out_of_order" and "state" in dict(finding.compared)


@pytest.mark.parametrize(
    ("name", "data", "as_of"), _shipped_records(), ids=lambda value: str(value)[:60]
)
def test_every_procedure_finding_of_a_shipped_example_names_its_entries(
    name: str, data: dict[str, Any], as_of: datetime.date | None
) -> None:
    policy = Policy.default()
    overlay = EXAMPLES / "rules" / (Path(name).stem + ".policy.toml")
    if overlay.exists():
        policy = Policy.load(overlay)
    known = {entry.id for entry in policy.entries}
    try:
        case = parse_case(data)
    except InvalidInputError:
        pytest.skip("a record refused when read has no findings")
    report = validate_case(case, as_of=as_of or EXAMPLE_DAY, policy=policy)
    for finding in report.findings:
        if not finding.code.startswith("procedure.") or _rests_on_the_statute(finding):
            continue
        assert finding.entries, (name, finding.code)
        assert set(finding.entries) <= known, (name, finding.code)


@pytest.mark.parametrize("code", sorted(c for c in VARIANTS if c.startswith("procedure.")))
def test_every_procedure_rule_names_its_entries_on_its_own_variant(code: str) -> None:
    variant = VARIANTS[code]()
    report = variant.report()
    found = [f for f in report.findings if f.code == code]
    assert found, code
    for finding in found:
        assert bool(finding.entries) is not _rests_on_the_statute(finding), finding.code


def _returned_then_reported(policy: Policy | None = None) -> Case:
    """The P2P sample, then home and the return reported a day after (the path puts the report
    first)."""
    data = procedural_case_data("p2p")
    for step, day, role in (
        ("arrived_home", "2024-11-01", "bp3mi"),
        ("return_reported", "2024-11-02", "perwakilan"),
    ):
        data["history"].append(event(data, step, day, role))
    return parse_case(data)


def _path_confirmed() -> Policy:
    entry = Policy.default().as_of(datetime.date(2024, 1, 1)).scheme_path_entry(Scheme.P2P)
    assert entry is not None
    assert not entry.confirmed
    steps = ", ".join(f'"{step.value}"' for step in entry.steps)
    return Policy.from_toml(
        f'[[scheme_path]]\nid = "{entry.id}"\nscheme = "p2p"\nsteps = [{steps}]\n'
        f'source = "agency review"\nconfirmed = true\n'
    )


def test_a_placement_step_recorded_later_than_the_unconfirmed_path_puts_it_only_warns() -> None:
    report = validate_case(_returned_then_reported(), as_of=datetime.date(2024, 12, 31))
    late = [f for f in report.findings if f.where == "history.16"]
    assert [(f.code, f.severity, f.certainty, f.entries) for f in late] == [
        ("procedure.out_of_order", Severity.WARNING, Certainty.UNCONFIRMED, ("path/p2p",))
    ]
    assert report.procedural
    assert report.state == "arrived_home"


def test_a_confirmed_path_makes_the_late_step_an_error_in_the_audit_and_when_recorded() -> None:
    policy = _path_confirmed()
    case = _returned_then_reported()
    report = validate_case(case, as_of=datetime.date(2024, 12, 31), policy=policy)
    assert [f.severity for f in report.findings if f.where == "history.16"] == [Severity.ERROR]
    before = case.model_copy(update={"history": case.history[:-1]})
    late = case.history[-1]
    with pytest.raises(ProcedureViolation):
        Workflow(policy).record(before, late.step, at=late.occurred_at, actor=late.actor)
    recorded = Workflow().record(before, late.step, at=late.occurred_at, actor=late.actor)
    assert [f.code for f in recorded.warnings] == ["procedure.out_of_order"]
    assert recorded.state.state == "arrived_home"


def _report_before_home_in(destination: str) -> Policy:
    """An agency file that wants the return reported before arrival home, for one destination."""
    return Policy.from_toml(
        f"""
        [[ordering]]
        id = "order/return_reported-before-arrived_home"
        before = "return_reported"
        after = "arrived_home"
        severity = "warning"
        destinations = ["{destination}"]
        source = "agency instruction"
        confirmed = false
        """
    )


def _order_places(case: Case, policy: Policy) -> list[tuple[str, str | None, tuple[str, ...]]]:
    report = validate_case(case, as_of=datetime.date(2024, 12, 31), policy=policy)
    return [
        (f.code, f.where, f.entries)
        for f in report.findings
        if f.code in ("procedure.out_of_order", "procedure.step_missing")
    ]


def test_a_late_step_an_ordering_of_its_destination_already_judged_is_not_judged_twice() -> None:
    case = _returned_then_reported()
    assert case.destination == "MY"
    assert _order_places(case, _report_before_home_in("MY")) == [
        ("procedure.out_of_order", "history.15", ("order/return_reported-before-arrived_home",))
    ]
    # an ordering for another destination does not apply: the path judges the late step
    assert _order_places(case, _report_before_home_in("SG")) == [
        ("procedure.out_of_order", "history.16", ("path/p2p",))
    ]
