"""Every error the command line prints speaks the message language of the run.

The language is the command's ``--lang`` when it is given, else the locale's
(``PMI_WORKFLOW_LANG``, then ``LC_ALL``/``LC_MESSAGES``/``LANG``). In Indonesian
no English word reaches the officer, not even in the parser's usage errors; in
English the parser's own text is kept. Either way a typed NIK never comes back
unmasked.
"""

from __future__ import annotations

import ast
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import pmi_workflow
from pmi_workflow.cli.app import app
from pmi_workflow.cli.common import LocalizedGroup
from pmi_workflow.errors import CaseNotFoundError, InvalidInputError, PolicyError

from .conftest import AS_OF, EXAMPLES

runner = CliRunner()
NIK = "3603121505950002"
CASES = str(EXAMPLES / "cases.jsonl")
SOURCE = Path(pmi_workflow.__file__).parent

# The parser's English, which an Indonesian officer must never see.
CLICK_ENGLISH = ("Error:", "Try", "No such", "Invalid value", "Missing", "Usage:", "requires")

# (arguments, what the error must name)
USAGE_ERRORS = [
    pytest.param(["audit", CASES, "--bogus"], "--bogus", id="unknown option"),
    pytest.param(["bogus"], "bogus", id="unknown command"),
    pytest.param(["store", "bogus"], "bogus", id="unknown store command"),
    pytest.param(["audit"], "FILE", id="missing argument"),
    pytest.param(["store", "record", "C-1", "departed"], "--at", id="missing option"),
    pytest.param(["validate", CASES, "--format", "xml"], "--format", id="bad choice"),
    pytest.param(["validate", CASES, "--workers", "abc"], "--workers", id="bad integer"),
    pytest.param(["validate", CASES, "--workers", "999"], "--workers", id="integer out of range"),
    pytest.param(["validate", CASES, "--as-of"], "--as-of", id="option without its value"),
    pytest.param(["rules", "--catalog=yes"], "--catalog", id="flag with a value"),
    pytest.param(["report", "--format", "xml"], "--format", id="a value the command refuses"),
]


