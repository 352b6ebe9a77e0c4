"""The hypothesis strategies generate what they promise."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pmi_workflow.domain import Case
from pmi_workflow.identifiers import nik
from pmi_workflow.testing.strategies import (
    broken_histories,
    cases,
    invalid_niks,
    niks,
    procedural_cases,
)


@given(niks())
def test_generated_niks_are_valid(number: str) -> None:
    assert nik.is_valid(number)


@given(invalid_niks())
def test_generated_invalid_niks_are_refused(number: str) -> None:
    assert not nik.is_valid(number)


@settings(max_examples=25, deadline=None)
@given(procedural_cases())
def test_generated_procedural_cases_parse(case: Case) -> None:
    assert case.history
    assert case.history[-1].sequence == len(case.history)


@settings(max_examples=25, deadline=None)
@given(cases())
def test_generated_applicants_match_their_nik(case: Case) -> None:
    assert case.applicant.nik.sex is case.applicant.sex


@settings(max_examples=25, deadline=None)
@given(broken_histories())
def test_broken_histories_say_how_they_were_broken(item: tuple[str, Case]) -> None:
    kind, case = item
    assert kind in {"drop", "swap", "after_exit", "wrong_role", "backdate"}
    assert isinstance(case, Case)


@given(st.data())
def test_strategies_can_be_restricted_to_one_scheme(data: st.DataObject) -> None:
    case = data.draw(procedural_cases("g2g"))
    assert case.scheme.value == "g2g"
