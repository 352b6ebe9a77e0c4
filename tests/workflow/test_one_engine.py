"""validate_case and Workflow.audit are one engine: the same loop, the same result, everywhere."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmi_workflow.domain import Case, parse_case
from pmi_workflow.enums import Step
from pmi_workflow.policy import Policy
from pmi_workflow.rules import ValidationReport, validate_case
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data
from pmi_workflow.testing.strategies import broken_histories
from pmi_workflow.workflow import AuditReport, Workflow

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "src" / "pmi_workflow" / "testing" / "golden"
EXAMPLES = ROOT / "examples"
AS_OF_DAYS = (datetime.date(2024, 6, 1), datetime.date(2024, 12, 31))


def _records(path: Path) -> Iterator[tuple[str, dict[str, Any], datetime.date | None]]:
    if path.suffix == ".jsonl":
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue
            yield f"{path.name}:{number}", data, None
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, list):
        for number, item in enumerate(data, start=1):
            yield f"{path.name}:{number}", item, None
    elif "case" in data:
        as_of = data.get("as_of")
        yield path.name, data["case"], datetime.date.fromisoformat(as_of) if as_of else None
    else:
        yield path.name, data, None


def _shipped() -> list[tuple[str, Case, datetime.date | None, Policy]]:
    found = []
    files = [
        *sorted(EXAMPLES.glob("*.json")),
        *sorted(EXAMPLES.glob("*.jsonl")),
        *sorted((EXAMPLES / "rules").glob("*.json")),
        *sorted((EXAMPLES / "schemes").glob("*.json")),
        *sorted((EXAMPLES / "demo").glob("*.json")),
        *sorted(GOLDEN.glob("*.json")),
    ]
    for path in files:
        overlay = path.with_suffix(".policy.toml")
        policy = Policy.load(overlay) if overlay.exists() else Policy.default()
        for name, data, as_of in _records(path):
            try:
                case = parse_case(data)
            except Exception:
                continue
            found.append((f"{path.parent.name}/{name}", case, as_of, policy))
    return found


SHIPPED = _shipped()


def _same(case: Case, as_of: datetime.date, policy: Policy) -> ValidationReport:
    validated = validate_case(case, as_of=as_of, policy=policy)
    audited = Workflow(policy).audit(case, as_of=as_of)
    assert validated == audited
    assert validated.to_dict() == audited.to_dict()
    return validated


def test_the_audit_and_the_validation_are_one_result_type() -> None:
    assert AuditReport is ValidationReport


def test_every_shipped_example_is_found() -> None:
    assert len(SHIPPED) >= 60


@pytest.mark.parametrize(("name", "case", "as_of", "policy"), SHIPPED, ids=[s[0] for s in SHIPPED])
def test_validation_and_audit_agree_on_every_shipped_example(
    name: str, case: Case, as_of: datetime.date | None, policy: Policy
) -> None:
    for day in {*AS_OF_DAYS, *([as_of] if as_of else [])}:
        _same(case, day, policy)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_histories())
def test_validation_and_audit_agree_on_broken_histories(broken: tuple[str, Case]) -> None:
    _kind, case = broken
    _same(case, datetime.date(2024, 12, 31), Policy.default())


@st.composite
def random_histories(draw: st.DrawFn) -> Case:
    """A sample's dossier with a history of random steps on random days (sorted or not)."""
    scheme = draw(st.sampled_from(PROCEDURAL_SCHEMES))
    data = procedural_case_data(scheme)
    template = data["history"][0]
    steps = draw(st.lists(st.sampled_from(list(Step)), min_size=0, max_size=25))
    days = draw(
        st.lists(
            st.dates(datetime.date(2023, 6, 1), datetime.date(2026, 6, 1)),
            min_size=len(steps),
            max_size=len(steps),
        )
    )
    if draw(st.booleans()):
        days.sort()
    data["history"] = [
        {
            **template,
            "event_id": f"00000000-0000-4000-8000-{index:012d}",
            "sequence": index,
            "step": step.value,
            "occurred_at": f"{day.isoformat()}T09:00:00+07:00",
            "evidence": [],
        }
        for index, (step, day) in enumerate(zip(steps, days, strict=True), start=1)
    ]
    return parse_case(data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_histories(), st.dates(datetime.date(2023, 1, 1), datetime.date(2027, 1, 1)))
def test_validation_and_audit_agree_on_random_histories(case: Case, as_of: datetime.date) -> None:
    report = _same(case, as_of, Policy.default())
    assert report.events_judged == len(case.history)
    assert report.state == Workflow().replay(case).state
