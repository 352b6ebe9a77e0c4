"""Recording a screening against the information session where it was done.

>>> import datetime
>>> from pmi_workflow.outreach import InformationSession
>>> from pmi_workflow.screening import Offer, screen_offer
>>> session = InformationSession(session_id="SOS-3603-2024-01", held_on="2024-01-08",
...     place="Aula Disnaker", organisers=[{"role": "disnaker"}],
...     region={"province": "Banten", "regency": "Kabupaten Tangerang", "regency_code": "3603"})
>>> offer = Offer.model_validate({"destination": "TW", "job": "welder", "visa": "visit"})
>>> session = record_screening(session, screen_offer(offer, on=datetime.date(2024, 1, 8)))
>>> session.screenings[0].codes
('documents.visa_not_work', 'offer.company_unknown')
>>> session.screenings[0].red_flags, session.screenings[0].cautions
(1, 1)
"""

from __future__ import annotations

from pmi_workflow.outreach import InformationSession, ScreenedOffer
from pmi_workflow.screening.screen import ScreeningResult

__all__ = ["record_screening", "screened_offer"]


def screened_offer(result: ScreeningResult) -> ScreenedOffer:
    """The session's record of one screening: its day, codes and counts (no personal data)."""
    return ScreenedOffer(
        screened_on=result.on,
        codes=result.codes,
        red_flags=len(result.red_flags),
        cautions=len(result.cautions),
    )


def record_screening(session: InformationSession, result: ScreeningResult) -> InformationSession:
    """A copy of ``session`` with the screening added (sessions are immutable)."""
    screenings = (*session.screenings, screened_offer(result))
    return session.model_copy(update={"screenings": screenings})
