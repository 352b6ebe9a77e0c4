"""Assertion helpers for test suites, with failure messages that say what was found.

>>> from pmi_workflow.testing import make_case
>>> report = assert_procedural(make_case("g2g"))
>>> check = assert_refused(make_case("p2p", step="employment_contract_signed"), "departed",
...                        "procedure.step_missing", at="2024-05-20T09:00:00+07:00")
>>> assert_procedural(make_case("p2p", documents={"visa-1": {"visa_type": "visit"}}))
Traceback (most recent call last):
    ...
AssertionError: case CASE-P2P-0001 is non_procedural as of 2024-12-31:
  error documents.visa_not_work at documents.visa-1: Visa visa-1 is a visit visa, not a work visa.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from pmi_workflow.dates import parse_datetime
from pmi_workflow.domain.case import Case
from pmi_workflow.domain.events import Actor
from pmi_workflow.enums import ActorRole, Step
from pmi_workflow.findings import Finding
from pmi_workflow.workflow import AuditReport, StepCheck, Workflow

__all__ = ["assert_allowed", "assert_findings", "assert_procedural", "assert_refused"]

_DEFAULT_AS_OF = datetime.date(2024, 12, 31)


def _listing(findings: Iterable[Finding]) -> str:
    lines = [
        f"  {finding.severity.value} {finding.code} at {finding.where or '-'}: {finding.message_en}"
        for finding in findings
    ]
    return "\n".join(lines) if lines else "  (no findings)"


def _when(at: datetime.datetime | str) -> datetime.datetime:
    return parse_datetime(at) if isinstance(at, str) else at


def _audit(case: Case, as_of: datetime.date | None, workflow: Workflow | None) -> AuditReport:
    return (workflow or Workflow()).audit(case, as_of=as_of or _DEFAULT_AS_OF)


def assert_procedural(
    case: Case, *, as_of: datetime.date | None = None, workflow: Workflow | None = None
) -> AuditReport:
    """Fail unless the audit of ``case`` finds no error; return the report."""
    report = _audit(case, as_of, workflow)
    if not report.procedural:
        raise AssertionError(
            f"case {case.case_id} is {report.verdict} as of {report.as_of.isoformat()}:\n"
            f"{_listing(report.errors)}"
        )
    return report


def assert_findings(
    case: Case,
    codes: Iterable[str],
    *,
    as_of: datetime.date | None = None,
    workflow: Workflow | None = None,
    exact: bool = False,
) -> AuditReport:
    """Fail unless the audit finds every code in ``codes`` (exactly those, with ``exact``)."""
    report = _audit(case, as_of, workflow)
    wanted = set(codes)
    found = set(report.codes)
    if (exact and found != wanted) or not wanted <= found:
        raise AssertionError(
            f"case {case.case_id}: expected {'exactly ' if exact else ''}{sorted(wanted)}, "
            f"found {sorted(found)}:\n{_listing(report.findings)}"
        )
    return report


def _check(
    case: Case,
    step: Step | str,
    at: datetime.datetime | str,
    actor: Actor | ActorRole | str | None,
    workflow: Workflow | None,
) -> StepCheck:
    return (workflow or Workflow()).check(case, step, at=_when(at), actor=actor)


def assert_refused(
    case: Case,
    step: Step | str,
    code: str,
    *,
    at: datetime.datetime | str,
    actor: Actor | ActorRole | str | None = None,
    workflow: Workflow | None = None,
) -> StepCheck:
    """Fail unless recording ``step`` at ``at`` is refused with an error of rule ``code``."""
    check = _check(case, step, at, actor, workflow)
    if check.allowed or code not in {finding.code for finding in check.errors}:
        outcome = "allowed" if check.allowed else "refused for other reasons"
        raise AssertionError(
            f"expected step {Step(step).value!r} to be refused with {code!r}, "
            f"but it was {outcome}:\n{_listing(check.findings)}"
        )
    return check


def assert_allowed(
    case: Case,
    step: Step | str,
    *,
    at: datetime.datetime | str,
    actor: Actor | ActorRole | str | None = None,
    workflow: Workflow | None = None,
) -> StepCheck:
    """Fail unless ``step`` may be recorded at ``at`` (warnings are allowed)."""
    check = _check(case, step, at, actor, workflow)
    if not check.allowed:
        raise AssertionError(
            f"expected step {Step(step).value!r} to be allowed, but it was refused:\n"
            f"{_listing(check.errors)}"
        )
    return check
