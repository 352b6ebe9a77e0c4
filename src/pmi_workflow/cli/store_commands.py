"""``pmi-workflow store``: keep cases in an embedded SQLite file or in PostgreSQL.

The target is a file path (SQLite, the default ``pmi-workflow.db``), a
``sqlite:///`` URL or a ``postgresql://`` URL (``sql`` extra). It can also be
set in the ``PMI_WORKFLOW_STORE`` environment variable.

``--key-file`` (or ``PMI_WORKFLOW_STORE_KEY_FILE``) names the seal key, kept
outside the database; give it to every command that writes or verifies. A
second ``--key-file`` is an older key still accepted while rotating.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from pmi_workflow.cli.common import (
    Lang,
    LocalizedGroup,
    RegistryOpt,
    bilingual,
    bilingual_doc,
    cannot_write,
    check_output_file,
    fail,
    message_lang,
    note,
    one_of,
    out_console,
    registry_file,
    time_option,
)
from pmi_workflow.cli.render import Columns, print_table, table_cell
from pmi_workflow.domain import Case, CaseEvent
from pmi_workflow.io import InputFormat
from pmi_workflow.privacy import mask_case_id, redact_data
from pmi_workflow.store import (
    AppendResult,
    CaseQuery,
    CaseStore,
    CaseSummary,
    open_store,
    summarize,
)
from pmi_workflow.store.seal import SealKey

__all__ = ["store_app"]

store_app = typer.Typer(
    cls=LocalizedGroup,
    help=bilingual(
        "Penyimpanan berkas CPMI (bawaan berkas SQLite, atau alamat PostgreSQL). Perintahnya: "
        "'init', 'import', 'show', 'export', 'verify', 'checkpoint', 'keygen' dan 'reseal'.",
        "Store cases (SQLite file by default, or a PostgreSQL URL): init, import, show, "
        "export, verify, checkpoint, keygen, reseal.",
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

Target = Annotated[
    str,
    typer.Option(
        "--store",
        metavar="TARGET",
        envvar="PMI_WORKFLOW_STORE",
        help=bilingual(
            (
                "Lokasi berkas SQLite, atau alamat basis data dalam bentuk 'sqlite:///lokasi' "
                "atau 'postgresql://...'."
            ),
            "SQLite file path, sqlite:///path or postgresql://... URL.",
        ),
    ),
]
DEFAULT_TARGET = "pmi-workflow.db"

KeyFiles = Annotated[
    list[str] | None,
    typer.Option(
        "--key-file",
        metavar="FILE",
        envvar="PMI_WORKFLOW_STORE_KEY_FILE",
        help=bilingual(
            "Berkas kunci segel, disimpan di luar basis data. Boleh diulang: kunci pertama "
            "dipakai untuk menyegel, kunci lainnya adalah kunci lama yang masih diterima.",
            "Seal key file, kept outside the database (repeat: the first seals, the others "
            "are older keys still accepted).",
        ),
    ),
]


def judged_projector(
    case: Case, *, as_of: datetime.date, licence_file: str | None = None
) -> CaseSummary:
    """A summary with the workflow's state and the audit's verdict as of ``as_of`` (licences
    checked against the licence data in ``licence_file``, when given)."""
    from pmi_workflow.cli.engine import workflow_for
    from pmi_workflow.cli.jobs import load_policy, load_registry

    report = workflow_for(load_policy(()), load_registry(licence_file)).audit(case, as_of=as_of)
    return summarize(case, state=report.state, verdict=report.verdict)


T = TypeVar("T")


def _open(
    target: str,
    as_of: datetime.date | None = None,
    key_files: list[str] | None = None,
    licence_file: str | None = None,
    *,
    create: bool = False,
) -> CaseStore:
    """The store at ``target``; a command that only reads (``create`` false) refuses an SQLite
    file that does not exist (exit 2) rather than create it empty."""
    from pmi_workflow.store import StoreNotFoundError

    options: dict[str, Any] = {}
    if as_of:
        options["projector"] = functools.partial(
            judged_projector, as_of=as_of, licence_file=licence_file
        )
    if key_files:
        options["keys"] = [SealKey.from_file(path) for path in key_files]
    try:
        return open_store(target, create=create, **options)
    except StoreNotFoundError:
        shown = _shown(target)
        raise fail(
            f"--store: penyimpanan {shown} tidak ada. Penyimpanan dibuat dengan perintah "
            "'store init' atau 'store import'.",
            f"--store: {shown} does not exist; create it with 'store init' or 'store import'",
        ) from None


def _unless_tampered(
    target: str,
    key_files: list[str] | None,
    operation: Callable[[CaseStore], T],
    refused: tuple[str, str],
) -> T:
    """``operation`` on the opened store (closed after); tampering found stops it with exit 1,
    the message starting with ``refused`` (in Indonesian, then in English)."""
    from pmi_workflow.cli.common import EXIT_FINDINGS, guard
    from pmi_workflow.cli.messages import library_error_text
    from pmi_workflow.errors import TamperDetectedError

    with guard():
        opened = _open(target, key_files=key_files)
        try:
            return operation(opened)
        except TamperDetectedError as error:
            raise fail(
                f"{refused[0]}: {library_error_text(error, 'id')}.",
                f"{refused[1]}: {error}",
                EXIT_FINDINGS,
            ) from None
        finally:
            opened.close()


def _summary_dict(summary: CaseSummary) -> dict[str, Any]:

    return {
        "case_id": mask_case_id(summary.case_id),
        "scheme": summary.scheme.value,
        "state": summary.state,
        "verdict": summary.verdict,
        "version": summary.version,
        "destination": summary.destination,
        "last_step": summary.last_step.value if summary.last_step else None,
        "last_step_at": summary.last_step_at.isoformat() if summary.last_step_at else None,
        "executor_kind": summary.executor_kind,
        "executor": summary.executor,
    }


@store_app.command("init")
@bilingual_doc("Membuat tabel penyimpanan (aman dijalankan lagi).")
def init(store: Target = DEFAULT_TARGET) -> None:
    """Create the store's tables (safe to run again)."""
    from pmi_workflow.cli.common import guard

    with guard():
        opened = _open(store, create=True)
        opened.close()
    shown = _shown(store)
    note(f"penyimpanan siap: {shown}", f"store ready: {shown}")


