"""The HTTP API, talked to over real HTTP: a uvicorn server on a local port."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import httpx
import pytest
from tests.server.conftest import MAX_BODY, Server

from pmi_workflow.testing import make_case

pytestmark = pytest.mark.server

PROBLEM = "application/problem+json"
AS_OF = {"as_of": "2024-06-01"}
NIK = "3603121505950002"


def _new_case(step: str = "employment_contract_signed") -> dict[str, Any]:
    """A procedural P2P case at ``step``, under a fresh id."""
    case_id = f"CASE-HTTP-{uuid.uuid4().hex[:12]}"
    return make_case("p2p", step=step, case_id=case_id).to_dict()


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://pmi-workflow.org/problems/")
    assert NIK not in response.text
    return body


def test_health_and_the_openapi_document_are_anonymous(server: Server) -> None:
    with server.client(None) as client:
        assert client.get("/v1/health").json()["status"] == "ok"
        document = client.get("/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert "/v1/cases/{case_id}/steps" in document["paths"]
    assert "Case" in document["components"]["schemas"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/v1/validate"),
        ("POST", "/v1/cases"),
        ("GET", "/v1/cases/CASE-1"),
        ("GET", "/v1/rules"),
        ("GET", "/v1/policy"),
        ("GET", "/v1/schemes/p2p/diagram"),
    ],
)
def test_every_other_route_needs_a_key(server: Server, method: str, path: str) -> None:
    with server.client(None) as client:
        response = client.request(method, path, json={})
    body = _problem(response, 401)
    assert body["type"].endswith("/unauthenticated")
    assert response.headers["www-authenticate"] == "Bearer"


def test_an_unknown_key_is_refused(server: Server) -> None:
    with server.client(headers={"X-API-Key": "not-a-key"}) as client:
        _problem(client.get("/v1/rules"), 401)


def test_a_key_in_the_api_key_header_is_accepted(server: Server) -> None:
    from tests.server.conftest import KEYS

    with server.client(headers={"X-API-Key": KEYS["bpjs"]}) as client:
        assert client.get("/v1/rules").status_code == 200


def test_validating_a_case_returns_its_verdict_and_findings(server: Server) -> None:
    with server.client() as client:
        response = client.post("/v1/validate", params=AS_OF, json=_new_case("departed"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["verdict"] == "procedural"
    assert body["as_of"] == "2024-06-01"


def test_auditing_a_case_reports_the_state_reached(server: Server) -> None:
    data = make_case("p2p", drop_steps=("opp_completed",)).to_dict()
    with server.client() as client:
        response = client.post("/v1/audit", params=AS_OF, json=data)
    body = response.json()
    assert body["verdict"] == "non_procedural"
    assert "procedure.step_missing" in {finding["code"] for finding in body["findings"]}
    assert body["events_judged"] > 0


def test_an_invalid_record_gets_field_paths_and_no_echo_of_the_input(server: Server) -> None:
    data = _new_case()
    data["applicant"]["nik"] = "3603121505950"  # 13 digits
    data["applicant"]["birth_date"] = "1995-02-30"
    with server.client() as client:
        response = client.post("/v1/validate", json=data)
    body = _problem(response, 422)
    wheres = {error["where"] for error in body["errors"]}
    assert {"applicant.nik", "applicant.birth_date"} <= wheres
    assert "/applicant/nik" in {error["pointer"] for error in body["errors"]}
    assert "3603121505950" not in response.text
    assert "1995-02-30" not in response.text


def test_a_bad_query_parameter_is_a_problem_without_the_value(server: Server) -> None:
    with server.client() as client:
        response = client.get("/v1/policy", params={"on": "3603121505950002"})
    body = _problem(response, 422)
    assert body["errors"][0]["where"] == "query.on"
    assert "input" not in json.dumps(body["errors"])


_OFFER = {"destination": "SA", "job": "housekeeper"}


def test_every_route_takes_the_day_as_as_of_and_on_as_its_alias(server: Server) -> None:
    day = {"as_of": "2024-05-06"}
    alias = {"on": "2024-05-06"}
    with server.client() as client:
        assert client.post("/v1/screen", params=day, json=_OFFER).json()["on"] == "2024-05-06"
        assert client.get("/v1/policy", params=day).json()["on"] == "2024-05-06"
        assert client.get("/v1/schemes/p2p/diagram", params=day).json()["on"] == "2024-05-06"
        judged = client.post("/v1/validate", params=alias, json=_new_case())
        assert judged.json()["as_of"] == "2024-05-06"
        policy = client.get("/v1/policy", params=day).json()["version"]
        assert client.get("/v1/policy", params=alias).json()["version"] == policy


@pytest.mark.parametrize(
    ("method", "path", "query"),
    [
        ("POST", "/v1/screen", "asof=2024-05-06"),
        ("POST", "/v1/validate", "day=2024-05-06"),
        ("POST", "/v1/batch/audit", "date=2024-05-06"),
        ("GET", "/v1/cases/CASE-1/audit", "on_day=2024-05-06"),
        ("GET", "/v1/cases/CASE-1", "reveal=false&as_of=2024-05-06"),
        ("GET", "/v1/rules", "lang=id"),
    ],
)
def test_an_unknown_query_parameter_is_refused_rather_than_ignored(
    server: Server, method: str, path: str, query: str
) -> None:
    name = query.rpartition("&")[2].partition("=")[0]
    with server.client() as client:
        response = client.request(method, f"{path}?{query}", json=_OFFER)
    (error,) = _problem(response, 422)["errors"]
    assert (error["pointer"], error["kind"]) == (f"/query/{name}", "extra_forbidden")
    assert "2024-05-06" not in response.text


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("as_of=2024-06-01&as_of=2020-01-01", "as_of"),
        ("on=2024-06-01&on=2020-01-01", "on"),
        ("as_of=2024-06-01&on=2024-06-01", "on"),
    ],
)
def test_the_day_given_twice_is_refused(server: Server, query: str, name: str) -> None:
    with server.client() as client:
        response = client.post(f"/v1/validate?{query}", json=_new_case())
    (error,) = _problem(response, 422)["errors"]
    assert (error["pointer"], error["kind"]) == (f"/query/{name}", "repeated")


def test_a_body_that_is_not_json_is_refused(server: Server) -> None:
    with server.client() as client:
        response = client.post("/v1/validate", content=b"{not json")
    assert _problem(response, 422)["errors"][0]["kind"] == "json"


def test_a_step_body_that_is_not_text_is_an_invalid_request(server: Server) -> None:
    with server.client("bp3mi") as client:
        response = client.post(
            "/v1/cases/CASE-X/steps",
            content=b"\x07\xff",
            headers={"If-Match": '"1"', "Content-Type": "application/json"},
        )
    assert _problem(response, 422)["errors"][0]["kind"] == "encoding"  # as every other body


_FORM = {"Content-Type": "application/x-www-form-urlencoded"}  # curl --data's own type


def test_a_step_is_read_as_json_whatever_the_content_type_as_every_other_body(
    server: Server,
) -> None:
    data = make_case("p2p", step="opp_completed", case_id=f"CASE-FORM-{uuid.uuid4().hex[:8]}")
    case = data.to_dict()
    step = {"step": "departed", "at": "2024-05-20T09:00:00+07:00"}
    with server.client("bp3mi") as client:
        assert client.post("/v1/cases", content=json.dumps(case), headers=_FORM).status_code == 201
        version = len(case["history"])
        recorded = client.post(
            f"/v1/cases/{data.case_id}/steps",
            content=json.dumps(step),
            headers={**_FORM, "If-Match": f'"{version}"'},
        )
        assert recorded.status_code == 201, recorded.text
        assert recorded.json()["state"] == "departed"
        twice = client.post(
            f"/v1/cases/{data.case_id}/steps",
            content=b'{"step": "departed", "step": "started_work"}',
            headers={**_FORM, "If-Match": f'"{version + 1}"'},
        )
    (error,) = _problem(twice, 422)["errors"]
    assert (error["where"], error["kind"]) == ("step", "duplicate_key")


@pytest.mark.parametrize("suffix", ["/audit", "/steps", "/documents", "/..", "/./x", "/../x"])
def test_a_case_id_its_address_would_route_elsewhere_is_refused_when_stored(
    server: Server, suffix: str
) -> None:
    data = _new_case()
    data["case_id"] += suffix
    for event in data["history"]:
        event["case_id"] = data["case_id"]
    with server.client("bp3mi") as client:
        response = client.post("/v1/cases", json=data)
        (error,) = _problem(response, 422)["errors"]
        assert (error["where"], error["kind"]) == ("case_id", "case_id.route")
        assert "/audit, /steps or /documents" in error["message"]
        plain = data["case_id"].removesuffix(suffix)
        assert _problem(client.get(f"/v1/cases/{plain}"), 404)


def test_a_case_id_with_slashes_that_names_no_route_is_stored_and_read(server: Server) -> None:
    data = _new_case()
    data["case_id"] = case_id = f"B.{uuid.uuid4().hex[:6]}/PPTKLN/audits"
    for event in data["history"]:
        event["case_id"] = case_id
    with server.client("bp3mi") as client:
        assert client.post("/v1/cases", json=data).status_code == 201
        assert client.get(f"/v1/cases/{case_id}").json()["case_id"] == case_id


def test_a_body_over_the_size_limit_is_refused(server: Server) -> None:
    with server.client() as client:
        response = client.post("/v1/validate", content=b" " * (MAX_BODY + 1))
    assert _problem(response, 413)["type"].endswith("/body-too-large")


def test_a_body_nested_too_deeply_is_refused(server: Server) -> None:
    deep: Any = 1
    for _ in range(40):
        deep = {"a": deep}
    with server.client() as client:
        response = client.post("/v1/validate", json=deep)
    assert _problem(response, 422)["errors"][0]["kind"] == "too_deep"


def test_batch_validation_streams_one_result_per_line(server: Server) -> None:
    records = [_new_case("departed"), {"case_id": "broken"}, _new_case("selected")]
    body = "\n".join(json.dumps(record) for record in records).encode() + b"\n\n{"
    with server.client() as client:
        response = client.post(
            "/v1/batch/validate",
            params=AS_OF,
            content=body,
            headers={"content-type": "application/x-ndjson"},
        )
    assert response.headers["content-type"].startswith("application/x-ndjson")
    results = [json.loads(line) for line in response.text.splitlines()]
    assert [result["line"] for result in results] == [1, 2, 3, 5]
    assert [result["status"] for result in results] == [
        "procedural",
        "invalid",
        "procedural",
        "invalid",
    ]
    assert results[1]["problems"][0]["pointer"].startswith("/")


def test_batch_audit_judges_each_history(server: Server) -> None:
    data = make_case("p2p", drop_steps=("opp_completed",)).to_dict()
    with server.client() as client:
        response = client.post("/v1/batch/audit", params=AS_OF, content=json.dumps(data))
    (result,) = [json.loads(line) for line in response.text.splitlines()]
    assert result["status"] == "non_procedural"
    assert result["state"] == "reintegrated" or result["events_judged"] > 0


def test_a_case_is_created_added_to_and_moved_on_with_versions(server: Server) -> None:
    data = _new_case()
    case_id = data["case_id"]
    with server.client("bp3mi") as client:
        created = client.post("/v1/cases", json=data)
        assert created.status_code == 201, created.text
        assert created.headers["etag"] == '"10"'
        assert created.headers["location"] == f"/v1/cases/{case_id}"
        retried = client.post("/v1/cases", json=data)  # the same creation again: acknowledged
        assert (retried.status_code, retried.json()["version"]) == (201, 10)
        other = {**data, "destination": "SG"}
        assert _problem(client.post("/v1/cases", json=other), 409)["type"].endswith("/case-exists")

        document = {"type": "opp_certificate", "id": "opp-1", "issued_on": "2024-05-10"}
        added = client.post(
            f"/v1/cases/{case_id}/documents", json=document, headers={"If-Match": '"10"'}
        )
        assert added.status_code == 201, added.text
        assert added.json()["document_id"] == "opp-1"

        step = {"step": "opp_completed", "at": "2024-05-10T09:00:00+07:00", "evidence": ["opp-1"]}
        recorded = client.post(
            f"/v1/cases/{case_id}/steps", json=step, headers={"If-Match": '"10"'}
        )
        assert recorded.status_code == 201, recorded.text
        assert recorded.headers["etag"] == '"11"'
        body = recorded.json()
        assert (body["version"], body["state"]) == (11, "opp_completed")
        assert body["event"]["role"] == "bp3mi"

        stale = client.post(f"/v1/cases/{case_id}/steps", json=step, headers={"If-Match": '"10"'})
        conflict = _problem(stale, 409)
        assert (conflict["expected_version"], conflict["current_version"]) == (10, 11)
        assert stale.headers["etag"] == '"11"'

        shown = client.get(f"/v1/cases/{case_id}")
        assert shown.json()["version"] == 11
        assert shown.headers["etag"] == '"11"'


def test_recording_without_if_match_is_refused(server: Server) -> None:
    data = _new_case()
    with server.client("bp3mi") as client:
        client.post("/v1/cases", json=data)
        response = client.post(f"/v1/cases/{data['case_id']}/steps", json={"step": "departed"})
        _problem(response, 428)
        response = client.post(
            f"/v1/cases/{data['case_id']}/steps",
            json={"step": "departed"},
            headers={"If-Match": "yesterday"},
        )
        assert _problem(response, 422)["errors"][0]["where"] == "header.if-match"


def test_a_refused_step_answers_422_with_its_findings(server: Server) -> None:
    data = _new_case()
    with server.client("bp3mi") as client:
        client.post("/v1/cases", json=data)
        response = client.post(
            f"/v1/cases/{data['case_id']}/steps",
            json={"step": "departed", "at": "2024-05-20T09:00:00+07:00"},
            headers={"If-Match": '"10"'},
        )
        body = _problem(response, 422)
        assert "procedure.step_missing" in {finding["code"] for finding in body["findings"]}
        assert client.get(f"/v1/cases/{data['case_id']}").json()["version"] == 10


def test_a_disnaker_key_cannot_record_a_bpjs_step(server: Server) -> None:
    data = _new_case("selected")
    version = len(data["history"])
    with server.client("disnaker") as client:
        client.post("/v1/cases", json=data)
        response = client.post(
            f"/v1/cases/{data['case_id']}/steps",
            json={"step": "social_security_enrolled", "at": "2024-03-01T09:00:00+07:00"},
            headers={"If-Match": f'"{version}"'},
        )
    body = _problem(response, 403)
    assert body["type"].endswith("/actor-not-authorized")
    assert [finding["code"] for finding in body["findings"]] == ["procedure.actor_not_authorized"]


def test_a_stored_case_is_masked_unless_a_revealing_key_asks(server: Server) -> None:
    data = _new_case()
    with server.client("disnaker") as client:
        client.post("/v1/cases", json=data)
        masked = client.get(f"/v1/cases/{data['case_id']}")
        assert NIK not in masked.text
        assert "Budi Santoso" not in masked.text
        assert masked.json()["case"]["applicant"]["nik"] == "3603**********02"
        _problem(client.get(f"/v1/cases/{data['case_id']}", params={"reveal": "true"}), 403)
    with server.client("bp3mi") as client:
        revealed = client.get(f"/v1/cases/{data['case_id']}", params={"reveal": "true"})
    assert revealed.json()["case"]["applicant"]["nik"] == NIK


def test_a_case_keyed_by_nik_never_shows_the_nik(server: Server) -> None:
    data = make_case("p2p", step="selected", case_id="3603121505950002").to_dict()
    with server.client() as client:
        created = client.post("/v1/cases", json=data)
        assert created.status_code in (201, 409)
        assert NIK not in created.text
        shown = client.get(f"/v1/cases/{NIK}")
        assert NIK not in shown.text
        audit = client.get(f"/v1/cases/{NIK}/audit", params=AS_OF)
        assert audit.status_code == 200
        assert NIK not in audit.text
    assert NIK not in server.log.read_text(errors="replace")


def test_health_and_the_start_up_log_say_the_server_has_no_licence_data(server: Server) -> None:
    with server.client(None) as client:
        assert client.get("/v1/health").json()["registry"]["loaded"] is False
    log = server.log.read_text(errors="replace")
    assert "pmi_workflow.server.app no licence data: " in log
    assert "serve --registry FILE" in log


def test_an_unknown_case_is_not_found(server: Server) -> None:
    with server.client() as client:
        body = _problem(client.get("/v1/cases/CASE-NOT-THERE"), 404)
    assert body["type"].endswith("/case-not-found")


def test_the_rules_one_rule_the_policy_and_a_diagram_are_served(server: Server) -> None:
    with server.client() as client:
        rules = client.get("/v1/rules").json()
        assert "procedure.actor_not_authorized" in {rule["code"] for rule in rules}
        rule = client.get("/v1/rules/documents.missing").json()
        assert rule["severity"] == "error"
        _problem(client.get("/v1/rules/no.such.rule"), 404)
        policy = client.get("/v1/policy", params={"on": "2024-06-01"}).json()
        assert policy["version"]
        assert policy["entries"]
        diagram = client.get("/v1/schemes/g2g/diagram", params={"on": "2024-06-01"}).json()
        assert diagram["mermaid"].startswith("stateDiagram")
        _problem(client.get("/v1/schemes/atlantis/diagram"), 422)


def test_an_unknown_route_is_a_problem(server: Server) -> None:
    with server.client() as client:
        _problem(client.get("/v2/nothing"), 404)


def test_the_access_log_names_requests_with_masked_ids(server: Server) -> None:
    with server.client() as client:
        client.get(f"/v1/cases/{NIK}-X")
    line = "pmi_workflow.server.access GET /v1/cases/3603**********02-X 404"
    deadline = time.monotonic() + 10  # the line is written just after the response is sent
    while line not in (log := server.log.read_text(errors="replace")):
        assert time.monotonic() < deadline, log[-2000:]
        time.sleep(0.05)
    assert NIK not in log


def test_the_access_log_cannot_be_forged_by_a_line_break_in_the_path(server: Server) -> None:
    forged = "2026-12-01 04:00:00,000 INFO pmi_workflow.server.access GET /v1/cases/FORGED 200"
    with server.client(None) as client:  # anonymous: no key is needed to write the log
        client.get("/v1/cases/X%0D%0A" + forged.replace(" ", "%20") + "%0A%1B%5B2J")
    line = f"GET /v1/cases/X\\r\\n{forged}\\n\\x1b[2J 404"  # no route: a path holds no line
    deadline = time.monotonic() + 10
    while line not in (log := server.log.read_text(errors="replace")):
        assert time.monotonic() < deadline, log[-2000:]
        time.sleep(0.05)
    assert not any(text.startswith(forged) for text in log.splitlines())
    assert "\r" not in log
    assert "\x1b" not in log


_TOO_LONG = b'{"case_id": "X", "schema_version": 1' + b"0" * 5000 + b"}"
_TWICE = b'{"case_id": "X", "scheme": "p2p", "scheme": "g2g"}'


@pytest.mark.parametrize(
    ("body", "where", "kind"),
    [(_TOO_LONG, "schema_version", "number_too_long"), (_TWICE, "scheme", "duplicate_key")],
    ids=["too-long-number", "key-twice"],
)
@pytest.mark.parametrize("path", ["/v1/validate", "/v1/audit", "/v1/cases"])
def test_a_too_long_number_or_a_key_twice_is_invalid_input(
    server: Server, path: str, body: bytes, where: str, kind: str
) -> None:
    params = None if path == "/v1/cases" else AS_OF  # storing judges nothing: it takes no day
    with server.client() as client:
        response = client.post(path, params=params, content=body)
    (error,) = _problem(response, 422)["errors"]
    assert (error["where"], error["kind"]) == (where, kind)
    assert "sys." not in response.text


def test_a_batch_answers_a_too_long_number_and_goes_on(server: Server) -> None:
    good = json.dumps(_new_case("selected")).encode()
    with server.client() as client:
        response = client.post(
            "/v1/batch/validate", params=AS_OF, content=b"\n".join([good, _TOO_LONG, good])
        )
    results = [json.loads(line) for line in response.text.splitlines()]
    assert [(result["line"], result["status"]) for result in results] == [
        (1, "procedural"), (2, "invalid"), (3, "procedural"),
    ]  # fmt: skip
    assert results[1]["problems"][0]["kind"] == "number_too_long"


def test_a_batch_line_that_fails_inside_the_server_is_answered_and_the_batch_goes_on(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    if server.app is None:
        pytest.skip("the failure is injected in this process")
    from pmi_workflow.service import CaseService

    judge = CaseService.validate
    calls: list[str] = []

    def failing(self: CaseService, case: Any, **options: Any) -> Any:
        calls.append(case.case_id)
        if len(calls) == 2:
            raise KeyError("boom")
        return judge(self, case, **options)

    monkeypatch.setattr(CaseService, "validate", failing)
    records = [_new_case("selected") for _ in range(3)]
    body = "\n".join(json.dumps(record) for record in records).encode()
    with server.client() as client:
        response = client.post("/v1/batch/validate", params=AS_OF, content=body)
    results = [json.loads(line) for line in response.text.splitlines()]
    assert [(result["line"], result["status"]) for result in results] == [
        (1, "procedural"), (2, "error"), (3, "procedural"),
    ]  # fmt: skip
    assert results[1]["problems"][0]["kind"] == "internal_error"
