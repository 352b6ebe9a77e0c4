"""Words for people: Indonesian and English labels, dates and money, the language default.

Every code that can reach a screen, a spreadsheet or a printed report has a
label here, in Indonesian as the glossary of the project's style guide writes
it and in English: steps (a status form for tables, a noun form for
sentences), states (a case's last step, or ``new`` before its first), schemes,
roles, document types, occupations, cost components, payers, financing, sexes
and countries. :func:`code_of` reads a label back,
so a spreadsheet may hold ``Arab Saudi`` or ``Pengurus rumah tangga`` where a
record holds ``SA`` or ``housekeeper``.

Dates and money are formatted with Babel (``3 Juli 2023``, ``Rp5.000.000``).
:func:`default_lang` picks Indonesian when the locale is ``id_*``.
:func:`problem_text` words an input problem in either language from its
machine-readable kind.

>>> label("step", "departed", "id")
'Berangkat'
>>> label("country", "SA", "id"), label("country", "CN", "id"), label("country", "TL", "id")
('Arab Saudi', 'Tiongkok', 'Timor-Leste')
>>> code_of("country", "arab saudi"), code_of("occupation", "Pengurus rumah tangga")
('SA', 'housekeeper')
>>> import datetime
>>> format_date(datetime.date(2023, 7, 3), "id"), format_money(5000000, "IDR", "id")
('3 Juli 2023', 'Rp5.000.000')
>>> default_lang({"LANG": "id_ID.UTF-8"}), default_lang({"LANG": "en_GB.UTF-8"})
('id', 'en')
"""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache, lru_cache
from typing import Literal

from pmi_workflow.domain.occupation import OCCUPATIONS
from pmi_workflow.enums import (
    Step,
)

__all__ = [
    "KINDS",
    "Lang",
    "code_of",
    "codes",
    "default_lang",
    "first_upper",
    "format_date",
    "format_money",
    "format_time",
    "join_words",
    "label",
    "label_in_sentence",
    "problem_text",
    "step_noun",
]

Lang = Literal["id", "en"]

_STEPS: dict[str, tuple[str, str, str]] = {
    # code: (status label, noun form for sentences, English)
    "informed": (
        "Memperoleh informasi resmi",
        "sosialisasi",
        "Official information received",
    ),
    "registered": ("Terdaftar sebagai CPMI", "pendaftaran CPMI", "Registered as CPMI"),
    "selected": ("Lulus seleksi", "seleksi", "Selected for a job order"),
    "medically_cleared": (
        "Lulus pemeriksaan kesehatan dan psikologi",
        "pemeriksaan kesehatan dan psikologi",
        "Medically and psychologically cleared",
    ),
    "competence_certified": (
        "Memiliki sertifikat kompetensi",
        "sertifikasi kompetensi",
        "Competence certified",
    ),
    "placement_agreement_signed": (
        "Perjanjian Penempatan ditandatangani",
        "penandatanganan Perjanjian Penempatan",
        "Placement agreement signed",
    ),
    "social_security_enrolled": (
        "Terdaftar di BPJS Ketenagakerjaan",
        "pendaftaran BPJS Ketenagakerjaan",
        "Enrolled in social security",
    ),
    "passport_issued": ("Paspor terbit", "penerbitan paspor", "Passport issued"),
    "visa_issued": ("Visa kerja terbit", "penerbitan visa kerja", "Work visa issued"),
    "employment_contract_signed": (
        "Perjanjian Kerja ditandatangani",
        "penandatanganan Perjanjian Kerja",
        "Employment contract signed",
    ),
    "opp_completed": (
        "Telah mengikuti OPP",
        "Orientasi Pra Pemberangkatan (OPP)",
        "Pre-departure orientation completed",
    ),
    "departed": ("Berangkat", "pemberangkatan", "Departed"),
    "registered_abroad": (
        "Sudah lapor diri di Perwakilan RI",
        "lapor diri di Perwakilan RI",
        "Registered at the Indonesian mission",
    ),
    "started_work": ("Mulai bekerja", "mulai bekerja", "Started work"),
    "contract_extended": (
        "Perjanjian Kerja diperpanjang",
        "perpanjangan Perjanjian Kerja",
        "Contract extended",
    ),
    "employer_changed": ("Pindah pemberi kerja", "pindah pemberi kerja", "Employer changed"),
    "return_reported": ("Kepulangan dilaporkan", "pelaporan kepulangan", "Return reported"),
    "arrived_home": (
        "Tiba di tanah air (debarkasi)",
        "kedatangan di debarkasi",
        "Arrived home",
    ),
    "reintegrated": ("Reintegrasi", "reintegrasi", "Reintegrated"),
    "withdrawn": ("Mengundurkan diri", "pengunduran diri", "Withdrawn"),
    "failed_selection": ("Tidak lulus seleksi", "seleksi", "Failed selection"),
    "failed_medical": (
        "Tidak memenuhi syarat kesehatan (unfit)",
        "pemeriksaan kesehatan",
        "Failed the medical check",
    ),
    "failed_to_depart": ("Gagal berangkat", "pemberangkatan", "Failed to depart"),
    "repatriated": ("Dipulangkan (PMI bermasalah)", "pemulangan", "Repatriated"),
    "deceased": ("Meninggal dunia", "meninggal dunia", "Deceased"),
}

