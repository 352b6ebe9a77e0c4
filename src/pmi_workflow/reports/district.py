"""The district report: from information sessions to procedural departures, per regency.

For one regency or city (the 4-digit code ``PPRR``) and one period the report
gives:

- the information sessions held there and the people they reached, which
  topics they covered, and how many linked participants went on to register
  and to depart;
- the funnel *informed → registered → departed → returned* of the cases in
  the period (a case counts at a stage when its history records that step by
  the end of the period; a non-procedural case may skip stages);
- the outcome of an audit of each case (procedural or not) with the most
  frequent finding codes;
- breakdowns by destination, occupation, scheme, kecamatan, desa/kelurahan
  (from the applicant's address) and current status (the state the audit
  replayed);
- a worklist of cases with something due or overdue.

A case belongs to the regency by the ``regency_code`` of the applicant's
address or, when that is absent, by the region code at the start of the NIK
(see :class:`RegionSource`). It belongs to the period when its first recorded
step falls within it; it is judged as it stood at the end of the period
(later events are left out).

The report holds no personal data unless ``include_personal_data=True``
is passed: then it also lists the cases with case id, NIK and name.

>>> import datetime
>>> from pmi_workflow.reports.synthetic import district_sample
>>> cases, sessions = district_sample()
>>> report = build_district_report(
...     cases, sessions, regency_code="3603",
...     period=Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
...     auditor=null_auditor)
>>> report.sessions.held, report.sessions.reached
(2, 160)
>>> [(stage.step, stage.cases) for stage in report.funnel]
[('informed', 13), ('registered', 13), ('departed', 9), ('returned', 1)]
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pmi_workflow.dates import local_day
from pmi_workflow.domain import Case, CaseEvent
from pmi_workflow.domain.occupation import OCCUPATIONS
from pmi_workflow.enums import ActorRole, Step
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.findings import Severity
from pmi_workflow.labels import label
from pmi_workflow.outreach import InformationSession, Topic
from pmi_workflow.policy import Policy
from pmi_workflow.reports.worklist import WorkItem, sort_worklist, work_items
from pmi_workflow.rules import LicenceRegistry, ValidationReport, validate_case
from pmi_workflow.rules.information import session_topics
from pmi_workflow.workflow import AuditReport, Workflow

__all__ = [
    "AuditOutcome",
    "Auditor",
    "Breakdown",
    "BreakdownRow",
    "CaseLine",
    "DistrictReport",
    "FindingCount",
    "FunnelStage",
    "Outcomes",
    "Period",
    "RegionSource",
    "SessionSummary",
    "build_district_report",
    "case_regency_code",
    "null_auditor",
    "rules_auditor",
    "workflow_auditor",
]

logger = logging.getLogger(__name__)

FUNNEL: tuple[tuple[str, frozenset[Step], str, str], ...] = (
    ("informed", frozenset({Step.INFORMED}), "Memperoleh informasi", "Informed"),
    ("registered", frozenset({Step.REGISTERED}), "Terdaftar", "Registered"),
    ("departed", frozenset({Step.DEPARTED}), "Berangkat", "Departed"),
    (
        "returned",
        frozenset({Step.ARRIVED_HOME, Step.REINTEGRATED, Step.REPATRIATED}),
        "Kembali",
        "Returned",
    ),
)
"""The funnel stages: key, the steps that mark the stage, Indonesian and English labels."""


class RegionSource(StrEnum):
    """Which region code places a case in a regency."""

    ADDRESS = "address"
    """The ``regency_code`` of the applicant's address only."""
    NIK = "nik"
    """The first four digits of the NIK (the regency where the NIK was issued)."""
    ADDRESS_OR_NIK = "address_or_nik"
    """The address code when present, the NIK's otherwise (the default)."""


