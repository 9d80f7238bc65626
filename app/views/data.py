"""Data: upload a workbook, see the validation report, load it on confirmation."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st
from neo4j.exceptions import Neo4jError, ServiceUnavailable

from app import data
from loader.validate import load_workbook
from loader.write import write_workbook
from smp import db as smp_db
from smp.errors import SmpError, WorkbookError

st.title("Data")
st.markdown(
    "Upload a network workbook: an Excel file (`.xlsx`) or a `.zip` of the CSV files. "
    "It is checked first; nothing is written until you confirm. The format is described "
    "in `docs/data-format.md`; a blank template is `docs/network-template.xlsx`."
)
upload = st.file_uploader("Workbook", type=["xlsx", "zip"], key="upload")
if upload is None:
    st.stop()
folder = Path(tempfile.mkdtemp(prefix="smp-upload-"))
path = folder / Path(upload.name).name
path.write_bytes(upload.getvalue())
try:
    workbook = load_workbook(path)
except WorkbookError as err:
    st.error(
        f"{upload.name}: {len(err.problems)} problem(s). Nothing can be loaded until "
        "they are fixed."
    )
    st.dataframe(
        pd.DataFrame(
            [
                {"file": p.file, "row": p.row, "column": p.column, "problem": p.message}
                for p in err.problems
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    with st.expander("The same list as text, to copy"):
        st.code("\n".join(str(p) for p in err.problems), language=None)
    st.stop()
st.success(f"{upload.name} is valid.")
st.dataframe(pd.DataFrame([workbook.counts()]), hide_index=True)
for warning in workbook.warnings:
    st.warning(warning)
replace = st.checkbox("Replace the whole network (remove what earlier loads wrote)", key="replace")
if st.button("Load into Neo4j", type="primary"):
    try:
        with st.spinner("Loading…"):
            result = write_workbook(
                data.driver(), workbook, replace=replace, database=smp_db.database(), progress=False
            )
    except (SmpError, Neo4jError, ServiceUnavailable) as err:
        st.error(f"The load failed and nothing was written: {err}")
        st.stop()
    data.network_changed()
    st.success(
        f"Loaded. The database holds {result.nodes} nodes and "
        f"{result.relationships} relationships of the network."
    )
