"""A hex map of the UK's councils (Open Innovations hexmap positions, MIT licence),
coloured by coverage: all of them, or zoomed to one partnership with its councils'
names where they fit. A click on a hex selects that council."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from core.reference import hex_positions
from graph.words import CYCLE_COLOURS, CYCLE_WORDS, STATUS_WORDS
from graph.words import STATUS_COLOURS as AREA_COLOURS

HEX_PATH = "M0,-1L0.866,-0.5L0.866,0.5L0,1L-0.866,0.5L-0.866,-0.5Z"
NOT_IN_DATA = "not in data"
STATUS_COLOURS = {**{STATUS_WORDS[k]: c for k, c in AREA_COLOURS.items()}, NOT_IN_DATA: "#dddddd"}
CYCLE_STATUS_COLOURS = {**{CYCLE_WORDS[k]: c for k, c in CYCLE_COLOURS.items()},
                        NOT_IN_DATA: "#dddddd"}  # fmt: skip
#: Statuses whose hexes are dark enough to need white names.
DARK = [STATUS_WORDS["no_rep"], STATUS_WORDS["expired"], CYCLE_WORDS["last_round_failed"],
        CYCLE_WORDS["no_election"], CYCLE_WORDS["election_running"]]  # fmt: skip
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
            "short": _short(name), "said": f"{name}: {words}",  # said: for screen readers
        })  # fmt: skip
    return pd.DataFrame(rows)


def _short(name: str) -> str:
    """A council's name short enough for its hex: "Kingston upon Hull" → "Kingston"."""
    for cut in (" and ", " upon ", " of ", ", "):
        name = name.split(cut)[0]
    return name if len(name) <= 11 else name[:10] + "."


def hex_chart(
    area_rows: list[dict],
    only: set[str] | None = None,
    height: int = 440,
    most_wide: int = 470,
    cycle: dict[str, str] | None = None,
) -> alt.Chart:
    """The map; ``only`` (area ids) zooms to those councils and names them where they fit;
    ``cycle`` (area id → rep cycle status) colours it by the rep cycle instead."""
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
    radius = per_unit / math.sqrt(3)
    # A custom symbol path spans [-1, 1], drawn at sqrt(size) / 2 pixels per unit.
    size = (2 * radius * 0.97) ** 2
    statuses = [s for s in colours if s in set(frame["status"])]
    pick = alt.selection_point(fields=["area_id"], name="area", on="click")
    base = alt.Chart(frame, height=height, width=width).encode(
        x=alt.X("x:Q", scale=alt.Scale(domain=[x_lo, x_hi], nice=False, zero=False), axis=None),
        y=alt.Y("y:Q", scale=alt.Scale(domain=[y_lo, y_hi], nice=False, zero=False), axis=None),
    )
    hexes = base.mark_point(
        shape=HEX_PATH, filled=True, size=size, stroke="white", strokeWidth=0.5, cursor="pointer"
    ).encode(
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=statuses, range=[colours[s] for s in statuses]),
            legend=alt.Legend(title="Rep election" if cycle is not None else "Elected VCS rep",
                              orient="bottom", columns=2, labelLimit=0,
                              symbolType="square"),
        ),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
        tooltip=[alt.Tooltip("name:N", title="Council"), alt.Tooltip("status:N", title="Rep")],
        description="said:N",  # "Leeds: covered", not the grid's numbers
    ).add_params(pick)  # fmt: skip
    layers = [hexes]
    if len(frame) <= LABELS_UP_TO and radius >= 14:
        layers.append(
            base.mark_text(fontSize=max(8, min(11, radius / 3.2))).encode(
                text="short:N",
                color=alt.condition(  # white on the two darkest reds, black elsewhere
                    alt.FieldOneOfPredicate(field="status", oneOf=DARK),
                    alt.value("#ffffff"),
                    alt.value("#0b0c0c"),
                ),
            )
        )
    # "pad": the plot keeps the size the hexes were sized for and the legend goes below
    # it. Streamlit's default ("fit") squeezes legend and plot into that size, which
    # drew the hexes of a partnership's map over each other once the legend took 3 rows.
    return (
        alt.layer(*layers)
        .properties(autosize=alt.AutoSizeParams(type="pad", contains="padding"))
        .configure_view(strokeWidth=0)
    )
