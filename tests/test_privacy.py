"""Personal data is masked in repr, str, format, logs and errors."""

import logging
import pickle

import pytest

from pmi_workflow.privacy import MaskedStr, PersonName, mask_name, mask_nik, mask_value


def test_masks_keep_only_a_few_characters() -> None:
    assert mask_nik("3603121505950002") == "3603**********02"
    assert mask_name("Siti  Aminah") == "S*** A*****"
    assert mask_value("AB", keep_start=4, keep_end=2) == "A*"


def test_masking_never_shows_more_than_half() -> None:
    for length in range(1, 20):
        masked = mask_value("x" * length, keep_start=4, keep_end=2)
        assert masked.count("x") <= length // 2


def test_names_are_masked_in_logs(caplog: pytest.LogCaptureFixture) -> None:
    name = PersonName("Siti Aminah")
    with caplog.at_level(logging.INFO):
        logging.getLogger("pmi_workflow.test").info("applicant %s (%r)", name, name)
    assert "Siti" not in caplog.text
    assert "Aminah" not in caplog.text


def test_an_empty_name_is_refused() -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        PersonName("   ")


def test_masked_values_survive_pickling() -> None:
    name = PersonName("Siti Aminah")
    assert pickle.loads(pickle.dumps(name)) == name


def test_different_kinds_of_masked_values_are_not_equal() -> None:
    assert MaskedStr("Siti") != PersonName("Siti")


def test_library_errors_mask_nik_shaped_numbers_whatever_their_source() -> None:
    from pmi_workflow.errors import InvalidInputError

    error = InvalidInputError.single("cannot open", "file", source="3603121505950002.json")
    assert "3603121505950002" not in str(error)
    assert "3603**********02.json" in str(error)


# -- no personal value reaches any channel ------------------------------------------------

import copy  # noqa: E402
import datetime  # noqa: E402
import json  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from pmi_workflow.cli.app import app  # noqa: E402
from pmi_workflow.domain import parse_case  # noqa: E402
from pmi_workflow.errors import PmiWorkflowError  # noqa: E402
from pmi_workflow.rules import validate_case  # noqa: E402
from pmi_workflow.samples import procedural_case_data  # noqa: E402
from pmi_workflow.store import open_store  # noqa: E402
from pmi_workflow.testing.strategies import niks  # noqa: E402
from pmi_workflow.workflow import Workflow  # noqa: E402

_SKIPPED_LEAVES = {"schema_version", "scheme", "type", "step", "role", "sex", "kind"}


def _string_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _string_paths(value, (*path, key))]
    if isinstance(node, list):
        return [p for index, value in enumerate(node) for p in _string_paths(value, (*path, index))]
    return [path] if isinstance(node, str) and path[-1] not in _SKIPPED_LEAVES else []


def _set(data: Any, path: tuple[Any, ...], value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


_PATHS = _string_paths(procedural_case_data("p2p"))
_WORD = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=9).map(str.capitalize)


@st.composite
def personal_records(draw: st.DrawFn) -> tuple[dict[str, Any], list[str]]:
    """A P2P record with a NIK, a name and a passport number where they belong, the NIK
    in the case id and in any other string fields, and the raw values that must not leak."""
    nik = draw(niks())
    name = f"{draw(_WORD)} {draw(_WORD)}"
    passport = "X" + draw(st.text(alphabet="QWRTZ", min_size=2, max_size=2)) + nik[-5:]
    data = copy.deepcopy(procedural_case_data("p2p"))
    data["case_id"] = draw(st.sampled_from([nik, f"PMI-{nik}", f"{nik}-A"]))
    for event in data["history"]:
        event["case_id"] = data["case_id"]
    data["applicant"]["nik"] = nik
    data["applicant"]["name"] = name
    data["documents"][2]["number"] = passport
    for path in draw(st.lists(st.sampled_from(_PATHS), max_size=6, unique=True)):
        if path[-1] not in {"nik", "name", "number"} and path[0] != "case_id":
            _set(data, path, draw(st.sampled_from([nik, f"x {nik} y", f"{nik}:{name}"])))
    return data, [nik, name, *name.split(), passport]


def _assert_clean(channel: str, text: str, secrets: list[str]) -> None:
    for secret in secrets:
        i = text.find(secret)
        assert secret not in text, f"{secret!r} reached {channel}: {text[max(0, i - 300) : i + 40]}"


