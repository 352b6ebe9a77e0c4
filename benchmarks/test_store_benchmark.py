"""Append and load throughput of the SQLite and PostgreSQL stores.

Run with ``.venv/bin/pytest benchmarks/ --benchmark-only``; the PostgreSQL
cases need ``PMI_WORKFLOW_TEST_POSTGRES_URL`` (``scripts/postgres start``).
Each result carries ``events_per_second`` or ``cases_per_second`` in its
``extra_info`` (``--benchmark-json`` keeps them).
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain import Case, CaseEvent, parse_case
from pmi_workflow.enums import ActorRole, Step
from pmi_workflow.samples import procedural_case_data
from pmi_workflow.store import CaseStore, SqliteStore

POSTGRES_URL = os.environ.get("PMI_WORKFLOW_TEST_POSTGRES_URL")
EVENTS_PER_ROUND = 50
CASES_PER_ROUND = 50
STEPS = list(Step)
_ids = itertools.count()


def new_case(history: bool) -> Case:
    data = procedural_case_data("p2p")
    case_id = f"BENCH-{next(_ids)}"
    data["case_id"] = case_id
    for event in data["history"]:
        event["case_id"] = case_id
        event["event_id"] = str(uuid.uuid4())
    if not history:
        data["history"] = []
    return parse_case(data)


def event(case_id: str, sequence: int) -> CaseEvent:
    return CaseEvent(
        case_id=case_id,
        sequence=sequence,
        step=STEPS[sequence % len(STEPS)],
        occurred_at=datetime(2024, 1, 8, 9, tzinfo=JAKARTA) + timedelta(hours=sequence),
        actor={"role": ActorRole.DISNAKER, "id": "officer-1"},
    )


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CaseStore]:
    if request.param == "sqlite":
        with SqliteStore(tmp_path / "bench.db") as sqlite_store:
            yield sqlite_store
        return
    if not POSTGRES_URL:
        pytest.skip("PMI_WORKFLOW_TEST_POSTGRES_URL is not set")
    from sqlalchemy import create_engine, text

    from pmi_workflow.store import PostgresStore

    schema = "pmi_bench_" + uuid.uuid4().hex[:12]
    with PostgresStore(POSTGRES_URL, schema=schema) as pg_store:
        yield pg_store
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def run(benchmark: Any, action: Callable[[], None], setup: Callable[[], Any]) -> None:
    benchmark.pedantic(action, setup=setup, rounds=5, iterations=1, warmup_rounds=1)


def test_append_one_event_per_transaction(benchmark: Any, store: CaseStore) -> None:
    """An officer recording steps: one append (one transaction) per event."""
    case: list[Case] = []

    def setup() -> None:
        case[:] = [new_case(history=False)]
        store.create(case[0])

    def action() -> None:
        case_id = case[0].case_id
        for sequence in range(1, EVENTS_PER_ROUND + 1):
            store.append(case_id, [event(case_id, sequence)], expected_version=sequence - 1)

    run(benchmark, action, setup)
    benchmark.extra_info["events_per_second"] = EVENTS_PER_ROUND / benchmark.stats.stats.mean
    assert store.verify(case[0].case_id).ok


def test_create_cases_with_their_history(benchmark: Any, store: CaseStore) -> None:
    """An import: whole cases (dossier and ~15 events) stored in one transaction each."""
    cases: list[Case] = []

    def setup() -> None:
        cases[:] = [new_case(history=True) for _ in range(CASES_PER_ROUND)]

    def action() -> None:
        for case in cases:
            store.create(case)

    run(benchmark, action, setup)
    per_case = len(cases[0].history)
    benchmark.extra_info["cases_per_second"] = CASES_PER_ROUND / benchmark.stats.stats.mean
    benchmark.extra_info["events_per_second"] = (
        CASES_PER_ROUND * per_case / benchmark.stats.stats.mean
    )


def test_load_cases(benchmark: Any, store: CaseStore) -> None:
    """Loading whole cases (dossier, history, hash chain checked)."""
    cases = [new_case(history=True) for _ in range(CASES_PER_ROUND)]
    for case in cases:
        store.create(case)

    def action() -> None:
        for case in cases:
            store.load(case.case_id)

    run(benchmark, action, lambda: None)
    benchmark.extra_info["cases_per_second"] = CASES_PER_ROUND / benchmark.stats.stats.mean
    benchmark.extra_info["events_per_second"] = (
        CASES_PER_ROUND * len(cases[0].history) / benchmark.stats.stats.mean
    )
