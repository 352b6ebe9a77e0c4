"""The JSON Schema of a case record, for systems written in other languages.

Generated from the models and kept as strict as the parser where a schema can
say it: an occupation is a catalog code or an object; a NIK is 16 digits;
countries are ISO 3166-1 alpha-2 codes that exist; dates are ``YYYY-MM-DD``
and times RFC 3339 with an offset; text fields are not blank. Only standard
Draft 2020-12 keywords are used (no ``discriminator``, no ``x-`` keywords),
so ``jsonschema`` and ajv compile it as it is.

The schema describes the *canonical* record, which is what a producer should
write. The parser is more forgiving, and some checks are beyond a schema; the
differences (:data:`SCHEMA_EXCEPTIONS`) are the only ones, and a property test
holds both sides to them.

>>> schema = case_json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> schema["$defs"]["Applicant"]["properties"]["nik"]["pattern"]
'^[0-9]{16}$'
>>> countries = schema["properties"]["destination"]["enum"]
>>> "ZZ" in countries, "MY" in countries
(False, True)
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["SCHEMA_EXCEPTIONS", "case_json_schema", "record_json_schema"]

SCHEMA_EXCEPTIONS: tuple[tuple[str, str], ...] = (
    (
        "parser refuses, schema accepts",
        "a NIK whose embedded birth date or region code is impossible; a calendar date such as "
        "2023-02-30 when the validator does not assert formats; a document that expires "
        "before it is issued, a licence valid until before its issue, a psychological result "
        "without the exam; document ids used twice in a case; history events that belong to "
        "another case or whose sequences do not run 1, 2, 3; a birth date after the day of the "
        "case's first step; a key written twice in one object; an amount with more than two "
        "decimal places or 18 digits written as a JSON number; text holding NUL, other control "
        "characters, unpaired surrogates or bidirectional overrides; a date or time before "
        "1900 or after 9998",
    ),
    (
        "parser accepts, schema refuses",
        "the forgiving input forms the parser also reads: text with surrounding spaces, "
        "alpha-3 codes and English names of countries, lower-case currency codes, day-first "
        "and Indonesian dates (3 Juli 2023), times without an offset (read as WIB), NIKs "
        'written with spaces or dots, numbers written as text ("24"), an occupation '
        "object that repeats only a catalog code",
    ),
)
"""Where schema and parser differ, and why: checks a schema cannot express, and lenient input."""

_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DATETIME_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})$"
)
_UUID_PATTERN = r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$"
_NIK_PATTERN = r"^[0-9]{16}$"
_AMOUNT_PATTERN = r"^[0-9]{1,16}(\.[0-9]{1,2})?$"
_NOT_BLANK = r"\S"
_MASKED_TEXT = frozenset({"a person's name", "phone number", "e-mail address", "passport number"})


def case_json_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of a case record, for other languages' producers.

    A new copy each call (the caller may change it).
    """
    return copy.deepcopy(_schema())


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    from pmi_workflow.domain.case import SCHEMA_VERSION, Case

    generated = record_json_schema(Case)
    generated["properties"]["schema_version"] = {
        "type": "integer",
        "minimum": 1,
        "maximum": SCHEMA_VERSION,
        "default": SCHEMA_VERSION,
        "description": f"The version of the record format (this release writes {SCHEMA_VERSION}).",
        "title": "Schema Version",
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://pmi-workflow.org/schema/case-v{SCHEMA_VERSION}.json",
        "title": "pmi-workflow case record",
        "$comment": f"case record format version {SCHEMA_VERSION}",
        **generated,
    }


def record_json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of any record model, tightened as the case schema is.

    No ``$schema`` or ``$id`` header: this is the part a larger document (an
    OpenAPI document, for one) embeds; definitions are under ``$defs``.

    >>> from pmi_workflow.screening import Offer
    >>> schema = record_json_schema(Offer)
    >>> "housekeeper" in schema["$defs"]["Occupation"]["anyOf"][0]["enum"]
    True
    >>> "ID" in schema["properties"]["destination"]["enum"]
    True
    """
    generated = model.model_json_schema(mode="validation")
    tags: list[tuple[str, str]] = []
    _walk(generated, tags)
    defs = generated.get("$defs", {})
    for tag, name in tags:
        defs[name]["required"] = [tag, *[r for r in defs[name].get("required", ()) if r != tag]]
    if "Occupation" in defs:
        defs["Occupation"] = _occupation(defs["Occupation"])
    return generated


def _occupation(full: dict[str, Any]) -> dict[str, Any]:
    from pmi_workflow.domain.occupation import OCCUPATIONS

    codes = sorted(OCCUPATIONS)
    return {
        "title": "Occupation",
        "description": "An occupation: a catalog code (housekeeper, factory_operator...) or an "
        "object with a code and labels for an occupation the catalog does not know.",
        "anyOf": [
            {"type": "string", "enum": codes},
            {k: v for k, v in full.items() if k not in ("title", "description")},
        ],
    }


@lru_cache(maxsize=1)
def _countries() -> list[str]:
    import pycountry  # imported on first use: it is slow to import

    return sorted(str(country.alpha_2) for country in pycountry.countries)


def _walk(node: Any, tags: list[tuple[str, str]]) -> None:
    """Tighten the generated schema in place (see the module docstring)."""
    from pmi_workflow.identifiers.nik import Nik

    if isinstance(node, list):
        for item in node:
            _walk(item, tags)
        return
    if not isinstance(node, dict):
        return
    discriminator = node.pop("discriminator", None)
    if isinstance(discriminator, dict):
        # a tagged union: each branch must name its tag, or a record without one matches several
        tags.extend(
            (discriminator["propertyName"], branch["$ref"].rsplit("/", 1)[-1])
            for branch in node.get("oneOf", ())
            if "$ref" in branch
        )
    kind = node.get("type")
    described = node.get("description")
    if kind == "string":
        fmt = node.get("format")
        if described == "ISO 3166-1 alpha-2 country":
            node.pop("pattern", None)
            node["enum"] = _countries()
        elif described == Nik.description:
            node.update(pattern=_NIK_PATTERN, minLength=16, maxLength=16)
        elif described == "ISO 4217 currency":
            pass
        elif fmt == "date":
            node["pattern"] = _DATE_PATTERN
        elif fmt == "date-time":
            node["pattern"] = _DATETIME_PATTERN
        elif fmt == "uuid":
            node["pattern"] = _UUID_PATTERN
        elif "pattern" not in node and (node.get("minLength", 0) >= 1 or described in _MASKED_TEXT):
            node["pattern"] = _NOT_BLANK
            node.setdefault("minLength", 1)
    properties = node.get("properties")
    if isinstance(properties, dict):
        amount = properties.get("amount")
        if isinstance(amount, dict) and "anyOf" in amount:
            for option in amount["anyOf"]:
                if option.get("type") == "string":
                    option["pattern"] = _AMOUNT_PATTERN
                elif option.get("type") == "number":
                    option["maximum"] = 9_999_999_999_999_999
    for key, value in list(node.items()):
        if key == "properties" and isinstance(value, dict):
            for child in value.values():
                _walk(child, tags)
        elif key not in ("enum", "const", "default", "required"):
            _walk(value, tags)
