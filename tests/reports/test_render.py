"""Rendering the district report as JSON, CSV and self-contained bilingual HTML."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re

import pytest

from pmi_workflow.reports import DistrictReport, Period, build_district_report
from pmi_workflow.reports.render import csv_rows, render, to_csv, to_html, to_json
from pmi_workflow.reports.synthetic import REGENCY_CODE, district_sample
from pmi_workflow.screening import Offer, record_screening, screen_offer

CASES, SESSIONS = district_sample()
PERIOD = Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
REPORT = build_district_report(CASES, SESSIONS, regency_code=REGENCY_CODE, period=PERIOD)
PERSONAL = build_district_report(
    CASES, SESSIONS, regency_code=REGENCY_CODE, period=PERIOD, include_personal_data=True
)
EXTERNAL = re.compile(r"(?:src|href|xlink:href|action)\s*=|url\(|@import|https?:|//", re.I)


def test_json_carries_every_figure_of_the_report() -> None:
    data = json.loads(to_json(REPORT))
    assert data == REPORT.to_dict()
    assert data["sessions"]["held"] == 2
    assert data["outcomes"]["non_procedural"] == REPORT.outcomes.non_procedural
    assert [stage["step"] for stage in data["funnel"]] == [
        "informed",
        "registered",
        "departed",
        "returned",
    ]


def test_csv_is_a_tidy_table_with_the_same_figures() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(REPORT))))
    assert len(rows) == len(list(csv_rows(REPORT)))
    values = {(r["section"], r["key"], r["measure"]): r["value"] for r in rows}
    assert values[("sessions", "all", "reached")] == "160"
    for stage in REPORT.funnel:
        assert values[("funnel", stage.step, "cases")] == str(stage.cases)
    for item in REPORT.outcomes.top_findings:
        assert values[("finding", item.code, "cases")] == str(item.cases)
    for row in REPORT.breakdown("destination").rows:
        assert values[("destination", row.key, "cases")] == str(row.cases)


def test_the_html_page_fetches_nothing_and_has_its_charts() -> None:
    page = to_html(REPORT)
    assert EXTERNAL.search(page) is None
    assert "<script" not in page
    assert "Content-Security-Policy" in page
    assert page.count("<svg") == 7  # topics, funnel, outcomes, findings, 3 breakdowns
    for chart in ("chart-funnel", "chart-outcomes", "chart-findings", "chart-topics"):
        assert f'id="{chart}"' in page


def test_the_html_page_reads_in_indonesian_and_english() -> None:
    indonesian = to_html(REPORT, lang="id")
    english = to_html(REPORT, lang="en")
    for page in (indonesian, english):
        assert "Laporan kabupaten/kota" in page
        assert "District report" in page
        assert "Nonprosedural" in page
        assert "Non-procedural" in page
    assert '<html lang="id">' in indonesian
    assert 'id="lang-id" checked' in indonesian
    assert 'id="lang-en" checked' in english
    with pytest.raises(ValueError, match="lang"):
        to_html(REPORT, lang="fr")  # type: ignore[arg-type]


def test_no_output_holds_personal_data_unless_asked() -> None:
    outputs = [to_json(REPORT), to_csv(REPORT), to_html(REPORT)]
    for case in CASES:
        for text in outputs:
            assert case.applicant.nik.reveal() not in text
            assert case.applicant.name.reveal() not in text
    personal_html = to_html(PERSONAL)
    personal_csv = to_csv(PERSONAL)
    assert "data pribadi" in personal_html
    in_scope = [line.case_id for line in PERSONAL.cases or ()]
    shown = [case for case in CASES if case.case_id in in_scope]
    assert shown
    for case in shown:
        assert case.applicant.nik.reveal() in personal_html
        assert case.applicant.nik.reveal() in personal_csv


def _screened_report() -> DistrictReport:
    """The sample report with three offers screened at its first session: two of them flagged."""
    calo = Offer.model_validate(
        {"destination": "SA", "job": "housekeeper", "employer_kind": "individual",
         "recruiter": {"kind": "person", "person_name": "Sutrisno Wibowo"}, "visa": "visit"}
    )  # fmt: skip
    visit_visa = Offer.model_validate({"destination": "TW", "job": "welder", "visa": "visit"})
    unchecked = Offer.model_validate({"destination": "TW", "job": "welder", "visa": "work"})
    session = SESSIONS[0]
    for offer in (calo, visit_visa, unchecked):
        session = record_screening(session, screen_offer(offer, on=session.held_on))
    sessions = (session, *SESSIONS[1:])
    return build_district_report(CASES, sessions, regency_code=REGENCY_CODE, period=PERIOD)


def test_the_screening_counts_are_in_the_csv_and_both_languages_of_the_html() -> None:
    report = _screened_report()
    summary = report.sessions
    assert summary.offers_screened == 3
    assert summary.offers_flagged == 2
    assert summary.flags_raised == 4  # household employer, individual recruiter, two visit visas
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    values = {(r["section"], r["key"], r["measure"]): r["value"] for r in rows}
    assert values[("sessions", "all", "offers_screened")] == "3"
    assert values[("sessions", "all", "offers_flagged")] == "2"
    assert values[("sessions", "all", "flags_raised")] == "4"
    page = to_html(report)
    assert (
        "Cek lowongan: 3 tawaran kerja diperiksa pada sesi sosialisasi; 2 di antaranya "
        "menunjukkan tanda bahaya, dengan 4 tanda bahaya seluruhnya."
    ) in page
    assert (
        "Offer screening: 3 job offers screened at the sessions; 2 of them flagged, "
        "with 4 red flags raised in all."
    ) in page
    assert "Sutrisno" not in page
    assert "Wibowo" not in page


def test_a_report_without_screenings_says_none_were_screened() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(REPORT))))
    values = {(r["section"], r["key"], r["measure"]): r["value"] for r in rows}
    assert values[("sessions", "all", "offers_screened")] == "0"
    page = to_html(REPORT)
    assert "belum ada tawaran kerja yang diperiksa" in page
    assert "no job offer was screened" in page


def test_text_from_the_data_is_escaped_in_html() -> None:
    sessions = tuple(
        session.model_copy(
            update={"region": session.region.model_copy(update={"regency": "<b>Tangerang</b>"})}
        )
        for session in SESSIONS
    )
    report = build_district_report((), sessions, regency_code=REGENCY_CODE, period=PERIOD)
    page = to_html(report)
    assert "<b>Tangerang</b>" not in page
    assert "&lt;b&gt;Tangerang&lt;/b&gt;" in page


def test_render_knows_three_formats_only() -> None:
    assert render(REPORT, "json") == to_json(REPORT)
    assert render(REPORT, "csv") == to_csv(REPORT)
    assert render(REPORT, "html", lang="en") == to_html(REPORT, lang="en")
    with pytest.raises(ValueError, match="unknown report format"):
        render(REPORT, "pdf")
