"""The paper's pictures: hex maps of coverage and bar charts, as SVG (the HTML and the
PDF) and as PNG (the Word paper), drawn from one layout so the two never differ.

Each picture has a text alternative: the SVG's ``aria-label``, and the ``alt`` that
:mod:`report.word` gives the PNG (:func:`map_summary`, :func:`bars_said`).
"""

from __future__ import annotations

import html
import io
import math
from dataclasses import dataclass
from functools import cache

import pyphen
from PIL import Image, ImageDraw, ImageFont

from core.reference import hex_positions
from core.words import count
from graph.words import STATUS_COLOURS, STATUS_WORDS

__all__ = [
    "abbreviation",
    "area_labels",
    "bar_chart_png",
    "bar_chart_svg",
    "bars_said",
    "contrast",
    "hex_map_png",
    "hex_map_svg",
    "label_ink",
    "map_key",
    "map_summary",
]

INK, PAPER = "#1b1b1b", "#ffffff"
#: The labels' smallest size: 7 pt (in CSS px, the SVG's unit), legible in print.
MIN_LABEL_PX = 7 * 96 / 72 + 0.05
TARGET = "#b3261e"
BAR = "#1f5f99"
#: PNG pixels per SVG unit (CSS px): 2 gives about 192 dots per inch at print size.
PNG_SCALE = 2


@dataclass(frozen=True)
class Hex:
    """One council area's hex: centre, corners, status and (maybe) its label's lines."""

    cx: float
    cy: float
    corners: tuple[tuple[float, float], ...]
    status: str
    name: str
    label: tuple[str, ...]


@dataclass(frozen=True)
class HexMap:
    """A map's hexes, their labels' size, and the key to the abbreviated labels
    (abbreviation → full name), in the order of the names."""

    width: float
    height: float
    font: float
    hexes: tuple[Hex, ...]
    key: tuple[tuple[str, str], ...] = ()


def hex_layout(area_rows: list[dict], width: int, labels: bool) -> HexMap | None:
    """Where each of ``area_rows``' hexes goes on a map ``width`` wide; None when no
    area has a position on the grid."""
    positions = hex_positions()
    cells = [(positions[a["area_id"]], a) for a in area_rows if a["area_id"] in positions]
    if not cells:
        return None
    xs = [p[0] for p, _ in cells]
    ys = [p[1] for p, _ in cells]
    span_x, span_y = max(xs) - min(xs) + 1.2, max(ys) - min(ys) + 1.2
    scale = width / span_x
    radius = 0.577 * scale
    names = [a["area_name"] or a["area_id"] for _p, a in cells]
    font, labels_of, key = MIN_LABEL_PX, {}, {}
    if labels:  # the size with fewest abbreviations, then fewest broken words, then largest
        sizes = [size for size in (11.0, 10.0) if size < radius * 0.42] + [MIN_LABEL_PX]
        tried = [(size, *area_labels(names, radius, size)) for size in sizes]
        font, labels_of, key = min(tried, key=lambda t: (len(t[2]), _broken(t[1]), -t[0]))
    hexes = []
    for (x, y, _name), area in cells:
        cx = (x - min(xs) + 0.6) * scale
        cy = (max(ys) - y + 0.6) * scale
        corners = tuple(
            (cx + radius * math.sin(math.pi / 3 * k), cy + radius * math.cos(math.pi / 3 * k))
            for k in range(6)
        )
        name = area["area_name"] or area["area_id"]
        status = "covered" if area["covered"] else area["reason"]
        hexes.append(Hex(cx, cy, corners, status, name, labels_of.get(name, ())))
    return HexMap(width, span_y * scale, font, tuple(hexes),
                  tuple(sorted(key.items(), key=lambda k: k[1])))  # fmt: skip


def _broken(labels: dict[str, tuple[str, ...]]) -> int:
    """How many labels break a word across lines."""
    return sum(1 for lines in labels.values() for line in lines[:-1] if line.endswith("-"))


