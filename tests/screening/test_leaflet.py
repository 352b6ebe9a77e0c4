"""The leaflet: generated from the policy of the day, one A4 page, nothing fetched."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from tests.browser import needs_chromium, run_chromium

from pmi_workflow.policy import Policy
from pmi_workflow.screening import leaflet_html

DAY = datetime.date(2024, 5, 6)


def test_the_leaflet_lists_what_the_policy_of_the_day_says() -> None:
    page = leaflet_html(DAY)
    assert '<html lang="id">' in page
    assert "Berlaku per 6 Mei 2024" in page
    assert "Arab Saudi" in page
    assert "Kepmenaker 260/2015" in page
    assert "One Channel System (OCS)" in page
    assert "pengurus rumah tangga" in page
    assert "awak kapal perikanan migran" in page
    assert "tiket keberangkatan" in page
    assert "Orientasi Pra Pemberangkatan (OPP)" in page
    assert "Balai Pelayanan Pelindungan PMI" in page
    assert Policy.default().as_of(DAY).version in page


def test_a_destination_reopened_by_policy_leaves_the_leaflet() -> None:
    lifted = Policy.load_overlay("saudi_moratorium_lift_2025")
    page = leaflet_html(datetime.date(2025, 7, 1), lifted)
    closed = re.search(r"Dilarang bekerja pada pemberi kerja perseorangan[^\n]*", page)
    assert closed is not None
    assert "Arab Saudi" not in closed.group(0)
    assert "Kuwait" in closed.group(0)
    before = leaflet_html(datetime.date(2015, 6, 30))
    assert "Dilarang bekerja pada pemberi kerja perseorangan" not in before


def test_unconfirmed_entries_are_marked() -> None:
    page = leaflet_html(DAY)
    assert 'Iran<span class="mark">*</span>' in page
    assert "dasar aturannya belum dikonfirmasi" in page


def _section(page: str, heading: str) -> str:
    return page.split(f"<h2>{heading}</h2>", 1)[1].split("</ul>", 1)[0]


def test_every_statement_resting_on_an_unconfirmed_entry_carries_the_star() -> None:
    page = leaflet_html(datetime.date(2026, 1, 1))
    lines = page.splitlines()
    exempt = next(line for line in lines if "tidak wajib membayar biaya penempatan" in line)
    borne = next(line for line in lines if "biaya ini ditanggung pemberi kerja" in line)
    loans = next(line for line in lines if "dibayar dengan pinjaman atau potongan gaji" in line)
    for line in (exempt, borne, loans):
        assert '<span class="mark">*</span>' in line, line
    assert "dasar aturannya belum dikonfirmasi" in page
    shipped_example = leaflet_html(DAY).splitlines()
    borne = next(line for line in shipped_example if "biaya ini ditanggung pemberi kerja" in line)
    assert '<span class="mark">*</span>' in borne


def test_cautions_are_listed_under_their_own_heading_not_as_red_flags() -> None:
    page = leaflet_html(DAY)
    red = _section(page, "Tanda bahaya")
    cautions = _section(page, "Perlu diwaspadai")
    for title in ("Tempat pemberangkatan tidak resmi", "Paspor dipegang orang lain"):
        assert title not in red
        assert title in cautions
    assert "Bukan visa kerja" in red
    later = leaflet_html(datetime.date(2026, 1, 1))
    assert "Jabatan ini bebas biaya penempatan" in _section(later, "Perlu diwaspadai")


def test_a_day_without_closures_names_the_day_not_today() -> None:
    page = leaflet_html(datetime.date(1990, 1, 1))
    assert "ditutup menurut data kebijakan per 1 Januari 1990" in page
    assert "hari ini" not in page


def test_organisers_add_their_contacts_and_markup_is_escaped() -> None:
    page = leaflet_html(
        DAY,
        contacts=[("Disnaker Kabupaten Tangerang", "Jl. Abdul Hamid <Tigaraksa>")],
        organiser="BP3MI Banten & Disnaker",
    )
    assert "Jl. Abdul Hamid &lt;Tigaraksa&gt;" in page
    assert "BP3MI Banten &amp; Disnaker" in page


def test_the_page_is_self_contained() -> None:
    page = leaflet_html(DAY)
    for forbidden in ("<script", "<link", "<img", "http://", "https://", "url(", "@import"):
        assert forbidden not in page
    assert "@page { size: A4" in page


@pytest.fixture(scope="module")
def leaflet_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("leaflet") / "leaflet.html"
    page.write_text(
        leaflet_html(DAY, contacts=[("Disnaker Kabupaten Tangerang", "Tigaraksa")]), "utf-8"
    )
    return page


@needs_chromium
def test_the_leaflet_prints_on_one_a4_page_and_fetches_nothing(
    leaflet_page: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "leaflet.pdf"
    _, requested = run_chromium(
        leaflet_page, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}"
    )
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    counts = [int(n) for n in re.findall(rb"/Count (\d+)", data)]
    assert counts
    assert 1 <= max(counts) <= 2
    width, height = (
        float(x)
        for x in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data).groups()  # type: ignore[union-attr]
    )
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert requested == []


@needs_chromium
def test_the_leaflet_renders_as_a_real_page(leaflet_page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "leaflet.png"
    _, requested = run_chromium(
        leaflet_page,
        tmp_path,
        "--no-pdf-header-footer",
        f"--screenshot={shot}",
        "--window-size=794,1123",
    )
    image = shot.read_bytes()
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(image) > 40_000  # text in four sections, not a blank page
    assert requested == []
