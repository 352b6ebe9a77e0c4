"""The FastAPI application: versioned routes over the service layer.

Build it with :func:`create_app`; run it with ``pmi-workflow serve`` (uvicorn).
Every route but ``/v1/health`` and ``/openapi.json`` needs an API key
(:mod:`pmi_workflow.server.security`). Request bodies are read and parsed by
the library itself (size and nesting limited), so every refusal is a problem
document with field paths and no echo of the input
(:mod:`pmi_workflow.server.problems`).
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
import time
import uuid
from collections.abc import AsyncIterator, Collection, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pmi_workflow._version import __version__
from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain import Case, case_json_schema
from pmi_workflow.domain.case import problems_from_validation_error
from pmi_workflow.domain.events import Actor
from pmi_workflow.domain.schema import record_json_schema
from pmi_workflow.enums import Scheme, Step
from pmi_workflow.errors import (
    CaseNotFoundError,
    ConcurrencyConflictError,
    InputProblem,
    InvalidInputError,
    PmiWorkflowError,
    ProcedureViolation,
    StoreError,
    TamperDetectedError,
)
from pmi_workflow.findings import Rule
from pmi_workflow.privacy import (
    MaskedStr,
    RedactingFilter,
    mask_case_id,
    redact,
    redact_data,
    safe_text,
)
from pmi_workflow.rules.registry import FileLicenceRegistry, LicenceRegistry
from pmi_workflow.safe_load import JsonValueError, NestingTooDeepError, load_json
from pmi_workflow.screening import Offer, offer_field_names, screen_offer
from pmi_workflow.server.problems import (
    PROBLEM_JSON,
    PROBLEM_SCHEMA,
    input_errors,
    problem,
)
from pmi_workflow.server.security import ApiKey, KeyRing
from pmi_workflow.service import ACTOR_NOT_AUTHORIZED, CaseService
from pmi_workflow.store import CaseExistsError, CaseStore, open_store, summarize
from pmi_workflow.workflow import Workflow

__all__ = [
    "MaskedJSONResponse",
    "RedactingFilter",
    "ServerSettings",
    "create_app",
    "logging_config",
]

access_log = logging.getLogger("pmi_workflow.server.access")
logger = logging.getLogger(__name__)

_ETAG = re.compile(r'^(?:W/)?"?([0-9]{1,9})"?$')
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class ServerSettings:
    """What the server needs: a store target, the API keys, the licence data and the limits.

    ``store`` is a file path or ``sqlite:///`` URL (SQLite, the default) or a
    ``postgresql://`` URL (``sql`` extra). ``registry`` is a licence data file
    (JSON or TOML, see :class:`~pmi_workflow.rules.registry.FileLicenceRegistry`),
    read once when the application is made: validation, audits, recorded steps
    and offer screening check licences against it (``/v1/health`` and the
    start-up log say what was loaded). ``max_body_bytes`` bounds
    every request body (batches included); ``max_depth`` bounds JSON nesting.
    """

    store: str = "pmi-workflow.db"
    keys: KeyRing = field(default_factory=KeyRing)
    max_body_bytes: int = 4 * 1024 * 1024
    max_depth: int = 32
    max_batch_records: int = 10_000
    registry: str | os.PathLike[str] | None = None


def logging_config(level: str = "INFO") -> dict[str, Any]:
    """A :func:`logging.config.dictConfig` for serving: one stderr handler, ids masked.

    Uvicorn's own access log is left off (it would show raw paths); the
    application's ``pmi_workflow.server.access`` log replaces it.
    """
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": RedactingFilter}},
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "filters": ["redact"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {
            "uvicorn": {"level": level, "handlers": [], "propagate": True},
            "uvicorn.error": {"level": level, "handlers": [], "propagate": True},
            "uvicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
        },
    }


# -- request and response models (for OpenAPI) ------------------------------------------


class StepRequest(BaseModel):
    """A step to record. The actor is the API key's role; the time defaults to now."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)

    step: Step
    at: AwareDatetime | None = Field(
        default=None, description="When it happened (RFC 3339 with an offset); default now."
    )
    evidence: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=50, description="Ids of the case's documents."
    )
    place: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    note: Annotated[str, Field(max_length=1000)] | None = None
    event_id: uuid.UUID | None = Field(
        default=None, description="Give one to make retries safe (an event is stored once)."
    )


_REGISTRY_EXAMPLE: dict[str, Any] = {
    "loaded": True,
    "licences": 1250,
    "last_checked_on": "2024-05-30",
    "fingerprint": "5d41402abc4b",
}


