"""Korea EPS (G to G to South Korea) has its own path and orders (sources.md 11.8)."""

from __future__ import annotations

import datetime

from pmi_workflow.domain import parse_case
from pmi_workflow.enums import Scheme, Step
from pmi_workflow.findings import Severity
from pmi_workflow.policy import Policy
from pmi_workflow.rules import validate_case
from pmi_workflow.samples import procedural_case_data
from pmi_workflow.workflow import Workflow, definition_for

DAY = datetime.date(2024, 5, 20)
VIEW = Policy.default().as_of(DAY)


def test_korea_eps_checks_health_before_selection_and_signs_the_contract_before_the_visa() -> None:
    path = VIEW.scheme_steps(Scheme.G2G, "KR")
    assert path.index(Step.MEDICALLY_CLEARED) < path.index(Step.SELECTED)
    assert path.index(Step.EMPLOYMENT_CONTRACT_SIGNED) < path.index(Step.VISA_ISSUED)
    assert path.index(Step.VISA_ISSUED) < path.index(Step.OPP_COMPLETED)


def test_other_g2g_destinations_keep_the_general_order() -> None:
    assert VIEW.scheme_steps(Scheme.G2G, "JP") == VIEW.scheme_steps(Scheme.G2G)
    assert VIEW.scheme_steps(Scheme.P2P, "KR") == VIEW.scheme_steps(Scheme.P2P)


def test_the_p2p_usual_orders_that_eps_reverses_do_not_apply_to_korea() -> None:
    medical = dict(VIEW.prerequisites(Scheme.G2G, Step.MEDICALLY_CLEARED, "KR"))
    contract = dict(VIEW.prerequisites(Scheme.G2G, Step.EMPLOYMENT_CONTRACT_SIGNED, "KR"))
    assert Step.SELECTED not in medical
    assert Step.VISA_ISSUED not in contract
    general = dict(VIEW.prerequisites(Scheme.G2G, Step.MEDICALLY_CLEARED, "JP"))
    assert general[Step.SELECTED] is Severity.WARNING


def test_hard_orders_stay_for_korea() -> None:
    departed = dict(VIEW.prerequisites(Scheme.G2G, Step.DEPARTED, "KR"))
    assert departed[Step.OPP_COMPLETED] is Severity.ERROR


def _eps_ordered() -> dict[str, object]:
    data = procedural_case_data("g2g")
    history = data["history"]
    steps = [event["step"] for event in history]
    for first, second in (
        ("selected", "medically_cleared"),
        ("visa_issued", "employment_contract_signed"),
    ):
        a, b = history[steps.index(first)], history[steps.index(second)]
        for key in ("step", "evidence", "actor"):
            a[key], b[key] = b[key], a[key]
    return data


def test_an_eps_case_in_eps_order_gets_no_out_of_order_warning() -> None:
    data = _eps_ordered()
    for document in data["documents"]:  # type: ignore[attr-defined]
        if document["id"] == "health-1":
            document["issued_on"] = "2024-02-01"
        if document["id"] == "pk-1":
            document["signed_on"] = "2024-04-15"
    case = parse_case(data)
    report = validate_case(case, as_of=datetime.date(2024, 6, 1))
    assert "procedure.out_of_order" not in report.codes
    assert Workflow().audit(case, as_of=datetime.date(2024, 6, 1)) == report


def test_the_same_steps_to_japan_are_out_of_the_usual_order() -> None:
    data = _eps_ordered()
    data["destination"] = "JP"
    case = parse_case(data)
    codes = validate_case(case, as_of=datetime.date(2024, 6, 1)).codes
    assert "procedure.out_of_order" in codes


def test_korea_eps_has_its_own_machine() -> None:
    eps = definition_for(Scheme.G2G, VIEW, "KR")
    general = definition_for(Scheme.G2G, VIEW)
    assert eps is not general
    assert eps.destination == "KR"
    assert eps.path == VIEW.scheme_steps(Scheme.G2G, "KR")
    assert definition_for(Scheme.G2G, VIEW, "JP") is general
