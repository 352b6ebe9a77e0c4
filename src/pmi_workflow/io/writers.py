"""Streaming writers for JSON, JSONL and CSV output.

Each writer takes JSON-compatible dictionaries one at a time and writes them
at once, so output keeps pace with input and memory stays constant.

>>> import io
>>> out = io.StringIO()
>>> with JsonWriter(out) as writer:
...     writer.write({"case_id": "C-1"})
...     writer.write({"case_id": "C-2"})
>>> print(out.getvalue())
[
  {"case_id": "C-1"},
  {"case_id": "C-2"}
]
>>> out = io.StringIO()
>>> with CsvWriter(out, ["case_id", "applicant.nik"]) as writer:
...     writer.write({"case_id": "C-1", "applicant": {"nik": "3603121505950002"}})
>>> print(out.getvalue().replace("\\r", ""))
case_id,applicant.nik
C-1,3603121505950002

Cells that a spreadsheet would run as a formula are escaped (OWASP's rule for
CSV injection): a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return
gets a ``'`` in front, which :func:`unescape_cell` (used by the CSV reader)
takes off again.

>>> escape_cell("=HYPERLINK('http://x')"), escape_cell("+6281234567890"), escape_cell("ok")
("'=HYPERLINK('http://x')", "'+6281234567890", 'ok')
>>> unescape_cell(escape_cell("@SUM(A1)"))
'@SUM(A1)'
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import IO, Any, Protocol

from pmi_workflow.io.flat import flatten

__all__ = [
    "CsvWriter",
    "JsonWriter",
    "JsonlWriter",
    "RecordWriter",
    "escape_cell",
    "to_json_line",
    "unescape_cell",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: str) -> str:
    """A CSV cell a spreadsheet will show as text: ``'`` before a formula-starting character."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def unescape_cell(value: str) -> str:
    """The cell :func:`escape_cell` escaped, as it was (other cells unchanged)."""
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_START) else value


def to_json_line(record: Mapping[str, Any]) -> str:
    """One record as compact JSON text (UTF-8 characters kept, no trailing newline).

    >>> to_json_line({"kota": "Tangerang", "n": 1})
    '{"kota": "Tangerang", "n": 1}'
    """
    return json.dumps(record, ensure_ascii=False, default=str)


class RecordWriter(Protocol):
    """What every writer offers: write one record; close to finish the output."""

    def write(self, record: Mapping[str, Any]) -> None:
        """Write one record."""

    def close(self) -> None:
        """Finish the output (the stream itself stays open)."""


class _Base:
    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._closed = False

    def __enter__(self) -> _Base:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Finish the output (the stream itself stays open)."""
        if not self._closed:
            self._closed = True
            self._finish()
            self._stream.flush()

    def _finish(self) -> None:
        return None


class JsonlWriter(_Base):
    """One JSON object per line, flushed per record (good for pipes)."""

    def __enter__(self) -> JsonlWriter:
        return self

    def write(self, record: Mapping[str, Any]) -> None:
        """Write one record as one line."""
        self._stream.write(to_json_line(record) + "\n")
        self._stream.flush()


class JsonWriter(_Base):
    """A JSON array, written item by item (an empty input gives ``[]``)."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__(stream)
        self._count = 0

    def __enter__(self) -> JsonWriter:
        return self

    def write(self, record: Mapping[str, Any]) -> None:
        """Write one array item."""
        self._stream.write(("[\n  " if self._count == 0 else ",\n  ") + to_json_line(record))
        self._count += 1

    def _finish(self) -> None:
        self._stream.write("[]\n" if self._count == 0 else "\n]\n")


class CsvWriter(_Base):
    """Rows of dotted columns (the layout :func:`~pmi_workflow.io.readers.read_records` reads).

    The columns are fixed when the writer is made; values of other columns are
    dropped, so pass the union of columns you need
    (:func:`~pmi_workflow.io.flat.header_of` gives it).
    """

    def __init__(self, stream: IO[str], columns: Sequence[str]) -> None:
        super().__init__(stream)
        self._columns = list(columns)
        self._writer = csv.writer(stream)
        self._writer.writerow([escape_cell(column) for column in self._columns])

    def __enter__(self) -> CsvWriter:
        return self

    def write(self, record: Mapping[str, Any]) -> None:
        """Write one record as one row."""
        flat = flatten(record)
        self._writer.writerow([escape_cell(flat.get(column, "")) for column in self._columns])
