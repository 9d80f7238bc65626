"""Building and reading NetworkX graphs through their own dicts: the one module that
touches networkx's private internals.

Why: ``add_node`` and ``add_edge`` spend most of their time on argument handling and
on clearing the graph's cached views, once per call. Building a national network
(90,000 nodes, 200,000 memberships) that way costs seconds on every analysis; filling
the dicts directly and clearing the cache once costs a fraction of that. Reading
``G._adj`` instead of ``G.adj`` skips a view object per lookup in the measures' inner
loops.

Everything here gives exactly the graph the public API gives (same nodes, order,
keys and attributes): ``tests/test_fastnx.py`` builds both and compares, so an
upgrade of networkx that changes these internals fails there first, not in an
analysis. Only this module may name ``_node``, ``_adj``, ``_succ``, ``_pred`` or
``nx._clear_cache`` (``tests/test_architecture.py`` checks).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

__all__ = ["add_keyed_edges", "add_pairs", "adjacency", "attributes", "put_nodes"]


def put_nodes(G: nx.Graph, nodes: Iterable[tuple[str, dict]]) -> None:
    """Add each ``(key, data)``; a node already there has its data updated with
    ``data``, as ``G.add_node(key, **data)`` does (``data`` itself becomes a new
    node's attribute dict).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> put_nodes(G, [("a", {"x": 1}), ("a", {"y": 2}), ("b", {})])
    >>> list(G.nodes(data=True))
    [('a', {'x': 1, 'y': 2}), ('b', {})]
    """
    node = G._node
    new_adjacency = G.adjlist_inner_dict_factory
    # Directed graphs keep successors and predecessors; undirected ones one dict.
    tables = (G._succ, G._pred) if G.is_directed() else (G._adj,)
    for key, data in nodes:
        if key in node:
            node[key].update(data)
        else:
            node[key] = data
            for table in tables:
                table[key] = new_adjacency()
    nx._clear_cache(G)


def add_keyed_edges(G: nx.MultiDiGraph, edges: Iterable[tuple[str, str, str, dict]]) -> None:
    """Add ``(u, v, key, data)`` edges to a multigraph, exactly as
    ``G.add_edge(u, v, key=key, **data)`` would one by one.

    ``data`` becomes the edge's attribute dict (an existing edge with the same key is
    updated, as ``add_edge`` does); missing nodes are added bare.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> add_keyed_edges(G, [("a", "b", "k1", {"w": 1}), ("a", "b", "k2", {"w": 2})])
    >>> sorted(G.edges(keys=True, data="w"))
    [('a', 'b', 'k1', 1), ('a', 'b', 'k2', 2)]
    """
    succ, pred = G._succ, G._pred
    for u, v, key, data in edges:
        if u not in succ:
            G.add_node(u)
        if v not in succ:
            G.add_node(v)
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = pred[v][u] = G.edge_key_dict_factory()
        if key in keydict:
            keydict[key].update(data)
        else:
            keydict[key] = data
    nx._clear_cache(G)


def add_pairs(B: nx.Graph, pairs: Iterable[tuple[str, str]]) -> None:
    """Add an attribute-less edge for each ``(u, v)`` of a simple undirected graph, as
    ``B.add_edges_from(pairs)`` does; missing nodes are added bare, a repeated pair
    changes nothing.

    Examples
    --------
    >>> B = nx.Graph()
    >>> add_pairs(B, [("p", "g"), ("g", "p"), ("q", "g")])
    >>> sorted(B.edges()), list(B.nodes)
    ([('g', 'q'), ('p', 'g')], ['p', 'g', 'q'])
    """
    adj, node = B._adj, B._node
    for u, v in pairs:
        for n in (u, v):
            if n not in node:
                node[n], adj[n] = B.node_attr_dict_factory(), B.adjlist_inner_dict_factory()
        if v not in adj[u]:
            adj[u][v] = adj[v][u] = B.edge_attr_dict_factory()
    nx._clear_cache(B)


def attributes(G: nx.Graph) -> Mapping[str, dict]:
    """Each node's attribute dict by node, for reading in inner loops (``G.nodes`` with
    no view in between). Do not add or remove nodes through it."""
    return G._node


def adjacency(G: nx.Graph) -> Mapping[str, Mapping]:
    """Each node's neighbours (successors, for a directed graph) by node, for reading
    in inner loops (``G.adj`` with no view in between)."""
    return G._adj
