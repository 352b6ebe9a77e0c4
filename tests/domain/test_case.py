"""The case record: parsing, round trips, errors that name the field, the JSON Schema."""

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from pmi_workflow.domain import (
    SCHEMA_VERSION,
    Case,
    CaseEvent,
    EmploymentContract,
    Passport,
    case_json_schema,
    parse_case,
)
from pmi_workflow.enums import Scheme, Step
from pmi_workflow.errors import InvalidInputError, UnsupportedSchemaVersionError
from pmi_workflow.samples import PROCEDURAL_SCHEMES, minimal_case_data, procedural_case_data

ROOT = Path(__file__).resolve().parents[2]
NIK = "3603121505950002"


@pytest.mark.parametrize("scheme", PROCEDURAL_SCHEMES)
def test_every_sample_scheme_parses_and_round_trips_through_json(scheme: str) -> None:
    case = parse_case(procedural_case_data(scheme))
    assert case.scheme is Scheme(scheme)
    again = parse_case(case.to_json())
    assert again == case
    assert parse_case(case.to_dict()) == case


def test_a_case_is_immutable() -> None:
    case = parse_case(minimal_case_data())
    with pytest.raises(ValidationError):
        case.case_id = "other"  # type: ignore[misc]


def test_personal_data_is_masked_in_the_repr_but_kept_in_json() -> None:
    case = parse_case(procedural_case_data("p2p"))
    text = repr(case)
    assert NIK not in text
    assert "Budi" not in text
    assert "C1234567" not in text
    assert NIK in case.to_json()
    assert "C1234567" in case.to_json()


def test_bad_input_names_each_field_and_never_echoes_personal_data() -> None:
    data = procedural_case_data("p2p")
    data["applicant"]["nik"] = "9903121505950002"
    data["applicant"]["birth_date"] = "31/02/1995"
    data["documents"][2]["number"] = "C1"
    with pytest.raises(InvalidInputError) as caught:
        parse_case(data)
    places = {problem.where for problem in caught.value.problems}
    assert "applicant.nik" in places
    assert "applicant.birth_date" in places
    assert any(place.startswith("documents.2") for place in places)
    message = str(caught.value)
    for secret in ("9903121505950002", "C1", "Budi Santoso"):
        assert f"'{secret}'" not in message
    assert "9903121505950002" not in message


