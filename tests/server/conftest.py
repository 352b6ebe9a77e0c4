"""A real server for the HTTP tests: ``pmi-workflow serve`` (uvicorn) on a free local port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
    """A running server: its base URL and the file its log goes to."""

    url: str
    log: Path

    def client(self, role: str | None = "disnaker") -> httpx.Client:
        """An HTTP client, with the key of ``role`` (anonymous with ``None``)."""
        headers = {"Authorization": f"Bearer {KEYS[role]}"} if role else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``pmi-workflow serve`` on 127.0.0.1 with a fresh SQLite store and the test keys."""
    directory = tmp_path_factory.mktemp("server")
    keys = directory / "keys.toml"
    keys.write_text(KEYS_TOML, encoding="utf-8")
    log = directory / "server.log"
    port = _free_port()
    command = [
        sys.executable, "-m", "pmi_workflow", "serve", "--port", str(port),
        "--store", str(directory / "cases.db"), "--keys", str(keys),
        "--max-body", str(MAX_BODY),
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