_START_STATE = ("Baru", "New")
"""The state of a case before its first step (``new``)."""

_SCHEMES: dict[str, tuple[str, str]] = {
    "p2p": ("Penempatan oleh P3MI (P to P)", "Placement by a licensed P3MI (P to P)"),
    "g2g": ("Penempatan oleh Pemerintah (G to G)", "Government-to-government placement (G to G)"),
    "g2p": (
        "Penempatan oleh Pemerintah kepada pemberi kerja berbadan hukum (G to P)",
        "Government-to-private-employer placement (G to P)",
    ),
    "ukps": (
        "Penempatan untuk kepentingan perusahaan sendiri (UKPS)",
        "A company placing its own employees (UKPS)",
    ),
    "perseorangan": ("PMI perseorangan", "Independent PMI"),
    "re_entry": ("Re-Entry (kembali ke pemberi kerja yang sama)", "Re-entry (same employer)"),
}

_ROLES: dict[str, tuple[str, str]] = {
    "applicant": ("CPMI", "Applicant"),
    "disnaker": ("Disnaker kabupaten/kota", "District manpower office (Disnaker)"),
    "ltsa": ("LTSA (Layanan Terpadu Satu Atap)", "One-stop service (LTSA)"),
    "p3mi": ("P3MI (Perusahaan Penempatan PMI)", "Placement company (P3MI)"),
    "bp3mi": ("BP3MI (Balai Pelayanan Pelindungan PMI)", "Provincial agency office (BP3MI)"),
    "kp2mi": ("KP2MI (Kementerian Pelindungan PMI)", "Ministry (KP2MI)"),
    "bpjs": ("BPJS Ketenagakerjaan", "Social security (BPJS Ketenagakerjaan)"),
    "health_facility": ("Sarana kesehatan", "Health facility"),
    "training_institute": ("Lembaga pelatihan kerja (LPK/BLK)", "Training institute"),
    "immigration": ("Kantor Imigrasi", "Immigration office"),
    "perwakilan": ("Perwakilan RI (KBRI, KJRI, KDEI Taipei)", "Indonesian mission"),
    "employer": ("Pemberi kerja", "Employer"),
    "ukps_company": ("Perusahaan UKPS", "UKPS company"),
    "village_government": ("Pemerintah desa/kelurahan", "Village government"),
    "system": ("Sistem", "System"),
}

_DOCUMENTS: dict[str, tuple[str, str]] = {
    "marital_status_certificate": (
        "Surat keterangan status perkawinan",
        "Marital status certificate",
    ),
    "marriage_book": ("Fotokopi buku nikah", "Marriage book"),
    "family_consent": ("Surat izin keluarga", "Family consent"),
    "competence_certificate": ("Sertifikat kompetensi kerja", "Competence certificate"),
    "health_certificate": ("Surat keterangan sehat", "Health certificate"),
    "passport": ("Paspor", "Passport"),
    "visa": ("Visa kerja", "Work visa"),
    "placement_agreement": ("Perjanjian Penempatan", "Placement agreement"),
    "employment_contract": ("Perjanjian Kerja", "Employment contract"),
    "social_security": ("Bukti kepesertaan BPJS Ketenagakerjaan", "Social security membership"),
    "opp_certificate": ("Sertifikat OPP", "Pre-departure orientation certificate"),
    "pmi_card": ("E-PMI", "PMI card (E-PMI)"),
    "leave_letter": ("Surat cuti dari pemberi kerja", "Leave letter"),
    "risk_statement": ("Surat pernyataan menanggung segala risiko", "Risk statement"),
    "other": ("Dokumen lain", "Other document"),
}

