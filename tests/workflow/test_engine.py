"""Driving cases: record with gates, refuse with reasons, dry runs, replay, audit, threads."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest

from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain import Case, OppCertificate, PmiCard, parse_case
from pmi_workflow.enums import ActorRole, Scheme, Step
from pmi_workflow.errors import InvalidInputError, ProcedureViolation
from pmi_workflow.policy import Policy
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data
from pmi_workflow.testing import make_case
from pmi_workflow.workflow import CaseState, Workflow, definition_for

WORKFLOW = Workflow()
AS_OF = datetime.date(2024, 12, 31)


def _at(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=9, tzinfo=JAKARTA)


def _empty(case: Case) -> Case:
    return case.model_copy(update={"history": ()})


def _informed_with_documents() -> Case:
    full = make_case("p2p")
    return full.model_copy(update={"history": full.history[:1]})


def _record_live(sample: Case) -> Case:
    case = _empty(sample)
    for event in sample.history:
        case = WORKFLOW.record(
            case,
            event.step,
            at=event.occurred_at,
            actor=event.actor,
            evidence=event.evidence,
            event_id=event.event_id,
        ).case
    return case


@pytest.mark.parametrize("scheme", PROCEDURAL_SCHEMES)
def test_a_procedural_case_of_every_scheme_records_step_by_step(scheme: str) -> None:
    sample = parse_case(procedural_case_data(scheme))
    live = _record_live(sample)
    assert [event.step for event in live.history] == [event.step for event in sample.history]
    assert all(event.policy_version for event in live.history)
    assert all(event.warnings == () for event in live.history)


@pytest.mark.parametrize("scheme", PROCEDURAL_SCHEMES)
def test_replay_equals_the_live_state(scheme: str) -> None:
    sample = parse_case(procedural_case_data(scheme))
    case = _empty(sample)
    state = WORKFLOW.replay(case)
    for event in sample.history:
        recorded = WORKFLOW.record(
            case, event.step, at=event.occurred_at, actor=event.actor, evidence=event.evidence
        )
        case, state = recorded.case, recorded.state
        assert WORKFLOW.replay(case) == state
    assert WORKFLOW.replay(sample).state == state.state == "started_work"


@pytest.mark.parametrize("scheme", PROCEDURAL_SCHEMES)
def test_replaying_twice_gives_the_same_state_and_findings(scheme: str) -> None:
    case = parse_case(procedural_case_data(scheme))
    assert WORKFLOW.replay(case) == WORKFLOW.replay(case)
    assert WORKFLOW.audit(case, as_of=AS_OF) == WORKFLOW.audit(case, as_of=AS_OF)


@pytest.mark.parametrize("scheme", PROCEDURAL_SCHEMES)
def test_the_audit_of_a_procedural_history_is_clean(scheme: str) -> None:
    report = WORKFLOW.audit(parse_case(procedural_case_data(scheme)), as_of=AS_OF)
    assert report.procedural
    assert report.verdict == "procedural"
    assert report.findings == ()
    assert report.state == "started_work"
    assert report.events_judged == len(procedural_case_data(scheme)["history"])


def test_cannot_depart_without_orientation() -> None:
    case = make_case("p2p", step="employment_contract_signed")
    with pytest.raises(ProcedureViolation) as caught:
        WORKFLOW.record(case, Step.DEPARTED, at=_at("2024-05-20"), actor="bp3mi")
    assert "procedure.step_missing" in {finding.code for finding in caught.value.errors}
    finding = next(f for f in caught.value.errors if f.code == "procedure.step_missing")
    assert finding.message_id
    assert finding.message_en
    assert finding.legal_basis


def test_cannot_record_a_step_after_withdrawal() -> None:
    case = make_case("p2p", step="selected")
    case = WORKFLOW.record(case, Step.WITHDRAWN, at=_at("2024-02-02"), actor="applicant").case
    assert WORKFLOW.replay(case).state == "withdrawn"
    with pytest.raises(ProcedureViolation) as caught:
        WORKFLOW.record(
            case,
            Step.PASSPORT_ISSUED,
            at=_at("2024-02-05"),
            actor="immigration",
            evidence=("passport-1",) if case.document("passport-1") else (),
        )
    assert "procedure.after_exit" in {finding.code for finding in caught.value.errors}


_CONFIRMED_INDEPENDENT_PATH = """
[[scheme_path]]
id = "path/perseorangan"
scheme = "perseorangan"
steps = ["informed", "registered", "medically_cleared", "competence_certified",
         "passport_issued", "visa_issued", "employment_contract_signed",
         "social_security_enrolled", "opp_completed", "departed", "registered_abroad",
         "started_work", "arrived_home", "reintegrated"]
