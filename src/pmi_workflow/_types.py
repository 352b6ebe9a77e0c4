"""Small shared pydantic types."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, TypeVar

from pydantic import PlainSerializer

__all__ = ["SortedFrozenSet"]

T = TypeVar("T")


def _sorted(values: Iterable[Any]) -> list[Any]:
    # Sets iterate in hash order, which changes from one process to the next; records,
    # hashes and version ids must not, so sets serialise sorted by their text.
    return sorted(values, key=lambda value: str(getattr(value, "value", value)))


SortedFrozenSet = Annotated[frozenset[T], PlainSerializer(_sorted, when_used="always")]
"""A frozenset that serialises as a sorted list, the same in every process."""
