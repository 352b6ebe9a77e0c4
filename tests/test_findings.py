"""Findings: typed verdicts and severities, messages only in the languages they are written in."""

from __future__ import annotations

import datetime
import typing

import pytest

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.findings import Finding, FindingsSummary, Severity, Verdict
from pmi_workflow.rules import validate_case
from pmi_workflow.testing import make_case


@pytest.fixture(scope="module")
def finding() -> Finding:
    case = make_case("p2p", drop_steps=("opp_completed",))
    report = validate_case(case, as_of=datetime.date(2024, 6, 1))
    return report.errors[0]


def test_a_message_is_given_in_indonesian_or_english(finding: Finding) -> None:
    assert finding.message("id") == finding.message_id
    assert finding.message("en") == finding.message_en
    assert finding.message_id != finding.message_en


@pytest.mark.parametrize("language", ["jv", "EN", "", "en-US"])
def test_an_unknown_language_is_an_error_not_english(finding: Finding, language: str) -> None:
    with pytest.raises(InvalidInputError, match="'id' \\(Indonesian\\) or 'en' \\(English\\)"):
        finding.message(language)


def test_the_verdict_is_a_literal_of_two_values() -> None:
    hints = typing.get_type_hints(FindingsSummary.verdict.fget)  # type: ignore[attr-defined]
    assert hints["return"] is Verdict
    assert typing.get_args(Verdict) == ("procedural", "non_procedural")


def test_severity_is_an_enum_of_error_and_warning() -> None:
    assert [severity.value for severity in Severity] == ["error", "warning"]
