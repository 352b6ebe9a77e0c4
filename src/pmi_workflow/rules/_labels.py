"""Indonesian for the values a finding's message shows: no codes, ISO dates or raw amounts.

The values a rule compares stay as data (codes, ISO dates) in ``Finding.compared``;
:func:`indonesian` turns each into the words an officer writes, for the
Indonesian message only (see the project's Indonesian style guide).

>>> indonesian("on", "2024-07-03")
'3 Juli 2024'
>>> indonesian("amount", "IDR 5000000")
'Rp5.000.000'
>>> indonesian("destination", "SA")
'Arab Saudi'
>>> indonesian("document_type", "opp_certificate")
'sertifikat OPP'
>>> indonesian("missing", "wage, leave")
'upah, hak cuti dan waktu istirahat'
"""

from __future__ import annotations

import datetime
from functools import cache

__all__ = ["country_id", "date_id", "indonesian", "money_id"]

_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
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
_COUNTRY_OVERRIDES = {
    "TL": "Timor-Leste",
    "CN": "Tiongkok",
    "IR": "Iran",
    "SY": "Suriah",
    "PS": "Palestina",
    "RU": "Rusia",
    "CZ": "Ceko",
    "TW": "Taiwan",
    "HK": "Hong Kong",
    "KR": "Korea Selatan",
    "AE": "Uni Emirat Arab",
    "SS": "Sudan Selatan",
}
_DOCUMENTS = {
    "marital_status_certificate": "surat keterangan status perkawinan",
    "marriage_book": "fotokopi buku nikah",
    "family_consent": "surat izin keluarga",
    "competence_certificate": "sertifikat kompetensi kerja",
    "health_certificate": "surat keterangan sehat",
    "passport": "paspor",
    "visa": "visa kerja",
    "placement_agreement": "Perjanjian Penempatan",
    "employment_contract": "Perjanjian Kerja",
    "social_security": "bukti kepesertaan BPJS Ketenagakerjaan",
    "opp_certificate": "sertifikat OPP",
    "pmi_card": "E-PMI",
    "leave_letter": "surat cuti dari pemberi kerja",
    "risk_statement": "surat pernyataan menanggung segala risiko",
}
_COSTS = {
    "departure_ticket": "tiket keberangkatan",
    "return_ticket": "tiket pulang",
    "work_visa": "visa kerja",
    "contract_legalisation": "legalisasi Perjanjian Kerja",
    "job_training": "pelatihan kerja",
    "competence_certificate": "sertifikat kompetensi kerja",
    "agency_service_fee": "jasa perusahaan",
    "passport": "penggantian paspor",
    "police_certificate": "SKCK",
    "social_security": "jaminan sosial PMI",
    "medical_exam": "pemeriksaan kesehatan dan psikologi di dalam negeri",
    "additional_medical_exam": "pemeriksaan kesehatan tambahan",
    "local_transport": "transportasi lokal dari daerah asal ke tempat keberangkatan",
    "accommodation": "akomodasi",
    "other": "biaya lain",
    "placement_agreement": "Perjanjian Penempatan",
    "placement_agreement fee clause": "klausul pembebanan biaya dalam Perjanjian Penempatan",
}
_FINANCING = {
    "cash": "tunai",
    "loan": "pinjaman",
    "salary_deduction": "potongan gaji",
    "subsidised_credit": "KUR penempatan",
    "loan_clause": "klausul pinjaman dalam Perjanjian Penempatan",
}
_VISAS = {
    "work": "visa kerja",
    "re_entry": "visa re-entry",
    "visit": "kunjungan",
    "tourist": "turis",
    "umrah": "umrah",
    "ziarah": "ziarah",
    "hajj": "haji",
    "student": "pelajar",
    "transit": "transit",
    "other": "lain",
}
_SIGNING = {
    "pengantar_kerja": "Pengantar Kerja",
    "perwakilan": "pejabat Perwakilan RI",
    "other": "pihak lain",
    "none": "tanpa pejabat yang berwenang",
}
_EMPLOYERS = {"individual": "perseorangan", "legal_entity": "berbadan hukum", "-": "tidak tercatat"}
_SEX = {"male": "laki-laki", "female": "perempuan"}
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
    "document_type": _DOCUMENTS,
    "component": _COSTS,
    "financing": _FINANCING,
    "visa_type": _VISAS,
    "signed_before": _SIGNING,
    "employer_kind": _EMPLOYERS,
    "declared": _SEX,
    "encoded": _SEX,
    "role": _ROLES,
    "channel": _USED_CHANNELS,
    "required_channel": _CHANNELS,
    "licence": _LICENCES,
}
_LISTS: dict[str, dict[str, str]] = {"missing": {**_TOPICS, **_TERMS}, "allowed": _ROLES}


def date_id(day: datetime.date) -> str:
    """A date as an officer writes it: ``3 Juli 2023``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _group(digits: str) -> str:
    head, _, tail = digits.partition(".")
    grouped = f"{int(head):,}".replace(",", ".")
    return f"{grouped},{tail}" if tail else grouped


def money_id(text: str) -> str:
    """``IDR 5000000`` as ``Rp5.000.000``; ``MYR 1700`` as ``MYR 1.700``."""
    currency, _, amount = text.partition(" ")
    if not amount or not amount.replace(".", "", 1).isdigit():
        return text
    return f"Rp{_group(amount)}" if currency == "IDR" else f"{currency} {_group(amount)}"


@cache
def country_id(code: str) -> str:
    """The Indonesian name of a country code (``SA``: Arab Saudi)."""
    if code in _COUNTRY_OVERRIDES:
        return _COUNTRY_OVERRIDES[code]
    try:
        import gettext

        import pycountry

        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            return code
        translation = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True
        )
        return translation.gettext(str(country.name))
    except (ImportError, OSError, LookupError):  # pragma: no cover - pycountry ships the names
        return code


def _occupation(code: str) -> str:
    from pmi_workflow.domain.occupation import OCCUPATIONS

    found = OCCUPATIONS.get(code)
    return found.label_id.lower() if found is not None else code


def indonesian(key: str, value: str) -> str:
    """The Indonesian words for a compared value of a finding (unknown ones unchanged)."""
    if key in _DATE_KEYS:
        try:
            return date_id(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    if key == "amount":
        return money_id(value)
    if key in _COUNTRY_KEYS:
        return country_id(value)
    if key == "occupation":
        return _occupation(value)
    if key in _BY_KEY:
        return _BY_KEY[key].get(value, value)
    if key in _LISTS:
        labels = _LISTS[key]
        return ", ".join(labels.get(item.strip(), item.strip()) for item in value.split(","))
    return value
