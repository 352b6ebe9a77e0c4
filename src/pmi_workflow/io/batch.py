"""Ordered parallel map over a stream, with bounded memory.

:func:`ordered_map` applies a function to items on several processes and
yields the results in input order. Items are sent in chunks and only a few
chunks are in flight at once, so a file of millions of records is processed
in constant memory.

>>> list(ordered_map(abs, iter([-3, 1, -2]), workers=1))
[3, 1, 2]
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from pmi_workflow.errors import PmiWorkflowError

__all__ = ["WorkerFailedError", "batch_collection", "ordered_map"]

_log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


class WorkerFailedError(PmiWorkflowError):
    """A worker process stopped without finishing its work (killed, out of memory...)."""

    code = "worker_failed"


BATCH_GC_THRESHOLD = 50_000
"""How many new container objects trigger a young-generation collection in a batch (Python's
default is 700)."""


@contextlib.contextmanager
def batch_collection(threshold: int = BATCH_GC_THRESHOLD) -> Iterator[None]:
    """Collect garbage less often while a batch of records runs, for the command line's own
    process and its workers (an embedding application keeps its own settings).

    Judging a record makes many short-lived objects and few reference cycles,
    so Python's default (a collection every 700 allocations, each also
    walking the objects that survived earlier ones) spends a tenth of a batch
    in the collector. Inside the block the objects made so far (modules,
    policies, validators) are frozen out of collections (:func:`gc.freeze`)
    and the young generation is collected every ``threshold`` allocations;
    both are restored after (a freeze made before the block is kept).

    >>> import gc
    >>> before = gc.get_threshold()
    >>> with batch_collection(10_000):
    ...     gc.get_threshold()[0]
    10000
    >>> gc.get_threshold() == before
    True
    """
    previous = gc.get_threshold()
    freezing = gc.get_freeze_count() == 0  # a freeze made before the block is left as it is
    if freezing:
        gc.freeze()
    gc.set_threshold(threshold, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        if freezing:
            gc.unfreeze()


def _worker_start() -> None:
    # A worker process belongs to the batch: it keeps the batch setting for its lifetime.
    gc.freeze()
    gc.set_threshold(BATCH_GC_THRESHOLD, *gc.get_threshold()[1:])


def _apply_chunk(function: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [function(item) for item in chunk]


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int = 1,
    chunk_size: int = 256,
    in_flight: int | None = None,
) -> Iterator[R]:
    """Yield ``function(item)`` for every item, in input order.

    With ``workers`` > 1 the work runs in that many processes (``function``
    and the items must be picklable: a module-level function, or a
    :func:`functools.partial` of one). At most ``in_flight`` chunks (default
    ``2 * workers``) of ``chunk_size`` items are pending at once.
    ``function`` should not raise: turn failures into result values.

    Worker processes are started with ``spawn``: a script that calls this
    with ``workers`` > 1 must guard its entry point with
    ``if __name__ == "__main__":``.
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    if workers == 1:
        for item in items:
            yield function(item)
        return
    limit = in_flight or 2 * workers
    iterator = iter(items)
    context = multiprocessing.get_context("spawn")
    _log.debug("starting %d worker processes", workers)
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_start
    ) as pool:
        pending: deque[Future[list[R]]] = deque()
        try:
            while True:
                while len(pending) < limit:
                    chunk = list(itertools.islice(iterator, chunk_size))
                    if not chunk:
                        break
                    pending.append(pool.submit(_apply_chunk, function, chunk))
                if not pending:
                    return
                try:
                    chunk_results = pending.popleft().result()
                except BrokenProcessPool:
                    raise WorkerFailedError(
                        "a worker process stopped unexpectedly (killed or out of memory?); "
                        "run again with fewer workers"
                    ) from None
                yield from chunk_results
        finally:
            for future in pending:
                future.cancel()
