"""Identity: NIK validity and the NIK's birth date and sex against the declared ones."""

from __future__ import annotations

import datetime

from pmi_workflow.domain import Case, parse_case
from pmi_workflow.rules.identity import check_identity
from pmi_workflow.samples import procedural_case_data

from .variants import edit

DAY = datetime.date(2024, 1, 15)


def with_raw_nik(number: str) -> Case:
    case = parse_case(procedural_case_data("p2p"))
    return case.model_copy(update={"applicant": case.applicant.model_copy(update={"nik": number})})


def test_a_procedural_applicant_has_no_identity_findings() -> None:
    for scheme in ("p2p", "g2g", "re_entry"):
        assert check_identity(parse_case(procedural_case_data(scheme)), DAY) == ()


def test_a_woman_whose_nik_carries_the_plus_40_marker_passes() -> None:
    case = parse_case(procedural_case_data("re_entry"))
    assert case.applicant.sex.value == "female"
    assert check_identity(case, DAY) == ()


def test_birth_date_mismatch_says_which_part_differs_without_the_dates() -> None:
    case = edit("p2p", lambda d: d["applicant"].update(birth_date="1996-05-15"))
    (finding,) = check_identity(case, DAY)
    assert dict(finding.compared) == {"nik": "3603**********02", "differs_in": "year"}
    assert "1996" not in finding.message_en
    assert "1995" not in finding.message_en
    assert "tahun" in finding.message_id


def test_an_invalid_nik_is_a_finding_not_an_exception() -> None:
    for number, reason in (
        ("9903121505950002", "invalid_region"),
        ("36031215059500", "invalid_length"),
        ("3603123205950002", "invalid_birth_date"),
        ("3603129905950002", "invalid_birth_date"),
    ):
        (finding,) = check_identity(with_raw_nik(number), DAY)
        assert finding.code == "identity.nik_invalid"
        assert dict(finding.compared)["reason"] == reason
        assert number not in finding.message_en


def test_sex_mismatch_names_both_values() -> None:
    case = edit("re_entry", lambda d: d["applicant"].update(sex="male"))
    (finding,) = check_identity(case, DAY)
    assert finding.code == "identity.nik_sex_mismatch"
    assert dict(finding.compared)["encoded"] == "female"
