"""Open a store from a URL or a path.

>>> open_store("memory:")
<pmi_workflow.store.memory.MemoryStore object at ...>
>>> open_store("ftp://example.org/cases")
Traceback (most recent call last):
    ...
pmi_workflow.errors.InvalidInputError: invalid input: store: unsupported store URL scheme 'ftp' ...
"""

from __future__ import annotations

import os
from typing import Any

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.store.base import CaseStore
from pmi_workflow.store.memory import MemoryStore
from pmi_workflow.store.sqlite import SqliteStore

__all__ = ["open_store"]


def open_store(target: str | os.PathLike[str], *, create: bool = True, **options: Any) -> CaseStore:
    """A store for ``target``.

    - ``"memory:"`` — a :class:`~pmi_workflow.store.MemoryStore`;
    - ``"sqlite:///path/to/cases.db"`` or a plain file path — an
      :class:`~pmi_workflow.store.SqliteStore`;
    - ``"postgresql://..."`` or ``"postgresql+psycopg://..."`` — a
      :class:`~pmi_workflow.store.PostgresStore` (needs the ``sql`` extra).

    ``create=False`` is for a reader: an SQLite file that does not exist raises
    :class:`~pmi_workflow.store.errors.StoreNotFoundError` instead of being
    created empty (a PostgreSQL database is never created; ``memory:`` is
    always new). ``options`` go to the store's constructor (``projector=``...).
    """
    if not isinstance(target, str):
        return SqliteStore(target, create=create, **options)
    if target == "memory:":
        return MemoryStore(**options)
    if target.startswith("sqlite:///"):
        return SqliteStore(target.removeprefix("sqlite:///"), create=create, **options)
    if target.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        from pmi_workflow.store.postgresql import PostgresStore

        return PostgresStore(target, **options)
    if "://" in target:
        scheme = target.split("://", 1)[0]
        raise InvalidInputError.single(
            f"unsupported store URL scheme {scheme!r} (use memory:, sqlite:/// or postgresql://)",
            "store_url",
            ("store",),
        )
    return SqliteStore(target, create=create, **options)
