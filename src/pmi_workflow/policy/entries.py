"""The entries of a policy: one pydantic model per kind of rule data.

Every entry has a stable ``id`` (an agency overlay replaces an entry by
giving the same id, or removes it with ``disabled = true``), the dates it is
in force (``effective_from`` and ``effective_to``, both inclusive, either may
be open), its ``source`` and whether that source is ``confirmed``, and where
it encodes one regulation, that ``instrument`` (cited by the findings that rest
on it).

An entry that does not say ``confirmed`` is confirmed in the shipped data (the
maintainers mark every unconfirmed figure ``confirmed = false``). In an overlay
it is never more certain than what it replaces (:meth:`Entry.over`): it keeps
the certainty of the entry with its id, and a new entry is unconfirmed until the
agency says ``confirmed = true``.

>>> entry = Parameter(id="p", name="lapor_diri_days", value=30, unit="days", source="practice",
...                   confirmed=False, effective_from="2017-11-22")
>>> entry.in_force(datetime.date(2017, 11, 21)), entry.in_force(datetime.date(2030, 1, 1))
(False, True)
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Annotated, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
    model_validator,
)

from pmi_workflow._types import SortedFrozenSet
from pmi_workflow.domain.base import CurrencyCode
from pmi_workflow.domain.documents import DOCUMENT_TYPES
from pmi_workflow.enums import (
    ActorRole,
    ContractTerm,
    CostComponent,
    EmployerKind,
    PlacementChannel,
    Scheme,
    SigningOfficial,
    Step,
    VisaType,
)
from pmi_workflow.findings import Severity
from pmi_workflow.identifiers.country import CountryCode

__all__ = [
    "ENTRY_KINDS",
    "JABATAN",
    "AgeRange",
    "ChannelRule",
    "Closure",
    "ContractTerms",
    "DeparturePoint",
    "DeparturePoints",
    "DestinationDocuments",
    "EmployerBorneCosts",
    "Entry",
    "ExemptOccupations",
    "ExtensionChannel",
    "InformationTopics",
    "LowestPositions",
    "MinimumAge",
    "MinimumWage",
    "OccupationJabatan",
    "Ordering",
    "Parameter",
    "PremiumSchedule",
    "RequiredDocuments",
    "RoleAssignment",
    "SchemePath",
    "WorkVisaTypes",
    "contradictions",
]

EntryId = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.\-:/]+$")]
OccupationCode = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,63}$")]
Amount = Annotated[int, Field(ge=0)]


# References to the research notes in a source: a parenthesis of their own, or one item of one.
_NOTES_ALONE = re.compile(r"\s*\(sources\.md[^)]*\)")
_NOTES_AMONG = re.compile(r"\s*[;,]\s*sources\.md[^;)]*")


class Entry(BaseModel):
    """Fields every policy entry has."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    kind: ClassVar[str] = "entry"

    id: EntryId
    source: Annotated[str, Field(min_length=1, max_length=500)]
    confirmed: StrictBool = True
    """Whether the source was seen in a primary text (``true`` or ``false``, nothing else).
    Left out, the entry is confirmed in the shipped data; in an overlay see :meth:`over`."""
    effective_from: datetime.date | None = None
    effective_to: datetime.date | None = None
    note: Annotated[str, Field(max_length=1000)] | None = None
    instrument: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    """The regulation (and article) the entry encodes, as a finding cites it
    (``Perban BP2MI 9/2020``): a finding resting on the entry names it in its
    legal basis, after the rule's own."""
    disabled: StrictBool = False

    @model_validator(mode="after")
    def _dates_in_order(self) -> Entry:
        if (
            self.effective_from is not None
            and self.effective_to is not None
            and self.effective_to < self.effective_from
        ):
            raise ValueError("effective_to is before effective_from")
        return self

    @property
    def citation(self) -> str:
        """The source as a message to a user cites it: the law, decree or page, without the
        references to the project's research notes (``sources.md …``) the shipped data keeps
        for its maintainers.

        >>> entry = Entry(id="x", source="Kepmenaker 260/2015 (19-country list, sources.md 6.1)")
        >>> entry.citation
        'Kepmenaker 260/2015 (19-country list)'
        >>> Entry(id="y", source="Permenkes 29/2013; window UNCONFIRMED (sources.md, G3)").citation
        'Permenkes 29/2013; window UNCONFIRMED'
        """
        text = _NOTES_ALONE.sub("", self.source)
        return _NOTES_AMONG.sub("", text).strip() or self.source

    def over(self, replaced: Entry | None) -> Entry:
        """This entry as an overlay gives it, laid over ``replaced`` (the entry with its id, or
        ``None`` for a new id): never more certain than what it replaces unless it says so.

        An overlay entry that states ``confirmed`` keeps it. One that does not keeps the
        certainty of the entry it replaces (moving a date confirms nothing), and a new one is
        unconfirmed: a finding resting on it is a warning until the agency writes
        ``confirmed = true``.

        >>> base = Entry(id="p", source="practice", confirmed=False)
        >>> moved = Entry(id="p", source="our notes", effective_from=datetime.date(2024, 1, 1))
        >>> moved.confirmed, moved.over(base).confirmed, moved.over(None).confirmed
        (True, False, False)
        >>> Entry(id="p", source="circular 12/2025", confirmed=True).over(base).confirmed
        True
        """
        if "confirmed" in self.model_fields_set:
            return self
        confirmed = replaced.confirmed if replaced is not None else False
        if confirmed == self.confirmed:
            return self
        return self.model_copy(update={"confirmed": confirmed})

    def in_force(self, day: datetime.date) -> bool:
        """``True`` when the entry applies on ``day`` (both ends inclusive)."""
        if self.disabled:
            return False
        if self.effective_from is not None and day < self.effective_from:
            return False
        return self.effective_to is None or day <= self.effective_to


