"""The published JSON Schema: standard, as strict as the parser, and what every sample passes."""

from __future__ import annotations

import copy
import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmi_workflow.domain import OCCUPATIONS, case_json_schema, parse_case
from pmi_workflow.domain.schema import SCHEMA_EXCEPTIONS, _countries
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.samples import PROCEDURAL_SCHEMES, minimal_case_data, procedural_case_data
from pmi_workflow.testing import synthetic_nik

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = jsonschema.Draft202012Validator(
    case_json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def _schema_accepts(data: Any) -> bool:
    return VALIDATOR.is_valid(data)


def _parser_accepts(data: Any) -> tuple[bool, list[str]]:
    try:
        parse_case(data)
    except InvalidInputError as error:
        return False, [problem.message for problem in error.problems]
    return True, []


def _shipped_records() -> Iterator[tuple[str, dict[str, Any]]]:
    yield "minimal", minimal_case_data()
    for scheme in PROCEDURAL_SCHEMES:
        yield scheme, procedural_case_data(scheme)
    for path in sorted((ROOT / "examples").rglob("*.json")):
        loaded = json.loads(path.read_text(encoding="utf-8"))
        items = loaded if isinstance(loaded, list) else [loaded]
        for index, item in enumerate(items):
            if isinstance(item, dict) and "case_id" in item:
                yield f"{path.relative_to(ROOT)}[{index}]", item
    for path in sorted((ROOT / "examples").rglob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(item, dict):
                yield f"{path.relative_to(ROOT)}:{number}", item


SHIPPED = list(_shipped_records())


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(case_json_schema())


def test_the_schema_uses_no_keyword_standard_validators_do_not_know() -> None:
    text = json.dumps(case_json_schema())
    assert '"x-' not in text
    assert '"discriminator"' not in text


def test_the_shipped_samples_and_examples_are_many() -> None:
    assert len(SHIPPED) > 40


@pytest.mark.parametrize(("name", "record"), SHIPPED, ids=[name for name, _ in SHIPPED])
def test_every_shipped_record_the_parser_reads_passes_the_schema(
    name: str, record: dict[str, Any]
) -> None:
    if not _parser_accepts(record)[0]:
        pytest.skip(f"{name} is a deliberately bad record")
    errors = [f"{e.json_path}: {e.message[:80]}" for e in VALIDATOR.iter_errors(record)]
    assert errors == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("applicant", "nik"), "360312150595000"),
        (("applicant", "nik"), "36031215059500021"),
        (("destination",), "ZZ"),
        (("destination",), "my"),
        (("occupation",), "astronaut"),
        (("occupation",), {"code": "astronaut"}),
        (("applicant", "birth_date"), "1995-02-30"),
        (("applicant", "birth_date"), "15/05/1995"),
        (("applicant", "name"), "   "),
        (("schema_version",), 2),
        (("case_id",), "CASE 1"),
    ],
)
def test_hostile_or_non_canonical_values_are_refused_by_the_schema(
    path: tuple[str, ...], value: Any
) -> None:
    data = minimal_case_data()
    _set(data, path, value)
    assert not _schema_accepts(data)


def test_an_occupation_is_a_catalog_code_or_an_object() -> None:
    data = minimal_case_data()
    assert _schema_accepts({**data, "occupation": "housekeeper"})
    custom = {"code": "astronaut", "label_id": "Astronot", "label_en": "Astronaut"}
    assert _schema_accepts({**data, "occupation": custom})


def test_a_document_without_its_type_is_refused() -> None:
    data = procedural_case_data("p2p")
    del data["documents"][0]["type"]
    assert not _schema_accepts(data)
    assert not _parser_accepts(data)[0]


def test_the_exceptions_are_documented_in_both_directions() -> None:
    assert [direction for direction, _ in SCHEMA_EXCEPTIONS] == [
        "parser refuses, schema accepts",
        "parser accepts, schema refuses",
    ]


def test_the_published_schema_file_is_the_generated_one() -> None:
    published = json.loads((ROOT / "docs" / "schema" / "case.schema.json").read_text())
    assert published == case_json_schema()


# -- schema acceptance equals parser acceptance ---------------------------------------

COUNTRIES = _countries()
CODES = sorted(OCCUPATIONS)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _niks() -> st.SearchStrategy[str]:
    valid = st.builds(
        synthetic_nik,
        st.dates(datetime.date(1950, 1, 1), datetime.date(2010, 12, 31)),
        female=st.booleans(),
    )
    digits = st.text("0123456789", min_size=14, max_size=17)
    spaced = valid.map(lambda n: f"{n[:4]} {n[4:8]} {n[8:12]} {n[12:]}")
    return st.one_of(valid, digits, spaced, st.sampled_from(["", "abcdefghijklmnop", " " * 16]))