def _shown(target: str) -> str:
    """The target without a password."""
    if "://" in target and "@" in target:
        scheme, rest = target.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return target


def _input_format(value: str | None) -> InputFormat | None:
    from pmi_workflow.io import FORMATS

    if value is None:
        return None
    for known in FORMATS:
        if value.strip().lower() == known:
            return known
    raise fail(
        f"--input-format harus {one_of(FORMATS)}.",
        f"--input-format must be one of {', '.join(FORMATS)}, not {value!r}",
    )


class _MaskingWriter:
    """A JSON Lines writer whose every record passes the masking boundary.

    For a writing command: when the reader of the results goes (``… | head -1``), the
    results stop but the command goes on to the end (a closed pipe never stops a write
    halfway); ``reader_gone`` says so.
    """

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.reader_gone = False

    def write(self, record: dict[str, Any]) -> None:
        if self.reader_gone:
            return
        try:
            self._inner.write(redact_data(record))
        except BrokenPipeError:
            from pmi_workflow.cli.common import silence_stdout

            self.reader_gone = True
            silence_stdout()

    def close(self) -> None:
        if not self.reader_gone:
            self._inner.close()


class _HistoryDiffers(Exception):  # noqa: N818 - reported, never raised out of the command
    """The stored history is not the start of the file's history."""

    code = "history_differs"

    def __init__(self, stored: int, given: int) -> None:
        super().__init__(
            "a case with this id is stored with a different history "
            f"({stored} stored events; the file has {given})"
        )
        self.stored, self.given = stored, given

    def indonesian(self) -> str:
        """The refusal in Indonesian."""
        return (
            "berkas dengan nomor ini sudah tersimpan dengan riwayat langkah yang berbeda "
            f"({self.stored} langkah tersimpan; berkas data memuat {self.given} langkah)"
        )


