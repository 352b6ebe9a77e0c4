"""API keys: each one stands for an organisation acting in one of the procedure's roles.

A key is sent as ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``. The
server records every step with the key's role as the actor, so a Disnaker key
cannot record what only BPJS may record. Keys are configured in a TOML file,
by their SHA-256 digest (or, for tests, in clear)::

    [keys.disnaker-tangerang]
    role = "disnaker"
    sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    [keys.bp3mi-banten]
    role = "bp3mi"
    key = "a-long-random-secret"
    reveal = true          # may read cases unmasked

Each key has its own secret: two keys with one secret are refused, naming both.

>>> keys = parse_keys({"keys": {"dinas": {"role": "disnaker", "key": "s3cret-key-value"}}})
>>> keys.find("s3cret-key-value").role
<ActorRole.DISNAKER: 'disnaker'>
>>> keys.find("wrong") is None
True
"""

from __future__ import annotations

import hashlib
import hmac
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmi_workflow.enums import ActorRole
from pmi_workflow.errors import InputProblem, InvalidInputError

__all__ = ["ApiKey", "KeyRing", "load_keys", "parse_keys"]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_HEX = re.compile(r"^[0-9a-f]{64}$")
_MIN_KEY_LENGTH = 16


@dataclass(frozen=True, slots=True)
class ApiKey:
    """One configured key: its name (shown as the actor's id), role and rights. No secret."""

    name: str
    role: ActorRole
    digest: str
    reveal: bool = False

    def __repr__(self) -> str:
        return f"ApiKey(name={self.name!r}, role={self.role.value!r}, reveal={self.reveal})"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class KeyRing:
    """The configured keys; :meth:`find` compares digests in constant time."""

    keys: tuple[ApiKey, ...] = ()

    def find(self, secret: str) -> ApiKey | None:
        """The key with this secret, or ``None``."""
        digest = _digest(secret)
        found = None
        for key in self.keys:  # every key is compared, so the time says nothing
            if hmac.compare_digest(key.digest, digest) and found is None:
                found = key
        return found


def parse_keys(data: Mapping[str, Any], *, source: str = "keys") -> KeyRing:
    """Keys from TOML data: ``[keys.NAME]`` tables with ``role`` and ``sha256`` or ``key``."""
    tables = data.get("keys", {})
    if not isinstance(tables, Mapping):
        raise InvalidInputError.single("[keys] must be a table", "keys", ("keys",), source=source)
    keys = []
    for name, table in tables.items():
        where = ("keys", str(name))
        if not _NAME.fullmatch(str(name)):
            raise InvalidInputError.single(
                "a key name is letters, digits, '.', '_' or '-'", "keys", where, source=source
            )
        if not isinstance(table, Mapping):
            raise InvalidInputError.single("must be a table", "keys", where, source=source)
        try:
            role = ActorRole(str(table.get("role")))
        except ValueError:
            roles = ", ".join(role.value for role in ActorRole)
            raise InvalidInputError.single(
                f"role must be one of {roles}", "keys", (*where, "role"), source=source
            ) from None
        secret, digest = table.get("key"), table.get("sha256")
        if isinstance(secret, str) and len(secret) >= _MIN_KEY_LENGTH and digest is None:
            digest = _digest(secret)
        elif not (secret is None and isinstance(digest, str) and _HEX.fullmatch(digest)):
            raise InvalidInputError.single(
                f"give either sha256 (64 hex digits) or key (at least {_MIN_KEY_LENGTH} "
                "characters)",
                "keys",
                where,
                source=source,
            )
        keys.append(ApiKey(str(name), role, digest, bool(table.get("reveal", False))))
    _refuse_shared_secrets(keys, source)
    return KeyRing(tuple(keys))


def _refuse_shared_secrets(keys: list[ApiKey], source: str) -> None:
    """Refuse two keys with one secret: the server could not tell which of them calls.

    Each key is named (never the secret): one problem per key that shares it.
    """
    by_digest: dict[str, list[str]] = {}
    for key in keys:
        by_digest.setdefault(key.digest, []).append(key.name)
    problems: list[InputProblem] = []
    for names in by_digest.values():
        if len(names) > 1:
            together = ", ".join(names)
            problems.extend(
                InputProblem(
                    ("keys", name),
                    f"keys {together} share one secret: give each key its own",
                    "keys.shared_secret",
                )
                for name in names
            )
    if problems:
        raise InvalidInputError(problems, source=source)


def load_keys(path: str | Path) -> KeyRing:
    """Keys from a TOML file; errors name the file and the key, never a secret."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidInputError.single(
            f"cannot read the keys file ({type(error).__name__})", "keys", source=file.name
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise InvalidInputError.single(
            "the keys file is not valid TOML", "keys", source=file.name
        ) from None
    return parse_keys(data, source=file.name)
