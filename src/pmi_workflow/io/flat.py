"""Flat (dotted-column) records: the CSV layout of a case.

A spreadsheet row holds one case. Each column is a dotted path into the
case record: ``applicant.nik``, ``documents.0.type``,
``history.2.occurred_at``. Numeric parts are list positions. Empty cells are
left out, so one header can serve cases with different numbers of documents
and events; list positions are kept in order and closed up (a case that fills
``documents.0`` and ``documents.2`` has two documents).

>>> unflatten({"case_id": "C-1", "applicant.nik": "3603121505950002",
...            "documents.0.type": "passport", "documents.0.id": "p-1", "documents.1.type": ""})
{'case_id': 'C-1', 'applicant': {'nik': '3603121505950002'},
 'documents': [{'type': 'passport', 'id': 'p-1'}]}
>>> flatten({"a": {"b": [1, {"c": True}]}, "d": None})
{'a.b.0': '1', 'a.b.1.c': 'true'}
>>> try:
...     unflatten({"applicant": "x", "applicant.nik": "1"})
... except ValueError as error:
...     print(error)
invalid input: applicant: a column is both a value and a group
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pmi_workflow.errors import InputProblem, InvalidInputError

__all__ = ["flatten", "header_of", "unflatten"]

_MAX_DEPTH = 16
_MAX_INDEX = 9999


def _is_index(part: str) -> bool:
    return part.isascii() and part.isdigit()


def unflatten(row: Mapping[str, str | None]) -> dict[str, Any]:
    """Build a nested record from dotted columns; empty cells are left out.

    Raises :class:`~pmi_workflow.errors.InvalidInputError` naming the column
    when columns contradict each other (``applicant`` and ``applicant.nik``),
    a list position is too large, or a path is too deep. Cell values never
    appear in the error.
    """
    tree: dict[str, Any] = {}
    problems: list[InputProblem] = []
    for column, value in row.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        parts = [part.strip() for part in str(column).split(".")]
        if not all(parts) or len(parts) > _MAX_DEPTH:
            problems.append(
                InputProblem(_shown(tuple(parts)), "not a usable column name", "column")
            )
            continue
        if any(_is_index(part) and int(part) > _MAX_INDEX for part in parts):
            problems.append(InputProblem(_shown(tuple(parts)), "list position too large", "column"))
            continue
        node = tree
        for depth, part in enumerate(parts[:-1]):
            child = node.get(part)
            if child is None:
                child = {}
                node[part] = child
            elif not isinstance(child, dict):
                problems.append(
                    InputProblem(
                        _shown(tuple(parts[: depth + 1])),
                        "a column is both a value and a group",
                        "column",
                    )
                )
                break
            node = child
        else:
            last = parts[-1]
            if isinstance(node.get(last), dict):
                problems.append(
                    InputProblem(
                        _shown(tuple(parts)), "a column is both a value and a group", "column"
                    )
                )
                continue
            node[last] = value.strip() if isinstance(value, str) else value
    if problems:
        raise InvalidInputError(problems)
    result = _lists(tree)
    assert isinstance(result, dict)
    return result


def _lists(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    keys = list(node)
    if keys and all(_is_index(key) for key in keys):
        return [_lists(node[key]) for key in sorted(keys, key=int)]
    return {key: _lists(value) for key, value in node.items()}


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Turn a nested JSON-compatible record into dotted columns of text.

    ``None`` values are left out, booleans become ``true``/``false``.
    """
    flat: dict[str, str] = {}
    _flatten_into(flat, record, prefix)
    return flat


def _flatten_into(flat: dict[str, str], value: Any, path: str) -> None:
    if isinstance(value, Mapping):
        for key, child in value.items():
            _flatten_into(flat, child, f"{path}.{key}" if path else str(key))
    elif isinstance(value, (list, tuple)):
        for index, child in enumerate(value):
            _flatten_into(flat, child, f"{path}.{index}" if path else str(index))
    elif value is None:
        return
    elif isinstance(value, bool):
        flat[path] = "true" if value else "false"
    else:
        flat[path] = str(value)


def header_of(records: Iterable[Mapping[str, str]]) -> list[str]:
    """The union of the columns of flattened records, in first-seen order."""
    seen: dict[str, None] = {}
    for record in records:
        for key in record:
            seen.setdefault(key, None)
    return list(seen)


def _shown(location: tuple[str, ...]) -> tuple[str | int, ...]:
    """A column's place with only field names shown: a file without its header row has data
    (a name, a NIK) where the column names should be."""
    from pmi_workflow.domain.case import shown_location

    return shown_location(location)
