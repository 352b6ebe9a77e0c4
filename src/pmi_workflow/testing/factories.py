"""Factories: valid, procedural cases of any scheme at any step, with overrides.

Built on the synthetic samples in :mod:`pmi_workflow.samples` (made-up NIKs
that are valid in form, invented names). A case "at a step" keeps the
history up to and including that step and only the documents that existed
by then.

>>> case = make_case("p2p", step="selected")
>>> tuple(event.step.value for event in case.history)
('informed', 'registered', 'selected')
>>> tuple(document.id for document in case.documents)
('msc-1', 'consent-1')
>>> make_case("p2p", applicant__birth_date="2008-01-01").applicant.birth_date
datetime.date(2008, 1, 1)
>>> visit = make_case("p2p", documents={"visa-1": {"visa_type": "visit"}})
>>> visit.document("visa-1").visa_type
<VisaType.VISIT: 'visit'>
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from typing import Any

from pmi_workflow.domain import Case, parse_case
from pmi_workflow.enums import Step
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data

__all__ = ["case_data", "make_case", "synthetic_nik"]

_IDS = uuid.UUID("0c9b1d6e-5a7f-4c0e-9a51-7f4f0d1e2b3c")


def _set_path(data: dict[str, Any], path: list[str], value: Any) -> None:
    target: Any = data
    for index, part in enumerate(path[:-1]):
        if isinstance(target, list):
            target = target[int(part)]
            continue
        if part not in target or target[part] is None:
            target[part] = {}
        target = target[part]
        if not isinstance(target, (dict, list)):
            raise KeyError(f"cannot set {'.'.join(path)}: {'.'.join(path[: index + 1])} is a value")
    last = path[-1]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


def case_data(
    scheme: str = "p2p",
    step: Step | str | None = None,
    *,
    documents: Mapping[str, Mapping[str, Any] | None] | None = None,
    drop_steps: tuple[Step | str, ...] = (),
    **changes: Any,
) -> dict[str, Any]:
    """The JSON-like data of :func:`make_case`, for tests that build invalid records.

        ``changes`` are paths with ``__`` between the parts
        (``applicant__birth_date="2008-01-01"``, ``executor__sip3mi__revoked_on=...``);
        ``documents`` maps a document id to field overrides, or to ``None`` to drop
        it (a new id adds a document, which must then give its ``type``);
        ``drop_steps`` removes events of those steps from the history. A new
    ``case_id`` is carried into the history, whose events get new ids.
    """
    data = procedural_case_data(scheme)
    if step is not None:
        wanted = Step.parse(step)
        steps = [event["step"] for event in data["history"]]
        if wanted.value not in steps:
            raise ValueError(
                f"the {scheme} sample has no step {wanted.value!r}; it has {', '.join(steps)}"
            )
        cut = steps.index(wanted.value) + 1
        later_evidence = {ref for event in data["history"][cut:] for ref in event["evidence"]}
        earlier_evidence = {ref for event in data["history"][:cut] for ref in event["evidence"]}
        data["history"] = data["history"][:cut]
        data["documents"] = [
            document
            for document in data["documents"]
            if document["id"] in earlier_evidence or document["id"] not in later_evidence
        ]
    dropped = {Step.parse(item).value for item in drop_steps}
    if dropped:
        kept = [event for event in data["history"] if event["step"] not in dropped]
        for sequence, event in enumerate(kept, start=1):
            event["sequence"] = sequence
        data["history"] = kept
    for doc_id, fields in (documents or {}).items():
        existing = [document for document in data["documents"] if document["id"] == doc_id]
        if fields is None:
            data["documents"] = [d for d in data["documents"] if d["id"] != doc_id]
        elif existing:
            existing[0].update(fields)
        else:
            data["documents"].append({"id": doc_id, **fields})
    original_id = data["case_id"]
    for key, value in changes.items():
        _set_path(data, key.split("__"), value)
    if data["case_id"] != original_id:  # a new case: its events follow, with their own ids
        for event in data["history"]:
            event["case_id"] = data["case_id"]
            event["event_id"] = str(uuid.uuid5(_IDS, f"{data['case_id']}/{event['sequence']}"))
    return data


def make_case(
    scheme: str = "p2p",
    step: Step | str | None = None,
    *,
    documents: Mapping[str, Mapping[str, Any] | None] | None = None,
    drop_steps: tuple[Step | str, ...] = (),
    **changes: Any,
) -> Case:
    """A procedural :class:`~pmi_workflow.domain.Case` of ``scheme``, at ``step``, with changes.

    Without ``step`` the case is complete (departed, registered abroad and
    working). See :func:`case_data` for the override arguments.
    """
    if scheme not in PROCEDURAL_SCHEMES:
        raise ValueError(
            f"unknown scheme {scheme!r}; choose one of {', '.join(PROCEDURAL_SCHEMES)}"
        )
    return parse_case(
        case_data(scheme, step, documents=documents, drop_steps=drop_steps, **changes)
    )


def synthetic_nik(
    birth_date: datetime.date, *, female: bool = False, region: str = "360312", serial: int = 1
) -> str:
    """A NIK that is valid in form for a made-up person (never a real person's number).

    >>> synthetic_nik(datetime.date(1990, 5, 31), female=True)
    '3603127105900001'
    """
    if not (len(region) == 6 and region.isdigit()):
        raise ValueError("region is the 6-digit PPRRSS code")
    if not 0 <= serial <= 9999:
        raise ValueError("serial is 0 to 9999")
    day = birth_date.day + (40 if female else 0)
    return f"{region}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{serial:04d}"
