"""Golden scenarios: case records with the verdict and codes the procedure expects.

They ship as JSON files inside the package (``pmi_workflow/testing/golden``)
so that a system embedding the library can replay them against its own
integration — import them, run them through its own pipeline, and compare.

>>> names = [scenario.name for scenario in golden_scenarios()]
>>> "visit_visa" in names and "procedural_p2p" in names
True
>>> scenario = golden_scenario("visit_visa")
>>> scenario.expected_verdict, scenario.expected_codes
('non_procedural', ('documents.visa_not_work',))
>>> scenario.mismatches()
[]
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from pmi_workflow.domain.case import Case, parse_case
from pmi_workflow.workflow import AuditReport, Workflow

__all__ = ["GoldenScenario", "golden_scenario", "golden_scenarios"]


@dataclass(frozen=True)
class GoldenScenario:
    """One scenario: the record, the date to judge it on, the expected verdict and codes."""

    name: str
    description: str
    as_of: datetime.date
    expected_verdict: str
    expected_codes: tuple[str, ...]
    data: dict[str, Any]

    @property
    def case(self) -> Case:
        """The record as a :class:`~pmi_workflow.domain.Case`."""
        return parse_case(self.data, source=f"golden scenario {self.name}")

    def audit(self, workflow: Workflow | None = None) -> AuditReport:
        """Audit the scenario's case with ``workflow`` (a default one if omitted)."""
        return (workflow or Workflow()).audit(self.case, as_of=self.as_of)

    def mismatches(self, workflow: Workflow | None = None) -> list[str]:
        """What differs from the expectation (empty when the library agrees)."""
        report = self.audit(workflow)
        problems = []
        if report.verdict != self.expected_verdict:
            problems.append(f"verdict {report.verdict!r}, expected {self.expected_verdict!r}")
        if report.codes != self.expected_codes:
            problems.append(f"codes {list(report.codes)}, expected {list(self.expected_codes)}")
        return problems


@cache
def _load_all() -> tuple[GoldenScenario, ...]:
    folder = resources.files("pmi_workflow.testing") / "golden"
    found = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if not item.name.endswith(".json"):
            continue
        raw = json.loads(item.read_text(encoding="utf-8"))
        found.append(
            GoldenScenario(
                name=raw["name"],
                description=raw["description"],
                as_of=datetime.date.fromisoformat(raw["as_of"]),
                expected_verdict=raw["expected"]["verdict"],
                expected_codes=tuple(raw["expected"]["codes"]),
                data=raw["case"],
            )
        )
    return tuple(found)


def golden_scenarios() -> tuple[GoldenScenario, ...]:
    """Every golden scenario shipped with the package, by name."""
    return _load_all()


def golden_scenario(name: str) -> GoldenScenario:
    """One scenario by name (``KeyError`` names the known ones when it does not exist)."""
    for scenario in _load_all():
        if scenario.name == name:
            return scenario
    known = ", ".join(s.name for s in _load_all())
    raise KeyError(f"no golden scenario {name!r}; known: {known}")
