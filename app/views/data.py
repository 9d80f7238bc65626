"""Data: upload a workbook, see its problems or what it would change, update the network
on confirmation; the blank template and the last loads."""

from pathlib import Path

import pandas as pd
import streamlit as st

from app import auth, data, updates
from app.common import plain
from core.config import REPO_ROOT
from core.errors import SmpError, WorkbookError
from core.words import count, uk_date, uk_datetime
from loader.diff import change_in_words

SHOWN_PROBLEMS = 500
#: Sheets whose records' ids are the loader's own (m-…, r-…): not shown to people.
INTERNAL_IDS = ("memberships", "reporting_lines", "group_rules", "attendance")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE = REPO_ROOT / "docs" / "network-template.xlsx"
#: Counts with thousands separators ("29,169").
COUNTS = {
    k: st.column_config.NumberColumn(format="localized") for k in ("added", "changed", "removed")
}

st.title("Data")
st.markdown(
    "Upload the network workbook: an Excel file (`.xlsx`) or a `.zip` of the CSV files. "
    "It is checked first, then compared with the network in the database; nothing is "
    "written until you confirm."
)
st.download_button(
    "Download the blank template (Excel)", TEMPLATE.read_bytes(), "network-template.xlsx",
    XLSX, help="One sheet per part of the network, with the columns, lists and notes.",
)  # fmt: skip
upload = st.file_uploader("Workbook", type=["xlsx", "zip"], key="upload")


def _history() -> None:
    st.subheader("Last loads")
    try:
        loads = updates.history(5)
    except SmpError as err:
        st.caption(f"Cannot read them now: {plain(str(err))}")
        return
    if not loads:
        st.markdown("No loads recorded yet.")
        return
    rows = []
    for load in loads:
        changes = load["changes"] or {}
        totals = {k: sum(c.get(k, 0) for c in changes.values()) for k in
                  ("added", "changed", "removed")}  # fmt: skip
        rows.append({
            "when": uk_datetime(load["at"]), "by": load["by"], "file": Path(load["source"]).name,
            "added": totals["added"] if changes else None,
            "changed": totals["changed"] if changes else None,
            "removed": totals["removed"] if changes else None,
        })  # fmt: skip
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config=COUNTS)
    _undo(loads)


def _undo(loads: list[dict]) -> None:
    """One step back: a load chosen, what reverting it would do, then the revert."""
    revertible = [load for load in loads if load.get("revertible")]
    if not revertible:
        return
    with st.expander("Undo a load"):
        st.caption(
            "Puts the network back as it was before the load, in one transaction, shown "
            "first like any update. People erased since stay erased. If a later load "
            "changed the same records, undo that one first (or use `smp revert --with-later`)."
        )
        chosen = st.selectbox(
            "Load", [load["load_id"] for load in revertible], key="undo_load", index=None,
            placeholder="Choose a load…",
            format_func=lambda i: next(
                f"{uk_datetime(load['at'])}: {Path(load['source']).name} ({load['by']})"
                for load in revertible if load["load_id"] == i),
        )  # fmt: skip
        if not chosen:
            return
        try:
            with st.spinner("Working out what undoing it does…"):
                preview = updates.revert_preview(chosen)
        except SmpError as err:
            st.warning(plain(str(err)))
            return
        for found in preview["impacts"]:
            cov, flow = found["coverage"], found["flow"]
            st.markdown(
                f"**As of {uk_date(found['as_of'])}**: council areas covered {cov['before']} "
                f"→ {cov['after']}; local groups connected {flow['before']} → {flow['after']}."
            )
            for entry in sorted(found["because"], key=lambda e: not e["worse"]):
                box = st.error if entry["worse"] else st.success
                box(f"**{plain(entry['effect'])}.** Because: {plain(entry['change'])}.")
        totals = preview["diff"].totals()
        if st.button(f"Undo it: {totals['added']:,} added, {totals['changed']:,} changed, "
                     f"{totals['removed']:,} removed", key="undo_go", type="primary"):  # fmt: skip
            who = auth.user() if auth.user() != "local user" else None
            try:
                with st.spinner("Undoing the load…"):
                    updates.revert(preview, who)
            except updates.UncertainCommit as err:
                st.error(plain(str(err)))
                return
            except SmpError as err:
                st.error(f"The undo failed and nothing was written: {plain(str(err))}")
                return
            st.session_state["data_updated"] = "Undone: the network is as it was before."
            st.session_state.pop("undo_load", None)
            st.rerun()


