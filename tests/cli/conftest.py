"""Shared helpers for the command-line tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pmi_workflow.cli.demo import demo_cases
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
AS_OF = "2024-06-01"


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    """Write records as JSON Lines."""
    path.write_text("".join(json.dumps(record) + "\n" for record in records), "utf-8")
    return path


@pytest.fixture
def procedural_file(tmp_path: Path) -> Path:
    """Every scheme's procedural sample, one per line."""
    return write_jsonl(
        tmp_path / "procedural.jsonl", [procedural_case_data(s) for s in PROCEDURAL_SCHEMES]
    )


@pytest.fixture
def mixed_file(tmp_path: Path) -> Path:
    """The demo cases (one procedural, five not) and two bad lines."""
    records = [json.dumps(data) for _, _, data in demo_cases()]
    records.insert(2, "{not json")
    records.append('{"case_id": "BAD-NIK", "applicant": {"nik": "3603121505950002"}}')
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(records) + "\n", "utf-8")
    return path