@dataclass(frozen=True, slots=True)
class Period:
    """A closed range of days, ``start`` to ``end`` inclusive.

    >>> Period(datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)).contains(
    ...     datetime.date(2024, 3, 31))
    True
    >>> Period(datetime.date(2024, 2, 1), datetime.date(2024, 1, 1))
    Traceback (most recent call last):
        ...
    pmi_workflow.errors.InvalidInputError: invalid input: period: the period ends before it starts
    """

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInputError.single(
                "the period ends before it starts", "period", ("period",)
            )

    def contains(self, day: datetime.date) -> bool:
        """``True`` if ``day`` is within the period."""
        return self.start <= day <= self.end

    def to_dict(self) -> dict[str, str]:
        """As JSON-compatible data."""
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


AuditOutcome = ValidationReport
"""What an audit says about one case: the one result type of judging a history."""


Auditor = Callable[[Case, datetime.date], ValidationReport]
"""Audits a case as of a day and returns the one result of judging a history: a
:class:`~pmi_workflow.rules.ValidationReport` (what :func:`~pmi_workflow.rules.validate_case`
and :meth:`~pmi_workflow.workflow.Workflow.audit` return)."""


def null_auditor(case: Case, on: datetime.date) -> ValidationReport:
    """An auditor that judges nothing: no findings, every case procedural.

    For reports that only need the sessions and the funnel (and for examples);
    use :func:`workflow_auditor` or :func:`rules_auditor` for real audits.
    """
    return ValidationReport(case.case_id, on, (), scheme=case.scheme)


def rules_auditor(
    sessions: Iterable[InformationSession] = (),
    *,
    policy: Policy | None = None,
    registry: LicenceRegistry | None = None,
) -> Auditor:
    """An auditor running :func:`pmi_workflow.rules.validate_case` on the whole case.

    ``sessions`` let it judge ``procedure.information_incomplete``; without
    any, that rule is not judged (rather than firing on every case).
    ``policy`` defaults to the shipped policy; ``registry`` gives licence facts.
    """
    topics = session_topics(tuple(sessions)) or None

    def audit(case: Case, on: datetime.date) -> ValidationReport:
        return validate_case(case, as_of=on, policy=policy, registry=registry, sessions=topics)

    return audit


def workflow_auditor(
    sessions: Iterable[InformationSession] = (),
    *,
    policy: Policy | None = None,
    registry: LicenceRegistry | None = None,
) -> Auditor:
    """An auditor replaying each history through the workflow (the default).

    :meth:`pmi_workflow.workflow.Workflow.audit` judges every recorded step
    as live recording would have, by the policy in force on its day, then the
    case as a whole. ``sessions`` let it judge
    ``procedure.information_incomplete``; without any, that rule is not
    judged. ``registry`` gives licence facts.
    """
    workflow = Workflow(policy, registry=registry, sessions=session_topics(tuple(sessions)) or None)

    def audit(case: Case, on: datetime.date) -> AuditReport:
        return workflow.audit(case, as_of=on)

    return audit


def _verdict_of(result: ValidationReport) -> ValidationReport:
    if not isinstance(result, ValidationReport):
        raise TypeError(
            "an auditor returns the ValidationReport of validate_case() or Workflow.audit(); "
            f"this one returned {type(result).__name__}"
        )
    return result


def case_regency_code(case: Case, source: RegionSource = RegionSource.ADDRESS_OR_NIK) -> str:
    """The 4-digit regency code that places ``case`` in a district.

    >>> from pmi_workflow.testing import make_case
    >>> moved = make_case("p2p", applicant__address__regency_code="3201")
    >>> case_regency_code(moved)
    '3201'
    >>> case_regency_code(moved, RegionSource.NIK)
    '3603'
    """
    address_code = case.applicant.address.regency_code
    if source is RegionSource.ADDRESS:
        return address_code or ""
    if source is RegionSource.ADDRESS_OR_NIK and address_code:
        return address_code
    return case.applicant.nik.regency_code


