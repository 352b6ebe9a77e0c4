"""A conformance kit for test suites of systems that embed pmi-workflow.

- :mod:`pmi_workflow.testing.factories` — :func:`make_case` builds a valid,
  procedural case of any scheme at any step, with overrides.
- :mod:`pmi_workflow.testing.strategies` — hypothesis strategies (needs the
  ``testing`` extra): NIKs, dossiers, histories procedural and broken.
"""

from pmi_workflow.testing.factories import case_data, make_case, synthetic_nik

__all__ = ["case_data", "make_case", "synthetic_nik"]
