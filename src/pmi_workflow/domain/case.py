"""The case: the dossier of one placement plus its ordered history of events.

A case record is exchanged as JSON with a ``schema_version``. Read records
with :func:`parse_case` (which turns every validation problem into an
:class:`~pmi_workflow.errors.InvalidInputError` naming the field, without
personal data) and write them with :meth:`Case.to_json`.
:func:`case_json_schema` exports the JSON Schema so that systems in other
languages can produce records.

>>> from pmi_workflow.samples import minimal_case_data
>>> case = parse_case(minimal_case_data())
>>> case.scheme, case.destination, case.occupation.code
(<Scheme.P2P: 'p2p'>, 'MY', 'factory_operator')
>>> case.applicant.nik
Nik('3603**********02')
>>> parse_case({**minimal_case_data(), "destination": "Atlantis"})
Traceback (most recent call last):
    ...
pmi_workflow.errors.InvalidInputError: invalid input: destination: unknown country (use ...
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError, SchemaValidator

from pmi_workflow.dates import ISO_DATE_SHORTCUT, iso_dates_in_core, local_day
from pmi_workflow.domain.applicant import Applicant
from pmi_workflow.domain.base import Record, whole_number_text
from pmi_workflow.domain.costs import CostItem
from pmi_workflow.domain.documents import Document, DocumentBase
from pmi_workflow.domain.events import CaseEvent
from pmi_workflow.domain.occupation import Occupation
from pmi_workflow.domain.parties import Employer, Executor, JobOrder
from pmi_workflow.enums import PlacementChannel, Scheme, Step
from pmi_workflow.errors import InputProblem, InvalidInputError, UnsupportedSchemaVersionError
from pmi_workflow.identifiers.country import CountryCode
from pmi_workflow.safe_load import JsonValueError, NestingTooDeepError, load_json

__all__ = [
    "SCHEMA_VERSION",
    "UNKNOWN_FIELD",
    "Case",
    "case_json_schema",
    "parse_case",
    "problem_from_json_error",
    "problems_from_validation_error",
    "shown_field_path",
    "shown_location",
]

SCHEMA_VERSION = 1
"""The version of the case record format this release writes."""

_MAX_JSON_BYTES = 16 * 1024 * 1024
_MAX_NESTING = 64

D = TypeVar("D", bound=DocumentBase)


def _version_number(value: Any) -> Any:
    """A schema version as a number: ``"1"`` (a spreadsheet cell) reads as ``1``; ``true`` is
    no version (Python counts it as ``1``)."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "a version is a whole number, not true or false")
    return whole_number_text(value)


