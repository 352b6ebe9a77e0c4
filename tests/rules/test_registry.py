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
    LicenceFact,
    LicenceKind,
    LicenceRegistry,
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
