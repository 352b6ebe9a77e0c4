"""Events: the dated, immutable record of one step of a case.

A case's state is the replay of its events. An event says which step
happened, when (timezone-aware), where, who recorded it in which role, which
documents are its evidence, and — when recorded through the workflow — the
policy version it was judged by and the warnings it carried.

>>> event = CaseEvent(case_id="C-1", sequence=1, step="informed",
...                   occurred_at="2024-01-08T09:00:00", actor={"role": "disnaker"})
>>> event.occurred_at.tzinfo
zoneinfo.ZoneInfo(key='Asia/Jakarta')
"""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import Field

from pmi_workflow.dates import AwareDatetime
from pmi_workflow.domain.base import Record
from pmi_workflow.enums import ActorRole, Step

__all__ = ["Actor", "CaseEvent"]

Reference = Annotated[str, Field(min_length=1, max_length=100)]


class Actor(Record):
    """Who recorded a step: a role, and optionally an officer id and an office.

    No names: an officer is identified by an id the agency controls.
    """

    role: ActorRole
    id: Reference | None = None
    office: Annotated[str, Field(min_length=1, max_length=200)] | None = None


class CaseEvent(Record):
    """One accepted step of a case."""

    event_id: uuid.UUID = Field(default_factory=uuid.uuid4)
    case_id: Reference
    sequence: Annotated[int, Field(ge=1)]
    step: Step
    occurred_at: AwareDatetime
    place: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    actor: Actor
    evidence: tuple[Reference, ...] = ()
    information_sessions: tuple[Reference, ...] = ()
    policy_version: Reference | None = None
    warnings: tuple[Reference, ...] = ()
    note: Annotated[str, Field(max_length=1000)] | None = None
