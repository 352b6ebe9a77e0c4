"""``pmi-workflow serve``: the HTTP service command (tests/server start the real uvicorn)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from pmi_workflow.cli.app import app

runner = CliRunner()


def test_serve_hands_the_application_to_uvicorn_with_its_own_access_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(
        uvicorn, "run", lambda application, **options: calls.append((application, options))
    )
    keys = tmp_path / "keys.toml"
    keys.write_text('[keys.dinas]\nrole = "disnaker"\nkey = "a-long-secret-for-tests"\n')
    result = runner.invoke(
        app, ["serve", "--store", str(tmp_path / "cases.db"), "--keys", str(keys), "--port", "9"]
    )
    assert result.exit_code == 0, result.output
    ((application, options),) = calls
    assert application.title == "pmi-workflow"
    assert (options["host"], options["port"], options["access_log"]) == ("127.0.0.1", 9, False)
    assert options["log_config"]["handlers"]["stderr"]["filters"] == ["redact"]


def test_serve_with_a_bad_keys_file_exits_two_with_a_clear_message(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--keys", str(tmp_path / "absent.toml")])
    assert result.exit_code == 2
    assert "cannot read the keys file" in result.stderr


def test_serve_with_two_keys_sharing_a_secret_names_both_in_indonesian_and_exits_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "a-long-secret-for-tests"
    keys = tmp_path / "keys.toml"
    keys.write_text(
        f'[keys.dinas]\nrole = "disnaker"\nkey = "{secret}"\n'
        f'[keys.bpjs-pusat]\nrole = "bpjs"\nkey = "{secret}"\nreveal = true\n'
    )
    monkeypatch.setenv("PMI_WORKFLOW_LANG", "id")
    monkeypatch.setattr(uvicorn, "run", lambda application, **options: None)
    result = runner.invoke(app, ["serve", "--keys", str(keys), "--store", ":memory:"])
    assert result.exit_code == 2
    assert "keys.dinas: kunci akses ini memakai rahasia yang sama" in result.stderr
    assert "keys.bpjs-pusat: kunci akses ini memakai rahasia yang sama" in result.stderr
    assert secret not in result.stderr
