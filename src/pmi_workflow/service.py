"""The use cases every face shares: create, record a step, add a document, validate, audit.

A :class:`CaseService` joins a :class:`~pmi_workflow.store.CaseStore` and a
:class:`~pmi_workflow.workflow.Workflow` (the service layer of *Architecture
Patterns with Python*): the command line, the demonstration and the HTTP
server call it, so none of them holds glue of its own.

Writes take the version the caller last saw (``expected_version``). When the
case has moved on meanwhile, nothing is written and
:class:`~pmi_workflow.errors.ConcurrencyConflictError` says which version the
case is at: reload, look again, retry. A step the procedure refuses raises
:class:`~pmi_workflow.errors.ProcedureViolation` with its findings.

>>> import datetime
>>> from pmi_workflow.store import MemoryStore
>>> from pmi_workflow.testing import make_case
>>> service = CaseService(MemoryStore())
>>> case = make_case("p2p", step="employment_contract_signed")
>>> service.create_case(case).version
10
>>> service.add_document(
...     case.case_id,
...     {"type": "opp_certificate", "id": "opp-1", "issued_on": "2024-05-10"},
...     expected_version=10,
... ).version
10
>>> recorded = service.record_step(
...     case.case_id, "opp_completed", at=datetime.datetime(2024, 5, 10, 9),
...     actor="bp3mi", evidence=["opp-1"], expected_version=10,
... )
>>> recorded.version, recorded.state
(11, 'opp_completed')
>>> service.record_step(
...     case.case_id, "opp_completed", at=datetime.datetime(2024, 5, 11, 9),
...     actor="bp3mi", expected_version=10,
... )
Traceback (most recent call last):
    ...
pmi_workflow.errors.ConcurrencyConflictError: case '...' is at version 11, expected 10
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain import Case, CaseEvent, Document, DocumentBase, parse_case
from pmi_workflow.domain.case import problems_from_validation_error
from pmi_workflow.domain.events import Actor
from pmi_workflow.enums import ActorRole, Step
from pmi_workflow.errors import (
    ConcurrencyConflictError,
    InputProblem,
    InvalidInputError,
    ProcedureViolation,
)
from pmi_workflow.findings import Finding
from pmi_workflow.privacy import mask_case_id
from pmi_workflow.rules import ValidationReport, validate_case
from pmi_workflow.store import AppendResult, CaseStore, CaseSummary, summarize
from pmi_workflow.workflow import AuditReport, Workflow

__all__ = ["CaseService", "DocumentAdded", "StepRecorded", "parse_document"]

logger = logging.getLogger(__name__)

_DOCUMENT = TypeAdapter(Document)

ACTOR_NOT_AUTHORIZED = "procedure.actor_not_authorized"


@dataclass(frozen=True, slots=True)
class StepRecorded:
    """A step that was recorded and stored: the event, the case's new version and state."""

    case_id: str
    event: CaseEvent
    version: int
    state: str
    warnings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class DocumentAdded:
    """A document added to a stored case; ``version`` is unchanged (a dossier is not an event)."""

    case_id: str
    document_id: str
    version: int


def parse_document(data: Document | Mapping[str, Any]) -> Document:
    """One document from its record (``type`` says which kind).

    Raises :class:`~pmi_workflow.errors.InvalidInputError` naming the fields,
    never their values.

    >>> parse_document({"type": "opp_certificate", "id": "opp-1"}).id
    'opp-1'
    >>> parse_document({"type": "opp_certificate"})
    Traceback (most recent call last):
        ...
    pmi_workflow.errors.InvalidInputError: invalid input: opp_certificate.id: Field required
    """
    if isinstance(data, DocumentBase):
        return data
    if not isinstance(data, Mapping):
        raise InvalidInputError.single("a document must be a JSON object", "type")
    try:
        return _DOCUMENT.validate_python(data)
    except ValidationError as error:
        raise InvalidInputError(problems_from_validation_error(error)) from None


