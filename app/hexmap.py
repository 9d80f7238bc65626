"""A hex map of the UK's councils (Open Innovations hexmap positions, MIT licence),
coloured by coverage: all of them, or zoomed to one partnership with its councils'
names where they fit. Each status has its colour and a symbol (a second channel, for
colour-blind readers and print); the key is beside the map. A click on a hex selects
that council; the wheel zooms and dragging pans, and ``zoom`` (from the page's
buttons) opens it closer around ``centre``."""

from __future__ import annotations

import html
import math

import altair as alt
import pandas as pd

from core.reference import hex_positions
from core.vocabulary import CYCLE_SYMBOLS, STATUS_SYMBOLS, ink
from graph.words import CYCLE_COLOURS, CYCLE_WORDS, STATUS_WORDS
from graph.words import STATUS_COLOURS as AREA_COLOURS

HEX_PATH = "M0,-1L0.866,-0.5L0.866,0.5L0,1L-0.866,0.5L-0.866,-0.5Z"
NOT_IN_DATA = "not in data"
STATUS_COLOURS = {**{STATUS_WORDS[k]: c for k, c in AREA_COLOURS.items()}, NOT_IN_DATA: "#dddddd"}
CYCLE_STATUS_COLOURS = {**{CYCLE_WORDS[k]: c for k, c in CYCLE_COLOURS.items()},
                        NOT_IN_DATA: "#dddddd"}  # fmt: skip
SYMBOLS = {**{STATUS_WORDS[k]: v for k, v in STATUS_SYMBOLS.items()},
           **{CYCLE_WORDS[k]: v for k, v in CYCLE_SYMBOLS.items()}, NOT_IN_DATA: ""}  # fmt: skip
#: Statuses whose hexes are dark enough to need white names.
DARK = sorted({w for w, c in {**STATUS_COLOURS, **CYCLE_STATUS_COLOURS}.items()
               if ink(c) == "#ffffff"})  # fmt: skip
#: Names that would be cut to something another council could be (or that people do
#: not call them): what the hex says instead.
SHORT_NAMES = {
    "Kingston upon Hull, City of": "Hull",
    "Kingston upon Hull": "Hull",
    "North East Lincolnshire": "NE Lincs",
    "North Lincolnshire": "N Lincs",
    "East Riding of Yorkshire": "East Riding",
    "North Yorkshire": "N Yorkshire",
    "Kingston upon Thames": "Kingston",
    "Richmond upon Thames": "Richmond",
    "Newcastle upon Tyne": "Newcastle",
    "Newcastle-under-Lyme": "Newcastle-u-L",
    "Stockton-on-Tees": "Stockton",
    "Redcar and Cleveland": "Redcar",
    "Barking and Dagenham": "Barking",
    "Hammersmith and Fulham": "Hammersmith",
    "Kensington and Chelsea": "Kensington",
    "Brighton and Hove": "Brighton",
    "Bath and North East Somerset": "Bath & NES",
    "North East Somerset": "NE Somerset",
    "North Somerset": "N Somerset",
    "South Gloucestershire": "S Glos",
    "North Northamptonshire": "N Northants",
    "West Northamptonshire": "W Northants",
    "North Tyneside": "N Tyneside",
    "South Tyneside": "S Tyneside",
    "North East Derbyshire": "NE Derbys",
    "North West Leicestershire": "NW Leics",
    "South Derbyshire": "S Derbys",
    "South Kesteven": "S Kesteven",
    "North Kesteven": "N Kesteven",
    "East Lindsey": "E Lindsey",
    "West Lindsey": "W Lindsey",
    "South Holland": "S Holland",
    "East Staffordshire": "E Staffs",
    "South Staffordshire": "S Staffs",
    "North Warwickshire": "N Warks",
    "East Hertfordshire": "E Herts",
    "North Hertfordshire": "N Herts",
    "South Cambridgeshire": "S Cambs",
    "East Cambridgeshire": "E Cambs",
    "South Norfolk": "S Norfolk",
    "North Norfolk": "N Norfolk",
    "West Suffolk": "W Suffolk",
    "East Suffolk": "E Suffolk",
    "Buckinghamshire": "Bucks",
    "Carmarthenshire": "Carmarthen",
    "Clackmannanshire": "Clackmannan",
    "East Dunbartonshire": "E Dunbarton",
    "West Dunbartonshire": "W Dunbarton",
    "Huntingdonshire": "Hunts",
    "Causeway Coast and Glens": "Causeway\nCoast & Glens",
    "Na h-Eileanan Siar": "Western Isles",
    "Staffordshire Moorlands": "Staffs\nMoorlands",
}
LABELS_UP_TO = 45  # hexes: a partnership's councils get their names written on the map


