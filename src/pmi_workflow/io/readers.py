"""Stream case records from JSON, JSONL and CSV files, one record at a time.

Every record that a file holds comes out as exactly one
:class:`SourceRecord`: either its data or the problems that kept it from
being read, with where it was (``line 12``, ``row 4``, ``item 3``). A bad
record never stops the stream, never raises, and never echoes a cell's
value, so no personal data reaches an error. Memory stays constant: records
are read one by one, also from a large JSON array.

Formats:

``json``
    one case object, or an array of case objects.
``jsonl``
    one case object per line; blank lines are skipped.
``csv``
    a header row of dotted column names (see :mod:`pmi_workflow.io.flat`),
    then one case per row. Comma, semicolon or tab separated (guessed from the
    header), UTF-8 with or without a byte-order mark. Rows are numbered as in
    a spreadsheet: the header is row 1.

>>> import io
>>> data = io.BytesIO(b'{"case_id": "C-1"}\\nnot json\\n\\n[1]\\n')
>>> for record in read_records(data, format="jsonl", name="cases.jsonl"):
...     print(record.position, record.data, [p.message for p in record.problems])
line 1 {'case_id': 'C-1'} []
line 2 None ['not valid JSON (Expecting value at character 1)']
line 4 None ['a case record must be a JSON object']
>>> sheet = io.BytesIO("case_id;applicant.birth_date\\nC-2;3 Juli 2000\\n".encode())
>>> [(r.position, r.data) for r in read_records(sheet, format="csv")]
[('row 2', {'case_id': 'C-2', 'applicant': {'birth_date': '3 Juli 2000'}})]
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import os
import sys
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from pmi_workflow.errors import InputProblem, InvalidInputError
from pmi_workflow.io.flat import unflatten
from pmi_workflow.io.writers import unescape_cell
from pmi_workflow.privacy import redact
from pmi_workflow.safe_load import (
    JsonValueError,
    NestingTooDeepError,
    decode_json_value,
    load_json,
)

__all__ = [
    "FORMATS",
    "MAX_RECORD_BYTES",
    "InputFormat",
    "SourceRecord",
    "detect_format",
    "place_of",
    "read_records",
]

_log = logging.getLogger(__name__)

InputFormat = Literal["json", "jsonl", "csv", "xlsx"]
FORMATS: tuple[InputFormat, ...] = ("json", "jsonl", "csv", "xlsx")
"""The input formats :func:`read_records` understands."""

MAX_RECORD_BYTES = 16 * 1024 * 1024
"""The largest single record accepted (a longer line or object is reported, not read)."""

_CHUNK = 64 * 1024
_SUFFIXES: dict[str, InputFormat] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One record read from a file: its data, or the problems that kept it from being read.

    ``unit`` and ``number`` say where it was (``line`` for JSONL, ``row`` for
    CSV with the header as row 1, ``item`` for a JSON array), ``line`` is the
    line it starts on.
    """

    source: str
    unit: Literal["line", "row", "item"]
    number: int
    line: int
    data: dict[str, Any] | None
    problems: tuple[InputProblem, ...] = ()
    raw: bytes | None = None
    places: Mapping[str, str] | None = None

    def place(self, location: Sequence[str | int]) -> str:
        """Where a field of the record was typed: a spreadsheet cell when known
        (``Langkah!C14 (Tanggal)``), else its column path (``documents.2.issued_on``)."""
        return place_of(location, self.places)

    def decode(self) -> SourceRecord:
        """The record with its data decoded, when it was read with ``defer_decoding``.

        Decoding can then happen where the work is done (in a worker process),
        so the reading process only splits the file into records.
        """
        if self.raw is None:
            return self
        return _decode_object(self.raw, self.source, self.unit, self.number, self.line)

    @property
    def position(self) -> str:
        """Where the record is, in words: ``line 3``, ``row 4``, ``item 2``."""
        return f"{self.unit} {self.number}"

    @property
    def ok(self) -> bool:
        """``True`` when the record was read (its content is not yet validated)."""
        return self.data is not None and not self.problems

    def error(self) -> InvalidInputError:
        """The problems as an :class:`~pmi_workflow.errors.InvalidInputError`."""
        return InvalidInputError(self.problems, source=f"{self.source} {self.position}")


