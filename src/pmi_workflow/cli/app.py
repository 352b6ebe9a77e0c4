"""The typer application: commands parse their options, call the library, render.

Exit codes: 0 every case procedural, 1 findings with errors, 2 bad input or
usage. Human output (``--format table``, the default on a terminal) is
rich text; piped output defaults to JSON Lines, one result per input record,
in input order.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import enum
import functools
import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from pmi_workflow.dates import JAKARTA, parse_date
from pmi_workflow.domain import case_json_schema
from pmi_workflow.errors import InvalidInputError, PmiWorkflowError
from pmi_workflow.io import JsonlWriter, JsonWriter, SourceRecord, ordered_map, read_records
from pmi_workflow.privacy import redact

__all__ = ["app", "run"]

_log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

app = typer.Typer(
    name="pmi-workflow",
    help=(
        "Prosedur resmi penempatan PMI (UU 18/2017): validasi, audit, penjelasan aturan.\n\n"
        "The official placement procedure for Indonesian migrant workers: validate dossiers, "
        "audit recorded histories, explain the rules.\n\n"
        "Exit codes: 0 all procedural, 1 findings with errors, 2 bad input or usage."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(enum.StrEnum):
    """How results are written."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"


class Lang(enum.StrEnum):
    """The language of human messages."""

    ID = "id"
    EN = "en"


class InputFormatOption(enum.StrEnum):
    """The input file's format (guessed from its name and content when not given)."""

    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"


class DiagramFormat(enum.StrEnum):
    """Diagram output."""

    MERMAID = "mermaid"
    MARKDOWN = "markdown"


# -- shared options ---------------------------------------------------------------------

AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Judge as of this date (ISO, day-first or '3 Juli 2024'); default today (WIB).",
    ),
]
PolicyFiles = Annotated[
    list[Path] | None,
    typer.Option(
        "--policy", metavar="FILE", help="Agency policy TOML laid over the defaults (repeatable)."
    ),
]
LangOpt = Annotated[
    Lang, typer.Option("--lang", help="Language of human-readable messages (JSON output has both).")
]
FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option("--format", help="table (default on a terminal), json or jsonl (default piped)."),
]
Workers = Annotated[
    int,
    typer.Option(
        "--workers", min=1, max=256, metavar="N", help="Worker processes; output keeps input order."
    ),
]
InputFormatOpt = Annotated[
    InputFormatOption | None,
    typer.Option("--input-format", help="json, jsonl or csv (default: from the file)."),
]
InputFile = Annotated[
    str,
    typer.Argument(
        metavar="FILE", help="Case file (.json, .jsonl, .csv), or '-' for standard input."
    ),
]


def _err() -> Console:
    return Console(stderr=True, highlight=False)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print ``message`` as an error on stderr; the exit to raise (code 2 by default)."""
    return _fail(message, code)


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    _err().print(f"[bold red]error:[/bold red] {escape(message)}")
    return typer.Exit(code)


def parse_as_of(text: str | None) -> datetime.date:
    """The ``--as-of`` date (today in Jakarta when not given); a bad date exits with 2."""
    return _as_of(text)


def resolve_format(chosen: str | None) -> str:
    """The output format: the one chosen, else table on a terminal and jsonl when piped."""
    if chosen is not None and chosen not in {item.value for item in OutputFormat}:
        raise _fail(f"--format must be table, json or jsonl, not {chosen!r}")
    return _format(OutputFormat(chosen) if chosen else None).value


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Turn the library's errors into a message on stderr and exit code 2."""
    try:
        yield
    except PmiWorkflowError as error:
        raise _fail(str(error)) from None


def _as_of(text: str | None) -> datetime.date:
    if text is None:
        return datetime.datetime.now(JAKARTA).date()
    try:
        return parse_date(text)
    except InvalidInputError as error:
        raise _fail(f"--as-of: {error.problems[0].message}") from None


def _format(chosen: OutputFormat | None) -> OutputFormat:
    if chosen is not None:
        return chosen
    return OutputFormat.TABLE if sys.stdout.isatty() else OutputFormat.JSONL


def _policy_files(paths: list[Path] | None) -> tuple[str, ...]:
    files = tuple(str(path) for path in paths or ())
    if files:
        from pmi_workflow.cli.jobs import load_policy

        load_policy(files)  # fail early, once, on a bad policy file
    return files


