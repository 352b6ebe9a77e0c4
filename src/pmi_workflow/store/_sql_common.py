"""What the SQLite and PostgreSQL backends share: the schema, its upgrades, the SQL.

Statements use named parameters (``:name``), understood by both ``sqlite3``
and SQLAlchemy. Times are stored as fixed-width UTC text so that text order is
time order in both databases.

Schema versions:

1. ``cases`` (head: version, dossier) and ``events`` (the hash-chained log).
2. adds the dossier hash and the head hash to ``cases``, the ``case_summaries``
   table for queries, and indexes for step-date queries.
3. adds the summary hash and the seal to ``cases``: an append reads the case
   row and the summary, never the events.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from pmi_workflow.enums import Scheme, Step
from pmi_workflow.store.backend import Unit
from pmi_workflow.store.chain import GENESIS_HASH, dossier_hash, load_case, summary_hash
from pmi_workflow.store.errors import SchemaVersionError
from pmi_workflow.store.queries import CaseQuery
from pmi_workflow.store.records import CaseRow, CaseSummary, EventRow, parse_time_text, time_text
from pmi_workflow.store.summaries import Projector

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 3
"""The schema version this release writes."""

Params = Mapping[str, Any]


class Executor(Protocol):
    """Runs one statement in the current transaction."""

    def fetch(self, sql: str, params: Params = ...) -> list[tuple[Any, ...]]:
        """Run a query and return its rows."""

    def run(self, sql: str, params: Params = ...) -> None:
        """Run a statement."""

    def run_many(self, sql: str, params: Sequence[Params]) -> None:
        """Run a statement once per parameter set."""


def schema_v1(position_column: str) -> list[str]:
    """The first schema (kept to test upgrades and to create it from scratch)."""
    return [
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        "CREATE TABLE cases (case_id TEXT PRIMARY KEY, version INTEGER NOT NULL,"
        " dossier TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        f"CREATE TABLE events (position {position_column},"
        " case_id TEXT NOT NULL REFERENCES cases (case_id),"
        " sequence INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, step TEXT NOT NULL,"
        " occurred_at TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL,"
        " hash TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (case_id, sequence))",
        "INSERT INTO schema_version (version) VALUES (1)",
    ]


SCHEMA_V2 = [
    "ALTER TABLE cases ADD COLUMN head_hash TEXT",
    "ALTER TABLE cases ADD COLUMN dossier_hash TEXT",
    "CREATE TABLE case_summaries (case_id TEXT PRIMARY KEY REFERENCES cases (case_id),"
    " scheme TEXT NOT NULL, state TEXT NOT NULL, verdict TEXT, destination TEXT NOT NULL,"
    " version INTEGER NOT NULL, last_step TEXT, last_step_at TEXT, executor_kind TEXT,"
    " executor TEXT)",
    "CREATE INDEX case_summaries_state ON case_summaries (state)",
    "CREATE INDEX case_summaries_destination ON case_summaries (destination)",
    "CREATE INDEX case_summaries_executor ON case_summaries (executor)",
    "CREATE INDEX case_summaries_verdict ON case_summaries (verdict)",
    "CREATE INDEX case_summaries_last_step_at ON case_summaries (last_step_at)",
    "CREATE INDEX events_step_time ON events (step, occurred_at)",
]


SCHEMA_V3 = [
    "ALTER TABLE cases ADD COLUMN summary_hash TEXT",
    "ALTER TABLE cases ADD COLUMN seal TEXT",
]


def read_schema_version(ex: Executor, table_exists: Callable[[str], bool]) -> int:
    """The database's schema version (0 for an empty database)."""
    if not table_exists("schema_version"):
        return 0
    rows = ex.fetch("SELECT version FROM schema_version")
    return int(rows[0][0]) if rows else 0


def open_schema(found: int, *, upgrade: bool, run_upgrade: Callable[[], object]) -> None:
    """Accept a database at :data:`SCHEMA_VERSION`, upgrade an older or empty one (only an
    empty one unless ``upgrade``), refuse a newer one."""
    if found == SCHEMA_VERSION:
        return
    if found > SCHEMA_VERSION:
        raise SchemaVersionError(found, SCHEMA_VERSION, "newer than this release")
    if not upgrade and found > 0:
        raise SchemaVersionError(found, SCHEMA_VERSION, "older; open with upgrade=True")
    run_upgrade()


