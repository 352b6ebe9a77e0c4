"""Reading case records from JSON, JSONL and CSV: every record out once, bad ones explained."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.io import SourceRecord, detect_format, read_records
from pmi_workflow.io.readers import MAX_RECORD_BYTES
from pmi_workflow.samples import procedural_case_data

NIK = "3603121505950002"


def _read(data: bytes, fmt: str | None = None, name: str = "input") -> list[SourceRecord]:
    return list(read_records(io.BytesIO(data), format=fmt, name=name))  # type: ignore[arg-type]


def _messages(record: SourceRecord) -> list[str]:
    return [problem.message for problem in record.problems]


# -- JSON ------------------------------------------------------------------------------


def test_a_json_file_with_one_case_gives_one_record() -> None:
    data = json.dumps(procedural_case_data("p2p"), indent=2).encode()
    [record] = _read(data, "json")
    assert record.ok
    assert record.position == "item 1"
    assert record.data is not None
    assert record.data["case_id"] == "CASE-P2P-0001"


def test_a_json_array_gives_each_item_with_its_starting_line() -> None:
    data = b'[\n  {"case_id": "A"},\n\n  {"case_id": "B"}\n]\n'
    records = _read(data, "json")
    assert [(r.position, r.line, r.data) for r in records] == [
        ("item 1", 2, {"case_id": "A"}),
        ("item 2", 4, {"case_id": "B"}),
    ]


def test_a_json_array_item_that_is_not_an_object_is_reported_and_reading_goes_on() -> None:
    records = _read(b'[{"case_id": "A"}, 42, {"case_id": "C"}]', "json")
    assert [r.ok for r in records] == [True, False, True]
    assert _messages(records[1]) == ["a case record must be a JSON object"]


def test_broken_json_in_an_array_is_reported_with_its_line_and_ends_the_file() -> None:
    records = _read(b'[{"case_id": "A"},\n{"case_id": \n', "json")
    assert records[0].ok
    assert records[1].position == "item 2"
    assert not records[1].ok
    assert "the rest of the file cannot be read" in _messages(records[1])[0]
    assert len(records) == 2


def test_an_empty_json_array_gives_no_records() -> None:
    assert _read(b"  []  ", "json") == []


def test_an_empty_json_file_is_reported() -> None:
    [record] = _read(b"", "json")
    assert _messages(record) == ["the file is empty"]


def test_text_after_a_json_array_is_reported() -> None:
    records = _read(b'[{"case_id": "A"}] trailing', "json")
    assert records[0].ok
    assert _messages(records[1]) == ["text after the end of the array"]


def test_non_utf8_json_is_reported_not_raised() -> None:
    records = _read(b'[{"case_id": "\xff\xfe"}]', "json")
    assert not records[-1].ok
    assert records[-1].problems[0].kind == "encoding"


def test_json_items_larger_than_the_read_chunk_are_read_whole() -> None:
    big = {"case_id": "BIG", "note": "x" * 200_000}
    data = json.dumps([big, {"case_id": "NEXT"}]).encode()
    records = _read(data, "json")
    assert [r.data["case_id"] for r in records if r.data] == ["BIG", "NEXT"]
    assert records[0].data is not None
    assert len(records[0].data["note"]) == 200_000


def test_a_number_split_across_chunks_is_not_cut_in_two() -> None:
    # The item after the padding straddles the 64 KiB chunk boundary.
    padding = " " * (64 * 1024 - 3)
    records = _read(f"[{padding}123456789]".encode(), "json")
    assert len(records) == 1
    assert _messages(records[0]) == ["a case record must be a JSON object"]


def test_a_large_json_array_is_read_in_constant_memory(tmp_path: Path) -> None:
    case = json.dumps(procedural_case_data("p2p"))
    path = tmp_path / "cases.json"
    with path.open("w") as handle:
        handle.write("[\n")
        handle.write(",\n".join(case for _ in range(3000)))
        handle.write("\n]\n")
    assert path.stat().st_size > 20_000_000
    tracemalloc.start()
    count = sum(1 for record in read_records(path) if record.ok)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 3000
    assert peak < 5_000_000


# -- JSONL -----------------------------------------------------------------------------


def test_a_bad_jsonl_line_is_reported_with_its_number_and_reading_goes_on() -> None:
    data = b'{"case_id": "A"}\n{oops\n\n{"case_id": "C"}\n'
    records = _read(data, "jsonl")
    assert [(r.position, r.ok) for r in records] == [
        ("line 1", True),
        ("line 2", False),
        ("line 4", True),
    ]
    assert records[1].problems[0].kind == "json"


def test_a_jsonl_line_that_is_not_an_object_is_reported() -> None:
    [record] = _read(b"[1, 2]\n", "jsonl")
    assert _messages(record) == ["a case record must be a JSON object"]


def test_deferred_jsonl_records_decode_to_the_same_records() -> None:
    data = b'{"case_id": "A"}\n{oops\n\n[1]\n'
    eager = _read(data, "jsonl")
    deferred = list(read_records(io.BytesIO(data), format="jsonl", name="input",
                                 defer_decoding=True))  # fmt: skip
    assert all(record.data is None and record.raw for record in deferred)
    assert [record.decode() for record in deferred] == eager


def test_a_byte_order_mark_is_ignored_in_jsonl() -> None:
    [record] = _read(b'\xef\xbb\xbf{"case_id": "A"}\n', "jsonl")
    assert record.ok


def test_a_non_utf8_jsonl_line_is_reported_and_reading_goes_on() -> None:
    records = _read(b'{"case_id": "\xff"}\n{"case_id": "B"}\n', "jsonl")
    assert records[0].problems[0].kind == "encoding"
    assert records[1].ok


def test_an_overlong_jsonl_line_is_reported_without_reading_it_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("pmi_workflow.io.readers.MAX_RECORD_BYTES", 1000)
    records = _read(b'{"note": "' + b"x" * 5000 + b'"}\n{"case_id": "B"}\n', "jsonl")
    assert records[0].problems[0].kind == "too_large"
    assert records[1].ok
    assert records[1].position == "line 2"
    assert MAX_RECORD_BYTES == 16 * 1024 * 1024


def test_a_broken_jsonl_record_never_echoes_the_nik() -> None:
    [record] = _read(f'{{"applicant": {{"nik": "{NIK}"}}, oops}}\n'.encode(), "jsonl")
    assert NIK not in str(record.problems)


# -- CSV -------------------------------------------------------------------------------


def test_csv_rows_become_nested_records_numbered_as_in_a_spreadsheet() -> None:
    data = (
        "case_id,applicant.nik,applicant.birth_date,documents.0.type,documents.0.id\n"
        f"C-1,{NIK},15 Mei 1995,passport,p-1\n"
        "C-2,,,,\n"
    ).encode()
    records = _read(data, "csv")
    assert [r.position for r in records] == ["row 2", "row 3"]
    assert records[0].data == {
        "case_id": "C-1",
        "applicant": {"nik": NIK, "birth_date": "15 Mei 1995"},
        "documents": [{"type": "passport", "id": "p-1"}],
    }
    assert records[1].data == {"case_id": "C-2"}


def test_semicolon_separated_csv_with_a_byte_order_mark_is_read() -> None:
    data = "\ufeffcase_id;destination\nC-1;MY\n".encode()
    [record] = _read(data, "csv")
    assert record.data == {"case_id": "C-1", "destination": "MY"}


def test_blank_csv_rows_are_skipped_but_keep_the_row_numbers() -> None:
    records = _read(b"case_id\nA\n\nB\n", "csv")
    assert [(r.position, r.data) for r in records] == [
        ("row 2", {"case_id": "A"}),
        ("row 4", {"case_id": "B"}),
    ]


def test_a_csv_row_with_too_many_cells_is_reported_and_reading_goes_on() -> None:
    records = _read(b"case_id,scheme\nA,p2p,extra\nB,p2p\n", "csv")
    assert _messages(records[0]) == ["3 cells but only 2 columns"]
    assert records[1].ok


def test_contradicting_csv_columns_are_named() -> None:
    [record] = _read(b"applicant,applicant.nik\nx,1\n", "csv")
    assert record.problems[0].where == "applicant"


def test_a_csv_header_with_a_repeated_column_is_reported() -> None:
    [record] = _read(b"case_id,case_id\nA,B\n", "csv")
    assert record.position == "row 1"
    assert "case_id" in _messages(record)[0]


def test_a_non_utf8_csv_row_is_reported_and_reading_goes_on() -> None:
    records = _read(b"case_id\n\xff\nB\n", "csv")
    assert records[0].problems[0].kind == "encoding"
    assert records[1].data == {"case_id": "B"}


def test_an_unclosed_quote_in_csv_is_reported_not_swallowed_silently() -> None:
    [record] = _read(b'case_id,note\nA,"never closed\nB,y\n', "csv")
    assert record.position == "row 2"
    assert "never closed" in _messages(record)[0]


def test_a_malformed_csv_row_is_reported_and_reading_goes_on() -> None:
    records = _read(b'case_id,note\nA,"q"z\nB,ok\n', "csv")
    assert records[0].problems[0].kind == "csv"
    assert records[1].data == {"case_id": "B", "note": "ok"}


def test_an_oversized_csv_cell_is_reported_and_reading_goes_on() -> None:
    records = _read(b"case_id,note\nA," + b"x" * 200_000 + b"\nB,y\n", "csv")
    assert "field limit" in _messages(records[0])[0]
    assert records[1].data == {"case_id": "B", "note": "y"}


def test_a_csv_with_quoted_newlines_keeps_row_numbers_and_lines() -> None:
    records = _read(b'case_id,note\nA,"two\nlines"\nB,x\n', "csv")
    assert [(r.position, r.line) for r in records] == [("row 2", 2), ("row 3", 4)]


# -- files and formats -----------------------------------------------------------------


def test_a_missing_file_raises_a_clear_error() -> None:
    with pytest.raises(InvalidInputError, match="cannot open the file"):
        list(read_records("/nonexistent/cases.jsonl"))


def test_the_format_is_taken_from_the_suffix_then_from_the_content() -> None:
    assert detect_format("x.csv") == "csv"
    assert detect_format("x.JSON") == "json"
    assert detect_format("x.data", b"[]") == "json"
    assert detect_format("x.data", b'{"a": 1}\n{"a": 2}') == "jsonl"
    assert detect_format("x.data", b'{\n  "a": 1\n}') == "json"
    assert detect_format("x.data", b"case_id\n") == "csv"


def test_a_stream_without_a_format_is_sniffed_and_read_whole() -> None:
    data = b"\n".join(b'{"case_id": "C-%d"}' % i for i in range(5000))
    records = _read(data, None, name="-")
    assert len(records) == 5000
    assert records[-1].data == {"case_id": "C-4999"}


def test_a_record_error_names_file_and_position() -> None:
    [record] = _read(b"[1]\n", "jsonl", name="cases.jsonl")
    assert str(record.error()).startswith("invalid input in cases.jsonl line 1:")


def test_an_empty_input_of_unknown_format_is_reported_as_empty() -> None:
    [record] = _read(b"  \n", None, name="-")
    assert _messages(record) == ["the input is empty"]


_TOO_LONG = b'{"case_id": "X", "schema_version": 1' + b"0" * 5000 + b"}"
_TWICE = b'{"case_id": "X", "applicant": {"birth_date": "2006-08-01", "birth_date": "1990-01-01"}}'


@pytest.mark.parametrize("defer", [False, True], ids=["decoded", "deferred"])
def test_a_too_long_number_or_a_repeated_key_is_one_bad_line_and_reading_goes_on(
    defer: bool,
) -> None:
    data = b'{"case_id": "A"}\n' + _TOO_LONG + b"\n" + _TWICE + b'\n{"case_id": "B"}\n'
    records = [
        record.decode()
        for record in read_records(io.BytesIO(data), format="jsonl", defer_decoding=defer)
    ]
    assert [(record.position, record.ok) for record in records] == [
        ("line 1", True), ("line 2", False), ("line 3", False), ("line 4", True),
    ]  # fmt: skip
    assert [str(problem) for record in records[1:3] for problem in record.problems] == [
        "schema_version: a number in the record is too long",
        "applicant.birth_date: the key appears twice",
    ]


def test_a_too_long_number_or_a_repeated_key_in_a_json_array_spares_the_other_items() -> None:
    data = b'[{"case_id": "A"},\n' + _TOO_LONG + b",\n" + _TWICE + b',\n{"case_id": "B"}]'
    records = list(read_records(io.BytesIO(data), format="json"))
    assert [(record.position, record.line, record.ok) for record in records] == [
        ("item 1", 1, True), ("item 2", 2, False), ("item 3", 3, False), ("item 4", 4, True),
    ]  # fmt: skip
    assert [problem.kind for record in records[1:3] for problem in record.problems] == [
        "number_too_long",
        "duplicate_key",
    ]


def test_a_csv_without_a_header_row_repeats_no_value_of_its_first_row() -> None:
    # A one-word name in lower case, a village and a destination where the names should be.
    row = "sutrisno,cikupa,MY,sutrisno,cikupa,MY,case_id,case_id\n"
    records = list(read_records(io.BytesIO((row + row).encode()), format="csv"))
    text = " ".join(str(problem) for record in records for problem in record.problems)
    assert "'case_id'" in text
    assert "3 columns that are not field names" in text
    for value in ("sutrisno", "cikupa", "MY"):
        assert value not in text


def test_a_csv_without_a_header_row_and_no_repeated_cell_names_no_value_either() -> None:
    from pmi_workflow.domain import parse_case
    from pmi_workflow.errors import InvalidInputError

    row = "sutrisno,cikupa.x,cikupa.x.y\n"
    problems = []
    for record in read_records(io.BytesIO((row + row).encode()), format="csv"):
        if record.ok:
            with pytest.raises(InvalidInputError) as caught:
                parse_case(record.data or {})
            problems += caught.value.problems
        problems += record.problems
    assert problems
    assert not any("sutrisno" in str(problem) or "cikupa" in str(problem) for problem in problems)