class _DossierDiffers(Exception):  # noqa: N818 - reported, never raised out of the command
    """The stored dossier is not the file's: an import never replaces it (nor says
    "unchanged"), as ``POST /v1/cases`` answers 409 for it."""

    code = "dossier_differs"

    def __init__(self) -> None:
        super().__init__(
            "a case with this id is stored with a different dossier (applicant, documents, "
            "costs or parties); an import does not replace a stored dossier"
        )

    def indonesian(self) -> str:
        """The refusal in Indonesian."""
        return (
            "berkas dengan nomor ini sudah tersimpan dengan isi yang berbeda (data diri CPMI, "
            "dokumen, biaya, atau pihak yang terlibat); impor tidak mengganti isi berkas yang "
            "sudah tersimpan"
        )


def _event_key(event: CaseEvent) -> tuple[str, str, str]:
    return (event.step.value, event.occurred_at.isoformat(), event.actor.role.value)


def _extend(store: CaseStore, case: Case) -> tuple[AppendResult, str]:
    """Append the events a stored case lacks, when one history continues the other.

    Events are matched by step, time and actor role (records written without
    event ids get new ids each time they are read). A dossier that differs from
    the stored one is refused (:class:`_DossierDiffers`), whatever the history.
    """
    from pmi_workflow.store.chain import dossier_json

    kept = store.load(case.case_id)
    if dossier_json(kept) != dossier_json(case):
        raise _DossierDiffers
    stored = list(kept.history)
    common = min(len(stored), len(case.history))
    if [_event_key(e) for e in stored[:common]] != [_event_key(e) for e in case.history[:common]]:
        raise _HistoryDiffers(len(stored), len(case.history))
    new = case.history[len(stored) :]
    if not new:  # the same history, or the store is already further along
        return AppendResult(case.case_id, len(stored), 0, ""), "unchanged"
    return store.append(case.case_id, new, expected_version=len(stored)), "updated"


@store_app.command("import")
@bilingual_doc(
    "Menyimpan setiap berkas CPMI dari sebuah berkas data: satu baris hasil per "
    "rekaman; kode keluar 2 bila ada yang ditolak.\n\nBerkas yang sudah tersimpan "
    "mendapat langkah yang belum ada dalam riwayat simpanannya; berkas yang "
    "riwayatnya berbeda dari riwayat simpanan, atau yang isinya (data diri CPMI, "
    "dokumen, biaya, pihak yang terlibat) berbeda dari isi simpanan, ditolak."
)
def import_cases(
    file: Annotated[
        str,
        typer.Argument(
            help=bilingual(
                "Berkas data CPMI (.json, .jsonl, .csv) atau '-' untuk masukan standar.",
                "Case file (.json, .jsonl, .csv) or '-'.",
            )
        ),
    ],
    store: Target = DEFAULT_TARGET,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help=bilingual(
                "Tanggal penilaian untuk kesimpulan yang disimpan (bila kosong, hari ini).",
                "Date for the stored verdicts (default today).",
            ),
        ),
    ] = None,
    key_file: KeyFiles = None,
    input_format: Annotated[
        str | None,
        typer.Option(
            "--input-format",
            help=bilingual(
                (
                    "Bentuk berkas masukan: 'json', 'jsonl' atau 'csv' (bila kosong, dikenali dari "
                    "berkasnya)."
                ),
                "json, jsonl or csv (default: from the file).",
            ),
        ),
    ] = None,
    registry: RegistryOpt = None,
) -> None:
    """Store every case of a file (one result line per record; exit 2 if any was refused).

    A case already stored gets the events its stored history lacks; a case
    whose history differs from the stored one, or whose dossier (applicant,
    documents, costs, parties) differs from the stored one, is refused.
    """
    from pmi_workflow.cli.common import EXIT_BAD_INPUT, EXIT_OK, guard, non_empty, parse_as_of
    from pmi_workflow.cli.jobs import parse_record
    from pmi_workflow.cli.messages import library_error_text
    from pmi_workflow.errors import StoreError
    from pmi_workflow.io import JsonlWriter, read_records
    from pmi_workflow.store import CaseExistsError

    day = parse_as_of(as_of)
    licences = registry_file(registry)
    refused = done = 0
    writer = _MaskingWriter(JsonlWriter(sys.stdout))
    with guard():
        records = non_empty(read_records(file, format=_input_format(input_format)), file)
        opened = _open(store, day, key_file, licences, create=True)
        try:
            for record in records:
                done += 1
                case = parse_record(record)
                if isinstance(case, dict):
                    refused += 1
                    writer.write(case)
                    continue
                head = {"source": record.source, "position": record.position}
                try:
                    try:
                        result = opened.create(case)
                        status = "stored" if result.appended or not case.history else "unchanged"
                    except CaseExistsError:
                        result, status = _extend(opened, case)
                except (StoreError, _HistoryDiffers, _DossierDiffers) as error:
                    refused += 1
                    problem = {
                        "where": "dossier" if isinstance(error, _DossierDiffers) else "history",
                        "message": str(error),
                        "message_id": error.indonesian()
                        if isinstance(error, _HistoryDiffers | _DossierDiffers)
                        else library_error_text(error, "id"),
                        "kind": error.code,
                    }
                    writer.write(
                        {**head, "case_id": mask_case_id(case.case_id), "status": "refused",
                         "problems": [problem]}
                    )  # fmt: skip
                    continue
                writer.write(
                    {
                        **head,
                        "case_id": mask_case_id(case.case_id),
                        "status": status,
                        "version": result.version,
                    }
                )
        finally:
            opened.close()
    writer.close()
    if writer.reader_gone:
        note(
            f"keluaran hasil ditutup oleh pembacanya; impor tetap diselesaikan: {done} rekaman "
            f"diproses, {refused} di antaranya ditolak.",
            f"the results' reader went away; the import went on to the end: {done} record(s) "
            f"read, {refused} refused",
        )
    raise typer.Exit(EXIT_BAD_INPUT if refused else EXIT_OK)


