"""Slices of the network for people: partnerships, regions of groups, region summaries
and the explorer's filtered graph. Pure functions over the typed graph."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping

import networkx as nx

from graph.coverage import area_contains, area_status, region_of
from graph.flow import flow_graph, information_flow
from graph.model import (
    AREA,
    GROUP,
    ORGANISATION,
    PERSON,
    is_active,
    memberships,
    node_key,
    nodes_of,
)

__all__ = [
    "around",
    "explorer_graph",
    "group_profile",
    "group_regions",
    "partnerships",
    "person_profile",
    "previous_quarter_end",
    "region_summary",
]


def previous_quarter_end(day: dt.date) -> dt.date:
    """The last day of the quarter before the one holding ``day``.

    >>> previous_quarter_end(dt.date(2026, 9, 30))
    datetime.date(2026, 6, 30)
    >>> previous_quarter_end(dt.date(2026, 1, 15))
    datetime.date(2025, 12, 31)
    """
    first_month = 3 * ((day.month - 1) // 3) + 1
    return dt.date(day.year, first_month, 1) - dt.timedelta(days=1)


def partnerships(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """``(area_id, name)`` of the partnership areas: English regions, and nations
    without regions below them (Scotland, Wales, Northern Ireland)."""
    has_region = {d.get("parent_id") for _k, d in nodes_of(G, AREA) if d.get("type") == "region"}
    rows = [
        (d["id"], d.get("name") or d["id"])
        for _k, d in nodes_of(G, AREA)
        if d.get("type") == "region" or (d.get("type") == "nation" and d["id"] not in has_region)
    ]
    return sorted(rows, key=lambda r: r[1])


def group_regions(G: nx.MultiDiGraph) -> dict[str, str | None]:
    """group id → the partnership area it belongs to (None for national groups)."""
    return {
        d["id"]: region_of(G, node_key(AREA, d["area_id"])) if d.get("area_id") else None
        for _k, d in nodes_of(G, GROUP)
    }


def region_summary(
    G: nx.MultiDiGraph,
    as_of: dt.date,
    areas: list[dict] | None = None,
    flow: dict | None = None,
    regions: dict[str, str | None] | None = None,
) -> list[dict]:
    """Per partnership: council areas covered and local groups connected, broken, fragile.

    ``areas`` (``area_status(G, as_of)``), ``flow`` (``information_flow(G, as_of)``)
    and ``regions`` (``group_regions(G)``) may be passed when already computed; each
    left out is computed here.
    """
    names = dict(partnerships(G))
    rows = {r: defaultdict(int, region_id=r, region=n) for r, n in names.items()}
    for area in area_status(G, as_of) if areas is None else areas:
        row = rows.get(area["region_id"])
        if row is not None:
            row["areas"] += 1
            row["covered"] += area["covered"]
    if regions is None:
        regions = group_regions(G)
    if flow is None:
        flow = information_flow(G, as_of)
    broken = {b["group_id"] for b in flow["broken"]}
    fragile = {f["group_id"] for f in flow["fragile"]}
    for _k, d in nodes_of(G, GROUP):
        row = rows.get(regions.get(d["id"]))
        if row is None or d.get("level") != "local":
            continue
        row["local_groups"] += 1
        row["broken"] += d["id"] in broken
        row["fragile"] += d["id"] in fragile
    out = []
    for row in rows.values():
        row["connected"] = row["local_groups"] - row["broken"]
        out.append(
            {
                key: row[key]
                for key in (
                    "region_id",
                    "region",
                    "areas",
                    "covered",
                    "local_groups",
                    "connected",
                    "broken",
                    "fragile",
                )
            }
        )
    return sorted(out, key=lambda r: r["region"])


def _kept_groups(
    G: nx.MultiDiGraph,
    regions: Collection[str],
    levels: Collection[str],
    kinds: Collection[str],
    workstreams: Collection[str],
    areas: Collection[str],
    group_region: Mapping[str, str | None],
) -> set[str]:
    keep = set()
    for key, d in nodes_of(G, GROUP):
        if regions and group_region.get(d["id"]) not in regions and d.get("level") != "national":
            continue
        if levels and d.get("level") not in levels:
            continue
        if kinds and d.get("kind") not in kinds:
            continue
        if workstreams and not set(d.get("workstreams") or ()) & set(workstreams):
            continue
        if areas and not any(area_contains(G, a, d.get("area_id")) for a in areas):
            continue
        keep.add(key)
    if regions:  # national groups only when the partnership reports to them
        reporting = {
            v for u, v, d in G.edges(data=True) if d.get("rel") == "REPORTS_TO" and u in keep
        }
        keep = {g for g in keep if G.nodes[g].get("level") != "national" or g in reporting}
    return keep


def explorer_graph(
    G: nx.MultiDiGraph,
    as_of: dt.date | None,
    regions: Collection[str] = (),
    levels: Collection[str] = (),
    kinds: Collection[str] = (),
    workstreams: Collection[str] = (),
    sectors: Collection[str] = (),
    with_organisations: bool = False,
    areas: Collection[str] = (),
    flow: nx.DiGraph | None = None,
    regions_of: Mapping[str, str | None] | None = None,
) -> nx.DiGraph:
    """Groups and people with their active memberships and reporting lines at ``as_of``.

    Empty filters keep everything. ``regions`` keeps groups of those partnerships
    (and national groups one of their groups reports to); ``areas`` keeps groups
    covering those areas or areas below them (a sub-region, say); ``sectors`` keeps
    people of organisations in those sectors. Nodes carry ``label``, ``id``, ``name``
    and ``level``/``kind``/``area_name`` (groups) or ``sector``/``org`` (people).
    Edges run the way of the network: person → group (``MEMBER_OF``, with ``role``),
    person → organisation (``WORKS_FOR``), and from → to for reporting lines
    (``REPORTS_TO``, with ``staffed`` and ``carriers``: how many people carry it).
    ``flow`` (``flow_graph(G, as_of)``) and ``regions_of`` (``group_regions(G)``) may
    be passed when the caller has them. ``as_of=None`` keeps every membership and line
    whatever its dates: the view of every date at once, which the app lays out so that
    nobody moves when the date changes (the view at any date is part of it).

    Examples
    --------
    >>> from graph.model import build_network
    >>> G = build_network({
    ...     "groups": [{"group_id": "L", "name": "Forum", "level": "local"},
    ...                {"group_id": "R", "name": "Board", "level": "regional"}],
    ...     "reporting_lines": [{"from_group_id": "L", "to_group_id": "R"}]})
    >>> list(explorer_graph(G, dt.date(2026, 9, 30)).edges(data="staffed"))
    [('group:L', 'group:R', False)]
    """
    group_region = group_regions(G) if regions_of is None else regions_of
    keep = _kept_groups(G, regions, levels, kinds, workstreams, areas, group_region)
    F = flow_graph(G, as_of) if flow is None else flow
    H = nx.DiGraph()
    _add_groups(H, G, keep, group_region)
    _add_members(H, G, keep, as_of, sectors, with_organisations)
    _add_reporting_lines(H, F, keep, hide=bool(G.graph.get("redacted")))
    return H


def _add_groups(
    H: nx.DiGraph, G: nx.MultiDiGraph, keep: set[str], group_region: Mapping[str, str | None]
) -> None:
    """The kept groups as nodes of ``H``, with their area's and partnership's names."""
    partnership_name = dict(partnerships(G))
    for g in sorted(keep):
        d = G.nodes[g]
        area = G.nodes.get(node_key(AREA, d["area_id"]), {}) if d.get("area_id") else {}
        H.add_node(
            g, label=GROUP, id=d["id"], name=d.get("name"), level=d.get("level"),
            kind=d.get("kind"), confidential=d.get("confidential", False),
            area_id=d.get("area_id"), area_name=area.get("name"),
            region=partnership_name.get(group_region.get(d["id"])),
        )  # fmt: skip


def _add_members(
    H: nx.DiGraph,
    G: nx.MultiDiGraph,
    keep: set[str],
    as_of: dt.date | None,
    sectors: Collection[str],
    with_organisations: bool,
) -> None:
    """The people active on the kept groups at ``as_of`` (at any date if None; of
    ``sectors``, if given) and their memberships; their organisations too,
    ``with_organisations``."""
    seats = (
        (person, group, data)
        for group in sorted(keep)  # only the kept groups' members: quick at national size
        for person, _g, data in G.in_edges(group, data=True)
        if data.get("rel") == "MEMBER_OF"
        and (as_of is None or is_active(data["start"], data["end"], as_of))
    )
    for person, group, data in seats:
        p = G.nodes[person]
        org = G.nodes.get(node_key(ORGANISATION, p.get("org_id")), {}) if p.get("org_id") else {}
        if sectors and org.get("sector") not in sectors:
            continue
        if person not in H:
            H.add_node(
                person, label=PERSON, id=p["id"], name=p.get("name"), sector=org.get("sector"),
                org=org.get("name"), org_id=p.get("org_id"),
            )  # fmt: skip
        if not H.has_edge(person, group):
            H.add_edge(person, group, rel="MEMBER_OF", role=data["role"])
        if with_organisations and org:
            org_key = node_key(ORGANISATION, p["org_id"])
            H.add_node(org_key, label=ORGANISATION, id=org["id"], name=org.get("name"),
                       sector=org.get("sector"))  # fmt: skip
            H.add_edge(person, org_key, rel="WORKS_FOR")


def _add_reporting_lines(H: nx.DiGraph, F: nx.DiGraph, keep: set[str], hide: bool) -> None:
    """The reporting lines between kept groups, from the flow graph ``F``; with ``hide``
    (a viewer's network), how many carry a line with a confidential end is not said
    (``carriers`` None)."""
    for u, v, data in F.edges(data=True):
        a, b = node_key(GROUP, u), node_key(GROUP, v)
        if a in keep and b in keep:
            secret = hide and (H.nodes[a].get("confidential") or H.nodes[b].get("confidential"))
            H.add_edge(a, b, rel="REPORTS_TO", staffed=data["staffed"],
                       carriers=None if secret else len(data["staffers"]),
                       two_way=data["two_way"])  # fmt: skip


def around(H: nx.Graph, seeds: Collection, hops: int = 1) -> nx.Graph:
    """The part of ``H`` within ``hops`` of ``seeds``, whichever way the edges run."""
    links = H.to_undirected(as_view=True) if H.is_directed() else H
    keep: set = set()
    for seed in seeds:
        if seed in H:
            keep |= set(nx.single_source_shortest_path_length(links, seed, cutoff=hops))
    return H.subgraph(keep).copy()


def group_profile(G: nx.MultiDiGraph, F: nx.DiGraph, group_id: str, as_of: dt.date) -> dict:
    """What a group's details panel shows: ``level``, ``kind``, ``area_name``, ``members``
    (role → person ids, active at ``as_of``), ``up`` and ``down`` (its active reporting
    lines: ``[{"group_id", "group_name", "staffed", "staffers"}]``).

    ``F`` is ``graph.flow.flow_graph(G, as_of)``.

    >>> from graph.model import build_network
    >>> from graph.flow import flow_graph
    >>> G = build_network({
    ...     "groups": [{"group_id": "L", "name": "Forum", "level": "local"},
    ...                {"group_id": "R", "name": "Board", "level": "regional"}],
    ...     "people": [{"person_id": "P", "name": "Ann"}],
    ...     "memberships": [{"person_id": "P", "group_id": "L", "role": "chair"}],
    ...     "reporting_lines": [{"from_group_id": "L", "to_group_id": "R"}]})
    >>> D = dt.date(2026, 9, 30)
    >>> profile = group_profile(G, flow_graph(G, D), "L", D)
    >>> profile["members"], [(u["group_name"], u["staffed"]) for u in profile["up"]]
    ({'chair': ['P']}, [('Board', False)])
    """
    key = node_key(GROUP, group_id)
    d = G.nodes[key]
    area = G.nodes.get(node_key(AREA, d["area_id"]), {}) if d.get("area_id") else {}
    members: dict[str, list[str]] = defaultdict(list)
    for person, group, _k, data in memberships(G, as_of):
        if group == key:
            members[data["role"]].append(G.nodes[person]["id"])

    def line(other: str, edge: dict) -> dict:
        return {"group_id": other, "group_name": F.nodes[other].get("name"),
                "staffed": edge["staffed"], "staffers": sorted(edge["staffers"])}  # fmt: skip

    return {
        "group_id": group_id, "name": d.get("name"), "level": d.get("level"),
        "kind": d.get("kind"), "area_id": d.get("area_id"), "area_name": area.get("name"),
        "confidential": bool(d.get("confidential")),
        "members": {role: sorted(ids) for role, ids in sorted(members.items())},
        "up": [line(v, F.edges[group_id, v]) for v in sorted(F.successors(group_id))]
        if group_id in F else [],
        "down": [line(u, F.edges[u, group_id]) for u in sorted(F.predecessors(group_id))]
        if group_id in F else [],
    }  # fmt: skip


def person_profile(G: nx.MultiDiGraph, F: nx.DiGraph, person_key: str, as_of: dt.date) -> dict:
    """What a person's details panel shows: ``seats`` (``[{"group_id", "group_name",
    "role"}]`` active at ``as_of``) and ``carries`` (the reporting lines they sit on both
    ends of: ``[{"from", "to", "alone"}]``, ``alone`` when nobody else carries it)."""
    pid = G.nodes[person_key]["id"]
    seats = sorted(
        ({"group_id": G.nodes[g]["id"], "group_name": G.nodes[g].get("name"),
          "role": data["role"]}
         for p, g, _k, data in memberships(G, as_of) if p == person_key),
        key=lambda s: (s["group_name"] or "", s["role"]),
    )  # fmt: skip
    carries = [
        {"from": u, "to": v, "alone": len(d["staffers"]) == 1}
        for u, v, d in F.edges(data=True)
        if pid in d["staffers"]
    ]
    carries.sort(key=lambda c: (c["from"], c["to"]))
    return {"person_id": pid, "seats": seats, "carries": carries}
