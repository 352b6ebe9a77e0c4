"""End to end through the installed ``pmi-workflow`` console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import AS_OF, EXAMPLES

_SCRIPT = Path(sys.executable).with_name("pmi-workflow")
SCRIPT = str(_SCRIPT) if _SCRIPT.exists() else shutil.which("pmi-workflow")

pytestmark = pytest.mark.skipif(SCRIPT is None, reason="the console script is not installed")

NIK = "3603121505950002"


def run(*arguments: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the console script with a plain (non-terminal) environment."""
    assert SCRIPT is not None
    env = {**os.environ, "COLUMNS": "160", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [SCRIPT, *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def test_demo_runs_and_shows_every_case() -> None:
    result = run("demo", "--format", "table")
    assert result.returncode == 0, result.stderr
    for case_id in ("CASE-P2P-0001", *(f"CASE-DEMO-000{n}" for n in range(2, 7))):
        assert case_id in result.stdout
    assert "fees.exempt_occupation_charged" in result.stdout
    assert NIK not in result.stdout


def test_piped_validate_is_quiet_json_lines_in_input_order() -> None:
    result = run("validate", str(EXAMPLES / "cases.jsonl"), "--as-of", AS_OF)
    assert result.returncode == 1
    assert result.stderr == ""
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["position"] for r in records] == [f"line {n}" for n in range(1, 11)]


def test_audit_with_two_workers_from_csv() -> None:
    result = run("audit", str(EXAMPLES / "cases.csv"), "--as-of", AS_OF, "--workers", "2")
    assert result.returncode == 1, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["position"] for r in records] == [f"row {n}" for n in range(2, 12)]
    assert all(r["state"] for r in records)


def test_bad_records_exit_two_and_are_each_reported() -> None:
    result = run("validate", str(EXAMPLES / "bad-records.jsonl"), "--format", "table")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for line in range(1, 5):
        assert f"line {line}" in result.stdout


def test_a_missing_file_exits_two_without_a_traceback() -> None:
    result = run("audit", "/no/such/cases.jsonl")
    assert result.returncode == 2
    assert "cannot open the file" in result.stderr
    assert "Traceback" not in result.stderr


def test_standard_input_is_read() -> None:
    text = (EXAMPLES / "schemes" / "ukps.json").read_text("utf-8")
    result = run("validate", "-", "--as-of", AS_OF, stdin=text)
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["status"] == "procedural"


def test_explain_rules_diagram_and_schema_commands() -> None:
    explained = run("explain", "documents.visa_not_work", "--lang", "id", "--format", "table")
    assert explained.returncode == 0
    assert "UU 18/2017 Pasal 13 huruf f" in explained.stdout
    rules = run("rules", "--as-of", "2016-01-01")
    assert rules.returncode == 0
    assert all(json.loads(line)["source"] for line in rules.stdout.splitlines())
    diagram = run("diagram", "--scheme", "g2g")
    assert diagram.stdout.startswith("stateDiagram-v2")
    schema = run("schema")
    assert json.loads(schema.stdout)["$id"].endswith("case-v1.json")


def test_impact_between_two_policies(tmp_path: Path) -> None:
    lifted = tmp_path / "lifted.toml"
    lifted.write_text(
        '[[closure]]\nid = "kepmenaker-260-2015/SA"\ndestination = "SA"\n'
        'scope = "domestic_individual_employer"\neffective_from = 2015-07-01\n'
        'effective_to = 2023-12-31\nsource = "test overlay"\n',
        "utf-8",
    )
    result = run("impact", str(EXAMPLES / "cases.json"), "--new", str(lifted), "--as-of", AS_OF)
    changed = [
        json.loads(line)["case_id"]
        for line in result.stdout.splitlines()
        if json.loads(line)["verdict_changed"]
    ]
    assert changed == ["CASE-DEMO-0003"]


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("validate", "audit", "impact", "explain", "rules", "diagram", "schema", "demo"):
        assert command in result.stdout


def test_importing_the_library_does_not_import_the_command_line_dependencies() -> None:
    code = (
        "import sys, pmi_workflow, pmi_workflow.io; "
        "print('typer' in sys.modules, 'rich' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False False"


def test_store_import_show_and_verify(tmp_path: Path) -> None:
    database = str(tmp_path / "cases.db")
    assert run("store", "init", "--store", database).returncode == 0
    imported = run("store", "import", str(EXAMPLES / "cases.csv"), "--store", database)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert len(imported.stdout.splitlines()) == 10
    shown = run("store", "show", "--store", database)
    assert len(shown.stdout.splitlines()) == 10
    verified = run("store", "verify", "--store", database)
    assert verified.returncode == 0
    assert json.loads(verified.stdout)["events_checked"] == 130


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_progress_bar_shows_on_a_terminal_and_the_output_stays_clean() -> None:
    import pty

    assert SCRIPT is not None
    controller, terminal = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    process = subprocess.Popen(
        [SCRIPT, "audit", str(EXAMPLES / "cases.jsonl"), "--as-of", AS_OF],
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    stdout, _ = process.communicate(timeout=120)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert process.returncode == 1
    assert b"10/10" in shown  # the progress bar with its total, on the terminal only
    lines = stdout.decode().splitlines()
    assert len(lines) == 10
    assert all(json.loads(line)["status"] for line in lines)


@pytest.mark.parametrize(
    "arguments",
    [("rules",), ("demo",), ("test", "--format", "jsonl"), ("schema",)],
    ids=["rules", "demo", "scenarios", "schema"],
)
def test_a_reader_that_stops_early_ends_the_run_quietly_with_exit_zero(
    arguments: tuple[str, ...],
) -> None:
    """``pmi-workflow … | head -1``: exit code 1 means findings, so a closed pipe is not 1."""
    assert SCRIPT is not None
    env = {**os.environ, "COLUMNS": "160", "PYTHONIOENCODING": "utf-8"}
    with subprocess.Popen(
        [SCRIPT, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # the reader has gone
        code = process.wait(timeout=120)
        stderr = process.stderr.read().decode("utf-8", "replace")
    assert code == 0, stderr
    assert "Traceback" not in stderr


def _with_a_too_long_number(directory: Path) -> Path:
    good = json.dumps(json.loads((EXAMPLES / "demo" / "procedural.json").read_text("utf-8")))
    bad = '{"case_id": "X", "schema_version": 1' + "0" * 5000 + "}"
    path = directory / "cases.jsonl"
    path.write_text(f"{good}\n{bad}\n{good}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "arguments",
    [("validate",), ("audit",), ("validate", "--workers", "2"), ("store-import",), ("stdin",)],
    ids=lambda arguments: "-".join(arguments),
)
def test_a_line_with_a_too_long_number_is_invalid_and_the_batch_goes_on(
    tmp_path: Path, arguments: tuple[str, ...]
) -> None:
    path = _with_a_too_long_number(tmp_path)
    if arguments == ("store-import",):
        result = run("store", "import", str(path), "--store", str(tmp_path / "cases.db"))
    elif arguments == ("stdin",):
        result = run("validate", "-", "--as-of", AS_OF, stdin=path.read_text("utf-8"))
    else:
        result = run(arguments[0], str(path), "--as-of", AS_OF, *arguments[1:])
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "sys.set_int_max_str_digits" not in result.stdout + result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [line["position"] for line in lines] == ["line 1", "line 2", "line 3"]
    assert lines[1]["status"] == "invalid"
    assert lines[1]["problems"][0]["where"] == "schema_version"
