"""Fuzzing the HTTP boundary: whatever is sent, no error body carries personal data."""

from __future__ import annotations

import copy
import json
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.server.conftest import Server

from pmi_workflow.samples import procedural_case_data

pytestmark = pytest.mark.server

NIK = "3603121505950002"
NAME = "Budi Santoso"
PASSPORT = "C1234567"
SECRETS = (NIK, NAME, PASSPORT, "3603124408980003")
"""The sample's personal data, and a NIK that fuzzed values may carry anywhere."""

BASE = procedural_case_data("p2p")

junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from([*SECRETS, f"{NIK}0", NIK[:-1], f" {NIK} ", "31/02/2024", "ZZ", "x" * 300]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["nik", "name", "x", NIK]), children, max_size=3)
    ),
    max_leaves=8,
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


PATHS = _paths(BASE)


def _mutated(changes: list[tuple[tuple[Any, ...], Any]]) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for path, value in changes:
        target: Any = data
        try:
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    return data


@pytest.fixture(scope="module")
def client(live_server: Server) -> Any:
    with live_server.client("disnaker") as opened:
        yield opened


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    changes=st.lists(st.tuples(st.sampled_from(PATHS), junk), min_size=1, max_size=4),
    route=st.sampled_from(["/v1/validate", "/v1/audit", "/v1/cases", "/v1/batch/validate"]),
)
def test_no_error_body_carries_personal_data(
    client: httpx.Client, changes: list[tuple[tuple[Any, ...], Any]], route: str
) -> None:
    data = _mutated(changes)
    body = json.dumps(data)
    response = client.post(route, content=body, params={"as_of": "2024-06-01"})
    assert response.status_code < 500, response.text
    if response.status_code >= 400 or "invalid" in response.text:
        for secret in SECRETS:
            assert secret not in response.text, (route, response.text[:500])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=st.sampled_from([*SECRETS, "", "%00", "..", "a" * 120]) | st.text(max_size=30),
    where=st.sampled_from(["path", "query", "header"]),
)
def test_no_error_about_a_parameter_repeats_it(live_server: Server, value: str, where: str) -> None:
    with live_server.client("disnaker") as client:
        if where == "path":
            response = client.get("/v1/cases/" + quote(value, safe=""))
        elif where == "query":
            response = client.get("/v1/policy", params={"on": value})
        else:
            try:
                response = client.post(
                    "/v1/cases/CASE-X/steps", json={"step": "departed"}, headers={"If-Match": value}
                )
            except (UnicodeEncodeError, httpx.LocalProtocolError):
                return  # not a header value an HTTP client can send
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        for secret in SECRETS:
            assert secret not in response.text
