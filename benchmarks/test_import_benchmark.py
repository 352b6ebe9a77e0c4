"""``import pmi_workflow`` against importing its core dependencies alone.

Each import runs in a fresh interpreter (``python -c``), best of several runs,
timed inside the interpreter so that interpreter start-up is not counted. The
baseline imports what the library needs from its dependencies to work:
pydantic (with ``BaseModel``, which triggers its lazy loading), transitions,
python-dateutil's parser and relativedelta, python-stdnum's NIK and NPWP
modules, pycountry and zoneinfo.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

BASELINE = (
    "import pydantic, transitions, dateutil.parser, dateutil.relativedelta, "
    "stdnum.id.nik, stdnum.id.npwp, pycountry, zoneinfo; from pydantic import BaseModel"
)
RUNS = 7


def _best_of(statement: str, prelude: str = "") -> float:
    code = (
        f"{prelude}\nimport time\nstart = time.perf_counter()\n{statement}\n"
        "print(time.perf_counter() - start)"
    )
    timings = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(RUNS)
    ]
    return min(timings)


def test_import_time_against_the_core_dependencies(benchmark: Any) -> None:
    benchmark.group = "import"
    dependencies = _best_of(BASELINE)
    library_alone = _best_of("import pmi_workflow", prelude=BASELINE)
    total = _best_of("import pmi_workflow")
    benchmark.extra_info.update(
        dependencies_ms=round(dependencies * 1000, 1),
        library_on_top_ms=round(library_alone * 1000, 1),
        library_with_dependencies_ms=round(total * 1000, 1),
        added_percent=round(100 * library_alone / dependencies),
    )
    benchmark.pedantic(_best_of, args=("import pmi_workflow",), rounds=1, iterations=1)
    assert library_alone > 0