if upload is None:
    st.session_state.pop("checked_upload", None)
    said = st.session_state.pop("data_updated", None)
    if said:
        st.success(plain(said))
    _history()
    st.stop()

checked = st.session_state.get("checked_upload")
if checked is None or checked[0] != upload.file_id:
    with st.spinner("Checking the workbook…"):
        try:
            result = updates.check(upload.getvalue(), upload.name)
        except WorkbookError as err:
            result = err
    checked = (upload.file_id, result)
    st.session_state["checked_upload"] = checked
result = checked[1]

if isinstance(result, WorkbookError):
    total = result.total
    st.error(
        f"{plain(upload.name)}: {count(total, 'problem')}. Nothing can be loaded until they "
        "are fixed."
    )
    shown = result.problems[:SHOWN_PROBLEMS]
    st.dataframe(
        pd.DataFrame([{"sheet": p.file, "row": p.row, "column": p.column, "problem": p.message}
                      for p in shown]),
        hide_index=True, width="stretch",
    )  # fmt: skip
    if total > len(shown):
        st.caption(f"… and {total - len(shown):,} more problems.")
    refused = result
    st.download_button(
        "Download the workbook with the problems marked",
        lambda: updates.marked_workbook(upload.getvalue(), upload.name, refused),
        f"{Path(upload.name).stem}-problems.xlsx", XLSX,
        help="A copy: each bad cell filled red with the problem as a comment, and a sheet "
        "listing them all.",
    )  # fmt: skip
    with st.expander("The same list as text, to copy"):
        st.code("\n".join(str(p) for p in shown), language=None)
    st.stop()

workbook = result
updated = st.session_state.pop("data_updated", None)
if updated:
    st.success(plain(updated))
st.success(f"{plain(upload.name)} is valid: {count(sum(workbook.counts().values()), 'record')}.")
for warning in workbook.warnings:
    st.warning(plain(warning))
compared = st.session_state.get("compared_upload")
if compared is None or compared[:2] != (upload.file_id, data.marker()):
    try:
        with st.spinner("Comparing it with the network in the database…"):
            found, names = updates.compare(workbook)
    except SmpError as err:
        st.error(f"Cannot compare with the database: {plain(str(err))}")
        st.stop()
    compared = (upload.file_id, data.marker(), found, names)
    st.session_state["compared_upload"] = compared
diff, names = compared[2], compared[3]

replace = st.toggle(
    "Make the network exactly this workbook (remove what it no longer has)", key="replace",
    help="Without it, records are added and updated, and nothing is removed.",
)  # fmt: skip

# What the update does to the answers, today and at the last quarter end: worse first.
kept = None if replace else {name: d.removed for name, d in diff.sheets.items()}
with st.spinner("Working out what it does to the answers…"):
    impacts = updates.impact(workbook.tables, kept)
st.subheader("What it does to the answers")
for found in impacts:
    cov, flow = found["coverage"], found["flow"]
    st.markdown(f"**As of {uk_date(found['as_of'])}**")
    m1, m2 = st.columns(2)
    m1.metric("Council areas covered", f"{cov['before']} → {cov['after']}",
              delta=cov["after"] - cov["before"], delta_color="normal")  # fmt: skip
    m2.metric("Local groups connected", f"{flow['before']} → {flow['after']}",
              delta=flow["after"] - flow["before"], delta_color="normal")  # fmt: skip
    for entry in sorted(found["because"], key=lambda e: not e["worse"]):
        box = st.error if entry["worse"] else st.success
        box(f"**{plain(entry['effect'])}.** Because: {plain(entry['change'])}.")
    if not found["because"]:
        st.caption("Coverage and information flow stay as they are.")
