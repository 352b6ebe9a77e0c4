"""Opening a store from a URL."""

from __future__ import annotations

import pytest

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.store import MemoryStore, open_store


def test_memory_url_opens_a_memory_store() -> None:
    assert isinstance(open_store("memory:"), MemoryStore)


def test_an_unknown_url_scheme_is_invalid_input() -> None:
    with pytest.raises(InvalidInputError, match="mysql"):
        open_store("mysql://db/cases")
