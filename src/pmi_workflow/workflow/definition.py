"""The procedure as a state machine (see :mod:`pmi_workflow.rules.definition`).

The definition lives with the rules, which judge every step by it; this
module keeps the workflow's import path.

>>> import datetime
>>> from pmi_workflow.enums import Scheme
>>> from pmi_workflow.policy import Policy
>>> definition_for(Scheme.P2P, Policy.default().as_of(datetime.date(2024, 1, 1))).initial
'new'
"""

from pmi_workflow.rules.definition import (
    INITIAL,
    PROCEDURE_CODES,
    ProcedureDefinition,
    TransitionSpec,
    definition_for,
    gate_codes,
)

__all__ = [
    "INITIAL",
    "PROCEDURE_CODES",
    "ProcedureDefinition",
    "TransitionSpec",
    "definition_for",
    "gate_codes",
]
