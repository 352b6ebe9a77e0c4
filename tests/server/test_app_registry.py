"""The HTTP service with licence data (``ServerSettings.registry``, ``serve --registry``).

Two applications in this process: one started with a register in which the SIP3MI of the
samples' P3MI is revoked (and a TW company is licensed), one without any licence data.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from tests.licences import REVOKED_SIP3MI, SIP3MI
from tests.server.conftest import serving
from typer.testing import CliRunner

from pmi_workflow._version import __version__
from pmi_workflow.cli.app import app as cli
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.rules.registry import FileLicenceRegistry, LicenceFact, LicenceKind
from pmi_workflow.server import ServerSettings, create_app, parse_keys
from pmi_workflow.server.app import Health
from pmi_workflow.testing import make_case
from pmi_workflow.workflow import Workflow

pytestmark = pytest.mark.server

NIK = "3603121505950002"
NAME = "Budi Santoso"
BAD_ENTRY = {"kind": "sip3mi", "number": NIK, "holder": NAME, "status": NAME, "checked_at": NIK}
"""A register entry with personal data where it does not belong: never repeated."""
KEY = "bp3mi-key-registry-0123456789"
IMMIGRATION_KEY = "immigration-key-registry-0123"
KEYS_TOML = f"""
[keys.bp3mi-test]
role = "bp3mi"
key = "{KEY}"

[keys.imigrasi-test]
role = "immigration"
key = "{IMMIGRATION_KEY}"
"""
AS_OF = {"as_of": "2024-06-01"}

REGISTER: dict[str, Any] = {
    "licences": [
        REVOKED_SIP3MI,
        {
            "kind": "sip3mi",
            "number": "B.5/77/PK.02/2022",
            "holder": "PT Cahaya Karya Abadi",
            "issued_on": "2022-01-03",
            "checked_at": "2024-05-02T09:00:00+07:00",
            "source": "Daftar P3MI BP3MI Banten",
        },
        {
            "kind": "sip2mi",
            "number": "KEP.12/SIP2MI/2024",
            "holder": "PT Cahaya Karya Abadi",
            "destination": "TW",
            "occupations": ["factory_operator"],
            "issued_on": "2024-01-08",
            "valid_until": "2025-01-07",
            "checked_at": "2024-05-02T09:00:00+07:00",
            "source": "Daftar SIP2MI BP3MI Banten",
        },
    ]
}
"""The samples' SIP3MI revoked since 2 January 2024; PT Cahaya Karya Abadi licensed for TW."""


def _offer(company: str, licence: str | None = None, permit: str | None = None) -> dict[str, Any]:
    recruiter: dict[str, Any] = {"kind": "company", "company_name": company}
    if licence:
        recruiter["licence_number"] = licence
    if permit:
        recruiter["permit_number"] = permit
    return {
        "destination": "TW",
        "job": "factory_operator",
        "employer_kind": "legal_entity",
        "recruiter": recruiter,
        "visa": "work",
        "applicant": {"age": 24, "sex": "female", "marital_status": "single"},
        "departure_point": "Bandara Soekarno-Hatta, Tangerang",
        "included": {"training": True, "medical_check": True, "opp": True, "social_security": True},
        "passport_kept_by": "worker",
        "salary": {"monthly_amount": 27470, "currency": "TWD"},
    }


LICENSED_OFFER = _offer("PT Cahaya Karya Abadi", "B.5/77/PK.02/2022", "KEP.12/SIP2MI/2024")
UNKNOWN_OFFER = _offer("PT Maju Jaya Abadi")


def _settings(directory: Path, registry: Path | None) -> ServerSettings:
    keys = parse_keys(tomllib.loads(KEYS_TOML))
    return ServerSettings(store=str(directory / "cases.db"), keys=keys, registry=registry)


def _client(application: Any, key: str = KEY) -> TestClient:
    return TestClient(
        application, headers={"Authorization": f"Bearer {key}"}, raise_server_exceptions=False
    )


