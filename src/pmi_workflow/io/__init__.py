"""Reading and writing case records and histories in bulk: JSON, JSONL and CSV.

Pure standard library. :func:`read_records` streams the records of a file
(every record yields exactly one :class:`SourceRecord`, bad ones with the
problem and its line or row); the writers stream results out;
:func:`ordered_map` runs work on several processes keeping input order.

>>> import io
>>> records = read_records(io.BytesIO(b'[{"case_id": "A"}, {"case_id": "B"}]'), format="json")
>>> [(record.position, record.data["case_id"]) for record in records]
[('item 1', 'A'), ('item 2', 'B')]
"""

from pmi_workflow.io.batch import WorkerFailedError, ordered_map
from pmi_workflow.io.flat import flatten, header_of, unflatten
from pmi_workflow.io.readers import (
    FORMATS,
    MAX_RECORD_BYTES,
    InputFormat,
    SourceRecord,
    detect_format,
    read_records,
)
from pmi_workflow.io.writers import (
    CsvWriter,
    JsonlWriter,
    JsonWriter,
    RecordWriter,
    escape_cell,
    to_json_line,
    unescape_cell,
)

__all__ = [
    "FORMATS",
    "MAX_RECORD_BYTES",
    "CsvWriter",
    "InputFormat",
    "JsonWriter",
    "JsonlWriter",
    "RecordWriter",
    "SourceRecord",
    "WorkerFailedError",
    "detect_format",
    "escape_cell",
    "flatten",
    "header_of",
    "ordered_map",
    "read_records",
    "to_json_line",
    "unescape_cell",
    "unflatten",
]
