"""The typer application: commands parse their options, call the library, render.

Exit codes: 0 every case procedural, 1 findings with errors, 2 bad input or
usage. Human output (``--format table``, the default on a terminal) is
rich text; piped output defaults to JSON Lines, one result per input record,
in input order.
"""

from __future__ import annotations

import datetime
import difflib
import enum
import functools
import importlib
import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from pmi_workflow.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    AsOf,
    FormatOpt,
    InputFile,
    InputFormatOpt,
    InputFormatOption,
    Lang,
    LangOpt,
    LocalizedGroup,
    OutOpt,
    OutputFormat,
    PolicyFiles,
    RegistryOpt,
    Workers,
    args_lang,
    bilingual,
    bilingual_doc,
    cannot_write,
    err_console,
    fail,
    fail_error,
    guard,  # noqa: F401 - still importable from here
    guarded,
    install_redaction,
    message_lang,
    non_empty,
    note,
    one_of,
    out_console,
    output_format,
    parse_as_of,
    policy_files,
    registry_file,
    resolve_format,  # noqa: F401 - still importable from here
    resolve_lang,
)
from pmi_workflow.cli.render import Columns, print_table
from pmi_workflow.domain import case_json_schema
from pmi_workflow.errors import PmiWorkflowError
from pmi_workflow.findings import basis_text
from pmi_workflow.io import JsonlWriter, JsonWriter, SourceRecord, ordered_map, read_records
from pmi_workflow.io.batch import batch_collection
from pmi_workflow.labels import format_date
from pmi_workflow.privacy import redact_data

__all__ = ["COMMANDS", "app", "run"]

_log = logging.getLogger(__name__)


app = typer.Typer(
    name="pmi-workflow",
    cls=LocalizedGroup,
    help=bilingual(
        "Prosedur resmi penempatan PMI (UU 18/2017): pemeriksaan berkas CPMI, audit riwayat "
        "langkah yang tercatat, dan penjelasan aturan.\n\n"
        "Kode keluar: 0 semua berkas prosedural, 1 ada temuan kesalahan, 2 masukan atau "
        "perintah tidak sah.",
        "Prosedur resmi penempatan PMI (UU 18/2017): validasi, audit, penjelasan aturan.\n\n"
        "The official placement procedure for Indonesian migrant workers: validate dossiers, "
        "audit recorded histories, explain the rules.\n\n"
        "Exit codes: 0 all procedural, 1 findings with errors, 2 bad input or usage.",
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class DiagramFormat(enum.StrEnum):
    """Diagram output."""

    MERMAID = "mermaid"
    MARKDOWN = "markdown"


# -- batch machinery --------------------------------------------------------------------


def _run_batch(
    job: Callable[[SourceRecord], dict[str, Any]],
    file: str,
    *,
    input_format: InputFormatOption | None,
    output: OutputFormat,
    lang: Lang,
    workers: int,
    out: Path | None = None,
) -> int:
    """Stream the records of ``file`` through ``job`` and write one result per record."""
    from pmi_workflow.cli.render import print_result, status_label
    from pmi_workflow.io.sizing import count_records, fit_workers

    chosen_format = input_format.value if input_format else None
    total = count_records(file, chosen_format)
    asked = workers
    workers, fewer = fit_workers(workers, records=total)
    if fewer:
        note(
            f"{asked} proses kerja diminta, tetapi hanya {workers} prosesor yang tersedia; "
            f"dipakai {workers}.",
            fewer,
            lang=lang.value,
        )
    try:
        records = non_empty(
            # JSON is decoded where each record is judged (in the workers, when there are any)
            read_records(
                file,
                format=input_format.value if input_format else None,
                defer_decoding=True,
            ),
            file,
        )
    except PmiWorkflowError as error:
        raise fail_error(error, lang.value) from None
    counts = {"procedural": 0, "non_procedural": 0, "invalid": 0}
    console = out_console(soft_wrap=True)
    show_progress = sys.stderr.isatty()
    progress = _progress(
        console if output is OutputFormat.TABLE and sys.stdout.isatty() else err_console(),
        disable=not show_progress,
        known=total is not None,
    )
    results: Iterator[dict[str, Any]] = ordered_map(job, records, workers=workers)
    writer: JsonWriter | JsonlWriter | None = None
    target: Any = sys.stdout
    if out is not None and output is not OutputFormat.XLSX:
        try:
            target = out.open("w", encoding="utf-8")
        except OSError as error:
            raise cannot_write(out.name, error) from None
    if output is OutputFormat.JSON:
        writer = JsonWriter(target)
    elif output is OutputFormat.JSONL:
        writer = JsonlWriter(target)
    collected: list[dict[str, Any]] = []
    with progress, batch_collection():
        task = progress.add_task(Path(file).name if file != "-" else "stdin", total=total)
        for unmasked in results:
            result = redact_data(unmasked)  # the masking boundary of every format
            counts[result["status"]] = counts.get(result["status"], 0) + 1
            if output is OutputFormat.XLSX:
                collected.append(result)
            elif writer is not None:
                writer.write(result)
            else:
                print_result(progress.console if show_progress else console, result, lang.value)
            progress.advance(task)
    if writer is not None:
        writer.close()
        if target is not sys.stdout:
            target.close()
    elif output is OutputFormat.XLSX:
        _write_xlsx(collected, out, lang)
    else:
        total = sum(counts.values())
        summary = ", ".join(
            f"{count} {status_label(status, lang.value)}" for status, count in counts.items()
        )
        word = "berkas" if lang is Lang.ID else "cases"
        console.print(f"\n[bold]{total} {word}[/bold]: {summary}")
    if counts.get("invalid"):
        return EXIT_BAD_INPUT
    if counts.get("non_procedural"):
        return EXIT_FINDINGS
    return EXIT_OK


def _progress(console: Console, *, disable: bool, known: bool) -> Progress:
    """A progress bar with the total and the time left when the size is known, else a spinner."""
    if known:
        return Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=disable,
        )
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} records"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=disable,
    )