source = "Agency circular 3/2026"
confirmed = true
"""


def test_an_independent_pmi_cannot_sign_a_placement_agreement_where_the_path_is_confirmed() -> None:
    workflow = Workflow(policy=Policy.from_toml(_CONFIRMED_INDEPENDENT_PATH))
    case = make_case("perseorangan", step="registered")
    check = workflow.check(case, Step.PLACEMENT_AGREEMENT_SIGNED, at=_at("2024-01-20"))
    assert not check.allowed
    assert check.codes == ("procedure.step_not_in_scheme",)
    assert check.state_after == check.state_before  # a step outside the path moves nothing
    with pytest.raises(ProcedureViolation):
        workflow.record(case, Step.PLACEMENT_AGREEMENT_SIGNED, at=_at("2024-01-20"), actor="p3mi")


def test_a_step_outside_an_unconfirmed_path_is_recorded_with_a_warning_and_moves_nothing() -> None:
    case = make_case("perseorangan", step="registered")
    state = WORKFLOW.replay(case).state
    check = WORKFLOW.check(case, Step.PLACEMENT_AGREEMENT_SIGNED, at=_at("2024-01-20"))
    assert check.allowed
    assert [(f.code, f.severity.value, f.entries) for f in check.findings] == [
        ("procedure.step_not_in_scheme", "warning", ("path/perseorangan",))
    ]
    recorded = WORKFLOW.record(
        case, Step.PLACEMENT_AGREEMENT_SIGNED, at=_at("2024-01-20"), actor="p3mi"
    )
    assert recorded.event.warnings == ("procedure.step_not_in_scheme",)
    assert recorded.state.state == state
    assert Step.PLACEMENT_AGREEMENT_SIGNED not in WORKFLOW.open_steps(case, at=_at("2024-01-20"))


def test_the_premium_cannot_come_before_the_placement_agreement() -> None:
    case = make_case("p2p", step="competence_certified", drop_steps=())
    check = WORKFLOW.check(case, Step.SOCIAL_SECURITY_ENROLLED, at=_at("2024-03-12"), actor="bpjs")
    assert "procedure.step_missing" in check.codes


def test_a_contract_cannot_be_extended_before_registration_abroad() -> None:
    case = make_case("p2p", step="departed")
    check = WORKFLOW.check(case, Step.CONTRACT_EXTENDED, at=_at("2024-06-01"), actor="perwakilan")
    assert not check.allowed
    assert "procedure.step_missing" in check.codes


def test_a_step_the_structure_does_not_allow_is_out_of_order() -> None:
    case = make_case("p2p", step="started_work", drop_steps=("competence_certified",))
    check = WORKFLOW.check(
        case, Step.COMPETENCE_CERTIFIED, at=_at("2024-06-01"), actor="training_institute"
    )
    assert not check.allowed
    assert "procedure.out_of_order" in check.codes
    assert any("the structure of the procedure" in f.message_en for f in check.findings)


def test_a_step_recorded_again_has_its_own_code_and_message() -> None:
    case = make_case("p2p", step="started_work")
    check = WORKFLOW.check(case, Step.DEPARTED, at=_at("2024-06-01"), actor="bp3mi")
    assert check.codes == ("procedure.step_repeated",)
    assert check.findings[0].message_en == (
        "The step Departed was already recorded on 20 May 2024; it is not recorded twice."
    )
    assert "20 Mei 2024" in check.findings[0].message_id


def test_a_backdated_step_is_dated_out_of_order() -> None:
    case = make_case("p2p", step="registered")
    check = WORKFLOW.check(case, Step.SELECTED, at=_at("2024-01-01"), actor="p3mi")
    assert not check.allowed
    assert "procedure.date_out_of_order" in check.codes
    finding = next(f for f in check.findings if f.code == "procedure.date_out_of_order")
    assert "before the previous step" in finding.message_en
    assert (finding.legal_basis[0].text("id"), finding.legal_basis[0].text("en")) == (
        "integritas data",
        "data integrity",
    )


def test_a_visit_visa_refuses_the_visa_step() -> None:
    case = make_case(
        "p2p",
        step="social_security_enrolled",
        documents={
            "visa-1": {
                "type": "visa",
                "visa_type": "visit",
                "country": "MY",
                "issued_on": "2024-04-15",
            }
        },
    )
    with pytest.raises(ProcedureViolation) as caught:
        WORKFLOW.record(
            case, Step.VISA_ISSUED, at=_at("2024-04-15"), actor="p3mi", evidence=("visa-1",)
        )
    assert [f.code for f in caught.value.errors] == ["documents.visa_not_work"]
    assert "visa_not_work" in str(caught.value)


def test_a_warning_does_not_block_and_is_recorded_on_the_event() -> None:
    case = _informed_with_documents()
    recorded = WORKFLOW.record(
        case, Step.REGISTERED, at=_at("2024-01-15"), actor="p3mi", evidence=("msc-1", "consent-1")
    )
    assert recorded.event.warnings == ("procedure.actor_not_authorized",)
    assert [finding.code for finding in recorded.warnings] == ["procedure.actor_not_authorized"]


def test_a_refusal_changes_nothing() -> None:
    case = make_case("p2p", step="employment_contract_signed")
    before = case.model_dump()
    with pytest.raises(ProcedureViolation):
        WORKFLOW.record(case, Step.DEPARTED, at=_at("2024-05-20"), actor="bp3mi")
    assert case.model_dump() == before


def test_a_dry_run_changes_nothing_and_says_why() -> None:
    case = make_case("p2p", step="employment_contract_signed")
    check = WORKFLOW.check(case, Step.DEPARTED, at=_at("2024-05-20"), actor="bp3mi")
    assert not check.allowed
    assert check.state_before == "employment_contract_signed"
    assert check.state_after == "departed"
    assert len(case.history) == 10


def test_the_open_steps_are_those_whose_gate_passes() -> None:
    case = make_case("p2p", step="employment_contract_signed")
    case = case.with_documents(
        OppCertificate(id="opp-1", issued_on=datetime.date(2024, 5, 10)),
        PmiCard(id="epmi-1", issued_on=datetime.date(2024, 5, 10)),
    )
    opened = WORKFLOW.open_steps(case, at=_at("2024-05-10"), actor="bp3mi")
    assert Step.OPP_COMPLETED in opened
    assert Step.DEPARTED not in opened
    assert Step.WITHDRAWN in opened


def test_evidence_must_name_documents_of_the_case() -> None:
    case = make_case("p2p", step="informed")
    with pytest.raises(InvalidInputError, match="evidence names documents"):
        WORKFLOW.record(
            case, Step.REGISTERED, at=_at("2024-01-15"), actor="disnaker", evidence=("ktp-9",)
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"step": "flew", "at": _at("2024-01-15"), "actor": "disnaker"}, "unknown step"),
        ({"step": "registered", "at": _at("2024-01-15"), "actor": "calo"}, "unknown actor"),
        ({"step": "registered", "at": "2024-01-15", "actor": "disnaker"}, "must be a datetime"),
    ],
)
def test_bad_arguments_get_a_clear_error(kwargs: dict[str, object], message: str) -> None:
    case = make_case("p2p", step="informed")
    with pytest.raises(InvalidInputError, match=message):
        WORKFLOW.record(case, **kwargs)  # type: ignore[arg-type]


def test_a_naive_timestamp_is_taken_as_jakarta_time() -> None:
    case = _informed_with_documents()
    recorded = WORKFLOW.record(
        case,
        "registered",
        at=datetime.datetime(2024, 1, 15, 9),
        actor=ActorRole.DISNAKER,
        evidence=("msc-1", "consent-1"),
    )
    assert recorded.event.occurred_at.tzinfo is JAKARTA


@pytest.mark.parametrize("scheme", list(Scheme))
def test_every_transition_of_every_scheme_is_taken_by_the_engine(scheme: Scheme) -> None:
    sample_scheme = scheme.value if scheme.value in PROCEDURAL_SCHEMES else "g2g"
    case = parse_case({**procedural_case_data(sample_scheme), "scheme": scheme.value})
    case = case.model_copy(update={"history": ()})
    view = Policy.default().as_of(datetime.date(2024, 6, 1))
    definition = definition_for(scheme, view, case.destination)
    for spec in definition.transitions:
        state = CaseState(case.case_id, scheme, spec.source, 0, 0, None, case.destination)
        check = WORKFLOW.check(case, spec.step, at=_at("2024-06-01"), state=state)
        assert check.state_before == spec.source
        assert check.state_after == spec.dest


def test_the_audit_finds_every_problem_without_stopping() -> None:
    case = make_case(
        "p2p",
        applicant__birth_date="2008-01-01",
        applicant__nik="3603120101080001",
        documents={"visa-1": {"visa_type": "visit"}},
        drop_steps=("opp_completed",),
    )
    report = WORKFLOW.audit(case, as_of=AS_OF)
    assert not report.procedural
    assert {
        "eligibility.age_below_minimum",
        "documents.visa_not_work",
        "procedure.step_missing",
    } <= set(report.codes)
    assert report.state == "started_work"
    assert len(report.reasons("id")) == len(report.errors)
    assert report.to_dict()["verdict"] == "non_procedural"


def test_the_audit_judges_every_event_and_flags_those_after_its_date() -> None:
    case = parse_case(procedural_case_data("p2p"))
    report = WORKFLOW.audit(case, as_of=datetime.date(2024, 3, 1))
    assert report.events_judged == len(case.history)
    assert report.state == "started_work"
    late = [f for f in report.findings if f.code == "procedure.date_out_of_order"]
    assert [f.where for f in late] == [f"history.{n}.occurred_at" for n in range(7, 15)]
    assert not report.procedural


def test_the_audit_reports_a_backdated_history() -> None:
    data = procedural_case_data("p2p")
    data["history"][11]["occurred_at"] = "2024-05-01T09:00:00+07:00"  # departed before OPP
    report = WORKFLOW.audit(parse_case(data), as_of=AS_OF)
    assert "procedure.date_out_of_order" in report.codes
    assert not report.procedural


def test_a_first_event_dated_2204_by_mistake_does_not_hide_an_umrah_visa() -> None:
    data = procedural_case_data("p2p")
    data["history"][0]["occurred_at"] = "2204-01-08T09:00:00+07:00"
    next(d for d in data["documents"] if d["id"] == "visa-1")["visa_type"] = "umrah"
    case = parse_case(data)
    for report in (WORKFLOW.audit(case), WORKFLOW.audit(case, as_of=AS_OF)):
        assert {"procedure.date_out_of_order", "documents.visa_not_work"} <= set(report.codes)
        assert report.verdict == "non_procedural"


def test_the_audit_verdict_matches_the_rules_verdict_for_rule_breaks() -> None:
    from pmi_workflow.rules import validate_case

    case = make_case("p2p", documents={"visa-1": {"visa_type": "umrah"}})
    assert WORKFLOW.audit(case, as_of=AS_OF).codes == validate_case(case, as_of=AS_OF).codes


def test_one_workflow_serves_many_threads() -> None:
    samples = [parse_case(procedural_case_data(s)) for s in PROCEDURAL_SCHEMES] * 4
    serial = [WORKFLOW.replay(_record_live(sample)) for sample in samples]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda s: WORKFLOW.replay(_record_live(s)), samples))
    assert parallel == serial


def test_a_workflow_holds_no_per_case_data() -> None:
    assert not hasattr(Workflow(), "__dict__")
    assert Workflow.__slots__ == ("_policy", "_registry", "_sessions")
