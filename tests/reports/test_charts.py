"""Inline SVG bar charts."""

from __future__ import annotations

import re

from pmi_workflow.reports.charts import Bar, LegendItem, bar_chart


def widths(svg: str) -> list[float]:
    return [
        float(w)
        for w in re.findall(r'<rect class="[a-z]+" x="[\d.]+" y="\d+" width="([\d.]+)"', svg)
    ]


def test_bars_are_proportional_to_their_values() -> None:
    svg = bar_chart(
        "c", "Judul", "Title", [Bar("A", "A", ((4, "bar"),)), Bar("B", "B", ((2, "bar"),))]
    )
    first, second = widths(svg)
    assert first == 2 * second


def test_stacked_segments_share_one_bar_and_zero_segments_are_not_drawn() -> None:
    svg = bar_chart("c", "Judul", "Title", [Bar("A", "A", ((3, "ok"), (0, "bad"), (1, "bad")))])
    assert len(widths(svg)) == 2
    assert ">4</text>" in svg


def test_labels_exist_in_both_languages() -> None:
    svg = bar_chart(
        "c",
        "Judul",
        "Title",
        [Bar("Berangkat", "Departed", ((1, "bar"),))],
        legend=[LegendItem("ok", "Prosedural", "Procedural")],
    )
    assert 'class="t-id"' in svg
    assert "Berangkat" in svg
    assert 'class="t-en"' in svg
    assert "Departed" in svg
    assert "Prosedural" in svg
    assert "Procedural" in svg


def test_an_empty_chart_says_there_is_no_data() -> None:
    svg = bar_chart("c", "Judul", "Title", [])
    assert "Tidak ada data" in svg
    assert "No data" in svg


def test_labels_are_escaped() -> None:
    svg = bar_chart("c", "J", "T", [Bar("<x>", "<x>", ((1, "bar"),))])
    assert "<x>" not in svg
    assert "&lt;x&gt;" in svg
