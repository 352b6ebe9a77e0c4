"""Errors as RFC 9457 problem details (``application/problem+json``), never echoing input.

Every error body has ``type``, ``title``, ``status`` and ``detail``; input
problems add ``errors`` (each with a JSON ``pointer``, the dotted ``where``, a
``message`` and a stable ``kind``), refused steps add ``findings``. Messages
come from the library (which masks personal data) or from fixed texts: a value
sent by the client is never repeated.

>>> body = problem_body(404, "case-not-found", "no case with this id")
>>> body["type"], body["title"], body["status"]
('https://pmi-workflow.org/problems/case-not-found', 'Not Found', 404)
>>> pointer(("documents", 2, "expires_on"))
'/documents/2/expires_on'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from http import HTTPStatus
from typing import Any

from starlette.responses import JSONResponse

from pmi_workflow.errors import InputProblem
from pmi_workflow.findings import Finding
from pmi_workflow.privacy import redact, redact_data

__all__ = [
    "PROBLEM_JSON",
    "PROBLEM_SCHEMA",
    "input_errors",
    "pointer",
    "problem",
    "problem_body",
]

PROBLEM_JSON = "application/problem+json"
_TYPE_BASE = "https://pmi-workflow.org/problems/"
_MAX_PART = 64

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Problem",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["pointer", "where", "message", "kind"],
                "properties": {
                    "pointer": {"type": "string"},
                    "where": {"type": "string"},
                    "message": {"type": "string"},
                    "kind": {"type": "string"},
                },
            },
        },
        "findings": {"type": "array", "items": {"type": "object"}},
        "expected_version": {"type": "integer"},
        "current_version": {"type": "integer"},
    },
}
"""The JSON Schema of a problem body (for the OpenAPI document)."""


def pointer(location: Sequence[str | int]) -> str:
    """A location as a JSON Pointer (RFC 6901)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in location)


def _safe_location(location: Sequence[str | int]) -> tuple[str | int, ...]:
    """A location with NIK-shaped numbers masked and long names cut: keys come from the client."""
    return tuple(
        part if isinstance(part, int) else redact(str(part))[:_MAX_PART] for part in location
    )


def input_errors(problems: Iterable[InputProblem]) -> list[dict[str, str]]:
    """Input problems as the ``errors`` member (locations and library messages only).

    >>> problem = InputProblem(("applicant", "3603121505950002"), "Extra inputs", "extra")
    >>> input_errors([problem])[0]["where"]
    'applicant.3603**********02'
    """
    found = []
    for problem in problems:
        location = _safe_location(problem.location)
        found.append(
            {
                "pointer": pointer(location),
                "where": ".".join(str(part) for part in location) or "<root>",
                "message": redact(problem.message),
                "kind": problem.kind,
            }
        )
    return found


def problem_body(
    status: int,
    kind: str,
    detail: str,
    *,
    errors: list[dict[str, str]] | None = None,
    findings: Sequence[Finding] = (),
    **extra: Any,
) -> dict[str, Any]:
    """The problem details as JSON-compatible data."""
    body: dict[str, Any] = {
        "type": _TYPE_BASE + kind,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": redact(detail),
    }
    if errors is not None:
        body["errors"] = errors
    if findings:
        body["findings"] = [finding.to_dict() for finding in findings]
    body.update(extra)
    masked: dict[str, Any] = redact_data(body)  # the one masking boundary, as every command's
    return masked


def problem(
    status: int,
    kind: str,
    detail: str,
    *,
    errors: list[dict[str, str]] | None = None,
    findings: Sequence[Finding] = (),
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """A problem details response."""
    return JSONResponse(
        problem_body(status, kind, detail, errors=errors, findings=findings, **extra),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )
