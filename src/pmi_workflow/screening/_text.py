"""The shared labels as a screening sentence needs them, keyed by their enums.

Dates, money, countries, lists, cost components, financing and visa types come
from :mod:`pmi_workflow.labels` (one source of Indonesian for the whole
library); here they are only put in sentence form (``Anda dijanjikan visa
kunjungan``, ``You are promised a visit visa``).

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


def _with_article(code: str) -> str:
    name = label_in_sentence("visa_type", code, "en")
    phrase = f"{'an' if name[0] in 'aeiou' else 'a'} {name}"
    return "another visa" if phrase == "an other visa" else phrase


COST_LABELS: dict[CostComponent, tuple[str, str]] = {
    item: _pair("cost", item.value) for item in CostComponent
}
"""Indonesian and English names of the cost components, as in a sentence (bahasa.md §1.6)."""

FINANCING_LABELS: dict[Financing, tuple[str, str]] = {
    item: _pair("financing", item.value) for item in Financing
}
"""How a cost is paid, as in a sentence (bahasa.md §1.6)."""

VISA_LABELS: dict[VisaType, tuple[str, str]] = {
    item: (label_in_sentence("visa_type", item.value, "id"), _with_article(item.value))
    for item in VisaType
}
"""Visa types as a worker reads them in a sentence (bahasa.md §1.6)."""
