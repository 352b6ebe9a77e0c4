"""The catalog: every code of rules.md, both languages, each code fires and stays quiet."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from pmi_workflow.domain import parse_case
from pmi_workflow.findings import Severity
from pmi_workflow.privacy import MaskedStr
from pmi_workflow.rules import CATALOG, validate_case
from pmi_workflow.rules.catalog import catalog_markdown, render, rule, template_fields
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data

from .variants import AS_OF, VARIANTS

# The codes of the project's rule catalog (domain notes, rules.md), in its order.
SPEC_CODES = (
    "identity.nik_invalid",
    "identity.nik_birth_date_mismatch",
    "identity.nik_sex_mismatch",
    "eligibility.age_below_minimum",
    "eligibility.age_outside_destination_range",
    "eligibility.medically_unfit",
    "documents.missing",
    "documents.expired",
    "documents.consent_not_acknowledged",
    "documents.marriage_book_missing",
    "documents.health_without_psychological",
    "documents.health_certificate_stale",
    "documents.passport_validity_short",
    "documents.visa_not_work",
    "documents.visa_destination_mismatch",
    "executor.individual_recruiter",
    "executor.licence_invalid",
    "executor.recruitment_permit_missing",
    "executor.recruitment_permit_destination_mismatch",
    "executor.licence_evidence_stale",
    "executor.job_order_missing",
    "destination.closed",
    "destination.domestic_individual_employer_banned",
    "destination.channel_required",
    "scheme.independent_employer_not_legal_entity",
    "scheme.independent_lowest_position",
    "fees.charged_to_worker",
    "fees.exempt_occupation_charged",
    "fees.placement_loan",
    "social_security.not_enrolled",
    "social_security.premium_before_placement_agreement",
    "social_security.pre_work_cover_lapsed",
    "social_security.cover_shorter_than_contract",
    "social_security.independent_registered_early",
    "contract.missing_terms",
    "contract.position_mismatch",
    "contract.extension_outside_mission",
    "contract.extension_incomplete",
    "procedure.step_not_in_scheme",
    "procedure.step_missing",
    "procedure.out_of_order",
    "procedure.after_exit",
    "procedure.actor_not_authorized",
    "procedure.information_incomplete",
    "procedure.not_registered_abroad",
    "procedure.return_not_reported",
)
# The domain notes sit beside the repository (``../shared``) on developer machines and in CI.
RULES_MD = Path(__file__).resolve().parents[3] / "shared" / "domain" / "rules.md"


def test_catalog_holds_every_specified_code() -> None:
    assert set(CATALOG) >= set(SPEC_CODES)
    assert len(SPEC_CODES) == len(set(SPEC_CODES))


@pytest.mark.skipif(not RULES_MD.exists(), reason="domain notes not available")
def test_specified_codes_match_the_domain_notes() -> None:
    documented = re.findall(r"^\| `([a-z_]+\.[a-z_]+)`", RULES_MD.read_text(), re.MULTILINE)
    assert tuple(documented) == SPEC_CODES


def test_every_code_has_a_firing_variant() -> None:
    assert set(VARIANTS) == set(CATALOG)


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_every_rule_has_messages_and_basis_in_both_languages(code: str) -> None:
    entry = CATALOG[code]
    assert entry.code == code
    assert entry.title_id
    assert entry.title_en
    assert entry.checks
    assert entry.template_id.strip()
    assert entry.template_en.strip()
    assert entry.template_id != entry.template_en
    assert entry.legal_basis or code == "procedure.after_exit"
    assert re.fullmatch(r"[a-z_]+\.[a-z_]+", code)


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_each_code_fires_on_a_realistic_case(code: str) -> None:
    variant = VARIANTS[code]()
    report = variant.report()
    fired = [finding for finding in report.findings if finding.code == code]
    assert fired, f"{code} did not fire; found {report.codes}"
    for finding in fired:
        for name in template_fields(code) - {"on", "step_id", "step_en"}:
            assert "{" + name + "}" not in finding.message_en
        assert "?" not in finding.message_en, "a template value was not filled"
        assert "?" not in finding.message_id, "a template value was not filled"
        assert finding.message_id != finding.message_en
        # the rule's own basis, then the instruments of the entries used
        own = CATALOG[code].legal_basis
        assert finding.legal_basis[: len(own)] == own
    if any(finding.is_error for finding in fired):
        assert not report.procedural


@pytest.mark.parametrize("scheme", PROCEDURAL_SCHEMES)
def test_procedural_sample_of_each_scheme_validates_clean(scheme: str) -> None:
    report = validate_case(parse_case(procedural_case_data(scheme)), as_of=AS_OF)
    assert report.procedural
    assert report.findings == ()


@pytest.mark.parametrize("scheme", PROCEDURAL_SCHEMES)
def test_procedural_samples_stay_clean_long_after_departure(scheme: str) -> None:
    report = validate_case(
        parse_case(procedural_case_data(scheme)), as_of=datetime.date(2024, 12, 31)
    )
    assert report.findings == ()


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_findings_carry_no_unmasked_personal_data(code: str) -> None:
    variant = VARIANTS[code]()
    case = variant.case
    secrets = [
        case.applicant.nik.reveal()
        if isinstance(case.applicant.nik, MaskedStr)
        else str(case.applicant.nik),
        case.applicant.name.reveal(),
        case.applicant.birth_date.isoformat(),
        *(
            document.number.reveal()
            for document in case.documents
            if document.type == "passport" and isinstance(document.number, MaskedStr)
        ),
    ]
    report = validate_case(
        case,
        as_of=variant.as_of,
        policy=variant.policy,
        registry=variant.registry,
        sessions=variant.sessions,
    )
    for finding in report.findings:
        text = " ".join(
            [finding.message_id, finding.message_en, str(finding.to_dict()), repr(finding)]
        )
        for secret in secrets:
            assert secret not in text, (code, finding.code)


def test_render_fills_missing_values_with_a_question_mark() -> None:
    assert render(rule("documents.missing"), {})[1].startswith("The document ? is required")


def test_unknown_code_is_a_clear_key_error() -> None:
    with pytest.raises(KeyError, match=r"unknown rule code 'documents\.lost'"):
        rule("documents.lost")


def test_catalog_renders_as_a_markdown_table_with_every_code() -> None:
    table = catalog_markdown()
    for code in CATALOG:
        assert f"`{code}`" in table


def test_warning_codes_match_rules_md_severities() -> None:
    warnings = {code for code, entry in CATALOG.items() if entry.severity is Severity.WARNING}
    assert warnings == {
        "documents.health_certificate_stale",
        "documents.passport_validity_short",
        "executor.licence_evidence_stale",
        "scheme.independent_lowest_position",
        "social_security.premium_before_placement_agreement",
        "social_security.independent_registered_early",
        "procedure.actor_not_authorized",
        "procedure.information_incomplete",
        "procedure.not_registered_abroad",
        "procedure.return_not_reported",
    }


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_no_legal_basis_states_its_own_certainty(code: str) -> None:
    # the finding's ``certainty`` says it, and follows the agency's overlays; a static text
    # would contradict a confirmed entry
    for basis in CATALOG[code].legal_basis:
        text = str(basis).lower()
        assert "terkonfirmasi" not in text
        assert "dikonfirmasi" not in text
        assert "confirmed" not in text


def test_every_legal_basis_reads_in_the_language_of_the_output() -> None:
    # A basis that describes its source rather than naming an instrument carries its English:
    # no Indonesian words are left in English output, and none in English in Indonesian.
    from pmi_workflow.screening.catalog import OFFER_RULES

    rules = [*CATALOG.values(), *OFFER_RULES.values()]
    for entry in rules:
        for basis in entry.legal_basis:
            english = basis.text("en")
            for word in ("kebijakan", "Praktik", "Ketentuan", "perizinan", "integritas"):
                assert word not in english, (entry.code, english)
            assert "integrity" not in basis.text("id"), entry.code
