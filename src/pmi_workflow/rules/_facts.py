"""Which policy entries a finding rests on: small look-ups over a :class:`PolicyView`.

The view answers with values (``view.minimum_age``); a finding also needs the
entries behind them, for their ids and certainty.

>>> import datetime
>>> from pmi_workflow.policy import Policy
>>> view = Policy.default().as_of(datetime.date(2024, 5, 20))
>>> minimum_age_entry(view).id
'age/minimum'
>>> parameter_entry(view, "sip3mi_validity_years").confirmed
True
"""

from __future__ import annotations

from typing import TypeVar

from pmi_workflow.enums import Scheme, Step
from pmi_workflow.findings import Severity
from pmi_workflow.policy import PolicyView
from pmi_workflow.policy.core import latest_entry
from pmi_workflow.policy.entries import (
    Entry,
    InformationTopics,
    MinimumAge,
    Ordering,
    Parameter,
    PremiumSchedule,
    RequiredDocuments,
    RoleAssignment,
)

__all__ = [
    "document_entries",
    "information_entry",
    "latest_entry",
    "minimum_age_entry",
    "ordering_entries",
    "parameter_entry",
    "premium_entry",
    "role_entries",
]

E = TypeVar("E", bound=Entry)


def minimum_age_entry(view: PolicyView) -> MinimumAge | None:
    """The legal minimum age entry in force."""
    return latest_entry(view.of_kind(MinimumAge))


def parameter_entry(view: PolicyView, name: str) -> Parameter | None:
    """The entry behind a named parameter."""
    return view.parameter_entry(name)


def premium_entry(view: PolicyView) -> PremiumSchedule | None:
    """The premium schedule entry in force."""
    return latest_entry(view.of_kind(PremiumSchedule))


def document_entries(
    view: PolicyView, scheme: Scheme, step: Step, document_type: str
) -> tuple[RequiredDocuments, ...]:
    """The entries that require ``document_type`` for ``scheme`` at ``step``.

    Where a confirmed entry requires it, only the confirmed ones are returned:
    the requirement rests on them, and an unconfirmed duplicate does not
    weaken it.
    """
    found = tuple(
        entry
        for entry in view.of_kind(RequiredDocuments)
        if entry.scheme is scheme and entry.step is step and document_type in entry.documents
    )
    confirmed = tuple(entry for entry in found if entry.confirmed)
    return confirmed or found


def ordering_entries(
    view: PolicyView,
    scheme: Scheme,
    before: Step,
    after: Step,
    destination: str | None,
    severity: Severity,
) -> tuple[Ordering, ...]:
    """The ordering entries that put ``before`` ahead of ``after`` for this scheme and
    destination with ``severity`` (the one :meth:`~pmi_workflow.policy.PolicyView.prerequisites`
    reported): the entries an order finding rests on.

    As for documents, where a confirmed entry gives the order only the confirmed ones are
    returned.

    >>> import datetime
    >>> from pmi_workflow.policy import Policy
    >>> view = Policy.default().as_of(datetime.date(2024, 5, 20))
    >>> [entry.id for entry in ordering_entries(view, Scheme.P2P, Step.VISA_ISSUED,
    ...                                         Step.OPP_COMPLETED, "MY", Severity.ERROR)]
    ['order/visa-before-opp']
    """
    found = tuple(
        entry
        for entry in view.of_kind(Ordering)
        if entry.before is before
        and entry.after is after
        and entry.severity is severity
        and entry.matches(scheme, destination)
    )
    confirmed = tuple(entry for entry in found if entry.confirmed)
    return confirmed or found


def role_entries(view: PolicyView, step: Step) -> tuple[RoleAssignment, ...]:
    """The entries that say which roles may record ``step`` (their union is
    :meth:`~pmi_workflow.policy.PolicyView.allowed_roles`)."""
    return tuple(entry for entry in view.of_kind(RoleAssignment) if entry.step is step)


def information_entry(view: PolicyView) -> InformationTopics | None:
    """The entry listing the topics official information must cover."""
    return latest_entry(view.of_kind(InformationTopics))
