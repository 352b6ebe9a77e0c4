"""Licence data (``--registry FILE``) in the batch commands, the store and the district report.

The register revokes the SIP3MI of the P3MI that places the P to P and Re-Entry samples; the
other samples are placed by KP2MI, by a UKPS company whose permit the register lists, or by
no executor at all.
"""

from __future__ import annotations

import datetime
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from tests.licences import REVOKED_SIP3MI, SIP3MI
from typer.testing import CliRunner

from pmi_workflow.cli import engine, jobs
from pmi_workflow.cli.app import app
from pmi_workflow.reports.cli import app as report_app
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data
from pmi_workflow.store import SqliteStore
from pmi_workflow.testing import make_case

from .conftest import AS_OF, write_jsonl

runner = CliRunner()


REVOKED: dict[str, Any] = {
    "licences": [
        REVOKED_SIP3MI,
        {
            "kind": "ukps_permit",
            "number": "UKPS-2023-019",
            "holder": "PT Nusantara Konstruksi",
            "issued_on": "2023-06-01",
            "valid_until": "2028-06-01",
            "checked_at": "2024-05-30T10:00:00+07:00",
            "source": "Daftar izin UKPS Kemnaker",
        },
    ]
}
"""A register in which the samples' SIP3MI is revoked (since 2 January 2024)."""

REVOKED_TOML = f"""\
[[licences]]
kind = "sip3mi"
number = "{SIP3MI}"
status = "revoked"
revoked_on = 2024-01-02
checked_at = 2024-05-30T10:00:00+07:00
source = "Daftar P3MI BP3MI Banten"
"""

NIK = "3603121505950002"
NAME = "Budi Santoso"
BAD_ENTRY = {
    "kind": "sip3mi",
    "number": NIK,
    "status": NAME,
    "holder": NAME,
    "checked_at": f"{NAME} {NIK}",
    "source": NAME,
}
"""A register entry with personal data where it does not belong: never repeated."""