# -- the report's records -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """The information sessions held in the regency in the period.

    ``linked_participants`` counts distinct NIKs; ``participants_registered``
    and ``participants_departed`` count those of them with a case (in any
    regency) that recorded registration or departure by the period's end.
    ``topic_coverage`` gives, per topic, the number of sessions that covered it.
    ``offers_screened`` counts the job offers screened at the sessions,
    ``offers_flagged`` those with a red flag, ``flags_raised`` their red flags.
    """

    held: int
    reached: int
    linked_participants: int
    anonymous_participants: int
    participants_registered: int
    participants_departed: int
    by_organiser: tuple[tuple[ActorRole, int], ...]
    topic_coverage: tuple[tuple[Topic, int], ...]
    offers_screened: int = 0
    offers_flagged: int = 0
    flags_raised: int = 0

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data."""
        return {
            "held": self.held,
            "reached": self.reached,
            "linked_participants": self.linked_participants,
            "anonymous_participants": self.anonymous_participants,
            "participants_registered": self.participants_registered,
            "participants_departed": self.participants_departed,
            "by_organiser": {role.value: count for role, count in self.by_organiser},
            "topic_coverage": {topic.value: count for topic, count in self.topic_coverage},
            "offers_screened": self.offers_screened,
            "offers_flagged": self.offers_flagged,
            "flags_raised": self.flags_raised,
        }


@dataclass(frozen=True, slots=True)
class FunnelStage:
    """One stage of the funnel: how many cases reached it."""

    step: str
    label_id: str
    label_en: str
    cases: int


@dataclass(frozen=True, slots=True)
class FindingCount:
    """How often a finding code occurred: in how many cases, how many times in all."""

    code: str
    severity: Severity
    cases: int
    occurrences: int


@dataclass(frozen=True, slots=True)
class Outcomes:
    """Audit outcomes of the cases in scope."""

    cases: int
    procedural: int
    non_procedural: int
    top_findings: tuple[FindingCount, ...]

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data."""
        return {
            "cases": self.cases,
            "procedural": self.procedural,
            "non_procedural": self.non_procedural,
            "top_findings": [
                {
                    "code": item.code,
                    "severity": item.severity.value,
                    "cases": item.cases,
                    "occurrences": item.occurrences,
                }
                for item in self.top_findings
            ],
        }


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    """One value of a breakdown (a destination, an occupation...) and its counts."""

    key: str
    label_id: str
    label_en: str
    cases: int
    procedural: int
    non_procedural: int
    departed: int

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data."""
        return {
            "key": self.key,
            "label": {"id": self.label_id, "en": self.label_en},
            "cases": self.cases,
            "procedural": self.procedural,
            "non_procedural": self.non_procedural,
            "departed": self.departed,
        }


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Cases counted by one dimension (``destination``, ``occupation``, ``scheme``,
    ``district``, ``village``, ``status``)."""

    dimension: str
    label_id: str
    label_en: str
    rows: tuple[BreakdownRow, ...]


@dataclass(frozen=True, slots=True)
class CaseLine:
    """One case, with personal data: only in a report asked for with personal data."""

    case_id: str
    nik: str
    name: str
    status: str
    procedural: bool
    codes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data (unmasked: this is the explicit way out)."""
        return {
            "case_id": self.case_id,
            "nik": self.nik,
            "name": self.name,
            "status": self.status,
            "procedural": self.procedural,
            "codes": list(self.codes),
        }


