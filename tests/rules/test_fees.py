"""Fees: employer-borne components, the ten exempt occupations, loans and deductions."""

from __future__ import annotations

import datetime
from typing import Any

from pmi_workflow.domain import parse_case
from pmi_workflow.enums import Step
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


# -- a finding judged on the payment day says so, and names no step ------------------------


def test_a_fee_judged_on_its_payment_day_names_no_step_and_says_the_day_is_the_payment_s() -> None:
    (finding,) = check_fees(
        _cook_charged_an_agency_fee("2024-03-01"),
        AFTER_PERMEN_17_2025,
        Policy.default().as_of(AFTER_PERMEN_17_2025),
        step=Step.DEPARTED,
    )
    assert (finding.step, finding.on) == (None, datetime.date(2024, 3, 1))
    assert finding.message_id.endswith("sebesar Rp7.500.000 pada 1 Maret 2024.")
    assert finding.message_en.endswith("of IDR 7500000 on 2024-03-01.")


def test_a_fee_without_a_payment_day_is_the_step_s_and_names_no_payment_day() -> None:
    (finding,) = check_fees(
        _cook_charged_an_agency_fee(None),
        AFTER_PERMEN_17_2025,
        Policy.default().as_of(AFTER_PERMEN_17_2025),
        step=Step.DEPARTED,
    )
    assert (finding.step, finding.on) == (Step.DEPARTED, AFTER_PERMEN_17_2025)
    assert finding.message_id.endswith("sebesar Rp7.500.000.")
    assert " on " not in finding.message_en


def test_a_charge_and_a_loan_judged_on_their_payment_day_say_that_day() -> None:
    def charged_and_financed(data: dict[str, Any]) -> None:
        data["costs"][2].update(paid_by="worker", paid_on="2024-03-01")
        data["costs"][3].update(financing="loan", paid_on="2024-03-04")

    found = check_fees(edit("p2p", charged_and_financed), DEPARTURE, VIEW, step=Step.DEPARTED)
    messages = {f.code: (f.step, f.message_id, f.message_en) for f in found}
    assert messages["fees.charged_to_worker"] == (
        None,
        "Biaya jasa perusahaan sebesar Rp5.000.000 dibayar oleh CPMI pada 1 Maret 2024, padahal "
        "biaya ini seharusnya ditanggung pemberi kerja.",
        "The cost component agency_service_fee of IDR 5000000 was paid by the worker on "
        "2024-03-01; the employer bears it.",
    )
    step, message_id, message_en = messages["fees.placement_loan"]
    assert step is None
    assert "dibiayai dengan pinjaman pada 4 Maret 2024, padahal" in message_id
    assert "financed by loan on 2024-03-04, which" in message_en


def test_a_placement_agreement_clause_keeps_its_step_and_names_no_payment_day() -> None:
    def clause(data: dict[str, Any]) -> None:
        data["occupation"] = "cook"
        data["costs"] = []
        doc(data, "pa-1").update(loan_clause=True, fee_clause=True)

    found = check_fees(edit("p2p", clause), DEPARTURE, VIEW, step=Step.DEPARTED)
    assert [(f.code, f.step) for f in found] == [
        ("fees.placement_loan", Step.DEPARTED),
        ("fees.exempt_occupation_charged", Step.DEPARTED),
    ]
    assert all("?" not in f.message_id and "?" not in f.message_en for f in found)
