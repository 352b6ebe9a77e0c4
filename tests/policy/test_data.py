"""The shipped policy data (policy/data and its overlays): every entry states or keeps its
certainty, and no entry whose source is unconfirmed is confirmed."""

from __future__ import annotations

import re

import pytest

from pmi_workflow.policy import Policy

UNCONFIRMED = re.compile(r"\bunconfirmed\b|\bnot confirmed\b|belum (?:ter|di)konfirmasi", re.I)

PARTLY_UNCONFIRMED = {
    "perban-9-2020/exempt-occupations": "took over (date UNCONFIRMED)",
    "permenaker-4-2023/premiums": "the exact day is UNCONFIRMED",
    "permenaker-18-2018/premiums": "packages before 2023 remain UNCONFIRMED",
    "kepmenaker-260-2015/SA": "its legal form is UNCONFIRMED",
    "channel/MY/ocs": "renewal 2023-2026 UNCONFIRMED",
}
"""Confirmed entries whose note names a detail that is not: the day an instrument began or
ended, or a part the entry encodes apart (``unconfirmed_packages``). A confirmed entry whose note
says anything else is unconfirmed is a mistake in the data."""


SHIPPED = ("default", *Policy.overlay_names())


def shipped(name: str) -> Policy:
    return Policy.default() if name == "default" else Policy.load_overlay(name)


@pytest.mark.parametrize("name", SHIPPED)
def test_a_shipped_entry_whose_source_says_unconfirmed_is_not_confirmed(name: str) -> None:
    wrong = [
        entry.id
        for entry in shipped(name).entries
        if entry.confirmed and UNCONFIRMED.search(entry.source)
    ]
    assert wrong == [], f"{name}: confirmed entries with an unconfirmed source"


@pytest.mark.parametrize("name", SHIPPED)
def test_a_shipped_confirmed_entry_notes_only_a_known_unconfirmed_detail(name: str) -> None:
    wrong = [
        entry.id
        for entry in shipped(name).entries
        if entry.confirmed
        and UNCONFIRMED.search(entry.note or "")
        and PARTLY_UNCONFIRMED.get(entry.id, "\0") not in (entry.note or "")
    ]
    assert wrong == [], f"{name}: confirmed entries whose note says they are unconfirmed"


def test_no_shipped_overlay_makes_an_entry_more_certain_than_the_default() -> None:
    base = {entry.id: entry for entry in Policy.default().entries}
    for name in Policy.overlay_names():
        for entry in Policy.load_overlay(name).entries:
            replaced = base.get(entry.id)
            if replaced is not None and replaced is not entry:
                assert entry.confirmed <= replaced.confirmed, f"{name}: {entry.id} more certain"