@pytest.fixture(scope="module")
def register_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("register") / "izin.json"
    path.write_text(json.dumps(REGISTER), "utf-8")
    return path


@pytest.fixture
def clients(tmp_path: Path, register_file: Path) -> Iterator[dict[str, TestClient]]:
    """``checked``: a server with the register; ``plain``: one without licence data."""
    (tmp_path / "checked").mkdir()
    (tmp_path / "plain").mkdir()
    checked = create_app(_settings(tmp_path / "checked", register_file))
    plain = create_app(_settings(tmp_path / "plain", None))
    with _client(checked) as with_register, _client(plain) as without:
        yield {"checked": with_register, "plain": without}


def _licence_codes(findings: list[dict[str, Any]]) -> list[str]:
    return [f["code"] for f in findings if f["code"].startswith("executor.licence")]


# -- judging cases ----------------------------------------------------------------------------


@pytest.mark.parametrize("route", ["/v1/validate", "/v1/audit"])
def test_a_case_whose_sip3mi_the_register_revoked_is_non_procedural_only_with_the_register(
    clients: dict[str, TestClient], route: str
) -> None:
    case = make_case("p2p").to_dict()
    plain = clients["plain"].post(route, params=AS_OF, json=case)
    assert plain.status_code == 200, plain.text
    assert plain.json()["verdict"] == "procedural"
    checked = clients["checked"].post(route, params=AS_OF, json=case)
    assert checked.status_code == 200, checked.text
    body = checked.json()
    assert body["verdict"] == "non_procedural"
    [finding, *_] = [f for f in body["findings"] if f["code"] == "executor.licence_invalid"]
    assert finding["severity"] == "error"
    assert finding["compared"] == {"licence": "SIP3MI", "number": SIP3MI, "reason": "revoked"}


@pytest.mark.parametrize("job", ["validate", "audit"])
def test_a_batch_is_judged_with_the_register(clients: dict[str, TestClient], job: str) -> None:
    lines = "\n".join(make_case(scheme).to_json() for scheme in ("p2p", "g2g")) + "\n"
    statuses = {}
    for name, client in clients.items():
        response = client.post(
            f"/v1/batch/{job}",
            params=AS_OF,
            content=lines,
            headers={"Content-Type": "application/x-ndjson"},
        )
        assert response.status_code == 200, response.text
        statuses[name] = [json.loads(line)["status"] for line in response.text.splitlines()]
    assert statuses == {
        "plain": ["procedural", "procedural"],
        "checked": ["non_procedural", "procedural"],
    }


def test_a_stored_case_is_audited_with_the_register(clients: dict[str, TestClient]) -> None:
    case = make_case("p2p")
    verdicts = {}
    for name, client in clients.items():
        assert client.post("/v1/cases", json=case.to_dict()).status_code == 201
        response = client.get(f"/v1/cases/{case.case_id}/audit", params=AS_OF)
        assert response.status_code == 200, response.text
        verdicts[name] = (response.json()["verdict"], _licence_codes(response.json()["findings"]))
    assert verdicts == {
        "plain": ("procedural", []),
        "checked": ("non_procedural", ["executor.licence_invalid"]),
    }


def test_departure_is_refused_when_the_register_revoked_the_sip3mi(
    clients: dict[str, TestClient], tmp_path: Path, register_file: Path
) -> None:
    case = make_case("p2p", step="opp_completed")
    step = {"step": "departed", "at": "2024-05-20T09:00:00+07:00"}
    outcomes = {}
    for name, registry in (("plain", None), ("checked", register_file)):
        directory = tmp_path / f"record-{name}"
        directory.mkdir()
        with _client(create_app(_settings(directory, registry)), IMMIGRATION_KEY) as client:
            assert client.post("/v1/cases", json=case.to_dict()).status_code == 201
            response = client.post(
                f"/v1/cases/{case.case_id}/steps", json=step, headers={"If-Match": '"11"'}
            )
        body = response.json()
        outcomes[name] = (response.status_code, _licence_codes(body.get("findings", [])))
    assert outcomes == {"plain": (201, []), "checked": (422, ["executor.licence_invalid"])}


