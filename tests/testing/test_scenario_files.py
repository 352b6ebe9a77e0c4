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
