"""Overview: headline figures, change since the previous quarter end, per partnership, and
the hex map; a council picked on the map or in the table shows why it is (not) covered."""

import pandas as pd
import streamlit as st

from app import common, data
from core.reference import hex_positions
from core.words import count, uk_date
from graph.coverage import TERM_WARNING_DAYS
from graph.views import previous_quarter_end
from graph.words import STATUS_COLOURS

data.network()  # shows connection trouble first
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
# What moved, in words: fewer fragile groups is good news only if they did not become
# cut off instead.
flows = {day: data.analysis_at(day)["flow"] for day in (as_of, before)}
groups_here = data.group_partnerships()


def _ids(flow: dict, key: str) -> set[str]:
    mine = (g["group_id"] for g in flow[key])
    return {g for g in mine if not region or groups_here.get(g) == region}


fragile_then, fragile_now = _ids(flows[before], "fragile"), _ids(flows[as_of], "fragile")
broken_then, broken_now = _ids(flows[before], "broken"), _ids(flows[as_of], "broken")
fell = fragile_then & broken_now
c3.metric(
    "Fragile groups", now["fragile"], delta=now["fragile"] - then["fragile"],
    delta_color="off" if fell else "inverse",
)  # fmt: skip
c4.metric(f"Rep terms ending within {TERM_WARNING_DAYS} days", now["terms_ending_soon"])
moved = {  # worse first
    "newly cut off, of which {fell} fragile before": len(broken_now - broken_then),
    "newly fragile": len(fragile_now - fragile_then - broken_then),
    "reconnected": len(broken_then - broken_now),
    "no longer fragile": len(fragile_then - fragile_now - broken_now),
}
said = [
    f"{count(n, 'local group')} {words.format(fell=len(fell))}".removesuffix(
        ", of which 0 fragile before"
    )
    for words, n in moved.items()
    if n
]
if said:
    st.caption(f"Since {uk_date(before)}: " + "; ".join(said) + ".")

areas = data.area_rows(as_of)
mine = [a for a in areas if not region or a["region_id"] == region]
left, right = st.columns([3, 2])
with left:
    st.subheader("Council areas" if not region else "Council areas of the partnership")
    shows = st.radio(
        "The map shows", ["coverage", "cycle"], horizontal=True, key="ov_shows",
        format_func={"coverage": "elected VCS reps", "cycle": "elections and renewals"}.get,
    )  # fmt: skip
    zoom = st.session_state.get("ov_zoom", 1.0)
    zooms = st.container(horizontal=True, gap="small")
    if zooms.button("Zoom in", icon=":material/zoom_in:", key="ov_zoom_in", disabled=zoom >= 8):
        zoom = st.session_state["ov_zoom"] = min(8.0, zoom * 2)
    if zooms.button("Zoom out", icon=":material/zoom_out:", key="ov_zoom_out", disabled=zoom <= 1):
        zoom = st.session_state["ov_zoom"] = max(1.0, zoom / 2)
    if zooms.button("Whole map", icon=":material/fit_screen:", key="ov_zoom_all",
                    disabled=zoom <= 1):  # fmt: skip
        zoom = st.session_state["ov_zoom"] = 1.0
    chosen = st.session_state.get("ov_area")
    centre = hex_positions().get(chosen, (0, 0, ""))[:2] if chosen and zoom > 1 else None
    drawn, key = st.columns([5, 2], gap="small")
    picked = drawn.altair_chart(
        data.hex_map(as_of, region, cycle=shows == "cycle", zoom=zoom, centre=centre),
        width="content", on_select="rerun", key="ov_map",
    )  # fmt: skip
    key.html(data.hex_key(as_of, region, cycle=shows == "cycle"))
    st.caption(
        "Hover a council for its name; click it for why it is or is not covered. Zoom "
        "with the buttons (around the council chosen) or the mouse wheel; drag to move."
    )
with right:
    clicked = [p["area_id"] for p in (picked.selection.get("area") or [])] if picked else []
    gaps = sorted((a for a in mine if not a["covered"]), key=lambda a: a["area_name"])
    gap_ids = [a["area_id"] for a in gaps]
    # The council explained is the one chosen last, by a click on the map or in the
    # list; a click also sets the list (to the council if it is a gap), so the two agree.
    click = clicked[0] if clicked else None
    if click != st.session_state.get("ov_clicked"):
        st.session_state["ov_clicked"] = st.session_state["ov_area"] = click
        st.session_state["ov_gap"] = click if click in gap_ids else None
    st.selectbox(
        "Why a council has no elected VCS rep", [None, *gap_ids],
        format_func=lambda a: "Choose a council…" if a is None else
        next(g["area_name"] for g in gaps if g["area_id"] == a),
        key="ov_gap", placeholder="Choose a council…",
        on_change=lambda: st.session_state.update(ov_area=st.session_state["ov_gap"]),
    )  # fmt: skip
    area_id = st.session_state.get("ov_area")
    if area_id is not None and area_id not in {a["area_id"] for a in areas}:
        area_id = None  # a council of a network no longer loaded
    if area_id:
        common.area_explanation(
            data.area_explanation(as_of, area_id), data.network(), "Where to look"
        )
        in_cycle = next(
            (a for a in data.cycle_sentences(as_of)["areas"]
             if a["area_id"] == area_id and a["status"] != "covered"), None,
        )  # fmt: skip
        if in_cycle is not None:
            st.info(common.plain(in_cycle["sentence"]), icon=":material/how_to_vote:")

st.subheader("By partnership")
summary = pd.DataFrame(
    data.partnership_summary(as_of)
)  # fmt: skip
if region:
    summary = summary[summary["region_id"] == region]
if summary.empty:
    st.info("No partnership areas in the data.")
else:
    table = pd.DataFrame({
        "Partnership": summary["region"],
        "Council areas": summary["areas"],
        "Covered": summary["covered"],
        "Coverage": (100 * summary["covered"] / summary["areas"].clip(lower=1)).round(),
        "Local groups": summary["local_groups"],
        "Connected": summary["connected"],
        "Cut off": summary["broken"],
        "Fragile": summary["fragile"],
    })  # fmt: skip
    st.dataframe(
        table, hide_index=True, width="stretch",
        height=38 + 35 * len(table),  # every partnership at once, no inner scrolling
        column_config={
            "Partnership": st.column_config.TextColumn(width="medium"),
            # The map's green for coverage (the theme's red read as a warning at 100%).
            "Coverage": st.column_config.ProgressColumn(
                format="%d%%", min_value=0, max_value=100, color=STATUS_COLOURS["covered"]
            ),
        },
    )  # fmt: skip
