"""Worker-facing labels of the screening that the shared labels do not have.

Dates, money, countries, lists, cost components and financing come from
:mod:`pmi_workflow.labels` (one source of Indonesian for the whole library);
here are only the visa phrases a screening sentence needs (``Anda dijanjikan
visa kunjungan``), and the cost and financing labels keyed by their enums.

>>> COST_LABELS[CostComponent.AGENCY_SERVICE_FEE]
('biaya jasa perusahaan', 'agency service fee')
>>> FINANCING_LABELS[Financing.SALARY_DEDUCTION], VISA_LABELS[VisaType.VISIT]
(('potongan gaji', 'salary deduction'), ('visa kunjungan', 'a visit visa'))
"""

from __future__ import annotations

from pmi_workflow.enums import CostComponent, Financing, VisaType
from pmi_workflow.labels import label_in_sentence

__all__ = ["COST_LABELS", "FINANCING_LABELS", "VISA_LABELS"]


def _pair(kind: str, code: str) -> tuple[str, str]:
    return (label_in_sentence(kind, code, "id"), label_in_sentence(kind, code, "en"))


COST_LABELS: dict[CostComponent, tuple[str, str]] = {
    item: _pair("cost", item.value) for item in CostComponent
}
"""Indonesian and English names of the cost components, as in a sentence (bahasa.md §1.6)."""

FINANCING_LABELS: dict[Financing, tuple[str, str]] = {
    item: _pair("financing", item.value) for item in Financing
}
"""How a cost is paid, as in a sentence (bahasa.md §1.6)."""

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
"""Visa types as a worker reads them in a sentence (bahasa.md §1.6)."""
