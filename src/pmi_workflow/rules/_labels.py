"""Indonesian for the values a finding's message shows: no codes, ISO dates or raw amounts.

The values a rule compares stay as data (codes, ISO dates) in ``Finding.compared``;
:func:`indonesian` turns each into the words an officer writes, for the
Indonesian message only (see the project's Indonesian style guide). Countries,
dates, money, documents, occupations and sexes come from
:mod:`pmi_workflow.labels`, so a message says them as the reports and the
screening do; this module keeps only the wordings particular to messages.

>>> indonesian("on", "2024-07-03")
'3 Juli 2024'
>>> indonesian("amount", "IDR 5000000")
'Rp5.000.000'
>>> indonesian("destination", "SA"), indonesian("destination", "AE")
('Arab Saudi', 'Uni Emirat Arab')
>>> indonesian("document_type", "opp_certificate")
'sertifikat OPP'
>>> indonesian("missing", "wage, leave")
'upah, hak cuti dan waktu istirahat'
"""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal, InvalidOperation

from pmi_workflow.labels import format_date, format_money, label, label_in_sentence

__all__ = ["indonesian", "money_id"]

_DATE_KEYS = frozenset(
    {
        "on",
        "expires_on",
        "needed_until",
        "paid_on",
        "signed_on",
        "cover_start",
        "departed_on",
        "checked_on",
        "issued_on",
        "judged_on",
    }
)
_COUNTRY_KEYS = frozenset({"destination", "visa_country", "permit_destination"})
# Keys whose values are codes of a kind of pmi_workflow.labels, said as in a sentence.
_LABEL_KEYS = {
    "document_type": "document",
    "visa_type": "visa_type",
    "occupation": "occupation",
    "declared": "sex",
    "encoded": "sex",
}
# The cost wordings particular to messages: "Biaya {component}" already says *biaya*, and
# two clauses of the Perjanjian Penempatan stand where a component would; the rest are labels.
_COSTS = {
    "agency_service_fee": "jasa perusahaan",
    "placement_agreement": "Perjanjian Penempatan",
    "placement_agreement fee clause": "klausul pembebanan biaya dalam Perjanjian Penempatan",
}
_FINANCING = {"loan_clause": "klausul pinjaman dalam Perjanjian Penempatan"}
_SIGNING = {
    "pengantar_kerja": "Pengantar Kerja",
    "perwakilan": "pejabat Perwakilan RI",
    "other": "pihak lain",
    "none": "tanpa pejabat yang berwenang",
}
_EMPLOYERS = {"individual": "perseorangan", "legal_entity": "berbadan hukum", "-": "tidak tercatat"}
_ROLES = {
    "applicant": "CPMI",
    "disnaker": "Disnaker",
    "ltsa": "LTSA",
    "p3mi": "P3MI",
    "bp3mi": "BP3MI",
    "kp2mi": "KP2MI",
    "bpjs": "BPJS Ketenagakerjaan",
    "health_facility": "sarana kesehatan",
    "training_institute": "lembaga pelatihan kerja",
    "immigration": "Kantor Imigrasi",
    "perwakilan": "Perwakilan RI",
    "employer": "pemberi kerja",
    "ukps_company": "perusahaan UKPS",
    "village_government": "pemerintah desa",
    "system": "sistem",
}
_CHANNELS = {
    "SPSK": "Sistem Penempatan Satu Kanal (SPSK)",
    "OCS": "One Channel System (OCS)",
}
_USED_CHANNELS = {
    "SPSK": "melalui Sistem Penempatan Satu Kanal (SPSK)",
    "OCS": "melalui One Channel System (OCS)",
    "NONE": "tidak melalui sistem satu kanal",
    "none": "tidak melalui sistem satu kanal",
}
_TERMS = {
    "employer_identity": "nama, profil, dan alamat pemberi kerja",
    "worker_identity": "nama dan alamat PMI",
    "position": "jabatan atau jenis pekerjaan",
    "rights_and_duties": "hak dan kewajiban para pihak",
    "working_hours": "jam kerja",
    "wage": "upah",
    "payment_method": "tata cara pembayaran upah",
    "leave": "hak cuti dan waktu istirahat",
    "facilities": "fasilitas",
    "social_security": "jaminan sosial dan/atau asuransi",
    "duration": "jangka waktu Perjanjian Kerja",
    "safety_guarantee": "jaminan keamanan dan keselamatan",
}
_TOPICS = {
    "rights_and_duties": "hak dan kewajiban",
    "vacancies_and_employers": "lowongan kerja dan pemberi kerja",
    "social_security_claims": "klaim jaminan sosial",
    "official_procedure": "tata cara penempatan resmi",
    "placement_costs": "biaya penempatan",
    "vulnerabilities": "kerentanan dan risiko",
    "destination_law_and_culture": "hukum dan budaya negara tujuan",
    "placement_agreement_and_contract": "Perjanjian Penempatan dan Perjanjian Kerja",
    "licensed_p3mi_list": "daftar P3MI yang berizin",
    "destination_and_closed_countries": "negara tujuan dan negara yang tertutup",
    "complaint_mechanisms": "tata cara pengaduan",
}
_LICENCES = {"UKPS permit": "izin UKPS"}
_BY_KEY: dict[str, dict[str, str]] = {
    "signed_before": _SIGNING,
    "employer_kind": _EMPLOYERS,
    "role": _ROLES,
    "channel": _USED_CHANNELS,
    "required_channel": _CHANNELS,
    "licence": _LICENCES,
}
_LISTS: dict[str, dict[str, str]] = {"missing": {**_TOPICS, **_TERMS}, "allowed": _ROLES}


def money_id(text: str) -> str:
    """``IDR 5000000`` as ``Rp5.000.000``; ``MYR 1700`` as ``MYR 1.700``; other text as is.

    >>> money_id("IDR 37500.5"), money_id("MYR 1700"), money_id("-")
    ('Rp37.500,50', 'MYR 1.700', '-')
    """
    currency, _, amount = text.partition(" ")
    if not amount or not amount.replace(".", "", 1).isdigit():
        return text
    try:
        return format_money(Decimal(amount), currency, "id")
    except InvalidOperation:  # pragma: no cover - the digits were checked above
        return text


@functools.lru_cache(maxsize=4096)
def indonesian(key: str, value: str) -> str:
    """The Indonesian words for a compared value of a finding (unknown ones unchanged).

    Cached: the catalogs behind it never change in a process, and findings repeat the same
    few (already masked) values case after case.
    """
    if key in _DATE_KEYS:
        try:
            return format_date(datetime.date.fromisoformat(value), "id")
        except ValueError:
            return value
    if key == "amount":
        return money_id(value)
    if key in _COUNTRY_KEYS:
        return label("country", value, "id")
    if key in _LABEL_KEYS:
        return label_in_sentence(_LABEL_KEYS[key], value, "id")
    if key == "component":
        return _COSTS.get(value) or label_in_sentence("cost", value, "id")
    if key == "financing":
        return _FINANCING.get(value) or label_in_sentence("financing", value, "id")
    if key in _BY_KEY:
        return _BY_KEY[key].get(value, value)
    if key in _LISTS:
        labels = _LISTS[key]
        return ", ".join(labels.get(item.strip(), item.strip()) for item in value.split(","))
    return value
