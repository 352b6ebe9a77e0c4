"""The worklist: cases with something due or overdue, for an officer to follow up.

Three things are watched, as of a day and with a horizon (30 days by default)
for what is coming due:

``pre_work_cover``
    a CPMI not yet departed whose pre-work social-security cover (from the
    last pre-work premium, for the months the policy gives) lapses within the
    horizon or has lapsed;
``passport_before_contract_end``
    a passport that expires before the employment contract ends (the
    contract runs ``duration_months`` from the start of work, else from
    departure, else from signing);
``report_at_perwakilan``
    a PMI who departed and has not reported (*lapor diri*) at the Perwakilan
    RI, with the deadline the policy gives (``lapor_diri_days``).

Cases that have ended (returned, withdrawn, failed, deceased) are left out.

>>> import datetime
>>> from pmi_workflow.testing import make_case
>>> case = make_case("p2p", "departed")
>>> day = case.history[-1].occurred_at.date() + datetime.timedelta(days=60)
>>> [(item.kind, item.overdue) for item in build_worklist([case], day)]
[('report_at_perwakilan', True)]
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pmi_workflow.dates import JAKARTA, add_months
from pmi_workflow.domain import Case
from pmi_workflow.domain.documents import EmploymentContract, Passport, SocialSecurityMembership
from pmi_workflow.enums import PremiumKind, Stage, Step
from pmi_workflow.labels import format_date
from pmi_workflow.policy import Policy
from pmi_workflow.privacy import mask_nik

__all__ = ["HORIZON_DAYS", "KINDS", "WorkItem", "build_worklist", "sort_worklist", "work_items"]

HORIZON_DAYS = 30
"""How far ahead a deadline counts as coming due."""

KINDS: dict[str, tuple[str, str]] = {
    "pre_work_cover": (
        "Pelindungan BPJS Ketenagakerjaan sebelum bekerja berakhir",
        "Pre-work social security cover ends",
    ),
    "passport_before_contract_end": (
        "Paspor habis berlaku sebelum Perjanjian Kerja berakhir",
        "Passport expires before the employment contract ends",
    ),
    "report_at_perwakilan": (
        "Belum lapor diri di Perwakilan RI",
        "Not yet reported at the Indonesian mission",
    ),
}
"""Each kind of item with its Indonesian and English title."""

_ENDED = frozenset({Step.ARRIVED_HOME, Step.REINTEGRATED, Step.RETURN_REPORTED})


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One thing to follow up: the case, what, by when, and whether that day has passed."""

    case_id: str
    kind: str
    due: datetime.date
    overdue: bool

    @property
    def title_id(self) -> str:
        """What is due, in Indonesian."""
        return KINDS[self.kind][0]

    @property
    def title_en(self) -> str:
        """What is due, in English."""
        return KINDS[self.kind][1]

    def note(self, lang: str = "id") -> str:
        """The deadline in words: ``terlambat sejak 3 Juli 2024`` or ``batas 3 Juli 2024``."""
        day = format_date(self.due, lang)
        if lang == "id":
            return f"terlambat sejak {day}" if self.overdue else f"batas {day}"
        return f"overdue since {day}" if self.overdue else f"due {day}"

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data."""
        return {
            "case_id": self.case_id,
            "kind": self.kind,
            "title": {"id": self.title_id, "en": self.title_en},
            "due": self.due.isoformat(),
            "overdue": self.overdue,
        }


def _day(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(JAKARTA).date()


def _shown(case_id: str) -> str:
    return mask_nik(case_id) if len(case_id) == 16 and case_id.isdigit() else case_id


def _last(case: Case, step: Step, on: datetime.date) -> datetime.date | None:
    days = [_day(event.occurred_at) for event in case.history if event.step is step]
    days = [day for day in days if day <= on]
    return max(days) if days else None


def work_items(
    case: Case, on: datetime.date, *, policy: Policy | None = None, horizon: int = HORIZON_DAYS
) -> tuple[WorkItem, ...]:
    """What is due or overdue for one case as of ``on``."""
    history = [event for event in case.history if _day(event.occurred_at) <= on]
    steps = {event.step for event in history}
    if any(step.stage is Stage.EXIT for step in steps) or steps & _ENDED:
        return ()
    view = (policy or Policy.default()).as_of(on)
    limit = on + datetime.timedelta(days=horizon)
    items: list[WorkItem] = []

    def add(kind: str, due: datetime.date) -> None:
        if due <= limit:
            items.append(WorkItem(_shown(case.case_id), kind, due, due < on))

    departed = _last(case, Step.DEPARTED, on)
    if departed is None:
        schedule = view.premiums
        memberships = case.documents_of(SocialSecurityMembership)
        paid = [
            payment.paid_on
            for membership in memberships
            for payment in membership.paid(PremiumKind.PRE_WORK)
            if payment.paid_on <= on
        ]
        if schedule is not None and paid:
            add("pre_work_cover", add_months(max(paid), schedule.pre_work_cover_months))
    passport = case.latest(Passport)
    contract = case.latest(EmploymentContract)
    if passport is not None and passport.expires_on is not None and contract is not None:
        start = _last(case, Step.STARTED_WORK, on) or departed or contract.signed_on
        ends = add_months(start, contract.duration_months)
        if passport.expires_on < ends:
            add("passport_before_contract_end", passport.expires_on)
    if departed is not None and Step.REGISTERED_ABROAD not in steps:
        window = view.parameter("lapor_diri_days")
        if window is not None:
            add("report_at_perwakilan", departed + datetime.timedelta(days=window))
    return tuple(items)


def build_worklist(
    cases: Iterable[Case],
    on: datetime.date,
    *,
    policy: Policy | None = None,
    horizon: int = HORIZON_DAYS,
) -> tuple[WorkItem, ...]:
    """The worklist of ``cases`` as of ``on``: overdue items first, then by due date."""
    return sort_worklist(
        item for case in cases for item in work_items(case, on, policy=policy, horizon=horizon)
    )


def sort_worklist(items: Iterable[WorkItem]) -> tuple[WorkItem, ...]:
    """Work items in the worklist's order: overdue first, then by due date and case."""
    return tuple(sorted(items, key=lambda item: (not item.overdue, item.due, item.case_id)))
