"""The PostgreSQL store, through SQLAlchemy 2 and psycopg 3 (the ``sql`` extra).

Writers lock the case row (``SELECT ... FOR UPDATE``) so that exactly one
wins per version; the ``(case_id, sequence)`` and ``event_id`` unique
constraints are the last line of defence. Reads run in ``REPEATABLE READ``
read-only transactions, so a load sees one consistent snapshot. The engine's
connection pool makes a store safe to share between threads.

The URL is an SQLAlchemy URL (``postgresql+psycopg://user@host:5432/db``; a
plain ``postgresql://`` URL is taken to mean psycopg 3). It never appears in
messages or logs. ``schema`` puts the tables in a schema of their own.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pmi_workflow.errors import InvalidInputError, StoreError
from pmi_workflow.store._sql_common import (
    SCHEMA_VERSION,
    Params,
    SqlUnit,
    open_schema,
    read_schema_version,
    upgrade_schema,
)
from pmi_workflow.store.backend import Unit
from pmi_workflow.store.base import CaseStore
from pmi_workflow.store.errors import StoreDriverError, _IntegrityConflict
from pmi_workflow.store.seal import Keys
from pmi_workflow.store.summaries import Projector

try:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
except ImportError as error:  # pragma: no cover - depends on the installation
    raise ImportError(
        "the PostgreSQL store needs the 'sql' extra: pip install 'pmi-workflow[sql]'"
    ) from error

__all__ = ["PostgresStore"]

logger = logging.getLogger(__name__)

POSITION_COLUMN = "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
_LOCK_KEY = 0x504D4931  # advisory lock for schema upgrades
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class _Executor:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def fetch(self, sql: str, params: Params = {}) -> list[tuple[Any, ...]]:  # noqa: B006
        return [tuple(row) for row in self._connection.execute(text(sql), dict(params))]

    def run(self, sql: str, params: Params = {}) -> None:  # noqa: B006
        self._connection.execute(text(sql), dict(params))

    def run_many(self, sql: str, params: Sequence[Params]) -> None:
        self._connection.execute(text(sql), [dict(p) for p in params])


def _driver_error(error: SQLAlchemyError) -> StoreDriverError:
    """A driver error as a library error: class and SQLSTATE only, no SQL, no data."""
    original = getattr(error, "orig", None) or error
    state = getattr(original, "sqlstate", None)
    logger.warning("PostgreSQL error %s (%s)", type(original).__name__, state or "no SQLSTATE")
    return StoreDriverError(
        "PostgreSQL", type(original).__name__, f"SQLSTATE {state}" if state else None
    )


def _normalise_url(url: str) -> str:
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


class PostgresStore(CaseStore):
    """A store in a PostgreSQL database, safe to share between threads."""

    def __init__(
        self,
        url: str,
        *,
        projector: Projector | None = None,
        keys: Keys = None,
        schema: str | None = None,
        upgrade: bool = True,
        pool_size: int = 5,
        max_overflow: int = 10,
    ) -> None:
        super().__init__(projector=projector, keys=keys)
        if schema is not None and not _SCHEMA_NAME.match(schema):
            raise InvalidInputError.single(
                "a schema name is lower-case letters, digits and underscores", "schema", ("schema",)
            )
        self._schema = schema
        connect_args: dict[str, Any] = {}
        if schema is not None:
            connect_args["options"] = f"-csearch_path={schema}"
        try:
            self._engine: Engine = create_engine(
                _normalise_url(url),
                pool_pre_ping=True,
                pool_size=pool_size,
                max_overflow=max_overflow,
                connect_args=connect_args,
            )
        except (ArgumentError, SQLAlchemyError, ValueError):
            raise StoreError("invalid PostgreSQL URL") from None
        if self._engine.dialect.name != "postgresql":
            raise StoreError("PostgresStore needs a postgresql URL")
        self._reader = self._engine.execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True
        )
        if schema is not None:
            self._run_plain(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        self._open_schema(upgrade)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for the caller's own migrations or monitoring)."""
        return self._engine

    def _run_plain(self, sql: str) -> None:
        try:
            with self._engine.begin() as connection:
                connection.execute(text(sql))
        except SQLAlchemyError as error:
            raise _driver_error(error) from None

    @contextmanager
    def _transaction(self, engine: Engine) -> Iterator[Unit]:
        self._check_open()
        try:
            with engine.begin() as connection:
                yield SqlUnit(_Executor(connection), dialect="postgresql")
        except IntegrityError:
            raise _IntegrityConflict from None
        except SQLAlchemyError as error:
            raise _driver_error(error) from None

    def _write(self) -> Any:
        return self._transaction(self._engine)

    def _read(self) -> Any:
        return self._transaction(self._reader)

    def _close(self) -> None:
        self._engine.dispose()

    # -- schema ---------------------------------------------------------------------------

    def _open_schema(self, upgrade: bool) -> None:
        open_schema(self.schema_version(), upgrade=upgrade, run_upgrade=self.upgrade)

    def schema_version(self) -> int:
        """The database's schema version (0 for an empty database)."""
        with self._transaction(self._engine) as unit:
            return _read_version(unit)

    def upgrade(self) -> int:
        """Upgrade the schema to the current version (idempotent); returns the version."""
        with self._transaction(self._engine) as unit:
            assert isinstance(unit, SqlUnit)
            unit.executor.run("SELECT pg_advisory_xact_lock(:key)", {"key": _LOCK_KEY})
            found = _read_version(unit)
            if found == SCHEMA_VERSION:
                return found
            version = upgrade_schema(unit.executor, found, POSITION_COLUMN, self._projector)
        logger.info("PostgreSQL case store at schema version %d", version)
        return version


def _read_version(unit: Unit) -> int:
    assert isinstance(unit, SqlUnit)
    ex = unit.executor

    def exists(table: str) -> bool:
        rows = ex.fetch(
            "SELECT 1 FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_name = :name",
            {"name": table},
        )
        return bool(rows)

    return read_schema_version(ex, exists)
