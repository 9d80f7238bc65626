"""The report as one self-contained HTML page: inline CSS and SVG charts, no links out."""

from __future__ import annotations

import html
import math

from jinja2 import Environment, FileSystemLoader, select_autoescape

from core.config import REPO_ROOT
from core.reference import hex_positions
from graph.words import STATUS_COLOURS

_ENV = Environment(
    loader=FileSystemLoader(REPO_ROOT / "report" / "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def hex_map_svg(area_rows: list[dict], width: int = 320) -> str:
    """An SVG hex map of the given council areas, coloured by coverage status."""
    positions = hex_positions()
    cells = [(positions[a["area_id"]], a) for a in area_rows if a["area_id"] in positions]
    if not cells:
        return ""
    xs = [p[0] for p, _ in cells]
    ys = [p[1] for p, _ in cells]
    span_x, span_y = max(xs) - min(xs) + 1.2, max(ys) - min(ys) + 1.2
    scale = width / span_x
    height = span_y * scale
    radius = 0.577 * scale
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" role="img" aria-label="Hex map">'
    ]
    for (x, y, _name), area in cells:
        cx = (x - min(xs) + 0.6) * scale
        cy = (max(ys) - y + 0.6) * scale
        corners = [
            (cx + radius * math.sin(math.pi / 3 * k), cy + radius * math.cos(math.pi / 3 * k))
            for k in range(6)
        ]
        points = " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
        status = "covered" if area["covered"] else area["reason"]
        parts.append(
            f'<polygon points="{points}" fill="{STATUS_COLOURS[status]}" stroke="#fff" '
            f'stroke-width="0.8"><title>{html.escape(area["area_name"] or "")}: '
            f"{status.replace('_', ' ')}</title></polygon>"
        )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart_svg(rows: list[tuple[str, float, str]], width: int = 470, unit: str = "%") -> str:
    """Horizontal bars: (label, value 0-100, caption)."""
    bar_h, gap, label_w = 16, 5, 168
    height = len(rows) * (bar_h + gap) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">'
    ]
    for i, (label, value, caption) in enumerate(rows):
        y = 5 + i * (bar_h + gap)
        length = (width - label_w - 120) * max(0.0, min(value, 100.0)) / 100
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" font-size="11">'
            f"{html.escape(label)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="#1f78b4"/>'
            f'<text x="{label_w + length + 4:.1f}" y="{y + 13}" font-size="11">'
            f"{value:.0f}{unit} {html.escape(caption)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


PDF_LIST_LIMIT = 10


def render(figures: dict, pdf: bool = False) -> str:
    """The report page for ``quarter_figures`` output.

    ``pdf`` gives the printable page: summaries and gaps. Every uncovered council area
    and every broken group is there, but not the covered areas, and lists of fragile
    groups and of changes are cut to ``PDF_LIST_LIMIT`` entries with a pointer to the
    Excel sheet holding them all (WeasyPrint's time grows with table rows).
    """
    by_region = [
        (
            r["region"],
            100 * r["covered"] / r["areas"] if r["areas"] else 0,
            f"({r['covered']} of {r['areas']})",
        )
        for r in figures["by_region"]
    ]
    history = [
        (
            h["quarter"],
            100 * h["covered"] / h["total"] if h["total"] else 0,
            f"({h['covered']} of {h['total']})",
        )
        for h in figures["history"]
    ]
    template = _ENV.get_template("quarterly.html.j2")
    return template.render(
        f=figures,
        by_region_svg=bar_chart_svg(by_region),
        history_svg=bar_chart_svg(history),
        uk_map_svg=hex_map_svg([a for s in figures["sections"] for a in s["areas"]], width=190),
        region_map=lambda section: hex_map_svg(section["areas"], width=220),
        colours=STATUS_COLOURS,
        by_region={r["region_id"]: r for r in figures["by_region"]},
        pdf=pdf,
        limit=PDF_LIST_LIMIT,
    )
