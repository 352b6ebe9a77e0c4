"""What every command shares: exit codes, options, errors, input and output checks.

Every command module imports its helpers from here (never from
:mod:`pmi_workflow.cli.app`, which imports the command modules), so there is
no import cycle.

Exit codes: 0 every case procedural (or the work done), 1 findings with
errors, 2 bad input or usage.

Empty input: a file that holds no case record (an empty file, only blank
lines, a CSV with only its header row, an empty JSON array) is bad input in
every command: a message on standard error naming the file, exit code 2, no
result written.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import difflib
import enum
import functools
import inspect
import io
import itertools
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

from pmi_workflow.cli.messages import (
    STANDARD_INPUT,
    BadValue,
    click_errors,
    library_error_text,
    one_of,
    usage_error_text,
)
from pmi_workflow.dates import JAKARTA, parse_date, parse_datetime, without_value
from pmi_workflow.errors import InvalidInputError, PmiWorkflowError
from pmi_workflow.io import SourceRecord
from pmi_workflow.privacy import RedactingFilter, redact, safe_text

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "AsOf",
    "BadValue",
    "FormatOpt",
    "InputFile",
    "InputFormatOpt",
    "InputFormatOption",
    "Lang",
    "LangOpt",
    "LocalizedCommand",
    "LocalizedGroup",
    "OutOpt",
    "OutputFormat",
    "PolicyFiles",
    "RegistryOpt",
    "Workers",
    "args_lang",
    "bilingual",
    "bilingual_doc",
    "cannot_write",
    "check_output_dir",
    "check_output_file",
    "date_option",
    "err_console",
    "fail",
    "fail_error",
    "guard",
    "guarded",
    "help_lang",
    "indonesian_help",
    "install_redaction",
    "localize_help",
    "message_lang",
    "non_empty",
    "note",
    "one_of",
    "out_console",
    "output_format",
    "parse_as_of",
    "policy_files",
    "registry_file",
    "registry_option",
    "resolve_format",
    "resolve_lang",
    "settle_message_lang",
    "silence_stdout",
    "time_option",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class OutputFormat(enum.StrEnum):
    """How results are written."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    XLSX = "xlsx"


class Lang(enum.StrEnum):
    """The language of human messages."""

    ID = "id"
    EN = "en"


class InputFormatOption(enum.StrEnum):
    """The input file's format (guessed from its name and content when not given)."""

    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    XLSX = "xlsx"


# -- help texts in two languages -------------------------------------------------------

_INDONESIAN: dict[str, str] = {}


def bilingual(id_text: str, en_text: str) -> str:
    """A help text in both languages: records the Indonesian, returns the English.

    Commands are declared with the English text; when the command line is
    built for an Indonesian locale (:func:`help_lang`), :class:`LocalizedGroup`
    shows the Indonesian recorded here instead.

    >>> bilingual("Tanggal penilaian.", "The date judged.")
    'The date judged.'
    >>> indonesian_help("The date judged.")
    'Tanggal penilaian.'
    """
    known = _INDONESIAN.setdefault(en_text, id_text)
    if known != id_text:
        raise ValueError(f"two Indonesian texts for the help text {en_text!r}")
    return en_text


_D = TypeVar("_D", bound=Callable[..., Any])


def bilingual_doc(id_text: str) -> Callable[[_D], _D]:
    """Record the Indonesian of a command's docstring (its English help).

    >>> @bilingual_doc("Menyapa petugas.")
    ... def greet() -> None:
    ...     'Greet the officer.'
    >>> indonesian_help("Greet the officer.")
    'Menyapa petugas.'
    """

    def mark(function: _D) -> _D:
        doc = inspect.getdoc(function)
        if not doc:
            raise ValueError(f"{function.__name__} has no docstring to translate")
        bilingual(id_text, doc)
        return function

    return mark


def indonesian_help(en_text: str) -> str | None:
    """The Indonesian recorded for an English help text, if any."""
    return _INDONESIAN.get(en_text)


