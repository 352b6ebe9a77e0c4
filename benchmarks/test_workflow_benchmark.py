"""A full P2P lifecycle with every gate, three ways, and the memory of a live case.

- ``shared``: the library — one shared definition per scheme and policy
  version, a small immutable state per case;
- ``naive``: the usual ``transitions`` use — one ``Machine`` per case, the same
  gates as conditions;
- ``shared_machine``: ``transitions`` driven the documented way for many
  cases — one ``Machine`` built once, each case added with ``add_model`` (and
  removed after), the same gates as conditions;
- ``table``: a hand-written transition table running the same gates (the floor).

All three call the same gate (:func:`pmi_workflow.rules.check_step`) and append
the same events. Run with ``pytest benchmarks/test_workflow_benchmark.py``.
"""

from __future__ import annotations

import datetime
import gc
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from _timing import cpu_per_call, paired_ratio
from transitions import Machine

from pmi_workflow.dates import local_day
from pmi_workflow.domain import Case, CaseEvent, parse_case
from pmi_workflow.enums import Step
from pmi_workflow.errors import ProcedureViolation
from pmi_workflow.policy import Policy
from pmi_workflow.rules import check_step
from pmi_workflow.samples import procedural_case_data
from pmi_workflow.workflow import CaseState, Workflow, definition_for

POLICY = Policy.default()
SAMPLE = parse_case(procedural_case_data("p2p"))
EMPTY = SAMPLE.model_copy(update={"history": ()})
STEPS = [(event.step, event.occurred_at, event.actor, event.evidence) for event in SAMPLE.history]
DEFINITION = definition_for(SAMPLE.scheme, POLICY.as_of(datetime.date(2024, 1, 1)))
WORKFLOW = Workflow(POLICY)


def _day(at: datetime.datetime) -> datetime.date:
    return local_day(at)


def _append(
    case: Case,
    step: Step,
    at: datetime.datetime,
    actor: Any,
    evidence: Any,
    version: str,
    warnings: tuple[str, ...],
) -> Case:
    event = CaseEvent(
        case_id=case.case_id,
        sequence=len(case.history) + 1,
        step=step,
        occurred_at=at,
        actor=actor,
        evidence=evidence,
        policy_version=version,
        warnings=warnings,
    )
    return case.with_event(event)


def _gate(case: Case, step: Step, at: datetime.datetime, actor: Any) -> tuple[str, tuple[str, ...]]:
    view = POLICY.as_of(_day(at))
    findings = check_step(case, step, view.day, view, actor=actor)
    if any(finding.is_error for finding in findings):
        raise ProcedureViolation(step.value, findings)
    return view.version, tuple(sorted({f.code for f in findings}))


def lifecycle_shared() -> Case:
    case, state = EMPTY, None
    for step, at, actor, evidence in STEPS:
        recorded = WORKFLOW.record(case, step, at=at, actor=actor, evidence=evidence, state=state)
        case, state = recorded.case, recorded.state
    return case


class _NaiveModel:
    def __init__(self, case: Case) -> None:
        self.case = case


def _naive_machine(model: _NaiveModel) -> Machine:
    def gate(event: Any) -> bool:
        step, at, actor, evidence = event.kwargs["item"]
        version, warnings = _gate(model.case, step, at, actor)
        model.case = _append(model.case, step, at, actor, evidence, version, warnings)
        return True

    return Machine(
        model=model,
        states=list(DEFINITION.states),
        transitions=[
            {
                "trigger": spec.step.value,
                "source": spec.source,
                "dest": spec.dest,
                "conditions": [gate],
            }
            for spec in DEFINITION.transitions
        ],
        initial=DEFINITION.initial,
        auto_transitions=False,
        send_event=True,
    )


def lifecycle_naive() -> Case:
    model = _NaiveModel(EMPTY)
    _naive_machine(model)
    for item in STEPS:
        model.trigger(item[0].value, item=item)  # type: ignore[attr-defined]
    return model.case


def _shared_gate(event: Any) -> bool:
    model = event.model
    step, at, actor, evidence = event.kwargs["item"]
    version, warnings = _gate(model.case, step, at, actor)
    model.case = _append(model.case, step, at, actor, evidence, version, warnings)
    return True


SHARED_MACHINE = Machine(
    model=None,
    states=list(DEFINITION.states),
    transitions=[
        {
            "trigger": spec.step.value,
            "source": spec.source,
            "dest": spec.dest,
            "conditions": [_shared_gate],
        }
        for spec in DEFINITION.transitions
    ],
    initial=DEFINITION.initial,
    auto_transitions=False,
    send_event=True,
)


