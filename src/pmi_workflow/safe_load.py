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

:func:`load_json` refuses two more things that Python's parser lets through or stumbles on,
each a :class:`JsonValueError` (a :class:`ValueError`) naming where it is: a key that appears
twice in one object (Python keeps the last, so what is judged would differ from what another
reader sees) and a number too long for Python's int-string limit (``json.loads`` raises a bare
``ValueError`` with advice for programmers).

>>> load_json('{"applicant": {"birth_date": "2006-08-01", "birth_date": "1990-01-01"}}')
Traceback (most recent call last):
    ...
pmi_workflow.safe_load.DuplicateKeyError: applicant.birth_date: the key appears twice
>>> load_json('{"schema_version": 1' + "0" * 5000 + '}')
Traceback (most recent call last):
    ...
pmi_workflow.safe_load.NumberTooLongError: schema_version: a number in the record is too long
>>> load_toml('a = [[[1]]]')
{'a': [[[1]]]}
>>> load_toml("a = " + "[" * 3000 + "]" * 3000)
Traceback (most recent call last):
    ...
pmi_workflow.safe_load.NestingTooDeepError: nested more than 64 levels deep

:func:`load_yaml` (with the ``yaml`` extra) gives the same protections to YAML, and reads every
value as text (a null stays ``None``), so YAML 1.1's guesses never change what was written: the
record's own types read the text, as they read a spreadsheet cell. ``017`` is not octal 15, and
``NO`` (Norway), ``yes`` or ``on`` are not booleans. Anchors and aliases (``&``, ``*``) are
refused: a few lines of them stand for millions of values.

>>> load_yaml("{destination: NO, applicant: {age: 017}, visa: }")
{'destination': 'NO', 'applicant': {'age': '017'}, 'visa': None}
>>> load_yaml("{visa: visit, visa: work}")
Traceback (most recent call last):
    ...
pmi_workflow.safe_load.DuplicateKeyError: visa: the key appears twice
"""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from pmi_workflow.errors import InputProblem

__all__ = [
    "MAX_DEPTH",
    "DuplicateKeyError",
    "JsonValueError",
    "NestingTooDeepError",
    "NumberTooLongError",
    "YamlAliasError",
    "decode_json_value",
    "json_too_deep",
    "load_json",
    "load_toml",
    "load_yaml",
]

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


class JsonValueError(ValueError):
    """JSON text that is well formed but cannot be accepted, at ``location`` (keys and indexes).

    ``end`` is where the value that holds it ends in the text, when known, so that a reader of
    many values can go on after it. :meth:`problem` is the same as an
    :class:`~pmi_workflow.errors.InputProblem` of ``kind``.
    """

    kind = "json"
    text = "the JSON cannot be accepted"

    def __init__(self, location: tuple[str | int, ...] = (), end: int | None = None) -> None:
        self.location = location
        self.end = end
        super().__init__(str(self.problem()))

    def problem(self) -> InputProblem:
        """The error as an input problem (its location, message and kind)."""
        return InputProblem(self.location, self.text, self.kind)


class DuplicateKeyError(JsonValueError):
    """An object has the same key twice (``location`` ends with that key)."""

    kind = "duplicate_key"
    text = "the key appears twice"


class NumberTooLongError(JsonValueError):
    """A number has more digits than Python converts (``sys.get_int_max_str_digits``)."""

    kind = "number_too_long"
    text = "a number in the record is too long"


class YamlAliasError(JsonValueError):
    """YAML text uses an anchor or alias (``&name``, ``*name``), which is not read."""

    kind = "yaml_alias"
    text = "YAML anchors and aliases (& and *) are not read: write each value out"


class _RepeatedKeyError(Exception):
    """Raised inside the decoder on a repeated key; turned into :class:`DuplicateKeyError`."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # The cheapest check found (about half a json.loads more per record, docs/performance.md):
    # the C decoder collects the pairs, one Python call per object compares two lengths.
    loaded = dict(pairs)
    if len(loaded) == len(pairs):
        return loaded
    raise _RepeatedKeyError


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_keys)


class _Pairs(list[tuple[str, Any]]):
    """An object's pairs in order, kept as they were written (to find a repeated key)."""


class _TooLong:
    """Stands for a number too long to convert (to find where it is)."""


def _int_or_marker(digits: str) -> int | _TooLong:
    try:
        return int(digits)
    except ValueError:
        return _TooLong()