_OCCUPATION_OVERRIDES: dict[str, str] = {
    "caregiver": "Perawat rumah tangga (caregiver)",
    "care_worker": "Perawat lansia di panti (kaigo)",
}

_COSTS: dict[str, tuple[str, str]] = {
    "departure_ticket": ("Tiket keberangkatan", "Departure ticket"),
    "return_ticket": ("Tiket pulang", "Return ticket"),
    "work_visa": ("Visa kerja", "Work visa"),
    "contract_legalisation": ("Legalisasi Perjanjian Kerja", "Contract legalisation"),
    "job_training": ("Pelatihan kerja", "Job training"),
    "competence_certificate": ("Sertifikat kompetensi kerja", "Competence certificate"),
    "agency_service_fee": ("Biaya jasa perusahaan", "Agency service fee"),
    "passport": ("Penggantian paspor", "Passport"),
    "police_certificate": ("SKCK", "Police certificate"),
    "social_security": ("Jaminan sosial PMI", "Social security"),
    "medical_exam": (
        "Pemeriksaan kesehatan dan psikologi di dalam negeri",
        "Medical examination",
    ),
    "additional_medical_exam": ("Pemeriksaan kesehatan tambahan", "Additional medical exam"),
    "local_transport": (
        "Transportasi lokal dari daerah asal ke tempat keberangkatan",
        "Local transport",
    ),
    "accommodation": ("Akomodasi", "Accommodation"),
    "other": ("Biaya lain", "Other cost"),
}

_VISAS: dict[str, tuple[str, str]] = {
    "work": ("Visa kerja", "Work visa"),
    "re_entry": ("Visa re-entry (izin masuk kembali)", "Re-entry visa"),
    "visit": ("Visa kunjungan", "Visit visa"),
    "tourist": ("Visa turis", "Tourist visa"),
    "umrah": ("Visa umrah", "Umrah visa"),
    "ziarah": ("Visa ziarah", "Ziarah visa"),
    "hajj": ("Visa haji", "Hajj visa"),
    "student": ("Visa pelajar", "Student visa"),
    "transit": ("Visa transit", "Transit visa"),
    "other": ("Visa lain", "Other visa"),
}

_PAYERS: dict[str, tuple[str, str]] = {
    "worker": ("CPMI", "Worker"),
    "employer": ("Pemberi kerja", "Employer"),
    "executor": ("Pelaksana penempatan", "Placement executor"),
    "government": ("Pemerintah", "Government"),
}

_FINANCING: dict[str, tuple[str, str]] = {
    "cash": ("Tunai", "Cash"),
    "loan": ("Pinjaman", "Loan"),
    "salary_deduction": ("Potongan gaji", "Salary deduction"),
    "subsidised_credit": ("KUR penempatan", "Subsidised placement credit (KUR)"),
}

_SEXES: dict[str, tuple[str, str]] = {
    "male": ("Laki-laki", "Male"),
    "female": ("Perempuan", "Female"),
}

_MARITAL: dict[str, tuple[str, str]] = {
    "single": ("Belum kawin", "Single"),
    "married": ("Kawin", "Married"),
    "divorced": ("Cerai hidup", "Divorced"),
    "widowed": ("Cerai mati", "Widowed"),
}

_EDUCATION: dict[str, tuple[str, str]] = {
    "none": ("Tidak/belum sekolah", "No schooling"),
    "primary": ("SD", "Primary school"),
    "junior_secondary": ("SMP", "Junior secondary school"),
    "senior_secondary": ("SMA/SMK", "Senior secondary school"),
    "diploma": ("Diploma (D1–D4)", "Diploma"),
    "bachelor": ("S1", "Bachelor's degree"),
    "postgraduate": ("S2/S3", "Postgraduate degree"),
}

