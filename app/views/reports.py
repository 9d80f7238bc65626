"""Reports: the quarterly coverage report for a chosen quarter, in each format.

Files are made in this session's private folder, read into memory and deleted at
once; the downloads are offered only to the user and role that made them.
"""

import os

import streamlit as st

from app import auth, common, data
from app.common import plain
from app.files import private_folder
from core import clock
from core.words import quarter_words
from graph.views import partnerships
from report.quarterly import FORMATS, parse_quarter, quarter_figures, write_figures

#: How each format is offered.
FORMAT_WORDS = {"html": "html", "pdf": "pdf", "xlsx": "xlsx", "docx": "docx (Word)"}

G = data.network()
region = common.region()

st.title("Quarterly coverage report")
st.markdown(
    "As of the quarter's last day, compared with the previous quarter's. The same figures "
    "as the other pages and `smp report`. People are not named unless you ask."
)
today = common.as_of()
quarters = []
year, quarter = today.year, (today.month - 1) // 3 + 1
for _ in range(8):
    quarters.append(f"{year}Q{quarter}")
    year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
c1, c2 = st.columns(2)
chosen = c1.selectbox(
    "Quarter",
    quarters,
    index=1,
    key="rep_quarter",
    format_func=lambda q: quarter_words(parse_quarter(q)[1]),
)
viewer = data.is_viewer()
include_names = (
    c2.checkbox(
        "Name people (personal data)",
        key="rep_names",
        disabled=viewer,
        help="Analysts and admins only." if viewer else None,
    )
    and not viewer
)
c3, c4 = st.columns(2)
formats = c3.multiselect(
    "Formats",
    list(FORMATS),
    default=list(FORMATS),
    key="rep_formats",
    format_func=FORMAT_WORDS.get,
)
author = c4.text_input(
    "Prepared by (for the cover)",
    value=os.environ.get("SMP_REPORT_AUTHOR", ""),
    max_chars=120,
    key="rep_author",
    help="The organisation preparing the paper, e.g. Migration Yorkshire. Optional.",
)
if parse_quarter(chosen)[1] > clock.today():
    st.info(
        "This quarter has not ended yet: the report shows the network as planned for its last day."
    )
owner = (auth.user(), data.role())
# What a report was made for: one made for another choice (or before the network
# changed) is not shown as this one.
made_for = (chosen, region, include_names, tuple(formats), author.strip(), today,
            data.marker().load_id, data.marker().audits)  # fmt: skip
where = dict(partnerships(G)).get(region or "", "All twelve partnerships")
if st.button("Generate", type="primary", disabled=not formats):
    with st.spinner("Writing the report…"), private_folder() as folder:
        figures = quarter_figures(
            G, chosen, region, include_names, author=author.strip() or None,
            loads=data.load_history(),
        )  # fmt: skip
        paths = write_figures(figures, folder, tuple(f for f in FORMATS if f in formats))
        files = [(p.name, p.suffix, p.read_bytes()) for p in paths]
    st.session_state["report"] = {
        "owner": owner, "made_for": made_for, "where": where, "files": files,
        "period": figures["period"],
        "messages": [m["text"] for m in figures["key_messages"]],
        "asks": [(a["text"], a["items"], a["more"]) for a in figures["asks"]],
    }  # fmt: skip
mime = {
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
#: A download's label: the Word paper says what it is, the others their format.
LABELS = {".docx": "Download the paper (Word)"}
made = st.session_state.get("report")
if made and made["owner"] == owner and made["made_for"] != made_for:
    st.info(
        f"The report made last ({made['where']}, {made['period']}) was for other choices "
        "or an earlier state of the network: choose Generate to write this one."
    )
elif made and made["owner"] == owner:
    st.markdown(f"**{made['where']}, {made['period']}**")
    columns = st.columns(len(made["files"]))
    for column, (name, suffix, content) in zip(columns, made["files"], strict=True):
        column.download_button(
            LABELS.get(suffix, f"Download {suffix[1:].upper()}"),
            content,
            name,
            mime[suffix],
            key=f"dl_{suffix}",
        )
    st.subheader(f"Key messages, {made['period']}")
    st.markdown("\n".join(f"{i}. {plain(text)}" for i, text in enumerate(made["messages"], 1)))
    st.subheader("Asks of the board")
    if not made["asks"]:
        st.markdown("Nothing needs the board's action this quarter.")
    for i, (text, items, more) in enumerate(made["asks"], 1):
        listed = "".join(f"\n   - {plain(item)}" for item in items)
        tail = f"\n   - and {more} more, in the report" if more else ""
        st.markdown(f"{i}. {plain(text)}{listed}{tail}")
