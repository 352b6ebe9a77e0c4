"""Render a district report as JSON, CSV, or a self-contained bilingual HTML page.

The HTML page has inline CSS and inline SVG charts only: no scripts, no
fonts, images or stylesheets from anywhere, and a Content-Security-Policy
that forbids the browser to fetch anything. A language switch (pure CSS)
shows it in Indonesian or English.

>>> import datetime, json
>>> from pmi_workflow.reports import Period, build_district_report, null_auditor
>>> from pmi_workflow.reports.synthetic import district_sample
>>> cases, sessions = district_sample()
>>> report = build_district_report(cases, sessions, regency_code="3603",
...     period=Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
...     auditor=null_auditor)
>>> json.loads(to_json(report))["sessions"]["reached"]
160
>>> to_csv(report).splitlines()[:3]
['section,key,measure,value',
 'report,3603,regency_name,Kabupaten Tangerang',
 'report,3603,period_start,2024-01-01']
>>> page = to_html(report, lang="en")
>>> import re
>>> page.count("<svg") >= 5, re.search(r"https?:|//", page) is None
(True, True)
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from html import escape
from typing import Literal

from pmi_workflow.enums import ActorRole
from pmi_workflow.findings import Severity, basis_text
from pmi_workflow.io.writers import escape_cell
from pmi_workflow.labels import format_date, label
from pmi_workflow.reports.charts import Bar, LegendItem, bar_chart
from pmi_workflow.reports.district import Breakdown, DistrictReport
from pmi_workflow.rules.catalog import CATALOG

__all__ = ["FORMATS", "csv_rows", "render", "to_csv", "to_html", "to_json"]

ReportLanguage = Literal["id", "en"]

FORMATS = ("json", "csv", "html")
"""The output formats :func:`render` knows."""

_ROLE_LABELS: dict[ActorRole, tuple[str, str]] = {
    ActorRole.DISNAKER: ("Disnaker", "District manpower office (Disnaker)"),
    ActorRole.BP3MI: ("BP3MI", "Regional ministry unit (BP3MI)"),
    ActorRole.LTSA: ("LTSA", "One-stop service centre (LTSA)"),
    ActorRole.KP2MI: ("KP2MI", "Ministry (KP2MI)"),
    ActorRole.P3MI: ("P3MI bersama Disnaker", "P3MI with Disnaker"),
}


def _severity_labels(severity: Severity) -> tuple[str, str]:
    """A severity's words in Indonesian and English (the labels' own, as everywhere)."""
    return label("verdict", severity.value), label("verdict", severity.value, "en")


def to_json(report: DistrictReport, *, indent: int | None = 2) -> str:
    """The report as JSON text (UTF-8 characters kept)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=indent)


def csv_rows(report: DistrictReport) -> Iterator[tuple[str, str, str, str]]:
    """The report as tidy rows ``(section, key, measure, value)``."""
    code = report.regency_code
    yield ("report", code, "regency_name", report.regency_name or "")
    yield ("report", code, "period_start", report.period.start.isoformat())
    yield ("report", code, "period_end", report.period.end.isoformat())
    yield ("report", code, "region_source", report.region_source.value)
    summary = report.sessions
    for measure in (
        "held",
        "reached",
        "linked_participants",
        "anonymous_participants",
        "participants_registered",
        "participants_departed",
        "offers_screened",
        "offers_flagged",
        "flags_raised",
    ):
        yield ("sessions", "all", measure, str(getattr(summary, measure)))
    for role, count in summary.by_organiser:
        yield ("sessions_by_organiser", role.value, "sessions", str(count))
    for topic, count in summary.topic_coverage:
        yield ("topic_coverage", topic.value, "sessions", str(count))
    for stage in report.funnel:
        yield ("funnel", stage.step, "cases", str(stage.cases))
    outcomes = report.outcomes
    yield ("outcomes", "all", "cases", str(outcomes.cases))
    yield ("outcomes", "all", "procedural", str(outcomes.procedural))
    yield ("outcomes", "all", "non_procedural", str(outcomes.non_procedural))
    for item in outcomes.top_findings:
        yield ("finding", item.code, "cases", str(item.cases))
        yield ("finding", item.code, "occurrences", str(item.occurrences))
    for breakdown in report.breakdowns:
        for row in breakdown.rows:
            for measure in ("cases", "procedural", "non_procedural", "departed"):
                yield (breakdown.dimension, row.key, measure, str(getattr(row, measure)))
    for line in report.cases or ():
        yield ("case", line.case_id, "nik", line.nik)
        yield ("case", line.case_id, "name", line.name)
        yield ("case", line.case_id, "status", line.status)
        yield ("case", line.case_id, "procedural", "true" if line.procedural else "false")
        yield ("case", line.case_id, "codes", " ".join(line.codes))


