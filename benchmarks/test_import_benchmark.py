"""``import pmi_workflow`` against importing its core dependencies alone.

Each import runs in a fresh interpreter (``python -c``), best of several runs,
timed inside the interpreter so that interpreter start-up is not counted. The
baseline imports exactly the third-party modules that ``import pmi_workflow``
really loads (found at run time in a fresh interpreter: pydantic and its core,
python-dateutil's parser, python-stdnum's NIK modules...), not packages it
never loads at import (transitions and pycountry load on first use).
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

RUNS = 7

_LOADED = """
import sys
before = set(sys.modules)
import pmi_workflow
tops = {name.split(".")[0] for name in set(sys.modules) - before}
third = tops - set(sys.stdlib_module_names) - {"pmi_workflow"}
print(" ".join(sorted(
    name for name in set(sys.modules) - before
    if name.split(".")[0] in third and not name.startswith("_")
)))
"""


def dependencies_loaded() -> tuple[str, ...]:
    """The third-party modules that ``import pmi_workflow`` loads, in a fresh interpreter."""
    output = subprocess.run(
        [sys.executable, "-c", _LOADED], capture_output=True, text=True, check=True
    ).stdout
    return tuple(output.split())


def baseline_statement() -> str:
    """One import statement for those modules (the honest baseline)."""
    return "import " + ", ".join(dependencies_loaded())


def _timed(statement: str, prelude: str = "") -> float:
    code = (
        f"{prelude}\nimport time\nstart = time.perf_counter()\n{statement}\n"
        "print(time.perf_counter() - start)"
    )
    return float(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
    )


def _best_of(statement: str, prelude: str = "") -> float:
    return min(_timed(statement, prelude) for _ in range(RUNS))


def _best_of_alternating(baseline: str) -> tuple[float, float]:
    """The best time of the baseline and of the library on top of it, measured in alternating
    runs so that other work on the machine slows both alike."""
    dependencies, library = [], []
    for _ in range(RUNS):
        dependencies.append(_timed(baseline))
        library.append(_timed("import pmi_workflow", prelude=baseline))
    return min(dependencies), min(library)


def test_import_time_against_the_core_dependencies(benchmark: Any) -> None:
    benchmark.group = "import"
    baseline = baseline_statement()
    dependencies, library_alone = _best_of_alternating(baseline)
    total = _best_of("import pmi_workflow")
    benchmark.extra_info.update(
        dependencies_ms=round(dependencies * 1000, 1),
        library_on_top_ms=round(library_alone * 1000, 1),
        library_with_dependencies_ms=round(total * 1000, 1),
        added_percent=round(100 * library_alone / dependencies),
        baseline_modules=len(dependencies_loaded()),
        target="import pmi_workflow adds < 50 % to the dependencies it really loads",
        measured=round(100 * library_alone / dependencies),
        met=library_alone / dependencies < 0.5,
    )
    benchmark.pedantic(_best_of, args=("import pmi_workflow",), rounds=1, iterations=1)
    assert library_alone > 0
