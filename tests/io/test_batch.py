"""The ordered parallel map keeps input order and bounds the work in flight."""

from __future__ import annotations

import functools
import itertools
import operator
import os
from collections.abc import Iterator

import pytest

from pmi_workflow.io import WorkerFailedError, ordered_map

# Worker processes import the function by name, so the tests use standard-library functions
# (test modules are not importable by name in the workers).


def test_results_come_in_input_order_with_several_workers() -> None:
    results = list(
        ordered_map(functools.partial(operator.add, 1), range(1000), workers=2, chunk_size=7)
    )
    assert results == [value + 1 for value in range(1000)]


def test_only_a_bounded_number_of_items_is_taken_ahead_of_the_output() -> None:
    taken = itertools.count()

    def items() -> Iterator[int]:
        for value in range(100_000):
            next(taken)
            yield value

    results = ordered_map(
        functools.partial(operator.add, 0), items(), workers=2, chunk_size=10, in_flight=3
    )
    assert next(results) == 0
    ahead = next(taken)
    assert ahead <= 3 * 10 + 1
    results.close()


def test_one_worker_runs_in_process_and_lazily() -> None:
    results = ordered_map(functools.partial(operator.mul, 2), iter([2, 3]), workers=1)
    assert next(results) == 4
    assert list(results) == [6]


@pytest.mark.parametrize(("workers", "chunk_size"), [(0, 1), (1, 0)])
def test_nonsense_settings_are_refused(workers: int, chunk_size: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(ordered_map(abs, [1], workers=workers, chunk_size=chunk_size))


def test_a_worker_that_dies_is_reported_as_a_library_error() -> None:
    with pytest.raises(WorkerFailedError, match="worker process stopped"):
        list(ordered_map(os._exit, [3] * 10, workers=2, chunk_size=2))


def test_batch_collection_restores_the_threshold_and_unfreezes_what_it_froze() -> None:
    import gc

    from pmi_workflow.io.batch import batch_collection

    gc.unfreeze()  # whatever an earlier test froze: this test starts from no freeze
    before = gc.get_threshold()
    with batch_collection(12_345):
        assert gc.get_threshold()[0] == 12_345
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_batch_collection_keeps_a_freeze_made_before_it() -> None:
    import gc

    from pmi_workflow.io.batch import batch_collection

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with batch_collection():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_batch_collection_restores_the_setting_when_the_batch_fails() -> None:
    import gc

    from pmi_workflow.io.batch import batch_collection

    gc.unfreeze()
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), batch_collection(777):
        raise RuntimeError("stop")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
