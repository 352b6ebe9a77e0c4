"""The words of the command line's errors in Indonesian: usage errors and library errors.

:func:`pmi_workflow.cli.common.fail` prints a message the commands word in
both languages. This module words the errors no command writes itself:

* the usage errors of the command-line parser (an unknown option, a missing
  argument, a value that is not one of the choices...), worded from the
  error's type and attributes, never from its English text; what cannot be
  worded that way gets a general Indonesian sentence;
* the library's errors (:class:`~pmi_workflow.errors.PmiWorkflowError`),
  worded from their type and data: input problems by their kind
  (:func:`pmi_workflow.labels.problem_text`), the store's errors by what
  they carry.

A value typed for an option is not repeated: an error names the option or
argument, and what it accepts. Everything returned here is still masked and
cleaned by the caller before it is printed.

>>> library_error_text(PolicyError("unknown key 'x'", file="agency.toml", key="policy"), "id")
'berkas kebijakan agency.toml tidak dapat dipakai: periksa bagian [policy]'
>>> one_of(["table", "json", "jsonl"], "id")
"'table', 'json', atau 'jsonl'"
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import typer

from pmi_workflow.errors import (
    CaseNotFoundError,
    ConcurrencyConflictError,
    DefinitionError,
    InvalidInputError,
    PmiWorkflowError,
    PolicyError,
    ProcedureViolation,
    StoreError,
    TamperDetectedError,
)

__all__ = [
    "STANDARD_INPUT",
    "BadValue",
    "click_errors",
    "library_error_text",
    "one_of",
    "tamper_reason_text",
    "usage_error_text",
]

# The parser's exception classes, from the module that defines typer's ``BadParameter``
# (typer's own copy of click in recent releases, click itself in older ones).
click_errors: Any = importlib.import_module(typer.BadParameter.__module__)

STANDARD_INPUT = {"id": "masukan standar", "en": "standard input"}
"""How standard input (``-``) is named in a message."""


class BadValue(typer.BadParameter):
    """A value the command refuses, worded in both languages (exit 2, after the usage line).

    English shows ``Invalid value for --lang: choose id or en`` as the parser
    does; Indonesian shows ``id_text``, a whole sentence that names the option.

    >>> str(BadValue("--lang harus 'id' atau 'en'.", "choose id or en", "--lang"))
    'choose id or en'
    """

    def __init__(self, id_text: str, en_text: str, option: str) -> None:
        super().__init__(en_text, param_hint=option)
        self.id_text = id_text


def one_of(values: Iterable[str], lang: str = "id") -> str:
    """Values typed as they are, quoted, as a choice: ``'a', 'b', atau 'c'``.

    >>> one_of(["id", "en"], "id"), one_of(["id", "en"], "en")
    ("'id' atau 'en'", "'id' or 'en'")
    """
    quoted = [f"'{value}'" for value in values]
    word = " atau " if lang == "id" else " or "
    if len(quoted) <= 2:
        return word.join(quoted)
    last = (", atau " if lang == "id" else ", or ") + quoted[-1]
    return ", ".join(quoted[:-1]) + last


# -- usage errors ----------------------------------------------------------------------


def usage_error_text(error: Any, root: Any = None) -> str:
    """A usage error of the parser as an Indonesian sentence (without the ``kesalahan:``).

    ``root`` is the command line's top command: an option used without its
    value is looked up there when the error does not say which command it
    belongs to.
    """
    if isinstance(error, BadValue):
        return error.id_text
    if getattr(error, "unknown_command", None) is not None:
        return _unknown_command(error.unknown_command, error.suggestions)
    if isinstance(error, click_errors.NoSuchOption):
        text = f"pilihan {error.option_name} tidak dikenal"
        if error.possibilities:
            text += f"; mungkin yang dimaksud {_plain_one_of(sorted(error.possibilities))}"
        return text + "."
    if isinstance(error, click_errors.MissingParameter):
        kind = getattr(error, "param_type", None) or getattr(error.param, "param_type_name", "")
        word = {"argument": "argumen", "option": "pilihan"}.get(str(kind), "nilai")
        return f"{word} {_name(error.param, error.param_hint)} wajib diisi."
    if isinstance(error, click_errors.BadParameter):
        return _bad_value(error.param, error.param_hint)
    if isinstance(error, click_errors.BadOptionUsage):
        command = error.ctx.command if error.ctx is not None else root
        if _is_flag(command, error.option_name):
            return f"pilihan {error.option_name} tidak memakai nilai."
        return f"pilihan {error.option_name} memerlukan nilai."
    if isinstance(error, click_errors.BadArgumentUsage):
        return "argumen perintah ini tidak lengkap atau tidak ditulis dengan benar."
    if isinstance(error, click_errors.UsageError):
        return "perintah ini tidak ditulis dengan benar; periksa argumen dan pilihannya."
    if isinstance(error, click_errors.FileError):
        return f"berkas {error.ui_filename} tidak dapat dibuka."
    return "perintah tidak dapat diselesaikan."


def _unknown_command(name: str, suggestions: Sequence[str]) -> str:
    text = f"perintah '{name}' tidak dikenal"
    if suggestions:
        text += f"; mungkin yang dimaksud {one_of(suggestions, 'id')}"
    return text + "."


def _plain_one_of(values: Sequence[str]) -> str:
    """Option names as a choice, unquoted: ``--out atau --out-dir``."""
    return one_of(values, "id").replace("'", "")


def _name(param: Any, hint: Any = None) -> str:
    """How the option or argument is typed: ``--as-of``, ``FILE``."""
    if hint is not None:
        return hint if isinstance(hint, str) else " / ".join(str(part) for part in hint)
    if param is None:
        return ""
    opts = [opt for opt in getattr(param, "opts", ()) if opt.startswith("--")]
    if getattr(param, "param_type_name", "") == "option" and (opts or param.opts):
        return str((opts or param.opts)[0])
    shown = getattr(param, "display_name_raw", None) or param.metavar or param.name or ""
    return str(shown)


def _bad_value(param: Any, hint: Any) -> str:
    name = _name(param, hint)
    if not name:
        return "ada nilai yang tidak sah."
    choices = _choices(param)
    if choices:
        return f"nilai {name} tidak dikenal; pilih salah satu: {one_of(choices, 'id')}."
    if _is_integer(param):
        low, high = _bounds(param)
        if low is not None and high is not None:
            return f"nilai {name} harus berupa bilangan bulat dari {low} sampai {high}."
        if low is not None:
            return f"nilai {name} harus berupa bilangan bulat, paling kecil {low}."
        if high is not None:
            return f"nilai {name} harus berupa bilangan bulat, paling besar {high}."
        return f"nilai {name} harus berupa bilangan bulat."
    return f"nilai {name} tidak sah."


def _choices(param: Any) -> list[str]:
    found = getattr(getattr(param, "type_descriptor", None), "choices", None) or getattr(
        getattr(param, "type", None), "choices", None
    )
    return [str(getattr(choice, "value", choice)) for choice in found or ()]


def _is_integer(param: Any) -> bool:
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if annotation is int:
        return True
    return getattr(getattr(param, "type", None), "name", "") in ("integer", "integer range")


def _bounds(param: Any) -> tuple[Any, Any]:
    for holder in (param, getattr(param, "type", None)):
        low, high = getattr(holder, "min", None), getattr(holder, "max", None)
        if low is not None or high is not None:
            return low, high
    return None, None


def _is_flag(command: Any, option: str) -> bool:
    """Whether ``option`` is a flag (takes no value) wherever it is declared under ``command``."""
    declared = [
        param
        for each in _commands(command)
        for param in getattr(each, "params", ())
        if option in getattr(param, "opts", ()) or option in getattr(param, "secondary_opts", ())
    ]
    return bool(declared) and all(getattr(param, "is_flag", False) for param in declared)


def _commands(command: Any) -> Iterator[Any]:
    if command is None:
        return
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


# -- library errors ----------------------------------------------------------------------

_POSITION = re.compile(r"^(?P<source>.*) (?P<position>(?:line|row|item) \d+)$")
_RECORD_PLACE = re.compile(r"^(?P<record>.* (?:line|row|item) \d+), (?P<field>.*)$")


def library_error_text(error: PmiWorkflowError, lang: str) -> str:
    """A library error in ``lang``: English is the library's own message; Indonesian is worded
    from the error's type and data, and keeps nothing English."""
    if lang != "id":
        return str(error)
    if isinstance(error, InvalidInputError):
        return _invalid_input(error)
    if isinstance(error, PolicyError):
        text = "berkas kebijakan" + (f" {error.file}" if error.file else "")
        text += " tidak dapat dipakai"
        return text + (f": periksa bagian [{error.key}]" if error.key else "")
    if isinstance(error, ProcedureViolation):
        from pmi_workflow.labels import step_noun

        refusing = error.errors or error.findings
        reason = f": {refusing[0].message_id.rstrip('.')}" if refusing else ""
        return f"pencatatan {step_noun(error.step)} ditolak karena prosedur belum dipenuhi{reason}"
    if isinstance(error, DefinitionError):
        return "definisi prosedur tidak konsisten"
    if isinstance(error, StoreError):
        return _store_error(error)
    if error.code == "worker_failed":
        return (
            "proses kerja berhenti sebelum selesai (mungkin kehabisan memori); "
            "jalankan lagi dengan --workers yang lebih kecil"
        )
    return "perintah tidak dapat diselesaikan karena data yang diberikan tidak dapat dipakai"


