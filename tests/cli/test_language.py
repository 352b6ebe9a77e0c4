"""One language default for every command: Indonesian under an id_* locale, --lang overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_workflow.cli.app import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_explain_in_indonesian_uses_indonesian_words() -> None:
    result = runner.invoke(
        app, ["explain", "fees.charged_to_worker", "--lang", "id", "--format", "table"]
    )
    assert result.exit_code == 0, result.output
    assert "tingkat     : Kesalahan" in result.output
    assert "dasar hukum" in result.output
    for english in ("severity", "checks", "legal basis", "message en"):
        assert english not in result.output


@pytest.mark.parametrize(("locale", "word"), [("id_ID.UTF-8", "berkas"), ("en_US.UTF-8", "cases")])
def test_validate_speaks_the_language_of_the_locale(
    locale: str, word: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PMI_WORKFLOW_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", locale)
    result = runner.invoke(
        app,
        ["validate", str(EXAMPLES / "cases.jsonl"), "--as-of", "2024-06-01", "--format", "table"],
    )
    assert f" {word}" in result.stdout


def test_lang_overrides_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "id_ID.UTF-8")
    result = runner.invoke(
        app,
        ["validate", str(EXAMPLES / "cases.jsonl"), "--as-of", "2024-06-01", "--format", "table",
         "--lang", "en"],
    )  # fmt: skip
    assert " cases" in result.stdout
    assert "berkas" not in result.stdout
