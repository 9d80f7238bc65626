"""All analyses at one date, in the shape ``smp analyse --format json`` prints."""

from __future__ import annotations

import datetime as dt

import networkx as nx

from graph.coverage import coverage, coverage_warnings
from graph.flow import downward_flow, flow_graph, information_flow
from graph.measures import network_measures
from graph.model import unchanged
from graph.sectors import DEFAULT_EXPECTATIONS, Expectation, sector_balance

__all__ = ["analyse"]


def analyse(
    G: nx.MultiDiGraph,
    as_of: dt.date,
    expectations: tuple[Expectation, ...] = DEFAULT_EXPECTATIONS,
    measures: bool = True,
) -> dict:
    """The contract's ``as_of``, ``coverage`` and ``flow``, plus the extras under own keys.

    The same as calling :func:`~graph.coverage.coverage`,
    :func:`~graph.coverage.coverage_warnings`, :func:`~graph.flow.information_flow`,
    :func:`~graph.flow.downward_flow`, :func:`~graph.sectors.sector_balance` and
    :func:`~graph.measures.network_measures` one by one, but the graph is scanned
    once for them all (see :func:`graph.model.unchanged`) and the flow graph is
    built once for both directions.
    """
    with unchanged(G):
        F = flow_graph(G, as_of)
        result = {
            "as_of": as_of.isoformat(),
            "coverage": {**coverage(G, as_of), **coverage_warnings(G, as_of)},
            "flow": information_flow(G, as_of, F),
            "flow_down": downward_flow(G, as_of, F),
            "sector_balance": sector_balance(G, as_of, expectations),
        }
        if measures:
            result["measures"] = network_measures(G, as_of)
    return result
