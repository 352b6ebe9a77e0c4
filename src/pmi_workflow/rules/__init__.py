"""Rules: pure validators that turn a case, a date and a policy into findings.

One module per concern (:mod:`identity`, :mod:`eligibility`, :mod:`documents`,
:mod:`executor`, :mod:`destination`, :mod:`scheme`, :mod:`fees`,
:mod:`social_security`, :mod:`contract`, :mod:`procedure`); the catalog of
codes in :mod:`pmi_workflow.rules.catalog`. :func:`check_step` is the gate of
one step, :func:`validate_case` the verdict on a whole case.

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.samples import procedural_case_data
>>> validate_case(parse_case(procedural_case_data("g2g")), as_of=datetime.date(2024, 6, 1)).verdict
'procedural'
"""

from pmi_workflow.rules.catalog import CATALOG, catalog_markdown
from pmi_workflow.rules.engine import (
    CONCERNS,
    SCHEDULE,
    CheckInput,
    ValidationReport,
    check_step,
    validate_case,
)
from pmi_workflow.rules.impact import CaseImpact, ImpactReport, policy_impact
from pmi_workflow.rules.registry import (
    FileLicenceRegistry,
    LicenceFact,
    LicenceKind,
    LicenceRegistry,
)

__all__ = [
    "CATALOG",
    "CONCERNS",
    "SCHEDULE",
    "CaseImpact",
    "CheckInput",
    "FileLicenceRegistry",
    "ImpactReport",
    "LicenceFact",
    "LicenceKind",
    "LicenceRegistry",
    "ValidationReport",
    "catalog_markdown",
    "check_step",
    "policy_impact",
    "validate_case",
]
