"""Turn a pytest-benchmark JSON file into a markdown table with ratios per group.

Usage: ``python benchmarks/report.py RESULTS.json`` (``scripts/bench`` runs the suite and this).
In each group the fastest entry is the reference (ratio 1.00); extra figures the
benchmarks record (cases per second, bytes per case...) are listed beside them.
Benchmarks that record a ``target`` (with ``measured`` and ``met``) are listed
again at the end, each marked met or MISSED.
"""

from __future__ import annotations

import json
import platform
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any


def _machine(data: dict[str, Any]) -> str:
    info = data.get("machine_info", {})
    cpu = info.get("cpu", {}).get("brand_raw") or platform.processor() or "unknown CPU"
    return (
        f"{cpu}, {info.get('cpu', {}).get('count', '?')} cores, "
        f"Python {info.get('python_version', platform.python_version())}"
    )


def render(data: dict[str, Any]) -> str:
    """The markdown report of one benchmark run."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for bench in data["benchmarks"]:
        groups[bench.get("group") or "other"].append(bench)
    lines = [f"Machine: {_machine(data)}.", ""]
    lines += [
        "| group | benchmark | mean | ratio to fastest | recorded figures |",
        "|---|---|---|---|---|",
    ]
    for group, benches in sorted(groups.items()):
        fastest = min(bench["stats"]["mean"] for bench in benches)
        for bench in sorted(benches, key=lambda item: item["stats"]["mean"]):
            mean = bench["stats"]["mean"]
            shown = f"{mean * 1000:.3f} ms" if mean < 1 else f"{mean:.2f} s"
            extra = ", ".join(
                f"{k}={v}"
                for k, v in sorted(bench.get("extra_info", {}).items())
                if k not in ("target", "measured", "met")
            )
            lines.append(
                f"| {group} | `{bench['name']}` | {shown} | {mean / fastest:.2f} | {extra} |"
            )
    targets = [bench for bench in data["benchmarks"] if "target" in bench.get("extra_info", {})]
    if targets:
        lines += ["", "| target | measured | met |", "|---|---|---|"]
        for bench in targets:
            info = bench["extra_info"]
            lines.append(
                f"| {info['target']} | {info['measured']} | {'met' if info['met'] else 'MISSED'} |"
            )
        met = sum(1 for bench in targets if bench["extra_info"]["met"])
        lines += ["", f"Targets met: {met} of {len(targets)}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Print the report of the JSON file named in ``argv``."""
    if len(argv) != 2:
        sys.stderr.write("usage: python benchmarks/report.py RESULTS.json\n")
        return 2
    data = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    sys.stdout.write(render(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
