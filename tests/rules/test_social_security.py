"""Social security: enrolment order, pre-work cover window, package length, Perseorangan timing."""

from __future__ import annotations

import datetime
from typing import Any

from pmi_workflow.domain import parse_case
from pmi_workflow.policy import Policy
from pmi_workflow.rules.social_security import check_cover, check_enrolment, paid_months
from pmi_workflow.samples import procedural_case_data

from .variants import doc, edit

DEPARTURE = datetime.date(2024, 5, 20)
VIEW = Policy.default().as_of(DEPARTURE)


def codes(found: tuple[Any, ...]) -> list[str]:
    return [f.code for f in found]


def test_g2g_extra_months_cover_a_36_month_contract() -> None:
    case = parse_case(procedural_case_data("g2g"))
    membership = case.documents_of(type(case.documents[6]))[0]
    assert paid_months(membership) == 36  # type: ignore[arg-type]
    assert check_cover(case, DEPARTURE, VIEW) == ()


def test_pre_work_cover_runs_five_months() -> None:
    case = parse_case(procedural_case_data("p2p"))
    last_day = datetime.date(2024, 8, 12)
    assert check_cover(case, last_day, Policy.default().as_of(last_day)) == ()
    day_after = datetime.date(2024, 8, 13)
    assert codes(check_cover(case, day_after, Policy.default().as_of(day_after))) == [
        "social_security.pre_work_cover_lapsed"
    ]


def test_a_second_pre_work_premium_restarts_the_window() -> None:
    case = edit(
        "p2p",
        lambda d: doc(d, "bpjs-1")["premiums"].append(
            {"kind": "pre_work", "amount": "37500", "paid_on": "2024-08-01"}
        ),
    )
    day = datetime.date(2024, 9, 1)
    assert check_cover(case, day, Policy.default().as_of(day)) == ()


def test_a_p2p_case_without_a_pre_work_premium_is_not_enrolled() -> None:
    case = edit("p2p", lambda d: doc(d, "bpjs-1")["premiums"].pop(0))
    (finding,) = check_cover(case, DEPARTURE, VIEW)
    assert finding.code == "social_security.not_enrolled"
    assert dict(finding.compared) == {"reason": "no_pre_work_premium"}


def test_no_membership_at_all_is_not_enrolled() -> None:
    case = edit(
        "p2p", lambda d: d.update(documents=[x for x in d["documents"] if x["id"] != "bpjs-1"])
    )
    assert codes(check_cover(case, DEPARTURE, VIEW)) == ["social_security.not_enrolled"]


def test_re_entry_cover_is_measured_against_the_remaining_contract() -> None:
    case = parse_case(procedural_case_data("re_entry"))
    day = datetime.date(2024, 2, 20)
    assert check_cover(case, day, Policy.default().as_of(day)) == ()
    early = edit("re_entry", lambda d: doc(d, "pk-1").update(duration_months=48))
    assert codes(check_cover(early, day, Policy.default().as_of(day))) == [
        "social_security.cover_shorter_than_contract"
    ]


def test_perseorangan_pays_no_pre_work_premium_and_registers_within_a_month() -> None:
    case = parse_case(procedural_case_data("perseorangan"))
    assert check_cover(case, DEPARTURE, VIEW) == ()
    later = datetime.date(2024, 6, 2)
    assert codes(check_cover(case, later, Policy.default().as_of(later))) == [
        "social_security.independent_registered_early"
    ]


def test_premium_after_the_placement_agreement_passes_enrolment() -> None:
    case = parse_case(procedural_case_data("p2p"))
    day = datetime.date(2024, 3, 12)
    assert check_enrolment(case, day, Policy.default().as_of(day)) == ()