class SchemePath(Entry):
    """The main path of a scheme, in order (no exits, no loops)."""

    kind: ClassVar[str] = "scheme_path"
    scheme: Scheme
    steps: tuple[Step, ...] = Field(min_length=1)
    destinations: SortedFrozenSet[CountryCode] = frozenset()
    """Where this path applies (empty: every destination without a path of its own)."""

    @field_validator("steps")
    @classmethod
    def _no_exits_or_repeats(cls, steps: tuple[Step, ...]) -> tuple[Step, ...]:
        if any(step.is_exit for step in steps):
            raise ValueError("a scheme path lists no exit steps")
        if len(set(steps)) != len(steps):
            raise ValueError("a step appears twice in the path")
        return steps


class Ordering(Entry):
    """``before`` must happen before ``after``: ``error`` if sourced (hard), else ``warning``.

    ``schemes`` limits the constraint to some schemes and ``destinations`` to
    some destinations (empty: every scheme, or destination, whose path holds
    both steps). A soft constraint that the case's own path orders the other
    way (Korea EPS: medical check before selection) does not apply.
    """

    kind: ClassVar[str] = "ordering"
    before: Step
    after: Step
    severity: Severity
    schemes: SortedFrozenSet[Scheme] = frozenset()
    destinations: SortedFrozenSet[CountryCode] = frozenset()

    @model_validator(mode="after")
    def _distinct(self) -> Ordering:
        if self.before is self.after:
            raise ValueError("before and after are the same step")
        return self

    def matches(self, scheme: Scheme, destination: str | None) -> bool:
        """``True`` when the constraint applies to this scheme and destination.

        >>> order = Ordering(id="o", before="visa_issued", after="departed", severity="error",
        ...                  schemes=["p2p"], source="s")
        >>> order.matches(Scheme.P2P, "MY"), order.matches(Scheme.G2G, "MY")
        (True, False)
        """
        if self.schemes and scheme not in self.schemes:
            return False
        return not self.destinations or destination in self.destinations


class RoleAssignment(Entry):
    """Which actor roles may record a step."""

    kind: ClassVar[str] = "roles"
    step: Step
    roles: SortedFrozenSet[ActorRole] = Field(min_length=1)


