"""The PostgreSQL store passes the store contract against a real server.

Needs ``PMI_WORKFLOW_TEST_POSTGRES_URL`` (``scripts/test`` starts a throwaway
server and sets it); without it these tests are skipped. Each test works in a
schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from pmi_workflow.errors import InvalidInputError, StoreError
from pmi_workflow.store import CaseStore, SchemaVersionError, StoreDriverError, open_store
from pmi_workflow.store.chain import chain_rows, dossier_json
from pmi_workflow.testing.store_contract import StoreContract, make_case, summary_columns

POSTGRES_URL = os.environ.get("PMI_WORKFLOW_TEST_POSTGRES_URL")

pytestmark = pytest.mark.skipif(
    not POSTGRES_URL, reason="PMI_WORKFLOW_TEST_POSTGRES_URL is not set"
)

if POSTGRES_URL:
    from sqlalchemy import create_engine, text

    from pmi_workflow.store import PostgresStore
    from pmi_workflow.store._sql_common import schema_v1
    from pmi_workflow.store.postgresql import POSITION_COLUMN


@pytest.fixture
def schema() -> Iterator[str]:
    """A fresh schema name, dropped after the test."""
    name = "pmi_test_" + uuid.uuid4().hex[:12]
    yield name
    assert POSTGRES_URL is not None
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
    engine.dispose()


def raw(schema: str, sql: str, params: dict[str, Any] | None = None) -> None:
    assert POSTGRES_URL is not None
    engine = create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    with engine.begin() as connection:
        connection.execute(text(sql), params or {})
    engine.dispose()


class TestPostgresStore(StoreContract):
    def make_store(self, **options: Any) -> CaseStore:
        assert POSTGRES_URL is not None
        self.schema = "pmi_test_" + uuid.uuid4().hex[:12]
        self._made = [*getattr(self, "_made", []), self.schema]
        return PostgresStore(POSTGRES_URL, schema=self.schema, **options)

    @pytest.fixture(autouse=True)
    def _drop_made(self) -> Iterator[None]:
        yield
        for name in getattr(self, "_made", []):
            raw("public", f"DROP SCHEMA IF EXISTS {name} CASCADE")

    def reopen(self, store: CaseStore, **options: Any) -> CaseStore:
        assert POSTGRES_URL is not None
        return PostgresStore(POSTGRES_URL, schema=self.schema, **options)

    def edit_event(self, store: CaseStore, case_id: str, sequence: int, /, **columns: Any) -> None:
        assignments = ", ".join(f"{name} = :{name}" for name in columns)
        raw(
            self.schema,
            f"UPDATE events SET {assignments} WHERE case_id = :where_case AND sequence = :at",
            {**columns, "where_case": case_id, "at": sequence},
        )

    def delete_event(self, store: CaseStore, case_id: str, sequence: int) -> None:
        raw(
            self.schema,
            "DELETE FROM events WHERE case_id = :case_id AND sequence = :sequence",
            {"case_id": case_id, "sequence": sequence},
        )

    def edit_case(self, store: CaseStore, case_id: str, **columns: Any) -> None:
        assignments = ", ".join(f"{name} = :{name}" for name in columns)
        raw(
            self.schema,
            f"UPDATE cases SET {assignments} WHERE case_id = :where_case",
            {**columns, "where_case": case_id},
        )

    def edit_summary(self, store: CaseStore, case_id: str, **fields: Any) -> None:
        columns = summary_columns(**fields)
        assignments = ", ".join(f"{name} = :{name}" for name in columns)
        raw(
            self.schema,
            f"UPDATE case_summaries SET {assignments} WHERE case_id = :where_case",
            {**columns, "where_case": case_id},
        )

    def delete_case(self, store: CaseStore, case_id: str) -> None:
        for table in ("events", "case_summaries", "cases"):
            raw(self.schema, f"DELETE FROM {table} WHERE case_id = :case_id", {"case_id": case_id})


def write_v1_schema(schema: str, *cases: Any) -> None:
    """A schema as the first version wrote it."""
    raw("public", f"CREATE SCHEMA {schema}")
    for statement in schema_v1(POSITION_COLUMN):
        raw(schema, statement)
    for case in cases:
        raw(
            schema,
            "INSERT INTO cases VALUES (:case_id, :version, :dossier, 'then', 'then')",
            {"case_id": case.case_id, "version": len(case.history), "dossier": dossier_json(case)},
        )
        rows, _ = chain_rows(case.case_id, case.history, "0" * 64, 0)
        for row in rows:
            raw(
                schema,
                "INSERT INTO events (case_id, sequence, event_id, step, occurred_at, payload,"
                " prev_hash, hash, recorded_at) VALUES (:case_id, :sequence, :event_id, :step,"
                " :occurred_at, :payload, :prev_hash, :hash, :recorded_at)",
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
                },
            )


def test_a_version_1_schema_is_upgraded_and_keeps_its_cases(schema: str) -> None:
    assert POSTGRES_URL is not None
    old = make_case("OLD-1")
    write_v1_schema(schema, old, make_case("OLD-2", "ukps", history=False))
    with pytest.raises(SchemaVersionError):
        PostgresStore(POSTGRES_URL, schema=schema, upgrade=False)
    with PostgresStore(POSTGRES_URL, schema=schema) as store:
        assert store.schema_version() == 3
        assert store.load("OLD-1") == old
        assert [s.case_id for s in store.query(state="new")] == ["OLD-2"]
        assert store.verify().ok


def test_a_newer_schema_is_refused(schema: str) -> None:
    assert POSTGRES_URL is not None
    PostgresStore(POSTGRES_URL, schema=schema).close()
    raw(schema, "UPDATE schema_version SET version = 7")
    with pytest.raises(SchemaVersionError):
        PostgresStore(POSTGRES_URL, schema=schema)


def test_an_unreachable_server_is_a_store_error_without_the_url() -> None:
    url = "postgresql+psycopg://officer:s3cret-pass@127.0.0.1:1/cases"
    with pytest.raises(StoreError) as caught:
        PostgresStore(url)
    assert "s3cret-pass" not in str(caught.value)
    assert "PostgreSQL database" in str(caught.value)
    assert isinstance(caught.value, StoreDriverError)
    assert caught.value.error_code == "SQLSTATE 08001" or caught.value.error_code is None
    assert caught.value.__cause__ is None


def test_a_bad_schema_name_is_invalid_input() -> None:
    assert POSTGRES_URL is not None
    with pytest.raises(InvalidInputError):
        PostgresStore(POSTGRES_URL, schema="x; DROP TABLE cases")


def test_open_store_picks_postgres_for_postgres_urls(schema: str) -> None:
    assert POSTGRES_URL is not None
    plain = "postgresql://" + POSTGRES_URL.split("://", 1)[1]
    with open_store(plain, schema=schema) as store:
        assert isinstance(store, PostgresStore)
        store.create(make_case("C-1"))
        assert store.verify().ok
