"""Benchmark: reading an Excel workbook in the tidy layout with python-calamine and openpyxl.

The workbook holds the procedural samples of every scheme, each case with its
own id (about 28 rows a case over four sheets). Both readers load every sheet
into cell values; the faster one is the default of :mod:`pmi_workflow.io.sheets`.

Run with ``pytest benchmarks/test_workbook_benchmark.py``; set
``PMI_WORKFLOW_BENCH_WORKBOOK_CASES`` for another size (default 3,000; a fifth of
``PMI_WORKFLOW_BENCH_CASES`` when only that is set, as in the CI smoke run).
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")

from pmi_workflow.io.sheets import load_workbook_rows
from pmi_workflow.io.workbook import write_cases_workbook
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data

_SMOKE = os.environ.get("PMI_WORKFLOW_BENCH_CASES")
CASES = int(
    os.environ.get("PMI_WORKFLOW_BENCH_WORKBOOK_CASES", str(int(_SMOKE) // 5) if _SMOKE else "3000")
)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    samples = [procedural_case_data(scheme) for scheme in PROCEDURAL_SCHEMES]

    def cases() -> Any:
        for number in range(CASES):
            data = copy.deepcopy(samples[number % len(samples)])
            data["case_id"] = f"{data['case_id']}-{number}"
            yield data

    path = Path(tmp_path_factory.mktemp("workbook")) / "berkas.xlsx"
    write_cases_workbook(cases(), path)
    return path.read_bytes()


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_reading_a_tidy_workbook(benchmark: Any, workbook: bytes, engine: str) -> None:
    sheets = benchmark.pedantic(load_workbook_rows, args=(workbook, engine), rounds=1)
    assert len(sheets["Berkas"]) == CASES + 1
