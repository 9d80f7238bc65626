"""Coverage: local authority areas with no elected VCS representative (contract §3).

Area A is *covered* at D when some ``vcs_rep`` membership represents A, is
``elected``, is active at D, and its person works for a ``vcs`` organisation. An
uncovered area gets the first reason that applies to its ``vcs_rep`` memberships:
``not_elected``, ``not_vcs``, ``expired``, ``not_started``, ``no_rep``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import networkx as nx

from graph.model import AREA, ORGANISATION, is_active, memberships, node_key, nodes_of

__all__ = [
    "REASONS",
    "area_contains",
    "area_status",
    "coverage",
    "coverage_warnings",
    "reason_for",
    "rep_memberships",
    "works_for_vcs",
]

REASONS = ("not_elected", "not_vcs", "expired", "not_started", "no_rep")
TERM_WARNING_DAYS = 90


def works_for_vcs(G: nx.MultiDiGraph, person: str) -> bool:
    """Whether ``person`` (a node key) works for an organisation of sector ``vcs``."""
    org_id = G.nodes[person].get("org_id")
    if org_id is None:
        return False
    org = G.nodes.get(node_key(ORGANISATION, org_id))
    return org is not None and org.get("sector") == "vcs"


def rep_memberships(G: nx.MultiDiGraph) -> dict[str, list[tuple[str, str, dict]]]:
    """``area_id -> [(person, group, data), ...]`` of every ``vcs_rep`` membership."""
    by_area: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)
    for person, group, _key, data in memberships(G):
        if data["role"] == "vcs_rep" and data.get("represents") is not None:
            by_area[data["represents"]].append((person, group, data))
    return by_area


def reason_for(G: nx.MultiDiGraph, reps: list[tuple[str, str, dict]], as_of: dt.date) -> str | None:
    """None when an area with these ``vcs_rep`` memberships is covered at ``as_of``,
    else the first reason of the contract's list that applies."""
    active = [(p, d) for p, _g, d in reps if is_active(d["start"], d["end"], as_of)]
    if any(d["selection"] == "elected" and works_for_vcs(G, p) for p, d in active):
        return None
    if any(d["selection"] != "elected" for _p, d in active):
        return "not_elected"
    if active:  # all elected, none in a vcs organisation
        return "not_vcs"
    if any(d["end"] is not None and d["end"] < as_of for _p, _g, d in reps):
        return "expired"
    if any(d["start"] is not None and d["start"] > as_of for _p, _g, d in reps):
        return "not_started"
    return "no_rep"


def area_status(G: nx.MultiDiGraph, as_of: dt.date) -> list[dict]:
    """One row per local authority area, sorted by id: status, reason and the covering rep.

    Each row has ``area_id``, ``area_name``, ``region_id`` (nearest region or nation
    above it), ``covered``, ``reason`` (None when covered), ``rep_person_id`` and
    ``term_end`` (of the covering membership ending last; None when ongoing).
    """
    by_area = rep_memberships(G)
    rows = []
    for key, data in nodes_of(G, AREA):
        if data.get("type") != "local_authority":
            continue
        reps = by_area.get(data["id"], [])
        reason = reason_for(G, reps, as_of)
        covering = [
            (p, d)
            for p, _g, d in reps
            if is_active(d["start"], d["end"], as_of)
            and d["selection"] == "elected"
            and works_for_vcs(G, p)
        ]
        covering.sort(key=lambda pd: (pd[1]["end"] is None, pd[1]["end"] or dt.date.max))
        rep, term_end = (covering[-1][0], covering[-1][1]["end"]) if covering else (None, None)
        rows.append(
            {
                "area_id": data["id"],
                "area_name": data.get("name"),
                "region_id": region_of(G, key),
                "covered": reason is None,
                "reason": reason,
                "rep_person_id": G.nodes[rep]["id"] if rep else None,
                "term_end": term_end,
            }
        )
    return sorted(rows, key=lambda r: r["area_id"])


