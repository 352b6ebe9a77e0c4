"""The service layer: record, add, validate and audit stored cases, with optimistic concurrency."""

from __future__ import annotations

import datetime
import threading
from pathlib import Path

import pytest

from pmi_workflow.errors import (
    CaseNotFoundError,
    ConcurrencyConflictError,
    InvalidInputError,
    ProcedureViolation,
)
from pmi_workflow.service import CaseService, parse_document
from pmi_workflow.store import CaseExistsError, MemoryStore, SqliteStore
from pmi_workflow.testing import make_case

AT = datetime.datetime(2024, 5, 10, 9)
OPP = {"type": "opp_certificate", "id": "opp-1", "issued_on": "2024-05-10"}
EPMI = {"type": "pmi_card", "id": "epmi-1", "issued_on": "2024-05-10"}


@pytest.fixture
def service() -> CaseService:
    store = MemoryStore()
    service = CaseService(store)
    store.refresh_summaries(service.projector)
    return service


@pytest.fixture
def case_id(service: CaseService) -> str:
    case = make_case("p2p", step="employment_contract_signed")
    service.create_case(case)
    return case.case_id


def test_recording_a_step_appends_one_event_and_moves_the_state(
    service: CaseService, case_id: str
) -> None:
    service.add_document(case_id, OPP)
    service.add_document(case_id, EPMI)
    recorded = service.record_step(
        case_id, "opp_completed", at=AT, actor="bp3mi", evidence=["opp-1", "epmi-1"],
        expected_version=10,
    )  # fmt: skip
    assert (recorded.version, recorded.state, recorded.event.sequence) == (11, "opp_completed", 11)
    assert service.version(case_id) == 11
    assert service.store.summary(case_id).state == "opp_completed"
    assert service.load(case_id).history[-1].step.value == "opp_completed"


def test_a_stale_expected_version_is_a_conflict_and_writes_nothing(
    service: CaseService, case_id: str
) -> None:
    service.add_document(case_id, OPP)
    with pytest.raises(ConcurrencyConflictError) as caught:
        service.record_step(
            case_id, "opp_completed", at=AT, actor="bp3mi", evidence=["opp-1"], expected_version=9
        )
    assert (caught.value.expected_version, caught.value.actual_version) == (9, 10)
    assert service.version(case_id) == 10


def test_a_step_the_procedure_refuses_raises_its_findings_and_writes_nothing(
    service: CaseService, case_id: str
) -> None:
    with pytest.raises(ProcedureViolation) as caught:
        service.record_step(case_id, "departed", at=AT, actor="p3mi", expected_version=10)
    assert "procedure.step_missing" in {finding.code for finding in caught.value.errors}
    assert service.version(case_id) == 10


def test_an_actor_without_authority_is_refused_when_roles_are_enforced(
    service: CaseService, case_id: str
) -> None:
    service.add_document(case_id, OPP)
    with pytest.raises(ProcedureViolation) as caught:
        service.record_step(
            case_id, "opp_completed", at=AT, actor="p3mi", evidence=["opp-1"], enforce_roles=True
        )
    assert [f.code for f in caught.value.findings] == ["procedure.actor_not_authorized"]
    assert service.version(case_id) == 10


def test_without_enforcement_an_unauthorised_role_is_recorded_with_a_warning(
    service: CaseService, case_id: str
) -> None:
    service.add_document(case_id, OPP)
    recorded = service.record_step(
        case_id, "opp_completed", at=AT, actor="p3mi", evidence=["opp-1"]
    )
    assert "procedure.actor_not_authorized" in recorded.event.warnings


def test_adding_a_document_keeps_the_history_and_the_version(
    service: CaseService, case_id: str
) -> None:
    added = service.add_document(case_id, OPP, expected_version=10)
    assert (added.document_id, added.version) == ("opp-1", 10)
    stored = service.load(case_id)
    assert stored.document("opp-1") is not None
    assert len(stored.history) == 10


