"""Policy: the versioned rule data, and the view of the rules in force on one day.

A :class:`Policy` is an immutable set of dated entries (see
:mod:`pmi_workflow.policy.entries`). :meth:`Policy.as_of` gives a
:class:`PolicyView`: the entries in force that day, indexed for the rules.
A 2016 case is judged by the 2016 view.

>>> import datetime
>>> from pmi_workflow.enums import Scheme, Step
>>> policy = Policy.default()
>>> view = policy.as_of(datetime.date(2024, 5, 20))
>>> view.scheme_steps(Scheme.P2P)[:3]
(<Step.INFORMED: 'informed'>, <Step.REGISTERED: 'registered'>, <Step.SELECTED: 'selected'>)
>>> view.minimum_age
18
>>> (Step.OPP_COMPLETED, Severity.ERROR) in view.prerequisites(Scheme.P2P, Step.DEPARTED)
True
>>> view.closure_for("SA", domestic=True, individual_employer=True).id
'kepmenaker-260-2015/SA'
>>> policy.as_of(datetime.date(2011, 7, 31)).closure_for(
...     "SA", domestic=True, individual_employer=True) is None
True
"""

from __future__ import annotations

import bisect
import datetime
import hashlib
import json
import logging
import threading
import tomllib
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Generic, TypeVar, TypeVarTuple, overload

from pydantic import ValidationError

from pmi_workflow.dates import local_day
from pmi_workflow.enums import (
    ActorRole,
    ContractTerm,
    CostComponent,
    EmployerKind,
    Scheme,
    Step,
    VisaType,
)
from pmi_workflow.errors import InvalidInputError, PolicyError
from pmi_workflow.findings import Severity
from pmi_workflow.policy.entries import (
    ENTRY_KINDS,
    AgeRange,
    ChannelRule,
    Closure,
    ContractTerms,
    EmployerBorneCosts,
    Entry,
    ExemptOccupations,
    InformationTopics,
    LowestPositions,
    MinimumAge,
    Ordering,
    Parameter,
    PremiumSchedule,
    RequiredDocuments,
    RoleAssignment,
    SchemePath,
    WorkVisaTypes,
    contradictions,
)
from pmi_workflow.safe_load import NestingTooDeepError, load_toml

__all__ = ["DEFAULT_POLICY_NAME", "LOOP_STEPS", "Policy", "PolicyView", "as_scheme", "as_step"]

logger = logging.getLogger(__name__)

DEFAULT_POLICY_NAME = "pmi-workflow-default"
"""The name of the policy shipped with the package."""

LOOP_STEPS = frozenset({Step.CONTRACT_EXTENDED, Step.EMPLOYER_CHANGED})
"""The placement loops: steps that may repeat while the PMI works abroad."""

E = TypeVar("E", bound=Entry)
T = TypeVar("T")
Ts = TypeVarTuple("Ts")


class _shared(Generic[T]):  # noqa: N801 - used as a decorator, like property
    """A computed view property, memoised in a cache shared by every view of the same entries."""

    def __init__(self, method: Callable[[PolicyView], T]) -> None:
        self._method = method
        self._name = method.__name__
        self.__doc__ = method.__doc__

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> _shared[T]: ...

    @overload
    def __get__(self, instance: PolicyView, owner: type[Any]) -> T: ...

    def __get__(self, instance: PolicyView | None, owner: type[Any]) -> _shared[T] | T:
        if instance is None:
            return self
        memo = instance._memo
        try:
            value: T = memo[self._name]
        except KeyError:
            value = memo.setdefault(self._name, self._method(instance))
        return value


_DATA_PACKAGE = "pmi_workflow.policy"
_DATA_DIR = "data"
_OVERLAY_DIR = "overlays"


_NO_ROLES: frozenset[ActorRole] = frozenset()


def as_scheme(value: Scheme | str) -> Scheme:
    """A :class:`Scheme` from its value; an unknown one is an :class:`InvalidInputError`.

    >>> as_scheme("g2g")
    <Scheme.G2G: 'g2g'>
    """
    if type(value) is Scheme:  # the common case, without the enum's lookup
        return value
    try:
        return Scheme(value)
    except ValueError:
        raise InvalidInputError.single(
            f"unknown scheme {value!r}; known: {', '.join(item.value for item in Scheme)}",
            "scheme",
            ("scheme",),
        ) from None


