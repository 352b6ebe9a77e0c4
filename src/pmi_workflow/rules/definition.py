"""The procedure as a state machine: states, transitions, and the checks made when it is built.

One :class:`ProcedureDefinition` exists per scheme and policy version, built
once from the policy's data (the scheme's path of steps) and shared by every
case. It holds a :class:`transitions.Machine` with no model attached — cases
are never bound to it (pytransitions issue 635) — and a lookup table compiled
from that machine's transitions, so that moving a case costs one dictionary
lookup.

States are named after the step that reached them (``registered``,
``departed``...), plus ``new`` (initial). Before departure the state is the
furthest step of the path reached: steps that may run in parallel (medical,
competence, passport...) can be recorded in any order, and the ordering
constraints are judged by the rules (hard ones refuse, soft ones warn).
After departure the path only moves forward; the contract-extension and
employer-change loops return to ``started_work`` (working). Exits end a case,
except ``repatriated``, after which the PMI still arrives home.

>>> import datetime
>>> from pmi_workflow.policy import Policy
>>> from pmi_workflow.enums import Scheme, Step
>>> definition = definition_for(Scheme.P2P, Policy.default().as_of(datetime.date(2024, 1, 1)))
>>> definition.initial, definition.target("new", Step.INFORMED)
('new', 'informed')
>>> definition.target("visa_issued", Step.MEDICALLY_CLEARED)  # a late parallel step
'visa_issued'
>>> definition.target("departed", Step.INFORMED) is None
True
>>> sorted(definition.terminal)[:3]
['deceased', 'failed_medical', 'failed_selection']
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from transitions import EventData, Machine

from pmi_workflow.enums import Scheme, Stage, Step
from pmi_workflow.errors import DefinitionError
from pmi_workflow.findings import Finding
from pmi_workflow.policy import PolicyView
from pmi_workflow.policy.core import LOOP_STEPS
from pmi_workflow.policy.entries import SchemePath
from pmi_workflow.rules.catalog import CATALOG

INITIAL = "new"
"""The state of a case before its first step."""

__all__ = [
    "AFTER_EXIT_ALLOWED",
    "ENDING_STEPS",
    "INITIAL",
    "PROCEDURE_CODES",
    "Cursor",
    "ProcedureDefinition",
    "StepRequest",
    "TransitionSpec",
    "definition_for",
    "gate_codes",
]

logger = logging.getLogger(__name__)


_PRE_DEPARTURE_EXITS = (
    Step.WITHDRAWN,
    Step.FAILED_SELECTION,
    Step.FAILED_MEDICAL,
    Step.FAILED_TO_DEPART,
)
_LOOPS = tuple(sorted(LOOP_STEPS, key=list(Step).index))
_WORKING = Step.STARTED_WORK.value

ENDING_STEPS = frozenset({step for step in Step if step.is_exit} | {Step.REINTEGRATED})
"""Steps after which a case is over."""

AFTER_EXIT_ALLOWED: Mapping[Step, frozenset[Step]] = MappingProxyType(
    {Step.REPATRIATED: frozenset({Step.ARRIVED_HOME, Step.REINTEGRATED, Step.DECEASED})}
)
"""Steps that may still follow an exit (a repatriated PMI arrives home and is reintegrated):
read by the rules (``procedure.after_exit``) and by the machine (its transitions)."""

PROCEDURE_CODES: tuple[str, ...] = (
    "procedure.step_not_in_scheme",
    "procedure.step_missing",
    "procedure.out_of_order",
    "procedure.after_exit",
    "procedure.actor_not_authorized",
    "procedure.date_out_of_order",
    "procedure.step_repeated",
)
"""The codes every gate may raise: the procedure checks run at every step."""


def gate_codes(step: Step) -> tuple[str, ...]:
    """The rule codes the gate of ``step`` may raise (procedure checks plus its concerns)."""
    from pmi_workflow.rules.engine import CONCERN_CODES, SCHEDULE

    codes = list(PROCEDURE_CODES)
    if step is Step.REGISTERED_ABROAD:
        codes.append("procedure.not_registered_abroad")
    if step is Step.ARRIVED_HOME:
        codes.append("procedure.return_not_reported")
    if step is Step.REGISTERED:
        codes.append("procedure.information_incomplete")
    for concern in SCHEDULE.get(step, ()):
        codes.extend(code for code in CONCERN_CODES.get(concern, ()) if code not in codes)
    return tuple(codes)


class Cursor:
    """The tiny object a trigger moves: only a ``state`` (no Machine and no model per case)."""

    __slots__ = ("state",)

    def __init__(self, state: str) -> None:
        self.state = state


class StepRequest:
    """What one trigger carries to the shared Machine's callbacks.

    ``judge`` runs the gate (the rules and the structure) and returns its
    findings; ``record`` (optional) is called after the transition, with the
    ``EventData``, to record the step. The findings are left here and on the
    ``EventData``.
    """

    __slots__ = ("findings", "judge", "record")

    def __init__(
        self,
        judge: Callable[[], tuple[Finding, ...]],
        record: Callable[[EventData], None] | None = None,
    ) -> None:
        self.judge = judge
        self.record = record
        self.findings: tuple[Finding, ...] = ()


def _gate_passes(event: EventData) -> bool:
    """Every transition's condition: the step's gate allows it (no error finding)."""
    request: StepRequest | None = event.kwargs.get("request")
    if request is None:  # a bare trigger follows the structure alone
        return True
    request.findings = request.judge()
    event.findings = request.findings  # type: ignore[attr-defined]
    return not any(finding.is_error for finding in request.findings)


def _record(event: EventData) -> None:
    """Every transition's after-callback: record the step that passed its gate."""
    request: StepRequest | None = event.kwargs.get("request")
    if request is not None and request.record is not None:
        request.record(event)


