"""Overview: headline figures, change since the previous quarter end, per region, hex map."""

import pandas as pd
import streamlit as st

from app import common, data
from app.hexmap import hex_chart
from graph.coverage import area_status
from graph.views import group_regions, previous_quarter_end, region_summary

G = data.network()
as_of, region = common.as_of(), common.region()
before = previous_quarter_end(as_of)
now, then = data.analysis_at(as_of), data.analysis_at(before)
regions = group_regions(G)
areas_now = [r for r in area_status(G, as_of) if not region or r["region_id"] == region]
areas_then = [r for r in area_status(G, before) if not region or r["region_id"] == region]


def in_region(entries):
    return [e for e in entries if not region or regions.get(e["group_id"]) == region]


def local_count(result):
    total = sum(
        1
        for g, r in regions.items()
        if (not region or r == region) and G.nodes[f"group:{g}"].get("level") == "local"
    )
    return total, total - len(in_region(result["flow"]["broken"]))


st.title("Overview")
st.caption(f"As of {as_of:%d %B %Y}; changes since {before:%d %B %Y} (previous quarter end).")
c1, c2, c3, c4 = st.columns(4)
covered_now = sum(r["covered"] for r in areas_now)
covered_then = sum(r["covered"] for r in areas_then)
c1.metric(
    "Council areas covered", f"{covered_now} of {len(areas_now)}", delta=covered_now - covered_then
)
total, connected_now = local_count(now)
_, connected_then = local_count(then)
c2.metric(
    "Local groups connected", f"{connected_now} of {total}", delta=connected_now - connected_then
)
fragile_now, fragile_then = (
    len(in_region(now["flow"]["fragile"])),
    len(in_region(then["flow"]["fragile"])),
)
c3.metric("Fragile groups", fragile_now, delta=fragile_now - fragile_then, delta_color="inverse")
ending = [
    t
    for t in now["coverage"]["terms_ending_soon"]
    if t["area_id"] in {r["area_id"] for r in areas_now}
]
c4.metric("Rep terms ending within 90 days", len(ending))

left, right = st.columns([1, 1])
with left:
    st.subheader("By partnership")
    summary = pd.DataFrame(region_summary(G, as_of))
    if region:
        summary = summary[summary["region_id"] == region]
    if summary.empty:
        st.info("No partnership areas in the data.")
    else:
        summary["coverage %"] = (100 * summary["covered"] / summary["areas"].clip(lower=1)).round()
        st.dataframe(summary.drop(columns=["region_id"]), hide_index=True, width="stretch")
with right:
    st.subheader("Council areas")
    st.altair_chart(hex_chart(area_status(G, as_of)), width="content")
