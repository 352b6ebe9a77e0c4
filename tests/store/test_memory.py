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

    def edit_event(self, store: CaseStore, case_id: str, sequence: int, **columns: Any) -> None:
        data = _data(store)
        rows = data.events[case_id]
        old = rows[sequence - 1]
        new = replace(old, **columns)
        rows[sequence - 1] = new
        data.log[data.log.index(old)] = new

    def delete_event(self, store: CaseStore, case_id: str, sequence: int) -> None:
        data = _data(store)
        old = data.events[case_id].pop(sequence - 1)
        data.log.remove(old)

    def edit_dossier(self, store: CaseStore, case_id: str, dossier: str) -> None:
        data = _data(store)
        data.cases[case_id] = replace(data.cases[case_id], dossier=dossier)
