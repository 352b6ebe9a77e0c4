"""The HTML report opened in a real headless Chromium: it renders, and fetches nothing.

Skips only when Chromium is not installed (``scripts/chromium`` installs it;
CI runs that script).
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest
from tests.browser import needs_chromium, run_chromium

from pmi_workflow.reports import Period, build_district_report
from pmi_workflow.reports.render import to_html
from pmi_workflow.reports.synthetic import REGENCY_CODE, district_sample

pytestmark = needs_chromium

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


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
