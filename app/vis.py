"""Network pictures as self-contained HTML (pyvis / vis-network), with no internet.

pyvis 0.3.2 inlines vis-network's JavaScript with ``cdn_resources="in_line"`` but
still links its CSS and Bootstrap from CDNs; those tags are removed here and
vis-network's CSS is inlined, so a firewalled network cannot stall the page.
Big views are built without ``add_node``/``add_edge`` (their duplicate checks are
quadratic) and drawn with a precomputed layout and physics off.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network

__all__ = [
    "LEVEL_COLOURS",
    "PHYSICS_LIMIT",
    "SECTOR_COLOURS",
    "VIEW_LIMIT",
    "WARN_LIMIT",
    "network_html",
]

VIEW_LIMIT = 2500  # above this, groups only
WARN_LIMIT = 1500  # above this, drawn with a warning and without people's labels
PHYSICS_LIMIT = 300
LEVEL_COLOURS = {
    "national": "#6a3d9a",
    "regional": "#1f78b4",
    "sub_regional": "#33a02c",
    "local": "#ff7f00",
}
SECTOR_COLOURS = {
    "local_government": "#1f78b4",
    "central_government": "#6a3d9a",
    "devolved_government": "#cab2d6",
    "health": "#33a02c",
    "police": "#08306b",
    "education": "#b15928",
    "vcs": "#e31a1c",
    "private_provider": "#ff7f00",
    "trade_union": "#fb9a99",
    "other_statutory": "#a6cee3",
    "other": "#999999",
}
GAP_COLOUR = "#d7191c"
_CDN_TAG = re.compile(
    r"<link[^>]+href=\"https?://[^\"]+\"[^>]*>|<script[^>]+src=\"https?://[^\"]+\"[^>]*>\s*</script>",
    re.S,
)
_VIS_CSS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.css"
LEVEL_RANK = {"national": 0, "regional": 1, "sub_regional": 2, "local": 3}


def _offline(html: str) -> str:
    html = _CDN_TAG.sub("", html)
    css = _VIS_CSS.read_text(encoding="utf-8")
    return html.replace("</head>", f"<style>{css}</style></head>", 1)


def layout(H: nx.Graph, seed: int = 7) -> dict:
    """Positions for big views, in a few milliseconds per thousand nodes.

    Groups sit on rings by level (national in the middle), ordered by name; people
    and organisations sit near the groups they belong to.
    """
    groups = sorted(
        (n for n, d in H.nodes(data=True) if d.get("label") == "Group"),
        key=lambda n: (LEVEL_RANK.get(H.nodes[n].get("level"), 4), str(H.nodes[n].get("name"))),
    )
    pos: dict = {}
    by_level: dict[int, list] = {}
    for g in groups:
        by_level.setdefault(LEVEL_RANK.get(H.nodes[g].get("level"), 4), []).append(g)
    for rank, members in by_level.items():
        radius = 250 + 450 * rank
        for i, g in enumerate(members):
            angle = 2 * math.pi * i / len(members)
            pos[g] = (radius * math.cos(angle), radius * math.sin(angle))
    rest = [n for n in H if n not in pos]
    for i, n in enumerate(rest):
        anchors = [pos[m] for m in H.neighbors(n) if m in pos]
        x = sum(a[0] for a in anchors) / len(anchors) if anchors else 0.0
        y = sum(a[1] for a in anchors) / len(anchors) if anchors else 0.0
        angle = (i * 2.399963) % (2 * math.pi)  # golden angle: spread neighbours evenly
        spread = 40 + (i % 7) * 12
        pos[n] = (x * 1.1 + spread * math.cos(angle), y * 1.1 + spread * math.sin(angle))
    return pos


def network_html(
    H: nx.Graph,
    colour_by: str = "level",
    size_by: dict | None = None,
    highlight: set | None = None,
    height: str = "650px",
    hierarchical: bool = False,
    edge_colours: dict | None = None,
    edge_titles: dict | None = None,
) -> str:
    """Self-contained HTML drawing ``H`` (nodes with ``label``, ``name``, ``level``, ``sector``).

    ``size_by`` maps nodes to a score in [0, 1]; ``highlight`` nodes are drawn as gaps
    (red border). ``hierarchical`` draws groups top-down by level.
    """
    highlight = highlight or set()
    size_by = size_by or {}
    net = Network(
        height=height,
        width="100%",
        directed=True,
        cdn_resources="in_line",
        bgcolor="#ffffff",
        notebook=False,
    )
    big = H.number_of_nodes() > PHYSICS_LIMIT
    pos = layout(H) if big and not hierarchical else {}
    nodes = []
    for n, d in H.nodes(data=True):
        label = d.get("label")
        if colour_by == "sector":
            colour = SECTOR_COLOURS.get(d.get("sector"), "#bbbbbb")
        else:
            colour = LEVEL_COLOURS.get(d.get("level"), "#bbbbbb")
        shape = {"Group": "dot", "Person": "triangle", "Organisation": "square"}.get(label, "dot")
        base = 18 if label == "Group" else 9
        node = {
            "id": _safe(n),
            "label": _safe(d.get("name") or d.get("id")),
            "shape": shape,
            "size": base + 25 * float(size_by.get(n, 0)),
            "title": _title(d),
            "color": {"background": colour, "border": GAP_COLOUR if n in highlight else colour},
            "borderWidth": 5 if n in highlight else 1,
        }
        if hierarchical and label == "Group":
            node["level"] = LEVEL_RANK.get(d.get("level"), 4)
        if n in pos:
            node["x"], node["y"] = pos[n]
            node["physics"] = False
        if big:
            node["font"] = {"size": 0 if label != "Group" else 12}
        nodes.append(node)
    edges = []
    for u, v, d in H.edges(data=True):
        rel = d.get("rel")
        colour = (edge_colours or {}).get((u, v)) or (
            "#555555" if rel == "REPORTS_TO" else "#cccccc"
        )
        edge = {
            "from": _safe(u),
            "to": _safe(v),
            "color": colour,
            "arrows": "to" if rel == "REPORTS_TO" else "",
            "width": 3 if rel == "REPORTS_TO" else 1,
        }
        if edge_titles and (u, v) in edge_titles:
            edge["title"] = _safe(edge_titles[(u, v)])
        if d.get("dashes"):
            edge["dashes"] = True
        edges.append(edge)
    net.nodes, net.edges = nodes, edges
    net.node_ids = [node["id"] for node in nodes]
    net.node_map = {node["id"]: node for node in nodes}
    options = {
        "physics": {"enabled": not big and not hierarchical, "stabilization": {"iterations": 150}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big},
        "edges": {"smooth": False},
    }
    if hierarchical:
        options["layout"] = {
            "hierarchical": {
                "enabled": True,
                "direction": "UD",
                "sortMethod": "directed",
                "levelSeparation": 130,
            }
        }
    net.set_options(json.dumps(options))
    return _offline(net.generate_html(notebook=False))


def _safe(text: object) -> str:
    """Names come from workbooks: keep them from closing pyvis's <script> block."""
    return str(text).replace("<", "\uff1c").replace(">", "\uff1e")


def _title(d: dict) -> str:
    parts = [str(d.get("name") or d.get("id"))]
    for key in ("level", "kind", "sector", "org"):
        if d.get(key):
            parts.append(f"{key}: {str(d[key]).replace('_', ' ')}")
    return _safe("\n".join(parts))
