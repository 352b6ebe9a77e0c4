"""Screenings recorded against information sessions count in the district report."""

from __future__ import annotations

import datetime

import pytest
from pydantic import ValidationError

from pmi_workflow.outreach import ScreenedOffer
from pmi_workflow.reports import Period, build_district_report
from pmi_workflow.reports.district import null_auditor
from pmi_workflow.reports.synthetic import REGENCY_CODE, district_sample
from pmi_workflow.screening import Offer, record_screening, screen_offer, screened_offer

DAY = datetime.date(2024, 1, 8)
PERIOD = Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def test_a_screened_offer_keeps_codes_and_counts_but_nothing_personal() -> None:
    result = screen_offer(
        Offer.model_validate(
            {
                "destination": "SA",
                "job": "housekeeper",
                "employer_kind": "individual",
                "recruiter": {"kind": "person", "person_name": "Budi Santoso"},
                "visa": "umrah",
            }
        ),
        on=DAY,
    )
    record = screened_offer(result)
    assert record.screened_on == DAY
    assert record.red_flags == len(result.red_flags) == 3
    assert record.cautions == len(result.cautions)
    assert record.flagged
    assert "Budi" not in record.model_dump_json()
    with pytest.raises(ValidationError):
        ScreenedOffer(screened_on=DAY, codes=["not a code"])


def test_screenings_at_a_session_count_in_the_district_report() -> None:
    cases, sessions = district_sample()
    first = next(s for s in sessions if s.region.regency_code == REGENCY_CODE)
    bad = screen_offer(
        Offer.model_validate({"destination": "MY", "job": "welder", "visa": "visit"}), on=DAY
    )
    fine = screen_offer(
        Offer.model_validate(
            {"destination": "KR", "job": "welder", "recruiter": {"kind": "government"}}
        ),
        on=DAY,
    )
    assert fine.verdict != "red_flags"
    updated = record_screening(record_screening(record_screening(first, bad), bad), fine)
    assert len(first.screenings) == 0  # the session itself is unchanged
    assert len(updated.screenings) == 3
    replaced = tuple(updated if s.session_id == first.session_id else s for s in sessions)
    report = build_district_report(
        cases, replaced, regency_code=REGENCY_CODE, period=PERIOD, auditor=null_auditor
    )
    assert report.sessions.offers_screened == 3
    assert report.sessions.offers_flagged == 2
    assert report.sessions.flags_raised == 2
    data = report.to_dict()["sessions"]
    assert (data["offers_screened"], data["offers_flagged"], data["flags_raised"]) == (3, 2, 2)
    outside = build_district_report(
        cases,
        replaced,
        regency_code=REGENCY_CODE,
        period=Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
        auditor=null_auditor,
    )
    assert outside.sessions.offers_screened == 0


def test_a_session_file_with_screenings_reads_back() -> None:
    _, sessions = district_sample()
    session = record_screening(
        sessions[0],
        screen_offer(Offer.model_validate({"destination": "TW", "job": "welder"}), on=DAY),
    )
    again = type(session).model_validate(session.model_dump(mode="json"))
    assert again == session