def _write_xlsx(results: list[dict[str, Any]], out: Path | None, lang: Lang) -> None:
    try:
        from pmi_workflow.io.workbook import write_results_workbook
    except ImportError:  # pragma: no cover - the module imports openpyxl lazily
        raise _needs_xlsx(lang) from None
    if out is None:
        if sys.stdout.isatty():
            raise fail(
                "--format xlsx menulis buku kerja ke berkas; tambahkan --out, misalnya "
                "--out hasil.xlsx.",
                "--format xlsx writes a file: give --out FILE.xlsx",
                lang=lang,
            )
        write_results_workbook(results, sys.stdout.buffer, lang=lang.value)
        return
    try:
        write_results_workbook(results, out, lang=lang.value)
    except ModuleNotFoundError:
        raise _needs_xlsx(lang) from None
    except OSError as error:
        raise cannot_write(out.name, error) from None
    err_console().print(escape(str(out)))


def _needs_xlsx(lang: Lang) -> typer.Exit:
    return fail(
        "keluaran Excel memerlukan paket tambahan 'xlsx'; pasang dengan: "
        "pip install 'pmi-workflow[xlsx]'",
        "Excel output needs the xlsx extra: pip install 'pmi-workflow[xlsx]'",
        lang=lang,
    )


def _batch_command(
    mode: str,
    file: str,
    as_of: str | None,
    policy: list[Path] | None,
    lang: Lang | None,
    output: OutputFormat | None,
    workers: int,
    input_format: InputFormatOption | None,
    new_policy: list[Path] | None = None,
    out: Path | None = None,
    registry: Path | None = None,
) -> None:
    from pmi_workflow.cli import jobs

    if output is None and out is not None:
        output = OutputFormat.XLSX if out.suffix.lower() == ".xlsx" else OutputFormat.JSONL

    day = parse_as_of(as_of)
    settings = jobs.Settings(
        as_of=day,
        policy_files=policy_files(policy),
        new_policy_files=policy_files(new_policy),
        registry_file=registry_file(registry, resolve_lang(lang).value),
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
        output=output_format(output),
        lang=resolve_lang(lang),
        workers=workers,
        out=out,
    )
    raise typer.Exit(code)


# -- commands ---------------------------------------------------------------------------


