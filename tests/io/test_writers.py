"""Streaming writers produce valid JSON, JSONL and CSV."""

from __future__ import annotations

import io
import json

from pmi_workflow.io import CsvWriter, JsonlWriter, JsonWriter, flatten, header_of, read_records
from pmi_workflow.samples import procedural_case_data


def test_the_json_writer_writes_a_valid_array() -> None:
    out = io.StringIO()
    with JsonWriter(out) as writer:
        for number in range(3):
            writer.write({"n": number, "kota": "Tangerang"})
    assert json.loads(out.getvalue()) == [{"n": n, "kota": "Tangerang"} for n in range(3)]


def test_the_json_writer_writes_an_empty_array_for_no_records() -> None:
    out = io.StringIO()
    JsonWriter(out).close()
    assert json.loads(out.getvalue()) == []


def test_the_jsonl_writer_writes_one_object_per_line() -> None:
    out = io.StringIO()
    with JsonlWriter(out) as writer:
        writer.write({"a": 1})
        writer.write({"b": "é"})
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [{"a": 1}, {"b": "é"}]


def test_csv_written_by_the_writer_reads_back_through_the_reader() -> None:
    records = [procedural_case_data("p2p"), procedural_case_data("ukps")]
    out = io.StringIO(newline="")
    with CsvWriter(out, header_of(flatten(record) for record in records)) as writer:
        for record in records:
            writer.write(record)
    back = list(read_records(io.BytesIO(out.getvalue().encode()), format="csv"))
    assert [r.data["case_id"] for r in back if r.data] == ["CASE-P2P-0001", "CASE-UKPS-0001"]
    assert all(r.ok for r in back)


# -- formula injection (OWASP: CSV injection) ----------------------------------------------

import csv as _csv  # noqa: E402
import io as _io  # noqa: E402

import pytest  # noqa: E402

from pmi_workflow.io import CsvWriter as _CsvWriter  # noqa: E402
from pmi_workflow.io import read_records as _read_records  # noqa: E402

_FORMULAS = ['=HYPERLINK("http://x","OK")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("value", _FORMULAS)
def test_a_cell_that_starts_a_formula_is_written_as_text(value: str) -> None:
    out = _io.StringIO()
    with _CsvWriter(out, ["case_id", "note"]) as writer:
        writer.write({"case_id": "C-1", "note": value})
    rows = list(_csv.reader(_io.StringIO(out.getvalue())))
    assert rows[1] == ["C-1", "'" + value]


@pytest.mark.parametrize("value", _FORMULAS[:4])
def test_an_escaped_cell_reads_back_as_written(value: str) -> None:
    out = _io.StringIO()
    with _CsvWriter(out, ["case_id", "note"]) as writer:
        writer.write({"case_id": "C-1", "note": value})
    [record] = _read_records(_io.BytesIO(out.getvalue().encode()), format="csv")
    assert record.data == {"case_id": "C-1", "note": value}


def test_a_harmless_cell_is_left_alone() -> None:
    out = _io.StringIO()
    with _CsvWriter(out, ["case_id", "phone"]) as writer:
        writer.write({"case_id": "C-1", "phone": "081234567890"})
    assert out.getvalue().splitlines()[1] == "C-1,081234567890"
