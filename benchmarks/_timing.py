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