class RegistryStatus(BaseModel):
    """The licence data the server was started with: whether any, how much, how fresh, which.

    Never its file nor any company in it: the route needs no key. Two servers
    with the same ``fingerprint`` hold the same licence facts. The figures are
    null without licence data, and for licence data given in code (a
    ``Workflow`` of its own) rather than as a file.
    """

    model_config = ConfigDict(json_schema_extra={"examples": [_REGISTRY_EXAMPLE]})

    loaded: bool = Field(
        description=(
            "Whether licence data was read at start-up (`serve --registry`). Without it, "
            "the other fields are null, licences are judged from what each record says and "
            "`/v1/screen` cannot tell whether a company is licensed (reason `no_registry`)."
        )
    )
    licences: int | None = Field(
        ge=0, description="How many licences the data holds (one per number)."
    )
    last_checked_on: datetime.date | None = Field(
        description="The day (in Jakarta) of the newest check in the data."
    )
    fingerprint: str | None = Field(
        pattern="^[0-9a-f]{12}$",
        description=(
            "The first 12 hex digits of the SHA-256 of the data as canonical JSON: the same "
            "facts give the same fingerprint, whatever the file's format or order."
        ),
    )


class Health(BaseModel):
    """The server is up, and the licence data it judges with."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ok",
                    "version": __version__,
                    "registry": _REGISTRY_EXAMPLE,
                }
            ]
        }
    )

    status: Literal["ok"]
    version: str
    registry: RegistryStatus


class Stored(BaseModel):
    """A write that went through: the case and its version now."""

    case_id: str
    version: int


class StepStored(Stored):
    """A recorded step: the new state, the event, its warnings."""

    state: str
    event: dict[str, Any]
    warnings: list[dict[str, Any]]


class DocumentStored(Stored):
    """A document added to a stored case."""

    document_id: str


class Judgement(BaseModel):
    """A verdict with its findings (personal values masked)."""

    case_id: str
    as_of: datetime.date
    verdict: Literal["procedural", "non_procedural"]
    policy_versions: list[str]
    findings: list[dict[str, Any]]
    state: str | None = None
    events_judged: int | None = None


class CaseView(BaseModel):
    """A stored case: its version, its state and its record (masked unless revealed)."""

    case_id: str
    version: int
    state: str
    case: dict[str, Any]


class RuleView(BaseModel):
    """A catalog rule."""

    code: str
    severity: Literal["error", "warning"]
    title: dict[str, str]
    legal_basis: list[str]
    legal_basis_en: list[str]
    message_template: dict[str, str]
    checks: str
    step: str | None
    confirmed: bool


class PolicyEntryView(BaseModel):
    """One policy entry in force."""

    id: str
    kind: str
    effective_from: datetime.date | None
    effective_to: datetime.date | None
    confirmed: bool
    source: str


class PolicyView(BaseModel):
    """The policy in force on a day."""

    on: datetime.date
    version: str
    entries: list[PolicyEntryView]


class Bilingual(BaseModel):
    """A text in Indonesian (``id``) and English (``en``)."""

    id: str
    en: str


class FlagView(BaseModel):
    """One flag raised on an offer: a red flag, or a caution (``caution``: severity warning).

    ``explanation`` speaks to the worker; ``advice`` says what to do instead;
    ``message`` is the officer's wording. ``certainty`` is ``unconfirmed``
    when the flag rests on a policy figure not yet confirmed (it is then
    always a caution).
    """

    code: str
    severity: Literal["error", "warning"]
    caution: bool
    certainty: Literal["confirmed", "unconfirmed"]
    legal_basis: list[str]
    legal_basis_en: list[str]
    entries: list[str]
    where: str
    title: Bilingual
    message: Bilingual
    explanation: Bilingual
    advice: Bilingual
    compared: dict[str, str]


class Questions(BaseModel):
    """Questions to ask about what the offer leaves unsaid, in both languages."""

    id: list[str]
    en: list[str]


class ScreeningView(BaseModel):
    """The flags raised on a job offer on a day, and what to ask about the rest."""

    on: datetime.date
    policy_version: str
    verdict: Literal["red_flags", "cautions", "no_flags"]
    codes: list[str]
    flags: list[FlagView]
    unanswered: list[str]
    questions: Questions
    ask_first: Bilingual


class Diagram(BaseModel):
    """A scheme's procedure as a Mermaid state diagram."""

    scheme: Scheme
    on: datetime.date
    mermaid: str


# -- helpers ------------------------------------------------------------------------------


class _Refused(Exception):  # noqa: N818 - a response, raised to leave a handler early
    def __init__(self, response: Response) -> None:
        self.response = response


class MaskedJSONResponse(JSONResponse):
    """A JSON body as every route sends it: NIK-like runs masked, as the command line does.

    The HTTP side of the one masking boundary (:func:`pmi_workflow.privacy.redact_data`):
    case ids, document ids, findings' ``where`` and messages, free text. Only a
    stored case read with ``?reveal=true`` by a key allowed to reveal leaves unmasked.
    """

    def render(self, content: Any) -> bytes:
        """The body, its strings passed through :func:`~pmi_workflow.privacy.redact_data`."""
        return super().render(redact_data(content))