# -- screening offers -------------------------------------------------------------------------


def test_screening_says_a_company_the_register_licenses_is_licensed(
    clients: dict[str, TestClient],
) -> None:
    on = {"on": "2024-05-06"}
    checked = clients["checked"].post("/v1/screen", params=on, json=LICENSED_OFFER)
    assert checked.status_code == 200, checked.text
    assert (checked.json()["verdict"], checked.json()["codes"]) == ("no_flags", [])
    plain = clients["plain"].post("/v1/screen", params=on, json=LICENSED_OFFER)
    assert plain.json()["codes"] == ["offer.company_unknown"]
    assert plain.json()["flags"][0]["compared"]["reason"] == "no_registry"


def test_screening_says_a_company_the_register_does_not_know_is_unknown(
    clients: dict[str, TestClient],
) -> None:
    response = clients["checked"].post(
        "/v1/screen", params={"on": "2024-05-06"}, json=UNKNOWN_OFFER
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["verdict"], body["codes"]) == ("cautions", ["offer.company_unknown"])
    assert body["flags"][0]["compared"]["reason"] == "not_in_registry"


def test_screening_says_a_company_whose_sip3mi_the_register_revoked_is_not_licensed(
    clients: dict[str, TestClient],
) -> None:
    offer = _offer("PT Sentosa Karya Mandiri", SIP3MI)
    body = clients["checked"].post("/v1/screen", params={"on": "2024-05-06"}, json=offer).json()
    assert body["verdict"] == "red_flags"
    [flag] = [f for f in body["flags"] if f["code"] == "executor.licence_invalid"]
    assert flag["compared"]["reason"] == "revoked"


# -- health ---------------------------------------------------------------------------------------


def _health(client: TestClient) -> dict[str, Any]:
    """``/v1/health`` of the client's application, asked without a key."""
    response = TestClient(client.app).get("/v1/health")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_health_says_without_a_key_how_many_licences_are_loaded_how_fresh_and_which(
    clients: dict[str, TestClient],
) -> None:
    assert _health(clients["checked"])["registry"] == {
        "loaded": True,
        "licences": 3,
        "last_checked_on": "2024-05-30",
        "fingerprint": FileLicenceRegistry.from_data(REGISTER).fingerprint(),
    }


def test_health_says_when_no_licence_data_is_loaded(clients: dict[str, TestClient]) -> None:
    assert _health(clients["plain"]) == {
        "status": "ok",
        "version": __version__,
        "registry": {
            "loaded": False,
            "licences": None,
            "last_checked_on": None,
            "fingerprint": None,
        },
    }


def test_health_shows_neither_the_register_file_nor_what_is_in_it(
    clients: dict[str, TestClient], register_file: Path
) -> None:
    text = TestClient(clients["checked"].app).get("/v1/health").text
    shown = [str(register_file), register_file.name, register_file.parent.name, "izin"]
    for entry in REGISTER["licences"]:
        shown += [entry["number"], entry["holder"], entry["source"]]
    assert [value for value in shown if value in text] == []


class _Lookup:
    def lookup(self, kind: LicenceKind, number: str) -> LicenceFact | None:
        return None


def test_health_says_only_loaded_for_licence_data_given_in_code(tmp_path: Path) -> None:
    application = create_app(_settings(tmp_path, None), workflow=Workflow(registry=_Lookup()))
    with _client(application) as client:
        assert _health(client)["registry"] == {
            "loaded": True,
            "licences": None,
            "last_checked_on": None,
            "fingerprint": None,
        }


def test_the_openapi_document_describes_health_with_an_example(
    clients: dict[str, TestClient],
) -> None:
    document = clients["plain"].get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert "licence data" in document["paths"]["/v1/health"]["get"]["description"]
    assert schemas["Health"]["properties"]["registry"] == {
        "$ref": "#/components/schemas/RegistryStatus"
    }
    assert set(schemas["RegistryStatus"]["required"]) == {
        "loaded", "licences", "last_checked_on", "fingerprint"
    }  # fmt: skip
    [example] = schemas["Health"]["examples"]
    assert Health.model_validate(example).registry.loaded