def _plain_name(name: str) -> str:
    """A council's name as people say it: ``"Kingston upon Hull, City of"`` →
    ``"Kingston upon Hull"``; other names as they are.

    >>> _plain_name("Bristol, City of"), _plain_name("Armagh City, Banbridge and Craigavon")
    ('Bristol', 'Armagh City, Banbridge and Craigavon')
    """
    head, _comma, tail = name.partition(",")
    return head.strip() if tail.strip().lower() in ("city of", "county of") else name


def _fit(name: str, width: float, font: float, most: int) -> tuple[str, ...] | None:
    """``name`` in at most ``most`` lines no wider than ``width``, or None."""
    face = _font(font, condensed=True)
    lines: list[str] = []
    for word in name.split():
        if lines and face.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        elif face.getlength(word) <= width:
            lines.append(word)
        else:  # a long word broken where a dictionary would: "Middles-" "brough"
            fits = [(head, tail) for head, tail in _breaks(word)
                    if max(face.getlength(head), face.getlength(tail)) <= width]  # fmt: skip
            if not fits:
                return None
            lines += fits[0]
    if len(lines) > most or any(face.getlength(line) > width for line in lines):
        return None
    return tuple(lines)


@cache
def _hyphenation() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


def _breaks(word: str) -> list[tuple[str, str]]:
    """Where a long word may break across two lines, longest first part first: at its
    own hyphens and where a British dictionary hyphenates, leaving four letters or more
    on each line.

    >>> _breaks("Middlesbrough"), _breaks("Stoke-on-Trent")
    ([('Middles-', 'brough')], [('Stoke-on-', 'Trent'), ('Stoke-', 'on-Trent')])
    """
    found = {(word[: i + 1], word[i + 1 :]) for i, c in enumerate(word) if c == "-"}
    found |= {(head + "-", tail) for head, tail in _hyphenation().iterate(word)}
    return sorted(((h, t) for h, t in found if len(h.strip("-")) >= 4 and len(t) >= 4),
                  key=lambda ht: -len(ht[0]))  # fmt: skip


#: Words an abbreviation leaves out.
_SMALL_WORDS = {"upon", "on", "of", "the", "and", "in", "city", "county", "with", "le"}


def abbreviation(name: str) -> str:
    """A council's short form for a hex too small for its name: the initials of a name
    of several words, else its first four letters.

    >>> abbreviation("East Riding of Yorkshire"), abbreviation("Kingston upon Hull, City of")
    ('ERY', 'KH')
    >>> abbreviation("Calderdale"), abbreviation("Brighton and Hove")
    ('Cald', 'BH')
    """
    words = [w for w in _plain_name(name).replace("-", " ").split()
             if w.lower() not in _SMALL_WORDS]  # fmt: skip
    if len(words) > 1:
        return "".join(w[0].upper() for w in words)
    return (words[0] if words else name)[:4]


def area_labels(
    names: list[str], radius: float, font: float
) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """Each council's label, in lines: its name where it fits inside a hex of ``radius``
    at ``font`` (up to three lines, within the hex's full-width middle), else an
    :func:`abbreviation`, made unique among ``names`` by a further letter; and the key:
    abbreviation → the name it stands for."""
    width = radius * 1.45
    most = max(1, min(3, 1 + int((radius * 1.1 - font) / (font * 1.15))))
    out: dict[str, tuple[str, ...]] = {}
    key: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(names, key=lambda n: (len(n), n)):
        lines = _fit(_plain_name(name), width, font, most)
        if lines is None:
            short = abbreviation(name)
            extra = iter(_plain_name(name).replace(" ", "")[len(short) :] + "123456789")
            while short in taken:
                short += next(extra)
            lines = (short,)
            key[short] = _plain_name(name)
        taken.add(" ".join(lines))
        out[name] = lines
    return out, key


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two colours ``#rrggbb`` (1 to 21).

    >>> round(contrast("#000000", "#ffffff"), 1)
    21.0
    """

    def luminance(colour: str) -> float:
        rgb = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def label_ink(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (every status colour gives
    at least 4.5:1, WCAG AA)."""
    return max(("#000000", PAPER), key=lambda ink: contrast(ink, fill))


def map_key(area_rows: list[dict], width: int) -> list[tuple[str, str]]:
    """The key to a labelled map's abbreviations: (abbreviation, name), by name."""
    layout = hex_layout(area_rows, width, True)
    return list(layout.key) if layout else []


