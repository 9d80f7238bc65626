"""Coverage: every council area with its status, why, its rep and term end, and where
to look for a rep."""

import datetime as dt

import pandas as pd
import streamlit as st

from app import common, data
from core.words import count, uk_date
from graph.coverage import REASONS, TERM_WARNING_DAYS
from graph.engagement import DEFAULT_REP_EXPECTATION
from graph.model import PERSON, node_key
from graph.privacy import only_confidential
from graph.repcycle import STATUSES
from graph.views import partnerships
from graph.words import CYCLE_WORDS, STATUS_WORDS

G = data.network()
as_of, region = common.as_of(), common.region()
names = dict(partnerships(G))

st.title("Coverage: elected VCS representatives")
st.caption(
    "An area is covered when an elected VCS rep from a VCS organisation holds an active "
    f"term on {uk_date(as_of)}. Otherwise the first reason that applies is shown, with why."
)
rows = [r for r in data.area_rows(as_of) if not region or r["region_id"] == region]
if not rows:
    st.info("No council areas in this partnership.")
    st.stop()
frame = pd.DataFrame(rows).sort_values("area_name", ignore_index=True)
frame["status"] = frame["reason"].fillna("covered")
frame["partnership"] = frame["region_id"].map(names)
# Viewers read "in post", never a name or an id; analysts the name and organisation.
frame["rep"] = [
    ("in post" if data.is_viewer() else data.person_words(G, p)) if isinstance(p, str) else ""
    for p in frame["rep_person_id"]
]
frame["why"] = [
    "" if covered else data.area_explanation(as_of, area).sentence.split(": ", 1)[-1]
    for area, covered in zip(frame["area_id"], frame["covered"], strict=True)
]
# Viewers learn nothing of a rep whose only seats are on confidential groups, not even
# when the term ends.
if data.is_viewer():
    frame["term_end"] = [
        None if isinstance(p, str) and only_confidential(G, node_key(PERSON, p)) else end
        for p, end in zip(frame["rep_person_id"], frame["term_end"], strict=True)
    ]
# In words, blank where there is no term (never "None"); the downloads keep real dates.
frame["term ends"] = [uk_date(d) if isinstance(d, str | dt.date) else "" for d in frame["term_end"]]
cycle = data.cycle_sentences(as_of)
in_cycle = {a["area_id"]: a for a in cycle["areas"]}
frame["election"] = [CYCLE_WORDS[in_cycle[a]["status"]] if a in in_cycle else ""
                     for a in frame["area_id"]]  # fmt: skip
attendance = data.attendance(as_of)


def _attended(person: object) -> str:
    """A rep's year of meetings against the expectation, in words: "below expectation:
    2 meetings attended of 9 held (1 in person, 1 online), no engagement days; expected
    6 meetings (3 in person, 3 online), 1 engagement day"."""
    row = attendance.get(person) if isinstance(person, str) else None
    if row is None:
        return ""
    if row["not_recorded"]:
        return "no meetings recorded"
    want = row["expected"]
    how = f" ({row['in_person']} in person, {row['online']} online)" if row["attended"] else ""
    seen = (f"{count(row['attended'], 'meeting')} attended of {row['held']} held{how}, "
            f"{count(row['engagement_days'], 'engagement day')}")  # fmt: skip
    if not any(want.values()):
        return f"{seen}; nothing expected yet (the term has just begun)"
    expected = (
        f"expected {count(want['meetings'], 'meeting')} ({want['in_person']} in person, "
        f"{want['online']} online), {count(want['engagement_days'], 'engagement day')}"
    )
    return f"below expectation: {seen}; {expected}" if row["short"] else f"{seen}; {expected}"


# Attendance names one person's record: analysts and admins only.
frame["attendance"] = "" if data.is_viewer() else frame["rep_person_id"].map(_attended)
c1, c2 = st.columns([2, 3])
statuses = c1.multiselect(
    "Status", ["covered", *REASONS], key="cov_status", format_func=STATUS_WORDS.get
)
search = c2.text_input("Area name contains", key="cov_search")
listed = set(frame["rep_person_id"].dropna())  # before the filters: "also counted" below
low = not data.is_viewer() and st.toggle(
    "Only areas whose rep is below the attendance expectation", key="cov_low"
)
if low:
    frame = frame[frame["attendance"].str.startswith("below")]
if statuses:
    frame = frame[frame["status"].isin(statuses)]
if search:
    frame = frame[frame["area_name"].str.contains(search, case=False, na=False, regex=False)]
shown = pd.DataFrame(
    {
        "area": frame["area_name"],
        "partnership": frame["partnership"],
        "status": frame["status"].map(STATUS_WORDS),
        "why": frame["why"],
        "election": frame["election"],
        "rep": frame["rep"],
        "attendance": frame["attendance"],
        "term ends": frame["term ends"],
        "code": frame["area_id"],
    }
)
if region:  # one partnership: its name on every row says nothing
    shown = shown.drop(columns=["partnership"])
