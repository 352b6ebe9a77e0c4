"""procedure.information_incomplete judged from recorded information sessions."""

from __future__ import annotations

import datetime
from pathlib import Path

from pmi_workflow.domain import Case
from pmi_workflow.findings import Severity
from pmi_workflow.outreach import InformationSession, Topic
from pmi_workflow.policy import Policy
from pmi_workflow.rules import validate_case
from pmi_workflow.rules.information import check_information, session_topics
from pmi_workflow.testing import make_case

REGION = {"province": "Banten", "regency": "Kabupaten Tangerang", "regency_code": "3603"}


def session(session_id: str, *topics: Topic) -> InformationSession:
    return InformationSession(
        session_id=session_id,
        held_on=datetime.date(2024, 1, 5),
        place="Aula Disnaker Kabupaten Tangerang",
        region=REGION,
        organisers=[{"role": "disnaker"}],
        topics=frozenset(topics),
        anonymous_participants=10,
    )


FULL = session("S-FULL", *Topic)
COSTS = session("S-COSTS", Topic.PLACEMENT_COSTS, Topic.OFFICIAL_PROCEDURE)
REST = session("S-REST", *(set(Topic) - {Topic.PLACEMENT_COSTS, Topic.OFFICIAL_PROCEDURE}))


def citing(case: Case, *session_ids: str) -> Case:
    history = list(case.history)
    history[0] = history[0].model_copy(update={"information_sessions": session_ids})
    return case.model_copy(update={"history": tuple(history)})


def test_a_session_covering_every_topic_leaves_nothing_to_report() -> None:
    case = citing(make_case("p2p", step="registered"), "S-FULL")
    assert check_information(case, [FULL, COSTS]) == ()


def test_attending_only_a_short_session_is_a_warning_naming_the_missing_topics() -> None:
    case = citing(make_case("p2p", step="registered"), "S-COSTS")
    (finding,) = check_information(case, [FULL, COSTS])
    assert finding.code == "procedure.information_incomplete"
    assert finding.severity is Severity.WARNING
    assert finding.on == datetime.date(2024, 1, 15)  # the day of registration
    missing = dict(finding.compared)["missing"]
    assert "complaint_mechanisms" in missing
    assert "placement_costs" not in missing
    assert "PP 59/2021" in str(finding.legal_basis[0])


def test_two_sessions_together_can_cover_the_topics() -> None:
    case = citing(make_case("p2p", step="registered"), "S-COSTS", "S-REST")
    assert check_information(case, [COSTS, REST]) == ()


def test_an_unknown_session_id_covers_nothing() -> None:
    case = citing(make_case("p2p", step="registered"), "S-UNKNOWN")
    assert [f.code for f in check_information(case, [FULL])] == ["procedure.information_incomplete"]


def test_an_agency_policy_can_narrow_the_required_topics(tmp_path: Path) -> None:
    overlay = tmp_path / "topics.toml"
    overlay.write_text(
        "[[information_topics]]\n"
        'id = "pp-59-2021/pasal-4"\n'
        'topics = ["placement_costs", "official_procedure"]\n'
        "effective_from = 2021-04-30\n"
        'source = "agency practice"\n',
        "utf-8",
    )
    policy = Policy.load(overlay)
    case = citing(make_case("p2p", step="registered"), "S-COSTS")
    assert check_information(case, [COSTS], policy) == ()
    assert check_information(case, [COSTS]) != ()


def test_a_case_without_history_has_nothing_to_judge() -> None:
    case = make_case("p2p").model_copy(update={"history": ()})
    assert check_information(case, [FULL]) == ()


def test_validate_case_reports_incomplete_information_when_given_session_topics() -> None:
    case = citing(make_case("p2p"), "S-COSTS")
    report = validate_case(
        case, as_of=datetime.date(2024, 12, 31), sessions=session_topics([FULL, COSTS])
    )
    assert "procedure.information_incomplete" in report.codes
    assert report.procedural  # a warning never decides the verdict


def test_session_topics_maps_ids_to_topic_keys() -> None:
    assert session_topics([COSTS]) == {"S-COSTS": {"placement_costs", "official_procedure"}}
