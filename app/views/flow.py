"""Information flow: a local group's routes top-down, broken and fragile lists, what-if."""

import networkx as nx
import pandas as pd
import streamlit as st

from app import common, data
from app.vis import network_html
from core.words import count
from graph.flow import flow_graph, route_edges, what_if
from graph.privacy import carried_by
from graph.views import group_regions

G = data.network()
as_of, region = common.as_of(), common.region()
result = data.analysis_at(as_of)["flow"]
regions = group_regions(G)
F = flow_graph(G, as_of)


def mine(entries):
    return [e for e in entries if not region or regions.get(e["group_id"]) == region]


st.title("Information flow")
st.caption(
    "A local group is connected when it reaches a regional group that reaches national "
    "level, along reporting lines that someone carries (a person sitting on both groups)."
)
locals_ = sorted(
    (
        g
        for g, lvl in F.nodes(data="level")
        if lvl == "local" and (not region or regions.get(g) == region)
    ),
    key=lambda g: F.nodes[g]["name"],
)
if not locals_:
    st.info("No local groups in this partnership.")
    st.stop()
broken, fragile = mine(result["broken"]), mine(result["fragile"])
tab_routes, tab_lists, tab_what_if = st.tabs(["Routes of a group", "Broken and fragile", "What if"])

with tab_routes:
    group = st.selectbox(
        "Local group", locals_, format_func=lambda g: F.nodes[g]["name"], key="flow_group"
    )
    viewer = data.role() == "viewer"
    show_names = st.checkbox(
        "Show people's names",
        key="flow_names",
        value=False,
        disabled=viewer,
        help="Analysts and admins only." if viewer else None,
    )
    edges = route_edges(F, group)
    if not edges:
        st.warning("This group has no route to regional and national level: no_route.")
    else:
        H = nx.DiGraph()
        for u, v in edges:
            for n in (u, v):
                H.add_node(
                    n, label="Group", id=n, name=F.nodes[n]["name"], level=F.nodes[n]["level"]
                )
            H.add_edge(u, v, rel="REPORTS_TO", dashes=not F.edges[u, v]["staffed"])

        name = None if viewer or not show_names else (lambda p: data.person_words(G, p))
        titles = {(u, v): carried_by(F, u, v, name) for u, v in edges}
        colours = {(u, v): "#1a9641" if F.edges[u, v]["staffed"] else "#d7191c" for u, v in edges}
        st.iframe(
            network_html(
                H, hierarchical=True, edge_colours=colours, edge_titles=titles, height="480px"
            ),
            height=500,
        )
        st.caption("Green: carried by someone. Red, dashed: nobody carries it. Hover a line.")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "from": F.nodes[u]["name"],
                        "to": F.nodes[v]["name"],
                        "carried by": titles[(u, v)],
                    }
                    for u, v in sorted(edges)
                ]
            ),
            hide_index=True,
            width="stretch",
        )

with tab_lists:
    st.subheader(f"Broken local groups ({len(broken)})")
    if broken:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "group": b["group_name"],
                        "reason": b["reason"],
                        "unstaffed lines": ", ".join(
                            f"{u} → {v}" for u, v in b.get("unstaffed_edges", [])
                        ),
                    }
                    for b in broken
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.success("Every local group is connected.")
    st.subheader(f"Fragile local groups ({len(fragile)})")
    if fragile:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "group": f["group_name"],
                        "single points of failure": (
                            count(len(f["single_points_of_failure"]), "person", "people")
                            if data.is_viewer()
                            else "; ".join(
                                data.person_words(G, p) for p in f["single_points_of_failure"]
                            )
                        ),
                    }
                    for f in fragile
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.success("No local group hangs on a single person.")

with tab_what_if:
    st.markdown("Remove people or groups and see which local groups would break.")
    labels = {p: data.person_words(G, p) for _u, _v, s in F.edges(data="staffers") for p in s}
    gone_people = st.multiselect(
        "People leaving",
        [] if data.is_viewer() else sorted(labels, key=labels.get),
        key="wi_people",
        format_func=labels.get,
        disabled=data.is_viewer(),
        help="Analysts and admins only." if data.is_viewer() else None,
    )
    gone_groups = st.multiselect(
        "Groups closing", sorted(F.nodes), key="wi_groups", format_func=lambda g: F.nodes[g]["name"]
    )
    if gone_people or gone_groups:
        outcome = what_if(G, as_of, gone_people, gone_groups)
        newly = mine(outcome["newly_broken"])
        if newly:
            st.error(f"{len(newly)} local group(s) would break:")
            st.dataframe(
                pd.DataFrame([{"group": b["group_name"], "reason": b["reason"]} for b in newly]),
                hide_index=True,
            )
        else:
            st.success("No local group would break.")
