"""The in-memory store passes the store contract."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pmi_workflow.store import CaseStore, MemoryStore
from pmi_workflow.testing.store_contract import StoreContract


def _data(store: CaseStore) -> Any:
    assert isinstance(store, MemoryStore)
    return store._data


class TestMemoryStore(StoreContract):
    persistent = False

    def make_store(self, **options: Any) -> CaseStore:
        return MemoryStore(**options)

    def reopen(self, store: CaseStore, **options: Any) -> CaseStore:  # pragma: no cover
        raise NotImplementedError

    def edit_event(self, store: CaseStore, case_id: str, sequence: int, /, **columns: Any) -> None:
        data = _data(store)
        rows = data.events[case_id]
        index = next(i for i, row in enumerate(rows) if row.sequence == sequence)
        old = rows[index]
        new = replace(old, **columns)
        rows[index] = new
        data.log[data.log.index(old)] = new
        data.by_id[new.event_id] = new

    def delete_event(self, store: CaseStore, case_id: str, sequence: int) -> None:
        data = _data(store)
        rows = data.events[case_id]
        old = rows.pop(next(i for i, row in enumerate(rows) if row.sequence == sequence))
        data.log.remove(old)
        del data.by_id[old.event_id]

    def edit_case(self, store: CaseStore, case_id: str, **columns: Any) -> None:
        data = _data(store)
        data.cases[case_id] = replace(data.cases[case_id], **columns)

    def edit_summary(self, store: CaseStore, case_id: str, **fields: Any) -> None:
        data = _data(store)
        data.summaries[case_id] = replace(data.summaries[case_id], **fields)

    def delete_case(self, store: CaseStore, case_id: str) -> None:
        data = _data(store)
        for row in data.events.pop(case_id):
            data.log.remove(row)
            del data.by_id[row.event_id]
        del data.cases[case_id], data.summaries[case_id]