_EMPLOYER_KINDS: dict[str, tuple[str, str]] = {
    "individual": ("Pemberi kerja perseorangan", "Individual employer"),
    "legal_entity": ("Pemberi kerja berbadan hukum", "Legal-entity employer"),
}

_EXECUTOR_KINDS: dict[str, tuple[str, str]] = {
    "agency": ("KP2MI/BP2MI", "Government agency (KP2MI/BP2MI)"),
    "p3mi": ("P3MI", "Placement company (P3MI)"),
    "ukps": ("Perusahaan UKPS", "UKPS company"),
    "individual": ("Orang perseorangan (calo/sponsor)", "Individual recruiter"),
}

_VERDICTS: dict[str, tuple[str, str]] = {
    "procedural": ("Prosedural", "Procedural"),
    "non_procedural": ("Nonprosedural", "Non-procedural"),
    "invalid": ("Data tidak valid", "Invalid input"),
    "error": ("Kesalahan", "Error"),
    "warning": ("Peringatan", "Warning"),
    "info": ("Informasi", "Information"),
}

# Babel's Indonesian names, corrected as the style guide asks (Keppres 12/2014 and others).
# The one table of overrides: rule messages and worker-facing screening text use it too.
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
    "MO": "Makau",
    "AE": "Uni Emirat Arab",
    "SS": "Sudan Selatan",
}
_COUNTRY_OVERRIDES_EN = {"HK": "Hong Kong", "MO": "Macao", "PS": "Palestine"}

KINDS = (
    "step",
    "state",
    "scheme",
    "role",
    "document",
    "occupation",
    "cost",
    "visa_type",
    "payer",
    "financing",
    "sex",
    "marital_status",
    "education",
    "employer_kind",
    "executor_kind",
    "verdict",
    "country",
)
"""The kinds of code :func:`label` and :func:`code_of` know."""


@cache
def _table(kind: str) -> Mapping[str, tuple[str, str]]:
    # Built once per kind: the catalogs never change in a process.
    if kind == "step":
        return {code: (row[0], row[2]) for code, row in _STEPS.items()}
    if kind == "state":  # where a case stands: its last step, or the start state
        return {"new": _START_STATE, **_table("step")}
    if kind == "occupation":
        return {
            code: (_OCCUPATION_OVERRIDES.get(code, item.label_id), item.label_en)
            for code, item in OCCUPATIONS.items()
        }
    if kind == "country":
        return _countries()
    tables: dict[str, Mapping[str, tuple[str, str]]] = {
        "scheme": _SCHEMES,
        "role": _ROLES,
        "document": _DOCUMENTS,
        "cost": _COSTS,
        "visa_type": _VISAS,
        "payer": _PAYERS,
        "financing": _FINANCING,
        "sex": _SEXES,
        "marital_status": _MARITAL,
        "education": _EDUCATION,
        "employer_kind": _EMPLOYER_KINDS,
        "executor_kind": _EXECUTOR_KINDS,
        "verdict": _VERDICTS,
    }
    try:
        return tables[kind]
    except KeyError:
        raise KeyError(f"no labels for {kind!r}; use one of {', '.join(KINDS)}") from None


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    import pycountry
    from babel import Locale

    indonesian = Locale("id").territories
    english = Locale("en").territories
    result: dict[str, tuple[str, str]] = {}
    for country in pycountry.countries:  # ISO 3166-1 only: no "Eurozone" or "Outlying Oceania"
        code = str(country.alpha_2)
        name = _COUNTRY_OVERRIDES_EN.get(code) or english.get(code) or str(country.name)
        result[code] = (_COUNTRY_OVERRIDES.get(code, indonesian.get(code, name)), name)
    return result


def codes(kind: str) -> tuple[str, ...]:
    """Every code of a kind, in the order the labels are listed.

    >>> codes("payer")
    ('worker', 'employer', 'executor', 'government')
    """
    return tuple(_table(kind))


def label(kind: str, code: str, lang: str = "id") -> str:
    """The label of ``code`` (a kind from :data:`KINDS`) in ``lang``; an unknown code as is.

    >>> label("document", "opp_certificate"), label("cost", "agency_service_fee", "en")
    ('Sertifikat OPP', 'Agency service fee')
    """
    pair = _table(kind).get(str(code))
    if pair is None:
        return str(code)
    return pair[0] if lang == "id" else pair[1]


