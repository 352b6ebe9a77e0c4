"""The synthetic files in ``examples/`` are current and judged as their names say."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from pmi_workflow.domain import parse_case
from pmi_workflow.rules import CATALOG, validate_case

from .conftest import EXAMPLES

_AS_OF = __import__("datetime").date(2024, 6, 1)


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


@pytest.mark.parametrize("path", sorted((EXAMPLES / "rules").glob("*.json")), ids=str)
def test_every_rule_example_raises_its_code(path: Path) -> None:
    code = path.stem
    assert code in CATALOG
    report = validate_case(parse_case(json.loads(path.read_text("utf-8"))), as_of=_AS_OF)
    assert code in report.codes
