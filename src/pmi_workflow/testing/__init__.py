"""A conformance kit for test suites of systems that embed pmi-workflow.

- :mod:`pmi_workflow.testing.factories` — :func:`make_case` builds a valid,
  procedural case of any scheme at any step, with overrides.
- :mod:`pmi_workflow.testing.strategies` — hypothesis strategies (needs the
  ``testing`` extra): NIKs, dossiers, histories procedural and broken.
- :mod:`pmi_workflow.testing.assertions` — ``assert_procedural``,
  ``assert_refused``, ``assert_allowed``, ``assert_findings``.
- :mod:`pmi_workflow.testing.scenarios` — golden scenarios shipped as JSON,
  each with its expected verdict and codes.
- :mod:`pmi_workflow.testing.plugin` — a pytest plugin with fixtures
  (registered automatically when the package is installed).
"""

from pmi_workflow.testing.assertions import (
    assert_allowed,
    assert_findings,
    assert_procedural,
    assert_refused,
)
from pmi_workflow.testing.factories import case_data, make_case, synthetic_nik
from pmi_workflow.testing.scenarios import GoldenScenario, golden_scenario, golden_scenarios

__all__ = [
    "GoldenScenario",
    "assert_allowed",
    "assert_findings",
    "assert_procedural",
    "assert_refused",
    "case_data",
    "golden_scenario",
    "golden_scenarios",
    "make_case",
    "synthetic_nik",
]
