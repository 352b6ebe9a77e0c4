"""Documents: presence and validity by scheme and step, family, health, passport and visa."""

from __future__ import annotations

import datetime

from pmi_workflow.domain import parse_case
from pmi_workflow.enums import Step
from pmi_workflow.findings import Severity
from pmi_workflow.policy import Policy
from pmi_workflow.rules.documents import (
    check_family_documents,
    check_health_certificate,
    check_passport_validity,
    check_required,
    check_visas,
)
from pmi_workflow.samples import procedural_case_data

from .variants import doc, edit

POLICY = Policy.default()
DEPARTURE = datetime.date(2024, 5, 20)
VIEW = POLICY.as_of(DEPARTURE)


def test_a_document_issued_after_the_step_does_not_count() -> None:
    case = parse_case(procedural_case_data("p2p"))
    early = datetime.date(2024, 4, 1)
    found = check_required(case, early, POLICY.as_of(early), step=Step.OPP_COMPLETED)
    missing = {dict(f.compared)["document_type"] for f in found}
    assert missing == {"visa", "employment_contract"}


def test_an_expired_required_document_is_reported_with_its_expiry() -> None:
    case = edit("p2p", lambda d: doc(d, "passport-1").update(expires_on="2024-05-01"))
    (finding,) = check_required(case, DEPARTURE, VIEW, step=Step.DEPARTED)
    assert finding.code == "documents.expired"
    assert dict(finding.compared)["expires_on"] == "2024-05-01"


def test_a_valid_second_copy_outweighs_an_expired_first() -> None:
    def renew(data: dict[str, object]) -> None:
        doc(data, "passport-1").update(expires_on="2024-05-01")  # type: ignore[arg-type]
        data["documents"].append(  # type: ignore[attr-defined]
            {
                "type": "passport",
                "id": "passport-2",
                "number": "C7777777",
                "issued_on": "2024-04-20",
                "expires_on": "2034-04-20",
            }
        )

    assert check_required(edit("p2p", renew), DEPARTURE, VIEW, step=Step.DEPARTED) == ()


def test_perseorangan_needs_no_placement_agreement_but_a_risk_statement() -> None:
    case = edit(
        "perseorangan",
        lambda d: d.update(documents=[x for x in d["documents"] if x["id"] != "risk-1"]),
    )
    (finding,) = check_required(case, DEPARTURE, VIEW, step=Step.DEPARTED)
    assert dict(finding.compared) == {"document_type": "risk_statement"}


def test_family_documents_are_not_asked_of_a_married_re_entry_worker() -> None:
    case = parse_case(procedural_case_data("re_entry"))
    assert case.applicant.marital_status.value == "married"
    assert check_family_documents(case, DEPARTURE, VIEW, step=Step.DEPARTED) == ()


def test_a_marriage_book_satisfies_the_married_applicant_rule() -> None:
    def married(data: dict[str, object]) -> None:
        data["applicant"]["marital_status"] = "married"  # type: ignore[index]
        data["documents"].append(  # type: ignore[attr-defined]
            {"type": "marriage_book", "id": "mb-1", "issued_on": "2019-02-02"}
        )

    day = datetime.date(2024, 1, 15)
    assert check_family_documents(edit("p2p", married), day, VIEW, step=Step.REGISTERED) == ()


def test_health_certificate_staleness_is_judged_only_at_departure() -> None:
    case = edit("p2p", lambda d: doc(d, "health-1").update(issued_on="2024-01-20"))
    assert check_health_certificate(case, DEPARTURE, VIEW, step=Step.OPP_COMPLETED) == ()
    (finding,) = check_health_certificate(case, DEPARTURE, VIEW, step=Step.DEPARTED)
    assert finding.severity is Severity.WARNING
    assert dict(finding.compared)["maximum_months"] == "3"


def test_an_agency_may_widen_the_health_certificate_window() -> None:
    wider = Policy.from_toml(
        """
        [[parameter]]
        id = "parameter/health_certificate_max_months"
        name = "health_certificate_max_months"
        value = 6
        unit = "months"
        source = "agency rule"
        """
    )
    case = edit("p2p", lambda d: doc(d, "health-1").update(issued_on="2024-01-20"))
    assert (
        check_health_certificate(case, DEPARTURE, wider.as_of(DEPARTURE), step=Step.DEPARTED) == ()
    )


def test_passport_margin_beyond_the_contract_is_configurable() -> None:
    case = edit("p2p", lambda d: doc(d, "passport-1").update(expires_on="2026-06-01"))
    assert check_passport_validity(case, DEPARTURE, VIEW, step=Step.DEPARTED) == ()
    stricter = Policy.from_toml(
        """
        [[parameter]]
        id = "parameter/passport_min_months_after_contract"
        name = "passport_min_months_after_contract"
        value = 6
        unit = "months"
        source = "agency rule"
        """
    )
    (finding,) = check_passport_validity(
        case, DEPARTURE, stricter.as_of(DEPARTURE), step=Step.DEPARTED
    )
    assert dict(finding.compared)["needed_until"] == "2026-10-25"


def test_a_re_entry_visa_next_to_the_work_visa_is_procedural() -> None:
    case = parse_case(procedural_case_data("re_entry"))
    assert check_visas(case, datetime.date(2024, 2, 20), VIEW, step=Step.DEPARTED) == ()


def test_umrah_visa_for_another_country_gives_two_findings() -> None:
    case = edit("p2p", lambda d: doc(d, "visa-1").update(visa_type="umrah", country="SA"))
    found = check_visas(case, DEPARTURE, VIEW, step=Step.DEPARTED)
    assert [f.code for f in found] == [
        "documents.visa_not_work",
        "documents.visa_destination_mismatch",
    ]
