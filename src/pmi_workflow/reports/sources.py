"""The cases and information sessions a report is built from, read like every other command.

Files are read with :func:`pmi_workflow.io.read_records`: JSON (one record,
an array, or an object with ``"cases"`` and/or ``"sessions"`` arrays), JSON
Lines, CSV, Excel workbooks (flat or tidy layout) and folders of CSV sheets.
Cases are streamed: :class:`CaseSource` yields them one by one and keeps the
problems of the records it could not read, each named by its place (the row,
and the cell when known), so that nothing is dropped silently.

>>> import io, json
>>> from pmi_workflow.samples import procedural_case_data
>>> source = CaseSource(io.BytesIO(json.dumps({"cases": [procedural_case_data(), {}]}).encode()),
...                     name="kasus.json")
>>> [case.case_id for case in source]
['CASE-P2P-0001']
>>> source.read, len(source.problems), source.problems[0].where
(2, 5, 'kasus.json item 2, case_id')
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import IO, Any

from pmi_workflow.domain import Case
from pmi_workflow.errors import InputProblem, InvalidInputError
from pmi_workflow.io import SourceRecord, read_records
from pmi_workflow.outreach import InformationSession, parse_sessions
from pmi_workflow.records import read_case

__all__ = ["CaseSource", "load_sessions"]

Source = str | os.PathLike[str] | IO[bytes]


def _expand(record: SourceRecord, key: str) -> Iterator[SourceRecord]:
    """The records of a ``{"cases": [...], "sessions": [...]}`` object, else the record."""
    data = record.data
    if data is not None and set(data) <= {"cases", "sessions"} and isinstance(data.get(key), list):
        for number, item in enumerate(data[key], start=1):
            if isinstance(item, dict):
                yield SourceRecord(record.source, "item", number, record.line, item)
            else:
                yield SourceRecord(
                    record.source, "item", number, record.line, None,
                    (InputProblem((), "a record must be a JSON object", "type"),),
                )  # fmt: skip
        return
    if data is not None and set(data) <= {"cases", "sessions"} and key not in data:
        return
    yield record


class CaseSource:
    """The cases of a file, streamed; unreadable records are kept in :attr:`problems`.

    A problem's location is the record's place and the cell or column
    (``kasus.xlsx row 4, Langkah!C14 (Tanggal)``).
    """

    def __init__(self, source: Source, *, name: str | None = None) -> None:
        self._source = source
        self._name = name
        self.problems: list[InputProblem] = []
        self.read = 0

    def __iter__(self) -> Iterator[Case]:
        for outer in read_records(self._source, name=self._name):
            for record in _expand(outer, "cases"):
                self.read += 1
                found = read_case(record)
                if isinstance(found, Case):
                    yield found
                    continue
                place = f"{found.source} {found.position}"
                self.problems.extend(
                    InputProblem(
                        (f"{place}, {found.place(problem.location)}",),
                        problem.message,
                        problem.kind,
                    )
                    for problem in found.problems
                )

    def check(self) -> None:
        """Raise :class:`InvalidInputError` with every problem found, or when there was no
        record at all."""
        if self.problems:
            raise InvalidInputError(self.problems)
        if not self.read:
            raise InvalidInputError.single(
                "the input holds no case records", "empty", source=self._name or str(self._source)
            )


def load_sessions(source: Source, *, name: str | None = None) -> tuple[InformationSession, ...]:
    """Every information-session record of a file; all problems in one error."""
    records: list[dict[str, Any]] = []
    problems: list[InputProblem] = []
    for outer in read_records(source, name=name):
        for record in _expand(outer, "sessions"):
            if record.data is None or record.problems:
                place = f"{record.source} {record.position}"
                problems.extend(
                    InputProblem((place, *problem.location), problem.message, problem.kind)
                    for problem in record.problems
                )
                continue
            records.append(record.data)
    if problems:
        raise InvalidInputError(problems)
    return parse_sessions(records, source=name or str(getattr(source, "name", source)))
