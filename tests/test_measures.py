"""Network measures (brokers, communities, ...) on networks small enough to check by hand,
and betweenness against NetworkX's on random ones."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.measures import (
    MIN_SAMPLES,
    betweenness,
    brokers,
    busiest_people,
    communities,
    empty_groups,
    network_measures,
    person_group_graph,
)
from graph.model import GROUP, PERSON, build_network
from tests.networks import D, day


def network(seats: dict[str, list[str]], groups: list[str] | None = None):
    """The typed graph of people (``seats``: person → groups) and groups."""
    groups = groups or sorted({g for gs in seats.values() for g in gs})
    return build_network(
        {
            "groups": [{"group_id": g, "name": f"Group {g}", "level": "local"} for g in groups],
            "people": [{"person_id": p, "name": f"Person {p}"} for p in seats],
            "memberships": [
                {"person_id": p, "group_id": g, "role": "member"}
                for p, gs in seats.items()
                for g in gs
            ],
        }
    )


def test_person_group_graph_keeps_active_memberships_once():
    G = build_network(
        {
            "groups": [{"group_id": g, "name": g, "level": "local"} for g in ("G1", "G2")],
            "people": [{"person_id": p, "name": p} for p in ("P1", "P2")],
            "memberships": [
                {"person_id": "P1", "group_id": "G1", "role": "member", "end_date": day(-1)},
                {"person_id": "P1", "group_id": "G1", "role": "chair", "start_date": D},
                {"person_id": "P2", "group_id": "G2", "role": "member", "start_date": day(1)},
            ],
        }
    )
    B = person_group_graph(G, D)
    assert list(B.nodes(data="label")) == [
        ("group:G1", GROUP),
        ("group:G2", GROUP),
        ("person:P1", PERSON),
    ]
    assert list(B.edges) == [("group:G1", "person:P1")]
    assert B.nodes["person:P1"] == {"label": PERSON, "id": "P1", "name": "P1"}


def test_brokers_on_a_path():
    # C - G1 - A - G2 - B - G3: on a path of 6 nodes the node at position i lies
    # between i * (5 - i) pairs; normalised by (5 * 4) / 2 pairs of other nodes.
    B = person_group_graph(network({"A": ["G1", "G2"], "B": ["G2", "G3"], "C": ["G1"]}), D)
    assert brokers(B) == [
        {"person_id": "A", "betweenness": 0.6, "groups": 2},  # 2 * 3 / 10
        {"person_id": "B", "betweenness": 0.4, "groups": 2},  # 4 * 1 / 10
    ]
    assert brokers(B, top=1) == brokers(B)[:1]


def test_brokers_on_a_star():
    # Hub sits on four groups, each with one more member: every path between two
    # of the other eight nodes but those inside one group goes through Hub.
    seats = {"Hub": ["G1", "G2", "G3", "G4"]} | {f"P{i}": [f"G{i}"] for i in range(1, 5)}
    B = person_group_graph(network(seats), D)
    n = 9
    # Pairs of other nodes: 28; those not through Hub: the 4 (group, its member) pairs.
    assert brokers(B) == [{"person_id": "Hub", "betweenness": round(24 / 28, 6), "groups": 4}]
    scores = betweenness(B)
    assert scores["person:Hub"] == pytest.approx(24 / ((n - 1) * (n - 2) / 2))
    # Each group lies between its member and the 7 nodes beyond Hub.
    assert scores["group:G1"] == pytest.approx(7 / 28)
    assert scores["person:P1"] == 0


def test_brokers_break_ties_by_person_id():
    # A ring G1 - X - G2 - Y - G3 - Z - G1: X, Y and Z are alike.
    B = person_group_graph(network({"Z": ["G3", "G1"], "X": ["G1", "G2"], "Y": ["G2", "G3"]}), D)
    assert [b["person_id"] for b in brokers(B)] == ["X", "Y", "Z"]
    assert len({b["betweenness"] for b in brokers(B)}) == 1


def test_small_networks_have_no_brokers():
    assert brokers(nx.Graph()) == []
    B = person_group_graph(network({"A": ["G1"]}), D)
    assert brokers(B) == [] and betweenness(B) == {"group:G1": 0.0, "person:A": 0.0}


def random_graph(draw_seed: int, n: int, m: int) -> nx.Graph:
    rng = random.Random(draw_seed)
    B = nx.Graph()
    B.add_nodes_from(range(n))
    B.add_edges_from(tuple(rng.sample(range(n), 2)) for _ in range(m))
    return nx.relabel_nodes(B, {i: f"n{rng.random():.6f}-{i}" for i in range(n)})


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(3, 40), st.integers(0, 80))
def test_exact_betweenness_is_networkx_normalised(seed, n, m):
    B = random_graph(seed, n, m)
    expected = nx.betweenness_centrality(B, normalized=True)
    found = betweenness(B)
    assert list(found) == list(B)
    assert found == pytest.approx(expected, abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(5, 40), st.integers(0, 80), st.integers(1, 4))
def test_sampled_betweenness_is_networkx_from_the_same_sources(seed, n, m, k):
    # NetworkX's estimate from sources S: the same single-source sums, times n / k.
    B = random_graph(seed, n, m)
    sources = [list(B)[i] for i in random.Random(7).sample(range(n), k)]
    # betweenness_centrality_subset halves an undirected graph's sums; the estimate
    # is the sums times n / k, normalised by (n - 1)(n - 2) ordered pairs.
    subset = nx.betweenness_centrality_subset(B, sources, list(B), normalized=False)
    expected = {v: 2 * s * n / k / ((n - 1) * (n - 2)) for v, s in subset.items()}
    assert betweenness(B, seed=7, k=k) == pytest.approx(expected, abs=1e-12)


def test_big_networks_are_sampled_and_the_sample_repeats():
    B = random_graph(1, 3 * MIN_SAMPLES, 6 * MIN_SAMPLES)
    exact = betweenness(B)
    sampled = betweenness(B, budget=0)
    assert sampled != exact  # MIN_SAMPLES of 300 sources
    assert sampled == betweenness(B, budget=0) == betweenness(B, k=MIN_SAMPLES)
    assert betweenness(B, budget=0, seed=1) != sampled
    assert exact == pytest.approx(nx.betweenness_centrality(B), abs=1e-12)


def test_communities_of_groups_sharing_members():
    # G1-G3 share three people, G4-G6 share three others; one person joins G3 and
    # G4. G7 has nobody: no community.
    seats = {
        "A1": ["G1", "G2", "G3"], "A2": ["G1", "G2", "G3"], "A3": ["G1", "G2", "G3"],
        "B1": ["G4", "G5", "G6"], "B2": ["G4", "G5", "G6"], "B3": ["G4", "G5", "G6"],
        "C": ["G3", "G4"], "D": ["G8"],
    }  # fmt: skip
    B = person_group_graph(network(seats, [f"G{i}" for i in range(1, 9)]), D)
    found = communities(B)
    assert found == [
        {"community": 1, "groups": ["G1", "G2", "G3"], "people": 4},
        {"community": 2, "groups": ["G4", "G5", "G6"], "people": 4},
        {"community": 3, "groups": ["G8"], "people": 1},
    ]
    assert communities(B) == found  # seeded: the same every time
    assert empty_groups(B) == [{"group_id": "G7", "group_name": "Group G7"}]
    assert busiest_people(B, top=1) == [{"person_id": "A1", "groups": 3}]


def test_communities_leave_the_global_random_generator_alone():
    import igraph

    B = person_group_graph(network({"A": ["G1", "G2"], "B": ["G2", "G3"]}), D)
    state = random.getstate()
    communities(B)
    assert random.getstate() == state
    # igraph draws from the random module again afterwards
    random.seed(5)
    first = igraph.Graph.Erdos_Renyi(n=20, m=30).get_edgelist()
    random.seed(5)
    assert igraph.Graph.Erdos_Renyi(n=20, m=30).get_edgelist() == first


def test_network_measures_have_every_key():
    G = network({"A": ["G1", "G2"], "B": ["G2", "G3"], "C": ["G1"]})
    measures = network_measures(G, D)
    assert set(measures) == {
        "meanings", "brokers", "busiest_people", "idle_organisations", "empty_groups",
        "communities",
    }  # fmt: skip
    assert set(measures["meanings"]) == set(measures) - {"meanings"}
    assert [b["person_id"] for b in measures["brokers"]] == ["A", "B"]


def _small_network():
    from tests.networks import flow_network

    return flow_network(
        {"L1": "local", "L2": "local", "R": "regional", "N": "national"},
        [("L1", "R"), ("L2", "R"), ("R", "N")],
        [("P1", "L1"), ("P1", "R"), ("P2", "R"), ("P2", "N"), ("P3", "L2"), ("P3", "R"),
         ("P4", "L1"), ("P4", "L2")],
    )  # fmt: skip


def test_analyse_in_parallel_gives_the_same_result():
    """The measures computed in a forked process equal those computed in this one."""
    from graph.analyse import analyse

    G = _small_network()
    serial = analyse(G, D)
    assert serial["measures"]["brokers"]  # there is something to compare
    assert analyse(G, D, parallel=True) == serial


def test_analyse_in_parallel_computes_the_measures_in_another_process(monkeypatch):
    import os

    import graph.analyse as module

    monkeypatch.setattr(module, "network_measures", lambda G, as_of: {"pid": os.getpid()})
    assert module.analyse(_small_network(), D, parallel=True)["measures"]["pid"] != os.getpid()
    assert module.analyse(_small_network(), D)["measures"]["pid"] == os.getpid()


def test_analyse_in_parallel_falls_back_when_the_copy_fails(monkeypatch):
    """A forked process that dies (out of memory, say) costs time, never the result;
    nor does a platform without fork."""
    import multiprocessing
    import os

    import graph.analyse as module

    G = _small_network()
    expected = module.analyse(G, D)
    parent, real = os.getpid(), module.network_measures

    def dies_in_the_copy(G, as_of):
        if os.getpid() != parent:
            os._exit(1)
        return real(G, as_of)

    monkeypatch.setattr(module, "network_measures", dies_in_the_copy)
    assert module.analyse(G, D, parallel=True) == expected
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert module.analyse(G, D, parallel=True) == expected


def test_analyse_in_parallel_stops_the_copy_when_the_rest_fails(monkeypatch):
    """An error in the parent's analyses is raised at once, and the forked copy (here
    busy for a minute) is stopped rather than waited for."""
    import multiprocessing
    import os
    import time

    import graph.analyse as module

    parent = os.getpid()

    def slow_in_the_copy(G, as_of):
        if os.getpid() != parent:
            time.sleep(60)
        return {}

    def fails(G, as_of):
        raise ValueError("the parent's part failed")

    monkeypatch.setattr(module, "network_measures", slow_in_the_copy)
    monkeypatch.setattr(module, "flow_graph", fails)
    started = time.monotonic()
    with pytest.raises(ValueError, match="parent's part"):
        module.analyse(_small_network(), D, parallel=True)
    assert time.monotonic() - started < 30  # not the minute the copy would take
    assert not multiprocessing.active_children()