@dataclass(frozen=True, slots=True)
class TransitionSpec:
    """One transition: recording ``step`` in state ``source`` leads to state ``dest``."""

    step: Step
    source: str
    dest: str


@dataclass(frozen=True)
class ProcedureDefinition:
    """The state machine of one scheme under one policy version. Immutable and shared.

    Build it with :func:`definition_for` (cached); the constructor checks the
    definition and raises :class:`~pmi_workflow.errors.DefinitionError` when
    it is inconsistent.
    """

    scheme: Scheme
    policy_version: str
    path: tuple[Step, ...]
    states: tuple[str, ...]
    terminal: frozenset[str]
    transitions: tuple[TransitionSpec, ...]
    initial: str = INITIAL
    destination: str | None = None
    against_path: frozenset[tuple[str, Step]] = frozenset()
    """The (state, step) pairs allowed although the step comes earlier in the scheme's path than
    the state reached (a step of the placement recorded late): recorded, and reported as out of
    the path's order on the certainty of :attr:`path_entry`."""
    path_entry: SchemePath | None = field(default=None, compare=False)
    """The policy entry that gives :attr:`path`."""
    outside: frozenset[Step] = frozenset()
    """The steps the scheme does not have (not on its path, nor an exit or loop of it). Each may
    be recorded in any state that is not terminal and leaves the state as it is: the gate
    reports it (``procedure.step_not_in_scheme``) on the certainty of :attr:`path_entry`, so
    a step outside a path not confirmed warns and is recorded, and outside a confirmed path
    is refused. They are not among :attr:`steps` nor :meth:`open_steps`."""
    _table: Mapping[tuple[str, Step], str] = field(init=False, repr=False, compare=False)
    _open: Mapping[str, tuple[Step, ...]] = field(init=False, repr=False, compare=False)
    _steps: frozenset[Step] = field(init=False, repr=False, compare=False)
    machine: Machine = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._check()
        machine = Machine(
            model=None,
            states=list(self.states),
            transitions=[
                {
                    "trigger": spec.step.value,
                    "source": spec.source,
                    # A step that leaves the state as it is (a late parallel step, a loop)
                    # is an internal transition: no state is left and re-entered.
                    "dest": spec.dest if spec.dest != spec.source else None,
                    "conditions": [_gate_passes],
                    "after": [_record],
                }
                for spec in self.transitions
            ],
            initial=self.initial,
            auto_transitions=False,
            ignore_invalid_triggers=False,
            send_event=True,
        )
        table: dict[tuple[str, Step], str] = {}
        for step in Step:
            event = machine.events.get(step.value)
            if event is None:
                continue
            for source, compiled in event.transitions.items():
                table[(source, step)] = compiled[0].dest or source
        opened: dict[str, list[Step]] = {state: [] for state in self.states}
        for (source, step), _dest in table.items():
            if step not in self.outside:
                opened[source].append(step)
        object.__setattr__(self, "machine", machine)
        object.__setattr__(
            self,
            "_steps",
            frozenset(spec.step for spec in self.transitions if spec.step not in self.outside),
        )
        object.__setattr__(self, "_table", MappingProxyType(table))
        order = {step: index for index, step in enumerate(Step)}
        object.__setattr__(
            self,
            "_open",
            MappingProxyType(
                {
                    state: tuple(sorted(steps, key=order.__getitem__))
                    for state, steps in opened.items()
                }
            ),
        )

    def _check(self) -> None:
        problems: list[str] = []
        if self.initial not in self.states:
            problems.append(f"initial state {self.initial!r} is not a state")
        if len(set(self.states)) != len(self.states):
            problems.append("a state is listed twice")
        seen: dict[tuple[str, Step], str] = {}
        graph: dict[str, set[str]] = {state: set() for state in self.states}
        for spec in self.transitions:
            for name in (spec.source, spec.dest):
                if name not in graph:
                    problems.append(f"transition {spec.step.value} names unknown state {name!r}")
            if spec.source in self.terminal:
                problems.append(f"terminal state {spec.source!r} has a way out ({spec.step.value})")
            key = (spec.source, spec.step)
            if key in seen and seen[key] != spec.dest:
                problems.append(f"{spec.step.value} from {spec.source!r} has two destinations")
            seen[key] = spec.dest
            if spec.source in graph:
                graph[spec.source].add(spec.dest)
        reached = {self.initial}
        queue = deque([self.initial])
        while queue:
            for nxt in graph.get(queue.popleft(), ()):
                if nxt not in reached:
                    reached.add(nxt)
                    queue.append(nxt)
        problems.extend(f"state {s!r} cannot be reached" for s in self.states if s not in reached)
        for step in {spec.step for spec in self.transitions}:
            problems.extend(
                f"the gate of {step.value} names unknown rule {code!r}"
                for code in gate_codes(step)
                if code not in CATALOG
            )
        if problems:
            raise DefinitionError(sorted(set(problems)))

    # -- driving the machine ---------------------------------------------------------

    def fire(self, state: str, step: Step, request: StepRequest | None = None) -> str | None:
        """Trigger ``step`` on a cursor in ``state`` through the shared Machine.

        The step's gate is the transition's condition: it calls
        ``request.judge()`` and leaves the findings on the ``EventData``
        (``event.findings``) and on ``request``; an error finding fails the
        condition and the state stays. Recording is the after-callback
        (``request.record``). Returns the state reached, or ``None`` when the
        step was refused (by its gate, or because no transition leaves
        ``state`` by ``step``, in which case the gate is still run so that
        its findings explain the refusal).
        """
        event = self.machine.events.get(step)  # a Step is a str: its name, the trigger's
        if event is None or (state, step) not in self._table:
            if request is not None:
                request.findings = request.judge()
            return None
        cursor = Cursor(state)
        if request is None:
            event.trigger(cursor)
            return cursor.state
        fired = event.trigger(cursor, request=request)
        return cursor.state if fired else None

    # -- queries (all read-only: safe from any thread) ------------------------------

    def target(self, state: str, step: Step) -> str | None:
        """The state that recording ``step`` in ``state`` leads to, or ``None`` if impossible."""
        return self._table.get((state, step))

    def open_steps(self, state: str) -> tuple[Step, ...]:
        """The steps the structure allows in ``state`` (before the rules judge them)."""
        return self._open.get(state, ())

    def is_terminal(self, state: str) -> bool:
        """``True`` when nothing may follow ``state``."""
        return state in self.terminal

    @property
    def steps(self) -> frozenset[Step]:
        """Every step of the scheme: its path, its exits and loops (not :attr:`outside`)."""
        return self._steps


