"""CPU timing shared by the benchmarks: ratios measured in one process, in CPU time."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def cpu_per_call(run: Callable[[], Any], *, budget: float = 0.6, rounds: int = 3) -> float:
    """The best CPU seconds per call over a few rounds of about ``budget`` seconds each."""
    run()  # warm caches (policy views, definitions, validators)
    best = float("inf")
    for _ in range(rounds):
        calls = 0
        start = time.process_time()
        while True:
            run()
            calls += 1
            spent = time.process_time() - start
            if spent >= budget / rounds:
                break
        best = min(best, spent / calls)
    return best


def paired_ratio(
    run: Callable[[], Any], baseline: Callable[[], Any], *, rounds: int = 15, calls: int = 20
) -> tuple[float, float, float]:
    """CPU seconds per call of ``run`` and of ``baseline``, measured in alternating short rounds
    (so that a busy machine slows both alike), and the median of the per-round ratios."""
    run()
    baseline()
    ratios: list[float] = []
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(calls):
            run()
        middle = time.process_time()
        for _ in range(calls):
            baseline()
        end = time.process_time()
        ours.append((middle - start) / calls)
        theirs.append((end - middle) / calls)
        if end > middle:
            ratios.append((middle - start) / (end - middle))
    ratios.sort()
    return min(ours), min(theirs), ratios[len(ratios) // 2]
