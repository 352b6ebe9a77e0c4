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
>>> finding.certainty, finding.entries
(<Certainty.CONFIRMED: 'confirmed'>, ())
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, Protocol

from pmi_workflow.enums import Step
from pmi_workflow.privacy import masked_repr

__all__ = [
    "Certainty",
    "Finding",
    "FindingsSummary",
    "Language",
    "LegalBasis",
    "PolicyFact",
    "Rule",
    "Severity",
    "Verdict",
    "basis_of",
    "basis_text",
    "certainty_of",
]

Language = Literal["id", "en"]

Verdict = Literal["procedural", "non_procedural"]
"""A case's verdict: ``procedural`` when no finding is an error."""


class Severity(StrEnum):
    """``error``: the case is not procedural. ``warning``: suspicious or uncertain basis."""

    ERROR = "error"
    WARNING = "warning"


class Certainty(StrEnum):
    """How sure the law behind a finding is.

    ``confirmed`` when the rule and every policy entry it rests on are
    confirmed by a source, ``unconfirmed`` otherwise. An unconfirmed finding
    is never an error.
    """

    CONFIRMED = "confirmed"
    UNCONFIRMED = "unconfirmed"


class PolicyFact(Protocol):
    """What a finding needs of a policy entry it rests on: its id and whether it is confirmed.

    Every :class:`~pmi_workflow.policy.entries.Entry` is one.
    """

    @property
    def id(self) -> str: ...

    @property
    def confirmed(self) -> bool: ...


def certainty_of(facts: tuple[PolicyFact, ...], *, rule_confirmed: bool = True) -> Certainty:
    """``confirmed`` when the rule and every fact are confirmed, else ``unconfirmed``.

    >>> from types import SimpleNamespace as Fact
    >>> certainty_of((Fact(id="a", confirmed=True), Fact(id="b", confirmed=False))).value
    'unconfirmed'
    >>> certainty_of(()).value
    'confirmed'
    """
    if rule_confirmed and all(fact.confirmed for fact in facts):
        return Certainty.CONFIRMED
    return Certainty.UNCONFIRMED


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """An instrument and, where known, the article (``UU 18/2017``, ``Pasal 13 huruf f``).

    A named instrument reads the same in both languages. A basis that is a description
    rather than an instrument (``integritas data``) is written in Indonesian, with its
    English in ``instrument_en``; :meth:`text` picks the language.

    >>> basis = LegalBasis("integritas data", instrument_en="data integrity")
    >>> basis.text("id"), basis.text("en"), str(LegalBasis("UU 18/2017", "Pasal 30"))
    ('integritas data', 'data integrity', 'UU 18/2017 Pasal 30')
    """

    instrument: str
    article: str | None = None
    instrument_en: str | None = None

    def text(self, language: Language | str = "id") -> str:
        """The basis in Indonesian (``"id"``, also the official form) or English (``"en"``)."""
        name = self.instrument_en if language == "en" and self.instrument_en else self.instrument
        return f"{name} {self.article}" if self.article else name

    def __str__(self) -> str:
        return self.text("id")

    def to_dict(self) -> dict[str, str | None]:
        """As JSON-compatible data."""
        return {
            "instrument": self.instrument,
            "article": self.article,
            "instrument_en": self.instrument_en,
        }


def basis_text(legal_basis: Iterable[LegalBasis], language: Language | str = "id") -> str:
    """A legal basis as one line in ``language`` (``UU 18/2017 Pasal 30; integritas data``)."""
    return "; ".join(basis.text(language) for basis in legal_basis)


def basis_of(record: Mapping[str, Any], language: Language | str = "id") -> list[str]:
    """The legal basis of a finding's or a rule's ``to_dict`` in ``language``.

    >>> basis_of({"legal_basis": ["integritas data"], "legal_basis_en": ["data integrity"]}, "en")
    ['data integrity']
    """
    if language == "en" and "legal_basis_en" in record:
        return list(record["legal_basis_en"] or ())
    return list(record.get("legal_basis") or ())


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A catalog entry: the stable code, its severity, legal basis and message templates.

    Declared by keyword. The templates are ``str.format`` strings over the
    finding's named values. ``entry_kinds`` names the kinds of policy entries
    the rule's findings rest on (``closure``, ``parameter``...); ``confirmed``
    is ``False`` where the rule's own basis is uncertain, which makes every
    finding of it unconfirmed, hence a warning.

    >>> rule = Rule(code="documents.example", severity=Severity.ERROR, title_id="Contoh",
    ...             title_en="Example", checks="an example", template_id="Contoh {x}.",
    ...             template_en="Example {x}.", legal_basis=(LegalBasis("UU 18/2017"),))
    >>> rule.to_dict()["legal_basis"], rule.area
    (['UU 18/2017'], 'documents')
    """

    code: str
    severity: Severity
    title_id: str
    title_en: str
    checks: str
    legal_basis: tuple[LegalBasis, ...]
    template_id: str
    template_en: str
    step: Step | None = None
    entry_kinds: tuple[str, ...] = ()
    confirmed: bool = True
    since: str = "0.1.0"

    @property
    def area(self) -> str:
        """The part before the dot (``documents`` in ``documents.missing``)."""
        return self.code.split(".", 1)[0]

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data: the one shape the CLI, the docs and the server use."""
        return {
            "code": self.code,
            "area": self.area,
            "severity": self.severity.value,
            "title": {"id": self.title_id, "en": self.title_en},
            "checks": self.checks,
            "step": self.step.value if self.step else None,
            "legal_basis": [str(basis) for basis in self.legal_basis],
            "legal_basis_en": [basis.text("en") for basis in self.legal_basis],
            "entry_kinds": list(self.entry_kinds),
            "confirmed": self.confirmed,
            "message_template": {"id": self.template_id, "en": self.template_en},
            "since": self.since,
        }


@masked_repr
@dataclass(frozen=True, slots=True)
class Finding:
    """One departure from procedure (or a warning) found in a case.

    ``where`` names the field or event concerned (``documents.visa-1``,
    ``history.12``), ``on`` is the date judged, ``compared`` the values the
    rule compared (masked where personal), ``legal_basis`` the rule's basis,
    ``entries`` the ids of the policy entries it rests on and ``certainty``
    whether all of them (and the rule) are confirmed. An unconfirmed finding
    is always a warning (see :func:`pmi_workflow.rules.make_finding`).

    Its ``repr`` (and ``str``) passes :func:`~pmi_workflow.privacy.redact`, as
    every record's and report's does: a NIK-like run in a document id or a case
    id is masked in a log line or a traceback.
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
    entries: tuple[str, ...] = field(default=())
    certainty: Certainty = Certainty.CONFIRMED

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
            "legal_basis_en": [basis.text("en") for basis in self.legal_basis],
            "entries": list(self.entries),
            "certainty": self.certainty.value,
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
