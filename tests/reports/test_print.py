"""The report printed from a browser: A4 pages, and no table cut off at the page edge.

Runs a real headless Chromium (``scripts/chromium`` installs it; the test
skips only when it is missing).
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pmi_workflow.reports import Period, build_district_report
from pmi_workflow.reports.render import to_html
from pmi_workflow.reports.synthetic import REGENCY_CODE, district_sample

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

A4_POINTS = (595, 842)
PRINTABLE_WIDTH_PX = 703  # 210 mm less 2 x 12 mm margins, at 96 px per inch

_CHECK = """
<script>
window.addEventListener("load", () => {
  const page = document.documentElement.clientWidth;
  const clipped = [...document.querySelectorAll("table, svg, .cards, p, h1, h2")].filter(
    (item) => item.getBoundingClientRect().right > page + 1
      || item.scrollWidth > item.clientWidth + 1
  ).map((item) => item.id || item.tagName);
  document.body.setAttribute("data-clipped", JSON.stringify(clipped));
  document.body.setAttribute("data-tables", document.querySelectorAll("table").length);
});
</script>
"""


def chromium(*arguments: str, work: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={work / 'profile'}",
        *arguments,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The sizes (in points) of the pages of a PDF Chromium wrote (uncompressed page objects)."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    count = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert count == len(boxes) or len(boxes) == 1
    return [(float(width), float(height)) for width, height in boxes] * (
        count if len(boxes) == 1 else 1
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cases, sessions = district_sample()
    report = build_district_report(
        cases,
        sessions,
        regency_code=REGENCY_CODE,
        period=Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        include_personal_data=True,
        worklist_on=datetime.date(2024, 12, 31),
    )
    path = tmp_path_factory.mktemp("print") / "laporan.html"
    path.write_text(to_html(report, lang="id"), "utf-8")
    return path


def test_the_report_prints_on_a_few_a4_pages(page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "laporan.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(), work=tmp_path)
    sizes = pdf_pages(pdf.read_bytes())
    assert 2 <= len(sizes) <= 6
    for width, height in sizes:
        assert abs(width - A4_POINTS[0]) < 2
        assert abs(height - A4_POINTS[1]) < 2


def test_no_table_or_chart_is_wider_than_the_printed_page(page: Path, tmp_path: Path) -> None:
    html = page.read_text("utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    html = html.replace("@media print {", "@media all {").replace("</body>", f"{_CHECK}</body>")
    check = tmp_path / "check.html"
    check.write_text(html, "utf-8")
    done = chromium(
        f"--window-size={PRINTABLE_WIDTH_PX},1000",
        "--virtual-time-budget=5000",
        "--dump-dom",
        check.as_uri(),
        work=tmp_path,
    )
    assert 'data-clipped="[]"' in done.stdout, re.findall(r'data-clipped="[^"]*"', done.stdout)
    tables = re.search(r'data-tables="(\d+)"', done.stdout)
    assert tables is not None
    assert int(tables.group(1)) >= 5
