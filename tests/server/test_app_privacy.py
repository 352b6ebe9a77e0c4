"""The HTTP API masks personal data exactly as the command line does (in process, no socket)."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.server.conftest import KEYS, KEYS_TOML

from pmi_workflow.privacy import mask_case_id
from pmi_workflow.server import ServerSettings, create_app, parse_keys
from pmi_workflow.testing import make_case

NIK = "3603121505950002"
CASE_ID = f"PMI-{NIK}"
VISA_ID = f"visa-{NIK}"
AS_OF = {"as_of": "2024-07-01"}


def _personal_case(case_id: str = CASE_ID) -> dict[str, Any]:
    """A case keyed by ``PMI-<NIK>`` whose visa id and birth place carry the NIK too.

    The visa is a visit visa, so the findings name it (``where``, messages).
    """
    data = make_case("p2p", case_id=case_id).to_dict()
    data["applicant"]["birth_place"] = f"Tangerang {NIK}"
    for document in data["documents"]:
        if document["type"] == "visa":
            old, document["id"], document["visa_type"] = document["id"], VISA_ID, "visit"
    for event in data["history"]:
        event["evidence"] = [VISA_ID if ref == old else ref for ref in event["evidence"]]
    return data


@pytest.fixture
def app(tmp_path: Path) -> Any:
    keys = parse_keys(tomllib.loads(KEYS_TOML))
    return create_app(ServerSettings(store=str(tmp_path / "cases.db"), keys=keys))


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    """A client with a Disnaker key, which may not reveal personal data."""
    headers = {"Authorization": f"Bearer {KEYS['disnaker']}"}
    with TestClient(app, headers=headers, raise_server_exceptions=False) as test_client:
        yield test_client


def test_validate_and_audit_show_the_case_id_and_document_ids_as_the_command_line_does(
    client: TestClient,
) -> None:
    raw = json.dumps(_personal_case())
    for route in ("/v1/validate", "/v1/audit"):
        response = client.post(route, params=AS_OF, content=raw)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["case_id"] == "PMI-3603**********02" == mask_case_id(CASE_ID)
        wheres = {finding["where"] for finding in body["findings"]}
        assert "documents.visa-3603**********02" in wheres
        assert NIK not in response.text


def test_a_batch_shows_no_nik_on_any_line(client: TestClient) -> None:
    line = json.dumps(_personal_case())
    for route in ("/v1/batch/validate", "/v1/batch/audit"):
        response = client.post(route, params=AS_OF, content=f"{line}\n{line}\n")
        results = [json.loads(text) for text in response.text.splitlines()]
        assert [result["case_id"] for result in results] == ["PMI-3603**********02"] * 2
        assert NIK not in response.text


def test_storing_a_case_keyed_by_nik_masks_its_id_and_sends_no_location_that_names_no_case(
    client: TestClient,
) -> None:
    created = client.post("/v1/cases", json=_personal_case())
    assert created.status_code == 201, created.text
    assert created.json()["case_id"] == "PMI-3603**********02"
    assert "location" not in created.headers
    assert NIK not in created.text
    assert NIK not in str(created.headers)


def test_a_bare_nik_case_id_gets_no_location_header_either(client: TestClient) -> None:
    created = client.post("/v1/cases", json=_personal_case(NIK))
    assert created.status_code == 201, created.text
    assert "location" not in created.headers
    assert NIK not in str(created.headers)


def test_a_case_id_with_a_slash_gets_a_location_that_opens_it_and_its_audit(
    client: TestClient,
) -> None:
    created = client.post("/v1/cases", json=_personal_case("CASE/2024#01?"))
    assert created.status_code == 201, created.text
    location = created.headers["location"]
    assert location == "/v1/cases/CASE%2F2024%2301%3F"
    opened = client.get(location)
    assert opened.status_code == 200, opened.text
    audited = client.get(f"{location}/audit", params=AS_OF)
    assert audited.status_code == 200, audited.text
    assert audited.json()["case_id"] == "CASE/2024#01?"


def test_a_stored_case_read_by_a_key_that_may_not_reveal_shows_no_nik_anywhere(
    client: TestClient,
) -> None:
    client.post("/v1/cases", json=_personal_case())
    shown = client.get(f"/v1/cases/{CASE_ID}")
    assert shown.status_code == 200, shown.text
    body = shown.json()
    assert body["case_id"] == body["case"]["case_id"] == "PMI-3603**********02"
    assert {event["case_id"] for event in body["case"]["history"]} == {"PMI-3603**********02"}
    assert body["case"]["applicant"]["birth_place"] == "Tangerang 3603**********02"
    assert shown.headers["etag"] == f'"{body["version"]}"'
    assert NIK not in shown.text
    audit = client.get(f"/v1/cases/{CASE_ID}/audit", params=AS_OF)
    assert audit.json()["case_id"] == "PMI-3603**********02"
    assert NIK not in audit.text


def test_a_key_allowed_to_reveal_reads_the_case_unmasked_when_it_asks(
    app: Any, client: TestClient
) -> None:
    client.post("/v1/cases", json=_personal_case())
    headers = {"Authorization": f"Bearer {KEYS['bp3mi']}"}
    with TestClient(app, headers=headers) as revealing:
        masked = revealing.get(f"/v1/cases/{CASE_ID}")
        revealed = revealing.get(f"/v1/cases/{CASE_ID}", params={"reveal": "true"})
    assert NIK not in masked.text
    assert revealed.json()["case_id"] == revealed.json()["case"]["case_id"] == CASE_ID
    assert revealed.json()["case"]["applicant"]["nik"] == NIK
    assert revealed.headers["etag"] == masked.headers["etag"]


def test_a_refused_step_names_its_documents_masked(app: Any) -> None:
    data = _personal_case()
    departed = [event["step"] for event in data["history"]].index("departed")
    data["history"] = data["history"][:departed]
    with TestClient(app, headers={"Authorization": f"Bearer {KEYS['bp3mi']}"}) as client:
        version = client.post("/v1/cases", json=data).json()["version"]
        refused = client.post(
            f"/v1/cases/{CASE_ID}/steps",
            json={"step": "departed", "at": "2024-06-01T09:00:00+07:00", "evidence": [VISA_ID]},
            headers={"If-Match": f'"{version}"'},
        )
    assert refused.status_code == 422, refused.text
    assert [finding["where"] for finding in refused.json()["findings"]] == [
        "documents.visa-3603**********02"
    ]
    assert NIK not in refused.text
