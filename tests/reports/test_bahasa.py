"""The Indonesian side of the report holds no raw codes, English words or ISO dates."""

from __future__ import annotations

import datetime
import re
from html import unescape

from pmi_workflow.reports import Period, build_district_report
from pmi_workflow.reports.render import to_html
from pmi_workflow.reports.synthetic import REGENCY_CODE, district_sample

_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
_ENGLISH = re.compile(
    r"\b(the|and|of|with|cases?|steps?|error|warning|worker|employer|departed|"
    r"registered|findings?|overdue|due|report|none|new)\b",
    re.IGNORECASE,
)
# Acronyms and names the style guide keeps as they are.
_ALLOWED = re.compile(r"\(caregiver\)|\(kaigo\)|P to P|G to G|G to P|Re-Entry|One Channel System")


def _indonesian_texts(html: str) -> list[str]:
    """Every piece of text a reader of the Indonesian page sees."""
    body = html.split("<main>", 1)[1]
    body = re.sub(r'<(span|div|p|td|th|h2|li|text)[^>]*class="t-en"[^>]*>.*?</\1>', "", body,
                  flags=re.DOTALL)  # fmt: skip
    body = re.sub(r"<title[^>]*>.*?</title>", "", body, flags=re.DOTALL)  # bilingual tooltips
    body = re.sub(r"<style>.*?</style>", "", body, flags=re.DOTALL)
    body = re.sub(r"<code>.*?</code>", "", body, flags=re.DOTALL)  # finding codes, by design
    body = re.sub(r"\b[a-z_]+\.[a-z_]+\b", "", body)  # finding codes in the case list
    texts = [unescape(part).strip() for part in re.split(r"<[^>]+>", body)]
    return [text for text in texts if text]


def test_the_indonesian_report_reads_without_codes_english_or_iso_dates() -> None:
    cases, sessions = district_sample()
    report = build_district_report(
        cases,
        sessions,
        regency_code=REGENCY_CODE,
        period=Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        include_personal_data=True,
        worklist_on=datetime.date(2024, 6, 30),
    )
    texts = _indonesian_texts(to_html(report, lang="id"))
    assert len(texts) > 50
    problems = []
    for text in texts:
        plain = _ALLOWED.sub("", text)
        if _ISO.search(plain) or _CODE.search(plain) or _ENGLISH.search(plain):
            problems.append(text)
    assert problems == []


def test_the_screening_counts_read_in_indonesian_too() -> None:
    from pmi_workflow.screening import Offer, record_screening, screen_offer

    cases, sessions = district_sample()
    offer = Offer.model_validate({"destination": "TW", "job": "welder", "visa": "visit"})
    first = record_screening(sessions[0], screen_offer(offer, on=sessions[0].held_on))
    report = build_district_report(
        cases,
        (first, *sessions[1:]),
        regency_code=REGENCY_CODE,
        period=Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
    )
    texts = [text for text in _indonesian_texts(to_html(report, lang="id")) if "lowongan" in text]
    assert texts == [
        "Cek lowongan: 1 tawaran kerja diperiksa pada sesi sosialisasi; 1 di antaranya "
        "menunjukkan tanda bahaya, dengan 1 tanda bahaya seluruhnya."
    ]
    for text in texts:
        assert _ISO.search(text) is None
        assert _CODE.search(text) is None
        assert _ENGLISH.search(text) is None
