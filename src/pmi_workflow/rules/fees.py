"""Placement costs: the ledger against the employer-pays rules (UU 18/2017 Pasal 30;
Perban BP2MI 9/2020).

The cost ledger and the placement agreement's fee and loan clauses are read.
For the ten exempt jabatan nothing may be charged to the worker; an
occupation counts as one of them when an exempt entry lists it or an
``occupation_jabatan`` entry maps it to one (a household caregiver in Taiwan
or Hong Kong is a *pengasuh lanjut usia*). For the other occupations the
employer-borne components rest on an unconfirmed entry (Perban 9/2020 covers
only the ten; Perban 2/2020 Pasal 3 lets costs fall on the CPMI and/or the
employer), so charging them is a warning. No cost may be financed by a loan
or salary deduction imposed on the worker.

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
>>> data["occupation"] = "caregiver"
>>> data["destination"] = "TW"
>>> for finding in check_fees(parse_case(data), day, Policy.default().as_of(day)):
...     print(finding.code, finding.severity.value, finding.entries)
fees.exempt_occupation_charged error ('jabatan/caregiver/TW-HK', 'perban-9-2020/exempt-occupations')
fees.exempt_occupation_charged error ('jabatan/caregiver/TW-HK', 'perban-9-2020/exempt-occupations')
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from pmi_workflow.domain.case import Case
from pmi_workflow.domain.costs import CostItem
from pmi_workflow.domain.documents import PlacementAgreement
from pmi_workflow.enums import Financing, Payer, Step
from pmi_workflow.findings import Finding
from pmi_workflow.labels import format_date
from pmi_workflow.policy import PolicyView
from pmi_workflow.policy.entries import (
    EmployerBorneCosts,
    Entry,
    ExemptOccupations,
    OccupationJabatan,
)
from pmi_workflow.rules._base import make_finding, money_text
from pmi_workflow.rules._labels import money_id

__all__ = ["check_cost_items", "check_fees", "exemption_entries", "paid_words"]

_FORBIDDEN_FINANCING = frozenset({Financing.LOAN, Financing.SALARY_DEDUCTION})


def check_fees(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step | None = None
) -> tuple[Finding, ...]:
    """``fees.*`` findings over the cost ledger, by the rules in force on ``on``."""
    findings = list(
        check_cost_items(
            case.costs, case.occupation.code, on, view, step=step, destination=case.destination
        )
    )
    exemption = exemption_entries(view, case.occupation.code, case.destination)
    exempt = bool(exemption)
    loan_entries = _loan_entries(view)
    for agreement in case.documents_of(PlacementAgreement):
        where = f"documents.{agreement.id}"
        if agreement.loan_clause and loan_entries:
            findings.append(
                make_finding(
                    "fees.placement_loan",
                    on,
                    step=step,
                    where=f"{where}.loan_clause",
                    compared=(("component", "placement_agreement"), ("financing", "loan_clause")),
                    values=paid_words(None),
                    entries=loan_entries,
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
                    # a clause has no amount: the clause is left out
                    values={"amount_id": "", **paid_words(None)},
                    entries=exemption,
                )
            )
    return tuple(findings)


def paid_words(day: datetime.date | None) -> dict[str, str]:
    """The payment day as a fee finding's messages say it (``paid_id``, ``paid_en``): a cost
    judged on its ``paid_on`` day says that day was the payment's; nothing without one.

    >>> paid_words(datetime.date(2024, 3, 1))
    {'paid_id': ' pada 1 Maret 2024', 'paid_en': ' on 2024-03-01'}
    >>> paid_words(None)
    {'paid_id': '', 'paid_en': ''}
    """
    if day is None:
        return {"paid_id": "", "paid_en": ""}
    return {"paid_id": f" pada {format_date(day, 'id')}", "paid_en": f" on {day.isoformat()}"}


def exemption_entries(view: PolicyView, occupation: str, destination: str) -> tuple[Entry, ...]:
    """The entries that make ``occupation`` at ``destination`` one of the exempt jabatan.

    Empty when the occupation is not exempt. A listed occupation rests on the
    exempt entry; a mapped one on the mapping and the exempt entry.

    >>> import datetime
    >>> from pmi_workflow.policy import Policy
    >>> view = Policy.default().as_of(datetime.date(2024, 5, 20))
    >>> [entry.id for entry in exemption_entries(view, "caregiver", "HK")]
    ['jabatan/caregiver/TW-HK', 'perban-9-2020/exempt-occupations']
    >>> exemption_entries(view, "caregiver", "SG")
    ()
    """
    return view.remembered(
        ("exemption_entries", occupation, destination),
        lambda: _exemption_entries(view, occupation, destination),
    )


def _exemption_entries(view: PolicyView, occupation: str, destination: str) -> tuple[Entry, ...]:
    for exempt in view.of_kind(ExemptOccupations):
        for mapping in view.of_kind(OccupationJabatan):
            if mapping.matches(occupation, destination) and mapping.jabatan in exempt.jabatan:
                return (mapping, exempt)
        if occupation in exempt.occupations:
            return (exempt,)
    return ()


def _loan_entries(view: PolicyView) -> tuple[EmployerBorneCosts, ...]:
    return view.remembered(
        ("loan_entries",),
        lambda: tuple(entry for entry in view.of_kind(EmployerBorneCosts) if entry.no_loans),
    )


def check_cost_items(
    costs: Sequence[CostItem],
    occupation_code: str,
    on: datetime.date,
    view: PolicyView,
    *,
    step: Step | None = None,
    where_prefix: str = "costs",
    destination: str = "",
) -> tuple[Finding, ...]:
    """The ``fees.*`` rules over cost items alone (no placement agreement).

    :func:`check_fees` runs it over a case's ledger; screening a job offer
    (:mod:`pmi_workflow.screening`) runs it over the fees the offer asks for.
    ``destination`` lets an occupation map to an exempt jabatan there.

    An item with a ``paid_on`` day is judged by the rules in force that day
    (the fee is charged when it is paid: :meth:`PolicyView.on
    <pmi_workflow.policy.PolicyView.on>`), and its finding is dated that day,
    says in its messages that the day is the payment's (:func:`paid_words`) and
    names no step (that day is not ``step``'s); an item without one is judged by
    the rules of ``on`` at ``step``.
    """
    findings = []
    for index, item in enumerate(costs):
        charged = item.paid_by is Payer.WORKER and item.amount > 0
        if not charged and item.financing not in _FORBIDDEN_FINANCING:
            continue  # nothing to say about this item, whatever the day
        paid = item.paid_on or on
        at = step if item.paid_on is None else None  # the payment's day is no step's
        said = paid_words(item.paid_on)
        view_paid = view.on(paid)
        exemption = exemption_entries(view_paid, occupation_code, destination)
        exempt = bool(exemption)
        loan_entries = _loan_entries(view_paid)
        financed = bool(loan_entries) and item.financing in _FORBIDDEN_FINANCING
        if not charged and not financed:
            continue  # nothing to say about this item
        where = f"{where_prefix}.{index}"
        amount = money_text(item.amount, item.currency)
        base = (("component", item.component.value), ("amount", amount))
        if charged:
            if exempt:
                findings.append(
                    make_finding(
                        "fees.exempt_occupation_charged",
                        paid,
                        step=at,
                        where=where,
                        compared=(
                            *base,
                            ("paid_by", "worker"),
                            ("occupation", occupation_code),
                        ),
                        values={"amount_id": f" sebesar {money_id(amount)}", **said},
                        entries=exemption,
                    )
                )
            else:
                borne = tuple(
                    entry
                    for entry in view_paid.of_kind(EmployerBorneCosts)
                    if item.component in entry.components
                )
                if borne:
                    findings.append(
                        make_finding(
                            "fees.charged_to_worker",
                            paid,
                            step=at,
                            where=where,
                            compared=(*base, ("paid_by", "worker")),
                            values=said,
                            entries=borne,
                        )
                    )
        if financed:
            findings.append(
                make_finding(
                    "fees.placement_loan",
                    paid,
                    step=at,
                    where=where,
                    compared=(*base, ("financing", item.financing.value)),
                    values=said,
                    entries=loan_entries,
                )
            )
    return tuple(findings)
