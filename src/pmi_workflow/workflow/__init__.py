"""The placement procedure as a state machine: record steps, explain refusals, audit histories.

- :class:`Workflow` drives cases: :meth:`~Workflow.record`, :meth:`~Workflow.check`
  (dry run), :meth:`~Workflow.open_steps`, :meth:`~Workflow.replay`,
  :meth:`~Workflow.audit`.
- :func:`definition_for` gives the shared state machine of a scheme under a
  policy version; :mod:`pmi_workflow.workflow.diagrams` draws it.
"""

from pmi_workflow.workflow.definition import (
    INITIAL,
    ProcedureDefinition,
    TransitionSpec,
    definition_for,
    gate_codes,
)
from pmi_workflow.workflow.engine import AuditReport, CaseState, Recorded, StepCheck, Workflow

__all__ = [
    "INITIAL",
    "AuditReport",
    "CaseState",
    "ProcedureDefinition",
    "Recorded",
    "StepCheck",
    "TransitionSpec",
    "Workflow",
    "definition_for",
    "gate_codes",
]
