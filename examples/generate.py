"""Write the synthetic example files in this directory (no real personal data).

Run ``python examples/generate.py`` after changing the samples; a test checks
that the files here match what this script writes.

- ``schemes/<scheme>.json``: one procedural case per placement scheme.
- ``demo/<name>.json``: the cases of ``pmi-workflow demo`` (one procedural,
  five non-procedural).
- ``rules/<code>.json``: a case that raises that catalog code (where one is known).
- ``cases.jsonl`` / ``cases.json`` / ``cases.csv``: all of the above in one file, in each
  input format (the CSV uses dotted column names and Indonesian day-first dates).
- ``bad-records.jsonl``: records that cannot be read, each reported with its line.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

from pmi_workflow.cli.demo import demo_cases
from pmi_workflow.cli.examples import EXAMPLE_DAY
from pmi_workflow.domain import parse_case
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.io import CsvWriter, flatten, header_of
from pmi_workflow.rules import validate_case
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data

HERE = Path(__file__).resolve().parent

_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _indonesian_dates(value: Any, key: str = "") -> Any:
    """Write plain dates as an Indonesian agency would: day-first, some with month names."""
    if isinstance(value, dict):
        return {k: _indonesian_dates(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_indonesian_dates(v, key) for v in value]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return value
        if key == "birth_date":
            return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
        return day.strftime("%d/%m/%Y")
    return value


def example_cases() -> dict[str, dict[str, Any]]:
    """Every example case by file name (relative to this directory)."""
    cases: dict[str, dict[str, Any]] = {}
    for scheme in PROCEDURAL_SCHEMES:
        cases[f"schemes/{scheme}.json"] = procedural_case_data(scheme)
    for name, _, data in demo_cases():
        cases[f"demo/{name}.json"] = data
    for code, (data, _) in rule_variants().items():
        cases[f"rules/{code}.json"] = data
    for _name, _, data in demo_cases()[1:]:
        report = validate_case(parse_case(data), as_of=EXAMPLE_DAY)
        for code in report.codes:
            cases.setdefault(f"rules/{code}.json", data)
    return cases


def rule_variants() -> dict[str, tuple[dict[str, Any], datetime.date]]:
    """One case per catalog code and the day to judge it, from the rules' test variants.

    Only variants judged with the default policy, no licence registry and no
    information-session records can stand alone as a file; the others are left out
    (``rules/index.json`` names them).
    """
    root = str(HERE.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    from tests.rules.variants import VARIANTS

    found: dict[str, tuple[dict[str, Any], datetime.date]] = {}
    for code, build in sorted(VARIANTS.items()):
        variant = build()
        standalone = variant.policy is None and variant.registry is None and not variant.sessions
        if not standalone:
            continue
        data = _sorted_sets(variant.case.to_dict())
        try:
            case = parse_case(data)
        except InvalidInputError:
            continue  # the variant is not a readable record (e.g. an impossible NIK)
        if code in validate_case(case, as_of=variant.as_of).codes:
            found[code] = (data, variant.as_of)
    return found


_SET_FIELDS = frozenset({"terms", "programmes"})


def _sorted_sets(value: Any, key: str = "") -> Any:
    """Write set-valued fields sorted, so the files do not depend on hash order."""
    if isinstance(value, dict):
        return {k: _sorted_sets(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_sets(v) for v in value]
        return sorted(items) if key in _SET_FIELDS else items
    return value


def rule_index() -> dict[str, Any]:
    """Which file shows each catalog code, and the day to judge it on."""
    from pmi_workflow.rules import CATALOG

    variants = rule_variants()
    index: dict[str, Any] = {}
    for code in sorted(CATALOG):
        if code in _SPECIAL:
            index[code] = _SPECIAL[code]
        elif code in variants:
            index[code] = {"file": f"{code}.json", "as_of": variants[code][1].isoformat()}
        elif (HERE / "rules" / f"{code}.json").exists() or code in _demo_codes():
            index[code] = {"file": f"{code}.json", "as_of": EXAMPLE_DAY.isoformat()}
        else:
            index[code] = {
                "file": None,
                "reason": "needs an agency policy overlay, a licence registry or "
                "information-session records besides the case file, or cannot be "
                "written as a readable record",
            }
    return index


_CLOSED_TAIWAN = """\
# An agency overlay that closes Taiwan from 2024 (an example closure under UU 18/2017 Pasal 32).
[[closure]]
id = "agency/TW-closed"
destination = "TW"
scope = "all"
effective_from = 2024-01-01
source = "Keputusan Menteri (example closure under Pasal 32)"
"""

_SPECIAL: dict[str, dict[str, Any]] = {
    "destination.closed": {
        "file": "destination.closed.json",
        "as_of": EXAMPLE_DAY.isoformat(),
        "policy": "destination.closed.policy.toml",
    },
    "identity.nik_invalid": {
        "file": "identity.nik_invalid.json",
        "as_of": EXAMPLE_DAY.isoformat(),
        "expect": "invalid_input",
        "reason": "an impossible NIK is refused when the record is read",
    },
}


def _special_files() -> dict[str, str]:
    invalid_nik = procedural_case_data("p2p")
    invalid_nik["applicant"]["nik"] = "9903121505950002"  # region 99 does not exist
    return {
        "rules/destination.closed.json": _dump(procedural_case_data("re_entry")),
        "rules/destination.closed.policy.toml": _CLOSED_TAIWAN,
        "rules/identity.nik_invalid.json": _dump(invalid_nik),
    }


def _demo_codes() -> set[str]:
    codes: set[str] = set()
    for _name, _, data in demo_cases()[1:]:
        codes.update(validate_case(parse_case(data), as_of=EXAMPLE_DAY).codes)
    return codes


BAD_RECORDS = [
    '{"case_id": "BAD-1", "scheme": "p2p"}',
    '{"case_id": "BAD-2", "scheme": "p2p", "applicant": {"nik": "12"}',
    '["not", "an", "object"]',
    '{"case_id": "BAD-4", "scheme": "teleport", "destination": "Atlantis"}',
]


def expected_files() -> dict[str, str]:
    """The content of every generated file, by path relative to this directory."""
    cases = example_cases()
    files = {name: _dump(data) for name, data in cases.items()}
    unique: dict[str, dict[str, Any]] = {}
    for data in cases.values():
        unique.setdefault(data["case_id"], data)
    records = list(unique.values())
    files["cases.jsonl"] = "".join(json.dumps(data, ensure_ascii=False) + "\n" for data in records)
    files["cases.json"] = _dump(records)
    flat = [flatten(_indonesian_dates(data)) for data in records]
    import io

    buffer = io.StringIO(newline="")
    with CsvWriter(buffer, header_of(flat)) as writer:
        for data in records:
            writer.write(_indonesian_dates(data))
    files["cases.csv"] = buffer.getvalue()
    files["bad-records.jsonl"] = "\n".join(BAD_RECORDS) + "\n"
    files.update(_special_files())
    files["rules/index.json"] = _dump(rule_index())
    return files


def main() -> int:
    """Write the files; with ``--check`` only report whether they are up to date."""
    check = "--check" in sys.argv[1:]
    stale = []
    for name, text in expected_files().items():
        path = HERE / name
        if check:
            if not path.exists() or path.read_bytes().decode("utf-8") != text:
                stale.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8", newline="")
    for name in stale:
        sys.stderr.write(f"out of date: examples/{name}\n")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