def help_lang() -> Lang:
    """The language of ``--help``: the default message language (see ``labels.default_lang``)."""
    from pmi_workflow.labels import default_lang

    return Lang(default_lang())


# The command line's own words (headings, the --help option, the notes after a help text).
_FRAMEWORK_ID = {
    "Usage:": "Cara pakai:",
    "Options": "Pilihan",
    "Arguments": "Argumen",
    "Commands": "Perintah",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
}
_USAGE_ID = (("[OPTIONS]", "[PILIHAN]"), ("COMMAND [ARGS]", "PERINTAH [ARGUMEN]"))
_NOTES_ID = (
    ("default: ", "bawaan: "),
    ("env var: ", "variabel lingkungan: "),
    ("required", "wajib"),
)


class _IndonesianFormatter(typer.Context.formatter_class):  # type: ignore[valid-type,misc]
    """Writes the command line's own words of a help page in Indonesian."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, indonesian in _USAGE_ID:
            args = args.replace(english, indonesian)
        super().write_usage(prog, args, "Cara pakai: " if prefix is None else prefix)

    def section(self, name: str) -> Any:
        return super().section(_FRAMEWORK_ID.get(name, name))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl(
            [(term, _indonesian_row(text)) for term, text in rows], col_max, col_spacing
        )


def _indonesian_row(text: str) -> str:
    """A help row's text with the framework's words (``[default: 3]``) in Indonesian.

    >>> _indonesian_row("Jumlah proses kerja.  [default: 0; required]")
    'Jumlah proses kerja.  [bawaan: 0; wajib]'
    """
    text = _FRAMEWORK_ID.get(text, text)
    body, bracket, notes = text.rpartition("  [")
    if not bracket or not notes.endswith("]"):
        return text
    for english, indonesian in _NOTES_ID:
        notes = notes.replace(english, indonesian)
    return f"{body}{bracket}{notes}"


class _IndonesianContext(typer.Context):
    formatter_class = _IndonesianFormatter


def localize_help(command: Any, lang: str) -> None:
    """Put the ``lang`` help texts on ``command``, its parameters and its subcommands.

    English is what the commands are declared with, so ``"en"`` changes nothing.
    """
    if lang != Lang.ID:
        return
    command.context_class = _IndonesianContext
    if command.help:
        command.help = _INDONESIAN.get(command.help, command.help)
    if command.short_help:
        command.short_help = _INDONESIAN.get(command.short_help, command.short_help)
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            param.help = _INDONESIAN.get(text, text)
    for sub in getattr(command, "commands", {}).values():
        localize_help(sub, lang)


class _LocalizedRun:
    """What a group and a command run on its own share: help in the locale's language, the run
    in the message language of its arguments, a closed output pipe ending it quietly. Mixed in
    before typer's class, whose methods these extend."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localize_help(self, help_lang())

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line in the message language of its arguments."""
        parent: Any = super()  # typer's class, after this one in the order of bases
        return _localized_main(
            self, parent.main, args, prog_name, complete_var, standalone_mode,
            windows_expand_args, **extra,
        )  # fmt: skip

    def invoke(self, ctx: Any) -> Any:
        """Run the command. When the reader of the output has gone (``… | head -1``) the run
        ends quietly with exit code 0, as the console script does; the parser would exit with
        1, which this command line reserves for findings."""
        parent: Any = super()
        return _quiet_on_broken_pipe(parent.invoke, ctx)


class LocalizedGroup(_LocalizedRun, TyperGroup):
    """The command group whose help follows the locale (:func:`help_lang`), and whose errors
    speak the message language of the run (:func:`args_lang`).

    Typer builds the click commands afresh on every run, so the language is
    read when the command line is built, not when the modules are imported.

    A usage error (an unknown option or command, a missing argument, a value
    that is not one of the choices...) prints the usage line, where to find
    help and the error, with the parser's exit code (2; 1 when aborted). In
    Indonesian every line of it is Indonesian (:func:`usage_error_text`); in
    English it is the parser's own text. Both are masked (NIK-shaped numbers)
    and stripped of control characters, as every message is.
    """

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """The subcommand named first in ``args``; an unknown name is marked on the error, so
        it can be worded without reading the parser's English."""
        try:
            return super().resolve_command(ctx, args)
        except click_errors.UsageError as error:
            name = args[0] if args else ""
            if (
                name
                and not isinstance(error, click_errors.NoSuchOption)
                and self.get_command(ctx, name) is None
            ):
                error.unknown_command = name
                error.suggestions = difflib.get_close_matches(name, list(self.commands))
            raise


