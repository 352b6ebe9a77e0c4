"""Every command on every hostile input: exit code 2, a clear message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import FILES, NIK, POLICIES, RECORD_VARIANTS, RECORDS, Hostile
from typer.testing import CliRunner

from pmi_workflow.cli.app import app

REPORT = ["--regency", "3603", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json"]
VALID_POLICY = '[[limits]]\nid = "placement.minimum_age"\nvalue = 18\n'


def _commands(file: str, store: Path) -> dict[str, list[str]]:
    return {
        "validate": ["validate", file, "--format", "jsonl"],
        "audit": ["audit", file, "--format", "json"],
        "impact": ["impact", file, "--new", str(store.parent / "new.toml"), "--format", "jsonl"],
        "store import": ["store", "import", file, "--store", str(store)],
        "report": ["report", file, *REPORT],
    }


def _run(arguments: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, arguments)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback from {arguments[0]}") from result.exception
    return result.exit_code, result.stdout + result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "new.toml").write_text("", "utf-8")
    return tmp_path


COMMANDS = ("validate", "audit", "impact", "store import", "report")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("hostile", RECORDS + RECORD_VARIANTS + FILES, ids=lambda item: item.name)
def test_every_command_refuses_each_hostile_input_with_exit_2(
    hostile: Hostile, command: str, folder: Path
) -> None:
    path = hostile.write(folder)
    code, output = _run(_commands(str(path), folder / "store.db")[command])
    assert code == 2, output
    mentions = hostile.mentions
    if command == "report":  # its own reader names the file (JSON only, places as "record 0")
        mentions = (path.name,)
    for mention in mentions:
        assert mention in output, (mention, output)
    for value in (NIK, "Siti Aminah", "C1234567", "\x1b", "\udc80"):
        assert value not in output


POLICY_COMMANDS = {
    "validate": lambda policy, cases: ["validate", cases, "--policy", policy],
    "audit": lambda policy, cases: ["audit", cases, "--policy", policy],
    "rules": lambda policy, cases: ["rules", "--policy", policy, "--format", "json"],
    "impact": lambda policy, cases: ["impact", cases, "--new", policy],
    "report": lambda policy, cases: ["report", cases, *REPORT, "--policy", policy],
}


@pytest.mark.parametrize("command", sorted(POLICY_COMMANDS))
@pytest.mark.parametrize("hostile", POLICIES, ids=lambda item: item.name)
def test_every_command_refuses_each_hostile_policy_file_with_exit_2(
    hostile: Hostile, command: str, folder: Path
) -> None:
    from pmi_workflow.samples import procedural_case_data

    cases = folder / "cases.jsonl"
    cases.write_text(__import__("json").dumps(procedural_case_data("p2p")) + "\n", "utf-8")
    policy = hostile.write(folder)
    code, output = _run(POLICY_COMMANDS[command](str(policy), str(cases)))
    assert code == 2, output
    for mention in hostile.mentions:
        assert mention in output, (mention, output)


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (lambda folder: ["--out", str(folder)], "is a folder"),
        (lambda folder: ["--out", str(folder / "missing" / "report.html")], "does not exist"),
        (lambda folder: ["--out-dir", str(folder / "new.toml")], "is a file"),
    ],
    ids=["out_is_a_folder", "out_in_a_missing_folder", "out_dir_is_a_file"],
)
def test_report_refuses_an_unwritable_output_path_before_any_work(
    arguments: object, named: str, folder: Path
) -> None:
    code, output = _run(["report", "--sample", "--format", "html", *arguments(folder)])  # type: ignore[operator]
    assert code == 2
    assert named in output
    assert not (folder / "missing").exists()


def test_every_hostile_record_in_one_file_with_worker_processes(folder: Path) -> None:
    import json

    lines = [json.dumps(item.record) for item in RECORDS]
    path = folder / "all.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    code, output = _run(["validate", str(path), "--workers", "2", "--format", "jsonl"])
    assert code == 2
    results = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert [result["position"] for result in results] == [
        f"line {number}" for number in range(1, len(RECORDS) + 1)
    ]
    assert {result["status"] for result in results} == {"invalid"}
    assert NIK not in output