def upgrade_schema(ex: Executor, found: int, position_column: str, projector: Projector) -> int:
    """Bring the schema from version ``found`` to :data:`SCHEMA_VERSION` (one transaction)."""
    if found > SCHEMA_VERSION:
        raise SchemaVersionError(found, SCHEMA_VERSION, "newer than this release")
    if found < 1:
        for statement in schema_v1(position_column):
            ex.run(statement)
        found = 1
    if found < 2:
        for statement in SCHEMA_V2:
            ex.run(statement)
        _backfill_v2(ex, projector)
        ex.run("UPDATE schema_version SET version = 2")
        found = 2
    if found < 3:
        for statement in SCHEMA_V3:
            ex.run(statement)
        _backfill_v3(ex, projector)
        ex.run("UPDATE schema_version SET version = 3")
        found = 3
    return found


def _backfill_v2(ex: Executor, projector: Projector) -> None:
    """Fill the v2 columns and summaries of cases written under v1."""
    unit = SqlUnit(ex, dialect="any")
    for (case_id,) in ex.fetch("SELECT case_id FROM cases ORDER BY case_id"):
        version, dossier = ex.fetch(
            "SELECT version, dossier FROM cases WHERE case_id = :case_id", {"case_id": case_id}
        )[0]
        rows = unit.events(case_id, upto=version)
        head = rows[-1].hash if rows else GENESIS_HASH
        digest = dossier_hash(dossier)
        ex.run(
            "UPDATE cases SET head_hash = :head, dossier_hash = :digest WHERE case_id = :case_id",
            {"head": head, "digest": digest, "case_id": case_id},
        )
        case = load_case(case_id, CaseRow(case_id, version, head, dossier, digest), rows)
        unit.put_summary(projector(case))
    logger.info("case store schema upgraded to version 2")


def _backfill_v3(ex: Executor, projector: Projector) -> None:
    """Hash the stored summaries of cases written before version 3 into their heads."""
    unit = SqlUnit(ex, dialect="any")
    for (case_id,) in ex.fetch("SELECT case_id FROM cases ORDER BY case_id"):
        summary = unit.get_summary(case_id)
        if summary is None:
            row = unit.get_case(case_id)
            assert row is not None
            summary = projector(load_case(case_id, row, unit.events(case_id, upto=row.version)))
            unit.put_summary(summary)
        ex.run(
            "UPDATE cases SET summary_hash = :digest WHERE case_id = :case_id",
            {"digest": summary_hash(summary), "case_id": case_id},
        )
    logger.info("case store schema upgraded to version 3")


_EVENT_COLUMNS = (
    "position, case_id, sequence, event_id, step, occurred_at, payload, prev_hash, hash,"
    " recorded_at"
)
_SUMMARY_COLUMNS = (
    "case_id, scheme, state, verdict, destination, version, last_step, last_step_at,"
    " executor_kind, executor"
)


def _event(row: Sequence[Any]) -> EventRow:
    return EventRow(
        int(row[0]),
        row[1],
        int(row[2]),
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
        row[9],
    )


def _summary(row: Sequence[Any]) -> CaseSummary:
    return CaseSummary(
        case_id=row[0],
        scheme=Scheme(row[1]),
        state=row[2],
        verdict=row[3],
        destination=row[4],
        version=int(row[5]),
        last_step=Step(row[6]) if row[6] is not None else None,
        last_step_at=parse_time_text(row[7]) if row[7] is not None else None,
        executor_kind=row[8],
        executor=row[9],
    )


