"""The offer model: frozen, strict, with personal data masked."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.screening import Offer, RecruiterKind, parse_offers


def test_an_offer_is_frozen_and_refuses_unknown_fields() -> None:
    offer = Offer.model_validate({"destination": "Malaysia", "job": "plantation_worker"})
    assert offer.destination == "MY"
    assert offer.job.label_id == "Petugas ladang/perkebunan"
    with pytest.raises(ValidationError):
        offer.visa = "work"  # type: ignore[assignment]
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Offer.model_validate({"destination": "MY", "job": "cook", "promise": "rich"})


def test_a_recruiters_fields_fit_its_kind() -> None:
    with pytest.raises(ValidationError, match="person_name is given only"):
        Offer.model_validate(
            {
                "destination": "MY",
                "job": "cook",
                "recruiter": {"kind": "company", "person_name": "Ahmad Yani"},
            }
        )
    with pytest.raises(ValidationError, match="no company name"):
        Offer.model_validate(
            {
                "destination": "KR",
                "job": "welder",
                "recruiter": {"kind": "government", "company_name": "PT X"},
            }
        )
    offer = Offer.model_validate(
        {"destination": "MY", "job": "cook", "recruiter": {"kind": "person"}}
    )
    assert offer.recruiter is not None
    assert offer.recruiter.kind is RecruiterKind.PERSON


def test_a_recruiters_name_never_prints_but_is_kept_for_the_record() -> None:
    offer = Offer.model_validate(
        {
            "destination": "MY",
            "job": "cook",
            "recruiter": {"kind": "person", "person_name": "Ahmad Yani"},
        }
    )
    assert "Ahmad" not in repr(offer)
    assert "Ahmad" not in str(offer)
    assert offer.model_dump(mode="json")["recruiter"]["person_name"] == "Ahmad Yani"


def test_bad_offer_records_are_reported_together_with_their_places() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_offers(
            [
                {"destination": "MY", "job": "cook"},
                {"destination": "Atlantis", "job": "cook"},
                "not an offer",
                {"destination": "MY", "job": "cook", "fees": [{"amount": -5}]},
            ],
            source="offers.json",
        )
    places = [problem.where for problem in caught.value.problems]
    assert places == ["1.destination", "2", "3.fees.0.amount"]
    assert "offers.json" in str(caught.value)
    assert len(parse_offers([{"destination": "MY", "job": "cook"}])) == 1
