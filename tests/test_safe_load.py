"""JSON, TOML and YAML readers with a nesting limit."""

from __future__ import annotations

import json
import tomllib

import pytest

from pmi_workflow.safe_load import (
    MAX_DEPTH,
    DuplicateKeyError,
    NestingTooDeepError,
    NumberTooLongError,
    YamlAliasError,
    load_json,
    load_toml,
    load_yaml,
)


def test_json_at_the_limit_is_read_and_one_deeper_is_refused() -> None:
    assert load_json("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(NestingTooDeepError):
        load_json("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


def test_brackets_inside_json_strings_do_not_count() -> None:
    text = '{"note": "' + "[" * 500 + '", "escaped": "\\"[[[["}'
    assert load_json(text)["escaped"] == '"[[[['


def _nested(depth: int) -> str:
    """Objects and arrays in turn, ``depth + 1`` levels deep (the innermost one's siblings hold
    an empty container), with siblings and leaves at every level."""
    text = '"leaf"'
    for level in range(depth):
        if level % 2:
            text = f'{{"a": 1, "b": [], "c": {text}, "d": {{"e": "]]"}}}}'
        else:
            text = f'[1, {{}}, "[", {text}, [true]]'
    return text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_mixed_nesting_is_measured_in_text_and_in_every_encoding(encoding: str) -> None:
    assert load_json(_nested(MAX_DEPTH - 1).encode(encoding)) is not None
    assert load_json(_nested(MAX_DEPTH - 1)) is not None
    with pytest.raises(NestingTooDeepError):
        load_json(_nested(MAX_DEPTH).encode(encoding))
    with pytest.raises(NestingTooDeepError):
        load_json(_nested(MAX_DEPTH))


def test_few_brackets_are_read_without_a_walk_and_shallow_text_with_many_is_read() -> None:
    assert load_json('{"a": [[["x"]]]}', limit=4) == {"a": [[["x"]]]}
    with pytest.raises(NestingTooDeepError):
        load_json('{"a": [[["x"]]]}', limit=3)
    assert load_json("[" + ", ".join(["[]"] * 200) + "]", limit=2) is not None


def test_json_5000_deep_is_refused_without_recursing() -> None:
    with pytest.raises(NestingTooDeepError, match="nested more than 64 levels deep"):
        load_json(b"{" + b'"a":{' * 5000 + b"}" * 5001)


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 3000 + "]" * 3000,
        "x = " + "{a = " * 3000 + "1" + "}" * 3000,
        ".".join(["a"] * 3000) + " = 1",
    ],
    ids=["arrays", "inline_tables", "dotted_keys"],
)
def test_toml_3000_deep_is_refused(text: str) -> None:
    with pytest.raises(NestingTooDeepError):
        load_toml(text)


def test_brackets_in_toml_strings_and_comments_do_not_count() -> None:
    text = (
        'a = "' + "[" * 200 + "\"\nb = '''" + "{" * 200 + "'''\n# " + "[" * 200 + "\n[[c]]\nd = 1\n"
    )
    assert load_toml(text)["c"] == [{"d": 1}]


def test_bad_toml_is_still_a_toml_error() -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        load_toml("a = ")


@pytest.mark.parametrize("text", ["{}", "[]", b"{}"])
def test_a_limit_below_one_refuses_any_container(text: str | bytes) -> None:
    with pytest.raises(NestingTooDeepError):
        load_json(text, 0)
    assert load_json(text, 1) in ({}, [])


def test_a_key_that_appears_twice_is_refused_with_its_location() -> None:
    text = '{"a": 1, "applicant": {"birth_date": "2006-08-01", "birth_date": "1990-01-01"}}'
    with pytest.raises(DuplicateKeyError) as caught:
        load_json(text)
    assert caught.value.location == ("applicant", "birth_date")
    assert str(caught.value) == "applicant.birth_date: the key appears twice"


def test_a_key_twice_inside_a_list_is_located_by_its_position() -> None:
    with pytest.raises(DuplicateKeyError) as caught:
        load_json(b'{"history": [{"step": "x"}, {"step": "x", "step": "y"}]}')
    assert caught.value.location == ("history", 1, "step")


def test_a_number_too_long_for_python_is_refused_without_python_advice() -> None:
    with pytest.raises(NumberTooLongError) as caught:
        load_json('{"costs": [{"amount": 1' + "0" * 5000 + "}]}")
    assert caught.value.location == ("costs", 0, "amount")
    assert "sys." not in str(caught.value)
    assert caught.value.problem().kind == "number_too_long"


@pytest.mark.parametrize("text", ["\ufeff{}", "{} x", "", "{", b"\xef\xbb\xbf{} x"], ids=repr)
def test_bad_json_is_refused_as_json_loads_refuses_it(text: str | bytes) -> None:
    with pytest.raises(json.JSONDecodeError) as ours:
        load_json(text)
    with pytest.raises(json.JSONDecodeError) as theirs:
        json.loads(text)
    assert (ours.value.msg, ours.value.pos) == (theirs.value.msg, theirs.value.pos)


@pytest.mark.parametrize(
    "text",
    [b'\xef\xbb\xbf {"a": [1, 2.5, null]}\n', '{"a": "b"}'.encode("utf-16"), ' [1e400, "x"] '],
    ids=["utf8-bom", "utf16", "str"],
)
def test_good_json_reads_as_json_loads_reads_it(text: str | bytes) -> None:
    assert load_json(text) == json.loads(text)


def test_yaml_values_are_read_as_written_not_as_yaml_1_1_guesses() -> None:
    text = "destination: NO\napplicant: {age: 017}\nincluded: {opp: yes, training: off}\n"
    text += "time: 1:30\nday: 2024-01-01\nhex: 0x1F\nnote:\nquoted: ''\n"
    assert load_yaml(text) == {
        "destination": "NO",
        "applicant": {"age": "017"},
        "included": {"opp": "yes", "training": "off"},
        "time": "1:30",
        "day": "2024-01-01",
        "hex": "0x1F",
        "note": None,
        "quoted": "",
    }


def test_a_yaml_key_that_appears_twice_is_refused_with_its_location() -> None:
    with pytest.raises(DuplicateKeyError) as caught:
        load_yaml("offers:\n- visa: visit\n  visa: work\n")
    assert caught.value.location == ("offers", 0, "visa")


@pytest.mark.parametrize(
    "text",
    [
        "a: &a [x, x]\nb: [*a, *a]\n",  # a billion laughs, in small
        "a: &a [*a]\n",  # a list that holds itself
        "base: &b {age: 24}\napplicant:\n  <<: *b\n",
    ],
)
def test_yaml_anchors_and_aliases_are_refused(text: str) -> None:
    with pytest.raises(YamlAliasError):
        load_yaml(text)


def test_yaml_nested_too_deep_is_refused_without_recursing() -> None:
    with pytest.raises(NestingTooDeepError):
        load_yaml("- " * (MAX_DEPTH + 1) + "x")
    assert load_yaml("- " * (MAX_DEPTH - 1) + "x") is not None
