"""The HTML report opened in a real headless Chromium: it renders, and fetches nothing.

Skips only when Chromium is not installed (``scripts/chromium`` installs it;
CI runs that script).
"""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pmi_workflow.reports import Period, build_district_report
from pmi_workflow.reports.render import to_html
from pmi_workflow.reports.synthetic import REGENCY_CODE, district_sample

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def run_chromium(page: Path, work: Path, *extra: str) -> tuple[str, list[str]]:
    """Open ``page``; return the browser's output and the URLs the page itself requested."""
    assert CHROMIUM is not None
    net_log = work / "net-log.json"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={work / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--log-net-log={net_log}",
        *extra,
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, page_requests(net_log)


def page_requests(net_log: Path) -> list[str]:
    """URLs requested on behalf of a page (the browser's own background calls are left out)."""
    data = json.loads(net_log.read_text("utf-8"))
    names = {number: name for name, number in data["constants"]["logEventTypes"].items()}
    found = []
    for event in data["events"]:
        if names.get(event["type"]) != "URL_REQUEST_START_JOB":
            continue
        params = event.get("params", {})
        if "url" in params and params.get("initiator") != "not an origin":
            found.append(str(params.get("url")))
    return found


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cases, sessions = district_sample()
    report = build_district_report(
        cases,
        sessions,
        regency_code=REGENCY_CODE,
        period=Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
    )
    page = tmp_path_factory.mktemp("report") / "report.html"
    page.write_text(to_html(report, lang="en"), "utf-8")
    return page


def test_the_report_renders_with_its_charts_in_chromium(report_page: Path, tmp_path: Path) -> None:
    dom, requested = run_chromium(report_page, tmp_path, "--dump-dom")
    assert "District report" in dom
    assert dom.count("<svg") == 7
    assert dom.count("<rect") > 40
    assert 'id="chart-funnel"' in dom
    assert "<script" not in dom
    assert requested == []


def test_the_report_screenshot_is_a_real_image(report_page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    _, requested = run_chromium(
        report_page, tmp_path, f"--screenshot={shot}", "--window-size=1100,1400"
    )
    image = shot.read_bytes()
    assert image.startswith(PNG_SIGNATURE)
    width = int.from_bytes(image[16:20], "big")
    height = int.from_bytes(image[20:24], "big")
    assert (width, height) == (1100, 1400)
    assert len(image) > 20_000  # charts and text, not a blank page
    assert requested == []


def test_the_request_check_does_catch_a_page_that_fetches(tmp_path: Path) -> None:
    page = tmp_path / "fetching.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="https://example.invalid/x.png"></body></html>',
        "utf-8",
    )
    _, requested = run_chromium(page, tmp_path, "--dump-dom")
    assert requested == ["https://example.invalid/x.png"]


def test_the_install_script_finds_the_installed_browser() -> None:
    script = Path(__file__).parents[2] / "scripts" / "chromium"
    done = subprocess.run(
        ["bash", str(script)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).exists()
