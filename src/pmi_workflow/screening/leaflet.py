"""A one-page A4 leaflet in Indonesian, generated from the policy in force on a day.

For information sessions: the closed destinations, the jobs free of placement
costs, the official steps, the red flags and where to ask. Everything comes
from the policy of the day (so a leaflet printed after a policy change says
the new thing) and from the same worker texts as the screening. The page is
self-contained HTML with print CSS: no script, no font, no image, nothing
fetched from the network.

>>> import datetime
>>> page = leaflet_html(datetime.date(2024, 5, 6))
>>> "Arab Saudi" in page, "pengurus rumah tangga" in page, "<script" in page
(True, True, False)
>>> "6 Mei 2024" in page
True
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable, Iterable, Mapping, Sequence

from pmi_workflow.domain.occupation import OCCUPATIONS
from pmi_workflow.enums import Scheme, Step
from pmi_workflow.findings import Severity
from pmi_workflow.labels import format_date, join_words, label_in_sentence
from pmi_workflow.labels import label as label_of
from pmi_workflow.policy import (
    ChannelRule,
    Closure,
    DeparturePoints,
    EmployerBorneCosts,
    ExemptOccupations,
    MinimumAge,
    Policy,
    PolicyView,
    WorkVisaTypes,
)
from pmi_workflow.policy.entries import Entry
from pmi_workflow.rules.catalog import CATALOG
from pmi_workflow.screening import _text
from pmi_workflow.screening.catalog import OFFER_RULES, WORKER_TEXTS

__all__ = ["RED_FLAGS", "STEP_WORDS", "leaflet_html"]

_MARK = '<span class="mark">*</span>'

STEP_WORDS: dict[Step, str] = {
    Step.INFORMED: "Ikuti sosialisasi resmi dari Disnaker, LTSA, atau BP3MI.",
    Step.REGISTERED: "Daftar sebagai calon PMI (CPMI) di Disnaker atau LTSA.",
    Step.SELECTED: "Ikuti seleksi untuk lowongan resmi yang memiliki job order dan SIP2MI.",
    Step.MEDICALLY_CLEARED: "Jalani pemeriksaan kesehatan dan psikologi.",
    Step.COMPETENCE_CERTIFIED: "Ikuti pelatihan dan dapatkan sertifikat kompetensi.",
    Step.PLACEMENT_AGREEMENT_SIGNED: (
        "Tanda tangani Perjanjian Penempatan dengan P3MI (Perusahaan Penempatan PMI)."
    ),
    Step.SOCIAL_SECURITY_ENROLLED: "Daftar sebagai peserta BPJS Ketenagakerjaan.",
    Step.PASSPORT_ISSUED: "Urus paspor di Kantor Imigrasi.",
    Step.VISA_ISSUED: "Terima visa kerja, bukan visa kunjungan atau umrah.",
    Step.EMPLOYMENT_CONTRACT_SIGNED: "Tanda tangani Perjanjian Kerja di hadapan Pengantar Kerja.",
    Step.OPP_COMPLETED: "Ikuti OPP dan terima kartu E-PMI.",
    Step.DEPARTED: "Berangkat melalui tempat pemberangkatan resmi.",
}
"""The official steps before departure, as a worker reads them (bahasa.md §1.3)."""

RED_FLAGS: tuple[tuple[str, str], ...] = (
    (
        "executor.individual_recruiter",
        "Undang-undang melarang orang perseorangan merekrut PMI.",
    ),
    (
        "offer.company_unknown",
        "Nama perusahaan, izin perusahaan (SIP3MI), atau izin perekrutan (SIP2MI) tidak jelas.",
    ),
    ("fees.exempt_occupation_charged", "Anda diminta membayar untuk jabatan bebas biaya."),
    ("fees.placement_loan", "Biaya dibayar dengan pinjaman atau potongan gaji."),
    ("documents.visa_not_work", "Anda dijanjikan visa kunjungan, turis, atau umrah."),
    ("offer.passport_held_by_other", "Paspor Anda akan dipegang orang lain."),
    ("offer.departure_point_unofficial", "Berangkat lewat pelabuhan atau jalan darat."),
    (
        "offer.step_skipped",
        "Tanpa pemeriksaan kesehatan, BPJS Ketenagakerjaan, atau Orientasi Pra Pemberangkatan "
        "(OPP).",
    ),
    ("eligibility.age_below_minimum", "Umur di bawah 18 tahun atau umur diubah."),
)
"""The red flags the leaflet lists: the code (whose title heads the line) and one plain line.

