"""Policy as versioned data: closed destinations, channels, ages, fees, premiums, windows.

The data ships with the package as TOML (``pmi_workflow/policy/data``); every
entry has effective dates, a source and a ``confirmed`` flag. Agencies lay
their own files over it with :meth:`Policy.load`.

>>> import datetime
>>> view = Policy.default().as_of(datetime.date(2016, 3, 1))
>>> view.premiums is None
True
>>> Policy.default().as_of(datetime.date(2024, 1, 1)).premiums.pre_work
37500
"""

from pmi_workflow.policy.core import DEFAULT_POLICY_NAME, Policy, PolicyView, as_scheme, as_step
from pmi_workflow.policy.entries import (
    ENTRY_KINDS,
    AgeRange,
    ChannelRule,
    Closure,
    ContractTerms,
    DeparturePoint,
    DeparturePoints,
    EmployerBorneCosts,
    Entry,
    ExemptOccupations,
    InformationTopics,
    LowestPositions,
    MinimumAge,
    MinimumWage,
    Ordering,
    Parameter,
    PremiumSchedule,
    RequiredDocuments,
    RoleAssignment,
    SchemePath,
    WorkVisaTypes,
)

__all__ = [
    "DEFAULT_POLICY_NAME",
    "ENTRY_KINDS",
    "AgeRange",
    "ChannelRule",
    "Closure",
    "ContractTerms",
    "DeparturePoint",
    "DeparturePoints",
    "EmployerBorneCosts",
    "Entry",
    "ExemptOccupations",
    "InformationTopics",
    "LowestPositions",
    "MinimumAge",
    "MinimumWage",
    "Ordering",
    "Parameter",
    "Policy",
    "PolicyView",
    "PremiumSchedule",
    "RequiredDocuments",
    "RoleAssignment",
    "SchemePath",
    "WorkVisaTypes",
    "as_scheme",
    "as_step",
]
