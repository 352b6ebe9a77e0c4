"""The store's records: summaries, queries, verify reports."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain import parse_case
from pmi_workflow.enums import Step
from pmi_workflow.errors import InvalidInputError, TamperDetectedError
from pmi_workflow.store import (
    BrokenLink,
    CaseQuery,
    VerifyReport,
    default_projector,
    executor_of,
    summarize,
)
from pmi_workflow.testing.store_contract import make_case


def test_default_summary_takes_the_last_step_as_state() -> None:
    case = make_case("C-1")
    summary = default_projector(case)
    assert summary.state == case.history[-1].step.value
    assert summary.version == len(case.history)


def test_summarize_keeps_the_given_state_and_verdict() -> None:
    summary = summarize(make_case("C-1"), state="blocked", verdict="non_procedural")
    assert (summary.state, summary.verdict) == ("blocked", "non_procedural")


def test_an_individual_recruiter_is_summarised_without_a_name() -> None:
    data = make_case("C-1").to_dict()
    data["executor"] = {"kind": "individual", "name": "Siti Aminah"}
    recruiter = parse_case(data)
    assert executor_of(recruiter) == ("individual", None)
    assert executor_of(make_case("C-2", "g2g"))[0] == "agency"


def test_a_date_bound_covers_the_whole_jakarta_day() -> None:
    query = CaseQuery(occurred_from=date(2024, 3, 1), occurred_to=date(2024, 3, 1))
    assert query.since == datetime(2024, 3, 1, tzinfo=JAKARTA)
    assert query.until == datetime(2024, 3, 2, tzinfo=JAKARTA)
    summary = summarize(make_case("C-1"))
    late_evening = datetime(2024, 3, 1, 23, 59, tzinfo=JAKARTA)
    assert query.matches(summary, [(Step.DEPARTED, late_evening)]) is False  # no step filter
    by_step = CaseQuery(step=Step.DEPARTED, occurred_from=date(2024, 3, 1))
    assert by_step.matches(summary, [(Step.DEPARTED, late_evening)])
    assert not by_step.matches(summary, [(Step.DEPARTED, late_evening - timedelta(days=1))])


def test_a_naive_time_bound_or_negative_paging_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        CaseQuery(occurred_to=datetime(2024, 1, 1), offset=-1)
    assert {problem.where for problem in caught.value.problems} == {"occurred_to", "offset"}


def test_a_report_with_a_broken_link_raises_tamper_detected() -> None:
    report = VerifyReport(2, 10, (BrokenLink("C-1", 4, "the event does not match its hash"),))
    assert not report.ok
    with pytest.raises(TamperDetectedError) as caught:
        report.raise_if_broken()
    assert (caught.value.case_id, caught.value.version) == ("C-1", 4)
    assert VerifyReport(1, 1).ok
