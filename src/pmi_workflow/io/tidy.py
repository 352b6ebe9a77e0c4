"""The tidy layout for people: one sheet per entity, keyed by the case id.

A workbook (or a folder with one CSV file per sheet) holds four sheets:

``Berkas`` (``cases``)
    one row per case: the dossier (applicant, destination, occupation,
    employer, executor, job order).
``Dokumen`` (``documents``)
    one row per document, with the case id it belongs to.
``Langkah`` (``events``)
    one row per recorded step, with the case id; the rows of a case are in
    the order the steps happened. The event's sequence and case id inside the
    record are derived from this, never typed.
``Biaya`` (``costs``)
    one row per cost item, with the case id.

Columns are named in Indonesian (``Tanggal lahir``, ``Langkah``, ``Jumlah``)
or by their field path (``applicant.birth_date``); every other column is
read as a field path, so any field of the record can be given. Cells may hold
the Indonesian or English label of a code (``Arab Saudi``, ``Paspor terbit``,
``Disnaker kabupaten/kota``) as well as the code. A list cell
(``evidence``, ``terms``, ``programmes``) holds its items separated by
commas or semicolons. A document without an id gets one from its type
(``passport-1``).

Each case comes out as one :class:`~pmi_workflow.io.readers.SourceRecord`
placed at its row of the cases sheet; its ``places`` say, for every field,
the cell the officer typed it in (``Langkah!C14 (Tanggal)``), so problems
are reported there.

>>> cases = [{"Nomor berkas": "B-1", "Negara tujuan": "Arab Saudi", "Jabatan": "Juru masak"}]
>>> events = [{"Nomor berkas": "B-1", "Langkah": "Memperoleh informasi resmi",
...            "Tanggal": "3 Juli 2023", "Pencatat": "Disnaker"}]
>>> tables = {"cases": Table("Berkas", list(cases[0]), [(2, cases[0])]),
...           "events": Table("Langkah", list(events[0]), [(2, events[0])])}
>>> record = next(assemble(tables, "kasus.xlsx"))
>>> record.data["destination"], record.data["occupation"], record.data["history"][0]["step"]
('SA', 'cook', 'informed')
>>> record.data["history"][0]["sequence"], record.data["history"][0]["case_id"]
(1, 'B-1')
>>> record.place(("history", 0, "occurred_at"))
'Langkah!C2 (Tanggal)'
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pmi_workflow.errors import InputProblem, InvalidInputError
from pmi_workflow.io.flat import unflatten
from pmi_workflow.io.readers import SourceRecord
from pmi_workflow.labels import code_of

__all__ = [
    "COLUMNS",
    "ENTITIES",
    "SHEET_NAMES",
    "UNCOMPUTED_FORMULA",
    "CellProblem",
    "NumberText",
    "Table",
    "assemble",
    "column_letter",
    "entity_of_sheet",
    "field_of",
    "is_tidy",
]

ENTITIES = ("cases", "documents", "events", "costs")
"""The four sheets of the tidy layout, by their English key."""

SHEET_NAMES: dict[str, str] = {
    "cases": "Berkas",
    "documents": "Dokumen",
    "events": "Langkah",
    "costs": "Biaya",
}
"""The Indonesian sheet name of each entity (as :mod:`pmi_workflow.cli.template` writes them)."""

_SHEET_ALIASES: dict[str, str] = {
    "berkas": "cases",
    "kasus": "cases",
    "data berkas": "cases",
    "cases": "cases",
    "case": "cases",
    "dokumen": "documents",
    "documents": "documents",
    "document": "documents",
    "langkah": "events",
    "riwayat": "events",
    "riwayat langkah": "events",
    "events": "events",
    "event": "events",
    "history": "events",
    "biaya": "costs",
    "biaya penempatan": "costs",
    "costs": "costs",
    "cost": "costs",
}

CASE_ID = "Nomor berkas"

COLUMNS: dict[str, dict[str, str]] = {
    "cases": {
        CASE_ID: "case_id",
        "Skema": "scheme",
        "NIK": "applicant.nik",
        "Nama": "applicant.name",
        "Tempat lahir": "applicant.birth_place",
        "Tanggal lahir": "applicant.birth_date",
        "Jenis kelamin": "applicant.sex",
        "Status perkawinan": "applicant.marital_status",
        "Pendidikan": "applicant.education",
        "Alamat": "applicant.address.street",
        "Desa/kelurahan": "applicant.address.village",
        "Kecamatan": "applicant.address.district",
        "Kabupaten/kota": "applicant.address.regency",
        "Provinsi": "applicant.address.province",
        "Kode kabupaten/kota": "applicant.address.regency_code",
        "Telepon": "applicant.contact.phone",
        "Negara tujuan": "destination",
        "Jabatan": "occupation",
        "Kanal": "channel",
        "Jenis pemberi kerja": "employer.kind",
        "Nama pemberi kerja": "employer.name",
        "Negara pemberi kerja": "employer.country",
        "Jenis pelaksana penempatan": "executor.kind",
        "Nama pelaksana penempatan": "executor.name",
        "NPWP pelaksana penempatan": "executor.npwp",
        "Nomor SIP3MI": "executor.sip3mi.number",
        "SIP3MI terbit": "executor.sip3mi.issued_on",
        "SIP3MI berlaku sampai": "executor.sip3mi.valid_until",
        "Nomor job order": "job_order.number",
        "Jabatan job order": "job_order.position",
        "Job order terbit": "job_order.issued_on",
        "Negara job order": "job_order.destination",
        "Nomor SIP2MI": "job_order.sip2mi.number",
        "SIP2MI terbit": "job_order.sip2mi.issued_on",
        "SIP2MI berlaku sampai": "job_order.sip2mi.valid_until",
    },
    "documents": {
        CASE_ID: "case_id",
        "Jenis dokumen": "type",
        "ID dokumen": "id",
        "Nomor": "number",
        "Penerbit": "issuer",
        "Tanggal terbit": "issued_on",
        "Berlaku sampai": "expires_on",
        "Tanggal tanda tangan": "signed_on",
        "Negara": "country",
        "Jenis visa": "visa_type",
        "Hasil pemeriksaan kesehatan": "medical_result",
        "Pemeriksaan psikologi": "psychological_exam_done",
        "Hasil pemeriksaan psikologi": "psychological_result",
        "Sarana kesehatan": "facility",
        "Kompetensi": "competence",
        "Program": "programmes",
        "Mulai pelindungan": "cover_start",
        "Paket (bulan)": "package_months",
        "Nama pemberi kerja": "employer_name",
        "Jabatan": "position",
        "Jangka waktu (bulan)": "duration_months",
        "Upah": "wage.amount",
        "Mata uang upah": "wage.currency",
        "Isi Perjanjian Kerja": "terms",
        "Ditandatangani di hadapan": "signed_before",
        "Penyelenggara": "organiser",
        "Pemberi izin": "consenting_party",
        "Diketahui kepala desa/lurah": "acknowledged_by_village_head",
    },
    "events": {
        CASE_ID: "case_id",
        "Langkah": "step",
        "Tanggal": "occurred_at",
        "Pencatat": "actor.role",
        "ID petugas": "actor.id",
        "Kantor": "actor.office",
        "Tempat": "place",
        "Bukti": "evidence",
        "Sosialisasi": "information_sessions",
        "Catatan": "note",
    },
    "costs": {
        CASE_ID: "case_id",
        "Komponen biaya": "component",
        "Jumlah": "amount",
        "Mata uang": "currency",
        "Dibayar oleh": "paid_by",
        "Pembiayaan": "financing",
        "Tanggal bayar": "paid_on",
        "Keterangan": "description",
    },
}
"""The Indonesian column headers of each sheet and the field path each stands for."""

_EXTRA_ALIASES: dict[str, dict[str, str]] = {
    "cases": {"id berkas": "case_id", "nama cpmi": "applicant.name", "negara": "destination"},
    "documents": {"id berkas": "case_id", "jenis": "type"},
    "events": {"id berkas": "case_id", "tanggal langkah": "occurred_at", "peran": "actor.role"},
    "costs": {"id berkas": "case_id", "komponen": "component", "nilai": "amount"},
}

# Fields whose cells may hold a label: the last part of the path → the label kind.
_LABELLED: dict[str, str] = {
    "scheme": "scheme",
    "destination": "country",
    "country": "country",
    "occupation": "occupation",
    "step": "step",
    "role": "role",
    "type": "document",
    "component": "cost",
    "paid_by": "payer",
    "financing": "financing",
    "sex": "sex",
}
# Fields named by their whole path (their last part alone is ambiguous).
_LABELLED_PATHS: dict[str, str] = {
    "applicant.marital_status": "marital_status",
    "applicant.education": "education",
    "employer.kind": "employer_kind",
    "executor.kind": "executor_kind",
}
_LIST_FIELDS = frozenset({"evidence", "information_sessions", "terms", "programmes", "warnings"})
_SPLIT = re.compile(r"\s*[;,]\s*")
# Identifiers written in digits, by the last part of their path, that a number cell cannot
# hold: a spreadsheet keeps 15 significant digits (a NIK has 16, an NPWP 15 or 16) and drops
# leading zeros (a phone number, an NPWP, a document number).
TEXT_ONLY_FIELDS = frozenset({"nik", "npwp", "phone", "number"})


class NumberText(str):
    """The text of a number cell (``3603120108060000``), as opposed to a text cell.

    A spreadsheet keeps 15 significant digits of a number and no leading zero, so a
    field of :data:`TEXT_ONLY_FIELDS` given as a number cell is refused.
    """

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class CellProblem:
    """A cell whose content cannot be read as a value, with why (``kind`` as in
    :func:`pmi_workflow.labels.problem_text`)."""

    kind: str
    message: str


UNCOMPUTED_FORMULA = CellProblem(
    "formula",
    "a formula without a computed value: open the file in a spreadsheet program and save it",
)
"""A formula cell saved without its result (written by a program, never opened in a
spreadsheet program); read as empty, it would be reported as a missing field."""

_NUMBER_CELL = CellProblem(
    "number_cell",
    "an identifier typed as a number, which a spreadsheet keeps to 15 digits and without "
    "leading zeros: format the column as Text and type it again",
)


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", str(text)).casefold().strip()
    return re.sub(r"\s+", " ", folded)


def entity_of_sheet(name: str) -> str | None:
    """The entity a sheet (or CSV file stem) holds, from its Indonesian or English name.

    >>> entity_of_sheet("Langkah"), entity_of_sheet("costs"), entity_of_sheet("Petunjuk")
    ('events', 'costs', None)
    """
    return _SHEET_ALIASES.get(_key(name))


def is_tidy(sheet_names: Iterable[str]) -> bool:
    """``True`` when the sheets include a cases sheet and at least one other entity."""
    found = {entity_of_sheet(name) for name in sheet_names}
    return "cases" in found and len(found & set(ENTITIES)) > 1


@cache
def _aliases(entity: str) -> dict[str, str]:
    table = {_key(header): path for header, path in COLUMNS[entity].items()}
    table.update(_EXTRA_ALIASES.get(entity, {}))
    return table


def field_of(entity: str, header: str) -> str:
    """The field path a column header stands for (a header that is no alias is a path).

    >>> field_of("events", "tanggal"), field_of("cases", "applicant.nik")
    ('occurred_at', 'applicant.nik')
    """
    return _aliases(entity).get(_key(header), header.strip())


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(27)
    ('A', 'Z', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(slots=True)
class Table:
    """One sheet's rows: its name, its header and ``(row number, {header: cell})`` pairs.

    Row numbers are as in the spreadsheet (the header is row 1).
    """

    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[tuple[int, InputProblem]] = field(default_factory=list)


def _cell_value(path: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = value.strip()
    last = path.rsplit(".", 1)[-1]
    kind = _LABELLED_PATHS.get(path) or _LABELLED.get(last)
    if kind is not None:
        found = code_of(kind, text)
        if found is not None:
            return found
    if last in _LIST_FIELDS:
        return [item for item in _SPLIT.split(text) if item]
    return text


class _Case:
    def __init__(self) -> None:
        self.places: dict[str, str] = {}
        self.documents: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.costs: list[dict[str, Any]] = []
        self.problems: list[InputProblem] = []


def _row_to_fields(
    table: Table, entity: str, row: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str], list[InputProblem]]:
    """Fields of one row (field path → value), the column header of each path, and the
    problems of cells that hold no usable value (located by field path)."""
    values: dict[str, Any] = {}
    headers: dict[str, str] = {}
    problems: list[InputProblem] = []
    for header, value in row.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        path = field_of(entity, header)
        headers[path] = header
        if isinstance(value, NumberText) and path.rsplit(".", 1)[-1] in TEXT_ONLY_FIELDS:
            value = _NUMBER_CELL
        if isinstance(value, CellProblem):
            problems.append(InputProblem(tuple(path.split(".")), value.message, value.kind))
            continue
        values[path] = _cell_value(path, value)
    return values, headers, problems


def _place(table: Table, header: str, number: int) -> str:
    try:
        letter = column_letter(table.header.index(header))
    except ValueError:
        letter = "?"
    return f"{table.name}!{letter}{number} ({header.strip()})"


def _nested(values: dict[str, Any]) -> dict[str, Any]:
    lists = {path: value for path, value in values.items() if isinstance(value, list)}
    plain = {path: value for path, value in values.items() if path not in lists}
    data = unflatten(plain)
    for path, value in lists.items():
        node = data
        parts = path.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return data


def _case_id_of(values: Mapping[str, Any]) -> str | None:
    value = values.get("case_id")
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def assemble(tables: Mapping[str, Table], source: str) -> Iterator[SourceRecord]:
    """The case records of tidy ``tables`` (keyed by entity), one per row of the cases sheet.

    Rows of the other sheets are attached to their case by the case id, in
    sheet order. A row whose case id is missing or not in the cases sheet is
    reported as a record of its own (it would otherwise be lost silently).
    """
    if "cases" not in tables:
        yield SourceRecord(
            source, "row", 1, 1, None,
            (InputProblem((), "the workbook has no cases sheet (Berkas)", "sheet"),),
        )  # fmt: skip
        return
    cases_table = tables["cases"]
    if not cases_table.rows and not cases_table.problems:
        yield SourceRecord(
            source, "row", 2, 2, None,
            (InputProblem((), f"the cases sheet ({cases_table.name}) has no rows", "empty"),),
        )  # fmt: skip
    by_case: dict[str, _Case] = defaultdict(_Case)
    orphans: list[SourceRecord] = []
    for entity in ("documents", "events", "costs"):
        table = tables.get(entity)
        if table is None:
            continue
        for number, row in table.rows:
            values, headers, problems = _row_to_fields(table, entity, row)
            case_id = _case_id_of(values)
            if case_id is None:
                unread = [problem for problem in problems if problem.location == ("case_id",)]
                orphans.append(
                    _orphan(source, table, number, "the case id (Nomor berkas) is missing",
                            unread)
                )  # fmt: skip
                continue
            holder = by_case[case_id]
            values.pop("case_id", None)
            target = {"documents": holder.documents, "events": holder.events,
                      "costs": holder.costs}[entity]  # fmt: skip
            list_name = {"documents": "documents", "events": "history", "costs": "costs"}[entity]
            index = len(target)
            for path, header in headers.items():
                if path != "case_id":
                    holder.places[f"{list_name}.{index}.{path}"] = _place(table, header, number)
            holder.places[f"{list_name}.{index}"] = f"{table.name}!{number}"
            holder.problems.extend(
                InputProblem((list_name, index, *problem.location), problem.message, problem.kind)
                for problem in problems
            )
            try:
                target.append(_nested(values))
            except InvalidInputError as error:
                holder.problems.extend(
                    InputProblem((list_name, index, *problem.location), problem.message,
                                 problem.kind)
                    for problem in error.problems
                )  # fmt: skip
                target.append({})
    seen: set[str] = set()
    for number, problem in cases_table.problems:
        yield SourceRecord(source, "row", number, number, None, (problem,))
    for number, row in cases_table.rows:
        values, headers, problems = _row_to_fields(cases_table, "cases", row)
        case_id = _case_id_of(values)
        places = {path: _place(cases_table, header, number) for path, header in headers.items()}
        if case_id is not None and case_id in seen:
            yield SourceRecord(
                source, "row", number, number, None,
                (InputProblem(("case_id",), "the case id is used twice in the cases sheet",
                              "case_id"),),
                places=places,
            )  # fmt: skip
            continue
        owner = by_case.get(case_id) if case_id is not None else None
        if case_id is not None:
            seen.add(case_id)
        data: dict[str, Any] = {}
        try:
            data = _nested(values)
        except InvalidInputError as error:
            problems.extend(error.problems)
        if owner is not None:
            places.update(owner.places)
            problems.extend(owner.problems)
        if problems:
            yield SourceRecord(source, "row", number, number, None, tuple(problems), places=places)
            continue
        if owner is not None:
            _fill_document_ids(owner.documents)
            data["documents"] = owner.documents
            data["costs"] = owner.costs
            data["history"] = [
                {**event, "case_id": case_id, "sequence": sequence}
                for sequence, event in enumerate(owner.events, start=1)
            ]
        yield SourceRecord(source, "row", number, number, data, places=places)
    for case_id, holder in by_case.items():
        if case_id not in seen:
            first = min(holder.places.values(), default=source)
            yield SourceRecord(
                source, "row", 0, 0, None,
                (InputProblem(("case_id",), "rows refer to a case id that is not in the cases "
                              f"sheet (first at {first})", "case_id"),),
            )  # fmt: skip
    yield from orphans


def _orphan(
    source: str, table: Table, number: int, message: str, problems: Iterable[InputProblem] = ()
) -> SourceRecord:
    """A row of a case's sheet without a case id: ``problems`` say why when its cell
    could not be read, else ``message``."""
    found = tuple(problems) or (InputProblem(("case_id",), message, "case_id"),)
    return SourceRecord(
        source, "row", number, number, None, found,
        places={"case_id": f"{table.name}!{number} ({CASE_ID})"},
    )  # fmt: skip


def _fill_document_ids(documents: list[dict[str, Any]]) -> None:
    used = {str(item["id"]) for item in documents if item.get("id")}
    counters: dict[str, int] = defaultdict(int)
    for item in documents:
        if item.get("id"):
            continue
        base = str(item.get("type") or "dokumen").replace("_", "-")
        while True:
            counters[base] += 1
            candidate = f"{base}-{counters[base]}"
            if candidate not in used:
                break
        item["id"] = candidate
        used.add(candidate)