class RequiredDocuments(Entry):
    """Which document types a scheme needs at a step (checked for presence and validity)."""

    kind: ClassVar[str] = "required_documents"
    scheme: Scheme
    step: Step
    documents: tuple[str, ...]

    @field_validator("documents")
    @classmethod
    def _known_types(cls, documents: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(documents) - set(DOCUMENT_TYPES))
        if unknown:
            raise ValueError(
                f"unknown document type(s) {', '.join(unknown)}; "
                f"known: {', '.join(sorted(DOCUMENT_TYPES))}"
            )
        return documents


class DestinationDocuments(Entry):
    """Documents a destination requires beyond the scheme's list (SKCK for Korea EPS).

    ``other_titles`` names documents recorded as ``type = "other"``; one is
    present when its title contains the name (case-insensitive).
    """

    kind: ClassVar[str] = "destination_documents"
    destination: CountryCode
    schemes: SortedFrozenSet[Scheme] = frozenset()
    step: Step
    other_titles: tuple[Annotated[str, Field(min_length=1, max_length=100)], ...] = Field(
        min_length=1
    )

    def matches(self, scheme: Scheme, destination: str, step: Step) -> bool:
        """``True`` when the entry applies to this scheme, destination and step."""
        return (
            self.destination == destination
            and self.step is step
            and (not self.schemes or scheme in self.schemes)
        )

    @staticmethod
    def title_matches(name: str, title: str) -> bool:
        """``True`` when ``title`` names the document ``name`` (``"SKCK Polda Jatim"``).

        >>> DestinationDocuments.title_matches("SKCK", "skck polres")
        True
        """
        return name.casefold() in title.casefold()


class MinimumAge(Entry):
    """The legal minimum age of every PMI (UU 18/2017 Pasal 5 huruf a)."""

    kind: ClassVar[str] = "minimum_age"
    age: Annotated[int, Field(ge=0, le=100)]


class AgeRange(Entry):
    """An age range for a destination and occupation group (both ends inclusive).

    ``schemes`` limits it to some schemes; ``occupations`` lists occupation
    codes; ``domestic = true`` matches every domestic occupation;
    ``employer_kind`` limits it to one kind of employer. With none of these,
    the range applies to every placement to the destination.
    """

    kind: ClassVar[str] = "age_range"
    destination: CountryCode | None = None
    schemes: SortedFrozenSet[Scheme] = frozenset()
    occupations: SortedFrozenSet[OccupationCode] = frozenset()
    domestic: bool | None = None
    employer_kind: EmployerKind | None = None
    min_age: Annotated[int, Field(ge=0, le=100)] | None = None
    max_age: Annotated[int, Field(ge=0, le=100)] | None = None

    @model_validator(mode="after")
    def _bounds(self) -> AgeRange:
        if self.min_age is None and self.max_age is None:
            raise ValueError("give min_age, max_age or both")
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            raise ValueError("max_age is below min_age")
        return self

    def matches(
        self,
        scheme: Scheme,
        destination: str,
        occupation: str,
        domestic: bool,
        employer_kind: EmployerKind | None = None,
    ) -> bool:
        """``True`` when the range applies to this scheme, destination, occupation, employer."""
        if self.employer_kind is not None and employer_kind is not self.employer_kind:
            return False
        if self.destination is not None and self.destination != destination:
            return False
        if self.schemes and scheme not in self.schemes:
            return False
        if self.occupations and occupation not in self.occupations:
            return False
        return self.domestic is None or self.domestic == domestic


