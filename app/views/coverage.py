"""Coverage: every council area with its status, reason, rep and term end."""

import pandas as pd
import streamlit as st

from app import common, data
from graph.coverage import REASONS, area_status
from graph.views import partnerships

G = data.network()
as_of, region = common.as_of(), common.region()
names = dict(partnerships(G))

st.title("Coverage: elected VCS representatives")
st.caption(
    "An area is covered when an elected VCS rep from a VCS organisation holds an active "
    "term on the day. Otherwise the first reason that applies is shown."
)
rows = [r for r in area_status(G, as_of) if not region or r["region_id"] == region]
frame = pd.DataFrame(rows)
if frame.empty:
    st.info("No council areas in this partnership.")
    st.stop()
frame["status"] = frame["reason"].fillna("covered")
# Viewers read "in post", never a name or an id; analysts the name and organisation.
frame["rep"] = [
    ("in post" if data.is_viewer() else data.person_words(G, p)) if p else ""
    for p in frame["rep_person_id"]
]
frame["partnership"] = frame["region_id"].map(names)
frame["term_end"] = frame["term_end"].astype("string")
c1, c2 = st.columns([2, 3])
statuses = c1.multiselect("Status", ["covered", *REASONS], key="cov_status")
search = c2.text_input("Area name contains", key="cov_search")
if statuses:
    frame = frame[frame["status"].isin(statuses)]
if search:
    frame = frame[frame["area_name"].str.contains(search, case=False, na=False, regex=False)]
shown = frame[["area_id", "area_name", "partnership", "status", "rep", "term_end"]]
shown = shown.rename(columns={"area_name": "area"})
covered = int((frame["status"] == "covered").sum())
st.markdown(
    f"**{len(frame)}** areas shown, **{covered}** covered, **{len(frame) - covered}** gaps."
)
st.dataframe(shown, hide_index=True, width="stretch", height=520)
d1, d2 = st.columns(2)
stem = f"coverage-{as_of.isoformat()}"
d1.download_button(
    "Download CSV", common.export_frame(shown).to_csv(index=False), f"{stem}.csv", "text/csv"
)
d2.download_button(
    "Download Excel",
    common.excel_bytes(shown, "Coverage"),
    f"{stem}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