class SqlUnit(Unit):
    """The storage primitives in SQL, over one transaction."""

    def __init__(self, ex: Executor, *, dialect: str) -> None:
        self._ex = ex
        self._postgres = dialect == "postgresql"
        self._for_update = " FOR UPDATE" if self._postgres else ""
        self._collate = ' COLLATE "C"' if self._postgres else ""

    @property
    def executor(self) -> Executor:
        """The statement runner of this transaction."""
        return self._ex

    def get_case(self, case_id: str, *, lock: bool = False) -> CaseRow | None:
        rows = self._ex.fetch(
            "SELECT case_id, version, head_hash, dossier, dossier_hash, summary_hash, seal"
            " FROM cases WHERE case_id = :case_id" + (self._for_update if lock else ""),
            {"case_id": case_id},
        )
        if not rows:
            return None
        row = rows[0]
        return CaseRow(
            row[0], int(row[1]), row[2] or "", row[3], row[4] or "", row[5] or "", row[6] or ""
        )

    def get_head(
        self, case_id: str, *, lock: bool = False
    ) -> tuple[CaseRow | None, CaseSummary | None]:
        summary_columns = ", ".join("s." + c.strip() for c in _SUMMARY_COLUMNS.split(","))
        rows = self._ex.fetch(
            "SELECT c.case_id, c.version, c.head_hash, c.dossier, c.dossier_hash,"
            f" c.summary_hash, c.seal, s.case_id, {summary_columns} FROM cases c"
            " LEFT JOIN case_summaries s ON s.case_id = c.case_id WHERE c.case_id = :case_id"
            + (" FOR UPDATE OF c" if lock and self._postgres else ""),
            {"case_id": case_id},
        )
        if not rows:
            return None, None
        row = rows[0]
        head = CaseRow(
            row[0], int(row[1]), row[2] or "", row[3], row[4] or "", row[5] or "", row[6] or ""
        )
        return head, _summary(row[8:]) if row[7] is not None else None

    def events(self, case_id: str, *, upto: int | None = None) -> list[EventRow]:
        sql = f"SELECT {_EVENT_COLUMNS} FROM events WHERE case_id = :case_id"
        params: dict[str, Any] = {"case_id": case_id}
        if upto is not None:
            sql += " AND sequence <= :upto"
            params["upto"] = upto
        return [_event(row) for row in self._ex.fetch(sql + " ORDER BY sequence", params)]

    def events_by_id(self, event_ids: Sequence[str]) -> list[EventRow]:
        found = []
        for start in range(0, len(event_ids), 500):
            chunk = event_ids[start : start + 500]
            names = {f"e{index}": value for index, value in enumerate(chunk)}
            placeholders = ", ".join(f":{name}" for name in names)
            found += self._ex.fetch(
                f"SELECT {_EVENT_COLUMNS} FROM events WHERE event_id IN ({placeholders})", names
            )
        return [_event(row) for row in found]

    def insert_case(self, row: CaseRow, now: str) -> None:
        self._ex.run(
            "INSERT INTO cases (case_id, version, dossier, created_at, updated_at, head_hash,"
            " dossier_hash, summary_hash, seal) VALUES (:case_id, :version, :dossier, :now,"
            " :now, :head, :digest, :summary_hash, :seal)",
            _case_params(row, now),
        )

    def update_case(self, row: CaseRow, now: str) -> None:
        self._ex.run(
            "UPDATE cases SET version = :version, dossier = :dossier, updated_at = :now,"
            " head_hash = :head, dossier_hash = :digest, summary_hash = :summary_hash,"
            " seal = :seal WHERE case_id = :case_id",
            _case_params(row, now),
        )

    def update_head(self, row: CaseRow, now: str) -> None:
        params = _case_params(row, now)
        del params["dossier"], params["digest"]
        self._ex.run(
            "UPDATE cases SET version = :version, updated_at = :now, head_hash = :head,"
            " summary_hash = :summary_hash, seal = :seal WHERE case_id = :case_id",
            params,
        )

    def insert_events(self, rows: Sequence[EventRow]) -> None:
        if not rows:
            return
        self._ex.run_many(
            "INSERT INTO events (case_id, sequence, event_id, step, occurred_at, payload,"
            " prev_hash, hash, recorded_at) VALUES (:case_id, :sequence, :event_id, :step,"
            " :occurred_at, :payload, :prev_hash, :hash, :recorded_at)",
            [
                {
                    "case_id": row.case_id,
                    "sequence": row.sequence,
                    "event_id": row.event_id,
                    "step": row.step,
                    "occurred_at": row.occurred_at,
                    "payload": row.payload,
                    "prev_hash": row.prev_hash,
                    "hash": row.hash,
                    "recorded_at": row.recorded_at,
                }
                for row in rows
            ],
        )

    def put_summary(self, summary: CaseSummary) -> None:
        self._ex.run(
            f"INSERT INTO case_summaries ({_SUMMARY_COLUMNS}) VALUES (:case_id, :scheme, :state,"
            " :verdict, :destination, :version, :last_step, :last_step_at, :executor_kind,"
            " :executor) ON CONFLICT (case_id) DO UPDATE SET scheme = excluded.scheme,"
            " state = excluded.state, verdict = excluded.verdict,"
            " destination = excluded.destination, version = excluded.version,"
            " last_step = excluded.last_step, last_step_at = excluded.last_step_at,"
            " executor_kind = excluded.executor_kind, executor = excluded.executor",
            _summary_params(summary),
        )

    def update_summary(self, summary: CaseSummary, previous: CaseSummary) -> None:
        new, old = _summary_params(summary), _summary_params(previous)
        changed = [name for name in new if name != "case_id" and new[name] != old[name]]
        if new["case_id"] != old["case_id"]:  # pragma: no cover - the store never does this
            raise ValueError("a summary of another case")
        if not changed:
            return
        self._ex.run(
            f"UPDATE case_summaries SET {', '.join(f'{n} = :{n}' for n in changed)}"
            " WHERE case_id = :case_id",
            {"case_id": new["case_id"], **{name: new[name] for name in changed}},
        )

    def get_summary(self, case_id: str) -> CaseSummary | None:
        rows = self._ex.fetch(
            f"SELECT {_SUMMARY_COLUMNS} FROM case_summaries WHERE case_id = :case_id",
            {"case_id": case_id},
        )
        return _summary(rows[0]) if rows else None

    def query(self, query: CaseQuery) -> list[CaseSummary]:
        where: list[str] = []
        params: dict[str, Any] = {}
        for name in ("state", "scheme", "destination", "executor", "executor_kind", "verdict"):
            value = getattr(query, name)
            if value is not None:
                where.append(f"s.{name} = :{name}")
                params[name] = value.value if isinstance(value, Scheme) else value
        if query.step is not None:
            condition = "e.case_id = s.case_id AND e.step = :step"
            params["step"] = query.step.value
            if query.since is not None:
                condition += " AND e.occurred_at >= :since"
                params["since"] = time_text(query.since)
            if query.until is not None:
                condition += " AND e.occurred_at < :until"
                params["until"] = time_text(query.until)
            where.append(f"EXISTS (SELECT 1 FROM events e WHERE {condition})")
        else:
            if query.since is not None:
                where.append("s.last_step_at >= :since")
                params["since"] = time_text(query.since)
            if query.until is not None:
                where.append("s.last_step_at < :until")
                params["until"] = time_text(query.until)
        sql = f"SELECT {', '.join('s.' + c.strip() for c in _SUMMARY_COLUMNS.split(','))}"
        sql += " FROM case_summaries s"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY s.case_id" + self._collate
        if query.limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = query.limit
        elif query.offset:
            sql += " LIMIT ALL" if self._postgres else " LIMIT -1"
        if query.offset:
            sql += " OFFSET :offset"
            params["offset"] = query.offset
        return [_summary(row) for row in self._ex.fetch(sql, params)]

    def stream(self, after: int, limit: int) -> list[EventRow]:
        rows = self._ex.fetch(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE position > :after"
            " ORDER BY position LIMIT :limit",
            {"after": after, "limit": limit},
        )
        return [_event(row) for row in rows]

    def case_ids(self) -> list[str]:
        return [
            row[0]
            for row in self._ex.fetch("SELECT case_id FROM cases ORDER BY case_id" + self._collate)
        ]

    def orphan_case_ids(self) -> list[str]:
        sql = (
            # GROUP BY, not DISTINCT: PostgreSQL orders a DISTINCT list only by what it selects,
            # and the ORDER BY below carries a collation
            "SELECT case_id FROM events WHERE NOT EXISTS "
            "(SELECT 1 FROM cases WHERE cases.case_id = events.case_id) "
            "GROUP BY case_id ORDER BY case_id"
        )
        return [row[0] for row in self._ex.fetch(sql + self._collate)]


def _summary_params(summary: CaseSummary) -> dict[str, Any]:
    return {
        "case_id": summary.case_id,
        "scheme": summary.scheme.value,
        "state": summary.state,
        "verdict": summary.verdict,
        "destination": summary.destination,
        "version": summary.version,
        "last_step": summary.last_step.value if summary.last_step else None,
        "last_step_at": (time_text(summary.last_step_at) if summary.last_step_at else None),
        "executor_kind": summary.executor_kind,
        "executor": summary.executor,
    }


def _case_params(row: CaseRow, now: str) -> dict[str, Any]:
    return {
        "case_id": row.case_id,
        "version": row.version,
        "dossier": row.dossier,
        "now": now,
        "head": row.head_hash,
        "digest": row.dossier_hash,
        "summary_hash": row.summary_hash,
        "seal": row.seal or None,
    }
