"""Words for people: labels, dates and money in Indonesian, and the language default."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from pmi_workflow.enums import ActorRole, CostComponent, Financing, Payer, Scheme, Step
from pmi_workflow.labels import (
    KINDS,
    code_of,
    codes,
    default_lang,
    format_date,
    format_money,
    label,
    problem_text,
)

# English words and raw codes that must never appear in an Indonesian label.
_ENGLISH = re.compile(
    r"\b(the|and|of|with|for|worker|employer|agency|fee|ticket|case|error|warning|step|"
    r"passport|contract|training|issued|signed|registered|departed|completed)\b",
    re.IGNORECASE,
)
_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.mark.parametrize(
    ("kind", "enum"),
    [("step", Step), ("scheme", Scheme), ("role", ActorRole), ("cost", CostComponent),
     ("payer", Payer), ("financing", Financing)],
)  # fmt: skip
def test_every_code_of_an_enum_has_an_indonesian_label(kind: str, enum: type) -> None:
    for member in enum:
        assert label(kind, member.value, "id") != member.value or member.value.isupper()
    assert set(codes(kind)) == {member.value for member in enum}


@pytest.mark.parametrize("kind", KINDS)
def test_indonesian_labels_hold_no_raw_codes_english_words_or_iso_dates(kind: str) -> None:
    for code in codes(kind):
        text = label(kind, code, "id")
        assert not _CODE.search(text), (kind, code, text)
        assert not _ISO.search(text), (kind, code, text)
        if kind != "country":
            allowed = text.replace("(caregiver)", "").replace("(kaigo)", "")
            assert not _ENGLISH.search(allowed), (kind, code, text)


def test_country_names_follow_the_style_guide() -> None:
    assert label("country", "CN", "id") == "Tiongkok"
    assert label("country", "TL", "id") == "Timor-Leste"
    assert label("country", "SY", "id") == "Suriah"
    assert label("country", "MY", "id") == "Malaysia"
    assert label("country", "SA", "en") == "Saudi Arabia"


def test_labels_in_either_language_read_back_as_codes() -> None:
    assert code_of("country", "Arab Saudi") == "SA"
    assert code_of("country", "  taiwan ") == "TW"
    assert code_of("step", "Terdaftar di BPJS Ketenagakerjaan") == "social_security_enrolled"
    assert code_of("step", "departed") == "departed"
    assert code_of("payer", "Pemberi kerja") == "employer"
    assert code_of("document", "Perjanjian Kerja") == "employment_contract"
    assert code_of("step", "bukan langkah") is None


def test_dates_are_written_for_people() -> None:
    assert format_date(datetime.date(2023, 7, 3)) == "3 Juli 2023"
    assert format_date(datetime.date(2024, 2, 1), "id") == "1 Februari 2024"
    assert format_date(datetime.date(2024, 12, 9), "id", narrow=True) == "09/12/2024"
    assert format_date(None) == "—"


def test_money_is_written_as_rupiah_without_spaces_or_trailing_zeros() -> None:
    assert format_money(5000000) == "Rp5.000.000"
    assert format_money(Decimal("37500.5")) == "Rp37.500,50"
    assert format_money("1500", "SAR") == "SAR 1.500"


def test_the_language_follows_the_locale_unless_chosen() -> None:
    assert default_lang({"LANG": "id_ID.UTF-8"}) == "id"
    assert default_lang({"LC_ALL": "en_US.UTF-8", "LANG": "id_ID.UTF-8"}) == "en"
    assert default_lang({}) == "en"
    assert default_lang({"PMI_WORKFLOW_LANG": "id", "LANG": "C"}) == "id"


def test_input_problems_are_worded_in_indonesian_without_english() -> None:
    for kind in ("missing", "date", "date_month_first", "country", "enum", "union_tag_invalid",
                 "extra_forbidden", "nik.checksum", "something_new"):  # fmt: skip
        text = problem_text(kind, "English message", "id")
        assert "English" not in text
        assert not _ENGLISH.search(text), text
    assert problem_text("missing", "Field required", "en") == "Field required"
