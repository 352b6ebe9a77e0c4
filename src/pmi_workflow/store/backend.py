"""The backend interface: the storage primitives a backend provides.

A backend subclasses :class:`~pmi_workflow.store.base.CaseStore` and
implements its ``_write`` and ``_read`` transactions, each yielding a
:class:`Unit`: the primitives below over one transaction. All the rules
(versions, idempotency, the hash chain, summaries) live in ``CaseStore``; a
backend only reads and writes rows. A unique-constraint violation inside a
write raises :class:`IntegrityConflict` out of ``_write``: a backend must
enforce that event ids are unique across the store, and ``(case id,
sequence)`` and case ids unique. The contract suite
:mod:`pmi_workflow.testing.store_contract` checks a backend.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from pmi_workflow.store.errors import _IntegrityConflict
from pmi_workflow.store.queries import CaseQuery
from pmi_workflow.store.records import CaseRow, CaseSummary, EventRow

__all__ = ["IntegrityConflict", "Unit"]

IntegrityConflict = _IntegrityConflict
"""Raised by a backend's write transaction when a unique constraint refused a write."""


class Unit(ABC):
    """One transaction of a backend. Reads see a consistent snapshot; writes are atomic."""

    @abstractmethod
    def get_case(self, case_id: str, *, lock: bool = False) -> CaseRow | None:
        """The case head, locked against other writers when ``lock``."""

    def get_head(
        self, case_id: str, *, lock: bool = False
    ) -> tuple[CaseRow | None, CaseSummary | None]:
        """The case head and its summary (a backend may read both at once)."""
        row = self.get_case(case_id, lock=lock)
        return row, self.get_summary(case_id) if row is not None else None

    @abstractmethod
    def events(self, case_id: str, *, upto: int | None = None) -> list[EventRow]:
        """The case's events in order (up to version ``upto``)."""

    @abstractmethod
    def events_by_id(self, event_ids: Sequence[str]) -> list[EventRow]:
        """Stored events with one of these ids, in any case."""

    @abstractmethod
    def insert_case(self, row: CaseRow, now: str) -> None:
        """Store a new case head (a duplicate id raises ``_IntegrityConflict``)."""

    @abstractmethod
    def update_case(self, row: CaseRow, now: str) -> None:
        """Replace a case head."""

    def update_head(self, row: CaseRow, now: str) -> None:
        """Replace a case head whose dossier is unchanged (a backend may skip writing it)."""
        self.update_case(row, now)

    @abstractmethod
    def insert_events(self, rows: Sequence[EventRow]) -> None:
        """Store events (position is assigned by the backend)."""

    @abstractmethod
    def put_summary(self, summary: CaseSummary) -> None:
        """Insert or replace the case's summary."""

    def update_summary(self, summary: CaseSummary, previous: CaseSummary) -> None:
        """Replace the stored summary ``previous`` (a backend may write only what changed)."""
        self.put_summary(summary)

    @abstractmethod
    def get_summary(self, case_id: str) -> CaseSummary | None:
        """The case's summary."""

    @abstractmethod
    def query(self, query: CaseQuery) -> list[CaseSummary]:
        """Summaries matching the query, ordered by case id."""

    @abstractmethod
    def stream(self, after: int, limit: int) -> list[EventRow]:
        """Up to ``limit`` events with a position after ``after``, in position order."""

    @abstractmethod
    def case_ids(self) -> list[str]:
        """Every case id, sorted."""

    def orphan_case_ids(self) -> list[str]:
        """The ids, sorted, of cases that have stored events but no case head (a head deleted
        behind the store's back). A backend whose events can outlive their head overrides it."""
        return []
