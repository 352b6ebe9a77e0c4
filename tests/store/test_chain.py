"""The hash chain: canonical, deterministic, and sensitive to every byte."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from pmi_workflow.domain import CaseEvent
from pmi_workflow.store import GENESIS_HASH, MemoryStore, canonical_json, event_payload, link_hash
from pmi_workflow.testing.store_contract import make_case, make_events


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


@settings(max_examples=40, deadline=None)
@given(
    index=st.integers(min_value=1, max_value=12),
    note=st.text(min_size=1, max_size=40).filter(lambda text: text.strip() == text),
)
def test_any_edited_event_is_the_first_broken_link(index: int, note: str) -> None:
    store = MemoryStore()
    store.create(make_case("C-1"))
    stored = store.events("C-1")[index - 1]
    edited = event_payload(stored.event.model_copy(update={"note": note}))
    if edited == event_payload(stored.event):
        return
    rows = store._data.events["C-1"]
    rows[index - 1] = replace(rows[index - 1], payload=edited)
    broken = store.verify().broken
    assert [(link.case_id, link.version) for link in broken] == [("C-1", index)]
