"""Network explorer: filter, search, colour and size the person–group network."""

import streamlit as st

from app import common, data
from app.vis import LEVEL_COLOURS, SECTOR_COLOURS, VIEW_LIMIT, WARN_LIMIT, network_html
from graph.coverage import region_of
from graph.model import AREA, nodes_of
from graph.views import explorer_graph, neighbourhood
from loader.spec import GROUP_KINDS, LEVELS, SECTORS, WORKSTREAMS

G = data.display_network()  # viewers: no names, no members of confidential groups
as_of, region = common.as_of(), common.region()
analysis = data.analysis_at(as_of)

st.title("Network explorer")
sub_regions = sorted(
    (d["id"], d["name"])
    for _k, d in nodes_of(G, AREA)
    if d.get("type") == "sub_region" and (not region or region_of(G, _k) == region)
)
f0, f1, f2, f3, f4 = st.columns(5)
chosen_areas = f0.multiselect(
    "Sub-region",
    [a for a, _ in sub_regions],
    key="ex_areas",
    format_func=dict(sub_regions).get,
    disabled=not sub_regions,
)
levels = f1.multiselect("Level", LEVELS, key="ex_levels")
kinds = f2.multiselect("Group kind", GROUP_KINDS, key="ex_kinds")
workstreams = f3.multiselect("Workstream", WORKSTREAMS, key="ex_workstreams")
sectors = f4.multiselect("Sector of people", SECTORS, key="ex_sectors")
s1, s2, s3, s4 = st.columns([3, 1, 1, 1])
query = s1.text_input(
    "Search a person, organisation, group or area",
    key="ex_query",
    help="Matches names (and ids); an organisation finds its people, an area its groups.",
)
hops = s2.number_input("Hops", 1, 4, 1, key="ex_hops")
colour_by = s3.radio("Colour by", ["level", "sector"], key="ex_colour", horizontal=True)
with_orgs = s4.checkbox("Organisations", key="ex_orgs", value=False)

H = explorer_graph(
    G,
    as_of,
    regions=[region] if region else (),
    levels=levels,
    kinds=kinds,
    workstreams=workstreams,
    sectors=sectors,
    with_organisations=with_orgs,
    areas=chosen_areas,
)
if query:
    H = neighbourhood(H, query, int(hops))
    if H.number_of_nodes() == 0:
        st.warning(f"Nothing matches “{query}” in this view.")
        st.stop()

broken = {f"group:{b['group_id']}" for b in analysis["flow"]["broken"]}
uncovered = {g["area_id"] for g in analysis["coverage"]["gaps"]}
thin = {n for n, d in H.nodes(data=True) if d.get("area_id") in uncovered}
spofs = {
    data.person_key(p) for f in analysis["flow"]["fragile"] for p in f["single_points_of_failure"]
}
highlight = (broken | spofs | thin) & set(H)
n = H.number_of_nodes()
st.caption(
    f"{n} nodes, {H.number_of_edges()} links. Red borders: broken groups, groups of council "
    "areas without an elected VCS rep, and single points of failure. Size: brokerage "
    "(betweenness on the whole network)."
)
if n == 0:
    st.info("No groups match these filters.")
    st.stop()
if WARN_LIMIT < n <= VIEW_LIMIT:
    st.info(
        f"A big view ({n} nodes): labels of people are hidden. Narrow it with the filters "
        "or a search to see more detail."
    )
if n > VIEW_LIMIT:
    st.warning(
        f"This view has {n} nodes, more than {VIEW_LIMIT} can be drawn legibly. Showing groups "
        "only; choose a partnership, filters or a search to see the people."
    )
    H = H.subgraph(x for x, d in H.nodes(data=True) if d["label"] == "Group").copy()
size = data.brokerage(as_of)
st.iframe(network_html(H, colour_by=colour_by, size_by=size, highlight=highlight), height=680)
colours = LEVEL_COLOURS if colour_by == "level" else SECTOR_COLOURS
e1, e2, _ = st.columns([1, 1, 4])
for column, fmt in ((e1, "graphml"), (e2, "gexf")):
    column.download_button(
        f"Download {fmt.upper()}",
        data.view_file(H, fmt),
        f"network-{as_of}.{fmt}",
        "application/xml",
        key=f"ex_dl_{fmt}",
        help="This view, for Gephi and other tools.",
    )
st.markdown(
    " ".join(f"<span style='color:{c}'>●</span> {k.replace('_', ' ')}" for k, c in colours.items()),
    unsafe_allow_html=True,
)
