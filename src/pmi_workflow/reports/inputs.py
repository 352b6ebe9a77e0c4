"""Read the cases and information sessions a district report is built from.

A file holds JSON — one record, an array of records, or an object with
``"cases"`` and/or ``"sessions"`` arrays — or JSON Lines (``.jsonl``, one
record a line). Every bad record is reported with its place (line or index)
in one :class:`~pmi_workflow.errors.InvalidInputError`; nothing is dropped
silently and no personal data appears in the messages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pmi_workflow.domain import Case, parse_case
from pmi_workflow.errors import InputProblem, InvalidInputError
from pmi_workflow.outreach import InformationSession, parse_sessions
from pmi_workflow.safe_load import NestingTooDeepError, load_json

__all__ = ["load_cases", "load_sessions", "read_records"]


def _read_text(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        raise InvalidInputError.single("file not found", "file", source=str(path)) from None
    except UnicodeDecodeError:
        raise InvalidInputError.single(
            "the file is not UTF-8 text", "encoding", source=str(path)
        ) from None
    except OSError as error:
        raise InvalidInputError.single(
            f"cannot read the file ({error.strerror})", "file", source=str(path)
        ) from None


def read_records(path: str | Path, key: str) -> Iterator[tuple[str, Any]]:
    """The records of ``path`` with their place (``line 3``, ``record 2``).

    ``key`` names the array to take from a JSON object that holds several
    (``cases`` or ``sessions``).
    """
    file = Path(path)
    text = _read_text(file)
    if file.suffix.lower() in {".jsonl", ".ndjson"}:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield f"line {number}", load_json(line)
            except NestingTooDeepError as error:
                raise InvalidInputError.single(
                    f"the record is {error}", "too_deep", source=f"{file} line {number}"
                ) from None
            except json.JSONDecodeError as error:
                raise InvalidInputError.single(
                    f"not valid JSON ({error.msg})", "json", source=f"{file} line {number}"
                ) from None
        return
    try:
        loaded = load_json(text)
    except NestingTooDeepError as error:
        raise InvalidInputError.single(
            f"the file is {error}", "too_deep", source=str(file)
        ) from None
    except json.JSONDecodeError as error:
        raise InvalidInputError.single(
            f"not valid JSON ({error.msg} at line {error.lineno} column {error.colno})",
            "json",
            source=str(file),
        ) from None
    if isinstance(loaded, dict) and key in loaded:
        loaded = loaded[key]
    if isinstance(loaded, list):
        for index, record in enumerate(loaded):
            yield f"record {index}", record
    else:
        yield "record 0", loaded


def load_cases(path: str | Path) -> tuple[Case, ...]:
    """Every case record of ``path``; all problems of all records in one error."""
    cases: list[Case] = []
    problems: list[InputProblem] = []
    for place, record in read_records(path, "cases"):
        try:
            cases.append(parse_case(record, source=f"{path} {place}"))
        except InvalidInputError as error:
            problems.extend(
                InputProblem((place, *problem.location), problem.message, problem.kind)
                for problem in error.problems
            )
    if problems:
        raise InvalidInputError(problems, source=str(path))
    return tuple(cases)


def load_sessions(path: str | Path) -> tuple[InformationSession, ...]:
    """Every information-session record of ``path``."""
    return parse_sessions(
        (record for _, record in read_records(path, "sessions")), source=str(path)
    )
