"""The in-memory store: for tests and for embedding. Nothing survives the process.

>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.samples import minimal_case_data
>>> store = MemoryStore()
>>> store.create(parse_case(minimal_case_data())).version
0
>>> store.case_ids()
['CASE-MIN-0001']
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from pmi_workflow.enums import Step
from pmi_workflow.store.backend import Unit
from pmi_workflow.store.base import CaseStore
from pmi_workflow.store.errors import _IntegrityConflict
from pmi_workflow.store.queries import CaseQuery
from pmi_workflow.store.records import CaseRow, CaseSummary, EventRow, parse_time_text
from pmi_workflow.store.seal import Keys
from pmi_workflow.store.summaries import Projector

__all__ = ["MemoryStore"]


@dataclass
class _Data:
    cases: dict[str, CaseRow] = field(default_factory=dict)
    events: dict[str, list[EventRow]] = field(default_factory=dict)
    by_id: dict[str, EventRow] = field(default_factory=dict)
    log: list[EventRow] = field(default_factory=list)
    summaries: dict[str, CaseSummary] = field(default_factory=dict)


class _MemoryUnit(Unit):
    """Reads the shared data; stages writes and applies them on commit."""

    def __init__(self, data: _Data) -> None:
        self._data = data
        self._pending: list[Callable[[], None]] = []

    def commit(self) -> None:
        for apply in self._pending:
            apply()

    def get_case(self, case_id: str, *, lock: bool = False) -> CaseRow | None:
        return self._data.cases.get(case_id)

    def events(self, case_id: str, *, upto: int | None = None) -> list[EventRow]:
        rows = self._data.events.get(case_id, [])
        return list(rows if upto is None else rows[:upto])

    def events_by_id(self, event_ids: Sequence[str]) -> list[EventRow]:
        return [self._data.by_id[i] for i in event_ids if i in self._data.by_id]

    def insert_case(self, row: CaseRow, now: str) -> None:
        def apply() -> None:
            self._data.cases[row.case_id] = row
            self._data.events.setdefault(row.case_id, [])

        self._pending.append(apply)

    def update_case(self, row: CaseRow, now: str) -> None:
        self._pending.append(lambda: self._data.cases.__setitem__(row.case_id, row))

    def insert_events(self, rows: Sequence[EventRow]) -> None:
        if any(row.event_id in self._data.by_id for row in rows):
            raise _IntegrityConflict  # the unique constraint a database would enforce

        def apply() -> None:
            for row in rows:
                stored = replace(row, position=len(self._data.log) + 1)
                self._data.log.append(stored)
                self._data.events.setdefault(row.case_id, []).append(stored)
                self._data.by_id[row.event_id] = stored

        self._pending.append(apply)

    def put_summary(self, summary: CaseSummary) -> None:
        self._pending.append(lambda: self._data.summaries.__setitem__(summary.case_id, summary))

    def get_summary(self, case_id: str) -> CaseSummary | None:
        return self._data.summaries.get(case_id)

    def query(self, query: CaseQuery) -> list[CaseSummary]:
        found = []
        for case_id in sorted(self._data.summaries):
            summary = self._data.summaries[case_id]
            times = [
                (Step(row.step), parse_time_text(row.occurred_at))
                for row in self._data.events.get(case_id, [])
            ]
            if query.matches(summary, times):
                found.append(summary)
        end = None if query.limit is None else query.offset + query.limit
        return found[query.offset : end]

    def stream(self, after: int, limit: int) -> list[EventRow]:
        start = bisect.bisect_right([row.position for row in self._data.log], after)
        return self._data.log[start : start + limit]

    def case_ids(self) -> list[str]:
        return sorted(self._data.cases)

    def orphan_case_ids(self) -> list[str]:
        return sorted(set(self._data.events) - set(self._data.cases))


class MemoryStore(CaseStore):
    """A store in a dictionary, guarded by one lock (safe to share between threads)."""

    def __init__(self, *, projector: Projector | None = None, keys: Keys = None) -> None:
        super().__init__(projector=projector, keys=keys)
        self._data = _Data()
        self._lock = threading.RLock()

    @contextmanager
    def _write(self) -> Iterator[Unit]:
        with self._lock:
            unit = _MemoryUnit(self._data)
            yield unit
            unit.commit()

    @contextmanager
    def _read(self) -> Iterator[Unit]:
        with self._lock:
            yield _MemoryUnit(self._data)
