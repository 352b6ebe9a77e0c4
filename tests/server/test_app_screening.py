"""Screening a job offer over HTTP: ``POST /v1/screen``, in process and with uvicorn."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from tests.server.conftest import KEYS, Server

pytestmark = pytest.mark.server

PROBLEM = "application/problem+json"
ON = {"on": "2024-05-06"}
RECRUITER = "Sutrisno Wibowo"
"""A recruiter's name: personal data that no response may repeat in full."""

CALO_OFFER: dict[str, Any] = {
    "destination": "SA",
    "job": "housekeeper",
    "employer_kind": "individual",
    "recruiter": {"kind": "person", "person_name": RECRUITER},
    "fees": [{"amount": 15000000, "purpose": "agency_service_fee", "financing": "loan"}],
    "visa": "visit",
    "departure_point": "Batam",
    "passport_kept_by": "recruiter",
    "applicant": {"age": 24, "sex": "female", "marital_status": "married"},
}
"""The offer a calo makes: a household in Saudi Arabia, a fee on loan, a visit visa, Batam."""

COMPANY_OFFER: dict[str, Any] = {
    "destination": "TW",
    "job": "factory_operator",
    "employer_kind": "legal_entity",
    "recruiter": {
        "kind": "company",
        "company_name": "PT Sentosa Karya Mandiri",
        "licence_number": "B.5/77/PK.02/2022",
        "permit_number": "KEP.12/SIP2MI/2024",
    },
    "visa": "work",
    "applicant": {"age": 24, "sex": "female", "marital_status": "single"},
    "departure_point": "Bandara Soekarno-Hatta, Tangerang",
    "included": {"training": True, "medical_check": True, "opp": True, "social_security": True},
    "passport_kept_by": "worker",
    "salary": {"monthly_amount": 27470, "currency": "TWD"},
}
"""A procedural offer through a licensed company (which the server has no data to check)."""


def _screen(server: Server, body: Any, role: str = "disnaker", **params: str) -> httpx.Response:
    with server.client(role) as client:
        if isinstance(body, bytes):
            headers = {"Content-Type": "application/json"}
            return client.post("/v1/screen", params=params, content=body, headers=headers)
        return client.post("/v1/screen", params=params, json=body)


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://pmi-workflow.org/problems/")
    return body


def _name_parts_absent(text: str) -> None:
    assert RECRUITER not in text
    for part in RECRUITER.split():
        assert part not in text


def test_a_calo_offer_answers_its_red_flags_with_basis_explanation_and_advice(
    server: Server,
) -> None:
    response = _screen(server, CALO_OFFER, **ON)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["on"] == "2024-05-06"
    assert body["verdict"] == "red_flags"
    codes = {flag["code"] for flag in body["flags"]}
    assert {
        "executor.individual_recruiter",
        "documents.visa_not_work",
        "fees.placement_loan",
        "offer.passport_held_by_other",
    } <= codes
    assert body["codes"] == sorted(codes)
    for flag in body["flags"]:
        assert flag["severity"] in ("error", "warning")
        assert flag["caution"] is (flag["severity"] == "warning")
        assert flag["legal_basis"], flag["code"]
        for text in ("explanation", "advice", "title"):
            assert flag[text]["id"].strip()
            assert flag[text]["en"].strip()
            assert flag[text]["id"] != flag[text]["en"]
    visa = next(flag for flag in body["flags"] if flag["code"] == "documents.visa_not_work")
    assert visa["severity"] == "error"
    assert visa["caution"] is False
    assert visa["explanation"]["id"].startswith("Anda dijanjikan visa kunjungan")
    assert body["ask_first"]["id"]
    assert body["ask_first"]["en"]
    _name_parts_absent(response.text)


def test_an_unconfirmed_basis_is_only_ever_a_caution(server: Server) -> None:
    body = _screen(server, CALO_OFFER, **ON).json()
    unconfirmed = [flag for flag in body["flags"] if flag["certainty"] == "unconfirmed"]
    assert unconfirmed, "the shipped policy has unconfirmed entries for Saudi Arabia"
    for flag in unconfirmed:
        assert flag["severity"] == "warning"
        assert flag["caution"] is True


def test_a_company_the_server_cannot_check_is_a_caution_not_an_all_clear(
    server: Server,
) -> None:
    body = _screen(server, COMPANY_OFFER, **ON).json()
    assert body["verdict"] == "cautions"
    assert body["codes"] == ["offer.company_unknown"]
    assert body["flags"][0]["advice"]["en"]


def test_what_the_offer_leaves_unsaid_comes_back_as_questions(server: Server) -> None:
    body = _screen(server, {"destination": "MY", "job": "plantation_worker"}, **ON).json()
    assert "visa" in body["unanswered"]
    assert "recruiter" in body["unanswered"]
    assert "Visa apa yang akan diurus?" in body["questions"]["id"]
    assert "Which visa will be arranged?" in body["questions"]["en"]