def _register(tmp_path: Path, data: dict[str, Any] = REVOKED, name: str = "izin.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), "utf-8")
    return path


def _samples(tmp_path: Path) -> Path:
    return write_jsonl(
        tmp_path / "cases.jsonl", [procedural_case_data(s) for s in PROCEDURAL_SCHEMES]
    )


def _results(output: str) -> dict[str, dict[str, Any]]:
    records = [json.loads(line) for line in output.splitlines() if line.strip()]
    return {record["case_id"]: record for record in records}


def _licence_findings(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in record["findings"] if f["code"] == "executor.licence_invalid"]


# -- validate and audit ---------------------------------------------------------------------


@pytest.mark.parametrize("workers", ["0", "2"])
@pytest.mark.parametrize("command", ["validate", "audit"])
def test_a_case_whose_sip3mi_the_register_revoked_is_non_procedural_only_with_the_register(
    tmp_path: Path, command: str, workers: str
) -> None:
    cases, register = _samples(tmp_path), _register(tmp_path)
    base = [command, str(cases), "--as-of", AS_OF, "--format", "jsonl", "--workers", workers]

    without = runner.invoke(app, base)
    assert without.exit_code == 0, without.output
    assert {r["status"] for r in _results(without.stdout).values()} == {"procedural"}

    checked = runner.invoke(app, [*base, "--registry", str(register)])
    assert checked.exit_code == 1, checked.output
    results = _results(checked.stdout)
    assert {case_id: r["status"] for case_id, r in results.items()} == {
        "CASE-P2P-0001": "non_procedural",
        "CASE-G2G-0001": "procedural",
        "CASE-UKPS-0001": "procedural",
        "CASE-IND-0001": "procedural",
        "CASE-RE-0001": "non_procedural",
    }
    [finding, *_] = _licence_findings(results["CASE-P2P-0001"])
    assert finding["severity"] == "error"
    assert finding["compared"] == {"licence": "SIP3MI", "number": SIP3MI, "reason": "revoked"}
    assert not _licence_findings(results["CASE-UKPS-0001"])  # the register lists its permit


def test_a_toml_register_is_read_as_well_as_a_json_one(tmp_path: Path) -> None:
    register = tmp_path / "izin.toml"
    register.write_text(REVOKED_TOML, "utf-8")
    cases = write_jsonl(tmp_path / "cases.jsonl", [procedural_case_data("p2p")])
    result = runner.invoke(
        app, ["validate", str(cases), "--as-of", AS_OF, "--format", "jsonl",
              "--registry", str(register)],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    [record] = _results(result.stdout).values()
    assert _licence_findings(record)[0]["compared"]["reason"] == "revoked"


def test_impact_judges_both_policies_with_the_register(tmp_path: Path) -> None:
    overlay = tmp_path / "same.toml"
    overlay.write_text("", "utf-8")
    cases = write_jsonl(tmp_path / "cases.jsonl", [procedural_case_data("p2p")])
    base = ["impact", str(cases), "--new", str(overlay), "--as-of", AS_OF, "--format", "jsonl"]
    plain = runner.invoke(app, base)
    assert plain.exit_code == 0, plain.output
    [before] = _results(plain.stdout).values()
    assert before["after"] == "procedural"
    checked = runner.invoke(app, [*base, "--registry", str(_register(tmp_path))])
    [record] = _results(checked.stdout).values()
    assert (record["before"], record["after"], record["verdict_changed"]) == (
        "non_procedural",
        "non_procedural",
        False,
    )
    assert _licence_findings(record)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('{"licences": [', "not valid JSON"),
        ('{"licence": []}', "'licences' list"),
        (json.dumps({"licences": [BAD_ENTRY]}), "licences.0.status"),
    ],
    ids=["broken-json", "no-licences-list", "bad-entry"],
)
@pytest.mark.parametrize("command", ["validate", "audit", "impact"])
def test_a_bad_register_exits_two_naming_the_file_before_any_case_is_judged(
    tmp_path: Path, command: str, content: str, said: str
) -> None:
    register = tmp_path / "izin.json"
    register.write_text(content, "utf-8")
    args = [command, str(_samples(tmp_path)), "--as-of", AS_OF, "--registry", str(register)]
    if command == "impact":
        overlay = tmp_path / "same.toml"
        overlay.write_text("", "utf-8")
        args += ["--new", str(overlay)]
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing was judged
    assert "izin.json" in result.stderr
    assert said in result.stderr
    assert "Traceback" not in result.output
    assert NIK not in result.output
    assert "Budi" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_register_that_cannot_be_found_is_named_in_indonesian_too(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["validate", str(_samples(tmp_path)), "--as-of", AS_OF, "--lang", "id",
         "--registry", str(tmp_path / "tidak-ada.json")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "tidak-ada.json" in result.stderr
    assert "berkas data perizinan tidak dapat dibaca" in result.stderr
    assert "Traceback" not in result.output


def test_every_judging_command_offers_the_one_registry_option() -> None:
    for command in (
        ["validate"], ["audit"], ["impact"], ["screen"], ["report"], ["serve"],
        ["store", "import"], ["store", "record"],
    ):  # fmt: skip
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, result.output
        text = " ".join(result.stdout.split())
        assert "--registry FILE" in text, command
        assert "Licence data (SIP3MI, SIP2MI, UKPS permits; JSON or TOML)" in text, command


def test_the_registry_option_has_its_indonesian_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMI_WORKFLOW_LANG", "id")
    result = runner.invoke(app, ["validate", "--help"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Data perizinan (SIP3MI, SIP2MI, izin UKPS) dalam berkas JSON atau TOML" in text


# -- the jobs -------------------------------------------------------------------------------


def test_the_settings_carry_the_register_by_name_to_worker_processes(tmp_path: Path) -> None:
    settings = jobs.Settings(
        as_of=datetime.date(2024, 6, 1), registry_file=str(_register(tmp_path))
    )
    assert pickle.loads(pickle.dumps(settings)) == settings


def test_a_register_is_read_once_per_process_and_shared_by_one_workflow(tmp_path: Path) -> None:
    name = str(_register(tmp_path))
    registry = jobs.load_registry(name)
    assert registry is not None
    assert jobs.load_registry(name) is registry
    assert jobs.load_registry(None) is None
    policy = jobs.load_policy(())
    assert engine.workflow_for(policy, registry) is engine.workflow_for(policy, registry)
    assert engine.workflow_for(policy, registry).registry is registry
    assert engine.workflow_for(policy).registry is None


# -- the store --------------------------------------------------------------------------------


def test_store_import_stores_the_verdict_judged_with_the_register(tmp_path: Path) -> None:
    cases = write_jsonl(tmp_path / "cases.jsonl", [procedural_case_data("p2p")])
    verdicts = {}
    for name, extra in (("plain", []), ("checked", ["--registry", str(_register(tmp_path))])):
        database = tmp_path / f"{name}.db"
        result = runner.invoke(
            app,
            ["store", "import", str(cases), "--store", str(database), "--as-of", AS_OF, *extra],
        )
        assert result.exit_code == 0, result.output
        with SqliteStore(database) as store:
            verdicts[name] = store.summary("CASE-P2P-0001").verdict
    assert verdicts == {"plain": "procedural", "checked": "non_procedural"}


def test_store_record_refuses_departure_when_the_register_revoked_the_sip3mi(
    tmp_path: Path,
) -> None:
    outcomes = {}
    for name, extra in (("plain", []), ("checked", ["--registry", str(_register(tmp_path))])):
        database = tmp_path / f"{name}.db"
        with SqliteStore(database) as store:
            store.create(make_case("p2p", step="opp_completed"))
        result = runner.invoke(
            app,
            ["store", "record", "CASE-P2P-0001", "departed", "--at", "2024-05-20T09:00:00+07:00",
             "--actor", "immigration", "--store", str(database), *extra],
        )  # fmt: skip
        line = json.loads(result.stdout.strip().splitlines()[-1])
        outcomes[name] = (result.exit_code, line["status"])
        if name == "checked":
            assert [f["code"] for f in line["findings"]] == ["executor.licence_invalid"]
    assert outcomes == {"plain": (0, "recorded"), "checked": (1, "refused")}


def test_a_bad_register_stops_the_store_before_anything_is_written(tmp_path: Path) -> None:
    register = tmp_path / "izin.json"
    register.write_text("{", "utf-8")
    database = tmp_path / "cases.db"
    with SqliteStore(database) as store:
        store.create(make_case("p2p", step="opp_completed"))
    result = runner.invoke(
        app,
        ["store", "record", "CASE-P2P-0001", "departed", "--at", "2024-05-20T09:00:00+07:00",
         "--actor", "immigration", "--store", str(database), "--registry", str(register)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "izin.json" in result.stderr
    assert "Traceback" not in result.output
    with SqliteStore(database) as store:
        assert store.version("CASE-P2P-0001") == 11


@pytest.mark.parametrize("command", ["import", "record"])
def test_the_store_names_a_bad_register_in_indonesian_when_the_run_is_indonesian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("PMI_WORKFLOW_LANG", "id")
    register = tmp_path / "izin.json"
    register.write_text("{", "utf-8")
    database = tmp_path / "cases.db"
    args = {
        "import": ["import", str(_samples(tmp_path))],
        "record": ["record", "CASE-P2P-0001", "departed", "--at", "2024-05-20T09:00:00+07:00",
                   "--actor", "immigration"],
    }[command]  # fmt: skip
    result = runner.invoke(
        app, ["store", *args, "--store", str(database), "--registry", str(register)]
    )
    assert result.exit_code == 2
    assert "izin.json" in result.stderr
    assert "isi berkas data perizinan bukan JSON atau TOML yang valid" in result.stderr
    assert "error:" not in result.stderr
    assert "invalid input" not in result.stderr


# -- the district report ----------------------------------------------------------------------


def test_the_district_report_counts_the_licence_findings_of_the_register(tmp_path: Path) -> None:
    from pmi_workflow.reports.synthetic import district_sample

    cases, _ = district_sample()
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(case.to_json() for case in cases), "utf-8")
    base = [str(path), "--regency", "3603", "--from", "2024-01-01", "--to", "2024-12-31",
            "--format", "json"]  # fmt: skip

    def outcomes(*extra: str) -> tuple[int, set[str]]:
        result = runner.invoke(report_app, [*base, "--top", "50", *extra])
        assert result.exit_code == 0, result.output
        found = json.loads(result.stdout)["outcomes"]
        return found["non_procedural"], {item["code"] for item in found["top_findings"]}

    plain_count, plain_codes = outcomes()
    count, codes = outcomes("--registry", str(_register(tmp_path)))
    assert "executor.licence_invalid" not in plain_codes
    assert "executor.licence_invalid" in codes
    assert count > plain_count


def test_the_district_report_refuses_a_bad_register(tmp_path: Path) -> None:
    register = tmp_path / "izin.json"
    register.write_text("[]", "utf-8")
    result = runner.invoke(report_app, ["--sample", "--registry", str(register), "--lang", "en"])
    assert result.exit_code == 2
    assert "izin.json" in result.stderr
    assert "Traceback" not in result.output
