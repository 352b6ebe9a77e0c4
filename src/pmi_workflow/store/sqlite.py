"""The SQLite store: one database file, the standard library's ``sqlite3``.

The database runs in WAL mode, so readers never wait for the writer; writes
take the database's write lock at their start (``BEGIN IMMEDIATE``), which
serialises writers across threads and processes. Each thread gets its own
connection. The schema is created or upgraded when the store is opened.

>>> import tempfile, pathlib
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.samples import procedural_case_data
>>> folder = tempfile.TemporaryDirectory()
>>> case = parse_case(procedural_case_data("g2g"))
>>> with SqliteStore(pathlib.Path(folder.name) / "cases.db") as store:
...     _ = store.create(case)
...     store.load(case.case_id) == case, store.schema_version()
(True, 3)
>>> folder.cleanup()
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pmi_workflow.store._sql_common import (
    SCHEMA_VERSION,
    Executor,
    Params,
    SqlUnit,
    open_schema,
    read_schema_version,
    upgrade_schema,
)
from pmi_workflow.store.backend import Unit
from pmi_workflow.store.base import CaseStore
from pmi_workflow.store.errors import StoreDriverError, StoreNotFoundError, _IntegrityConflict
from pmi_workflow.store.seal import Keys
from pmi_workflow.store.summaries import Projector

__all__ = ["SqliteStore"]

logger = logging.getLogger(__name__)

POSITION_COLUMN = "INTEGER PRIMARY KEY AUTOINCREMENT"


class _Executor:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def fetch(self, sql: str, params: Params = {}) -> list[tuple[Any, ...]]:  # noqa: B006
        return list(self._connection.execute(sql, dict(params)).fetchall())

    def run(self, sql: str, params: Params = {}) -> None:  # noqa: B006
        self._connection.execute(sql, dict(params))

    def run_many(self, sql: str, params: Sequence[Params]) -> None:
        self._connection.executemany(sql, [dict(p) for p in params])


def _driver_error(error: sqlite3.Error) -> StoreDriverError:
    """A driver error as a library error: the error class and code only, no SQL, no data."""
    name = getattr(error, "sqlite_errorname", None)
    # Raised with the same words: logged below warning, not said twice on the command line.
    logger.warning("SQLite error %s (%s)", type(error).__name__, name or "no code")
    return StoreDriverError("SQLite", type(error).__name__, str(name) if name else None)


class SqliteStore(CaseStore):
    """A store in an SQLite file (created if missing), safe to share between threads.

    ``timeout`` is how long (seconds) a writer waits for another process's
    write to finish. ``upgrade=False`` refuses to open an older schema instead
    of upgrading it. ``create=False`` opens only a file that exists: a missing
    one raises :class:`~pmi_workflow.store.errors.StoreNotFoundError` and is
    not created (for a reader, which has nothing to read in a new file).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        projector: Projector | None = None,
        keys: Keys = None,
        timeout: float = 30.0,
        upgrade: bool = True,
        create: bool = True,
    ) -> None:
        super().__init__(projector=projector, keys=keys)
        self._path = Path(path)
        self._create = create
        if not create and not self._path.exists():
            raise StoreNotFoundError(str(self._path))
        if not create and self._path.is_file() and self._path.stat().st_size == 0:
            # An empty file is no store: a reader says so and leaves it as it is (SQLite
            # would take it for a new database and write the schema into it).
            raise StoreDriverError("SQLite", "DatabaseError", "SQLITE_NOTADB")
        self._timeout = timeout
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._open_schema(upgrade)

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None:
            return connection
        # Without ``create``, SQLite opens the file read-write but never makes it (should it
        # go between the check in ``__init__`` and here).
        database = self._path if self._create else self._path.absolute().as_uri() + "?mode=rw"
        try:
            connection = sqlite3.connect(
                database,
                timeout=self._timeout,
                isolation_level=None,
                check_same_thread=False,
                uri=not self._create,
            )
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as error:
            raise _driver_error(error) from None
        self._local.connection = connection
        with self._connections_lock:
            self._connections.append(connection)
        return connection

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[Unit]:
        self._check_open()
        connection = self._connection()
        try:
            connection.execute(begin)
        except sqlite3.Error as error:
            raise _driver_error(error) from None
        try:
            yield SqlUnit(_Executor(connection), dialect="sqlite")
            connection.execute("COMMIT")
        except sqlite3.IntegrityError:
            connection.execute("ROLLBACK")
            raise _IntegrityConflict from None
        except sqlite3.Error as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise _driver_error(error) from None
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def _write(self) -> Any:
        return self._transaction("BEGIN IMMEDIATE")

    def _read(self) -> Any:
        return self._transaction("BEGIN")

    def _close(self) -> None:
        with self._connections_lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()

    # -- schema ---------------------------------------------------------------------------

    def _open_schema(self, upgrade: bool) -> None:
        open_schema(self.schema_version(), upgrade=upgrade, run_upgrade=self.upgrade)

    def schema_version(self) -> int:
        """The database's schema version (0 for a new, empty file)."""
        with self._transaction("BEGIN") as unit:
            return _read_version(unit)

    def upgrade(self) -> int:
        """Upgrade the schema to the current version (idempotent); returns the version."""
        with self._transaction("BEGIN IMMEDIATE") as unit:
            found = _read_version(unit)
            if found == SCHEMA_VERSION:
                return found
            version = upgrade_schema(_executor(unit), found, POSITION_COLUMN, self._projector)
        logger.info("SQLite case store at schema version %d", version)
        return version


def _executor(unit: Unit) -> Executor:
    assert isinstance(unit, SqlUnit)
    return unit.executor


def _read_version(unit: Unit) -> int:
    ex = _executor(unit)

    def exists(table: str) -> bool:
        rows = ex.fetch(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name", {"name": table}
        )
        return bool(rows)

    return read_schema_version(ex, exists)
