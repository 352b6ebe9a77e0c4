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
