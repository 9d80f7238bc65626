"""Data: upload a workbook, see the validation report, load it on confirmation."""

from pathlib import Path

import pandas as pd
import streamlit as st
from neo4j.exceptions import Neo4jError, ServiceUnavailable

from app import auth, data
from app.files import private_folder
from core import db as smp_db
from core.errors import SmpError, WorkbookError
from core.words import count
from loader.validate import load_workbook
from loader.write import ErasedPeople, write_workbook

SHOWN_PROBLEMS = 500

st.title("Data")
st.markdown(
    "Upload a network workbook: an Excel file (`.xlsx`) or a `.zip` of the CSV files. "
    "It is checked first; nothing is written until you confirm. The format is described "
    "in `docs/data-format.md`; a blank template is `docs/network-template.xlsx`."
)
upload = st.file_uploader("Workbook", type=["xlsx", "zip"], key="upload")
if upload is None:
    st.session_state.pop("checked_upload", None)
    st.stop()

checked = st.session_state.get("checked_upload")
if checked is None or checked[0] != upload.file_id:
    # Written to this session's private folder only while it is read, then deleted.
    with st.spinner("Checking the workbook…"), private_folder() as folder:
        path = folder / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        try:
            result = load_workbook(path)
            result.source = Path(upload.name)  # the audit names the upload, not the copy
        except WorkbookError as err:
            result = err
    checked = (upload.file_id, result)
    st.session_state["checked_upload"] = checked
result = checked[1]

if isinstance(result, WorkbookError):
    total = result.total
    st.error(
        f"{upload.name}: {total:,} problem{'s' if total != 1 else ''}. Nothing can be loaded "
        "until they are fixed."
    )
    shown = result.problems[:SHOWN_PROBLEMS]
    st.dataframe(
        pd.DataFrame(
            [
                {"file": p.file, "row": p.row, "column": p.column, "problem": p.message}
                for p in shown
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    if total > len(shown):
        st.caption(f"… and {total - len(shown):,} more problems.")
    with st.expander("The same list as text, to copy"):
        st.code("\n".join(str(p) for p in shown), language=None)
    st.stop()

workbook = result
st.success(f"{upload.name} is valid.")
st.dataframe(pd.DataFrame([workbook.counts()]), hide_index=True)
for warning in workbook.warnings:
    st.warning(warning)
replace = st.checkbox("Replace the whole network (remove what earlier loads wrote)", key="replace")
allow_erased = False
refused = st.session_state.get("erased_refused")
if refused and refused[0] == upload.file_id:
    err = refused[1]
    st.error(
        f"The load was refused and nothing was written: the workbook lists "
        f"{count(err.total, 'person', 'people')} erased before (smp forget). Remove them from "
        "the workbook, or, only if they agreed to it, tick the box below and load again."
    )
    st.code("\n".join(str(p) for p in err.problems[:SHOWN_PROBLEMS]), language=None)
    allow_erased = st.checkbox(
        "Add back the people erased before (the audit records it)", key="allow_erased"
    )
if st.button("Load into Neo4j", type="primary"):
    who = auth.user() if auth.user() != "local user" else None
    try:
        with st.spinner("Loading…"):
            loaded = write_workbook(
                data.driver(), workbook, replace=replace, database=smp_db.database(),
                progress=False, allow_erased=allow_erased, loaded_by=who,
            )  # fmt: skip
    except ErasedPeople as err:
        st.session_state["erased_refused"] = (upload.file_id, err)
        st.rerun()
    except (SmpError, Neo4jError, ServiceUnavailable) as err:
        st.error(f"The load failed and nothing was written: {err}")
        st.stop()
    data.network_changed()
    st.success(
        f"Loaded. The database holds {loaded.nodes} nodes and "
        f"{loaded.relationships} relationships of the network."
    )
