"""The case factory builds procedural cases at any step, with overrides."""

import datetime

import pytest

from pmi_workflow.domain import Visa
from pmi_workflow.enums import Step
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.identifiers import nik
from pmi_workflow.samples import PROCEDURAL_SCHEMES
from pmi_workflow.testing import case_data, make_case, synthetic_nik


@pytest.mark.parametrize("scheme", PROCEDURAL_SCHEMES)
def test_every_scheme_can_be_cut_at_every_recorded_step(scheme: str) -> None:
    full = make_case(scheme)
    for index, event in enumerate(full.history, start=1):
        cut = make_case(scheme, step=event.step)
        assert len(cut.history) == index
        assert cut.history[-1].step is event.step
        evidence = {ref for e in cut.history for ref in e.evidence}
        assert evidence <= {document.id for document in cut.documents}


def test_documents_issued_later_are_left_out() -> None:
    case = make_case("p2p", step=Step.SELECTED)
    assert case.document("visa-1") is None
    assert case.document("consent-1") is not None


def test_an_unknown_step_for_the_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="has no step 'selected'"):
        make_case("perseorangan", step=Step.SELECTED)


def test_an_unknown_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown scheme"):
        make_case("calo")


def test_nested_changes_and_document_overrides_apply() -> None:
    case = make_case(
        "p2p",
        executor__sip3mi__revoked_on="2024-01-01",
        documents={"visa-1": {"visa_type": "umrah"}, "opp-1": None},
    )
    assert case.executor is not None
    assert case.executor.sip3mi.revoked_on == datetime.date(2024, 1, 1)  # type: ignore[union-attr]
    visa = case.document("visa-1")
    assert isinstance(visa, Visa)
    assert visa.visa_type.value == "umrah"
    assert case.document("opp-1") is None


def test_dropping_steps_renumbers_the_history() -> None:
    case = make_case("p2p", drop_steps=(Step.OPP_COMPLETED,))
    assert Step.OPP_COMPLETED not in list(case.iter_steps())
    assert [event.sequence for event in case.history] == list(range(1, len(case.history) + 1))


def test_a_bad_override_gives_the_library_error() -> None:
    with pytest.raises(InvalidInputError) as caught:
        make_case("p2p", applicant__birth_date="31/02/2000")
    assert caught.value.problems[0].where == "applicant.birth_date"


def test_case_data_is_a_fresh_copy_each_time() -> None:
    first = case_data("p2p")
    first["applicant"]["name"] = "Changed"
    assert case_data("p2p")["applicant"]["name"] != "Changed"


def test_synthetic_niks_are_valid_and_encode_what_they_say() -> None:
    number = synthetic_nik(datetime.date(2001, 12, 9), female=True, serial=42)
    assert nik.is_valid(number)
    assert nik.birth_date(number, on=datetime.date(2024, 1, 1)) == datetime.date(2001, 12, 9)
    assert nik.sex(number).value == "female"
    with pytest.raises(ValueError, match="6-digit"):
        synthetic_nik(datetime.date(2001, 1, 1), region="36")
    with pytest.raises(ValueError, match="serial"):
        synthetic_nik(datetime.date(2001, 1, 1), serial=10000)


def test_a_new_case_id_is_carried_into_the_history() -> None:
    case = make_case("p2p", case_id="CASE-OTHER")
    assert {event.case_id for event in case.history} == {"CASE-OTHER"}
    original = {event.event_id for event in make_case("p2p").history}
    assert original.isdisjoint({event.event_id for event in case.history})
