"""Parties: licences, executors, employers and job orders."""

import datetime
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from pmi_workflow.domain import Executor, IndividualRecruiter, Licence, RecruitmentPermit

EXECUTOR: TypeAdapter[Any] = TypeAdapter(Executor)


def test_a_licence_is_valid_between_issue_and_expiry_unless_revoked() -> None:
    licence = Licence(number="L", issued_on="2021-01-01", valid_until="2026-01-01")  # type: ignore[arg-type]
    assert licence.is_valid_on(datetime.date(2023, 1, 1))
    assert not licence.is_valid_on(datetime.date(2020, 12, 31))
    assert not licence.is_valid_on(datetime.date(2026, 1, 2))
    revoked = licence.model_copy(update={"revoked_on": datetime.date(2022, 6, 1)})
    assert not revoked.is_valid_on(datetime.date(2022, 6, 1))
    assert revoked.is_valid_on(datetime.date(2022, 5, 31))


def test_a_licence_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="valid_until is before issued_on"):
        Licence(number="L", issued_on="2021-01-01", valid_until="2020-01-01")  # type: ignore[arg-type]


def test_a_recruitment_permit_names_its_destination() -> None:
    permit = RecruitmentPermit(number="P", issued_on="2023-01-01", destination="Saudi Arabia")  # type: ignore[arg-type]
    assert permit.destination == "SA"


def test_the_executor_kind_picks_the_class() -> None:
    assert type(EXECUTOR.validate_python({"kind": "agency"})).__name__ == "AgencyExecutor"
    assert EXECUTOR.validate_python({"kind": "p3mi", "name": "PT X"}).sip3mi is None
    with pytest.raises(ValidationError):
        EXECUTOR.validate_python({"kind": "calo", "name": "X"})


def test_an_individual_recruiters_name_is_masked() -> None:
    recruiter = IndividualRecruiter(name="Pak Sponsor")  # type: ignore[arg-type]
    assert "Sponsor" not in repr(recruiter)
