"""Information sessions (sosialisasi): who informed whom, where, when and about what.

Before registration, district manpower offices (Disnaker), the regional units
of the ministry (BP3MI), the one-stop service centres (LTSA) and licensed
placement companies together with Disnaker hold information sessions so that
people who want to work abroad take the official way. PP 59/2021 Pasal 4 lists
what such information covers; :class:`Topic` names those items.

Participants are linked applicants (by NIK, printed masked) and/or an
anonymous head count.

>>> session = InformationSession(
...     session_id="SOS-3603-2024-01", held_on="8 Januari 2024",
...     place="Aula Disnaker Kabupaten Tangerang",
...     region={"province": "Banten", "regency": "Kabupaten Tangerang",
...             "district": "Tigaraksa", "regency_code": "3603"},
...     organisers=[{"role": "disnaker"}],
...     topics=["official_procedure", "placement_costs"],
...     participant_niks=["3603121505950002"], anonymous_participants=79)
>>> session.held_on
datetime.date(2024, 1, 8)
>>> session.reached
80
>>> session.participant_niks
(Nik('3603**********02'),)
>>> InformationSession(session_id="S-1", held_on="2024-01-08", place="Balai Desa",
...     region={"province": "Banten", "regency": "Kabupaten Tangerang", "regency_code": "3603"},
...     organisers=[{"role": "p3mi", "name": "PT Sentosa Karya Mandiri"}], topics=[])
Traceback (most recent call last):
    ...
pydantic_core._pydantic_core.ValidationError: 1 validation error for InformationSession
...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, ValidationError, field_validator, model_validator

from pmi_workflow._types import SortedFrozenSet
from pmi_workflow.dates import LenientDate
from pmi_workflow.domain.base import Record
from pmi_workflow.domain.case import problems_from_validation_error
from pmi_workflow.enums import ActorRole
from pmi_workflow.errors import InputProblem, InvalidInputError
from pmi_workflow.identifiers.nik import Nik

__all__ = [
    "ORGANISER_ROLES",
    "REQUIRED_TOPICS",
    "InformationSession",
    "Organiser",
    "Region",
    "ScreenedOffer",
    "Topic",
    "index_sessions",
    "parse_sessions",
]

_TOPIC_LABELS: dict[str, tuple[str, str]] = {
    "rights_and_duties": ("Hak dan kewajiban PMI", "Rights and duties of a PMI"),
    "vacancies_and_employers": (
        "Lowongan kerja, pemberi kerja dan kondisi kerja",
        "Vacancies, the employer and working conditions",
    ),
    "social_security_claims": (
        "Tata cara klaim jaminan sosial",
        "How to claim social-security benefits",
    ),
    "official_procedure": ("Tata cara penempatan resmi", "The official placement procedure"),
    "placement_costs": ("Biaya penempatan", "Placement costs"),
    "vulnerabilities": (
        "Kerentanan: perdagangan orang, narkotika, radikalisme, kesehatan",
        "Vulnerabilities: trafficking, narcotics, radicalisation, health",
    ),
    "destination_law_and_culture": (
        "Hukum, sosial dan budaya negara tujuan",
        "Law, society and culture of the destination",
    ),
    "placement_agreement_and_contract": (
        "Perjanjian Penempatan dan Perjanjian Kerja",
        "The placement agreement and the employment contract",
    ),
    "licensed_p3mi_list": (
        "Daftar P3MI berizin dan mitra usahanya",
        "The current list of licensed P3MI and their partners",
    ),
    "destination_and_closed_countries": (
        "Negara tujuan penempatan dan negara yang tertutup",
        "Destination countries and closed countries",
    ),
    "complaint_mechanisms": ("Saluran pengaduan", "Complaint channels"),
}


class Topic(StrEnum):
    """An item of the information PP 59/2021 Pasal 4 requires before placement.

    >>> Topic.PLACEMENT_COSTS.label_id
    'Biaya penempatan'
    >>> len(Topic)
    11
    """

    RIGHTS_AND_DUTIES = "rights_and_duties"
    VACANCIES_AND_EMPLOYERS = "vacancies_and_employers"
    SOCIAL_SECURITY_CLAIMS = "social_security_claims"
    OFFICIAL_PROCEDURE = "official_procedure"
    PLACEMENT_COSTS = "placement_costs"
    VULNERABILITIES = "vulnerabilities"
    DESTINATION_LAW_AND_CULTURE = "destination_law_and_culture"
    PLACEMENT_AGREEMENT_AND_CONTRACT = "placement_agreement_and_contract"
    LICENSED_P3MI_LIST = "licensed_p3mi_list"
    DESTINATION_AND_CLOSED_COUNTRIES = "destination_and_closed_countries"
    COMPLAINT_MECHANISMS = "complaint_mechanisms"

    @property
    def label_id(self) -> str:
        """Indonesian label."""
        return _TOPIC_LABELS[self.value][0]

    @property
    def label_en(self) -> str:
        """English label."""
        return _TOPIC_LABELS[self.value][1]


REQUIRED_TOPICS: frozenset[Topic] = frozenset(Topic)
"""Every topic of PP 59/2021 Pasal 4.

