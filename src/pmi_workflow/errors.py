"""The library's exceptions: one root and a small tree that carries data.

Every exception raised on purpose by :mod:`pmi_workflow` derives from
:class:`PmiWorkflowError`. Each carries a stable ``code`` and structured data
(``problems``, ``findings``, ...) so callers can react without parsing text.
Messages never contain personal data: identifiers and names are masked or
left out.

>>> try:
...     raise InvalidInputError([InputProblem(("applicant", "birth_date"), "not a date", "date")])
... except PmiWorkflowError as error:
...     print(error)
...     print(error.problems[0].where)
invalid input: applicant.birth_date: not a date
applicant.birth_date
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pmi_workflow.privacy import redact

if TYPE_CHECKING:
    from pmi_workflow.findings import Finding

__all__ = [
    "CaseNotFoundError",
    "ConcurrencyConflictError",
    "DefinitionError",
    "InputProblem",
    "InvalidInputError",
    "PmiWorkflowError",
    "PolicyError",
    "ProcedureViolation",
    "StoreError",
    "TamperDetectedError",
    "UnsupportedSchemaVersionError",
]


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One problem in one place of an input.

    ``location`` is the path to the offending value (field names and list
    indices), ``message`` says what is wrong in plain words and never repeats
    the value, ``kind`` is a stable machine-readable type such as ``"date"`` or
    ``"nik.invalid_length"``.
    """

    location: tuple[str | int, ...]
    message: str
    kind: str

    @property
    def where(self) -> str:
        """The location as a dotted path (``documents.2.expires_on``), or ``<root>``."""
        return ".".join(str(part) for part in self.location) or "<root>"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class PmiWorkflowError(Exception):
    """Root of every error raised by pmi-workflow."""

    code: str = "error"

    def __init__(self, message: str) -> None:
        message = redact(message)  # no NIK-shaped number leaves in a message, whatever its source
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInputError(PmiWorkflowError, ValueError):
    """Input that cannot be accepted: wrong type, impossible date, bad identifier.

    ``problems`` lists every problem found, each with its location. ``source``
    names where the input came from (a file name, ``line 12``), when known.
    """

    code = "invalid_input"

    def __init__(self, problems: Iterable[InputProblem], *, source: str | None = None) -> None:
        self.problems: tuple[InputProblem, ...] = tuple(problems)
        self.source = source
        shown = "; ".join(str(problem) for problem in self.problems[:10])
        more = len(self.problems) - 10
        if more > 0:
            shown += f"; and {more} more"
        prefix = f"invalid input in {source}" if source else "invalid input"
        super().__init__(f"{prefix}: {shown}" if shown else prefix)

    @classmethod
    def single(
        cls,
        message: str,
        kind: str,
        location: Sequence[str | int] = (),
        *,
        source: str | None = None,
    ) -> InvalidInputError:
        """An error with one problem."""
        return cls([InputProblem(tuple(location), message, kind)], source=source)


class UnsupportedSchemaVersionError(InvalidInputError):
    """A case record written with a schema version this release cannot read."""

    code = "unsupported_schema_version"


class PolicyError(PmiWorkflowError):
    """A policy file or policy value is wrong. Names the file, the key and the problem."""

    code = "policy_error"

    def __init__(self, problem: str, *, file: str | None = None, key: str | None = None) -> None:
        self.problem = problem
        self.file = file
        self.key = key
        where = " ".join(part for part in (file, f"[{key}]" if key else None) if part)
        super().__init__(f"{where}: {problem}" if where else problem)


class DefinitionError(PmiWorkflowError):
    """A workflow definition is inconsistent (checked when it is built)."""

    code = "definition_error"

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("invalid workflow definition: " + "; ".join(self.problems))


class ProcedureViolation(PmiWorkflowError):  # noqa: N818 - the name the procedure uses
    """A step was refused because the procedure was not followed.

    ``findings`` are everything the step's gate found, each with its code,
    legal basis and message in Indonesian and English; ``errors`` are the ones
    that refused it.
    """

    code = "procedure_violation"

    def __init__(self, step: str, findings: Sequence[Finding]) -> None:
        self.step = step
        self.findings: tuple[Finding, ...] = tuple(findings)
        refusing = self.errors or self.findings
        codes = ", ".join(sorted({finding.code for finding in refusing}))
        super().__init__(f"step {step!r} refused: {codes}")

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error findings that refused the step."""
        return tuple(finding for finding in self.findings if finding.is_error)


class StoreError(PmiWorkflowError):
    """A case store failed (driver errors are re-raised as this)."""

    code = "store_error"


class CaseNotFoundError(StoreError, KeyError):
    """No case with that id in the store."""

    code = "case_not_found"

    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        super().__init__(f"no case with id {case_id!r}")

    def __str__(self) -> str:
        return self.message


class ConcurrencyConflictError(StoreError):
    """Someone else appended to the case first: reload and try again."""

    code = "concurrency_conflict"

    def __init__(self, case_id: str, expected_version: int, actual_version: int) -> None:
        self.case_id = case_id
        self.expected_version = expected_version
        self.actual_version = actual_version
        super().__init__(
            f"case {case_id!r} is at version {actual_version}, expected {expected_version}"
        )


class TamperDetectedError(StoreError):
    """A stored event does not match its hash chain."""

    code = "tamper_detected"

    def __init__(self, case_id: str, version: int, reason: str, **data: Any) -> None:
        self.case_id = case_id
        self.version = version
        self.reason = reason
        self.data = data
        super().__init__(f"case {case_id!r} event {version}: {reason}")