def _language(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PMI_WORKFLOW_LANG", lang)


def _run(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, args)
    return result.exit_code, result.stderr


# -- the parser's usage errors --------------------------------------------------------------


@pytest.mark.parametrize(("args", "named"), USAGE_ERRORS)
def test_a_usage_error_is_indonesian_in_indonesian_and_names_what_is_wrong(
    args: list[str], named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _language(monkeypatch, "id")
    code, stderr = _run(args)
    assert code == 2, stderr
    assert "kesalahan: " in stderr
    assert named in stderr.split("kesalahan: ", 1)[1]
    for english in CLICK_ENGLISH:
        assert english not in stderr


@pytest.mark.parametrize(("args", "named"), USAGE_ERRORS)
def test_a_usage_error_keeps_the_parsers_english_in_english(
    args: list[str], named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _language(monkeypatch, "en")
    code, stderr = _run(args)
    assert code == 2, stderr
    assert "Error: " in stderr
    assert named in stderr
    assert "kesalahan" not in stderr
    assert "Cara pakai" not in stderr


def test_the_indonesian_usage_error_shows_the_usage_line_and_where_to_find_help(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _language(monkeypatch, "id")
    _, stderr = _run(["audit", CASES, "--bogus"])
    assert stderr.splitlines() == [
        "Cara pakai: pmi-workflow audit [PILIHAN] {FILE}",
        "Coba 'pmi-workflow audit --help' untuk bantuan.",
        "",
        "kesalahan: pilihan --bogus tidak dikenal; mungkin yang dimaksud --out.",
    ]


def test_the_english_usage_error_is_the_parsers_own(monkeypatch: pytest.MonkeyPatch) -> None:
    _language(monkeypatch, "en")
    _, stderr = _run(["audit", CASES, "--bogus"])
    assert stderr.splitlines() == [
        "Usage: pmi-workflow audit [OPTIONS] {FILE}",
        "Try 'pmi-workflow audit --help' for help.",
        "",
        "Error: No such option: --bogus (Possible options: --out)",
    ]
    assert _run(["validate", CASES, "--as-of"])[1] == (
        "Error: Option '--as-of' requires an argument.\n"
    )
    assert "Error: No such command 'bogus'." in _run(["bogus"])[1]
    assert "Error: Missing argument 'FILE'." in _run(["audit"])[1]


def test_a_bad_choice_lists_the_choices_without_repeating_the_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _language(monkeypatch, "id")
    _, stderr = _run(["validate", CASES, "--format", "xml"])
    assert stderr.endswith(
        "kesalahan: nilai --format tidak dikenal; pilih salah satu: 'table', 'json', 'jsonl', "
        "atau 'xlsx'.\n"
    )
    assert "xml" not in stderr


def test_an_error_the_parser_does_not_name_gets_a_general_indonesian_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _language(monkeypatch, "id")
    code, stderr = _run(["validate", CASES, "extra.jsonl"])
    assert code == 2
    assert "kesalahan: perintah ini tidak ditulis dengan benar" in stderr
    assert "extra" not in stderr
    for english in CLICK_ENGLISH:
        assert english not in stderr


def test_the_commands_lang_chooses_the_language_of_a_usage_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _language(monkeypatch, "en")
    assert "kesalahan: pilihan --bogus" in _run(["validate", CASES, "--lang", "id", "--bogus"])[1]
    _language(monkeypatch, "id")
    english = _run(["validate", CASES, "--lang=en", "--bogus"])[1]
    assert english.startswith("Usage: pmi-workflow validate [OPTIONS]")
    assert "Error: No such option: --bogus" in english


# -- the application's exits are the parser's ---------------------------------------------


def _small_app() -> typer.Typer:
    small = typer.Typer(name="small", cls=LocalizedGroup, add_completion=False)

    @small.command()
    def stop() -> None:
        """Stop."""
        raise typer.Abort()

    @small.command()
    def leave(code: int = 0) -> None:
        """Leave."""
        raise typer.Exit(code)

    return small


@pytest.mark.parametrize(("lang", "words"), [("id", "Dibatalkan."), ("en", "Aborted!")])
def test_an_abort_exits_with_one_in_the_message_language(
    lang: str, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _language(monkeypatch, lang)
    result = runner.invoke(_small_app(), ["stop"])
    assert result.exit_code == 1
    assert result.stderr == f"{words}\n"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_exit_codes_help_and_normal_runs_are_unchanged(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _language(monkeypatch, lang)
    assert runner.invoke(_small_app(), ["leave"]).exit_code == 0
    assert runner.invoke(_small_app(), ["leave", "--code", "3"]).exit_code == 3
    assert runner.invoke(app, ["--help"]).exit_code == 0
    assert runner.invoke(app, ["validate", "--help"]).exit_code == 0
    shown = runner.invoke(app, [])  # a group without a command shows its help
    assert shown.exit_code == 2
    assert "validate" in shown.output
    assert runner.invoke(app, ["schema"]).exit_code == 0
    result = runner.invoke(app, ["validate", CASES, "--as-of", AS_OF, "--format", "json"])
    assert result.exit_code == 1
    assert result.stdout.startswith("[")


# -- the commands' own errors --------------------------------------------------------------

# (arguments, the Indonesian error, the English error): some of the former English-only ones.
COMMAND_ERRORS = [
    pytest.param(
        ["validate", CASES, "--as-of", "31/02/2024"],
        "kesalahan: --as-of bukan tanggal yang sah; tulis misalnya 3 Juli 2024 atau 03/07/2024.",
        "error: --as-of: not a real date; write e.g. 3 July 2024 or 03/07/2024",
        id="as-of",
    ),
    pytest.param(
        ["validate", CASES, "--as-of", "01/06/24"],
        "kesalahan: --as-of: tahun harus ditulis lengkap, misalnya 15/05/1970.",
        "error: --as-of: write the year in full, e.g. 15/05/1970",
        id="as-of with a two-digit year",
    ),
    pytest.param(
        ["report", CASES, "--regency", "3603", "--from", "01/01/24", "--to", "2024-12-31"],
        "kesalahan: --from: tahun harus ditulis lengkap, misalnya 15/05/1970.",
        "write the year in full, e.g. 15/05/1970",
        id="report period with a two-digit year",
    ),
    pytest.param(
        [
            "store",
            "record",
            "CASE-1",
            "registered",
            "--at",
            "12/01/2024 00:30 PST",
            "--actor",
            "disnaker",
        ],
        "kesalahan: --at: zona waktu tidak dikenal; tulis WIB, WITA, atau WIT, atau selisih dari",
        "error: --at: unknown time zone; write WIB, WITA or WIT, or an offset such as +08:00",
        id="a zone name other than WIB, WITA and WIT",
    ),
    pytest.param(
        ["explain", "eligibility.no_such_rule"],
        "kesalahan: kode aturan 'eligibility.no_such_rule' tidak dikenal",
        "error: unknown rule code 'eligibility.no_such_rule'",
        id="rule code",
    ),
    pytest.param(
        ["diagram", "--scheme", "bogus"],
        "kesalahan: skema 'bogus' tidak dikenal; pilih salah satu: 'p2p',",
        "error: unknown scheme 'bogus'; use one of p2p,",
        id="scheme",
    ),
    pytest.param(
        ["impact", CASES],
        "kesalahan: perintah impact memerlukan --new",
        "error: impact needs --new POLICY",
        id="impact",
    ),
    pytest.param(
        ["store", "export"],
        "kesalahan: perintah store export menulis rekaman lengkap beserta data pribadi",
        "error: store export writes complete records with personal data",
        id="store export",
    ),
    pytest.param(
        ["template", "berkas.txt"],
        "kesalahan: templat berupa buku kerja Excel",
        "error: the template is an Excel workbook",
        id="template",
    ),
    pytest.param(
        ["test", "--format", "xml"],
        "kesalahan: --format harus 'table', 'json', atau 'jsonl'.",
        "error: --format must be table, json or jsonl, not 'xml'",
        id="test format",
    ),
]


@pytest.mark.parametrize(("args", "indonesian", "english"), COMMAND_ERRORS)
def test_a_command_error_speaks_the_message_language(
    args: list[str], indonesian: str, english: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _language(monkeypatch, "id")
    code, stderr = _run(args)
    assert code == 2
    assert indonesian in " ".join(stderr.split())
    assert "error" not in stderr
    _language(monkeypatch, "en")
    code, stderr = _run(args)
    assert code == 2
    assert english in " ".join(stderr.split())


# Every option that takes a date or a time: (arguments before the option, the option).
DATE_OPTIONS = [
    pytest.param(["validate", CASES], "--as-of", id="validate --as-of"),
    pytest.param(["demo"], "--as-of", id="demo --as-of"),
    pytest.param(["screen"], "--as-of", id="screen --as-of"),
    pytest.param(["store", "import", CASES, "--store", "unused.db"], "--as-of", id="import"),
    pytest.param(
        ["store", "record", "C-1", "departed", "--actor", "bp3mi", "--store", "unused.db"],
        "--at",
        id="store record --at",
    ),
    pytest.param(["report", "--sample", "--to", "2024-12-31"], "--from", id="report --from"),
    pytest.param(["report", "--sample", "--from", "2024-01-01"], "--to", id="report --to"),
]


@pytest.mark.parametrize("typed", ["13/13/2024", NIK])
@pytest.mark.parametrize(("args", "option"), DATE_OPTIONS)
def test_a_bad_date_names_its_option_and_what_is_wrong_without_the_text_typed(
    args: list[str], option: str, typed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _language(monkeypatch, "id")
    code, stderr = _run([*args, option, typed])
    word = "waktu" if option == "--at" else "tanggal"
    assert (code, stderr.split(" yang sah;")[0]) == (2, f"kesalahan: {option} bukan {word}")
    assert "misalnya 03/07/2024" in stderr or "atau 03/07/2024" in stderr
    _language(monkeypatch, "en")
    if args[0] == "screen":  # screen speaks Indonesian, errors included, unless asked
        args = [*args, "--lang", "en"]
    code, stderr = _run([*args, option, typed])
    assert (code, stderr.split("; write e.g.")[0]) == (2, f"error: {option}: not a real date")
    for shown in (stderr, _run([*args, option, typed])[1]):
        assert typed[:4] not in shown
        assert "date:" not in shown


def test_a_month_first_date_is_named_by_its_option_in_both_languages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _language(monkeypatch, "id")
    assert _run(["screen", "--as-of", "12/31/2024"]) == (
        2,
        "kesalahan: --as-of: tanggal ditulis bulan lebih dulu; tulis hari/bulan/tahun, misalnya "
        "13/01/2024.\n",
    )
    _language(monkeypatch, "en")
    assert _run(["screen", "--as-of", "12/31/2024", "--lang", "en"]) == (
        2,
        "error: --as-of: the date is written month first; write day/month/year\n",
    )


def test_xlsx_on_a_terminal_without_out_is_refused_in_indonesian(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pmi_workflow.cli import app as application
    from pmi_workflow.cli.common import Lang

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(application.sys, "stdout", Terminal())
    with pytest.raises(typer.Exit) as stopped:
        application._write_xlsx([], None, Lang.ID)
    assert stopped.value.exit_code == 2
    assert " ".join(capsys.readouterr().err.split()) == (
        "kesalahan: --format xlsx menulis buku kerja ke berkas; tambahkan --out, misalnya "
        "--out hasil.xlsx."
    )


def test_the_commands_lang_chooses_the_language_of_its_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _language(monkeypatch, "en")
    stderr = _run(["explain", "eligibility.no_such_rule", "--lang", "id"])[1]
    assert "kesalahan: kode aturan" in stderr
    _language(monkeypatch, "id")
    stderr = _run(["explain", "eligibility.no_such_rule", "--lang", "en"])[1]
    assert "error: unknown rule code" in stderr


def test_a_library_error_is_worded_in_indonesian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _language(monkeypatch, "id")
    empty = tmp_path / "kosong.jsonl"
    empty.write_text("", "utf-8")
    assert _run(["audit", str(empty)]) == (
        2,
        f"kesalahan: data tidak valid di {empty}\n  tidak ada data\n",
    )
    policy = tmp_path / "instansi.toml"
    policy.write_text("[policy]\nbogus = 1\n", "utf-8")
    code, stderr = _run(["rules", "--policy", str(policy)])
    assert code == 2
    assert " ".join(stderr.split()) == (
        f"kesalahan: berkas kebijakan {policy} tidak dapat dipakai: periksa bagian [policy]."
    )
    _run(["store", "init", "--store", str(tmp_path / "s.db")])
    code, stderr = _run(["store", "show", "C-404", "--store", str(tmp_path / "s.db")])
    assert (code, stderr) == (2, "kesalahan: berkas dengan nomor C-404 tidak ada di penyimpanan.\n")
    _language(monkeypatch, "en")
    code, stderr = _run(["store", "show", "C-404", "--store", str(tmp_path / "s.db")])
    assert (code, stderr) == (2, "error: no case with id 'C-404'\n")


def test_the_district_report_names_each_bad_record_by_its_indonesian_line_in_indonesian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _language(monkeypatch, "id")
    cases = tmp_path / "berkas.jsonl"
    cases.write_text('{"case_id": "BAD-1", "scheme": "p2p"}\n{not json\n', "utf-8")
    code, stderr = _run(
        ["report", str(cases), "--regency", "3603", "--from", "2024-01-01", "--to", "2024-12-31"]
    )
    assert code == 2
    assert f"  {cases} baris 1, applicant: wajib diisi\n" in stderr
    assert f"  {cases} baris 2: bukan JSON yang valid\n" in stderr
    assert "line" not in stderr
    assert "<root>" not in stderr


def test_the_library_errors_have_indonesian_words_of_their_own() -> None:
    from pmi_workflow.cli.messages import library_error_text

    problems = InvalidInputError.single("the input holds no case records", "empty", source="-x")
    assert library_error_text(problems, "id") == "data tidak valid di -x\n  tidak ada data"
    at_line = InvalidInputError.single(
        "not a date", "date", ("birth_date",), source="f.jsonl line 3"
    )
    assert library_error_text(at_line, "id") == (
        "data tidak valid di f.jsonl baris 3\n  birth_date: bukan tanggal"
    )
    assert library_error_text(PolicyError("not valid TOML", file="a.toml"), "id") == (
        "berkas kebijakan a.toml tidak dapat dipakai"
    )
    assert library_error_text(CaseNotFoundError("C-1"), "en") == "no case with id 'C-1'"


def test_every_library_error_has_an_indonesian_sentence_without_english() -> None:
    from pmi_workflow.cli.messages import library_error_text
    from pmi_workflow.errors import (
        ConcurrencyConflictError,
        DefinitionError,
        PmiWorkflowError,
        ProcedureViolation,
        StoreError,
        TamperDetectedError,
    )
    from pmi_workflow.io.batch import WorkerFailedError
    from pmi_workflow.store.errors import (
        CaseExistsError,
        DuplicateEventError,
        SchemaVersionError,
        StoreDriverError,
        StoreNotFoundError,
    )

    errors = [
        PolicyError("unknown key 'x'", file="a.toml", key="policy"),
        DefinitionError(["a step without a path"]),
        ProcedureViolation("departed", []),
        StoreError("the store is closed"),
        CaseNotFoundError("C-1"),
        ConcurrencyConflictError("C-1", 2, 3),
        TamperDetectedError("C-1", 3, "the hash does not match"),
        TamperDetectedError("C-1", 0, "the stored case cannot be read"),
        CaseExistsError("C-1"),
        DuplicateEventError("C-1", "e-1"),
        SchemaVersionError(9, 3, "newer than this release"),
        StoreDriverError("SQLite", "OperationalError", "SQLITE_BUSY"),
        StoreNotFoundError("kasus/cases.db"),
        WorkerFailedError("a worker process stopped unexpectedly"),
        PmiWorkflowError("something else"),
    ]
    for error in errors:
        text = library_error_text(error, "id")
        assert text, error
        assert not _ENGLISH.search(_TYPED.sub("", text)), text
        assert library_error_text(error, "en") == str(error)
    assert library_error_text(errors[6], "id") == (
        "catatan langkah ke-3 pada berkas C-1 tidak lolos pemeriksaan keutuhan (rantai hash dan "
        "segel)"
    )
    assert library_error_text(errors[2], "id") == (
        "pencatatan pemberangkatan ditolak karena prosedur belum dipenuhi"
    )
    assert library_error_text(errors[-3], "id") == "berkas basis data kasus/cases.db tidak ada"


def _tamper_reasons() -> set[str]:
    """Every reason the store gives for a case that fails verification: the texts given to a
    ``BrokenLink``, the reasons a seal is refused, and the named ones."""
    from pmi_workflow.store import verification

    reasons = {getattr(verification, name) for name in verification.__all__ if name.isupper()}
    for name in ("chain.py", "verification.py", "seal.py"):
        tree = ast.parse((SOURCE / "store" / name).read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "BrokenLink":
                values = node.args
            elif isinstance(node, ast.FunctionDef) and node.name == "check" and name == "seal.py":
                values = [each.value for each in ast.walk(node) if isinstance(each, ast.Return)]
            else:
                continue
            reasons |= {
                value.value
                for value in values
                if isinstance(value, ast.Constant) and isinstance(value.value, str)
            }
    return reasons


def test_every_reason_a_case_fails_verification_has_indonesian_words() -> None:
    from pmi_workflow.cli.messages import tamper_reason_text

    reasons = _tamper_reasons()
    assert "the seal does not match the case head" in reasons
    assert "an event is missing" in reasons
    assert len(reasons) >= 17
    general = tamper_reason_text("something new", "id")
    for reason in reasons:
        text = tamper_reason_text(reason, "id")
        assert text != general, reason
        assert not _ENGLISH.search(_TYPED.sub("", text)), text
        assert tamper_reason_text(reason, "en") == reason


# -- what the store commands print on standard error ------------------------------------


def _script(args: list[str], lang: str) -> subprocess.CompletedProcess[str]:
    """The command line as the console script runs it (with its log handler), in ``lang``."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(PMI_WORKFLOW_LANG=lang, PYTHONPATH=str(SOURCE.parent), COLUMNS="200")
    return subprocess.run(
        [sys.executable, "-m", "pmi_workflow", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def _tampered_store(tmp_path: Path) -> Path:
    database = tmp_path / "berkas.db"
    _run(["store", "import", str(EXAMPLES / "schemes" / "g2g.json"), "--store", str(database)])
    with sqlite3.connect(database) as connection:
        connection.execute(
            "update events set payload = replace(payload, 'disnaker', 'p3mi') where rowid = 2"
        )
    connection.close()
    return database


def test_a_store_problem_is_one_indonesian_line_without_the_librarys_english_log(
    tmp_path: Path,
) -> None:
    not_a_database = tmp_path / "bukan.db"
    not_a_database.write_text("bukan basis data\n", "utf-8")
    tampered = _tampered_store(tmp_path)
    cases = [
        (
            ["store", "show", "--store", str(not_a_database)],
            "kesalahan: berkas yang diberikan bukan basis data SQLite.\n",
        ),
        (
            ["store", "init", "--store", str(tmp_path / "tidak-ada" / "berkas.db")],
            "kesalahan: berkas basis data SQLite tidak dapat dibuka; periksa lokasi berkas dan "
            "foldernya.\n",
        ),
        (
            ["store", "show", "--store", str(tmp_path / "tidak-ada" / "berkas.db")],
            f"kesalahan: --store: penyimpanan {tmp_path / 'tidak-ada' / 'berkas.db'} tidak ada. "
            "Penyimpanan dibuat dengan perintah 'store init' atau 'store import'.\n",
        ),
        (
            ["store", "export", "--store", str(tampered), "--include-personal-data"],
            "kesalahan: catatan langkah ke-2 pada berkas CASE-G2G-0001 tidak lolos pemeriksaan "
            "keutuhan (rantai hash dan segel).\n",
        ),
        (
            ["store", "verify", "--store", str(tampered)],  # the JSON on stdout, and for people:
            "catatan: 1 berkas tidak lolos pemeriksaan keutuhan (1 berkas diperiksa).\n"
            "catatan: CASE-G2G-0001 pada versi 2: isi catatan langkah tidak sesuai dengan "
            "hash-nya.\n",
        ),
    ]
    for args, stderr in cases:
        result = _script(args, "id")
        assert result.returncode in (1, 2), result.stderr
        assert result.stderr == stderr
    english = _script(cases[0][0], "en")
    assert english.stderr == (  # words, the driver's code in parentheses, and said once
        "error: the file is not a SQLite database (DatabaseError, SQLITE_NOTADB)\n"
    )


def test_an_english_verify_names_each_broken_case_once(tmp_path: Path) -> None:
    tampered = _tampered_store(tmp_path)
    result = _script(["store", "verify", "--store", str(tampered)], "en")
    assert result.returncode == 1
    assert result.stderr == (
        "note: 1 case(s) failed verification (1 checked)\n"
        "note: CASE-G2G-0001 at version 2: the event does not match its hash\n"
    )


def test_the_library_log_shows_in_an_english_run_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    from pmi_workflow.cli.common import install_redaction

    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    try:
        install_redaction()
        for lang in ("id", "en"):
            _language(monkeypatch, lang)
            logging.getLogger("pmi_workflow.store").warning("logged in an %s run", lang)
    finally:
        for handler in root.handlers[len(before) :]:
            root.removeHandler(handler)
        root.setLevel(level)
    assert capsys.readouterr().err == "WARNING pmi_workflow.store: logged in an en run\n"


# -- the masking boundary ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["validate", CASES, "--format", NIK], id="choice"),
        pytest.param(["validate", CASES, "--workers", NIK], id="integer"),
        pytest.param(["validate", CASES, "--as-of", NIK], id="date"),
        pytest.param(["validate", CASES, f"--{NIK}"], id="option"),
        pytest.param(["explain", NIK], id="rule code"),
        pytest.param(["diagram", "--scheme", NIK], id="scheme"),
        pytest.param(["report", "--sample", "--from", NIK, "--to", "2024-12-31"], id="report"),
        pytest.param([NIK], id="command"),
    ],
)
def test_a_typed_nik_never_comes_back_unmasked(
    args: list[str], lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _language(monkeypatch, lang)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert NIK not in result.output
    assert result.stderr


# -- the gap cannot come back --------------------------------------------------------------


def _command_sources() -> list[Path]:
    return [*sorted((SOURCE / "cli").glob("*.py")), SOURCE / "reports" / "cli.py"]


def _text(node: ast.expr) -> str:
    """The literal words of a string expression (the parts of an f-string between values)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(_text(part) for part in node.values if isinstance(part, ast.Constant))
    return ""


# English words that would betray an untranslated Indonesian text.
_ENGLISH = re.compile(
    r"\b(the|and|of|with|not|is|are|cannot|needs?|give|unknown|must|exists?|writable|file|"
    r"error|choose|missing|invalid|such|try|use|run|found|one|or|to)\b",
    re.IGNORECASE,
)
# What is typed as it is: option names, quoted values, file patterns, install commands.
_TYPED = re.compile(r"--[a-z-]+|'[^']*'|\"[^\"]*\"|\*\.[a-z.]+|pip install \S+|pmi-workflow \w+")


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    found = []
    for path in _command_sources():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                called = node.func.attr if isinstance(node.func, ast.Attribute) else None
                called = node.func.id if isinstance(node.func, ast.Name) else called
                if called == name:
                    found.append((f"{path.name}:{node.lineno}", node))
    return found


def _written_calls(name: str) -> int:
    """How many times ``name(`` is written as a call in the command sources, counted on the
    text (not with :mod:`ast`): definitions and doctest lines left out."""
    call = re.compile(rf"(?<![\w.])(?:\w+\.)?{name}\(")
    skipped = ("def ", "class ", ">>>", "...")
    return sum(
        len(call.findall(line))
        for path in _command_sources()
        for line in path.read_text("utf-8").splitlines()
        if not line.strip().startswith(skipped)
    )


@pytest.mark.parametrize("helper", ["fail", "BadValue"])
def test_every_error_a_command_writes_is_given_in_indonesian_and_english(helper: str) -> None:
    calls = _calls(helper)
    # The scan finds every call the text holds (so a call it missed cannot go unchecked),
    # and there are many: every command writes its errors through these two.
    assert len(calls) == _written_calls(helper)
    assert len(calls) >= (25 if helper == "fail" else 8)
    problems = []
    for where, call in calls:
        texts = call.args[:2] + [
            kw.value for kw in call.keywords if kw.arg in ("id_text", "en_text")
        ]
        if len(texts) < 2:
            problems.append(f"{where}: one text only")
            continue
        indonesian, english = _text(texts[0]), _text(texts[1])
        if indonesian and indonesian == english:
            problems.append(f"{where}: the same text twice")
        if _ENGLISH.search(_TYPED.sub("", indonesian)):
            problems.append(f"{where}: English in {indonesian!r}")
    assert problems == []


def test_no_command_prints_an_error_of_its_own_or_raises_an_english_only_bad_parameter() -> None:
    problems = []
    for path in _command_sources():
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "_fail":
                problems.append(f"{path.name}: defines its own _fail")
            printer = path.name == "common.py"  # fail() and the usage errors print from there
            if (
                not printer
                and isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and re.match(r"(\[bold red\])?(error|kesalahan):", node.value)
            ):
                problems.append(f"{path.name}:{node.lineno}: prints {node.value!r}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "BadParameter"
            ):
                problems.append(f"{path.name}:{node.lineno}: typer.BadParameter without Indonesian")
    assert problems == []


def test_notes_on_stderr_speak_the_run_language_too(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pmi_workflow.io.sizing import available_cpus

    too_many = str(available_cpus() + 1)
    store = str(tmp_path / "kasus.db")
    for lang, workers_note, ready in (
        ("id", "proses kerja diminta", "catatan: penyimpanan siap"),
        ("en", "workers asked for", "note: store ready"),
    ):
        _language(monkeypatch, lang)
        code, stderr = _run(["audit", CASES, "--as-of", AS_OF, "--workers", too_many])
        assert code == 1
        assert workers_note in stderr
        code, stderr = _run(["store", "init", "--store", store])
        assert code == 0
        assert ready in stderr
