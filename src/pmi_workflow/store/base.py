"""The store interface: one contract, several backends.

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
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta
from types import TracebackType
from typing import Any

from pydantic import ValidationError

from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain import Case, CaseEvent
from pmi_workflow.enums import Scheme, Step
from pmi_workflow.errors import (
    CaseNotFoundError,
    ConcurrencyConflictError,
    InvalidInputError,
    PmiWorkflowError,
    StoreError,
    TamperDetectedError,
)
from pmi_workflow.privacy import mask_case_id, masked_repr
from pmi_workflow.store.chain import GENESIS_HASH, canonical_json, event_payload, link_hash

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

logger = logging.getLogger(__name__)

NEW_STATE = "new"
"""The state the default projector gives a case with no recorded step."""


# -- errors -----------------------------------------------------------------------


class CaseExistsError(StoreError):
    """A case with that id is already stored (create it once, then append)."""

    code = "case_exists"

    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        super().__init__(f"case {case_id!r} already exists")


class DuplicateEventError(StoreError):
    """An event id is already stored with other content or in another place."""

    code = "duplicate_event"

    def __init__(self, case_id: str, event_id: str) -> None:
        self.case_id = case_id
        self.event_id = event_id
        super().__init__(
            f"event {event_id} of case {case_id!r} is already stored with other content"
        )


class SchemaVersionError(StoreError):
    """The database schema is newer than this release, or older and not upgraded."""

    code = "schema_version"

    def __init__(self, found: int, supported: int, problem: str) -> None:
        self.found = found
        self.supported = supported
        super().__init__(f"database schema version {found} ({problem}; supported: {supported})")


class StoreDriverError(StoreError):
    """The database driver failed (connection lost, disk full, locked, not a database...).

    Carries the driver's error class and, when known, the SQLSTATE or SQLite
    error name; never the SQL text, the parameters or the connection URL.
    """

    code = "store_driver_error"

    def __init__(self, database: str, error_type: str, error_code: str | None = None) -> None:
        self.database = database
        self.error_type = error_type
        self.error_code = error_code
        detail = error_type + (f", {error_code}" if error_code else "")
        super().__init__(f"{database} error ({detail})")


class _IntegrityConflict(Exception):  # noqa: N818 - internal signal, never escapes
    """A unique constraint refused a write: someone else wrote first."""


# -- records ------------------------------------------------------------------------


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


Projector = Callable[[Case], CaseSummary]
"""Computes a case's summary from the full case (dossier and history)."""


def executor_of(case: Case) -> tuple[str | None, str | None]:
    """The executor's kind and, for organisations, its name.

    >>> from pmi_workflow.domain import parse_case
    >>> from pmi_workflow.samples import procedural_case_data
    >>> executor_of(parse_case(procedural_case_data("perseorangan")))
    (None, None)
    """
    executor = case.executor
    if executor is None:
        return None, None
    if executor.kind == "individual":
        return "individual", None
    return executor.kind, executor.name


def summarize(case: Case, *, state: str | None = None, verdict: str | None = None) -> CaseSummary:
    """The summary of a case with the given state and verdict; facts come from the case.

    Without ``state``, the state is the last recorded step (``"new"`` if none).
    """
    last = case.history[-1] if case.history else None
    kind, name = executor_of(case)
    return CaseSummary(
        case_id=case.case_id,
        scheme=case.scheme,
        state=state if state is not None else (last.step.value if last else NEW_STATE),
        verdict=verdict,
        destination=case.destination,
        version=len(case.history),
        last_step=last.step if last else None,
        last_step_at=last.occurred_at if last else None,
        executor_kind=kind,
        executor=name,
    )


def default_projector(case: Case) -> CaseSummary:
    """The default projector: the state is the last recorded step, no verdict."""
    return summarize(case)


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

    @property
    def ok(self) -> bool:
        """``True`` when every checked chain is intact."""
        return not self.broken

    def raise_if_broken(self) -> None:
        """Raise :class:`~pmi_workflow.errors.TamperDetectedError` for the first broken link."""
        if self.broken:
            raise self.broken[0].to_error()


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


def time_text(value: datetime) -> str:
    """A time as fixed-width UTC text, so that text order is time order."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time_text(value: str) -> datetime:
    """The inverse of :func:`time_text`."""
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


# -- the storage primitives each backend provides -------------------------------------


@dataclass(frozen=True, slots=True)
class CaseRow:
    """The stored head of a case."""

    case_id: str
    version: int
    head_hash: str
    dossier: str
    dossier_hash: str


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


class Unit(ABC):
    """One transaction of a backend. Reads see a consistent snapshot; writes are atomic."""

    @abstractmethod
    def get_case(self, case_id: str, *, lock: bool = False) -> CaseRow | None:
        """The case head, locked against other writers when ``lock``."""

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

    @abstractmethod
    def insert_events(self, rows: Sequence[EventRow]) -> None:
        """Store events (position is assigned by the backend)."""

    @abstractmethod
    def put_summary(self, summary: CaseSummary) -> None:
        """Insert or replace the case's summary."""

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


