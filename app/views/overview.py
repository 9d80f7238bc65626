"""Overview: headline figures, change since the previous quarter end, per partnership, hex map."""

import pandas as pd
import streamlit as st

from app import common, data
from app.hexmap import hex_chart
from core.words import uk_date
from graph.views import previous_quarter_end, region_summary

G = data.network()
as_of, region = common.as_of(), common.region()
before = previous_quarter_end(as_of)
now, then = data.figures(as_of, region), data.figures(before, region)

st.title("Overview")
st.caption(f"As of {uk_date(as_of)}; changes since {uk_date(before)} (the previous quarter end).")
c1, c2, c3, c4 = st.columns(4)
c1.metric(
    "Council areas covered",
    f"{now['areas_covered']} of {now['areas_total']}",
    delta=now["areas_covered"] - then["areas_covered"],
)
c2.metric(
    "Local groups connected",
    f"{now['connected']} of {now['local_groups_total']}",
    delta=now["connected"] - then["connected"],
)
c3.metric(
    "Fragile groups", now["fragile"], delta=now["fragile"] - then["fragile"], delta_color="inverse"
)
c4.metric("Rep terms ending within 90 days", now["terms_ending_soon"])

left, right = st.columns([1, 1])
with left:
    st.subheader("By partnership")
    summary = pd.DataFrame(
        region_summary(
            G, as_of, areas=data.area_rows(as_of), flow=data.analysis_at(as_of)["flow"],
            regions=data.group_partnerships(),
        )
    )  # fmt: skip
    if region:
        summary = summary[summary["region_id"] == region]
    if summary.empty:
        st.info("No partnership areas in the data.")
    else:
        summary["coverage %"] = (100 * summary["covered"] / summary["areas"].clip(lower=1)).round()
        st.dataframe(summary.drop(columns=["region_id"]), hide_index=True, width="stretch")
with right:
    st.subheader("Council areas")
    st.altair_chart(hex_chart(data.area_rows(as_of)), width="content")
