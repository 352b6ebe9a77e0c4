"""Licence registry facts (SIP3MI, SIP2MI, UKPS permits) behind a small interface.

The validators never do I/O: a :class:`LicenceRegistry` answers lookups from
data it already holds. Every answer carries when it was checked, so evidence
older than the policy's freshness window (``licence_evidence_max_days``)
yields ``executor.licence_evidence_stale``.

:class:`FileLicenceRegistry` is the default: it reads a JSON or TOML file
once, then answers from memory (it is immutable and thread-safe). It also
finds a company's licences by the company's name (a registry that can do so
is a :class:`HolderIndex`), so :func:`company_standing` answers the question
a prospective worker asks: is this company licensed, and does its SIP2MI
cover this destination and this job on this day? A company the registry does
not know is *unknown* — to be verified, never taken as licensed.

>>> registry = FileLicenceRegistry.from_data({"licences": [
...     {"kind": "sip3mi", "number": "B.5/1234/PK.02/2021", "status": "revoked",
...      "issued_on": "2021-03-01", "revoked_on": "2024-04-01",
...      "checked_at": "2024-04-02T10:00:00+07:00", "source": "SIP3MI register"}]})
>>> fact = registry.lookup(LicenceKind.SIP3MI, "B.5/1234/PK.02/2021")
>>> fact.is_valid_on(datetime.date(2024, 5, 1)), fact.checked_on
(False, datetime.date(2024, 4, 2))
>>> registry = FileLicenceRegistry.from_data({"licences": [
...     {"kind": "sip3mi", "number": "SIP3MI-7", "holder": "PT Sentosa Karya Mandiri",
...      "issued_on": "2022-01-03", "checked_at": "2024-05-02T09:00:00+07:00",
...      "source": "SIP3MI register"},
...     {"kind": "sip2mi", "number": "SIP2MI-9", "holder": "Sentosa Karya Mandiri, PT",
...      "destination": "TW", "occupations": ["factory_operator"], "issued_on": "2024-01-08",
...      "valid_until": "2025-01-07", "checked_at": "2024-05-02T09:00:00+07:00",
...      "source": "SIP2MI register"}]})
>>> standing = company_standing(
...     registry, datetime.date(2024, 5, 6), name="PT. Sentosa Karya Mandiri",
...     destination="TW", occupation="factory_operator")
>>> standing.known, standing.licensed, standing.permit_covers, standing.permit.number
(True, True, True, 'SIP2MI-9')
>>> company_standing(registry, datetime.date(2024, 5, 6), name="PT Maju Jaya").known
False
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pmi_workflow._types import SortedFrozenSet
from pmi_workflow.dates import JAKARTA, AwareDatetime, LenientDate
from pmi_workflow.domain.case import problems_from_validation_error
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.identifiers.country import CountryCode
from pmi_workflow.safe_load import JsonValueError, NestingTooDeepError, load_json, load_toml

__all__ = [
    "CompanyStanding",
    "FileLicenceRegistry",
    "HolderIndex",
    "LicenceFact",
    "LicenceKind",
    "LicenceRegistry",
    "company_standing",
    "holder_key",
]

_HOLDER_NOISE = re.compile(r"\b(PT|P\.T|TBK|PERSERO)\b\.?")
_NOT_WORD = re.compile(r"[^0-9A-Z]+")


def holder_key(name: str) -> str:
    """A company name reduced for matching: case, punctuation and the ``PT`` form left out.

    >>> holder_key("PT. Sentosa Karya Mandiri") == holder_key("Sentosa Karya Mandiri, PT")
    True
    """
    text = _HOLDER_NOISE.sub(" ", name.upper())
    return " ".join(_NOT_WORD.sub(" ", text).split())


class LicenceKind(StrEnum):
    """What a registry entry is."""

    SIP3MI = "sip3mi"
    SIP2MI = "sip2mi"
    UKPS_PERMIT = "ukps_permit"


class LicenceFact(BaseModel):
    """One licence as a registry knows it, and when that was checked."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    kind: LicenceKind
    number: Annotated[str, Field(min_length=1, max_length=100)]
    status: Literal["active", "expired", "revoked", "suspended"] = "active"
    issued_on: LenientDate | None = None
    valid_until: LenientDate | None = None
    revoked_on: LenientDate | None = None
    destination: CountryCode | None = None
    holder: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    occupations: SortedFrozenSet[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,63}$")]] = (
        frozenset()
    )
    checked_at: AwareDatetime
    source: Annotated[str, Field(min_length=1, max_length=300)]

    @property
    def checked_on(self) -> datetime.date:
        """The day (in Jakarta) the fact was checked."""
        return self.checked_at.astimezone(JAKARTA).date()

    def is_valid_on(self, day: datetime.date) -> bool:
        """Valid on ``day`` as far as this fact tells."""
        if self.issued_on is not None and day < self.issued_on:
            return False
        if self.revoked_on is not None and self.revoked_on <= day:
            return False
        if self.status in ("revoked", "suspended") and self.revoked_on is None:
            return False
        if self.status == "expired" and self.valid_until is None:
            return False
        return self.valid_until is None or day <= self.valid_until

    def problem_on(self, day: datetime.date) -> str | None:
        """Why the licence is not valid on ``day`` (``None`` when it is).

        One of ``not_yet_issued``, ``revoked`` (also suspended) and ``expired``.
        """
        if self.is_valid_on(day):
            return None
        if self.issued_on is not None and day < self.issued_on:
            return "not_yet_issued"
        if self.status in ("revoked", "suspended") or (
            self.revoked_on is not None and self.revoked_on <= day
        ):
            return "revoked"
        return "expired"

    def is_stale_on(self, day: datetime.date, maximum_days: int) -> bool:
        """``True`` when the fact was checked more than ``maximum_days`` before ``day``."""
        return self.checked_on < day - datetime.timedelta(days=maximum_days)

    def held_by(self, name: str | None) -> Literal["same", "branch", "other"] | None:
        """Whether the data gives this licence to the company ``name``.

        ``same`` when the names agree by :func:`holder_key` (case, spacing,
        punctuation and the ``PT`` form forgiven); ``branch`` when ``name`` is the
        holder's name followed by ``Cabang …`` (a branch office quoting its head
        office's licence, to be verified); ``other`` for any other name; ``None``
        when the name or the holder is not known.

        >>> fact = LicenceFact(kind="sip3mi", number="X-1", holder="PT Sentosa Karya Mandiri",
        ...     checked_at=datetime.datetime(2024, 5, 2, tzinfo=datetime.UTC), source="register")
        >>> fact.held_by("P.T.  sentosa karya mandiri"), fact.held_by("PT Maju Jaya")
        ('same', 'other')
        >>> fact.held_by("PT Sentosa Karya Mandiri Cabang Batam")
        'branch'
        """
        named = holder_key(name) if name else ""
        if not named or not self.holder:
            return None
        holder = holder_key(self.holder)
        if named == holder:
            return "same"
        return "branch" if named.startswith(f"{holder} CABANG") else "other"

    def covers(self, destination: str, occupation: str | None) -> bool | None:
        """Whether a SIP2MI names this destination and job.

        ``False`` when it names another destination or lists other jobs;
        ``None`` when it does not say (no destination, or no job list while a
        job is asked about).
        """
        if self.destination is None:
            return None
        if self.destination != destination:
            return False
        if occupation is None or not self.occupations:
            return None if occupation is not None else True
        return occupation in self.occupations


