"""Shared helpers of the validators: building findings, document dates, masking."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from pmi_workflow.domain.case import Case
from pmi_workflow.domain.documents import DocumentBase, EmploymentContract, PlacementAgreement
from pmi_workflow.enums import Step
from pmi_workflow.findings import (
    Certainty,
    Finding,
    LegalBasis,
    PolicyFact,
    Severity,
    certainty_of,
)
from pmi_workflow.rules._labels import indonesian
from pmi_workflow.rules.catalog import render, rule

__all__ = [
    "Compared",
    "document_date",
    "documents_at",
    "holds_valid",
    "latest",
    "make_finding",
    "money_text",
]

D = TypeVar("D", bound=DocumentBase)

Compared = Sequence[tuple[str, str]] | Mapping[str, str]


def make_finding(
    code: str,
    on: datetime.date,
    *,
    step: Step | None,
    where: str | None,
    compared: Compared = (),
    severity: Severity | None = None,
    values: Mapping[str, str] | None = None,
    entries: Iterable[PolicyFact | None] = (),
) -> Finding:
    """A finding of catalog rule ``code``, its messages filled from ``compared`` and ``values``.

    ``compared`` must already be masked where personal; ``values`` are extra
    template values that are not comparisons (labels, sources). ``entries``
    are the policy entries the finding rests on (``None`` items are skipped);
    the legal basis is the rule's own, then the ``instrument`` of each entry
    that names one (the regulation actually applied on the day judged).

    This is the one place where certainty is decided: a finding that rests on
    an unconfirmed entry (or on a rule whose own basis is unconfirmed) is a
    **warning**, whatever the rule's severity or the ``severity`` asked for.

    >>> from types import SimpleNamespace as Entry
    >>> day = datetime.date(2024, 3, 5)
    >>> sure = Entry(id="closure/a", confirmed=True)
    >>> unsure = Entry(id="closure/b", confirmed=False)
    >>> make_finding("destination.closed", day, step=None, where="destination",
    ...              entries=[sure]).severity.value
    'error'
    >>> finding = make_finding("destination.closed", day, step=None, where="destination",
    ...                        entries=[sure, unsure])
    >>> finding.severity.value, finding.certainty.value, finding.entries
    ('warning', 'unconfirmed', ('closure/a', 'closure/b'))
    >>> decree = Entry(id="closure/c", confirmed=True, instrument="Kepmenaker 260/2015")
    >>> [str(basis) for basis in make_finding("destination.closed", day, step=None,
    ...                                      where="destination", entries=[decree]).legal_basis]
    ['UU 18/2017 Pasal 31', 'UU 18/2017 Pasal 32', 'Kepmenaker 260/2015']
    """
    entry = rule(code)
    facts = tuple(fact for fact in entries if fact is not None)
    certainty = certainty_of(facts, rule_confirmed=entry.confirmed)
    ids = tuple(dict.fromkeys(fact.id for fact in facts))
    pairs = tuple(compared.items()) if isinstance(compared, Mapping) else tuple(compared)
    filled: dict[str, str] = {"on": on.isoformat()}
    if step is not None:
        filled["step_id"] = step.label_id
        filled["step_en"] = step.label_en
    filled.update(pairs)
    # the Indonesian message shows words, not codes, ISO dates or raw amounts
    filled_id = {key: indonesian(key, value) for key, value in filled.items()}
    if values:
        filled.update(values)
        filled_id.update(values)
    message_id, message_en = render(entry, filled, filled_id)
    chosen = severity or entry.severity
    if certainty is Certainty.UNCONFIRMED:
        chosen = Severity.WARNING
    return Finding(
        code=code,
        severity=chosen,
        step=step,
        where=where,
        on=on,
        compared=pairs,
        legal_basis=_basis(entry.legal_basis, facts),
        message_id=message_id,
        message_en=message_en,
        entries=ids,
        certainty=certainty,
    )


def _basis(own: tuple[LegalBasis, ...], facts: tuple[PolicyFact, ...]) -> tuple[LegalBasis, ...]:
    """The rule's legal basis, then the instruments its entries name (each once)."""
    named = [instrument for fact in facts if (instrument := getattr(fact, "instrument", None))]
    if not named:
        return own
    shown = {str(basis) for basis in own}
    extra = tuple(LegalBasis(text) for text in dict.fromkeys(named) if text not in shown)
    return own + extra


def document_date(document: DocumentBase) -> datetime.date | None:
    """When a document came into existence: issued, or signed for agreements."""
    if document.issued_on is not None:
        return document.issued_on
    if isinstance(document, (EmploymentContract, PlacementAgreement)):
        return document.signed_on
    return None


_Dated = list[tuple[datetime.date | None, DocumentBase]]
_INDEXES: dict[int, tuple[tuple[DocumentBase, ...], dict[type, _Dated]]] = {}
_INDEX_LIMIT = 256


@functools.cache
def _document_classes(kind: type[DocumentBase]) -> tuple[type[DocumentBase], ...]:
    """A document class and the document classes it derives from."""
    return tuple(
        cls for cls in kind.__mro__ if isinstance(cls, type) and issubclass(cls, DocumentBase)
    )


def _documents_by_class(documents: tuple[DocumentBase, ...]) -> dict[type, _Dated]:
    """The dossier's documents by class (every class of their hierarchy), each with its date:
    derived once per dossier, not at every rule and step. The index keeps the tuple it was
    built from, so a reused ``id`` can never give another dossier's documents."""
    found = _INDEXES.get(id(documents))
    if found is not None and found[0] is documents:
        return found[1]
    index: dict[type, _Dated] = {}
    for document in documents:
        dated = (document_date(document), document)
        for cls in _document_classes(type(document)):
            index.setdefault(cls, []).append(dated)
    if len(_INDEXES) >= _INDEX_LIMIT:
        _INDEXES.clear()
    _INDEXES[id(documents)] = (documents, index)
    return index


def documents_at(case: Case, on: datetime.date, kind: type[D]) -> list[D]:
    """The documents of one class that existed on ``on`` (undated ones count as existing)."""
    dated = _documents_by_class(case.documents).get(kind, ())
    return [document for issued, document in dated if issued is None or issued <= on]  # type: ignore[misc]


def holds_valid(case: Case, on: datetime.date, kind: type[DocumentBase]) -> bool:
    """``True`` when a document of one class existed on ``on`` and was valid on it
    (:meth:`~pmi_workflow.domain.documents.DocumentBase.is_valid_on`)."""
    for issued, document in _documents_by_class(case.documents).get(kind, ()):
        if (issued is None or issued <= on) and document.is_valid_on(on):
            return True
    return False


def latest(documents: Iterable[D]) -> D | None:
    """The most recently dated document (undated ones sort first; ties: the last given)."""
    best: D | None = None
    best_key: tuple[bool, datetime.date] | None = None
    for document in documents:
        issued = document_date(document)
        key = (issued is not None, issued or datetime.date.min)
        if best_key is None or key >= best_key:
            best, best_key = document, key
    return best


def money_text(amount: object, currency: str) -> str:
    """An amount for a message: ``IDR 350000``."""
    return f"{currency} {amount}"
