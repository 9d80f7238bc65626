"""Information flow: local groups cut off from regional and national level (contract §3).

The *flow graph* has the groups as nodes and one edge per pair of groups joined by
a reporting line active at D (from → to). An edge is *staffed* when some person has
a membership active at D in both of its groups. A ``local`` group is *connected*
when it reaches some ``regional`` group that reaches some ``national`` group along
staffed edges; otherwise it is *broken* (``no_route`` when even staffing every
active edge would not connect it, else ``unstaffed``). A connected local group is
*fragile* when one person's departure would leave it not connected.

Single points of failure are found without recomputing the whole network per
person: a person can only cut a local group by being the *sole* staffer of an edge
above it, so only those people are tried, and only on the part of the flow graph
that the group reaches.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Callable, Collection, Iterable, Iterator

import networkx as nx

from graph.model import GROUP, memberships, nodes_of, reporting_lines

__all__ = [
    "Routes",
    "Staffing",
    "connected_groups",
    "downward_flow",
    "flow_graph",
    "information_flow",
    "route_edges",
    "single_points_of_failure",
    "what_if",
]

EdgeOk = Callable[[str, str], bool]


def flow_graph(G: nx.MultiDiGraph, as_of: dt.date | None) -> nx.DiGraph:
    """The groups and their active reporting lines at ``as_of``, keyed by group id
    (every line and membership whatever its dates, for ``None``).

    Each edge carries ``staffers`` (ids of people with active memberships in both
    groups), ``staffed``, ``two_way`` (any of its lines is two-way) and ``lines``.

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.model import build_network
    >>> G = build_network({
    ...     "groups": [{"group_id": "L", "name": "L", "level": "local"},
    ...                {"group_id": "R", "name": "R", "level": "regional"}],
    ...     "people": [{"person_id": "P", "name": "P"}],
    ...     "memberships": [{"person_id": "P", "group_id": g, "role": "member"} for g in "LR"],
    ...     "reporting_lines": [{"from_group_id": "L", "to_group_id": "R"}]})
    >>> F = flow_graph(G, dt.date(2026, 9, 30))
    >>> F.edges["L", "R"]["staffers"]
    frozenset({'P'})
    """
    F = nx.DiGraph()
    for _key, data in nodes_of(G, GROUP):
        F.add_node(data["id"], level=data.get("level"), name=data.get("name"))
    nodes = G.nodes
    # Members by node key; ids are looked up only for the people on some edge.
    members: dict[str, set[str]] = defaultdict(set)
    for person, group, _key, _data in memberships(G, as_of):
        members[group].add(person)
    for source, target, key, data in reporting_lines(G, as_of):
        a, b = nodes[source]["id"], nodes[target]["id"]
        if F.has_edge(a, b):
            F.edges[a, b]["lines"].append(key)
            F.edges[a, b]["two_way"] |= data["two_way"]
            continue
        staffers = frozenset(nodes[p]["id"] for p in members[source] & members[target])
        F.add_edge(a, b, staffers=staffers, staffed=bool(staffers), two_way=data["two_way"],
                   lines=[key])  # fmt: skip
    return F


def _levels(F: nx.DiGraph, level: str) -> list[str]:
    return [n for n, lvl in F.nodes(data="level") if lvl == level]


def _search(
    starts: Iterable[str], step: Callable[[str], Iterable[str]], allowed: Collection | None = None
) -> set[str]:
    seen = set(starts)
    queue = deque(seen)
    while queue:
        node = queue.popleft()
        for nxt in step(node):
            if nxt not in seen and (allowed is None or nxt in allowed):
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _any(F: nx.DiGraph) -> EdgeOk:
    return lambda u, v: True


def _staffed(F: nx.DiGraph) -> EdgeOk:
    return lambda u, v: F.edges[u, v]["staffed"]


def connected_groups(F: nx.DiGraph, edge_ok: EdgeOk | None = None) -> set[str]:
    """Groups that reach a regional group which reaches a national group.

    Only edges for which ``edge_ok(u, v)`` holds are used (default: staffed edges).
    Regional groups that reach a national group are included themselves.
    """
    ok = edge_ok or _staffed(F)
    reach_national = _search(
        _levels(F, "national"), lambda v: (u for u in F.predecessors(v) if ok(u, v))
    )
    good_regionals = [r for r in _levels(F, "regional") if r in reach_national]
    return _search(good_regionals, lambda v: (u for u in F.predecessors(v) if ok(u, v)))


def _reachable_from(F: nx.DiGraph, source: str, ok: EdgeOk) -> set[str]:
    return _search([source], lambda u: (v for v in F.successors(u) if ok(u, v)))


def _edges_on_simple_paths(
    F: nx.DiGraph,
    source: str,
    targets: set[str],
    backward: set[str] | None = None,
    forward: set[str] | None = None,
) -> set[tuple[str, str]]:
    """Edges lying on some simple path from ``source`` to a node of ``targets``.

    ``backward`` (the nodes that reach ``targets``) and ``forward`` (the nodes
    ``source`` reaches) are searched here unless the caller already has them.
    """
    if not targets:
        return set()
    if forward is None:
        forward = _reachable_from(F, source, _any(F))
    if backward is None:
        backward = _search(targets, F.predecessors)
    keep = forward & backward
    if source not in keep:
        return set()
    H = F.subgraph(keep)
    if nx.is_directed_acyclic_graph(H):
        # In a DAG every source→u, u→v, v→target walk is a simple path.
        return set(H.edges)
    edges: set[tuple[str, str]] = set()
    for path in nx.all_simple_edge_paths(H, source, [t for t in targets if t in keep]):
        edges.update(path)
    return edges


class Routes:
    """The whole-graph searches that every group's routes share, done once per flow graph.

    ``possible`` is ``connected_groups(F, _any(F))`` when the caller has it already.
    The edges from each good regional group up to national level are kept as they
    are found, since many local groups lead to the same regional groups.
    """

    def __init__(self, F: nx.DiGraph, possible: set[str] | None = None) -> None:
        if possible is None:
            possible = connected_groups(F, _any(F))
        self.F = F
        self.nationals = set(_levels(F, "national"))
        self.good_regionals = {r for r in _levels(F, "regional") if r in possible}
        self.to_good_regionals = _search(self.good_regionals, F.predecessors)
        self.to_nationals = _search(self.nationals, F.predecessors)
        self._onward: dict[str, set[tuple[str, str]]] = {}

    def onward(self, regional: str) -> set[tuple[str, str]]:
        """Edges on simple paths from ``regional`` to a national group."""
        if regional not in self._onward:
            self._onward[regional] = _edges_on_simple_paths(
                self.F, regional, self.nationals, backward=self.to_nationals
            )
        return self._onward[regional]

    def edges(self, group_id: str) -> set[tuple[str, str]]:
        """Edges on the routes of ``group_id`` (see :func:`route_edges`)."""
        forward = _reachable_from(self.F, group_id, _any(self.F))
        edges = _edges_on_simple_paths(
            self.F, group_id, self.good_regionals, backward=self.to_good_regionals,
            forward=forward,
        )  # fmt: skip
        for regional in forward & self.good_regionals:
            edges |= self.onward(regional)
        return edges


def route_edges(F: nx.DiGraph, group_id: str, routes: Routes | None = None) -> set[tuple[str, str]]:
    """Active edges lying on a route of ``group_id``: local → regional → national.

    A route is a simple path from the group to a regional group that reaches a
    national group, followed by a simple path from that regional group to a
    national group; staffing is ignored (this is where information *could* go).

    ``routes`` carries the searches of the whole flow graph from one call to the
    next (build it once per flow graph with ``Routes(F)``); without it, each call
    searches the whole graph again.
    """
    if routes is None or routes.F is not F:
        routes = Routes(F)
    return routes.edges(group_id)


class Staffing:
    """The staffed edges of a flow graph as plain lists, for the many searches of
    :func:`single_points_of_failure`: ``succ[u]`` is ``[(v, staffers), ...]``."""

    def __init__(self, F: nx.DiGraph) -> None:
        self.F = F
        self.level = dict(F.nodes(data="level"))
        self.succ: dict[str, list[tuple[str, frozenset]]] = {
            u: [(v, data["staffers"]) for v, data in successors.items() if data["staffed"]]
            for u, successors in F.adjacency()
        }

    def connected_without(self, source: str, cut: set[tuple[str, str]], nationals: set) -> bool:
        """Whether ``source`` is connected along staffed edges not in ``cut``."""
        succ = self.succ

        def step(u: str) -> Iterator[str]:
            return (v for v, _staffers in succ[u] if (u, v) not in cut)

        up = _search([source], step)
        regionals = [n for n in up if self.level[n] == "regional"]
        return not nationals.isdisjoint(_search(regionals, step))


def single_points_of_failure(
    F: nx.DiGraph, group_id: str, staffing: Staffing | None = None
) -> list[str]:
    """People whose departure would leave a connected ``group_id`` not connected.

    A person can only cut the group by being the sole staffer of some edge in the
    part of the flow graph the group reaches, so only those people are tried, each
    with their sole-staffed edges removed. ``staffing`` (``Staffing(F)``) saves
    listing the staffed edges again when asking about many groups of one flow graph.
    """
    if staffing is None or staffing.F is not F:
        staffing = Staffing(F)
    succ = staffing.succ
    up = _search([group_id], lambda u: (v for v, _staffers in succ[u]))
    nationals = {n for n in up if staffing.level[n] == "national"}
    sole: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for u in up:
        for v, staffers in succ[u]:  # every staffed successor of u is in up
            if len(staffers) == 1:
                sole[next(iter(staffers))].add((u, v))
    return sorted(
        person
        for person, cut in sole.items()
        if not staffing.connected_without(group_id, cut, nationals)
    )


def information_flow(G: nx.MultiDiGraph, as_of: dt.date, flow: nx.DiGraph | None = None) -> dict:
    """The contract's ``flow`` object, plus ``group_name`` on every entry.

    ``flow`` is ``flow_graph(G, as_of)`` when the caller has built it already (to
    share it with :func:`downward_flow`, say).

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.model import build_network
    >>> G = build_network({"groups": [{"group_id": "L", "name": "Forum", "level": "local"}]})
    >>> information_flow(G, dt.date(2026, 9, 30))["broken"]
    [{'group_id': 'L', 'group_name': 'Forum', 'reason': 'no_route'}]
    """
    F = flow_graph(G, as_of) if flow is None else flow
    locals_ = sorted(_levels(F, "local"))
    connected = connected_groups(F)
    possible = connected_groups(F, _any(F))
    routes = Routes(F, possible)
    staffing = Staffing(F)
    broken, fragile = [], []
    for group in locals_:
        name = F.nodes[group]["name"]
        if group in connected:
            spofs = single_points_of_failure(F, group, staffing)
            if spofs:
                fragile.append(
                    {"group_id": group, "group_name": name, "single_points_of_failure": spofs}
                )
            continue
        if group not in possible:
            broken.append({"group_id": group, "group_name": name, "reason": "no_route"})
            continue
        unstaffed = sorted([u, v] for u, v in routes.edges(group) if not F.edges[u, v]["staffed"])
        broken.append(
            {"group_id": group, "group_name": name, "reason": "unstaffed",
             "unstaffed_edges": unstaffed}
        )  # fmt: skip
    return {
        "local_groups_total": len(locals_),
        "connected": sum(1 for g in locals_ if g in connected),
        "broken": broken,
        "fragile": fragile,
    }


def downward_flow(G: nx.MultiDiGraph, as_of: dt.date, flow: nx.DiGraph | None = None) -> dict:
    """The way back down: which local groups national level reaches over two-way lines.

    A local group is reached when some national group reaches a regional group that
    reaches it, along staffed two-way lines followed downwards. ``flow`` as for
    :func:`information_flow`.
    """
    F = flow_graph(G, as_of) if flow is None else flow
    # Information comes down a two-way line b → a exactly when it could go up a → b,
    # so "national reaches regional reaches local" downwards is the upward test on
    # the two-way lines alone.
    two_way = F.edge_subgraph((u, v) for u, v, w in F.edges(data="two_way") if w)
    two_way = nx.DiGraph(two_way)
    two_way.add_nodes_from(F.nodes(data=True))
    reached = connected_groups(two_way)
    possible = connected_groups(two_way, _any(two_way))
    locals_ = sorted(_levels(F, "local"))
    cut_off = [
        {
            "group_id": group,
            "group_name": F.nodes[group]["name"],
            "reason": "unstaffed" if group in possible else "no_route",
        }
        for group in locals_
        if group not in reached
    ]
    return {
        "local_groups_total": len(locals_),
        "reached": len(locals_) - len(cut_off),
        "cut_off": cut_off,
    }


def what_if(
    G: nx.MultiDiGraph,
    as_of: dt.date,
    remove_people: Collection[str] = (),
    remove_groups: Collection[str] = (),
) -> dict:
    """Which local groups would break if these people (or groups) left.

    Returns ``newly_broken`` (connected now, broken after) with the reasons after,
    ``newly_fragile`` and the ``after`` flow object.
    """
    from graph.model import PERSON, node_key

    H = G.copy()
    H.remove_nodes_from(node_key(PERSON, p) for p in remove_people)
    H.remove_nodes_from(node_key(GROUP, g) for g in remove_groups)
    before = information_flow(G, as_of)
    after = information_flow(H, as_of)
    broken_before = {b["group_id"] for b in before["broken"]}
    fragile_before = {f["group_id"] for f in before["fragile"]}
    removed = set(remove_groups)
    return {
        "newly_broken": [
            b for b in after["broken"]
            if b["group_id"] not in broken_before and b["group_id"] not in removed
        ],
        "newly_fragile": [f for f in after["fragile"] if f["group_id"] not in fragile_before],
        "after": after,
    }  # fmt: skip