class LocalizedCommand(_LocalizedRun, TyperCommand):
    """A command run on its own (a typer application of one command, such as
    :data:`pmi_workflow.reports.cli.app`) as :class:`LocalizedGroup` runs the command line:
    its help follows the locale, its errors the message language of the run.

    Mounted in a :class:`LocalizedGroup`, it is the group that runs it.
    """

    # Its help, its run and its closed pipe: :class:`_LocalizedRun`'s.


def _localized_main(
    command: Any,
    main: Callable[..., Any],
    args: Sequence[str] | None,
    prog_name: str | None,
    complete_var: str | None,
    standalone_mode: bool,
    windows_expand_args: bool,
    **extra: Any,
) -> Any:
    """Run ``command`` (with the parser's ``main``) in the message language of its arguments:
    usage errors and aborts worded in it, exits as the parser's."""
    lang = args_lang(sys.argv[1:] if args is None else args)
    token = _RUN_LANG.set(lang)
    try:
        if not standalone_mode:
            return main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            result = main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except click_errors.ClickException as error:
            _show_usage_error(error, message_lang(), command)  # as the command may settle it
            sys.exit(error.exit_code)
        except typer.Abort:
            _print_plain("Dibatalkan." if message_lang() is Lang.ID else "Aborted!")
            sys.exit(1)
        # Without standalone mode an exit's code is returned; a command returns nothing.
        sys.exit(result if isinstance(result, int) else EXIT_OK)
    finally:
        _RUN_LANG.reset(token)


def _quiet_on_broken_pipe(invoke: Callable[[Any], Any], ctx: Any) -> Any:
    try:
        result = invoke(ctx)
        sys.stdout.flush()  # what is still buffered, so a closed pipe is met here too
        return result
    except BrokenPipeError:
        silence_stdout()
        raise SystemExit(EXIT_OK) from None


def _print_plain(text: str) -> None:
    """A line on standard error, masked and stripped of control characters (no markup)."""
    typer.echo(safe_text(redact(text)), err=True)


def _show_usage_error(error: Any, lang: Lang, root: Any) -> None:
    """Print a usage error of the parser the way the parser does, in ``lang``."""
    help_page = getattr(click_errors, "NoArgsIsHelpError", ())
    if isinstance(error, help_page):  # a group run without a command shows its help
        error.show()
        return
    ctx = getattr(error, "ctx", None)
    if lang is not Lang.ID:
        if ctx is not None:  # the English usage line, whatever the help language
            ctx.formatter_class = typer.Context.formatter_class
        buffer = io.StringIO()
        error.show(file=buffer)
        _print_plain(buffer.getvalue().rstrip("\n"))
        return
    lines = []
    if ctx is not None and isinstance(error, click_errors.UsageError):
        ctx.formatter_class = _IndonesianFormatter
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(f"Coba '{ctx.command_path} {ctx.help_option_names[0]}' untuk bantuan.")
        lines.append("")
    lines.append(f"kesalahan: {usage_error_text(error, root)}")
    _print_plain("\n".join(lines))


# -- shared options ---------------------------------------------------------------------

AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help=bilingual(
            "Tanggal penilaian (misalnya 3 Juli 2024 atau 03/07/2024); bila kosong, hari ini "
            "(WIB).",
            "Judge as of this date (ISO, day-first or '3 Juli 2024'); default today (WIB).",
        ),
    ),
]
PolicyFiles = Annotated[
    list[Path] | None,
    typer.Option(
        "--policy",
        metavar="FILE",
        help=bilingual(
            "Berkas kebijakan instansi (TOML) yang menimpa kebijakan bawaan; boleh diulang.",
            "Agency policy TOML laid over the defaults (repeatable).",
        ),
    ),
]

