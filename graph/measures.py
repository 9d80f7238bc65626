"""Network measures for strategy leads, each with a one-line meaning.

All work on the *person–group network* at a date: people and groups as nodes, an
edge where a person has an active membership of a group.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import networkx as nx

from graph.model import GROUP, ORGANISATION, PERSON, memberships, nodes_of

__all__ = [
    "MEANINGS",
    "brokers",
    "busiest_people",
    "communities",
    "empty_groups",
    "idle_organisations",
    "network_measures",
    "person_group_graph",
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
EXACT_BETWEENNESS_LIMIT = 500
# Sampled betweenness costs one breadth-first search per sample: the budget keeps the
# whole estimate near three million steps, between 16 and 100 samples.
SAMPLE_BUDGET = 3_000_000
MIN_SAMPLES, MAX_SAMPLES = 16, 100


def person_group_graph(G: nx.MultiDiGraph, as_of: dt.date) -> nx.Graph:
    """Undirected bipartite graph of people and groups with active memberships."""
    B = nx.Graph()
    for key, data in nodes_of(G, GROUP):
        B.add_node(key, label=GROUP, id=data["id"], name=data.get("name"))
    for person, group, _key, _data in memberships(G, as_of):
        if person not in B:
            data = G.nodes[person]
            B.add_node(person, label=PERSON, id=data["id"], name=data.get("name"))
        B.add_edge(person, group)
    return B


def brokers(B: nx.Graph, top: int = 20, seed: int = 42) -> list[dict]:
    """People with the highest betweenness on the person–group network.

    Exact up to ``EXACT_BETWEENNESS_LIMIT`` nodes; above that, estimated from 16 to
    100 sampled sources, fewer on bigger networks (seeded, so the answer repeats).
    """
    size = B.number_of_nodes() + B.number_of_edges()
    k = None
    if B.number_of_nodes() > EXACT_BETWEENNESS_LIMIT:
        k = max(MIN_SAMPLES, min(MAX_SAMPLES, SAMPLE_BUDGET // max(size, 1)))
    scores = nx.betweenness_centrality(B, k=k, seed=seed, normalized=True)
    people = [(n, s) for n, s in scores.items() if B.nodes[n]["label"] == PERSON and s > 0]
    people.sort(key=lambda ns: (-ns[1], B.nodes[ns[0]]["id"]))
    return [
        {"person_id": B.nodes[n]["id"], "betweenness": round(s, 6), "groups": B.degree(n)}
        for n, s in people[:top]
    ]


def busiest_people(B: nx.Graph, top: int = 20) -> list[dict]:
    """People on the most groups (distinct groups with an active membership)."""
    seats = [(n, B.degree(n)) for n, d in B.nodes(data="label") if d == PERSON]
    seats.sort(key=lambda nd: (-nd[1], B.nodes[nd[0]]["id"]))
    return [{"person_id": B.nodes[n]["id"], "groups": d} for n, d in seats[:top] if d > 1]


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
    two groups share), which is much smaller than the person–group network; each
    community's ``people`` are those with a seat on one of its groups.
    """
    groups = [n for n, label in B.nodes(data="label") if label == GROUP]
    shared = nx.Graph()
    shared.add_nodes_from(g for g in groups if B.degree(g) > 0)
    for person, label in B.nodes(data="label"):
        if label != PERSON:
            continue
        seats = sorted(B.neighbors(person))
        for i, first in enumerate(seats):
            for second in seats[i + 1 :]:
                weight = shared.get_edge_data(first, second, {"weight": 0})["weight"]
                shared.add_edge(first, second, weight=weight + 1)
    found = nx.community.louvain_communities(shared, weight="weight", seed=seed)
    rows = []
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))
    for index, members in enumerate(ordered, start=1):
        people = {p for g in members for p in B.neighbors(g)}
        rows.append(
            {
                "community": index,
                "groups": sorted(B.nodes[g]["id"] for g in members),
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
