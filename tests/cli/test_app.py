"""The command line in-process (typer's CliRunner): options, exit codes, output."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pmi_workflow.cli.app import app
from pmi_workflow.enums import Scheme
from pmi_workflow.rules import CATALOG
from pmi_workflow.samples import procedural_case_data

from .conftest import AS_OF, EXAMPLES, write_jsonl

runner = CliRunner()
NIK = "3603121505950002"


def _drop_versions(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key != "policy_versions"}


def _lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


# -- validate ----------------------------------------------------------------------------


def test_validate_exits_zero_when_every_case_is_procedural(procedural_file: Path) -> None:
    result = runner.invoke(app, ["validate", str(procedural_file), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    statuses = [record["status"] for record in _lines(result.stdout)]
    assert statuses == ["procedural"] * 5


def test_validate_exits_one_when_a_case_has_error_findings(tmp_path: Path) -> None:
    data = procedural_case_data("p2p")
    data["applicant"]["birth_date"] = "2006-08-01"
    data["applicant"]["nik"] = "3603120108060002"
    path = write_jsonl(tmp_path / "c.jsonl", [data])
    result = runner.invoke(app, ["validate", str(path), "--as-of", AS_OF])
    assert result.exit_code == 1
    [record] = _lines(result.stdout)
    assert record["status"] == "non_procedural"
    assert "eligibility.age_below_minimum" in {f["code"] for f in record["findings"]}


def test_validate_gives_one_result_per_record_in_order_and_exits_two_on_bad_input(
    mixed_file: Path,
) -> None:
    result = runner.invoke(app, ["validate", str(mixed_file), "--as-of", AS_OF])
    assert result.exit_code == 2
    records = _lines(result.stdout)
    assert [r["position"] for r in records] == [f"line {n}" for n in range(1, 9)]
    assert records[2]["status"] == "invalid"
    assert records[2]["problems"][0]["kind"] == "json"
    assert records[7]["status"] == "invalid"
    assert records[7]["case_id"] == "BAD-NIK"


def test_no_output_format_shows_an_unmasked_nik(mixed_file: Path) -> None:
    for fmt in ("table", "json", "jsonl"):
        result = runner.invoke(
            app, ["validate", str(mixed_file), "--as-of", AS_OF, "--format", fmt]
        )
        assert NIK not in result.output
        assert "Budi Santoso" not in result.output


def test_table_output_speaks_the_chosen_language(tmp_path: Path) -> None:
    path = EXAMPLES / "demo" / "under_age.json"
    result_id = runner.invoke(
        app, ["validate", str(path), "--as-of", AS_OF, "--format", "table", "--lang", "id"]
    )
    result_en = runner.invoke(
        app, ["validate", str(path), "--as-of", AS_OF, "--format", "table", "--lang", "en"]
    )
    assert "di bawah batas usia minimal" in result_id.stdout
    assert "nonprosedural" in result_id.stdout
    assert "below the minimum age" in result_en.stdout
    assert "1 cases" in result_en.stdout


def test_json_output_is_one_valid_array(procedural_file: Path) -> None:
    result = runner.invoke(
        app, ["validate", str(procedural_file), "--as-of", AS_OF, "--format", "json"]
    )
    assert len(json.loads(result.stdout)) == 5


def test_two_workers_give_the_same_results_in_the_same_order(mixed_file: Path) -> None:
    one = runner.invoke(app, ["validate", str(mixed_file), "--as-of", AS_OF])
    two = runner.invoke(app, ["validate", str(mixed_file), "--as-of", AS_OF, "--workers", "2"])
    assert one.exit_code == two.exit_code == 2
    # Policy version ids are left out: they are not yet stable across processes.
    assert [_drop_versions(r) for r in _lines(one.stdout)] == [
        _drop_versions(r) for r in _lines(two.stdout)
    ]


def test_csv_with_indonesian_dates_validates_like_json() -> None:
    from_csv = runner.invoke(app, ["validate", str(EXAMPLES / "cases.csv"), "--as-of", AS_OF])
    from_json = runner.invoke(app, ["validate", str(EXAMPLES / "cases.jsonl"), "--as-of", AS_OF])
    statuses_csv = [(r["case_id"], r["status"]) for r in _lines(from_csv.stdout)]
    statuses_json = [(r["case_id"], r["status"]) for r in _lines(from_json.stdout)]
    assert statuses_csv == statuses_json
    assert ("CASE-DEMO-0002", "non_procedural") in statuses_csv


def test_an_as_of_date_written_as_eight_digits_is_year_month_day() -> None:
    cases = str(EXAMPLES / "cases.jsonl")
    compact = runner.invoke(app, ["validate", cases, "--as-of", "20240601"])
    iso = runner.invoke(app, ["validate", cases, "--as-of", "2024-06-01"])
    assert compact.exit_code == iso.exit_code
    assert [(r["case_id"], r["status"], r["as_of"]) for r in _lines(compact.stdout)] == [
        (r["case_id"], r["status"], r["as_of"]) for r in _lines(iso.stdout)
    ]


def test_a_birth_date_written_as_eight_digits_is_year_month_day(tmp_path: Path) -> None:
    record = procedural_case_data("p2p")
    record["applicant"]["nik"] = "3603120105950002"  # born 1 May 1995
    record["applicant"]["birth_date"] = "19950501"
    path = tmp_path / "compact.json"
    path.write_text(json.dumps(record), "utf-8")
    result = runner.invoke(app, ["validate", str(path), "--as-of", AS_OF])
    [line] = _lines(result.stdout)
    assert line["status"] == "procedural", line


def test_standard_input_is_read_when_the_file_is_a_dash() -> None:
    text = json.dumps(procedural_case_data("g2g")) + "\n"
    result = runner.invoke(app, ["validate", "-", "--as-of", AS_OF], input=text)
    assert result.exit_code == 0
    assert _lines(result.stdout)[0]["position"] == "line 1"


def test_the_date_judged_changes_the_verdict() -> None:
    path = str(EXAMPLES / "schemes" / "p2p.json")
    before = runner.invoke(app, ["validate", path, "--as-of", "1 Juni 2024"])
    assert before.exit_code == 0
    record = _lines(before.stdout)[0]
    assert record["as_of"] == "2024-06-01"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["validate", "/no/such/file.jsonl"], "cannot open the file"),
        (["validate", "{examples}/cases.jsonl", "--as-of", "31/02/2024"], "--as-of"),
        (["validate", "{examples}/cases.jsonl", "--policy", "/no/policy.toml"], "policy.toml"),
        (["explain", "eligibility.age_below_minimun"], "eligibility.age_below_minimum"),
        (["diagram", "--scheme", "teleport"], "unknown scheme"),
        (["impact", "{examples}/cases.jsonl"], "--new"),
    ],
)
def test_bad_input_exits_two_with_a_message_and_no_traceback(
    arguments: list[str], message: str
) -> None:
    arguments = [part.replace("{examples}", str(EXAMPLES)) for part in arguments]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_bad_policy_file_is_named_with_its_problem(tmp_path: Path) -> None:
    policy = tmp_path / "agency.toml"
    policy.write_text("[[closure]]\nid = 3\n", "utf-8")
    result = runner.invoke(
        app, ["validate", str(EXAMPLES / "cases.jsonl"), "--policy", str(policy)]
    )
    assert result.exit_code == 2
    assert "agency.toml" in result.output


def test_an_unknown_option_is_a_usage_error() -> None:
    result = runner.invoke(app, ["validate", "x.jsonl", "--colour"])
    assert result.exit_code == 2


# -- audit and impact ---------------------------------------------------------------------


def test_audit_reports_the_state_reached_and_the_findings() -> None:
    result = runner.invoke(app, ["audit", str(EXAMPLES / "demo" / "no_opp.json"), "--as-of", AS_OF])
    assert result.exit_code == 1
    [record] = _lines(result.stdout)
    assert record["state"] == "started_work"
    assert record["events"] == record["events_judged"] == 13
    assert "procedure.step_missing" in {f["code"] for f in record["findings"]}


_LIFTED_SAUDI_BAN = """
[[closure]]
id = "kepmenaker-260-2015/SA"
destination = "SA"
scope = "domestic_individual_employer"
effective_from = 2015-07-01
effective_to = 2023-12-31
source = "test overlay: the moratorium lifted"
"""


def test_impact_lists_the_cases_whose_verdict_changes(tmp_path: Path) -> None:
    new = tmp_path / "lifted.toml"
    new.write_text(_LIFTED_SAUDI_BAN, "utf-8")
    result = runner.invoke(
        app,
        ["impact", str(EXAMPLES / "cases.jsonl"), "--new", str(new), "--as-of", AS_OF],
    )
    records = _lines(result.stdout)
    changed = [r["case_id"] for r in records if r["verdict_changed"]]
    assert changed == ["CASE-DEMO-0003"]
    [banned] = [r for r in records if r["case_id"] == "CASE-DEMO-0003"]
    assert banned["removed"] == ["destination.domestic_individual_employer_banned"]
    assert (banned["before"], banned["after"]) == ("non_procedural", "procedural")


# -- explain, rules, diagram, schema, demo ----------------------------------------------


def test_explain_shows_basis_both_messages_and_an_example() -> None:
    result = runner.invoke(app, ["explain", "fees.exempt_occupation_charged", "--format", "table"])
    assert result.exit_code == 0
    rule = CATALOG["fees.exempt_occupation_charged"]
    assert str(rule.legal_basis[0]) in result.stdout
    assert "message id" in result.stdout
    assert "message en" in result.stdout
    assert "example" in result.stdout


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_every_catalog_code_can_be_explained(code: str) -> None:
    result = runner.invoke(app, ["explain", code, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["code"] == code
    assert data["message_template"]["id"]
    assert data["message_template"]["en"]


def test_rules_shows_the_policy_in_force_on_the_day() -> None:
    in_2015 = runner.invoke(app, ["rules", "--as-of", "2015-06-30", "--format", "json"])
    in_2024 = runner.invoke(app, ["rules", "--as-of", "2024-06-01", "--format", "json"])
    ids_2015 = {row["id"] for row in json.loads(in_2015.stdout)["rows"]}
    ids_2024 = {row["id"] for row in json.loads(in_2024.stdout)["rows"]}
    assert "kepmenaker-260-2015/SA" not in ids_2015
    assert "kepmenaker-260-2015/SA" in ids_2024
    rows = json.loads(in_2024.stdout)["rows"]
    assert all(row["source"] for row in rows)
    assert any(row["confirmed"] is False for row in rows)


def test_rules_table_and_catalog_list() -> None:
    table = runner.invoke(
        app, ["rules", "--as-of", AS_OF, "--format", "table"], env={"COLUMNS": "250"}
    )
    assert table.exit_code == 0
    assert "kepmenaker-260-2015" in table.stdout
    catalog = runner.invoke(app, ["rules", "--catalog", "--format", "jsonl"])
    assert {row["code"] for row in _lines(catalog.stdout)} == set(CATALOG)


def _rules_table(lang: str, *args: str) -> str:
    result = runner.invoke(
        app, ["rules", *args, "--format", "table"],
        env={"PMI_WORKFLOW_LANG": lang, "COLUMNS": "400"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_rules_table_speaks_indonesian_in_an_indonesian_run() -> None:
    policy = _rules_table("id", "--as-of", "2024-06-01")
    assert "yang berlaku per 1 Juni 2024" in policy.splitlines()[0]
    for heading in ("Ketentuan", "Bagian kebijakan", "Berlaku sejak", "Berlaku sampai",
                    "Dikonfirmasi", "Sumber"):  # fmt: skip
        assert heading in policy
    saudi = next(line for line in policy.splitlines() if "kepmenaker-260-2015/SA" in line)
    assert "01/07/2015" in saudi
    assert " ya " in saudi
    announced = next(line for line in policy.splitlines() if "announced/IR" in line)
    assert " belum " in announced
    catalog = _rules_table("id", "--catalog")
    assert catalog.splitlines()[0].strip() == "Katalog aturan"
    for heading in ("Kode aturan", "Aturan", "Tingkat", "Dasar hukum dikonfirmasi",
                    "Dasar hukum"):  # fmt: skip
        assert heading in catalog
    nik = next(line for line in catalog.splitlines() if "identity.nik_invalid" in line)
    assert "NIK tidak valid" in nik
    assert "Kesalahan" in nik
    english = re.compile(
        r"\b(Policy|in force|Rule catalog|id|kind|effective_from|effective_to|confirmed|source|"
        r"code|severity|entry_kinds|legal_basis|checks|yes|no|error|warning|fails)\b|"
        r"\d{4}-\d\d-\d\d"
    )
    headers = [policy.splitlines()[0], *policy.splitlines()[1:4], *catalog.splitlines()[:4]]
    assert english.findall("\n".join(headers)) == []
    assert english.findall(nik) == []


def test_the_rules_table_keeps_english_in_an_english_run() -> None:
    policy = _rules_table("en", "--as-of", "2024-06-01")
    assert "Policy" in policy
    assert "in force on 1 June 2024" in policy
    for heading in ("Entry", "Kind", "In force from", "Confirmed", "Source"):
        assert heading in policy
    catalog = _rules_table("en", "--catalog")
    assert "Rule catalog" in catalog
    nik = next(line for line in catalog.splitlines() if "identity.nik_invalid" in line)
    assert "Error" in nik
    assert "python-stdnum" in catalog  # what the rule checks, in the catalog's English


def test_the_english_rule_catalog_gives_each_legal_basis_in_english() -> None:
    catalog = _rules_table("en", "--catalog")
    assert "Licence data" in catalog
    assert "Data perizinan" not in catalog
    assert "integritas data" in _rules_table("id", "--catalog")


def test_a_policy_name_cannot_put_control_characters_in_the_rules_title(tmp_path: Path) -> None:
    overlay = tmp_path / "agency.toml"
    overlay.write_text('[policy]\nname = "Agency\\u001b[31m RED"\n', "utf-8")
    title = _rules_table("en", "--policy", str(overlay), "--as-of", "2024-06-01").splitlines()[0]
    assert "\x1b" not in title
    assert "Agency" in title


def test_diagram_draws_each_scheme_in_both_languages() -> None:
    mermaid = runner.invoke(app, ["diagram", "--scheme", "p2p"])
    assert mermaid.stdout.startswith("stateDiagram-v2")
    assert "Berangkat" in mermaid.stdout
    assert "Departed" in mermaid.stdout
    pages = runner.invoke(app, ["diagram", "--format", "markdown"])
    assert pages.stdout.count("```mermaid") == len(Scheme)
    assert pages.stdout.count("## Transitions") == len(Scheme)
    one = runner.invoke(app, ["diagram", "--format", "markdown", "--scheme", "ukps"])
    assert one.stdout.count("```mermaid") == 1


def test_the_diagram_follows_the_policy_of_the_day() -> None:
    p2p = runner.invoke(app, ["diagram", "--scheme", "p2p", "--as-of", AS_OF])
    re_entry = runner.invoke(app, ["diagram", "--scheme", "re_entry", "--as-of", AS_OF])
    assert p2p.stdout != re_entry.stdout


def test_schema_prints_the_json_schema_of_a_case() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "applicant" in schema["properties"]


def test_demo_walks_every_case_with_its_findings() -> None:
    result = runner.invoke(app, ["demo", "--format", "jsonl"])
    assert result.exit_code == 0
    cases = {r["name"]: r for r in _lines(result.stdout)}
    assert cases["procedural"]["status"] == "procedural"
    expected = {
        "under_age": "eligibility.age_below_minimum",
        "banned_destination": "destination.domestic_individual_employer_banned",
        "visit_visa": "documents.visa_not_work",
        "fees_charged": "fees.exempt_occupation_charged",
        "no_opp": "procedure.step_missing",
    }
    for name, code in expected.items():
        assert cases[name]["status"] == "non_procedural"
        assert code in {f["code"] for f in cases[name]["findings"]}
        refused = [step for step in cases[name]["timeline"] if step["outcome"] == "refused"]
        assert [step["step"] for step in refused] == [cases[name]["stopped_at"]]
        assert cases[name]["stored_events"] == refused[0]["sequence"] - 1
    assert cases["procedural"]["stopped_at"] is None
    assert cases["procedural"]["stored_events"] == 14
    assert cases["procedural"]["state"] == "started_work"


def test_demo_table_prints_timelines_without_personal_data() -> None:
    result = runner.invoke(app, ["demo", "--format", "table", "--lang", "id"])
    assert "Berangkat" in result.stdout
    assert "NONPROSEDURAL" in result.stdout
    assert NIK not in result.stdout
    assert "Budi Santoso" not in result.stdout


def test_a_first_event_dated_2204_by_mistake_is_non_procedural_with_exit_one(
    tmp_path: Path,
) -> None:
    data = procedural_case_data("p2p")
    data["history"][0]["occurred_at"] = "2204-01-08T09:00:00+07:00"
    next(d for d in data["documents"] if d["id"] == "visa-1")["visa_type"] = "umrah"
    path = write_jsonl(tmp_path / "typo.jsonl", [data])
    for options in ([], ["--as-of", AS_OF]):
        result = runner.invoke(app, ["validate", str(path), *options])
        assert result.exit_code == 1, result.output
        [record] = _lines(result.stdout)
        assert record["status"] == "non_procedural"
        codes = {f["code"] for f in record["findings"]}
        assert {"procedure.date_out_of_order", "documents.visa_not_work"} <= codes


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("empty.json", ""),
        ("empty-array.json", "[]"),
        ("blank.jsonl", "\n  \n"),
        ("header.csv", "case_id,scheme\n"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "audit", "store"])
def test_empty_input_is_the_same_error_in_every_command(
    tmp_path: Path, name: str, text: str, command: str
) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    arguments = (
        ["store", "import", str(path), "--store", str(tmp_path / "s.db")]
        if command == "store"
        else [command, str(path), "--format", "json"]
    )
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"invalid input in {path}: <root>: the input holds no case records" in (result.stderr)


def test_the_log_handler_writes_to_the_masked_standard_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging
    import sys

    from pmi_workflow.cli.common import install_redaction

    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    try:
        install_redaction()
        logging.getLogger("elsewhere").warning("case %s", "PMI-3603121505950002")
        sys.stderr.write("typed 3603121505950002\n")
    finally:
        for handler in root.handlers[len(before) :]:
            root.removeHandler(handler)
        root.setLevel(level)
    err = capsys.readouterr().err
    assert "3603121505950002" not in err
    assert "case PMI-3603**********02" in err
    assert "typed 3603**********02" in err


def test_table_output_strips_terminal_escapes_from_problems(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps({"case_id": "C-1", "\x1b[2J\x1b[HOK": 1}) + "\n", "utf-8")
    result = CliRunner().invoke(app, ["validate", str(path), "--format", "table"])
    assert result.exit_code == 2
    assert "\x1b" not in result.stdout


def test_validate_table_dates_a_fee_by_its_payment_day_without_the_departure_step(
    tmp_path: Path,
) -> None:
    data = procedural_case_data("p2p")  # departed on 20 May 2024
    data["occupation"] = "cook"
    data["costs"] = [
        {
            "component": "agency_service_fee",
            "amount": "7500000",
            "paid_by": "worker",
            "paid_on": "2024-03-01",
        }
    ]
    path = write_jsonl(tmp_path / "c.jsonl", [data])
    result = runner.invoke(
        app, ["validate", str(path), "--as-of", AS_OF, "--format", "table", "--lang", "id"]
    )
    text = " ".join(result.stdout.split())
    assert "sebesar Rp7.500.000 pada 1 Maret 2024." in text
    assert "Pemberangkatan, 1 Maret 2024" not in text
    assert "Perban BP2MI 9/2020 · 1 Maret 2024" in text