# -- batch machinery --------------------------------------------------------------------


def _run_batch(
    job: Callable[[SourceRecord], dict[str, Any]],
    file: str,
    *,
    input_format: InputFormatOption | None,
    output: OutputFormat,
    lang: Lang,
    workers: int,
) -> int:
    """Stream the records of ``file`` through ``job`` and write one result per record."""
    from pmi_workflow.cli.render import print_result, status_label

    records = read_records(
        file,
        format=input_format.value if input_format else None,
        defer_decoding=workers > 1,
    )
    counts = {"procedural": 0, "non_procedural": 0, "invalid": 0}
    console = Console(highlight=False, soft_wrap=True)
    show_progress = sys.stderr.isatty()
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} records"),
        TimeElapsedColumn(),
        console=console if output is OutputFormat.TABLE and sys.stdout.isatty() else _err(),
        transient=True,
        disable=not show_progress,
    )
    results: Iterator[dict[str, Any]] = ordered_map(job, records, workers=workers)
    writer: JsonWriter | JsonlWriter | None = None
    if output is OutputFormat.JSON:
        writer = JsonWriter(sys.stdout)
    elif output is OutputFormat.JSONL:
        writer = JsonlWriter(sys.stdout)
    with progress:
        task = progress.add_task(Path(file).name if file != "-" else "stdin", total=None)
        for result in results:
            counts[result["status"]] = counts.get(result["status"], 0) + 1
            if writer is not None:
                writer.write(result)
            else:
                print_result(progress.console if show_progress else console, result, lang.value)
            progress.advance(task)
    if writer is not None:
        writer.close()
    else:
        total = sum(counts.values())
        summary = ", ".join(
            f"{count} {status_label(status, lang.value)}" for status, count in counts.items()
        )
        word = "kasus" if lang is Lang.ID else "cases"
        console.print(f"\n[bold]{total} {word}[/bold]: {summary}")
    if counts.get("invalid"):
        return EXIT_BAD_INPUT
    if counts.get("non_procedural"):
        return EXIT_FINDINGS
    return EXIT_OK


def _batch_command(
    mode: str,
    file: str,
    as_of: str | None,
    policy: list[Path] | None,
    lang: Lang,
    output: OutputFormat | None,
    workers: int,
    input_format: InputFormatOption | None,
    new_policy: list[Path] | None = None,
) -> None:
    from pmi_workflow.cli import jobs

    day = _as_of(as_of)
    settings = jobs.Settings(
        as_of=day,
        policy_files=_policy_files(policy),
        new_policy_files=_policy_files(new_policy),
    )
    function = {
        "validate": jobs.validate_record,
        "audit": jobs.audit_record,
        "impact": jobs.impact_record,
    }[mode]
    code = _run_batch(
        functools.partial(function, settings),
        file,
        input_format=input_format,
        output=_format(output),
        lang=lang,
        workers=workers,
    )
    raise typer.Exit(code)


# -- commands ---------------------------------------------------------------------------

F = TypeVar("F", bound=Callable[..., None])


