"""Tamper evidence: verifying cases, sealing their heads, checkpointing the store.

:class:`TamperEvidence` is the part of :class:`~pmi_workflow.store.base.CaseStore`
that checks what is stored: the hash chain, the dossier and summary hashes, the
seals (:mod:`pmi_workflow.store.seal`) and checkpoints
(:mod:`pmi_workflow.store.checkpoint`). The security page (docs/security.md)
states what each check proves.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime

from pydantic import ValidationError

from pmi_workflow.domain import Case
from pmi_workflow.errors import (
    CaseNotFoundError,
    InvalidInputError,
    StoreError,
    TamperDetectedError,
)
from pmi_workflow.privacy import mask_case_id
from pmi_workflow.store.backend import Unit
from pmi_workflow.store.chain import GENESIS_HASH, read_chain, summary_hash, summary_json
from pmi_workflow.store.checkpoint import Checkpoint, CheckpointEntry, case_key
from pmi_workflow.store.records import (
    BrokenLink,
    CaseRow,
    CaseSummary,
    EventRow,
    VerifyReport,
    time_text,
)
from pmi_workflow.store.seal import KeyRing, head_message
from pmi_workflow.store.summaries import Projector

__all__ = [
    "CASE_DELETED",
    "ORPHAN_EVENTS",
    "REWRITTEN",
    "SUMMARY_DIFFERS",
    "SUMMARY_FORGED",
    "TRUNCATED",
    "TamperEvidence",
]

logger = logging.getLogger(__name__)

SUMMARY_FORGED = "the summary does not match the case head"
SUMMARY_DIFFERS = "the summary is not what the case's history gives"
CASE_DELETED = "a case of the checkpoint is missing"
TRUNCATED = "the case has fewer events than at the checkpoint"
REWRITTEN = "the history up to the checkpoint was rewritten"
ORPHAN_EVENTS = "events are stored for a case that has no case head"


def _now() -> str:
    return time_text(datetime.now(UTC))


def _against_checkpoint(
    row: CaseRow, rows: Sequence[EventRow], mark: CheckpointEntry
) -> BrokenLink | None:
    """How a (chain-intact) case differs from its checkpoint entry, or ``None``."""
    if row.version < mark.version or len(rows) < mark.version:
        return BrokenLink(row.case_id, row.version + 1, TRUNCATED)
    head = rows[mark.version - 1].hash if mark.version else GENESIS_HASH
    if head != mark.head_hash:
        return BrokenLink(row.case_id, mark.version, REWRITTEN)
    return None


class TamperEvidence(ABC):
    """Verification, seals and checkpoints over a store's transactions."""

    _keys: KeyRing | None
    _projector: Projector

    @abstractmethod
    def _write(self) -> AbstractContextManager[Unit]:
        """A write transaction."""

    @abstractmethod
    def _read(self) -> AbstractContextManager[Unit]:
        """A read-only transaction."""

    @abstractmethod
    def _check_open(self) -> None:
        """Refuse work on a closed store."""

    @abstractmethod
    def _project(self, case: Case) -> CaseSummary:
        """The summary of a case by the store's projector."""

    def reseal(self) -> int:
        """Seal every case head with the current key (after adding or rotating a key).

        Each case is checked first: its chain, its summary and, if it has a
        seal, the seal under one of the store's keys. A case that fails is not
        resealed; the first failure is raised as
        :class:`~pmi_workflow.errors.TamperDetectedError` after the others are
        done. A case without any seal is sealed as it stands (trust on first
        use: verify the store before giving it its first key). Returns how
        many cases were (re)sealed.
        """
        self._check_open()
        keys = self._keys
        if keys is None:
            raise StoreError("resealing needs a key: open the store with keys=")
        with self._read() as unit:
            case_ids = unit.case_ids()
        done = 0
        failed: list[BrokenLink] = []
        for case_id in case_ids:
            with self._write() as unit:
                row = unit.get_case(case_id, lock=True)
                if row is None:  # pragma: no cover - deleted while resealing
                    continue
                if row.seal and keys.is_current(row.seal) and self._seal_problem(row) is None:
                    continue
                link = self._check_case(unit, row, seals=bool(row.seal))
                if link is not None:
                    failed.append(link)
                    continue
                unit.update_head(replace(row, seal=keys.seal(head_message(row))), _now())
                done += 1
        if failed:
            raise failed[0].to_error()
        logger.info("%d case heads resealed with key %s", done, keys.current.key_id)
        return done

    def _seal_problem(self, row: CaseRow) -> str | None:
        return None if self._keys is None else self._keys.check(head_message(row), row.seal)

    def _check_seal(self, row: CaseRow) -> None:
        """Refuse to extend a head whose seal is not valid (it would launder a tampering)."""
        reason = self._seal_problem(row)
        if reason is not None:
            logger.warning("case %s: %s", mask_case_id(row.case_id), reason)
            raise TamperDetectedError(row.case_id, row.version, reason)

    def verify(
        self,
        case_id: str | None = None,
        *,
        checkpoint: Checkpoint | None = None,
        recompute_summaries: bool | None = None,
    ) -> VerifyReport:
        """Check one case, or every case, and report the first broken link of each.

        Checks each case's hash chain, its dossier against its hash, its
        summary against the hash in its head and, with a key, the seal of its
        head. ``recompute_summaries`` (by default: when the projector is
        deterministic, as the default one is) also recomputes each summary
        from the history and reports one that differs. With a
        :class:`~pmi_workflow.store.checkpoint.Checkpoint`, also reports a
        case deleted, truncated or rewritten since the checkpoint. Checking every case, it
        also reports events whose case head is gone (``ORPHAN_EVENTS``). The times the store
        writes beside the chain (an event's ``recorded_at``, a head's ``created_at`` and
        ``updated_at``) are not covered by the chain, seals nor checkpoints.
        The security page (docs/security.md) says what each check proves.
        """
        self._check_open()
        if checkpoint is not None:
            problem = checkpoint.problem(self._keys)
            if problem is not None:
                raise InvalidInputError.single(problem, "checkpoint", ("checkpoint",))
        if recompute_summaries is None:
            recompute_summaries = bool(getattr(self._projector, "deterministic", False))
        if case_id is not None:
            case_ids = [case_id]
        else:
            with self._read() as unit:
                case_ids = unit.case_ids()
        marks = checkpoint.by_key() if checkpoint is not None else {}
        name = checkpoint.naming(self._keys) if checkpoint is not None else case_key
        broken: list[BrokenLink] = []
        events_checked = 0
        for current in case_ids:
            with self._read() as unit:
                row = unit.get_case(current)
                if row is None:
                    raise CaseNotFoundError(current)
                rows = unit.events(current)
                events_checked += len(rows)
                link = self._check_case(
                    unit, row, rows=rows, seals=True, recompute=recompute_summaries
                )
            mark = marks.pop(name(current), None)
            if link is None and mark is not None:
                link = _against_checkpoint(row, rows, mark)
            if link is not None:
                # Reported in the VerifyReport; logged below warning so that a caller
                # that shows both (the command line) does not say it twice.
                logger.warning(
                    "case %s: broken at event %d: %s",
                    mask_case_id(link.case_id),
                    link.version,
                    link.reason,
                )
                broken.append(link)
        if case_id is None:
            with self._read() as unit:
                orphans = unit.orphan_case_ids()
            for orphan in orphans:
                logger.warning("case %s: %s", mask_case_id(orphan), ORPHAN_EVENTS)
                broken.append(BrokenLink(orphan, 1, ORPHAN_EVENTS))
            for mark in marks.values():
                logger.warning("a case of the checkpoint is missing (key %s)", mark.case_key[:16])
                broken.append(BrokenLink(f"sha256:{mark.case_key}", mark.version, CASE_DELETED))
        return VerifyReport(
            len(case_ids),
            events_checked,
            tuple(broken),
            sealed=self._keys is not None,
            summaries_recomputed=recompute_summaries,
            checkpoint_cases=len(checkpoint.entries) if checkpoint is not None else 0,
        )

    def _check_case(
        self,
        unit: Unit,
        row: CaseRow,
        *,
        rows: Sequence[EventRow] | None = None,
        seals: bool = True,
        recompute: bool = False,
    ) -> BrokenLink | None:
        """The first problem of one stored case (chain, summary, seal), or ``None``."""
        if rows is None:
            rows = unit.events(row.case_id)
        events, link = read_chain(row.case_id, row, rows)
        if link is not None:
            return link
        stored = unit.get_summary(row.case_id)
        if stored is None or summary_hash(stored) != row.summary_hash:
            return BrokenLink(row.case_id, row.version, SUMMARY_FORGED)
        if seals:
            reason = self._seal_problem(row)
            if reason is not None:
                return BrokenLink(row.case_id, row.version, reason)
        if recompute:
            try:
                dossier = Case.model_validate_json(row.dossier)
            except (ValidationError, ValueError):
                return BrokenLink(row.case_id, 0, "the stored case cannot be read")
            fresh = self._project(dossier.model_copy(update={"history": tuple(events)}))
            if summary_json(fresh) != summary_json(stored):
                return BrokenLink(row.case_id, row.version, SUMMARY_DIFFERS)
        return None

    def checkpoint(self) -> Checkpoint:
        """Every case's version and head hash now, with a root over them (sealed with a key).

        Each case is verified first; a store that does not verify gets no
        checkpoint (:class:`~pmi_workflow.errors.TamperDetectedError`). Write it
        where the database's writers cannot reach (:meth:`Checkpoint.write`).

        With a key, cases are named by an HMAC of their ids under it; without
        one, by a plain hash that anyone can compute for a guessed id, so a
        store whose case ids carry a NIK gets no checkpoint without a key
        (:class:`~pmi_workflow.errors.InvalidInputError`, kind
        ``checkpoint.needs_key``).
        """
        self._check_open()
        key = self._keys.current if self._keys is not None else None
        with self._read() as unit:
            case_ids = unit.case_ids()
        if key is None and any(mask_case_id(case_id) != case_id for case_id in case_ids):
            raise InvalidInputError.single(
                "a case id carries a NIK, which a checkpoint without a seal key would give "
                "away: make it with a seal key",
                "checkpoint.needs_key",
            )
        entries = []
        for current in case_ids:
            with self._read() as unit:
                row = unit.get_case(current)
                if row is None:  # pragma: no cover - cases are never deleted
                    continue
                link = self._check_case(unit, row)
            if link is not None:
                raise link.to_error()
            entries.append(CheckpointEntry(case_key(current, key), row.version, row.head_hash))
        point = Checkpoint.build(tuple(entries), created_at=datetime.now(UTC), keys=self._keys)
        logger.info("checkpoint of %d cases, root %s", len(entries), point.root[:16])
        return point
