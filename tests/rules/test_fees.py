"""Fees: employer-borne components, the ten exempt occupations, loans and deductions."""

from __future__ import annotations

import datetime
from typing import Any

from pmi_workflow.domain import parse_case
from pmi_workflow.policy import Policy
from pmi_workflow.rules.fees import check_fees
from pmi_workflow.samples import procedural_case_data

from .variants import doc, edit

DEPARTURE = datetime.date(2024, 5, 20)
VIEW = Policy.default().as_of(DEPARTURE)


def codes(found: tuple[Any, ...]) -> list[str]:
    return [f.code for f in found]


def test_a_non_exempt_worker_may_pay_personal_costs() -> None:
    case = parse_case(procedural_case_data("p2p"))
    assert case.costs[-1].component.value == "passport"
    assert check_fees(case, DEPARTURE, VIEW) == ()


def test_an_exempt_worker_may_pay_nothing_at_all() -> None:
    case = edit("p2p", lambda d: d.update(occupation="cook"))
    assert codes(check_fees(case, DEPARTURE, VIEW)) == ["fees.exempt_occupation_charged"]


def test_the_zero_cost_rules_apply_from_15_july_2021() -> None:
    case = edit("p2p", lambda d: d["costs"][2].update(paid_by="worker"))
    before = datetime.date(2021, 7, 14)
    assert check_fees(case, before, Policy.default().as_of(before)) == ()
    after = datetime.date(2021, 7, 15)
    assert codes(check_fees(case, after, Policy.default().as_of(after))) == [
        "fees.charged_to_worker"
    ]


def test_costs_paid_by_the_employer_executor_or_government_are_fine_for_exempt_jobs() -> None:
    def paid_by_others(data: dict[str, Any]) -> None:
        data["occupation"] = "fishing_crew"
        for item, payer in zip(
            data["costs"],
            ["employer", "executor", "government", "employer", "employer"],
            strict=True,
        ):
            item["paid_by"] = payer

    assert check_fees(edit("p2p", paid_by_others), DEPARTURE, VIEW) == ()


def test_a_voluntary_kur_credit_is_not_a_placement_loan() -> None:
    case = edit("p2p", lambda d: d["costs"][-1].update(financing="subsidised_credit"))
    assert check_fees(case, DEPARTURE, VIEW) == ()


def test_a_loan_clause_in_the_placement_agreement_is_a_placement_loan() -> None:
    case = edit("p2p", lambda d: doc(d, "pa-1").update(loan_clause=True))
    (finding,) = check_fees(case, DEPARTURE, VIEW)
    assert finding.code == "fees.placement_loan"
    assert finding.where == "documents.pa-1.loan_clause"


def test_a_fee_clause_for_an_exempt_occupation_is_a_charge() -> None:
    def clause(data: dict[str, Any]) -> None:
        data["occupation"] = "gardener"
        data["costs"] = data["costs"][:-1]
        doc(data, "pa-1")["fee_clause"] = True

    assert codes(check_fees(edit("p2p", clause), DEPARTURE, VIEW)) == [
        "fees.exempt_occupation_charged"
    ]