if data.is_viewer():
    shown = shown.drop(columns=["attendance"])
covered = int((frame["status"] == "covered").sum())
st.markdown(
    f"**{len(frame)}** areas shown, **{covered}** covered, **{len(frame) - covered}** gaps. "
    "Select a row for what could be done."
)
start, end = (dt.date.fromisoformat(d) for d in data.analysis_at(as_of)["engagement"]["window"])
last = "" if end == as_of else ", the last meeting recorded"
# Every rep in post in the partnership, those of areas counted as gaps too (a rep from
# a council, say): the same reps as the quarterly report counts.
reps = {p for p, r in attendance.items()
        if (r["partnership"] == region if region else r["partnership"] in names)}  # fmt: skip
judged = [p for p in reps if not attendance[p]["not_recorded"]]
below = sum(1 for p in judged if attendance[p]["short"])
expected = DEFAULT_REP_EXPECTATION
if not data.is_viewer() and reps:
    st.caption(
        f"Attendance from {uk_date(start)} to {uk_date(end)}{last}, against what a VCS rep is "
        f"expected to attend in a year ({expected.meetings} meetings, {expected.in_person} "
        f"in person and {expected.online} online, and {expected.engagement_days} engagement "
        f"days), pro rata. "
        f"{below} of the {count(len(judged), 'rep')} whose groups recorded meetings "
        f"{'is' if below == 1 else 'are'} below it"
        + (f"; no meetings are recorded for the other {len(reps) - len(judged)}."
           if len(reps) > len(judged) else ".")
    )  # fmt: skip
    # Counted above but in no row of the table: reps in post for areas it shows as gaps
    # (a nominated rep, say, or one working for the council).
    unlisted = sorted(reps - listed,
                      key=lambda p: data.person_words(G, p))  # fmt: skip
    if unlisted:
        with st.expander(f"Also counted: {count(len(unlisted), 'rep')} in post for areas "
                         "shown as gaps"):  # fmt: skip
            st.markdown("\n".join(f"- {common.plain(data.person_words(G, p))}: {_attended(p)}"
                                   for p in unlisted))  # fmt: skip
# Rows tall enough for a sentence on three lines: the grid wraps text that fits.
picked = st.dataframe(
    shown, hide_index=True, width="stretch", height="auto", key="cov_table",
    on_select="rerun", selection_mode="single-row", row_height=72,
    column_config={
        "term ends": st.column_config.TextColumn("term ends"),
        "why": st.column_config.TextColumn("why", width="large"),
        "attendance": st.column_config.TextColumn("attendance", width="large"),
    },
)  # fmt: skip
chosen = picked.selection.rows if picked and picked.selection else []
if chosen:
    area_id = shown.iloc[chosen[0]]["code"]
    common.area_explanation(data.area_explanation(as_of, area_id), G)
d1, d2 = st.columns(2)
stem = f"coverage-{as_of.isoformat()}"
export = shown.assign(**{"term ends": [
    dt.date.fromisoformat(str(d)[:10]) if isinstance(d, str | dt.date) else None
    for d in frame["term_end"]
]})  # fmt: skip
d1.download_button(  # the files made when asked for, not at every view of the page
    "Download CSV", lambda export=export: common.export_frame(export).to_csv(index=False),
    f"{stem}.csv", "text/csv",
)  # fmt: skip
d2.download_button(
    "Download Excel",
    lambda export=export: common.excel_bytes(export, "Coverage"),
    f"{stem}.xlsx",
    common.XLSX,
)

# The rep cycle: elections and renewals, and what looks wrong in them.
st.subheader("Elections and renewals")
here = {r["area_id"] for r in rows}
areas = [a for a in cycle["areas"] if a["area_id"] in here]
counted = {s: sum(a["status"] == s for a in areas) for s in STATUSES}
st.markdown(
    "; ".join(f"**{n}** {CYCLE_WORDS[s]}" for s, n in counted.items() if n)
    + f" (of {count(len(areas), 'council area')})."
)
st.caption(
    "A rep is elected by the local VCS for a year: nominations should open well before "
    f"the term ends. Renewal is due when a term ends within {TERM_WARNING_DAYS} days and no "
    "election has "
    "opened; an election is running from the day nominations open until its outcome is "
    "recorded."
)
todo = [a for a in areas if a["status"] != "covered"]
for status in STATUSES:
    chosen = [a for a in todo if a["status"] == status]
    if chosen:
        with st.expander(f"{CYCLE_WORDS[status].capitalize()}: {len(chosen)}",
                         expanded=status in ("renewal_due", "last_round_failed")):  # fmt: skip
            for a in sorted(chosen, key=lambda a: a["area_name"] or ""):
                st.text(a["sentence"])  # workbook text is text, never markdown
warned = [w for w in cycle["warnings"] if w["area_id"] in here]
if warned:
    st.markdown(f"**Warnings: {len(warned)}**")
    for w in warned:
        st.warning(common.plain(w["sentence"]), icon=":material/report:")
