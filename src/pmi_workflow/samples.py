"""Synthetic sample cases: realistic, procedural, and free of real personal data.

Every NIK here is made up (valid in form only), every name invented. The
functions return fresh JSON-compatible dictionaries, so callers may change
them to build the variant they need.

>>> from pmi_workflow.domain import parse_case
>>> sorted(scheme for scheme in PROCEDURAL_SCHEMES)
['g2g', 'p2p', 'perseorangan', 're_entry', 'ukps']
>>> case = parse_case(procedural_case_data("p2p"))
>>> [event.step.value for event in case.history][:3]
['informed', 'registered', 'selected']
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

__all__ = ["PROCEDURAL_SCHEMES", "minimal_case_data", "procedural_case_data"]

_NAMESPACE = uuid.UUID("6f1c2a52-3f0e-4d43-9a43-2d9a1f6b7c10")

_ALL_TERMS = [
    "employer_identity",
    "worker_identity",
    "position",
    "rights_and_duties",
    "working_hours",
    "wage",
    "payment_method",
    "leave",
    "facilities",
    "social_security",
    "duration",
    "safety_guarantee",
]


def _applicant(
    nik: str, name: str, birth: str, sex: str, marital: str = "single"
) -> dict[str, Any]:
    return {
        "nik": nik,
        "name": name,
        "birth_date": birth,
        "birth_place": "Tangerang",
        "sex": sex,
        "marital_status": marital,
        "address": {
            "street": "Jl. Raya Serang Km 12",
            "village": "Cikupa",
            "district": "Cikupa",
            "regency": "Kabupaten Tangerang",
            "province": "Banten",
            "regency_code": "3603",
        },
        "education": "senior_secondary",
        "contact": {"phone": "+6281234567890"},
    }


def _event_id(case_id: str, sequence: int) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{case_id}/{sequence}"))


def _events(case_id: str, steps: list[tuple[str, str, str, list[str]]]) -> list[dict[str, Any]]:
    return [
        {
            "event_id": _event_id(case_id, index),
            "case_id": case_id,
            "sequence": index,
            "step": step,
            "occurred_at": f"{day}T09:00:00+07:00",
            "actor": {"role": role, "id": f"officer-{role}"},
            "evidence": evidence,
        }
        for index, (step, day, role, evidence) in enumerate(steps, start=1)
    ]


def minimal_case_data() -> dict[str, Any]:
    """A case at its start: applicant, destination and occupation, no documents yet."""
    return {
        "schema_version": 1,
        "case_id": "CASE-MIN-0001",
        "scheme": "p2p",
        "applicant": _applicant("3603121505950002", "Budi Santoso", "1995-05-15", "male"),
        "destination": "MY",
        "occupation": "factory_operator",
    }


def _p2p() -> dict[str, Any]:
    case_id = "CASE-P2P-0001"
    return {
        "schema_version": 1,
        "case_id": case_id,
        "scheme": "p2p",
        "applicant": _applicant("3603121505950002", "Budi Santoso", "1995-05-15", "male"),
        "destination": "MY",
        "occupation": "factory_operator",
        "employer": {
            "kind": "legal_entity",
            "name": "Maju Electronics Sdn Bhd",
            "country": "MY",
            "registration_number": "201901012345",
        },
        "executor": {
            "kind": "p3mi",
            "name": "PT Sentosa Karya Mandiri",
            "npwp": "013121660091000",
            "sip3mi": {
                "number": "B.5/1234/PK.02/2021",
                "issued_on": "2021-03-01",
                "valid_until": "2026-03-01",
            },
        },
        "job_order": {
            "number": "JO-MY-2023-0456",
            "demand_letter": "DL-MAJU-2023-11",
            "issued_on": "2023-10-20",
            "position": "Production Operator",
            "destination": "MY",
            "sip2mi": {
                "number": "KEP.2311/SIP2MI/2023",
                "issued_on": "2023-11-01",
                "valid_until": "2025-11-01",
                "destination": "MY",
                "occupation": "factory_operator",
                "position": "Production Operator",
            },
        },
        "documents": [
            {
                "type": "marital_status_certificate",
                "id": "msc-1",
                "status": "single",
                "issuer": "Desa Cikupa",
                "issued_on": "2024-01-10",
            },
            {
                "type": "family_consent",
                "id": "consent-1",
                "consenting_party": "parent",
                "acknowledged_by_village_head": True,
                "acknowledging_office": "Kepala Desa Cikupa",
                "issued_on": "2024-01-10",
            },
            {
                "type": "passport",
                "id": "passport-1",
                "number": "C1234567",
                "issuer": "Kantor Imigrasi Tangerang",
                "issued_on": "2024-02-05",
                "expires_on": "2034-02-05",
            },
            {
                "type": "competence_certificate",
                "id": "comp-1",
                "competence": "Operator produksi",
                "issuer": "LSP Manufaktur",
                "issued_on": "2024-02-20",
            },
            {
                "type": "health_certificate",
                "id": "health-1",
                "medical_result": "fit",
                "psychological_exam_done": True,
                "psychological_result": "fit",
                "facility": "Klinik Sehat Sarana Medika",
                "issued_on": "2024-03-01",
            },
            {
                "type": "placement_agreement",
                "id": "pa-1",
                "signed_on": "2024-03-10",
                "validated_by": "disnaker",
                "issued_on": "2024-03-10",
            },
            {
                "type": "social_security",
                "id": "bpjs-1",
                "number": "PMI-24-000123",
                "programmes": ["jkk", "jkm"],
                "cover_start": "2024-03-12",
                "package_months": 24,
                "issued_on": "2024-03-12",
                "premiums": [
                    {"kind": "pre_work", "amount": "37500", "paid_on": "2024-03-12"},
                    {
                        "kind": "during_after_work",
                        "amount": "332500",
                        "paid_on": "2024-03-12",
                        "months": 24,
                    },
                ],
            },
            {
                "type": "visa",
                "id": "visa-1",
                "visa_type": "work",
                "country": "MY",
                "number": "VDR-88812",
                "issued_on": "2024-04-15",
                "expires_on": "2026-06-15",
            },
            {
                "type": "employment_contract",
                "id": "pk-1",
                "employer_name": "Maju Electronics Sdn Bhd",
                "position": "Production Operator",
                "duration_months": 24,
                "wage": {"amount": "1700", "currency": "MYR"},
                "terms": _ALL_TERMS,
                "signed_on": "2024-04-25",
                "signed_before": "pengantar_kerja",
            },
            {
                "type": "opp_certificate",
                "id": "opp-1",
                "organiser": "BP3MI Banten",
                "issued_on": "2024-05-10",
            },
            {"type": "pmi_card", "id": "epmi-1", "card_type": "e_pmi", "issued_on": "2024-05-10"},
        ],
        "costs": [
            {"component": "departure_ticket", "amount": "3200000", "paid_by": "employer"},
            {"component": "work_visa", "amount": "1500000", "paid_by": "employer"},
            {"component": "agency_service_fee", "amount": "5000000", "paid_by": "employer"},
            {"component": "job_training", "amount": "2000000", "paid_by": "employer"},
            {"component": "passport", "amount": "350000", "paid_by": "worker"},
        ],
        "history": _events(
            case_id,
            [
                ("informed", "2024-01-08", "disnaker", []),
                ("registered", "2024-01-15", "disnaker", ["msc-1", "consent-1"]),
                ("selected", "2024-02-01", "p3mi", []),
                ("passport_issued", "2024-02-05", "immigration", ["passport-1"]),
                ("competence_certified", "2024-02-20", "training_institute", ["comp-1"]),
                ("medically_cleared", "2024-03-01", "health_facility", ["health-1"]),
                ("placement_agreement_signed", "2024-03-10", "disnaker", ["pa-1"]),
                ("social_security_enrolled", "2024-03-12", "bpjs", ["bpjs-1"]),
                ("visa_issued", "2024-04-15", "p3mi", ["visa-1"]),
                ("employment_contract_signed", "2024-04-25", "disnaker", ["pk-1"]),
                ("opp_completed", "2024-05-10", "bp3mi", ["opp-1", "epmi-1"]),
                ("departed", "2024-05-20", "bp3mi", []),
                ("registered_abroad", "2024-05-25", "perwakilan", []),
                ("started_work", "2024-05-27", "p3mi", []),
            ],
        ),
    }


def _g2g() -> dict[str, Any]:
    case_id = "CASE-G2G-0001"
    data = _p2p()
    data.update(
        case_id=case_id,
        scheme="g2g",
        applicant=_applicant("3603124408980003", "Dewi Lestari", "1998-08-04", "female"),
        destination="KR",
        employer={"kind": "legal_entity", "name": "Hanil Precision Co., Ltd.", "country": "KR"},
        executor={"kind": "agency", "name": "KP2MI"},
        job_order={
            "number": "EPS-2024-0077",
            "issued_on": "2024-01-20",
            "position": "Production Operator",
            "destination": "KR",
        },
    )
    for document in data["documents"]:
        if document["type"] == "visa":
            document["country"] = "KR"
        if document["type"] == "employment_contract":
            document.update(
                employer_name="Hanil Precision Co., Ltd.",
                wage={"amount": "2060740", "currency": "KRW"},
                duration_months=36,
            )
        if document["type"] == "placement_agreement":
            document["validated_by"] = "bp3mi"
        if document["type"] == "social_security":
            document["premiums"].append(
                {"kind": "extra_months", "amount": "162000", "paid_on": "2024-03-12", "months": 12}
            )
    data["documents"].append(
        # the police certificate the Korea EPS visa needs (policy: documents/KR/g2g/skck)
        {
            "type": "other",
            "id": "skck-1",
            "title": "SKCK Polres Tangerang",
            "issued_on": "2024-02-01",
        }
    )
    data["costs"] = [
        {"component": "departure_ticket", "amount": "6800000", "paid_by": "employer"},
        {"component": "work_visa", "amount": "900000", "paid_by": "employer"},
        {"component": "passport", "amount": "350000", "paid_by": "worker"},
    ]
    data["history"] = [
        {
            **event,
            "case_id": case_id,
            "event_id": _event_id(case_id, event["sequence"]),
            "actor": {"role": "kp2mi", "id": "officer-kp2mi"}
            if event["step"] == "selected"
            else event["actor"],
        }
        for event in data["history"]
    ]
    return data


def _ukps() -> dict[str, Any]:
    case_id = "CASE-UKPS-0001"
    data = _p2p()
    data.update(
        case_id=case_id,
        scheme="ukps",
        destination="QA",
        occupation="welder",
        employer={
            "kind": "legal_entity",
            "name": "Nusantara Konstruksi Qatar WLL",
            "country": "QA",
        },
        executor={
            "kind": "ukps",
            "name": "PT Nusantara Konstruksi",
            "permit": {
                "number": "UKPS-2023-019",
                "issued_on": "2023-06-01",
                "valid_until": "2028-06-01",
            },
        },
        job_order={
            "number": "UKPS-JO-2024-3",
            "issued_on": "2024-01-05",
            "position": "Welder",
            "destination": "QA",
        },
    )
    for document in data["documents"]:
        if document["type"] == "visa":
            document["country"] = "QA"
        if document["type"] == "employment_contract":
            document.update(
                employer_name="Nusantara Konstruksi Qatar WLL",
                position="Welder",
                wage={"amount": "2500", "currency": "QAR"},
            )
        if document["type"] == "competence_certificate":
            document["competence"] = "Juru las"
    data["costs"] = [
        {"component": "departure_ticket", "amount": "7100000", "paid_by": "employer"},
        {"component": "work_visa", "amount": "2000000", "paid_by": "employer"},
    ]
    data["history"] = [
        {
            **event,
            "case_id": case_id,
            "event_id": _event_id(case_id, event["sequence"]),
            "actor": {"role": "ukps_company", "id": "hr-1"}
            if event["actor"]["role"] == "p3mi"
            else event["actor"],
        }
        for event in data["history"]
    ]
    return data


def _perseorangan() -> dict[str, Any]:
    case_id = "CASE-IND-0001"
    data = _p2p()
    data.update(
        case_id=case_id,
        scheme="perseorangan",
        destination="JP",
        occupation="engineer",
        employer={"kind": "legal_entity", "name": "Sakura Engineering K.K.", "country": "JP"},
    )
    data.pop("executor")
    data.pop("job_order")
    documents = []
    for document in data["documents"]:
        if document["type"] == "placement_agreement":
            continue
        if document["type"] == "visa":
            document["country"] = "JP"
        if document["type"] == "employment_contract":
            document.update(
                employer_name="Sakura Engineering K.K.",
                position="Process Engineer",
                wage={"amount": "280000", "currency": "JPY"},
                duration_months=12,
            )
        if document["type"] == "competence_certificate":
            document.update(competence="Sarjana Teknik Mesin", diploma_substitute=True)
        if document["type"] == "social_security":
            document.update(
                cover_start="2024-05-01",
                issued_on="2024-05-01",
                package_months=12,
                premiums=[
                    {
                        "kind": "during_after_work",
                        "amount": "189000",
                        "paid_on": "2024-05-01",
                        "months": 12,
                    }
                ],
            )
        documents.append(document)
    documents.append({"type": "risk_statement", "id": "risk-1", "issued_on": "2024-04-26"})
    documents.append(
        {
            "type": "other",
            "id": "call-1",
            "title": "Employer's call letter",
            "issued_on": "2024-01-20",
        }
    )
    data["documents"] = documents
    data["costs"] = [
        {"component": "departure_ticket", "amount": "8000000", "paid_by": "employer"},
        {"component": "passport", "amount": "350000", "paid_by": "worker"},
    ]
    data["history"] = _events(
        case_id,
        [
            ("informed", "2024-01-08", "ltsa", []),
            ("registered", "2024-01-15", "ltsa", ["msc-1", "consent-1"]),
            ("passport_issued", "2024-02-05", "immigration", ["passport-1"]),
            ("competence_certified", "2024-02-20", "training_institute", ["comp-1"]),
            ("medically_cleared", "2024-03-01", "health_facility", ["health-1"]),
            ("visa_issued", "2024-04-15", "applicant", ["visa-1"]),
            ("employment_contract_signed", "2024-04-25", "disnaker", ["pk-1", "risk-1"]),
            ("social_security_enrolled", "2024-05-01", "bpjs", ["bpjs-1"]),
            ("opp_completed", "2024-05-10", "bp3mi", ["opp-1", "epmi-1"]),
            ("departed", "2024-05-20", "bp3mi", []),
            ("registered_abroad", "2024-05-25", "perwakilan", []),
            ("started_work", "2024-05-27", "employer", []),
        ],
    )
    return data


def _re_entry() -> dict[str, Any]:
    case_id = "CASE-RE-0001"
    return {
        "schema_version": 1,
        "case_id": case_id,
        "scheme": "re_entry",
        "applicant": _applicant(
            "3603127105900001", "Siti Aminah", "1990-05-31", "female", "married"
        ),
        "destination": "TW",
        "occupation": "caregiver",
        "employer": {"kind": "individual", "name": "Chen Household", "country": "TW"},
        "executor": {
            "kind": "p3mi",
            "name": "PT Sentosa Karya Mandiri",
            "sip3mi": {
                "number": "B.5/1234/PK.02/2021",
                "issued_on": "2021-03-01",
                "valid_until": "2026-03-01",
            },
        },
        "documents": [
            {
                "type": "passport",
                "id": "passport-1",
                "number": "C7654321",
                "issuer": "Kantor Imigrasi Tangerang",
                "issued_on": "2022-01-10",
                "expires_on": "2032-01-10",
            },
            {
                "type": "employment_contract",
                "id": "pk-1",
                "employer_name": "Chen Household",
                "position": "Caregiver",
                "duration_months": 36,
                "wage": {"amount": "20000", "currency": "TWD"},
                "terms": _ALL_TERMS,
                "signed_on": "2022-03-01",
                "signed_before": "pengantar_kerja",
            },
            {"type": "leave_letter", "id": "leave-1", "issued_on": "2024-02-01"},
            {
                "type": "visa",
                "id": "visa-1",
                "visa_type": "work",
                "country": "TW",
                "issued_on": "2022-03-10",
                "expires_on": "2025-03-10",
            },
            {
                "type": "visa",
                "id": "visa-2",
                "visa_type": "re_entry",
                "country": "TW",
                "issued_on": "2024-02-01",
                "expires_on": "2024-05-01",
            },
            {
                "type": "health_certificate",
                "id": "health-1",
                "medical_result": "fit",
                "psychological_exam_done": True,
                "psychological_result": "fit",
                "issued_on": "2024-02-10",
            },
            {
                "type": "social_security",
                "id": "bpjs-1",
                "programmes": ["jkk", "jkm"],
                "cover_start": "2024-02-12",
                "package_months": 12,
                "issued_on": "2024-02-12",
                "premiums": [
                    {
                        "kind": "during_after_work",
                        "amount": "189000",
                        "paid_on": "2024-02-12",
                        "months": 12,
                    }
                ],
            },
            {"type": "pmi_card", "id": "epmi-1", "card_type": "e_pmi", "issued_on": "2024-02-14"},
        ],
        "costs": [
            {"component": "departure_ticket", "amount": "4300000", "paid_by": "employer"},
        ],
        "history": _events(
            case_id,
            [
                ("employment_contract_signed", "2024-02-01", "perwakilan", ["pk-1", "leave-1"]),
                ("visa_issued", "2024-02-01", "perwakilan", ["visa-1", "visa-2"]),
                ("medically_cleared", "2024-02-10", "health_facility", ["health-1"]),
                ("social_security_enrolled", "2024-02-12", "bpjs", ["bpjs-1"]),
                ("departed", "2024-02-20", "bp3mi", ["epmi-1"]),
                ("registered_abroad", "2024-02-22", "perwakilan", []),
                ("started_work", "2024-02-23", "employer", []),
            ],
        ),
    }


_BUILDERS = {
    "p2p": _p2p,
    "g2g": _g2g,
    "ukps": _ukps,
    "perseorangan": _perseorangan,
    "re_entry": _re_entry,
}

PROCEDURAL_SCHEMES: tuple[str, ...] = tuple(_BUILDERS)
"""The schemes :func:`procedural_case_data` has a procedural sample for."""


def procedural_case_data(scheme: str = "p2p") -> dict[str, Any]:
    """A complete, procedural case of ``scheme``, placed and working, as JSON-like data."""
    try:
        builder = _BUILDERS[scheme]
    except KeyError:
        raise ValueError(
            f"no sample for scheme {scheme!r}; choose one of {', '.join(_BUILDERS)}"
        ) from None
    return copy.deepcopy(builder())
