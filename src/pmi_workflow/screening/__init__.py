"""Cek lowongan: screen a job offer before anyone registers.

A prospective worker at an information session has no case yet, only an
offer: a destination, a job, a recruiter, fees, a visa, a route. This package
says whether the offer shows red flags, why, and what to do instead, through
the same rules and policy that judge cases (see :func:`screen_offer`), and
prints a one-page leaflet from the policy in force (:func:`leaflet_html`).

>>> import datetime
>>> offer = Offer.model_validate({"destination": "TW", "job": "factory_operator",
...     "recruiter": {"kind": "company", "company_name": "PT Sentosa Karya Mandiri"},
...     "visa": "visit"})
>>> result = screen_offer(offer, on=datetime.date(2024, 5, 6))
>>> result.verdict, result.codes
('red_flags', ('documents.visa_not_work', 'offer.company_unknown'))
"""

from pmi_workflow.screening.catalog import ASK_FIRST, OFFER_RULES, WORKER_TEXTS, WorkerText
from pmi_workflow.screening.leaflet import leaflet_html
from pmi_workflow.screening.offer import (
    Applicant,
    FeeAsked,
    FeeRecipient,
    FeeTiming,
    Included,
    Offer,
    PassportHolder,
    Recruiter,
    RecruiterKind,
    Salary,
    offer_field_names,
    parse_offers,
)
from pmi_workflow.screening.record import record_screening, screened_offer
from pmi_workflow.screening.screen import QUESTIONS, Certainty, Flag, ScreeningResult, screen_offer

__all__ = [
    "ASK_FIRST",
    "OFFER_RULES",
    "QUESTIONS",
    "WORKER_TEXTS",
    "Applicant",
    "Certainty",
    "FeeAsked",
    "FeeRecipient",
    "FeeTiming",
    "Flag",
    "Included",
    "Offer",
    "PassportHolder",
    "Recruiter",
    "RecruiterKind",
    "Salary",
    "ScreeningResult",
    "WorkerText",
    "leaflet_html",
    "offer_field_names",
    "parse_offers",
    "record_screening",
    "screen_offer",
    "screened_offer",
]
