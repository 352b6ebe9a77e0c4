"""The cheapest reading the case model allows: its own core schema with every Python validator
taken out, so that pydantic-core alone builds the records (a measuring tool, never a reader).

The batch target is judged against ``json.loads``; this floor says how much of it any parse into
the model must spend before a single rule runs.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic_core import SchemaValidator

from pmi_workflow.domain import Case


def _without_python(node: Any) -> Any:
    if isinstance(node, list):
        return [_without_python(item) for item in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("type")
    if isinstance(kind, str) and kind.startswith("function-"):
        inner = dict(_without_python(node["schema"])) if "schema" in node else {"type": "any"}
        if "ref" in node:
            inner["ref"] = node["ref"]
        return inner
    return {key: _without_python(value) for key, value in node.items()}


def python_free_validator() -> tuple[SchemaValidator, int]:
    """``Case``'s validator with its Python validators removed, and how many were removed."""
    Case.model_rebuild()
    schema = copy.deepcopy(Case.__pydantic_core_schema__)
    stripped = _without_python(schema)
    removed = repr(schema).count("'function-")
    node = stripped
    while node.get("type") != "model":
        node = node["schema"]
    return SchemaValidator(stripped, node.get("config")), removed