_GENERAL = "data tidak valid"


def _invalid_input(error: InvalidInputError) -> str:
    from pmi_workflow.labels import problem_text

    lines = []
    for problem in error.problems[:50]:
        text = problem_text(problem.kind, problem.message, "id")
        if problem.location:
            lines.append(f"  {_where_id(problem.where)}: {text}")
        elif text != _GENERAL:  # the heading already says as much
            lines.append(f"  {text}")
    more = len(error.problems) - min(len(error.problems), 50)
    if more > 0:
        lines.append(f"  dan {more} lainnya")
    source = f" di {_source_id(error.source)}" if error.source else ""
    return "\n".join([f"{_GENERAL}{source}", *lines])


def _source_id(source: str) -> str:
    """Where an input came from, in Indonesian: ``cases.jsonl baris 3``, ``masukan standar``."""
    if source == STANDARD_INPUT["en"]:
        return STANDARD_INPUT["id"]
    found = _POSITION.match(source)
    if found is None:
        return source
    from pmi_workflow.cli.render import position_text

    return f"{found['source']} {position_text(found['position'], 'id')}"


def _where_id(where: str) -> str:
    """A problem's place in Indonesian: a record of a file (``cases.jsonl line 3, scheme``, as the
    district report names it) by its Indonesian position, without ``<root>``."""
    found = _RECORD_PLACE.match(where)
    if found is None:
        return where
    record = _source_id(found["record"])
    return record if found["field"] == "<root>" else f"{record}, {found['field']}"