class Closure(Entry):
    """A destination closed to placement (Pasal 32; Kepmenaker 260/2015; moratoria; suspensions).

    ``scope``: ``all`` closes the country, ``domestic`` closes domestic work,
    ``individual_employer`` closes placement with individual employers
    (pengguna perseorangan) whatever the job (the Kepmenaker 260/2015 ban),
    ``domestic_individual_employer`` closes domestic work for individual
    employers only (kept for older overlays). ``unless_channel`` lifts the
    closure for a placement through that mandatory channel within its limits
    (the Saudi moratorium and SPSK).

    >>> ban = Closure(id="b", destination="SA", scope="individual_employer", source="s")
    >>> ban.applies(domestic=False, individual_employer=True)
    True
    """

    kind: ClassVar[str] = "closure"
    destination: CountryCode
    scope: Literal["all", "domestic", "individual_employer", "domestic_individual_employer"]
    unless_channel: PlacementChannel | None = None

    def applies(self, *, domestic: bool, individual_employer: bool) -> bool:
        """``True`` when the closure covers a placement of this kind."""
        if self.scope == "all":
            return True
        if self.scope == "domestic":
            return domestic
        if self.scope == "individual_employer":
            return individual_employer
        return domestic and individual_employer


class ChannelRule(Entry):
    """A mandatory one-channel system for a destination (domestic work by default).

    ``occupations``, ``employer_kind`` and ``cities`` are the channel's limits
    (SPSK: six jobs, legal-entity users, named cities); a placement through the
    channel outside them is reported. Empty: no limit.
    """

    kind: ClassVar[str] = "channel"
    destination: CountryCode
    channel: PlacementChannel
    domestic_only: bool = True
    occupations: SortedFrozenSet[OccupationCode] = frozenset()
    employer_kind: EmployerKind | None = None
    cities: tuple[Annotated[str, Field(min_length=1, max_length=100)], ...] = ()

    def within_limits(self, occupation: str, employer_kind: EmployerKind | None) -> bool:
        """``True`` when a placement of this occupation and employer fits the channel."""
        if self.occupations and occupation not in self.occupations:
            return False
        return self.employer_kind is None or employer_kind is self.employer_kind


JABATAN = (
    "pengurus_rumah_tangga",
    "pengasuh_bayi",
    "pengasuh_lanjut_usia",
    "juru_masak",
    "sopir_keluarga",
    "perawat_taman",
    "pengasuh_anak",
    "petugas_kebersihan",
    "petugas_ladang_perkebunan",
    "awak_kapal_perikanan_migran",
)
"""The ten jabatan of Perban BP2MI 9/2020, in the order the regulation lists them."""

Jabatan = Literal[
    "pengurus_rumah_tangga",
    "pengasuh_bayi",
    "pengasuh_lanjut_usia",
    "juru_masak",
    "sopir_keluarga",
    "perawat_taman",
    "pengasuh_anak",
    "petugas_kebersihan",
    "petugas_ladang_perkebunan",
    "awak_kapal_perikanan_migran",
]


class ExemptOccupations(Entry):
    """Occupations whose workers may be charged nothing at all (Perban BP2MI 9/2020).

    ``occupations`` lists occupation codes directly; ``jabatan`` lists the
    jabatan of the regulation, which :class:`OccupationJabatan` entries map
    occupation codes to.
    """

    kind: ClassVar[str] = "exempt_occupations"
    occupations: SortedFrozenSet[OccupationCode] = frozenset()
    jabatan: SortedFrozenSet[Jabatan] = frozenset()

    @model_validator(mode="after")
    def _something(self) -> ExemptOccupations:
        if not self.occupations and not self.jabatan:
            raise ValueError("give occupations, jabatan or both")
        return self


class OccupationJabatan(Entry):
    """An occupation code counted as one of the ten jabatan of Perban BP2MI 9/2020.

    ``destinations`` limits the mapping to some destinations (empty: every
    destination), e.g. a household caregiver in Taiwan or Hong Kong is a
    *pengasuh lanjut usia*.
    """

    kind: ClassVar[str] = "occupation_jabatan"
    occupation: OccupationCode
    jabatan: Jabatan
    destinations: SortedFrozenSet[CountryCode] = frozenset()

    def matches(self, occupation: str, destination: str) -> bool:
        """``True`` when the mapping covers this occupation at this destination."""
        return self.occupation == occupation and (
            not self.destinations or destination in self.destinations
        )