def as_step(value: Step | str) -> Step:
    """A :class:`Step` from its value (the same as :meth:`Step.parse`).

    >>> as_step("landed")
    Traceback (most recent call last):
        ...
    pmi_workflow.errors.InvalidInputError: invalid input: step: unknown step 'landed'; ...
    """
    return Step.parse(value)


def _version(name: str, entries: Iterable[Entry]) -> str:
    digest = hashlib.sha256()
    for entry in sorted(entries, key=lambda item: (item.kind, item.id)):
        digest.update(entry.kind.encode())
        digest.update(entry.model_dump_json().encode())
    return f"{name}@{digest.hexdigest()[:12]}"


def latest_entry(entries: Iterable[E]) -> E | None:
    """The entry that started last (ties: the last one given): the one a view picks."""
    best: E | None = None
    for entry in entries:
        start = entry.effective_from or datetime.date.min
        if best is None or start >= (best.effective_from or datetime.date.min):
            best = entry
    return best


@dataclass(frozen=True, eq=False)
class PolicyView:
    """The rules in force on one day: immutable and hashable (by ``version`` and ``day``).

    ``version`` identifies the set of entries in force: two days with the same
    entries in force share it, and an event records it.
    """

    name: str
    day: datetime.date
    entries: tuple[Entry, ...]
    version: str = field(default="")
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    _policy: Policy | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.version:
            object.__setattr__(self, "version", _version(self.name, self.entries))

    def __hash__(self) -> int:
        return hash((self.version, self.day))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PolicyView):
            return NotImplemented
        return (self.version, self.day) == (other.version, other.day)

    def __repr__(self) -> str:
        return f"PolicyView(version={self.version!r}, day={self.day.isoformat()!r})"

    def on(self, day: datetime.date) -> PolicyView:
        """The rules of the same policy in force on another ``day``: the one look-up,
        :meth:`Policy.as_of` (a cost is judged by the rules of the day it was paid).

        >>> import datetime
        >>> view = Policy.default().as_of(datetime.date(2026, 1, 5))
        >>> earlier = view.on(datetime.date(2024, 3, 1))
        >>> earlier.day, earlier is Policy.default().as_of(datetime.date(2024, 3, 1))
        (datetime.date(2024, 3, 1), True)
        """
        if day == self.day:
            return self
        if self._policy is None:  # pragma: no cover - every view is made by Policy.as_of
            raise PolicyError(f"a view of policy {self.name!r} made by hand knows only its day")
        return self._policy.as_of(day)

    # -- generic access ------------------------------------------------------------
    def remembered(self, key: Hashable, compute: Callable[[*Ts], T], *args: *Ts) -> T:
        """The value kept under ``key``, computed once by ``compute(*args)`` (never ``None``).

        The cache holds values derived from the entries in force alone and is
        shared by every view of the same entries; the rules keep their look-ups
        here too. Keys are tuples that start with the name of what is kept.

        >>> import datetime
        >>> view = Policy.default().as_of(datetime.date(2024, 5, 20))
        >>> view.remembered(("example",), int, "42"), view.remembered(("example",), int, "7")
        (42, 42)
        """
        found = self._memo.get(key)
        if found is None:
            found = self._memo.setdefault(key, compute(*args))
        return found  # type: ignore[no-any-return]

    def of_kind(self, kind: type[E]) -> tuple[E, ...]:
        """The entries in force of one kind, in policy order."""
        key = f"kind:{kind.kind}"
        found = self._memo.get(key)
        if found is None:
            found = self._memo.setdefault(
                key, tuple(entry for entry in self.entries if isinstance(entry, kind))
            )
        return found  # type: ignore[no-any-return]

    def entry(self, entry_id: str) -> Entry | None:
        """The entry in force with this id, or ``None``."""
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        return None

    @property
    def unconfirmed(self) -> tuple[Entry, ...]:
        """Entries in force whose source is not confirmed (configurable defaults)."""
        return tuple(entry for entry in self.entries if not entry.confirmed)

    # -- procedure -----------------------------------------------------------------
    @_shared
    def _path_entries(self) -> dict[tuple[Scheme, str | None], SchemePath]:
        paths: dict[tuple[Scheme, str | None], list[SchemePath]] = {}
        for entry in self.of_kind(SchemePath):
            targets: list[str | None] = [*sorted(entry.destinations)] or [None]
            for destination in targets:
                paths.setdefault((entry.scheme, destination), []).append(entry)
        result: dict[tuple[Scheme, str | None], SchemePath] = {}
        for key, entries in paths.items():
            chosen = latest_entry(entries)
            if chosen is not None:
                result[key] = chosen
        return result

    def scheme_path_entry(
        self, scheme: Scheme, destination: str | None = None
    ) -> SchemePath | None:
        """The entry that gives :meth:`scheme_steps` (for its id and certainty), or ``None``."""
        scheme = as_scheme(scheme)
        entries = self._path_entries
        if destination is not None:
            own = entries.get((scheme, destination))
            if own is not None:
                return own
        return entries.get((scheme, None))

    def scheme_steps(self, scheme: Scheme, destination: str | None = None) -> tuple[Step, ...]:
        """The scheme's main path in order (no exits, no loops); empty if none in force.

        A destination with a path of its own (Korea EPS for G to G) gets it;
        any other gets the scheme's general path.

        >>> import datetime
        >>> view = Policy.default().as_of(datetime.date(2024, 5, 20))
        >>> eps = view.scheme_steps(Scheme.G2G, "KR")
        >>> eps.index(Step.MEDICALLY_CLEARED) < eps.index(Step.SELECTED)
        True
        >>> general = view.scheme_steps(Scheme.G2G, "JP")
        >>> general.index(Step.MEDICALLY_CLEARED) < general.index(Step.SELECTED)
        False
        """
        entry = self.scheme_path_entry(scheme, destination)
        return entry.steps if entry is not None else ()

    def path_key(self, scheme: Scheme, destination: str | None = None) -> str | None:
        """The destination whose own path ``scheme`` follows there, or ``None`` (the general
        path): cases that share a path share a procedure definition."""
        if destination is not None and (as_scheme(scheme), destination) in self._path_entries:
            return destination
        return None

    @_shared
    def _ordering_destinations(self) -> frozenset[str]:
        return frozenset(
            destination for entry in self.of_kind(Ordering) for destination in entry.destinations
        )

    def orders_key(self, scheme: Scheme, destination: str | None = None) -> str | None:
        """The destination whose own orders ``scheme`` follows there (it has a path of its own,
        or an ordering names it), or ``None`` (the general orders)."""
        found = self.path_key(scheme, destination)
        if found is None and destination in self._ordering_destinations:
            return destination
        return found

    def _orders_for(
        self, scheme: Scheme, destination: str | None
    ) -> dict[Step, tuple[tuple[Step, Severity], ...]]:
        key = f"orders:{scheme.value}:{destination}"
        found = self._memo.get(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        path = self.scheme_steps(scheme, destination)
        rank = {step: index for index, step in enumerate(path)}
        known = set(path) | LOOP_STEPS
        result: dict[Step, dict[Step, Severity]] = {}
        for order in self.of_kind(Ordering):
            if not order.matches(scheme, destination):
                continue
            if order.before not in known or order.after not in known:
                continue
            if (
                order.severity is not Severity.ERROR
                and order.before in rank
                and order.after in rank
                and rank[order.before] > rank[order.after]
            ):
                continue  # the path orders these steps the other way (a usual order, not a law)
            current = result.setdefault(order.after, {})
            previous = current.get(order.before)
            if previous is None or order.severity is Severity.ERROR:
                current[order.before] = order.severity
        order_of = {step: index for index, step in enumerate(Step)}
        compiled = {
            after: tuple(sorted(value.items(), key=lambda pair: order_of[pair[0]]))
            for after, value in result.items()
        }
        return self._memo.setdefault(key, compiled)  # type: ignore[no-any-return]

    def prerequisites(
        self, scheme: Scheme, step: Step, destination: str | None = None
    ) -> tuple[tuple[Step, Severity], ...]:
        """Steps that must come before ``step``: ``ERROR`` hard (sourced), ``WARNING`` soft.

        Orders are per scheme and destination (Korea EPS has its own).
        """

        orders = self.remembered(
            ("prerequisites", scheme, destination), self._orders_at, scheme, destination
        )
        return orders.get(Step.parse(step), ())

    def _orders_at(
        self, scheme: Scheme, destination: str | None
    ) -> dict[Step, tuple[tuple[Step, Severity], ...]]:
        # the orders of a destination's own path where it has one, else of the general path
        scheme = as_scheme(scheme)
        return self._orders_for(scheme, self.path_key(scheme, destination) or destination)

    def successors(
        self, scheme: Scheme, step: Step, destination: str | None = None
    ) -> tuple[tuple[Step, Severity], ...]:
        """Steps that must come after ``step`` (the reverse of :meth:`prerequisites`)."""
        scheme = as_scheme(scheme)
        step = Step.parse(step)
        orders = self._orders_for(scheme, self.path_key(scheme, destination) or destination)
        found = [
            (after, severity)
            for after, befores in orders.items()
            for before, severity in befores
            if before is step
        ]
        order_of = list(Step).index
        return tuple(sorted(found, key=lambda pair: order_of(pair[0])))

    @_shared
    def _roles(self) -> dict[Step, frozenset[ActorRole]]:
        result: dict[Step, set[ActorRole]] = {}
        for entry in self.of_kind(RoleAssignment):
            result.setdefault(entry.step, set()).update(entry.roles)
        return {step: frozenset(roles) for step, roles in result.items()}

    def allowed_roles(self, step: Step) -> frozenset[ActorRole]:
        """The roles that may record ``step`` (empty: the policy says nothing)."""
        if type(step) is not Step:
            step = as_step(step)
        return self._roles.get(step, _NO_ROLES)

    @_shared
    def _documents(self) -> dict[tuple[Scheme, Step], tuple[str, ...]]:
        result: dict[tuple[Scheme, Step], list[str]] = {}
        for entry in self.of_kind(RequiredDocuments):
            listed = result.setdefault((entry.scheme, entry.step), [])
            listed.extend(doc for doc in entry.documents if doc not in listed)
        return {key: tuple(value) for key, value in result.items()}

    def required_documents(self, scheme: Scheme, step: Step) -> tuple[str, ...]:
        """The document ``type`` values the scheme needs at ``step``."""
        if type(scheme) is not Scheme:
            scheme = as_scheme(scheme)
        if type(step) is not Step:
            step = as_step(step)
        return self._documents.get((scheme, step), ())

    # -- eligibility and destinations ---------------------------------------------
    @_shared
    def minimum_age(self) -> int:
        """The legal minimum age (18 unless a policy entry says otherwise)."""
        entry = latest_entry(self.of_kind(MinimumAge))
        return entry.age if entry is not None else 18

    def age_ranges(
        self,
        scheme: Scheme,
        destination: str,
        occupation: str,
        *,
        domestic: bool,
        employer_kind: EmployerKind | None = None,
    ) -> tuple[AgeRange, ...]:
        """The age ranges that apply to a scheme, destination, occupation and employer."""
        # The employer kind's type is part of the key: the entries compare it by identity, so a
        # text "individual" must not share the answer given for EmployerKind.INDIVIDUAL.
        key = (
            "age_ranges",
            scheme,
            destination,
            occupation,
            domestic,
            type(employer_kind),
            employer_kind,
        )
        return self.remembered(
            key,
            lambda: tuple(
                entry
                for entry in self.of_kind(AgeRange)
                if entry.matches(
                    as_scheme(scheme), destination, occupation, domestic, employer_kind
                )
            ),
        )

    def closure_for(
        self, destination: str, *, domestic: bool, individual_employer: bool
    ) -> Closure | None:
        """The closure that stops this placement, if one is in force."""
        for entry in self.of_kind(Closure):
            if entry.destination != destination:
                continue
            if entry.scope == "all":
                return entry
            if entry.scope == "domestic" and domestic:
                return entry
            if entry.scope == "individual_employer" and individual_employer:
                return entry
            if entry.scope == "domestic_individual_employer" and domestic and individual_employer:
                return entry
        return None

    def closures(self, destination: str) -> tuple[Closure, ...]:
        """Every closure of a destination in force."""
        return self.remembered(
            ("closures", destination),
            lambda: tuple(
                entry for entry in self.of_kind(Closure) if entry.destination == destination
            ),
        )

    def channels_for(self, destination: str, *, domestic: bool) -> tuple[ChannelRule, ...]:
        """The mandatory channels that apply to a placement."""
        return self.remembered(
            ("channels_for", destination, domestic),
            lambda: tuple(
                entry
                for entry in self.of_kind(ChannelRule)
                if entry.destination == destination and (domestic or not entry.domestic_only)
            ),
        )

    # -- fees, social security, contracts -----------------------------------------
    @_shared
    def exempt_occupations(self) -> frozenset[str]:
        """Occupations whose workers may be charged nothing (Perban BP2MI 9/2020)."""
        return frozenset().union(*(entry.occupations for entry in self.of_kind(ExemptOccupations)))

    @_shared
    def employer_borne_components(self) -> frozenset[CostComponent]:
        """Cost components no worker may be charged."""
        return frozenset().union(*(entry.components for entry in self.of_kind(EmployerBorneCosts)))

    @_shared
    def loans_forbidden(self) -> bool:
        """``True`` when a rule forbidding placement loans and salary deductions is in force."""
        return any(entry.no_loans for entry in self.of_kind(EmployerBorneCosts))

    @_shared
    def premiums(self) -> PremiumSchedule | None:
        """The social-security premium schedule in force, if any."""
        return latest_entry(self.of_kind(PremiumSchedule))

    @_shared
    def _parameters(self) -> dict[str, Parameter]:
        named: dict[str, list[Parameter]] = {}
        for entry in self.of_kind(Parameter):
            named.setdefault(entry.name, []).append(entry)
        return {
            name: chosen
            for name, entries in named.items()
            if (chosen := latest_entry(entries)) is not None
        }

    def parameter(self, name: str) -> int | None:
        """A named parameter's value (``None`` when no entry is in force)."""
        entry = self._parameters.get(name)
        return entry.value if entry is not None else None

    def parameter_entry(self, name: str) -> Parameter | None:
        """The entry behind a parameter (for its source and confirmed flag)."""
        return self._parameters.get(name)

    @_shared
    def contract_terms(self) -> frozenset[ContractTerm]:
        """The terms an employment contract must contain."""
        entry = latest_entry(self.of_kind(ContractTerms))
        return entry.terms if entry is not None else frozenset(ContractTerm)

    @_shared
    def lowest_positions(self) -> frozenset[str]:
        """Occupation codes counted as a sector's lowest position."""
        return frozenset().union(*(entry.occupations for entry in self.of_kind(LowestPositions)))

    @_shared
    def information_topics(self) -> frozenset[str]:
        """The topics official information must cover."""
        entry = latest_entry(self.of_kind(InformationTopics))
        return entry.topics if entry is not None else frozenset()

    @_shared
    def work_visa_types(self) -> frozenset[VisaType]:
        """Visa types that are procedural for a placement."""
        entry = latest_entry(self.of_kind(WorkVisaTypes))
        return entry.visa_types if entry is not None else frozenset({VisaType.WORK})


def _problem_key(section: str, index: int, loc: tuple[int | str, ...]) -> str:
    key = f"{section}[{index}]"
    for part in loc:
        key += f"[{part}]" if isinstance(part, int) else f".{part}"
    return key


def _parse_entries(data: Mapping[str, Any], file: str) -> tuple[str | None, list[Entry]]:
    name: str | None = None
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for section, value in data.items():
        if section == "policy":
            if not isinstance(value, Mapping):
                raise PolicyError("[policy] must be a table", file=file, key="policy")
            unknown = sorted(set(value) - {"name", "description"})
            if unknown:
                raise PolicyError(f"unknown key {unknown[0]!r}", file=file, key="policy")
            raw_name = value.get("name")
            if raw_name is not None and (not isinstance(raw_name, str) or not raw_name.strip()):
                raise PolicyError("name must be non-empty text", file=file, key="policy.name")
            name = raw_name
            continue
        kind = ENTRY_KINDS.get(section)
        if kind is None:
            raise PolicyError(
                f"unknown section {section!r}; known: {', '.join(sorted(ENTRY_KINDS))}",
                file=file,
                key=section,
            )
        if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
            raise PolicyError(
                f"{section} must be an array of tables ([[{section}]])", file=file, key=section
            )
        for index, item in enumerate(value):
            try:
                entry = kind.model_validate(item)
            except ValidationError as error:
                first = error.errors(include_url=False, include_input=False)[0]
                message = first["msg"].removeprefix("Value error, ")
                raise PolicyError(
                    message, file=file, key=_problem_key(section, index, tuple(first["loc"]))
                ) from None
            if entry.id in seen:
                raise PolicyError(
                    f"id {entry.id!r} is used twice (also in {seen[entry.id]})",
                    file=file,
                    key=f"{section}[{index}].id",
                )
            seen[entry.id] = section
            entries.append(entry)
    return name, entries


def _read_toml(text: str, file: str) -> dict[str, Any]:
    try:
        return load_toml(text)
    except tomllib.TOMLDecodeError as error:
        raise PolicyError(f"not valid TOML: {error}", file=file) from None
    except NestingTooDeepError as error:
        raise PolicyError(f"not valid TOML: {error}", file=file) from None


class Policy:
    """The whole versioned rule data set: immutable and safe to share between threads.

    Build it with :meth:`default` (the data shipped with the package) or
    :meth:`load` (an agency's files over a base policy).
    """

    __slots__ = (
        "_bounds",
        "_by_day",
        "_by_set",
        "_by_span",
        "_entries",
        "_lock",
        "_name",
        "_sources",
    )

    _default: Policy | None = None
    _default_lock = threading.Lock()

    def __init__(
        self,
        entries: Iterable[Entry],
        *,
        name: str = DEFAULT_POLICY_NAME,
        sources: Iterable[str] = (),
    ) -> None:
        self._entries: tuple[Entry, ...] = tuple(entries)
        self._name = name
        self._sources: tuple[str, ...] = tuple(sources)
        self._by_day: dict[datetime.date, PolicyView] = {}
        self._by_set: dict[tuple[int, ...], tuple[str, dict[str, Any]]] = {}
        self._by_span: dict[int, tuple[tuple[Entry, ...], str, dict[str, Any]]] = {}
        bounds: set[datetime.date] = set()
        for entry in self._entries:
            if entry.effective_from is not None:
                bounds.add(entry.effective_from)
            if entry.effective_to is not None and entry.effective_to < datetime.date.max:
                bounds.add(entry.effective_to + datetime.timedelta(days=1))
        self._bounds: tuple[datetime.date, ...] = tuple(sorted(bounds))
        self._lock = threading.Lock()
        ids = [entry.id for entry in self._entries]
        if len(set(ids)) != len(ids):
            duplicate = next(item for item in ids if ids.count(item) > 1)
            raise PolicyError(f"id {duplicate!r} is used twice", key=duplicate)

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self, "_lock"):
            raise AttributeError("a Policy is immutable")
        object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        return f"Policy(name={self._name!r}, entries={len(self._entries)})"

    @property
    def name(self) -> str:
        """The policy's name (part of every view's version)."""
        return self._name

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry, in force or not."""
        return self._entries

    @property
    def sources(self) -> tuple[str, ...]:
        """The files the policy was read from."""
        return self._sources

    # -- construction --------------------------------------------------------------
    @classmethod
    def default(cls) -> Policy:
        """The policy shipped with the package (read once, then shared)."""
        if cls._default is None:
            with cls._default_lock:
                if cls._default is None:
                    cls._default = cls._read_default()
        return cls._default

    @classmethod
    def _read_default(cls) -> Policy:
        folder = resources.files(_DATA_PACKAGE).joinpath(_DATA_DIR)
        entries: list[Entry] = []
        names = []
        for item in sorted(folder.iterdir(), key=lambda item: item.name):
            if not item.name.endswith(".toml"):
                continue
            _, found = _parse_entries(_read_toml(item.read_text("utf-8"), item.name), item.name)
            entries.extend(found)
            names.append(item.name)
        logger.debug("default policy read from %d files, %d entries", len(names), len(entries))
        return cls(entries, name=DEFAULT_POLICY_NAME, sources=names)

    @classmethod
    def overlay_names(cls) -> tuple[str, ...]:
        """The optional overlays shipped with the package (not part of the default)."""
        folder = resources.files(_DATA_PACKAGE).joinpath(_DATA_DIR, _OVERLAY_DIR)
        return tuple(
            sorted(item.name[:-5] for item in folder.iterdir() if item.name.endswith(".toml"))
        )

    @classmethod
    def load_overlay(cls, name: str, *, base: Policy | None = None) -> Policy:
        """A shipped optional overlay (see :meth:`overlay_names`) laid over ``base``.

        >>> lifted = Policy.load_overlay("saudi_moratorium_lift_2025")
        >>> lifted.as_of(datetime.date(2025, 7, 1)).closure_for(
        ...     "SA", domestic=True, individual_employer=True) is None
        True
        """
        if name not in cls.overlay_names():
            raise PolicyError(
                f"no shipped overlay {name!r}; known: {', '.join(cls.overlay_names())}",
                key=name,
            )
        item = resources.files(_DATA_PACKAGE).joinpath(_DATA_DIR, _OVERLAY_DIR, f"{name}.toml")
        return cls.from_toml(item.read_text("utf-8"), base=base, file=f"{name}.toml")

    @classmethod
    def from_toml(cls, text: str, *, base: Policy | None = None, file: str = "<text>") -> Policy:
        """An overlay given as TOML text (see :meth:`load`)."""
        return cls._overlay([(file, _read_toml(text, file))], base)

    @classmethod
    def load(cls, *paths: str | Path, base: Policy | None = None) -> Policy:
        """Agency policy files laid over ``base`` (the default policy when not given).

        An entry with the id of a base entry replaces it; ``disabled = true``
        switches it off; new ids add entries. An entry that does not say
        ``confirmed`` keeps the certainty of the entry it replaces, and a new one
        is unconfirmed (:meth:`Entry.over <pmi_workflow.policy.entries.Entry.over>`).
        A bad file raises :class:`~pmi_workflow.errors.PolicyError` naming the
        file, the key and the problem; ``base`` is never changed.
        """
        loaded = []
        for path in paths:
            file = str(path)
            try:
                text = Path(path).read_text("utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise PolicyError(
                    f"cannot read the file: {error.__class__.__name__}", file=file
                ) from None
            loaded.append((file, _read_toml(text, file)))
        return cls._overlay(loaded, base)

    @classmethod
    def _overlay(cls, files: list[tuple[str, dict[str, Any]]], base: Policy | None) -> Policy:
        base = base if base is not None else cls.default()
        by_id: dict[str, Entry] = {entry.id: entry for entry in base.entries}
        name = base.name
        for file, data in files:
            overlay_name, entries = _parse_entries(data, file)
            for entry in entries:
                existing = by_id.get(entry.id)
                if existing is not None and existing.kind != entry.kind:
                    raise PolicyError(
                        f"id {entry.id!r} is a {existing.kind} entry in the base policy, "
                        f"not a {entry.kind}",
                        file=file,
                        key=entry.id,
                    )
                by_id[entry.id] = entry.over(existing)
            name = overlay_name or f"{name}+{Path(file).stem}"
        added = {entry.id for _, data in files for entry in _parse_entries(data, "")[1]}
        found = contradictions(by_id.values())
        found.sort(key=lambda pair: -((pair[0].id in added) + (pair[1].id in added)))
        for first, second, reason in found:
            raise PolicyError(
                f"entries {first.id!r} and {second.id!r} contradict each other: {reason}",
                file=files[-1][0] if files else None,
                key=second.id,
            )
        return cls(by_id.values(), name=name, sources=(*base.sources, *(f for f, _ in files)))

    # -- use -----------------------------------------------------------------------
    def as_of(self, day: datetime.date) -> PolicyView:
        """The rules in force on ``day``."""
        if isinstance(day, datetime.datetime):
            day = local_day(day)  # the day in the timestamp's own offset, as for events
        if not isinstance(day, datetime.date):
            raise InvalidInputError.single(
                f"as_of() needs a datetime.date, not {type(day).__name__}", "date", ("day",)
            )
        view = self._by_day.get(day)
        if view is not None:
            return view
        # The entries in force change only on the dates where one starts or ends: the day's
        # span between two such dates is found by bisection, and the span's entries, version
        # and caches are shared by every day in it.
        span = bisect.bisect_right(self._bounds, day)
        known = self._by_span.get(span)
        if known is None:
            positions = tuple(i for i, entry in enumerate(self._entries) if entry.in_force(day))
            in_force = tuple(self._entries[i] for i in positions)
            with self._lock:
                shared = self._by_set.get(positions)
                if shared is None:
                    shared = (_version(self._name, in_force), {})
                    self._by_set[positions] = shared
                known = self._by_span.setdefault(span, (in_force, shared[0], shared[1]))
        with self._lock:
            if len(self._by_day) > 20000:
                self._by_day.clear()
            return self._by_day.setdefault(
                day, PolicyView(self._name, day, known[0], known[1], known[2], self)
            )

    def to_json(self) -> str:
        """Every entry as JSON (for review and export)."""
        return json.dumps(
            [
                {"kind": entry.kind, **entry.model_dump(mode="json", exclude_none=True)}
                for entry in self._entries
            ],
            ensure_ascii=False,
            indent=2,
        )