def _guarded(function: F) -> F:
    """Turn the library's errors into a message on stderr and exit code 2 (no traceback)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            function(*args, **kwargs)
        except PmiWorkflowError as error:
            raise _fail(str(error)) from None

    return cast("F", wrapper)


@app.command()
@_guarded
def validate(
    file: InputFile,
    as_of: AsOf = None,
    policy: PolicyFiles = None,
    lang: LangOpt = Lang.EN,
    output: FormatOpt = None,
    workers: Workers = 1,
    input_format: InputFormatOpt = None,
) -> None:
    """Validate case dossiers (with their histories): the verdict and findings of each case."""
    _batch_command("validate", file, as_of, policy, lang, output, workers, input_format)


@app.command()
@_guarded
def audit(
    file: InputFile,
    as_of: AsOf = None,
    policy: PolicyFiles = None,
    lang: LangOpt = Lang.EN,
    output: FormatOpt = None,
    workers: Workers = 1,
    input_format: InputFormatOpt = None,
) -> None:
    """Audit recorded histories: replay each event by the policy of its day."""
    _batch_command("audit", file, as_of, policy, lang, output, workers, input_format)


@app.command()
@_guarded
def impact(
    file: InputFile,
    old: Annotated[
        list[Path] | None,
        typer.Option("--old", metavar="POLICY", help="The policy in force now (TOML overlay)."),
    ] = None,
    new: Annotated[
        list[Path] | None,
        typer.Option("--new", metavar="POLICY", help="The proposed policy (TOML overlay)."),
    ] = None,
    as_of: AsOf = None,
    lang: LangOpt = Lang.EN,
    output: FormatOpt = None,
    workers: Workers = 1,
    input_format: InputFormatOpt = None,
) -> None:
    """Which cases change verdict (or findings) under a new policy."""
    if not new:
        raise _fail("impact needs --new POLICY (and usually --old POLICY)")
    _batch_command("impact", file, as_of, old, lang, output, workers, input_format, new)


@app.command()
@_guarded
def explain(
    code: Annotated[str, typer.Argument(help="A rule code, e.g. eligibility.age_below_minimum.")],
    lang: LangOpt = Lang.EN,
    output: FormatOpt = None,
) -> None:
    """Explain one rule: what it checks, its legal basis, both messages and an example."""
    from pmi_workflow.cli.examples import example_for
    from pmi_workflow.rules import CATALOG

    rule = CATALOG.get(code.strip())
    if rule is None:
        close = difflib.get_close_matches(code, list(CATALOG), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; run 'pmi-workflow rules'"
        raise _fail(f"unknown rule code {code!r}{hint}")
    from pmi_workflow.policy import Policy
    from pmi_workflow.rules.catalog import rule_entries

    example = example_for(rule.code)
    fmt = _format(output)
    today = datetime.date.today()
    entries = [
        {
            "id": entry.id,
            "kind": entry.kind,
            "in_force_today": entry.in_force(today),
            "effective_from": entry.effective_from.isoformat() if entry.effective_from else None,
            "effective_to": entry.effective_to.isoformat() if entry.effective_to else None,
            "certainty": "confirmed" if entry.confirmed else "unconfirmed",
            "source": entry.source,
        }
        for entry in rule_entries(rule, Policy.default().entries)
    ]
    data = {**rule.to_dict(), "entries": entries, "example": example}
    if fmt is not OutputFormat.TABLE:
        sys.stdout.write(
            json.dumps(data, ensure_ascii=False, indent=2 if fmt is OutputFormat.JSON else None)
        )
        sys.stdout.write("\n")
        return
    console = Console(highlight=False)
    title = rule.title_id if lang is Lang.ID else rule.title_en
    console.print(f"[bold]{escape(rule.code)}[/bold] — {escape(title)}")
    console.print(f"  severity   : {rule.severity.value}")
    console.print(f"  checks     : {escape(rule.checks)}")
    if rule.step:
        console.print(f"  step       : {rule.step.value}")
    basis = "; ".join(str(part) for part in rule.legal_basis) or "—"
    console.print(f"  legal basis: {escape(basis)}")
    if not rule.confirmed:
        console.print("  [yellow]basis not confirmed: reported as a warning[/yellow]")
    if entries:
        console.print("  rests on   : (an unconfirmed entry makes the finding a warning)")
        for item in entries:
            mark = "" if item["certainty"] == "confirmed" else "[yellow]unconfirmed[/yellow] "
            console.print(f"    {escape(str(item['id']))}: {mark}{escape(str(item['source']))}")
    else:
        console.print("  rests on   : the statute alone (no policy entry)")
    console.print(f"  message id : {escape(rule.template_id)}")
    console.print(f"  message en : {escape(rule.template_en)}")
    if example:
        console.print(f"  example    : {escape(example['description'])}")
        console.print(f"               {escape(example['message'][lang.value])}")


@app.command("rules")
@_guarded
def rules_command(
    as_of: AsOf = None,
    policy: PolicyFiles = None,
    output: FormatOpt = None,
    catalog: Annotated[
        bool, typer.Option("--catalog", help="List the rule codes instead of the policy entries.")
    ] = False,
) -> None:
    """The policy in force on a date: every entry with its source and confirmed flag."""
    from pmi_workflow.cli.jobs import load_policy
    from pmi_workflow.rules import CATALOG

    day = _as_of(as_of)
    fmt = _format(output)
    rows: list[dict[str, Any]]
    if catalog:
        rows = [rule.to_dict() for rule in CATALOG.values()]
        if fmt is OutputFormat.TABLE:
            shown = ("code", "severity", "confirmed", "entry_kinds", "legal_basis", "checks")
            rows = [{key: row[key] for key in shown} for row in rows]
    else:
        view = load_policy(_policy_files(policy)).as_of(day)
        rows = [
            {
                "id": entry.id,
                "kind": entry.kind,
                "effective_from": entry.effective_from.isoformat()
                if entry.effective_from
                else None,
                "effective_to": entry.effective_to.isoformat() if entry.effective_to else None,
                "confirmed": entry.confirmed,
                "source": entry.source,
            }
            for entry in view.entries
        ]
    if fmt is OutputFormat.JSON:
        header: dict[str, Any] = {"as_of": day.isoformat(), "rows": rows}
        if not catalog:
            header["version"] = view.version
        sys.stdout.write(json.dumps(header, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt is OutputFormat.JSONL:
        writer = JsonlWriter(sys.stdout)
        for row in rows:
            writer.write(row)
        writer.close()
        return
    console = Console(highlight=False)
    table = Table(
        title=("Rule catalog" if catalog else f"Policy {view.version} in force on {day}"),
        show_lines=False,
    )
    columns = list(rows[0]) if rows else []
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*[_cell(row[column]) for column in columns])
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "[yellow]no[/yellow]"
    if isinstance(value, list):
        return escape("; ".join(str(item) for item in value))
    return escape(str(value))


@app.command()
@_guarded
def diagram(
    scheme: Annotated[
        str | None, typer.Option("--scheme", help="p2p, g2g, ukps, perseorangan, re_entry.")
    ] = None,
    output: Annotated[
        DiagramFormat, typer.Option("--format", help="mermaid or markdown.")
    ] = DiagramFormat.MERMAID,
    as_of: AsOf = None,
) -> None:
    """The procedure as a Mermaid state diagram (one scheme, P2P by default), or as markdown
    pages with the diagram and the transition table (every scheme, or one)."""
    from pmi_workflow.cli import engine
    from pmi_workflow.cli.jobs import load_policy
    from pmi_workflow.enums import Scheme

    chosen: Scheme | None = None
    if scheme is not None:
        try:
            chosen = Scheme(scheme.strip().lower())
        except ValueError:
            names = ", ".join(item.value for item in Scheme)
            raise _fail(f"unknown scheme {scheme!r}; use one of {names}") from None
    text = engine.diagram(chosen, policy=load_policy(()), day=_as_of(as_of), fmt=output.value)
    sys.stdout.write(text)


@app.command()
@_guarded
def schema() -> None:
    """The JSON Schema of a case record (for systems that produce records)."""
    sys.stdout.write(json.dumps(case_json_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command()
@_guarded
def demo(
    lang: LangOpt = Lang.EN,
    as_of: Annotated[
        str, typer.Option("--as-of", help="The date the demonstration cases are judged on.")
    ] = "2024-06-01",
    output: FormatOpt = None,
) -> None:
    """Walk a procedural P2P case and five non-procedural ones through the procedure."""
    from pmi_workflow.cli.walkthrough import run_demo

    raise typer.Exit(run_demo(lang=lang.value, as_of=_as_of(as_of), fmt=_format(output).value))


def _add_store_commands() -> None:
    from pmi_workflow.cli.store_commands import store_app

    app.add_typer(store_app, name="store")


_add_store_commands()


def _add_test_command() -> None:
    from pmi_workflow.cli.scenario_runner import run_scenarios

    app.command("test")(run_scenarios)


_add_test_command()


def _add_report_command() -> None:
    from pmi_workflow.reports.cli import register

    register(app)


_add_report_command()
__import__("pmi_workflow.cli.screen", fromlist=["register"]).register(app)  # cek lowongan


class _RedactingStream:
    """Standard error with NIK-shaped numbers masked: usage errors repeat what was typed."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(redact(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def run() -> None:
    """Run the application with the library's errors turned into exit code 2."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    sys.stderr = _RedactingStream(sys.stderr)
    try:
        app(standalone_mode=True)
    except PmiWorkflowError as error:
        _err().print(f"[bold red]error:[/bold red] {escape(str(error))}")
        raise SystemExit(EXIT_BAD_INPUT) from None
    except BrokenPipeError:  # output piped into head & co.
        sys.stderr.close()
        raise SystemExit(EXIT_OK) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
