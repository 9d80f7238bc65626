"""The Overview's hex map (app/hexmap.py): hexes side by side, never over each other,
for the whole UK and for a small partnership, whatever the legend's size."""

from __future__ import annotations

import itertools
import math

import pytest

from app.hexmap import hex_chart
from core.reference import hex_positions


def _layout(only):
    spec = hex_chart([], only).to_dict()
    [hexes] = [layer for layer in spec["layer"] if layer["mark"]["type"] == "point"]
    x_lo, x_hi = hexes["encoding"]["x"]["scale"]["domain"]
    y_lo, y_hi = hexes["encoding"]["y"]["scale"]["domain"]
    width, height = spec["width"], spec["height"]
    radius = math.sqrt(hexes["mark"]["size"]) / 2  # the path spans [-1, 1]
    rows = [v for k, v in hex_positions().items() if only is None or k in only]
    centres = [((x - x_lo) / (x_hi - x_lo) * width, (y - y_lo) / (y_hi - y_lo) * height)
               for x, y, _name in rows]  # fmt: skip
    return spec, radius, centres, width, height


def _near(centre: tuple[float, float], n: int) -> set[str]:
    """The ``n`` councils nearest a point of the grid: a small partnership's map."""
    ranked = sorted(hex_positions().items(),
                    key=lambda kv: math.dist((kv[1][0], kv[1][1]), centre))  # fmt: skip
    return {code for code, _ in ranked[:n]}


@pytest.mark.parametrize("only", [None, "small"], ids=["uk", "partnership"])
def test_hexes_never_overlap_and_stay_inside_the_plot(only):
    if only == "small":
        x, y, _name = next(iter(hex_positions().values()))
        only = _near((x, y), 15)
    spec, radius, centres, width, height = _layout(only)
    # Pointy-top hexes of radius r overlap when their centres are under sqrt(3)·r apart.
    closest = min(math.dist(a, b) for a, b in itertools.combinations(centres, 2))
    assert closest >= math.sqrt(3) * radius * 0.999
    assert closest <= math.sqrt(3) * radius * 1.1  # and side by side, not scattered
    assert all(radius * 0.8 <= x <= width - radius * 0.8 for x, _y in centres)
    assert all(radius <= y <= height - radius for _x, y in centres)
    # The legend goes below the plot instead of squeezing it (Streamlit's "fit").
    assert spec["autosize"]["type"] == "pad"
