"""The contract every case store backend must pass, importable by third-party backends.

A backend's test module subclasses :class:`StoreContract` (pytest collects the
subclass's ``test_*`` methods) and says how to make a store, reopen it, and
edit its raw rows behind the store's back (to play an attacker who can write
the database). The in-repo backends (memory, SQLite, PostgreSQL) are tested
this way. Needs pytest (the ``testing`` extra)::

    from pmi_workflow.testing.store_contract import StoreContract

    class TestMyStore(StoreContract):
        def make_store(self, **options):
            return MyStore(**options)
        ...  # reopen, edit_event, delete_event, edit_dossier

:func:`make_case`, :func:`make_events` and :func:`append_with_retry` build
cases and events for a backend's own tests.

>>> [name for name in ("make_store", "edit_event") if name in StoreContract.__abstractmethods__]
['make_store', 'edit_event']
"""

from __future__ import annotations

import logging
import threading
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import fields, replace
from datetime import date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain import Actor, Case, CaseEvent, parse_case
from pmi_workflow.enums import ActorRole, Scheme, Step
from pmi_workflow.errors import (
    CaseNotFoundError,
    ConcurrencyConflictError,
    InvalidInputError,
    PmiWorkflowError,
    StoreError,
    TamperDetectedError,
)
from pmi_workflow.samples import procedural_case_data
from pmi_workflow.store import (
    CaseExistsError,
    CaseQuery,
    CaseStore,
    CaseSummary,
    DuplicateEventError,
    summarize,
)
from pmi_workflow.store.chain import (
    GENESIS_HASH,
    dossier_hash,
    dossier_json,
    event_payload,
    link_hash,
    summary_hash,
)
from pmi_workflow.store.checkpoint import Checkpoint, case_key
from pmi_workflow.store.records import time_text
from pmi_workflow.store.seal import SealKey

__all__ = [
    "KEY",
    "OLD_KEY",
    "START",
    "STEPS",
    "StoreContract",
    "append_with_retry",
    "make_case",
    "make_events",
    "summary_columns",
]

STEPS = list(Step)
START = datetime(2024, 1, 8, 9, 0, tzinfo=JAKARTA)
KEY = SealKey("contract-suite-seal-key-" + "k" * 40)
"""The seal key of the contract's keyed tests."""
OLD_KEY = SealKey("contract-suite-older-key-" + "o" * 40)
"""A second key, for rotation."""


def summary_columns(**fields: Any) -> dict[str, Any]:
    """Summary fields as SQL column values: enums as their values, times as stored text.

    >>> from pmi_workflow.enums import Step
    >>> summary_columns(last_step=Step.DEPARTED, verdict="procedural")
    {'last_step': 'departed', 'verdict': 'procedural'}
    """
    columns = {}
    for name, value in fields.items():
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, datetime):
            value = time_text(value)
        columns[name] = value
    return columns


def make_case(case_id: str, scheme: str = "p2p", *, history: bool = True) -> Case:
    """A procedural sample case under another id, with fresh event ids."""
    data = procedural_case_data(scheme)
    data["case_id"] = case_id
    for event in data["history"]:
        event["case_id"] = case_id
        event["event_id"] = str(uuid.uuid4())
    if not history:
        data["history"] = []
    return parse_case(data)


def make_events(
    case_id: str, after: int, count: int, *, note: str | None = None
) -> list[CaseEvent]:
    """``count`` synthetic events continuing a case at version ``after``."""
    return [
        CaseEvent(
            case_id=case_id,
            sequence=after + offset,
            step=STEPS[(after + offset) % len(STEPS)],
            occurred_at=START + timedelta(days=after + offset),
            actor=Actor(role=ActorRole.DISNAKER, id="officer-7"),
            note=note,
        )
        for offset in range(1, count + 1)
    ]


def append_with_retry(store: CaseStore, case_id: str, count: int, note: str) -> list[str]:
    """Append ``count`` events one by one, reloading the version after each conflict."""
    ids = []
    for _ in range(count):
        while True:
            version = store.version(case_id)
            (event,) = make_events(case_id, version, 1, note=note)
            try:
                store.append(case_id, [event], expected_version=version)
            except ConcurrencyConflictError:
                continue
            ids.append(str(event.event_id))
            break
    return ids