def _store_error(error: StoreError) -> str:
    case = getattr(error, "case_id", None)
    if isinstance(error, CaseNotFoundError):
        return f"berkas dengan nomor {case} tidak ada di penyimpanan"
    if isinstance(error, ConcurrencyConflictError):
        return (
            f"berkas {case} sudah berubah (versi {error.actual_version}, bukan "
            f"{error.expected_version}); muat ulang lalu coba lagi"
        )
    if isinstance(error, TamperDetectedError):
        if error.version < 1:
            return f"berkas {case} yang tersimpan tidak lolos pemeriksaan keutuhan"
        return (
            f"catatan langkah ke-{error.version} pada berkas {case} tidak lolos pemeriksaan "
            "keutuhan (rantai hash dan segel)"
        )
    if error.code == "store_driver_error":
        return _driver_error(error)
    worded = {
        "case_exists": f"berkas dengan nomor {case} sudah tersimpan",
        "store_not_found": f"berkas basis data {getattr(error, 'path', '')} tidak ada",
        "duplicate_event": f"catatan langkah pada berkas {case} sudah tersimpan dengan isi lain",
        "schema_version": (
            f"versi skema basis data ({getattr(error, 'found', '')}) tidak didukung; "
            f"versi yang didukung: {getattr(error, 'supported', '')}"
        ),
    }
    return worded.get(error.code, "penyimpanan gagal menjalankan perintah ini")


