"""The district report's figures, checked against the synthetic regency data."""

from __future__ import annotations

import datetime
import threading
from collections import Counter

import pytest

from pmi_workflow.domain import Case
from pmi_workflow.enums import ActorRole, Step
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.outreach import InformationSession, Topic
from pmi_workflow.reports import (
    Period,
    RegionSource,
    build_district_report,
    case_regency_code,
    null_auditor,
    rules_auditor,
    workflow_auditor,
)
from pmi_workflow.reports.synthetic import INTENDED_NON_PROCEDURAL, REGENCY_CODE, district_sample
from pmi_workflow.rules import ValidationReport, validate_case
from pmi_workflow.rules._base import make_finding
from pmi_workflow.testing import make_case

YEAR_2024 = Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
DATA = district_sample()
REPORT = build_district_report(DATA[0], DATA[1], regency_code=REGENCY_CODE, period=YEAR_2024)


def cases_in_scope(cases: tuple[Case, ...], period: Period = YEAR_2024) -> list[Case]:
    """The cases of the regency in the period, selected straight from the records."""
    chosen = []
    for case in cases:
        code = case.applicant.address.regency_code or case.applicant.nik.reveal()[:4]
        first = case.history[0].occurred_at.date()
        if code == REGENCY_CODE and period.start <= first <= period.end:
            chosen.append(case)
    return chosen


def sessions_in_scope(sessions: tuple[InformationSession, ...]) -> list[InformationSession]:
    return [
        s
        for s in sessions
        if s.region.regency_code == REGENCY_CODE and YEAR_2024.start <= s.held_on <= YEAR_2024.end
    ]


def test_the_sessions_held_and_the_people_reached_match_the_session_records() -> None:
    held = sessions_in_scope(DATA[1])
    assert REPORT.sessions.held == len(held) == 2
    assert REPORT.sessions.reached == sum(
        len(s.participant_niks) + s.anonymous_participants for s in held
    )
    assert REPORT.sessions.reached == 160  # two sessions for 160 people, as in the issue
    assert REPORT.sessions.anonymous_participants == sum(s.anonymous_participants for s in held)


def test_linked_participants_are_counted_once_and_followed_to_their_cases() -> None:
    held = sessions_in_scope(DATA[1])
    linked = {nik.reveal() for s in held for nik in s.participant_niks}
    assert REPORT.sessions.linked_participants == len(linked)
    by_nik = {case.applicant.nik.reveal(): case for case in DATA[0]}
    registered = sum(
        1 for nik in linked if nik in by_nik and by_nik[nik].events_of(Step.REGISTERED)
    )
    departed = sum(1 for nik in linked if nik in by_nik and by_nik[nik].events_of(Step.DEPARTED))
    assert REPORT.sessions.participants_registered == registered
    assert REPORT.sessions.participants_departed == departed
    assert 0 < departed < registered


def test_organisers_and_topic_coverage_come_from_the_sessions() -> None:
    held = sessions_in_scope(DATA[1])
    organisers = Counter(role for s in held for role in s.organiser_roles)
    assert dict(REPORT.sessions.by_organiser) == organisers
    assert dict(REPORT.sessions.by_organiser)[ActorRole.DISNAKER] == 2
    coverage = dict(REPORT.sessions.topic_coverage)
    for topic in Topic:
        assert coverage[topic] == sum(1 for s in held if topic in s.topics)


def test_the_funnel_counts_the_cases_that_recorded_each_step() -> None:
    scope = cases_in_scope(DATA[0])
    expected = {
        "informed": sum(1 for c in scope if c.events_of(Step.INFORMED)),
        "registered": sum(1 for c in scope if c.events_of(Step.REGISTERED)),
        "departed": sum(1 for c in scope if c.events_of(Step.DEPARTED)),
        "returned": sum(
            1 for c in scope if c.events_of(Step.ARRIVED_HOME) or c.events_of(Step.REPATRIATED)
        ),
    }
    assert {stage.step: stage.cases for stage in REPORT.funnel} == expected
    assert expected["departed"] > expected["returned"] >= 1


def test_outcomes_match_an_audit_of_every_case_in_scope() -> None:
    scope = cases_in_scope(DATA[0])
    assert REPORT.outcomes.cases == len(scope) == 14
    non_procedural = {
        case.case_id for case in scope if not validate_case(case, as_of=YEAR_2024.end).procedural
    }
    assert REPORT.outcomes.non_procedural == len(non_procedural)
    assert REPORT.outcomes.procedural == len(scope) - len(non_procedural)
    assert non_procedural == set(INTENDED_NON_PROCEDURAL)


