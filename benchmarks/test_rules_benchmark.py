"""Cost of validating one complete dossier against every rule, next to parsing it.

Run with ``pytest benchmarks/test_rules_benchmark.py --benchmark-only``.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from pmi_workflow.domain import Case, parse_case
from pmi_workflow.policy import Policy
from pmi_workflow.rules import check_step, validate_case
from pmi_workflow.samples import procedural_case_data

AS_OF = datetime.date(2024, 6, 1)


@pytest.fixture(scope="module")
def dossier() -> dict[str, Any]:
    return procedural_case_data("p2p")


@pytest.fixture(scope="module")
def case(dossier: dict[str, Any]) -> Case:
    return parse_case(dossier)


@pytest.fixture(scope="module")
def policy() -> Policy:
    policy = Policy.default()
    policy.as_of(AS_OF)
    return policy


def test_parse_one_complete_dossier(benchmark: Any, dossier: dict[str, Any]) -> None:
    benchmark.group = "dossier"
    result = benchmark(parse_case, dossier)
    assert result.case_id == "CASE-P2P-0001"


def test_validate_one_complete_dossier(benchmark: Any, case: Case, policy: Policy) -> None:
    benchmark.group = "dossier"
    report = benchmark(validate_case, case, as_of=AS_OF, policy=policy)
    assert report.procedural


def test_gate_one_departure(benchmark: Any, case: Case, policy: Policy) -> None:
    benchmark.group = "gate"
    before = case.model_copy(update={"history": case.history[:11]})
    view = policy.as_of(datetime.date(2024, 5, 20))
    found = benchmark(check_step, before, case.history[11].step, view.day, view)
    assert found == ()


def test_policy_view_lookup(benchmark: Any, policy: Policy) -> None:
    benchmark.group = "gate"
    view = benchmark(policy.as_of, AS_OF)
    assert view.day == AS_OF
