"""The explorer's picture does not move when the date changes (issue 30): the app lays
out the view of every date at once (graph.views.explorer_graph with ``as_of=None``),
and the view at any one date is part of it."""

from __future__ import annotations

import datetime as dt

import pytest

from app.layout import cluster_layout, levels_layout
from graph.views import explorer_graph

YORKSHIRE = "E12000003"
DATES = (dt.date(2025, 9, 30), dt.date(2026, 9, 30), dt.date(2027, 12, 31))


@pytest.mark.parametrize("lay_out", [levels_layout, cluster_layout])
def test_every_date_is_drawn_from_one_layout(sample_network, lay_out):
    G = sample_network
    whole = explorer_graph(G, None, regions=[YORKSHIRE], with_organisations=True)
    positions = lay_out(whole)
    views = [explorer_graph(G, day, regions=[YORKSHIRE], with_organisations=True)
             for day in DATES]  # fmt: skip
    assert len({frozenset(H) for H in views}) == len(DATES)  # the dates do differ
    for H in views:
        assert set(H) <= set(positions)
        assert set(H.edges) <= set(whole.edges)
    # Drawn again, the same positions: nobody moves between two visits either.
    assert lay_out(whole) == positions


def test_the_view_of_every_date_keeps_only_what_some_date_has(sample_network):
    G = sample_network
    whole = explorer_graph(G, None, regions=[YORKSHIRE])
    ever = set().union(*(explorer_graph(G, day, regions=[YORKSHIRE]) for day in DATES))
    assert ever <= set(whole)
    people = {n for n, label in whole.nodes(data="label") if label == "Person"}
    assert people and all(whole.out_degree(p) for p in people)  # each on some group
