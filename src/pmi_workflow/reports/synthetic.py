"""Synthetic data for one regency (Kabupaten Tangerang, 3603): sessions and cases of every outcome.

Every NIK is made up (valid in form only) and every name invented. The data
set is built from the procedural samples (:mod:`pmi_workflow.testing`) and
serves the documentation, the examples and the tests of the district report.

>>> cases, sessions = district_sample()
>>> len(cases), len(sessions)
(17, 4)
>>> sorted(INTENDED_NON_PROCEDURAL)[:2]
['TGR-2024-010', 'TGR-2024-011']
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from pmi_workflow.domain import Case, parse_case
from pmi_workflow.outreach import InformationSession, Topic, parse_sessions
from pmi_workflow.testing.factories import case_data, synthetic_nik

__all__ = [
    "INTENDED_NON_PROCEDURAL",
    "REGENCY_CODE",
    "district_sample",
]

REGENCY_CODE = "3603"
"""Kabupaten Tangerang, the regency of the sample."""

INTENDED_NON_PROCEDURAL: dict[str, str] = {
    "TGR-2024-010": "documents.visa_not_work",
    "TGR-2024-011": "procedure.step_missing",
    "TGR-2024-012": "eligibility.age_below_minimum",
    "TGR-2024-013": "executor.individual_recruiter",
}
"""The sample's non-procedural cases and the finding each was built to show."""

_NAMESPACE = uuid.UUID("0b7f5c1e-95a4-4b0e-8f3e-6d1f2a9c4e21")

_PEOPLE: list[tuple[str, str, str]] = [
    # name, birth date, sex
    ("Ahmad Fauzi", "1996-03-11", "male"),
    ("Dewi Lestari", "1998-07-02", "female"),
    ("Rina Marlina", "1994-11-23", "female"),
    ("Joko Prasetyo", "1993-01-30", "male"),
    ("Sri Wahyuni", "1997-09-14", "female"),
    ("Agus Salim", "1992-04-05", "male"),
    ("Nur Aini", "1999-12-19", "female"),
    ("Bambang Hartono", "1991-06-08", "male"),
    ("Fitri Handayani", "1995-02-27", "female"),
    ("Hendra Gunawan", "1990-10-10", "male"),
    ("Lina Susanti", "1996-08-16", "female"),
    ("Yusuf Maulana", "2007-03-03", "male"),
    ("Ratna Sari", "1994-05-21", "female"),
    ("Eko Saputra", "1993-09-09", "male"),
    ("Wulan Dari", "1998-01-12", "female"),
    ("Dimas Pratama", "1995-07-07", "male"),
    ("Putri Ayu", "1997-04-04", "female"),
]

_ALL_TOPICS = [topic.value for topic in Topic]
_SOME_TOPICS = [
    Topic.OFFICIAL_PROCEDURE.value,
    Topic.PLACEMENT_COSTS.value,
    Topic.VULNERABILITIES.value,
    Topic.COMPLAINT_MECHANISMS.value,
]


def _nik(index: int, *, region: str = "360312") -> str:
    name, birth, sex = _PEOPLE[index]
    del name
    return synthetic_nik(
        datetime.date.fromisoformat(birth), female=sex == "female", region=region, serial=index + 1
    )


def _person(index: int, *, region: str = "360312") -> dict[str, Any]:
    name, birth, sex = _PEOPLE[index]
    return {
        "applicant__nik": _nik(index, region=region),
        "applicant__name": name,
        "applicant__birth_date": birth,
        "applicant__sex": sex,
    }


def _renumber(data: dict[str, Any], case_id: str) -> dict[str, Any]:
    data["case_id"] = case_id
    for sequence, event in enumerate(data["history"], start=1):
        event["case_id"] = case_id
        event["sequence"] = sequence
        event["event_id"] = str(uuid.uuid5(_NAMESPACE, f"{case_id}/{sequence}"))
    return data


def _event(step: str, day: str, role: str) -> dict[str, Any]:
    return {
        "case_id": "",
        "sequence": 1,
        "step": step,
        "occurred_at": f"{day}T10:00:00+07:00",
        "actor": {"role": role, "id": f"officer-{role}"},
    }


def _cite(data: dict[str, Any], *session_ids: str) -> dict[str, Any]:
    for event in data["history"]:
        if event["step"] == "informed":
            event["information_sessions"] = list(session_ids)
    return data


