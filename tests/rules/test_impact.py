"""Policy impact: which cases change verdict when a policy changes."""

from __future__ import annotations

import datetime
import json

from pmi_workflow.domain import parse_case
from pmi_workflow.policy import Policy
from pmi_workflow.rules import policy_impact
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data

AS_OF = datetime.date(2024, 6, 1)


def test_closing_taiwan_changes_only_the_taiwan_case() -> None:
    closed = Policy.from_toml(
        """
        [policy]
        name = "tw-closed"

        [[closure]]
        id = "agency/TW-closed"
        destination = "TW"
        scope = "all"
        effective_from = 2024-01-01
        source = "example closure"
        confirmed = true
        """
    )
    cases = [parse_case(procedural_case_data(scheme)) for scheme in PROCEDURAL_SCHEMES]
    report = policy_impact(cases, Policy.default(), closed, as_of=AS_OF)
    assert [impact.case_id for impact in report.changed_verdict] == ["CASE-RE-0001"]
    (impact,) = report.changed_verdict
    assert (impact.before, impact.after) == ("procedural", "non_procedural")
    assert impact.added == ("destination.closed",)
    assert report.after_policy == "tw-closed"
    assert len(report.cases) == len(cases)
    assert json.loads(json.dumps(report.to_dict()))["cases"][0]["before"] == "procedural"


def test_the_same_policy_changes_nothing() -> None:
    cases = [parse_case(procedural_case_data("p2p"))]
    report = policy_impact(cases, Policy.default(), Policy.default(), as_of=AS_OF)
    assert report.changed_verdict == ()
    assert report.changed_findings == ()