def _build(
    scheme: Scheme, view: PolicyView, destination: str | None, orders: str | None
) -> ProcedureDefinition:
    """The definition of ``scheme`` on the path of ``destination`` (``None``: the general path),
    whose late placement steps are judged by the orders of ``orders`` (a destination)."""
    path = view.scheme_steps(scheme, destination)
    specs: list[TransitionSpec] = []
    if Step.DEPARTED in path:
        cut = path.index(Step.DEPARTED)
        pre, post = path[:cut], path[cut + 1 :]
    else:  # a path without departure has no placement stage
        pre, post = path, ()
    rank = {INITIAL: 0} | {step.value: index + 1 for index, step in enumerate(path)}
    pre_states = [INITIAL, *(step.value for step in pre)]
    for step in pre:
        for source in pre_states:
            dest = step.value if rank[step.value] > rank[source] else source
            specs.append(TransitionSpec(step, source, dest))
    exits: list[Step] = [step for step in _PRE_DEPARTURE_EXITS if step is not Step.FAILED_SELECTION]
    if Step.SELECTED in path:
        exits.append(Step.FAILED_SELECTION)
    for exit_step in exits:
        specs.extend(TransitionSpec(exit_step, source, exit_step.value) for source in pre_states)
    post_states: list[str] = []
    against: set[tuple[str, Step]] = set()
    last = path[-1].value if path else None  # the path's end state: nothing follows it
    ordered_before = {
        step.value: frozenset(before for before, _ in view.prerequisites(scheme, step, orders))
        for step in post
    }
    if Step.DEPARTED in path:
        specs.extend(
            TransitionSpec(Step.DEPARTED, source, Step.DEPARTED.value) for source in pre_states
        )
        post_states = [Step.DEPARTED.value, *(step.value for step in post)]
        for step in post:
            specs.extend(
                TransitionSpec(step, source, step.value)
                for source in post_states
                if rank[source] < rank[step.value]
            )
            # Recorded later than the path puts it (registration at the mission after work
            # started): the state stays, and the order is judged on the path entry's certainty.
            late = [
                source
                for source in post_states
                if rank[source] >= rank[step.value] and source != last
            ]
            specs.extend(TransitionSpec(step, source, source) for source in late)
            # An ordering entry that puts the step before the state already judged the order
            # when the state was recorded: the path adds no second finding for it.
            against.update(
                (source, step)
                for source in late
                if step not in ordered_before.get(source, frozenset())
            )
        if _WORKING in rank:
            working_sources = [
                s for s in post_states if rank[s] <= rank[_WORKING] and s != Step.DEPARTED.value
            ]
            for loop in _LOOPS:
                specs.extend(TransitionSpec(loop, source, _WORKING) for source in working_sources)
        home = Step.ARRIVED_HOME.value
        before_home = [s for s in post_states if home not in rank or rank[s] < rank[home]]
        specs.extend(
            TransitionSpec(Step.REPATRIATED, source, Step.REPATRIATED.value)
            for source in before_home
        )
        for after in sorted(AFTER_EXIT_ALLOWED[Step.REPATRIATED], key=list(Step).index):
            if after.value in rank:  # arrived home, reintegrated (deceased: below)
                specs.append(TransitionSpec(after, Step.REPATRIATED.value, after.value))
    terminal = {step.value for step in exits} | {Step.DECEASED.value}
    if (
        path
        and path[-1] not in (Step.DEPARTED,)
        and Step(path[-1]).stage is not Stage.PRE_PLACEMENT
    ):
        terminal.add(path[-1].value)
    states = [*pre_states, *post_states]
    if post_states:
        states.append(Step.REPATRIATED.value)
    states.extend(step.value for step in exits)
    states.append(Step.DECEASED.value)
    specs.extend(
        TransitionSpec(Step.DECEASED, source, Step.DECEASED.value)
        for source in states
        if source not in terminal
    )
    # A step the scheme does not have stays in the state: its gate decides (step_not_in_scheme
    # on the path entry's certainty), as for a late placement step.
    own = {spec.step for spec in specs}
    outside = frozenset(step for step in Step if step not in own)
    specs.extend(
        TransitionSpec(step, source, source)
        for step in sorted(outside, key=list(Step).index)
        for source in states
        if source not in terminal
    )
    return ProcedureDefinition(
        scheme=scheme,
        policy_version=view.version,
        path=tuple(path),
        states=tuple(states),
        terminal=frozenset(terminal),
        transitions=tuple(specs),
        destination=destination,
        against_path=frozenset(against),
        path_entry=view.scheme_path_entry(scheme, destination),
        outside=outside,
    )


