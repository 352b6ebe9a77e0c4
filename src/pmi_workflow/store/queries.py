"""Queries over the case summaries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from pmi_workflow.dates import JAKARTA
from pmi_workflow.enums import Scheme, Step
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.store.records import CaseSummary

__all__ = ["CaseQuery"]


@dataclass(frozen=True, slots=True)
class CaseQuery:
    """Filters for :meth:`CaseStore.query`; every given filter must match.

    ``step`` selects cases with an event of that step, and then
    ``occurred_from``/``occurred_to`` bound that event's time; without
    ``step`` they bound the time of the last recorded step. A ``date`` bound is
    a whole day in Asia/Jakarta (both bounds inclusive).
    """

    state: str | None = None
    scheme: Scheme | None = None
    destination: str | None = None
    executor: str | None = None
    executor_kind: str | None = None
    verdict: str | None = None
    step: Step | None = None
    occurred_from: date | datetime | None = None
    occurred_to: date | datetime | None = None
    limit: int | None = None
    offset: int = 0
    since: datetime | None = field(default=None, init=False, repr=False)
    until: datetime | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        problems = []
        if self.limit is not None and self.limit < 0:
            problems.append(("limit", "must not be negative"))
        if self.offset < 0:
            problems.append(("offset", "must not be negative"))
        for name in ("occurred_from", "occurred_to"):
            value = getattr(self, name)
            if isinstance(value, datetime) and value.tzinfo is None:
                problems.append((name, "a time needs a timezone"))
        if problems:
            from pmi_workflow.errors import InputProblem

            raise InvalidInputError([InputProblem((n,), m, "query") for n, m in problems])
        object.__setattr__(self, "since", _bound(self.occurred_from, end=False))
        object.__setattr__(self, "until", _bound(self.occurred_to, end=True))

    def matches(self, summary: CaseSummary, step_times: Sequence[tuple[Step, datetime]]) -> bool:
        """Whether a case with this summary and these (step, time) events matches."""
        for name in ("state", "scheme", "destination", "executor", "executor_kind", "verdict"):
            wanted = getattr(self, name)
            if wanted is not None and getattr(summary, name) != wanted:
                return False
        if self.step is not None:
            times = [at for step, at in step_times if step is self.step]
        else:
            times = [summary.last_step_at] if summary.last_step_at is not None else []
            if not times and (self.since or self.until):
                return False
            if not times:
                return True
        return any(
            (self.since is None or at >= self.since) and (self.until is None or at < self.until)
            for at in times
        )


def _bound(value: date | datetime | None, *, end: bool) -> datetime | None:
    """A query bound as an aware datetime; an end date becomes the next day's start."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value + timedelta(microseconds=1) if end else value
    day = value + timedelta(days=1) if end else value
    return datetime.combine(day, time(0), tzinfo=JAKARTA)
