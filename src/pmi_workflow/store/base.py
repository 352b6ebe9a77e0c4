"""The store: one interface and its rules over the backends' transactions.

A store keeps, per case, the *dossier* (the :class:`~pmi_workflow.domain.Case`
without its history) and the append-only list of its events. The number of
events is the case's *version*. Writers say which version they expect; exactly
one writer wins per version, the others get
:class:`~pmi_workflow.errors.ConcurrencyConflictError` and nothing of theirs is
written. Appends are idempotent by ``event_id``: a retried append that already
went through is acknowledged, never duplicated.

Each event is stored with a hash chained to the previous one
(:mod:`pmi_workflow.store.chain`); :meth:`CaseStore.load` checks the chain of
the case it reads and :meth:`CaseStore.verify` reports the first broken link
of every case.

The store knows no procedure rules. A small :class:`CaseSummary` per case (its
state, verdict, last step, destination, executor) is computed by a *projector*
function given to the store; the default one takes the last recorded step as
the state. The workflow plugs in its replay by passing its own projector.

>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.samples import procedural_case_data
>>> from pmi_workflow.store import MemoryStore
>>> case = parse_case(procedural_case_data("p2p"))
>>> store = MemoryStore()
>>> store.create(case).version == len(case.history)
True
>>> store.load(case.case_id) == case
True
>>> store.summary(case.case_id).state == case.history[-1].step.value
True
>>> store.verify().ok
True
"""

from __future__ import annotations

import logging
import threading
from abc import abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import fields, replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from pydantic import ValidationError

from pmi_workflow.domain import Case, CaseEvent
from pmi_workflow.errors import (
    CaseNotFoundError,
    ConcurrencyConflictError,
    InvalidInputError,
    PmiWorkflowError,
    StoreError,
    TamperDetectedError,
)
from pmi_workflow.privacy import mask_case_id
from pmi_workflow.store.backend import Unit
from pmi_workflow.store.chain import (
    GENESIS_HASH,
    chain_rows,
    check_chain,
    dossier_hash,
    dossier_json,
    event_payload,
    load_case,
    parse_event,
    read_chain,
    stored_event,
    summary_hash,
)
from pmi_workflow.store.errors import (
    CaseExistsError,
    DuplicateEventError,
    SchemaVersionError,
    StoreDriverError,
    _IntegrityConflict,
)
from pmi_workflow.store.queries import CaseQuery
from pmi_workflow.store.records import (
    AppendResult,
    BrokenLink,
    CaseRow,
    CaseSummary,
    EventRow,
    StoredEvent,
    VerifyReport,
    parse_time_text,
    time_text,
)
from pmi_workflow.store.seal import Keys, head_message, key_ring
from pmi_workflow.store.summaries import (
    NEW_STATE,
    Projector,
    default_projector,
    executor_of,
    summarize,
)
from pmi_workflow.store.verification import SUMMARY_FORGED, TamperEvidence

__all__ = [
    "AppendResult",
    "BrokenLink",
    "CaseExistsError",
    "CaseQuery",
    "CaseStore",
    "CaseSummary",
    "DuplicateEventError",
    "Projector",
    "SchemaVersionError",
    "StoreDriverError",
    "StoredEvent",
    "VerifyReport",
    "default_projector",
    "executor_of",
    "summarize",
]

# Names this module had before the store was split by responsibility; kept importable.
_chain_rows = chain_rows
_load_case = load_case
_parse_event = parse_event
_stored = stored_event
_COMPATIBLE = (CaseRow, EventRow, NEW_STATE, parse_time_text, dossier_hash, check_chain)

logger = logging.getLogger(__name__)

# -- the store ---------------------------------------------------------------------