class StoreContract(ABC):
    """Behaviour shared by every backend."""

    persistent = True

    @abstractmethod
    def make_store(self, **options: Any) -> CaseStore:
        """A new, empty store (options go to the constructor)."""

    @abstractmethod
    def reopen(self, store: CaseStore, **options: Any) -> CaseStore:
        """Another store object over the same data."""

    @abstractmethod
    def edit_event(self, store: CaseStore, case_id: str, sequence: int, /, **columns: Any) -> None:
        """Change raw columns of the stored event at ``sequence``, behind the store's back.

        Columns are :class:`~pmi_workflow.store.records.EventRow` fields; a new
        ``sequence`` among them renumbers the event.
        """

    @abstractmethod
    def delete_event(self, store: CaseStore, case_id: str, sequence: int) -> None:
        """Remove a stored event, behind the store's back."""

    @abstractmethod
    def edit_case(self, store: CaseStore, case_id: str, **columns: Any) -> None:
        """Change raw columns of a case head (:class:`~pmi_workflow.store.records.CaseRow`
        fields: ``version``, ``head_hash``, ``dossier``, ``dossier_hash``,
        ``summary_hash``, ``seal``), behind the store's back."""

    @abstractmethod
    def edit_summary(self, store: CaseStore, case_id: str, **fields: Any) -> None:
        """Change stored summary fields (:class:`~pmi_workflow.store.CaseSummary` names and
        Python values; :func:`summary_columns` gives them as SQL values), behind the store's
        back."""

    @abstractmethod
    def delete_case(self, store: CaseStore, case_id: str) -> None:
        """Remove a whole case (head, events, summary), behind the store's back."""

    def edit_dossier(self, store: CaseStore, case_id: str, dossier: str) -> None:
        """Replace the raw dossier of a case, behind the store's back."""
        self.edit_case(store, case_id, dossier=dossier)

    def forge(
        self,
        store: CaseStore,
        case_id: str,
        *,
        drop: Sequence[int] = (),
        keep: int | None = None,
        note: str | None = None,
        destination: str | None = None,
    ) -> None:
        """Rewrite a case as someone who can write the database but holds no key would.

        Drops the events at the versions in ``drop``, keeps only the first
        ``keep`` of the others, puts ``note`` on every event, moves the dossier
        to ``destination``; then renumbers, rechains, and recomputes the head,
        the dossier hash, the summary (default projector) and its hash, so that
        everything an unkeyed check can recompute agrees.
        """
        stored = store.events(case_id)
        case = store.load(case_id)
        kept = [item for item in stored if item.version not in set(drop)]
        kept = kept[:keep] if keep is not None else kept
        for item in stored:
            if item not in kept:
                self.delete_event(store, case_id, item.version)
        prev = GENESIS_HASH
        events = []
        for sequence, item in enumerate(kept, start=1):
            update: dict[str, Any] = {"sequence": sequence}
            if note is not None:
                update["note"] = note
            forged = item.event.model_copy(update=update)
            payload = event_payload(forged)
            digest = link_hash(prev, payload)
            self.edit_event(
                store,
                case_id,
                item.version,
                sequence=sequence,
                payload=payload,
                prev_hash=prev,
                hash=digest,
            )
            prev = digest
            events.append(forged)
        dossier_update: dict[str, Any] = {"history": tuple(events)}
        if destination is not None:
            dossier_update["destination"] = destination
        rewritten = case.model_copy(update=dossier_update)
        summary = summarize(rewritten)
        self.edit_summary(
            store,
            case_id,
            **{f.name: getattr(summary, f.name) for f in fields(summary) if f.name != "case_id"},
        )
        dossier = dossier_json(rewritten)
        self.edit_case(
            store,
            case_id,
            version=len(events),
            head_hash=prev,
            dossier=dossier,
            dossier_hash=dossier_hash(dossier),
            summary_hash=summary_hash(summary),
        )

    @pytest.fixture
    def store(self) -> Iterator[CaseStore]:
        store = self.make_store()
        yield store
        store.close()

    # -- creating and loading ------------------------------------------------------------

    def test_created_case_loads_back_equal(self, store: CaseStore) -> None:
        case = make_case("C-1")
        result = store.create(case)
        assert (result.version, result.appended) == (len(case.history), len(case.history))
        assert store.load("C-1") == case
        assert store.version("C-1") == len(case.history)
        assert store.exists("C-1")
        assert not store.exists("C-2")

    def test_case_without_history_is_at_version_zero(self, store: CaseStore) -> None:
        store.create(make_case("C-1", history=False))
        assert store.version("C-1") == 0
        assert store.load("C-1").history == ()
        assert store.summary("C-1").state == "new"

    def test_creating_a_taken_case_id_is_refused(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        with pytest.raises(CaseExistsError):
            store.create(make_case("C-1"))

    def test_retried_creation_is_acknowledged_once(self, store: CaseStore) -> None:
        case = make_case("C-1")
        store.create(case)
        again = store.create(case)
        assert again.appended == 0
        assert len(store.events("C-1")) == len(case.history)

    def test_unknown_case_is_not_found(self, store: CaseStore) -> None:
        with pytest.raises(CaseNotFoundError):
            store.load("nope")
        with pytest.raises(CaseNotFoundError):
            store.summary("nope")
        with pytest.raises(CaseNotFoundError):
            store.append("nope", make_events("nope", 0, 1), expected_version=0)

    def test_data_survives_reopening(self, store: CaseStore) -> None:
        if not self.persistent:
            pytest.skip("this backend keeps nothing between store objects")
        case = make_case("C-1")
        store.create(case)
        store.close()
        with self.reopen(store) as again:
            assert again.load("C-1") == case
            assert again.verify().ok

    # -- appending -------------------------------------------------------------------------

    def test_append_moves_the_version_and_the_events_load(self, store: CaseStore) -> None:
        store.create(make_case("C-1", history=False))
        events = make_events("C-1", 0, 3)
        result = store.append("C-1", events, expected_version=0)
        assert (result.version, result.appended) == (3, 3)
        assert store.load("C-1").history == tuple(events)
        assert [stored.version for stored in store.events("C-1")] == [1, 2, 3]
        assert [stored.event for stored in store.events("C-1", after=1)] == events[1:]

    def test_stale_version_is_a_conflict_and_writes_nothing(self, store: CaseStore) -> None:
        store.create(make_case("C-1", history=False))
        store.append("C-1", make_events("C-1", 0, 2), expected_version=0)
        late = make_events("C-1", 1, 2, note="late officer")
        with pytest.raises(ConcurrencyConflictError) as caught:
            store.append("C-1", late, expected_version=1)
        assert (caught.value.expected_version, caught.value.actual_version) == (1, 2)
        assert store.version("C-1") == 2
        assert all(event.note is None for event in store.load("C-1").history)

    def test_exactly_one_of_two_writers_wins_a_version(self, store: CaseStore) -> None:
        store.create(make_case("C-1", history=False))
        first = make_events("C-1", 0, 1, note="first")
        second = make_events("C-1", 0, 1, note="second")
        store.append("C-1", first, expected_version=0)
        with pytest.raises(ConcurrencyConflictError):
            store.append("C-1", second, expected_version=0)
        assert store.load("C-1").history == tuple(first)

    def test_retried_append_is_acknowledged_not_duplicated(self, store: CaseStore) -> None:
        store.create(make_case("C-1", history=False))
        events = make_events("C-1", 0, 2)
        store.append("C-1", events, expected_version=0)
        store.append("C-1", make_events("C-1", 2, 1), expected_version=2)
        retry = store.append("C-1", events, expected_version=0)
        assert (retry.version, retry.appended) == (3, 0)
        assert len(store.events("C-1")) == 3

    def test_reused_event_id_with_other_content_is_refused(self, store: CaseStore) -> None:
        store.create(make_case("C-1", history=False))
        (event,) = make_events("C-1", 0, 1)
        store.append("C-1", [event], expected_version=0)
        forged = event.model_copy(update={"note": "rewritten"})
        with pytest.raises(DuplicateEventError):
            store.append("C-1", [forged], expected_version=0)
        store.create(make_case("C-2", history=False))
        elsewhere = event.model_copy(update={"case_id": "C-2"})
        with pytest.raises(DuplicateEventError):
            store.append("C-2", [elsewhere], expected_version=0)
        assert store.version("C-2") == 0

    def test_events_out_of_sequence_or_of_another_case_are_invalid(self, store: CaseStore) -> None:
        store.create(make_case("C-1", history=False))
        with pytest.raises(InvalidInputError) as caught:
            store.append("C-1", make_events("C-1", 1, 1), expected_version=0)
        assert caught.value.problems[0].where == "0.sequence"
        with pytest.raises(InvalidInputError):
            store.append("C-1", make_events("C-9", 0, 1), expected_version=0)
        with pytest.raises(InvalidInputError):
            store.append("C-1", make_events("C-1", 0, 1), expected_version=-1)
        assert store.version("C-1") == 0

    def test_empty_append_checks_the_version(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        version = store.version("C-1")
        assert store.append("C-1", [], expected_version=version).appended == 0
        with pytest.raises(ConcurrencyConflictError):
            store.append("C-1", [], expected_version=version - 1)

    def test_save_dossier_replaces_the_dossier_and_keeps_history(self, store: CaseStore) -> None:
        case = make_case("C-1")
        store.create(case)
        moved = case.model_copy(update={"destination": "TW", "history": ()})
        store.save_dossier(moved, expected_version=len(case.history))
        loaded = store.load("C-1")
        assert loaded.destination == "TW"
        assert loaded.history == case.history
        assert store.summary("C-1").destination == "TW"
        with pytest.raises(ConcurrencyConflictError):
            store.save_dossier(case, expected_version=0)

    # -- summaries and queries ----------------------------------------------------------------

    def test_summary_follows_the_last_step_by_default(self, store: CaseStore) -> None:
        case = make_case("C-1")
        store.create(case)
        summary = store.summary("C-1")
        last = case.history[-1]
        assert summary.state == last.step.value
        assert summary.last_step is last.step
        assert summary.last_step_at == last.occurred_at
        assert (summary.scheme, summary.destination) == (case.scheme, case.destination)
        assert summary.version == len(case.history)
        assert summary.verdict is None

    def test_custom_projector_decides_state_and_verdict(self) -> None:
        def projector(case: Case) -> CaseSummary:
            return summarize(case, state=f"at-{len(case.history)}", verdict="procedural")

        with self.make_store(projector=projector) as store:
            store.create(make_case("C-1", history=False))
            store.append("C-1", make_events("C-1", 0, 2), expected_version=0)
            assert store.summary("C-1").state == "at-2"
            assert [s.case_id for s in store.query(verdict="procedural")] == ["C-1"]

    def test_failing_projector_is_a_store_error_and_writes_nothing(self) -> None:
        def projector(case: Case) -> CaseSummary:
            if case.history:
                raise RuntimeError("replay failed")
            return summarize(case)

        with self.make_store(projector=projector) as store:
            store.create(make_case("C-1", history=False))
            with pytest.raises(StoreError, match="projector"):
                store.append("C-1", make_events("C-1", 0, 1), expected_version=0)
            assert store.version("C-1") == 0

    def test_refresh_summaries_applies_a_new_projector(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        store.create(make_case("C-2", "g2g"))
        count = store.refresh_summaries(lambda case: summarize(case, verdict="checked"))
        assert count == 2
        assert {s.case_id for s in store.query(verdict="checked")} == {"C-1", "C-2"}

    def test_query_filters_by_summary_fields(self, store: CaseStore) -> None:
        store.create(make_case("A-1", "p2p"))
        store.create(make_case("B-1", "g2g"))
        store.create(make_case("C-1", "perseorangan"))
        store.create(make_case("D-1", "p2p", history=False))
        p2p = store.load("A-1")
        assert [s.case_id for s in store.query(scheme=Scheme.P2P)] == ["A-1", "D-1"]
        assert [s.case_id for s in store.query(state="new")] == ["D-1"]
        by_destination = store.query(destination=p2p.destination)
        assert "A-1" in [s.case_id for s in by_destination]
        assert all(s.destination == p2p.destination for s in by_destination)
        assert p2p.executor is not None
        by_executor = store.query(executor=p2p.executor.name)
        assert [s.case_id for s in by_executor] == ["A-1", "D-1"]
        assert store.query(executor_kind="agency")[0].case_id == "B-1"
        assert store.query(verdict="procedural") == []
        assert [s.case_id for s in store.query(CaseQuery())] == ["A-1", "B-1", "C-1", "D-1"]

    def test_query_by_step_date(self, store: CaseStore) -> None:
        store.create(make_case("C-1", history=False))
        store.create(make_case("C-2", history=False))
        store.append("C-1", make_events("C-1", 0, 3), expected_version=0)  # days 1..3
        store.append("C-2", make_events("C-2", 0, 6), expected_version=0)  # days 1..6
        day = START.date()
        step_two = STEPS[2]
        hits = store.query(step=step_two, occurred_from=day, occurred_to=day + timedelta(days=2))
        assert [s.case_id for s in hits] == ["C-1", "C-2"]
        assert store.query(step=step_two, occurred_from=day + timedelta(days=3)) == []
        last_late = store.query(occurred_from=day + timedelta(days=4))
        assert [s.case_id for s in last_late] == ["C-2"]
        last_early = store.query(occurred_to=day + timedelta(days=3))
        assert [s.case_id for s in last_early] == ["C-1"]
        exact = START + timedelta(days=3)
        assert [s.case_id for s in store.query(occurred_from=exact, occurred_to=exact)] == ["C-1"]

    def test_query_pages_with_limit_and_offset(self, store: CaseStore) -> None:
        for index in range(5):
            store.create(make_case(f"C-{index}", history=False))
        assert [s.case_id for s in store.query(limit=2, offset=1)] == ["C-1", "C-2"]
        assert [s.case_id for s in store.query(offset=3)] == ["C-3", "C-4"]

    def test_bad_query_is_invalid_input(self, store: CaseStore) -> None:
        with pytest.raises(InvalidInputError, match="colour"):
            store.query(colour="red")
        with pytest.raises(InvalidInputError):
            store.query(limit=-1)
        with pytest.raises(InvalidInputError):
            store.query(occurred_from=datetime(2024, 1, 1))
        with pytest.raises(InvalidInputError):
            store.query(CaseQuery(), state="new")
        assert store.query(occurred_to=date(2024, 1, 1)) == []

    # -- streaming ---------------------------------------------------------------------------

    def test_stream_yields_every_event_in_storage_order_and_resumes(self, store: CaseStore) -> None:
        store.create(make_case("C-1", history=False))
        store.create(make_case("C-2", history=False))
        store.append("C-1", make_events("C-1", 0, 2), expected_version=0)
        store.append("C-2", make_events("C-2", 0, 3), expected_version=0)
        store.append("C-1", make_events("C-1", 2, 1), expected_version=2)
        streamed = list(store.stream(batch_size=2))
        assert [(s.case_id, s.version) for s in streamed] == [
            ("C-1", 1),
            ("C-1", 2),
            ("C-2", 1),
            ("C-2", 2),
            ("C-2", 3),
            ("C-1", 3),
        ]
        positions = [s.position for s in streamed]
        assert positions == sorted(set(positions))
        rest = list(store.stream(after=streamed[3].position))
        assert rest == streamed[4:]
        with pytest.raises(InvalidInputError):
            list(store.stream(batch_size=0))

    # -- tamper evidence ---------------------------------------------------------------------

    def test_verify_passes_on_an_intact_store(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        store.create(make_case("C-2", history=False))
        report = store.verify()
        assert report.ok
        assert report.cases_checked == 2
        assert report.events_checked == store.version("C-1")
        report.raise_if_broken()

    def test_edited_event_is_detected_by_verify_and_refused_by_load(self, store: CaseStore) -> None:
        case = make_case("C-1")
        store.create(case)
        store.create(make_case("C-2"))
        payload = store.events("C-1")[2].event.model_copy(update={"place": "Elsewhere"})
        from pmi_workflow.store import event_payload

        self.edit_event(store, "C-1", 3, payload=event_payload(payload))
        report = store.verify()
        assert not report.ok
        assert [(b.case_id, b.version) for b in report.broken] == [("C-1", 3)]
        with pytest.raises(TamperDetectedError) as caught:
            report.raise_if_broken()
        assert caught.value.version == 3
        with pytest.raises(TamperDetectedError):
            store.load("C-1")
        assert store.load("C-2").case_id == "C-2"

    def test_rehashed_edit_still_breaks_the_next_link(self, store: CaseStore) -> None:
        from pmi_workflow.store import event_payload, link_hash

        store.create(make_case("C-1"))
        stored = store.events("C-1")[1]
        payload = event_payload(stored.event.model_copy(update={"note": "forged"}))
        self.edit_event(store, "C-1", 2, payload=payload, hash=link_hash(stored.prev_hash, payload))
        broken = store.verify("C-1").broken
        assert [(b.version, b.reason) for b in broken] == [
            (3, "the link to the previous event does not match")
        ]

    def test_deleted_event_is_detected(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        self.delete_event(store, "C-1", 2)
        assert store.verify().broken[0].version == 2
        with pytest.raises(TamperDetectedError):
            store.load("C-1")

    def test_edited_step_column_is_detected(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        self.edit_event(store, "C-1", 1, step=Step.DEPARTED.value)
        assert store.verify().broken[0].reason == "the event's columns do not match its content"

    def test_edited_dossier_is_detected(self, store: CaseStore) -> None:
        case = make_case("C-1")
        store.create(case)
        self.edit_dossier(store, "C-1", case.model_copy(update={"history": ()}).to_json())
        assert store.verify().broken[0].version == 0
        with pytest.raises(TamperDetectedError):
            store.load("C-1")

    # -- tampering by someone who can write the database ---------------------------------------
    #
    # The 14 tamperings: 1-8 are caught by the chain alone; 9-12 need the key (a seal)
    # or a checkpoint; 13 needs a checkpoint; 14 is caught alone, and its consistent
    # form (summary and summary hash rewritten) needs the key or a recomputation.

    def _store_with_cases(self, **options: Any) -> CaseStore:
        store = self.make_store(**options)
        store.create(make_case("C-1"))
        store.create(make_case("C-2", "g2g"))
        return store

    def _broken(self, store: CaseStore, **options: Any) -> list[tuple[str, str]]:
        return [(link.case_id, link.reason) for link in store.verify(**options).broken]

    def test_tampering_01_edited_event_content(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        event = store.events("C-1")[1].event.model_copy(update={"note": "forged"})
        self.edit_event(store, "C-1", 2, payload=event_payload(event))
        assert self._broken(store) == [("C-1", "the event does not match its hash")]

    def test_tampering_02_edited_and_rehashed_event(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        stored = store.events("C-1")[1]
        payload = event_payload(stored.event.model_copy(update={"note": "forged"}))
        self.edit_event(store, "C-1", 2, payload=payload, hash=link_hash(stored.prev_hash, payload))
        assert self._broken(store) == [("C-1", "the link to the previous event does not match")]

    def test_tampering_03_deleted_middle_event(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        self.delete_event(store, "C-1", 2)
        assert self._broken(store) == [("C-1", "an event is missing")]

    def test_tampering_04_edited_step_column(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        self.edit_event(store, "C-1", 1, step=Step.DEPARTED.value)
        assert self._broken(store) == [("C-1", "the event's columns do not match its content")]

    def test_tampering_05_edited_time_column(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        self.edit_event(store, "C-1", 1, occurred_at=time_text(START - timedelta(days=999)))
        assert self._broken(store) == [("C-1", "the event's columns do not match its content")]

    def test_tampering_06_edited_dossier(self, store: CaseStore) -> None:
        case = make_case("C-1")
        store.create(case)
        moved = case.model_copy(update={"destination": "TW", "history": ()})
        self.edit_dossier(store, "C-1", dossier_json(moved))
        assert self._broken(store) == [("C-1", "the dossier does not match its hash")]

    def test_tampering_07_truncated_events_without_a_new_head(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        self.delete_event(store, "C-1", store.version("C-1"))
        assert self._broken(store) == [("C-1", "the case version does not match its events")]

    def test_tampering_08_edited_head_hash(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        self.edit_case(store, "C-1", head_hash="f" * 64)
        assert self._broken(store) == [("C-1", "the case head does not match its last event")]

    def test_tampering_09_whole_chain_rewritten_with_its_head(self) -> None:
        self._needs_key_or_checkpoint(lambda store: self.forge(store, "C-1", note="forged"))

    def test_tampering_10_truncated_with_a_rewritten_head(self) -> None:
        self._needs_key_or_checkpoint(lambda store: self.forge(store, "C-1", keep=3))

    def test_tampering_11_middle_event_deleted_renumbered_rechained(self) -> None:
        self._needs_key_or_checkpoint(lambda store: self.forge(store, "C-1", drop=[2]))

    def test_tampering_12_dossier_changed_and_rehashed(self) -> None:
        with self._store_with_cases() as store:
            self.forge(store, "C-1", destination="TW")
            assert store.verify().ok, "no unkeyed check can see a consistent rewrite"
        with self._store_with_cases(keys=KEY) as store:
            self.forge(store, "C-1", destination="TW")
            assert self._broken(store) == [("C-1", "the seal does not match the case head")]

    def test_tampering_13_whole_case_deleted(self) -> None:
        with self._store_with_cases(keys=KEY) as store:
            point = store.checkpoint()
            self.delete_case(store, "C-1")
            assert store.verify().ok, "a seal cannot show a case that is gone"
            (broken,) = store.verify(checkpoint=point).broken
            assert broken.reason == "a case of the checkpoint is missing"
            assert "C-1" not in broken.case_id

    def test_tampering_14_summary_edited(self) -> None:
        with self._store_with_cases() as store:
            self.edit_summary(store, "C-1", verdict="procedural")
            assert self._broken(store) == [("C-1", "the summary does not match the case head")]
            with pytest.raises(TamperDetectedError):
                store.append(
                    "C-1", make_events("C-1", store.version("C-1"), 1), store.version("C-1")
                )

    def test_tampering_14_summary_rewritten_with_its_hash(self) -> None:
        with self._store_with_cases() as store:
            forged = replace(store.summary("C-1"), verdict="procedural")
            self.edit_summary(store, "C-1", verdict="procedural")
            self.edit_case(store, "C-1", summary_hash=summary_hash(forged))
            assert self._broken(store, recompute_summaries=False) == []
            assert self._broken(store) == [
                ("C-1", "the summary is not what the case's history gives")
            ]
        with self._store_with_cases(keys=KEY) as store:
            forged = replace(store.summary("C-1"), verdict="procedural")
            self.edit_summary(store, "C-1", verdict="procedural")
            self.edit_case(store, "C-1", summary_hash=summary_hash(forged))
            assert self._broken(store, recompute_summaries=False) == [
                ("C-1", "the seal does not match the case head")
            ]

    def _needs_key_or_checkpoint(self, tamper: Any) -> None:
        """A consistent rewrite: unseen by the chain, seen by the seal and by a checkpoint."""
        with self._store_with_cases() as store:
            point = store.checkpoint()
            tamper(store)
            assert store.verify().ok, "no unkeyed check can see a consistent rewrite"
            broken = self._broken(store, checkpoint=point)
            assert [case_id for case_id, _ in broken] == ["C-1"]
            assert broken[0][1] in {
                "the case has fewer events than at the checkpoint",
                "the history up to the checkpoint was rewritten",
            }
        with self._store_with_cases(keys=KEY) as store:
            tamper(store)
            assert self._broken(store) == [("C-1", "the seal does not match the case head")]
            with pytest.raises(TamperDetectedError):
                store.load("C-1")
            version = store.version("C-1")
            with pytest.raises(TamperDetectedError):
                store.append("C-1", make_events("C-1", version, 1), expected_version=version)
            assert store.version("C-1") == version

    # -- seals and checkpoints --------------------------------------------------------------------

    def test_a_sealed_store_verifies_and_reports_seals_checked(self) -> None:
        with self._store_with_cases(keys=KEY) as store:
            store.append("C-1", make_events("C-1", store.version("C-1"), 2), store.version("C-1"))
            report = store.verify()
            assert report.ok
            assert report.sealed
        with self._store_with_cases() as unsealed:
            assert not unsealed.verify().sealed

    def test_a_seal_made_with_another_key_is_reported(self) -> None:
        if not self.persistent:
            pytest.skip("this backend keeps nothing between store objects")
        store = self._store_with_cases(keys=OLD_KEY)
        store.close()
        with self.reopen(store, keys=KEY) as again:
            assert {reason for _, reason in self._broken(again)} == {
                "the case head is sealed with an unknown key"
            }

    def test_reseal_rotates_to_a_new_key(self) -> None:
        if not self.persistent:
            pytest.skip("this backend keeps nothing between store objects")
        store = self._store_with_cases(keys=OLD_KEY)
        store.close()
        with self.reopen(store, keys=[KEY, OLD_KEY]) as rotating:
            assert rotating.verify().ok
            assert rotating.reseal() == 2
            assert rotating.reseal() == 0
        with self.reopen(store, keys=KEY) as rotated:
            assert rotated.verify().ok

    def test_reseal_seals_an_unsealed_store_and_refuses_a_tampered_case(self) -> None:
        if not self.persistent:
            pytest.skip("this backend keeps nothing between store objects")
        store = self._store_with_cases()
        self.edit_summary(store, "C-2", verdict="procedural")
        store.close()
        with self.reopen(store, keys=KEY) as sealing:
            with pytest.raises(TamperDetectedError):
                sealing.reseal()
            assert self._broken(sealing) == [("C-2", "the summary does not match the case head")]
        with pytest.raises(StoreError, match="key"):
            self.reopen(store).reseal()

    def test_a_checkpoint_survives_appends_and_round_trips_through_a_file(
        self, store: CaseStore, tmp_path: Path
    ) -> None:
        store.create(make_case("C-1"))
        store.create(make_case("C-2", history=False))
        store.checkpoint().write(tmp_path / "checkpoint.json")
        store.append("C-2", make_events("C-2", 0, 2), expected_version=0)
        store.create(make_case("C-3"))
        point = Checkpoint.read(tmp_path / "checkpoint.json")
        report = store.verify(checkpoint=point)
        assert report.ok
        assert report.checkpoint_cases == 2
        assert store.verify("C-1", checkpoint=point).ok

    def test_an_altered_checkpoint_is_refused(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        point = store.checkpoint()
        entry = replace(point.entries[0], version=1)
        altered = replace(point, entries=(entry,))
        with pytest.raises(InvalidInputError, match="root"):
            store.verify(checkpoint=altered)
        with pytest.raises(InvalidInputError, match="checkpoint"):
            Checkpoint.from_json('{"format": "something else"}')

    def test_a_sealed_checkpoint_is_checked_with_the_key(self) -> None:
        with self._store_with_cases(keys=KEY) as store:
            point = store.checkpoint()
            assert point.seal
            forged = replace(point, seal=OLD_KEY.key_id + ":" + "0" * 64)
            with pytest.raises(InvalidInputError, match="unknown key"):
                store.verify(checkpoint=forged)

    def test_a_keyed_checkpoint_names_cases_by_an_hmac_that_needs_the_key(self) -> None:
        with self._store_with_cases(keys=KEY) as store:
            point = store.checkpoint()
            names = set(point.by_key())
            assert names == {case_key("C-1", KEY), case_key("C-2", KEY)}
            assert case_key("C-1") not in names  # not the plain hash anyone can compute
            assert point.case_key_id == KEY.key_id
            assert store.verify(checkpoint=Checkpoint.from_json(point.to_json())).ok
            if self.persistent:
                with self.reopen(store, keys=[OLD_KEY, KEY]) as rotated:
                    assert rotated.verify(checkpoint=point).checkpoint_cases == 2
                with self.reopen(store) as keyless, pytest.raises(InvalidInputError, match="key"):
                    keyless.verify(checkpoint=point)

    def test_a_store_keyed_by_nik_gets_no_checkpoint_without_a_key(self, store: CaseStore) -> None:
        nik = "3603121505950002"
        store.create(make_case(f"PMI-{nik}"))
        with pytest.raises(InvalidInputError) as refused:
            store.checkpoint()
        assert refused.value.problems[0].kind == "checkpoint.needs_key"
        assert nik not in str(refused.value)

    def test_a_tampered_store_gets_no_checkpoint(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        self.delete_event(store, "C-1", 2)
        with pytest.raises(TamperDetectedError):
            store.checkpoint()

    def test_an_append_reads_no_stored_event(self, store: CaseStore) -> None:
        store.create(make_case("C-1"))
        self.edit_event(store, "C-1", 1, payload="not json")
        version = store.version("C-1")
        store.append("C-1", make_events("C-1", version, 1), expected_version=version)
        assert self._broken(store) == [("C-1", "the event does not match its hash")]

    def test_logs_and_reports_mask_a_case_id_that_is_a_nik(
        self, caplog: pytest.LogCaptureFixture
    ) -> None:
        nik = "3603121505950002"
        caplog.set_level(logging.DEBUG, logger="pmi_workflow")
        with self.make_store(keys=KEY) as store:
            store.create(make_case(nik))
            version = store.version(nik)
            events = make_events(nik, version, 1)
            store.append(nik, events, expected_version=version)
            assert store.append(nik, events, expected_version=version).appended == 0
            self.edit_summary(store, nik, verdict="procedural")
            assert not store.verify().ok
            with pytest.raises(TamperDetectedError) as caught:
                store.append(nik, make_events(nik, version + 1, 1), expected_version=version + 1)
            self.delete_event(store, nik, 1)
            with pytest.raises(TamperDetectedError):
                store.load(nik)
        assert caplog.text
        assert nik not in caplog.text
        assert nik not in str(caught.value)

    # -- sharing -----------------------------------------------------------------------------

    def test_threads_sharing_a_store_lose_and_duplicate_nothing(self, store: CaseStore) -> None:
        threads_count, per_thread = 6, 8
        store.create(make_case("shared", history=False))
        for index in range(threads_count):
            store.create(make_case(f"own-{index}", history=False))
        written: dict[int, list[str]] = {}
        errors: list[BaseException] = []

        def work(index: int) -> None:
            try:
                written[index] = append_with_retry(store, "shared", per_thread, f"t{index}")
                append_with_retry(store, f"own-{index}", per_thread, f"t{index}")
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(threads_count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        stored = store.events("shared")
        assert [s.version for s in stored] == list(range(1, threads_count * per_thread + 1))
        assert sorted(str(s.event.event_id) for s in stored) == sorted(
            event_id for ids in written.values() for event_id in ids
        )
        assert all(store.version(f"own-{i}") == per_thread for i in range(threads_count))
        assert store.verify().ok

    def test_closed_store_refuses_work(self) -> None:
        store = self.make_store()
        store.close()
        store.close()
        with pytest.raises(StoreError, match="closed"):
            store.load("C-1")

    def test_racing_creations_of_one_case_store_it_once(self, store: CaseStore) -> None:
        case = make_case("C-1")
        barrier = threading.Barrier(4)
        outcomes: list[str] = []

        def work() -> None:
            barrier.wait()
            try:
                outcomes.append(str(store.create(case).appended))
            except CaseExistsError:  # pragma: no cover - allowed, but a retry is acknowledged
                outcomes.append("exists")

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(outcomes) == 4, "a racing creation failed with an unexpected error"
        assert outcomes.count(str(len(case.history))) == 1
        assert len(store.events("C-1")) == len(case.history)

    def test_logs_and_errors_never_show_personal_data(
        self, store: CaseStore, caplog: pytest.LogCaptureFixture
    ) -> None:
        case = make_case("C-1")
        secrets = [case.applicant.nik.reveal(), case.applicant.name.reveal()]
        caplog.set_level(logging.DEBUG, logger="pmi_workflow")
        messages = []
        store.create(case)
        for action in (
            lambda: store.create(make_case("C-1", "g2g")),
            lambda: store.append("C-1", make_events("C-1", 0, 1), expected_version=0),
            lambda: store.query(since=START),
        ):
            with pytest.raises(PmiWorkflowError) as caught:
                action()
            messages.append(str(caught.value))
        self.edit_dossier(store, "C-1", case.model_copy(update={"history": ()}).to_json())
        with pytest.raises(TamperDetectedError) as tampered:
            store.load("C-1")
        messages.append(str(tampered.value))
        store.verify()
        assert "since" in messages[2]
        shown = caplog.text + "\n".join(messages)
        assert caplog.text
        assert not [secret for secret in secrets if secret in shown]