@runtime_checkable
class LicenceRegistry(Protocol):
    """Where licence facts come from: one lookup by kind and number."""

    def lookup(self, kind: LicenceKind, number: str) -> LicenceFact | None:
        """The registry's fact about a licence, or ``None`` if it does not know it."""
        ...


@runtime_checkable
class HolderIndex(Protocol):
    """A registry that also finds licences by the name of the company holding them."""

    def by_holder(self, name: str) -> tuple[LicenceFact, ...]:
        """Every licence the registry knows for the company named ``name`` (any kind)."""
        ...


class FileLicenceRegistry:
    """An immutable registry read from a JSON or TOML file (``{"licences": [...]}``)."""

    __slots__ = ("_facts", "_holders", "source")

    def __init__(self, facts: Iterable[LicenceFact], *, source: str = "<memory>") -> None:
        table: dict[tuple[LicenceKind, str], LicenceFact] = {}
        for fact in facts:
            key = (fact.kind, fact.number.strip().upper())
            current = table.get(key)
            if current is None or fact.checked_at >= current.checked_at:
                table[key] = fact
        self._facts: Mapping[tuple[LicenceKind, str], LicenceFact] = MappingProxyType(table)
        holders: dict[str, list[LicenceFact]] = {}
        for fact in table.values():
            if fact.holder is not None:
                holders.setdefault(holder_key(fact.holder), []).append(fact)
        self._holders: Mapping[str, tuple[LicenceFact, ...]] = MappingProxyType(
            {key: tuple(found) for key, found in holders.items()}
        )
        self.source = source

    def __len__(self) -> int:
        return len(self._facts)

    @property
    def last_checked_on(self) -> datetime.date | None:
        """The day (in Jakarta) of the newest check in the data (``None`` when it is empty)."""
        return max((fact.checked_on for fact in self._facts.values()), default=None)

    def fingerprint(self) -> str:
        """A short digest of the licences held, to tell whether two copies are the same data.

        The first 12 hex digits of the SHA-256 of the facts as canonical JSON: sorted by
        kind and number, defaults written out, times in UTC. The file's format, its
        order, its spacing and the older checks of a licence do not change it; any fact
        that differs does.

        >>> entry = {"kind": "sip3mi", "number": "X-1", "checked_at": "2024-05-02T09:00:00+07:00",
        ...          "source": "SIP3MI register"}
        >>> same = {**entry, "status": "active", "checked_at": "2024-05-02T02:00:00Z"}
        >>> first = FileLicenceRegistry.from_data({"licences": [entry]}).fingerprint()
        >>> first == FileLicenceRegistry.from_data({"licences": [same]}).fingerprint(), len(first)
        (True, 12)
        >>> revoked = {**entry, "status": "revoked"}
        >>> first == FileLicenceRegistry.from_data({"licences": [revoked]}).fingerprint()
        False
        """
        facts = [
            {**fact.model_dump(mode="json"), "checked_at": _utc(fact.checked_at)}
            for _, fact in sorted(self._facts.items(), key=lambda item: item[0])
        ]
        text = json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]

    def lookup(self, kind: LicenceKind, number: str) -> LicenceFact | None:
        """The newest fact about the licence ``number`` of ``kind``."""
        return self._facts.get((LicenceKind(kind), number.strip().upper()))

    def by_holder(self, name: str) -> tuple[LicenceFact, ...]:
        """The newest fact of every licence held by the company ``name`` (by :func:`holder_key`)."""
        return self._holders.get(holder_key(name), ())

    @classmethod
    def from_data(cls, data: Mapping[str, Any], *, source: str = "<memory>") -> FileLicenceRegistry:
        """From already-parsed data; bad entries raise :class:`InvalidInputError`."""
        items = data.get("licences")
        if not isinstance(items, list):
            raise InvalidInputError.single(
                "a registry file has a 'licences' list", "registry", ("licences",), source=source
            )
        facts = []
        problems = []
        for index, item in enumerate(items):
            try:
                facts.append(LicenceFact.model_validate(item))
            except ValidationError as error:
                for problem in problems_from_validation_error(error):
                    problems.append(
                        type(problem)(
                            ("licences", index, *problem.location), problem.message, problem.kind
                        )
                    )
        if problems:
            raise InvalidInputError(problems, source=source)
        return cls(facts, source=source)

    @classmethod
    def from_file(cls, path: str | Path) -> FileLicenceRegistry:
        """Read a ``.json`` or ``.toml`` registry file."""
        file = str(path)
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InvalidInputError.single(
                f"cannot read the file ({error.__class__.__name__})", "registry.io", source=file
            ) from None
        try:
            data = load_toml(text) if file.endswith(".toml") else load_json(text)
        except (
            tomllib.TOMLDecodeError,
            json.JSONDecodeError,
            NestingTooDeepError,
            JsonValueError,
        ) as error:
            raise InvalidInputError.single(
                f"not valid {'TOML' if file.endswith('.toml') else 'JSON'}: {error}",
                "registry.syntax",
                source=file,
            ) from None
        if not isinstance(data, Mapping):
            raise InvalidInputError.single("the file holds no table", "registry", source=file)
        return cls.from_data(data, source=file)


