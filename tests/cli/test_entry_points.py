"""The command line is reachable as a console script and as ``python -m pmi_workflow``."""

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("pmi-workflow")


def test_python_dash_m_runs_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pmi_workflow", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    for command in ("validate", "audit", "explain", "rules", "diagram", "demo", "report", "store"):
        assert command in result.stdout


def test_the_district_report_is_a_command_of_the_main_program(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = subprocess.run(
        [str(SCRIPT), "report", "--sample", "--format", "json", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["sessions"]["held"] == 2