@store_app.command("show")
@bilingual_doc(
    "Mendaftar berkas yang tersimpan, atau menampilkan urutan waktu langkah satu "
    "berkas (tanpa data pribadi)."
)
def show(
    case_id: Annotated[
        str | None,
        typer.Argument(
            help=bilingual(
                "Nomor berkas; bila kosong, semua berkas didaftar.",
                "A case id; without it, list cases.",
            )
        ),
    ] = None,
    store: Target = DEFAULT_TARGET,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            help=bilingual("Hanya berkas dengan status terakhir ini.", "Only cases in this state."),
        ),
    ] = None,
    verdict: Annotated[
        str | None,
        typer.Option(
            "--verdict",
            help=bilingual(
                "Kesimpulan: 'procedural' (prosedural) atau 'non_procedural' (nonprosedural).",
                "procedural or non_procedural.",
            ),
        ),
    ] = None,
    destination: Annotated[
        str | None,
        typer.Option(
            "--destination",
            help=bilingual(
                "Kode negara penempatan dua huruf, misalnya 'MY' untuk Malaysia.",
                "ISO country code.",
            ),
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=bilingual(
                "Bentuk keluaran: 'table' (tabel), 'json' atau 'jsonl'.", "table, json or jsonl."
            ),
        ),
    ] = None,
) -> None:
    """List the stored cases, or show one case's timeline (no personal data shown)."""
    from pmi_workflow.cli.common import guard, resolve_format

    fmt = resolve_format(output)
    with guard():
        opened = _open(store)
        try:
            if case_id is None:
                query = CaseQuery(
                    state=state,
                    verdict=verdict,
                    destination=destination.upper() if destination else None,
                )
                rows = [_summary_dict(summary) for summary in opened.query(query)]
            else:
                summary = _summary_dict(opened.summary(case_id))
                events = [
                    {
                        "version": stored.version,
                        "step": stored.event.step.value,
                        "occurred_at": stored.event.occurred_at.isoformat(),
                        "role": stored.event.actor.role.value,
                        "policy_version": stored.event.policy_version,
                        "warnings": list(stored.event.warnings),
                        "hash": stored.hash[:16],
                    }
                    for stored in opened.events(case_id)
                ]
        finally:
            opened.close()
    if case_id is None:
        _print_rows(redact_data(rows), fmt, _SUMMARY_TABLE)
        return
    if fmt == "table":
        lang = message_lang()
        words = ("status terakhir", "putusan") if lang is Lang.ID else ("state", "verdict")
        masked = redact_data(summary)
        shown = {
            field: table_cell(masked[field], kind, lang) for field, *_, kind in _SUMMARY_COLUMNS
        }
        out_console().print(
            f"{shown['case_id']}  {shown['scheme']} → {shown['destination']}  "
            f"{words[0]}: {shown['state']}  {words[1]}: {shown['verdict']}"
        )
        _print_rows(redact_data(events), fmt, _EVENT_TABLE)
        return
    payload = redact_data({**summary, "events": events})
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2 if fmt == "json" else None))
    sys.stdout.write("\n")