class EmployerBorneCosts(Entry):
    """Cost components the worker may not be charged, and whether placement loans are forbidden.

    Either or both: ``components`` (which cost items the employer bears) and
    ``no_loans`` (no loan or salary deduction may finance placement costs).
    """

    kind: ClassVar[str] = "employer_borne"
    components: SortedFrozenSet[CostComponent] = frozenset()
    no_loans: bool = True

    @model_validator(mode="after")
    def _something(self) -> EmployerBorneCosts:
        if not self.components and not self.no_loans:
            raise ValueError("give components, no_loans = true, or both")
        return self


class PremiumSchedule(Entry):
    """Social-security premiums and cover windows (Permenaker 4/2023)."""

    kind: ClassVar[str] = "premiums"
    currency: Literal["IDR"] = "IDR"
    pre_work: Amount
    packages: dict[Literal["6", "12", "24"], Amount]
    extra_month: Amount
    pre_work_cover_months: Annotated[int, Field(ge=1, le=24)]
    independent_registration_months: Annotated[int, Field(ge=0, le=24)]
    return_grace_months: Annotated[int, Field(ge=0, le=12)] = 1
    unconfirmed_packages: SortedFrozenSet[Literal["6", "12", "24"]] = frozenset()
    """Packages whose amount is not confirmed by a source although the rest of the entry is."""

    def package_amount(self, months: int) -> int | None:
        """The premium of the package of ``months`` months, if there is one."""
        for key, amount in self.packages.items():
            if key == str(months):
                return amount
        return None


class Parameter(Entry):
    """A named number the rules use (windows, validity), often a configurable default."""

    kind: ClassVar[str] = "parameter"
    name: Literal[
        "health_certificate_max_months",
        "passport_min_months_after_contract",
        "lapor_diri_days",
        "sip3mi_validity_years",
        "licence_evidence_max_days",
    ]
    value: Annotated[int, Field(ge=0, le=3650)]
    unit: Literal["days", "months", "years"]


class ExtensionChannel(Entry):
    """Before whom a contract extension may be signed (UU 18/2017 Pasal 17: the Perwakilan RI).

    ``signed_before`` lists the accepted places or officials; an agency adds
    the in-country channel (KP2MI processes extensions in Indonesia in
    practice) once a source is found.
    """

    kind: ClassVar[str] = "extension_channel"
    signed_before: SortedFrozenSet[SigningOfficial] = Field(min_length=1)


class ContractTerms(Entry):
    """The terms every employment contract must contain (Pasal 15(2))."""

    kind: ClassVar[str] = "contract_terms"
    terms: SortedFrozenSet[ContractTerm] = Field(min_length=1)


class LowestPositions(Entry):
    """Occupations counted as the lowest position of their sector (Perseorangan, Pasal 63)."""

    kind: ClassVar[str] = "lowest_positions"
    occupations: SortedFrozenSet[OccupationCode] = Field(min_length=1)


class WorkVisaTypes(Entry):
    """Visa types that are procedural for a placement (Pasal 13 huruf f)."""

    kind: ClassVar[str] = "work_visa_types"
    visa_types: SortedFrozenSet[VisaType] = Field(min_length=1)


class InformationTopics(Entry):
    """The topics official information must cover (PP 59/2021 Pasal 4)."""

    kind: ClassVar[str] = "information_topics"
    topics: SortedFrozenSet[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,63}$")]] = Field(
        min_length=1
    )


class MinimumWage(Entry):
    """The lowest monthly wage a destination allows for a job (read when screening offers).

    ``occupations`` lists occupation codes, ``domestic = true`` matches every
    domestic occupation; with neither, every job in the destination.
    """

    kind: ClassVar[str] = "minimum_wage"
    destination: CountryCode
    occupations: SortedFrozenSet[OccupationCode] = frozenset()
    domestic: bool | None = None
    currency: CurrencyCode
    monthly_amount: Annotated[int, Field(gt=0)]

    def matches(self, destination: str, occupation: str, domestic: bool) -> bool:
        """``True`` when the minimum applies to this destination and occupation."""
        if self.destination != destination:
            return False
        if self.occupations and occupation not in self.occupations:
            return False
        return self.domestic is None or self.domestic == domestic


