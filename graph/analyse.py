"""All analyses at one date, in the shape ``smp analyse --format json`` prints."""

from __future__ import annotations

import datetime as dt

import networkx as nx

from graph.coverage import coverage, coverage_warnings
from graph.flow import downward_flow, information_flow
from graph.measures import network_measures
from graph.sectors import DEFAULT_EXPECTATIONS, Expectation, sector_balance

__all__ = ["analyse"]


def analyse(
    G: nx.MultiDiGraph,
    as_of: dt.date,
    expectations: tuple[Expectation, ...] = DEFAULT_EXPECTATIONS,
    measures: bool = True,
) -> dict:
    """The contract's ``as_of``, ``coverage`` and ``flow``, plus the extras under own keys."""
    result = {
        "as_of": as_of.isoformat(),
        "coverage": {**coverage(G, as_of), **coverage_warnings(G, as_of)},
        "flow": information_flow(G, as_of),
        "flow_down": downward_flow(G, as_of),
        "sector_balance": sector_balance(G, as_of, expectations),
    }
    if measures:
        result["measures"] = network_measures(G, as_of)
    return result
