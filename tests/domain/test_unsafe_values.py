"""Text and dates a record refuses where it is parsed: control characters, surrogates, extremes."""

from __future__ import annotations

import copy
from typing import Annotated, Any

import pytest
from pydantic import Field, GetCoreSchemaHandler, ValidationError
from pydantic_core import core_schema

from pmi_workflow.domain import parse_case
from pmi_workflow.domain.base import Record
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.samples import procedural_case_data


def _case(**applicant: Any) -> dict[str, Any]:
    data = copy.deepcopy(procedural_case_data("p2p"))
    data["applicant"].update(applicant)
    return data


def _wheres(data: dict[str, Any]) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        parse_case(data)
    return [problem.where for problem in caught.value.problems]


@pytest.mark.parametrize(
    "text", ["Budi\udc80", "Budi\x00Santoso", "\x1b[2JOK", "Budi\x7f", "Budi\u202eosotnaS", "A\x9b"]
)
def test_a_name_with_a_control_character_or_surrogate_is_refused_naming_the_field(
    text: str,
) -> None:
    assert _wheres(_case(name=text)) == ["applicant.name"]


def test_a_place_with_a_terminal_escape_is_refused() -> None:
    assert _wheres(_case(birth_place="\x1b]0;owned\x07Tangerang")) == ["applicant.birth_place"]


def test_a_note_keeps_its_line_breaks_and_tabs() -> None:
    data = copy.deepcopy(procedural_case_data("p2p"))
    data["history"][0]["note"] = "first line\n\tsecond line"
    assert parse_case(data).history[0].note == "first line\n\tsecond line"


def test_a_control_character_in_a_list_of_references_is_refused() -> None:
    data = copy.deepcopy(procedural_case_data("p2p"))
    data["history"][0]["evidence"] = ["ok", "bad\x00"]
    assert _wheres(data) == ["history.0.evidence"]


@pytest.mark.parametrize(
    "stamp", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "1899-12-31T10:00:00"]
)
def test_a_timestamp_outside_1900_to_9998_is_refused(stamp: str) -> None:
    data = copy.deepcopy(procedural_case_data("p2p"))
    data["history"][0]["occurred_at"] = stamp
    assert _wheres(data) == ["history.0.occurred_at"]


def test_a_date_outside_1900_to_9998_is_refused_and_the_edges_are_kept() -> None:
    assert _wheres(_case(birth_date="1899-12-31")) == ["applicant.birth_date"]
    assert parse_case(_case(birth_date="1900-01-01")).applicant.birth_date.year == 1900
    data = copy.deepcopy(procedural_case_data("p2p"))
    data["documents"][2]["expires_on"] = "9999-01-01"
    assert _wheres(data) == ["documents.2.passport.expires_on"]
    data["documents"][2]["expires_on"] = "9998-12-31"
    assert parse_case(data).documents[2].expires_on.year == 9998  # type: ignore[union-attr]


def test_two_events_with_the_same_event_id_are_refused() -> None:
    data = copy.deepcopy(procedural_case_data("p2p"))
    data["history"][0]["event_id"] = data["history"][1]["event_id"] = (
        "0b6f2f4e-3d1c-4d6e-9a51-8d2f1c0e7a11"
    )
    with pytest.raises(InvalidInputError) as caught:
        parse_case(data)
    assert "history event 2 has the same event_id as event 1" in str(caught.value)


@pytest.mark.parametrize("stamp", ["1900-01-01T00:30:00+14:00", "9998-12-31T23:00:00-12:00"])
def test_a_timestamp_is_judged_by_its_day_in_its_own_offset(stamp: str) -> None:
    data = copy.deepcopy(procedural_case_data("p2p"))
    data["history"][0]["occurred_at"] = stamp
    data["history"] = data["history"][:1]
    data["applicant"]["birth_date"] = "1900-01-01"  # born before the step, as a person must be
    assert parse_case(data).history[0].occurred_at.isoformat() == stamp


def test_the_problems_keep_their_kind_and_wording() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_case(_case(name="Budi\x00", birth_date="1899-12-31"))
    assert [(p.where, p.kind, p.message) for p in caught.value.problems] == [
        (
            "applicant.name",
            "text",
            "contains a control character, NUL or unpaired surrogate (not allowed in text)",
        ),
        (
            "applicant.birth_date",
            "date_range",
            "the date must lie between 1900-01-01 and 9998-12-31",
        ),
    ]


@pytest.mark.parametrize("text", ["Bu\x01di", "Bu\u2066di", "Bu\x85di"])
def test_unsafe_text_is_refused_in_every_kind_of_text_field(text: str) -> None:
    data = copy.deepcopy(procedural_case_data("p2p"))
    data["applicant"]["address"]["street"] = text
    data["applicant"]["contact"] = {"email": f"{text}@example.org"}
    data["history"][0]["note"] = text
    data["history"][0]["information_sessions"] = [text]
    data["documents"][0]["issuer"] = text
    assert sorted(_wheres(data)) == [
        "applicant.address.street",
        "applicant.contact.email",
        "documents.0.marital_status_certificate.issuer",
        "history.0.information_sessions",
        "history.0.note",
    ]


def test_text_in_a_mapping_or_a_set_is_checked_too() -> None:
    class Tagged(Record):
        tags: dict[str, str] = Field(default_factory=dict)
        labels: frozenset[str] = frozenset()

    assert Tagged(tags={"a": "b"}, labels=frozenset({"c"})).tags == {"a": "b"}
    for bad in ({"tags": {"a": "b\x00"}}, {"tags": {"a\x00": "b"}}, {"labels": ["c\x1b"]}):
        with pytest.raises(ValidationError) as caught:
            Tagged.model_validate(bad)
        assert [error["type"] for error in caught.value.errors()] == ["text"]


class _EitherText:
    """A field type whose core schema the record's checks do not know how to reach into."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        text = core_schema.str_schema()
        return core_schema.lax_or_strict_schema(lax_schema=text, strict_schema=text)


def test_a_record_field_the_checks_cannot_reach_is_refused_when_the_record_is_built() -> None:
    class Either(Record):
        value: Annotated[str, _EitherText]

    with pytest.raises(TypeError, match="cannot be checked for unsafe values"):
        Either(value="x")
