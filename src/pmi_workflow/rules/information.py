"""``procedure.information_incomplete`` from recorded information sessions (PP 59/2021 Pasal 4).

Events cite the sessions an applicant attended by id
(``CaseEvent.information_sessions``); the sessions themselves
(:class:`~pmi_workflow.outreach.InformationSession`) say which topics they
covered. The topics required are policy data (the ``information_topics``
entry; by default every item of PP 59/2021 Pasal 4, keyed like
:class:`~pmi_workflow.outreach.Topic`).

:func:`session_topics` turns sessions into the ``sessions`` argument that
:func:`pmi_workflow.rules.check_step` and
:func:`pmi_workflow.rules.validate_case` accept, which run the check when
the ``registered`` step is judged. :func:`check_information` runs the check
on its own, as of a day.

>>> from pmi_workflow.outreach import InformationSession
>>> from pmi_workflow.testing import make_case
>>> case = make_case("p2p", step="registered")
>>> full = InformationSession(session_id="S-ALL", held_on="2024-01-05", place="Aula Disnaker",
...     region={"province": "Banten", "regency": "Kabupaten Tangerang", "regency_code": "3603"},
...     organisers=[{"role": "disnaker"}], topics=list(Topic))
>>> short = full.model_copy(update={"session_id": "S-COSTS", "topics": {Topic.PLACEMENT_COSTS}})
>>> def citing(case, *ids):
...     history = list(case.history)
...     history[0] = history[0].model_copy(update={"information_sessions": ids})
...     return case.model_copy(update={"history": tuple(history)})
>>> check_information(citing(case, "S-ALL"), [full, short])
()
>>> [f.code for f in check_information(citing(case, "S-COSTS"), [full, short])]
['procedure.information_incomplete']
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from pmi_workflow.dates import local_day
from pmi_workflow.domain import Case
from pmi_workflow.enums import Step
from pmi_workflow.findings import Finding
from pmi_workflow.outreach import InformationSession, Topic, index_sessions
from pmi_workflow.policy import Policy, PolicyView
from pmi_workflow.rules import procedure

__all__ = ["Topic", "check_information", "session_topics"]

SessionData = Iterable[InformationSession] | Mapping[str, InformationSession]


def session_topics(sessions: SessionData) -> dict[str, frozenset[str]]:
    """The topics each session covered, by session id: the rules' ``sessions`` argument.

    >>> session_topics([])
    {}
    """
    return {
        session_id: frozenset(topic.value for topic in session.topics)
        for session_id, session in index_sessions(sessions).items()
    }


def check_information(
    case: Case,
    sessions: SessionData,
    policy: Policy | PolicyView | None = None,
    *,
    on: datetime.date | None = None,
) -> tuple[Finding, ...]:
    """Findings on the information ``case``'s applicant received, judged on ``on``.

    ``on`` defaults to the day of the case's ``registered`` event (the step
    the rule belongs to), else its first event; a case without history has
    nothing to judge. A session id the data does not know covers nothing.
    Never raises for a broken rule.
    """
    if on is None:
        marks = case.events_of(Step.REGISTERED) or case.history[:1]
        if not marks:
            return ()
        on = local_day(marks[0].occurred_at)
    if policy is None:
        policy = Policy.default()
    view = policy.as_of(on) if isinstance(policy, Policy) else policy
    return procedure.check_information(
        case, on, view, session_topics(sessions), step=Step.REGISTERED
    )