# Labels that keep their capital inside a sentence: names and defined terms (bahasa.md §2).
_KEEP_CAPITAL = (
    "Perjanjian ",
    "Pemerintah",
    "Pengantar Kerja",
    "Kantor Imigrasi",
    "Perwakilan RI",
    "Disnaker",
    "Orientasi Pra",
    "Re-Entry",
)


def label_in_sentence(kind: str, code: str, lang: str = "id") -> str:
    """The label of ``code`` as it reads inside a sentence: lower case unless a name.

    Acronyms (``SKCK``, ``E-PMI``), the two agreements and institutions keep
    their capitals; every other label starts in lower case.

    >>> label_in_sentence("document", "opp_certificate"), label_in_sentence("document", "visa")
    ('sertifikat OPP', 'visa kerja')
    >>> label_in_sentence("document", "employment_contract"), label_in_sentence("cost", "other")
    ('Perjanjian Kerja', 'biaya lain')
    >>> label_in_sentence("cost", "police_certificate"), label_in_sentence("document", "pmi_card")
    ('SKCK', 'E-PMI')
    >>> label_in_sentence("occupation", "housekeeper"), label_in_sentence("cost", "passport", "en")
    ('pengurus rumah tangga', 'passport')
    """
    text = label(kind, code, lang)
    if not text or text.startswith(_KEEP_CAPITAL):
        return text
    first = text.split(" ", 1)[0]
    if len(first) > 1 and not first[1:].islower():
        return text  # an acronym: SKCK, E-PMI, P3MI
    return text[0].lower() + text[1:]


def first_upper(text: str) -> str:
    """``text`` starting with a capital, the rest as it is: acronyms and names keep theirs
    (``str.capitalize`` would write *Pendaftaran cpmi*).

    >>> first_upper(step_noun("registered")), first_upper(step_noun("registered_abroad"))
    ('Pendaftaran CPMI', 'Lapor diri di Perwakilan RI')
    """
    return text[:1].upper() + text[1:]


def step_noun(step: str | Step) -> str:
    """The noun form of a step for an Indonesian sentence (``penerbitan paspor``).

    >>> step_noun("passport_issued")
    'penerbitan paspor'
    """
    value = step.value if isinstance(step, Step) else step
    row = _STEPS.get(value)
    return row[1] if row else value


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s_\-.,()/]+", " ", folded).strip()


