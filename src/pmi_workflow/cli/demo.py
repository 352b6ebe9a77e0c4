"""The demonstration cases: one procedural P2P placement and five that are not.

Each non-procedural case is the procedural sample with one realistic change,
so the findings show exactly what that change breaks.

>>> [name for name, _, _ in demo_cases()]
['procedural', 'under_age', 'banned_destination', 'visit_visa', 'fees_charged', 'no_opp']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pmi_workflow.samples import procedural_case_data

__all__ = ["demo_cases"]


def _doc(data: dict[str, Any], doc_id: str) -> dict[str, Any]:
    return next(item for item in data["documents"] if item["id"] == doc_id)


def _under_age(data: dict[str, Any]) -> None:
    data["applicant"]["birth_date"] = "2006-08-01"
    data["applicant"]["nik"] = "3603120108060002"


def _banned_destination(data: dict[str, Any]) -> None:
    data["applicant"]["sex"] = "female"
    data["applicant"]["nik"] = "3603125505950002"
    data["applicant"]["name"] = "Siti Rahayu"
    data["destination"] = "SA"
    data["occupation"] = "housekeeper"
    data["employer"] = {"kind": "individual", "name": "Household employer", "country": "SA"}
    data["job_order"]["destination"] = "SA"
    data["job_order"]["sip2mi"]["destination"] = "SA"
    data["job_order"]["sip2mi"]["occupation"] = "housekeeper"
    _doc(data, "visa-1")["country"] = "SA"
    data["channel"] = "spsk"
    data["costs"] = [c for c in data["costs"] if c["paid_by"] == "employer"]


def _visit_visa(data: dict[str, Any]) -> None:
    _doc(data, "visa-1")["visa_type"] = "visit"


def _fees_charged(data: dict[str, Any]) -> None:
    data["applicant"]["sex"] = "female"
    data["applicant"]["nik"] = "3603125505950002"
    data["applicant"]["name"] = "Siti Rahayu"
    data["occupation"] = "housekeeper"
    data["employer"] = {"kind": "individual", "name": "Household employer", "country": "MY"}
    data["job_order"]["sip2mi"]["occupation"] = "housekeeper"
    data["channel"] = "ocs"
    data["costs"] = [
        *data["costs"],
        {"component": "agency_service_fee", "amount": "7500000", "paid_by": "worker"},
    ]


def _no_opp(data: dict[str, Any]) -> None:
    data["documents"] = [d for d in data["documents"] if d["type"] != "opp_certificate"]
    history = [e for e in data["history"] if e["step"] != "opp_completed"]
    for index, event in enumerate(history, start=1):
        event["sequence"] = index
        event["evidence"] = [ref for ref in event.get("evidence", []) if ref != "opp-1"]
    data["history"] = history


_CHANGES: tuple[tuple[str, str, Callable[[dict[str, Any]], None]], ...] = (
    ("under_age", "Pelamar berusia 17 tahun / the applicant is 17", _under_age),
    (
        "banned_destination",
        "Pekerja rumah tangga ke Arab Saudi (Kepmenaker 260/2015) / "
        "a domestic worker sent to Saudi Arabia",
        _banned_destination,
    ),
    ("visit_visa", "Berangkat dengan visa kunjungan / departs on a visit visa", _visit_visa),
    (
        "fees_charged",
        "Biaya jasa dibebankan kepada pengurus rumah tangga / a housekeeper charged the agency fee",
        _fees_charged,
    ),
    ("no_opp", "Berangkat tanpa OPP / departs without pre-departure orientation", _no_opp),
)


def demo_cases() -> list[tuple[str, str, dict[str, Any]]]:
    """``(name, description, case data)`` for the procedural case and each variant."""
    cases = [
        (
            "procedural",
            "Penempatan P2P yang prosedural / a procedural P2P placement",
            procedural_case_data("p2p"),
        )
    ]
    for number, (name, description, change) in enumerate(_CHANGES, start=2):
        data = procedural_case_data("p2p")
        change(data)
        case_id = f"CASE-DEMO-{number:04d}"
        data["case_id"] = case_id
        for event in data["history"]:
            event["case_id"] = case_id
            event.pop("event_id", None)
        cases.append((name, description, data))
    return cases
