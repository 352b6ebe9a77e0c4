"""A pytest plugin: fixtures for test suites of systems that embed pmi-workflow.

Installed packages register it through the ``pytest11`` entry point, so a
downstream project gets these fixtures without any configuration:

- ``pmi_workflow_policy`` — the shipped default :class:`~pmi_workflow.Policy`;
- ``pmi_workflow`` — a shared :class:`~pmi_workflow.Workflow` on that policy;
- ``make_case`` — :func:`pmi_workflow.testing.make_case`;
- ``golden_scenarios`` — the golden scenarios shipped with the package;
- ``pmi_workflow_scenario`` — a test that asks for it runs once per scenario
  shipped with the package (the legal review and the golden cases).

Scenario files in the downstream suite (``*.scenarios.toml`` or
``*.scenarios.json``, see ``docs/concepts/scenario-files.md``) are collected
as tests: one test per scenario, failing with what differed.

Nothing heavy is imported when pytest loads the plugin: the library is
imported inside the fixtures and collectors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pmi_workflow.policy import Policy
    from pmi_workflow.testing.scenarios import GoldenScenario, Scenario
    from pmi_workflow.workflow import Workflow

__all__ = [
    "ScenarioFile",
    "ScenarioItem",
    "golden_scenarios",
    "make_case",
    "pmi_workflow",
    "pmi_workflow_policy",
    "pytest_collect_file",
    "pytest_generate_tests",
]

_SUFFIXES = (".scenarios.toml", ".scenarios.json")


class ScenarioItem(pytest.Item):
    """One scenario of a scenario file, run as a test."""

    def __init__(self, *, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def runtest(self) -> None:
        """Audit the scenario's case and fail with what differed."""
        result = self.scenario.run()
        if not result.passed:
            raise AssertionError("; ".join(result.problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """The scenario, its file and what differed (no traceback)."""
        from pmi_workflow.errors import PmiWorkflowError

        if isinstance(excinfo.value, (AssertionError, PmiWorkflowError)):
            return f"{self.scenario.file}: {self.scenario.name}: {excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the scenario lives, for pytest's report."""
        return self.path, 0, f"scenario: {self.scenario.name}"


class ScenarioFile(pytest.File):
    """A scenario file: one test item per scenario; a malformed file is a collection error."""

    def collect(self) -> Iterator[ScenarioItem]:
        """The file's scenarios as test items."""
        from pmi_workflow.testing.scenarios import load_scenario_file

        for scenario in load_scenario_file(self.path):
            yield ScenarioItem.from_parent(self, name=scenario.name, scenario=scenario)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ScenarioFile | None:
    """Collect ``*.scenarios.toml`` and ``*.scenarios.json`` files as tests."""
    if file_path.name.endswith(_SUFFIXES):
        collected: ScenarioFile = ScenarioFile.from_parent(parent, path=file_path)
        return collected
    return None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run a test that asks for ``pmi_workflow_scenario`` once per shipped scenario."""
    if "pmi_workflow_scenario" in metafunc.fixturenames:
        from pmi_workflow.testing.scenarios import shipped_scenarios

        found = shipped_scenarios()
        metafunc.parametrize(
            "pmi_workflow_scenario", found, ids=[scenario.name for scenario in found]
        )


@pytest.fixture(scope="session")
def pmi_workflow_policy() -> Policy:
    """The default policy shipped with the package."""
    from pmi_workflow.policy import Policy

    return Policy.default()


@pytest.fixture(scope="session")
def pmi_workflow(pmi_workflow_policy: Policy) -> Workflow:
    """A workflow shared by the whole test session (it is immutable and thread-safe)."""
    from pmi_workflow.workflow import Workflow

    return Workflow(pmi_workflow_policy)


@pytest.fixture
def make_case() -> Callable[..., Any]:
    """The case factory: ``make_case(scheme, step, documents=..., **changes)``."""
    from pmi_workflow.testing.factories import make_case as factory

    return factory


@pytest.fixture(scope="session")
def golden_scenarios() -> tuple[GoldenScenario, ...]:
    """The golden scenarios shipped with the package."""
    from pmi_workflow.testing.scenarios import golden_scenarios as load

    return load()