@cache
def _reverse(kind: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for code, (indonesian, english) in _table(kind).items():
        for text in (code, indonesian, english):
            found.setdefault(_key(text), code)
    for code, name in _ALIASES.get(kind, {}).items():
        found.setdefault(_key(name), code)
    return found


# Other names a spreadsheet may hold: common names and the shorter labels of earlier releases.
_ALIASES: dict[str, dict[str, str]] = {
    "country": {"CN": "Cina", "TL": "Timor Timur", "KR": "Korsel", "SA": "Saudi"},
    "cost": {
        "medical_exam": "Pemeriksaan kesehatan dan psikologi",
        "local_transport": "Transportasi lokal",
    },
}


def code_of(kind: str, text: str) -> str | None:
    """The code a label (Indonesian or English) or code stands for, or ``None``.

    Case, spaces and punctuation do not matter.

    >>> code_of("step", "Paspor terbit"), code_of("role", "DISNAKER"), code_of("scheme", "x")
    ('passport_issued', 'disnaker', None)
    """
    if not isinstance(text, str) or not text.strip() or len(text) > 200:
        return None
    return _reverse(kind).get(_key(text))


# -- language ---------------------------------------------------------------------------


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """``"id"`` when the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``) is Indonesian.

    ``PMI_WORKFLOW_LANG`` (``id`` or ``en``) overrides the locale.

    >>> default_lang({"LC_ALL": "id_ID.UTF-8", "LANG": "en_US"})
    'id'
    >>> default_lang({"PMI_WORKFLOW_LANG": "en", "LANG": "id_ID"})
    'en'
    """
    env = os.environ if environ is None else environ
    chosen = env.get("PMI_WORKFLOW_LANG", "").strip().lower()
    if chosen in ("id", "en"):
        return "id" if chosen == "id" else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            return (
                "id" if value.lower().startswith(("id_", "id.", "in_")) or value == "id" else "en"
            )
    return "en"


# -- dates and money --------------------------------------------------------------------


def format_date(day: datetime.date | None, lang: str = "id", *, narrow: bool = False) -> str:
    """A date for people: ``3 Juli 2023`` (or ``03/07/2023`` with ``narrow``); ``—`` if none.

    >>> format_date(datetime.date(2024, 5, 9), "en"), format_date(datetime.date(2024, 5, 9),
    ...     narrow=True)
    ('9 May 2024', '09/05/2024')
    """
    from babel.dates import format_date as babel_date

    if day is None:
        return "—"
    if isinstance(day, datetime.datetime):
        day = day.date()
    if narrow:
        return day.strftime("%d/%m/%Y")
    return str(babel_date(day, "d MMMM y", locale="id" if lang == "id" else "en"))


def format_time(moment: datetime.datetime | None, lang: str = "id", *, narrow: bool = False) -> str:
    """A moment for people, in WIB: ``27 Mei 2024 09.00 WIB`` (``27/05/2024 09.00 WIB`` with
    ``narrow``); ``—`` if none. A time without an offset is taken to be in WIB already.

    >>> moment = datetime.datetime.fromisoformat("2024-05-27T02:00:00+00:00")
    >>> format_time(moment), format_time(moment, "en", narrow=True)
    ('27 Mei 2024 09.00 WIB', '27/05/2024 09:00 WIB')
    """
    from pmi_workflow.dates import JAKARTA, ensure_aware

    if moment is None:
        return "—"
    local = ensure_aware(moment).astimezone(JAKARTA)
    clock = local.strftime("%H.%M" if lang == "id" else "%H:%M")
    return f"{format_date(local.date(), lang, narrow=narrow)} {clock} WIB"


def format_money(
    amount: Decimal | int | float | str, currency: str = "IDR", lang: str = "id"
) -> str:
    """Money for people: ``Rp5.000.000``, ``Rp37.500,50``, ``MYR 1.500``.

    >>> format_money("37500.50"), format_money(1500, "MYR"), format_money(5000000, lang="en")
    ('Rp37.500,50', 'MYR 1.500', 'IDR 5,000,000')
    >>> format_money("37500.5", lang="en")
    'IDR 37,500.50'
    """
    from babel.numbers import format_decimal

    value = Decimal(str(amount))
    locale = "id" if lang == "id" else "en"
    pattern = "#,##0.##" if value != value.to_integral_value() else "#,##0"
    number = str(format_decimal(value, format=pattern, locale=locale, decimal_quantization=False))
    if value != value.to_integral_value():
        whole, point, fraction = number.rpartition("," if lang == "id" else ".")
        number = f"{whole}{point}{fraction.ljust(2, '0')}"
    if currency == "IDR" and lang == "id":
        return f"Rp{number}"
    return f"{currency} {number}"


def join_words(items: Sequence[str], lang: str = "id") -> str:
    """A list in a sentence: ``a dan b``, ``a, b, dan c`` (``a, b and c`` in English).

    Indonesian puts a comma before *dan* in a list of three or more (bahasa.md §2).

    >>> join_words(["paspor", "visa", "tiket"]), join_words(["passport", "visa"], "en")
    ('paspor, visa, dan tiket', 'passport and visa')
    >>> join_words(["a", "b", "c"], "en"), join_words(["paspor"])
    ('a, b and c', 'paspor')
    """
    word = " dan " if lang == "id" else " and "
    if len(items) <= 2:
        return word.join(items)
    last = (", dan " if lang == "id" else " and ") + items[-1]
    return ", ".join(items[:-1]) + last


# -- input problems ---------------------------------------------------------------------

_PROBLEMS: dict[str, tuple[str, str]] = {
    "missing": ("wajib diisi", "required"),
    "string_type": ("harus berupa teks", "must be text"),
    "string_too_short": ("tidak boleh kosong", "must not be empty"),
    "string_too_long": ("terlalu panjang", "too long"),
    "string_pattern_mismatch": ("bentuknya tidak sesuai", "not in the expected form"),
    "int_parsing": ("harus berupa bilangan bulat", "must be a whole number"),
    "int_type": ("harus berupa bilangan bulat", "must be a whole number"),
    "int_from_float": ("harus berupa bilangan bulat", "must be a whole number"),
    "decimal_parsing": ("harus berupa angka", "must be a number"),
    "decimal_type": ("harus berupa angka", "must be a number"),
    "decimal_max_digits": ("angkanya terlalu besar", "the number is too large"),
    "decimal_max_places": ("terlalu banyak angka desimal", "too many decimal places"),
    "float_parsing": ("harus berupa angka", "must be a number"),
    "bool_parsing": ("harus diisi ya atau tidak", "must be yes or no"),
    "bool_type": ("harus diisi ya atau tidak", "must be yes or no"),
    "greater_than_equal": ("nilainya terlalu kecil", "the value is too small"),
    "greater_than": ("nilainya terlalu kecil", "the value is too small"),
    "less_than_equal": ("nilainya terlalu besar", "the value is too large"),
    "enum": ("bukan pilihan yang dikenal", "not one of the known choices"),
    "literal_error": ("bukan pilihan yang dikenal", "not one of the known choices"),
    "union_tag_invalid": ("jenis dokumen tidak dikenal", "unknown document type"),
    "union_tag_not_found": ("jenis dokumen wajib diisi", "the document type is required"),
    "extra_forbidden": ("kolom ini tidak dikenal", "unknown column"),
    "date_parsing": ("bukan tanggal", "not a date"),
    "date_from_datetime_parsing": ("bukan tanggal", "not a date"),
    "date_from_datetime_inexact": ("tanggal tidak boleh memuat jam", "a date without a time"),
    "datetime_parsing": ("bukan tanggal", "not a date"),
    "datetime_from_date_parsing": ("bukan tanggal", "not a date"),
    "date": ("bukan tanggal", "not a date"),
    "date_month_first": (
        "tanggal ditulis bulan lebih dulu; tulis hari/bulan/tahun, misalnya 13/01/2024",
        "the date is written month first; write day/month/year, e.g. 13/01/2024",
    ),
    "date_year_short": (
        "tahun harus ditulis lengkap, misalnya 15/05/1970",
        "write the year in full, e.g. 15/05/1970",
    ),
    "date_zone": (
        "zona waktu tidak dikenal; tulis WIB, WITA, atau WIT, "
        "atau selisih dari UTC, misalnya +08:00",
        "unknown time zone; write WIB, WITA or WIT, or an offset such as +08:00",
    ),
    "birth_after_first_step": (
        "tanggal lahir jatuh sesudah hari langkah pertama kasus; periksa tahun lahirnya",
        "the birth date is after the day of the case's first step; check the year of birth",
    ),
    "country": ("negara tidak dikenal", "unknown country"),
    "list_type": ("harus berupa daftar", "must be a list"),
    "tuple_type": ("harus berupa daftar", "must be a list"),
    "dict_type": ("harus berupa kelompok kolom", "must be a group of columns"),
    "model_type": ("harus berupa kelompok kolom", "must be a group of columns"),
    "model_attributes_type": ("harus berupa kelompok kolom", "must be a group of columns"),
    "uuid_parsing": ("bukan pengenal yang valid", "not a valid identifier"),
    "column": ("nama kolom tidak dapat dipakai", "the column name cannot be used"),
    "header": ("baris judul kolom tidak dapat dibaca", "the header row cannot be read"),
    "empty": ("tidak ada data", "there is no data"),
    "csv": ("baris tidak dapat dibaca", "the row cannot be read"),
    "json": ("bukan JSON yang valid", "not valid JSON"),
    "duplicate_key": ("kolom ini tercantum dua kali", "the key appears twice"),
    "number_too_long": ("angkanya terlalu panjang", "a number in the record is too long"),
    "yaml_alias": (
        "penanda & dan * (anchor dan alias YAML) tidak dibaca; tulis setiap isian selengkapnya",
        "YAML anchors and aliases (& and *) are not read: write each value out",
    ),
    "encoding": ("teks tidak dapat dibaca (bukan UTF-8)", "the text is not UTF-8"),
    "sheet": ("lembar kerja tidak dapat dibaca", "the sheet cannot be read"),
    "formula": (
        "sel berisi rumus yang belum dihitung; buka berkas di program lembar kerja "
        "(misalnya Excel), lalu simpan kembali",
        "a formula without a computed value: open the file in a spreadsheet program and save it",
    ),
    "number_cell": (
        "nomor diisi sebagai angka sehingga angka terakhir atau angka nol di depannya dapat "
        "hilang; ubah format kolom menjadi Teks, lalu ketik ulang nomornya",
        "an identifier typed as a number, which a spreadsheet keeps to 15 digits and without "
        "leading zeros: format the column as Text and type it again",
    ),
    "case_id": ("nomor berkas tidak dikenal", "unknown case id"),
    "file": ("tidak dapat dibuka", "the file cannot be opened"),
    # Files other than case records, read by the command line.
    "offers": (
        "berkas tawaran kerja harus berisi satu tawaran atau daftar tawaran",
        "an offer file holds one offer or a list of offers",
    ),
    "offers.io": ("berkas tidak dapat dibaca", "the file cannot be read"),
    "offers.syntax": ("bukan JSON atau YAML yang valid", "not valid JSON or YAML"),
    "offers.yaml": (
        "membaca YAML memerlukan paket tambahan 'yaml'",
        "reading YAML needs the yaml extra",
    ),
    "sessions": ("berkas sesi sosialisasi tidak dapat dibaca", "the sessions file cannot be read"),
    "sessions.session_id": (
        "sesi sosialisasi dengan nomor ini tidak ada di berkas sesi",
        "no session with this id in the sessions file",
    ),
    "registry": (
        "berkas data perizinan tidak memuat daftar izin (licences)",
        "the licence data file holds no list of licences",
    ),
    "registry.io": ("berkas data perizinan tidak dapat dibaca", "the licence data cannot be read"),
    "registry.syntax": (
        "isi berkas data perizinan bukan JSON atau TOML yang valid",
        "the licence data is not valid JSON or TOML",
    ),
    "scenario": ("skenario tidak dapat dipakai", "the scenario cannot be used"),
    "keys": ("berkas kunci akses tidak dapat dipakai", "the API keys file cannot be used"),
    "keys.shared_secret": (
        "kunci akses ini memakai rahasia yang sama dengan kunci lain; beri setiap kunci "
        "rahasianya sendiri",
        "two API keys share one secret",
    ),
    "seal_key": ("kunci segel tidak dapat dipakai", "the seal key cannot be used"),
    "checkpoint": ("berkas titik periksa tidak dapat dipakai", "the checkpoint cannot be used"),
    "checkpoint.needs_key": (
        "ada nomor berkas yang memuat NIK; titik periksa tanpa kunci segel dapat membuka NIK "
        "tersebut, jadi titik periksa hanya dibuat dengan kunci segel (--key-file)",
        "a case id carries a NIK, which a checkpoint without a seal key would give away: "
        "make it with a seal key (--key-file)",
    ),
    "store_url": ("alamat penyimpanan tidak dapat dipakai", "the store address cannot be used"),
    "step": ("langkah tidak dikenal", "unknown step"),
}

_NIK_KINDS = {
    "nik": "NIK tidak valid",
}


def problem_text(kind: str, message: str, lang: str = "id") -> str:
    """An input problem in ``lang``, from its machine-readable ``kind``.

    English keeps the library's own ``message`` (it is the most precise);
    Indonesian words the kind, and keeps nothing English.

    >>> problem_text("missing", "Field required", "id")
    'wajib diisi'
    >>> problem_text("nik.invalid_length", "NIK must have 16 digits", "id")
    'NIK tidak valid'
    >>> problem_text("value_error", "sequences run 1, 2, 3", "en")
    'sequences run 1, 2, 3'
    """
    if lang != "id":
        return message
    pair = _PROBLEMS.get(kind)
    if pair is not None:
        return pair[0]
    head = kind.split(".", 1)[0]
    if head in _NIK_KINDS:
        return _NIK_KINDS[head]
    if head in ("passport", "npwp"):
        return "nomor dokumen tidak valid"
    return "data tidak valid"
