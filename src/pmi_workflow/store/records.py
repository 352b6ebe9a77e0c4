"""The records a store hands out and the raw rows a backend keeps.

Times are stored as fixed-width UTC text (:func:`time_text`) so that text
order is time order in every database.

>>> from datetime import datetime, UTC
>>> time_text(datetime(2024, 3, 5, 1, 2, 3, tzinfo=UTC))
'2024-03-05T01:02:03.000000Z'
>>> parse_time_text('2024-03-05T01:02:03.000000Z').month
3
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pmi_workflow.domain import CaseEvent
from pmi_workflow.enums import Scheme, Step
from pmi_workflow.errors import TamperDetectedError
from pmi_workflow.privacy import masked_repr

__all__ = [
    "AppendResult",
    "BrokenLink",
    "CaseRow",
    "CaseSummary",
    "EventRow",
    "StoredEvent",
    "VerifyReport",
    "parse_time_text",
    "time_text",
]


@masked_repr
@dataclass(frozen=True, slots=True)
class CaseSummary:
    """The queryable summary of one case, kept up to date on every write.

    ``state`` and ``verdict`` come from the store's projector; the other fields
    are facts of the case. ``executor`` is the executing organisation's name
    (never a person's: individual recruiters only show as ``executor_kind``).
    """

    case_id: str
    scheme: Scheme
    state: str
    destination: str
    version: int = 0
    verdict: str | None = None
    last_step: Step | None = None
    last_step_at: datetime | None = None
    executor_kind: str | None = None
    executor: str | None = None


@masked_repr
@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as stored: its global position, its version in the case, its hash link."""

    position: int
    case_id: str
    version: int
    event: CaseEvent
    prev_hash: str
    hash: str
    recorded_at: datetime


@masked_repr
@dataclass(frozen=True, slots=True)
class AppendResult:
    """What an append did: the case's version after it, how many events were new."""

    case_id: str
    version: int
    appended: int
    head_hash: str


@masked_repr
@dataclass(frozen=True, slots=True)
class BrokenLink:
    """The first place where a case's stored history does not match its hash chain."""

    case_id: str
    version: int
    reason: str

    def to_error(self) -> TamperDetectedError:
        """This broken link as an exception."""
        return TamperDetectedError(self.case_id, self.version, self.reason)


@masked_repr
@dataclass(frozen=True, slots=True)
class VerifyReport:
    """The result of :meth:`CaseStore.verify`: what was checked, what is broken."""

    cases_checked: int
    events_checked: int
    broken: tuple[BrokenLink, ...] = ()
    sealed: bool = False
    """Whether the seals of the case heads were checked (the store had a key)."""
    summaries_recomputed: bool = False
    """Whether each summary was recomputed from its case's history."""
    checkpoint_cases: int = 0
    """How many cases of a checkpoint were compared (0 without a checkpoint)."""

    @property
    def ok(self) -> bool:
        """``True`` when every checked chain is intact."""
        return not self.broken

    def raise_if_broken(self) -> None:
        """Raise :class:`~pmi_workflow.errors.TamperDetectedError` for the first broken link."""
        if self.broken:
            raise self.broken[0].to_error()


def time_text(value: datetime) -> str:
    """A time as fixed-width UTC text, so that text order is time order."""
    utc = value.astimezone(UTC)
    if utc.year < 1000:  # strftime's own spelling of early years, as stored before
        return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return utc.isoformat(timespec="microseconds")[:-6] + "Z"


def parse_time_text(value: str) -> datetime:
    """The inverse of :func:`time_text`."""
    if len(value) != 27 or value[-1] != "Z":
        raise ValueError(f"not a stored time: {value[:40]!r}")
    return datetime.fromisoformat(value[:-1]).replace(tzinfo=UTC)


# -- the storage primitives each backend provides -------------------------------------


@masked_repr
@dataclass(frozen=True, slots=True)
class CaseRow:
    """The stored head of a case: everything an append needs, without reading the events.

    ``summary_hash`` binds the stored summary to the head; ``seal`` is the
    keyed MAC over the head (empty when the store has no key).
    """

    case_id: str
    version: int
    head_hash: str
    dossier: str
    dossier_hash: str
    summary_hash: str = ""
    seal: str = ""


@masked_repr
@dataclass(frozen=True, slots=True)
class EventRow:
    """One stored event, raw."""

    position: int
    case_id: str
    sequence: int
    event_id: str
    step: str
    occurred_at: str
    payload: str
    prev_hash: str
    hash: str
    recorded_at: str