def _dates() -> st.SearchStrategy[str]:
    day = st.dates(datetime.date(1950, 1, 1), datetime.date(2030, 12, 31))
    return st.one_of(
        day.map(lambda d: d.isoformat()),
        day.map(lambda d: d.strftime("%d/%m/%Y")),
        st.sampled_from(["1995-02-30", "1995-13-01", "3 Juli 2023", "2023-7-3", "", "soon"]),
    )


def _times() -> st.SearchStrategy[str]:
    moment = st.datetimes(datetime.datetime(2020, 1, 1), datetime.datetime(2026, 12, 31))
    zones = st.sampled_from([datetime.UTC, datetime.timezone(datetime.timedelta(hours=7))])
    return st.one_of(
        st.builds(lambda m, z: m.replace(tzinfo=z).isoformat(), moment, zones),
        moment.map(lambda m: m.isoformat()),
        st.sampled_from(["2024-01-08T09:00:00+0700", "yesterday", "2024-01-08 09:00"]),
    )


def _occupations() -> st.SearchStrategy[Any]:
    label = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=5)
    return st.one_of(
        st.sampled_from(CODES),
        st.from_regex(r"[a-z][a-z_]{1,8}", fullmatch=True),
        st.sampled_from(CODES).map(lambda code: {"code": code}),
        st.fixed_dictionaries(
            {
                "code": st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True),
                "label_id": label,
                "label_en": label,
            },
            optional={"domestic": st.booleans()},
        ),
    )


MUTATIONS: dict[tuple[str | int, ...], st.SearchStrategy[Any]] = {
    ("applicant", "nik"): _niks(),
    ("destination",): st.one_of(
        st.sampled_from(COUNTRIES),
        st.from_regex(r"[A-Z]{2}", fullmatch=True),
        st.sampled_from(["MYS", "Malaysia", "my", " MY", ""]),
    ),
    ("occupation",): _occupations(),
    ("applicant", "birth_date"): _dates(),
    ("history", 0, "occurred_at"): _times(),
    ("schema_version",): st.one_of(st.integers(-1, 3), st.sampled_from(["1", 1.0, True])),
    ("case_id",): st.text(max_size=8),
    ("documents", 0, "issued_on"): _dates(),
}


def _canonical(path: tuple[str | int, ...], value: Any) -> bool:
    """Whether a value is in the form the schema describes (not a lenient input form)."""
    name = path[-1]
    if name == "nik":
        return isinstance(value, str) and value.isdigit()
    if name == "destination":
        return value in COUNTRIES
    if name == "occupation":
        if isinstance(value, dict):
            return set(value) != {"code"} and all(
                not isinstance(text, str) or text == text.strip() for text in value.values()
            )
        return value in CODES
    if name in ("birth_date", "issued_on"):
        return bool(_DATE.fullmatch(value))
    if name == "occurred_at":
        return bool(_DATETIME.fullmatch(value))
    if name == "schema_version":
        return type(value) is int
    if name == "case_id":
        return value == value.strip()
    raise AssertionError(name)


def _beyond_a_schema(path: tuple[str | int, ...], messages: list[str]) -> bool:
    """Refusals the schema cannot express (the first of SCHEMA_EXCEPTIONS)."""
    if all("control character" in m or "must lie between" in m for m in messages):
        return True
    if path[-1] == "nik":
        return all("impossible" in m or "unknown region" in m for m in messages)
    if path[-1] == "case_id":
        return all("another case" in m for m in messages)  # events name their case
    if path[-1] == "issued_on":
        return all("before issued_on" in m for m in messages)
    if path == ("applicant", "birth_date"):
        return all("after the day of the case's first step" in m for m in messages)
    return False


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_schema_accepts_exactly_what_the_parser_accepts(data: st.DataObject) -> None:
    record = copy.deepcopy(procedural_case_data("p2p"))
    path = data.draw(st.sampled_from(sorted(MUTATIONS, key=str)), label="path")
    value = data.draw(MUTATIONS[path], label="value")
    _set(record, path, value)
    by_schema = _schema_accepts(record)
    by_parser, messages = _parser_accepts(record)
    if by_schema and not by_parser:
        assert _beyond_a_schema(path, messages), messages
    if by_parser and not by_schema:
        assert not _canonical(path, value), [e.message for e in VALIDATOR.iter_errors(record)]
