"""Scenario files pin the law: every shipped one holds; bad files are refused clearly."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.testing.scenarios import (
    Scenario,
    load_scenario_file,
    scenario_paths,
    shipped_scenario_paths,
    shipped_scenarios,
)

SHIPPED = shipped_scenarios()
HEAD = "[[scenario]]\nname = 'x'\nas_of = 2024-06-10\nexpect = {verdict = 'procedural'}\n"
SAMPLE = HEAD + "scheme = 'p2p'\n"
REVIEW_ITEMS = (1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14)  # item 8 is the Korea EPS order


@pytest.mark.parametrize("scenario", SHIPPED, ids=[scenario.name for scenario in SHIPPED])
def test_every_shipped_scenario_holds(scenario: Scenario) -> None:
    result = scenario.run()
    assert result.passed, result.problems


@pytest.mark.parametrize("item", REVIEW_ITEMS)
def test_every_item_of_the_legal_review_has_a_scenario_file(item: int) -> None:
    marker = f"11 item {item}"
    files = [path for path in shipped_scenario_paths() if marker in path.read_text("utf-8")]
    assert files, f"no scenario file cites sources.md {marker}"


def test_every_golden_scenario_is_a_scenario_file_too() -> None:
    from pmi_workflow.testing.scenarios import golden_scenarios

    names = {scenario.name for scenario in SHIPPED}
    assert {scenario.name for scenario in golden_scenarios()} <= names


def write(tmp_path: Path, text: str, name: str = "case.scenarios.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_a_compact_scenario_moves_the_sample_and_applies_changes(tmp_path: Path) -> None:
    (scenario,) = load_scenario_file(
        write(
            tmp_path,
            """
            [[scenario]]
            name = "moved"
            scheme = "p2p"
            destination = "QA"
            as_of = 2024-06-10
            [scenario.changes]
            "costs.passport.paid_by" = "employer"
            "documents.visa-1.number" = "V-1"
            [scenario.expect]
            verdict = "procedural"
            """,
        )
    )
    visa = next(doc for doc in scenario.data["documents"] if doc["id"] == "visa-1")
    assert (visa["country"], visa["number"]) == ("QA", "V-1")
    assert scenario.data["job_order"]["sip2mi"]["destination"] == "QA"
    assert scenario.as_of == datetime.date(2024, 6, 10)
    assert scenario.run().passed


def test_shift_years_moves_every_date_but_the_applicant(tmp_path: Path) -> None:
    (scenario,) = load_scenario_file(
        write(
            tmp_path,
            """
            [[scenario]]
            name = "earlier"
            scheme = "p2p"
            shift_years = -5
            as_of = 2019-06-10
            expect = { verdict = "procedural" }
            """,
        )
    )
    assert scenario.data["applicant"]["birth_date"] == "1995-05-15"
    assert scenario.data["history"][0]["occurred_at"].startswith("2019-01-08")


def test_a_failing_scenario_says_what_differed(tmp_path: Path) -> None:
    (scenario,) = load_scenario_file(
        write(
            tmp_path,
            """
            [[scenario]]
            name = "wrong"
            scheme = "p2p"
            as_of = 2024-06-10
            [scenario.expect]
            verdict = "non_procedural"
            codes = ["fees.placement_loan"]
            absent = ["destination.closed"]
            """,
        )
    )
    result = scenario.run()
    assert not result.passed
    assert result.problems == (
        "verdict procedural, expected non_procedural",
        "missing fees.placement_loan",
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "[[scenario]]\nname = 'x'\nscheme = 'p2p'\nas_of = 2024-06-10\nexpect = {}\n",
            "says nothing",
        ),
        ("[[scenario]]\nname = 'x'\nscheme = 'p2p'\nexpect = {verdict = 'procedural'}\n", "as_of"),
        (
            "[[scenario]]\nname = 'x'\nscheme = 'p2p'\nas_of = 2024-06-10\nwhen = 1\n"
            "expect = {verdict = 'procedural'}\n",
            "unknown key 'when'",
        ),
        (
            "[[scenario]]\nname = 'x'\nscheme = 'p2p'\nas_of = 2024-06-10\n"
            "expect = {codes = ['fees.nope']}\n",
            "unknown rule code 'fees.nope'",
        ),
        (
            "[[scenario]]\nname = 'x'\nscheme = 'p9p'\nas_of = 2024-06-10\n"
            "expect = {verdict = 'procedural'}\n",
            "scheme",
        ),
        (
            "[[scenario]]\nname = 'x'\nscheme = 'p2p'\nas_of = 2024-06-10\n"
            "changes = {'documents.visa-9.number' = 'V'}\nexpect = {verdict = 'procedural'}\n",
            "no item 'visa-9'",
        ),
        ("[[scenario]]\nname = 'x'\nscheme = 'p2p'\nas_of = 2024-13-10\n", "not valid TOML"),
        ("title = 'no scenarios'\n", "no [[scenario]]"),
        (
            "[[scenario]]\nname = 'x'\nscheme = 'p2p'\nas_of = 2024-06-10\n"
            "expect = {verdict = 'fine'}\n",
            "verdict must be procedural or non_procedural",
        ),
        (
            HEAD + "scheme = 'p2p'\ncase = {}\n",
            "not both",
        ),
        (
            HEAD + "case = 3\n",
            "case must be a table",
        ),
        (
            HEAD + "case_file = 'missing.json'\n",
            "cannot read the case file",
        ),
        (
            HEAD + "scheme = 'p2p'\nshift_years = 99\n",
            "shift_years",
        ),
        (
            HEAD + "scheme = 'p2p'\ndestination = 5\n",
            "destination must be a country code",
        ),
        (
            HEAD + "scheme = 'p2p'\nemployer = 'x'\n",
            "employer must be a table",
        ),
        (
            HEAD + "scheme = 'p2p'\nremove_documents = ['nope-1']\n",
            "no document 'nope-1'",
        ),
        (
            HEAD + "scheme = 'p2p'\nadd_documents = [1]\n",
            "add_documents must be a list of tables",
        ),
        (
            HEAD + "scheme = 'p2p'\nchanges = 1\n",
            "changes must be a table",
        ),
        (
            HEAD + "scheme = 'p2p'\npolicy = [1]\n",
            "policy must be",
        ),
        (
            HEAD + "scheme = 'p2p'\nadd_events = [{step = 'departed'}]\n",
            "an event needs step, on and role",
        ),
        (
            HEAD + "scheme = 'p2p'\nremove_steps = 'departed'\n",
            "remove_steps must be a list",
        ),
        (
            HEAD + "scheme = 'p2p'\nname2 = 1\n",
            "unknown key 'name2'",
        ),
        ("scenario = 3\n", "non-empty array of tables"),
        (
            SAMPLE + SAMPLE,
            "used twice",
        ),
        (
            "[[scenario]]\nname = 'x'\nscheme = 'p2p'\nas_of = 'soon'\n"
            "expect = {verdict = 'procedural'}\n",
            "must be a date",
        ),
    ],
)
def test_a_bad_scenario_file_is_refused_naming_the_file_and_the_key(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InvalidInputError) as raised:
        load_scenario_file(path)
    assert problem in str(raised.value)
    assert str(path) in str(raised.value)


def test_folders_are_searched_for_scenario_files_only(tmp_path: Path) -> None:
    write(tmp_path, "[[scenario]]\n", "a.scenarios.toml")
    write(tmp_path, "[[parameter]]\n", "agency.policy.toml")
    assert [path.name for path in scenario_paths(tmp_path)] == ["a.scenarios.toml"]
    with pytest.raises(InvalidInputError, match="no such file"):
        scenario_paths(tmp_path / "missing")


def test_the_json_form_reads_like_the_toml_form(tmp_path: Path) -> None:
    import json

    path = tmp_path / "case.scenarios.json"
    path.write_text(
        json.dumps(
            {
                "scenario": [
                    {
                        "name": "json",
                        "scheme": "p2p",
                        "as_of": "2024-06-10",
                        "changes": {"costs.job_training.paid_by": "worker"},
                        "expect": {"verdict": "procedural", "warnings": ["fees.charged_to_worker"]},
                    }
                ]
            }
        ),
        "utf-8",
    )
    (scenario,) = load_scenario_file(path)
    assert scenario.run().passed


def test_the_plugin_runs_scenario_files_and_reports_what_differed(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "ours.scenarios.toml").write_text(
        """
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
        """,
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed, 1 passed" in result.stdout
    assert "does not hold: missing fees.placement_loan" in result.stdout


def test_a_golden_record_is_a_scenario_whose_codes_must_match_exactly() -> None:
    from importlib import resources

    path = Path(str(resources.files("pmi_workflow.testing") / "golden" / "visit_visa.json"))
    (scenario,) = load_scenario_file(path)
    assert scenario.expect.exactly == ("documents.visa_not_work",)
    assert scenario.run().passed


def test_a_whole_case_can_be_given_inline_and_a_policy_file_beside_it(tmp_path: Path) -> None:
    import json

    from pmi_workflow.samples import procedural_case_data

    (tmp_path / "case.json").write_text(json.dumps(procedural_case_data("p2p")), "utf-8")
    (tmp_path / "agency.policy.toml").write_text(
        """
        [[parameter]]
        id = "parameter/licence_evidence_max_days"
        name = "licence_evidence_max_days"
        value = 10
        unit = "days"
        source = "agency"
        """,
        "utf-8",
    )
    (scenario,) = load_scenario_file(
        write(
            tmp_path,
            """
            [[scenario]]
            name = "from a file"
            case_file = "case.json"
            policy = "agency.policy.toml"
            as_of = 2024-06-10
            remove_documents = ["opp-1"]
            expect = { verdict = "non_procedural", errors = ["documents.missing"] }
            """,
        )
    )
    assert scenario.policy().name.endswith("agency.policy")
    assert scenario.run().passed
