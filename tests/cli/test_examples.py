"""The synthetic files in ``examples/`` are current and judged as their names say."""

from __future__ import annotations

import datetime
import importlib.util
import json
from pathlib import Path

import pytest

from pmi_workflow.domain import parse_case
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.policy import Policy
from pmi_workflow.rules import CATALOG, validate_case

from .conftest import EXAMPLES

_AS_OF = datetime.date(2024, 6, 1)


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("examples_generate", EXAMPLES / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_example_files_match_the_generator() -> None:
    expected = _generator().expected_files()
    for name, text in expected.items():
        assert (EXAMPLES / name).read_bytes().decode("utf-8") == text, name


@pytest.mark.parametrize("path", sorted((EXAMPLES / "schemes").glob("*.json")), ids=str)
def test_every_scheme_example_is_procedural(path: Path) -> None:
    report = validate_case(parse_case(json.loads(path.read_text("utf-8"))), as_of=_AS_OF)
    assert report.verdict == "procedural", report.codes


_INDEX = json.loads((EXAMPLES / "rules" / "index.json").read_text("utf-8"))


def test_the_rule_index_covers_the_whole_catalog() -> None:
    assert set(_INDEX) == set(CATALOG)
    with_files = [code for code, entry in _INDEX.items() if entry["file"]]
    assert len(with_files) >= len(CATALOG) - 4


@pytest.mark.parametrize(
    "code", sorted(c for c, e in _INDEX.items() if e["file"] and not e.get("expect"))
)
def test_every_rule_example_raises_its_code(code: str) -> None:
    entry = _INDEX[code]
    path = EXAMPLES / "rules" / entry["file"]
    day = datetime.date.fromisoformat(entry["as_of"])
    policy = Policy.load(EXAMPLES / "rules" / entry["policy"]) if entry.get("policy") else None
    case = parse_case(json.loads(path.read_text("utf-8")))
    assert code in validate_case(case, as_of=day, policy=policy).codes
    assert code not in validate_case(case, as_of=day).codes or not entry.get("policy")


def test_the_invalid_nik_example_is_refused_when_read() -> None:
    path = EXAMPLES / "rules" / _INDEX["identity.nik_invalid"]["file"]
    with pytest.raises(InvalidInputError) as caught:
        parse_case(json.loads(path.read_text("utf-8")))
    assert caught.value.problems[0].where == "applicant.nik"
