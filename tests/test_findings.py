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


NIK = "3603121505950002"


def _finding_naming_a_nik() -> Finding:
    """The finding on a visit visa whose id carries a NIK (``visa-<NIK>``)."""
    from pmi_workflow.domain import parse_case

    data = make_case("p2p").to_dict()
    for document in data["documents"]:
        if document["type"] == "visa":
            old, document["id"], document["visa_type"] = document["id"], f"visa-{NIK}", "visit"
    for event in data["history"]:
        event["evidence"] = [f"visa-{NIK}" if ref == old else ref for ref in event["evidence"]]
    report = validate_case(parse_case(data), as_of=datetime.date(2024, 7, 1))
    return next(f for f in report.findings if f.where == f"documents.visa-{NIK}")


def test_a_findings_repr_and_str_mask_a_nik_in_a_document_id() -> None:
    finding = _finding_naming_a_nik()
    for shown in (repr(finding), str(finding), f"{finding}", repr((finding,))):
        assert NIK not in shown
        assert "where='documents.visa-3603**********02'" in shown
    assert finding.where == f"documents.visa-{NIK}"  # the value itself is the record's id


def test_a_refused_step_prints_its_findings_masked() -> None:
    from pmi_workflow.errors import ProcedureViolation

    refused = ProcedureViolation("departed", [_finding_naming_a_nik()])
    assert NIK not in repr(refused.findings)
    assert "visa-3603**********02" in repr(refused.findings)
