"""The store's own errors (all are :class:`~pmi_workflow.errors.StoreError`)."""

from __future__ import annotations

from pmi_workflow.errors import StoreError

__all__ = [
    "CaseExistsError",
    "DuplicateEventError",
    "SchemaVersionError",
    "StoreDriverError",
    "StoreNotFoundError",
]


class CaseExistsError(StoreError):
    """A case with that id is already stored (create it once, then append)."""

    code = "case_exists"

    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        super().__init__(f"case {case_id!r} already exists")


class DuplicateEventError(StoreError):
    """An event id is already stored with other content or in another place."""

    code = "duplicate_event"

    def __init__(self, case_id: str, event_id: str) -> None:
        self.case_id = case_id
        self.event_id = event_id
        super().__init__(
            f"event {event_id} of case {case_id!r} is already stored with other content"
        )


class SchemaVersionError(StoreError):
    """The database schema is newer than this release, or older and not upgraded."""

    code = "schema_version"

    def __init__(self, found: int, supported: int, problem: str) -> None:
        self.found = found
        self.supported = supported
        super().__init__(f"database schema version {found} ({problem}; supported: {supported})")


class StoreDriverError(StoreError):
    """The database driver failed (connection lost, disk full, locked, not a database...).

    Carries the driver's error class and, when known, the SQLSTATE or SQLite
    error name; never the SQL text, the parameters or the connection URL.
    """

    code = "store_driver_error"

    def __init__(self, database: str, error_type: str, error_code: str | None = None) -> None:
        self.database = database
        self.error_type = error_type
        self.error_code = error_code
        detail = error_type + (f", {error_code}" if error_code else "")
        words = _DRIVER_WORDS.get(error_code or "", "the {database} database failed to run this")
        super().__init__(f"{words.format(database=database)} ({detail})")


# What a driver's error name means, in English (the officer's Indonesian wording is in
# pmi_workflow.cli.messages); the name itself stays in parentheses for the administrator.
_DRIVER_WORDS = {
    "SQLITE_CANTOPEN": "the {database} database file cannot be opened; check the path and folder",
    "SQLITE_NOTADB": "the file is not a {database} database",
    "SQLITE_CORRUPT": "the {database} database file is damaged",
    "SQLITE_BUSY": "the {database} database is in use by another process; try again later",
    "SQLITE_LOCKED": "the {database} database is in use by another process; try again later",
    "SQLITE_READONLY": "the {database} database can be read but not written",
    "SQLITE_FULL": "the disk is full; the {database} database cannot be written",
    "SQLITE_IOERR": "the {database} database cannot be read or written",
}


class StoreNotFoundError(StoreError):
    """The store's database file does not exist, and the store was opened to read one that
    does (``create=False``): nothing was created."""

    code = "store_not_found"

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"store file {path} does not exist")


class _IntegrityConflict(Exception):  # noqa: N818 - internal signal, never escapes
    """A unique constraint refused a write: someone else wrote first."""