def _cases() -> list[dict[str, Any]]:
    built: list[dict[str, Any]] = []

    def add(
        index: int,
        scheme: str,
        *,
        step: str | None = None,
        then: tuple[tuple[str, str, str], ...] = (),
        sessions: tuple[str, ...] = ("SOS-3603-2024-01",),
        region: str = "360312",
        **changes: Any,
    ) -> None:
        data = case_data(scheme, step, **{**_person(index, region=region), **changes})
        data["history"].extend(_event(*item) for item in then)
        _cite(data, *sessions)
        built.append(_renumber(data, f"TGR-2024-{index + 1:03d}"))

    # procedural, placed and working
    add(0, "p2p")
    add(1, "p2p", sessions=("SOS-3603-2024-01", "SOS-3603-2024-02"))
    add(2, "g2g")
    add(3, "ukps")
    add(4, "perseorangan")
    # procedural, returned home
    add(
        5,
        "p2p",
        then=(
            ("return_reported", "2024-11-18", "p3mi"),
            ("arrived_home", "2024-11-25", "bp3mi"),
        ),
    )
    # procedural, still in the pre-placement stage
    add(6, "p2p", step="selected", sessions=("SOS-3603-2024-02",))
    # procedural exits: withdrawn, failed medical
    add(7, "p2p", step="registered", then=(("withdrawn", "2024-01-29", "disnaker"),))
    add(8, "p2p", step="selected", then=(("failed_medical", "2024-02-12", "health_facility"),))
    # non-procedural: a visit visa; no OPP; under age; an individual recruiter
    add(9, "p2p", documents={"visa-1": {"visa_type": "visit"}})
    add(10, "p2p", drop_steps=("opp_completed",), documents={"opp-1": None})
    add(11, "p2p", step="registered", sessions=("SOS-3603-2024-02",))
    add(
        12,
        "p2p",
        drop_steps=("informed", "registered"),
        sessions=(),
        executor={"kind": "individual", "name": "Calo"},
        job_order=None,
    )
    # placed by the NIK's region only (no regency code in the address)
    add(13, "p2p", step="registered", applicant__address__regency_code=None)
    # another regency (Kabupaten Bogor, 3201), excluded from the 3603 report
    add(
        14,
        "p2p",
        step="registered",
        region="320101",
        applicant__address__regency_code="3201",
        applicant__address__regency="Kabupaten Bogor",
        applicant__address__province="Jawa Barat",
    )
    # 2023 cases: outside a 2024 report
    for index in (15, 16):
        data = case_data("p2p", "informed", **_person(index))
        data["history"][0]["occurred_at"] = "2023-06-05T09:00:00+07:00"
        _cite(data, "SOS-3603-2023-01")
        built.append(_renumber(data, f"TGR-2023-{index - 14:03d}"))
    return built


def _sessions() -> list[dict[str, Any]]:
    tangerang = {
        "province": "Banten",
        "regency": "Kabupaten Tangerang",
        "regency_code": REGENCY_CODE,
    }
    return [
        {
            "session_id": "SOS-3603-2024-01",
            "held_on": "2024-01-05",
            "place": "Aula Disnaker Kabupaten Tangerang",
            "region": {**tangerang, "district": "Tigaraksa"},
            "organisers": [{"role": "disnaker", "name": "Disnaker Kabupaten Tangerang"}],
            "topics": _ALL_TOPICS,
            "participant_niks": [_nik(index) for index in (0, 1, 3, 4, 5, 7, 8, 9, 10, 13)]
            + [_nik(14, region="320101")],
            "anonymous_participants": 69,
        },
        {
            "session_id": "SOS-3603-2024-02",
            "held_on": "2024-01-06",
            "place": "Kantor Kecamatan Cikupa",
            "region": {**tangerang, "district": "Cikupa"},
            "organisers": [
                {"role": "disnaker", "name": "Disnaker Kabupaten Tangerang"},
                {"role": "p3mi", "name": "PT Sentosa Karya Mandiri"},
            ],
            "topics": _SOME_TOPICS,
            "participant_niks": [_nik(index) for index in (1, 6, 11)],
            "anonymous_participants": 77,
        },
        {
            "session_id": "SOS-3201-2024-01",
            "held_on": "2024-02-10",
            "place": "Aula Disnaker Kabupaten Bogor",
            "region": {
                "province": "Jawa Barat",
                "regency": "Kabupaten Bogor",
                "regency_code": "3201",
            },
            "organisers": [{"role": "bp3mi"}],
            "topics": _ALL_TOPICS,
            "anonymous_participants": 120,
        },
        {
            "session_id": "SOS-3603-2023-01",
            "held_on": "2023-06-01",
            "place": "LTSA Kabupaten Tangerang",
            "region": {**tangerang, "district": "Tigaraksa"},
            "organisers": [{"role": "ltsa"}],
            "topics": _ALL_TOPICS,
            "participant_niks": [_nik(15), _nik(16)],
            "anonymous_participants": 40,
        },
    ]


def district_sample() -> tuple[tuple[Case, ...], tuple[InformationSession, ...]]:
    """The sample's cases and information sessions (fresh objects on every call).

    In 2024, Kabupaten Tangerang held two sessions reaching 160 people; its
    cases cover every outcome: placed and working under each scheme,
    returned, still in progress, withdrawn, failed the medical check, and four
    non-procedural cases (see :data:`INTENDED_NON_PROCEDURAL`). One case from
    Kabupaten Bogor and two from 2023 fall outside a 2024 report for 3603.
    """
    cases = tuple(parse_case(data, source=data["case_id"]) for data in _cases())
    return cases, parse_sessions(_sessions(), source="district sample")