_REGISTRY_HELP = bilingual(
    "Data perizinan (SIP3MI, SIP2MI, izin UKPS) dalam berkas JSON atau TOML; izin pelaksana "
    "penempatan diperiksa terhadap data ini.",
    "Licence data (SIP3MI, SIP2MI, UKPS permits; JSON or TOML) to check the placement "
    "executor's licences against.",
)


def registry_option(*, envvar: str | None = None) -> Any:
    """The ``--registry FILE`` option (licence data), declared once for every command.

    ``envvar`` lets a long-running command (``serve``) take it from the environment too.
    """
    return typer.Option("--registry", metavar="FILE", envvar=envvar, help=_REGISTRY_HELP)


RegistryOpt = Annotated[Path | None, registry_option()]
LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help=bilingual(
            "Bahasa pesan: 'id' (Indonesia) atau 'en' (Inggris). Bila kosong, bahasa Indonesia "
            "untuk komputer berbahasa Indonesia; keluaran JSON memuat kedua bahasa.",
            "id or en: language of human-readable messages (default: id when the locale is "
            "id_*, else en; JSON output has both).",
        ),
    ),
]
FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        help=bilingual(
            "Bentuk keluaran: 'table' (tabel di layar, bawaan), 'json', 'jsonl' (bawaan bila "
            "diteruskan ke program lain) atau 'xlsx' (bersama --out).",
            "table (default on a terminal), json, jsonl (default piped) or xlsx (with --out).",
        ),
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        metavar="FILE",
        help=bilingual(
            "Tulis hasil ke berkas ini (berakhiran .xlsx: buku kerja Excel).",
            "Write the results to FILE (.xlsx: Excel).",
        ),
    ),
]
Workers = Annotated[
    int,
    typer.Option(
        "--workers",
        min=0,
        max=256,
        metavar="N",
        help=bilingual(
            "Jumlah proses kerja (bawaan 0: satu per inti prosesor); urutan hasil tetap sama "
            "dengan urutan masukan.",
            "Worker processes (default 0: one per CPU); output keeps input order.",
        ),
    ),
]
InputFormatOpt = Annotated[
    InputFormatOption | None,
    typer.Option(
        "--input-format",
        help=bilingual(
            "Bentuk berkas masukan: 'json', 'jsonl', 'csv' atau 'xlsx' (bila kosong, dikenali "
            "dari berkasnya).",
            "json, jsonl, csv or xlsx (default: from the file).",
        ),
    ),
]
InputFile = Annotated[
    str,
    typer.Argument(
        metavar="FILE",
        help=bilingual(
            "Berkas data CPMI (.json, .jsonl, .csv, .xlsx), folder berisi lembar CSV, atau '-' "
            "untuk masukan standar.",
            "Case file (.json, .jsonl, .csv, .xlsx), a folder of CSV sheets, or '-' for "
            "standard input.",
        ),
    ),
]


def resolve_lang(chosen: Lang | None) -> Lang:
    """The language chosen, else the run's (:func:`message_lang`: the locale's by default)."""
    return chosen if chosen is not None else message_lang()


# -- the message language of a run -------------------------------------------------------

_RUN_LANG: contextvars.ContextVar[Lang | None] = contextvars.ContextVar(
    "pmi_workflow_run_lang", default=None
)


def args_lang(args: Sequence[str]) -> Lang:
    """The message language of a command line: its ``--lang`` when given, else the default.

    The default is the locale's (``labels.default_lang``). Read from the
    arguments themselves, so even an error found before they are parsed is
    worded in the language asked for.

    >>> args_lang(["validate", "cases.jsonl", "--lang", "id"]), args_lang(["demo", "--lang=en"])
    (<Lang.ID: 'id'>, <Lang.EN: 'en'>)
    """
    chosen: str | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        if value.strip().lower() in (Lang.ID, Lang.EN):
            chosen = value.strip().lower()
    return Lang(chosen) if chosen is not None else help_lang()


