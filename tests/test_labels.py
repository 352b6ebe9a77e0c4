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


@pytest.mark.parametrize(
    ("code", "name"),
    [("AE", "Uni Emirat Arab"), ("SS", "Sudan Selatan"), ("MO", "Makau"), ("KR", "Korea Selatan"),
     ("CN", "Tiongkok"), ("TL", "Timor-Leste"), ("TW", "Taiwan"), ("SY", "Suriah")],
)  # fmt: skip
def test_rule_messages_and_screening_name_a_country_as_the_labels_do(code: str, name: str) -> None:
    from pmi_workflow.rules._labels import indonesian

    assert label("country", code, "id") == name
    assert indonesian("destination", code) == name


def test_rule_messages_write_dates_and_money_as_the_labels_do() -> None:
    from pmi_workflow.rules._labels import indonesian

    day = datetime.date(2024, 2, 1)
    assert indonesian("on", day.isoformat()) == format_date(day, "id") == "1 Februari 2024"
    assert indonesian("amount", "IDR 37500.5") == format_money("37500.5") == "Rp37.500,50"
    assert indonesian("document_type", "employment_contract") == "Perjanjian Kerja"
    assert indonesian("document_type", "health_certificate") == "surat keterangan sehat"


def test_labels_in_a_sentence_keep_capitals_only_for_names_and_acronyms() -> None:
    from pmi_workflow.labels import label_in_sentence

    assert label_in_sentence("cost", "agency_service_fee") == "biaya jasa perusahaan"
    assert label_in_sentence("cost", "contract_legalisation") == "legalisasi Perjanjian Kerja"
    assert label_in_sentence("document", "placement_agreement") == "Perjanjian Penempatan"
    assert label_in_sentence("financing", "subsidised_credit") == "KUR penempatan"
    assert label_in_sentence("occupation", "family_driver") == "sopir keluarga"
    assert label_in_sentence("cost", "departure_ticket", "en") == "departure ticket"


def test_lists_take_a_comma_before_dan_from_three_items() -> None:
    from pmi_workflow.labels import join_words

    assert join_words(["paspor", "visa kerja"]) == "paspor dan visa kerja"
    assert join_words(["paspor", "visa kerja", "SKCK"]) == "paspor, visa kerja, dan SKCK"
    assert join_words(["passport", "work visa", "SKCK"], "en") == "passport, work visa and SKCK"
    assert join_words([]) == ""


def test_english_money_keeps_two_decimals() -> None:
    assert format_money(Decimal("37500.5"), "IDR", "en") == "IDR 37,500.50"
    assert format_money(Decimal("1500"), "SAR", "en") == "SAR 1,500"


def test_the_labels_import_nothing_from_the_rules_or_the_faces() -> None:
    import subprocess
    import sys

    code = (
        "import sys, pmi_workflow.labels as l; l.label('country', 'SA'); l.format_date(None);"
        "print(' '.join(m for m in sys.modules if m.startswith('pmi_workflow.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    faces = ("rules", "screening", "cli", "server", "reports", "io", "workflow", "store")
    assert "pmi_workflow.labels" in loaded
    assert not [name for name in loaded if name.split(".")[1] in faces]


def test_rule_messages_name_a_cost_as_the_labels_do_and_old_labels_still_read_back() -> None:
    from pmi_workflow.labels import label_in_sentence
    from pmi_workflow.rules._labels import indonesian

    for code in ("departure_ticket", "medical_exam", "local_transport", "passport", "other"):
        assert indonesian("component", code) == label_in_sentence("cost", code)
    assert indonesian("component", "agency_service_fee") == "jasa perusahaan"  # "Biaya {...}"
    assert label("cost", "local_transport") == (
        "Transportasi lokal dari daerah asal ke tempat keberangkatan"
    )
    assert code_of("cost", "Transportasi lokal") == "local_transport"
    assert code_of("cost", "pemeriksaan kesehatan dan psikologi") == "medical_exam"


def test_a_step_at_the_start_of_a_line_keeps_its_acronyms_and_names() -> None:
    from pmi_workflow.enums import Step
    from pmi_workflow.labels import first_upper, step_noun

    for step in Step:
        shown = first_upper(step_noun(step))
        assert shown[0].isupper()
        assert shown[1:] == step_noun(step)[1:]
    assert first_upper(step_noun(Step.REGISTERED)) == "Pendaftaran CPMI"


def test_the_indonesian_findings_table_writes_the_step_as_the_labels_do() -> None:
    from pmi_workflow.cli.render import _context_id

    assert _context_id({"step": "registered", "on": "2024-01-15"}) == [
        "Pendaftaran CPMI",
        "15 Januari 2024",
    ]


def test_a_state_is_labelled_as_its_step_and_the_start_state_as_new() -> None:
    assert (label("state", "new", "id"), label("state", "new", "en")) == ("Baru", "New")
    for step in Step:
        assert label("state", step.value, "id") == label("step", step.value, "id")
    assert code_of("state", "Baru") == "new"


def test_a_moment_is_shown_in_wib_with_the_time_written_for_people() -> None:
    from pmi_workflow.labels import format_time

    makassar = datetime.datetime.fromisoformat("2024-07-03T00:30:00+08:00")
    assert format_time(makassar) == "2 Juli 2024 23.30 WIB"
    assert format_time(makassar, "en", narrow=True) == "02/07/2024 23:30 WIB"
    assert format_time(datetime.datetime(2024, 7, 3, 8, 0), narrow=True) == "03/07/2024 08.00 WIB"
    assert format_time(None) == "—"
