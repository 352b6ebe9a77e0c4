"""Ordered parallel map over a stream, with bounded memory.

:func:`ordered_map` applies a function to items on several processes and
yields the results in input order. Items are sent in chunks and only a few
chunks are in flight at once, so a file of millions of records is processed
in constant memory.

>>> list(ordered_map(abs, iter([-3, 1, -2]), workers=1))
[3, 1, 2]
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from pmi_workflow.errors import PmiWorkflowError

__all__ = ["WorkerFailedError", "ordered_map"]

_log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


class WorkerFailedError(PmiWorkflowError):
    """A worker process stopped without finishing its work (killed, out of memory...)."""

    code = "worker_failed"


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
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
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
