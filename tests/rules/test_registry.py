"""The licence registry: file-backed facts with the time they were checked."""

from __future__ import annotations

import datetime
import json
import threading
from pathlib import Path

import pytest

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.rules.registry import (
    FileLicenceRegistry,
    HolderIndex,
    LicenceFact,
    LicenceKind,
    LicenceRegistry,
    company_standing,
    holder_key,
)

FACT = {
    "kind": "sip2mi",
    "number": "KEP.2311/SIP2MI/2023",
    "issued_on": "2023-11-01",
    "valid_until": "2025-11-01",
    "destination": "MY",
    "checked_at": "2024-01-25T08:00:00+07:00",
    "source": "SIP2MI register",
}


def test_a_json_file_is_read_and_looked_up_by_kind_and_number(tmp_path: Path) -> None:
    path = tmp_path / "registry.json"
    path.write_text(json.dumps({"licences": [FACT]}), encoding="utf-8")
    registry = FileLicenceRegistry.from_file(path)
    assert isinstance(registry, LicenceRegistry)
    assert len(registry) == 1
    fact = registry.lookup(LicenceKind.SIP2MI, " kep.2311/sip2mi/2023 ")
    assert fact is not None
    assert fact.destination == "MY"
    assert fact.checked_on == datetime.date(2024, 1, 25)
    assert registry.lookup(LicenceKind.SIP3MI, "KEP.2311/SIP2MI/2023") is None


def test_a_toml_file_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "registry.toml"
    path.write_text(
        "[[licences]]\nkind = 'sip3mi'\nnumber = 'X-1'\nstatus = 'revoked'\n"
        "checked_at = 2024-01-25T08:00:00+07:00\nsource = 'register'\n",
        encoding="utf-8",
    )
    fact = FileLicenceRegistry.from_file(path).lookup(LicenceKind.SIP3MI, "X-1")
    assert fact is not None
    assert not fact.is_valid_on(datetime.date(2024, 1, 1))


def test_the_newest_check_of_a_licence_wins() -> None:
    older = {**FACT, "checked_at": "2023-01-01T00:00:00+07:00", "valid_until": "2023-12-31"}
    registry = FileLicenceRegistry.from_data({"licences": [FACT, older]})
    fact = registry.lookup(LicenceKind.SIP2MI, FACT["number"])
    assert fact is not None
    assert fact.valid_until == datetime.date(2025, 11, 1)


def test_a_bad_entry_names_its_place() -> None:
    with pytest.raises(InvalidInputError) as caught:
        FileLicenceRegistry.from_data({"licences": [FACT, {**FACT, "checked_at": "yesterday"}]})
    assert caught.value.problems[0].where == "licences.1.checked_at"