# The human tables of ``store show``: (field, Indonesian heading, English heading, kind of cell,
# as pmi_workflow.cli.render.Columns says).
_SUMMARY_COLUMNS: Columns = (
    ("case_id", "Nomor berkas", "Case id", None),
    ("scheme", "Skema", "Scheme", "scheme"),
    ("state", "Status terakhir", "Current state", "state"),
    ("verdict", "Putusan", "Verdict", "verdict"),
    ("version", "Versi", "Version", None),
    ("destination", "Negara tujuan", "Destination", "country"),
    ("last_step", "Langkah terakhir", "Last step", "step"),
    ("last_step_at", "Waktu langkah terakhir", "Last step at", "time"),
    ("executor_kind", "Jenis pelaksana penempatan", "Kind of placement executor", "executor_kind"),
    ("executor", "Pelaksana penempatan", "Placement executor", None),
)
_EVENT_COLUMNS: Columns = (
    ("version", "Versi", "Version", None),
    ("step", "Langkah", "Step", "step"),
    ("occurred_at", "Waktu", "When", "time"),
    ("role", "Pencatat", "Recorded by", "role"),
    ("policy_version", "Versi kebijakan", "Policy version", None),
    ("warnings", "Peringatan", "Warnings", None),
    ("hash", "Hash", "Hash", None),
)
_SUMMARY_TABLE = (("Berkas tersimpan", "Stored cases"), _SUMMARY_COLUMNS)
_EVENT_TABLE = (("Urutan waktu langkah", "Timeline"), _EVENT_COLUMNS)


def _print_rows(
    rows: list[dict[str, Any]], fmt: str, table_of: tuple[tuple[str, str], Columns]
) -> None:
    """The rows as JSON, JSON Lines (as they are), or a table for people in the message
    language: headings, codes as labels and times in WIB."""
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    titles, columns = table_of
    print_table(out_console(), rows, titles, columns, message_lang())


