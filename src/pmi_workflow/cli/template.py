"""The ``template`` command: a fill-in workbook for a Disnaker officer (needs the ``xlsx`` extra).

The workbook has the four sheets of the tidy layout (``Berkas``, ``Dokumen``,
``Langkah``, ``Biaya``) with Indonesian headers, drop-down lists (data
validation) for steps, schemes, occupations, countries, roles, document
types and cost vocabularies in Indonesian, and a *Petunjuk* sheet that says
how to fill it in. What the officer fills in is read back by ``validate``,
``audit``, ``report`` and ``store import``.

>>> import io
>>> buffer = io.BytesIO()
>>> write_template(buffer)
>>> from openpyxl import load_workbook
>>> load_workbook(buffer).sheetnames
['Petunjuk', 'Berkas', 'Dokumen', 'Langkah', 'Biaya', 'Daftar pilihan']
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from pmi_workflow.cli.common import bilingual, bilingual_doc, cannot_write, fail
from pmi_workflow.io.tidy import CASE_ID, COLUMNS, SHEET_NAMES, TEXT_ONLY_FIELDS, field_of
from pmi_workflow.labels import codes, label

__all__ = ["CHOICES", "INSTRUCTIONS", "register", "template_command", "write_template"]

LIST_SHEET = "Daftar pilihan"
_ROWS = 1000  # rows of each sheet that carry the drop-down lists

# The lists: the list's title, its label kind, and the columns (sheet entity, header) using it.
CHOICES: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("Skema", "scheme", (("cases", "Skema"),)),
    ("Jabatan", "occupation", (("cases", "Jabatan"),)),
    (
        "Negara",
        "country",
        (
            ("cases", "Negara tujuan"),
            ("cases", "Negara pemberi kerja"),
            ("cases", "Negara job order"),
            ("documents", "Negara"),
        ),
    ),
    ("Jenis kelamin", "sex", (("cases", "Jenis kelamin"),)),
    ("Status perkawinan", "marital_status", (("cases", "Status perkawinan"),)),
    ("Pendidikan", "education", (("cases", "Pendidikan"),)),
    ("Jenis pemberi kerja", "employer_kind", (("cases", "Jenis pemberi kerja"),)),
    ("Jenis pelaksana penempatan", "executor_kind", (("cases", "Jenis pelaksana penempatan"),)),
    ("Jenis dokumen", "document", (("documents", "Jenis dokumen"),)),
    ("Langkah", "step", (("events", "Langkah"),)),
    ("Pencatat", "role", (("events", "Pencatat"),)),
    ("Komponen biaya", "cost", (("costs", "Komponen biaya"),)),
    ("Dibayar oleh", "payer", (("costs", "Dibayar oleh"),)),
    ("Pembiayaan", "financing", (("costs", "Pembiayaan"),)),
)
"""Every drop-down list of the template."""

# The usual destinations first in the country list; the rest follow alphabetically.
_FIRST_COUNTRIES = ("MY", "TW", "HK", "SA", "SG", "KR", "JP", "BN", "AE", "QA", "KW", "OM", "TR")

INSTRUCTIONS: tuple[str, ...] = (
    "Petunjuk pengisian",
    "",
    "Buku kerja ini memuat data berkas penempatan calon PMI (CPMI) untuk diperiksa dengan "
    "pmi-workflow.",
    "",
    "1. Lembar Berkas: satu baris untuk satu berkas. Kolom Nomor berkas wajib diisi dan tidak "
    "boleh sama dengan berkas lain.",
    "2. Lembar Dokumen: satu baris untuk satu dokumen, dengan Nomor berkas pemiliknya. Kolom ID "
    "dokumen boleh dikosongkan.",
    "3. Lembar Langkah: satu baris untuk satu langkah yang sudah dijalani, diurutkan dari yang "
    "paling awal. Nomor urut langkah tidak perlu diisi; baris boleh dihapus atau disisipkan.",
    "4. Lembar Biaya: satu baris untuk satu komponen biaya penempatan, dengan Nomor berkas.",
    "",
    "Tanggal ditulis hari/bulan/tahun (03/07/2023) atau dengan nama bulan (3 Juli 2023). "
    "Tanggal yang ditulis bulan lebih dulu (07/13/2023) ditolak.",
    "Kolom berpanah memuat daftar pilihan. Nama negara ditulis dalam bahasa Indonesia, misalnya "
    "Arab Saudi.",
    "Kolom Bukti pada lembar Langkah memuat ID dokumen, dipisahkan dengan koma.",
    "",
    "Setelah diisi, periksa dengan perintah:",
    "    pmi-workflow validate berkas.xlsx --lang id --out hasil.xlsx",
    "Hasilnya memuat lembar Putusan berkas dan lembar Temuan. Setiap data yang tidak valid "
    "ditunjukkan dengan letak selnya, misalnya Langkah!C14 (Tanggal).",
    "",
    "Data pribadi (NIK, nama, nomor paspor) wajib dijaga kerahasiaannya sesuai ketentuan "
    "pelindungan data pribadi.",
)
"""The lines of the *Petunjuk* sheet."""


def _labels(kind: str) -> list[str]:
    if kind != "country":
        return [label(kind, code, "id") for code in codes(kind)]
    first = [label("country", code, "id") for code in _FIRST_COUNTRIES]
    rest = sorted(
        {label("country", code, "id") for code in codes("country")} - set(first),
        key=str.casefold,
    )
    return first + rest


def write_template(target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write the fill-in workbook to ``target`` (a path or a binary stream)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from pmi_workflow.io.workbook import style_sheet

    book = Workbook()
    guide = book.active
    guide.title = "Petunjuk"
    for line in INSTRUCTIONS:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 110
    sheets: dict[str, Any] = {}
    for entity, name in SHEET_NAMES.items():
        sheet = book.create_sheet(name)
        titles = [CASE_ID, *(title for title in COLUMNS[entity] if title != CASE_ID)]
        sheet.append(titles)
        style_sheet(sheet, [max(14, len(title) + 4) for title in titles])
        for index, title in enumerate(titles, start=1):
            if field_of(entity, title).rsplit(".", 1)[-1] in TEXT_ONLY_FIELDS:
                # A NIK typed in a General cell loses its 16th digit: the column is Text
                # (a column style, so that rows appended after the header stay rows 2, 3...)
                sheet.column_dimensions[get_column_letter(index)].number_format = "@"
        sheets[entity] = sheet
    lists = book.create_sheet(LIST_SHEET)
    for index, (title, kind, users) in enumerate(CHOICES, start=1):
        letter = get_column_letter(index)
        values = _labels(kind)
        lists.cell(row=1, column=index, value=title).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=index, value=value)
        lists.column_dimensions[letter].width = max(len(value) for value in values) + 2
        source = f"'{LIST_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
        for entity, header in users:
            sheet = sheets[entity]
            column = get_column_letter([cell.value for cell in sheet[1]].index(header) + 1)
            validation = DataValidation(
                type="list",
                formula1=source,
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Pilihan tidak dikenal",
                error=f"Pilih {title.lower()} dari daftar.",
                promptTitle=header,
                prompt=f"Pilih {title.lower()} dari daftar.",
            )
            validation.add(f"{column}2:{column}{_ROWS + 1}")
            sheet.add_data_validation(validation)
    cases_name = SHEET_NAMES["cases"]
    for entity in ("documents", "events", "costs"):
        own = DataValidation(
            type="list",
            formula1=f"'{cases_name}'!$A$2:$A${_ROWS + 1}",
            allow_blank=False,
            showErrorMessage=True,
            errorTitle="Nomor berkas tidak dikenal",
            error=f"Nomor berkas harus sudah ada pada lembar {cases_name}.",
        )
        own.add(f"A2:A{_ROWS + 1}")
        sheets[entity].add_data_validation(own)
    lists.sheet_state = "hidden"
    book.active = 1
    book.save(target)


@bilingual_doc(
    "Menulis buku kerja Excel isian untuk petugas (judul kolom bahasa Indonesia, "
    "daftar pilihan, dan lembar Petunjuk)."
)
def template_command(
    out: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help=bilingual(
                "Buku kerja yang ditulis (.xlsx).",
                "Buku kerja yang ditulis / the workbook (.xlsx).",
            ),
        ),
    ] = Path("berkas-pmi.xlsx"),
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=bilingual("Timpa berkas bila sudah ada.", "Overwrite the file if it exists."),
        ),
    ] = False,
) -> None:
    """Buku kerja Excel isian untuk petugas (judul kolom bahasa Indonesia, daftar pilihan, lembar
    Petunjuk). / Write a fill-in Excel workbook (Indonesian headers, drop-down lists, a Petunjuk
    sheet)."""
    if out.suffix.lower() != ".xlsx":
        raise fail(
            "templat berupa buku kerja Excel; beri nama berakhiran .xlsx, misalnya "
            "berkas-pmi.xlsx.",
            "the template is an Excel workbook: name it FILE.xlsx",
        )
    if out.exists() and not force:
        raise fail(
            f"{out.name} sudah ada; tambahkan --force untuk menimpanya.",
            f"{out.name} exists; use --force to overwrite it",
        )
    try:
        write_template(out)
    except ModuleNotFoundError:
        raise fail(
            "templat memerlukan paket tambahan 'xlsx'; pasang dengan: "
            "pip install 'pmi-workflow[xlsx]'",
            "the template needs the xlsx extra: pip install 'pmi-workflow[xlsx]'",
        ) from None
    except OSError as error:
        raise cannot_write(out.name, error) from None
    typer.echo(str(out))


def register(parent: typer.Typer, name: str = "template") -> None:
    """Add the ``template`` command to ``parent`` (the main command line)."""
    parent.command(name)(template_command)
