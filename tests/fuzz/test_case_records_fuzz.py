"""Fuzzing the case-record boundary: malformed input gets a clear error, never a crash or a leak."""

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmi_workflow.domain import parse_case
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data

SECRETS = ("3603121505950002", "3603124408980003", "3603127105900001", "C1234567", "C7654321")

junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=50)
    | st.sampled_from(["\x00", "31/02/2024", "9999-99-99", "Atlantis", "x" * 5000, "🇮🇩", "-1"]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


def _replace(data: Any, path: tuple[Any, ...], new: Any) -> None:
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new


def _assert_clean_failure_or_success(payload: Any) -> None:
    try:
        parse_case(payload)
    except InvalidInputError as error:
        failure: InvalidInputError | None = error
    else:
        failure = None
    if failure is not None:
        assert failure.problems, "an input error lists its problems"
        for secret in SECRETS:
            assert secret not in str(failure)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PROCEDURAL_SCHEMES), st.data(), junk)
def test_any_field_replaced_with_junk_fails_cleanly(
    scheme: str, data: st.DataObject, replacement: Any
) -> None:
    record = procedural_case_data(scheme)
    path = data.draw(st.sampled_from(_paths(record)))
    _replace(record, path, replacement)
    _assert_clean_failure_or_success(record)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PROCEDURAL_SCHEMES), st.data())
def test_any_field_removed_fails_cleanly(scheme: str, data: st.DataObject) -> None:
    record = procedural_case_data(scheme)
    path = data.draw(st.sampled_from(_paths(record)))
    parent: Any = record
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    _assert_clean_failure_or_success(record)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_fail_cleanly(payload: bytes) -> None:
    _assert_clean_failure_or_success(payload)


@settings(max_examples=200, deadline=None)
@given(junk)
def test_arbitrary_json_values_fail_cleanly(value: Any) -> None:
    _assert_clean_failure_or_success(json.dumps(value))


def test_a_deeply_nested_document_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_case('{"a":' * 100_000 + "1" + "}" * 100_000)
    assert caught.value.problems[0].kind == "too_deep"


def test_a_huge_record_is_refused_before_parsing() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_case('{"case_id": "' + "x" * (17 * 1024 * 1024) + '"}')
    assert caught.value.problems[0].kind == "too_large"


def test_text_in_a_legacy_encoding_is_refused() -> None:
    data = procedural_case_data("p2p")
    data["applicant"]["birth_place"] = "Cikupá"
    with pytest.raises(InvalidInputError) as caught:
        parse_case(json.dumps(data, ensure_ascii=False).encode("cp1252"))
    assert caught.value.problems[0].kind == "encoding"
