"""check_step as the gate of one step, validate_case as the verdict on a whole case."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest

from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain import Actor, Case, parse_case
from pmi_workflow.enums import ActorRole, Step
from pmi_workflow.policy import Policy
from pmi_workflow.rules import CONCERNS, SCHEDULE, check_step, validate_case
from pmi_workflow.rules.procedure import event_day
from pmi_workflow.samples import PROCEDURAL_SCHEMES, minimal_case_data, procedural_case_data

from .variants import doc, edit


def prefix(case: Case, length: int) -> Case:
    return case.model_copy(update={"history": case.history[:length]})


@pytest.mark.parametrize("scheme", PROCEDURAL_SCHEMES)
def test_every_step_of_a_procedural_case_passes_its_gate(scheme: str) -> None:
    case = parse_case(procedural_case_data(scheme))
    for index, event in enumerate(case.history):
        found = check_step(
            prefix(case, index), event.step, event_day(event), Policy.default(), actor=event.actor
        )
        assert found == (), (event.step, [f.code for f in found])


def test_departure_without_orientation_is_refused() -> None:
    case = parse_case(procedural_case_data("p2p"))
    before_opp = prefix(case, 10)
    found = check_step(before_opp, Step.DEPARTED, datetime.date(2024, 5, 20), Policy.default())
    errors = [f.code for f in found if f.is_error]
    assert "procedure.step_missing" in errors


def test_a_policy_and_its_view_give_the_same_findings() -> None:
    case = prefix(parse_case(procedural_case_data("p2p")), 10)
    day = datetime.date(2024, 5, 20)
    policy = Policy.default()
    assert check_step(case, Step.DEPARTED, day, policy) == check_step(
        case, Step.DEPARTED, day, policy.as_of(day)
    )
    assert check_step(case, Step.DEPARTED, day) == check_step(case, Step.DEPARTED, day, policy)


def test_a_timestamp_is_judged_on_the_day_of_its_own_offset() -> None:
    case = prefix(parse_case(procedural_case_data("p2p")), 1)
    late_evening_utc = datetime.datetime(2024, 1, 14, 20, 0, tzinfo=datetime.UTC)
    found = check_step(
        case.model_copy(update={"applicant": case.applicant}),
        Step.REGISTERED,
        late_evening_utc,  # type: ignore[arg-type]
        Policy.default(),
    )
    assert all(f.on == datetime.date(2024, 1, 14) for f in found)
    assert late_evening_utc.astimezone(JAKARTA).date() == datetime.date(2024, 1, 15)


def test_a_registration_in_makassar_on_the_18th_birthday_is_judged_on_that_day() -> None:
    # 00:30 WITA on 12 Jan 2024 is still 11 Jan in Jakarta, when the applicant was 17.
    def registered_in_makassar(data: dict[str, Any]) -> None:
        data["applicant"].update(nik="3603121201060002", birth_date="2006-01-12")
        for event in data["history"]:
            if event["step"] == "registered":
                event["occurred_at"] = "2024-01-12T00:30:00+08:00"

    case = edit("p2p", registered_in_makassar)
    registered = case.events_of(Step.REGISTERED)[0]
    assert registered.occurred_at.astimezone(JAKARTA).date() == datetime.date(2024, 1, 11)
    assert event_day(registered) == datetime.date(2024, 1, 12)
    report = validate_case(case, as_of=datetime.date(2024, 6, 1))
    assert "eligibility.age_below_minimum" not in report.codes


def test_age_is_judged_at_registration_and_again_at_departure() -> None:
    # 17 at registration (15 Jan 2024), 18 at departure (20 May 2024)
    case = edit(
        "p2p",
        lambda d: d["applicant"].update(nik="3603120103060002", birth_date="2006-03-01"),
    )
    report = validate_case(case, as_of=datetime.date(2024, 6, 1))
    ages = [f for f in report.findings if f.code == "eligibility.age_below_minimum"]
    assert [(f.step, dict(f.compared)["age"]) for f in ages] == [(Step.REGISTERED, "17")]


def test_an_applicant_under_age_at_both_steps_is_reported_at_both() -> None:
    case = edit(
        "p2p",
        lambda d: d["applicant"].update(nik="3603121506060002", birth_date="2006-06-15"),
    )
    report = validate_case(case, as_of=datetime.date(2024, 6, 1))
    steps = {f.step for f in report.findings if f.code == "eligibility.age_below_minimum"}
    assert steps == {Step.REGISTERED, Step.DEPARTED}


def test_validation_judges_steps_after_the_date_and_flags_them() -> None:
    case = edit("p2p", lambda d: doc(d, "opp-1").update(id="opp-x", issued_on="2024-06-30"))
    assert "documents.missing" in validate_case(case, as_of=datetime.date(2024, 6, 1)).codes
    early = validate_case(case, as_of=datetime.date(2024, 3, 1))
    assert {"documents.missing", "procedure.date_out_of_order"} <= set(early.codes)
    assert early.as_of == datetime.date(2024, 3, 1)
    assert early.events_judged == len(case.history)


def test_the_same_finding_at_several_steps_is_reported_once() -> None:
    case = edit("p2p", lambda d: doc(d, "consent-1").update(acknowledged_by_village_head=False))
    report = validate_case(case, as_of=datetime.date(2024, 6, 1))
    consent = [f for f in report.findings if f.code == "documents.consent_not_acknowledged"]
    assert len(consent) == 1
    assert consent[0].step is Step.REGISTERED


def test_report_is_json_ready_and_names_the_policy_versions() -> None:
    case = edit("p2p", lambda d: doc(d, "visa-1").update(visa_type="tourist"))
    report = validate_case(case, as_of=datetime.date(2024, 6, 1))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["verdict"] == "non_procedural"
    assert data["findings"][0]["code"] == "documents.visa_not_work"
    assert report.policy_versions
    assert all(v.startswith("pmi-workflow-default@") for v in report.policy_versions)
    assert report.errors == report.findings
    assert report.warnings == ()


def test_a_case_without_history_is_judged_on_identity_only() -> None:
    report = validate_case(parse_case(minimal_case_data()), as_of=datetime.date(2024, 6, 1))
    assert report.procedural
    assert report.findings == ()


def test_validate_case_defaults_to_today_in_jakarta() -> None:
    report = validate_case(parse_case(minimal_case_data()))
    assert report.as_of == datetime.datetime.now(JAKARTA).date()


def test_schedule_names_only_known_checks_and_uses_every_check() -> None:
    used = {name for names in SCHEDULE.values() for name in names}
    assert used == set(CONCERNS)


def test_eligibility_runs_at_registration_and_departure_licences_at_selection() -> None:
    assert "age" in SCHEDULE[Step.REGISTERED]
    assert "minimum_age" in SCHEDULE[Step.DEPARTED]
    assert "executor" in SCHEDULE[Step.SELECTED]
    assert {"fees", "social_security_cover", "required_documents"} <= set(SCHEDULE[Step.DEPARTED])


def test_the_recording_actor_is_checked_when_given() -> None:
    case = prefix(parse_case(procedural_case_data("p2p")), 1)
    day = datetime.date(2024, 1, 15)
    assert check_step(case, Step.REGISTERED, day, actor=Actor(role=ActorRole.DISNAKER)) == ()
    found = check_step(case, Step.REGISTERED, day, actor=Actor(role=ActorRole.EMPLOYER))
    assert [f.code for f in found] == ["procedure.actor_not_authorized"]


def _broken_everything(data: dict[str, Any]) -> None:
    data["executor"] = {"kind": "individual"}
    data["job_order"] = None
    data["documents"] = []
    data["costs"] = [
        {
            "component": "agency_service_fee",
            "amount": "9000000",
            "paid_by": "worker",
            "financing": "loan",
        }
    ]


def test_a_destination_range_is_judged_at_application_only() -> None:
    # Korea EPS 18-39: 39 at registration (Jan 2024), 40 at departure (May 2024)
    case = edit(
        "g2g",
        lambda d: d["applicant"].update(nik="3603124103840003", birth_date="1984-03-01"),
    )
    assert validate_case(case, as_of=datetime.date(2024, 6, 1)).findings == ()


def test_a_thoroughly_broken_case_gives_findings_not_exceptions() -> None:
    report = validate_case(edit("p2p", _broken_everything), as_of=datetime.date(2024, 6, 1))
    assert not report.procedural
    assert {"executor.individual_recruiter", "documents.missing", "fees.placement_loan"} <= set(
        report.codes
    )


def test_one_policy_serves_many_threads_with_identical_verdicts() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from .variants import VARIANTS

    policy = Policy([*Policy.default().entries], name="fresh")  # empty caches
    variants = [make() for make in VARIANTS.values() if make().policy is None]
    expected = [
        validate_case(v.case, as_of=v.as_of, policy=policy, registry=v.registry).to_dict()
        for v in variants
    ]

    def run(_: int) -> list[dict[str, Any]]:
        fresh = Policy([*Policy.default().entries], name="fresh")
        return [
            validate_case(v.case, as_of=v.as_of, policy=fresh, registry=v.registry).to_dict()
            for v in variants
        ]

    shared = Policy([*Policy.default().entries], name="fresh")

    def run_shared(_: int) -> list[dict[str, Any]]:
        return [
            validate_case(v.case, as_of=v.as_of, policy=shared, registry=v.registry).to_dict()
            for v in variants
        ]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run_shared, range(16))) + list(pool.map(run, range(2)))
    assert all(result == expected for result in results)


def test_bad_arguments_are_input_errors_naming_the_argument() -> None:
    from pmi_workflow.errors import InvalidInputError

    case = parse_case(procedural_case_data("p2p"))
    with pytest.raises(InvalidInputError, match="unknown step 'landed'"):
        check_step(case, "landed", datetime.date(2024, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="not str") as caught:
        check_step(case, Step.REGISTERED, "2024-01-01")  # type: ignore[arg-type]
    assert caught.value.problems[0].where == "on"
    with pytest.raises(InvalidInputError, match="needs a Case"):
        validate_case(procedural_case_data("p2p"))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"as_of must be a datetime\.date"):
        validate_case(case, as_of="2024-06-01")  # type: ignore[arg-type]


def test_validate_and_audit_check_their_arguments_alike_and_name_themselves() -> None:
    from pmi_workflow.errors import InvalidInputError
    from pmi_workflow.workflow import Workflow

    case = parse_case(procedural_case_data("p2p"))
    for caller, judge in (("validate_case()", validate_case), ("audit()", Workflow().audit)):
        with pytest.raises(InvalidInputError, match="^invalid input: case: " + re.escape(caller)):
            judge(procedural_case_data("p2p"))  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError) as caught:
            judge(case, as_of="2024-06-01")  # type: ignore[arg-type]
        assert caught.value.problems[0].where == "as_of"
        at_makassar = datetime.datetime(
            2024, 6, 2, 0, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
        )
        assert judge(case, as_of=at_makassar).as_of == datetime.date(2024, 6, 2)
