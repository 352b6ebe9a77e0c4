"""The HTTP service: validate, audit, store cases and record steps over HTTP (``server`` extra).

Agencies and placement companies whose systems are written in PHP, Java or .NET
call it instead of importing Python. Start it with ``pmi-workflow serve``, or
build the application with :func:`create_app` and run it with any ASGI server.
The OpenAPI 3.1 document is at ``/openapi.json``.

Needs ``pip install "pmi-workflow[server]"`` (FastAPI and uvicorn).
"""

from __future__ import annotations

from pmi_workflow.server.app import ServerSettings, create_app
from pmi_workflow.server.problems import PROBLEM_JSON
from pmi_workflow.server.security import ApiKey, KeyRing, load_keys, parse_keys

__all__ = [
    "PROBLEM_JSON",
    "ApiKey",
    "KeyRing",
    "ServerSettings",
    "create_app",
    "load_keys",
    "parse_keys",
]
