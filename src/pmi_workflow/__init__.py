"""pmi-workflow: the official placement procedure for Indonesian migrant workers (PMI).

Typed models of a placement case, identifiers and dates as Indonesian
agencies write them, and (in the submodules) validators with legal citations,
a state machine over the procedure and an audit of recorded histories.

>>> import pmi_workflow
>>> from pmi_workflow.samples import procedural_case_data
>>> case = pmi_workflow.parse_case(procedural_case_data("p2p"))
>>> case.applicant.name
PersonName('B*** S******')
"""

import logging

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
from pmi_workflow.identifiers import CountryCode, Nik, PassportNumber
from pmi_workflow.privacy import PersonName

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ActorRole",
    "Applicant",
    "Case",
    "CaseEvent",
    "CaseNotFoundError",
    "ConcurrencyConflictError",
    "CostItem",
    "CountryCode",
    "DefinitionError",
    "Document",
    "Employer",
    "Executor",
    "InputProblem",
    "InvalidInputError",
    "JobOrder",
    "Nik",
    "Occupation",
    "PassportNumber",
    "PersonName",
    "PmiWorkflowError",
    "PolicyError",
    "ProcedureViolation",
    "Scheme",
    "Stage",
    "Step",
    "StoreError",
    "TamperDetectedError",
    "UnsupportedSchemaVersionError",
    "__version__",
    "case_json_schema",
    "parse_case",
]
