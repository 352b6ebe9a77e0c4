"""How an agency's own test suite uses the pmi-workflow conformance kit (fixtures come from the
pytest plugin that installing pmi-workflow registers)."""

import pytest

from pmi_workflow.testing import assert_procedural, assert_refused


def test_our_procedural_cases_pass(make_case, pmi_workflow):
    for scheme in ("p2p", "g2g", "perseorangan"):
        assert_procedural(make_case(scheme), workflow=pmi_workflow)


def test_we_refuse_departure_without_orientation(make_case, pmi_workflow):
    case = make_case("p2p", step="employment_contract_signed")
    assert_refused(
        case,
        "departed",
        "procedure.step_missing",
        at="2024-05-20T09:00:00+07:00",
        actor="bp3mi",
        workflow=pmi_workflow,
    )


def test_every_golden_scenario_gets_its_expected_verdict(golden_scenarios, pmi_workflow):
    for scenario in golden_scenarios:
        # an agency would run scenario.data through its own import pipeline here
        assert scenario.audit(pmi_workflow).verdict == scenario.expected_verdict, scenario.name


@pytest.mark.parametrize("visa_type", ["visit", "tourist", "umrah", "ziarah"])
def test_non_work_visas_are_refused(make_case, visa_type):
    case = make_case(
        "p2p",
        step="social_security_enrolled",
        documents={
            "visa-1": {
                "type": "visa",
                "visa_type": visa_type,
                "country": "MY",
                "issued_on": "2024-04-15",
            }
        },
    )
    assert_refused(case, "visa_issued", "documents.visa_not_work", at="2024-04-15T09:00:00+07:00")


def test_the_law_as_shipped_holds(pmi_workflow_scenario):
    # once per scenario shipped with pmi-workflow (the legal review and the golden cases)
    result = pmi_workflow_scenario.run()
    assert result.passed, result.problems