def to_csv(report: DistrictReport) -> str:
    """The report as CSV text with the header ``section,key,measure,value``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("section", "key", "measure", "value"))
    writer.writerows([escape_cell(str(cell)) for cell in row] for row in csv_rows(report))
    return buffer.getvalue()


def _t(label_id: str, label_en: str, tag: str = "span") -> str:
    if label_id == label_en:
        return f"<{tag}>{escape(label_id)}</{tag}>"
    return (
        f'<{tag} class="t-id" lang="id">{escape(label_id)}</{tag}>'
        f'<{tag} class="t-en" lang="en">{escape(label_en)}</{tag}>'
    )


_STYLE = """
:root { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1c2430; }
body { margin: 0; background: #f4f6f8; }
main { max-width: 1000px; margin: 0 auto; padding: 16px 24px 40px; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #d5dbe1; padding-bottom: 4px; }
.meta { color: #4a5562; margin: 0 0 12px; }
.switch { position: fixed; top: 8px; right: 12px; background: #fff; border: 1px solid #c9d1d9;
  border-radius: 6px; padding: 4px 8px; font-size: 14px; }
.switch label { cursor: pointer; padding: 2px 6px; }
input[name="lang"] { position: absolute; opacity: 0; pointer-events: none; }
#lang-id:checked ~ main .t-en, #lang-en:checked ~ main .t-id { display: none; }
#lang-id:checked ~ .switch label[for="lang-id"],
#lang-en:checked ~ .switch label[for="lang-en"] {
  background: #1f6feb; color: #fff; border-radius: 4px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: #fff; border: 1px solid #d5dbe1; border-radius: 8px; padding: 10px 14px;
  min-width: 150px; }
.card .n { font-size: 28px; font-weight: bold; display: block; }
.panel { background: #fff; border: 1px solid #d5dbe1; border-radius: 8px; padding: 8px 12px; }
svg.chart { max-width: 100%; height: auto; font-size: 13px; }
svg.chart text { fill: #1c2430; }
svg.chart text.value { font-weight: bold; }
rect.bar { fill: #1f6feb; }
rect.ok { fill: #2da44e; }
rect.bad { fill: #cf222e; }
rect.warn { fill: #d4a72c; }
rect.muted { fill: #8c959f; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 14px; }
th, td { border: 1px solid #d5dbe1; padding: 4px 8px; text-align: left; }
td.num, th.num { text-align: right; }
.note { color: #4a5562; font-size: 13px; }
.personal { border: 2px solid #cf222e; }
td, th, code { overflow-wrap: anywhere; }
tr.overdue td:first-child { border-left: 4px solid #cf222e; }
.late { color: #cf222e; font-weight: bold; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  :root { color: #000; }
  body { background: #fff; font-size: 10pt; }
  .switch, input[name="lang"] { display: none; }
  main { max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 16pt; margin-top: 0; }
  h2 { font-size: 12pt; margin: 14pt 0 6pt; break-after: avoid; page-break-after: avoid; }
  .cards { gap: 6pt; }
  .card { min-width: 0; flex: 1 1 0; padding: 4pt 8pt; border-color: #999; }
  .card .n { font-size: 16pt; }
  .panel { border: none; padding: 0; break-inside: avoid; page-break-inside: avoid; }
  svg.chart { width: 100%; max-height: 120mm; }
  table { font-size: 9pt; width: 100%; table-layout: fixed; }
  th, td { padding: 2pt 4pt; border-color: #999; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .note { font-size: 8pt; }
}
"""


def _funnel_chart(report: DistrictReport) -> str:
    bars = [Bar(stage.label_id, stage.label_en, ((stage.cases, "bar"),)) for stage in report.funnel]
    return bar_chart("chart-funnel", "Alur berkas", "Case funnel", bars)


def _outcome_chart(report: DistrictReport) -> str:
    outcomes = report.outcomes
    bars = [
        Bar("Prosedural", "Procedural", ((outcomes.procedural, "ok"),)),
        Bar("Nonprosedural", "Non-procedural", ((outcomes.non_procedural, "bad"),)),
    ]
    return bar_chart("chart-outcomes", "Hasil audit", "Audit outcomes", bars)


def _findings_chart(report: DistrictReport) -> str:
    bars = []
    for item in report.outcomes.top_findings:
        rule = CATALOG.get(item.code)
        title_id = rule.title_id if rule else item.code
        title_en = rule.title_en if rule else item.code
        css = "bad" if item.severity is Severity.ERROR else "warn"
        bars.append(Bar(title_id, title_en, ((item.cases, css),)))
    legend = (
        LegendItem("bad", *_severity_labels(Severity.ERROR)),
        LegendItem("warn", *_severity_labels(Severity.WARNING)),
    )
    return bar_chart(
        "chart-findings", "Temuan terbanyak", "Most frequent findings", bars, legend=legend
    )


def _topics_chart(report: DistrictReport) -> str:
    bars = [
        Bar(topic.label_id, topic.label_en, ((count, "bar"),))
        for topic, count in report.sessions.topic_coverage
    ]
    return bar_chart(
        "chart-topics",
        "Topik yang dibahas (jumlah sesi)",
        "Topics covered (number of sessions)",
        bars,
        maximum=report.sessions.held,
    )


def _breakdown_chart(breakdown: Breakdown) -> str:
    bars = [
        Bar(row.label_id, row.label_en, ((row.procedural, "ok"), (row.non_procedural, "bad")))
        for row in breakdown.rows
    ]
    legend = (
        LegendItem("ok", "Prosedural", "Procedural"),
        LegendItem("bad", "Nonprosedural", "Non-procedural"),
    )
    return bar_chart(
        f"chart-{breakdown.dimension}",
        breakdown.label_id,
        breakdown.label_en,
        bars,
        legend=legend,
    )


def _card(value: int, label_id: str, label_en: str) -> str:
    return f'<div class="card"><span class="n">{value}</span>{_t(label_id, label_en)}</div>'


def _findings_table(report: DistrictReport) -> str:
    if not report.outcomes.top_findings:
        return ""
    rows = []
    for item in report.outcomes.top_findings:
        rule = CATALOG.get(item.code)
        bases = rule.legal_basis if rule else ()
        rows.append(
            f"<tr><td><code>{escape(item.code)}</code></td>"
            f"<td>{_t(*_severity_labels(item.severity))}</td>"
            f'<td class="num">{item.cases}</td><td class="num">{item.occurrences}</td>'
            f"<td>{_t(basis_text(bases, 'id'), basis_text(bases, 'en'))}</td></tr>"
        )
    head = (
        f"<tr><th>{_t('Kode', 'Code')}</th><th>{_t('Tingkat', 'Severity')}</th>"
        f'<th class="num">{_t("Berkas", "Cases")}</th>'
        f'<th class="num">{_t("Kejadian", "Occurrences")}</th>'
        f"<th>{_t('Dasar hukum', 'Legal basis')}</th></tr>"
    )
    return f'<table id="table-findings"><thead>{head}</thead>{"".join(rows)}</table>'


def _status_table(report: DistrictReport, dimension: str = "status") -> str:
    breakdown = report.breakdown(dimension)
    rows = "".join(
        f"<tr><td>{_t(row.label_id, row.label_en)}</td><td class='num'>{row.cases}</td>"
        f"<td class='num'>{row.procedural}</td><td class='num'>{row.non_procedural}</td></tr>"
        for row in breakdown.rows
    )
    head = (
        f"<tr><th>{_t(breakdown.label_id, breakdown.label_en)}</th>"
        f'<th class="num">{_t("Berkas", "Cases")}</th>'
        f'<th class="num">{_t("Prosedural", "Procedural")}</th>'
        f'<th class="num">{_t("Nonprosedural", "Non-procedural")}</th></tr>'
    )
    return f'<table id="table-{dimension}"><thead>{head}</thead>{rows}</table>'


def _screening_text(report: DistrictReport) -> str:
    """The offers screened at the sessions (cek lowongan), their red flags, in both languages."""
    summary = report.sessions
    if not summary.offers_screened:
        return _t(
            "Cek lowongan: belum ada tawaran kerja yang diperiksa pada sesi sosialisasi.",
            "Offer screening: no job offer was screened at the sessions.",
        )
    return _t(
        f"Cek lowongan: {summary.offers_screened} tawaran kerja diperiksa pada sesi "
        f"sosialisasi; {summary.offers_flagged} di antaranya menunjukkan tanda bahaya, "
        f"dengan {summary.flags_raised} tanda bahaya seluruhnya.",
        f"Offer screening: {summary.offers_screened} job offers screened at the sessions; "
        f"{summary.offers_flagged} of them flagged, with {summary.flags_raised} red flags "
        "raised in all.",
    )


def _organiser_list(report: DistrictReport) -> str:
    items = "".join(
        f"<li>{_t(*_ROLE_LABELS.get(role, (role.value, role.value)))}: {count}</li>"
        for role, count in report.sessions.by_organiser
    )
    return f"<ul>{items}</ul>" if items else ""


def _personal_table(report: DistrictReport) -> str:
    if report.cases is None:
        return ""
    rows = "".join(
        f"<tr><td>{escape(line.case_id)}</td><td>{escape(line.nik)}</td>"
        f"<td>{escape(line.name)}</td>"
        f"<td>{_t(*_status_labels(line.status))}</td>"
        f"<td>{_t('ya', 'yes') if line.procedural else _t('tidak', 'no')}</td>"
        f"<td>{escape(', '.join(line.codes))}</td></tr>"
        for line in report.cases
    )
    head = (
        f"<tr><th>{_t('Nomor berkas', 'Case')}</th><th>NIK</th><th>{_t('Nama', 'Name')}</th>"
        f"<th>{_t('Status', 'Status')}</th><th>{_t('Prosedural', 'Procedural')}</th>"
        f"<th>{_t('Temuan', 'Findings')}</th></tr>"
    )
    return (
        f"<h2>{_t('Daftar berkas (data pribadi)', 'Cases (personal data)')}</h2>"
        f'<table id="table-cases" class="personal">{head}{rows}</table>'
    )


def _status_labels(status: str) -> tuple[str, str]:
    if status == "none":
        return ("Belum ada langkah", "No step yet")
    return (label("state", status, "id"), label("state", status, "en"))


def _period(report: DistrictReport, lang: str) -> str:
    """``1 Januari–31 Desember 2024`` (or both dates in full across years)."""
    start, end = report.period.start, report.period.end
    if start.year == end.year and lang == "id":
        head = format_date(start, "id").rsplit(" ", 1)[0]
        return f"{head}–{format_date(end, 'id')}"
    return f"{format_date(start, lang)}–{format_date(end, lang)}"


def _worklist_table(report: DistrictReport) -> str:
    if not report.worklist:
        return (
            f'<p class="note" id="worklist-empty">'
            f"{_t('Tidak ada berkas yang perlu ditindaklanjuti.', 'Nothing is due.')}</p>"
        )
    rows = "".join(
        f'<tr class="{"overdue" if item.overdue else "due"}"><td>{escape(item.case_id)}</td>'
        f"<td>{_t(item.title_id, item.title_en)}</td>"
        f'<td class="{"late" if item.overdue else ""}">{_t(item.note("id"), item.note("en"))}'
        "</td></tr>"
        for item in report.worklist
    )
    head = (
        f"<tr><th>{_t('Nomor berkas', 'Case')}</th><th>{_t('Hal', 'What')}</th>"
        f"<th>{_t('Batas waktu', 'Deadline')}</th></tr>"
    )
    return f'<table id="table-worklist"><thead>{head}</thead>{rows}</table>'


def to_html(report: DistrictReport, *, lang: ReportLanguage = "id") -> str:
    """The report as one self-contained HTML page; ``lang`` is the language shown first.

    Both languages are in the page; the switch at the top right changes the
    one shown, without scripts.
    """
    if lang not in ("id", "en"):
        raise ValueError(f"lang is 'id' or 'en', not {lang!r}")
    summary = report.sessions
    outcomes = report.outcomes
    place = escape(report.regency_name or report.regency_code)
    period = _t(_period(report, "id"), _period(report, "en"))
    checked_id = " checked" if lang == "id" else ""
    checked_en = " checked" if lang == "en" else ""
    privacy = (
        _t(
            "Laporan ini memuat data pribadi. Jangan disebarluaskan.",
            "This report contains personal data. Do not distribute.",
        )
        if report.includes_personal_data
        else _t(
            "Laporan ini tidak memuat data pribadi (hanya angka agregat).",
            "This report holds no personal data (aggregate figures only).",
        )
    )
    breakdown_sections = "".join(
        f'<h2>{_t(item.label_id, item.label_en)}</h2><div class="panel">'
        f"{_breakdown_chart(item)}</div>"
        for item in report.breakdowns
        if item.dimension not in ("status", "district", "village")
    )
    sessions_text = _t(
        f"{summary.held} sesi sosialisasi dengan {summary.reached} peserta; "
        f"{summary.linked_participants} peserta dikenali melalui NIK, "
        f"{summary.participants_registered} di antaranya terdaftar sebagai CPMI dan "
        f"{summary.participants_departed} sudah berangkat.",
        f"{summary.held} sessions, {summary.reached} people; {summary.linked_participants} "
        f"participants linked to applicants, {summary.participants_registered} registered, "
        f"{summary.participants_departed} departed.",
    )
    funnel_title = _t(
        "Alur: informasi → terdaftar → berangkat → kembali",
        "Funnel: informed → registered → departed → returned",
    )
    funnel_note = _t(
        "Berkas dihitung pada suatu tahap bila riwayatnya mencatat langkah itu; "
        "berkas nonprosedural dapat melewati tahap.",
        "A case counts at a stage when its history records that step; "
        "non-procedural cases may skip stages.",
    )
    heading = f"{_t('Laporan kabupaten/kota', 'District report')}: {place}"
    worklist_note = _t(
        "Berkas yang tenggatnya sudah lewat atau jatuh dalam 30 hari: pelindungan BPJS "
        "Ketenagakerjaan sebelum bekerja, masa berlaku paspor, dan lapor diri di Perwakilan RI.",
        "Cases with a deadline passed or due within 30 days: pre-work social security cover, "
        "passport validity, and reporting at the Indonesian mission.",
    )
    csp = "default-src 'none'; style-src 'unsafe-inline'"
    switch = '<label for="lang-id">Bahasa Indonesia</label><label for="lang-en">English</label>'
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Laporan kabupaten/kota {place} · District report {place}</title>
<style>{_STYLE}</style>
</head>
<body>
<input type="radio" name="lang" id="lang-id"{checked_id}>
<input type="radio" name="lang" id="lang-en"{checked_en}>
<div class="switch">{switch}</div>
<main>
<h1>{heading} ({escape(report.regency_code)})</h1>
<p class="meta">{_t("Periode", "Period")}: {period} · {privacy}</p>
<div class="cards">
{_card(summary.held, "Sesi sosialisasi", "Information sessions")}
{_card(summary.reached, "Orang terjangkau", "People reached")}
{_card(outcomes.cases, "Berkas", "Cases")}
{_card(outcomes.procedural, "Prosedural", "Procedural")}
{_card(outcomes.non_procedural, "Nonprosedural", "Non-procedural")}
</div>
<h2>{_t("Sosialisasi", "Information sessions")}</h2>
<p>{sessions_text}</p>
{_organiser_list(report)}
<div class="panel">{_topics_chart(report)}</div>
<p id="screening">{_screening_text(report)}</p>
<h2>{funnel_title}</h2>
<div class="panel">{_funnel_chart(report)}</div>
<p class="note">{funnel_note}</p>
<h2>{_t("Hasil audit", "Audit outcomes")}</h2>
<div class="panel">{_outcome_chart(report)}</div>
<div class="panel">{_findings_chart(report)}</div>
{_findings_table(report)}
{breakdown_sections}
<h2>{_t("Kecamatan dan desa/kelurahan", "Kecamatan and desa")}</h2>
{_status_table(report, "district")}
<p></p>
{_status_table(report, "village")}
<h2>{_t("Status terakhir", "Current status")}</h2>
{_status_table(report)}
<h2>{_t("Daftar tindak lanjut", "Worklist")}</h2>
<p class="note">{worklist_note}</p>
{_worklist_table(report)}
{_personal_table(report)}
<p class="note">{_t("Dibuat oleh pmi-workflow.", "Produced by pmi-workflow.")}</p>
</main>
</body>
</html>
"""


def render(report: DistrictReport, output_format: str, *, lang: ReportLanguage = "id") -> str:
    """The report in ``output_format`` (``json``, ``csv`` or ``html``)."""
    if output_format == "json":
        return to_json(report)
    if output_format == "csv":
        return to_csv(report)
    if output_format == "html":
        return to_html(report, lang=lang)
    choices = ", ".join(FORMATS)
    raise ValueError(f"unknown report format {output_format!r}; choose one of {choices}")
