"""The per-record work of the batch commands, as picklable functions.

Each job turns one :class:`~pmi_workflow.io.SourceRecord` into one result
dictionary (JSON-compatible, personal data masked) and never raises for a bad
record: the record's problems become the result. Jobs carry their settings in
a small frozen :class:`Settings`, so they can run in worker processes.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pmi_workflow.domain import Case
from pmi_workflow.errors import InputProblem, PmiWorkflowError
from pmi_workflow.io import SourceRecord
from pmi_workflow.labels import problem_text
from pmi_workflow.policy import Policy
from pmi_workflow.privacy import mask_case_id
from pmi_workflow.records import read_case
from pmi_workflow.rules import validate_case
from pmi_workflow.rules.registry import FileLicenceRegistry

__all__ = [
    "STATUS_INVALID",
    "STATUS_NON_PROCEDURAL",
    "STATUS_PROCEDURAL",
    "Settings",
    "audit_record",
    "impact_record",
    "load_policy",
    "load_registry",
    "parse_record",
    "validate_record",
]

_log = logging.getLogger(__name__)

STATUS_PROCEDURAL = "procedural"
STATUS_NON_PROCEDURAL = "non_procedural"
STATUS_INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class Settings:
    """What a batch job needs besides the record: the date judged, the policy files and
    the licence data file (``registry_file``), by name so that worker processes load them."""

    as_of: datetime.date
    policy_files: tuple[str, ...] = ()
    new_policy_files: tuple[str, ...] = ()
    registry_file: str | None = None


@lru_cache(maxsize=8)
def load_policy(files: tuple[str, ...]) -> Policy:
    """The default policy with ``files`` laid over it (cached per process)."""
    return Policy.load(*files) if files else Policy.default()


@lru_cache(maxsize=8)
def load_registry(file: str | None) -> FileLicenceRegistry | None:
    """The licence data in ``file`` (JSON or TOML), or ``None`` without one (cached per process).

    A file that cannot be read or holds a bad entry raises
    :class:`~pmi_workflow.errors.InvalidInputError` naming the file.
    """
    return FileLicenceRegistry.from_file(file) if file is not None else None


def _problems(
    problems: tuple[InputProblem, ...] | list[InputProblem], record: SourceRecord | None = None
) -> list[dict[str, str]]:
    """Problems as result data: where (the cell or column the value was typed in), and the
    message in English and Indonesian."""
    return [
        {
            "where": record.place(problem.location) if record is not None else problem.where,
            "message": problem.message,
            "message_id": problem_text(problem.kind, problem.message, "id"),
            "kind": problem.kind,
        }
        for problem in problems
    ]


def _head(record: SourceRecord) -> dict[str, Any]:
    case_id = None
    if record.data is not None:
        value = record.data.get("case_id")
        if isinstance(value, str) and 0 < len(value) <= 100 and value.isprintable():
            case_id = mask_case_id(value)
    return {"source": record.source, "position": record.position, "case_id": case_id}


def _invalid(record: SourceRecord, problems: list[dict[str, str]]) -> dict[str, Any]:
    return {**_head(record), "status": STATUS_INVALID, "problems": problems, "findings": []}


def parse_record(record: SourceRecord) -> Case | dict[str, Any]:
    """The case in a record, or the ``invalid`` result that says why there is none."""
    found = read_case(record)
    if isinstance(found, Case):
        return found
    return _invalid(found, _problems(found.problems, found))


def _unexpected(record: SourceRecord, error: Exception, case_id: str) -> dict[str, Any]:
    """A record that could be read but not judged: reported on the record, the batch goes on.

    The library's own messages are masked by design; any other error is named
    by its type only, so no value from the record can leak.
    """
    _log.warning("record %s could not be judged: %s", record.position, type(error).__name__)
    if isinstance(error, PmiWorkflowError):
        problem = {
            "where": "<root>",
            "message": str(error),
            "message_id": "berkas tidak dapat dinilai",
            "kind": error.code,
        }
    else:
        problem = {
            "where": "<root>",
            "message": f"the case could not be judged ({type(error).__name__})",
            "message_id": "berkas tidak dapat dinilai",
            "kind": "internal_error",
        }
    return {**_invalid(record, [problem]), "case_id": case_id}


def validate_record(settings: Settings, record: SourceRecord) -> dict[str, Any]:
    """Validate one dossier record: its verdict and findings, or why it could not be read."""
    case = parse_record(record)
    if isinstance(case, dict):
        return case
    try:
        report = validate_case(
            case,
            as_of=settings.as_of,
            policy=load_policy(settings.policy_files),
            registry=load_registry(settings.registry_file),
        )
    except Exception as error:  # one record must never stop a batch
        return _unexpected(record, error, mask_case_id(case.case_id))
    return {
        **_head(record),
        "case_id": mask_case_id(case.case_id),
        "status": report.verdict,
        "as_of": report.as_of.isoformat(),
        "policy_versions": list(report.policy_versions),
        "findings": [finding.to_dict() for finding in report.findings],
        "problems": [],
    }


def audit_record(settings: Settings, record: SourceRecord) -> dict[str, Any]:
    """Audit one recorded history: replay every event by the policy of its day.

    The result adds the step reached (``state``) and the number of events.
    """
    case = parse_record(record)
    if isinstance(case, dict):
        return case
    try:
        from pmi_workflow.cli import engine

        outcome = engine.audit(
            case,
            as_of=settings.as_of,
            policy=load_policy(settings.policy_files),
            registry=load_registry(settings.registry_file),
        )
    except Exception as error:  # one record must never stop a batch
        return _unexpected(record, error, mask_case_id(case.case_id))
    return {
        **_head(record),
        "case_id": mask_case_id(case.case_id),
        "status": outcome.verdict,
        "as_of": settings.as_of.isoformat(),
        "state": outcome.state,
        "events": len(case.history),
        "events_judged": outcome.events_judged,
        "policy_versions": list(outcome.policy_versions),
        "findings": [finding.to_dict() for finding in outcome.findings],
        "problems": [],
    }


def impact_record(settings: Settings, record: SourceRecord) -> dict[str, Any]:
    """Judge one case under the old and the new policy, and say what changed."""
    case = parse_record(record)
    if isinstance(case, dict):
        return case
    try:
        registry = load_registry(settings.registry_file)
        old = validate_case(
            case,
            as_of=settings.as_of,
            policy=load_policy(settings.policy_files),
            registry=registry,
        )
        new = validate_case(
            case,
            as_of=settings.as_of,
            policy=load_policy(settings.new_policy_files),
            registry=registry,
        )
    except Exception as error:  # one record must never stop a batch
        return _unexpected(record, error, mask_case_id(case.case_id))
    old_codes, new_codes = set(old.codes), set(new.codes)
    return {
        **_head(record),
        "case_id": mask_case_id(case.case_id),
        "status": new.verdict,
        "before": old.verdict,
        "after": new.verdict,
        "verdict_changed": old.verdict != new.verdict,
        "added": sorted(new_codes - old_codes),
        "removed": sorted(old_codes - new_codes),
        "findings": [finding.to_dict() for finding in new.findings],
        "problems": [],
    }