def test_the_source_is_named_in_the_error() -> None:
    with pytest.raises(InvalidInputError, match=r"in cases\.jsonl line 3"):
        parse_case("{", source="cases.jsonl line 3")


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        ("not json", "json"),
        ("[1, 2]", "type"),
        (b"\xff\xfe\x00", "encoding"),
        ('{"a":' * 100 + "1" + "}" * 100, "too_deep"),
    ],
)
def test_malformed_payloads_get_a_clear_error(payload: str | bytes, kind: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_case(payload)
    assert caught.value.problems[0].kind == kind


def test_a_deeply_nested_unknown_field_is_refused_as_too_deep() -> None:
    deep = '{"a":' * 100 + "1" + "}" * 100
    text = json.dumps(minimal_case_data())[:-1] + f', "surprise": {deep}}}'
    with pytest.raises(InvalidInputError) as caught:
        parse_case(text)
    assert caught.value.problems[0].kind == "too_deep"


def test_every_record_in_a_case_forbids_unknown_fields() -> None:
    """Nothing a record does not know is accepted silently, at any depth of the case."""
    models: list[tuple[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "model":
                models.append((node["cls"].__name__, node.get("config", {})))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(Case.__pydantic_core_schema__)
    assert len(models) > 10
    lenient = [name for name, config in models if config.get("extra_fields_behavior") != "forbid"]
    assert lenient == []


def test_unknown_fields_are_refused_without_repeating_a_name_that_is_no_field() -> None:
    # A CSV file without its header row has data where the names should be: a one-word name
    # typed in lower case looks like a key, so only field names of the record are repeated.
    with pytest.raises(InvalidInputError) as caught:
        parse_case({**minimal_case_data(), "sutrisno": 1, "applicant": {"surprise": 1}})
    assert {problem.where for problem in caught.value.problems} >= {
        "(unknown field)",
        "applicant.(unknown field)",
    }
    assert "sutrisno" not in str(caught.value)


def test_an_unknown_key_in_snake_case_is_named_so_a_typo_can_be_found() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_case({**minimal_case_data(), "applicant": {"birth_dat": "2000-01-01"}})
    assert "applicant.birth_dat" in {problem.where for problem in caught.value.problems}


def test_a_key_that_appears_twice_is_refused_naming_its_field() -> None:
    data = json.dumps(minimal_case_data())
    assert '"birth_date": "' in data
    doubled = data.replace('"birth_date": "', '"birth_date": "2006-08-01", "birth_date": "', 1)
    with pytest.raises(InvalidInputError) as caught:
        parse_case(doubled)
    (problem,) = caught.value.problems
    assert (problem.where, problem.kind) == ("applicant.birth_date", "duplicate_key")
    assert str(problem) == "applicant.birth_date: the key appears twice"


def test_a_number_too_long_for_python_is_bad_input_without_python_advice() -> None:
    text = '{"case_id": "X", "schema_version": 1' + "0" * 5000 + "}"
    with pytest.raises(InvalidInputError) as caught:
        parse_case(text)
    (problem,) = caught.value.problems
    assert (problem.where, problem.kind) == ("schema_version", "number_too_long")
    assert "sys." not in str(caught.value)
    assert "too long" in str(caught.value)


def test_a_newer_schema_version_is_refused_with_advice() -> None:
    with pytest.raises(UnsupportedSchemaVersionError, match="upgrade pmi-workflow"):
        parse_case({**minimal_case_data(), "schema_version": SCHEMA_VERSION + 1})


def test_a_zero_schema_version_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="schema_version 0 is not supported"):
        parse_case({**minimal_case_data(), "schema_version": 0})


def test_duplicate_document_ids_are_refused() -> None:
    data = procedural_case_data("p2p")
    data["documents"][1]["id"] = data["documents"][0]["id"]
    with pytest.raises(InvalidInputError, match="used twice"):
        parse_case(data)


def test_history_sequences_must_run_in_order() -> None:
    data = procedural_case_data("p2p")
    data["history"][1]["sequence"] = 5
    with pytest.raises(InvalidInputError, match="sequences run 1, 2, 3"):
        parse_case(data)


def test_history_events_must_belong_to_the_case() -> None:
    data = procedural_case_data("p2p")
    data["history"][0]["case_id"] = "OTHER"
    with pytest.raises(InvalidInputError, match="belongs to another case"):
        parse_case(data)


def test_queries_find_documents_and_events() -> None:
    case = parse_case(procedural_case_data("p2p"))
    assert isinstance(case.document("passport-1"), Passport)
    assert case.document("nope") is None
    contract = case.latest(EmploymentContract)
    assert contract is not None
    assert contract.ends_on == datetime.date(2026, 4, 25)
    assert len(case.events_of(Step.DEPARTED)) == 1
    assert next(case.iter_steps()) is Step.INFORMED


def test_latest_prefers_the_most_recently_issued() -> None:
    data = procedural_case_data("p2p")
    older = dict(
        data["documents"][2],
        id="passport-0",
        number="C7654321",
        issued_on="2014-01-01",
        expires_on="2019-01-01",
    )
    data["documents"].append(older)
    case = parse_case(data)
    latest = case.latest(Passport)
    assert latest is not None
    assert latest.id == "passport-1"


def test_with_event_and_with_documents_return_new_cases() -> None:
    case = parse_case(minimal_case_data())
    event = (
        parse_case(procedural_case_data("p2p"))
        .history[0]
        .model_copy(update={"case_id": case.case_id})
    )
    grown = case.with_event(event)
    assert len(grown.history) == 1
    assert len(case.history) == 0
    passport = parse_case(procedural_case_data("p2p")).document("passport-1")
    assert passport is not None
    assert len(case.with_documents(passport).documents) == 1
    with pytest.raises(ValidationError):
        case.with_documents(passport, passport)


def _load_schema() -> dict[str, Any]:
    result: dict[str, Any] = json.loads((ROOT / "docs" / "schema" / "case.schema.json").read_text())
    return result


def test_the_json_schema_describes_the_record() -> None:
    schema = case_json_schema()
    assert schema["properties"]["schema_version"]["maximum"] == SCHEMA_VERSION
    assert {"case_id", "scheme", "applicant", "destination"} <= set(schema["required"])
    assert schema["properties"]["applicant"]["$ref"].endswith("Applicant")


def test_the_published_json_schema_matches_the_code() -> None:
    assert _load_schema() == case_json_schema(), (
        "docs/schema/case.schema.json is stale: regenerate it with "
        "python -c 'import json,pmi_workflow;print(json.dumps(pmi_workflow.case_json_schema(),"
        "indent=2))' > docs/schema/case.schema.json"
    )


def test_case_model_is_the_schema_root() -> None:
    assert Case.model_json_schema()["title"] == "Case"


def test_sample_event_ids_are_unique_across_cases() -> None:
    ids = [
        event["event_id"]
        for scheme in PROCEDURAL_SCHEMES
        for event in procedural_case_data(scheme)["history"]
    ]
    assert len(ids) == len(set(ids))


def _next_event(case: Case, **changes: object) -> CaseEvent:
    fields: dict[str, object] = {
        "case_id": case.case_id,
        "sequence": len(case.history) + 1,
        "step": "informed",
        "occurred_at": "2024-01-08T09:00:00+07:00",
        "actor": {"role": "disnaker"},
    }
    fields.update(changes)
    return CaseEvent.model_validate(fields)


def test_with_event_refuses_an_event_of_another_case() -> None:
    case = parse_case(minimal_case_data())
    with pytest.raises(InvalidInputError, match="another case") as caught:
        case.with_event(_next_event(case, case_id="C-OTHER"))
    assert caught.value.problems[0].location == ("history", 1, "case_id")


def test_with_event_refuses_a_sequence_that_is_not_next() -> None:
    case = parse_case(minimal_case_data())
    with pytest.raises(InvalidInputError, match="sequence 99; the next one is 1"):
        case.with_event(_next_event(case, sequence=99))


def test_with_event_refuses_an_event_dated_before_the_last_one() -> None:
    case = parse_case(minimal_case_data())
    first = case.with_event(_next_event(case))
    with pytest.raises(InvalidInputError, match="dated before the last event"):
        first.with_event(
            _next_event(first, step="registered", occurred_at="2024-01-07T09:00:00+07:00")
        )
    second = first.with_event(
        _next_event(first, step="registered", occurred_at="2024-01-09T09:00:00+07:00")
    )
    assert [event.sequence for event in second.history] == [1, 2]


@pytest.mark.parametrize("version", ["2", " 2 ", 2])
def test_a_newer_schema_version_written_as_text_is_refused_as_newer(version: object) -> None:
    data = {**minimal_case_data(), "schema_version": version}
    for given in (data, json.dumps(data)):
        with pytest.raises(UnsupportedSchemaVersionError):
            parse_case(given)  # type: ignore[arg-type]


@pytest.mark.parametrize("version", [True, False, 1.5, "one", None])
def test_a_schema_version_that_is_not_a_whole_number_is_refused(version: object) -> None:
    data = {**minimal_case_data(), "schema_version": version}
    for given in (data, json.dumps(data)):
        with pytest.raises(InvalidInputError) as caught:
            parse_case(given)  # type: ignore[arg-type]
        assert caught.value.problems[0].where == "schema_version"


def test_a_schema_version_in_a_spreadsheet_cell_is_read_as_its_number() -> None:
    assert parse_case({**minimal_case_data(), "schema_version": " 1 "}).schema_version == 1


def test_a_birth_date_after_the_first_step_is_refused_not_judged_as_a_negative_age() -> None:
    data = procedural_case_data("p2p")
    first_day = data["history"][0]["occurred_at"][:10]
    data["applicant"]["birth_date"] = f"{int(first_day[:4]) + 1}{first_day[4:]}"
    with pytest.raises(InvalidInputError, match="birth_date is after the day of the case's first"):
        parse_case(data)
    with pytest.raises(InvalidInputError) as caught:
        parse_case(data)
    assert caught.value.problems[0].kind == "birth_after_first_step"
    data["applicant"]["birth_date"] = first_day  # born that very day: odd, but not impossible
    assert parse_case(data).applicant.birth_date.isoformat() == first_day


def test_a_long_run_of_digits_where_a_key_should_be_is_not_repeated() -> None:
    from pmi_workflow.domain.case import shown_location

    assert shown_location(("documents", "12", "3603121505950002")) == (
        "documents",
        "12",
        "(unknown field)",
    )
