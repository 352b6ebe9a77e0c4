"""The state machine definition: built once per scheme and policy version, checked when built."""

import datetime
import threading

import pytest

from pmi_workflow.enums import Scheme, Step
from pmi_workflow.errors import DefinitionError
from pmi_workflow.policy import Policy
from pmi_workflow.rules import CATALOG
from pmi_workflow.workflow import (
    INITIAL,
    ProcedureDefinition,
    TransitionSpec,
    definition_for,
    gate_codes,
)

VIEW = Policy.default().as_of(datetime.date(2024, 6, 1))


@pytest.mark.parametrize("scheme", list(Scheme))
def test_every_scheme_builds_a_consistent_machine(scheme: Scheme) -> None:
    definition = definition_for(scheme, VIEW)
    assert definition.initial == INITIAL
    assert definition.states[0] == INITIAL
    for terminal in definition.terminal:
        assert definition.open_steps(terminal) == ()
    assert definition.machine.models == []


@pytest.mark.parametrize("scheme", list(Scheme))
def test_every_state_of_the_path_has_a_way_in(scheme: Scheme) -> None:
    definition = definition_for(scheme, VIEW)
    targets = {spec.dest for spec in definition.transitions}
    assert set(definition.states) - {INITIAL} <= targets


def test_the_definition_is_shared_not_built_per_case() -> None:
    assert definition_for(Scheme.P2P, VIEW) is definition_for(Scheme.P2P, VIEW)


def test_building_from_many_threads_gives_one_definition() -> None:
    view = Policy.default().as_of(datetime.date(2023, 3, 3))
    found: list[ProcedureDefinition] = []
    threads = [
        threading.Thread(target=lambda: found.append(definition_for(Scheme.UKPS, view)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(item) for item in found}) == 1


def test_perseorangan_has_no_selection_and_no_placement_agreement() -> None:
    steps = definition_for(Scheme.PERSEORANGAN, VIEW).steps
    assert Step.SELECTED not in steps
    assert Step.PLACEMENT_AGREEMENT_SIGNED not in steps
    assert Step.FAILED_SELECTION not in steps


def test_re_entry_starts_at_the_contract() -> None:
    definition = definition_for(Scheme.RE_ENTRY, VIEW)
    assert definition.path[0] is Step.EMPLOYMENT_CONTRACT_SIGNED
    assert Step.INFORMED not in definition.steps


def test_parallel_steps_may_come_in_any_order_before_departure() -> None:
    definition = definition_for(Scheme.P2P, VIEW)
    assert definition.target("passport_issued", Step.MEDICALLY_CLEARED) == "passport_issued"
    assert definition.target("medically_cleared", Step.PASSPORT_ISSUED) == "passport_issued"


def test_after_departure_the_state_only_moves_forward() -> None:
    definition = definition_for(Scheme.P2P, VIEW)
    assert definition.target("departed", Step.MEDICALLY_CLEARED) is None
    # a placement step recorded late keeps the state, and is judged against the path's order
    assert definition.target("arrived_home", Step.REGISTERED_ABROAD) == "arrived_home"
    assert ("arrived_home", Step.REGISTERED_ABROAD) in definition.against_path
    assert ("registered_abroad", Step.STARTED_WORK) not in definition.against_path
    assert definition.path_entry is not None
    assert definition.path_entry.id == "path/p2p"


def test_nothing_follows_the_end_of_the_path() -> None:
    definition = definition_for(Scheme.P2P, VIEW)
    assert definition.is_terminal("reintegrated")
    assert definition.target("reintegrated", Step.REGISTERED_ABROAD) is None


def test_the_placement_loops_return_to_work() -> None:
    definition = definition_for(Scheme.P2P, VIEW)
    assert definition.target("started_work", Step.CONTRACT_EXTENDED) == "started_work"
    assert definition.target("registered_abroad", Step.EMPLOYER_CHANGED) == "started_work"


def test_a_repatriated_pmi_still_arrives_home() -> None:
    definition = definition_for(Scheme.P2P, VIEW)
    assert definition.target("started_work", Step.REPATRIATED) == "repatriated"
    assert definition.target("repatriated", Step.ARRIVED_HOME) == "arrived_home"
    assert not definition.is_terminal("repatriated")


def test_every_gate_names_rules_that_exist() -> None:
    for step in Step:
        for code in gate_codes(step):
            assert code in CATALOG


def _definition(**changes: object) -> ProcedureDefinition:
    fields: dict[str, object] = {
        "scheme": Scheme.P2P,
        "policy_version": "test",
        "path": (Step.INFORMED,),
        "states": (INITIAL, "informed", "withdrawn"),
        "terminal": frozenset({"withdrawn"}),
        "transitions": (
            TransitionSpec(Step.INFORMED, INITIAL, "informed"),
            TransitionSpec(Step.WITHDRAWN, "informed", "withdrawn"),
        ),
    }
    fields.update(changes)
    return ProcedureDefinition(**fields)  # type: ignore[arg-type]


def test_a_well_formed_small_definition_builds() -> None:
    assert _definition().target(INITIAL, Step.INFORMED) == "informed"


def test_an_unreachable_state_is_refused() -> None:
    with pytest.raises(DefinitionError, match="'registered' cannot be reached"):
        _definition(states=(INITIAL, "informed", "withdrawn", "registered"))


def test_a_way_out_of_a_terminal_state_is_refused() -> None:
    transitions = (
        TransitionSpec(Step.INFORMED, INITIAL, "informed"),
        TransitionSpec(Step.WITHDRAWN, "informed", "withdrawn"),
        TransitionSpec(Step.INFORMED, "withdrawn", "informed"),
    )
    with pytest.raises(DefinitionError, match="terminal state 'withdrawn' has a way out"):
        _definition(transitions=transitions)


def test_an_unknown_initial_state_is_refused() -> None:
    with pytest.raises(DefinitionError, match="initial state"):
        _definition(initial="start")


def test_a_transition_to_an_unknown_state_is_refused() -> None:
    transitions = (
        TransitionSpec(Step.INFORMED, INITIAL, "informed"),
        TransitionSpec(Step.WITHDRAWN, "informed", "gone"),
    )
    with pytest.raises(DefinitionError, match="unknown state 'gone'"):
        _definition(transitions=transitions)


def test_two_destinations_for_one_step_are_refused() -> None:
    transitions = (
        TransitionSpec(Step.INFORMED, INITIAL, "informed"),
        TransitionSpec(Step.INFORMED, INITIAL, "withdrawn"),
        TransitionSpec(Step.WITHDRAWN, "informed", "withdrawn"),
    )
    with pytest.raises(DefinitionError, match="two destinations"):
        _definition(transitions=transitions)
