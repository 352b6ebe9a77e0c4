"""Inline SVG bar charts for self-contained HTML reports (no scripts, no external resources).

Labels are bilingual: every text exists in Indonesian (class ``t-id``) and
English (class ``t-en``); the page's stylesheet shows one of them.

>>> svg = bar_chart("demo", "Contoh", "Example",
...     [Bar("Satu", "One", ((3, "ok"),)), Bar("Dua", "Two", ((1, "ok"), (2, "bad")))])
>>> svg.count("<rect"), svg.startswith("<svg")
(3, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["Bar", "LegendItem", "bar_chart"]

_WIDTH = 780
_LABEL = 330
_BAR_AREA = 400
_ROW = 28
_TOP = 14


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its labels and its stacked segments as ``(value, css class)``."""

    label_id: str
    label_en: str
    segments: tuple[tuple[int, str], ...]

    @property
    def total(self) -> int:
        """The sum of the segments."""
        return sum(value for value, _ in self.segments)


@dataclass(frozen=True, slots=True)
class LegendItem:
    """A legend entry: the segment's css class and its labels."""

    css_class: str
    label_id: str
    label_en: str


def _text(x: float, y: float, label_id: str, label_en: str, *, anchor: str = "start") -> str:
    common = f'x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"'
    if label_id == label_en:
        return f"<text {common}>{escape(label_id)}</text>"
    return (
        f'<text class="t-id" {common}>{escape(label_id)}</text>'
        f'<text class="t-en" {common}>{escape(label_en)}</text>'
    )


def _clip(label: str, limit: int = 41) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    chart_id: str,
    title_id: str,
    title_en: str,
    bars: Sequence[Bar],
    *,
    legend: Sequence[LegendItem] = (),
    maximum: int | None = None,
) -> str:
    """A horizontal (stacked) bar chart as an inline ``<svg>`` element.

    ``maximum`` fixes the value of a full-width bar (defaults to the largest
    total). An empty chart says so instead of drawing bars.
    """
    legend_height = 24 if legend else 0
    rows = max(len(bars), 1)
    height = _TOP + legend_height + rows * _ROW + 10
    scale_max = max([maximum or 0, *(bar.total for bar in bars), 1])
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title" viewBox="0 0 {_WIDTH} {height}" '
        f'width="{_WIDTH}" height="{height}">',
        f'<title id="{escape(chart_id)}-title">{escape(title_id)} / {escape(title_en)}</title>',
    ]
    y = _TOP
    if legend:
        x = float(_LABEL)
        for item in legend:
            parts.append(
                f'<rect class="{escape(item.css_class)} legend" x="{x:.1f}" y="{y - 10}" '
                'width="12" height="12"/>'
            )
            parts.append(_text(x + 16, y, item.label_id, item.label_en))
            x += 150
        y += legend_height
    if not bars:
        parts.append(_text(_LABEL, y + 16, "Tidak ada data", "No data"))
    for bar in bars:
        parts.append(
            _text(_LABEL - 8, y + 17, _clip(bar.label_id), _clip(bar.label_en), anchor="end")
        )
        x = float(_LABEL)
        for value, css_class in bar.segments:
            if value <= 0:
                continue
            width = _BAR_AREA * value / scale_max
            parts.append(
                f'<rect class="{escape(css_class)}" x="{x:.1f}" y="{y + 4}" '
                f'width="{width:.1f}" height="{_ROW - 8}"><title>{value}</title></rect>'
            )
            x += width
        parts.append(f'<text class="value" x="{x + 6:.1f}" y="{y + 17}">{bar.total}</text>')
        y += _ROW
    parts.append("</svg>")
    return "".join(parts)