class CaseStore(TamperEvidence):
    """The one store interface. Backends provide transactions; the rules live here.

    A store object may be shared by the threads of a server. Use it as a
    context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        *,
        projector: Projector | None = None,
        keys: Keys = None,
    ) -> None:
        self._projector: Projector = projector or default_projector
        self._keys = key_ring(keys)
        self._closed = False
        self._close_lock = threading.Lock()

    @property
    def sealed(self) -> bool:
        """Whether this store seals case heads with a key (see :mod:`pmi_workflow.store.seal`)."""
        return self._keys is not None

    # backends implement these two
    @abstractmethod
    def _write(self) -> AbstractContextManager[Unit]:
        """A write transaction (serialised per case; ``_IntegrityConflict`` on a lost race)."""

    @abstractmethod
    def _read(self) -> AbstractContextManager[Unit]:
        """A read-only transaction over a consistent snapshot."""

    def _close(self) -> None:
        """Release backend resources."""

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        """Release the store's connections. Idempotent."""
        with self._close_lock:
            if not self._closed:
                self._closed = True
                self._close()

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the store is closed")

    # -- writing ------------------------------------------------------------------------

    def create(self, case: Case) -> AppendResult:
        """Store a new case: its dossier and the events of its history, atomically.

        Raises :class:`CaseExistsError` if the case id is taken (a retry of the
        same creation is acknowledged with ``appended == 0``).
        """
        self._check_open()
        events = list(case.history)
        _check_events(case.case_id, events, expected_version=0)
        dossier = dossier_json(case)
        rows, head = chain_rows(case.case_id, events, GENESIS_HASH, 0)
        summary = self._project(case)
        for attempt in (1, 2):
            try:
                result = self._create_once(case, dossier, rows, head, summary)
            except _IntegrityConflict:
                if attempt == 2:
                    raise CaseExistsError(case.case_id) from None
                continue  # another writer created it meanwhile: look again
            break
        if result.appended or not events:
            logger.info("case %s created at version %d", mask_case_id(case.case_id), result.version)
        return result

    def _create_once(
        self, case: Case, dossier: str, rows: list[EventRow], head: str, summary: CaseSummary
    ) -> AppendResult:
        events = case.history
        with self._write() as unit:
            existing = unit.get_case(case.case_id, lock=True)
            if existing is not None:
                if (
                    existing.dossier == dossier
                    and existing.version == len(events)
                    and (not events or self._already_stored(unit, case.case_id, events))
                ):
                    return AppendResult(case.case_id, existing.version, 0, existing.head_hash)
                raise CaseExistsError(case.case_id)
            self._check_event_ids_free(unit, case.case_id, events)
            unit.insert_case(
                self._head(case.case_id, len(events), head, dossier, summary),
                time_text(datetime.now(UTC)),
            )
            unit.insert_events(rows)
            unit.put_summary(summary)
        return AppendResult(case.case_id, len(events), len(events), head)

    def append(
        self, case_id: str, events: Sequence[CaseEvent], expected_version: int
    ) -> AppendResult:
        """Append events to a case that is at ``expected_version``, in one transaction.

        The events' sequences must run from ``expected_version + 1``. If the
        case has moved on, raises
        :class:`~pmi_workflow.errors.ConcurrencyConflictError` and writes
        nothing. If every event is already stored (a retried request), returns
        the current version with ``appended == 0``.

        The append reads only the case head (and, with an incremental
        projector such as the default one, the stored summary): its cost does
        not grow with the case's length. Only the new events are checked and
        hashed; the stored history is checked by :meth:`load` and
        :meth:`verify`. A bulk writer passes many events at once: one
        transaction, one head update, one summary update for the whole batch.
        """
        self._check_open()
        events = list(events)
        _check_events(case_id, events, expected_version=expected_version)
        if not events:
            with self._read() as unit:
                row = unit.get_case(case_id)
            if row is None:
                raise CaseNotFoundError(case_id)
            if row.version != expected_version:
                raise ConcurrencyConflictError(case_id, expected_version, row.version)
            return AppendResult(case_id, row.version, 0, row.head_hash)
        try:
            with self._write() as unit:
                row, stored_summary = unit.get_head(case_id, lock=True)
                if row is None:
                    raise CaseNotFoundError(case_id)
                if row.version != expected_version:
                    if self._already_stored(unit, case_id, events):
                        logger.info(
                            "case %s: retried append of %d events",
                            mask_case_id(case_id),
                            len(events),
                        )
                        return AppendResult(case_id, row.version, 0, row.head_hash)
                    raise ConcurrencyConflictError(case_id, expected_version, row.version)
                self._check_seal(row)
                rows, head = chain_rows(case_id, events, row.head_hash, row.version)
                summary, previous = self._next_summary(unit, row, stored_summary, events)
                version = row.version + len(events)
                unit.insert_events(rows)
                unit.update_head(
                    self._head(case_id, version, head, row.dossier, summary, row.dossier_hash),
                    time_text(datetime.now(UTC)),
                )
                if previous is None:
                    unit.put_summary(summary)
                else:
                    unit.update_summary(summary, previous)
        except _IntegrityConflict:
            # An event id is taken (by another case, or elsewhere in this one), or a
            # racing writer won: look which, outside the failed transaction.
            with self._read() as unit:
                if self._already_stored(unit, case_id, events):  # pragma: no cover - a race
                    row = unit.get_case(case_id)
                    assert row is not None
                    return AppendResult(case_id, row.version, 0, row.head_hash)
            raise ConcurrencyConflictError(
                case_id, expected_version, self.version(case_id)
            ) from None
        logger.debug(
            "case %s appended %d events, version %d", mask_case_id(case_id), len(events), version
        )
        return AppendResult(case_id, version, len(events), head)

    def _next_summary(
        self,
        unit: Unit,
        row: CaseRow,
        previous: CaseSummary | None,
        events: Sequence[CaseEvent],
    ) -> tuple[CaseSummary, CaseSummary | None]:
        """The summary after ``events`` and the stored one it was advanced from (if it was)."""
        advance = getattr(self._projector, "advance", None)
        if advance is None:
            stored = load_case(row.case_id, row, unit.events(row.case_id, upto=row.version))
            case = stored.model_copy(update={"history": (*stored.history, *events)})
            return self._project(case), None
        if previous is None or summary_hash(previous) != row.summary_hash:
            raise BrokenLink(row.case_id, row.version, SUMMARY_FORGED).to_error()
        return self._checked(row.case_id, lambda: advance(previous, events)), previous

    def save_dossier(self, case: Case, *, expected_version: int | None = None) -> None:
        """Replace a stored case's dossier (documents, costs, parties); the history stays.

        The history of ``case`` is ignored. With ``expected_version``, refuses
        with a conflict if the case has moved on.
        """
        self._check_open()
        dossier = dossier_json(case)
        with self._write() as unit:
            row = unit.get_case(case.case_id, lock=True)
            if row is None:
                raise CaseNotFoundError(case.case_id)
            if expected_version is not None and row.version != expected_version:
                raise ConcurrencyConflictError(case.case_id, expected_version, row.version)
            self._check_seal(row)
            stored = load_case(case.case_id, row, unit.events(case.case_id, upto=row.version))
            summary = self._project(case.model_copy(update={"history": stored.history}))
            unit.update_case(
                self._head(case.case_id, row.version, row.head_hash, dossier, summary),
                time_text(datetime.now(UTC)),
            )
            unit.put_summary(summary)

    def refresh_summaries(self, projector: Projector | None = None) -> int:
        """Recompute every summary; returns how many.

        With ``projector``, it replaces the store's projector first (for
        instance when the workflow's replay is plugged in after cases were
        stored with the default one).
        """
        self._check_open()
        if projector is not None:
            self._projector = projector
        with self._read() as unit:
            case_ids = unit.case_ids()
        for case_id in case_ids:
            with self._write() as unit:
                row = unit.get_case(case_id, lock=True)
                if row is None:  # pragma: no cover - cases are never deleted
                    continue
                self._check_seal(row)
                case = load_case(case_id, row, unit.events(case_id, upto=row.version))
                summary = self._project(case)
                unit.update_head(
                    self._head(
                        case_id, row.version, row.head_hash, row.dossier, summary, row.dossier_hash
                    ),
                    time_text(datetime.now(UTC)),
                )
                unit.put_summary(summary)
        return len(case_ids)

    def _head(
        self,
        case_id: str,
        version: int,
        head: str,
        dossier: str,
        summary: CaseSummary,
        digest: str | None = None,
    ) -> CaseRow:
        """A case head with its summary hash and, with a key, its seal."""
        row = CaseRow(
            case_id,
            version,
            head,
            dossier,
            digest if digest is not None else dossier_hash(dossier),
            summary_hash(summary),
        )
        if self._keys is not None:
            row = replace(row, seal=self._keys.seal(head_message(row)))
        return row

    # -- reading --------------------------------------------------------------------------

    def version(self, case_id: str) -> int:
        """The case's version (its number of events)."""
        self._check_open()
        with self._read() as unit:
            row = unit.get_case(case_id)
        if row is None:
            raise CaseNotFoundError(case_id)
        return row.version

    def exists(self, case_id: str) -> bool:
        """Whether a case with this id is stored."""
        self._check_open()
        with self._read() as unit:
            return unit.get_case(case_id) is not None

    def load(self, case_id: str) -> Case:
        """The case: its dossier with its full history, after checking the hash chain
        (and, in a sealed store, the seal of its head).

        Raises :class:`~pmi_workflow.errors.TamperDetectedError` when the stored
        history does not match its chain.
        """
        self._check_open()
        with self._read() as unit:
            row = unit.get_case(case_id)
            if row is None:
                raise CaseNotFoundError(case_id)
            rows = unit.events(case_id, upto=row.version)
        self._check_seal(row)
        return load_case(case_id, row, rows)

    def events(self, case_id: str, *, after: int = 0) -> list[StoredEvent]:
        """The case's stored events after version ``after``, in order (chain checked)."""
        self._check_open()
        with self._read() as unit:
            row = unit.get_case(case_id)
            if row is None:
                raise CaseNotFoundError(case_id)
            rows = unit.events(case_id, upto=row.version)
        self._check_seal(row)
        parsed, broken = read_chain(case_id, row, rows)
        if broken is not None:
            raise broken.to_error()
        return [
            stored_event(r, event)
            for r, event in zip(rows, parsed, strict=True)
            if r.sequence > after
        ]

    def summary(self, case_id: str) -> CaseSummary:
        """The case's summary."""
        self._check_open()
        with self._read() as unit:
            summary = unit.get_summary(case_id)
        if summary is None:
            raise CaseNotFoundError(case_id)
        return summary

    def query(self, query: CaseQuery | None = None, **filters: Any) -> list[CaseSummary]:
        """Summaries of the cases matching a :class:`CaseQuery` (or its fields as keywords).

        Ordered by case id.
        """
        self._check_open()
        if query is None:
            try:
                query = CaseQuery(**filters)
            except TypeError:
                known = {f.name for f in fields(CaseQuery) if f.init}
                unknown = sorted(set(filters) - known)
                raise InvalidInputError.single(
                    f"unknown query filters: {', '.join(unknown)}", "query"
                ) from None
        elif filters:
            raise InvalidInputError.single("give a CaseQuery or keywords, not both", "query")
        with self._read() as unit:
            return unit.query(query)

    def stream(self, *, after: int = 0, batch_size: int = 1000) -> Iterator[StoredEvent]:
        """Every stored event of every case, in the order they were stored.

        ``after`` is a :attr:`StoredEvent.position` to resume from. Reads in
        batches; events stored while streaming may or may not be included.
        """
        self._check_open()
        if batch_size < 1:
            raise InvalidInputError.single("must be at least 1", "query", ("batch_size",))
        position = after
        while True:
            with self._read() as unit:
                rows = unit.stream(position, batch_size)
            for row in rows:
                try:
                    yield stored_event(row)
                except (ValidationError, ValueError):
                    raise TamperDetectedError(
                        row.case_id, row.sequence, "stored event cannot be read"
                    ) from None
            if len(rows) < batch_size:
                return
            position = rows[-1].position

    def case_ids(self) -> list[str]:
        """Every stored case id, sorted."""
        self._check_open()
        with self._read() as unit:
            return unit.case_ids()

    # -- helpers ----------------------------------------------------------------------------

    def _project(self, case: Case) -> CaseSummary:
        return self._checked(case.case_id, lambda: self._projector(case))

    def _checked(self, case_id: str, compute: Callable[[], CaseSummary]) -> CaseSummary:
        try:
            summary = compute()
        except PmiWorkflowError:
            raise
        except Exception as error:
            raise StoreError(
                f"the summary projector failed for case {case_id!r} ({type(error).__name__})"
            ) from error
        if not isinstance(summary, CaseSummary) or summary.case_id != case_id:
            raise StoreError(f"the summary projector returned no summary of {case_id!r}")
        return summary

    @staticmethod
    def _check_event_ids_free(unit: Unit, case_id: str, events: Sequence[CaseEvent]) -> None:
        found = unit.events_by_id([str(event.event_id) for event in events])
        if any(row.case_id == case_id for row in found):
            # Another writer created this very case between our look and our insert (a
            # PostgreSQL reader sees its commit): look again, as for any racing creation.
            raise _IntegrityConflict
        if found:
            raise DuplicateEventError(case_id, found[0].event_id)

    @staticmethod
    def _already_stored(unit: Unit, case_id: str, events: Sequence[CaseEvent]) -> bool:
        """``True`` when every event is stored as given; raises on a conflicting id."""
        found = {row.event_id: row for row in unit.events_by_id([str(e.event_id) for e in events])}
        if not found:
            return False
        for event in events:
            row = found.get(str(event.event_id))
            if (
                row is None
                or row.case_id != case_id
                or row.sequence != event.sequence
                or row.payload != event_payload(event)
            ):
                raise DuplicateEventError(case_id, str(event.event_id))
        return True


def _check_events(case_id: str, events: Sequence[CaseEvent], *, expected_version: int) -> None:
    from pmi_workflow.errors import InputProblem

    problems = []
    if expected_version < 0:
        problems.append(InputProblem(("expected_version",), "must not be negative", "version"))
    seen: set[str] = set()
    items: Sequence[object] = events  # callers may pass anything at run time
    for index, event in enumerate(items):
        if not isinstance(event, CaseEvent):
            problems.append(InputProblem((index,), "not a CaseEvent", "type"))
            continue
        if event.case_id != case_id:
            problems.append(InputProblem((index, "case_id"), "belongs to another case", "case"))
        if event.sequence != expected_version + index + 1:
            problems.append(
                InputProblem(
                    (index, "sequence"),
                    f"must be {expected_version + index + 1} after version {expected_version}",
                    "sequence",
                )
            )
        if str(event.event_id) in seen:
            problems.append(InputProblem((index, "event_id"), "repeated in the batch", "event_id"))
        seen.add(str(event.event_id))
    if problems:
        raise InvalidInputError(problems)
