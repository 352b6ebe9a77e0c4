"""pmi-workflow: the official placement procedure for Indonesian migrant workers (PMI).

Typed models of a placement case, identifiers and dates as Indonesian
agencies write them, validators with legal citations (:func:`validate_case`),
rules as versioned policy data (:class:`Policy`), and a state machine over
the procedure that records steps, explains refusals and audits recorded
histories (:class:`Workflow`). The store, the command line and the district
report live in submodules that are imported only when used.

>>> import pmi_workflow
>>> from pmi_workflow.samples import procedural_case_data
>>> case = pmi_workflow.parse_case(procedural_case_data("p2p"))
>>> case.applicant.name
PersonName('B*** S******')
"""

import importlib
import logging
from typing import TYPE_CHECKING, Any

from pmi_workflow._version import __version__
from pmi_workflow.domain import (
    SCHEMA_VERSION,
    Actor,
    Applicant,
    Case,
    CaseEvent,
    CostItem,
    Document,
    Employer,
    Executor,
    JobOrder,
    Occupation,
    case_json_schema,
    parse_case,
)
from pmi_workflow.enums import ActorRole, Scheme, Stage, Step
from pmi_workflow.errors import (
    CaseNotFoundError,
    ConcurrencyConflictError,
    DefinitionError,
    InputProblem,
    InvalidInputError,
    PmiWorkflowError,
    PolicyError,
    ProcedureViolation,
    StoreError,
    TamperDetectedError,
    UnsupportedSchemaVersionError,
)
from pmi_workflow.findings import Finding, LegalBasis, Rule, Severity
from pmi_workflow.identifiers import CountryCode, Nik, PassportNumber
from pmi_workflow.privacy import PersonName

if TYPE_CHECKING:
    from pmi_workflow.policy import Policy, PolicyView
    from pmi_workflow.rules import CATALOG, ValidationReport, check_step, validate_case
    from pmi_workflow.workflow import AuditReport, CaseState, Recorded, StepCheck, Workflow

# The rules, the policy and the workflow load on first use, so that importing the
# package (for its models, say) does not pay for the policy data and the machines.
_LAZY = {
    "Policy": "pmi_workflow.policy",
    "PolicyView": "pmi_workflow.policy",
    "CATALOG": "pmi_workflow.rules",
    "ValidationReport": "pmi_workflow.rules",
    "check_step": "pmi_workflow.rules",
    "validate_case": "pmi_workflow.rules",
    "AuditReport": "pmi_workflow.workflow",
    "CaseState": "pmi_workflow.workflow",
    "Recorded": "pmi_workflow.workflow",
    "StepCheck": "pmi_workflow.workflow",
    "Workflow": "pmi_workflow.workflow",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pmi_workflow' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "CATALOG",
    "SCHEMA_VERSION",
    "Actor",
    "ActorRole",
    "Applicant",
    "AuditReport",
    "Case",
    "CaseEvent",
    "CaseNotFoundError",
    "CaseState",
    "ConcurrencyConflictError",
    "CostItem",
    "CountryCode",
    "DefinitionError",
    "Document",
    "Employer",
    "Executor",
    "Finding",
    "InputProblem",
    "InvalidInputError",
    "JobOrder",
    "LegalBasis",
    "Nik",
    "Occupation",
    "PassportNumber",
    "PersonName",
    "PmiWorkflowError",
    "Policy",
    "PolicyError",
    "PolicyView",
    "ProcedureViolation",
    "Recorded",
    "Rule",
    "Scheme",
    "Severity",
    "Stage",
    "Step",
    "StepCheck",
    "StoreError",
    "TamperDetectedError",
    "UnsupportedSchemaVersionError",
    "ValidationReport",
    "Workflow",
    "__version__",
    "case_json_schema",
    "check_step",
    "parse_case",
    "validate_case",
]
