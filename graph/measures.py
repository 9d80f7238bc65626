"""Network measures for strategy leads, each with a one-line meaning.

All work on the *person–group network* at a date: people and groups as nodes, an
edge where a person has an active membership of a group.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import igraph as ig
import networkx as nx

from graph.fastnx import add_pairs, adjacency
from graph.fastnx import attributes as node_attributes
from graph.model import GROUP, ORGANISATION, PERSON, memberships, nodes_of

__all__ = [
    "MEANINGS",
    "betweenness",
    "brokers",
    "busiest_people",
    "communities",
    "empty_groups",
    "idle_organisations",
    "network_measures",
    "person_group_graph",
    "seeded_igraph",
]

MEANINGS = {
    "brokers": "People who sit on the paths between many groups: if they left, "
    "information would have to find longer ways round.",
    "busiest_people": "People holding the most seats: the partnership leans on them.",
    "idle_organisations": "Organisations with nobody on any group: partners who are not "
    "at any table.",
    "empty_groups": "Groups with no current members: they exist on paper only.",
    "communities": "Clusters of groups that share many members: they mostly talk among themselves.",
}
# Betweenness costs one breadth-first search (about nodes + edges steps) per source.
# Exact (every node a source) while that fits the budget; above it, estimated from
# as many seeded sample sources as fit, never fewer than MIN_SAMPLES. About 0.5 s
# on two busy cores: exact at region size (1,943 nodes, 14.7 M steps), 100 samples
# at national size (52,475 nodes + 152,405 edges; exact would take about five
# minutes there).
BETWEENNESS_BUDGET = 20_000_000
MIN_SAMPLES = 100
_IGRAPH_RNG = threading.Lock()


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """igraph's random numbers from ``seed`` for the block (the same result every time),
    one thread at a time: igraph's generator is global, so it is given back after."""
    with _IGRAPH_RNG:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


def person_group_graph(G: nx.MultiDiGraph, as_of: dt.date) -> nx.Graph:
    """Undirected bipartite graph of people and groups with active memberships.

    Nodes keep the keys of ``G`` and carry ``label``, ``id`` and ``name``; the groups
    come first (every group, with members or not), then the people in the order of
    their first active membership.
    """
    B = nx.Graph()
    B.add_nodes_from(
        (key, {"label": GROUP, "id": data["id"], "name": data.get("name")})
        for key, data in nodes_of(G, GROUP)
    )
    people: dict[str, None] = {}  # in the order of their first active membership
    pairs = []
    for person, group, _key, _data in memberships(G, as_of):
        people[person] = None
        pairs.append((person, group))
    add_pairs(B, pairs)  # the measures' third of the time at national scale, otherwise
    attributes, nodes = node_attributes(B), node_attributes(G)
    for person in people:
        data = attributes[person]
        if not data:  # added by its first membership, rather than a group
            source = nodes[person]
            data.update(label=PERSON, id=source["id"], name=source.get("name"))
    return B


def _to_igraph(B: nx.Graph) -> tuple[ig.Graph, list[str]]:
    """``B`` as an igraph graph, and the node keys of ``B`` by igraph vertex index."""
    keys = list(B)
    index = {key: i for i, key in enumerate(keys)}
    H = ig.Graph(n=len(keys), edges=[(index[u], index[v]) for u, v in B.edges], directed=False)
    return H, keys