def test_a_missing_or_broken_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="cannot read the file"):
        FileLicenceRegistry.from_file(tmp_path / "absent.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="not valid JSON"):
        FileLicenceRegistry.from_file(broken)
    with pytest.raises(InvalidInputError, match="'licences' list"):
        FileLicenceRegistry.from_data({"licenses": []})


def test_facts_are_immutable_and_lookups_are_safe_across_threads() -> None:
    registry = FileLicenceRegistry.from_data({"licences": [FACT]})
    fact = registry.lookup(LicenceKind.SIP2MI, FACT["number"])
    assert isinstance(fact, LicenceFact)
    with pytest.raises(ValueError, match="frozen"):
        fact.status = "revoked"  # type: ignore[misc]
    results: list[bool] = []

    def work() -> None:
        results.extend(
            registry.lookup(LicenceKind.SIP2MI, FACT["number"]) is fact for _ in range(500)
        )

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4000
    assert all(results)


def test_a_revoked_licence_is_invalid_from_its_revocation_day() -> None:
    fact = LicenceFact.model_validate({**FACT, "status": "revoked", "revoked_on": "2024-03-01"})
    assert fact.is_valid_on(datetime.date(2024, 2, 29))
    assert not fact.is_valid_on(datetime.date(2024, 3, 1))


# -- companies: licensed, and does the SIP2MI cover the destination and the job? -----------

DAY = datetime.date(2024, 5, 6)
SIP3MI = {
    "kind": "sip3mi",
    "number": "B.5/77/PK.02/2022",
    "holder": "PT Sentosa Karya Mandiri",
    "issued_on": "2022-01-03",
    "valid_until": "2027-01-02",
    "checked_at": "2024-05-02T09:00:00+07:00",
    "source": "SIP3MI register",
}
SIP2MI_TW = {
    "kind": "sip2mi",
    "number": "KEP.12/SIP2MI/2024",
    "holder": "Sentosa Karya Mandiri, PT",
    "destination": "TW",
    "occupations": ["factory_operator", "welder"],
    "issued_on": "2024-01-08",
    "valid_until": "2025-01-07",
    "checked_at": "2024-05-02T09:00:00+07:00",
    "source": "SIP2MI register",
}


def _registry(*facts: dict[str, object]) -> FileLicenceRegistry:
    return FileLicenceRegistry.from_data({"licences": list(facts or (SIP3MI, SIP2MI_TW))})


def test_a_licensed_company_with_a_covering_permit_is_found_by_its_name() -> None:
    standing = company_standing(
        _registry(),
        DAY,
        name="pt. sentosa karya mandiri",
        destination="TW",
        occupation="welder",
    )
    assert standing.known
    assert standing.licensed is True
    assert standing.licence_problem is None
    assert standing.permit is not None
    assert standing.permit.number == "KEP.12/SIP2MI/2024"
    assert standing.permit_covers is True
    assert {fact.kind for fact in standing.facts} == {LicenceKind.SIP3MI, LicenceKind.SIP2MI}


def test_a_company_the_registry_does_not_know_is_unknown_never_licensed() -> None:
    standing = company_standing(
        _registry(), DAY, name="PT Maju Jaya Abadi", destination="TW", occupation="welder"
    )
    assert not standing.known
    assert standing.licensed is None
    assert standing.permit_covers is None
    assert standing.facts == ()


def test_a_permit_for_another_destination_does_not_cover_the_offer() -> None:
    standing = company_standing(
        _registry(), DAY, name="PT Sentosa Karya Mandiri", destination="SA", occupation="welder"
    )
    assert standing.licensed is True
    assert standing.permit_covers is False
    assert standing.permit_problem == "missing"
    given = company_standing(
        _registry(),
        DAY,
        permit_number="KEP.12/SIP2MI/2024",
        destination="SA",
        occupation="welder",
    )
    assert given.permit_problem == "destination_mismatch"


def test_a_permit_that_lists_other_jobs_does_not_cover_this_job() -> None:
    standing = company_standing(
        _registry(),
        DAY,
        permit_number="KEP.12/SIP2MI/2024",
        destination="TW",
        occupation="housekeeper",
    )
    assert standing.permit_covers is False
    assert standing.permit_problem == "occupation_mismatch"


def test_a_permit_without_a_job_list_leaves_the_job_open() -> None:
    loose = {**SIP2MI_TW, "occupations": []}
    standing = company_standing(
        _registry(SIP3MI, loose),
        DAY,
        name="PT Sentosa Karya Mandiri",
        destination="TW",
        occupation="welder",
    )
    assert standing.permit is not None
    assert standing.permit_covers is None


def test_a_revoked_licence_or_an_expired_permit_is_judged_on_the_day() -> None:
    revoked = {**SIP3MI, "status": "revoked", "revoked_on": "2024-03-01"}
    standing = company_standing(_registry(revoked, SIP2MI_TW), DAY, name="PT Sentosa Karya Mandiri")
    assert standing.licensed is False
    assert standing.licence_problem == "revoked"
    later = company_standing(
        _registry(),
        datetime.date(2025, 2, 3),
        permit_number="KEP.12/SIP2MI/2024",
        destination="TW",
        occupation="welder",
    )
    assert later.permit_covers is False
    assert later.permit_problem == "expired"
    earlier = company_standing(
        _registry(), datetime.date(2021, 12, 6), name="Sentosa Karya Mandiri"
    )
    assert earlier.licence_problem == "not_yet_issued"


def test_a_company_known_only_by_permits_has_no_licence() -> None:
    standing = company_standing(_registry(SIP2MI_TW), DAY, name="PT Sentosa Karya Mandiri")
    assert standing.known
    assert standing.licensed is False
    assert standing.licence_problem == "missing"


def test_a_permit_number_of_another_company_is_not_this_companys_permit() -> None:
    other = {**SIP2MI_TW, "number": "KEP.99/SIP2MI/2024", "holder": "PT Lain Sekali"}
    standing = company_standing(
        _registry(SIP3MI, SIP2MI_TW, other),
        DAY,
        name="PT Sentosa Karya Mandiri",
        permit_number="KEP.99/SIP2MI/2024",
        destination="TW",
        occupation="welder",
    )
    assert standing.permit_covers is False
    assert standing.permit_problem == "other_holder"


def test_a_sip3mi_number_of_another_company_is_never_that_companys_licence() -> None:
    standing = company_standing(
        _registry(),
        DAY,
        name="PT Maju Jaya Palsu",
        licence_number="B.5/77/PK.02/2022",
        permit_number="KEP.12/SIP2MI/2024",
        destination="TW",
        occupation="welder",
    )
    assert standing.known
    assert standing.licensed is False
    assert standing.licence_problem == "other_holder"
    assert standing.permit_covers is False
    assert standing.permit_problem == "other_holder"


def test_the_holder_is_matched_without_case_spacing_or_the_pt_form() -> None:
    standing = company_standing(
        _registry(),
        DAY,
        name="P.T.  sentosa   karya mandiri",
        licence_number="b.5/77/pk.02/2022",
        permit_number="kep.12/sip2mi/2024",
        destination="TW",
        occupation="welder",
    )
    assert (standing.licensed, standing.licence_problem) == (True, None)
    assert (standing.permit_covers, standing.permit_problem) == (True, None)


def test_a_branch_quoting_its_head_offices_licence_is_licensed_but_to_verify() -> None:
    standing = company_standing(
        _registry(),
        DAY,
        name="PT Sentosa Karya Mandiri Cabang Batam",
        licence_number="B.5/77/PK.02/2022",
        permit_number="KEP.12/SIP2MI/2024",
        destination="TW",
        occupation="welder",
    )
    assert (standing.licensed, standing.licence_problem) == (True, "holder_branch")
    assert (standing.permit_covers, standing.permit_problem) == (True, None)


def test_an_unknown_sip3mi_number_is_not_swapped_for_the_named_companys_own() -> None:
    standing = company_standing(
        _registry(),
        DAY,
        name="PT Sentosa Karya Mandiri",
        licence_number="B.9/99/PK.02/2022",
        destination="TW",
        occupation="welder",
    )
    assert standing.known
    assert standing.licence is None
    assert (standing.licensed, standing.licence_problem) == (False, "unknown_to_registry")


def test_an_unknown_permit_number_is_unknown_to_the_registry() -> None:
    standing = company_standing(
        _registry(),
        DAY,
        name="PT Sentosa Karya Mandiri",
        permit_number="KEP.404/SIP2MI/2024",
        destination="TW",
    )
    assert standing.permit_covers is False
    assert standing.permit_problem == "unknown_to_registry"


def test_a_registry_without_a_name_index_finds_companies_by_number_only() -> None:
    class NumbersOnly:
        def lookup(self, kind: LicenceKind, number: str) -> LicenceFact | None:
            return _registry().lookup(kind, number)

    registry = NumbersOnly()
    assert not isinstance(registry, HolderIndex)
    assert not company_standing(registry, DAY, name="PT Sentosa Karya Mandiri").known
    assert company_standing(registry, DAY, licence_number="b.5/77/pk.02/2022").licensed is True


def test_evidence_older_than_the_window_is_stale() -> None:
    fact = LicenceFact.model_validate(SIP3MI)
    assert not fact.is_stale_on(datetime.date(2024, 5, 30), 30)
    assert fact.is_stale_on(datetime.date(2024, 6, 5), 30)
    assert holder_key("P.T. Sentosa  Karya-Mandiri (Persero)") == "SENTOSA KARYA MANDIRI"


def test_the_fingerprint_is_the_same_for_the_same_facts_in_any_file_form_or_order(
    tmp_path: Path,
) -> None:
    other = {**FACT, "number": "KEP.99/SIP2MI/2024", "destination": "TW"}
    older = {**FACT, "checked_at": "2023-01-01T00:00:00+07:00", "status": "expired"}
    as_json = tmp_path / "registry.json"
    as_json.write_text(json.dumps({"licences": [FACT, other]}, indent=2), encoding="utf-8")
    as_toml = tmp_path / "registry.toml"
    as_toml.write_text(
        "".join(
            "[[licences]]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in f.items())
            for f in (other, {**FACT, "status": "active"}, older)
        ),
        encoding="utf-8",
    )
    fingerprint = FileLicenceRegistry.from_file(as_json).fingerprint()
    assert FileLicenceRegistry.from_file(as_toml).fingerprint() == fingerprint
    assert len(fingerprint) == 12
    assert set(fingerprint) <= set("0123456789abcdef")


@pytest.mark.parametrize(
    "change",
    [{"status": "revoked"}, {"valid_until": "2025-11-02"}, {"checked_at": "2024-01-26T08:00:00Z"}],
    ids=["status", "valid_until", "checked_at"],
)
def test_the_fingerprint_changes_when_a_fact_changes(change: dict[str, str]) -> None:
    first = FileLicenceRegistry.from_data({"licences": [FACT]}).fingerprint()
    assert FileLicenceRegistry.from_data({"licences": [{**FACT, **change}]}).fingerprint() != first


def test_last_checked_on_is_the_day_of_the_newest_check_in_jakarta() -> None:
    late = {**FACT, "number": "X-2", "checked_at": "2024-03-01T20:00:00+00:00"}
    assert FileLicenceRegistry.from_data({"licences": [FACT, late]}).last_checked_on == (
        datetime.date(2024, 3, 2)
    )
    assert FileLicenceRegistry.from_data({"licences": []}).last_checked_on is None
