"""Information sessions: what a session records, and what it refuses."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from pydantic import ValidationError

from pmi_workflow.enums import ActorRole
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.outreach import (
    REQUIRED_TOPICS,
    InformationSession,
    Topic,
    index_sessions,
    parse_sessions,
)
from pmi_workflow.policy import Policy

NIK = "3603121505950002"


def session_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "session_id": "SOS-1",
        "held_on": "Senin, 8 Januari 2024",
        "place": "Aula Disnaker Kabupaten Tangerang",
        "region": {
            "province": "Banten",
            "regency": "Kabupaten Tangerang",
            "district": "Tigaraksa",
            "regency_code": "3603",
        },
        "organisers": [{"role": "disnaker", "name": "Disnaker Kabupaten Tangerang"}],
        "topics": ["official_procedure", "placement_costs"],
        "participant_niks": [NIK],
        "anonymous_participants": 79,
    }
    data.update(changes)
    return data


def test_a_session_reads_indonesian_dates_and_counts_the_people_reached() -> None:
    session = InformationSession.model_validate(session_data())
    assert session.held_on == datetime.date(2024, 1, 8)
    assert session.reached == 80
    assert session.topics == {Topic.OFFICIAL_PROCEDURE, Topic.PLACEMENT_COSTS}


def test_participant_niks_print_masked() -> None:
    session = InformationSession.model_validate(session_data())
    assert NIK not in repr(session)
    assert NIK not in str(session.participant_niks)
    assert session.attended_by(NIK)
    assert not session.attended_by("3603124505950002")


def test_a_p3mi_cannot_hold_a_session_without_disnaker() -> None:
    with pytest.raises(ValidationError, match="together with Disnaker"):
        InformationSession.model_validate(
            session_data(organisers=[{"role": "p3mi", "name": "PT Sentosa Karya Mandiri"}])
        )
    joint = InformationSession.model_validate(
        session_data(organisers=[{"role": "disnaker"}, {"role": "p3mi", "name": "PT Sentosa"}])
    )
    assert joint.organiser_roles == {ActorRole.DISNAKER, ActorRole.P3MI}


def test_an_employer_is_not_an_organiser() -> None:
    with pytest.raises(ValidationError, match="does not organise"):
        InformationSession.model_validate(session_data(organisers=[{"role": "employer"}]))


def test_a_session_needs_an_organiser_and_a_four_digit_regency_code() -> None:
    with pytest.raises(ValidationError):
        InformationSession.model_validate(session_data(organisers=[]))
    with pytest.raises(ValidationError):
        InformationSession.model_validate(
            session_data(region={"province": "Banten", "regency": "X", "regency_code": "36"})
        )


def test_a_participant_listed_twice_is_refused_without_echoing_the_nik() -> None:
    with pytest.raises(ValidationError) as caught:
        InformationSession.model_validate(session_data(participant_niks=[NIK, NIK]))
    assert "listed twice" in str(caught.value)
    assert NIK not in str(caught.value)


def test_a_negative_head_count_is_refused() -> None:
    with pytest.raises(ValidationError):
        InformationSession.model_validate(session_data(anonymous_participants=-1))


def test_parse_sessions_names_every_bad_record_and_duplicate_ids() -> None:
    records = [
        session_data(),
        session_data(held_on="31 Februari 2024"),
        session_data(),
        "not a record",
    ]
    with pytest.raises(InvalidInputError) as caught:
        parse_sessions(records, source="sessions.json")
    locations = [problem.location for problem in caught.value.problems]
    assert (1, "held_on") in locations
    assert (2, "session_id") in locations
    assert (3,) in locations
    assert caught.value.source == "sessions.json"
    assert NIK not in str(caught.value)


def test_index_sessions_keys_sessions_by_id() -> None:
    sessions = parse_sessions([session_data(), session_data(session_id="SOS-2")])
    assert sorted(index_sessions(sessions)) == ["SOS-1", "SOS-2"]


def test_every_topic_has_labels_in_both_languages() -> None:
    for topic in Topic:
        assert topic.label_id
        assert topic.label_en
        assert topic.label_id != topic.label_en


def test_the_shipped_policy_requires_exactly_the_pasal_4_topics() -> None:
    view = Policy.default().as_of(datetime.date(2024, 1, 1))
    assert view.information_topics == {topic.value for topic in REQUIRED_TOPICS}


def test_a_session_is_immutable_and_safe_to_share_between_threads() -> None:
    session = InformationSession.model_validate(session_data())
    with pytest.raises(ValidationError):
        session.anonymous_participants = 1  # type: ignore[misc]
    results: list[int] = []

    def read() -> None:
        for _ in range(200):
            results.append(session.reached)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(results) == {80}
    assert len(results) == 800
