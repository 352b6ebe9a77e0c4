"""``pmi-workflow test``: exit 0 when every scenario holds, 1 on failures, 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pmi_workflow.cli.app import app
from pmi_workflow.testing.scenarios import shipped_scenarios

runner = CliRunner()

HOLDS = """
[[scenario]]
name = "procedural sample"
scheme = "p2p"
as_of = 2024-06-10
expect = { verdict = "procedural" }
"""
FAILS = """
[[scenario]]
name = "wrong expectation"
scheme = "p2p"
as_of = 2024-06-10
expect = { verdict = "non_procedural" }
"""


def test_the_shipped_scenarios_all_pass_with_a_summary_table() -> None:
    result = runner.invoke(app, ["test", "--format", "table"])
    assert result.exit_code == 0, result.output
    assert f"{len(shipped_scenarios())} passed, 0 failed" in result.stdout


def test_a_failing_scenario_exits_one_and_says_why(tmp_path: Path) -> None:
    (tmp_path / "a.scenarios.toml").write_text(HOLDS, "utf-8")
    (tmp_path / "b.scenarios.toml").write_text(FAILS, "utf-8")
    result = runner.invoke(app, ["test", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert (summary["passed"], summary["failed"]) == (1, 1)
    failed = [row for row in summary["scenarios"] if not row["passed"]]
    assert failed[0]["problems"] == ["verdict procedural, expected non_procedural"]


def test_a_malformed_file_exits_two_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.scenarios.toml"
    path.write_text("[[scenario]]\nname = 'x'\nscheme = 'p2p'\n", "utf-8")
    result = runner.invoke(app, ["test", str(path)])
    assert result.exit_code == 2
    assert "as_of" in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_path_or_an_empty_folder_exits_two(tmp_path: Path) -> None:
    assert runner.invoke(app, ["test", str(tmp_path / "nope.toml")]).exit_code == 2
    assert runner.invoke(app, ["test", str(tmp_path)]).exit_code == 2


def test_jsonl_gives_one_line_per_scenario(tmp_path: Path) -> None:
    path = tmp_path / "a.scenarios.toml"
    path.write_text(HOLDS, "utf-8")
    result = runner.invoke(app, ["test", str(path), "--format", "jsonl"])
    assert result.exit_code == 0
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (row["scenario"], row["passed"], row["verdict"]) == (
        "procedural sample",
        True,
        "procedural",
    )
