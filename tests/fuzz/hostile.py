"""A corpus of hostile inputs, written on demand into a folder (kept growing).

Each entry is a file every input-reading command must refuse with exit code 2
and a clear message naming the file, the record and the field, never a
traceback. Add an entry when a new kind of bad input is found: a name, what
the message must name, and a function that writes the file.
"""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmi_workflow.io import flatten
from pmi_workflow.samples import procedural_case_data

NIK = "3603121505950002"


@dataclass(frozen=True)
class Hostile:
    """One hostile input: ``write(folder)`` creates it; the error must name ``mentions``."""

    name: str
    write: Callable[[Path], Path]
    mentions: tuple[str, ...] = ()
    record: dict[str, Any] | None = None


def _case(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(procedural_case_data("p2p"))
    for path, value in changes.items():
        node = data
        parts = path.split("__")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        last = parts[-1]
        if last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value
    return data


def _jsonl(name: str, *records: dict[str, Any]) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / name
        # ensure_ascii keeps lone surrogates as \\udc80 escapes, as another system would write them
        path.write_text("".join(json.dumps(record) + "\n" for record in records), "utf-8")
        return path

    return write


def _text(name: str, text: str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / name
        path.write_text(text, "utf-8")
        return path

    return write


def _duplicate_event_ids() -> dict[str, Any]:
    data = _case()
    event_id = "0b6f2f4e-3d1c-4d6e-9a51-8d2f1c0e7a11"
    for event in data["history"][:2]:
        event["event_id"] = event_id
    return data


def _record(name: str, file: str, data: dict[str, Any], *fields: str) -> Hostile:
    return Hostile(name, _jsonl(file, data), ("line 1", *fields), data)


RECORDS: tuple[Hostile, ...] = (
    _record(
        "earliest_datetime_east_of_utc",
        "early.jsonl",
        _case(history__0__occurred_at="0001-01-01T00:00:00+14:00"),
        "history.0.occurred_at",
    ),
    _record(
        "latest_datetime_west_of_utc",
        "late.jsonl",
        _case(history__0__occurred_at="9999-12-31T23:59:59-12:00"),
        "history.0.occurred_at",
    ),
    _record(
        "document_expiring_in_year_9999",
        "expiry.jsonl",
        _case(documents__2__expires_on="9999-12-31"),
        "documents.2",
    ),
    _record(
        "birth_date_in_year_1",
        "birth.jsonl",
        _case(applicant__birth_date="0001-01-01"),
        "applicant.birth_date",
    ),
    _record(
        "lone_surrogate_in_a_name",
        "surrogate.jsonl",
        _case(applicant__name="Budi \udc80 Santoso"),
        "applicant.name",
    ),
    _record(
        "nul_in_a_name", "nul.jsonl", _case(applicant__name="Budi\x00Santoso"), "applicant.name"
    ),
    _record(
        "terminal_escape_in_a_place",
        "escape.jsonl",
        _case(applicant__birth_place="\x1b[2J\x1b[HOK"),
        "applicant.birth_place",
    ),
    _record(
        "control_character_in_the_case_id", "case-id.jsonl", _case(case_id="CASE-\x07-1"), "case_id"
    ),
    _record("duplicate_event_ids", "duplicate-events.jsonl", _duplicate_event_ids(), "history"),
)

FILES: tuple[Hostile, ...] = (
    Hostile("empty_json", _text("empty.json", ""), ("empty.json",)),
    Hostile("empty_json_array", _text("empty-array.json", "[]\n"), ("empty-array.json",)),
    Hostile("whitespace_only_jsonl", _text("blank.jsonl", "  \n\n \t\n"), ("blank.jsonl",)),
    Hostile(
        "header_only_csv", _text("header.csv", "case_id,scheme,destination\n"), ("header.csv",)
    ),
    Hostile("json_5000_deep", _text("deep.json", "[" * 5000 + "]" * 5000), ("deep.json", "deep")),
    Hostile(
        "jsonl_5000_deep",
        _text("deep.jsonl", '{"case_id": ' + "[" * 5000 + "]" * 5000 + "}\n"),
        ("deep.jsonl", "line 1", "deep"),
    ),
    Hostile(
        "csv_without_a_header_or_a_nik",
        _text(
            "no-header-names.csv",
            "CASE-1,p2p,Siti Aminah,C1234567\nCASE-2,p2p,Siti Aminah,C1234567\n",
        ),
        ("no-header-names.csv", "row 2"),
    ),
    Hostile(
        "csv_without_a_header",
        _text(
            "no-header.csv",
            f"CASE-1,p2p,{NIK},Siti Aminah,C1234567\nCASE-2,p2p,{NIK},Siti Aminah,C1234567\n",
        ),
        ("no-header.csv",),
    ),
)

POLICIES: tuple[Hostile, ...] = (
    Hostile(
        "toml_3000_deep",
        _text("deep.toml", "x = " + "[" * 3000 + "]" * 3000 + "\n"),
        ("deep.toml", "deep"),
    ),
    Hostile(
        "toml_3000_deep_inline_tables",
        _text("deep-tables.toml", "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"),
        ("deep-tables.toml", "deep"),
    ),
    Hostile(
        "toml_3000_dotted_keys",
        _text("dotted.toml", ".".join(["a"] * 3000) + " = 1\n"),
        ("dotted.toml", "deep"),
    ),
)


def _as_csv(hostile: Hostile) -> Hostile:
    """The same record as one CSV row (dotted columns, as the library writes them)."""
    assert hostile.record is not None

    def write(folder: Path) -> Path:
        flat = flatten(hostile.record or {})
        path = folder / f"{hostile.name}.csv"
        with path.open("w", encoding="utf-8", errors="surrogatepass", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(list(flat))
            writer.writerow(list(flat.values()))
        return path

    return Hostile(f"{hostile.name}_csv", write, ("row 2",), hostile.record)


def _as_json_array(hostile: Hostile) -> Hostile:
    """The same record as the only item of a JSON array."""

    def write(folder: Path) -> Path:
        path = folder / f"{hostile.name}.json"
        path.write_text(json.dumps([hostile.record], indent=1), "utf-8")
        return path

    mentions = tuple(m.replace("line 1", "item 1") for m in hostile.mentions)
    return Hostile(f"{hostile.name}_json_array", write, mentions, hostile.record)


RECORD_VARIANTS: tuple[Hostile, ...] = tuple(
    variant(item) for item in RECORDS for variant in (_as_csv, _as_json_array)
)

ALL: tuple[Hostile, ...] = RECORDS + RECORD_VARIANTS + FILES + POLICIES
