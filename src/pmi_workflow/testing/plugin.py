"""A pytest plugin: fixtures for test suites of systems that embed pmi-workflow.

Installed packages register it through the ``pytest11`` entry point, so a
downstream project gets these fixtures without any configuration:

- ``pmi_workflow_policy`` — the shipped default :class:`~pmi_workflow.Policy`;
- ``pmi_workflow`` — a shared :class:`~pmi_workflow.Workflow` on that policy;
- ``make_case`` — :func:`pmi_workflow.testing.make_case`;
- ``golden_scenarios`` — the golden scenarios shipped with the package.

Nothing heavy is imported when pytest loads the plugin: the library is
imported inside the fixtures.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pmi_workflow.policy import Policy
    from pmi_workflow.testing.scenarios import GoldenScenario
    from pmi_workflow.workflow import Workflow

__all__ = ["golden_scenarios", "make_case", "pmi_workflow", "pmi_workflow_policy"]


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
