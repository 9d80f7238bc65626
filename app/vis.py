"""How the network looks: node and line styles, the key, and the data the canvas draws.

:func:`view_data` turns a view (``graph.views.explorer_graph``) and its positions
(``app.layout``) into what ``app.network_view`` draws; :func:`legend_html` is the key
for every colour, shape, outline and line. Colours are the GOV.UK palette's, with
text contrast of at least 4.5:1 on group boxes. :func:`network_html` draws a small
view as one self-contained page (pyvis), for notebooks.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Collection, Mapping
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network

from graph.words import KIND_WORDS, LEVEL_WORDS, SECTOR_WORDS, short_group_name

__all__ = [
    "LEVEL_COLOURS",
    "SECTOR_COLOURS",
    "VIEW_LIMIT",
    "legend_html",
    "line_key_html",
    "network_html",
    "view_data",
]

VIEW_LIMIT = 2500  # above this, groups only
#: Group boxes by level (white text on each: contrast 4.5:1 or more).
LEVEL_COLOURS = {
    "national": "#4c2c92",
    "regional": "#1d70b8",
    "sub_regional": "#00703c",
    "local": "#505a5f",
}
SECTOR_COLOURS = {
    "local_government": "#1d70b8",
    "central_government": "#4c2c92",
    "devolved_government": "#912b88",
    "health": "#00703c",
    "police": "#003078",
    "education": "#b58840",
    "vcs": "#d4351c",
    "private_provider": "#f47738",
    "trade_union": "#d53880",
    "other_statutory": "#5694ca",
    "other": "#6f777b",
}
PERSON_COLOUR = "#6f777b"
BROKEN = "#d4351c"  # red: a broken group, an unstaffed line
UNCOVERED = "#f47738"  # orange, dashed: a group of a council area with no elected VCS rep
SPOF = "#0b0c0c"  # black star: a single point of failure
PAPER_ONLY = "#912b88"  # purple, dotted: a line carried only on paper


def _styles(colour_by: str) -> dict:
    """vis-network's node groups: the shared look of each kind of node, so that each
    node carries only what is its own (smaller to send, quicker to draw)."""
    white_text = {"color": "#ffffff", "size": 16, "face": "Arial"}
    dark_text = {"size": 13, "color": "#0b0c0c", "face": "Arial",
                 "background": "rgba(255,255,255,0.85)"}  # fmt: skip
    styles = {
        f"g-{level}": {
            "shape": "box", "font": white_text, "margin": 5, "borderWidth": 1,
            "widthConstraint": {"maximum": 135},
            "color": {"background": colour, "border": "#ffffff",
                      "highlight": {"background": "#0b0c0c", "border": "#ffdd00"}},
        }
        for level, colour in {**LEVEL_COLOURS, "other": PERSON_COLOUR}.items()
    }  # fmt: skip
    for sector, colour in {**SECTOR_COLOURS, "none": PERSON_COLOUR}.items():
        person = colour if colour_by == "sector" else PERSON_COLOUR
        styles[f"p-{sector}"] = {"shape": "dot", "size": 4, "font": dark_text,
                                 "color": {"background": person, "border": person}}  # fmt: skip
        styles[f"o-{sector}"] = {"shape": "square", "size": 7, "font": dark_text,
                                 "color": {"background": colour, "border": colour}}  # fmt: skip
    styles["spof"] = {"shape": "star", "size": 11, "font": dark_text,
                      "color": {"background": SPOF, "border": "#ffffff"}}  # fmt: skip
    return styles


def _group_node(
    key: str, d: Mapping, problems: Mapping[str, Collection], short: bool = True
) -> dict:
    broken, uncovered = key in problems.get("broken", ()), key in problems.get("uncovered", ())
    level = d.get("level") if d.get("level") in LEVEL_COLOURS else "other"
    kind = KIND_WORDS.get(d.get("kind"), "group") if d.get("kind") else "group"
    tip = [str(d.get("name")), f"{LEVEL_WORDS.get(d.get('level'), '')} {kind}".strip()]
    if d.get("area_name"):
        tip.append(f"covers {d['area_name']}")
    if broken:
        tip.append("Broken: cut off from regional and national level")
    if uncovered:
        tip.append("Its council area has no elected VCS rep")
    node = {"id": key, "group": f"g-{level}", "tip": "\n".join(tip),
            "label": short_group_name(d.get("name") or d.get("id"),
                                      d.get("region") if short else None)}  # fmt: skip
    if broken or uncovered:
        node["borderWidth"] = 5
        node["color"] = {"background": LEVEL_COLOURS.get(level, PERSON_COLOUR),
                         "border": BROKEN if broken else UNCOVERED,
                         "highlight": {"background": "#0b0c0c", "border": "#ffdd00"}}  # fmt: skip
        if not broken:
            node["shapeProperties"] = {"borderDashes": [8, 5]}
    return node


def _person_node(key: str, d: Mapping, spof: bool, score: float, named: bool) -> dict:
    tip = [str(d.get("name"))]
    if d.get("org"):
        tip.append(str(d["org"]))
    if spof:
        tip.append("Single point of failure: a local group is cut off without them")
    node = {"id": key, "group": "spof" if spof else f"p-{d.get('sector') or 'none'}",
            "tip": "\n".join(tip)}  # fmt: skip
    if named:
        node["label"] = d.get("name")
    if score:
        node["size"] = (11 if spof else 4) + 8 * score
    return node


def _edge(u: str, v: str, d: Mapping, names: Mapping[str, str]) -> dict:
    rel = d.get("rel")
    if rel == "REPORTS_TO":
        staffed = d.get("staffed", True)
        carriers = d.get("carriers")
        people = ("someone (how many is not shown: a confidential group)" if carriers is None
                  else "1 person" if carriers == 1 else f"{carriers} people")  # fmt: skip
        paper = staffed and d.get("paper_only", False)
        who = f"carried by {people}" if staffed else "nobody sits on both groups"
        if paper:
            who += ", but only on paper: none of them attended a meeting of both groups in a year"
        tip = f"{names.get(u, u)} → {names.get(v, v)}\n{who}"
        if d.get("two_way") is False:
            tip += "\none-way: nothing comes back down"
        colour = PAPER_ONLY if paper else "#0b0c0c" if staffed else BROKEN
        edge = {"from": u, "to": v, "arrows": "to", "width": 3 if staffed else 3.5,
                "color": {"color": colour}, "tip": tip}  # fmt: skip
        if not staffed:
            edge["dashes"] = [10, 7]
        elif paper:
            edge["dashes"] = [2, 5]
        return edge
    if rel == "WORKS_FOR":
        return {"from": u, "to": v, "width": 0.5, "color": {"color": "#dddddd"}, "dashes": True}
    return {"from": u, "to": v}  # a membership: the default look (options.edges)


def view_data(
    H: nx.DiGraph,
    positions: Mapping[str, tuple[float, float]],
    *,
    colour_by: str = "level",
    problems: Mapping[str, Collection] | None = None,
    size_by: Mapping[str, float] | None = None,
    selected: str | None = None,
    view: str = "",
    label: str = "Network",
    one_partnership: bool = True,
) -> dict:
    """What the canvas draws: nodes at ``positions``, styled; edges; options.

    ``problems`` holds node keys under ``broken`` (groups), ``uncovered`` (groups of
    council areas without an elected VCS rep) and ``spofs`` (people); ``size_by``
    scores people in [0, 1]; the ``selected`` node's neighbours show their names;
    ``view`` names the view, and the canvas fits itself when it changes. Groups are
    labelled without their partnership's name only in ``one_partnership`` views (in
    a view of several, "Strategic Migration Group" alone would not say whose).
    """
    problems = problems or {}
    size_by = size_by or {}
    spofs = set(problems.get("spofs", ()))
    near = set(nx.all_neighbors(H, selected)) | {selected} if selected in H else set()
    nodes = []
    for key, d in H.nodes(data=True):
        kind = d.get("label")
        if kind == "Group":
            node = _group_node(key, d, problems, one_partnership)
        elif kind == "Person":
            node = _person_node(key, d, key in spofs, float(size_by.get(key, 0)), key in near)
        else:
            sector = SECTOR_WORDS.get(d.get("sector"), "")
            node = {"id": key, "group": f"o-{d.get('sector') or 'none'}",
                    "tip": f"{d.get('name')}\n{sector} organisation"}  # fmt: skip
            if key in near:
                node["label"] = d.get("name")
        x, y = positions.get(key, (0.0, 0.0))
        node["x"], node["y"] = round(x), round(y)
        nodes.append(node)
    names = {k: d.get("name") or k for k, d in H.nodes(data=True) if d.get("label") == "Group"}
    edges = [_edge(u, v, d, names) for u, v, d in H.edges(data=True)]
    big = len(nodes) > 1500
    options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": not big, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": False},
        "edges": {"smooth": False, "selectionWidth": 2, "width": 0.6,
                  "color": {"color": "#b1b4b6", "inherit": False}},
        "nodes": {"borderWidthSelected": 5, "physics": False},
        "groups": _styles(colour_by),
    }  # fmt: skip
    return {"nodes": nodes, "edges": edges, "options": options, "view": view,
            "selected": selected if selected in H else None, "label": label}  # fmt: skip


def view_rows(
    H: nx.DiGraph, problems: Mapping[str, Collection] | None = None
) -> tuple[list[dict], list[dict]]:
    """What the canvas draws, as text: one row per group, person or organisation (with
    its problems in words) and one row per reporting line, for people who cannot see or
    point at the canvas (screen readers, keyboards). Same ``problems`` as
    :func:`view_data`."""
    problems = problems or {}
    broken, uncovered = set(problems.get("broken", ())), set(problems.get("uncovered", ()))
    spofs = set(problems.get("spofs", ()))
    nodes = []
    for key, d in H.nodes(data=True):
        kind = d.get("label")
        if kind == "Group":
            what = f"{LEVEL_WORDS.get(d.get('level'), '')} {KIND_WORDS.get(d.get('kind'), 'group')}"
            issues = ["cut off from regional and national level"] if key in broken else []
            if key in uncovered:
                issues.append("its council area has no elected VCS rep")
        elif kind == "Person":
            what = "person" + (f", {d['org']}" if d.get("org") else "")
            issues = ["single point of failure"] if key in spofs else []
        else:
            what = f"{SECTOR_WORDS.get(d.get('sector'), '')} organisation".strip()
            issues = []
        links = H.degree(key)
        nodes.append({"name": str(d.get("name") or ""), "what": what.strip(),
                      "problems": "; ".join(issues) or "none",
                      "links": links})  # fmt: skip
    nodes.sort(key=lambda r: (r["problems"] == "none", r["what"], r["name"].lower()))
    names = {k: str(d.get("name") or "") for k, d in H.nodes(data=True)}
    lines = []
    for u, v, d in H.edges(data=True):
        if d.get("rel") != "REPORTS_TO":
            continue
        carriers = d.get("carriers")
        if not d.get("staffed", True):
            who = "nobody: no one sits on both groups"
        elif carriers is None:
            who = "someone (how many is not shown: a confidential group)"
        else:
            who = "1 person" if carriers == 1 else f"{carriers} people"
        if d.get("staffed", True) and d.get("paper_only"):
            who += ", only on paper"
        lines.append({"from": names[u], "reports to": names[v], "carried by": who})
    lines.sort(key=lambda r: (not r["carried by"].startswith("nobody"), r["from"].lower()))
    return nodes, lines


def _swatch(shape: str, fill: str, border: str = "", dashed: bool | str = False) -> str:
    stroke = f'stroke="{border}" stroke-width="3"' if border else ""
    dash = f'stroke-dasharray="{dashed if isinstance(dashed, str) else "4 2"}"' if dashed else ""
    shapes = {
        "box": f'<rect x="1.5" y="3.5" width="21" height="13" fill="{fill}" {stroke} {dash}/>',
        "dot": f'<circle cx="12" cy="10" r="4" fill="{fill}"/>',
        "star": f'<polygon points="12,1 14.6,7.4 21.5,7.6 16,11.8 18,18.5 12,14.6 6,18.5 8,11.8'
        f' 2.5,7.6 9.4,7.4" fill="{fill}"/>',
        "square": f'<rect x="8" y="6" width="8" height="8" fill="{fill}"/>',
        "line": f'<line x1="1" y1="10" x2="23" y2="10" stroke="{fill}" stroke-width="3" {dash}/>'
        f'<polygon points="23,10 17,6.5 17,13.5" fill="{fill}"/>',
    }  # fmt: skip
    return (
        f'<svg width="24" height="20" viewBox="0 0 24 20" aria-hidden="true" '
        f'style="vertical-align:middle">{shapes[shape]}</svg>'
    )


def legend_html(colour_by: str = "level", paper_only: bool = False) -> str:
    """The key: group boxes by level, people and organisations, the three problems, and
    the kinds of reporting line (with ``paper_only``, lines carried only on paper)."""
    items = [
        (_swatch("box", colour), f"{LEVEL_WORDS[level]} group")
        for level, colour in LEVEL_COLOURS.items()
    ]
    if colour_by == "sector":
        items += [(_swatch("dot", c), SECTOR_WORDS[s]) for s, c in SECTOR_COLOURS.items()]
    else:
        items.append((_swatch("dot", PERSON_COLOUR), "person (name shown when selected)"))
    items += [
        (_swatch("square", SECTOR_COLOURS["other"]), "organisation"),
        (_swatch("box", LEVEL_COLOURS["local"], BROKEN), "broken group: cut off"),
        (_swatch("box", LEVEL_COLOURS["local"], UNCOVERED, dashed=True),
         "group of a council area with no elected VCS rep"),
        (_swatch("star", SPOF), "single point of failure"),
    ]  # fmt: skip
    return _key(items + _line_items(paper_only))


def _line_items(paper_only: bool) -> list[tuple[str, str]]:
    items = [
        (_swatch("line", "#0b0c0c"), "reporting line, carried by someone"),
        (_swatch("line", BROKEN, dashed=True), "reporting line nobody carries"),
    ]
    if paper_only:
        items.append((_swatch("line", PAPER_ONLY, dashed="1.5 3"),
                      "carried only on paper: its carriers attended no meeting of one end "
                      "in a year"))  # fmt: skip
    return items


def line_key_html(paper_only: bool = True) -> str:
    """The key of the reporting lines alone (the flow page's route views)."""
    return _key(_line_items(paper_only))


def _key(items: list[tuple[str, str]]) -> str:
    cells = "".join(
        f'<li style="display:inline-block;margin:0 14px 4px 0">{svg} {html.escape(text)}</li>'
        for svg, text in items
    )
    return f'<ul aria-label="Key" style="list-style:none;padding:0;margin:4px 0">{cells}</ul>'


# --- A small view as one self-contained page (notebooks) ---------------------------------

_CDN_TAG = re.compile(
    r"<link[^>]+href=\"https?://[^\"]+\"[^>]*>|<script[^>]+src=\"https?://[^\"]+\"[^>]*>\s*</script>",
    re.S,
)
_VIS_CSS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.css"


def _safe(text: object) -> str:
    """Names come from workbooks: keep them from closing pyvis's <script> block."""
    return str(text).replace("<", "\uff1c").replace(">", "\uff1e")


def network_html(H: nx.Graph, colour_by: str = "level", height: str = "500px") -> str:
    """A view as one page with vis-network inlined (no internet needed), for notebooks.

    Nodes with ``label``, ``name``, ``level``, ``sector``; laid out by levels.
    """
    from app.layout import levels_layout

    data = view_data(nx.DiGraph(H), levels_layout(nx.DiGraph(H)), colour_by=colour_by)
    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line")
    for node in data["nodes"]:
        node["id"], node["label"] = _safe(node["id"]), _safe(node.get("label") or "")
        node["title"] = _safe(node.pop("tip", ""))
    for edge in data["edges"]:
        edge["from"], edge["to"] = _safe(edge["from"]), _safe(edge["to"])
        edge["title"] = _safe(edge.pop("tip", ""))
    net.nodes, net.edges = data["nodes"], data["edges"]
    net.node_ids = [node["id"] for node in net.nodes]
    net.node_map = {node["id"]: node for node in net.nodes}
    net.set_options(json.dumps(data["options"]))
    page = _CDN_TAG.sub("", net.generate_html(notebook=False))
    return page.replace(
        "</head>", f"<style>{_VIS_CSS.read_text(encoding='utf-8')}</style></head>", 1
    )
