"""Documents: the discriminated union and each type's own rules."""

import datetime
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from pmi_workflow.domain import (
    DOCUMENT_TYPES,
    Document,
    HealthCertificate,
    SocialSecurityMembership,
)
from pmi_workflow.enums import PremiumKind

ADAPTER: TypeAdapter[Any] = TypeAdapter(Document)


def test_every_document_type_is_in_the_union() -> None:
    assert set(DOCUMENT_TYPES) == {
        "marital_status_certificate",
        "marriage_book",
        "family_consent",
        "competence_certificate",
        "health_certificate",
        "passport",
        "visa",
        "placement_agreement",
        "employment_contract",
        "social_security",
        "opp_certificate",
        "pmi_card",
        "leave_letter",
        "risk_statement",
        "other",
    }


def test_the_type_field_picks_the_class() -> None:
    doc = ADAPTER.validate_python({"type": "marriage_book", "id": "mb-1"})
    assert type(doc).__name__ == "MarriageBook"


def test_an_unknown_document_type_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        ADAPTER.validate_python({"type": "ticket", "id": "t-1"})
    assert caught.value.errors()[0]["type"] == "union_tag_invalid"


def test_expiry_before_issue_is_refused() -> None:
    with pytest.raises(ValidationError, match="expires_on is before issued_on"):
        ADAPTER.validate_python(
            {
                "type": "visa",
                "id": "v",
                "visa_type": "work",
                "country": "MY",
                "issued_on": "2024-05-01",
                "expires_on": "2024-04-01",
            }
        )


def test_validity_on_a_day() -> None:
    visa = ADAPTER.validate_python(
        {
            "type": "visa",
            "id": "v",
            "visa_type": "work",
            "country": "MY",
            "issued_on": "2024-05-01",
            "expires_on": "2025-05-01",
        }
    )
    assert not visa.is_valid_on(datetime.date(2024, 4, 30))
    assert visa.is_valid_on(datetime.date(2025, 5, 1))
    assert not visa.is_valid_on(datetime.date(2025, 5, 2))


def test_a_psychological_result_needs_the_exam() -> None:
    with pytest.raises(ValidationError, match="psychological_exam_done is false"):
        HealthCertificate(
            id="h",
            medical_result="fit",
            psychological_exam_done=False,  # type: ignore[arg-type]
            psychological_result="fit",
        )  # type: ignore[arg-type]


def test_fitness_needs_both_results() -> None:
    fit = HealthCertificate(
        id="h",
        medical_result="fit",
        psychological_exam_done=True,  # type: ignore[arg-type]
        psychological_result="unfit",
    )  # type: ignore[arg-type]
    assert not fit.fit


def test_premiums_are_exact_decimals_and_grouped_by_kind() -> None:
    membership = SocialSecurityMembership.model_validate(
        {
            "id": "b",
            "programmes": ["jkk", "jkm"],
            "cover_start": "12/03/2024",
            "package_months": 24,
            "premiums": [{"kind": "pre_work", "amount": "37500", "paid_on": "12 Maret 2024"}],
        }
    )
    assert membership.cover_start == datetime.date(2024, 3, 12)
    (payment,) = membership.paid(PremiumKind.PRE_WORK)
    assert str(payment.amount) == "37500"
    assert membership.paid(PremiumKind.EXTENSION) == ()


def test_a_package_must_be_six_twelve_or_twenty_four_months() -> None:
    with pytest.raises(ValidationError):
        SocialSecurityMembership.model_validate(
            {"id": "b", "programmes": ["jkk"], "cover_start": "2024-03-12", "package_months": 9}
        )


def test_negative_and_infinite_amounts_are_refused() -> None:
    for amount in ("-1", "Infinity", "NaN"):
        with pytest.raises(ValidationError):
            SocialSecurityMembership.model_validate(
                {
                    "id": "b",
                    "programmes": ["jkk"],
                    "cover_start": "2024-03-12",
                    "premiums": [{"kind": "pre_work", "amount": amount, "paid_on": "2024-03-12"}],
                }
            )


def test_a_contract_duration_is_bounded() -> None:
    with pytest.raises(ValidationError):
        ADAPTER.validate_python(
            {
                "type": "employment_contract",
                "id": "pk",
                "employer_name": "X",
                "position": "Y",
                "duration_months": 0,
                "terms": [],
                "signed_on": "2024-01-01",
                "signed_before": "pengantar_kerja",
            }
        )


@pytest.mark.parametrize(("text", "months"), [("24", 24), (" 12 ", 12), ("6", 6)])
def test_package_months_written_as_text_are_read_as_numbers(text: str, months: int) -> None:
    from pmi_workflow.domain import Document

    document = TypeAdapter(Document).validate_python(
        {"type": "social_security", "id": "bpjs-1", "programmes": ["jkk", "jkm"],
         "cover_start": "2024-03-01", "package_months": text}
    )  # fmt: skip
    assert document.package_months == months


@pytest.mark.parametrize("text", ["24.0", "7", "two", "2e1", "", "-6"])
def test_package_months_text_that_is_not_a_listed_whole_number_is_refused(text: str) -> None:
    from pmi_workflow.domain import Document

    with pytest.raises(ValidationError, match="package_months"):
        TypeAdapter(Document).validate_python(
            {"type": "social_security", "id": "bpjs-1", "programmes": ["jkk"],
             "cover_start": "2024-03-01", "package_months": text}
        )  # fmt: skip