def lifecycle_shared_machine() -> Case:
    model = _NaiveModel(EMPTY)
    SHARED_MACHINE.add_model(model)
    try:
        for item in STEPS:
            model.trigger(item[0].value, item=item)  # type: ignore[attr-defined]
    finally:
        SHARED_MACHINE.remove_model(model)
    return model.case


_TABLE = {(spec.source, spec.step): spec.dest for spec in DEFINITION.transitions}


def lifecycle_table() -> Case:
    case, state = EMPTY, DEFINITION.initial
    for step, at, actor, evidence in STEPS:
        dest = _TABLE.get((state, step))
        if dest is None:
            raise ProcedureViolation(step.value, ())
        version, warnings = _gate(case, step, at, actor)
        case = _append(case, step, at, actor, evidence, version, warnings)
        state = dest
    return case


@pytest.mark.parametrize(
    "way",
    [lifecycle_shared, lifecycle_naive, lifecycle_shared_machine, lifecycle_table],
    ids=["shared", "naive", "shared_machine", "table"],
)
def test_full_p2p_lifecycle_with_all_gates(benchmark: Any, way: Callable[[], Case]) -> None:
    benchmark.group = "lifecycle"
    case = benchmark(way)
    assert [event.step for event in case.history] == [event.step for event in SAMPLE.history]


def test_lifecycle_is_not_slower_than_one_shared_machine(benchmark: Any) -> None:
    """The target, as a ratio in one process: the library against ``add_model`` on one
    shared Machine with the same gates (CPU time, the median ratio of alternating rounds)."""
    benchmark.group = "lifecycle-target"
    library, shared, ratio = paired_ratio(lifecycle_shared, lifecycle_shared_machine)
    naive = cpu_per_call(lifecycle_naive)
    benchmark.extra_info.update(
        library_ms=round(library * 1000, 3),
        shared_machine_ms=round(shared * 1000, 3),
        naive_machine_per_case_ms=round(naive * 1000, 3),
        target="lifecycle with gates not slower than one shared Machine (add_model)",
        measured=round(ratio, 2),
        met=ratio <= 1.0,
    )
    benchmark.pedantic(lifecycle_shared, rounds=3, iterations=1)
    assert library > 0


RECORD = SAMPLE.to_json()


def audit_shared() -> Any:
    return WORKFLOW.audit(parse_case(RECORD), as_of=datetime.date(2024, 12, 31))


def audit_naive() -> Case:
    recorded = parse_case(RECORD)
    model = _NaiveModel(recorded.model_copy(update={"history": ()}))
    _naive_machine(model)
    for event in recorded.history:
        item = (event.step, event.occurred_at, event.actor, event.evidence)
        model.trigger(event.step.value, item=item)  # type: ignore[attr-defined]
    return model.case


def audit_table() -> Case:
    recorded = parse_case(RECORD)
    case, state = recorded.model_copy(update={"history": ()}), DEFINITION.initial
    for event in recorded.history:
        state = _TABLE.get((state, event.step), state)
        version, warnings = _gate(case, event.step, event.occurred_at, event.actor)
        case = _append(
            case, event.step, event.occurred_at, event.actor, event.evidence, version, warnings
        )
    return case


@pytest.mark.parametrize(
    "way", [audit_shared, audit_naive, audit_table], ids=["shared", "naive", "table"]
)
def test_audit_of_a_recorded_history(benchmark: Any, way: Callable[[], Any]) -> None:
    benchmark.group = "audit"
    result = benchmark(way)
    assert result is not None


def _live_bytes(make: Callable[[int], Any], count: int) -> float:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    keep = [make(index) for index in range(count)]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert len(keep) == count
    return (after - before) / count


def _shared_state(index: int) -> CaseState:
    return WORKFLOW.replay(SAMPLE.model_copy(update={"case_id": f"C-{index}"}))


def _naive_state(index: int) -> Machine:
    model = _NaiveModel(SAMPLE)
    machine = _naive_machine(model)
    model.state = "started_work"  # type: ignore[attr-defined]
    return machine


def test_memory_per_live_case(benchmark: Any) -> None:
    benchmark.group = "memory"
    shared = _live_bytes(_shared_state, 200)
    naive = _live_bytes(_naive_state, 200)
    benchmark.extra_info.update(
        shared_bytes_per_case=round(shared),
        naive_bytes_per_case=round(naive),
        ratio=round(naive / shared, 1),
    )
    benchmark.pedantic(_shared_state, args=(0,), rounds=3, iterations=1)
    assert shared < 4096, f"a live case costs {shared:.0f} bytes"
    assert naive > shared