A line whose screening is only ever a caution (a warning rule, an unconfirmed rule, or one
resting on an unconfirmed policy entry on the day) goes under its own heading, marked ``*``
when its basis is unconfirmed; the others are the "Tanda bahaya".
"""

_RESTS_ON: Mapping[str, Callable[[PolicyView], tuple[Entry, ...]]] = {
    "fees.exempt_occupation_charged": lambda view: view.of_kind(ExemptOccupations),
    "fees.placement_loan": lambda view: tuple(
        entry for entry in view.of_kind(EmployerBorneCosts) if entry.no_loans
    ),
    "documents.visa_not_work": lambda view: view.of_kind(WorkVisaTypes)[-1:],
    "offer.departure_point_unofficial": lambda view: view.of_kind(DeparturePoints),
    "eligibility.age_below_minimum": lambda view: view.of_kind(MinimumAge)[-1:],
}
"""The policy entries each listed flag rests on, as screening takes them."""

_CSS = """
@page { size: A4; margin: 11mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 186mm; font-family: "DejaVu Sans", "Liberation Sans",
  Arial, Helvetica, sans-serif; font-size: 9.4pt; line-height: 1.32; color: #1a1a1a; }
header { border-bottom: 3px solid #9b1c1c; padding-bottom: 2mm; margin-bottom: 3mm; }
h1 { font-size: 19pt; margin: 0; color: #9b1c1c; letter-spacing: 0.2px; }
.lead { font-size: 10.5pt; margin: 1mm 0 0; }
.date { font-size: 8.5pt; color: #555; margin: 1mm 0 0; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm 5mm; }
section { break-inside: avoid; }
h2 { font-size: 11pt; margin: 0 0 1.2mm; padding: 0.8mm 2mm; background: #f3e8e8;
  color: #7a1313; border-left: 3px solid #9b1c1c; }
ul, ol { margin: 0; padding-left: 5mm; }
li { margin: 0 0 0.6mm; }
p { margin: 0 0 1mm; }
.flags li strong { color: #9b1c1c; }
.wide { grid-column: 1 / span 2; }
.ask { border: 2px solid #1d5f3a; background: #eef7f1; padding: 2mm 3mm; }
.ask h2 { background: none; border: none; color: #1d5f3a; padding: 0; }
.note { font-size: 7.6pt; color: #555; margin-top: 2.5mm; }
.mark { color: #9b1c1c; }
@media screen { body { padding: 8mm; } }
"""

_CHANNEL_NAMES = {"spsk": "Sistem Penempatan Satu Kanal (SPSK)", "ocs": "One Channel System (OCS)"}


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _mark(entries: Iterable[Entry]) -> str:
    """The ``*`` after a statement resting on an unconfirmed entry (empty otherwise)."""
    return "" if all(entry.confirmed for entry in entries) else _MARK


def _countries(closures: Iterable[Closure]) -> str:
    named = sorted(
        {(label_of("country", item.destination, "id"), item.confirmed) for item in closures},
        key=lambda pair: pair[0],
    )
    parts = [_e(name) + ("" if confirmed else _MARK) for name, confirmed in named]
    return ", ".join(parts)


def _closures(view: PolicyView, on: datetime.date) -> list[str]:
    by_scope: dict[str, list[Closure]] = {}
    for entry in view.of_kind(Closure):
        # every scope that names individual employers is the Kepmenaker 260/2015 ban
        key = "individual_employer" if entry.scope.endswith("individual_employer") else entry.scope
        by_scope.setdefault(key, []).append(entry)
    items = []
    if by_scope.get("all"):
        items.append(f"<li>Ditutup untuk semua jabatan: {_countries(by_scope['all'])}.</li>")
    if by_scope.get("domestic"):
        items.append(
            f"<li>Ditutup untuk pekerjaan rumah tangga: {_countries(by_scope['domestic'])}.</li>"
        )
    if by_scope.get("individual_employer"):
        items.append(
            "<li>Dilarang bekerja pada pemberi kerja perseorangan (rumah tangga) di "
            f"{_countries(by_scope['individual_employer'])} (Kepmenaker 260/2015).</li>"
        )
    for rule in view.of_kind(ChannelRule):
        scope = "Pekerjaan rumah tangga ke" if rule.domestic_only else "Penempatan ke"
        mark = _mark((rule,))
        items.append(
            f"<li>{scope} {_e(label_of('country', rule.destination, 'id'))} wajib melalui "
            f"{_e(_CHANNEL_NAMES.get(rule.channel.value, rule.channel.value))}{mark}.</li>"
        )
    if not items:
        items.append(
            "<li>Tidak ada negara yang ditutup menurut data kebijakan per "
            f"{_e(format_date(on, 'id'))}.</li>"
        )
    return items


def _exempt(view: PolicyView) -> list[str]:
    labels = [
        label_in_sentence("occupation", code, "id")
        if code in OCCUPATIONS
        else code.replace("_", " ")
        for code in sorted(view.exempt_occupations, key=_job_order)
    ]
    items = []
    borne_entries = view.of_kind(EmployerBorneCosts)
    if labels:
        items.append(
            "<p>Untuk jabatan berikut Anda <strong>tidak wajib membayar biaya penempatan "
            f"apa pun</strong>{_mark(view.of_kind(ExemptOccupations))}; pemberi kerja yang "
            "menanggungnya:</p>"
        )
        items.append("<p>" + _e(join_words(labels)) + ".</p>")
    borne = sorted(_text.COST_LABELS[item][0] for item in view.employer_borne_components)
    if borne:
        items.append(
            "<p>Untuk semua jabatan, biaya ini ditanggung pemberi kerja: "
            f"{_e(join_words(borne))}{_mark(e for e in borne_entries if e.components)}.</p>"
        )
    if view.loans_forbidden:
        items.append(
            "<p>Biaya penempatan <strong>tidak boleh</strong> dibayar dengan pinjaman atau "
            f"potongan gaji{_mark(e for e in borne_entries if e.no_loans)}.</p>"
        )
    return items


def _job_order(code: str) -> int:
    order = list(OCCUPATIONS)
    return order.index(code) if code in order else len(order)


def _steps(view: PolicyView) -> list[str]:
    path = view.scheme_steps(Scheme.P2P)
    shown = []
    for step in path:
        if step in STEP_WORDS:
            shown.append(f"<li>{_e(STEP_WORDS[step])}</li>")
        if step is Step.DEPARTED:
            break
    return shown


def _flags(view: PolicyView) -> tuple[list[str], list[str]]:
    """The red flags and the cautions, as screening would raise them on the day."""
    red: list[str] = []
    cautions: list[str] = []
    for code, line in RED_FLAGS:
        rule = CATALOG.get(code) or OFFER_RULES[code]
        entries = _RESTS_ON[code](view) if code in _RESTS_ON else ()
        mark = "" if rule.confirmed else _MARK
        mark = mark or _mark(entries)
        item = f"<li><strong>{_e(WORKER_TEXTS[code].title_id)}{mark}.</strong> {_e(line)}</li>"
        (cautions if mark or rule.severity is Severity.WARNING else red).append(item)
    return red, cautions


def leaflet_html(
    on: datetime.date,
    policy: Policy | PolicyView | None = None,
    *,
    contacts: Sequence[tuple[str, str]] = (),
    organiser: str | None = None,
) -> str:
    """The leaflet for the policy in force on ``on``, as one self-contained HTML page.

    ``contacts`` adds lines to "where to ask" (a place and how to reach it,
    e.g. the district office and its address); ``organiser`` names who hands
    the leaflet out. Entries marked with ``*`` rest on unconfirmed sources.
    """
    view = policy if isinstance(policy, PolicyView) else (policy or Policy.default()).as_of(on)
    asks = [
        ("Disnaker", "Dinas Tenaga Kerja kabupaten/kota: pendaftaran CPMI dan daftar lowongan."),
        ("LTSA", "Layanan Terpadu Satu Atap: semua layanan penempatan di satu tempat."),
        ("BP3MI", "Balai Pelayanan Pelindungan PMI: cek P3MI berizin, SIP2MI, dan pengaduan."),
        ("Perwakilan RI", "KBRI atau KJRI di negara tujuan, jika Anda sudah di luar negeri."),
    ]
    ask_items = [f"<li><strong>{_e(name)}</strong>: {_e(text)}</li>" for name, text in asks]
    ask_items += [f"<li><strong>{_e(name)}</strong>: {_e(text)}</li>" for name, text in contacts]
    red, cautions = _flags(view)
    closures = _closures(view, on)
    exempt = _exempt(view)
    unconfirmed = any(_MARK in item for item in (*red, *cautions, *closures, *exempt))
    by = f" Dibagikan oleh {_e(organiser)}." if organiser else ""
    note = (
        f"Disusun dari data kebijakan yang berlaku per {_e(format_date(on, 'id'))} "
        f"(versi {_e(view.version)}).{by}"
    )
    if unconfirmed:
        note += ' Tanda <span class="mark">*</span>: dasar aturannya belum dikonfirmasi.'
    parts = [
        "<!DOCTYPE html>",
        '<html lang="id"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Cek lowongan sebelum berangkat</title>",
        f"<style>{_CSS}</style></head><body>",
        "<header><h1>Cek lowongan sebelum berangkat</h1>",
        '<p class="lead">Bekerja di luar negeri sebagai Pekerja Migran Indonesia (PMI) secara '
        "resmi melindungi Anda dari penipuan, "
        "jeratan utang, dan perdagangan orang. Periksa setiap tawaran kerja sebelum membayar "
        "atau menyerahkan dokumen.</p>",
        f'<p class="date">Berlaku per {_e(format_date(on, "id"))}</p></header>',
        '<main class="grid">',
        '<section class="flags"><h2>Tanda bahaya</h2><ul>',
        *red,
        "</ul>",
        *(("<h2>Perlu diwaspadai</h2><ul>", *cautions, "</ul>") if cautions else ()),
        "</section>",
        "<section><h2>Langkah resmi sebelum berangkat</h2><ol>",
        *_steps(view),
        "</ol></section>",
        "<section><h2>Negara dan pekerjaan yang ditutup</h2><ul>",
        *closures,
        "</ul></section>",
        "<section><h2>Jabatan bebas biaya penempatan</h2>",
        *exempt,
        "</section>",
        '<section class="wide ask"><h2>Tempat bertanya, gratis</h2><ul>',
        *ask_items,
        "</ul><p>Jangan membayar dan jangan menyerahkan KTP atau paspor sebelum lowongan "
        "diperiksa di salah satu tempat ini.</p></section>",
        "</main>",
        f'<p class="note">{note}</p>',
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"