def test_the_intended_finding_of_every_non_procedural_case_is_among_the_top_codes() -> None:
    top = {item.code: item for item in REPORT.outcomes.top_findings}
    for code in INTENDED_NON_PROCEDURAL.values():
        assert code in top
        assert top[code].cases >= 1
    assert "procedure.information_incomplete" in top  # a session did not cover every topic


def test_top_findings_list_errors_before_warnings() -> None:
    severities = [item.severity.value for item in REPORT.outcomes.top_findings]
    assert severities == sorted(severities)  # "error" < "warning"


def test_breakdowns_add_up_to_the_cases_in_scope() -> None:
    scope = cases_in_scope(DATA[0])
    for dimension in ("destination", "occupation", "scheme", "status"):
        rows = REPORT.breakdown(dimension).rows
        assert sum(row.cases for row in rows) == len(scope)
        assert sum(row.non_procedural for row in rows) == REPORT.outcomes.non_procedural
    by_destination = {row.key: row.cases for row in REPORT.breakdown("destination").rows}
    assert by_destination == Counter(case.destination for case in scope)
    by_scheme = {row.key: row.cases for row in REPORT.breakdown("scheme").rows}
    assert by_scheme == Counter(case.scheme.value for case in scope)
    departed = {row.key: row.departed for row in REPORT.breakdown("scheme").rows}
    assert sum(departed.values()) == {s.step: s.cases for s in REPORT.funnel}["departed"]


def test_the_report_holds_no_personal_data_unless_asked() -> None:
    assert REPORT.cases is None
    assert not REPORT.includes_personal_data
    text = repr(REPORT.to_dict())
    for case in DATA[0]:
        assert case.applicant.nik.reveal() not in text
        assert case.applicant.name.reveal() not in text
        assert case.case_id not in text


def test_personal_data_is_listed_when_asked_explicitly() -> None:
    report = build_district_report(
        DATA[0],
        DATA[1],
        regency_code=REGENCY_CODE,
        period=YEAR_2024,
        auditor=null_auditor,
        include_personal_data=True,
    )
    assert report.cases is not None
    assert {line.case_id for line in report.cases} == {c.case_id for c in cases_in_scope(DATA[0])}
    assert "nik" in report.to_dict()["cases"][0]


def test_a_case_counts_by_the_nik_region_when_the_address_has_no_code() -> None:
    by_nik_only = [c for c in DATA[0] if c.applicant.address.regency_code is None]
    assert by_nik_only
    assert case_regency_code(by_nik_only[0]) == REGENCY_CODE
    report = build_district_report(
        DATA[0],
        DATA[1],
        regency_code=REGENCY_CODE,
        period=YEAR_2024,
        auditor=null_auditor,
        region_source=RegionSource.ADDRESS,
    )
    assert report.outcomes.cases == REPORT.outcomes.cases - len(by_nik_only)


