"""Screening job offers: procedural offers and every red flag, as scenarios."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest

from pmi_workflow.findings import Severity
from pmi_workflow.policy import Policy
from pmi_workflow.rules.catalog import CATALOG
from pmi_workflow.rules.registry import FileLicenceRegistry
from pmi_workflow.screening import (
    OFFER_RULES,
    WORKER_TEXTS,
    Offer,
    ScreeningResult,
    screen_offer,
)

DAY = datetime.date(2024, 5, 6)

REGISTRY = FileLicenceRegistry.from_data(
    {
        "licences": [
            {
                "kind": "sip3mi",
                "number": "B.5/77/PK.02/2022",
                "holder": "PT Sentosa Karya Mandiri",
                "issued_on": "2022-01-03",
                "valid_until": "2027-01-02",
                "checked_at": "2024-05-02T09:00:00+07:00",
                "source": "SIP3MI register",
            },
            {
                "kind": "sip2mi",
                "number": "KEP.12/SIP2MI/2024",
                "holder": "PT Sentosa Karya Mandiri",
                "destination": "TW",
                "occupations": ["factory_operator"],
                "issued_on": "2024-01-08",
                "valid_until": "2025-01-07",
                "checked_at": "2024-05-02T09:00:00+07:00",
                "source": "SIP2MI register",
            },
            {
                "kind": "sip3mi",
                "number": "B.5/13/PK.02/2019",
                "holder": "PT Cabut Izin",
                "status": "revoked",
                "issued_on": "2019-02-04",
                "revoked_on": "2024-03-01",
                "checked_at": "2024-05-02T09:00:00+07:00",
                "source": "SIP3MI register",
            },
            {
                "kind": "sip3mi",
                "number": "B.5/88/PK.02/2021",
                "holder": "PT Data Lama",
                "issued_on": "2021-06-07",
                "checked_at": "2023-01-09T09:00:00+07:00",
                "source": "SIP3MI register",
            },
        ]
    }
)

PROCEDURAL: dict[str, Any] = {
    "destination": "TW",
    "job": "factory_operator",
    "employer_kind": "legal_entity",
    "recruiter": {
        "kind": "company",
        "company_name": "PT Sentosa Karya Mandiri",
        "licence_number": "B.5/77/PK.02/2022",
        "permit_number": "KEP.12/SIP2MI/2024",
    },
    "fees": [],
    "visa": "work",
    "applicant": {"age": 24, "sex": "female", "marital_status": "single"},
    "departure_point": "Bandara Soekarno-Hatta, Tangerang",
    "included": {"training": True, "medical_check": True, "opp": True, "social_security": True},
    "passport_kept_by": "worker",
    "salary": {"monthly_amount": 27470, "currency": "TWD"},
}


def offer(**changes: Any) -> Offer:
    """The procedural offer with some fields changed (``None`` removes a field)."""
    data = json.loads(json.dumps(PROCEDURAL))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return Offer.model_validate(data)


def screen(item: Offer, day: datetime.date = DAY, **kwargs: Any) -> ScreeningResult:
    kwargs.setdefault("registry", REGISTRY)
    return screen_offer(item, on=day, **kwargs)


def severities(result: ScreeningResult) -> dict[str, str]:
    return {flag.code: flag.severity.value for flag in result.flags}


# -- procedural offers ----------------------------------------------------------------------


def test_a_procedural_offer_checked_against_the_registry_raises_no_flag() -> None:
    result = screen(offer())
    assert result.flags == ()
    assert result.verdict == "no_flags"
    assert result.unanswered == ()


def test_an_offer_is_never_cleared_silently_without_licence_data() -> None:
    result = screen(offer(), registry=None)
    assert severities(result) == {"offer.company_unknown": "warning"}
    assert result.verdict == "cautions"
    flag = result.flags[0]
    assert "PT Sentosa Karya Mandiri" in flag.explanation_id
    assert "SIP2MI" in flag.advice_id


def test_a_government_programme_needs_no_company_licence() -> None:
    korea = offer(
        destination="KR",
        job="factory_operator",
        recruiter={"kind": "government"},
        salary=None,
    )
    assert screen(korea).flags == ()


def test_unanswered_questions_are_listed_to_ask() -> None:
    result = screen(Offer.model_validate({"destination": "TW", "job": "factory_operator"}))
    assert "visa" in result.unanswered
    assert "Visa apa yang akan diurus?" in result.questions("id")
    assert "Which visa will be arranged?" in result.questions("en")
    assert "offer.company_unknown" in result.codes


# -- destinations -------------------------------------------------------------------------


def test_a_household_job_in_saudi_arabia_is_banned_while_the_ban_is_in_force() -> None:
    saudi = offer(
        destination="SA",
        job="housekeeper",
        employer_kind="individual",
        recruiter={"kind": "company", "company_name": "PT Sentosa Karya Mandiri"},
        salary=None,
        channel="spsk",
    )
    result = screen(saudi)
    flag = next(f for f in result.flags if f.code.startswith("destination."))
    assert flag.code == "destination.domestic_individual_employer_banned"
    assert flag.severity is Severity.ERROR
    assert flag.certainty == "confirmed"
    assert flag.entries == ("kepmenaker-260-2015/SA",)
    assert "Arab Saudi" in flag.explanation_id
    assert "Kepmenaker 260/2015" in flag.explanation_id
    lifted = Policy.load_overlay("saudi_moratorium_lift_2025")
    later = screen(saudi, datetime.date(2025, 7, 1), policy=lifted)
    assert "destination.domestic_individual_employer_banned" not in later.codes
    before = screen(saudi, datetime.date(2015, 6, 30))
    assert "destination.domestic_individual_employer_banned" not in before.codes


def test_an_unknown_employer_in_a_banned_country_is_a_caution_to_ask() -> None:
    result = screen(offer(destination="QA", job="housekeeper", employer_kind=None, salary=None))
    flag = next(f for f in result.flags if f.code.startswith("destination."))
    assert flag.severity is Severity.WARNING
    assert flag.title_id == "Tanyakan siapa pemberi kerjanya"
    assert flag.where == "employer_kind"


def test_a_closed_destination_is_a_red_flag_on_the_days_it_is_closed() -> None:
    malaysia = offer(destination="MY", job="housekeeper", channel="ocs", salary=None, fees=[])
    closed = screen(malaysia, datetime.date(2022, 7, 20))
    flag = next(f for f in closed.flags if f.code == "destination.closed")
    assert flag.severity is Severity.ERROR
    assert "Malaysia" in flag.explanation_id
    assert "20 Juli 2022" in flag.explanation_id
    assert "destination.closed" not in screen(malaysia, datetime.date(2022, 8, 2)).codes


def test_a_malaysian_household_job_must_name_the_one_channel_system() -> None:
    silent = offer(destination="MY", job="housekeeper", salary=None, applicant={"age": 30})
    flag = next(f for f in screen(silent).flags if f.code == "destination.channel_required")
    assert flag.severity is Severity.WARNING  # the worker may not know: ask
    assert "One Channel System (OCS)" in flag.explanation_id
    assert [str(basis) for basis in flag.legal_basis] == ["MoU RI-Malaysia 1 April 2022"]
    named = offer(
        destination="MY", job="housekeeper", salary=None, channel="ocs", applicant={"age": 30}
    )
    assert "destination.channel_required" not in screen(named).codes


# -- who recruits ---------------------------------------------------------------------------


def test_a_person_recruiting_is_a_red_flag_and_the_name_stays_masked() -> None:
    calo = offer(recruiter={"kind": "person", "person_name": "Budi Santoso"})
    result = screen(calo)
    assert severities(result) == {"executor.individual_recruiter": "error"}
    flag = result.flags[0]
    assert "calo" not in flag.explanation_id or "orang perseorangan" in flag.explanation_id
    assert "Disnaker atau LTSA" in flag.advice_id
    dumped = json.dumps(result.to_dict()) + repr(calo) + str(calo)
    assert "Budi" not in dumped
    assert "Santoso" not in dumped


def test_a_company_the_registry_does_not_know_is_a_caution_to_verify() -> None:
    unknown = offer(recruiter={"kind": "company", "company_name": "PT Maju Jaya Abadi"})
    result = screen(unknown)
    assert severities(result) == {"offer.company_unknown": "warning"}
    assert "tidak ditemukan dalam data perizinan" in result.flags[0].explanation_id


def test_a_revoked_company_licence_is_a_red_flag() -> None:
    result = screen(offer(recruiter={"kind": "company", "company_name": "PT Cabut Izin"}))
    assert severities(result)["executor.licence_invalid"] == "error"
    flag = next(f for f in result.flags if f.code == "executor.licence_invalid")
    assert "dicabut" in flag.explanation_id
    assert "6 Mei 2024" in flag.explanation_id


def test_a_company_quoting_another_companys_licence_numbers_is_a_red_flag() -> None:
    borrowed = {**PROCEDURAL["recruiter"], "company_name": "PT Maju Jaya Palsu"}
    result = screen(offer(recruiter=borrowed))
    assert result.verdict == "red_flags"
    assert severities(result) == {
        "executor.licence_invalid": "error",
        "executor.recruitment_permit_missing": "error",
    }
    licence = next(f for f in result.flags if f.code == "executor.licence_invalid")
    assert licence.certainty == "confirmed"
    assert "milik PT Sentosa Karya Mandiri, bukan milik PT Maju Jaya Palsu" in (
        licence.explanation_id
    )
    assert "belongs to PT Sentosa Karya Mandiri, not to PT Maju Jaya Palsu" in (
        licence.explanation_en
    )


def test_an_unknown_licence_number_is_a_caution_even_when_the_company_is_known() -> None:
    wrong = {**PROCEDURAL["recruiter"], "licence_number": "B.9/99/PK.02/2022"}
    result = screen(offer(recruiter=wrong))
    assert severities(result) == {"executor.licence_invalid": "warning"}
    assert dict(result.flags[0].compared)["number"] == "B.9/99/PK.02/2022"
    assert "B.9/99/PK.02/2022" in result.flags[0].explanation_id


def test_a_branch_quoting_its_head_offices_licence_is_a_caution_to_verify() -> None:
    branch = {**PROCEDURAL["recruiter"], "company_name": "PT Sentosa Karya Mandiri Cabang Batam"}
    result = screen(offer(recruiter=branch))
    assert severities(result) == {"executor.licence_invalid": "warning"}
    assert "kantor cabang" in result.flags[0].explanation_id.lower()


def test_a_permit_for_another_country_or_job_does_not_cover_the_offer() -> None:
    recruiter = dict(PROCEDURAL["recruiter"])
    wrong_country = screen(offer(destination="HK", recruiter=recruiter, salary=None))
    flag = next(f for f in wrong_country.flags if f.code.startswith("executor.recruitment_permit"))
    assert flag.code == "executor.recruitment_permit_destination_mismatch"
    assert "Taiwan" in flag.explanation_id
    assert "Hong Kong" in flag.explanation_id
    wrong_job = screen(offer(job="welder", recruiter=recruiter))
    assert severities(wrong_job) == {"offer.permit_occupation_mismatch": "error"}
    assert "juru las" in wrong_job.flags[0].explanation_id


def test_a_company_without_a_permit_for_the_destination_is_a_caution_without_a_number() -> None:
    recruiter = {"kind": "company", "company_name": "PT Sentosa Karya Mandiri"}
    result = screen(offer(destination="JP", job="factory_operator", recruiter=recruiter))
    assert severities(result) == {"executor.recruitment_permit_missing": "warning"}
    unknown = {**recruiter, "permit_number": "KEP.404/SIP2MI/2024"}
    assert severities(screen(offer(recruiter=unknown))) == {
        "executor.recruitment_permit_missing": "warning"
    }
    expired = {**recruiter, "permit_number": "KEP.12/SIP2MI/2024"}
    late = screen(offer(recruiter=expired), datetime.date(2025, 2, 3))
    assert severities(late)["executor.recruitment_permit_missing"] == "error"
    assert severities(late)["executor.licence_evidence_stale"] == "warning"  # checked in May


def test_licence_data_older_than_the_window_asks_for_a_fresh_check() -> None:
    result = screen(
        offer(recruiter={"kind": "company", "company_name": "PT Data Lama"}, salary=None)
    )
    flag = next(f for f in result.flags if f.code == "executor.licence_evidence_stale")
    assert flag.severity is Severity.WARNING
    assert flag.entries == ("parameter/licence_evidence_max_days",)
    assert "9 Januari 2023" in flag.explanation_id


# -- money ----------------------------------------------------------------------------------


def test_any_fee_for_a_zero_cost_job_is_a_red_flag() -> None:
    result = screen(
        offer(
            destination="HK",
            job="housekeeper",
            recruiter=None,
            salary=None,
            fees=[{"amount": 15000000, "purpose": "agency_service_fee", "paid_to": "recruiter"}],
        ),
        registry=None,
    )
    flag = next(f for f in result.flags if f.code == "fees.exempt_occupation_charged")
    assert flag.severity is Severity.ERROR
    assert flag.where == "fees.0"
    assert "Rp15.000.000" in flag.explanation_id
    assert "pengurus rumah tangga" in flag.explanation_id
    assert "IDR 15,000,000" in flag.explanation_en


def test_an_employer_borne_cost_charged_for_another_job_is_flagged() -> None:
    result = screen(offer(fees=[{"amount": 4500000, "purpose": "departure_ticket"}]))
    assert set(severities(result)) == {"fees.charged_to_worker"}
    assert "tiket keberangkatan" in result.flags[0].explanation_id
    personal = screen(offer(fees=[{"amount": 350000, "purpose": "passport"}]))
    assert personal.flags == ()


@pytest.mark.parametrize("financing", ["loan", "salary_deduction"])
def test_a_loan_or_salary_deduction_for_placement_costs_is_a_red_flag(financing: str) -> None:
    result = screen(
        offer(fees=[{"amount": 2000000, "purpose": "passport", "financing": financing}])
    )
    assert severities(result) == {"fees.placement_loan": "error"}
    word = {"loan": "pinjaman", "salary_deduction": "potongan gaji"}[financing]
    assert f"dengan {word}." in result.flags[0].explanation_id


# -- documents, route, passport, salary, steps ----------------------------------------------


@pytest.mark.parametrize(
    ("visa", "label"),
    [("visit", "visa kunjungan"), ("umrah", "visa umrah"), ("tourist", "visa turis")],
)
def test_a_visa_that_is_not_a_work_visa_is_a_red_flag(visa: str, label: str) -> None:
    result = screen(offer(visa=visa))
    assert severities(result) == {"documents.visa_not_work": "error"}
    assert f"Anda dijanjikan {label}, bukan visa kerja." in result.flags[0].explanation_id


def test_an_applicant_under_eighteen_is_a_red_flag() -> None:
    result = screen(offer(applicant={"age": 17, "sex": "female"}))
    assert severities(result) == {"eligibility.age_below_minimum": "error"}
    assert "Usia Anda sekarang 17 tahun" in result.flags[0].explanation_id


def test_an_age_outside_the_destinations_range_is_flagged() -> None:
    singapore = offer(
        destination="SG", job="housekeeper", applicant={"age": 52}, salary=None, recruiter=None
    )
    result = screen(singapore, registry=None)
    flag = next(f for f in result.flags if f.code == "eligibility.age_outside_destination_range")
    assert flag.severity is Severity.ERROR
    assert "23 sampai 49 tahun" in flag.explanation_id


def test_a_departure_through_an_unlisted_point_is_a_caution_until_an_agency_confirms() -> None:
    batam = offer(departure_point="Pelabuhan Batam Centre")
    flag = screen(batam).flags[0]
    assert flag.code == "offer.departure_point_unofficial"
    assert flag.severity is Severity.WARNING
    assert flag.certainty == "unconfirmed"
    agency = Policy.from_toml(
        """
