"""The ``report`` command: a district report as JSON, CSV or HTML (needs the ``cli`` extra).

Mount it in a larger typer application with :func:`register`, or run
:data:`app` on its own. Exit codes: 0 written, 2 bad input or usage.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

import typer

from pmi_workflow.cli.common import (
    BadValue,
    LocalizedCommand,
    RegistryOpt,
    bilingual,
    bilingual_doc,
    check_output_dir,
    check_output_file,
    date_option,
    fail,
    fail_error,
    message_lang,
    one_of,
)
from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain import Case
from pmi_workflow.errors import PmiWorkflowError
from pmi_workflow.policy import Policy
from pmi_workflow.reports.district import (
    Period,
    RegionSource,
    build_district_report,
    workflow_auditor,
)
from pmi_workflow.reports.render import FORMATS, render
from pmi_workflow.reports.sources import CaseSource, load_sessions
from pmi_workflow.rules.registry import FileLicenceRegistry

__all__ = ["app", "register", "report_command"]

logger = logging.getLogger(__name__)

app = typer.Typer(
    help=bilingual(
        "Laporan kabupaten/kota tentang sosialisasi dan penempatan.",
        "District reports on information sessions and placements.",
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
)

_SUFFIX = {"json": "json", "csv": "csv", "html": "html"}


@bilingual_doc("Menulis laporan kabupaten/kota untuk satu periode.")
def report_command(
    cases_file: Annotated[
        Path | None,
        typer.Argument(
            help=bilingual(
                "Berkas data CPMI: JSON (satu rekaman, daftar rekaman, atau {'cases': [...]}), "
                "JSON Lines, CSV, Excel (.xlsx), atau folder berisi lembar CSV.",
                "Case records: JSON (one, an array, or {'cases': [...]}), JSON Lines, CSV, "
                "Excel (.xlsx) or a folder of CSV sheets.",
            ),
            show_default=False,
        ),
    ] = None,
    regency: Annotated[
        str,
        typer.Option(
            "--regency",
            help=bilingual(
                "Kode kabupaten/kota empat angka, misalnya 3603.",
                "4-digit regency/city code, e.g. 3603.",
            ),
        ),
    ] = "",
    start: Annotated[
        str,
        typer.Option(
            "--from",
            help=bilingual(
                "Hari pertama periode laporan (misalnya 01/07/2024).",
                "First day of the period (day-first or ISO).",
            ),
        ),
    ] = "",
    end: Annotated[
        str,
        typer.Option(
            "--to", help=bilingual("Hari terakhir periode laporan.", "Last day of the period.")
        ),
    ] = "",
    sessions_file: Annotated[
        Path | None,
        typer.Option(
            "--sessions",
            help=bilingual(
                "Catatan sesi sosialisasi (JSON, JSON Lines, CSV atau Excel).",
                "Information-session records (JSON, JSON Lines, CSV or Excel).",
            ),
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help=bilingual(
                (
                    "Bentuk laporan: 'json', 'csv' atau 'html' (ke berkas --out atau ke keluaran "
                    "standar)."
                ),
                "json, csv or html (with --out or to stdout).",
            ),
        ),
    ] = "html",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help=bilingual("Tulis ke berkas ini.", "Write to this file.")),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            help=bilingual(
                "Tulis 'report.json', 'report.csv' dan 'report.html' ke folder ini.",
                "Write report.json, report.csv and report.html here.",
            ),
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help=bilingual(
                (
                    "Bahasa yang ditampilkan lebih dahulu: 'id' (Indonesia) atau 'en' (Inggris). "
                    "Bila kosong, bahasa Indonesia untuk komputer berbahasa Indonesia."
                ),
                "Language shown first: id or en (default: id when the locale is id_*).",
            ),
        ),
    ] = None,
    region_by: Annotated[
        str,
        typer.Option(
            "--region-by",
            help=bilingual(
                (
                    "Wilayah CPMI ditentukan dari alamat ('address'), dari NIK ('nik'), atau dari "
                    "alamat lalu NIK bila alamat kosong ('address_or_nik')."
                ),
                "address, nik or address_or_nik.",
            ),
        ),
    ] = RegionSource.ADDRESS_OR_NIK.value,
    policy_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--policy",
            help=bilingual(
                "Berkas kebijakan instansi yang menimpa kebijakan bawaan.",
                "Agency policy file(s) over the defaults.",
            ),
        ),
    ] = None,
    registry_file: RegistryOpt = None,
    top: Annotated[
        int,
        typer.Option(
            "--top",
            min=1,
            help=bilingual(
                "Jumlah kode temuan terbanyak yang ditampilkan.",
                "Most frequent finding codes shown.",
            ),
        ),
    ] = 10,
    include_personal_data: Annotated[
        bool,
        typer.Option(
            "--include-personal-data",
            help=bilingual(
                "Tampilkan daftar berkas dengan NIK dan nama (bawaan: tidak).",
                "List the cases with NIK and name (off by default).",
            ),
        ),
    ] = False,
    sample: Annotated[
        bool,
        typer.Option(
            "--sample",
            help=bilingual(
                "Gunakan data contoh kabupaten/kota yang disertakan dalam paket.",
                "Use the built-in synthetic regency data.",
            ),
        ),
    ] = False,
) -> None:
    """Write the district report for a regency and a period."""
    if output_format not in FORMATS:
        raise BadValue(
            f"--format harus {one_of(FORMATS)}.", f"choose one of {', '.join(FORMATS)}", "--format"
        )
    if lang is None:
        lang = message_lang().value
    if lang not in ("id", "en"):
        raise BadValue("--lang harus 'id' atau 'en'.", "choose id or en", "--lang")
    if region_by not in {item.value for item in RegionSource}:
        raise BadValue(
            f"--region-by harus {one_of(item.value for item in RegionSource)}.",
            "choose address, nik or address_or_nik",
            "--region-by",
        )
    language: Literal["id", "en"] = "en" if lang == "en" else "id"
    if out_dir is not None:
        check_output_dir(out_dir)
    elif out is not None:
        check_output_file(out)
    source: CaseSource | None = None
    cases: Iterable[Case]
    try:
        if sample:
            from pmi_workflow.reports.synthetic import REGENCY_CODE, district_sample

            cases, sessions = district_sample()
            regency = regency or REGENCY_CODE
            start = start or "2024-01-01"
            end = end or "2024-12-31"
        else:
            if cases_file is None:
                raise BadValue(
                    "berkas data CPMI wajib diberikan (atau gunakan --sample).",
                    "give a case file (or --sample)",
                    "CASES_FILE",
                )
            source = CaseSource(cases_file)
            cases = source
            sessions = load_sessions(sessions_file) if sessions_file else ()
        if not regency:
            raise BadValue(
                "--regency wajib diisi dengan kode kabupaten/kota.",
                "the regency code is required",
                "--regency",
            )
        if not start or not end:
            raise BadValue(
                "periode laporan memerlukan --from dan --to.",
                "the period needs --from and --to",
                "--from/--to",
            )
        period = Period(
            date_option(start, "--from", lang=language), date_option(end, "--to", lang=language)
        )
        policy = Policy.load(*policy_files) if policy_files else None
        registry = FileLicenceRegistry.from_file(registry_file) if registry_file else None
        report = build_district_report(
            cases,
            sessions,
            regency_code=regency,
            period=period,
            auditor=workflow_auditor(sessions, policy=policy, registry=registry),
            region_source=region_by,
            top=top,
            include_personal_data=include_personal_data,
            policy=policy,
            worklist_on=min(period.end, datetime.datetime.now(JAKARTA).date()),
        )
        if source is not None:
            source.check()
    except PmiWorkflowError as error:
        raise fail_error(error, language) from None
    try:
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            for name in FORMATS:
                target = out_dir / f"report.{_SUFFIX[name]}"
                target.write_text(render(report, name, lang=language), "utf-8")
                typer.echo(str(target))
            return
        text = render(report, output_format, lang=language)
        if out is None:
            typer.echo(text, nl=False)
        else:
            out.write_text(text, "utf-8")
            typer.echo(str(out))
    except OSError as error:
        raise fail(
            "laporan tidak dapat ditulis.",
            f"cannot write the report ({error.strerror or type(error).__name__})",
            lang=language,
        ) from None


def register(parent: typer.Typer, name: str = "report") -> None:
    """Add the ``report`` command to ``parent`` (the main command line).

    Run on its own (:data:`app`), the command's help and usage errors speak
    the language of the run as the main command line's do (:class:`LocalizedCommand`).
    """
    parent.command(name, cls=LocalizedCommand)(report_command)


register(app)
