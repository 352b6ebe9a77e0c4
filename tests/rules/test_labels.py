"""The Indonesian messages show words: no codes, ISO dates or raw amounts (bahasa guide)."""

from __future__ import annotations

import re

import pytest

from pmi_workflow.labels import format_date, label
from pmi_workflow.rules import CATALOG
from pmi_workflow.rules._labels import indonesian, money_id

from .variants import VARIANTS

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_the_indonesian_message_of_each_rule_has_no_code_date_or_raw_amount(code: str) -> None:
    variant = VARIANTS[code]()
    report = variant.report()
    for finding in report.findings:
        text = finding.message_id
        assert not ISO_DATE.search(text), text
        assert not CODE.search(text), text
        assert "IDR " not in text, text
        assert "sources.md" not in text, text


@pytest.mark.parametrize("code", sorted(VARIANTS))
def test_no_message_of_a_rule_cites_the_research_notes(code: str) -> None:
    variant = VARIANTS[code]()
    report = variant.report()
    for finding in report.findings:
        assert "sources.md" not in finding.message_en, finding.message_en
        assert "sources.md" not in finding.message_id, finding.message_id


def test_dates_money_and_countries_read_as_an_officer_writes_them() -> None:
    import datetime

    assert format_date(datetime.date(2023, 7, 3)) == "3 Juli 2023"
    assert money_id("IDR 37500") == "Rp37.500"
    assert money_id("MYR 1500") == "MYR 1.500"
    assert money_id("-") == "-"
    assert label("country", "CN") == "Tiongkok"
    assert label("country", "MY") == "Malaysia"
    assert indonesian("signed_before", "pengantar_kerja") == "Pengantar Kerja"
    assert indonesian("channel", "NONE") == "tidak melalui sistem satu kanal"
    assert indonesian("reason", "expired") == "expired"  # not a value the messages show