def test_serve_logs_the_licence_data_it_loaded_once_its_logging_is_set(
    tmp_path: Path, register_file: Path
) -> None:
    with serving(tmp_path, "--registry", str(register_file)) as running:
        registry = httpx.get(f"{running.url}/v1/health", timeout=10).json()["registry"]
        log = running.log.read_text(errors="replace")
    assert registry["licences"] == 3
    assert (
        f"licence data: 3 licences, newest check 2024-05-30, "
        f"fingerprint {registry['fingerprint']}, from {register_file}"
    ) in log
    assert "no licence data" not in log


# -- start-up -----------------------------------------------------------------------------------


def test_the_openapi_document_says_where_licences_are_checked(
    clients: dict[str, TestClient],
) -> None:
    document = clients["plain"].get("/openapi.json").json()
    assert "--registry" in document["info"]["description"]
    assert "licence data" in document["paths"]["/v1/screen"]["post"]["description"]


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"licences": [BAD_ENTRY]}),
        "[]",
    ],
    ids=["broken-json", "bad-entry", "no-table"],
)
def test_a_bad_register_stops_the_application_naming_the_file_without_its_values(
    tmp_path: Path, content: str
) -> None:
    register = tmp_path / "izin.json"
    register.write_text(content, "utf-8")
    with pytest.raises(InvalidInputError) as raised:
        create_app(_settings(tmp_path, register))
    assert "izin.json" in str(raised.value)
    assert NIK not in str(raised.value)
    assert "Budi" not in str(raised.value)


def test_a_workflow_and_a_register_are_not_given_together(
    tmp_path: Path, register_file: Path
) -> None:
    with pytest.raises(ValueError, match="not both"):
        create_app(_settings(tmp_path, register_file), workflow=Workflow())


def test_serve_registry_hands_uvicorn_an_application_that_checks_licences(
    tmp_path: Path, register_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **_: started.append(application))
    keys = tmp_path / "keys.toml"
    keys.write_text(KEYS_TOML, "utf-8")
    result = CliRunner().invoke(
        cli,
        ["serve", "--store", str(tmp_path / "cases.db"), "--keys", str(keys),
         "--registry", str(register_file)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with _client(started[0]) as client:
        body = client.post("/v1/validate", params=AS_OF, json=make_case("p2p").to_dict()).json()
    assert body["verdict"] == "non_procedural"


def test_the_register_can_come_from_the_environment_like_the_other_settings(
    tmp_path: Path, register_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **_: started.append(application))
    keys = tmp_path / "keys.toml"
    keys.write_text(KEYS_TOML, "utf-8")
    result = CliRunner().invoke(
        cli,
        ["serve", "--keys", str(keys)],
        env={"PMI_WORKFLOW_STORE": str(tmp_path / "cases.db"),
             "PMI_WORKFLOW_REGISTRY": str(register_file)},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with _client(started[0]) as client:
        body = client.post("/v1/screen", params={"on": "2024-05-06"}, json=LICENSED_OFFER).json()
    assert body["verdict"] == "no_flags"


def test_serve_with_a_bad_register_exits_two_before_listening_with_no_traceback(
    tmp_path: Path,
) -> None:
    register = tmp_path / "izin.json"
    register.write_text(json.dumps({"licences": [{**BAD_ENTRY, "source": NAME}]}), "utf-8")
    process = subprocess.run(
        [sys.executable, "-m", "pmi_workflow", "serve", "--store", str(tmp_path / "cases.db"),
         "--port", "0", "--registry", str(register)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert process.returncode == 2
    assert "izin.json" in process.stderr
    assert "licences.0.status" in process.stderr
    assert "Traceback" not in process.stderr
    assert NIK not in process.stderr + process.stdout
    assert "Budi" not in process.stderr + process.stdout
    assert "Uvicorn running" not in process.stderr
