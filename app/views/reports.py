"""Reports: the quarterly coverage report for a chosen quarter, in each format."""

import datetime as dt
import tempfile
from pathlib import Path

import streamlit as st

from app import common, data
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
    format_func=lambda q: f"{q} (to {parse_quarter(q)[1]:%d %b %Y})",
)
viewer = data.role() == "viewer"
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
if st.button("Generate", type="primary", disabled=not formats):
    with st.spinner("Writing the report…"):
        folder = Path(tempfile.mkdtemp(prefix="smp-report-"))
        st.session_state["report_files"] = [
            str(p) for p in write_report(G, chosen, folder, tuple(formats), include_names, region)
        ]
mime = {
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
files = [Path(p) for p in st.session_state.get("report_files", []) if Path(p).exists()]
if files:
    columns = st.columns(len(files))
    for column, path in zip(columns, files, strict=True):
        column.download_button(
            f"Download {path.suffix[1:].upper()}",
            path.read_bytes(),
            path.name,
            mime[path.suffix],
            key=f"dl_{path.suffix}",
        )