@store_app.command("verify")
@bilingual_doc(
    "Memeriksa setiap berkas yang tersimpan: rantai hash, dokumen, ringkasan, dan "
    "segel (kode keluar 1 bila ada yang rusak).\n\nDengan --key-file, segel setiap "
    "berkas diperiksa; dengan --checkpoint, penyimpanan dibandingkan dengan berkas "
    "titik periksa. Halaman keamanan dalam dokumentasi menjelaskan apa yang "
    "dibuktikan tiap pemeriksaan."
)
def verify(
    case_id: Annotated[
        str | None,
        typer.Argument(
            help=bilingual(
                "Satu berkas; bila kosong, semua berkas.", "One case; without it, every case."
            )
        ),
    ] = None,
    store: Target = DEFAULT_TARGET,
    checkpoint: Annotated[
        str | None,
        typer.Option(
            "--checkpoint",
            metavar="FILE",
            help=bilingual(
                (
                    "Berkas titik periksa: laporkan juga berkas yang sejak itu dihapus, dipotong, "
                    "atau ditulis ulang."
                ),
                "A checkpoint file: also report cases deleted, truncated or rewritten since.",
            ),
        ),
    ] = None,
    key_file: KeyFiles = None,
) -> None:
    """Check every stored case: hash chain, dossier, summary, seal (exit 1 if any is broken).

    With --key-file, the seal of every case head is checked; with --checkpoint,
    the store is compared with the checkpoint. docs/security.md says what each
    check proves.
    """
    from pmi_workflow.cli.common import EXIT_FINDINGS, EXIT_OK, guard
    from pmi_workflow.store.checkpoint import Checkpoint

    with guard():
        point = Checkpoint.read(checkpoint) if checkpoint is not None else None
        opened = _open(store, key_files=key_file)
        try:
            # Stored summaries carry verdicts judged as of their import day: they are
            # checked against the hash in their case head, not recomputed.
            report = opened.verify(case_id, checkpoint=point, recompute_summaries=False)
        finally:
            opened.close()
    broken = [
        {
            "case_id": link.case_id
            if link.case_id.startswith("sha256:")
            else mask_case_id(link.case_id),
            "version": link.version,
            "reason": link.reason,
        }
        for link in report.broken
    ]
    result = {
        "ok": report.ok,
        "cases_checked": report.cases_checked,
        "events_checked": report.events_checked,
        "seals_checked": report.sealed,
        "checkpoint_cases": report.checkpoint_cases,
        "broken": broken,
    }
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    _note_broken(broken, report.cases_checked)
    raise typer.Exit(EXIT_OK if report.ok else EXIT_FINDINGS)


_BROKEN_SHOWN = 20


def _note_broken(broken: list[dict[str, Any]], checked: int) -> None:
    """For people, on stderr in the message language: how many cases failed verification and
    why, each case as the JSON names it (the first :data:`_BROKEN_SHOWN`)."""
    from pmi_workflow.cli.messages import tamper_reason_text

    if not broken:
        return
    note(
        f"{len(broken)} berkas tidak lolos pemeriksaan keutuhan ({checked} berkas diperiksa).",
        f"{len(broken)} case(s) failed verification ({checked} checked)",
    )
    for link in broken[:_BROKEN_SHOWN]:
        case, version = link["case_id"], link["version"]
        note(
            f"{case}{f' pada versi {version}' if version else ''}: "
            f"{tamper_reason_text(link['reason'], 'id')}.",
            f"{case}{f' at version {version}' if version else ''}: {link['reason']}",
        )
    more = len(broken) - _BROKEN_SHOWN
    if more > 0:
        note(
            f"dan {more} berkas lainnya; semuanya tercantum dalam keluaran JSON.",
            f"and {more} more; the JSON output lists them all",
        )


@store_app.command("checkpoint")
@bilingual_doc(
    "Menulis versi dan hash terakhir setiap berkas, beserta akar gabungannya, ke "
    "sebuah berkas titik periksa.\n\nPenyimpanan diperiksa lebih dahulu; bila "
    "pemeriksaan gagal, titik periksa tidak ditulis (kode keluar 1). Nomor berkas "
    "tidak pernah ditulis apa adanya: dengan --key-file, nomor berkas disamarkan "
    "dengan kunci segel; tanpa kunci, hanya dengan hash biasa yang dapat ditebak "
    "kembali, sehingga penyimpanan yang nomor berkasnya memuat NIK memerlukan "
    "--key-file."
)
def checkpoint(
    out: Annotated[
        str,
        typer.Option(
            "--out",
            metavar="FILE",
            help=bilingual(
                "Berkas titik periksa, disimpan di tempat yang tidak terjangkau dari basis data.",
                "Checkpoint file, kept outside the database's reach.",
            ),
        ),
    ],
    store: Target = DEFAULT_TARGET,
    key_file: KeyFiles = None,
) -> None:
    """Write every case's version and head hash, and a root over them, to a file.

    The store is verified first; a store that does not verify gets no
    checkpoint (exit 1). Case ids are never written as themselves: with
    --key-file, as an HMAC under the seal key; without one, as a plain hash
    that can be reversed by guessing, so a store whose case ids carry a NIK
    needs --key-file (exit 2 without it).
    """
    path = Path(out)
    check_output_file(path)
    point = _unless_tampered(
        store, key_file, CaseStore.checkpoint, ("titik periksa tidak ditulis", "no checkpoint")
    )
    try:
        point.write(path)
    except OSError as error:
        raise cannot_write(out, error, "--out") from None
    result = {"cases": len(point.entries), "root": point.root, "sealed": bool(point.seal)}
    sys.stdout.write(json.dumps(result) + "\n")
    if not point.case_key_id:
        note(
            "titik periksa dibuat tanpa --key-file: nomor berkas hanya disamarkan dengan hash "
            "biasa, yang dapat ditebak kembali bila nomor berkas memuat data pribadi.",
            "the checkpoint was made without --key-file: case ids are named by a plain hash, "
            "which can be reversed by guessing if they carry personal data",
        )