def region_of(G: nx.MultiDiGraph, area: str) -> str | None:
    """The id of the nearest ``region`` (or ``nation``) at or above ``area``."""
    seen = set()
    node = area
    nation = None
    while node is not None and node not in seen and node in G:
        seen.add(node)
        data = G.nodes[node]
        if data.get("type") == "region":
            return data["id"]
        if data.get("type") == "nation":
            nation = nation or data["id"]
        parent = data.get("parent_id")
        node = node_key(AREA, parent) if parent else None
    return nation


def coverage(G: nx.MultiDiGraph, as_of: dt.date) -> dict:
    """The contract's ``coverage`` object: totals and the gaps with their reasons.

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.model import build_network
    >>> G = build_network({"areas": [
    ...     {"area_id": "A", "name": "Aville", "type": "local_authority"}]})
    >>> coverage(G, dt.date(2026, 9, 30))["gaps"]
    [{'area_id': 'A', 'area_name': 'Aville', 'reason': 'no_rep'}]
    """
    rows = area_status(G, as_of)
    return {
        "areas_total": len(rows),
        "areas_covered": sum(r["covered"] for r in rows),
        "gaps": [
            {"area_id": r["area_id"], "area_name": r["area_name"], "reason": r["reason"]}
            for r in rows
            if not r["covered"]
        ],
    }


def area_contains(G: nx.MultiDiGraph, outer: str, inner: str | None) -> bool:
    """True when area ``inner`` is ``outer`` or lies below it."""
    seen = set()
    node: str | None = inner
    while node is not None and node not in seen:
        if node == outer:
            return True
        seen.add(node)
        data = G.nodes.get(node_key(AREA, node))
        node = data.get("parent_id") if data else None
    return False


def coverage_warnings(
    G: nx.MultiDiGraph, as_of: dt.date, days: int = TERM_WARNING_DAYS
) -> dict[str, list[dict]]:
    """Warnings that are not gaps, about active ``vcs_rep`` memberships at ``as_of``.

    - ``terms_ending_soon``: terms ending within ``days`` days of ``as_of`` with no
      membership for the same area taking over the day after;
    - ``reps_of_several_areas``: people representing more than one area;
    - ``reps_outside_group_area``: reps sitting on a group whose area does not
      contain the area they represent.
    """
    horizon = as_of + dt.timedelta(days=days)
    ending, outside = [], []
    areas_of: dict[str, set[str]] = defaultdict(set)
    for area_id, reps in rep_memberships(G).items():
        for person, group, data in reps:
            end = data["end"]
            renewed = end is not None and any(
                is_active(d["start"], d["end"], end + dt.timedelta(days=1)) for _, _, d in reps
            )
            if not is_active(data["start"], data["end"], as_of):
                continue
            person_id, group_id = G.nodes[person]["id"], G.nodes[group]["id"]
            areas_of[person_id].add(area_id)
            if end is not None and end <= horizon and not renewed:
                ending.append(
                    {"area_id": area_id, "person_id": person_id, "end_date": end.isoformat()}
                )
            group_area = G.nodes[group].get("area_id")
            if group_area is not None and not area_contains(G, group_area, area_id):
                outside.append(
                    {"person_id": person_id, "group_id": group_id, "area_id": area_id,
                     "group_area_id": group_area}
                )  # fmt: skip
    latest: dict[tuple[str, str], dict] = {}
    for entry in ending:
        key = (entry["area_id"], entry["person_id"])
        if key not in latest or entry["end_date"] > latest[key]["end_date"]:
            latest[key] = entry
    ending = list(latest.values())
    several = [
        {"person_id": person_id, "area_ids": sorted(areas)}
        for person_id, areas in areas_of.items()
        if len(areas) > 1
    ]
    return {
        "terms_ending_soon": sorted(ending, key=lambda r: (r["end_date"], r["area_id"])),
        "reps_of_several_areas": sorted(several, key=lambda r: r["person_id"]),
        "reps_outside_group_area": sorted(
            outside, key=lambda r: (r["person_id"], r["group_id"], r["area_id"])
        ),
    }