def hex_frame(
    area_rows: list[dict], only: set[str] | None = None, cycle: dict[str, str] | None = None
) -> pd.DataFrame:
    """One row per hex: the council's status (in words) from ``area_status`` rows, or its
    rep cycle status from ``cycle`` (area id → status) when given; ``only`` keeps those
    area ids."""
    status = {r["area_id"]: r for r in area_rows}
    rows = []
    for code, (x, y, name) in hex_positions().items():
        if only is not None and code not in only:
            continue
        row = status.get(code)
        state = ("covered" if row["covered"] else row["reason"]) if row else None
        name = row["area_name"] if row else name
        words = STATUS_WORDS[state] if state else NOT_IN_DATA
        if cycle is not None:
            words = CYCLE_WORDS[cycle[code]] if code in cycle else NOT_IN_DATA
        rows.append({
            "area_id": code, "name": name, "x": x, "y": y, "status": words,
            "short": _short(name), "symbol": SYMBOLS.get(words, ""),
            "said": f"{name}: {words}",  # for screen readers
        })  # fmt: skip
    return pd.DataFrame(rows)


def _short(name: str) -> str:
    """A council's name as its hex shows it, on two lines if it must, never one another
    council could be: "Kingston upon Hull, City of" → "Hull", "North East Lincolnshire"
    → "NE Lincs", "Tower Hamlets" → "Tower\nHamlets"."""
    name = SHORT_NAMES.get(name) or name.split(", ")[0]
    name = SHORT_NAMES.get(name, name)
    if "\n" in name:
        return name
    for long, brief in _WORDS:
        if len(name) > 11:
            name = name.replace(long, brief)
    gap = " " if " " in name else "-" if "-" in name else ""
    if len(name) <= 12 or not gap:
        return name if len(name) <= 14 else name[:13] + "."
    words = name.split(gap)
    cut = min(range(1, len(words)),
              key=lambda i: abs(len(gap.join(words[:i])) - len(gap.join(words[i:]))))  # fmt: skip
    lines = [gap.join(words[:cut]) + ("-" if gap == "-" else ""), gap.join(words[cut:])]
    return "\n".join(line if len(line) <= 13 else line[:12] + "." for line in lines)


_WORDS = (("North East ", "NE "), ("North West ", "NW "), ("South East ", "SE "),
          ("South West ", "SW "), ("North ", "N "), ("South ", "S "), ("East ", "E "),
          ("West ", "W "), (" and ", " & "))  # fmt: skip