def _masked(value: Any) -> Any:
    """JSON-compatible data with personal values masked (names, NIK, phone, e-mail...)."""
    if isinstance(value, MaskedStr):
        return str(value)
    if isinstance(value, BaseModel):
        return {
            name: _masked(getattr(value, name))
            for name in type(value).model_fields
            if getattr(value, name) is not None
        }
    if isinstance(value, Mapping):
        return {str(k): _masked(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple, frozenset, set)):
        items = [_masked(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (Decimal, uuid.UUID)):
        return str(value)
    return value


def _case_view(case: Case, *, reveal: bool) -> dict[str, Any]:
    if reveal:
        return case.to_dict()
    data = _masked(case)
    applicant = data["applicant"]
    applicant["birth_date"] = applicant["birth_date"][:4] + "-**-**"
    address = applicant.get("address", {})
    for part in ("street", "village", "postal_code"):
        if part in address:
            address[part] = "***"
    result: dict[str, Any] = data
    return result


def _json(raw: bytes, limit: int, what: str, names: Collection[str] = frozenset()) -> Any:
    """Parse one JSON document with the library's errors (no echo of the input); ``names`` are
    the field names of a record that is not a case (an offer), shown in a problem's place."""
    try:
        loaded = load_json(raw, limit)
    except NestingTooDeepError:
        raise InvalidInputError.single(
            f"the body is nested more than {limit} levels deep", "too_deep"
        ) from None
    except UnicodeDecodeError:
        raise InvalidInputError.single("the body is not UTF-8 text", "encoding") from None
    except json.JSONDecodeError as error:
        raise InvalidInputError.single(
            f"not valid JSON ({error.msg} at line {error.lineno} column {error.colno})", "json"
        ) from None
    except JsonValueError as error:  # a repeated key, a number too long
        from pmi_workflow.domain.case import problem_from_json_error

        raise InvalidInputError([problem_from_json_error(error, names)]) from None
    if not isinstance(loaded, dict):
        raise InvalidInputError.single(f"{what} must be a JSON object", "type")
    return loaded


def _expected_version(if_match: str | None, *, required: bool) -> int | None:
    if if_match is None:
        if required:
            raise _Refused(
                problem(
                    428,
                    "version-required",
                    "send the version of the case you last read as If-Match "
                    '(for example If-Match: "12")',
                )
            )
        return None
    matched = _ETAG.fullmatch(if_match)
    if matched is None:  # the route's header pattern already refuses these
        raise InvalidInputError.single(
            'If-Match is the case version as an entity tag, for example "12"',
            "if_match",
            ("header", "if-match"),
        )
    return int(matched.group(1))


def _etag(version: int) -> dict[str, str]:
    return {"ETag": f'"{version}"'}


def _rule_view(rule: Rule) -> dict[str, Any]:
    """A rule as :class:`RuleView` shows it: the fields of its one shape, ``Rule.to_dict``."""
    shape = rule.to_dict()
    return {name: shape[name] for name in RuleView.model_fields}


def _today() -> datetime.date:
    return datetime.datetime.now(JAKARTA).date()


def _registry_status(registry: LicenceRegistry | None) -> RegistryStatus:
    """What ``/v1/health`` says of the licence data (a workflow's own registry says less)."""
    if not isinstance(registry, FileLicenceRegistry):
        return RegistryStatus(
            loaded=registry is not None, licences=None, last_checked_on=None, fingerprint=None
        )
    return RegistryStatus(
        loaded=True,
        licences=len(registry),
        last_checked_on=registry.last_checked_on,
        fingerprint=registry.fingerprint(),
    )


def _log_registry(registry: LicenceRegistry | None, status: RegistryStatus) -> None:
    if registry is None:
        logger.info(
            "no licence data: licences are judged from the records, and offer screening "
            "cannot tell whether a company is licensed (serve --registry FILE)"
        )
    elif isinstance(registry, FileLicenceRegistry):
        logger.info(
            "licence data: %d licences, newest check %s, fingerprint %s, from %s",
            status.licences,
            status.last_checked_on,
            status.fingerprint,
            registry.source,
        )
    else:
        logger.info("licence data: the workflow's own (%s)", type(registry).__name__)


# -- middleware ---------------------------------------------------------------------------


class LimitsAndAccessLog:
    """Refuse bodies over the limit (413) and log each request with masked ids.

    The access log line has the method, the path with NIK-shaped numbers masked
    and control characters escaped (``\\r``, ``\\n``), the status, the duration
    and the key's name; never a query string or a body.
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        limit = self.max_body_bytes

        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            response = problem(
                413, "body-too-large", f"the request body is larger than {limit} bytes"
            )
            await response(scope, receive, send)
            self._log(scope, 413, started)
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge
            return message

        async def logging_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, limited_receive, logging_send)
        except _BodyTooLarge:
            response = problem(
                413, "body-too-large", f"the request body is larger than {limit} bytes"
            )
            await response(scope, receive, send)
            status = 413
        finally:
            self._log(scope, status, started)

    @staticmethod
    def _log(scope: Scope, status: int, started: float) -> None:
        key = scope.get("state", {}).get("key_name", "-")
        access_log.info(
            "%s %s %d %.1fms key=%s",
            _loggable(str(scope.get("method", "-")))[:20],
            _loggable(str(scope.get("path", "")))[:200],
            status,
            (time.perf_counter() - started) * 1000,
            key,
        )


def _loggable(text: str) -> str:
    """Request text (a path, a method) for a log line: NIK-shaped runs masked, and control
    characters written as escapes, so a request cannot forge a line of its own."""
    return safe_text(redact(text), one_line=True)


class _BodyTooLarge(Exception):  # noqa: N818 - internal signal
    pass


# -- the application ----------------------------------------------------------------------

_bearer = HTTPBearer(auto_error=False, description="An API key as a bearer token.")
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key.")


def caller(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key)],
) -> ApiKey:
    """The API key of the request (401 without a known one)."""
    secret = bearer.credentials if bearer is not None else api_key
    keys: KeyRing = request.app.state.keys
    key = keys.find(secret) if secret else None
    if key is None:
        raise _Refused(
            problem(
                401,
                "unauthenticated",
                "send a valid API key (Authorization: Bearer ... or X-API-Key)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        )
    request.scope.setdefault("state", {})["key_name"] = key.name
    _refuse_unknown_query(request)
    return key


Caller = Annotated[ApiKey, Depends(caller)]
"""The caller's key; every route with a key also refuses a query it does not take."""


def _refuse_unknown_query(request: Request) -> None:
    """A query parameter the route does not take, or one given twice, is a 422 problem.

    As unknown body fields are (``extra="forbid"``): a misspelt ``as_of`` would
    otherwise judge the case as of today without a word.
    """
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    taken = _query_names(dependant)
    seen: set[str] = set()
    problems = []
    for name, _ in request.query_params.multi_items():
        if name not in taken:
            names = ", ".join(sorted(taken)) or "none"
            problems.append(
                InputProblem(
                    ("query", name),
                    f"this route takes no such query parameter (it takes: {names})",
                    "extra_forbidden",
                )
            )
        elif name in seen:
            problems.append(
                InputProblem(("query", name), "give this query parameter once", "repeated")
            )
        seen.add(name)
    if problems:
        raise _Refused(
            problem(422, "invalid-request", "the request is invalid", errors=input_errors(problems))
        )


def _query_names(dependant: Any) -> frozenset[str]:
    """The query parameters a route takes, its dependencies' included."""
    names = {field.alias for field in dependant.query_params}
    for inner in dependant.dependencies:
        names |= _query_names(inner)
    return frozenset(names)


def _iso_day(value: Any) -> Any:
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


_IsoDay = Annotated[datetime.date, BeforeValidator(_iso_day)] | None


def judged_day(
    as_of: Annotated[
        _IsoDay,
        Query(description="The day judged (YYYY-MM-DD); default today in Jakarta."),
    ] = None,
    on: Annotated[
        _IsoDay,
        Query(description="Another name for `as_of` (older clients); give one of the two."),
    ] = None,
) -> datetime.date:
    """The day a route judges by: ``as_of`` (or its alias ``on``), default today in Jakarta.

    One name on every route; both at once is a 422 problem, even with the same day.
    """
    if as_of is not None and on is not None:
        raise _Refused(
            problem(
                422,
                "invalid-request",
                "the request is invalid",
                errors=input_errors(
                    [InputProblem(("query", "on"), "give the day once, as as_of", "repeated")]
                ),
            )
        )
    return as_of or on or _today()


JudgedDay = Annotated[datetime.date, Depends(judged_day)]
CaseId = Annotated[str, Path(min_length=1, max_length=100)]
IfMatch = Annotated[
    str | None,
    Header(
        description='The case version you last read, as an entity tag ("12").',
        pattern=_ETAG.pattern,
    ),
]


_PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {
        "description": text,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    for status, text in (
        (400, "The body cannot be read (not JSON, or not UTF-8)."),
        (401, "No valid API key."),
        (413, "The body is too large."),
        (422, "The input is invalid (errors name the fields)."),
    )
}


def _responses(*extra: tuple[int, str]) -> dict[int | str, dict[str, Any]]:
    found = dict(_PROBLEM_RESPONSES)
    for status, text in extra:
        found[status] = {
            "description": text,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    return found


def _case_body(description: str) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Case"}}},
        }
    }


