"""The pytest plugin, run in-process: scenario files become tests; shipped scenarios parametrize."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmi_workflow.testing.scenarios import shipped_scenarios

SCENARIOS = """
[[scenario]]
name = "holds"
scheme = "p2p"
as_of = 2024-06-10
expect = { verdict = "procedural" }

[[scenario]]
name = "does not hold"
scheme = "p2p"
as_of = 2024-06-10
expect = { codes = ["fees.placement_loan"] }
"""

SHIPPED_TEST = """
def test_the_law_holds(pmi_workflow_scenario):
    assert pmi_workflow_scenario.run().passed
"""


def _run(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = pytest.main([str(folder), "-q", "-p", "no:cacheprovider", "-p", "no:randomly"])
    return int(code), capsys.readouterr().out


def test_scenario_files_are_collected_one_test_per_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ours.scenarios.toml").write_text(SCENARIOS, "utf-8")
    code, out = _run(tmp_path, capsys)
    assert code == 1, out
    assert "1 failed, 1 passed" in out
    assert "does not hold: missing fees.placement_loan" in out


def test_a_malformed_scenario_file_is_a_collection_error_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.scenarios.toml").write_text("[[scenario]]\nname = 'x'\n", "utf-8")
    code, out = _run(tmp_path, capsys)
    assert code == 2, out
    assert "as_of" in out


def test_a_test_asking_for_a_shipped_scenario_runs_once_per_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "test_law.py").write_text(SHIPPED_TEST, "utf-8")
    code, out = _run(tmp_path, capsys)
    assert code == 0, out
    assert f"{len(shipped_scenarios())} passed" in out
