"""The shared transitions Machine drives recording; the replay table is derived from it."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from transitions.core import Event, EventData

from pmi_workflow.enums import Scheme, Step
from pmi_workflow.errors import ProcedureViolation
from pmi_workflow.policy import Policy
from pmi_workflow.rules.definition import Cursor, StepRequest
from pmi_workflow.rules.procedure import AFTER_EXIT_ALLOWED, scheme_step_set
from pmi_workflow.samples import procedural_case_data
from pmi_workflow.testing import make_case
from pmi_workflow.workflow import Workflow, definition_for

VIEW = Policy.default().as_of(datetime.date(2024, 6, 1))
WORKFLOW = Workflow()


def test_every_recorded_step_fires_a_transitions_event(monkeypatch: pytest.MonkeyPatch) -> None:
    fired: list[str] = []
    original = Event.trigger

    def counting(self: Event, model: object, *args: object, **kwargs: object) -> bool:
        fired.append(self.name)
        return bool(original(self, model, *args, **kwargs))

    monkeypatch.setattr(Event, "trigger", counting)
    full = make_case("p2p")
    case = full.model_copy(update={"history": ()})
    for event in full.history:
        case = WORKFLOW.record(
            case,
            event.step,
            at=event.occurred_at,
            actor=event.actor,
            evidence=event.evidence,
        ).case
    assert fired == [event.step.value for event in full.history]
    assert [e.step for e in case.history] == [e.step for e in full.history]


def test_a_refusal_is_a_failed_condition_with_its_findings_on_the_event_data() -> None:
    definition = definition_for(Scheme.P2P, VIEW)
    seen: list[object] = []

    def record(event_data: object) -> None:
        seen.append(event_data)

    allowed = StepRequest(lambda: (), record)
    assert definition.fire("new", Step.INFORMED, allowed) == "informed"
    assert len(seen) == 1
    assert seen[0].findings == ()  # type: ignore[attr-defined]
    case = make_case("p2p", step="employment_contract_signed")
    with pytest.raises(ProcedureViolation) as caught:
        WORKFLOW.record(case, "departed", at=datetime.datetime(2024, 5, 20, 9), actor="bp3mi")
    assert "procedure.step_missing" in {f.code for f in caught.value.findings}


def test_a_bare_trigger_moves_a_slotted_cursor_not_a_model() -> None:
    definition = definition_for(Scheme.P2P, VIEW)
    cursor = Cursor("new")
    assert definition.machine.events["informed"].trigger(cursor)
    assert cursor.state == "informed"
    assert not hasattr(cursor, "__dict__")
    assert definition.machine.models == []


def _through_machine(scheme: Scheme, steps: list[Step]) -> list[str | None]:
    definition = definition_for(scheme, VIEW)
    state = definition.initial
    seen: list[str | None] = []
    for step in steps:
        event = definition.machine.events.get(step.value)
        cursor = Cursor(state)
        if event is None or state not in event.transitions:
            seen.append(None)
            continue
        event.trigger(cursor)
        state = cursor.state
        seen.append(state)
    return seen


def _through_table(scheme: Scheme, steps: list[Step]) -> list[str | None]:
    definition = definition_for(scheme, VIEW)
    state = definition.initial
    seen: list[str | None] = []
    for step in steps:
        dest = definition.target(state, step)
        if dest is not None:
            state = dest
        seen.append(dest)
    return seen


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(list(Scheme)), st.lists(st.sampled_from(list(Step)), max_size=30))
def test_the_machine_and_the_replay_table_reach_the_same_states_and_refusals(
    scheme: Scheme, steps: list[Step]
) -> None:
    assert _through_machine(scheme, steps) == _through_table(scheme, steps)


@pytest.mark.parametrize("scheme", [s for s in Scheme if Step.DEPARTED in VIEW.scheme_steps(s)])
def test_a_repatriated_pmi_may_be_reintegrated_as_the_rules_allow(scheme: Scheme) -> None:
    definition = definition_for(scheme, VIEW)
    for after in AFTER_EXIT_ALLOWED[Step.REPATRIATED]:
        if after in scheme_step_set(VIEW, scheme):
            assert definition.target("repatriated", after) == after.value


def test_the_rules_and_the_machine_know_the_same_steps() -> None:
    for scheme in Scheme:
        assert scheme_step_set(VIEW, scheme) == definition_for(scheme, VIEW).steps


def test_replay_of_a_sample_runs_through_the_machine_states() -> None:
    from pmi_workflow.domain import parse_case

    case = parse_case(procedural_case_data("g2g"))
    steps = [event.step for event in case.history]
    assert _through_machine(Scheme.G2G, steps)[-1] == WORKFLOW.replay(case).state


def test_facts_remembered_by_recording_equal_a_fresh_scan() -> None:
    from pmi_workflow.rules.procedure import HistoryFacts

    case = make_case("p2p", step="opp_completed")
    recorded = WORKFLOW.record(
        case, "departed", at=datetime.datetime(2024, 5, 20, 9), actor="bp3mi"
    )
    remembered = HistoryFacts.of(recorded.case.history)
    fresh = HistoryFacts()
    for event in recorded.case.history:
        fresh.add(event.step, event.occurred_at.date())
    assert (remembered.done, remembered.ended, remembered.last_day, remembered.count) == (
        fresh.done,
        fresh.ended,
        fresh.last_day,
        fresh.count,
    )
    assert remembered.count == len(recorded.case.history)


def test_a_step_that_keeps_the_state_is_an_internal_transition_that_still_records() -> None:
    definition = definition_for(Scheme.P2P, VIEW)
    seen: list[object] = []

    def record(event_data: EventData) -> None:
        seen.append(event_data.state.name if event_data.state is not None else None)

    request = StepRequest(lambda: (), record)
    assert definition.target("passport_issued", Step.MEDICALLY_CLEARED) == "passport_issued"
    assert definition.fire("passport_issued", Step.MEDICALLY_CLEARED, request) == "passport_issued"
    assert seen == ["passport_issued"]
