"""The Overview's hex map (app/hexmap.py): hexes side by side, never over each other,
for the whole UK and for a small partnership, at any zoom; names nobody can confuse;
each status its own colour and symbol, none of them the red of "cut off"."""

from __future__ import annotations

import itertools
import math

import pytest

from app.hexmap import _short, hex_chart, hex_key_html
from app.vis import BROKEN
from core.reference import hex_positions
from core.vocabulary import CYCLE_COLOURS, CYCLE_SYMBOLS, STATUS_COLOURS, STATUS_SYMBOLS


def _layout(only, zoom=1.0):
    spec = hex_chart([], only, zoom=zoom).to_dict()
    [hexes] = [layer for layer in spec["layer"] if layer["mark"]["type"] == "point"]
    x_lo, x_hi = hexes["encoding"]["x"]["scale"]["domain"]
    y_lo, y_hi = hexes["encoding"]["y"]["scale"]["domain"]
    width, height = spec["width"], spec["height"]
    # The size follows the scale's domain as drawn (the wheel zooms): the path spans
    # [-1, 1], drawn at sqrt(size) / 2 pixels per unit.
    assert hexes["mark"]["size"]["expr"] == (
        "pow(2 * 0.97 * (width / (domain('x')[1] - domain('x')[0])) / sqrt(3), 2)"
    )
    radius = 0.97 * width / (x_hi - x_lo) / math.sqrt(3)
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
    _, zoomed, *_ = _layout(only, zoom=4)
    assert zoomed == pytest.approx(4 * radius)  # closer, bigger: still side by side
    # Pointy-top hexes of radius r overlap when their centres are under sqrt(3)·r apart.
    closest = min(math.dist(a, b) for a, b in itertools.combinations(centres, 2))
    assert closest >= math.sqrt(3) * radius * 0.999
    assert closest <= math.sqrt(3) * radius * 1.1  # and side by side, not scattered
    assert all(radius * 0.8 <= x <= width - radius * 0.8 for x, _y in centres)
    assert all(radius <= y <= height - radius for _x, y in centres)
    # The legend goes below the plot instead of squeezing it (Streamlit's "fit").
    assert spec["autosize"]["type"] == "pad"


def test_every_council_has_a_name_on_its_hex_no_other_could_have():
    shown = {code: _short(name) for code, (_x, _y, name) in hex_positions().items()}
    assert len(set(shown.values())) == len(shown)
    assert not [s for s in shown.values() if s.endswith(".")]  # never cut off
    assert all(len(line) <= 14 for s in shown.values() for line in s.split("\n"))
    named = {name: _short(name) for _x, _y, name in hex_positions().values()}
    assert named["Kingston upon Hull, City of"] == "Hull"
    assert named["North East Lincolnshire"] == "NE Lincs"
    assert named["Tower Hamlets"] == "Tower\nHamlets"


@pytest.mark.parametrize("colours, symbols", [(STATUS_COLOURS, STATUS_SYMBOLS),
                                              (CYCLE_COLOURS, CYCLE_SYMBOLS)])  # fmt: skip
def test_each_status_has_its_own_colour_and_symbol_and_none_is_red(colours, symbols):
    assert len(set(colours.values())) == len(colours)
    gaps = [s for s in colours if s != "covered"]
    assert len({symbols[s] for s in gaps}) == len(gaps) and all(symbols[s] for s in gaps)
    assert BROKEN not in colours.values()
    assert all(not (c.startswith("#d") and int(c[3:5], 16) < 0x60) for c in colours.values())


def test_the_key_lists_each_status_shown_with_its_symbol_and_count():
    rows = [
        {"area_id": "E08000035", "area_name": "Leeds", "covered": True, "reason": None},
        {"area_id": "E06000010", "area_name": "Hull", "covered": False, "reason": "no_rep"},
    ]
    key = hex_key_html(rows, {"E08000035", "E06000010"})
    assert "covered (1)" in key and "✕</span><span>no rep (1)" in key
    assert "rep not elected" not in key  # only what the map shows
