"""Benchmark: auditing a 100,000-case JSONL file through the ``pmi-workflow`` console script.

The file is generated on the fly in a temporary directory (synthetic cases:
the procedural samples of every scheme and the demonstration variants, each
with its own case id). The run goes through the installed console script, as
an agency would use it, with ``--workers 1`` and ``--workers 2``; it reports
cases per second and the peak resident memory of the command (the largest
single process).

Run with ``pytest benchmarks/test_cli_benchmark.py``; set
``PMI_WORKFLOW_BENCH_CASES`` for another size.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pmi_workflow.cli.demo import demo_cases
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data

CASES = int(os.environ.get("PMI_WORKFLOW_BENCH_CASES", "100000"))
SCRIPT = Path(sys.executable).with_name("pmi-workflow")


def _templates() -> list[tuple[str, str]]:
    datas = [procedural_case_data(scheme) for scheme in PROCEDURAL_SCHEMES]
    datas += [data for _, _, data in demo_cases()[1:]]
    return [(data["case_id"], json.dumps(data, ensure_ascii=False)) for data in datas]


@pytest.fixture(scope="module")
def cases_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "cases.jsonl"
    templates = _templates()
    with path.open("w", encoding="utf-8") as handle:
        for number in range(CASES):
            case_id, text = templates[number % len(templates)]
            handle.write(text.replace(case_id, f"BENCH-{number:07d}"))
            handle.write("\n")
    return path


def _audit(path: Path, workers: int) -> tuple[float, int, float]:
    """Run the audit; returns (seconds, output lines, peak RSS MiB of the largest child)."""
    out = path.with_suffix(f".w{workers}.out")
    started = time.perf_counter()
    with out.open("wb") as sink:
        completed = subprocess.run(
            [str(SCRIPT), "audit", str(path), "--as-of", "2024-06-01", "--workers", str(workers)],
            stdout=sink,
            stderr=subprocess.PIPE,
            check=False,
        )
    elapsed = time.perf_counter() - started
    assert completed.returncode == 1, completed.stderr.decode()[-2000:]
    with out.open("rb") as produced:
        lines = sum(1 for _ in produced)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out.unlink()
    return elapsed, lines, peak


@pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is not installed")
@pytest.mark.parametrize("workers", [1, 2])
def test_audit_of_a_large_jsonl_file(benchmark, cases_file: Path, workers: int) -> None:  # type: ignore[no-untyped-def]
    result: dict[str, float] = {}

    def run() -> None:
        elapsed, lines, peak = _audit(cases_file, workers)
        assert lines == CASES
        result.update(seconds=elapsed, peak_mib=peak)

    benchmark.pedantic(run, rounds=1, iterations=1)
    cases_per_second = CASES / result["seconds"]
    benchmark.extra_info.update(
        cases=CASES,
        workers=workers,
        file_mib=round(cases_file.stat().st_size / 2**20, 1),
        cases_per_second=round(cases_per_second),
        peak_rss_mib=round(result["peak_mib"], 1),
    )
    print(  # noqa: T201 - the benchmark reports its figures
        f"\naudit {CASES} cases, --workers {workers}: {result['seconds']:.1f} s, "
        f"{cases_per_second:,.0f} cases/s, peak RSS {result['peak_mib']:.0f} MiB"
    )
