"""API keys: configured by digest or in clear, each with a role; errors never show a secret."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from pmi_workflow.enums import ActorRole
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.server import load_keys, parse_keys

SECRET = "a-long-secret-for-tests"


def test_a_key_given_by_its_digest_is_found_by_its_secret() -> None:
    digest = hashlib.sha256(SECRET.encode()).hexdigest()
    ring = parse_keys({"keys": {"bpjs-pusat": {"role": "bpjs", "sha256": digest}}})
    key = ring.find(SECRET)
    assert key is not None
    assert (key.name, key.role, key.reveal) == ("bpjs-pusat", ActorRole.BPJS, False)
    assert SECRET not in repr(key)
    assert digest not in repr(key)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"role": "mayor", "key": SECRET}, "role must be one of"),
        ({"role": "bpjs", "key": "short"}, "at least 16"),
        ({"role": "bpjs", "sha256": "not-hex"}, "64 hex digits"),
        ({"role": "bpjs", "key": SECRET, "sha256": "0" * 64}, "either sha256"),
        ({"role": "bpjs"}, "either sha256"),
        ("bpjs", "must be a table"),
    ],
)
def test_a_bad_key_entry_is_refused_naming_the_key(table: Any, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message) as caught:
        parse_keys({"keys": {"bpjs-pusat": table}})
    assert caught.value.problems[0].location[:2] == ("keys", "bpjs-pusat")
    assert "short" not in str(caught.value)


def test_a_key_name_must_be_plain() -> None:
    with pytest.raises(InvalidInputError, match="a key name"):
        parse_keys({"keys": {"two words": {"role": "bpjs", "key": SECRET}}})


def test_keys_must_be_a_table() -> None:
    with pytest.raises(InvalidInputError, match=r"\[keys\] must be a table"):
        parse_keys({"keys": ["bpjs"]})


def test_keys_are_read_from_a_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_text(f'[keys.dinas]\nrole = "disnaker"\nkey = "{SECRET}"\nreveal = true\n')
    key = load_keys(path).find(SECRET)
    assert key is not None
    assert key.reveal


def test_a_keys_file_that_is_not_toml_is_refused_without_its_text(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_text(f"[keys.dinas\nkey = {SECRET}\n")
    with pytest.raises(InvalidInputError, match="not valid TOML") as caught:
        load_keys(path)
    assert SECRET not in str(caught.value)


def test_a_missing_keys_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="cannot read the keys file"):
        load_keys(tmp_path / "absent.toml")


def test_two_keys_with_one_secret_are_refused_naming_both_keys_and_never_the_secret() -> None:
    digest = hashlib.sha256(SECRET.encode()).hexdigest()
    tables = {
        "dinas": {"role": "disnaker", "key": SECRET},
        "bpjs-pusat": {"role": "bpjs", "sha256": digest, "reveal": True},
        "bp3mi": {"role": "bp3mi", "key": "another-long-secret"},
    }
    with pytest.raises(InvalidInputError, match="share one secret") as caught:
        parse_keys({"keys": tables})
    problems = caught.value.problems
    assert [problem.location for problem in problems] == [
        ("keys", "dinas"),
        ("keys", "bpjs-pusat"),
    ]
    assert all("dinas, bpjs-pusat" in problem.message for problem in problems)
    assert {problem.kind for problem in problems} == {"keys.shared_secret"}
    assert SECRET not in str(caught.value)
    assert digest not in str(caught.value)
