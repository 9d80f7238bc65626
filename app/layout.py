"""Positions for the network canvas: stable, so a filter never rearranges the picture.

Positions are computed once for a whole view (a partnership at a date, say) and
cached by the app; filters then only hide nodes. Two layouts:

- :func:`levels_layout`: national groups at the top, then regional, sub-regional and
  local, each level in rows, every group under the groups it reports to; people as
  small dots between the groups they sit on (below their group if they sit on one);
  organisations beside their people.
- :func:`cluster_layout`: the same start, then a seeded force-directed pass, so groups
  that share members pull together.

Units are screen pixels at zoom 1; the canvas fits the whole view when it opens.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict

import igraph as ig
import networkx as nx

from graph.measures import seeded_igraph

__all__ = ["cluster_layout", "levels_layout"]

LEVELS = ("national", "regional", "sub_regional", "local")
COLUMN = 150  # horizontal room for one group's box
ROW = 100  # vertical room for one row of groups, with the people between rows
PER_ROW = 7  # at least; more for large views (see _per_row)
ASPECT = 1.6  # the canvas's width to height, which a large view's rows aim for
GOLDEN = math.pi * (3 - math.sqrt(5))


def _spot(key: str) -> float:
    """A stable number in [0, 1) for a node (its place in a cluster)."""
    return int(hashlib.blake2b(str(key).encode(), digest_size=4).hexdigest(), 16) / 2**32


def _per_row(groups: int) -> int:
    """Groups in a row: PER_ROW for a partnership, more for a large view, so the picture
    is about as wide as the canvas for its height (all twelve partnerships drawn seven
    to a row made a narrow column that fitted the canvas at an unreadable size)."""
    return max(PER_ROW, math.ceil(math.sqrt(groups * ROW * ASPECT / COLUMN)))


def _rows_of_groups(H: nx.DiGraph) -> list[list[str]]:
    """Rows of group keys, top to bottom: each level in rows of at most _per_row."""
    by_level: dict[int, list[str]] = defaultdict(list)
    for node, data in H.nodes(data=True):
        if data.get("label") == "Group":
            level = data.get("level")
            by_level[LEVELS.index(level) if level in LEVELS else len(LEVELS)].append(node)
    per_row = _per_row(sum(len(groups) for groups in by_level.values()))
    rows = []
    placed: dict[str, float] = {}
    for rank in sorted(by_level):
        groups = by_level[rank]

        def under(g: str) -> tuple:
            # Beneath the groups it reports to (placed already: they rank higher).
            ups = [placed[t] for t in H.successors(g) if t in placed]
            return (sum(ups) / len(ups) if ups else math.inf, H.nodes[g].get("area_name") or "",
                    str(H.nodes[g].get("name")))  # fmt: skip

        groups.sort(key=under)
        for start in range(0, len(groups), per_row):
            row = groups[start : start + per_row]
            rows.append(row)
            for i, g in enumerate(row):
                placed[g] = (i - (len(row) - 1) / 2) * COLUMN
    return rows


def levels_layout(H: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Node → (x, y): groups in rows by level, people and organisations near them.

    >>> H = nx.DiGraph()
    >>> H.add_node("n", label="Group", level="national", name="N")
    >>> H.add_node("l", label="Group", level="local", name="L")
    >>> H.add_node("p", label="Person")
    >>> H.add_edges_from([("l", "n"), ("p", "l")])
    >>> pos = levels_layout(H)
    >>> pos["n"][1] < pos["l"][1] < pos["p"][1]
    True
    """
    pos: dict[str, tuple[float, float]] = {}
    for r, row in enumerate(_rows_of_groups(H)):
        for i, g in enumerate(row):
            pos[g] = ((i - (len(row) - 1) / 2) * COLUMN, r * ROW)
    clusters: dict[tuple, list[str]] = defaultdict(list)
    for node, data in H.nodes(data=True):
        if data.get("label") == "Person":
            groups = tuple(sorted(g for g in H.successors(node) if g in pos))
            clusters[groups].append(node)
    for groups, people in clusters.items():
        if groups:
            # In the gap below the lowest of their groups, so no dot covers a box.
            x = sum(pos[g][0] for g in groups) / len(groups)
            y = max(pos[g][1] for g in groups) + ROW * 0.5
        else:
            x, y = 0.0, (max((p[1] for p in pos.values()), default=0) + ROW)
        for i, person in enumerate(sorted(people, key=_spot)):
            radius = 6 * math.sqrt(i + 0.5)
            angle = i * GOLDEN
            pos[person] = (x + radius * math.cos(angle), y + radius * 0.6 * math.sin(angle))
    for node in H.nodes:
        if node not in pos:  # organisations: beside the people who work for them
            staff = [pos[p] for p in H.predecessors(node) if p in pos]
            if staff:
                x = sum(p[0] for p in staff) / len(staff) + 25 * math.cos(2 * math.pi * _spot(node))
                y = sum(p[1] for p in staff) / len(staff) + 25 * math.sin(2 * math.pi * _spot(node))
            else:
                x, y = 0.0, -ROW
            pos[node] = (x, y)
    return pos


def cluster_layout(H: nx.DiGraph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """:func:`levels_layout`, then a seeded force-directed pass (the same every time).

    igraph's Fruchterman-Reingold on a grid: about half a second for all twelve
    partnerships of the sample (7,000 nodes), where networkx's spring layout took over
    two minutes (and needs scipy above 500 nodes). It starts from the levels, scaled to
    the size the force pass works at, so levels still show through the clusters.
    """
    start = levels_layout(H)
    n = H.number_of_nodes()
    if n < 3:
        return start
    nodes = list(H)
    index = {node: i for i, node in enumerate(nodes)}
    edges = {tuple(sorted((index[u], index[v]))) for u, v in H.edges() if u != v}
    graph = ig.Graph(n=n, edges=sorted(edges))
    scale = math.sqrt(n) / max(1.0, max(abs(c) for p in start.values() for c in p))
    with seeded_igraph(seed):
        moved = graph.layout_fruchterman_reingold(
            seed=[[start[node][0] * scale, start[node][1] * scale] for node in nodes],
            niter=100, grid="auto",
        ).coords  # fmt: skip
    xs, ys = [p[0] for p in moved], [p[1] for p in moved]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    size = 90 * math.sqrt(n)
    return {
        node: ((x - cx) / half * size, (y - cy) / half * size)
        for node, (x, y) in zip(nodes, moved, strict=True)
    }