def dossier_json(case: Case) -> str:
    """The dossier (the case without history) as canonical JSON."""
    return canonical_json(case.model_dump(mode="json", exclude={"history"}))


def dossier_hash(dossier: str) -> str:
    """The hash of a stored dossier."""
    return link_hash(GENESIS_HASH, dossier)


# -- the store ---------------------------------------------------------------------


class CaseStore(ABC):
    """The one store interface. Backends provide transactions; the rules live here.

    A store object may be shared by the threads of a server. Use it as a
    context manager, or call :meth:`close`.
    """

    def __init__(self, *, projector: Projector | None = None) -> None:
        self._projector: Projector = projector or default_projector
        self._closed = False
        self._close_lock = threading.Lock()

    # backends implement these two
    @abstractmethod
    def _write(self) -> AbstractContextManager[Unit]:
        """A write transaction (serialised per case; ``_IntegrityConflict`` on a lost race)."""

    @abstractmethod
    def _read(self) -> AbstractContextManager[Unit]:
        """A read-only transaction over a consistent snapshot."""

    def _close(self) -> None:  # noqa: B027 - optional hook
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
        rows, head = _chain_rows(case.case_id, events, GENESIS_HASH, 0)
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
                CaseRow(case.case_id, len(events), head, dossier, dossier_hash(dossier)),
                time_text(datetime.now(UTC)),
            )
            unit.insert_events(rows)
            unit.put_summary(summary)
        return AppendResult(case.case_id, len(events), len(events), head)

    def append(
        self, case_id: str, events: Sequence[CaseEvent], expected_version: int
    ) -> AppendResult:
        """Append events to a case that is at ``expected_version``.

        The events' sequences must run from ``expected_version + 1``. If the
        case has moved on, raises
        :class:`~pmi_workflow.errors.ConcurrencyConflictError` and writes
        nothing. If every event is already stored (a retried request), returns
        the current version with ``appended == 0``.
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
                row = unit.get_case(case_id, lock=True)
                if row is None:
                    raise CaseNotFoundError(case_id)
                if self._already_stored(unit, case_id, events):
                    logger.info(
                        "case %s: retried append of %d events", mask_case_id(case_id), len(events)
                    )
                    return AppendResult(case_id, row.version, 0, row.head_hash)
                if row.version != expected_version:
                    raise ConcurrencyConflictError(case_id, expected_version, row.version)
                stored = _load_case(case_id, row, unit.events(case_id, upto=row.version))
                rows, head = _chain_rows(case_id, events, row.head_hash, row.version)
                case = stored.model_copy(update={"history": (*stored.history, *events)})
                summary = self._project(case)
                version = row.version + len(events)
                now = time_text(datetime.now(UTC))
                unit.insert_events(rows)
                unit.update_case(
                    CaseRow(case_id, version, head, row.dossier, row.dossier_hash), now
                )
                unit.put_summary(summary)
        except _IntegrityConflict:
            raise ConcurrencyConflictError(
                case_id, expected_version, self.version(case_id)
            ) from None
        logger.debug(
            "case %s appended %d events, version %d", mask_case_id(case_id), len(events), version
        )
        return AppendResult(case_id, version, len(events), head)

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
            stored = _load_case(case.case_id, row, unit.events(case.case_id, upto=row.version))
            summary = self._project(case.model_copy(update={"history": stored.history}))
            unit.update_case(
                CaseRow(case.case_id, row.version, row.head_hash, dossier, dossier_hash(dossier)),
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
                case = _load_case(case_id, row, unit.events(case_id, upto=row.version))
                unit.put_summary(self._project(case))
        return len(case_ids)

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
        """The case: its dossier with its full history, after checking the hash chain.

        Raises :class:`~pmi_workflow.errors.TamperDetectedError` when the stored
        history does not match its chain.
        """
        self._check_open()
        with self._read() as unit:
            row = unit.get_case(case_id)
            if row is None:
                raise CaseNotFoundError(case_id)
            rows = unit.events(case_id, upto=row.version)
        return _load_case(case_id, row, rows)

    def events(self, case_id: str, *, after: int = 0) -> list[StoredEvent]:
        """The case's stored events after version ``after``, in order (chain checked)."""
        self._check_open()
        with self._read() as unit:
            row = unit.get_case(case_id)
            if row is None:
                raise CaseNotFoundError(case_id)
            rows = unit.events(case_id, upto=row.version)
        broken = check_chain(case_id, row, rows)
        if broken is not None:
            raise broken.to_error()
        return [_stored(r) for r in rows if r.sequence > after]

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
                    yield _stored(row)
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

    def verify(self, case_id: str | None = None) -> VerifyReport:
        """Check the hash chain of one case, or of every case; report the first broken links."""
        self._check_open()
        if case_id is not None:
            case_ids = [case_id]
        else:
            with self._read() as unit:
                case_ids = unit.case_ids()
        broken: list[BrokenLink] = []
        events_checked = 0
        for current in case_ids:
            with self._read() as unit:
                row = unit.get_case(current)
                if row is None:
                    raise CaseNotFoundError(current)
                rows = unit.events(current)
            events_checked += len(rows)
            link = check_chain(current, row, rows)
            if link is not None:
                logger.warning(
                    "case %s: hash chain broken at event %d: %s",
                    mask_case_id(link.case_id),
                    link.version,
                    link.reason,
                )
                broken.append(link)
        return VerifyReport(len(case_ids), events_checked, tuple(broken))

    # -- helpers ----------------------------------------------------------------------------

    def _project(self, case: Case) -> CaseSummary:
        try:
            summary = self._projector(case)
        except PmiWorkflowError:
            raise
        except Exception as error:
            raise StoreError(
                f"the summary projector failed for case {case.case_id!r} ({type(error).__name__})"
            ) from error
        if not isinstance(summary, CaseSummary) or summary.case_id != case.case_id:
            raise StoreError(f"the summary projector returned no summary of {case.case_id!r}")
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


