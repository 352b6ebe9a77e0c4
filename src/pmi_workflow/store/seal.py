"""Keyed seals: tamper evidence against someone who can write the database.

The hash chain (:mod:`pmi_workflow.store.chain`) proves that a case's stored
events agree with its stored head; anyone who can write the database can
rewrite both. A *seal* is an HMAC-SHA256, under a key kept outside the
database, over the case head: its id, version, head hash, dossier hash and
summary hash. Since the head hash commits to every event, a seal commits to
the whole case. Without the key nobody can make a valid seal, so a rewritten
chain, a truncated history with a rewritten head, a rechained history, a
rehashed dossier or a rehashed summary are all reported by ``verify``.

A seal does not reveal a whole case deleted, nor a case put back to an older
sealed state (a rollback); a checkpoint
(:mod:`pmi_workflow.store.checkpoint`) does.

Keys rotate: a store takes a :class:`KeyRing` (or a list of keys), seals
with the first key and accepts seals of the others. Put the new key first,
keep the old one second, run :meth:`~pmi_workflow.store.base.CaseStore.reseal`
(``pmi-workflow store reseal``), then drop the old key.

>>> key = SealKey("k" * 32)
>>> ring = KeyRing([key])
>>> seal = ring.seal("message")
>>> seal.startswith(key.key_id + ":"), ring.check("message", seal)
(True, None)
>>> ring.check("other message", seal)
'the seal does not match the case head'
>>> key
SealKey(key_id='...')
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.store.chain import canonical_json
from pmi_workflow.store.records import CaseRow

__all__ = [
    "MIN_KEY_BYTES",
    "KeyRing",
    "Keys",
    "SealKey",
    "generate_key_text",
    "head_message",
    "key_ring",
]

MIN_KEY_BYTES = 32
"""The shortest key accepted, in bytes (a key text of 64 hex digits is 64 bytes)."""


def generate_key_text() -> str:
    """A new random key as text (64 hex digits), to keep in a file outside the database."""
    return secrets.token_hex(32)


class SealKey:
    """A secret key for seals. Its repr shows only its id, never the secret."""

    __slots__ = ("_secret", "key_id")

    def __init__(self, secret: str | bytes) -> None:
        raw = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
        if len(raw) < MIN_KEY_BYTES:
            raise InvalidInputError.single(
                f"a seal key needs at least {MIN_KEY_BYTES} bytes", "seal_key", ("key",)
            )
        self._secret = raw
        self.key_id = hashlib.sha256(b"pmi-workflow seal key id\0" + raw).hexdigest()[:16]

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> SealKey:
        """The key in a text file (surrounding whitespace ignored)."""
        try:
            text = Path(path).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise InvalidInputError.single(
                f"cannot read the key file ({type(error).__name__})", "seal_key", ("key_file",)
            ) from None
        return cls(text)

    def mac(self, message: str) -> str:
        """HMAC-SHA256 of ``message`` under this key (hex)."""
        return hmac.new(self._secret, message.encode("utf-8"), hashlib.sha256).hexdigest()

    def __repr__(self) -> str:
        return f"SealKey(key_id={self.key_id!r})"


class KeyRing:
    """Keys for seals: the first seals, every one is accepted when checking."""

    __slots__ = ("_by_id", "current")

    def __init__(self, keys: Sequence[SealKey]) -> None:
        if not keys:
            raise InvalidInputError.single("give at least one key", "seal_key", ("keys",))
        self.current = keys[0]
        self._by_id = {key.key_id: key for key in keys}

    def seal(self, message: str) -> str:
        """The seal of ``message`` under the current key: ``key_id:mac``."""
        return f"{self.current.key_id}:{self.current.mac(message)}"

    def check(self, message: str, seal: str) -> str | None:
        """Why ``seal`` is not a valid seal of ``message``, or ``None`` when it is."""
        if not seal:
            return "the case head is not sealed"
        key_id, _, mac = seal.partition(":")
        key = self._by_id.get(key_id)
        if key is None:
            return "the case head is sealed with an unknown key"
        if not hmac.compare_digest(key.mac(message), mac):
            return "the seal does not match the case head"
        return None

    def key(self, key_id: str) -> SealKey | None:
        """The key of this id, if the ring holds it."""
        return self._by_id.get(key_id)

    def is_current(self, seal: str) -> bool:
        """Whether ``seal`` was made with the current key."""
        return seal.partition(":")[0] == self.current.key_id

    def __repr__(self) -> str:
        return f"KeyRing({list(self._by_id)!r})"


Keys = KeyRing | SealKey | Sequence[SealKey] | None
"""What a store accepts as ``keys=``: a ring, one key, or keys with the current one first."""


def key_ring(keys: Keys) -> KeyRing | None:
    """A key ring from what a store was given."""
    if keys is None or isinstance(keys, KeyRing):
        return keys
    if isinstance(keys, SealKey):
        return KeyRing([keys])
    return KeyRing(list(keys))


def head_message(row: CaseRow) -> str:
    """What a seal covers: the case id, version, head hash, dossier hash and summary hash."""
    return canonical_json(
        [
            "pmi-workflow case head",
            1,
            row.case_id,
            row.version,
            row.head_hash,
            row.dossier_hash,
            row.summary_hash,
        ]
    )