class CaseService:
    """Create, change and judge stored cases through one store and one workflow.

    Shared by every thread of a server: it holds no per-case data. ``workflow``
    defaults to one on the shipped policy.
    """

    __slots__ = ("_store", "_workflow")

    def __init__(self, store: CaseStore, workflow: Workflow | None = None) -> None:
        self._store = store
        self._workflow = workflow or Workflow()

    @property
    def store(self) -> CaseStore:
        """The store the cases live in."""
        return self._store

    @property
    def workflow(self) -> Workflow:
        """The workflow that judges the steps."""
        return self._workflow

    # -- reading -----------------------------------------------------------------

    def load(self, case_id: str) -> Case:
        """The stored case (its hash chain checked)."""
        return self._store.load(case_id)

    def version(self, case_id: str) -> int:
        """The stored case's version (its number of events)."""
        return self._store.version(case_id)

    # -- writing -----------------------------------------------------------------

    def create_case(self, case: Case | Mapping[str, Any]) -> AppendResult:
        """Store a new case (a record is parsed first); its history, if any, as it is.

        Raises :class:`~pmi_workflow.store.CaseExistsError` when the id is taken.
        """
        parsed = case if isinstance(case, Case) else parse_case(case)
        return self._store.create(parsed)

    def record_step(
        self,
        case_id: str,
        step: Step | str,
        *,
        at: datetime.datetime,
        actor: Actor | ActorRole | str,
        expected_version: int | None = None,
        evidence: Iterable[str] = (),
        place: str | None = None,
        note: str | None = None,
        event_id: uuid.UUID | None = None,
        enforce_roles: bool = False,
    ) -> StepRecorded:
        """Judge ``step`` on the stored case and, if the gate allows it, append its event.

        With ``expected_version``, refuses with
        :class:`~pmi_workflow.errors.ConcurrencyConflictError` unless the case is
        at that version (checked before judging, and again by the store when
        writing). Raises :class:`~pmi_workflow.errors.ProcedureViolation` when
        an error finding refuses the step; nothing is written then.

        ``enforce_roles`` is for callers that *know* who records (an
        authenticated server): a role the policy does not allow for the step
        (``procedure.actor_not_authorized``, a warning when judging recorded
        histories) then refuses the step too.
        """
        case = self._store.load(case_id)
        current = len(case.history)
        _check_version(case_id, expected_version, current)
        try:
            recorded = self._workflow.record(
                case,
                step,
                at=at,
                actor=actor,
                evidence=evidence,
                place=place,
                note=note,
                event_id=event_id,
            )
        except ProcedureViolation as refusal:
            unauthorized = [f for f in refusal.findings if f.code == ACTOR_NOT_AUTHORIZED]
            if enforce_roles and unauthorized:  # who may act is said first
                raise ProcedureViolation(refusal.step, unauthorized) from None
            raise
        if enforce_roles:
            refusing = [w for w in recorded.warnings if w.code == ACTOR_NOT_AUTHORIZED]
            if refusing:
                raise ProcedureViolation(recorded.event.step.value, refusing)
        result = self._store.append(case_id, [recorded.event], expected_version=current)
        logger.info(
            "case %s: recorded %s as version %d",
            mask_case_id(case_id),
            recorded.event.step,
            result.version,
        )
        return StepRecorded(
            case_id, recorded.event, result.version, recorded.state.state, recorded.warnings
        )

    def add_document(
        self,
        case_id: str,
        document: Document | Mapping[str, Any],
        *,
        expected_version: int | None = None,
    ) -> DocumentAdded:
        """Add one document to a stored case's dossier (its id must be new to the case).

        The history is untouched, so the version stays; ``expected_version``
        still guards against writing over a case that moved on.
        """
        parsed = parse_document(document)
        case = self._store.load(case_id)
        current = len(case.history)
        _check_version(case_id, expected_version, current)
        if case.document(parsed.id) is not None:
            raise InvalidInputError(
                [InputProblem(("id",), "the case already has a document with this id", "duplicate")]
            )
        try:
            changed = case.with_documents(parsed)
        except ValidationError as error:
            raise InvalidInputError(problems_from_validation_error(error)) from None
        self._store.save_dossier(changed, expected_version=current)
        logger.info("case %s: added a %s document", mask_case_id(case_id), parsed.type)
        return DocumentAdded(case_id, parsed.id, current)

    # -- judging -----------------------------------------------------------------

    def validate(
        self, case: Case | Mapping[str, Any] | str, *, as_of: datetime.date | None = None
    ) -> ValidationReport:
        """Judge a case (a stored case's id, a record or a :class:`Case`) as of a day."""
        return validate_case(
            self._case(case),
            as_of=as_of or _today(),
            policy=self._workflow.policy,
            registry=self._workflow.registry,
            sessions=self._workflow.sessions,
        )

    def audit(
        self, case: Case | Mapping[str, Any] | str, *, as_of: datetime.date | None = None
    ) -> AuditReport:
        """Replay a case's history (a stored case's id, a record or a :class:`Case`)."""
        return self._workflow.audit(self._case(case), as_of=as_of or _today())

    def projector(self, case: Case) -> CaseSummary:
        """The store summary of a case with the workflow's state (give it to a store)."""
        return summarize(case, state=self._workflow.replay(case).state)

    def _case(self, case: Case | Mapping[str, Any] | str) -> Case:
        if isinstance(case, Case):
            return case
        if isinstance(case, str):
            return self._store.load(case)
        return parse_case(case)


def _check_version(case_id: str, expected: int | None, current: int) -> None:
    if expected is None:
        return
    if isinstance(expected, bool) or not isinstance(expected, int) or expected < 0:
        raise InvalidInputError.single(
            "the expected version must be a whole number, 0 or more",
            "version",
            ("expected_version",),
        )
    if expected != current:
        raise ConcurrencyConflictError(case_id, expected, current)


def _today() -> datetime.date:
    return datetime.datetime.now(JAKARTA).date()