@store_app.command("keygen")
@bilingual_doc("Menulis kunci segel acak yang baru ke berkas yang hanya dapat dibaca pemiliknya.")
def keygen(
    out: Annotated[
        str,
        typer.Option(
            "--out",
            metavar="FILE",
            help=bilingual(
                "Berkas kunci baru (belum boleh ada).", "The new key file (must not exist)."
            ),
        ),
    ],
) -> None:
    """Write a new random seal key to a file readable only by its owner."""
    from pmi_workflow.store.seal import generate_key_text

    path = Path(out)
    check_output_file(path)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise fail(
            f"--out: {out} sudah ada; berkas kunci tidak pernah ditimpa.",
            f"--out: {out} exists; a key is never overwritten",
        ) from None
    except OSError as error:
        raise cannot_write(out, error, "--out") from None
    text = generate_key_text()
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    sys.stdout.write(json.dumps({"key_id": SealKey(text).key_id}) + "\n")


@store_app.command("reseal")
@bilingual_doc(
    "Menyegel ulang setiap berkas dengan kunci --key-file pertama (setelah kunci "
    "ditambah atau diganti).\n\nSegel yang ada harus sah menurut salah satu kunci yang "
    "diberikan; berkas yang gagal dibiarkan apa adanya dan dilaporkan (kode keluar "
    "1)."
)
def reseal(
    store: Target = DEFAULT_TARGET,
    key_file: KeyFiles = None,
) -> None:
    """Seal every case head with the first --key-file (after adding or rotating a key).

    Existing seals must verify under one of the keys given; a case that fails
    is left as it is and reported (exit 1).
    """
    if not key_file:
        raise fail(
            "perintah reseal memerlukan --key-file (kunci baru lebih dahulu, lalu kunci lama).",
            "reseal needs --key-file (the new key first, then the old one)",
        )
    count = _unless_tampered(
        store, key_file, CaseStore.reseal, ("segel tidak diperbarui", "not resealed")
    )
    sys.stdout.write(json.dumps({"resealed": count}) + "\n")


@store_app.command("export")
@bilingual_doc(
    "Menulis setiap berkas yang tersimpan, satu rekaman lengkap per baris (JSON "
    "Lines), secara bertahap.\n\nBerkas dibaca satu per satu, masing-masing dengan "
    "pemeriksaan rantai hash; pemakaian memori tidak bertambah seiring besarnya "
    "penyimpanan. Hasilnya dapat diimpor kembali."
)
def export(
    store: Target = DEFAULT_TARGET,
    out: Annotated[
        str,
        typer.Option(
            "--out",
            metavar="FILE",
            help=bilingual(
                "Berkas JSON Lines, atau '-' untuk keluaran standar.",
                "JSON lines file, or '-' for stdout.",
            ),
        ),
    ] = "-",
    include_personal_data: Annotated[
        bool,
        typer.Option(
            "--include-personal-data",
            help=bilingual(
                "Wajib: hasil ekspor memuat rekaman lengkap, termasuk data pribadi.",
                "Required: the export holds the complete records, personal data included.",
            ),
        ),
    ] = False,
) -> None:
    """Write every stored case, one complete record per line (JSON lines), streamed.

    Cases are read one at a time, each with its hash chain checked; memory
    does not grow with the store. The output can be imported again.
    """
    from pmi_workflow.cli.common import guard

    if not include_personal_data:
        raise fail(
            "perintah store export menulis rekaman lengkap beserta data pribadi; tambahkan "
            "--include-personal-data sebagai konfirmasi.",
            "store export writes complete records with personal data: "
            "add --include-personal-data to confirm",
        )
    path = None if out == "-" else Path(out)
    if path is not None:
        check_output_file(path)
    with guard():
        opened = _open(store)
        try:
            handle = sys.stdout if path is None else path.open("w", encoding="utf-8")
            try:
                for case_id in opened.case_ids():
                    handle.write(opened.load(case_id).to_json() + "\n")
            finally:
                if path is not None:
                    handle.close()
        except OSError as error:
            raise cannot_write(out, error, "--out") from None
        finally:
            opened.close()