def _ink(status: str) -> str:
    return label_ink(STATUS_COLOURS[status])


def _label_lines(h: Hex, font: float) -> list[tuple[float, str]]:
    """Each line of a hex's label with its baseline, centred on the hex."""
    step = font * 1.15
    first = h.cy - step * (len(h.label) - 1) / 2 + font * 0.35
    return [(first + i * step, line) for i, line in enumerate(h.label)]


def hex_map_svg(
    area_rows: list[dict], width: int = 320, labels: bool = False, title: str = "Hex map"
) -> str:
    """An SVG hex map of the given council areas, coloured by coverage status.

    ``labels`` writes a short name in each hex (for one partnership's map). The map is
    an image with a text summary (``aria-label``) of what it shows; each hex has a
    tooltip with the area's name and status."""
    layout = hex_layout(area_rows, width, labels)
    if layout is None:
        return ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{layout.height:.0f}" '
        f'viewBox="0 0 {width} {layout.height:.0f}" role="img" '
        f'aria-label="{html.escape(title + ". " + map_summary(area_rows))}">'
    ]
    font = layout.font
    for h in layout.hexes:
        points = " ".join(f"{px:.1f},{py:.1f}" for px, py in h.corners)
        parts.append(
            f'<polygon points="{points}" fill="{STATUS_COLOURS[h.status]}" stroke="#fff" '
            f'stroke-width="0.8"><title>{html.escape(h.name)}: '
            f"{STATUS_WORDS[h.status]}</title></polygon>"
        )
        for y, line in _label_lines(h, font):
            parts.append(
                f'<text x="{h.cx:.1f}" y="{y:.1f}" text-anchor="middle" '
                f'font-size="{font:.2f}" font-family="{LABEL_FONT}" fill="{_ink(h.status)}" '
                f'aria-hidden="true">'
                f"{html.escape(line)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


@cache
def _font(size: float, condensed: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans (the PDF's font; ``condensed`` for the maps' labels) at ``size``
    pixels, or Pillow's own if not installed."""
    try:
        return ImageFont.truetype("DejaVuSansCondensed.ttf" if condensed else "DejaVuSans.ttf",
                                  size)  # fmt: skip
    except OSError:
        return ImageFont.load_default(size)


#: The maps' labels: narrower letters, so more names fit whole.
LABEL_FONT = "DejaVu Sans Condensed, DejaVu Sans, Arial Narrow, sans-serif"


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def hex_map_png(area_rows: list[dict], width: int = 320, labels: bool = False) -> bytes | None:
    """:func:`hex_map_svg`'s map as a PNG (``PNG_SCALE`` times its size); None when no
    area has a position on the grid."""
    layout = hex_layout(area_rows, width, labels)
    if layout is None:
        return None
    k = PNG_SCALE
    image = Image.new("RGB", (math.ceil(width * k), math.ceil(layout.height * k)), PAPER)
    draw = ImageDraw.Draw(image)
    font = _font(layout.font * k, condensed=True)
    for h in layout.hexes:
        draw.polygon([(x * k, y * k) for x, y in h.corners], fill=STATUS_COLOURS[h.status],
                     outline=PAPER, width=max(1, round(0.8 * k)))  # fmt: skip
        for y, line in _label_lines(h, layout.font):
            draw.text((h.cx * k, y * k), line, fill=_ink(h.status), font=font, anchor="ms")
    return _png(image)


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


@dataclass(frozen=True)
class Bar:
    label: str
    text: str  # the value and its caption
    y: float
    length: float
    text_x: float  # where the value's text starts


@dataclass(frozen=True)
class BarChart:
    width: float
    height: float
    label_w: float
    bar_h: float
    bars: tuple[Bar, ...]
    target_x: float | None
    target_text: str


def bar_layout(
    rows: list[tuple[str, float, str]], width: int, unit: str, target: float | None
) -> BarChart:
    """Where each bar, its labels and the target line go. With a target, the values
    stand in a column right of its line, so the line never runs through them."""
    bar_h, gap, label_w = 16, 5, 168
    top = 16 if target is not None else 5
    height = top + len(rows) * (bar_h + gap) + 5
    span = width - label_w - 120
    target_x = None if target is None else label_w + span * max(0.0, min(target, 100.0)) / 100
    bars = []
    for i, (label, value, caption) in enumerate(rows):
        length = span * max(0.0, min(value, 100.0)) / 100
        after = label_w + length + 4
        text_x = after if target_x is None else max(after, target_x + 6)
        bars.append(Bar(label, f"{value:.0f}{unit} {caption}", top + i * (bar_h + gap), length,
                        text_x))  # fmt: skip
    target_text = "" if target is None else f"target {target:.0f}{unit}"
    return BarChart(width, height, label_w, bar_h, tuple(bars), target_x, target_text)


def bars_said(
    rows: list[tuple[str, float, str]], unit: str = "%", target: float | None = None
) -> str:
    """Every bar in words, and the target."""
    said = "; ".join(f"{label}: {value:.0f}{unit} {caption}" for label, value, caption in rows)
    if target is not None:
        said += f". Target: {target:.0f}{unit}"
    return said


def bar_chart_svg(
    rows: list[tuple[str, float, str]],
    width: int = 470,
    unit: str = "%",
    target: float | None = None,
    title: str = "Bar chart",
) -> str:
    """Horizontal bars: (label, value 0-100, caption), with an optional target line.

    The chart is an image whose ``aria-label`` says every bar in words."""
    chart = bar_layout(rows, width, unit, target)
    label = html.escape(title + ": " + bars_said(rows, unit, target))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{chart.height}" '
        f'viewBox="0 0 {width} {chart.height}" role="img" aria-label="{label}">'
    ]
    for bar in chart.bars:
        parts.append(
            f'<text x="{chart.label_w - 6}" y="{bar.y + 12}" text-anchor="end" font-size="11">'
            f"{html.escape(bar.label)}</text>"
            f'<rect x="{chart.label_w}" y="{bar.y}" width="{bar.length:.1f}" '
            f'height="{chart.bar_h}" fill="{BAR}"/>'
            f'<text x="{bar.text_x:.1f}" y="{bar.y + 12}" font-size="11">'
            f"{html.escape(bar.text)}</text>"
        )
    if chart.target_x is not None:
        x, top = chart.target_x, chart.bars[0].y if chart.bars else 16
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 3}" x2="{x:.1f}" y2="{chart.height - 3}" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="4,3"/>'
            f'<text x="{x:.1f}" y="{top - 5}" text-anchor="middle" font-size="10" '
            f'fill="{TARGET}">{chart.target_text}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart_png(
    rows: list[tuple[str, float, str]],
    width: int = 470,
    unit: str = "%",
    target: float | None = None,
) -> bytes:
    """:func:`bar_chart_svg`'s chart as a PNG (``PNG_SCALE`` times its size)."""
    chart = bar_layout(rows, width, unit, target)
    k = PNG_SCALE
    image = Image.new("RGB", (math.ceil(width * k), math.ceil(chart.height * k)), PAPER)
    draw = ImageDraw.Draw(image)
    font, small = _font(11 * k), _font(10 * k)
    for bar in chart.bars:
        baseline = (bar.y + 12) * k
        draw.text(((chart.label_w - 6) * k, baseline), bar.label, fill=INK, font=font,
                  anchor="rs")  # fmt: skip
        if bar.length:
            draw.rectangle([chart.label_w * k, bar.y * k, (chart.label_w + bar.length) * k,
                            (bar.y + chart.bar_h) * k], fill=BAR)  # fmt: skip
        draw.text((bar.text_x * k, baseline), bar.text, fill=INK,
                  font=font, anchor="ls")  # fmt: skip
    if chart.target_x is not None:
        x, top = chart.target_x * k, (chart.bars[0].y if chart.bars else 16) * k
        y, bottom, dash, space = top - 3 * k, (chart.height - 3) * k, 4 * k, 3 * k
        while y < bottom:
            draw.line([(x, y), (x, min(y + dash, bottom))], fill=TARGET, width=round(1.5 * k))
            y += dash + space
        draw.text((x, top - 5 * k), chart.target_text, fill=TARGET, font=small, anchor="ms")
    return _png(image)