@dataclass(frozen=True, slots=True)
class CompanyStanding:
    """What a registry says about a recruiting company on one day.

    ``known`` is ``False`` when the registry knows neither the company's name
    nor the numbers given: such a company must be verified, it is not licensed
    as far as anyone here can tell. ``licence`` is its SIP3MI; ``licensed`` is
    ``None`` when the registry has no SIP3MI for it. ``permit`` is the SIP2MI
    considered (the number given, or the company's permit that covers the
    destination and job); ``permit_covers`` is ``None`` when that cannot be
    told. ``licence_problem`` and ``permit_problem`` say why not (``missing``,
    ``not_yet_issued``, ``expired``, ``revoked``, ``destination_mismatch``,
    ``occupation_mismatch``, ``other_holder`` for a licence the data gives to
    another company than the one named, ``holder_branch`` for a SIP3MI
    quoted by a branch ("Cabang …") of its holder, still ``licensed``, and
    ``unknown_to_registry`` for a SIP3MI or SIP2MI number the registry does
    not know).
    """

    known: bool
    licence: LicenceFact | None = None
    licensed: bool | None = None
    licence_problem: str | None = None
    permit: LicenceFact | None = None
    permit_covers: bool | None = None
    permit_problem: str | None = None

    @property
    def facts(self) -> tuple[LicenceFact, ...]:
        """The registry facts the answer rests on."""
        return tuple(fact for fact in (self.licence, self.permit) if fact is not None)


