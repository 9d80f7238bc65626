"""graph/fastnx.py gives exactly the graphs networkx's public API gives.

These are the tests that fail first if an upgrade of networkx changes the private
dicts and cache that module fills (tests/test_architecture.py keeps every other
module away from them).
"""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.fastnx import add_keyed_edges, add_pairs, adjacency, attributes, put_nodes

NODES = st.sampled_from("abcde")
DATA = st.dictionaries(st.sampled_from(["w", "x"]), st.integers(0, 3), max_size=2)


def _same(fast: nx.Graph, slow: nx.Graph) -> None:
    assert list(fast.nodes(data=True)) == list(slow.nodes(data=True))
    if fast.is_multigraph():
        assert list(fast.edges(keys=True, data=True)) == list(slow.edges(keys=True, data=True))
    else:
        assert list(fast.edges(data=True)) == list(slow.edges(data=True))
    if fast.is_directed():
        assert list(fast.in_edges(data=True)) == list(slow.in_edges(data=True))
    assert dict(fast.degree) == dict(slow.degree)
    assert nx.utils.graphs_equal(fast, slow)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(NODES, NODES, st.sampled_from(["k1", "k2"]), DATA), max_size=20),
    st.lists(st.sampled_from("abc"), max_size=3),
)
def test_add_keyed_edges_is_add_edge(edges, existing_nodes):
    """Nodes, edge order, keys and attributes as ``add_edge`` gives them (duplicate
    keys update, self-loops too)."""
    fast, slow = nx.MultiDiGraph(), nx.MultiDiGraph()
    for G in (fast, slow):
        G.add_nodes_from(existing_nodes, label="given")
    add_keyed_edges(fast, [(u, v, k, dict(d)) for u, v, k, d in edges])
    for u, v, k, d in edges:
        slow.add_edge(u, v, key=k, **d)
    _same(fast, slow)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(NODES, DATA), max_size=12),
    st.sampled_from([nx.Graph, nx.MultiDiGraph]),
)
def test_put_nodes_is_add_node(nodes, kind):
    """A repeated node has its data updated, as ``add_node(key, **data)`` does, and
    the graph takes edges afterwards as one built through the public API does."""
    fast, slow = kind(), kind()
    put_nodes(fast, [(n, dict(d)) for n, d in nodes])
    for n, d in nodes:
        slow.add_node(n, **d)
    _same(fast, slow)
    for G in (fast, slow):
        G.add_edge("a", "z")
    _same(fast, slow)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(NODES, NODES), max_size=20), st.lists(NODES, max_size=3))
def test_add_pairs_is_add_edges_from(pairs, existing_nodes):
    fast, slow = nx.Graph(), nx.Graph()
    for G in (fast, slow):
        G.add_nodes_from(existing_nodes, label="given")
    add_pairs(fast, pairs)
    slow.add_edges_from(pairs)
    _same(fast, slow)


def test_the_cache_is_cleared_so_views_see_the_new_edges():
    """networkx caches some views of a graph (``__networkx_cache__``); filling the
    dicts directly must clear it, or a cached answer outlives the change."""
    G = nx.Graph()
    add_pairs(G, [("a", "b")])
    G.__networkx_cache__["stale"] = "old"  # what a cached backend conversion leaves
    add_pairs(G, [("b", "c")])
    assert "stale" not in G.__networkx_cache__
    put_nodes(G, [("d", {})])
    assert G.number_of_nodes() == 4 and sorted(G.edges) == [("a", "b"), ("b", "c")]


def test_the_read_views_are_the_graphs_own():
    """What the inner loops read is what the public views show."""
    G = nx.MultiDiGraph()
    add_keyed_edges(G, [("a", "b", 0, {"rel": "R"})])
    G.nodes["a"]["label"] = "x"
    assert attributes(G) == dict(G.nodes(data=True))
    assert {n: dict(nbrs) for n, nbrs in adjacency(G).items()} == {
        n: dict(nbrs) for n, nbrs in G.adj.items()
    }
