"""Licence data shared by the tests of the command line and of the HTTP service."""

from __future__ import annotations

from typing import Any

SIP3MI = "B.5/1234/PK.02/2021"
"""The licence number of the samples' P3MI (PT Sentosa Karya Mandiri)."""

REVOKED_SIP3MI: dict[str, Any] = {
    "kind": "sip3mi",
    "number": SIP3MI,
    "holder": "PT Sentosa Karya Mandiri",
    "status": "revoked",
    "issued_on": "2021-03-01",
    "revoked_on": "2024-01-02",
    "checked_at": "2024-05-30T10:00:00+07:00",
    "source": "Daftar P3MI BP3MI Banten",
}
"""The samples' SIP3MI, revoked since 2 January 2024."""
