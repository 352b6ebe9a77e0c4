"""Cases from the records of a file: the one step between reading and judging.

:func:`read_case` turns one :class:`~pmi_workflow.io.SourceRecord` into its
:class:`~pmi_workflow.domain.Case`, or into the record with the problems that
keep it from being one (each located in the record, so that it can be shown as
the cell or column it was typed in). The batch commands, the reports and the
case store all read cases through it.

>>> import io, json
>>> from pmi_workflow.io import read_records
>>> from pmi_workflow.samples import procedural_case_data
>>> text = json.dumps(procedural_case_data()) + "\\n" + '{"case_id": "X"}' + "\\n"
>>> good, bad = (read_case(record) for record in read_records(io.BytesIO(text.encode()),
...                                                           format="jsonl"))
>>> good.case_id
'CASE-P2P-0001'
>>> bad.position, bad.ok, bad.problems[0].where
('line 2', False, 'scheme')
"""

from __future__ import annotations

import dataclasses

from pmi_workflow.domain import Case, parse_case
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.io import SourceRecord

__all__ = ["read_case"]


def read_case(record: SourceRecord) -> Case | SourceRecord:
    """The case in ``record``, or the record (decoded) carrying the problems that keep it from
    being a case: it could not be read, or its content is not a valid case record.

    A record read with ``defer_decoding`` is decoded here, where it is judged (in a worker
    process, for a batch run on several).
    """
    record = record.decode()
    if not record.ok or record.data is None:
        return record
    try:
        return parse_case(record.data)
    except InvalidInputError as error:
        return dataclasses.replace(record, problems=tuple(error.problems))