def create_app(
    settings: ServerSettings | None = None,
    *,
    store: CaseStore | None = None,
    workflow: Workflow | None = None,
) -> FastAPI:
    """The HTTP application. ``store`` overrides ``settings.store`` (it is then not closed).

    The licence data of ``settings.registry`` is read here, so a bad file stops
    the start with :class:`~pmi_workflow.errors.InvalidInputError` naming it. A
    ``workflow`` given brings its own licence data (``settings.registry`` must
    then be left out).
    """
    settings = settings or ServerSettings()
    if workflow is not None and settings.registry is not None:
        raise ValueError("give the licence data to the workflow or to the settings, not both")
    registry = None
    if settings.registry is not None:
        registry = FileLicenceRegistry.from_file(os.fspath(settings.registry))
    flow = workflow or Workflow(registry=registry)
    registry_status = _registry_status(flow.registry)
    holder: dict[str, CaseService] = {}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        _log_registry(flow.registry, registry_status)  # here, once the server's logging is set
        opened = store or open_store(
            settings.store,
            projector=lambda case: summarize(case, state=flow.replay(case).state),
        )
        holder["service"] = CaseService(opened, flow)
        try:
            yield
        finally:
            if store is None:
                opened.close()

    app = FastAPI(
        title="pmi-workflow",
        version=__version__,
        summary="The placement procedure of Indonesian migrant workers, over HTTP.",
        description=(
            "Validate and audit cases, keep them in a store, record steps with the "
            "procedure's gates, screen job offers. Licences (SIP3MI, SIP2MI) are checked "
            "against the licence data the server was started with (`pmi-workflow serve "
            "--registry FILE`), if any: `/v1/health` says which. Errors are RFC 9457 problem "
            "details. Every route but `/v1/health` and this document needs an API key."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        default_response_class=MaskedJSONResponse,
    )
    app.state.keys = settings.keys
    app.add_middleware(LimitsAndAccessLog, max_body_bytes=settings.max_body_bytes)

    def service() -> CaseService:
        return holder["service"]

    # -- errors -----------------------------------------------------------------------

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(_: Request, error: RequestValidationError) -> Response:
        problems = [
            InputProblem(
                tuple(part for part in item["loc"] if isinstance(part, (str, int))),
                str(item.get("msg", "invalid")),
                str(item.get("type", "invalid")),
            )
            for item in error.errors()
        ]  # the "input" and "ctx" of each item are left out: they repeat what was sent
        return problem(
            422, "invalid-request", "the request is invalid", errors=input_errors(problems)
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, error: StarletteHTTPException) -> Response:
        kinds = {404: "not-found", 405: "method-not-allowed"}
        status = error.status_code
        if status == 400:  # FastAPI could not read the body: an invalid request like any other
            body = InputProblem(("body",), "the body could not be read as JSON", "json")
            return problem(
                422, "invalid-request", "the request is invalid", errors=input_errors([body])
            )
        return problem(
            status,
            kinds.get(status, "http-error"),
            "no such route" if status == 404 else "the request was refused",
            headers=getattr(error, "headers", None),
        )

    @app.exception_handler(_Refused)
    async def _refused(_: Request, error: _Refused) -> Response:
        return error.response

    @app.exception_handler(PmiWorkflowError)
    async def _library_error(_: Request, error: PmiWorkflowError) -> Response:
        return _problem_for(error)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, error: Exception) -> Response:
        logger.error("unexpected %s while serving a request", type(error).__name__)
        return problem(500, "internal-error", "the server failed; the request was not done")

    # -- security ---------------------------------------------------------------------

    async def read_case(request: Request) -> Case:
        from pmi_workflow.domain import parse_case

        data = _json(await request.body(), settings.max_depth, "a case record")
        return parse_case(data)

    # -- routes -----------------------------------------------------------------------

    @app.get("/v1/health", tags=["meta"])
    async def health() -> Health:
        """Whether the server is up, and whether it has licence data (anonymous).

        `registry` says whether licence data was loaded at start-up, how many
        licences it holds, its newest check and a fingerprint to compare servers;
        never the file it came from nor any company in it.
        """
        return Health(status="ok", version=__version__, registry=registry_status)

    @app.post(
        "/v1/validate",
        tags=["judge"],
        openapi_extra=_case_body("A case record."),
        responses=_responses(),
    )
    async def validate(request: Request, key: Caller, as_of: JudgedDay) -> Judgement:
        """Judge a case record as of a day: its verdict and every finding. Stores nothing."""
        case = await read_case(request)
        report = await run_in_threadpool(service().validate, case, as_of=as_of)
        return Judgement(**report.to_dict())

    @app.post(
        "/v1/audit",
        tags=["judge"],
        openapi_extra=_case_body("A case record with its history."),
        responses=_responses(),
    )
    async def audit(request: Request, key: Caller, as_of: JudgedDay) -> Judgement:
        """Replay a recorded history: every event judged by the policy of its day."""
        case = await read_case(request)
        report = await run_in_threadpool(service().audit, case, as_of=as_of)
        return _audit_view(report.to_dict(), case.case_id)

    async def _batch(request: Request, day: datetime.date, job: str) -> StreamingResponse:
        raw = await request.body()

        async def lines() -> AsyncIterator[bytes]:
            count = 0
            for number, line in enumerate(raw.splitlines(), start=1):
                if not line.strip():
                    continue
                count += 1
                if count > settings.max_batch_records:
                    result = {
                        "line": number,
                        "status": "invalid",
                        "problems": input_errors(
                            [InputProblem((), "too many records in one batch", "too_many")]
                        ),
                    }
                    yield (json.dumps(result) + "\n").encode()
                    return
                try:
                    result = await run_in_threadpool(_one, number, line, day, job)
                except Exception as error:
                    # Headers are sent: an exception would cut the stream without a word.
                    logger.error(
                        "unexpected %s on line %d of a batch", type(error).__name__, number
                    )
                    result = {"line": number, "status": "error", "problems": [_FAILED_LINE]}
                yield (json.dumps(redact_data(result), ensure_ascii=False) + "\n").encode()

        return StreamingResponse(lines(), media_type="application/x-ndjson")

    def _one(number: int, line: bytes, day: datetime.date, job: str) -> dict[str, Any]:
        from pmi_workflow.domain import parse_case

        head: dict[str, Any] = {"line": number}
        try:
            case = parse_case(_json(line, settings.max_depth, "a record"))
            head["case_id"] = case.case_id
            if job == "validate":
                report = service().validate(case, as_of=day).to_dict()
            else:
                report = service().audit(case, as_of=day).to_dict()
        except InvalidInputError as error:
            return {**head, "status": "invalid", "problems": input_errors(error.problems)}
        except PmiWorkflowError as error:
            return {**head, "status": "invalid", "problems": [_problem_item(error)]}
        report.pop("case_id", None)
        return {**head, "status": report.pop("verdict"), **report}

    _ndjson_body = {
        "requestBody": {
            "required": True,
            "description": "Case records, one JSON object per line (NDJSON).",
            "content": {
                "application/x-ndjson": {"schema": {"type": "string"}},
                "text/plain": {"schema": {"type": "string"}},
            },
        }
    }
    _ndjson_response: dict[int | str, dict[str, Any]] = {
        200: {
            "description": "One result per record, in order, streamed as NDJSON.",
            "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
        }
    }

    @app.post(
        "/v1/batch/validate",
        tags=["judge"],
        openapi_extra=_ndjson_body,
        responses={**_responses(), **_ndjson_response},
        response_class=StreamingResponse,
    )
    async def batch_validate(request: Request, key: Caller, as_of: JudgedDay) -> StreamingResponse:
        """Validate many records; each line's result is sent as soon as it is known."""
        return await _batch(request, as_of, "validate")

    @app.post(
        "/v1/batch/audit",
        tags=["judge"],
        openapi_extra=_ndjson_body,
        responses={**_responses(), **_ndjson_response},
        response_class=StreamingResponse,
    )
    async def batch_audit(request: Request, key: Caller, as_of: JudgedDay) -> StreamingResponse:
        """Audit many recorded histories; results are streamed as NDJSON."""
        return await _batch(request, as_of, "audit")

    @app.post(
        "/v1/screen",
        tags=["judge"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "A job offer, as the prospective worker knows it.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Offer"}}},
            }
        },
        responses=_responses(),
    )
    async def screen(request: Request, key: Caller, as_of: JudgedDay) -> ScreeningView:
        """Screen a job offer before anyone registers. Stores nothing.

        Each flag has its legal basis, an explanation for the worker and what to
        do instead, in Indonesian and English; a caution is a flag to verify. The
        recruiting company is checked against the server's licence data: without
        any, or when the data does not know it, it is a caution
        (`offer.company_unknown`), never an all-clear.
        """
        body = await request.body()
        offer = _offer(_json(body, settings.max_depth, "an offer", offer_field_names()))
        result = await run_in_threadpool(screen_offer, offer, as_of, flow.registry, flow.policy)
        return _screening_view(result.to_dict())

    @app.post(
        "/v1/cases",
        status_code=201,
        tags=["cases"],
        openapi_extra=_case_body("A new case record (with or without a history)."),
        responses=_responses((409, "A case with this id exists.")),
    )
    async def create_case(request: Request, response: Response, key: Caller) -> Stored:
        """Store a new case. The response's ETag is its version.

        A case id ending in `/audit`, `/steps` or `/documents`, or with a `.` or `..`
        part, is refused (422): its address would name another route.
        """
        case = await read_case(request)
        _addressable(case.case_id)
        result = await run_in_threadpool(service().create_case, case)
        response.headers.update(_etag(result.version))
        if mask_case_id(case.case_id) == case.case_id:
            # A case keyed by a NIK gets no Location: its masked form would name no case.
            response.headers["Location"] = f"/v1/cases/{quote(case.case_id, safe='')}"
        return Stored(case_id=case.case_id, version=result.version)

    # Case ids may hold a slash (B.123/PPTKLN/2024): each case route takes the rest of the
    # path, and the routes with a suffix come before the plain read, which would take it all.
    @app.get(
        "/v1/cases/{case_id:path}/audit", tags=["judge"], responses=_responses((404, "No case."))
    )
    async def audit_stored(case_id: CaseId, key: Caller, as_of: JudgedDay) -> Judgement:
        """Audit a stored case's history."""
        report = await run_in_threadpool(service().audit, case_id, as_of=as_of)
        return _audit_view(report.to_dict(), case_id)

    @app.get(
        "/v1/cases/{case_id:path}",
        tags=["cases"],
        response_model=CaseView,
        responses=_responses((403, "This key may not reveal personal data."), (404, "No case.")),
    )
    async def read(
        case_id: CaseId,
        key: Caller,
        reveal: Annotated[
            bool, Query(description="Unmasked personal data (keys allowed to reveal only).")
        ] = False,
    ) -> Response:
        """A stored case, masked by default; the ETag is its version."""
        if reveal and not key.reveal:
            raise _Refused(
                problem(403, "reveal-not-allowed", "this key may not read personal data")
            )
        case = await run_in_threadpool(service().load, case_id)
        state = service().workflow.replay(case)
        if reveal:
            access_log.info("case %s revealed to key %s", mask_case_id(case_id), key.name)
        view = CaseView(
            case_id=case.case_id,
            version=state.version,
            state=state.state,
            case=_case_view(case, reveal=reveal),
        )
        answer = JSONResponse if reveal else MaskedJSONResponse
        return answer(view.model_dump(mode="json"), headers=_etag(state.version))

    @app.post(
        "/v1/cases/{case_id:path}/documents",
        status_code=201,
        tags=["cases"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "One document; its `type` says which kind.",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Document"}}
                },
            }
        },
        responses=_responses((404, "No case."), (409, "The case moved on (If-Match).")),
    )
    async def add_document(
        case_id: CaseId, request: Request, response: Response, key: Caller, if_match: IfMatch = None
    ) -> DocumentStored:
        """Add a document to a stored case (If-Match, when sent, must be its version)."""
        expected = _expected_version(if_match, required=False)
        data = _json(await request.body(), settings.max_depth, "a document")
        added = await run_in_threadpool(
            service().add_document, case_id, data, expected_version=expected
        )
        response.headers.update(_etag(added.version))
        return DocumentStored(case_id=case_id, version=added.version, document_id=added.document_id)

    @app.post(
        "/v1/cases/{case_id:path}/steps",
        status_code=201,
        tags=["cases"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "The step, as JSON (whatever the Content-Type says).",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/StepRequest"}}
                },
            }
        },
        responses=_responses(
            (403, "The key's role may not record this step."),
            (404, "No case."),
            (409, "The case moved on: reload and retry."),
            (428, "If-Match is required."),
        ),
    )
    async def record_step(
        case_id: CaseId,
        request: Request,
        response: Response,
        key: Caller,
        if_match: IfMatch = None,
    ) -> StepStored:
        """Record a step as the key's role. Refused steps answer 422 with their findings."""
        body = _step_request(_json(await request.body(), settings.max_depth, "a step"))
        expected = _expected_version(if_match, required=True)
        recorded = await run_in_threadpool(
            lambda: service().record_step(
                case_id,
                body.step,
                at=body.at or datetime.datetime.now(JAKARTA),
                actor=Actor(role=key.role, id=key.name),
                expected_version=expected,
                evidence=body.evidence,
                place=body.place,
                note=body.note,
                event_id=body.event_id,
                enforce_roles=True,
            )
        )
        response.headers.update(_etag(recorded.version))
        event = recorded.event
        return StepStored(
            case_id=case_id,
            version=recorded.version,
            state=recorded.state,
            event={
                "event_id": str(event.event_id),
                "sequence": event.sequence,
                "step": event.step.value,
                "occurred_at": event.occurred_at.isoformat(),
                "role": event.actor.role.value,
                "policy_version": event.policy_version,
                "warnings": list(event.warnings),
            },
            warnings=[finding.to_dict() for finding in recorded.warnings],
        )

    @app.get("/v1/rules", tags=["rules"], responses=_responses())
    async def rules(key: Caller) -> list[RuleView]:
        """The rule catalog: every finding code with its severity and legal basis."""
        from pmi_workflow.rules import CATALOG

        return [RuleView(**_rule_view(rule)) for rule in CATALOG.values()]

    @app.get("/v1/rules/{code}", tags=["rules"], responses=_responses((404, "No such rule.")))
    async def one_rule(code: Annotated[str, Path(max_length=100)], key: Caller) -> RuleView:
        """One rule of the catalog."""
        from pmi_workflow.rules import CATALOG

        found = CATALOG.get(code)
        if found is None:
            raise _Refused(problem(404, "rule-not-found", "no rule with this code"))
        return RuleView(**_rule_view(found))

    @app.get("/v1/policy", tags=["rules"], responses=_responses())
    async def policy(key: Caller, day: JudgedDay) -> PolicyView:
        """The policy in force on a day: each entry with its source and confirmed flag."""
        view = flow.policy.as_of(day)
        return PolicyView(
            on=day,
            version=view.version,
            entries=[
                PolicyEntryView(
                    id=entry.id,
                    kind=entry.kind,
                    effective_from=entry.effective_from,
                    effective_to=entry.effective_to,
                    confirmed=entry.confirmed,
                    source=entry.source,
                )
                for entry in view.entries
            ],
        )

    @app.get("/v1/schemes/{scheme}/diagram", tags=["rules"], responses=_responses())
    async def diagram(scheme: Scheme, key: Caller, day: JudgedDay) -> Diagram:
        """A scheme's procedure as a Mermaid state diagram, under the policy of a day."""
        from pmi_workflow.workflow.diagrams import mermaid

        return Diagram(scheme=scheme, on=day, mermaid=mermaid(scheme, on=day, policy=flow.policy))

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(_case_components())
            schemas.update(_offer_components(schemas))
            step = StepRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, definition in step.pop("$defs", {}).items():
                schemas.setdefault(name, definition)
            schemas["StepRequest"] = step
            schemas["Problem"] = PROBLEM_SCHEMA
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _audit_view(report: dict[str, Any], case_id: str) -> Judgement:
    return Judgement(
        case_id=case_id,
        as_of=report["as_of"],
        verdict=report["verdict"],
        policy_versions=report["policy_versions"],
        findings=report["findings"],
        state=report["state"],
        events_judged=report["events_judged"],
    )


