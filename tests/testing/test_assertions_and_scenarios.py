"""Assertion helpers explain failures; golden scenarios hold; the plugin works downstream."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pmi_workflow.testing import (
    assert_allowed,
    assert_findings,
    assert_procedural,
    assert_refused,
    golden_scenario,
    golden_scenarios,
    make_case,
)
from pmi_workflow.testing.scenarios import shipped_scenarios

ROOT = Path(__file__).resolve().parents[2]


def test_assert_procedural_passes_a_procedural_case_and_returns_the_report() -> None:
    report = assert_procedural(make_case("ukps"))
    assert report.procedural


def test_assert_procedural_lists_what_it_found() -> None:
    with pytest.raises(AssertionError, match=r"documents\.visa_not_work at documents\.visa-1"):
        assert_procedural(make_case("p2p", documents={"visa-1": {"visa_type": "visit"}}))


def test_assert_refused_fails_when_the_step_is_allowed() -> None:
    case = make_case("p2p", step="informed")
    with pytest.raises(AssertionError, match="but it was allowed"):
        assert_refused(
            case,
            "withdrawn",
            "procedure.after_exit",
            at="2024-01-20T09:00:00+07:00",
            actor="applicant",
        )


def test_assert_refused_fails_when_refused_for_another_reason() -> None:
    case = make_case("p2p", step="employment_contract_signed")
    with pytest.raises(AssertionError, match="refused for other reasons"):
        assert_refused(case, "departed", "fees.charged_to_worker", at="2024-05-20T09:00:00+07:00")


def test_assert_allowed_explains_a_refusal() -> None:
    assert_allowed(
        make_case("p2p", step="informed"),
        "withdrawn",
        at="2024-01-20T09:00:00+07:00",
        actor="applicant",
    )
    with pytest.raises(AssertionError, match=r"procedure\.step_missing"):
        assert_allowed(
            make_case("p2p", step="employment_contract_signed"),
            "departed",
            at="2024-05-20T09:00:00+07:00",
        )


def test_assert_findings_checks_a_subset_or_the_exact_set() -> None:
    case = make_case("p2p", drop_steps=("opp_completed",))
    assert_findings(case, ["procedure.step_missing"])
    with pytest.raises(AssertionError, match="expected exactly"):
        assert_findings(case, ["procedure.step_missing", "fees.placement_loan"], exact=True)


@pytest.mark.parametrize("scenario", golden_scenarios(), ids=lambda s: s.name)
def test_every_golden_scenario_holds(scenario: object) -> None:
    assert scenario.mismatches() == []  # type: ignore[attr-defined]


def test_golden_scenarios_cover_every_scheme_and_the_classic_breaks() -> None:
    names = {scenario.name for scenario in golden_scenarios()}
    for scheme in ("p2p", "g2g", "ukps", "perseorangan", "re_entry"):
        assert f"procedural_{scheme}" in names
    for broken in (
        "under_age",
        "domestic_worker_to_saudi_individual_employer",
        "visit_visa",
        "fees_charged_to_housekeeper",
        "departure_without_opp",
        "individual_recruiter",
    ):
        assert golden_scenario(broken).expected_verdict == "non_procedural"


def test_an_unknown_scenario_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known: "):
        golden_scenario("nope")


def test_the_downstream_example_runs_with_the_plugin_fixtures(tmp_path: Path) -> None:
    # Run it as a downstream project would: its own folder, no configuration of ours, the
    # fixtures coming from the plugin that installing the package registers.
    example = tmp_path / "test_my_agency_system.py"
    shutil.copy(ROOT / "examples" / "downstream" / "test_my_agency_system.py", example)
    own = tmp_path / "our_cases.scenarios.toml"
    shutil.copy(ROOT / "examples" / "downstream" / "our_cases.scenarios.toml", own)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(example), str(own)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    shipped = len(shipped_scenarios())
    assert f"{7 + shipped + 2} passed" in result.stdout
