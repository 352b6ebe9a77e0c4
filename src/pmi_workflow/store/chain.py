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
from typing import Any

from pmi_workflow.domain import CaseEvent

__all__ = ["GENESIS_HASH", "canonical_json", "event_payload", "link_hash"]

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
