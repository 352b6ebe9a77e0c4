"""Destinations: closed countries and positions, the Kepmenaker 260/2015 ban, one-channel systems.

A finding that rests on a policy entry whose source is not confirmed (for
instance the three countries only announced in 2015) is a warning.

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.policy import Policy
>>> from pmi_workflow.samples import procedural_case_data
>>> data = procedural_case_data("re_entry")
>>> data["destination"] = "SA"
>>> day = datetime.date(2024, 2, 20)
>>> [f.code for f in check_destination(parse_case(data), day, Policy.default().as_of(day))]
['destination.domestic_individual_employer_banned', 'destination.channel_required']
"""

from __future__ import annotations

import datetime

from pmi_workflow.domain.case import Case
from pmi_workflow.domain.occupation import Occupation
from pmi_workflow.enums import EmployerKind, PlacementChannel, Step
from pmi_workflow.findings import Finding, Severity
from pmi_workflow.policy import PolicyView
from pmi_workflow.rules._base import make_finding

__all__ = ["check_destination", "check_placement_destination"]

_SCOPES = {
    "all": ("seluruh penempatan", "all placements"),
    "domestic": ("pekerjaan rumah tangga", "domestic work"),
    "domestic_individual_employer": (
        "pekerjaan rumah tangga pada pengguna perseorangan",
        "domestic work for individual employers",
    ),
}


def check_destination(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step | None = None
) -> tuple[Finding, ...]:
    """``destination.closed``, ``destination.domestic_individual_employer_banned``,
    ``destination.channel_required``."""
    return check_placement_destination(
        case.destination,
        case.occupation,
        case.employer.kind if case.employer is not None else None,
        case.channel,
        on,
        view,
        step=step,
    )


def check_placement_destination(
    destination: str,
    occupation: Occupation,
    employer_kind: EmployerKind | None,
    channel: PlacementChannel | None,
    on: datetime.date,
    view: PolicyView,
    *,
    step: Step | None = None,
) -> tuple[Finding, ...]:
    """The destination rules over the facts they read, without a whole case.

    The same findings as :func:`check_destination`; screening a job offer
    (:mod:`pmi_workflow.screening`) calls it with what the offer says.
    """
    findings = []
    domestic = occupation.domestic
    individual = employer_kind is EmployerKind.INDIVIDUAL
    for closure in view.closures(destination):
        applies = (
            closure.scope == "all"
            or (closure.scope == "domestic" and domestic)
            or (closure.scope == "domestic_individual_employer" and domestic and individual)
        )
        if not applies:
            continue
        code = (
            "destination.domestic_individual_employer_banned"
            if closure.scope == "domestic_individual_employer"
            else "destination.closed"
        )
        scope_id, scope_en = _SCOPES[closure.scope]
        findings.append(
            make_finding(
                code,
                on,
                step=step,
                where="destination",
                compared=(
                    ("destination", destination),
                    ("occupation", occupation.code),
                    ("employer_kind", employer_kind.value if employer_kind else "-"),
                    ("policy_entry", closure.id),
                ),
                severity=None if closure.confirmed else Severity.WARNING,
                values={"scope_id": scope_id, "scope_en": scope_en, "source": closure.source},
            )
        )
    for rule in view.channels_for(destination, domestic=domestic):
        if channel is rule.channel:
            continue
        findings.append(
            make_finding(
                "destination.channel_required",
                on,
                step=step,
                where="channel",
                compared=(
                    ("destination", destination),
                    ("required_channel", rule.channel.value.upper()),
                    ("channel", channel.value.upper() if channel else "none"),
                    ("policy_entry", rule.id),
                ),
                severity=None if rule.confirmed else Severity.WARNING,
            )
        )
    return tuple(findings)
