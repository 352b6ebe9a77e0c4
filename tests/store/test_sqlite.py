"""The SQLite store passes the store contract; its schema upgrades; driver errors are wrapped."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from pmi_workflow.errors import StoreError
from pmi_workflow.store import (
    CaseStore,
    SchemaVersionError,
    SqliteStore,
    StoreDriverError,
    StoreNotFoundError,
    open_store,
)
from pmi_workflow.store._sql_common import schema_v1
from pmi_workflow.store.chain import chain_rows, dossier_json
from pmi_workflow.store.sqlite import POSITION_COLUMN
from pmi_workflow.testing.store_contract import StoreContract, make_case, summary_columns


class TestSqliteStore(StoreContract):
    @pytest.fixture(autouse=True)
    def _folder(self, tmp_path: Path) -> None:
        self.folder = tmp_path
        self.count = 0

    def make_store(self, **options: Any) -> CaseStore:
        self.count += 1
        return SqliteStore(self.folder / f"cases-{self.count}.db", **options)

    def reopen(self, store: CaseStore, **options: Any) -> CaseStore:
        assert isinstance(store, SqliteStore)
        return SqliteStore(store.path, **options)

    def _raw(self, store: CaseStore, sql: str, params: dict[str, Any]) -> None:
        assert isinstance(store, SqliteStore)
        with sqlite3.connect(store.path) as connection:
            connection.execute(sql, params)
        connection.close()

    def edit_event(self, store: CaseStore, case_id: str, sequence: int, /, **columns: Any) -> None:
        assignments = ", ".join(f"{name} = :{name}" for name in columns)
        self._raw(
            store,
            f"UPDATE events SET {assignments} WHERE case_id = :where_case AND sequence = :at",
            {**columns, "where_case": case_id, "at": sequence},
        )

    def delete_event(self, store: CaseStore, case_id: str, sequence: int) -> None:
        self._raw(
            store,
            "DELETE FROM events WHERE case_id = :case_id AND sequence = :sequence",
            {"case_id": case_id, "sequence": sequence},
        )

    def edit_case(self, store: CaseStore, case_id: str, **columns: Any) -> None:
        assignments = ", ".join(f"{name} = :{name}" for name in columns)
        self._raw(
            store,
            f"UPDATE cases SET {assignments} WHERE case_id = :where_case",
            {**columns, "where_case": case_id},
        )

    def edit_summary(self, store: CaseStore, case_id: str, **fields: Any) -> None:
        columns = summary_columns(**fields)
        assignments = ", ".join(f"{name} = :{name}" for name in columns)
        self._raw(
            store,
            f"UPDATE case_summaries SET {assignments} WHERE case_id = :where_case",
            {**columns, "where_case": case_id},
        )

    def delete_case(self, store: CaseStore, case_id: str) -> None:
        for table in ("events", "case_summaries", "cases"):
            self._raw(store, f"DELETE FROM {table} WHERE case_id = :case_id", {"case_id": case_id})


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.db"


def write_v1_database(path: Path, *cases: Any) -> None:
    """A database as the first schema version wrote it."""
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in schema_v1(POSITION_COLUMN):
        connection.execute(statement)
    for case in cases:
        connection.execute(
            "INSERT INTO cases VALUES (?, ?, ?, '2024-01-01T00:00:00.000000Z',"
            " '2024-01-01T00:00:00.000000Z')",
            (case.case_id, len(case.history), dossier_json(case)),
        )
        rows, _ = chain_rows(case.case_id, case.history, "0" * 64, 0)
        for row in rows:
            connection.execute(
                "INSERT INTO events (case_id, sequence, event_id, step, occurred_at, payload,"
                " prev_hash, hash, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    row.case_id,
                    row.sequence,
                    row.event_id,
                    row.step,
                    row.occurred_at,
                    row.payload,
                    row.prev_hash,
                    row.hash,
                    row.recorded_at,
                ),
            )
    connection.close()


def test_a_version_1_database_is_upgraded_and_keeps_its_cases(db_path: Path) -> None:
    old = make_case("OLD-1")
    write_v1_database(db_path, old, make_case("OLD-2", "g2g", history=False))
    with SqliteStore(db_path) as store:
        assert store.schema_version() == 3
        assert store.load("OLD-1") == old
        assert store.summary("OLD-1").state == old.history[-1].step.value
        assert [s.case_id for s in store.query(state="new")] == ["OLD-2"]
        assert store.verify().ok
        assert store.upgrade() == 3


def test_an_old_schema_is_refused_without_upgrade(db_path: Path) -> None:
    write_v1_database(db_path)
    with pytest.raises(SchemaVersionError, match="upgrade=True"):
        SqliteStore(db_path, upgrade=False)


def test_a_newer_schema_is_refused(db_path: Path) -> None:
    SqliteStore(db_path).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE schema_version SET version = 99")
    connection.close()
    with pytest.raises(SchemaVersionError) as caught:
        SqliteStore(db_path)
    assert (caught.value.found, caught.value.supported) == (99, 3)


def test_a_file_that_is_not_a_database_is_a_store_error_without_sql(db_path: Path) -> None:
    db_path.write_bytes(b"3603010101900002 " * 200)
    with pytest.raises(StoreError) as caught:
        SqliteStore(db_path)
    message = str(caught.value)
    assert message == "the file is not a SQLite database (DatabaseError, SQLITE_NOTADB)"
    assert isinstance(caught.value, StoreDriverError)
    assert caught.value.error_code == "SQLITE_NOTADB"
    assert "SELECT" not in message
    assert "3603010101900002" not in message
    assert caught.value.__cause__ is None


def test_open_store_picks_sqlite_for_paths_and_urls(db_path: Path) -> None:
    with open_store(db_path) as first:
        first.create(make_case("C-1"))
    with open_store(f"sqlite:///{db_path}") as second:
        assert isinstance(second, SqliteStore)
        assert second.exists("C-1")
    with open_store(str(db_path)) as third:
        assert third.exists("C-1")


@pytest.mark.parametrize("how", ["store", "path", "text", "url"])
def test_a_store_opened_to_read_refuses_a_missing_file_and_does_not_create_it(
    how: str, tmp_path: Path
) -> None:
    db_path = tmp_path / "a folder?#%" / "cases.db"
    db_path.parent.mkdir()
    opening = {
        "store": lambda: SqliteStore(db_path, create=False),
        "path": lambda: open_store(db_path, create=False),
        "text": lambda: open_store(str(db_path), create=False),
        "url": lambda: open_store(f"sqlite:///{db_path}", create=False),
    }[how]
    with pytest.raises(StoreNotFoundError) as caught:
        opening()
    assert (caught.value.code, caught.value.path) == ("store_not_found", str(db_path))
    assert list(db_path.parent.iterdir()) == []
    with SqliteStore(db_path) as made:
        made.create(make_case("C-1"))
    with opening() as read:
        assert isinstance(read, SqliteStore)
        assert read.exists("C-1")


def test_a_store_file_removed_after_opening_to_read_is_not_made_again(db_path: Path) -> None:
    SqliteStore(db_path).close()
    reader = SqliteStore(db_path, create=False)
    for made in db_path.parent.iterdir():
        made.unlink()
    raised: list[BaseException] = []

    def read() -> None:  # a new thread opens a connection of its own
        try:
            reader.case_ids()
        except BaseException as error:  # handed to the test
            raised.append(error)

    worker = threading.Thread(target=read)
    worker.start()
    worker.join()
    reader.close()
    assert [type(error) for error in raised] == [StoreDriverError]
    assert list(db_path.parent.iterdir()) == []


def test_a_memory_store_ignores_create() -> None:
    with open_store("memory:", create=False) as store:
        assert store.case_ids() == []


def test_the_database_runs_in_wal_mode(db_path: Path) -> None:
    SqliteStore(db_path).close()
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def test_verify_reports_events_whose_case_head_was_deleted(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from pmi_workflow.store.verification import ORPHAN_EVENTS

    with SqliteStore(db_path) as store:
        store.create(make_case("C-1"))
        store.create(make_case("C-2", "g2g"))
    with sqlite3.connect(db_path) as connection:  # the head and summary gone, the events left
        connection.execute("DELETE FROM case_summaries WHERE case_id = 'C-1'")
        connection.execute("DELETE FROM cases WHERE case_id = 'C-1'")
    connection.close()
    with SqliteStore(db_path) as store:
        with caplog.at_level(logging.WARNING, logger="pmi_workflow.store.verification"):
            report = store.verify()
        assert [(link.case_id, link.reason) for link in report.broken] == [("C-1", ORPHAN_EVENTS)]
        # an embedding application logging at WARNING hears of the tampering
        warned = [
            record
            for record in caplog.records
            if record.name == "pmi_workflow.store.verification"
            and record.levelno >= logging.WARNING
        ]
        assert len(warned) == 1
        assert store.verify("C-2").ok  # one case checked: the others are not looked at
