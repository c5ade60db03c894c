"""The picture beside the standings: one row per entry on a shared 0-100 axis, each judge's total as a
marker and the aggregate as a vertical tick, so a lenient or harsh judge, or a split committee, shows at a
glance. Drawn here as plain SVG (no JavaScript); the table beside it carries the numbers.

Every piece of text is escaped: titles and names come from users.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from markupsafe import Markup, escape

WIDTH = 480  # narrow on purpose: a phone shows it at about three quarters of its size, still legible
LABEL_WIDTH = 150
PLOT_LEFT = 160
PLOT_RIGHT = 466
TOP = 14
ROW_HEIGHT = 30
LEGEND_ROW = 22
LEGEND_COLUMNS = 2
LABEL_CHARS = 20
FONT = 13

# Okabe-Ito colours (distinguishable with colour-blindness) and shapes: together a distinct marker per judge.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
SHAPES = ("circle", "square", "triangle", "diamond", "cross", "bar")


@dataclass
class ChartRow:
    """One entry: its label, each judge's total (by judge id) and the aggregate (None when incomplete)."""

    label: str
    totals: dict[int, Decimal] = field(default_factory=dict)
    aggregate: Decimal | None = None


@dataclass
class Judge:
    id: int
    name: str


def _text(value: object) -> str:
    return str(escape(str(value)))


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _top(rows: Sequence[ChartRow]) -> Decimal:
    """The axis ends at 100, or further (in tens) if a weighted rubric gives larger totals."""
    values = [v for row in rows for v in row.totals.values()] + [r.aggregate for r in rows if r.aggregate]
    highest = max(values, default=Decimal(100))
    return Decimal(max(100, math.ceil(highest / 10) * 10))


def _x(value: Decimal, top: Decimal) -> float:
    share = float(min(max(value, Decimal(0)), top) / top)
    return round(PLOT_LEFT + share * (PLOT_RIGHT - PLOT_LEFT), 1)


def marker(index: int, x: float, y: float, tip: str = "") -> str:
    """Judge ``index``'s marker centred on (x, y), with a tooltip title."""
    colour = COLOURS[index % len(COLOURS)]
    shape = SHAPES[index % len(SHAPES)]
    inner = f"<title>{_text(tip)}</title>" if tip else ""
    paint = f'fill="{colour}" stroke="{colour}"'
    if shape == "circle":
        return f'<circle cx="{x}" cy="{y}" r="5" {paint}>{inner}</circle>'
    if shape == "square":
        return f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" {paint}>{inner}</rect>'
    if shape == "triangle":
        points = f"{x:.1f},{y - 5.5:.1f} {x + 5.5:.1f},{y + 4.5:.1f} {x - 5.5:.1f},{y + 4.5:.1f}"
        return f'<polygon points="{points}" {paint}>{inner}</polygon>'
    if shape == "diamond":
        points = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"
        return f'<polygon points="{points}" {paint}>{inner}</polygon>'
    if shape == "cross":
        left, right, upper, lower = f"{x - 5:.1f}", f"{x + 5:.1f}", f"{y - 5:.1f}", f"{y + 5:.1f}"
        path = f"M{left},{upper}L{right},{lower}M{right},{upper}L{left},{lower}"
        return f'<path d="{path}" stroke="{colour}" stroke-width="2.5" fill="none">{inner}</path>'
    return f'<rect x="{x - 1.5:.1f}" y="{y - 6:.1f}" width="3" height="12" {paint}>{inner}</rect>'


