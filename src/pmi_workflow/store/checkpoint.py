"""Checkpoints: the heads of every case, kept outside the database.

A checkpoint records, for every stored case, its version and head hash, and a
root hash over all of them. Kept where the database's writers cannot reach it
(another host, write-once storage, a signed e-mail), it lets
:meth:`~pmi_workflow.store.base.CaseStore.verify` prove that the history up
to the checkpoint is still there, unchanged: a case deleted, a history
truncated or rewritten (even with a recomputed chain and head) is reported.
Events appended after the checkpoint are not covered until the next one.

Case ids may contain personal data, so a checkpoint never holds an id itself.
With a seal key, it names each case by an HMAC of its id under the key (and is
sealed too): without the key, nobody can tell which id a name stands for.
Without a key, the name is a plain hash of the id, which anyone can compute: a
case id made of a NIK (about 35 bits, far fewer when the district and the
birth years are known) is recovered by trying them all. A checkpoint of a store
whose ids carry personal data must be made with a key.

>>> from datetime import datetime, UTC
>>> from pmi_workflow.store.seal import SealKey
>>> key = SealKey("k" * 32)
>>> entries = (CheckpointEntry(case_key("C-1", key), 3, "ab" * 32),)
>>> point = Checkpoint.build(entries, created_at=datetime(2024, 3, 5, tzinfo=UTC), keys=key)
>>> Checkpoint.from_json(point.to_json()) == point
True
>>> "C-1" in point.to_json(), point.case_key_id == key.key_id
(False, True)
>>> case_key("C-1", key) == case_key("C-1")
False
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.store.chain import canonical_json
from pmi_workflow.store.records import parse_time_text, time_text
from pmi_workflow.store.seal import KeyRing, Keys, SealKey, key_ring

__all__ = ["CHECKPOINT_FORMAT", "Checkpoint", "CheckpointEntry", "case_key"]

CHECKPOINT_FORMAT = "pmi-workflow-store-checkpoint"
"""The ``format`` field of a checkpoint file."""

_HEX64 = frozenset("0123456789abcdef")


def case_key(case_id: str, key: SealKey | None = None) -> str:
    """How a checkpoint names a case (the id may hold personal data): an HMAC of its id
    under ``key``, or without a key a plain hash, which anyone can compute for a guessed id."""
    if key is not None:
        return key.mac(canonical_json(["pmi-workflow checkpoint case", case_id]))
    return hashlib.sha256(b"pmi-workflow case\0" + case_id.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class CheckpointEntry:
    """One case in a checkpoint: its key, its version and its head hash at the time."""

    case_key: str
    version: int
    head_hash: str


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """Every case's head at one moment, with a root hash over them (and a seal with a key)."""

    created_at: datetime
    entries: tuple[CheckpointEntry, ...]
    root: str
    seal: str = ""
    case_key_id: str = ""
    """The id of the seal key whose HMAC names the cases; empty for plain hashes."""

    @staticmethod
    def root_of(entries: tuple[CheckpointEntry, ...]) -> str:
        """The root hash over entries (sorted by case key)."""
        text = canonical_json([[e.case_key, e.version, e.head_hash] for e in entries])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @classmethod
    def build(
        cls,
        entries: tuple[CheckpointEntry, ...],
        *,
        created_at: datetime,
        keys: Keys = None,
    ) -> Checkpoint:
        """A checkpoint of these entries, sealed when ``keys`` are given (whose current key
        must be the one the entries' case keys were made with, :func:`case_key`)."""
        ring = key_ring(keys)
        ordered = tuple(sorted(entries, key=lambda entry: entry.case_key))
        point = cls(created_at, ordered, cls.root_of(ordered))
        if ring is not None:
            point = replace(point, case_key_id=ring.current.key_id)
            point = replace(point, seal=ring.seal(point.sealed_message()))
        return point

    def sealed_message(self) -> str:
        """What the checkpoint's seal covers: its time and root (and the key naming cases)."""
        if not self.case_key_id:
            return canonical_json([CHECKPOINT_FORMAT, 1, time_text(self.created_at), self.root])
        return canonical_json(
            [CHECKPOINT_FORMAT, 2, time_text(self.created_at), self.root, self.case_key_id]
        )

    def naming(self, keys: KeyRing | None) -> Callable[[str], str]:
        """How this checkpoint names a case id; with keyed names, ``keys`` must hold the key
        that made them (else :class:`~pmi_workflow.errors.InvalidInputError`)."""
        if not self.case_key_id:
            return case_key
        key = keys.key(self.case_key_id) if keys is not None else None
        if key is None:
            raise InvalidInputError.single(
                f"the checkpoint names its cases with seal key {self.case_key_id}: "
                "give that key to compare the store with it",
                "checkpoint",
                ("checkpoint",),
            )
        return functools.partial(case_key, key=key)

    def problem(self, keys: KeyRing | None = None) -> str | None:
        """Why this checkpoint cannot be trusted, or ``None``: its root, and its seal with keys."""
        if self.root != self.root_of(self.entries):
            return "the checkpoint does not match its root hash"
        if keys is not None and self.seal:
            reason = keys.check(self.sealed_message(), self.seal)
            if reason is not None:
                return reason.replace("case head", "checkpoint")
        if self.case_key_id and self.seal.partition(":")[0] != self.case_key_id:
            return "the checkpoint's case names and its seal are not of one key"
        return None

    def by_key(self) -> dict[str, CheckpointEntry]:
        """The entries by case key."""
        return {entry.case_key: entry for entry in self.entries}

    def to_json(self) -> str:
        """The checkpoint file's text."""
        data: dict[str, Any] = {
            "format": CHECKPOINT_FORMAT,
            "version": 2 if self.case_key_id else 1,
            "created_at": time_text(self.created_at),
            "root": self.root,
            "seal": self.seal or None,
        }
        if self.case_key_id:
            data["case_keys"] = f"hmac-sha256:{self.case_key_id}"
        data["cases"] = [[e.case_key, e.version, e.head_hash] for e in self.entries]
        return json.dumps(data, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        """A checkpoint from its file's text; a clear error if it is not one."""
        try:
            data: Any = json.loads(text)
            if not isinstance(data, dict) or data.get("format") != CHECKPOINT_FORMAT:
                raise ValueError("not a checkpoint")
            version = data.get("version")
            if version not in (1, 2):
                raise ValueError("unknown checkpoint version")
            key_id = ""
            if version == 2:  # cases named by an HMAC under the key of this id
                scheme, _, key_id = str(data["case_keys"]).partition(":")
                if scheme != "hmac-sha256" or not key_id:
                    raise ValueError("unknown case keys")
            entries = tuple(_entry(item) for item in data["cases"])
            seal = data.get("seal") or ""
            root = data["root"]
            if not isinstance(seal, str) or not isinstance(root, str):
                raise ValueError("root and seal are text")
            return cls(parse_time_text(data["created_at"]), entries, root, seal, key_id)
        except (ValueError, KeyError, TypeError, RecursionError):
            raise InvalidInputError.single(
                "not a store checkpoint (written by `pmi-workflow store checkpoint`)",
                "checkpoint",
                ("checkpoint",),
            ) from None

    def write(self, path: str | os.PathLike[str]) -> None:
        """Write the checkpoint to a file."""
        Path(path).write_text(self.to_json() + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Checkpoint:
        """Read a checkpoint file."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise InvalidInputError.single(
                f"cannot read the checkpoint file ({type(error).__name__})",
                "checkpoint",
                ("checkpoint",),
            ) from None
        return cls.from_json(text)


def _entry(item: Any) -> CheckpointEntry:
    key, version, head = item
    if not (isinstance(key, str) and isinstance(head, str) and type(version) is int):
        raise TypeError("a checkpoint entry is [key, version, head]")
    if len(key) != 64 or len(head) != 64 or not set(key + head) <= _HEX64 or version < 0:
        raise ValueError("a checkpoint entry holds two sha256 hashes and a version")
    return CheckpointEntry(key, version, head)
