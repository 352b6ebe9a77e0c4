"""The hash chain that makes a case history tamper-evident.

Each stored event carries ``hash = sha256(prev_hash + payload)``, where
``payload`` is the event as canonical JSON (sorted keys, no spaces, UTF-8) and
``prev_hash`` is the hash of the previous event of the same case (or
:data:`GENESIS_HASH` for the first). Changing, removing or reordering a stored
event breaks every later link.

>>> first = link_hash(GENESIS_HASH, canonical_json({"b": 1, "a": "x"}))
>>> canonical_json({"b": 1, "a": "x"})
'{"a":"x","b":1}'
>>> len(first), first == link_hash(GENESIS_HASH, '{"a":"x","b":1}')
(64, True)
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from pmi_workflow.domain import Case, CaseEvent
from pmi_workflow.errors import TamperDetectedError
from pmi_workflow.privacy import mask_case_id
from pmi_workflow.store.records import (
    BrokenLink,
    CaseRow,
    CaseSummary,
    EventRow,
    StoredEvent,
    parse_time_text,
    time_text,
)

__all__ = [
    "GENESIS_HASH",
    "canonical_json",
    "chain_rows",
    "check_chain",
    "dossier_hash",
    "dossier_json",
    "event_payload",
    "link_hash",
    "load_case",
    "parse_event",
    "stored_event",
    "summary_hash",
    "summary_json",
]

logger = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
"""The ``prev_hash`` of the first event of every case."""


def canonical_json(value: Any) -> str:
    """JSON-compatible data as canonical JSON: sorted keys, compact, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_payload(event: CaseEvent) -> str:
    """The canonical JSON of an event, exactly as it is stored and hashed."""
    return canonical_json(event.model_dump(mode="json"))


def link_hash(prev_hash: str, payload: str) -> str:
    """The hash of one link: sha256 over the previous hash and the payload (hex)."""
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def dossier_json(case: Case) -> str:
    """The dossier (the case without history) as canonical JSON."""
    return canonical_json(case.model_dump(mode="json", exclude={"history"}))


def dossier_hash(dossier: str) -> str:
    """The hash of a stored dossier."""
    return link_hash(GENESIS_HASH, dossier)


def summary_json(summary: CaseSummary) -> str:
    """A summary as canonical JSON: its fields in a fixed order, times as fixed-width UTC text."""
    return json.dumps(
        [
            summary.case_id,
            summary.scheme.value,
            summary.state,
            summary.destination,
            summary.version,
            summary.verdict,
            summary.last_step.value if summary.last_step else None,
            time_text(summary.last_step_at) if summary.last_step_at else None,
            summary.executor_kind,
            summary.executor,
        ],
        separators=(",", ":"),
        ensure_ascii=False,
    )


def summary_hash(summary: CaseSummary) -> str:
    """The hash of a summary, kept in the case head: a summary edited alone no longer matches."""
    return link_hash(GENESIS_HASH, summary_json(summary))


def chain_rows(
    case_id: str, events: Sequence[CaseEvent], prev: str, version: int
) -> tuple[list[EventRow], str]:
    """The rows of ``events`` chained after ``prev`` at ``version``, and the new head hash."""
    rows = []
    recorded = time_text(datetime.now(UTC))
    for offset, event in enumerate(events, start=1):
        payload = event_payload(event)
        digest = link_hash(prev, payload)
        rows.append(
            EventRow(
                position=0,
                case_id=case_id,
                sequence=version + offset,
                event_id=str(event.event_id),
                step=event.step.value,
                occurred_at=time_text(event.occurred_at),
                payload=payload,
                prev_hash=prev,
                hash=digest,
                recorded_at=recorded,
            )
        )
        prev = digest
    return rows, prev


def parse_event(row: EventRow) -> CaseEvent:
    """The event of a stored row."""
    return CaseEvent.model_validate_json(row.payload)


def stored_event(row: EventRow, event: CaseEvent | None = None) -> StoredEvent:
    """A stored row as a :class:`StoredEvent` (``event`` when already parsed)."""
    return StoredEvent(
        position=row.position,
        case_id=row.case_id,
        version=row.sequence,
        event=event if event is not None else parse_event(row),
        prev_hash=row.prev_hash,
        hash=row.hash,
        recorded_at=parse_time_text(row.recorded_at),
    )


def check_chain(case_id: str, head: CaseRow, rows: Sequence[EventRow]) -> BrokenLink | None:
    """The first broken link of a case's stored history, or ``None`` if it is intact."""
    return read_chain(case_id, head, rows)[1]


def read_chain(
    case_id: str, head: CaseRow, rows: Sequence[EventRow]
) -> tuple[list[CaseEvent], BrokenLink | None]:
    """The events of a case's stored history, each parsed once, and its first broken link."""
    events: list[CaseEvent] = []
    return events, _walk(case_id, head, rows, events)


def _walk(
    case_id: str, head: CaseRow, rows: Sequence[EventRow], events: list[CaseEvent]
) -> BrokenLink | None:
    if head.dossier_hash != dossier_hash(head.dossier):
        return BrokenLink(case_id, 0, "the dossier does not match its hash")
    prev = GENESIS_HASH
    for expected, row in enumerate(rows, start=1):
        if row.sequence != expected:
            return BrokenLink(case_id, expected, "an event is missing")
        if row.prev_hash != prev:
            return BrokenLink(case_id, expected, "the link to the previous event does not match")
        if link_hash(prev, row.payload) != row.hash:
            return BrokenLink(case_id, expected, "the event does not match its hash")
        try:
            event = parse_event(row)
        except (ValidationError, ValueError):
            return BrokenLink(case_id, expected, "the event cannot be read")
        if (
            event.case_id != case_id
            or event.sequence != row.sequence
            or str(event.event_id) != row.event_id
            or event.step.value != row.step
            or time_text(event.occurred_at) != row.occurred_at
        ):
            return BrokenLink(case_id, expected, "the event's columns do not match its content")
        events.append(event)
        prev = row.hash
    if len(rows) != head.version:
        return BrokenLink(
            case_id, min(len(rows), head.version) + 1, "the case version does not match its events"
        )
    if head.head_hash != prev:
        return BrokenLink(case_id, len(rows), "the case head does not match its last event")
    return None


def load_case(case_id: str, head: CaseRow, rows: Sequence[EventRow]) -> Case:
    """The case of a stored head and its rows, after checking the chain (each row parsed once).

    Raises :class:`~pmi_workflow.errors.TamperDetectedError` on a broken link.
    """
    events, broken = read_chain(case_id, head, rows)
    if broken is not None:
        logger.warning(
            "case %s: refusing to replay a broken history (%s)",
            mask_case_id(case_id),
            broken.reason,
        )
        raise broken.to_error()
    try:
        dossier = Case.model_validate_json(head.dossier)
    except (ValidationError, ValueError):
        raise TamperDetectedError(case_id, 0, "the stored case cannot be read") from None
    return dossier.model_copy(update={"history": tuple(events)})