COMMANDS = [
    ["validate", "{file}", "--as-of", "2024-06-01"],
    ["audit", "{file}", "--as-of", "2024-06-01"],
    ["impact", "{file}", "--new", "{policy}", "--as-of", "2024-06-01"],
]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(drawn=personal_records())
def test_no_raw_personal_value_reaches_any_channel(
    drawn: tuple[dict[str, Any], list[str]],
    tmp_path_factory: pytest.TempPathFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    data, secrets = drawn
    folder = tmp_path_factory.mktemp("leak")
    file = folder / "cases.jsonl"
    file.write_text(json.dumps(data) + "\n", "utf-8")
    policy = folder / "new.toml"
    policy.write_text("", "utf-8")
    runner = CliRunner()
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        for template in COMMANDS:
            for fmt in ("json", "jsonl", "table"):
                arguments = [part.format(file=file, policy=policy) for part in template] + [
                    "--format",
                    fmt,
                ]
                result = runner.invoke(app, arguments)
                assert result.exit_code in (0, 1, 2)
                _assert_clean(f"{template[0]} --format {fmt} stdout", result.stdout, secrets)
                _assert_clean(f"{template[0]} stderr", result.stderr, secrets)
        store = str(folder / "store.db")
        for arguments in (
            ["store", "import", str(file), "--store", store],
            ["store", "show", "--store", store, "--format", "json"],
            ["store", "show", "--store", store, "--format", "table"],
            ["store", "show", data["case_id"], "--store", store, "--format", "jsonl"],
            ["store", "show", data["case_id"], "--store", store, "--format", "table"],
            ["store", "verify", "--store", store],
            ["report", str(file), "--regency", "3603", "--from", "2024-01-01", "--to",
             "2024-12-31", "--format", "csv"],
            ["report", str(file), "--regency", "3603", "--from", "2024-01-01", "--to",
             "2024-12-31", "--format", "html"],
        ):  # fmt: skip
            result = runner.invoke(app, arguments)
            assert result.exit_code in (0, 1, 2), result.output
            _assert_clean(" ".join(arguments[:2]) + " stdout", result.stdout, secrets)
            _assert_clean(" ".join(arguments[:2]) + " stderr", result.stderr, secrets)
        try:
            case = parse_case(data)
        except PmiWorkflowError as error:
            _assert_clean("exception", str(error), secrets)
            _assert_clean("exception repr", repr(error), secrets)
        else:
            report = validate_case(case, as_of=datetime.date(2024, 6, 1))
            audit = Workflow().audit(case, as_of=datetime.date(2024, 6, 1))
            opened = open_store(store)
            try:
                verify = opened.verify()
            finally:
                opened.close()
            for thing in (case, report, audit, verify, *report.findings):
                _assert_clean(f"repr of {type(thing).__name__}", repr(thing), secrets)
                _assert_clean(f"str of {type(thing).__name__}", str(thing), secrets)
    for record in caplog.records:
        _assert_clean(f"log record {record.name}", record.getMessage(), secrets)


def test_personal_data_appears_only_when_asked_for(tmp_path: Path) -> None:
    data = procedural_case_data("p2p")
    file = tmp_path / "cases.jsonl"
    file.write_text(json.dumps(data) + "\n", "utf-8")
    base = ["report", str(file), "--regency", "3603", "--from", "2024-01-01", "--to", "2024-12-31"]
    plain = CliRunner().invoke(app, [*base, "--format", "json"])
    asked = CliRunner().invoke(app, [*base, "--format", "json", "--include-personal-data"])
    assert data["applicant"]["nik"] not in plain.stdout
    assert data["applicant"]["nik"] in asked.stdout


def test_a_case_id_is_masked_wherever_it_holds_a_nik_like_run() -> None:
    from pmi_workflow.privacy import mask_case_id

    assert mask_case_id("PMI-3603121505950002-A") == "PMI-3603**********02-A"
    assert mask_case_id("36031215059500021") == "3603***********21"
    assert mask_case_id("PMI-360312150595") == "PMI-360312150595"


def test_terminal_text_loses_escape_sequences_and_controls_but_keeps_lines() -> None:
    from pmi_workflow.privacy import safe_text

    assert safe_text("\x1b]0;title\x07a\tb\nc\x1b[31m\x1b[0m\u202e\r") == "a\tb\nc"
    assert safe_text("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\") == "link"


def test_text_for_one_log_line_shows_line_breaks_and_controls_as_escapes() -> None:
    from pmi_workflow.privacy import safe_text

    text = "X\r\n2026-12-01 INFO forged\x1b[2J\t\u2028\x85 3603121505950002"
    assert safe_text(text, one_line=True) == (
        "X\\r\\n2026-12-01 INFO forged\\x1b[2J\\t\\u2028\\x85 3603121505950002"
    )


def test_a_case_id_as_shown_cannot_start_a_line_of_its_own() -> None:
    from pmi_workflow.privacy import mask_case_id

    assert mask_case_id("PMI-3603121505950002\r\nINFO x") == "PMI-3603**********02\\r\\nINFO x"


def test_the_redacting_filter_keeps_a_message_with_line_breaks_on_one_line() -> None:
    from pmi_workflow.privacy import RedactingFilter

    record = logging.LogRecord("x", logging.INFO, "f", 1, "case %s", ("A\nINFO forged",), None)
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "case A\\nINFO forged"


def test_the_redacting_filter_masks_the_formatted_message() -> None:
    from pmi_workflow.privacy import RedactingFilter

    record = logging.LogRecord("x", logging.INFO, "f", 1, "case %s", ("3603121505950002",), None)
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "case 3603**********02"
    broken = logging.LogRecord("x", logging.INFO, "f", 1, "case %d 3603121505950002", ("a",), None)
    RedactingFilter().filter(broken)
    assert broken.getMessage() == "case %d 3603**********02"


def test_a_masked_repr_keeps_the_dataclass_repr_with_the_nik_masked() -> None:
    from dataclasses import dataclass

    from pmi_workflow.privacy import masked_repr

    @masked_repr
    @dataclass(frozen=True, slots=True)
    class Link:
        case_id: str
        version: int

    assert repr(Link("3603121505950002", 2)).endswith("Link(case_id='3603**********02', version=2)")