def message_lang() -> Lang:
    """The message language in force: the running command line's (:func:`args_lang`), else the
    locale's."""
    running = _RUN_LANG.get()
    return running if running is not None else help_lang()


def settle_message_lang(lang: Lang) -> None:
    """Make ``lang`` the message language for the rest of the run of the command line.

    For a command whose language does not follow the locale (``screen`` speaks Indonesian
    unless ``--lang en`` is given): its errors, usage errors included, then speak the language
    of its results. The run restores the language it found when it ends; outside a run of the
    command line nothing changes.
    """
    if _RUN_LANG.get() is not None:
        _RUN_LANG.set(lang)


# -- errors -----------------------------------------------------------------------------


class _Console(Console):
    """A console that ends the command as the console script does when the reader of the
    output has gone (``… | head -1``): quietly, with exit code 0 (rich's own exits with 1,
    which this command line reserves for findings)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        silence_stdout()
        raise SystemExit(EXIT_OK)


def silence_stdout() -> None:
    """Send what is left of standard output nowhere: its reader has gone."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def out_console(**options: Any) -> Console:
    """A console on standard output (made on use, so it follows ``sys.stdout``)."""
    return _Console(highlight=False, **options)


def err_console() -> Console:
    """A console on standard error (made on use, so it follows ``sys.stderr``)."""
    return _Console(stderr=True, highlight=False)


def fail(
    id_text: str, en_text: str, code: int = EXIT_BAD_INPUT, *, lang: str | None = None
) -> typer.Exit:
    """Print an error on stderr in the message language; the exit to raise (code 2 by default).

    Every error is declared here once, in both languages: ``id_text`` in
    Indonesian, ``en_text`` in English. ``lang`` is the command's own
    language when it has one; by default, the run's (:func:`message_lang`).
    The message is masked (NIK-shaped numbers) and stripped of control
    characters.
    """
    _say(("kesalahan", "error"), "bold red", id_text, en_text, lang)
    return typer.Exit(code)


def note(id_text: str, en_text: str, *, lang: str | None = None) -> None:
    """Print a note on stderr in the message language (masked and cleaned as :func:`fail`'s)."""
    _say(("catatan", "note"), "yellow", id_text, en_text, lang)


def _say(words: tuple[str, str], style: str, id_text: str, en_text: str, lang: str | None) -> None:
    chosen = Lang(lang) if lang is not None else message_lang()
    indonesian = chosen is Lang.ID
    word, message = (words[0], id_text) if indonesian else (words[1], en_text)
    err_console().print(
        f"[{style}]{word}:[/{style}] {escape(safe_text(redact(message)))}", soft_wrap=True
    )


def fail_error(
    error: PmiWorkflowError, lang: str | None = None, code: int = EXIT_BAD_INPUT
) -> typer.Exit:
    """:func:`fail` with a library error, worded in ``lang`` (exit code 2 by default).

    In Indonesian the error is worded from its type and data
    (:func:`~pmi_workflow.cli.messages.library_error_text`; input problems by
    their kind), so no English reaches the officer.
    """
    indonesian = library_error_text(error, "id")
    if "\n" not in indonesian and not indonesian.endswith("."):  # a sentence ends with a stop
        indonesian += "."
    return fail(indonesian, library_error_text(error, "en"), code, lang=lang)


def cannot_write(name: str, error: OSError, option: str | None = None) -> typer.Exit:
    """:func:`fail` for an output file that could not be written, named after its ``option``
    when given (``--out: hasil.json tidak dapat ditulis.``); the English says why."""
    where = f"{option}: " if option else ""
    reason = error.strerror or type(error).__name__
    return fail(f"{where}{name} tidak dapat ditulis.", f"{where}cannot write {name} ({reason})")


