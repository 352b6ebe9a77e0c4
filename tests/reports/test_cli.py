"""The ``report`` command."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pmi_workflow.reports.cli import app, register
from pmi_workflow.reports.synthetic import district_sample

RUNNER = CliRunner()
CASES, SESSIONS = district_sample()


def write_inputs(tmp_path: Path) -> tuple[Path, Path]:
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(case.to_json() for case in CASES), "utf-8")
    sessions = tmp_path / "sessions.json"
    sessions.write_text(json.dumps([s.model_dump(mode="json") for s in SESSIONS]), "utf-8")
    return cases, sessions


def test_the_report_command_writes_json_for_a_regency_and_period(tmp_path: Path) -> None:
    cases, sessions = write_inputs(tmp_path)
    result = RUNNER.invoke(
        app,
        [
            str(cases),
            "--sessions",
            str(sessions),
            "--regency",
            "3603",
            "--from",
            "1 Januari 2024",
            "--to",
            "31/12/2024",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    assert data["sessions"]["reached"] == 160
    assert data["outcomes"]["non_procedural"] == 4
    assert data["includes_personal_data"] is False


def test_out_dir_gets_json_csv_and_html(tmp_path: Path) -> None:
    cases, sessions = write_inputs(tmp_path)
    out = tmp_path / "out"
    result = RUNNER.invoke(
        app,
        [
            str(cases),
            "--sessions",
            str(sessions),
            "--regency",
            "3603",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--out-dir",
            str(out),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["report.csv", "report.html", "report.json"]
    rows = list(csv.reader(io.StringIO((out / "report.csv").read_text("utf-8"))))
    assert rows[0] == ["section", "key", "measure", "value"]
    assert 'id="lang-en" checked' in (out / "report.html").read_text("utf-8")


def test_personal_data_appears_only_with_the_explicit_flag(tmp_path: Path) -> None:
    cases, sessions = write_inputs(tmp_path)
    common = [
        str(cases),
        "--sessions",
        str(sessions),
        "--regency",
        "3603",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
        "--format",
        "csv",
    ]
    nik = CASES[0].applicant.nik.reveal()
    plain = RUNNER.invoke(app, common)
    assert plain.exit_code == 0
    assert nik not in plain.stdout
    personal = RUNNER.invoke(app, [*common, "--include-personal-data"])
    assert personal.exit_code == 0
    assert nik in personal.stdout


def test_the_sample_data_needs_no_files(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = RUNNER.invoke(app, ["--sample", "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert "<svg" in target.read_text("utf-8")


def test_bad_input_exits_with_2_and_a_message_not_a_traceback(tmp_path: Path) -> None:
    cases, _ = write_inputs(tmp_path)
    bad_regency = RUNNER.invoke(
        app, [str(cases), "--regency", "36", "--from", "2024-01-01", "--to", "2024-12-31"]
    )
    assert bad_regency.exit_code == 2
    assert "4 digits" in bad_regency.output
    assert "Traceback" not in bad_regency.output
    bad_date = RUNNER.invoke(
        app, [str(cases), "--regency", "3603", "--from", "kemarin", "--to", "2024-12-31"]
    )
    assert bad_date.exit_code == 2
    missing = RUNNER.invoke(
        app,
        [
            str(tmp_path / "none.json"),
            "--regency",
            "3603",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
        ],
    )
    assert missing.exit_code == 2
    assert "cannot open the file" in missing.output
    no_period = RUNNER.invoke(app, [str(cases), "--regency", "3603"])
    assert no_period.exit_code == 2
    bad_format = RUNNER.invoke(app, ["--sample", "--format", "pdf"])
    assert bad_format.exit_code == 2


def test_the_command_mounts_into_a_larger_application() -> None:
    main = typer.Typer()

    @main.command()
    def version() -> None:
        """Print the version."""

    register(main)
    result = RUNNER.invoke(main, ["report", "--sample", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["regency_code"] == "3603"


def test_an_agency_policy_file_changes_the_audit(tmp_path: Path) -> None:
    cases, sessions = write_inputs(tmp_path)
    policy = tmp_path / "policy.toml"
    policy.write_text(
        "[[information_topics]]\n"
        'id = "pp-59-2021/pasal-4"\n'
        'topics = ["placement_costs"]\n'
        "effective_from = 2021-04-30\n"
        'source = "agency practice"\n',
        "utf-8",
    )
    common = [
        str(cases),
        "--sessions",
        str(sessions),
        "--regency",
        "3603",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
        "--format",
        "json",
    ]
    default = json.loads(RUNNER.invoke(app, common).stdout)
    narrowed = json.loads(RUNNER.invoke(app, [*common, "--policy", str(policy)]).stdout)
    codes = {item["code"] for item in default["outcomes"]["top_findings"]}
    assert "procedure.information_incomplete" in codes
    narrowed_codes = {item["code"] for item in narrowed["outcomes"]["top_findings"]}
    assert "procedure.information_incomplete" not in narrowed_codes
    broken = tmp_path / "broken.toml"
    broken.write_text("[[information_topics]]\nid = 3\n", "utf-8")
    result = RUNNER.invoke(app, [*common, "--policy", str(broken)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_importing_the_reports_does_not_import_typer() -> None:
    code = (
        "import sys, pmi_workflow.reports, pmi_workflow.reports.render;"
        "assert 'typer' not in sys.modules and 'rich' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_report_csv_never_starts_a_cell_with_a_formula(tmp_path: Path) -> None:
    import csv
    import io
    import json

    from typer.testing import CliRunner

    from pmi_workflow.cli.app import app
    from pmi_workflow.samples import procedural_case_data

    data = procedural_case_data("p2p")
    data["applicant"]["address"]["district"] = '=HYPERLINK("http://evil","OK")'
    data["applicant"]["address"]["village"] = "@SUM(A1)"
    data["applicant"]["name"] = "@Budi Santoso"
    data["case_id"] = "=1+2"
    for event in data["history"]:
        event["case_id"] = data["case_id"]
    file = tmp_path / "cases.jsonl"
    file.write_text(json.dumps(data) + "\n", "utf-8")
    result = CliRunner().invoke(
        app,
        ["report", str(file), "--regency", "3603", "--from", "2024-01-01", "--to", "2024-12-31",
         "--format", "csv", "--include-personal-data"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    assert "'=1+2" in cells
    assert "'@Budi Santoso" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def _language(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PMI_WORKFLOW_LANG", lang)


ON_ITS_OWN = [
    pytest.param(["--bogus"], "--bogus", id="unknown option"),
    pytest.param(["--sample", "--format", "pdf"], "--format", id="a value the command refuses"),
    pytest.param(["--sample", "--top", "abc"], "--top", id="not a number"),
]


@pytest.mark.parametrize(("args", "named"), ON_ITS_OWN)
def test_the_report_run_on_its_own_words_its_usage_errors_in_the_message_language(
    args: list[str], named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _language(monkeypatch, "id")
    result = RUNNER.invoke(app, args, prog_name="laporan")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        "Cara pakai: laporan [PILIHAN] [cases_file]",
        "Coba 'laporan --help' untuk bantuan.",
    ]
    assert lines[-1].startswith("kesalahan: ")
    assert named in lines[-1]
    for english in ("Usage", "Error", "Try", "No such", "Invalid value", "╭"):
        assert english not in result.stderr
    _language(monkeypatch, "en")
    result = RUNNER.invoke(app, args, prog_name="laporan")
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: laporan [OPTIONS] [cases_file]\n")
    assert "Error: " in result.stderr
    assert named in result.stderr


def test_the_report_run_on_its_own_shows_its_help_in_the_message_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _language(monkeypatch, "id")
    page = RUNNER.invoke(app, ["--help"], prog_name="laporan").stdout
    assert page.startswith("Cara pakai: laporan [PILIHAN]")
    assert "Menulis laporan kabupaten/kota" in page
    assert "Pilihan:" in page
    assert "Write the district report" not in page
    _language(monkeypatch, "en")
    page = RUNNER.invoke(app, ["--help"], prog_name="laporan").stdout
    assert "Write the district report" in page