def _case_components() -> dict[str, Any]:
    """The case schema's definitions as OpenAPI components (``#/$defs/`` references moved)."""
    schema = case_json_schema()
    text = json.dumps(schema).replace('"#/$defs/', '"#/components/schemas/')
    moved = json.loads(text)
    components: dict[str, Any] = moved.pop("$defs")
    for keyword in ("$schema", "$id", "$comment"):
        moved.pop(keyword, None)
    components["Case"] = moved
    documents = components["CaseDocuments"] = moved["properties"]["documents"]
    components["Document"] = documents["items"]
    del components["CaseDocuments"]
    return components


def _offer_components(existing: Mapping[str, Any]) -> dict[str, Any]:
    """The offer schema as OpenAPI components, sharing the case's where they are the same.

    A definition named like a different one of the case (the offer's ``Applicant``)
    is renamed with an ``Offer`` prefix.
    """
    schema = record_json_schema(Offer)
    defs: dict[str, Any] = schema.pop("$defs", {})
    names = {
        name: name if existing.get(name, definition) == definition else f"Offer{name}"
        for name, definition in defs.items()
    }
    text = json.dumps({"defs": defs, "offer": schema})
    for name, shown in names.items():
        text = text.replace(f'"#/$defs/{name}"', f'"#/components/schemas/{shown}"')
    moved = json.loads(text)
    components: dict[str, Any] = {
        names[name]: definition
        for name, definition in moved["defs"].items()
        if names[name] not in existing
    }
    components["Offer"] = moved["offer"]
    return components


