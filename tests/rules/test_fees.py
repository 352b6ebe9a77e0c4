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


# -- a cost is judged by the rules in force on the day it was paid -------------------------

AFTER_PERMEN_17_2025 = datetime.date(2025, 10, 2)


def _cook_charged_an_agency_fee(paid_on: str | None) -> Any:
    """A cook (one of the ten exempt jabatan) who paid the agency fee, on ``paid_on``."""

    def charge(data: dict[str, Any]) -> None:
        data["occupation"] = "cook"
        data["costs"] = [
            {"component": "agency_service_fee", "amount": "7500000", "paid_by": "worker"}
        ]
        if paid_on is not None:
            data["costs"][0]["paid_on"] = paid_on

    return edit("p2p", charge)


def _judged_after_permen_17_2025(paid_on: str | None) -> Any:
    found = check_fees(
        _cook_charged_an_agency_fee(paid_on),
        AFTER_PERMEN_17_2025,
        Policy.default().as_of(AFTER_PERMEN_17_2025),
    )
    (finding,) = found
    return finding


def test_a_fee_paid_under_perban_9_2020_stays_an_error_when_judged_after_its_revision() -> None:
    finding = _judged_after_permen_17_2025("2024-03-01")
    assert (finding.code, finding.severity.value, finding.certainty.value) == (
        "fees.exempt_occupation_charged",
        "error",
        "confirmed",
    )
    assert finding.entries[-1] == "perban-9-2020/exempt-occupations"
    assert finding.on == datetime.date(2024, 3, 1)
    assert [str(basis) for basis in finding.legal_basis] == [
        "UU 18/2017 Pasal 30",
        "Perban BP2MI 9/2020",
    ]


def test_a_fee_without_a_payment_day_is_judged_on_the_step_s_day_and_cites_that_rule() -> None:
    finding = _judged_after_permen_17_2025(None)
    assert (finding.severity.value, finding.entries[-1], finding.on) == (
        "warning",
        "permen-p2mi-17-2025/exempt-occupations",
        AFTER_PERMEN_17_2025,
    )
    assert [str(basis) for basis in finding.legal_basis] == [
        "UU 18/2017 Pasal 30",
        "Permen P2MI 17/2025",
    ]


def test_a_fee_paid_after_the_revision_is_judged_by_the_revision() -> None:
    finding = _judged_after_permen_17_2025("2025-09-05")
    assert (finding.severity.value, finding.entries[-1]) == (
        "warning",
        "permen-p2mi-17-2025/exempt-occupations",
    )


def test_a_fee_paid_before_the_zero_cost_rules_is_not_judged_by_them() -> None:
    found = check_fees(
        _cook_charged_an_agency_fee("2021-07-01"), DEPARTURE, Policy.default().as_of(DEPARTURE)
    )
    assert found == ()


def test_a_loan_taken_under_perban_9_2020_cites_its_article() -> None:
    def loan(data: dict[str, Any]) -> None:
        data["costs"][2].update(financing="loan", paid_on="2024-03-01")

    (finding,) = check_fees(
        edit("p2p", loan), AFTER_PERMEN_17_2025, Policy.default().as_of(AFTER_PERMEN_17_2025)
    )
    assert (finding.code, finding.severity.value, finding.entries) == (
        "fees.placement_loan",
        "error",
        ("perban-9-2020/no-loans",),
    )
    assert [str(basis) for basis in finding.legal_basis] == [
        "UU 18/2017 Pasal 30",
        "Perban BP2MI 9/2020 Pasal 4",
    ]
