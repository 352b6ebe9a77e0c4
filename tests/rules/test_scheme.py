"""Scheme rules for an independent PMI (Perseorangan)."""

from __future__ import annotations

import datetime

from pmi_workflow.domain import parse_case
from pmi_workflow.policy import Policy
from pmi_workflow.rules.scheme import check_scheme
from pmi_workflow.samples import procedural_case_data

from .variants import edit

DAY = datetime.date(2024, 4, 25)
VIEW = Policy.default().as_of(DAY)


def test_an_engineer_for_a_company_is_a_proper_independent_placement() -> None:
    assert check_scheme(parse_case(procedural_case_data("perseorangan")), DAY, VIEW) == ()


def test_scheme_rules_ignore_other_schemes() -> None:
    case = edit("re_entry", lambda d: None)
    assert case.employer is not None
    assert case.employer.kind.value == "individual"
    assert check_scheme(case, DAY, VIEW) == ()


def test_the_lowest_positions_list_is_policy_data() -> None:
    case = edit("perseorangan", lambda d: d.update(occupation="welder"))
    assert check_scheme(case, DAY, VIEW) == ()
    stricter = Policy.from_toml(
        """
        [[lowest_positions]]
        id = "practice/lowest-positions"
        occupations = ["welder"]
        source = "agency list"
        """
    )
    (finding,) = check_scheme(case, DAY, stricter.as_of(DAY))
    assert finding.code == "scheme.independent_lowest_position"