def _offer(data: Any) -> Offer:
    """The offer in ``data``, or :class:`InvalidInputError` naming each field (no echo)."""
    try:
        return Offer.model_validate(data)
    except ValidationError as error:
        raise InvalidInputError(problems_from_validation_error(error)) from None


def _step_request(data: Any) -> StepRequest:
    """The step in ``data``, or :class:`InvalidInputError` naming each field (no echo)."""
    try:
        return StepRequest.model_validate(data)
    except ValidationError as error:
        raise InvalidInputError(problems_from_validation_error(error)) from None


_ROUTE_SUFFIX = re.compile(r"(?:^|/)\.{1,2}(?:/|$)|/(?:audit|steps|documents)$")


def _addressable(case_id: str) -> None:
    """Refuse a case id its URL could not name: one ending in ``/audit``, ``/steps`` or
    ``/documents`` (``/v1/cases/x/audit`` is the audit of case ``x``), or with a ``.`` or
    ``..`` part (clients resolve it away)."""
    if _ROUTE_SUFFIX.search(case_id):
        raise InvalidInputError.single(
            "a case id stored over HTTP cannot end in /audit, /steps or /documents, nor have "
            "a '.' or '..' part: its address would name another route",
            "case_id.route",
            ("case_id",),
        )


def _screening_view(result: dict[str, Any]) -> ScreeningView:
    for flag in result["flags"]:
        flag["caution"] = flag["severity"] == "warning"
    return ScreeningView(**result)


