"""Case stores: append-only, concurrent, tamper-evident persistence of cases.

Three backends share one interface (:class:`CaseStore`) and one contract:

- :class:`MemoryStore` — in memory, for tests and embedding;
- :class:`SqliteStore` — a file with the standard library's ``sqlite3`` (the
  embedded default);
- :class:`PostgresStore` — PostgreSQL through SQLAlchemy 2 and psycopg 3
  (install the ``sql`` extra; imported only when used).

:func:`open_store` picks one from a URL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pmi_workflow.store.base import (
    AppendResult,
    BrokenLink,
    CaseExistsError,
    CaseQuery,
    CaseStore,
    CaseSummary,
    DuplicateEventError,
    Projector,
    SchemaVersionError,
    StoredEvent,
    StoreDriverError,
    VerifyReport,
    default_projector,
    executor_of,
    summarize,
)
from pmi_workflow.store.chain import GENESIS_HASH, canonical_json, event_payload, link_hash
from pmi_workflow.store.memory import MemoryStore
from pmi_workflow.store.projection import workflow_projector
from pmi_workflow.store.sqlite import SqliteStore
from pmi_workflow.store.url import open_store

if TYPE_CHECKING:
    from pmi_workflow.store.postgresql import PostgresStore

__all__ = [
    "GENESIS_HASH",
    "AppendResult",
    "BrokenLink",
    "CaseExistsError",
    "CaseQuery",
    "CaseStore",
    "CaseSummary",
    "DuplicateEventError",
    "MemoryStore",
    "PostgresStore",
    "Projector",
    "SchemaVersionError",
    "SqliteStore",
    "StoreDriverError",
    "StoredEvent",
    "VerifyReport",
    "canonical_json",
    "default_projector",
    "event_payload",
    "executor_of",
    "link_hash",
    "open_store",
    "summarize",
    "workflow_projector",
]


def __getattr__(name: str) -> Any:
    if name == "PostgresStore":
        from pmi_workflow.store.postgresql import PostgresStore

        return PostgresStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