# -- shared checks ----------------------------------------------------------------------


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


def _chain_rows(
    case_id: str, events: Sequence[CaseEvent], prev: str, version: int
) -> tuple[list[EventRow], str]:
    rows = []
    recorded = time_text(datetime.now(UTC))
    for offset, event in enumerate(events, start=1):
        payload = event_payload(event)
        digest = link_hash(prev, payload)
        rows.append(
            EventRow(
                position=0,
                case_id=case_id,
                sequence=version + offset,
                event_id=str(event.event_id),
                step=event.step.value,
                occurred_at=time_text(event.occurred_at),
                payload=payload,
                prev_hash=prev,
                hash=digest,
                recorded_at=recorded,
            )
        )
        prev = digest
    return rows, prev


def _parse_event(row: EventRow) -> CaseEvent:
    return CaseEvent.model_validate_json(row.payload)


def _stored(row: EventRow) -> StoredEvent:
    return StoredEvent(
        position=row.position,
        case_id=row.case_id,
        version=row.sequence,
        event=_parse_event(row),
        prev_hash=row.prev_hash,
        hash=row.hash,
        recorded_at=parse_time_text(row.recorded_at),
    )


def check_chain(case_id: str, head: CaseRow, rows: Sequence[EventRow]) -> BrokenLink | None:
    """The first broken link of a case's stored history, or ``None`` if it is intact."""
    if head.dossier_hash != dossier_hash(head.dossier):
        return BrokenLink(case_id, 0, "the dossier does not match its hash")
    prev = GENESIS_HASH
    for expected, row in enumerate(rows, start=1):
        if row.sequence != expected:
            return BrokenLink(case_id, expected, "an event is missing")
        if row.prev_hash != prev:
            return BrokenLink(case_id, expected, "the link to the previous event does not match")
        if link_hash(prev, row.payload) != row.hash:
            return BrokenLink(case_id, expected, "the event does not match its hash")
        try:
            event = _parse_event(row)
        except (ValidationError, ValueError):
            return BrokenLink(case_id, expected, "the event cannot be read")
        if (
            event.case_id != case_id
            or event.sequence != row.sequence
            or str(event.event_id) != row.event_id
            or event.step.value != row.step
            or time_text(event.occurred_at) != row.occurred_at
        ):
            return BrokenLink(case_id, expected, "the event's columns do not match its content")
        prev = row.hash
    if len(rows) != head.version:
        return BrokenLink(
            case_id, min(len(rows), head.version) + 1, "the case version does not match its events"
        )
    if head.head_hash != prev:
        return BrokenLink(case_id, len(rows), "the case head does not match its last event")
    return None


def _load_case(case_id: str, head: CaseRow, rows: Sequence[EventRow]) -> Case:
    broken = check_chain(case_id, head, rows)
    if broken is not None:
        logger.warning(
            "case %s: refusing to replay a broken history (%s)",
            mask_case_id(case_id),
            broken.reason,
        )
        raise broken.to_error()
    try:
        dossier = Case.model_validate_json(head.dossier)
        events = tuple(_parse_event(row) for row in rows)
    except (ValidationError, ValueError):
        raise TamperDetectedError(case_id, 0, "the stored case cannot be read") from None
    return dossier.model_copy(update={"history": events})