# What the database's own error names mean for the officer (SQLite's result codes).
_DRIVER_PROBLEMS = {
    "SQLITE_CANTOPEN": (
        "berkas basis data {database} tidak dapat dibuka; periksa lokasi berkas dan foldernya"
    ),
    "SQLITE_NOTADB": "berkas yang diberikan bukan basis data {database}",
    "SQLITE_CORRUPT": "berkas basis data {database} rusak",
    "SQLITE_BUSY": "basis data {database} sedang dipakai proses lain; coba lagi nanti",
    "SQLITE_LOCKED": "basis data {database} sedang dipakai proses lain; coba lagi nanti",
    "SQLITE_READONLY": "basis data {database} hanya dapat dibaca, tidak dapat ditulis",
    "SQLITE_FULL": "ruang penyimpanan penuh; basis data {database} tidak dapat ditulis",
    "SQLITE_IOERR": "basis data {database} tidak dapat dibaca atau ditulis",
}


def _driver_error(error: StoreError) -> str:
    """A failure of the database in words: what its error code means, when it is known."""
    database = getattr(error, "database", "")
    known = _DRIVER_PROBLEMS.get(str(getattr(error, "error_code", "")))
    if known is None:
        return f"basis data {database} gagal menjalankan perintah ini"
    return known.format(database=database)


# Why a stored case fails verification (the library's reasons, which stay English in the JSON
# of ``store verify``), in Indonesian.
_TAMPER_REASONS_ID = {
    "the dossier does not match its hash": "data berkas tidak sesuai dengan hash-nya",
    "an event is missing": "ada catatan langkah yang hilang",
    "the link to the previous event does not match": (
        "catatan langkah tidak tersambung dengan catatan langkah sebelumnya; rantai hash terputus"
    ),
    "the event does not match its hash": "isi catatan langkah tidak sesuai dengan hash-nya",
    "the event cannot be read": "catatan langkah tidak dapat dibaca",
    "the event's columns do not match its content": (
        "kolom catatan langkah tidak sesuai dengan isinya"
    ),
    "the case version does not match its events": (
        "versi berkas tidak sesuai dengan jumlah catatan langkahnya"
    ),
    "the case head does not match its last event": (
        "hash terakhir yang tercatat pada berkas tidak sesuai dengan catatan langkah terakhir"
    ),
    "the summary does not match the case head": (
        "ringkasan berkas tidak sesuai dengan hash ringkasan yang tercatat pada berkas"
    ),
    "the summary is not what the case's history gives": (
        "ringkasan berkas berbeda dari hasil penilaian ulang riwayat langkahnya"
    ),
    "a case of the checkpoint is missing": (
        "berkas yang tercatat pada titik periksa tidak ada lagi di penyimpanan"
    ),
    "the case has fewer events than at the checkpoint": (
        "catatan langkahnya lebih sedikit daripada saat titik periksa dibuat"
    ),
    "the history up to the checkpoint was rewritten": (
        "riwayat langkah sampai titik periksa telah ditulis ulang"
    ),
    "the stored case cannot be read": "data berkas yang tersimpan tidak dapat dibaca",
    "events are stored for a case that has no case head": (
        "ada catatan langkah tersimpan untuk berkas yang data pokoknya sudah tidak ada"
    ),
    "the case head is not sealed": "berkas belum disegel",
    "the case head is sealed with an unknown key": "berkas disegel dengan kunci yang tidak dikenal",
    "the seal does not match the case head": "segel tidak sesuai dengan data berkas",
}


def tamper_reason_text(reason: str, lang: str) -> str:
    """Why a stored case failed verification (a :class:`~pmi_workflow.store.BrokenLink`'s
    ``reason``), in ``lang``.

    >>> tamper_reason_text("an event is missing", "id")
    'ada catatan langkah yang hilang'
    >>> tamper_reason_text("an event is missing", "en")
    'an event is missing'
    """
    if lang != "id":
        return reason
    return _TAMPER_REASONS_ID.get(reason, "berkas tidak lolos pemeriksaan keutuhan")