[[departure_points]]
id = "practice/departure-points"
confirmed = true
source = "Surat Edaran BP3MI Banten 3/2024"
points = [{ name = "Bandara Soekarno-Hatta", aliases = ["soekarno-hatta", "cengkareng"] }]
""",
        file="agency.toml",
    )
    confirmed = screen(batam, policy=agency).flags[0]
    assert confirmed.severity is Severity.ERROR
    assert confirmed.certainty == "confirmed"
    assert screen(offer(departure_point="CGK Cengkareng")).flags == ()


@pytest.mark.parametrize("holder", ["recruiter", "company", "employer"])
def test_a_passport_kept_by_someone_else_is_a_caution(holder: str) -> None:
    result = screen(offer(passport_kept_by=holder))
    assert severities(result) == {"offer.passport_held_by_other": "warning"}
    assert result.flags[0].certainty == "unconfirmed"


def test_a_salary_below_the_known_minimum_is_flagged_by_the_policy_of_the_day() -> None:
    saudi = offer(
        destination="SA",
        job="housekeeper",
        employer_kind="legal_entity",
        channel="spsk",
        recruiter=None,
        salary={"monthly_amount": 1200, "currency": "SAR"},
    )
    flag = next(
        f
        for f in screen(saudi, datetime.date(2025, 6, 2), registry=None).flags
        if f.code == "offer.salary_below_minimum"
    )
    assert flag.severity is Severity.WARNING  # the minimum is not confirmed
    assert "SAR 1.200" in flag.explanation_id
    assert "SAR 1.500" in flag.explanation_id
    earlier = screen(saudi, datetime.date(2025, 3, 10), registry=None)
    assert "offer.salary_below_minimum" not in earlier.codes
    other_currency = offer(
        destination="SA",
        job="housekeeper",
        employer_kind="legal_entity",
        channel="spsk",
        salary={"monthly_amount": 4000000, "currency": "IDR"},
    )
    assert (
        "offer.salary_below_minimum" not in screen(other_currency, datetime.date(2025, 6, 2)).codes
    )


@pytest.mark.parametrize(("amount", "currency"), [(300000, "IDR"), (100, "USD")])
def test_a_salary_in_another_currency_than_the_minimum_is_a_caution_to_ask(
    amount: int, currency: str
) -> None:
    saudi = offer(
        destination="SA",
        job="housekeeper",
        employer_kind="legal_entity",
        channel="spsk",
        recruiter=None,
        salary={"monthly_amount": amount, "currency": currency},
    )
    result = screen(saudi, datetime.date(2025, 6, 2), registry=None)
    flag = next(f for f in result.flags if f.code == "offer.salary_currency_differs")
    assert flag.is_caution
    assert "SAR 1.500" in flag.explanation_id
    assert "dalam SAR" in flag.advice_id
    assert "in SAR" in flag.advice_en
    assert "offer.salary_below_minimum" not in result.codes


def test_skipped_official_steps_are_red_flags_and_skipped_training_a_caution() -> None:
    result = screen(
        offer(
            included={
                "medical_check": False,
                "social_security": False,
                "opp": False,
                "training": False,
            }
        )
    )
    by_where = {flag.where: flag for flag in result.flags}
    assert {where: flag.severity.value for where, flag in by_where.items()} == {
        "included.medical_check": "error",
        "included.social_security": "error",
        "included.opp": "error",
        "included.training": "warning",
    }
    assert "BPJS Ketenagakerjaan" in by_where["included.social_security"].explanation_id
    assert str(by_where["included.opp"].legal_basis[0]) == "UU 18/2017 Pasal 12"


# -- the offer in the issue, and the words --------------------------------------------------

CALO_OFFER: dict[str, Any] = {
    "destination": "SA",
    "job": "housekeeper",
    "employer_kind": "individual",
    "recruiter": {"kind": "person", "person_name": "Siti Aminah"},
    "fees": [
        {
            "amount": 15000000,
            "purpose": "other",
            "when": "before_departure",
            "paid_to": "recruiter",
            "financing": "salary_deduction",
        }
    ],
    "visa": "visit",
    "departure_point": "Batam",
    "applicant": {"age": 17, "sex": "female", "marital_status": "married"},
    "included": {"opp": False},
    "passport_kept_by": "recruiter",
    "salary": {"monthly_amount": 1000, "currency": "SAR"},
}


def test_the_calo_offer_of_a_session_shows_every_red_flag() -> None:
    result = screen(Offer.model_validate(CALO_OFFER), datetime.date(2025, 4, 7))
    assert result.verdict == "red_flags"
    assert set(result.codes) >= {
        "destination.domestic_individual_employer_banned",
        "executor.individual_recruiter",
        "fees.exempt_occupation_charged",
        "fees.placement_loan",
        "documents.visa_not_work",
        "eligibility.age_below_minimum",
        "offer.departure_point_unofficial",
        "offer.passport_held_by_other",
        "offer.salary_below_minimum",
        "offer.step_skipped",
    }
    assert all(flag.legal_basis for flag in result.flags)


_RAW = re.compile(
    r"\b(housekeeper|individual|visit|salary_deduction|agency_service_fee|IDR|SA|None|"
    r"error|warning|loan|worker)\b"
)


def test_the_words_for_the_worker_carry_no_codes_and_no_english() -> None:
    result = screen(Offer.model_validate(CALO_OFFER), datetime.date(2025, 4, 7))
    for flag in result.flags:
        for text in (flag.title_id, flag.explanation_id, flag.advice_id):
            assert not _RAW.search(text), text
            assert "?" not in text, text
            assert "{" not in text, text
            assert text.endswith(".") or text == flag.title_id, text
        assert "Anda" in flag.explanation_id or "Tawaran" in flag.explanation_id


def test_every_code_screening_raises_has_a_rule_and_words_for_the_worker() -> None:
    for key in WORKER_TEXTS:
        code = key.split("/", 1)[0]
        assert code in CATALOG or code in OFFER_RULES, key
    for code in OFFER_RULES:
        assert code.startswith("offer.")
        assert code in WORKER_TEXTS
        assert code not in CATALOG


def test_a_result_is_json_ready_and_takes_a_policy_view() -> None:
    view = Policy.default().as_of(DAY)
    result = screen_offer(offer(visa="visit"), on=DAY, registry=REGISTRY, policy=view)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["verdict"] == "red_flags"
    assert data["policy_version"] == view.version
    assert data["flags"][0]["legal_basis"] == ["UU 18/2017 Pasal 13 huruf f"]
    assert data["ask_first"]["id"].startswith("Tanyakan dulu")


def test_a_company_the_registry_knows_without_a_licence_is_a_caution() -> None:
    permits_only = FileLicenceRegistry.from_data(
        {
            "licences": [
                {
                    "kind": "sip2mi",
                    "number": "KEP.31/SIP2MI/2024",
                    "holder": "PT Hanya Izin Rekrut",
                    "destination": "TW",
                    "issued_on": "2024-02-05",
                    "checked_at": "2024-05-02T09:00:00+07:00",
                    "source": "SIP2MI register",
                }
            ]
        }
    )
    result = screen(
        offer(recruiter={"kind": "company", "company_name": "PT Hanya Izin Rekrut"}),
        registry=permits_only,
    )
    assert severities(result) == {
        "executor.licence_invalid": "warning",
        "executor.recruitment_permit_missing": "warning",
    }


def test_a_catalog_code_without_words_for_the_worker_falls_back_to_the_officers_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pmi_workflow.screening import catalog

    monkeypatch.delitem(catalog._TEXTS, "documents.visa_not_work")
    flag = screen(offer(visa="visit")).flags[0]
    assert flag.title_id == CATALOG["documents.visa_not_work"].title_id
    assert flag.explanation_id == flag.message_id
    assert flag.advice_id.startswith("Tanyakan dulu")


@pytest.mark.parametrize("destination", ["AE", "MO", "SS", "TL"])
def test_the_worker_reads_a_country_name_as_the_officer_does(destination: str) -> None:
    from pmi_workflow.labels import label
    from pmi_workflow.rules._labels import indonesian

    recruiter = dict(PROCEDURAL["recruiter"])
    result = screen(offer(destination=destination, recruiter=recruiter, salary=None))
    flag = next(f for f in result.flags if f.code.startswith("executor.recruitment_permit"))
    name = label("country", destination, "id")
    assert name == indonesian("destination", destination) != destination
    assert name in flag.explanation_id
    assert label("country", destination, "en") in flag.explanation_en
