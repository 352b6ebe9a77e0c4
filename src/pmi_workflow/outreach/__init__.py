"""Information sessions (sosialisasi) held before registration (PP 59/2021 Pasal 4)."""

from pmi_workflow.outreach.model import (
    ORGANISER_ROLES,
    REQUIRED_TOPICS,
    InformationSession,
    Organiser,
    Region,
    ScreenedOffer,
    Topic,
    index_sessions,
    parse_sessions,
)

__all__ = [
    "ORGANISER_ROLES",
    "REQUIRED_TOPICS",
    "InformationSession",
    "Organiser",
    "Region",
    "ScreenedOffer",
    "Topic",
    "index_sessions",
    "parse_sessions",
]
