"""``pmi-workflow store record``: one step on a stored case, through the service layer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import typer
from typer.testing import CliRunner

from pmi_workflow.cli.app import app
from pmi_workflow.store import SqliteStore
from pmi_workflow.testing import make_case

runner = CliRunner()


def _stored(tmp_path: Path) -> tuple[Path, str]:
    database = tmp_path / "cases.db"
    opp = {"type": "opp_certificate", "issued_on": "2024-05-10"}
    case = make_case("p2p", step="employment_contract_signed", documents={"opp-1": opp})
    with SqliteStore(database) as store:
        store.create(case)
    return database, case.case_id


def _record(database: Path, case_id: str, *extra: str) -> tuple[int, dict[str, object]]:
    result = runner.invoke(
        app,
        ["store", "record", case_id, "opp_completed", "--at", "2024-05-10T09:00:00+07:00",
         "--store", str(database), *extra],
    )  # fmt: skip
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, (json.loads(lines[-1]) if lines else {"stderr": result.stderr})


def test_recording_a_step_appends_it_and_prints_the_new_version(tmp_path: Path) -> None:
    database, case_id = _stored(tmp_path)
    code, result = _record(
        database, case_id, "--actor", "bp3mi", "--evidence", "opp-1", "--expected-version", "10"
    )
    assert code == 0, result
    assert (result["status"], result["version"], result["state"]) == (
        "recorded",
        11,
        "opp_completed",
    )
    with SqliteStore(database) as store:
        assert store.version(case_id) == 11


def test_a_stale_expected_version_exits_two_and_records_nothing(tmp_path: Path) -> None:
    database, case_id = _stored(tmp_path)
    result = runner.invoke(
        app,
        ["store", "record", case_id, "opp_completed", "--at", "2024-05-10T09:00:00+07:00",
         "--actor", "bp3mi", "--expected-version", "9", "--store", str(database)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "expected 9" in result.stderr
    with SqliteStore(database) as store:
        assert store.version(case_id) == 10


def test_a_refused_step_exits_one_with_its_findings(tmp_path: Path) -> None:
    database, case_id = _stored(tmp_path)
    result = runner.invoke(
        app,
        ["store", "record", case_id, "departed", "--at", "2024-05-20T09:00:00+07:00",
         "--actor", "bp3mi", "--store", str(database)],
    )  # fmt: skip
    assert result.exit_code == 1
    refused = json.loads(result.stdout.splitlines()[-1])
    assert refused["status"] == "refused"
    assert "procedure.step_missing" in {finding["code"] for finding in refused["findings"]}


def test_the_time_the_help_of_at_gives_as_an_example_is_read(tmp_path: Path) -> None:
    from pmi_workflow.cli.common import indonesian_help

    option = next(
        param
        for param in typer.main.get_command(app).commands["store"].commands["record"].params
        if param.name == "at"
    )
    for text in (option.help, indonesian_help(option.help)):
        example = re.search(r"\d\d/\d\d/\d{4} \d\d\S\d\d", text or "")
        assert example is not None, text
        database, case_id = _stored(tmp_path)
        result = runner.invoke(
            app,
            ["store", "record", case_id, "opp_completed", "--at", example.group(),
             "--actor", "bp3mi", "--store", str(database)],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        database.unlink()
