"""Destinations: closed countries and positions, the Kepmenaker 260/2015 ban, one-channel systems.

A finding that rests on a policy entry whose source is not confirmed (for
instance the three countries only announced in 2015, or the 2011 Saudi
moratorium) is a warning.

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.policy import Policy
>>> from pmi_workflow.samples import procedural_case_data
>>> data = procedural_case_data("re_entry")
>>> data["destination"] = "SA"
>>> day = datetime.date(2024, 2, 20)
>>> for f in check_destination(parse_case(data), day, Policy.default().as_of(day)):
...     print(f.code, f.severity.value, f.entries)
destination.domestic_individual_employer_banned error ('kepmenaker-260-2015/SA',)
destination.closed warning ('moratorium-2011/SA',)
destination.channel_required warning ('channel/SA/spsk',)
"""

from __future__ import annotations

import datetime

from pmi_workflow.domain.case import Case
from pmi_workflow.domain.occupation import Occupation
from pmi_workflow.enums import EmployerKind, PlacementChannel, Step
from pmi_workflow.findings import Finding
from pmi_workflow.labels import label_in_sentence
from pmi_workflow.policy import PolicyView
from pmi_workflow.rules._base import make_finding

__all__ = ["check_destination", "check_placement_destination"]

_SCOPES = {
    "all": ("seluruh penempatan", "all placements"),
    "domestic": ("pekerjaan rumah tangga", "domestic work"),
    "individual_employer": (
        "penempatan pada pengguna perseorangan",
        "placement with individual employers",
    ),
    "domestic_individual_employer": (
        "pekerjaan rumah tangga pada pengguna perseorangan",
        "domestic work for individual employers",
    ),
}
_EMPLOYERS: dict[EmployerKind | None, tuple[str, str]] = {
    EmployerKind.INDIVIDUAL: ("perseorangan", "an individual employer"),
    EmployerKind.LEGAL_ENTITY: ("berbadan hukum", "a legal-entity employer"),
    None: ("yang tidak tercatat", "no recorded employer"),
}
_BAN_SCOPES = frozenset({"individual_employer", "domestic_individual_employer"})


def check_destination(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step | None = None
) -> tuple[Finding, ...]:
    """``destination.closed``, ``destination.domestic_individual_employer_banned``,
    ``destination.channel_required``, ``destination.outside_channel_limits``.

    The Kepmenaker 260/2015 ban keys on the employer: any job with an
    individual employer (pengguna perseorangan) in a listed country.
    """
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
    channels = view.channels_for(destination, domestic=domestic)
    for closure in view.closures(destination):
        if not closure.applies(domestic=domestic, individual_employer=individual):
            continue
        if closure.unless_channel is not None and channel is closure.unless_channel:
            fitting = [
                rule
                for rule in channels
                if rule.channel is closure.unless_channel
                and rule.within_limits(occupation.code, employer_kind)
            ]
            if fitting:
                continue  # the channel lifts the closure within its limits
        code = (
            "destination.domestic_individual_employer_banned"
            if closure.scope in _BAN_SCOPES
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
                values={"scope_id": scope_id, "scope_en": scope_en, "source": closure.citation},
                entries=(closure,),
            )
        )
    for rule in channels:
        channel_name = rule.channel.value.upper()
        if channel is not rule.channel:
            findings.append(
                make_finding(
                    "destination.channel_required",
                    on,
                    step=step,
                    where="channel",
                    compared=(
                        ("destination", destination),
                        ("required_channel", channel_name),
                        ("channel", channel.value.upper() if channel else "none"),
                        ("policy_entry", rule.id),
                    ),
                    entries=(rule,),
                )
            )
        elif not rule.within_limits(occupation.code, employer_kind):
            findings.append(
                make_finding(
                    "destination.outside_channel_limits",
                    on,
                    step=step,
                    where="channel",
                    compared=(
                        ("destination", destination),
                        ("channel", channel_name),
                        ("occupation", occupation.code),
                        ("employer_kind", employer_kind.value if employer_kind else "-"),
                        ("policy_entry", rule.id),
                    ),
                    values={
                        "occupation_id": label_in_sentence("occupation", occupation.code, "id"),
                        "occupation_en": label_in_sentence("occupation", occupation.code, "en"),
                        "employer_id": _EMPLOYERS[employer_kind][0],
                        "employer_en": _EMPLOYERS[employer_kind][1],
                    },
                    entries=(rule,),
                )
            )
    return tuple(findings)
