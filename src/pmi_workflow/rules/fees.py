"""Placement costs: the ledger against the employer-pays rules (UU 18/2017 Pasal 30;
Perban BP2MI 9/2020).

The cost ledger and the placement agreement's fee and loan clauses are read.
For the ten exempt occupations nothing may be charged to the worker; for the
others, the employer-borne components may not be. No cost may be financed by
a loan or salary deduction imposed on the worker.

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.policy import Policy
>>> from pmi_workflow.samples import procedural_case_data
>>> data = procedural_case_data("p2p")
>>> data["costs"][2]["paid_by"] = "worker"
>>> day = datetime.date(2024, 5, 20)
>>> for finding in check_fees(parse_case(data), day, Policy.default().as_of(day)):
...     print(finding.message_en)
The cost component agency_service_fee of IDR 5000000 was paid by the worker; the employer
bears it.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from pmi_workflow.domain.case import Case
from pmi_workflow.domain.costs import CostItem
from pmi_workflow.domain.documents import PlacementAgreement
from pmi_workflow.enums import Financing, Payer, Step
from pmi_workflow.findings import Finding
from pmi_workflow.policy import PolicyView
from pmi_workflow.rules._base import make_finding, money_text

__all__ = ["check_cost_items", "check_fees"]

_FORBIDDEN_FINANCING = frozenset({Financing.LOAN, Financing.SALARY_DEDUCTION})


def check_fees(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step | None = None
) -> tuple[Finding, ...]:
    """``fees.*`` findings over the cost ledger, by the rules in force on ``on``."""
    findings = list(check_cost_items(case.costs, case.occupation.code, on, view, step=step))
    exempt = case.occupation.code in view.exempt_occupations
    for agreement in case.documents_of(PlacementAgreement):
        where = f"documents.{agreement.id}"
        if agreement.loan_clause and view.loans_forbidden:
            findings.append(
                make_finding(
                    "fees.placement_loan",
                    on,
                    step=step,
                    where=f"{where}.loan_clause",
                    compared=(("component", "placement_agreement"), ("financing", "loan_clause")),
                )
            )
        if agreement.fee_clause and exempt:
            findings.append(
                make_finding(
                    "fees.exempt_occupation_charged",
                    on,
                    step=step,
                    where=f"{where}.fee_clause",
                    compared=(
                        ("component", "placement_agreement fee clause"),
                        ("amount", "-"),
                        ("occupation", case.occupation.code),
                    ),
                )
            )
    return tuple(findings)


def check_cost_items(
    costs: Sequence[CostItem],
    occupation_code: str,
    on: datetime.date,
    view: PolicyView,
    *,
    step: Step | None = None,
    where_prefix: str = "costs",
) -> tuple[Finding, ...]:
    """The ``fees.*`` rules over cost items alone (no placement agreement).

    :func:`check_fees` runs it over a case's ledger; screening a job offer
    (:mod:`pmi_workflow.screening`) runs it over the fees the offer asks for.
    """
    findings = []
    exempt = occupation_code in view.exempt_occupations
    borne = view.employer_borne_components
    for index, item in enumerate(costs):
        where = f"{where_prefix}.{index}"
        amount = money_text(item.amount, item.currency)
        base = (("component", item.component.value), ("amount", amount))
        if item.paid_by is Payer.WORKER and item.amount > 0:
            if exempt:
                findings.append(
                    make_finding(
                        "fees.exempt_occupation_charged",
                        on,
                        step=step,
                        where=where,
                        compared=(
                            *base,
                            ("paid_by", "worker"),
                            ("occupation", occupation_code),
                        ),
                    )
                )
            elif item.component in borne:
                findings.append(
                    make_finding(
                        "fees.charged_to_worker",
                        on,
                        step=step,
                        where=where,
                        compared=(*base, ("paid_by", "worker")),
                    )
                )
        if view.loans_forbidden and item.financing in _FORBIDDEN_FINANCING:
            findings.append(
                make_finding(
                    "fees.placement_loan",
                    on,
                    step=step,
                    where=where,
                    compared=(*base, ("financing", item.financing.value)),
                )
            )
    return tuple(findings)