@app.command()
@guarded
@bilingual_doc(
    "Memeriksa berkas CPMI (beserta riwayat langkahnya): kesimpulan dan temuan tiap berkas."
)
def validate(
    file: InputFile,
    as_of: AsOf = None,
    policy: PolicyFiles = None,
    lang: LangOpt = None,
    output: FormatOpt = None,
    workers: Workers = 0,
    input_format: InputFormatOpt = None,
    out: OutOpt = None,
    registry: RegistryOpt = None,
) -> None:
    """Validate case dossiers (with their histories): the verdict and findings of each case."""
    _batch_command(
        "validate",
        file,
        as_of,
        policy,
        lang,
        output,
        workers,
        input_format,
        out=out,
        registry=registry,
    )


@app.command()
@guarded
@bilingual_doc(
    "Mengaudit riwayat langkah yang tercatat: setiap langkah dinilai menurut kebijakan yang "
    "berlaku pada harinya."
)
def audit(
    file: InputFile,
    as_of: AsOf = None,
    policy: PolicyFiles = None,
    lang: LangOpt = None,
    output: FormatOpt = None,
    workers: Workers = 0,
    input_format: InputFormatOpt = None,
    out: OutOpt = None,
    registry: RegistryOpt = None,
) -> None:
    """Audit recorded histories: replay each event by the policy of its day."""
    _batch_command(
        "audit",
        file,
        as_of,
        policy,
        lang,
        output,
        workers,
        input_format,
        out=out,
        registry=registry,
    )


@app.command()
@guarded
@bilingual_doc(
    "Berkas mana yang kesimpulan atau temuannya berubah bila kebijakan baru diberlakukan."
)
def impact(
    file: InputFile,
    old: Annotated[
        list[Path] | None,
        typer.Option(
            "--old",
            metavar="POLICY",
            help=bilingual(
                "Kebijakan yang berlaku sekarang (berkas TOML).",
                "The policy in force now (TOML overlay).",
            ),
        ),
    ] = None,
    new: Annotated[
        list[Path] | None,
        typer.Option(
            "--new",
            metavar="POLICY",
            help=bilingual(
                "Kebijakan yang diusulkan (berkas TOML).", "The proposed policy (TOML overlay)."
            ),
        ),
    ] = None,
    as_of: AsOf = None,
    lang: LangOpt = None,
    output: FormatOpt = None,
    workers: Workers = 0,
    input_format: InputFormatOpt = None,
    registry: RegistryOpt = None,
) -> None:
    """Which cases change verdict (or findings) under a new policy."""
    if not new:
        raise fail(
            "perintah impact memerlukan --new (kebijakan yang diusulkan), biasanya bersama --old "
            "(kebijakan yang berlaku sekarang).",
            "impact needs --new POLICY (and usually --old POLICY)",
        )
    _batch_command(
        "impact", file, as_of, old, lang, output, workers, input_format, new, registry=registry
    )


