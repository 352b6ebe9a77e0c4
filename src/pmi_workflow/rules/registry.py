"""Licence registry facts (SIP3MI, SIP2MI, UKPS permits) behind a small interface.

The validators never do I/O: a :class:`LicenceRegistry` answers lookups from
data it already holds. Every answer carries when it was checked, so evidence
older than the policy's freshness window (``licence_evidence_max_days``)
yields ``executor.licence_evidence_stale``.

:class:`FileLicenceRegistry` is the default: it reads a JSON or TOML file
once, then answers from memory (it is immutable and thread-safe).

>>> registry = FileLicenceRegistry.from_data({"licences": [
...     {"kind": "sip3mi", "number": "B.5/1234/PK.02/2021", "status": "revoked",
...      "issued_on": "2021-03-01", "revoked_on": "2024-04-01",
...      "checked_at": "2024-04-02T10:00:00+07:00", "source": "SIP3MI register"}]})
>>> fact = registry.lookup(LicenceKind.SIP3MI, "B.5/1234/PK.02/2021")
>>> fact.is_valid_on(datetime.date(2024, 5, 1)), fact.checked_on
(False, datetime.date(2024, 4, 2))
"""

from __future__ import annotations

import datetime
import json
import tomllib
from collections.abc import Iterable, Mapping
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pmi_workflow.dates import JAKARTA, AwareDatetime, LenientDate
from pmi_workflow.domain.case import problems_from_validation_error
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.identifiers.country import CountryCode
from pmi_workflow.safe_load import NestingTooDeepError, load_json, load_toml

__all__ = ["FileLicenceRegistry", "LicenceFact", "LicenceKind", "LicenceRegistry"]


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


@runtime_checkable
class LicenceRegistry(Protocol):
    """Where licence facts come from: one lookup by kind and number."""

    def lookup(self, kind: LicenceKind, number: str) -> LicenceFact | None:
        """The registry's fact about a licence, or ``None`` if it does not know it."""
        ...


class FileLicenceRegistry:
    """An immutable registry read from a JSON or TOML file (``{"licences": [...]}``)."""

    __slots__ = ("_facts", "source")

    def __init__(self, facts: Iterable[LicenceFact], *, source: str = "<memory>") -> None:
        table: dict[tuple[LicenceKind, str], LicenceFact] = {}
        for fact in facts:
            key = (fact.kind, fact.number.strip().upper())
            current = table.get(key)
            if current is None or fact.checked_at >= current.checked_at:
                table[key] = fact
        self._facts: Mapping[tuple[LicenceKind, str], LicenceFact] = MappingProxyType(table)
        self.source = source

    def __len__(self) -> int:
        return len(self._facts)

    def lookup(self, kind: LicenceKind, number: str) -> LicenceFact | None:
        """The newest fact about the licence ``number`` of ``kind``."""
        return self._facts.get((LicenceKind(kind), number.strip().upper()))

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
        except (tomllib.TOMLDecodeError, json.JSONDecodeError, NestingTooDeepError) as error:
            raise InvalidInputError.single(
                f"not valid {'TOML' if file.endswith('.toml') else 'JSON'}: {error}",
                "registry.syntax",
                source=file,
            ) from None
        if not isinstance(data, Mapping):
            raise InvalidInputError.single("the file holds no table", "registry", source=file)
        return cls.from_data(data, source=file)