def hex_chart(
    area_rows: list[dict],
    only: set[str] | None = None,
    height: int = 440,
    most_wide: int = 470,
    cycle: dict[str, str] | None = None,
    zoom: float = 1.0,
    centre: tuple[float, float] | None = None,
) -> alt.Chart:
    """The map; ``only`` (area ids) zooms to those councils and names them where they fit;
    ``cycle`` (area id → rep cycle status) colours it by the rep cycle instead; ``zoom``
    (1 shows everything) opens it that much closer around ``centre`` (map units)."""
    frame = hex_frame(area_rows, only, cycle)
    colours = CYCLE_STATUS_COLOURS if cycle is not None else STATUS_COLOURS
    # The positions are the hexes' centres, neighbours one unit apart (rows sqrt(3)/2
    # apart, every other row shifted by half): one scale for x and y, pointy-top hexes
    # of radius 1/sqrt(3) units, and half a hex to spare on every side.
    x_lo, x_hi = frame["x"].min() - 0.6, frame["x"].max() + 0.6
    y_lo, y_hi = frame["y"].min() - 0.65, frame["y"].max() + 0.65
    per_unit = height / (y_hi - y_lo)
    width = int(per_unit * (x_hi - x_lo))
    if width > most_wide:  # a wide partnership: keep the width, let the height shrink
        per_unit = most_wide / (x_hi - x_lo)
        width = most_wide
    height = int(per_unit * (y_hi - y_lo))
    if zoom > 1:  # the same frame, a closer look: fewer map units across it
        cx, cy = centre or ((x_lo + x_hi) / 2, (y_lo + y_hi) / 2)
        half_x, half_y = (x_hi - x_lo) / 2 / zoom, (y_hi - y_lo) / 2 / zoom
        x_lo, x_hi, y_lo, y_hi = cx - half_x, cx + half_x, cy - half_y, cy + half_y
        per_unit *= zoom
    radius = per_unit / math.sqrt(3)
    statuses = [s for s in colours if s in set(frame["status"])]
    pick = alt.selection_point(fields=["area_id"], name="area", on="click")
    # The wheel zooms and dragging pans (the scales follow); the hexes and their words
    # grow with the zoom: sizes are worked out from the scale's domain as it is drawn.
    units = "(domain('x')[1] - domain('x')[0])"
    pixels = f"(width / {units})"
    base = alt.Chart(frame, height=height, width=width).encode(
        x=alt.X("x:Q", scale=alt.Scale(domain=[x_lo, x_hi], nice=False, zero=False), axis=None),
        y=alt.Y("y:Q", scale=alt.Scale(domain=[y_lo, y_hi], nice=False, zero=False), axis=None),
    )
    # A custom symbol path spans [-1, 1], drawn at sqrt(size) / 2 pixels per unit.
    hexes = base.mark_point(
        shape=HEX_PATH, filled=True, stroke="white", strokeWidth=0.5, cursor="pointer",
        size=alt.expr(f"pow(2 * 0.97 * {pixels} / sqrt(3), 2)"),
    ).encode(
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=statuses, range=[colours[s] for s in statuses]),
            legend=None,  # the key is beside the map, in the page (hex_key_html)
        ),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.6)),
        tooltip=[alt.Tooltip("name:N", title="Council"), alt.Tooltip("status:N", title="Rep")],
        description="said:N",  # "Leeds: covered", not the grid's numbers
    ).add_params(pick, alt.selection_interval(bind="scales", name="view"))  # fmt: skip
    named = len(frame) <= LABELS_UP_TO and radius >= 14
    ink_of = alt.condition(  # white on the dark statuses, black elsewhere
        alt.FieldOneOfPredicate(field="status", oneOf=DARK), alt.value("#ffffff"),
        alt.value("#0b0c0c"),
    )  # fmt: skip
    # The second channel: each status's symbol in its hexes (above the name, if named).
    symbols = base.mark_text(
        fontWeight="bold", dy=alt.expr(f"{'-0.5' if named else '0'} * {pixels} / sqrt(3)"),
        fontSize=alt.expr(f"max(7, min(18, {pixels} * {0.4 if named else 0.6}))"),
    ).encode(text="symbol:N", color=ink_of)  # fmt: skip
    layers = [hexes, symbols]
    if named:
        layers.append(
            base.mark_text(
                lineBreak="\n",
                dy=alt.expr(f"0.12 * {pixels} / sqrt(3)"),
                fontSize=alt.expr(f"max(8, min(13, {pixels} / sqrt(3) / 3.2))"),
            ).encode(text="short:N", color=ink_of)
        )
    # "pad": the plot keeps the size the hexes were sized for and the legend goes beside
    # it. Streamlit's default ("fit") squeezes legend and plot into that size.
    return (
        alt.layer(*layers)
        .properties(autosize=alt.AutoSizeParams(type="pad", contains="padding"))
        .configure_view(strokeWidth=0, clip=True)
    )


def hex_key_html(
    area_rows: list[dict], only: set[str] | None = None, cycle: dict[str, str] | None = None
) -> str:
    """The map's key, to sit beside it: each status shown, its colour, its symbol and
    its words, with how many councils have it."""
    frame = hex_frame(area_rows, only, cycle)
    colours = CYCLE_STATUS_COLOURS if cycle is not None else STATUS_COLOURS
    counts = frame["status"].value_counts()
    title = "Rep election" if cycle is not None else "Elected VCS rep"
    rows = "".join(
        f'<li style="display:flex;align-items:center;gap:8px;margin:0 0 6px 0">'
        f'<span aria-hidden="true" style="display:inline-flex;align-items:center;'
        f"justify-content:center;width:22px;height:22px;flex:none;background:{colours[s]};"
        f'color:{ink(colours[s])};font-weight:bold;font-size:13px">{SYMBOLS.get(s, "")}</span>'
        f"<span>{html.escape(s)} ({counts[s]})</span></li>"
        for s in colours
        if s in counts
    )
    return (f'<div role="group" aria-label="Key to the map" style="font-size:0.95rem">'
            f'<p style="font-weight:600;margin:0 0 6px 0">{title}</p>'
            f'<ul style="list-style:none;padding:0;margin:0">{rows}</ul></div>')  # fmt: skip
