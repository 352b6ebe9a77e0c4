"""Procedure checks: missing steps, order, exits, recorders, registration abroad, information."""

from __future__ import annotations

import datetime
from typing import Any

from pmi_workflow.domain import Actor, Case, parse_case
from pmi_workflow.enums import ActorRole, Step
from pmi_workflow.findings import Severity
from pmi_workflow.policy import Policy
from pmi_workflow.rules import validate_case
from pmi_workflow.rules.procedure import (
    check_information,
    check_procedure,
    check_registered_abroad,
)
from pmi_workflow.samples import procedural_case_data

from .variants import edit, event, index_of, renumber

VIEW = Policy.default().as_of(datetime.date(2024, 6, 1))
AS_OF = datetime.date(2024, 6, 1)


def p2p() -> Case:
    return parse_case(procedural_case_data("p2p"))


def upto(case: Case, step: Step) -> Case:
    """The case with its history cut just before the first event of ``step``."""
    index = next(i for i, e in enumerate(case.history) if e.step is step)
    return case.model_copy(update={"history": case.history[:index]})


def codes(found: tuple[Any, ...]) -> list[tuple[str, str]]:
    return [(f.code, f.severity.value) for f in found]


def test_a_missing_hard_prerequisite_is_an_error() -> None:
    case = upto(p2p(), Step.PLACEMENT_AGREEMENT_SIGNED)
    found = check_procedure(case, Step.SOCIAL_SECURITY_ENROLLED, datetime.date(2024, 3, 12), VIEW)
    assert codes(found) == [("procedure.step_missing", "error")]
    assert dict(found[0].compared) == {
        "step": "social_security_enrolled",
        "required": "placement_agreement_signed",
    }


def test_a_missing_soft_prerequisite_is_a_warning() -> None:
    case = upto(p2p(), Step.INFORMED)
    found = check_procedure(case, Step.REGISTERED, datetime.date(2024, 1, 15), VIEW)
    assert codes(found) == [("procedure.out_of_order", "warning")]
    assert "urutan lazim" in found[0].message_id
    assert "usual order" in found[0].message_en


def test_passport_medical_and_competence_may_run_in_any_order_after_selection() -> None:
    case = upto(p2p(), Step.PASSPORT_ISSUED)
    for step in (Step.MEDICALLY_CLEARED, Step.COMPETENCE_CERTIFIED, Step.PASSPORT_ISSUED):
        assert check_procedure(case, step, datetime.date(2024, 2, 5), VIEW) == ()


def test_nothing_may_follow_a_withdrawal() -> None:
    data = procedural_case_data("p2p")
    data["history"] = data["history"][:3]
    data["history"].append(event(data, "withdrawn", "2024-02-02", "applicant"))
    case = parse_case(data)
    found = check_procedure(case, Step.MEDICALLY_CLEARED, datetime.date(2024, 3, 1), VIEW)
    assert ("procedure.after_exit", "error") in codes(found)


def test_a_repatriated_worker_may_still_arrive_home_and_be_reintegrated() -> None:
    data = procedural_case_data("p2p")
    data["history"].append(event(data, "repatriated", "2024-09-01", "perwakilan"))
    data["history"].append(event(data, "arrived_home", "2024-09-02", "bp3mi"))
    case = parse_case(data)
    assert check_procedure(case, Step.REINTEGRATED, datetime.date(2024, 10, 1), VIEW) == ()
    found = check_procedure(case, Step.STARTED_WORK, datetime.date(2024, 10, 1), VIEW)
    assert ("procedure.after_exit", "error") in codes(found)


def test_nothing_may_follow_reintegration() -> None:
    data = procedural_case_data("p2p")
    for step, day, role in (
        ("return_reported", "2026-04-20", "p3mi"),
        ("arrived_home", "2026-05-01", "bp3mi"),
        ("reintegrated", "2026-06-01", "disnaker"),
    ):
        data["history"].append(event(data, step, day, role))
    case = parse_case(data)
    found = check_procedure(case, Step.CONTRACT_EXTENDED, datetime.date(2026, 7, 1), VIEW)
    assert ("procedure.after_exit", "error") in codes(found)


def test_extension_needs_registration_abroad() -> None:
    case = upto(p2p(), Step.REGISTERED_ABROAD)
    found = check_procedure(case, Step.CONTRACT_EXTENDED, datetime.date(2026, 3, 1), VIEW)
    assert ("procedure.step_missing", "error") in codes(found)


def test_an_unauthorised_recorder_is_a_warning_and_no_actor_is_not_checked() -> None:
    case = upto(p2p(), Step.REGISTERED_ABROAD)
    day = datetime.date(2024, 5, 25)
    assert check_procedure(case, Step.REGISTERED_ABROAD, day, VIEW) == ()
    found = check_procedure(
        case, Step.REGISTERED_ABROAD, day, VIEW, actor=Actor(role=ActorRole.P3MI)
    )
    assert codes(found) == [("procedure.actor_not_authorized", "warning")]
    assert dict(found[0].compared) == {"role": "p3mi", "allowed": "perwakilan"}


