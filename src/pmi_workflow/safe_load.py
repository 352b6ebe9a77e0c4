"""JSON and TOML readers with a nesting limit, for text from outside.

Python's parsers recurse once per level: a few thousand nested brackets
exhaust the interpreter's stack (``RecursionError``) before any validation
runs. Every reader of outside text (case files, report inputs, policy files)
parses through :func:`load_json` or :func:`load_toml`, which measure the
nesting first and refuse anything deeper than :data:`MAX_DEPTH` with
:class:`NestingTooDeepError` (a :class:`ValueError`), so callers report it like
any other malformed input.

>>> load_json('{"case_id": "C-1", "history": [{"sequence": 1}]}')
{'case_id': 'C-1', 'history': [{'sequence': 1}]}
>>> load_json("[" * 5000 + "]" * 5000)
Traceback (most recent call last):
    ...
pmi_workflow.safe_load.NestingTooDeepError: nested more than 64 levels deep
>>> load_toml('a = [[[1]]]')
{'a': [[[1]]]}
>>> load_toml("a = " + "[" * 3000 + "]" * 3000)
Traceback (most recent call last):
    ...
pmi_workflow.safe_load.NestingTooDeepError: nested more than 64 levels deep
"""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

__all__ = ["MAX_DEPTH", "NestingTooDeepError", "json_too_deep", "load_json", "load_toml"]

MAX_DEPTH = 64
"""The deepest nesting accepted: a case record is about six levels deep."""

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_TOML_SKIPPED = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*'
)
_OPEN = frozenset("[{")
_BRACKETS = re.compile(r"[\[\]{}]")


class NestingTooDeepError(ValueError):
    """The text nests arrays or objects deeper than the limit."""

    def __init__(self, limit: int = MAX_DEPTH) -> None:
        super().__init__(f"nested more than {limit} levels deep")
        self.limit = limit


def _brackets_too_deep(stripped: str, limit: int) -> bool:
    if stripped.count("[") + stripped.count("{") <= limit:
        return False
    depth = 0
    for match in _BRACKETS.finditer(stripped):
        if match.group() in _OPEN:
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def json_too_deep(text: str | bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON text nests arrays and objects deeper than ``limit`` (strings ignored).

    >>> json_too_deep('{"a": "[[[[["}', limit=2)
    False
    >>> json_too_deep('[[["x"]]]', limit=2)
    True
    """
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8", errors="replace")
    if text.count("[") + text.count("{") <= limit:
        return False
    return _brackets_too_deep(_JSON_STRING.sub('""', text), limit)


def _structure_too_deep(value: Any, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        current, level = stack.pop()
        if level > limit:
            return True
        if isinstance(current, dict):
            stack.extend((child, level + 1) for child in current.values())
        elif isinstance(current, list):
            stack.extend((child, level + 1) for child in current)
    return False


def _containers_too_deep(value: Any, limit: int) -> bool:
    """Whether decoded JSON nests arrays and objects deeper than ``limit`` (walks containers only).

    One level at a time: each level is the list of the containers in the one above.

    >>> _containers_too_deep({"a": [[1]]}, limit=3), _containers_too_deep({"a": [[1]]}, limit=2)
    (False, True)
    """
    if type(value) is not dict and type(value) is not list:
        return False
    if limit < 1:
        return True  # a container is one level already
    level: list[Any] = [value]
    depth = 1
    while True:
        deeper: list[Any] = []
        push = deeper.append
        for current in level:
            for child in current.values() if type(current) is dict else current:
                if type(child) is dict or type(child) is list:
                    push(child)
        if not deeper:
            return False
        depth += 1
        if depth > limit:
            return True
        level = deeper


def _opening_brackets(text: str | bytes) -> int:
    if isinstance(text, str):
        return text.count("[") + text.count("{")
    return text.count(b"[") + text.count(b"{")


def load_json(text: str | bytes, limit: int = MAX_DEPTH) -> Any:
    """``json.loads`` that refuses nesting deeper than ``limit``.

    The C decoder runs first (it stops with ``RecursionError`` on absurd nesting, refused here
    too), then, unless the text has too few brackets to nest that deep, the decoded containers
    are walked: cheaper than scanning the text with a regular expression first.

    Raises :class:`NestingTooDeepError`, or what ``json.loads`` raises.
    """
    try:
        loaded = json.loads(text)
    except RecursionError:
        raise NestingTooDeepError(limit) from None
    # Every array or object has its opening bracket in the text (in any encoding json reads):
    # text with no more brackets than the limit cannot nest deeper, and needs no walk.
    if _opening_brackets(text) > limit and _containers_too_deep(loaded, limit):
        raise NestingTooDeepError(limit)
    return loaded


def load_toml(text: str, limit: int = MAX_DEPTH) -> dict[str, Any]:
    """``tomllib.loads`` that refuses nesting deeper than ``limit`` (brackets or dotted keys).

    Raises :class:`NestingTooDeepError`, or ``tomllib.TOMLDecodeError``.
    """
    if text.count("[") + text.count("{") > limit and _brackets_too_deep(
        _TOML_SKIPPED.sub("", text), limit
    ):
        raise NestingTooDeepError(limit)
    try:
        loaded = tomllib.loads(text)
    except RecursionError:
        raise NestingTooDeepError(limit) from None
    if _structure_too_deep(loaded, limit):
        raise NestingTooDeepError(limit)
    return loaded
