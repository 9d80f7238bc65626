"""The headline figures of one partnership (or of all), as the Overview page and the
quarterly report show them: one definition, so the two never disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import networkx as nx

from graph.coverage import area_status, coverage_warnings
from graph.flow import information_flow
from graph.model import GROUP, nodes_of
from graph.views import group_regions

__all__ = ["in_partnership", "local_groups", "partnership_figures"]


def in_partnership(
    entries: Iterable[Mapping], regions: Mapping[str, str | None], region: str | None
) -> list[Mapping]:
    """The entries (with a ``group_id``) of groups in ``region``; all when it is None."""
    return [e for e in entries if region is None or regions.get(e["group_id"]) == region]


def local_groups(
    G: nx.MultiDiGraph, regions: Mapping[str, str | None], region: str | None
) -> list[str]:
    """Ids of the local groups of ``region`` (every local group when it is None)."""
    return [
        d["id"]
        for _k, d in nodes_of(G, GROUP)
        if d.get("level") == "local" and (region is None or regions.get(d["id"]) == region)
    ]


def partnership_figures(
    G: nx.MultiDiGraph,
    as_of: dt.date,
    region: str | None = None,
    *,
    areas: list[dict] | None = None,
    flow: dict | None = None,
    regions: Mapping[str, str | None] | None = None,
    ending: list[dict] | None = None,
) -> dict:
    """Council areas covered, local groups connected, broken and fragile, and rep terms
    ending within 90 days, at ``as_of``, for ``region`` (a partnership's area id).

    ``areas`` (:func:`~graph.coverage.area_status`), ``flow``
    (:func:`~graph.flow.information_flow`), ``regions`` (:func:`~graph.views.group_regions`)
    and ``ending`` (``coverage_warnings(...)["terms_ending_soon"]``) may be passed when
    already computed.

    Examples
    --------
    >>> from graph.model import build_network
    >>> G = build_network({
    ...     "areas": [{"area_id": "R", "name": "Region", "type": "region"},
    ...               {"area_id": "A", "name": "Aville", "type": "local_authority",
    ...                "parent_id": "R"}],
    ...     "groups": [{"group_id": "L", "name": "Forum", "level": "local", "area_id": "A"}]})
    >>> partnership_figures(G, dt.date(2026, 9, 30), "R")
    {'areas_total': 1, 'areas_covered': 0, 'local_groups_total': 1, 'connected': 0, \
'broken': 1, 'fragile': 0, 'terms_ending_soon': 0}
    """
    areas = area_status(G, as_of) if areas is None else areas
    flow = information_flow(G, as_of) if flow is None else flow
    regions = group_regions(G) if regions is None else regions
    if ending is None:
        ending = coverage_warnings(G, as_of)["terms_ending_soon"]
    mine = [a for a in areas if region is None or a["region_id"] == region]
    in_scope = {a["area_id"] for a in mine}
    total = len(local_groups(G, regions, region))
    broken = len(in_partnership(flow["broken"], regions, region))
    return {
        "areas_total": len(mine),
        "areas_covered": sum(a["covered"] for a in mine),
        "local_groups_total": total,
        "connected": total - broken,
        "broken": broken,
        "fragile": len(in_partnership(flow["fragile"], regions, region)),
        "terms_ending_soon": sum(1 for t in ending if t["area_id"] in in_scope),
    }
