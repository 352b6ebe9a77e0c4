"""``pmi-workflow test PATH...``: run scenario files that pin the law.

Each path is a scenario file (``*.scenarios.toml``, ``*.scenarios.json`` or a
golden ``.json`` record) or a folder searched for them. Every scenario is
audited on its ``as_of`` date and compared with what it expects. Exit codes:
**0** every scenario holds, **1** some do not, **2** a file cannot be read or
a scenario is malformed (nothing is run then). The format is documented in
``docs/concepts/scenario-files.md``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from pmi_workflow.cli.common import (
    bilingual,
    bilingual_doc,
    fail,
    fail_error,
    out_console,
    resolve_format,
)
from pmi_workflow.errors import PmiWorkflowError

__all__ = ["run_scenarios"]

EXIT_OK = 0
EXIT_FAILURES = 1
EXIT_BAD_INPUT = 2


@bilingual_doc(
    "Menjalankan berkas skenario yang mengunci ketentuan hukum: kesimpulan dan kode "
    "temuan yang diharapkan pada tanggal tertentu."
)
def run_scenarios(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help=bilingual(
                "Berkas atau folder skenario (bila kosong, skenario bawaan paket ini).",
                "Scenario files or folders (default: the scenarios shipped with the package).",
            )
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=bilingual(
                "Bentuk keluaran: 'table' (tabel di layar, bawaan), 'json' atau 'jsonl'.",
                "table (default on a terminal), json or jsonl.",
            ),
        ),
    ] = None,
) -> None:
    """Run scenario files that pin the law: expected verdicts and codes on given days."""
    from pmi_workflow.testing.scenarios import (
        ScenarioResult,
        load_scenario_file,
        scenario_paths,
        shipped_scenario_paths,
    )

    fmt = resolve_format(output)
    try:
        files = scenario_paths(*paths) if paths else shipped_scenario_paths()
        if not files:
            raise fail(
                "berkas skenario tidak ditemukan (*.scenarios.toml, *.scenarios.json).",
                "no scenario file found (*.scenarios.toml, *.scenarios.json)",
            )
        scenarios = [scenario for path in files for scenario in load_scenario_file(path)]
        for scenario in scenarios:
            scenario.case  # noqa: B018 - a record that cannot be read is bad input
        results: list[ScenarioResult] = [scenario.run() for scenario in scenarios]
    except PmiWorkflowError as error:
        raise fail_error(error) from None
    failed = sum(1 for result in results if not result.passed)
    rows = [
        {
            "file": result.scenario.file,
            "scenario": result.scenario.name,
            "as_of": result.scenario.as_of.isoformat(),
            "passed": result.passed,
            "verdict": result.report.verdict,
            "codes": list(result.report.codes),
            "problems": list(result.problems),
        }
        for result in results
    ]
    if fmt == "json":
        summary = {"passed": len(results) - failed, "failed": failed, "scenarios": rows}
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        console = out_console()
        table = Table(title="Scenarios", show_lines=False)
        for column in ("file", "scenario", "as of", "result", "verdict", "problems"):
            table.add_column(column, overflow="fold")
        for result in results:
            table.add_row(
                escape(Path(result.scenario.file).name),
                escape(result.scenario.name),
                result.scenario.as_of.isoformat(),
                "[green]pass[/green]" if result.passed else "[bold red]FAIL[/bold red]",
                result.report.verdict,
                escape("; ".join(result.problems)) or "—",
            )
        console.print(table)
        console.print(f"{len(results) - failed} passed, {failed} failed")
    raise typer.Exit(EXIT_FAILURES if failed else EXIT_OK)
