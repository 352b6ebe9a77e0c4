"""The curl examples of docs/guides/http-api.md, run against a live server."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.server.conftest import KEYS, Server

pytestmark = pytest.mark.server

PAGE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "http-api.md"
_BLOCK = re.compile(r"^```bash\n(.*?)^```", re.DOTALL | re.MULTILINE)
_EXPECT = re.compile(r"^# → (\d{3})$", re.MULTILINE)

# Each curl prints only the status it got; python is the test's interpreter.
_PRELUDE = """\
set -euo pipefail
curl() { command curl -s -o /dev/null -w '%{http_code}\\n' "$@"; }
python() { "$PMI_TEST_PYTHON" "$@"; }
"""


def test_the_page_has_examples_for_every_route_group() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for route in ("/v1/validate", "/v1/batch/validate", "/v1/cases", "/steps", "/v1/policy"):
        assert route in text


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_every_curl_example_answers_the_status_the_page_says(
    live_server: Server, tmp_path: Path
) -> None:
    blocks = _BLOCK.findall(PAGE.read_text(encoding="utf-8"))
    script = _PRELUDE + "\n".join(blocks)
    expected = _EXPECT.findall(script)
    assert len(expected) >= 12
    env = {
        **os.environ,
        "PMI_URL": live_server.url,
        "PMI_KEY": KEYS["bp3mi"],
        "PMI_TEST_PYTHON": sys.executable,
    }
    result = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected
