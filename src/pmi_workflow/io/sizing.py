"""How big a batch is, and how many worker processes suit it.

:func:`count_records` counts the records of a file cheaply (without
validating them), so progress can show a total and an estimated time left.
:func:`fit_workers` chooses the number of worker processes: one per CPU the
process may use by default, never more than there are CPUs (extra processes
only compete for the same cores), and one for a small batch.

>>> fit_workers(None, cpus=2, records=5000)
(2, None)
>>> fit_workers(4, cpus=2, records=5000)[0]
2
>>> fit_workers(None, cpus=8, records=20)
(1, None)
"""

from __future__ import annotations

import csv
import os

from pmi_workflow.io.readers import detect_format

__all__ = ["SMALL_BATCH", "available_cpus", "count_records", "fit_workers"]

SMALL_BATCH = 200
"""Below this many records one process is faster than starting several."""

_MAX_COUNTED_BYTES = 2 * 1024 * 1024 * 1024


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on every platform
        return max(1, os.cpu_count() or 1)


def fit_workers(
    requested: int | None, *, cpus: int | None = None, records: int | None = None
) -> tuple[int, str | None]:
    """The worker count to use and, when it differs from the one asked for, a note why.

    ``requested`` is ``None`` (or 0) for the default: one per CPU, or one for
    fewer than :data:`SMALL_BATCH` records.
    """
    available = cpus if cpus is not None else available_cpus()
    if not requested:
        if records is not None and records < SMALL_BATCH:
            return 1, None
        return available, None
    if requested > available:
        return available, (
            f"{requested} workers asked for, but only {available} CPU(s) are available: "
            f"using {available}"
        )
    return requested, None


def count_records(path: str, format: str | None = None) -> int | None:
    """The number of records in a CSV or JSON Lines file, or ``None`` when it is not cheap
    to know (standard input, JSON, workbooks, folders, files over 2 GiB).

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
    ...     _ = handle.write('case_id,note\\nA,"two\\nlines"\\n\\nB,x\\n')
    >>> count_records(handle.name)
    2
    """
    if path == "-" or not os.path.isfile(path):
        return None
    try:
        if os.path.getsize(path) > _MAX_COUNTED_BYTES:
            return None
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
        chosen = format or detect_format(path, head)
        if chosen == "jsonl":
            with open(path, "rb") as handle:
                return sum(1 for line in handle if line.strip())
        if chosen == "csv":
            with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
                first = handle.readline()
                delimiter = max((",", ";", "\t"), key=first.count)
                rows = csv.reader(handle, delimiter=delimiter)
                return sum(1 for row in rows if any(cell.strip() for cell in row))
    except (OSError, csv.Error):
        return None
    return None
