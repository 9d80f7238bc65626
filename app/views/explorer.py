"""Network explorer: search and the key above the canvas; filters and the details of what
is selected beside it (the details scroll on their own, so the controls never move);
below it, what the canvas draws as text, for keyboards and screen readers."""

import streamlit as st

from app import common, data, details
from app.network_view import network_view
from app.vis import VIEW_LIMIT, legend_html, view_data, view_rows
from core.words import count
from graph.coverage import region_of
from graph.model import AREA, GROUP, nodes_of
from graph.views import around
from graph.words import KIND_WORDS, LEVEL_WORDS, SECTOR_WORDS, WORKSTREAM_WORDS
from loader.spec import GROUP_KINDS, LEVELS, SECTORS, WORKSTREAMS

G = data.display_network()  # viewers: people by role, no members of confidential groups
as_of, region = common.as_of(), common.region()
state = st.session_state
analysis = data.analysis_at(as_of)

H = data.explorer_view(  # made once for every session: read only
    as_of, region, levels=state.get("ex_levels", []),
    kinds=state.get("ex_kinds", []), workstreams=state.get("ex_workstreams", []),
    sectors=state.get("ex_sectors", []), with_organisations=state.get("ex_orgs", False),
    areas=state.get("ex_areas", []),
)  # fmt: skip
selected = state.get("ex_selected")
if selected and state.get("ex_around") and (selected in H or selected.startswith("area:")):
    seeds = (
        [selected]
        if selected in H
        else [n for n, d in H.nodes(data=True) if d.get("area_id") == selected.split(":", 1)[1]]
    )
    H = around(H, seeds, int(state.get("ex_hops", 1)))

broken = {f"group:{b['group_id']}" for b in analysis["flow"]["broken"]}
gaps = {g["area_id"] for g in analysis["coverage"]["gaps"]}
uncovered = {n for n, d in H.nodes(data=True) if d.get("area_id") in gaps}
spofs = {
    data.person_key(p) for f in analysis["flow"]["fragile"] for p in f["single_points_of_failure"]
}
n_nodes = H.number_of_nodes()
groups_only = n_nodes > VIEW_LIMIT
if groups_only:
    H = H.subgraph(n for n, d in H.nodes(data=True) if d["label"] == GROUP).copy()

st.title("Network explorer")
# Laid out top to bottom, filled in the order the work allows: the search row and the
# filters show the selection a click on the canvas has just made.
search_row = st.container()
st.markdown(legend_html(state.get("ex_colour", "level")), unsafe_allow_html=True)
canvas, side = st.columns([3, 1], gap="small")
filters = side.expander("Filters, colours and layout", expanded=False)
CANVAS_HEIGHT = 560
problems = {"broken": broken, "uncovered": uncovered, "spofs": spofs}
FILTERS = ("ex_areas", "ex_levels", "ex_kinds", "ex_workstreams", "ex_sectors", "ex_orgs")
filtered = tuple(str(state.get(k) or "") for k in FILTERS)
with canvas:
    if H.number_of_nodes() == 0:
        st.info("Nothing matches these filters. Clear some of them beside the canvas.")
    else:
        how = state.get("ex_layout", "levels")
        focus = selected if state.get("ex_around") else ""
        # The canvas fits itself when what it shows changes (partnership, layout, filters,
        # focus), not when only the date does: the layout is the same at every date
        # (app.data.layout), so nobody moves and the camera stays.
        view = f"{region}|{how}|{focus}|{filtered}"
        clicked = network_view(
            view_data(
                H, data.layout(region, how),
                colour_by=state.get("ex_colour", "level"), problems=problems,
                size_by=data.brokerage(as_of), selected=selected, view=view,
                one_partnership=bool(region),
                label=f"Network of {count(H.number_of_nodes(), 'node')}: "
                      "the same as text below the canvas",
            ),
            key="ex_canvas",
            height=CANVAS_HEIGHT,
        )  # fmt: skip
        if clicked and clicked != state.get("ex_clicked"):
            state["ex_clicked"] = clicked
            state["ex_selected"] = selected = clicked
    people = sum(1 for _n, d in H.nodes(data=True) if d["label"] == "Person")
    others = count(
        H.number_of_nodes() - people, "group or organisation", "groups and organisations"
    )
    st.caption(
        f"{H.number_of_nodes()} nodes, {H.number_of_edges()} links: {others}, "
        f"{count(people, 'person', 'people')}. Click a node for its details; scroll to zoom."
    )
    if groups_only:
        st.warning(
            f"This view has {n_nodes:,} nodes, more than {VIEW_LIMIT:,} can be drawn legibly. "
            "Showing groups only; choose a partnership, filters or a selection to see people."
        )
    with st.expander("What the canvas shows, as text (groups, people and lines)"):
        node_rows, line_rows = view_rows(H, problems)
        st.markdown(
            f"{count(len(node_rows), 'node')}, problems first; "
            f"{count(len(line_rows), 'reporting line')}, those nobody carries first."
        )
        st.dataframe(node_rows, hide_index=True, width="stretch", key="ex_text_nodes")
        if line_rows:
            st.dataframe(line_rows, hide_index=True, width="stretch", key="ex_text_lines")
