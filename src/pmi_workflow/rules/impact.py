"""Policy impact: which cases change verdict when one policy replaces another.

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.policy import Policy
>>> from pmi_workflow.samples import procedural_case_data
>>> stricter = Policy.from_toml('''
... [[parameter]]
... id = "parameter/health_certificate_max_months"
... name = "health_certificate_max_months"
... value = 1
... unit = "months"
... source = "agency rule"
... ''', file="agency.toml")
>>> cases = [parse_case(procedural_case_data(s)) for s in ("p2p", "re_entry")]
>>> report = policy_impact(cases, Policy.default(), stricter, as_of=datetime.date(2024, 6, 1))
>>> [(c.case_id, c.added) for c in report.changed_findings]
[('CASE-P2P-0001', ('documents.health_certificate_stale',))]
>>> report.changed_verdict
()
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pmi_workflow.domain.case import Case
from pmi_workflow.policy import Policy
from pmi_workflow.rules.engine import validate_case
from pmi_workflow.rules.registry import LicenceRegistry

__all__ = ["CaseImpact", "ImpactReport", "policy_impact"]


@dataclass(frozen=True, slots=True)
class CaseImpact:
    """One case judged by two policies."""

    case_id: str
    before: str
    after: str
    added: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def verdict_changed(self) -> bool:
        """``True`` when the verdict differs."""
        return self.before != self.after

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data."""
        return {
            "case_id": self.case_id,
            "before": self.before,
            "after": self.after,
            "added": list(self.added),
            "removed": list(self.removed),
        }


@dataclass(frozen=True, slots=True)
class ImpactReport:
    """The impact of replacing ``before_version`` by ``after_version`` on a set of cases."""

    as_of: datetime.date
    before_policy: str
    after_policy: str
    cases: tuple[CaseImpact, ...]

    @property
    def changed_verdict(self) -> tuple[CaseImpact, ...]:
        """Cases whose verdict changes."""
        return tuple(case for case in self.cases if case.verdict_changed)

    @property
    def changed_findings(self) -> tuple[CaseImpact, ...]:
        """Cases whose finding codes change (verdict or not)."""
        return tuple(case for case in self.cases if case.added or case.removed)

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data."""
        return {
            "as_of": self.as_of.isoformat(),
            "before_policy": self.before_policy,
            "after_policy": self.after_policy,
            "cases": [case.to_dict() for case in self.cases],
        }


def policy_impact(
    cases: Iterable[Case],
    before: Policy,
    after: Policy,
    *,
    as_of: datetime.date | None = None,
    registry: LicenceRegistry | None = None,
) -> ImpactReport:
    """Validate every case under both policies as of ``as_of`` and compare."""
    day = as_of or datetime.date.today()
    results = []
    for case in cases:
        old = validate_case(case, as_of=day, policy=before, registry=registry)
        new = validate_case(case, as_of=day, policy=after, registry=registry)
        old_codes, new_codes = set(old.codes), set(new.codes)
        results.append(
            CaseImpact(
                case_id=case.case_id,
                before=old.verdict,
                after=new.verdict,
                added=tuple(sorted(new_codes - old_codes)),
                removed=tuple(sorted(old_codes - new_codes)),
            )
        )
    return ImpactReport(day, before.name, after.name, tuple(results))
