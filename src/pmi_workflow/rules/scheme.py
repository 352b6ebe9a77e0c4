"""Scheme rules: an independent PMI (Perseorangan) works for a legal entity, not in the lowest
position of a sector (UU 18/2017 Pasal 63).

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.policy import Policy
>>> from pmi_workflow.samples import procedural_case_data
>>> data = procedural_case_data("perseorangan")
>>> data["occupation"] = "cleaner"
>>> day = datetime.date(2024, 5, 20)
>>> [f.code for f in check_scheme(parse_case(data), day, Policy.default().as_of(day))]
['scheme.independent_lowest_position']
"""

from __future__ import annotations

import datetime

from pmi_workflow.domain.case import Case
from pmi_workflow.enums import EmployerKind, Scheme, Step
from pmi_workflow.findings import Finding
from pmi_workflow.policy import PolicyView
from pmi_workflow.policy.entries import LowestPositions
from pmi_workflow.rules._base import make_finding

__all__ = ["check_scheme"]


def check_scheme(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step | None = None
) -> tuple[Finding, ...]:
    """``scheme.*`` findings (Perseorangan only)."""
    if case.scheme is not Scheme.PERSEORANGAN:
        return ()
    findings = []
    if case.employer is not None and case.employer.kind is not EmployerKind.LEGAL_ENTITY:
        findings.append(
            make_finding(
                "scheme.independent_employer_not_legal_entity",
                on,
                step=step,
                where="employer.kind",
                compared=(("employer_kind", case.employer.kind.value),),
            )
        )
    lowest = tuple(
        entry
        for entry in view.of_kind(LowestPositions)
        if case.occupation.code in entry.occupations
    )
    if lowest:
        findings.append(
            make_finding(
                "scheme.independent_lowest_position",
                on,
                step=step,
                where="occupation",
                compared=(("occupation", case.occupation.code),),
                entries=lowest,
            )
        )
    return tuple(findings)