def _locate(text: str, start: int) -> JsonValueError | None:
    """The first repeated key or too long number of the value at ``start``, in document order
    (``None`` when there is none, or the value cannot be decoded). Only run on a value that
    failed: it decodes it again, slowly."""
    decoder = json.JSONDecoder(object_pairs_hook=_Pairs, parse_int=_int_or_marker)
    try:
        value, end = decoder.raw_decode(text, start)
    except (ValueError, RecursionError):
        return None
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        current, where = stack.pop()
        if isinstance(current, _TooLong):
            return NumberTooLongError(where, end)
        children: list[tuple[Any, tuple[str | int, ...]]] = []
        if isinstance(current, _Pairs):
            seen: set[str] = set()
            for key, child in current:
                if key in seen:
                    return DuplicateKeyError((*where, key), end)
                seen.add(key)
                children.append((child, (*where, key)))
        elif isinstance(current, list):
            children = [(child, (*where, index)) for index, child in enumerate(current)]
        stack.extend(reversed(children))
    return None


def decode_json_value(text: str, start: int = 0) -> tuple[Any, int]:
    """``JSONDecoder.raw_decode`` of the value at ``start`` that refuses a repeated key or a
    too long number (:class:`JsonValueError`, with the location and the value's end).

    Raises :class:`JsonValueError`, ``RecursionError`` or what ``raw_decode`` raises.

    >>> decode_json_value('[1] {"a": 1, "a": 2}', 4)
    Traceback (most recent call last):
        ...
    pmi_workflow.safe_load.DuplicateKeyError: a: the key appears twice
    >>> decode_json_value('[1] {"a": [2]}', 4)
    ({'a': [2]}, 14)
    """
    try:
        return _DECODER.raw_decode(text, start)
    except _RepeatedKeyError:
        found = _locate(text, start)
        raise found or DuplicateKeyError() from None
    except ValueError as error:
        if isinstance(error, json.JSONDecodeError):
            raise
        # The C decoder raises a bare ValueError for a number past the int-string limit.
        found = _locate(text, start)
        if found is None:
            raise
        raise found from None


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


_WHITESPACE = re.compile(r"[ \t\n\r]*")


def load_json(text: str | bytes, limit: int = MAX_DEPTH) -> Any:
    """``json.loads`` that refuses nesting deeper than ``limit``, a key repeated in an object
    and a number too long to convert.

    The C decoder runs first (it stops with ``RecursionError`` on absurd nesting, refused here
    too), then, unless the text has too few brackets to nest that deep, the decoded containers
    are walked: cheaper than scanning the text with a regular expression first.

    Raises :class:`NestingTooDeepError`, :class:`DuplicateKeyError`,
    :class:`NumberTooLongError`, or what ``json.loads`` raises.
    """
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode(json.detect_encoding(text), "surrogatepass")  # as json.loads
    elif text.startswith("\ufeff"):
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    start = _WHITESPACE.match(text).end()  # type: ignore[union-attr]
    try:
        loaded, end = decode_json_value(text, start)
    except RecursionError:
        raise NestingTooDeepError(limit) from None
    end = _WHITESPACE.match(text, end).end()  # type: ignore[union-attr]
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
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


_YAML_NULL = "tag:yaml.org,2002:null"


def load_yaml(text: str, limit: int = MAX_DEPTH) -> Any:
    """The YAML document in ``text`` with every value as text (a null as ``None``), refusing
    what :func:`load_json` refuses that YAML can hold: nesting deeper than ``limit``, a key
    repeated in a mapping (:class:`DuplicateKeyError`, with its location), and also an anchor or
    alias (:class:`YamlAliasError`). Needs PyYAML (the ``yaml`` extra).

    Only the parser's node tree is used, never its constructors: no YAML 1.1 guess (octal
    ``017``, ``NO`` as false, sexagesimal ``1:30``, dates) and no tag builds a value.

    Raises :class:`NestingTooDeepError`, :class:`JsonValueError`, ``yaml.YAMLError`` (not valid
    YAML, several documents) or ``ImportError``.
    """
    import yaml  # type: ignore[import-untyped,unused-ignore]

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except RecursionError:
        raise NestingTooDeepError(limit) from None
    if root is None:
        return None
    seen: set[int] = set()

    def build(node: Any, where: tuple[str | int, ...]) -> Any:
        if id(node) in seen:  # an alias: the node its anchor named, met again
            raise YamlAliasError(where)
        seen.add(id(node))
        if len(where) >= limit:
            raise NestingTooDeepError(limit)
        if isinstance(node, yaml.ScalarNode):
            plain = not node.style  # None, or "" from the C parser
            return None if plain and node.tag == _YAML_NULL else str(node.value)
        if isinstance(node, yaml.SequenceNode):
            return [build(item, (*where, index)) for index, item in enumerate(node.value)]
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = build(key_node, (*where, "(key)"))
            if not isinstance(key, str):
                raise yaml.YAMLError("a key must be text")
            if key in mapping:
                raise DuplicateKeyError((*where, key))
            mapping[key] = build(value_node, (*where, key))
        return mapping

    return build(root, ())