def place_of(location: Sequence[str | int], places: Mapping[str, str] | None = None) -> str:
    """The place of a field for a person: the cell it was typed in when ``places`` knows it,
    else the column path as the flat layout names it (without the document-type step
    that validation inserts).

    >>> place_of(("documents", 2, "passport", "issued_on"))
    'documents.2.issued_on'
    >>> place_of(("history", 0, "occurred_at"), {"history.0.occurred_at": "Langkah!C2 (Tanggal)"})
    'Langkah!C2 (Tanggal)'
    >>> place_of(())
    '<root>'
    """
    parts = [str(part) for part in location]
    if len(parts) >= 3 and parts[0] == "documents" and parts[1].isdigit():
        from pmi_workflow.domain.documents import DOCUMENT_TYPES

        if parts[2] in DOCUMENT_TYPES:
            del parts[2]
    if places:
        for end in range(len(parts), 0, -1):
            found = places.get(".".join(parts[:end]))
            if found is not None:
                return found
    return ".".join(parts) or "<root>"


def detect_format(name: str, head: bytes = b"") -> InputFormat:
    """Guess the format from a file name, else from its first bytes.

    >>> detect_format("cases.ndjson")
    'jsonl'
    >>> detect_format("-", b'  [{"case_id": "x"}]')
    'json'
    >>> detect_format("-", b'{"case_id": "x"}\\n{"case_id": "y"}\\n')
    'jsonl'
    >>> detect_format("-", b"case_id,scheme\\n")
    'csv'
    """
    suffix = Path(name).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        first = text.split("\n", 1)[0]
        try:
            json.loads(first)
        except ValueError:
            return "json"
        return "jsonl"
    return "csv"


