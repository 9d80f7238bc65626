"""Reports: the quarterly coverage report for a chosen quarter, in each format.

Files are made in this session's private folder, read into memory and deleted at
once; the downloads are offered only to the user and role that made them.
"""

import datetime as dt

import streamlit as st

from app import auth, common, data
from app.files import private_folder
from core.words import quarter_words
from report.quarterly import parse_quarter, write_report

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
formats = st.multiselect(
    "Formats", ["html", "pdf", "xlsx"], default=["html", "pdf", "xlsx"], key="rep_formats"
)
if parse_quarter(chosen)[1] > dt.date.today():
    st.info(
        "This quarter has not ended yet: the report shows the network as planned for its last day."
    )
owner = (auth.user(), data.role())
if st.button("Generate", type="primary", disabled=not formats):
    with st.spinner("Writing the report…"), private_folder() as folder:
        paths = write_report(G, chosen, folder, tuple(formats), include_names, region,
                             loads=data.load_history())  # fmt: skip
        files = [(p.name, p.suffix, p.read_bytes()) for p in paths]
    st.session_state["report"] = {"owner": owner, "files": files}
mime = {
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
made = st.session_state.get("report")
if made and made["owner"] == owner:
    columns = st.columns(len(made["files"]))
    for column, (name, suffix, content) in zip(columns, made["files"], strict=True):
        column.download_button(
            f"Download {suffix[1:].upper()}", content, name, mime[suffix], key=f"dl_{suffix}"
        )
