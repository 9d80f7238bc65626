"""The report as one self-contained HTML page: inline CSS and SVG charts, no links out."""

from __future__ import annotations

import html
import math

from jinja2 import Environment, FileSystemLoader, select_autoescape

from core.config import REPO_ROOT
from core.reference import hex_positions
from core.words import agree, count, uk_date, uk_datetime
from graph.words import CYCLE_WORDS, REASON_WORDS, STATUS_COLOURS, STATUS_WORDS
from report.board import SECTIONS

_ENV = Environment(
    loader=FileSystemLoader(REPO_ROOT / "report" / "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["uk_date"] = uk_date
_ENV.filters["uk_datetime"] = uk_datetime
_ENV.filters["count"] = count
_ENV.filters["agree"] = agree
_ENV.filters["cycle_words"] = CYCLE_WORDS.get


def hex_map_svg(
    area_rows: list[dict], width: int = 320, labels: bool = False, title: str = "Hex map"
) -> str:
    """An SVG hex map of the given council areas, coloured by coverage status.

    ``labels`` writes a short name in each hex (for one partnership's map). The map is
    an image with a text summary (``aria-label``) of what it shows; each hex has a
    tooltip with the area's name and status."""
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
        f'viewBox="0 0 {width} {height:.0f}" role="img" '
        f'aria-label="{html.escape(title + ". " + map_summary(area_rows))}">'
    ]
    font = max(5.0, min(9.0, radius * 0.42))
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
            f"{STATUS_WORDS[status]}</title></polygon>"
        )
        if labels:
            ink = "#fff" if status in DARK_STATUSES else "#1b1b1b"
            parts.append(
                f'<text x="{cx:.1f}" y="{cy + font / 3:.1f}" text-anchor="middle" '
                f'font-size="{font:.1f}" fill="{ink}" aria-hidden="true">'
                f"{html.escape(short_area_name(area['area_name'] or area['area_id']))}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


#: Statuses whose colour needs white text on it.
DARK_STATUSES = frozenset({"covered", "expired", "no_rep"})


def short_area_name(name: str, size: int = 5) -> str:
    """A council's name cut to fit a hex: ``"Kirklees"`` → ``"Kirkl"``; the first
    letters of each word for longer names (``"North East Lincolnshire"`` → ``"NELin"``).

    >>> short_area_name("Kirklees"), short_area_name("North East Lincolnshire")
    ('Kirkl', 'NELin')
    >>> short_area_name("York"), short_area_name("Kingston upon Hull, City of")
    ('York', 'KHull')
    """
    name = name.split(",")[0]
    words = [w for w in name.replace("-", " ").split() if w.lower() not in {"upon", "on", "of",
             "the", "and", "city", "county"}]  # fmt: skip
    if len(words) <= 1:
        return (words[0] if words else name)[:size]
    return "".join(w[0] for w in words[:-1]) + words[-1][: max(2, size - len(words) + 1)]


def map_summary(area_rows: list[dict]) -> str:
    """The map in words: how many areas are covered, and which are not and why."""
    covered = [a for a in area_rows if a["covered"]]
    gaps = sorted((a for a in area_rows if not a["covered"]), key=lambda a: a["area_name"] or "")
    text = f"{len(covered)} of {count(len(area_rows), 'council area')} covered"
    if gaps and len(gaps) <= 30:
        text += ". Not covered: " + "; ".join(
            f"{a['area_name']} ({STATUS_WORDS[a['reason']]})" for a in gaps
        )
    elif gaps:
        text += f"; {len(gaps)} not covered, listed in the table below"
    return text + "."


def bar_chart_svg(
    rows: list[tuple[str, float, str]],
    width: int = 470,
    unit: str = "%",
    target: float | None = None,
    title: str = "Bar chart",
) -> str:
    """Horizontal bars: (label, value 0-100, caption), with an optional target line.

    The chart is an image whose ``aria-label`` says every bar in words."""
    bar_h, gap, label_w = 16, 5, 168
    top = 16 if target is not None else 5
    height = top + len(rows) * (bar_h + gap) + 5
    span = width - label_w - 120
    said = "; ".join(f"{label}: {value:.0f}{unit} {caption}" for label, value, caption in rows)
    if target is not None:
        said += f". Target: {target:.0f}{unit}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{html.escape(title + ": " + said)}">'
    ]
    for i, (label, value, caption) in enumerate(rows):
        y = top + i * (bar_h + gap)
        length = span * max(0.0, min(value, 100.0)) / 100
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end" font-size="11">'
            f"{html.escape(label)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="#1f5f99"/>'
            f'<text x="{label_w + length + 4:.1f}" y="{y + 12}" font-size="11">'
            f"{value:.0f}{unit} {html.escape(caption)}</text>"
        )
    if target is not None:
        x = label_w + span * max(0.0, min(target, 100.0)) / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 3}" x2="{x:.1f}" y2="{height - 3}" stroke="#b3261e" '
            f'stroke-width="1.5" stroke-dasharray="4,3"/>'
            f'<text x="{x:.1f}" y="{top - 5}" text-anchor="middle" font-size="10" '
            f'fill="#b3261e">target {target:.0f}{unit}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


PDF_LIST_LIMIT = 10
#: Cut-off groups the PDF lists before pointing to the Excel sheet (each takes space).
PDF_BROKEN_LIMIT = 30
#: The coverage target drawn on the partnerships chart (per cent of council areas).
COVERAGE_TARGET = 100.0


def _percent(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0


def render(figures: dict, pdf: bool = False) -> str:
    """The report page for ``quarter_figures`` output.

    ``pdf`` gives the printable paper: every gap, but not the list of all council areas
    (covered ones included); cut-off groups cut to ``PDF_BROKEN_LIMIT`` and fragile ones
    to ``PDF_LIST_LIMIT``, each with a pointer to the Excel sheet holding them all.
    """
    by_region = sorted(
        (
            (r["region"], _percent(r["covered"], r["areas"]), f"({r['covered']} of {r['areas']})")
            for r in figures["by_region"]
        ),
        key=lambda row: (-row[1], row[0]),
    )
    history = [
        (
            h["quarter_words"],
            _percent(h["covered"], h["total"]),
            f"({h['covered']} of {h['total']})",
        )
        for h in figures["history"]
    ]
    single = figures["region_id"] is not None
    template = _ENV.get_template("quarterly.html.j2")
    return template.render(
        f=figures,
        by_region_svg=bar_chart_svg(
            by_region,
            target=COVERAGE_TARGET,
            title="Share of council areas with an elected VCS representative, by partnership",
        ),
        history_svg=bar_chart_svg(
            history, title="Share of council areas covered at each of the last four quarter ends"
        ),
        uk_map_svg=hex_map_svg(
            [a for s in figures["sections"] for a in s["areas"]],
            width=200,
            title="Map of council areas by coverage",
        ),
        region_map=lambda section: hex_map_svg(
            section["areas"],
            width=430 if single else 200,
            labels=single,
            title=f"Map of the council areas of {section['region']} by coverage",
        ),
        colours=STATUS_COLOURS,
        status_words=STATUS_WORDS,
        reason_words=REASON_WORDS,
        sections=SECTIONS,
        single=single,
        by_region={r["region_id"]: r for r in figures["by_region"]},
        pdf=pdf,
        limit=PDF_LIST_LIMIT,
        broken_limit=PDF_BROKEN_LIMIT,
    )