class Case(Record):
    """One placement case: the dossier and the history of recorded steps.

    ``executor`` is ``None`` for Perseorangan (no executor). ``channel`` names
    the mandatory one-channel system a placement went through, if any.
    ``history`` is ordered by ``sequence`` (1, 2, 3...).
    """

    schema_version: Annotated[int, BeforeValidator(_version_number)] = SCHEMA_VERSION
    case_id: Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\s\x00]+$")]
    scheme: Scheme
    applicant: Applicant
    destination: CountryCode
    occupation: Occupation
    employer: Employer | None = None
    executor: Executor | None = None
    job_order: JobOrder | None = None
    channel: PlacementChannel | None = None
    documents: tuple[Document, ...] = ()
    costs: tuple[CostItem, ...] = ()
    history: tuple[CaseEvent, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _check_schema_version(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            version = whole_number_text(data.get("schema_version", SCHEMA_VERSION))
            is_int = isinstance(version, int) and not isinstance(version, bool)
            if is_int and not 1 <= version <= SCHEMA_VERSION:
                raise ValueError(
                    f"schema_version {version} is not supported "
                    f"(this release reads 1 to {SCHEMA_VERSION})"
                )
        return data

    @model_validator(mode="after")
    def _check_consistency(self) -> Case:
        seen: set[str] = set()
        for document in self.documents:
            if document.id in seen:
                raise ValueError(f"document id {document.id!r} is used twice")
            seen.add(document.id)
        # Keyed by the UUID's number: hashing a UUID runs Python code, hashing an int does not.
        event_ids: dict[int, int] = {}
        case_id = self.case_id
        for index, event in enumerate(self.history, start=1):
            first = event_ids.setdefault(event.event_id.int, index)
            if first != index:
                raise ValueError(f"history event {index} has the same event_id as event {first}")
            if event.case_id != case_id:
                raise ValueError(f"history event {index} belongs to another case")
            if event.sequence != index:
                raise ValueError(
                    f"history event {index} has sequence {event.sequence}; "
                    "sequences run 1, 2, 3... in order"
                )
        if self.history and self.applicant.birth_date > local_day(self.history[0].occurred_at):
            # A year mistyped (2070 for 1970) would otherwise be judged as a negative age.
            raise PydanticCustomError(
                "birth_after_first_step",
                "applicant.birth_date is after the day of the case's first step; "
                "check the year of birth",
            )
        return self

    # -- queries -----------------------------------------------------------------

    def document(self, document_id: str) -> Document | None:
        """The document with this id, or ``None``."""
        for document in self.documents:
            if document.id == document_id:
                return document
        return None

    def documents_of(self, kind: type[D]) -> tuple[D, ...]:
        """All documents of one class, in record order."""
        return tuple(document for document in self.documents if isinstance(document, kind))

    def latest(self, kind: type[D]) -> D | None:
        """The most recently issued document of one class (the last one if undated)."""
        found = self.documents_of(kind)
        if not found:
            return None
        return max(
            enumerate(found),
            key=lambda pair: (pair[1].issued_on is not None, pair[1].issued_on, pair[0]),
        )[1]

    def events_of(self, step: Step) -> tuple[CaseEvent, ...]:
        """The recorded events of one step."""
        return tuple(event for event in self.history if event.step is step)

    def iter_steps(self) -> Iterator[Step]:
        """The recorded steps in order."""
        return (event.step for event in self.history)

    # -- changes (new objects; a case is immutable) ------------------------------

    def with_event(self, event: CaseEvent) -> Case:
        """A copy with ``event`` appended to the history.

        The event must belong to this case, carry the next sequence number and
        not be dated before the last event; otherwise an
        :class:`~pmi_workflow.errors.InvalidInputError` names the problem.

        >>> from pmi_workflow.samples import minimal_case_data
        >>> case = parse_case(minimal_case_data())
        >>> event = CaseEvent(case_id=case.case_id, sequence=99, step="informed",
        ...                   occurred_at="2024-01-08T09:00:00+07:00", actor={"role": "disnaker"})
        >>> case.with_event(event)
        Traceback (most recent call last):
            ...
        pmi_workflow.errors.InvalidInputError: invalid input: history.1.sequence: ...
        """
        position = len(self.history) + 1
        where = ("history", position)
        if not isinstance(event, CaseEvent):
            raise InvalidInputError.single(
                f"an event must be a CaseEvent, not {type(event).__name__}", "event", where
            )
        if event.case_id != self.case_id:
            raise InvalidInputError.single(
                "the event belongs to another case", "case_id", (*where, "case_id")
            )
        if event.sequence != position:
            raise InvalidInputError.single(
                f"the event has sequence {event.sequence}; the next one is {position}",
                "sequence",
                (*where, "sequence"),
            )
        if self.history and event.occurred_at < self.history[-1].occurred_at:
            raise InvalidInputError.single(
                "the event is dated before the last event of the case",
                "occurred_at",
                (*where, "occurred_at"),
            )
        return self.model_copy(update={"history": (*self.history, event)})

    def with_documents(self, *documents: Document) -> Case:
        """A copy with documents added (ids must stay unique)."""
        return Case.model_validate(
            {**self._shallow_fields(), "documents": (*self.documents, *documents)}
        )

    def _shallow_fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in type(self).model_fields}

    # -- serialisation -----------------------------------------------------------

    def to_json(self, *, indent: int | None = None) -> str:
        """The full record as JSON (this is the explicit way personal data leaves)."""
        return self.model_dump_json(indent=indent, exclude_none=True)

    def to_dict(self) -> dict[str, Any]:
        """The full record as JSON-compatible Python data."""
        return self.model_dump(mode="json", exclude_none=True)


def problems_from_validation_error(error: ValidationError) -> list[InputProblem]:
    """Turn a pydantic error into problems that name the field and never echo the input."""
    problems = []
    for item in error.errors(include_url=False, include_input=True, include_context=True):
        if item["type"] == ISO_DATE_SHORTCUT:
            continue  # a shortcut that did not apply: the lenient reading's error follows
        given = item.get("input")
        location = tuple(
            part
            for part in item["loc"]
            if not (isinstance(part, str) and part.startswith("function-"))
        )
        if item["type"] == "text" and location and isinstance(location[-1], int):
            location = location[:-1]  # text in a list is reported on the list's field
        message = item["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        if item["type"] == "union_tag_invalid":
            context = item.get("ctx", {})
            message = (
                f"unknown {str(context.get('discriminator', 'tag')).strip(chr(39))} "
                f"(expected one of: {context.get('expected_tags', '')})"
            )
        elif isinstance(given, str) and len(given) >= 3 and given in message:
            message = message.replace(f"'{given}'", "the value").replace(given, "…")
        if item["type"] == "extra_forbidden" and location:
            location = (*location[:-1], _shown_key(location[-1]))
        problems.append(InputProblem(location, message, item["type"]))
    return problems


def problem_from_json_error(
    error: JsonValueError, names: Collection[str] = frozenset()
) -> InputProblem:
    """A repeated key or a too long number in a record's JSON, as an input problem whose
    location shows only field names (:func:`shown_location`, with ``names`` for a record that
    is not a case).

    >>> from pmi_workflow.safe_load import DuplicateKeyError
    >>> str(problem_from_json_error(DuplicateKeyError(("applicant", "Sutrisno"))))
    'applicant.(unknown field): the key appears twice'
    """
    return InputProblem(shown_location(error.location, names), error.text, error.kind)


UNKNOWN_FIELD = "(unknown field)"
"""What is shown instead of a key or column name that is no field of a case record."""


@lru_cache(maxsize=1)
def _field_names() -> frozenset[str]:
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                names.update(properties)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(Case.model_json_schema(mode="validation"))
    return frozenset(names)


def _shown_key(key: str | int) -> str | int:
    """A key as it may be shown: a field name of the case record or a list position, else
    :data:`UNKNOWN_FIELD`.

    A CSV file without its header row has data (a name, a village, a passport number) where
    the column names should be, and a one-word name typed in lower case looks like a key. A
    name in lower-case words joined by underscores (``birth_dat``, ``examples_are_strict``) is
    shown too: a typo of a field is worth naming, and no person's name or number is written so.

    >>> _shown_key("birth_dat"), _shown_key("sutrisno"), _shown_key("Budi_Santoso")
    ('birth_dat', '(unknown field)', '(unknown field)')
    """
    if isinstance(key, int) or key in _field_names() or (key.isdigit() and len(key) <= 4):
        return key  # a list position; a long run of digits may be a NIK
    if _SNAKE_KEY.fullmatch(key):
        return key
    return UNKNOWN_FIELD


_SNAKE_KEY = re.compile(r"[a-z][a-z0-9]{0,39}(?:_[a-z0-9]{1,40}){1,8}")


def shown_location(
    location: Sequence[str | int], names: Collection[str] = frozenset()
) -> tuple[str | int, ...]:
    """A location with every key that is no field name of a case record (nor one of ``names``,
    the field names of another record) replaced by :data:`UNKNOWN_FIELD`, so that a message
    never repeats data typed where a name should be.

    >>> shown_location(("applicant", "birth_date")), shown_location(("documents", "0", "Cikupa"))
    (('applicant', 'birth_date'), ('documents', '0', '(unknown field)'))
    >>> shown_location(("visa",)), shown_location(("visa",), {"visa"})
    (('(unknown field)',), ('visa',))
    """
    return tuple(part if part in names else _shown_key(part) for part in location)


def shown_field_path(path: str) -> str | None:
    """A dotted column name when every part of it is a field name of a case record or a list
    position (``documents.0.number``), else ``None``.

    >>> shown_field_path("applicant.birth_date"), shown_field_path("sutrisno")
    ('applicant.birth_date', None)
    """
    parts = path.split(".")
    return path if UNKNOWN_FIELD not in shown_location(parts) else None


def _depth(value: Any, limit: int) -> int:
    stack = [(value, 1)]
    deepest = 0
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        if isinstance(current, Mapping):
            stack.extend((child, level + 1) for child in current.values())
        elif isinstance(current, (list, tuple)):
            stack.extend((child, level + 1) for child in current)
    return deepest


def parse_case(data: str | bytes | Mapping[str, Any], *, source: str | None = None) -> Case:
    """Read a case record from JSON text or Python data.

    Raises :class:`~pmi_workflow.errors.InvalidInputError` listing every
    problem with its location; ``source`` (a file name, ``line 12``) is added
    to the message. Personal data never appears in the error.
    """
    if isinstance(data, (str, bytes, bytearray)):
        if len(data) > _MAX_JSON_BYTES:
            raise InvalidInputError.single(
                "the record is larger than 16 MiB", "too_large", source=source
            )
        try:
            loaded = load_json(data)
        except UnicodeDecodeError:
            raise InvalidInputError.single(
                "the record is not UTF-8 text", "encoding", source=source
            ) from None
        except json.JSONDecodeError as error:
            raise InvalidInputError.single(
                f"not valid JSON ({error.msg} at line {error.lineno} column {error.colno})",
                "json",
                source=source,
            ) from None
        except (RecursionError, NestingTooDeepError):
            raise InvalidInputError.single(
                "the record is nested too deeply", "too_deep", source=source
            ) from None
        except JsonValueError as error:
            raise InvalidInputError([problem_from_json_error(error)], source=source) from None
    else:
        loaded = data
    if not isinstance(loaded, Mapping):
        raise InvalidInputError.single("a case record must be a JSON object", "type", source=source)
    version = whole_number_text(loaded.get("schema_version", SCHEMA_VERSION))
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise UnsupportedSchemaVersionError(
            [
                InputProblem(
                    ("schema_version",),
                    f"schema_version {version} is newer than this release reads "
                    f"({SCHEMA_VERSION}); upgrade pmi-workflow",
                    "schema_version",
                )
            ],
            source=source,
        )
    try:
        return _validator().validate_python(loaded)  # type: ignore[no-any-return]
    except ValidationError as error:
        # A valid record is only a few levels deep, so the nesting is measured only for a
        # record that failed: a deep one is reported as such, not as hundreds of problems.
        if _depth(loaded, _MAX_NESTING) > _MAX_NESTING:
            raise InvalidInputError.single(
                "the record is nested too deeply", "too_deep", source=source
            ) from None
        raise InvalidInputError(problems_from_validation_error(error), source=source) from None
    except RecursionError:
        raise InvalidInputError.single(
            "the record is nested too deeply", "too_deep", source=source
        ) from None


@lru_cache(maxsize=1)
def _validator() -> SchemaValidator:
    """:class:`Case`'s validator with ISO dates read in pydantic-core (see
    :func:`~pmi_workflow.dates.iso_dates_in_core`): generated from the model's own core
    schema once. Its errors differ from ``Case.model_validate``'s only by the shortcut's, which
    :func:`problems_from_validation_error` drops, so it serves :func:`parse_case` alone."""
    Case.model_rebuild()  # a no-op once built (the model's build is deferred)
    schema = Case.__pydantic_core_schema__
    return SchemaValidator(iso_dates_in_core(schema), _model_config(schema))


def _model_config(schema: Any) -> Any:
    """The core config of the record at the top of a model's core schema."""
    node = schema
    while node.get("type") != "model":
        node = node["schema"]
    return node.get("config")


def case_json_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of a case record (see :mod:`pmi_workflow.domain.schema`)."""
    from pmi_workflow.domain.schema import case_json_schema as generate

    return generate()
