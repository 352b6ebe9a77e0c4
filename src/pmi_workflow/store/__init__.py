"""Case stores: append-only, concurrent, tamper-evident persistence of cases.

Three backends share one interface (:class:`CaseStore`) and one contract:

- :class:`MemoryStore` — in memory, for tests and embedding;
- :class:`SqliteStore` — a file with the standard library's ``sqlite3`` (the
  embedded default);
- :class:`PostgresStore` — PostgreSQL through SQLAlchemy 2 and psycopg 3
  (install the ``sql`` extra; imported only when used).

:func:`open_store` picks one from a URL. A store given ``keys=`` (a
:class:`SealKey`) seals every case head; :meth:`CaseStore.checkpoint` writes a
:class:`Checkpoint` to keep outside the database (see the security page).

Modules: :mod:`~pmi_workflow.store.base` (the store and its rules),
:mod:`~pmi_workflow.store.records`, :mod:`~pmi_workflow.store.summaries`,
:mod:`~pmi_workflow.store.queries`, :mod:`~pmi_workflow.store.backend` (what a
backend implements), :mod:`~pmi_workflow.store.chain`,
:mod:`~pmi_workflow.store.seal`, :mod:`~pmi_workflow.store.checkpoint`, and the
backends :mod:`~pmi_workflow.store.memory`, :mod:`~pmi_workflow.store.sqlite`,
:mod:`~pmi_workflow.store.postgresql`.
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
from pmi_workflow.store.checkpoint import Checkpoint
from pmi_workflow.store.errors import StoreNotFoundError
from pmi_workflow.store.memory import MemoryStore
from pmi_workflow.store.projection import workflow_projector
from pmi_workflow.store.seal import KeyRing, SealKey
from pmi_workflow.store.sqlite import SqliteStore
from pmi_workflow.store.summaries import IncrementalProjector
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
    "Checkpoint",
    "DuplicateEventError",
    "IncrementalProjector",
    "KeyRing",
    "MemoryStore",
    "PostgresStore",
    "Projector",
    "SchemaVersionError",
    "SealKey",
    "SqliteStore",
    "StoreDriverError",
    "StoreNotFoundError",
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
