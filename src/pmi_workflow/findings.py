"""Findings: what a rule says about a case, with its code, legal basis and both languages.

A :class:`Finding` is a plain frozen value: cheap to create, hashable, and
safe to log (compared values are masked where they are personal data). The
catalog of rules (:class:`Rule`, one per stable code) lives in
:mod:`pmi_workflow.rules.catalog`.

>>> basis = LegalBasis("UU 18/2017", "Pasal 5 huruf a")
>>> str(basis)
'UU 18/2017 Pasal 5 huruf a'
>>> finding = Finding(
...     code="eligibility.age_below_minimum", severity=Severity.ERROR, step=None,
...     where="applicant.birth_date", on=datetime.date(2024, 1, 15),
...     compared=(("age", "17"), ("minimum", "18")), legal_basis=(basis,),
...     message_id="Usia 17 tahun, di bawah batas minimal 18 tahun.",
...     message_en="Aged 17, below the minimum age of 18.")
>>> finding.is_error
True
>>> finding.message("id")
'Usia 17 tahun, di bawah batas minimal 18 tahun.'
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from pmi_workflow.enums import Step

__all__ = [
    "Finding",
    "FindingsSummary",
    "Language",
    "LegalBasis",
    "Rule",
    "Severity",
    "Verdict",
]

Language = Literal["id", "en"]

Verdict = Literal["procedural", "non_procedural"]
"""A case's verdict: ``procedural`` when no finding is an error."""


class Severity(StrEnum):
    """``error``: the case is not procedural. ``warning``: suspicious or uncertain basis."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """An instrument and, where known, the article (``UU 18/2017``, ``Pasal 13 huruf f``)."""

    instrument: str
    article: str | None = None

    def __str__(self) -> str:
        return f"{self.instrument} {self.article}" if self.article else self.instrument

    def to_dict(self) -> dict[str, str | None]:
        """As JSON-compatible data."""
        return {"instrument": self.instrument, "article": self.article}


@dataclass(frozen=True, slots=True)
class Rule:
    """A catalog entry: the stable code, its severity, legal basis and message templates.

    The templates are ``str.format`` strings over the finding's named values.
    ``confirmed`` is ``False`` where the legal basis is uncertain (such rules
    are warnings).
    """

    code: str
    severity: Severity
    title_id: str
    title_en: str
    legal_basis: tuple[LegalBasis, ...]
    template_id: str
    template_en: str
    checks: str
    step: Step | None = None
    confirmed: bool = True
    since: str = "0.1.0"

    @property
    def area(self) -> str:
        """The part before the dot (``documents`` in ``documents.missing``)."""
        return self.code.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Finding:
    """One departure from procedure (or a warning) found in a case.

    ``where`` names the field or event concerned (``documents.visa-1``,
    ``history.12``), ``on`` is the date judged, ``compared`` the values the
    rule compared (masked where personal), ``legal_basis`` the rule's basis.
    """

    code: str
    severity: Severity
    step: Step | None
    where: str | None
    on: datetime.date
    compared: tuple[tuple[str, str], ...]
    legal_basis: tuple[LegalBasis, ...]
    message_id: str
    message_en: str
    extra: tuple[tuple[str, str], ...] = field(default=())

    @property
    def is_error(self) -> bool:
        """``True`` for an error (the case is not procedural)."""
        return self.severity is Severity.ERROR

    def message(self, language: Language | str = "en") -> str:
        """The message in Indonesian (``"id"``) or English (``"en"``).

        Any other language is an error, not a silent English fallback.
        """
        if language == "id":
            return self.message_id
        if language == "en":
            return self.message_en
        from pmi_workflow.errors import InvalidInputError

        shown = language if isinstance(language, str) and language.isalpha() else "?"
        raise InvalidInputError.single(
            f"unknown language {shown[:10]!r}: messages are in 'id' (Indonesian) or 'en' (English)",
            "language",
            ("language",),
        )

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data (values are already masked)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "step": self.step.value if self.step else None,
            "where": self.where,
            "on": self.on.isoformat(),
            "compared": dict(self.compared),
            "legal_basis": [str(basis) for basis in self.legal_basis],
            "message": {"id": self.message_id, "en": self.message_en},
        }


class FindingsSummary:
    """What every result that holds ``findings`` answers: the verdict, errors, warnings, codes.

    A mixin for the result classes (validation and audit reports, dry runs);
    they provide a ``findings`` attribute.
    """

    __slots__ = ()
    findings: tuple[Finding, ...]

    @property
    def procedural(self) -> bool:
        """``True`` when no finding is an error."""
        return not any(finding.is_error for finding in self.findings)

    @property
    def verdict(self) -> Verdict:
        """``"procedural"`` or ``"non_procedural"``."""
        return "procedural" if self.procedural else "non_procedural"

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error findings."""
        return tuple(finding for finding in self.findings if finding.is_error)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The warning findings."""
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def codes(self) -> tuple[str, ...]:
        """The distinct codes found, sorted."""
        return tuple(sorted({finding.code for finding in self.findings}))
