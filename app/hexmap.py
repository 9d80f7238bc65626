"""A hex map of all UK councils (Open Innovations hexmap positions, MIT licence)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.reference import hex_positions
from graph.words import STATUS_COLOURS as AREA_COLOURS

HEX_PATH = "M0,-1L0.866,-0.5L0.866,0.5L0,1L-0.866,0.5L-0.866,-0.5Z"
STATUS_COLOURS = {**AREA_COLOURS, "not in data": "#dddddd"}


def hex_frame(area_rows: list[dict]) -> pd.DataFrame:
    """One row per hex: the council's status from ``area_status`` rows."""
    status = {r["area_id"]: r for r in area_rows}
    rows = []
    for code, (x, y, name) in hex_positions().items():
        row = status.get(code)
        rows.append(
            {
                "area_id": code,
                "name": row["area_name"] if row else name,
                "x": x,
                "y": y,
                "status": ("covered" if row["covered"] else row["reason"])
                if row
                else "not in data",
            }
        )
    return pd.DataFrame(rows)


def hex_chart(area_rows: list[dict], height: int = 560) -> alt.Chart:
    frame = hex_frame(area_rows)
    x_span = frame["x"].max() - frame["x"].min() + 1
    y_span = frame["y"].max() - frame["y"].min() + 1
    width = int(height * x_span / y_span)
    # A custom symbol path spans [-1, 1], drawn at sqrt(size) / 2 pixels per unit.
    radius = 0.5 * height / y_span
    size = (2 * radius * 0.95) ** 2
    statuses = [s for s in STATUS_COLOURS if s in set(frame["status"])]
    return (
        alt.Chart(frame, height=height, width=width)
        .mark_point(shape=HEX_PATH, filled=True, size=size, stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("x:Q", axis=None, scale=alt.Scale(zero=False, nice=False)),
            y=alt.Y("y:Q", axis=None, scale=alt.Scale(zero=False, nice=False)),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=statuses, range=[STATUS_COLOURS[s] for s in statuses]),
                legend=alt.Legend(title="VCS rep", orient="bottom", columns=3),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="Area"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("area_id:N", title="Code"),
            ],
        )
        .configure_view(strokeWidth=0)
    )
