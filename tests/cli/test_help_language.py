"""``--help`` speaks the language of the locale: Indonesian under ``id_*``, else English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from tests.reports.test_bahasa import _ALLOWED, _CODE, _ENGLISH
from typer.testing import CliRunner

from pmi_workflow.cli.app import app
from pmi_workflow.cli.common import bilingual, indonesian_help

runner = CliRunner()

# (command, an Indonesian phrase of its help, the English phrase it replaces)
PAGES = [
    ([], "Kode keluar: 0 semua berkas prosedural", "Exit codes: 0 all procedural"),
    (["validate"], "Memeriksa berkas CPMI", "Validate case dossiers"),
    (["validate"], "Tanggal penilaian", "Judge as of this date"),
    (["explain"], "Kode aturan, misalnya", "A rule code, e.g."),
    (["store"], "Penyimpanan berkas CPMI", "Store cases (SQLite file"),
    (["store", "verify"], "rantai hash", "hash chain"),
    (["store", "record"], "Peran pencatat", "The recording role"),
    (
        ["store", "record"],
        "zona waktu bawaan WIB",
        "a time without an offset is read as WIB (Asia/Jakarta)",
    ),
    (["report"], "Menulis laporan kabupaten/kota", "Write the district report"),
    (["screen"], "tanda bahaya", "red flags"),
    (["serve"], "Menjalankan layanan HTTP", "Serve the HTTP API"),
    (["template"], "Timpa berkas bila sudah ada", "Overwrite the file if it exists"),
    (["test"], "Menjalankan berkas skenario", "Run scenario files"),
]
# The command line's own words, which the help of every command shows.
FRAMEWORK = [
    ("Cara pakai:", "Usage:"),
    ("[PILIHAN]", "[OPTIONS]"),
    ("Tampilkan bantuan ini", "Show this message and exit"),
]


def _locale(monkeypatch: pytest.MonkeyPatch, locale: str, chosen: str | None = None) -> None:
    for name in ("PMI_WORKFLOW_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", locale)
    if chosen is not None:
        monkeypatch.setenv("PMI_WORKFLOW_LANG", chosen)


def _help(args: list[str]) -> str:
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())  # one line: phrases may wrap anywhere


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def _help_texts(command: Any) -> Iterator[str]:
    """Every help text of the command line: commands, options and arguments."""
    for each in _commands(command):
        if each.help:
            yield each.help
        yield from (param.help for param in each.params if getattr(param, "help", None))


@pytest.mark.parametrize(("args", "indonesian", "english"), PAGES)
def test_the_help_is_indonesian_under_an_indonesian_locale(
    args: list[str], indonesian: str, english: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _locale(monkeypatch, "id_ID.UTF-8")
    page = _help(args)
    assert indonesian in page
    assert english not in page
    for own_id, own_en in FRAMEWORK:
        assert own_id in page
        assert own_en not in page


@pytest.mark.parametrize(("args", "indonesian", "english"), PAGES)
def test_the_help_is_english_under_any_other_locale(
    args: list[str], indonesian: str, english: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _locale(monkeypatch, "en_US.UTF-8")
    page = _help(args)
    assert english in page
    assert indonesian not in page
    for own_id, own_en in FRAMEWORK:
        assert own_en in page
        assert own_id not in page


def test_the_language_variable_chooses_the_help_language_over_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _locale(monkeypatch, "id_ID.UTF-8", chosen="en")
    assert "Validate case dossiers" in _help(["validate"])
    _locale(monkeypatch, "en_US.UTF-8", chosen="id")
    assert "Memeriksa berkas CPMI" in _help(["validate"])


def test_the_main_usage_line_names_commands_in_indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    _locale(monkeypatch, "id_ID.UTF-8")
    page = _help([])
    assert "Cara pakai: pmi-workflow [PILIHAN] PERINTAH [ARGUMEN]..." in page
    assert "Perintah:" in page
    assert "Commands:" not in page


def test_the_notes_after_a_help_text_are_indonesian_too(monkeypatch: pytest.MonkeyPatch) -> None:
    _locale(monkeypatch, "id_ID.UTF-8")
    page = _help(["store", "verify"])
    assert "[variabel lingkungan: PMI_WORKFLOW_STORE; bawaan: pmi-workflow.db]" in page
    assert "env var" not in page
    assert "default:" not in page


def test_every_help_text_has_an_indonesian_version(monkeypatch: pytest.MonkeyPatch) -> None:
    _locale(monkeypatch, "en_US.UTF-8")
    texts = list(_help_texts(typer.main.get_command(app)))
    assert len(texts) > 80
    missing = [text for text in texts if indonesian_help(text) is None]
    assert missing == []


def test_the_indonesian_help_has_no_codes_or_english_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _locale(monkeypatch, "id_ID.UTF-8")
    texts = list(_help_texts(typer.main.get_command(app)))
    assert len(texts) > 80
    problems = []
    for text in texts:
        # What is typed as it is (quoted values, option names, JSON) is not prose.
        prose = re.sub(r"'[^']*'|--[a-z-]+|\{.*?\}", "", _ALLOWED.sub("", text))
        if _CODE.search(prose) or _ENGLISH.search(prose):
            problems.append(text)
    assert problems == []


def test_one_english_help_text_has_one_indonesian_version() -> None:
    bilingual("Tanggal mulai periode.", "The first day of the test period.")
    assert bilingual("Tanggal mulai periode.", "The first day of the test period.") == (
        "The first day of the test period."
    )
    with pytest.raises(ValueError, match="two Indonesian texts"):
        bilingual("Hari pertama periode.", "The first day of the test period.")
