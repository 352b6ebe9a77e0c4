"""Worked examples of findings, taken from the demonstration cases.

>>> example_for("fees.exempt_occupation_charged")["case"]
'fees_charged'
>>> example_for("no.such_code") is None
True
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from typing import Any

__all__ = ["EXAMPLE_DAY", "example_for"]

EXAMPLE_DAY = datetime.date(2024, 6, 1)
"""The day the examples are judged on."""


@lru_cache(maxsize=1)
def _examples() -> dict[str, dict[str, Any]]:
    from pmi_workflow.cli.demo import demo_cases
    from pmi_workflow.domain import parse_case
    from pmi_workflow.rules import validate_case

    found: dict[str, dict[str, Any]] = {}
    for name, description, data in demo_cases():
        report = validate_case(parse_case(data), as_of=EXAMPLE_DAY)
        for finding in report.findings:
            found.setdefault(
                finding.code,
                {
                    "case": name,
                    "description": description,
                    "message": {"id": finding.message_id, "en": finding.message_en},
                },
            )
    return found


def example_for(code: str) -> dict[str, Any] | None:
    """A realistic finding of ``code`` (case name, description, both messages), if one is known."""
    return _examples().get(code)