@dataclass(frozen=True, slots=True)
class DistrictReport:
    """The district report (see the module documentation). Immutable."""

    regency_code: str
    regency_name: str | None
    period: Period
    region_source: RegionSource
    sessions: SessionSummary
    funnel: tuple[FunnelStage, ...]
    outcomes: Outcomes
    breakdowns: tuple[Breakdown, ...]
    cases: tuple[CaseLine, ...] | None = field(default=None)
    worklist: tuple[WorkItem, ...] = ()

    @property
    def includes_personal_data(self) -> bool:
        """``True`` when the report lists cases with NIK and name."""
        return self.cases is not None

    def breakdown(self, dimension: str) -> Breakdown:
        """The breakdown of one dimension (``KeyError`` if there is none)."""
        for item in self.breakdowns:
            if item.dimension == dimension:
                return item
        raise KeyError(dimension)

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data."""
        data: dict[str, Any] = {
            "report": "district",
            "regency_code": self.regency_code,
            "regency_name": self.regency_name,
            "period": self.period.to_dict(),
            "region_source": self.region_source.value,
            "sessions": self.sessions.to_dict(),
            "funnel": [
                {
                    "step": stage.step,
                    "label": {"id": stage.label_id, "en": stage.label_en},
                    "cases": stage.cases,
                }
                for stage in self.funnel
            ],
            "outcomes": self.outcomes.to_dict(),
            "breakdowns": {
                item.dimension: [row.to_dict() for row in item.rows] for item in self.breakdowns
            },
            "includes_personal_data": self.includes_personal_data,
        }
        data["worklist"] = [item.to_dict() for item in self.worklist]
        if self.cases is not None:
            data["cases"] = [line.to_dict() for line in self.cases]
        return data


# -- computation ----------------------------------------------------------------------


def _day(event: CaseEvent) -> datetime.date:
    return local_day(event.occurred_at)


def _as_of(case: Case, end: datetime.date) -> Case:
    kept = tuple(event for event in case.history if _day(event) <= end)
    if len(kept) == len(case.history):
        return case
    return case.model_copy(update={"history": kept})


def _status(case: Case) -> Step | None:
    """The case's current status: its last recorded step."""
    return case.history[-1].step if case.history else None


def _steps(case: Case) -> frozenset[Step]:
    return frozenset(event.step for event in case.history)


def _status_label(step: Step | str | None) -> tuple[str, str, str]:
    """The status key and its labels: a step, or a replayed state (a step's name or ``new``)."""
    if step is None:
        return ("none", "Belum ada langkah", "No step yet")
    value = step.value if isinstance(step, Step) else step
    return (value, label("state", value, "id"), label("state", value, "en"))


def _place_key(name: str) -> str:
    return " ".join(name.split()).title()


def _district_label(case: Case) -> tuple[str, str, str]:
    name = _place_key(case.applicant.address.district)
    return (name.casefold(), name, name)


def _village_label(case: Case) -> tuple[str, str, str]:
    district = _place_key(case.applicant.address.district)
    village = _place_key(case.applicant.address.village)
    shown = f"{village} ({district})"
    return (f"{district.casefold()}/{village.casefold()}", shown, shown)


class _Tally:
    """Counts of one breakdown, kept as cases stream past (no case is kept)."""

    def __init__(self, dimension: str, label_id: str, label_en: str) -> None:
        self.dimension = dimension
        self.label_id = label_id
        self.label_en = label_en
        self.cases: Counter[str] = Counter()
        self.procedural: Counter[str] = Counter()
        self.departed: Counter[str] = Counter()
        self.labels: dict[str, tuple[str, str]] = {}

    def add(self, key: tuple[str, str, str], is_procedural: bool, has_departed: bool) -> None:
        code, key_id, key_en = key
        self.labels[code] = (key_id, key_en)
        self.cases[code] += 1
        self.procedural[code] += int(is_procedural)
        self.departed[code] += int(has_departed)

    def breakdown(self) -> Breakdown:
        rows = tuple(
            BreakdownRow(
                key=key,
                label_id=self.labels[key][0],
                label_en=self.labels[key][1],
                cases=count,
                procedural=self.procedural[key],
                non_procedural=count - self.procedural[key],
                departed=self.departed[key],
            )
            for key, count in sorted(self.cases.items(), key=lambda item: (-item[1], item[0]))
        )
        return Breakdown(self.dimension, self.label_id, self.label_en, rows)


