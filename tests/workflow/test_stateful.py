"""Stateful property tests: random step sequences through the live workflow.

Whatever order officers try steps in, the workflow only accepts what the
procedure allows; the state is always the replay of the history; and the
audit of a history built only from accepted steps finds no error.
"""

import datetime

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain import Case, parse_case
from pmi_workflow.enums import ActorRole, Step
from pmi_workflow.errors import ProcedureViolation
from pmi_workflow.findings import Severity
from pmi_workflow.policy import Policy
from pmi_workflow.rules._facts import ordering_entries
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data
from pmi_workflow.workflow import CaseState, Workflow, definition_for

WORKFLOW = Workflow()
START = datetime.datetime(2024, 1, 8, 9, tzinfo=JAKARTA)
REACHED_DEPARTURE: list[str] = []


class RandomOfficers(RuleBasedStateMachine):
    """Officers of any role try any step of the scheme, in any order, on later and later days."""

    def __init__(self) -> None:
        super().__init__()
        self.case: Case | None = None
        self.state: CaseState | None = None
        self.at = START
        self.steps: list[Step] = []
        self.planned: dict[Step, datetime.datetime] = {}

    @initialize(scheme=st.sampled_from(PROCEDURAL_SCHEMES))
    def open_a_case(self, scheme: str) -> None:
        sample = parse_case(procedural_case_data(scheme))
        self.case = sample.model_copy(update={"history": ()})
        self.state = WORKFLOW.replay(self.case)
        self.planned = {event.step: event.occurred_at for event in sample.history}
        view = Policy.default().as_of(START.date())
        self.steps = sorted(definition_for(sample.scheme, view).steps, key=list(Step).index)

    @rule(
        data=st.data(),
        days=st.integers(min_value=0, max_value=25),
        role=st.sampled_from(list(ActorRole)),
    )
    def try_a_step(self, data: st.DataObject, days: int, role: ActorRole) -> None:
        assert self.case is not None
        step = data.draw(st.sampled_from(self.steps))
        at = self.at + datetime.timedelta(days=days)
        self._attempt(step, at, role)

    @rule(days=st.integers(min_value=1, max_value=10))
    def follow_the_path(self, days: int) -> None:
        """The next step of the scheme's path, recorded by a role allowed to record it."""
        assert self.case is not None
        assert self.state is not None
        view = Policy.default().as_of(self.at.date())
        pending = [s for s in view.scheme_steps(self.case.scheme) if not self.state.has(s)]
        if not pending:
            return
        step = pending[0]
        role = min(view.allowed_roles(step) or {ActorRole.SYSTEM})
        at = max(self.at, self.planned.get(step, self.at + datetime.timedelta(days=days)))
        self._attempt(step, at, role)

    def _attempt(self, step: Step, at: datetime.datetime, role: ActorRole) -> None:
        assert self.case is not None
        before = self.case
        refusal: ProcedureViolation | None = None
        try:
            recorded = WORKFLOW.record(before, step, at=at, actor=role, state=self.state)
        except ProcedureViolation as error:
            refusal = error
        if refusal is not None:
            assert refusal.errors, "a refusal always names an error"
            assert self.case is before
            return
        assert not any(finding.is_error for finding in recorded.warnings)
        self.case, self.state, self.at = recorded.case, recorded.state, at

    @invariant()
    def the_state_is_the_replay_of_the_history(self) -> None:
        if self.case is not None:
            assert WORKFLOW.replay(self.case) == self.state

    @invariant()
    def the_audit_of_accepted_steps_finds_no_error(self) -> None:
        if self.case is None or not self.case.history:
            return
        last_day = self.case.history[-1].occurred_at.astimezone(JAKARTA).date()
        report = WORKFLOW.audit(self.case, as_of=last_day)
        assert report.errors == (), [finding.code for finding in report.errors]

    def teardown(self) -> None:
        if self.state is not None and self.state.has(Step.DEPARTED):
            REACHED_DEPARTURE.append(self.state.case_id)

    @invariant()
    def no_departure_without_the_hard_prerequisites(self) -> None:
        if self.case is None or self.state is None or not self.state.has(Step.DEPARTED):
            return
        recorded = [event.step for event in self.case.history]
        departed_at = recorded.index(Step.DEPARTED)
        departure = self.case.history[departed_at]
        view = Policy.default().as_of(departure.occurred_at)
        scheme, destination = self.case.scheme, self.case.destination
        for before, severity in view.prerequisites(scheme, Step.DEPARTED, destination):
            orders = ordering_entries(view, scheme, before, Step.DEPARTED, destination, severity)
            if severity is Severity.ERROR and all(order.confirmed for order in orders):
                # a confirmed hard order (OPP for P2P; unconfirmed for Perseorangan: a warning)
                assert before in recorded[:departed_at], (scheme.value, before.value)


RandomOfficers.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestRandomOfficers = RandomOfficers.TestCase


def test_the_random_officers_do_reach_departure() -> None:
    """The machine above is only meaningful if some runs get cases abroad."""
    REACHED_DEPARTURE.clear()
    TestRandomOfficers("runTest").runTest()
    assert REACHED_DEPARTURE, "no run reached departure: the stateful test explores too little"