@pytest.mark.parametrize("role", sorted(KEYS))
def test_every_role_may_screen_an_offer(server: Server, role: str) -> None:
    assert _screen(server, COMPANY_OFFER, role, **ON).status_code == 200


def test_screening_needs_a_key(server: Server) -> None:
    with server.client(None) as client:
        response = client.post("/v1/screen", json=CALO_OFFER)
    body = _problem(response, 401)
    assert body["type"].endswith("/unauthenticated")
    _name_parts_absent(response.text)


def test_a_malformed_offer_is_refused_with_field_paths(server: Server) -> None:
    data = {
        **CALO_OFFER,
        "destination": "Atlantis",
        "recruiter": {"kind": "boss", "person_name": RECRUITER},
        "fees": [{"amount": -5, "purpose": "agency_service_fee"}],
        "applicant": {"age": 12.5},
    }
    body = _problem(_screen(server, data, **ON), 422)
    assert body["type"].endswith("/invalid-input")
    pointers = {error["pointer"] for error in body["errors"]}
    assert {"/destination", "/recruiter/kind", "/fees/0/amount", "/applicant/age"} <= pointers
    assert "Atlantis" not in json.dumps(body)


def test_a_bad_screening_day_is_refused_without_the_value(server: Server) -> None:
    body = _problem(_screen(server, CALO_OFFER, on="06/05/2024"), 422)
    assert body["errors"][0]["where"] == "query.on"
    assert "06/05/2024" not in json.dumps(body)


@pytest.mark.parametrize(
    "body",
    [
        {**CALO_OFFER, "recruiter": {"kind": "company", "person_name": RECRUITER}},
        {**CALO_OFFER, "recruiter": {"kind": "boss", "person_name": RECRUITER}},
        {**CALO_OFFER, "recruiter": {"kind": "person", "person_name": [RECRUITER]}},
        {**CALO_OFFER, "recruiter": {"kind": "person", "name": RECRUITER}},
        {**CALO_OFFER, "recruiter": RECRUITER},
        {**CALO_OFFER, "destination": RECRUITER},
        {**CALO_OFFER, "job": RECRUITER},
        {**CALO_OFFER, "passport_kept_by": RECRUITER},
        {**CALO_OFFER, "departure_point": RECRUITER * 20},
        {**CALO_OFFER, RECRUITER: "the calo"},
        [CALO_OFFER],
        json.dumps(CALO_OFFER)[:-20].encode(),
        json.dumps(
            {**CALO_OFFER, "departure_point": "Pelabuhan Dumai ©"}, ensure_ascii=False
        ).encode("latin-1"),
    ],
    ids=[
        "name-for-a-company",
        "unknown-kind",
        "name-not-text",
        "unknown-field",
        "recruiter-as-text",
        "name-as-destination",
        "name-as-job",
        "name-as-passport-holder",
        "name-as-departure-too-long",
        "name-as-a-key",
        "not-an-object",
        "cut-off-json",
        "not-utf-8",
    ],
)
def test_the_recruiters_name_never_appears_in_an_error(server: Server, body: Any) -> None:
    response = _screen(server, body, **ON)
    problem = _problem(response, 422)
    assert problem["errors"]
    _name_parts_absent(response.text)
    _name_parts_absent(server.log.read_text(encoding="utf-8", errors="replace"))


def test_the_openapi_document_describes_the_offer_and_the_flags(server: Server) -> None:
    with server.client(None) as client:
        document = client.get("/openapi.json").json()
    operation = document["paths"]["/v1/screen"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Offer"}
    schemas = document["components"]["schemas"]
    offer = schemas["Offer"]
    assert offer["required"] == ["destination", "job"]
    assert offer["additionalProperties"] is False
    applicant = offer["properties"]["applicant"]["$ref"].rsplit("/", 1)[-1]
    assert applicant == "OfferApplicant"  # not the case's applicant, which has a NIK
    assert "nik" in schemas["Applicant"]["properties"]
    assert "age" in schemas["OfferApplicant"]["properties"]
    assert {"caution", "explanation", "advice", "legal_basis"} <= set(
        schemas["FlagView"]["properties"]
    )
    assert "422" in operation["responses"]
    assert "401" in operation["responses"]


def test_an_offer_key_written_twice_is_named_by_its_offer_field(server: Server) -> None:
    raw = b'{"destination": "SA", "job": "housekeeper", "visa": "work", "visa": "visit"}'
    body = _problem(_screen(server, raw, **ON), 422)
    assert "visa" in json.dumps(body)
    assert "(unknown field)" not in json.dumps(body)