class _Prefixed(io.RawIOBase):
    """A byte stream that replays ``prefix`` and then continues with ``rest``."""

    def __init__(self, prefix: bytes, rest: IO[bytes]) -> None:
        self._prefix = memoryview(prefix)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        target = memoryview(buffer).cast("B")
        if self._prefix:
            size = min(len(target), len(self._prefix))
            target[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
            return size
        data = self._rest.read(len(target))
        target[: len(data)] = data
        return len(data)


def shown_columns(names: Sequence[str], known: Collection[str] = frozenset()) -> str:
    """Column names for a message: only those that are field paths of a case record or
    ``known`` headings (a file without a header row has data, perhaps a name or a NIK, where
    the names should be).

    >>> shown_columns(["case_id", "Sutrisno", "sutrisno"])
    "'case_id' and 2 columns that are not field names"
    >>> shown_columns(["NIK", "Budi"], known={"NIK"})
    "'NIK' and 1 column that is not a field name"
    """
    from pmi_workflow.domain.case import shown_field_path

    shown = [repr(name) for name in names if name in known or shown_field_path(name) is not None]
    hidden = len(names) - len(shown)
    if hidden:
        shown.append(
            f"{hidden} columns that are not field names"
            if hidden > 1
            else "1 column that is not a field name"
        )
    return " and ".join([", ".join(shown[:-1]), shown[-1]] if len(shown) > 1 else shown)


def read_records(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    format: InputFormat | None = None,
    name: str | None = None,
    defer_decoding: bool = False,
) -> Iterator[SourceRecord]:
    """Yield every record of a file (a path, ``"-"`` for standard input, or a binary stream).

    The format is ``format`` when given, else guessed from the file name and
    its first bytes. A file that cannot be opened raises
    :class:`~pmi_workflow.errors.InvalidInputError`; everything found inside
    the file is reported as records instead.

    With ``defer_decoding``, JSON Lines records come undecoded (``raw`` set,
    ``data`` empty): call :meth:`SourceRecord.decode` where the record is
    processed. Other formats are always decoded.
    """
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        label = name or ("<stdin>" if path == "-" else path)
        if path == "-":
            yield from _read_stream(sys.stdin.buffer, format, label, path, defer_decoding)
            return
        if os.path.isdir(path):
            from pmi_workflow.io.sheets import read_csv_folder

            yield from read_csv_folder(path, label)
            return
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, generator-owned
        except OSError as error:
            raise InvalidInputError.single(
                f"cannot open the file ({error.strerror or 'unreadable'})", "file", source=label
            ) from None
        except ValueError:  # a NUL byte in the name
            raise InvalidInputError.single(
                "the file name is not valid", "file", source=repr(label)
            ) from None
        with handle:
            yield from _read_stream(handle, format, label, path, defer_decoding)
        return
    label = name or getattr(source, "name", None) or "<stream>"
    yield from _read_stream(source, format, str(label), str(label), defer_decoding)


def _read_stream(
    stream: IO[bytes],
    format: InputFormat | None,
    label: str,
    path: str,
    defer_decoding: bool = False,
) -> Iterator[SourceRecord]:
    if format is None:
        head = stream.read(_CHUNK)
        if not head.strip(b" \t\r\n") and Path(path).suffix.lower() not in _SUFFIXES:
            yield SourceRecord(label, "line", 1, 1, None, _problem("the input is empty", "empty"))
            return
        format = detect_format(path, head)
        stream = io.BufferedReader(_Prefixed(head, stream))
    _log.debug("reading %s as %s", redact(label), format)
    if format == "xlsx":
        from pmi_workflow.io.sheets import read_workbook

        yield from read_workbook(stream, label)
    elif format == "jsonl":
        yield from _read_jsonl(stream, label, defer_decoding)
    elif format == "json":
        yield from _read_json(stream, label)
    else:
        yield from _read_csv(stream, label)


def _problem(message: str, kind: str) -> tuple[InputProblem, ...]:
    return (InputProblem((), message, kind),)


# -- JSONL ---------------------------------------------------------------------------


def _read_jsonl(stream: IO[bytes], label: str, defer: bool = False) -> Iterator[SourceRecord]:
    number = 0
    while True:
        raw = stream.readline(MAX_RECORD_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
            while True:  # skip to the end of the overlong line
                rest = stream.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield SourceRecord(
                label, "line", number, number, None,
                _problem("the line is longer than 16 MiB", "too_large"),
            )  # fmt: skip
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        if not raw.strip():
            continue
        if defer:
            yield SourceRecord(label, "line", number, number, None, raw=raw)
        else:
            yield _decode_object(raw, label, "line", number, number)


def _decode_object(
    raw: bytes, label: str, unit: Literal["line", "row", "item"], number: int, line: int
) -> SourceRecord:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return SourceRecord(
            label, unit, number, line, None, _problem("the text is not UTF-8", "encoding")
        )
    try:
        loaded = load_json(text)
    except json.JSONDecodeError as error:
        return SourceRecord(
            label, unit, number, line, None,
            _problem(f"not valid JSON ({error.msg} at character {error.pos + 1})", "json"),
        )  # fmt: skip
    except (RecursionError, NestingTooDeepError):
        return SourceRecord(
            label, unit, number, line, None, _problem("the record is nested too deeply", "too_deep")
        )
    except JsonValueError as error:
        return SourceRecord(label, unit, number, line, None, (_json_value_problem(error),))
    if not isinstance(loaded, dict):
        return SourceRecord(
            label, unit, number, line, None, _problem("a case record must be a JSON object", "type")
        )
    return SourceRecord(label, unit, number, line, loaded)


def _json_value_problem(error: JsonValueError) -> InputProblem:
    from pmi_workflow.domain.case import problem_from_json_error

    return problem_from_json_error(error)


# -- JSON (one object or an array), streamed -----------------------------------------


class _JsonScanner:
    """Reads JSON values one after another from a text stream, tracking lines."""

    def __init__(self, text: IO[str]) -> None:
        self._text = text
        self._buf = ""
        self._pos = 0
        self._eof = False
        self.line = 1

    def _more(self) -> bool:
        if self._eof:
            return False
        if self._pos > _CHUNK:
            self._buf = self._buf[self._pos :]
            self._pos = 0
        chunk = self._text.read(max(_CHUNK, len(self._buf) - self._pos))
        if not chunk:
            self._eof = True
            return False
        self._buf += chunk
        return True

    def _advance(self, end: int) -> None:
        self.line += self._buf.count("\n", self._pos, end)
        self._pos = end

    def peek(self) -> str:
        """The next non-blank character, or ``""`` at the end."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in " \t\r\n":
                self._advance(self._pos + 1)
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._more():
                return ""

    def take(self) -> None:
        """Consume the character :meth:`peek` returned."""
        self._advance(self._pos + 1)

    def value(self) -> Any:
        """Decode the next value; raises ``ValueError`` with a message when it cannot, or
        :class:`~pmi_workflow.safe_load.JsonValueError` after skipping a value that decodes
        but cannot be accepted (a repeated key, a number too long)."""
        while True:
            if len(self._buf) - self._pos > MAX_RECORD_BYTES:
                raise ValueError("the record is larger than 16 MiB")
            try:
                loaded, end = decode_json_value(self._buf, self._pos)
            except JsonValueError as error:
                if error.end in (None, len(self._buf)) and self._more():
                    continue  # where the value ends is not known yet
                if error.end is not None:
                    self._advance(error.end)
                raise
            except json.JSONDecodeError as error:
                if self._more():
                    continue
                line = self.line + self._buf.count("\n", self._pos, error.pos)
                raise ValueError(f"not valid JSON ({error.msg} at line {line})") from None
            except RecursionError:
                raise ValueError("the record is nested too deeply") from None
            if end == len(self._buf) and self._more():
                continue  # the value might go on in the next chunk
            self._advance(end)
            return loaded


def _read_json(stream: IO[bytes], label: str) -> Iterator[SourceRecord]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict")
    scanner = _JsonScanner(text)
    number = 0
    try:
        first = scanner.peek()
        if first != "[":
            number = 1
            line = scanner.line
            if not first:
                yield SourceRecord(
                    label, "item", 1, line, None, _problem("the file is empty", "empty")
                )
                return
            try:
                loaded = scanner.value()
            except JsonValueError as error:
                yield SourceRecord(label, "item", 1, line, None, (_json_value_problem(error),))
                return
            except ValueError as error:
                yield SourceRecord(label, "item", 1, line, None, _problem(str(error), "json"))
                return
            if not isinstance(loaded, dict):
                yield SourceRecord(
                    label, "item", 1, line, None,
                    _problem("a JSON file must hold one case object or an array of them", "type"),
                )  # fmt: skip
                return
            yield SourceRecord(label, "item", 1, line, loaded)
            if scanner.peek():
                yield SourceRecord(
                    label, "item", 2, scanner.line, None,
                    _problem("text after the case object (use JSONL for many cases)", "json"),
                )  # fmt: skip
            return
        scanner.take()
        while True:
            following = scanner.peek()
            if following == "]":
                scanner.take()
                break
            if number:
                if following != ",":
                    yield SourceRecord(
                        label, "item", number + 1, scanner.line, None,
                        _problem("expected ',' or ']' after an item; the rest cannot be read",
                                 "json"),
                    )  # fmt: skip
                    return
                scanner.take()
                following = scanner.peek()
            number += 1
            line = scanner.line
            if not following:
                yield SourceRecord(
                    label, "item", number, line, None,
                    _problem("the file ends inside the array", "json"),
                )  # fmt: skip
                return
            try:
                loaded = scanner.value()
            except JsonValueError as error:
                yield SourceRecord(label, "item", number, line, None, (_json_value_problem(error),))
                if error.end is None:
                    return  # the item never ends: the file is cut short
                continue
            except ValueError as error:
                yield SourceRecord(
                    label, "item", number, line, None,
                    _problem(f"{error}; the rest of the file cannot be read", "json"),
                )  # fmt: skip
                return
            if isinstance(loaded, dict):
                yield SourceRecord(label, "item", number, line, loaded)
            else:
                yield SourceRecord(
                    label, "item", number, line, None,
                    _problem("a case record must be a JSON object", "type"),
                )  # fmt: skip
        if scanner.peek():
            yield SourceRecord(
                label, "item", number + 1, scanner.line, None,
                _problem("text after the end of the array", "json"),
            )  # fmt: skip
    except UnicodeDecodeError:
        yield SourceRecord(
            label, "item", number + 1, scanner.line, None,
            _problem("the text is not UTF-8; the rest of the file cannot be read", "encoding"),
        )  # fmt: skip


# -- CSV -------------------------------------------------------------------------------


def _has_surrogates(value: str) -> bool:
    return any("\udc80" <= char <= "\udcff" for char in value)


def _read_csv(stream: IO[bytes], label: str) -> Iterator[SourceRecord]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    header_line = text.readline()
    if not header_line.strip():
        yield SourceRecord(
            label, "row", 1, 1, None, _problem("the file has no header row", "empty")
        )
        return
    counts = {delimiter: header_line.count(delimiter) for delimiter in (",", ";", "\t")}
    delimiter = max(counts, key=lambda key: counts[key])
    header = next(csv.reader([header_line], delimiter=delimiter))
    names = [name.strip() for name in header]
    duplicates = sorted({name for name in names if names.count(name) > 1 and name})
    if duplicates or _has_surrogates(header_line):
        message = (
            f"columns appear twice: {shown_columns(duplicates)}"
            if duplicates
            else "the header is not UTF-8 text"
        )
        yield SourceRecord(label, "row", 1, 1, None, _problem(message, "header"))
        return
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    number = 1
    while True:
        line = reader.line_num + 2
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            number += 1
            message = f"unreadable row ({error})"
            if "unexpected end of data" in str(error):
                message = (
                    "unreadable row: a quoted cell is never closed, "
                    "so the rest of the file was read into it"
                )
            yield SourceRecord(label, "row", number, line, None, _problem(message, "csv"))
            continue
        if not any(cell.strip() for cell in cells):
            number += 1
            continue
        number += 1
        if len(cells) > len(names) and any(cell.strip() for cell in cells[len(names) :]):
            yield SourceRecord(
                label, "row", number, line, None,
                _problem(f"{len(cells)} cells but only {len(names)} columns", "csv"),
            )  # fmt: skip
            continue
        if any(_has_surrogates(cell) for cell in cells):
            yield SourceRecord(
                label, "row", number, line, None, _problem("the row is not UTF-8 text", "encoding")
            )
            continue
        row = {name: unescape_cell(cell) for name, cell in zip(names, cells, strict=False) if name}
        try:
            data = unflatten(row)
        except InvalidInputError as error:
            problems = tuple(error.problems)
            yield SourceRecord(label, "row", number, line, None, problems)
            continue
        yield SourceRecord(label, "row", number, line, data)
