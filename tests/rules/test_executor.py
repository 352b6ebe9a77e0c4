"""Executor: individual recruiters, SIP3MI, SIP2MI, job orders, and registry evidence."""

from __future__ import annotations

import datetime
from typing import Any

from pmi_workflow.domain import parse_case
from pmi_workflow.findings import Severity
from pmi_workflow.policy import Policy
from pmi_workflow.rules.executor import check_executor
from pmi_workflow.rules.registry import FileLicenceRegistry
from pmi_workflow.samples import procedural_case_data

from .variants import edit

SELECTION = datetime.date(2024, 2, 1)
VIEW = Policy.default().as_of(SELECTION)
SIP3MI = "B.5/1234/PK.02/2021"


def registry(**fields: Any) -> FileLicenceRegistry:
    fact = {
        "kind": "sip3mi",
        "number": SIP3MI,
        "issued_on": "2021-03-01",
        "valid_until": "2026-03-01",
        "checked_at": "2024-01-25T08:00:00+07:00",
        "source": "SIP3MI register",
        **fields,
    }
    return FileLicenceRegistry.from_data({"licences": [fact]})


def codes(found: tuple[Any, ...]) -> list[tuple[str, str]]:
    return [(f.code, f.severity.value) for f in found]


def test_a_licensed_p3mi_with_a_sip2mi_passes() -> None:
    case = parse_case(procedural_case_data("p2p"))
    assert check_executor(case, SELECTION, VIEW) == ()
    assert check_executor(case, SELECTION, VIEW, registry=registry()) == ()


def test_a_revocation_in_the_registry_prevails_over_the_case_data() -> None:
    case = parse_case(procedural_case_data("p2p"))
    found = check_executor(
        case, SELECTION, VIEW, registry=registry(status="revoked", revoked_on="2024-01-10")
    )
    assert codes(found) == [("executor.licence_invalid", "error")]
    assert dict(found[0].compared)["reason"] == "revoked"


def test_a_licence_unknown_to_the_registry_is_a_warning() -> None:
    case = parse_case(procedural_case_data("p2p"))
    empty = FileLicenceRegistry([])
    found = check_executor(case, SELECTION, VIEW, registry=empty)
    assert codes(found) == [("executor.licence_invalid", "warning")]


def test_a_sip3mi_the_registry_gives_to_another_company_is_invalid() -> None:
    data = procedural_case_data("p2p")
    data["executor"]["name"] = "PT Maju Jaya Palsu"
    found = check_executor(
        parse_case(data), SELECTION, VIEW, registry=registry(holder="PT Sentosa Karya Mandiri")
    )
    assert codes(found) == [("executor.licence_invalid", "error")]
    compared = dict(found[0].compared)
    assert (compared["reason"], compared["holder"]) == ("other_holder", "PT Sentosa Karya Mandiri")
    assert found[0].certainty == "confirmed"
    assert "milik perusahaan lain" in found[0].message_id


def test_the_executors_name_matches_the_holder_without_case_or_the_pt_form() -> None:
    data = procedural_case_data("p2p")
    data["executor"]["name"] = "P.T. SENTOSA  karya mandiri"
    found = check_executor(
        parse_case(data), SELECTION, VIEW, registry=registry(holder="PT Sentosa Karya Mandiri")
    )
    assert found == ()


def test_a_sip2mi_the_registry_gives_to_another_company_is_no_sip2mi() -> None:
    data = procedural_case_data("p2p")
    permit = {
        "kind": "sip2mi",
        "number": data["job_order"]["sip2mi"]["number"],
        "holder": "PT Lain Sekali",
        "destination": data["destination"],
        "issued_on": "2023-11-01",
        "valid_until": "2025-11-01",
        "checked_at": "2024-01-25T08:00:00+07:00",
        "source": "SIP2MI register",
    }
    both = FileLicenceRegistry.from_data(
        {"licences": [permit, {**permit, "kind": "sip3mi", "number": SIP3MI, "holder": None}]}
    )
    found = check_executor(parse_case(data), SELECTION, VIEW, registry=both)
    assert codes(found) == [("executor.recruitment_permit_missing", "error")]
    assert dict(found[0].compared)["reason"] == "other_holder"


def test_fresh_evidence_is_not_stale_and_old_evidence_is() -> None:
    case = parse_case(procedural_case_data("p2p"))
    assert check_executor(case, SELECTION, VIEW, registry=registry()) == ()
    old = registry(checked_at="2023-12-01T08:00:00+07:00")
    assert codes(check_executor(case, SELECTION, VIEW, registry=old)) == [
        ("executor.licence_evidence_stale", "warning")
    ]


def test_a_sip3mi_without_an_end_date_is_valid_for_the_policy_years() -> None:
    def open_ended(data: dict[str, Any]) -> None:
        data["executor"]["sip3mi"] = {"number": SIP3MI, "issued_on": "2018-01-01"}

    case = edit("p2p", open_ended)
    (finding,) = check_executor(case, SELECTION, VIEW)
    assert dict(finding.compared)["reason"] == "expired"
    day = datetime.date(2022, 12, 31)
    found = check_executor(case, day, Policy.default().as_of(day))
    assert "executor.licence_invalid" not in {f.code for f in found}


def test_a_p3mi_without_sip3mi_is_invalid() -> None:
    case = edit("p2p", lambda d: d["executor"].pop("sip3mi"))
    found = check_executor(case, SELECTION, VIEW)
    assert dict(found[0].compared)["reason"] == "missing"


def test_a_sip2mi_not_yet_issued_counts_as_missing() -> None:
    case = parse_case(procedural_case_data("p2p"))
    day = datetime.date(2023, 10, 25)
    assert codes(check_executor(case, day, Policy.default().as_of(day))) == [
        ("executor.recruitment_permit_missing", "error")
    ]


def test_government_and_ukps_placements_need_no_sip2mi() -> None:
    for scheme in ("g2g", "ukps"):
        case = parse_case(procedural_case_data(scheme))
        assert check_executor(case, SELECTION, VIEW) == ()


def test_an_expired_ukps_permit_is_invalid() -> None:
    case = edit("ukps", lambda d: d["executor"]["permit"].update(valid_until="2024-01-01"))
    assert codes(check_executor(case, SELECTION, VIEW)) == [("executor.licence_invalid", "error")]


def test_perseorangan_and_re_entry_need_no_job_order() -> None:
    for scheme in ("perseorangan", "re_entry"):
        assert check_executor(parse_case(procedural_case_data(scheme)), SELECTION, VIEW) == ()


def test_stale_evidence_is_a_warning_never_an_error() -> None:
    case = parse_case(procedural_case_data("p2p"))
    old = registry(checked_at="2020-01-01T08:00:00+07:00")
    assert all(
        f.severity is Severity.WARNING for f in check_executor(case, SELECTION, VIEW, registry=old)
    )


def test_at_departure_only_the_executor_licence_is_checked() -> None:
    case = edit("p2p", lambda d: d["job_order"]["sip2mi"].update(valid_until="2024-03-01"))
    departure = datetime.date(2024, 5, 20)
    view = Policy.default().as_of(departure)
    assert check_executor(case, departure, view, job_order=False) == ()
    assert codes(check_executor(case, departure, view)) == [
        ("executor.recruitment_permit_missing", "error")
    ]