first = impacts[0]
outcome = [
    count(len(first["flow"]["cut_off"]), "local group") + " cut off",
    count(len(first["flow"].get("removed", [])), "local group") + " removed",
    count(len(first["coverage"]["lost"]), "area") + " losing its rep",
    count(len(first["fragile"]["new"]), "group") + " newly on one person",
    count(len(first["coverage"]["gained"]), "area") + " covered",
    count(len(first["flow"]["reconnected"]), "group") + " reconnected",
]
outcome = [o.replace("losing its rep", "losing their rep") if not o.startswith("1 ") else o
           for o in outcome if not o.startswith("no ")]  # fmt: skip
counts = diff.counts()
table = pd.DataFrame(
    [{"sheet": name.replace("_", " "), "added": c["added"], "changed": c["changed"],
      "removed": c["removed"] if replace else 0} for name, c in counts.items()]
)  # fmt: skip
st.subheader("What it changes")
st.dataframe(table, hide_index=True, column_config=COUNTS)
records = [
    r for r in diff.records(names)
    if replace or r["change"] != "removed"
]  # fmt: skip
if records:
    st.dataframe(
        pd.DataFrame([{"change": r["change"], "sheet": r["sheet"].replace("_", " "),
                       "record": r.get("name") or r["id"],
                       "what changed": "; ".join(change_in_words(k, o, n) for k, (o, n) in
                                                 r.get("fields", {}).items()),
                       "id": "" if r["sheet"] in INTERNAL_IDS else r["id"]}
                      for r in records]),
        hide_index=True, width="stretch", height=min(400, 38 + 35 * len(records)),
    )  # fmt: skip
else:
    st.info("The database already holds exactly this network: there is nothing to change.")

removed = {name: c["removed"] for name, c in counts.items()} if replace else {}
confirmed = True
if sum(removed.values()):
    gone = ", ".join(
        count(removed[sheet], word, plural)
        for sheet, word, plural in (("people", "person", "people"), ("groups", "group", None),
                                    ("memberships", "membership", None))
        if removed.get(sheet)
    ) or count(sum(removed.values()), "record")  # fmt: skip
    confirmed = st.checkbox(
        f"Yes, remove {gone} (and {count(sum(removed.values()), 'record')} in all) from the "
        "network", key="confirm_removal",
    )  # fmt: skip

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
totals = {"added": sum(c["added"] for c in counts.values()),
          "changed": sum(c["changed"] for c in counts.values()),
          "removed": sum(removed.values())}  # fmt: skip
label = (f"Load: {', '.join(outcome) or 'no change to the answers'} "
         f"({totals['added']:,} added, {totals['changed']:,} changed, "
         f"{totals['removed']:,} removed)")  # fmt: skip
if st.button(label, type="primary", disabled=not records or not confirmed):
    who = auth.user() if auth.user() != "local user" else None
    try:
        with st.spinner("Updating the network…"):
            # As shown above: compared again whenever the network changed.
            loaded = updates.load(workbook, diff, replace=replace, allow_erased=allow_erased,
                                  by=who)  # fmt: skip
    except updates.ErasedPeople as err:
        st.session_state["erased_refused"] = (upload.file_id, err)
        st.rerun()
    except updates.UncertainCommit as err:
        st.error(plain(str(err)))
        st.stop()
    except SmpError as err:
        st.error(f"The load failed and nothing was written: {plain(str(err))}")
        st.stop()
    st.session_state.pop("checked_upload", None)
    # Shown on the next run, which compares the workbook with the updated network (so
    # the preview and the sidebar's "Data loaded" no longer show the network before).
    st.session_state["data_updated"] = (
        f"Updated. The database holds {loaded.nodes:,} nodes and "
        f"{loaded.relationships:,} relationships of the network."
    )
    st.rerun()
_history()
