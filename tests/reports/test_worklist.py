"""The worklist: cases with something due or overdue."""

from __future__ import annotations

import datetime

from pmi_workflow.domain import Case
from pmi_workflow.enums import Step
from pmi_workflow.reports.worklist import build_worklist, work_items
from pmi_workflow.testing import make_case


def _day_of(case: Case, step: Step) -> datetime.date:
    return next(event.occurred_at.date() for event in case.history if event.step is step)


def test_a_departed_worker_who_has_not_reported_at_the_mission_is_due_then_overdue() -> None:
    case = make_case("p2p", "departed")
    departed = _day_of(case, Step.DEPARTED)
    [due] = work_items(case, departed + datetime.timedelta(days=1))
    assert due.kind == "report_at_perwakilan"
    assert not due.overdue
    [late] = work_items(case, departed + datetime.timedelta(days=90))
    assert late.overdue
    assert late.note("id").startswith("terlambat sejak ")
    assert late.due == due.due


def test_a_worker_who_reported_at_the_mission_has_nothing_due() -> None:
    case = make_case("p2p")
    assert work_items(case, _day_of(case, Step.STARTED_WORK) + datetime.timedelta(days=5)) == ()


def test_a_passport_expiring_before_the_contract_ends_is_listed() -> None:
    case = make_case("p2p", documents={"passport-1": {"expires_on": "2025-01-10"}})
    items = work_items(case, datetime.date(2024, 12, 20))
    assert [(item.kind, item.due, item.overdue) for item in items] == [
        ("passport_before_contract_end", datetime.date(2025, 1, 10), False)
    ]


def test_pre_work_cover_about_to_lapse_is_listed_before_departure() -> None:
    case = make_case("p2p", "social_security_enrolled")
    items = build_worklist([case], datetime.date(2024, 9, 5))
    kinds = {item.kind: item for item in items}
    assert "pre_work_cover" in kinds
    assert kinds["pre_work_cover"].overdue


def test_a_case_that_ended_has_nothing_due() -> None:
    case = make_case("p2p", "departed")
    ended = case.model_copy(
        update={
            "history": (
                *case.history,
                case.history[-1].model_copy(
                    update={"sequence": len(case.history) + 1, "step": Step.WITHDRAWN}
                ),
            )
        }
    )
    assert work_items(ended, datetime.date(2025, 6, 1)) == ()


def test_overdue_items_come_first() -> None:
    early = make_case("p2p", "departed", case_id="A-1")
    late = make_case("p2p", documents={"passport-1": {"expires_on": "2025-01-10"}}, case_id="B-1")
    day = datetime.date(2024, 12, 20)
    items = build_worklist([late, early], day)
    assert [item.overdue for item in items] == sorted((item.overdue for item in items),
                                                      reverse=True)  # fmt: skip
    assert {item.case_id for item in items} == {"A-1", "B-1"}