def test_a_late_registration_abroad_is_a_warning_at_that_step() -> None:
    case = upto(p2p(), Step.REGISTERED_ABROAD)
    assert check_procedure(case, Step.REGISTERED_ABROAD, datetime.date(2024, 6, 19), VIEW) == ()
    found = check_procedure(case, Step.REGISTERED_ABROAD, datetime.date(2024, 6, 20), VIEW)
    assert codes(found) == [("procedure.not_registered_abroad", "warning")]


def test_an_overdue_registration_abroad_shows_only_once_the_window_has_passed() -> None:
    case = edit("p2p", lambda d: d.update(history=d["history"][: index_of(d, "registered_abroad")]))
    assert check_registered_abroad(case, datetime.date(2024, 6, 19), VIEW) == ()
    assert codes(check_registered_abroad(case, datetime.date(2024, 6, 20), VIEW)) == [
        ("procedure.not_registered_abroad", "warning")
    ]
    assert check_registered_abroad(case, datetime.date(2024, 5, 1), VIEW) == ()


def test_arrival_home_without_a_return_report_is_a_warning() -> None:
    case = p2p()
    found = check_procedure(case, Step.ARRIVED_HOME, datetime.date(2026, 5, 1), VIEW)
    assert codes(found) == [("procedure.return_not_reported", "warning")]
    data = procedural_case_data("p2p")
    data["history"].append(event(data, "return_reported", "2026-04-20", "p3mi"))
    assert (
        check_procedure(parse_case(data), Step.ARRIVED_HOME, datetime.date(2026, 5, 1), VIEW) == ()
    )


def test_information_covering_every_topic_passes() -> None:
    data = procedural_case_data("p2p")
    data["history"][0]["information_sessions"] = ["s-1", "s-2"]
    case = parse_case(data)
    topics = sorted(VIEW.information_topics)
    sessions = {"s-1": topics[:5], "s-2": topics[5:]}
    assert check_information(case, datetime.date(2024, 1, 15), VIEW, sessions) == ()
    found = check_information(case, datetime.date(2024, 1, 15), VIEW, {"s-1": topics[:5]})
    assert codes(found) == [("procedure.information_incomplete", "warning")]
    assert dict(found[0].compared)["missing"] == ", ".join(topics[5:])


def test_information_before_pp_59_2021_is_not_judged_by_its_topics() -> None:
    view_2020 = Policy.default().as_of(datetime.date(2020, 1, 1))
    assert check_information(p2p(), datetime.date(2020, 1, 1), view_2020, {}) == ()


def test_out_of_order_severity_follows_the_constraint() -> None:
    case = upto(p2p(), Step.VISA_ISSUED)
    found = check_procedure(case, Step.OPP_COMPLETED, datetime.date(2024, 5, 10), VIEW)
    severities = {dict(f.compared).get("required"): f.severity for f in found}
    assert severities["visa_issued"] is Severity.ERROR
    assert severities["employment_contract_signed"] is Severity.ERROR


# -- steps the scheme does not have: judged on the scheme's path entry -----------------------

_CONFIRMED_RE_ENTRY_PATH = """
[[scheme_path]]
id = "path/re_entry"
scheme = "re_entry"
steps = ["employment_contract_signed", "visa_issued", "medically_cleared",
         "social_security_enrolled", "departed", "registered_abroad", "started_work",
         "return_reported", "arrived_home", "reintegrated"]
source = "Agency circular 3/2026 (re-entry document list)"
confirmed = true
"""


def _re_entry_with_a_passport() -> Case:
    """A returning PMI renewing a passport: a step the re-entry path does not have."""

    def renew(data: dict[str, Any]) -> None:
        data["history"].insert(1, event(data, "passport_issued", "2024-02-01", "immigration"))
        renumber(data)

    return edit("re_entry", renew)


def test_a_step_outside_an_unconfirmed_path_is_a_warning_resting_on_the_path() -> None:
    found = [
        (f.code, f.severity, f.certainty.value, f.entries)
        for f in validate_case(_re_entry_with_a_passport(), as_of=AS_OF).findings
    ]
    assert found == [
        ("procedure.step_not_in_scheme", Severity.WARNING, "unconfirmed", ("path/re_entry",))
    ]


def test_a_step_outside_a_path_the_agency_confirmed_is_an_error_again() -> None:
    agency = Policy.from_toml(_CONFIRMED_RE_ENTRY_PATH)
    report = validate_case(_re_entry_with_a_passport(), as_of=AS_OF, policy=agency)
    assert [(f.code, f.severity, f.certainty.value, f.entries) for f in report.findings] == [
        ("procedure.step_not_in_scheme", Severity.ERROR, "confirmed", ("path/re_entry",))
    ]
    assert not report.procedural


def test_a_placement_agreement_for_an_independent_pmi_rests_on_the_independent_path() -> None:
    case = upto(parse_case(procedural_case_data("perseorangan")), Step.MEDICALLY_CLEARED)
    (finding,) = check_procedure(case, Step.PLACEMENT_AGREEMENT_SIGNED, VIEW.day, VIEW)
    assert (finding.code, finding.severity, finding.entries) == (
        "procedure.step_not_in_scheme",
        Severity.WARNING,
        ("path/perseorangan",),
    )