def test_a_document_id_already_in_the_case_is_refused(service: CaseService, case_id: str) -> None:
    service.add_document(case_id, OPP)
    with pytest.raises(InvalidInputError) as caught:
        service.add_document(case_id, OPP)
    assert caught.value.problems[0].location == ("id",)


def test_adding_a_document_to_a_case_that_moved_on_is_a_conflict(
    service: CaseService, case_id: str
) -> None:
    with pytest.raises(ConcurrencyConflictError):
        service.add_document(case_id, OPP, expected_version=3)
    assert service.load(case_id).document("opp-1") is None


def test_an_invalid_document_names_the_field_without_its_value() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_document({"type": "passport", "id": "pp-1", "number": "X", "issued_on": "31-31-2020"})
    assert "31-31-2020" not in str(caught.value)
    assert any("issued_on" in problem.where for problem in caught.value.problems)


def test_a_document_must_be_an_object() -> None:
    with pytest.raises(InvalidInputError, match="JSON object"):
        parse_document(["opp_certificate"])  # type: ignore[arg-type]


def test_a_negative_expected_version_is_invalid_input(service: CaseService, case_id: str) -> None:
    with pytest.raises(InvalidInputError, match="whole number"):
        service.add_document(case_id, OPP, expected_version=-1)


def test_recording_on_an_unknown_case_says_it_is_not_found(service: CaseService) -> None:
    with pytest.raises(CaseNotFoundError):
        service.record_step("CASE-NOPE", "registered", at=AT, actor="disnaker")


def test_creating_a_case_twice_is_refused(service: CaseService, case_id: str) -> None:
    with pytest.raises(CaseExistsError):
        service.create_case(make_case("p2p", step="selected"))


def test_a_record_is_parsed_when_a_case_is_created(service: CaseService) -> None:
    data = make_case("g2g", step="registered").to_dict()
    assert service.create_case(data).version == len(data["history"])


def test_validate_and_audit_accept_an_id_a_record_or_a_case(service: CaseService) -> None:
    case = make_case("p2p")
    service.create_case(case)
    day = datetime.date(2025, 1, 6)
    by_id = service.validate(case.case_id, as_of=day)
    assert by_id.verdict == service.validate(case.to_dict(), as_of=day).verdict
    assert by_id.codes == service.validate(case, as_of=day).codes
    audit = service.audit(case.case_id, as_of=day)
    assert audit.events_judged == len(case.history)
    assert audit.verdict == service.audit(case, as_of=day).verdict


def test_two_writers_at_one_version_one_wins_and_one_gets_a_conflict(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "cases.db")
    try:
        service = CaseService(store)
        case = make_case("p2p", step="employment_contract_signed")
        service.create_case(case)
        service.add_document(case.case_id, OPP)
        outcomes: list[str] = []
        start = threading.Barrier(2)

        def write(minute: int) -> None:
            start.wait()
            try:
                service.record_step(
                    case.case_id, "opp_completed", at=AT.replace(minute=minute), actor="bp3mi",
                    evidence=["opp-1"], expected_version=10,
                )  # fmt: skip
                outcomes.append("won")
            except ConcurrencyConflictError:
                outcomes.append("conflict")

        threads = [threading.Thread(target=write, args=(minute,)) for minute in (1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["conflict", "won"]
        assert service.version(case.case_id) == 11
    finally:
        store.close()


def test_validate_and_audit_judge_the_information_sessions_of_the_workflow_alike() -> None:
    from pmi_workflow.outreach import Topic
    from pmi_workflow.store import MemoryStore as Store
    from pmi_workflow.workflow import Workflow

    case = make_case("p2p", step="registered")
    history = list(case.history)
    history[0] = history[0].model_copy(update={"information_sessions": ("S-COSTS",)})
    case = case.model_copy(update={"history": tuple(history)})
    sessions = {"S-COSTS": frozenset({Topic.PLACEMENT_COSTS.value})}
    service = CaseService(Store(), Workflow(sessions=sessions))
    day = datetime.date(2024, 6, 1)
    validated = service.validate(case, as_of=day)
    audited = service.audit(case, as_of=day)
    assert "procedure.information_incomplete" in validated.codes
    assert validated == audited