@contextlib.contextmanager
def guard(lang: str | None = None) -> Iterator[None]:
    """Turn the library's errors into a message on stderr (in ``lang``) and exit code 2."""
    try:
        yield
    except PmiWorkflowError as error:
        raise fail_error(error, lang) from None


F = TypeVar("F", bound=Callable[..., None])


def guarded(function: F) -> F:
    """Decorate a command: the library's errors become a message (in the command's ``--lang``
    when it has one) and exit code 2."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        with guard(kwargs.get("lang")):
            function(*args, **kwargs)

    return cast("F", wrapper)


# -- options ----------------------------------------------------------------------------


def parse_as_of(text: str | None) -> datetime.date:
    """The ``--as-of`` date (today in Jakarta when not given); a bad date exits with 2."""
    if text is None:
        return datetime.datetime.now(JAKARTA).date()
    return date_option(text, "--as-of")


def date_option(text: str, option: str, *, lang: str | None = None) -> datetime.date:
    """The date typed for ``option``; a bad one is an error naming the option and what is
    wrong, in ``lang`` (by default the run's), without the text typed, and exit code 2."""
    try:
        return parse_date(text)
    except InvalidInputError as error:
        raise _bad_date(option, error, lang, with_time=False) from None


def time_option(text: str, option: str, *, lang: str | None = None) -> datetime.datetime:
    """The time typed for ``option`` (read as WIB when it has no offset); a bad one is an error
    as :func:`date_option`'s."""
    try:
        return parse_datetime(text)
    except InvalidInputError as error:
        raise _bad_date(option, error, lang, with_time=True) from None


def _bad_date(
    option: str, error: InvalidInputError, lang: str | None, *, with_time: bool
) -> typer.Exit:
    from pmi_workflow.labels import problem_text

    problem = error.problems[0]
    reason = without_value(problem.message)
    if problem.kind in ("date_month_first", "date_year_short", "date_zone"):
        # the library's words already say what to write instead
        indonesian = problem_text(problem.kind, problem.message, "id")
        return fail(f"{option}: {indonesian}.", f"{option}: {reason}", lang=lang)
    if with_time:
        word, example_id, example_en = "waktu", "03/07/2024 08:00", "03/07/2024 08:00"
    else:
        word, example_id, example_en = (
            "tanggal",
            "3 Juli 2024 atau 03/07/2024",
            "3 July 2024 or 03/07/2024",
        )
    return fail(
        f"{option} bukan {word} yang sah; tulis misalnya {example_id}.",
        f"{option}: {reason}; write e.g. {example_en}",
        lang=lang,
    )


def output_format(chosen: OutputFormat | None) -> OutputFormat:
    """The format chosen, else table on a terminal and JSON Lines when piped."""
    if chosen is not None:
        return chosen
    return OutputFormat.TABLE if sys.stdout.isatty() else OutputFormat.JSONL


def resolve_format(chosen: str | None) -> str:
    """The output format from free text (table, json or jsonl): the one chosen, else
    :func:`output_format`'s default."""
    shown = (OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.JSONL)
    if chosen is not None and chosen not in shown:
        raise fail(
            f"--format harus {one_of(shown)}.",
            f"--format must be table, json or jsonl, not {chosen!r}",
        )
    return output_format(OutputFormat(chosen) if chosen else None).value


def policy_files(paths: Iterable[Path] | None) -> tuple[str, ...]:
    """The ``--policy`` files as names, each read once now so a bad file fails early."""
    files = tuple(str(path) for path in paths or ())
    if files:
        from pmi_workflow.cli.jobs import load_policy

        load_policy(files)
    return files


def registry_file(path: Path | None, lang: str | None = None) -> str | None:
    """The ``--registry`` file as a name, read once now so a bad file fails early.

    A file that cannot be read, is not JSON or TOML, or holds a bad entry is a
    message naming the file and the problem (in ``lang``, by default the run's
    message language), and exit code 2.
    """
    if path is None:
        return None
    from pmi_workflow.cli.jobs import load_registry

    name = str(path)
    try:
        load_registry(name)
    except PmiWorkflowError as error:
        raise fail_error(error, lang) from None
    return name


# -- input and output -------------------------------------------------------------------


def non_empty(records: Iterable[SourceRecord], label: str) -> Iterator[SourceRecord]:
    """The records, or :class:`InvalidInputError` (exit 2) when the input holds none.

    Empty input is the same error in every command: an empty file, only blank
    lines, a CSV with only its header, an empty JSON array.
    """
    iterator = iter(records)
    first = next(iterator, None)
    if first is None or (
        first.data is None and first.problems and all(p.kind == "empty" for p in first.problems)
    ):
        shown = STANDARD_INPUT["en"] if label == "-" else label
        raise InvalidInputError.single("the input holds no case records", "empty", source=shown)
    return itertools.chain([first], iterator)


def check_output_file(path: Path, option: str = "--out") -> None:
    """Refuse, before any work, an output file that cannot be written (exit 2).

    A folder, a missing parent folder or a parent that is not a folder are
    named in the message; so is a name the file system refuses (too long).
    """
    try:
        _check_output_file(path, option)
    except OSError as error:
        raise cannot_write(str(path), error, option) from None


def _check_output_file(path: Path, option: str) -> None:
    if path.is_dir():
        raise fail(
            f"{option} {path} adalah folder, bukan berkas.",
            f"{option} {path}: is a folder, not a file",
        )
    parent = path.parent
    if not parent.exists():
        raise fail(
            f"{option} {path}: folder {parent} tidak ada.",
            f"{option} {path}: the folder {parent} does not exist",
        )
    if not parent.is_dir():
        raise fail(
            f"{option} {path}: {parent} bukan folder.", f"{option} {path}: {parent} is not a folder"
        )
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise _not_writable(option, path)


def check_output_dir(path: Path, option: str = "--out-dir") -> None:
    """Refuse, before any work, an output folder that is a file or cannot be made (exit 2)."""
    if path.exists() and not path.is_dir():
        raise fail(
            f"{option} {path} adalah berkas, bukan folder.",
            f"{option} {path}: is a file, not a folder",
        )
    existing = path
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        raise fail(
            f"{option} {path}: {existing} bukan folder.",
            f"{option} {path}: {existing} is not a folder",
        )
    if not os.access(existing, os.W_OK):
        raise _not_writable(option, path)


def _not_writable(option: str, path: Path) -> typer.Exit:
    return fail(f"{option} {path} tidak dapat ditulis.", f"{option} {path}: not writable")


# -- logging and standard error -----------------------------------------------------------


class _RedactingStream:
    """Standard error with NIK-shaped numbers masked: usage errors repeat what was typed."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(redact(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _EnglishRunsOnly(logging.Filter):
    """Keeps a log record only when the run's messages are English (:func:`message_lang`).

    The library logs in English, for whoever runs it. In an Indonesian run
    its lines are not shown: what the officer must know, the command says
    itself in Indonesian (:func:`fail`, :func:`note`, the results).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name in _SAID_BY_THE_COMMAND and record.levelno < logging.ERROR:
            return False  # the command reports these facts itself, once, in the run's language
        return message_lang() is not Lang.ID


# Loggers whose warnings a command already turns into its own results or errors: a failed
# verification (listed on stdout and summed up on stderr) and a driver error (raised and worded).
_SAID_BY_THE_COMMAND = frozenset(
    {
        "pmi_workflow.store.verification",
        "pmi_workflow.store.sqlite",
        "pmi_workflow.store.postgresql",
    }
)


def install_redaction(level: int = logging.WARNING) -> None:
    """Mask standard error, then log to it through a redacting filter (in that order).

    The log handler is made after ``sys.stderr`` is replaced, so it writes to the
    masked stream; its filter masks the record as well. It shows nothing in an
    Indonesian run: the library's log is English (:class:`_EnglishRunsOnly`).
    """
    if not isinstance(sys.stderr, _RedactingStream):
        sys.stderr = _RedactingStream(sys.stderr)
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_EnglishRunsOnly())
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
