"""The hash chain: canonical, deterministic, and sensitive to every byte."""

from __future__ import annotations

from store_contract import make_events

from pmi_workflow.domain import CaseEvent
from pmi_workflow.store import GENESIS_HASH, canonical_json, event_payload, link_hash


def test_canonical_json_ignores_key_order_and_keeps_unicode() -> None:
    assert canonical_json({"b": 1, "a": "Jawa Barat é"}) == canonical_json(
        {"a": "Jawa Barat é", "b": 1}
    )
    assert canonical_json({"a": "é"}) == '{"a":"é"}'


def test_an_event_payload_round_trips_to_the_same_event() -> None:
    (event,) = make_events("C-1", 0, 1, note="catatan")
    payload = event_payload(event)
    assert CaseEvent.model_validate_json(payload) == event
    assert event_payload(CaseEvent.model_validate_json(payload)) == payload


def test_a_link_changes_with_the_payload_and_with_the_previous_hash() -> None:
    first = link_hash(GENESIS_HASH, '{"a":1}')
    assert first != link_hash(GENESIS_HASH, '{"a":2}')
    assert link_hash(first, '{"a":1}') != first
    assert len(first) == 64
    assert int(first, 16) >= 0