def test_a_case_is_judged_as_it_stood_at_the_end_of_the_period() -> None:
    first_quarter = Period(datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    report = build_district_report(
        DATA[0], DATA[1], regency_code=REGENCY_CODE, period=first_quarter
    )
    scope = cases_in_scope(DATA[0], first_quarter)
    departed_by_march = sum(
        1
        for case in scope
        if any(e.occurred_at.date() <= first_quarter.end for e in case.events_of(Step.DEPARTED))
    )
    stages = {stage.step: stage.cases for stage in report.funnel}
    assert stages["departed"] == departed_by_march
    assert stages["departed"] < {s.step: s.cases for s in REPORT.funnel}["departed"]
    assert stages["returned"] == 0
    # the visit visa is issued in April: by the end of March nothing shows yet
    assert report.outcomes.non_procedural < REPORT.outcomes.non_procedural


def test_other_regencies_and_other_years_are_left_out() -> None:
    year_2023 = Period(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    report = build_district_report(
        DATA[0], DATA[1], regency_code=REGENCY_CODE, period=year_2023, auditor=null_auditor
    )
    assert report.outcomes.cases == 2
    assert report.sessions.held == 1
    bogor = build_district_report(
        DATA[0], DATA[1], regency_code="3201", period=YEAR_2024, auditor=null_auditor
    )
    assert bogor.outcomes.cases == 1
    assert bogor.regency_name == "Kabupaten Bogor"


def test_any_callable_returning_the_one_result_type_can_audit() -> None:
    calls: list[str] = []
    refused = make_finding("procedure.step_missing", YEAR_2024.end, step=None, where=None)

    def strict(case: Case, on: datetime.date) -> ValidationReport:
        calls.append(case.case_id)
        found = (refused,) if case.scheme.value == "p2p" else ()
        return ValidationReport(case.case_id, on, found, scheme=case.scheme)

    report = build_district_report(
        DATA[0], DATA[1], regency_code=REGENCY_CODE, period=YEAR_2024, auditor=strict
    )
    assert len(calls) == report.outcomes.cases
    p2p = sum(1 for c in cases_in_scope(DATA[0]) if c.scheme.value == "p2p")
    assert report.outcomes.non_procedural == p2p


def test_bad_arguments_are_refused_clearly() -> None:
    with pytest.raises(InvalidInputError, match="4 digits"):
        build_district_report(DATA[0], regency_code="36", period=YEAR_2024)
    with pytest.raises(InvalidInputError, match="ends before it starts"):
        Period(datetime.date(2024, 2, 1), datetime.date(2024, 1, 1))
    with pytest.raises(InvalidInputError, match="top"):
        build_district_report(DATA[0], regency_code="3603", period=YEAR_2024, top=0)


def test_an_empty_district_gives_an_empty_report() -> None:
    report = build_district_report(
        [make_case("p2p")], regency_code="9999", period=YEAR_2024, auditor=null_auditor
    )
    assert report.outcomes.cases == 0
    assert report.sessions.held == 0
    assert all(stage.cases == 0 for stage in report.funnel)


def test_reports_built_from_several_threads_agree() -> None:
    auditor = rules_auditor(DATA[1])
    results: list[dict[str, object]] = []
    lock = threading.Lock()

    def build() -> None:
        report = build_district_report(
            DATA[0], DATA[1], regency_code=REGENCY_CODE, period=YEAR_2024, auditor=auditor
        )
        with lock:
            results.append(report.to_dict())

    threads = [threading.Thread(target=build) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4
    assert all(result == REPORT.to_dict() for result in results)


def test_destinations_are_named_in_indonesian_and_english() -> None:
    rows = {row.key: row for row in REPORT.breakdown("destination").rows}
    assert (rows["KR"].label_id, rows["KR"].label_en) == ("Korea Selatan", "South Korea")
    assert (rows["JP"].label_id, rows["JP"].label_en) == ("Jepang", "Japan")


def test_a_step_is_dated_by_its_day_in_its_own_offset() -> None:
    case = DATA[0][0]
    first = case.history[0]
    # 1 January 2024 at 00:30 in Makassar (WITA) is still 31 December 2023 in Jakarta
    wita = datetime.timezone(datetime.timedelta(hours=8))
    moved = first.model_copy(
        update={"occurred_at": datetime.datetime(2024, 1, 1, 0, 30, tzinfo=wita)}
    )
    shifted = case.model_copy(update={"history": (moved, *case.history[1:])})
    report = build_district_report(
        [shifted], regency_code=REGENCY_CODE, period=YEAR_2024, auditor=null_auditor
    )
    assert report.outcomes.cases == 1


def test_an_auditor_returning_something_else_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="returned NoneType"):
        build_district_report(
            DATA[0], regency_code=REGENCY_CODE, period=YEAR_2024, auditor=lambda case, on: None
        )


def test_an_auditor_returning_another_shape_is_refused_clearly() -> None:
    with pytest.raises(TypeError, match="returned tuple"):
        build_district_report(
            DATA[0], regency_code=REGENCY_CODE, period=YEAR_2024, auditor=lambda c, on: ((), True)
        )


def test_without_session_records_the_information_rule_is_not_judged() -> None:
    report = build_district_report(DATA[0], regency_code=REGENCY_CODE, period=YEAR_2024)
    codes = {item.code for item in report.outcomes.top_findings}
    assert "procedure.information_incomplete" not in codes
    assert report.outcomes.non_procedural == REPORT.outcomes.non_procedural


def test_the_default_workflow_audit_and_the_rules_agree_on_the_sample() -> None:
    by_rules = build_district_report(
        DATA[0],
        DATA[1],
        regency_code=REGENCY_CODE,
        period=YEAR_2024,
        auditor=rules_auditor(DATA[1]),
    )
    by_workflow = build_district_report(
        DATA[0],
        DATA[1],
        regency_code=REGENCY_CODE,
        period=YEAR_2024,
        auditor=workflow_auditor(DATA[1]),
    )
    assert by_rules.to_dict() == by_workflow.to_dict() == REPORT.to_dict()