_CACHE: dict[tuple[Scheme, str | None, str | None, str], ProcedureDefinition] = {}
_CACHE_LOCK = threading.Lock()


def definition_for(
    scheme: Scheme, view: PolicyView, destination: str | None = None
) -> ProcedureDefinition:
    """The shared definition of ``scheme`` (to ``destination``, where it has a path of its own,
    such as Korea EPS for G to G) under the policy in force in ``view`` (built once)."""
    known = scheme if type(scheme) is Scheme else Scheme(scheme)
    # Kept with the view's entries too: a view of entries seen before finds it at once.
    return view.remembered(
        ("definition_for", known, destination), _shared_definition, known, view, destination
    )


def _shared_definition(
    scheme: Scheme, view: PolicyView, destination: str | None
) -> ProcedureDefinition:
    path_key = view.path_key(scheme, destination)
    orders_key = view.orders_key(scheme, destination)
    key = (scheme, path_key, orders_key, view.version)
    found = _CACHE.get(key)
    if found is not None:
        return found
    with _CACHE_LOCK:
        found = _CACHE.get(key)
        if found is None:
            found = _build(scheme, view, path_key, orders_key)
            _CACHE[key] = found
            logger.debug(
                "built the %s%s definition for policy %s",
                scheme.value,
                f"/{path_key}" if path_key else "",
                view.version,
            )
    return found