class DeparturePoint(BaseModel):
    """An official departure point (embarkasi) and the words people use for it."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    name: Annotated[str, Field(min_length=1, max_length=200)]
    aliases: tuple[Annotated[str, Field(min_length=2, max_length=100)], ...] = ()


class DeparturePoints(Entry):
    """The official departure points of PMI (read when screening offers)."""

    kind: ClassVar[str] = "departure_points"
    points: tuple[DeparturePoint, ...] = Field(min_length=1)


ENTRY_KINDS: dict[str, type[Entry]] = {
    cls.kind: cls
    for cls in (
        SchemePath,
        Ordering,
        RoleAssignment,
        RequiredDocuments,
        DestinationDocuments,
        MinimumAge,
        AgeRange,
        Closure,
        ChannelRule,
        ExemptOccupations,
        OccupationJabatan,
        EmployerBorneCosts,
        PremiumSchedule,
        Parameter,
        ExtensionChannel,
        ContractTerms,
        LowestPositions,
        WorkVisaTypes,
        InformationTopics,
        MinimumWage,
        DeparturePoints,
    )
}
"""Entry classes by the TOML section (array of tables) that holds them."""


def _overlap(first: Entry, second: Entry) -> bool:
    """``True`` when both entries are in force on some common day (and neither is disabled)."""
    if first.disabled or second.disabled:
        return False
    start = max(
        first.effective_from or datetime.date.min, second.effective_from or datetime.date.min
    )
    end = min(first.effective_to or datetime.date.max, second.effective_to or datetime.date.max)
    return start <= end


def contradictions(entries: Iterable[Entry]) -> list[tuple[Entry, Entry, str]]:
    """Pairs of entries in force together that cannot both hold, each with the reason.

    A legal minimum age above an age range's maximum, two age ranges for the
    same placement that do not overlap, and two orderings that require each
    step before the other. Entries that replace one another over time (the
    view takes the latest) are not contradictions.

    >>> minimum = MinimumAge(id="age/minimum", age=60, source="agency")
    >>> cap = AgeRange(id="age/cap", max_age=45, source="agency")
    >>> [(a.id, b.id, why) for a, b, why in contradictions([minimum, cap])]
    [('age/minimum', 'age/cap', 'the minimum age 60 is above the maximum age 45')]
    """
    listed = [entry for entry in entries if not entry.disabled]
    found: list[tuple[Entry, Entry, str]] = []
    minimums = [entry for entry in listed if isinstance(entry, MinimumAge)]
    ranges = [entry for entry in listed if isinstance(entry, AgeRange)]
    orders = [entry for entry in listed if isinstance(entry, Ordering)]
    for first in minimums:
        for cap in ranges:
            if cap.max_age is not None and first.age > cap.max_age and _overlap(first, cap):
                found.append(
                    (
                        first,
                        cap,
                        f"the minimum age {first.age} is above the maximum age {cap.max_age}",
                    )
                )
    for index, one in enumerate(ranges):
        for other in ranges[index + 1 :]:
            if not _overlap(one, other) or (
                one.destination,
                one.schemes,
                one.occupations,
                one.domestic,
                one.employer_kind,
            ) != (
                other.destination,
                other.schemes,
                other.occupations,
                other.domestic,
                other.employer_kind,
            ):
                continue
            low = max(one.min_age or 0, other.min_age or 0)
            high = min(
                one.max_age if one.max_age is not None else 200,
                other.max_age if other.max_age is not None else 200,
            )
            if low > high:
                found.append(
                    (one, other, "the two age ranges for the same placement do not overlap")
                )
    for index, earlier in enumerate(orders):
        for later in orders[index + 1 :]:
            shared = (
                not earlier.schemes or not later.schemes or bool(earlier.schemes & later.schemes)
            )
            if (
                earlier.before is later.after
                and earlier.after is later.before
                and shared
                and _overlap(earlier, later)
            ):
                found.append(
                    (
                        earlier,
                        later,
                        f"each requires the other first ({earlier.before.value} and "
                        f"{earlier.after.value})",
                    )
                )
    return found
