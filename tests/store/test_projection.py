"""Summaries from the workflow: query stored cases by procedure state and audit verdict."""

from pmi_workflow.domain import parse_case
from pmi_workflow.samples import procedural_case_data
from pmi_workflow.store import MemoryStore, SqliteStore, workflow_projector
from pmi_workflow.testing import make_case


def test_the_state_is_the_workflow_state_not_the_last_step() -> None:
    case = make_case("p2p", step="competence_certified")  # passport came before competence
    project = workflow_projector()
    assert case.history[-1].step.value == "competence_certified"
    assert project(case).state == "passport_issued"
    assert project(case).verdict is None


def test_stored_cases_can_be_queried_by_verdict(tmp_path: object) -> None:
    good = parse_case(procedural_case_data("p2p"))
    bad = make_case("ukps", documents={"visa-1": {"visa_type": "tourist"}})
    with SqliteStore(f"{tmp_path}/cases.db", projector=workflow_projector(audit=True)) as store:
        store.create(good)
        store.create(bad)
        found = [summary.case_id for summary in store.query(verdict="non_procedural")]
        assert found == [bad.case_id]
        assert store.summary(good.case_id).verdict == "procedural"


def test_a_memory_store_accepts_the_projector() -> None:
    with MemoryStore(projector=workflow_projector(audit=True)) as store:
        store.create(make_case("g2g"))
        assert [s.state for s in store.query(state="started_work")] == ["started_work"]