def betweenness(
    B: nx.Graph, seed: int = 42, budget: int = BETWEENNESS_BUDGET, k: int | None = None
) -> dict[str, float]:
    """Betweenness of every node of ``B``, normalised like NetworkX's.

    The score of ``v`` is that of ``nx.betweenness_centrality(B, normalized=True)``:
    ``2 / ((n - 1)(n - 2))`` times the sum, over unordered pairs ``{s, t}`` of other
    nodes, of the share of shortest ``s``–``t`` paths that pass through ``v``.
    Computed with igraph: exact when ``n`` breadth-first searches fit ``budget``
    steps (one search costs about nodes + edges); otherwise estimated, as
    ``nx.betweenness_centrality(B, k=k)`` does, from the paths leaving ``k`` sample
    sources, scaled by ``n / k``. The sources are
    ``random.Random(seed).sample(range(n), k)`` of the nodes in the order of ``B``,
    so the estimate repeats.

    Parameters
    ----------
    B : nx.Graph
        An undirected graph.
    seed : int
        Seed of the sample of sources.
    budget : int
        Steps to spend: ``k`` is as many searches as fit, but at least
        ``MIN_SAMPLES``.
    k : int, optional
        Sample this many sources instead (exact when ``k >= n``).

    Returns
    -------
    dict
        Node → betweenness, in [0, 1] when exact.

    Examples
    --------
    >>> B = nx.path_graph(["a", "b", "c"])
    >>> betweenness(B)
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    n = B.number_of_nodes()
    if n <= 2:
        return dict.fromkeys(B, 0.0)
    H, keys = _to_igraph(B)
    if k is None:
        k = max(MIN_SAMPLES, budget // (n + B.number_of_edges()))
    scale = 2 / ((n - 1) * (n - 2))
    if k >= n:
        raw = H.betweenness(directed=False)
    else:
        sources = random.Random(seed).sample(range(n), k)
        # For undirected graphs igraph counts each path from a source once (half of
        # NetworkX's raw sum, hence the 2 in ``scale``); n / k scales up the sample.
        raw = H.betweenness(directed=False, sources=sources)
        scale *= n / k
    return {key: value * scale for key, value in zip(keys, raw, strict=True)}


def brokers(B: nx.Graph, top: int = 20, seed: int = 42) -> list[dict]:
    """People with the highest betweenness on the person–group network.

    Scores are :func:`betweenness` (exact on networks of up to a few thousand
    nodes, else estimated from seeded samples, so the answer repeats), rounded to
    six decimals; ties are broken by person id.

    Examples
    --------
    >>> B = nx.Graph()
    >>> B.add_nodes_from(["g1", "g2"], label=GROUP)
    >>> B.add_node("p", label=PERSON, id="P-1")
    >>> B.add_edges_from([("p", "g1"), ("p", "g2")])
    >>> brokers(B)
    [{'person_id': 'P-1', 'betweenness': 1.0, 'groups': 2}]
    """
    scores = betweenness(B, seed=seed)
    labels = B.nodes
    people = [
        (n, round(s, 12)) for n, s in scores.items() if labels[n]["label"] == PERSON and s > 0
    ]
    # Rounded so that float noise in equal scores cannot beat the id order.
    people.sort(key=lambda ns: (-ns[1], labels[ns[0]]["id"]))
    return [
        {"person_id": labels[n]["id"], "betweenness": round(s, 6), "groups": B.degree(n)}
        for n, s in people[:top]
    ]


def busiest_people(B: nx.Graph, top: int = 20) -> list[dict]:
    """People on the most groups (distinct groups with an active membership)."""
    labels = node_attributes(B)
    seats = [(n, len(adj)) for n, adj in adjacency(B).items() if labels[n].get("label") == PERSON]
    # The same as sorting them all and taking the first ``top`` (heapq's promise).
    seats = heapq.nsmallest(top, seats, key=lambda nd: (-nd[1], labels[nd[0]]["id"]))
    return [{"person_id": labels[n]["id"], "groups": d} for n, d in seats if d > 1]


def idle_organisations(G: nx.MultiDiGraph, B: nx.Graph) -> list[dict]:
    """Organisations none of whose people has an active membership."""
    active_orgs = Counter(G.nodes[n].get("org_id") for n, d in B.nodes(data="label") if d == PERSON)
    return sorted(
        (
            {"org_id": data["id"], "org_name": data.get("name"), "sector": data.get("sector")}
            for _key, data in nodes_of(G, ORGANISATION)
            if data["id"] not in active_orgs
        ),
        key=lambda r: r["org_id"],
    )


def empty_groups(B: nx.Graph) -> list[dict]:
    """Groups with no active members."""
    return sorted(
        (
            {"group_id": B.nodes[n]["id"], "group_name": B.nodes[n]["name"]}
            for n, d in B.nodes(data="label")
            if d == GROUP and B.degree(n) == 0
        ),
        key=lambda r: r["group_id"],
    )


def communities(B: nx.Graph, seed: int = 42) -> list[dict]:
    """Louvain communities of groups, largest first (seeded).

    Found on the groups joined by their shared members (weighted by how many people
    two groups share), which is much smaller than the person–group network, with
    igraph's ``community_multilevel`` (resolution 1, the best level). Groups without
    members are left out; each community's ``people`` are those with a seat on one
    of its groups. Ties in size are ordered by the smallest node key.

    Examples
    --------
    >>> B = nx.Graph()
    >>> B.add_nodes_from(["g:1", "g:2", "g:3"], label=GROUP)
    >>> for g in ("g:1", "g:2", "g:3"):
    ...     B.nodes[g]["id"] = g[2:]
    >>> B.add_nodes_from(["p:1", "p:2"], label=PERSON)
    >>> B.add_edges_from([("p:1", "g:1"), ("p:1", "g:2"), ("p:2", "g:3")])
    >>> [(c["groups"], c["people"]) for c in communities(B)]
    [(['1', '2'], 1), (['3'], 1)]
    """
    labels = B.nodes
    groups = sorted(n for n, label in B.nodes(data="label") if label == GROUP and B.degree(n) > 0)
    index = {g: i for i, g in enumerate(groups)}
    shared: Counter[tuple[int, int]] = Counter()
    neighbours = adjacency(B)
    for person, data in node_attributes(B).items():
        if data.get("label") != PERSON or len(neighbours[person]) < 2:
            continue  # a person on one group joins no two groups
        seats = sorted(index[g] for g in neighbours[person])
        for i, first in enumerate(seats):
            for second in seats[i + 1 :]:
                shared[first, second] += 1
    H = ig.Graph(n=len(groups), edges=list(shared), directed=False)
    with seeded_igraph(seed):
        found = H.community_multilevel(weights=list(shared.values()))
    members = [{groups[i] for i in cluster} for cluster in found]
    rows = []
    ordered = sorted(members, key=lambda c: (-len(c), min(c)))
    for number, cluster in enumerate(ordered, start=1):
        people = {p for g in cluster for p in B.neighbors(g)}
        rows.append(
            {
                "community": number,
                "groups": sorted(labels[g]["id"] for g in cluster),
                "people": len(people),
            }
        )
    return rows


def network_measures(G: nx.MultiDiGraph, as_of: dt.date) -> dict:
    """Every measure of this module, with ``meanings`` for non-specialists."""
    B = person_group_graph(G, as_of)
    return {
        "meanings": MEANINGS,
        "brokers": brokers(B),
        "busiest_people": busiest_people(B),
        "idle_organisations": idle_organisations(G, B),
        "empty_groups": empty_groups(B),
        "communities": communities(B),
    }