def _occupation_key(case: Case) -> tuple[str, str, str]:
    code = case.occupation.code
    known = code in OCCUPATIONS
    return (
        code,
        label("occupation", code, "id") if known else case.occupation.label_id,
        case.occupation.label_en,
    )


def _scheme_key(case: Case) -> tuple[str, str, str]:
    scheme = case.scheme.value
    return (scheme, label("scheme", scheme, "id"), case.scheme.label_en)


def _country_label(code: str) -> tuple[str, str]:
    """Indonesian and English names of a country (``Korea Selatan``, ``South Korea``).

    >>> _country_label("KR"), _country_label("CN")
    (('Korea Selatan', 'South Korea'), ('Tiongkok', 'China'))
    """
    return (label("country", code, "id"), label("country", code, "en"))


def build_district_report(
    cases: Iterable[Case],
    sessions: Iterable[InformationSession] = (),
    *,
    regency_code: str,
    period: Period,
    auditor: Auditor | None = None,
    region_source: RegionSource | str = RegionSource.ADDRESS_OR_NIK,
    top: int = 10,
    include_personal_data: bool = False,
    policy: Policy | None = None,
    worklist_on: datetime.date | None = None,
) -> DistrictReport:
    """Compute the district report of ``regency_code`` for ``period``.

    ``auditor(case, day)`` judges each case in scope as of the period's end;
    it defaults to :func:`workflow_auditor` over all the ``sessions`` given
    (the workflow's audit of the recorded history).
    ``top`` limits the list of most frequent finding codes. Cases and
    sessions are read once, so iterators (e.g. from a store or a file) are
    fine. The worklist (see :mod:`pmi_workflow.reports.worklist`) is as of
    ``worklist_on`` (default: the period's end), by ``policy`` (default: the
    shipped policy). The status of a case is the state its audit replayed,
    when the auditor gives one (the workflow's does), else its last step.
    """
    if not (len(regency_code) == 4 and regency_code.isdigit()):
        raise InvalidInputError.single(
            "a regency code has 4 digits (PPRR, e.g. 3603)", "regency_code", ("regency_code",)
        )
    if top < 1:
        raise InvalidInputError.single("top must be at least 1", "top", ("top",))
    source = RegionSource(region_source)
    sessions = tuple(sessions)
    audit = auditor or workflow_auditor(sessions)

    held = [
        session
        for session in sessions
        if session.region.regency_code == regency_code and period.contains(session.held_on)
    ]
    linked = {nik.reveal() for session in held for nik in session.participant_niks}
    linked_steps: dict[str, set[Step]] = {}
    regency_names: Counter[str] = Counter()
    for session in held:
        regency_names[session.region.regency] += 1
    # One pass: each case in scope is judged and counted as it streams past, and only
    # counts are kept (memory does not grow with the number of cases).
    tallies = (
        _Tally("destination", "Negara tujuan", "Destination"),
        _Tally("occupation", "Jabatan", "Occupation"),
        _Tally("scheme", "Skema", "Scheme"),
        _Tally("district", "Kecamatan", "District (kecamatan)"),
        _Tally("village", "Desa/kelurahan", "Village (desa/kelurahan)"),
        _Tally("status", "Status terakhir", "Current status"),
    )
    reached: Counter[str] = Counter()
    case_counts: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    severities: dict[str, Severity] = {}
    work: list[WorkItem] = []
    lines_found: list[CaseLine] = []
    in_scope = procedural = 0
    work_day = worklist_on or period.end
    for case in cases:
        if not case.history:
            continue
        trimmed = _as_of(case, period.end)
        steps = _steps(trimmed)
        nik = case.applicant.nik.reveal()
        if nik in linked:
            linked_steps.setdefault(nik, set()).update(steps)
        if case_regency_code(case, source) != regency_code:
            continue
        if not period.contains(_day(case.history[0])):
            continue
        in_scope += 1
        if case.applicant.address.regency_code == regency_code:
            regency_names[case.applicant.address.regency] += 1
        for key, marks, _, _ in FUNNEL:
            if steps & marks:
                reached[key] += 1
        verdict = _verdict_of(audit(trimmed, period.end))
        codes = {item.code for item in verdict.findings}
        case_counts.update(codes)
        for item in verdict.findings:
            occurrences[item.code] += 1
            if severities.get(item.code) is not Severity.ERROR:
                severities[item.code] = item.severity
        procedural += int(verdict.procedural)
        departed = Step.DEPARTED in steps
        status = _status_label(verdict.state or _status(trimmed))
        country_id, country_en = _country_label(trimmed.destination)
        keys: tuple[tuple[str, str, str], ...] = (
            (trimmed.destination, country_id, country_en),
            _occupation_key(trimmed),
            _scheme_key(trimmed),
            _district_label(trimmed),
            _village_label(trimmed),
            status,
        )
        for tally, row_key in zip(tallies, keys, strict=True):
            tally.add(row_key, verdict.procedural, departed)
        work.extend(work_items(trimmed, work_day, policy=policy))
        if include_personal_data:
            lines_found.append(
                CaseLine(
                    case_id=case.case_id,
                    nik=nik,
                    name=case.applicant.name.reveal(),
                    status=status[0],
                    procedural=verdict.procedural,
                    codes=tuple(sorted(codes)),
                )
            )
    session_summary = _summarise_sessions(held, linked, linked_steps)
    funnel = tuple(
        FunnelStage(step=key, label_id=label_id, label_en=label_en, cases=reached[key])
        for key, _, label_id, label_en in FUNNEL
    )
    top_findings = tuple(
        FindingCount(code, severities[code], count, occurrences[code])
        for code, count in sorted(
            case_counts.items(),
            key=lambda item: (severities[item[0]] is not Severity.ERROR, -item[1], item[0]),
        )[:top]
    )
    outcomes = Outcomes(
        cases=in_scope,
        procedural=procedural,
        non_procedural=in_scope - procedural,
        top_findings=top_findings,
    )
    breakdowns = tuple(tally.breakdown() for tally in tallies)
    worklist = sort_worklist(work)
    lines: tuple[CaseLine, ...] | None = tuple(lines_found) if include_personal_data else None
    logger.info(
        "district report %s %s..%s: %d cases, %d sessions",
        regency_code,
        period.start,
        period.end,
        in_scope,
        len(held),
    )
    return DistrictReport(
        regency_code=regency_code,
        regency_name=regency_names.most_common(1)[0][0] if regency_names else None,
        period=period,
        region_source=source,
        sessions=session_summary,
        funnel=funnel,
        outcomes=outcomes,
        breakdowns=breakdowns,
        cases=lines,
        worklist=worklist,
    )


def _summarise_sessions(
    held: Sequence[InformationSession],
    linked: set[str],
    linked_steps: Mapping[str, set[Step]],
) -> SessionSummary:
    registered = sum(1 for steps in linked_steps.values() if Step.REGISTERED in steps)
    departed = sum(1 for steps in linked_steps.values() if Step.DEPARTED in steps)
    organisers: Counter[ActorRole] = Counter()
    topics: Counter[Topic] = Counter()
    for session in held:
        organisers.update(session.organiser_roles)
        topics.update(session.topics)
    return SessionSummary(
        held=len(held),
        reached=sum(session.reached for session in held),
        linked_participants=len(linked),
        anonymous_participants=sum(session.anonymous_participants for session in held),
        participants_registered=registered,
        participants_departed=departed,
        by_organiser=tuple(sorted(organisers.items(), key=lambda item: (-item[1], item[0]))),
        topic_coverage=tuple((topic, topics[topic]) for topic in Topic),
        offers_screened=sum(len(session.screenings) for session in held),
        offers_flagged=sum(item.flagged for session in held for item in session.screenings),
        flags_raised=sum(item.red_flags for session in held for item in session.screenings),
    )
