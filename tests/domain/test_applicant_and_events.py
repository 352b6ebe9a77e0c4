"""The applicant and events."""

import datetime
import uuid

import pytest
from pydantic import ValidationError

from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain import Applicant, CaseEvent, PhoneNumber
from pmi_workflow.samples import minimal_case_data


def test_an_applicant_reads_indonesian_dates_and_masks_contact_data() -> None:
    data = minimal_case_data()["applicant"]
    applicant = Applicant.model_validate({**data, "birth_date": "15 Mei 1995"})
    assert applicant.birth_date == datetime.date(1995, 5, 15)
    assert applicant.age_on(datetime.date(2024, 1, 15)) == 28
    assert "+6281234567890" not in repr(applicant)
    assert applicant.model_dump(mode="json")["contact"]["phone"] == "+6281234567890"


def test_a_bad_phone_number_is_refused() -> None:
    with pytest.raises(ValueError, match="8 to 15 digits"):
        PhoneNumber("12")


def test_an_applicant_needs_an_address_down_to_the_village() -> None:
    data = minimal_case_data()["applicant"]
    del data["address"]["village"]
    with pytest.raises(ValidationError) as caught:
        Applicant.model_validate(data)
    assert caught.value.errors()[0]["loc"] == ("address", "village")


def test_events_get_an_id_and_an_aware_timestamp() -> None:
    event = CaseEvent(
        case_id="C",
        sequence=1,
        step="informed",  # type: ignore[arg-type]
        occurred_at="03/07/2023 08:30",
        actor={"role": "disnaker"},
    )  # type: ignore[arg-type]
    assert isinstance(event.event_id, uuid.UUID)
    assert event.occurred_at == datetime.datetime(2023, 7, 3, 8, 30, tzinfo=JAKARTA)


def test_an_event_sequence_starts_at_one() -> None:
    with pytest.raises(ValidationError):
        CaseEvent(
            case_id="C",
            sequence=0,
            step="informed",  # type: ignore[arg-type]
            occurred_at="2023-07-03T08:30:00",
            actor={"role": "disnaker"},
        )  # type: ignore[arg-type]


def test_an_unknown_step_or_role_is_refused() -> None:
    with pytest.raises(ValidationError):
        CaseEvent(
            case_id="C",
            sequence=1,
            step="flew",  # type: ignore[arg-type]
            occurred_at="2023-07-03T08:30:00",
            actor={"role": "disnaker"},
        )  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        CaseEvent(
            case_id="C",
            sequence=1,
            step="informed",  # type: ignore[arg-type]
            occurred_at="2023-07-03T08:30:00",
            actor={"role": "calo"},
        )  # type: ignore[arg-type]