@app.command()
@guarded
@bilingual_doc(
    "Menjelaskan satu aturan: apa yang diperiksa, dasar hukumnya, pesannya dalam dua bahasa, "
    "dan sebuah contoh."
)
def explain(
    code: Annotated[
        str,
        typer.Argument(
            help=bilingual(
                "Kode aturan, misalnya 'eligibility.age_below_minimum'.",
                "A rule code, e.g. eligibility.age_below_minimum.",
            )
        ),
    ],
    lang: LangOpt = None,
    output: FormatOpt = None,
) -> None:
    """Explain one rule: what it checks, its legal basis, both messages and an example."""
    from pmi_workflow.cli.examples import example_for
    from pmi_workflow.rules import CATALOG

    rule = CATALOG.get(code.strip())
    if rule is None:
        close = difflib.get_close_matches(code, list(CATALOG), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; run 'pmi-workflow rules'"
        hint_id = (
            f"; mungkin yang dimaksud {one_of(close)}"
            if close
            else "; daftar kode aturan: pmi-workflow rules --catalog"
        )
        raise fail(
            f"kode aturan {code!r} tidak dikenal{hint_id}.",
            f"unknown rule code {code!r}{hint}",
            lang=lang,
        )
    from pmi_workflow.policy import Policy
    from pmi_workflow.rules.catalog import rule_entries

    example = example_for(rule.code)
    fmt = output_format(output)
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
    lang = resolve_lang(lang)
    if fmt is not OutputFormat.TABLE:
        sys.stdout.write(
            json.dumps(data, ensure_ascii=False, indent=2 if fmt is OutputFormat.JSON else None)
        )
        sys.stdout.write("\n")
        return
    console = out_console()
    title = rule.title_id if lang is Lang.ID else rule.title_en
    console.print(f"[bold]{escape(rule.code)}[/bold] — {escape(title)}")
    if lang is Lang.ID:
        _explain_id(console, rule, example)
        return
    console.print(f"  severity   : {rule.severity.value}")
    console.print(f"  checks     : {escape(rule.checks)}")
    if rule.step:
        console.print(f"  step       : {rule.step.value}")
    basis = basis_text(rule.legal_basis, "en") or "—"
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


def _explain_id(console: Console, rule: Any, example: dict[str, Any] | None) -> None:
    """The rule in Indonesian words only (what it checks is written in English in the catalog,
    so the Indonesian title and message stand for it)."""
    from pmi_workflow.labels import label

    console.print(f"  tingkat     : {label('verdict', rule.severity.value, 'id')}")
    if rule.step:
        console.print(f"  langkah     : {escape(label('step', rule.step.value, 'id'))}")
    basis = basis_text(rule.legal_basis, "id") or "—"
    console.print(f"  dasar hukum : {escape(basis)}")
    if not rule.confirmed:
        console.print("  [yellow]dasar hukum belum dikonfirmasi: dilaporkan sebagai peringatan[/]")
    console.print(f"  pesan       : {escape(rule.template_id)}")
    if example:
        console.print(f"  contoh      : {escape(example['message']['id'])}")


@app.command("rules")
@guarded
@bilingual_doc(
    "Kebijakan yang berlaku pada suatu tanggal: setiap ketentuan beserta sumbernya dan "
    "keterangan sudah atau belum dikonfirmasi."
)
def rules_command(
    as_of: AsOf = None,
    policy: PolicyFiles = None,
    output: FormatOpt = None,
    catalog: Annotated[
        bool,
        typer.Option(
            "--catalog",
            help=bilingual(
                "Tampilkan daftar kode aturan, bukan ketentuan kebijakan.",
                "List the rule codes instead of the policy entries.",
            ),
        ),
    ] = False,
) -> None:
    """The policy in force on a date: every entry with its source and confirmed flag."""
    from pmi_workflow.cli.jobs import load_policy
    from pmi_workflow.rules import CATALOG

    day = parse_as_of(as_of)
    fmt = output_format(output)
    rows: list[dict[str, Any]]
    if catalog:
        rows = [rule.to_dict() for rule in CATALOG.values()]
        if fmt is OutputFormat.TABLE:
            basis = "legal_basis" if message_lang() is Lang.ID else "legal_basis_en"
            shown = ("code", "severity", "confirmed", "entry_kinds", "checks")
            rows = [{**{key: row[key] for key in shown}, "legal_basis": row[basis]} for row in rows]
    else:
        view = load_policy(policy_files(policy)).as_of(day)
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
    lang = message_lang()
    if catalog:
        titles = ("Katalog aturan", "Rule catalog")
        if lang is Lang.ID:  # what a rule checks is written in English: its title stands for it
            rows = [{**row, "title": CATALOG[row["code"]].title_id} for row in rows]
        columns = _CATALOG_COLUMNS_ID if lang is Lang.ID else _CATALOG_COLUMNS
    else:
        titles = (
            f"Kebijakan {view.version} yang berlaku per {format_date(day, 'id')}",
            f"Policy {view.version} in force on {format_date(day, 'en')}",
        )
        columns = _POLICY_COLUMNS
    print_table(out_console(), rows, titles, columns, lang)


# The human tables of ``rules`` (pmi_workflow.cli.render.Columns): a policy file's entries, and
# the rule catalog (in Indonesian, each rule's title stands for the English ``checks``).
_POLICY_COLUMNS: Columns = (
    ("id", "Ketentuan", "Entry", None),
    ("kind", "Bagian kebijakan", "Kind", None),
    ("effective_from", "Berlaku sejak", "In force from", "date"),
    ("effective_to", "Berlaku sampai", "In force until", "date"),
    ("confirmed", "Dikonfirmasi", "Confirmed", "yes_no"),
    ("source", "Sumber", "Source", None),
)
_CATALOG_COLUMNS: Columns = (
    ("code", "Kode aturan", "Code", None),
    ("severity", "Tingkat", "Severity", "verdict"),
    ("confirmed", "Dasar hukum dikonfirmasi", "Basis confirmed", "yes_no"),
    ("entry_kinds", "Bagian kebijakan", "Policy entry kinds", None),
    ("legal_basis", "Dasar hukum", "Legal basis", None),
    ("checks", "Yang diperiksa", "Checks", None),
)
_CATALOG_COLUMNS_ID: Columns = (
    _CATALOG_COLUMNS[0],
    ("title", "Aturan", "Rule", None),
    *_CATALOG_COLUMNS[1:-1],
)


@app.command()
@guarded
@bilingual_doc(
    "Prosedur sebagai diagram keadaan Mermaid (satu skema, bawaan P to P), atau sebagai halaman "
    "markdown berisi diagram dan tabel perpindahan langkah (semua skema, atau satu)."
)
def diagram(
    scheme: Annotated[
        str | None,
        typer.Option(
            "--scheme",
            help=bilingual(
                "Skema penempatan: 'p2p', 'g2g', 'ukps', 'perseorangan' atau 're_entry'.",
                "p2p, g2g, ukps, perseorangan, re_entry.",
            ),
        ),
    ] = None,
    output: Annotated[
        DiagramFormat,
        typer.Option(
            "--format",
            help=bilingual("Bentuk keluaran: 'mermaid' atau 'markdown'.", "mermaid or markdown."),
        ),
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
            raise fail(
                f"skema {scheme!r} tidak dikenal; pilih salah satu: "
                f"{one_of(item.value for item in Scheme)}.",
                f"unknown scheme {scheme!r}; use one of {names}",
            ) from None
    text = engine.diagram(chosen, policy=load_policy(()), day=parse_as_of(as_of), fmt=output.value)
    sys.stdout.write(text)


@app.command()
@guarded
@bilingual_doc(
    "Skema JSON (JSON Schema) satu rekaman berkas CPMI, untuk sistem yang menghasilkan rekaman."
)
def schema() -> None:
    """The JSON Schema of a case record (for systems that produce records)."""
    sys.stdout.write(json.dumps(case_json_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command()
@guarded
@bilingual_doc(
    "Menjalankan satu berkas P to P yang prosedural dan lima berkas nonprosedural melalui "
    "prosedur penempatan."
)
def demo(
    lang: LangOpt = None,
    as_of: Annotated[
        str,
        typer.Option(
            "--as-of",
            help=bilingual(
                "Tanggal penilaian berkas peragaan.",
                "The date the demonstration cases are judged on.",
            ),
        ),
    ] = "2024-06-01",
    output: FormatOpt = None,
) -> None:
    """Walk a procedural P2P case and five non-procedural ones through the procedure."""
    from pmi_workflow.cli.walkthrough import run_demo

    day = parse_as_of(as_of)
    chosen = resolve_lang(lang)
    raise typer.Exit(run_demo(lang=chosen.value, as_of=day, fmt=output_format(output).value))


# -- commands defined in other modules -----------------------------------------------------

COMMANDS: dict[str, str] = {
    # name: "module:object" — a typer.Typer becomes a command group, a function a command.
    # Add a command defined elsewhere with one line here.
    "store": "pmi_workflow.cli.store_commands:store_app",
    "report": "pmi_workflow.reports.cli:report_command",
    "test": "pmi_workflow.cli.scenario_runner:run_scenarios",
    "serve": "pmi_workflow.cli.serve:serve",
    "template": "pmi_workflow.cli.template:template_command",
    "screen": "pmi_workflow.cli.screen:screen_command",
}


def _register(name: str, target: str) -> None:
    module, _, attribute = target.partition(":")
    command = getattr(importlib.import_module(module), attribute)
    if isinstance(command, typer.Typer):
        app.add_typer(command, name=name)
    else:
        app.command(name)(command)


for _name, _target in COMMANDS.items():
    _register(_name, _target)


def run() -> None:
    """Run the application with the library's errors turned into exit code 2.

    Standard error is masked first; the log handler is installed after, on the
    masked stream.
    """
    install_redaction()
    try:
        app(standalone_mode=True)
    except PmiWorkflowError as error:
        fail_error(error, args_lang(sys.argv[1:]))
        raise SystemExit(EXIT_BAD_INPUT) from None
    except BrokenPipeError:  # output piped into head & co.
        sys.stderr.close()
        raise SystemExit(EXIT_OK) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