_FAILED_LINE = {
    "pointer": "",
    "where": "<root>",
    "message": "the server failed on this record; it was not judged",
    "kind": "internal_error",
}
"""The problem of a batch line that failed inside the server (not the record's fault)."""


def _problem_item(error: PmiWorkflowError) -> dict[str, str]:
    return {"pointer": "", "where": "<root>", "message": str(error), "kind": error.code}


def _problem_for(error: PmiWorkflowError) -> Response:
    if isinstance(error, InvalidInputError):
        return problem(
            422, "invalid-input", "the input is invalid", errors=input_errors(error.problems)
        )
    if isinstance(error, ProcedureViolation):
        if error.findings and all(f.code == ACTOR_NOT_AUTHORIZED for f in error.findings):
            return problem(
                403,
                "actor-not-authorized",
                "this key's role may not record this step",
                findings=error.findings,
            )
        return problem(
            422,
            "step-refused",
            f"the step was refused: {', '.join(f.code for f in error.errors)}",
            findings=error.findings,
        )
    if isinstance(error, ConcurrencyConflictError):
        return problem(
            409,
            "version-conflict",
            "the case has moved on since you read it: reload it and try again",
            expected_version=error.expected_version,
            current_version=error.actual_version,
            headers=_etag(error.actual_version),
        )
    if isinstance(error, CaseExistsError):
        return problem(409, "case-exists", "a case with this id is already stored")
    if isinstance(error, CaseNotFoundError):
        return problem(404, "case-not-found", "no case with this id")
    if isinstance(error, TamperDetectedError):
        logger.error("tamper detected on case %s", mask_case_id(error.case_id))
        return problem(500, "tamper-detected", "the stored history does not match its chain")
    if isinstance(error, StoreError):
        logger.error("store error while serving a request: %s", error.code)
        return problem(503, "store-unavailable", "the store failed; try again later")
    return problem(422, error.code.replace("_", "-"), str(error))