def _permit_problem(
    fact: LicenceFact, day: datetime.date, destination: str | None, occupation: str | None
) -> tuple[bool | None, str | None]:
    problem = fact.problem_on(day)
    if problem is not None:
        return False, problem
    if destination is None:
        return None, None
    covers = fact.covers(destination, occupation)
    if covers is False:
        wrong_place = fact.destination is not None and fact.destination != destination
        return False, "destination_mismatch" if wrong_place else "occupation_mismatch"
    return covers, None


def company_standing(
    registry: LicenceRegistry,
    day: datetime.date,
    *,
    name: str | None = None,
    licence_number: str | None = None,
    permit_number: str | None = None,
    destination: str | None = None,
    occupation: str | None = None,
) -> CompanyStanding:
    """Whether a company is licensed on ``day`` and whether its SIP2MI covers the job.

    The company is found by its SIP3MI number, its SIP2MI number or its name
    (names need a :class:`HolderIndex` registry). A number given is judged as
    it is: a SIP3MI or SIP2MI the data gives to another company than the one
    named is ``other_holder`` (:meth:`LicenceFact.held_by`), and a SIP3MI number
    the data does not know is ``unknown_to_registry`` even when the company's
    name is known (its own licence is never put in the number's place).
    """
    held: tuple[LicenceFact, ...] = ()
    if name and isinstance(registry, HolderIndex):
        held = registry.by_holder(name)
    if licence_number:
        # the number given is judged as it is: never swapped for the company's own licence
        licence = registry.lookup(LicenceKind.SIP3MI, licence_number)
    else:
        licence = _newest(fact for fact in held if fact.kind is LicenceKind.SIP3MI)
    permit = registry.lookup(LicenceKind.SIP2MI, permit_number) if permit_number else None
    known = bool(held) or licence is not None or permit is not None
    if not known:
        return CompanyStanding(known=False)
    licensed = None if licence is None else licence.is_valid_on(day)
    licence_problem = None if licence is None else licence.problem_on(day)
    held_by = licence.held_by(name) if licence is not None else None
    if held_by == "other":
        licensed, licence_problem = False, "other_holder"
    elif held_by == "branch" and licence_problem is None:
        licence_problem = "holder_branch"
    elif licence is None and licence_number:
        licensed, licence_problem = False, "unknown_to_registry"
    elif licence is None and (held or permit is not None):
        licensed, licence_problem = False, "missing"
    permit_covers: bool | None = None
    permit_problem: str | None = None
    if permit is not None:
        permit_covers, permit_problem = _permit_problem(permit, day, destination, occupation)
        # the company that recruits must hold the permit: the one named, else the SIP3MI's holder
        owner = name or (licence.holder if licence is not None else None)
        if permit_problem is None and permit.held_by(owner) == "other":
            permit_covers, permit_problem = False, "other_holder"
    elif permit_number:
        permit_covers, permit_problem = False, "unknown_to_registry"
    else:
        permits = [fact for fact in held if fact.kind is LicenceKind.SIP2MI]
        judged = [(fact, *_permit_problem(fact, day, destination, occupation)) for fact in permits]
        covering = [item for item in judged if item[1] is True]
        unclear = [item for item in judged if item[1] is None and item[2] is None]
        if covering:
            permit, permit_covers = covering[0][0], True
        elif unclear:
            permit, permit_covers = unclear[0][0], None
        elif destination is not None and held:
            permit_covers, permit_problem = False, "missing"
    return CompanyStanding(
        known=True,
        licence=licence,
        licensed=licensed,
        licence_problem=licence_problem,
        permit=permit,
        permit_covers=permit_covers,
        permit_problem=permit_problem,
    )


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat()


def _newest(facts: Iterable[LicenceFact]) -> LicenceFact | None:
    best: LicenceFact | None = None
    for fact in facts:
        if best is None or fact.checked_at >= best.checked_at:
            best = fact
    return best