def _axis(bottom: float, top: Decimal) -> list[str]:
    parts = []
    every = 20 if top <= 100 else math.ceil(top / 50) * 10
    for step in range(0, int(top) + 1, every):
        x = _x(Decimal(step), top)
        parts.append(f'<line class="grid" x1="{x}" y1="{TOP - 4}" x2="{x}" y2="{bottom}" stroke="#d5dae3"/>')
        parts.append(
            f'<text x="{x}" y="{bottom + 15}" text-anchor="middle" font-size="{FONT - 1}" fill="#444">'
            f"{step}</text>"
        )
    parts.append(f'<line x1="{PLOT_LEFT}" y1="{bottom}" x2="{PLOT_RIGHT}" y2="{bottom}" stroke="#667"/>')
    return parts


def _row(index: int, row: ChartRow, judges: Sequence[Judge], top: Decimal, aggregate_label: str) -> list[str]:
    y = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2
    parts = [
        f'<g class="entry-row" data-row="{index}">',
        f'<text x="{LABEL_WIDTH}" y="{y + 4:.1f}" text-anchor="end" font-size="{FONT}" fill="#222">'
        f"<title>{_text(row.label)}</title>{_text(_short(row.label))}</text>",
        f'<line x1="{PLOT_LEFT}" y1="{y}" x2="{PLOT_RIGHT}" y2="{y}" stroke="#eef0f4"/>',
    ]
    spread = len(judges) - 1
    for number, judge in enumerate(judges):
        value = row.totals.get(judge.id)
        if value is None:
            continue
        # Judges are spread a little up and down the row, so equal totals stay visible side by side.
        offset = (number - spread / 2) * (14 / max(spread, 1)) if spread else 0
        parts.append(marker(number, _x(value, top), round(y + offset, 1), f"{judge.name}: {value}"))
    if row.aggregate is not None:  # drawn last, over the markers
        x = _x(row.aggregate, top)
        parts.append(
            f'<line class="aggregate" x1="{x}" y1="{y - 12}" x2="{x}" y2="{y + 12}" stroke="#222" '
            f'stroke-width="2"><title>{_text(f"{aggregate_label}: {row.aggregate}")}</title></line>'
        )
    parts.append("</g>")
    return parts


def _legend(judges: Sequence[Judge], y: float, aggregate_label: str) -> list[str]:
    parts = ['<g class="legend">']
    items = [(None, aggregate_label)] + [(i, j.name) for i, j in enumerate(judges)]
    column_width = (WIDTH - 20) / LEGEND_COLUMNS
    for position, (number, name) in enumerate(items):
        x = 14 + (position % LEGEND_COLUMNS) * column_width
        row_y = y + (position // LEGEND_COLUMNS) * LEGEND_ROW
        if number is None:
            parts.append(
                f'<line x1="{x}" y1="{row_y - 8}" x2="{x}" y2="{row_y + 8}" stroke="#222" stroke-width="2"/>'
            )
        else:
            parts.append(marker(number, x, row_y))
        parts.append(
            f'<text x="{x + 12:.1f}" y="{row_y + 4:.1f}" font-size="{FONT}" fill="#222">'
            f"{_text(_short(name))}</text>"
        )
    parts.append("</g>")
    return parts


def standings_chart(
    rows: Sequence[ChartRow],
    judges: Sequence[Judge],
    *,
    title: str,
    description: str,
    aggregate_label: str,
    ident: str = "results-chart",
) -> Markup:
    """The SVG, ready to place inline in a page."""
    top = _top(rows)
    bottom = TOP + len(rows) * ROW_HEIGHT + 4
    legend_y = bottom + 40
    legend_rows = math.ceil((len(judges) + 1) / LEGEND_COLUMNS)
    height = legend_y + legend_rows * LEGEND_ROW
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="results-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="Sarabun, sans-serif">',
        f'<title id="{ident}-title">{_text(title)}</title>',
        f'<desc id="{ident}-desc">{_text(description)}</desc>',
        *_axis(bottom, top),
    ]
    for index, row in enumerate(rows):
        parts.extend(_row(index, row, judges, top, aggregate_label))
    parts.extend(_legend(judges, legend_y, aggregate_label))
    parts.append("</svg>")
    return Markup("\n".join(parts))