with side.container(height=CANVAS_HEIGHT - 60, border=False):
    details.panel(selected, as_of)
    if selected and st.button("Clear the selection", key="ex_clear"):
        state["ex_selected"] = None
        state["ex_around"] = False
        st.rerun()


def _label(key: str) -> str:
    if key.startswith("area:"):
        return f"{G.nodes[key].get('name')} (council area)"
    d = H.nodes[key] if key in H else G.nodes[key]
    if d["label"] == GROUP:
        return f"{d.get('name')} ({LEVEL_WORDS.get(d.get('level'), '')} group)"
    if d["label"] == "Person":
        return f"{d.get('name')} ({d.get('org')})" if d.get("org") else str(d.get("name"))
    return f"{d.get('name')} (organisation)"


def _choose() -> None:
    state["ex_selected"] = state.get("ex_find") or None


council_areas = [
    k for k, d in nodes_of(G, AREA)
    if d.get("type") == "local_authority" and (not region or region_of(G, k) == region)
]  # fmt: skip
choices = sorted(
    [n for n, d in H.nodes(data=True) if d["label"] != "Person" or not data.is_viewer()]
    + council_areas,
    key=lambda k: (k.split(":")[0] != "group", _label(k).lower()),
)
f1, f2, f3 = search_row.columns([4, 2, 1])
f1.selectbox(
    "Find a group, person, organisation or council area", [None, *choices],
    format_func=lambda k: "Type to search…" if k is None else _label(k), key="ex_find",
    on_change=_choose,
)  # fmt: skip
f2.toggle("Show only around the selection", key="ex_around", disabled=not selected)
f3.number_input("Steps", 1, 4, 1, key="ex_hops", disabled=not selected)

with filters:
    sub_regions = sorted(
        (d["id"], d["name"]) for k, d in nodes_of(G, AREA)
        if d.get("type") == "sub_region" and (not region or region_of(G, k) == region)
    )  # fmt: skip
    st.multiselect("Sub-region", [a for a, _ in sub_regions], key="ex_areas",
                   format_func=dict(sub_regions).get, disabled=not sub_regions)  # fmt: skip
    st.multiselect("Level", LEVELS, key="ex_levels", format_func=LEVEL_WORDS.get)
    st.multiselect("Group kind", GROUP_KINDS, key="ex_kinds", format_func=KIND_WORDS.get)
    st.multiselect("Workstream", WORKSTREAMS, key="ex_workstreams",
                   format_func=WORKSTREAM_WORDS.get)  # fmt: skip
    st.multiselect("Sector of people", SECTORS, key="ex_sectors", format_func=SECTOR_WORDS.get)
    st.toggle("Organisations", key="ex_orgs")
    st.radio("Colour people by", ["level", "sector"], key="ex_colour",
             format_func={"level": "nothing (grey)", "sector": "sector"}.get)  # fmt: skip
    st.radio("Layout", ["levels", "clusters"], key="ex_layout",
             format_func={"levels": "levels (national at the top)",
                          "clusters": "clusters (who shares members)"}.get)  # fmt: skip

e1, e2, _ = st.columns([1, 1, 4])
for column, fmt in ((e1, "graphml"), (e2, "gexf")):
    column.download_button(  # made when asked for, not at every change of the view
        f"Download {fmt.upper()}", lambda fmt=fmt, view=H: data.view_file(view, fmt),
        f"network-{as_of}.{fmt}", "application/xml", key=f"ex_dl_{fmt}",
        help="This view, for Gephi and other tools.",
    )  # fmt: skip
