"""A real server for the HTTP tests: ``pmi-workflow serve`` (uvicorn) on a free local port."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

KEYS = {
    "disnaker": "disnaker-key-0123456789",
    "bpjs": "bpjs-key-0123456789abcd",
    "bp3mi": "bp3mi-key-0123456789abc",
    "p3mi": "p3mi-key-0123456789abcd",
}
"""The test keys by role; the bp3mi key may reveal personal data."""

KEYS_TOML = "\n".join(
    f'[keys.{role}-test]\nrole = "{role}"\nkey = "{secret}"\n'
    f"reveal = {str(role == 'bp3mi').lower()}\n"
    for role, secret in KEYS.items()
)

MAX_BODY = 256 * 1024


@dataclass(frozen=True)
class Server:
    """A running server: its base URL and the file its log goes to.

    With ``app``, the server is the application in this process (no socket),
    reached through Starlette's test client.
    """

    url: str
    log: Path
    app: Any = None

    def client(
        self, role: str | None = "disnaker", *, headers: dict[str, str] | None = None
    ) -> httpx.Client:
        """An HTTP client, with the key of ``role`` (anonymous with ``None``) or ``headers``."""
        headers = headers or ({"Authorization": f"Bearer {KEYS[role]}"} if role else {})
        if self.app is not None:
            from fastapi.testclient import TestClient

            return TestClient(
                self.app, base_url=self.url, headers=headers, raise_server_exceptions=False
            )
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session", params=["uvicorn", "in-process"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """The server twice: over HTTP with uvicorn, and in this process (so coverage sees it)."""
    if request.param == "uvicorn":
        yield request.getfixturevalue("live_server")
        return
    from pmi_workflow.server import ServerSettings, create_app, parse_keys
    from pmi_workflow.server.app import RedactingFilter

    directory = tmp_path_factory.mktemp("in-process")
    log = directory / "server.log"
    handler = logging.FileHandler(log, encoding="utf-8")
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    keys = parse_keys(tomllib.loads(KEYS_TOML))
    settings = ServerSettings(store=str(directory / "cases.db"), keys=keys, max_body_bytes=MAX_BODY)
    try:
        yield Server("http://testserver", log, create_app(settings))
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``pmi-workflow serve`` on 127.0.0.1 with a fresh SQLite store and the test keys."""
    with serving(tmp_path_factory.mktemp("server")) as running:
        yield running


@contextmanager
def serving(directory: Path, *options: str) -> Iterator[Server]:
    """``pmi-workflow serve`` with a store and the keys in ``directory``, and ``options``.

    Ready when ``/v1/health`` answers; stopped on leaving.
    """
    keys = directory / "keys.toml"
    keys.write_text(KEYS_TOML, encoding="utf-8")
    log = directory / "server.log"
    port = _free_port()
    command = [
        sys.executable, "-m", "pmi_workflow", "serve", "--port", str(port),
        "--store", str(directory / "cases.db"), "--keys", str(keys),
        "--max-body", str(MAX_BODY), *options,
    ]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"the server stopped: {log.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"{url}/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the server did not start within 60 s")
            time.sleep(0.2)
        yield Server(url, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