@store_app.command("record")
@bilingual_doc(
    "Mencatat satu langkah pada berkas yang tersimpan melalui pemeriksaan prosedur "
    "(kode keluar 1 bila ditolak)."
)
def record(
    case_id: Annotated[
        str, typer.Argument(help=bilingual("Berkas yang tersimpan.", "The stored case."))
    ],
    step: Annotated[
        str,
        typer.Argument(
            help=bilingual(
                "Langkah yang dicatat, dengan kodenya, misalnya 'opp_completed' (telah "
                "mengikuti OPP) atau 'departed' (berangkat).",
                "The step (opp_completed, departed...).",
            )
        ),
    ],
    at: Annotated[
        str,
        typer.Option(
            "--at",
            help=bilingual(
                (
                    "Waktu langkah (tanggal dengan hari di depan, misalnya 03/07/2024 08:00; zona "
                    "waktu bawaan WIB)."
                ),
                "When the step happened, ISO or day-first (03/07/2024 08:00); a time without "
                "an offset is read as WIB (Asia/Jakarta).",
            ),
        ),
    ],
    actor: Annotated[
        str,
        typer.Option(
            "--actor",
            help=bilingual(
                (
                    "Peran pencatat, dengan kodenya, misalnya 'bp3mi' (BP3MI) atau 'disnaker' "
                    "(Disnaker)."
                ),
                "The recording role (bp3mi, ...).",
            ),
        ),
    ],
    expected_version: Annotated[
        int | None,
        typer.Option(
            "--expected-version",
            min=0,
            help=bilingual(
                "Tolak bila berkas sudah berubah sejak versi ini.", "Refuse if the case moved on."
            ),
        ),
    ] = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option(
            "--evidence",
            help=bilingual(
                "Nomor dokumen pendukung; boleh diulang.", "A document id (repeatable)."
            ),
        ),
    ] = None,
    store: Target = DEFAULT_TARGET,
    registry: RegistryOpt = None,
) -> None:
    """Record one step on a stored case through the procedure's gate (exit 1 if refused)."""
    from pmi_workflow.cli.common import EXIT_FINDINGS, guard
    from pmi_workflow.cli.engine import workflow_for
    from pmi_workflow.cli.jobs import load_policy, load_registry
    from pmi_workflow.errors import ProcedureViolation
    from pmi_workflow.service import CaseService

    when = time_option(at, "--at")
    flow = workflow_for(load_policy(()), load_registry(registry_file(registry)))
    with guard():
        opened = _open(store)  # a step needs a stored case: a missing store is a typo
        try:
            try:
                done = CaseService(opened, flow).record_step(
                    case_id, step, at=when, actor=actor, evidence=evidence or (),
                    expected_version=expected_version,
                )  # fmt: skip
            except ProcedureViolation as refusal:
                refused: dict[str, Any] = {
                    "case_id": mask_case_id(case_id),
                    "status": "refused",
                    "findings": [finding.to_dict() for finding in refusal.findings],
                }
                sys.stdout.write(json.dumps(refused, ensure_ascii=False) + "\n")
                raise typer.Exit(EXIT_FINDINGS) from None
        finally:
            opened.close()
    result: dict[str, Any] = {
        "case_id": mask_case_id(case_id),
        "status": "recorded",
        "version": done.version,
        "state": done.state,
        "findings": [finding.to_dict() for finding in done.warnings],
    }
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
