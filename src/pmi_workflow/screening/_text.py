"""Words for people: Indonesian dates, money, country names and labels (bahasa.md §1-2).

>>> date_id(datetime.date(2024, 7, 3))
'3 Juli 2024'
>>> money_id(Decimal("15000000"), "IDR"), money_id(Decimal("1500"), "SAR")
('Rp15.000.000', 'SAR 1.500')
>>> money_en(Decimal("37500.5"), "IDR")
'IDR 37,500.50'
>>> country_id("CN"), country_id("SA"), country_en("TW")
('Tiongkok', 'Arab Saudi', 'Taiwan')
>>> join_id(["paspor", "visa", "tiket"]), join_en(["passport", "visa"])
('paspor, visa, dan tiket', 'passport and visa')
"""

from __future__ import annotations

import datetime
import gettext
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from pmi_workflow.enums import CostComponent, Financing, VisaType
from pmi_workflow.identifiers.country import country_name

__all__ = [
    "COST_LABELS",
    "FINANCING_LABELS",
    "VISA_LABELS",
    "country_en",
    "country_id",
    "date_id",
    "join_en",
    "join_id",
    "money_en",
    "money_id",
]

_MONTHS_ID = (
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

_COUNTRY_ID = {
    "TW": "Taiwan",
    "HK": "Hong Kong",
    "MO": "Makau",
    "TL": "Timor-Leste",
    "CN": "Tiongkok",
    "IR": "Iran",
    "SY": "Suriah",
    "PS": "Palestina",
    "RU": "Rusia",
    "CZ": "Ceko",
}

COST_LABELS: dict[CostComponent, tuple[str, str]] = {
    CostComponent.DEPARTURE_TICKET: ("tiket keberangkatan", "departure ticket"),
    CostComponent.RETURN_TICKET: ("tiket pulang", "return ticket"),
    CostComponent.WORK_VISA: ("visa kerja", "work visa"),
    CostComponent.CONTRACT_LEGALISATION: ("legalisasi Perjanjian Kerja", "contract legalisation"),
    CostComponent.JOB_TRAINING: ("pelatihan kerja", "job training"),
    CostComponent.COMPETENCE_CERTIFICATE: (
        "sertifikat kompetensi kerja",
        "competence certificate",
    ),
    CostComponent.AGENCY_SERVICE_FEE: ("biaya jasa perusahaan", "agency service fee"),
    CostComponent.PASSPORT: ("paspor", "passport"),
    CostComponent.POLICE_CERTIFICATE: ("SKCK", "police certificate"),
    CostComponent.SOCIAL_SECURITY: ("jaminan sosial PMI", "social security"),
    CostComponent.MEDICAL_EXAM: (
        "pemeriksaan kesehatan dan psikologi",
        "medical and psychological examination",
    ),
    CostComponent.ADDITIONAL_MEDICAL_EXAM: (
        "pemeriksaan kesehatan tambahan",
        "additional medical examination",
    ),
    CostComponent.LOCAL_TRANSPORT: ("transportasi lokal", "local transport"),
    CostComponent.ACCOMMODATION: ("akomodasi", "accommodation"),
    CostComponent.OTHER: ("biaya penempatan", "placement costs"),
}
"""Indonesian and English names of the cost components (bahasa.md §1.6)."""

FINANCING_LABELS: dict[Financing, tuple[str, str]] = {
    Financing.CASH: ("tunai", "cash"),
    Financing.LOAN: ("pinjaman", "a loan"),
    Financing.SALARY_DEDUCTION: ("potongan gaji", "salary deductions"),
    Financing.SUBSIDISED_CREDIT: ("KUR penempatan", "subsidised placement credit"),
}
"""How a cost is paid (bahasa.md §1.6)."""

VISA_LABELS: dict[VisaType, tuple[str, str]] = {
    VisaType.WORK: ("visa kerja", "a work visa"),
    VisaType.RE_ENTRY: ("visa re-entry (izin masuk kembali)", "a re-entry visa"),
    VisaType.VISIT: ("visa kunjungan", "a visit visa"),
    VisaType.TOURIST: ("visa turis", "a tourist visa"),
    VisaType.UMRAH: ("visa umrah", "an umrah visa"),
    VisaType.ZIARAH: ("visa ziarah", "a ziarah visa"),
    VisaType.HAJJ: ("visa haji", "a hajj visa"),
    VisaType.STUDENT: ("visa pelajar", "a student visa"),
    VisaType.TRANSIT: ("visa transit", "a transit visa"),
    VisaType.OTHER: ("visa lain", "another visa"),
}
"""Visa types (bahasa.md §1.6)."""


def date_id(day: datetime.date) -> str:
    """A date as an Indonesian reader writes it: ``3 Juli 2024``."""
    return f"{day.day} {_MONTHS_ID[day.month - 1]} {day.year}"


def _grouped(amount: Decimal, thousands: str, decimal: str) -> str:
    whole = int(amount)
    cents = int((amount - whole) * 100)
    text = f"{whole:,}".replace(",", thousands)
    return f"{text}{decimal}{cents:02d}" if cents else text


def money_id(amount: Decimal, currency: str) -> str:
    """Money in Indonesian: ``Rp15.000.000``, ``SAR 1.500``, ``Rp37.500,50``."""
    text = _grouped(amount, ".", ",")
    return f"Rp{text}" if currency == "IDR" else f"{currency} {text}"


def money_en(amount: Decimal, currency: str) -> str:
    """Money in English: ``IDR 15,000,000``."""
    return f"{currency} {_grouped(amount, ',', '.')}"


@lru_cache(maxsize=1)
def _translations() -> gettext.NullTranslations:
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True)


@lru_cache(maxsize=256)
def country_id(code: str) -> str:
    """The Indonesian name of a country (with the overrides of bahasa.md §1.6)."""
    if code in _COUNTRY_ID:
        return _COUNTRY_ID[code]
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(_translations().gettext(str(country.name)))


def country_en(code: str) -> str:
    """The English name of a country."""
    return country_name(code)


def join_id(items: Sequence[str]) -> str:
    """``a``, ``a dan b``, ``a, b, dan c`` (a comma before *dan* in a list of three)."""
    if len(items) <= 2:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


def join_en(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
