"""Reliability of the persistent stores with real processes: crashes and concurrent writers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmi_workflow.store import CaseStore, SqliteStore
from pmi_workflow.testing.store_contract import make_case

WORKER = Path(__file__).with_name("store_worker.py")
POSTGRES_URL = os.environ.get("PMI_WORKFLOW_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where the worker processes write: an SQLite file or a PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:{tmp_path / 'cases.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("PMI_WORKFLOW_TEST_POSTGRES_URL is not set")
    schema = "pmi_test_" + uuid.uuid4().hex[:12]
    yield f"postgres:{schema}"
    from sqlalchemy import create_engine, text

    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


def open_target(target: str) -> CaseStore:
    kind, _, where = target.partition(":")
    if kind == "sqlite":
        return SqliteStore(where)
    from pmi_workflow.store import PostgresStore

    assert POSTGRES_URL is not None
    return PostgresStore(POSTGRES_URL, schema=where)


def worker(target: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), target, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_writer_killed_mid_append_leaves_only_whole_committed_batches(target: str) -> None:
    with open_target(target) as store:
        store.create(make_case("CRASH", history=False))
    process = worker(target, "crash", "CRASH")
    assert process.stdout is not None
    committed = 0
    for line in process.stdout:
        committed = int(line)
        if committed >= 60:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    with open_target(target) as store:
        version = store.version("CRASH")
        assert version >= committed  # every acknowledged event is there
        assert version % 3 == 0  # batches of three: never a partial one
        history = store.load("CRASH").history
        assert [event.sequence for event in history] == list(range(1, version + 1))
        assert store.verify().ok
        store.append("CRASH", [], expected_version=version)


def test_concurrent_processes_lose_and_duplicate_no_event(target: str) -> None:
    processes_count, per_case = 4, 10
    with open_target(target) as store:
        store.create(make_case("SHARED", history=False))
        for index in range(processes_count):
            store.create(make_case(f"OWN-{index}", history=False))
    processes = [
        worker(target, "append", str(per_case), "SHARED", f"OWN-{index}")
        for index in range(processes_count)
    ]
    written: dict[str, list[str]] = {}
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err[-2000:]
        for case_id, ids in json.loads(out).items():
            written.setdefault(case_id, []).extend(ids)
    with open_target(target) as store:
        for case_id, ids in written.items():
            stored = store.events(case_id)
            assert [s.version for s in stored] == list(range(1, len(ids) + 1))
            assert sorted(str(s.event.event_id) for s in stored) == sorted(ids)
        assert store.version("SHARED") == processes_count * per_case
        assert store.verify().ok
        streamed = [s.event.event_id for s in store.stream()]
        assert len(streamed) == len(set(streamed)) == 2 * processes_count * per_case