The topics the rules actually require are policy data (the
``information_topics`` entry of the shipped policy uses these same keys), so
an agency can change them without a release.
"""

ORGANISER_ROLES: frozenset[ActorRole] = frozenset(
    {ActorRole.DISNAKER, ActorRole.BP3MI, ActorRole.LTSA, ActorRole.KP2MI, ActorRole.P3MI}
)
"""Roles that may organise an official information session (a P3MI only with Disnaker)."""

Text = Annotated[str, Field(min_length=1, max_length=200)]


class Region(Record):
    """Where a session was held: province, regency/city, optionally the district (kecamatan).

    ``regency_code`` is the 4-digit BPS/Kemendagri code (``3603`` for
    Kabupaten Tangerang), the key of district reports.
    """

    province: Text
    regency: Text
    district: Text | None = None
    regency_code: Annotated[str, Field(pattern=r"^\d{4}$")]


class Organiser(Record):
    """One organiser of a session: a role and, optionally, the office or company name."""

    role: ActorRole
    name: Text | None = None

    @field_validator("role")
    @classmethod
    def _official_role(cls, role: ActorRole) -> ActorRole:
        if role not in ORGANISER_ROLES:
            allowed = ", ".join(sorted(item.value for item in ORGANISER_ROLES))
            raise ValueError(
                f"role {role.value!r} does not organise information sessions ({allowed})"
            )
        return role


class ScreenedOffer(Record):
    """A job offer screened at a session ("cek lowongan"): when, and what it raised.

    Only codes and counts are kept, never the offer or anyone's name, so a
    session file can be shared for the district report.

    >>> ScreenedOffer(screened_on="2024-01-08", codes=["documents.visa_not_work"], red_flags=1)
    ScreenedOffer(screened_on=datetime.date(2024, 1, 8), codes=('documents.visa_not_work',), \
red_flags=1, cautions=0)
    """

    screened_on: LenientDate
    codes: tuple[Annotated[str, Field(pattern=r"^[a-z_]+\.[a-z0-9_]+$")], ...] = ()
    red_flags: Annotated[int, Field(ge=0, le=1000)] = 0
    cautions: Annotated[int, Field(ge=0, le=1000)] = 0

    @property
    def flagged(self) -> bool:
        """``True`` when the screening raised at least one red flag."""
        return self.red_flags > 0


class InformationSession(Record):
    """One information session (sosialisasi) and the people it reached.

    ``participant_niks`` links applicants (printed masked);
    ``anonymous_participants`` counts people not linked to an applicant. A
    NIK listed twice is one person. ``screenings`` are the job offers
    screened at the session (see :mod:`pmi_workflow.screening`).
    """

    session_id: Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\s\x00]+$")]
    held_on: LenientDate
    place: Text
    region: Region
    organisers: Annotated[tuple[Organiser, ...], Field(min_length=1)]
    topics: SortedFrozenSet[Topic] = frozenset()
    participant_niks: tuple[Nik, ...] = ()
    anonymous_participants: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    screenings: tuple[ScreenedOffer, ...] = ()
    note: Annotated[str, Field(max_length=1000)] | None = None

    @model_validator(mode="after")
    def _check(self) -> InformationSession:
        roles = {organiser.role for organiser in self.organisers}
        if ActorRole.P3MI in roles and ActorRole.DISNAKER not in roles:
            raise ValueError("a P3MI holds information sessions only together with Disnaker")
        seen: set[str] = set()
        for index, nik in enumerate(self.participant_niks):
            if nik.reveal() in seen:
                raise ValueError(f"participant {index} is listed twice")
            seen.add(nik.reveal())
        return self

    @property
    def reached(self) -> int:
        """People reached: linked applicants plus the anonymous count."""
        return len(self.participant_niks) + self.anonymous_participants

    @property
    def organiser_roles(self) -> frozenset[ActorRole]:
        """The organisers' roles."""
        return frozenset(organiser.role for organiser in self.organisers)

    def attended_by(self, nik: str) -> bool:
        """``True`` if the applicant with this NIK is a linked participant."""
        return any(item.reveal() == nik for item in self.participant_niks)


def parse_sessions(
    data: Iterable[Any], *, source: str | None = None
) -> tuple[InformationSession, ...]:
    """Read session records; every problem of every record in one :class:`InvalidInputError`.

    Locations start with the record's index. Session ids must be unique.

    >>> parse_sessions([{"session_id": "S-1"}])
    Traceback (most recent call last):
        ...
    pmi_workflow.errors.InvalidInputError: invalid input: 0.held_on: Field required...
    """
    sessions: list[InformationSession] = []
    problems: list[InputProblem] = []
    seen: set[str] = set()
    for index, record in enumerate(data):
        if not isinstance(record, Mapping):
            problems.append(InputProblem((index,), "a session record must be an object", "type"))
            continue
        try:
            session = InformationSession.model_validate(record)
        except ValidationError as error:
            problems.extend(
                InputProblem((index, *problem.location), problem.message, problem.kind)
                for problem in problems_from_validation_error(error)
            )
            continue
        if session.session_id in seen:
            problems.append(
                InputProblem((index, "session_id"), "session id is used twice", "duplicate")
            )
            continue
        seen.add(session.session_id)
        sessions.append(session)
    if problems:
        raise InvalidInputError(problems, source=source)
    return tuple(sessions)


def index_sessions(
    sessions: Iterable[InformationSession] | Mapping[str, InformationSession],
) -> Mapping[str, InformationSession]:
    """Sessions by id (a mapping is returned as it is).

    >>> index_sessions([]) == {}
    True
    """
    if isinstance(sessions, Mapping):
        return sessions
    return {session.session_id: session for session in sessions}
