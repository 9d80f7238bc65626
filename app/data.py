"""The app's one connection to Neo4j and its cached reads.

Nothing connects at import time. The driver is a ``st.cache_resource``. On every run
the app asks the database for its :class:`~graph.read.DataMarker` (the latest load
and erasure, one small query): the network and every analysis are cached under that
marker, so a load or an erasure made anywhere (``smp load``, ``smp forget``, another
app) is read again at the next click, and every session sees it. A lost or refused
connection shows a message with what to do, never a traceback.

Caches shared by all sessions hold only the whole network and figures; what a viewer
sees is derived per role (:func:`display_network`), never served across roles.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import networkx as nx
import pandas as pd
import streamlit as st
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from app.layout import cluster_layout, levels_layout
from core import db as smp_db
from core.errors import SmpError
from core.words import uk_datetime
from cypher import query
from graph.analyse import analyse
from graph.coverage import area_status
from graph.engagement import rep_attendance, rep_partnerships
from graph.explain import Explanation, coverage_explanation, flow_explanations
from graph.explain_cycle import cycle_sentence, rule_sentence, warning_sentence
from graph.flow import flow_graph, what_if
from graph.frames import single_point_frame, unstaffed_line_frame
from graph.impact import update_impact as update_impact_of
from graph.measures import brokers, person_group_graph
from graph.model import AREA, ORGANISATION, PERSON, node_key
from graph.privacy import pseudonym, redact
from graph.read import DataMarker, IncompleteLoad, read_data_marker, read_network
from graph.summary import partnership_figures
from graph.views import explorer_graph, group_regions
from loader.write import read_history


@st.cache_resource(show_spinner=False)
def _driver():
    return smp_db.open_driver()


@st.cache_resource(show_spinner=False)
def _pseudonym_key() -> bytes:
    """This app's key for viewers' pseudonyms: new at every start, never stored."""
    return secrets.token_bytes(32)


@st.cache_resource(show_spinner="Reading the network from Neo4j…", max_entries=2)
def _network(marker: DataMarker) -> nx.MultiDiGraph:
    return read_network(_driver(), smp_db.database())


def _guarded(work):
    """``work()``, with connection trouble shown as a message and ``st.stop()``."""
    try:
        return work()
    except IncompleteLoad as err:
        st.warning(
            f"**The network is being loaded, or a load did not finish.** {err} If it is not "
            "running any more, an admin can load the workbook again from the Data page "
            "(loading the same workbook again finishes the job)."
        )
        if st.button("Try again"):
            st.rerun()
        st.stop()
    except SmpError as err:
        _trouble(str(err))
    except (ServiceUnavailable, SessionExpired, OSError) as err:
        _driver.clear()
        _trouble(str(smp_db.unavailable(err)))
    except Neo4jError as err:
        _trouble(f"Neo4j refused a query: {err.message}")
    raise AssertionError("unreachable")


def refresh_marker() -> DataMarker:
    """Ask the database for its marker (main.py does, once per run)."""
    found = _guarded(lambda: read_data_marker(_driver(), smp_db.database()))
    st.session_state["_data_marker"] = found
    return found


def record_sign_in(kind: str | None) -> None:
    """Record in the database how sign-in to the app is set up (see app.auth.mode)."""
    _guarded(
        lambda: _driver().execute_query(
            query("record_sign_in"), kind=kind, database_=smp_db.database()
        )
    )


def marker() -> DataMarker:
    """The marker of this run (read now if main.py has not yet)."""
    return st.session_state.get("_data_marker") or refresh_marker()


def network() -> nx.MultiDiGraph:
    """The whole network graph, as current as the database."""
    current = marker()
    return _guarded(lambda: _network(current))


def role() -> str:
    """The signed-in user's role (set by app.auth in main.py); viewer when unknown."""
    return st.session_state.get("app_role", "viewer")


def is_viewer() -> bool:
    return role() == "viewer"


@st.cache_resource(show_spinner=False, max_entries=4)
def _redacted(marker: DataMarker, role: str) -> nx.MultiDiGraph:
    graph = _network(marker)
    return graph if role != "viewer" else redact(graph, _pseudonym_key())


def display_network() -> nx.MultiDiGraph:
    """The network as this user may see it: viewers get people as role and sector
    under pseudonyms, and no members of confidential groups. Use ``network()`` for
    computing figures."""
    network()
    return _redacted(marker(), role())


def person_key(person_id: str) -> str:
    """The node key of a person in :func:`display_network` (a pseudonym for viewers)."""
    shown = pseudonym(person_id, _pseudonym_key()) if is_viewer() else person_id
    return node_key(PERSON, shown)


def person_words(G: nx.MultiDiGraph, person_id: str) -> str:
    """A person as this user may read them: "Sam Patel (Migrant Help)" for analysts
    and admins, their role and sector for viewers ("VCS rep, voluntary sector")."""
    if is_viewer():
        shown = display_network().nodes.get(person_key(person_id))
        return shown["name"] if shown else "a person"
    person = G.nodes.get(node_key(PERSON, person_id), {})
    name = person.get("name") or person_id
    org = G.nodes.get(node_key(ORGANISATION, person.get("org_id") or ""), {})
    return f"{name} ({org['name']})" if org.get("name") else name


def driver():
    """The cached driver (for writes from the Data page)."""
    return _guarded(_driver)


def _trouble(message: str) -> None:
    st.error(f"**Cannot use the database.** {message}", icon="🔌")
    st.info(
        "The local server starts with `smp db start` (or `make run`). To use your own "
        "Neo4j, set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD before `smp app`. "
        "Press **R** or the button to try again."
    )
    if st.button("Try again"):
        _driver.clear()
        st.rerun()
    st.stop()


@st.cache_data(show_spinner="Running the analyses…", max_entries=16)
def analysis(as_of: dt.date, marker: DataMarker, role: str) -> dict:
    # st.cache_data is shared by every user: the role is part of the key so that no
    # cached result computed for one role is ever served to another.
    return analyse(_network(marker), as_of, measures=False)


def analysis_at(as_of: dt.date) -> dict:
    network()  # shows connection trouble first
    return analysis(as_of, marker(), role())


@st.cache_data(show_spinner=False, max_entries=16)
def _area_rows(as_of: dt.date, marker: DataMarker) -> list[dict]:
    return area_status(_network(marker), as_of)


def area_rows(as_of: dt.date) -> list[dict]:
    """Every council area's coverage at ``as_of`` (graph.coverage.area_status), cached."""
    network()
    return _area_rows(as_of, marker())


@st.cache_data(show_spinner=False, max_entries=16)
def _cycle_sentences(as_of: dt.date, marker: DataMarker, role: str) -> dict[str, list[dict]]:
    # The role is part of the key: analysts' sentences name people, viewers' never do.
    G, result, names = _network(marker), analysis(as_of, marker, role), role != "viewer"
    cycle = result["rep_cycle"]
    return {
        "areas": [{**a, "sentence": cycle_sentence(G, a, as_of, names)} for a in cycle["areas"]],
        "warnings": [{**w, "sentence": warning_sentence(G, w, names)} for w in cycle["warnings"]],
        "rules": [{**r, "sentence": rule_sentence(G, r, as_of)} for r in result["group_rules"]],
    }


def cycle_sentences(as_of: dt.date) -> dict[str, list[dict]]:
    """The rep cycle's areas and warnings and the group rules at ``as_of``, each with
    its sentence (people named for analysts and admins only); cached."""
    network()
    return _cycle_sentences(as_of, marker(), role())


def update_impact(tables: dict, kept: dict | None, dates: list[dt.date]) -> list[dict]:
    """What loading a workbook (its validated ``tables``; ``kept``: the database's records
    a load without --replace keeps) does to the answers at each of ``dates``
    (graph.impact), people named for analysts and admins only."""
    return update_impact_of(network(), tables, kept, dates, names=not is_viewer())


def revert_preview(load_id: str) -> dict:
    """What reverting a load would do (loader.history): the tables it gives back, the
    loads undone, the diff with the database and the impact today and at the last
    quarter end. Raises :class:`loader.history.CannotRevert` with why it cannot."""
    from core.clock import today
    from graph.views import previous_quarter_end
    from loader.history import reverted_tables
    from loader.readback import read_tables
    from loader.validate import Workbook
    from loader.write import diff_with_database, names_in

    database = smp_db.database()
    current = read_tables(driver(), database, extras=True)
    tables, undone = reverted_tables(driver(), load_id, current, False, database)
    source = ", ".join(f"{Path(u['source']).name} ({u['load_id'][:8]})" for u in undone)
    workbook = Workbook(Path(f"revert of {source}"), tables,
                        checksum=f"revert:{undone[-1]['load_id']}")  # fmt: skip
    diff = diff_with_database(driver(), workbook, database)
    dates = list(dict.fromkeys([today(), previous_quarter_end(today())]))
    return {"workbook": workbook, "diff": diff, "names": names_in(diff, workbook),
            "undone": undone, "impacts": update_impact(tables, None, dates)}  # fmt: skip


def revert(preview: dict, by: str | None) -> None:
    """Write a revert shown by :func:`revert_preview` (one transaction, audited as a load
    by ``by``); every session sees it at its next click."""
    from loader.write import write_workbook

    write_workbook(driver(), preview["workbook"], replace=True, database=smp_db.database(),
                   progress=False, loaded_by=by, diff=preview["diff"])  # fmt: skip
    network_changed()


@st.cache_data(show_spinner=False, max_entries=4)
def _group_regions(marker: DataMarker) -> dict[str, str | None]:
    return group_regions(_network(marker))


def group_partnerships() -> dict[str, str | None]:
    """Group id → the partnership area it belongs to, cached."""
    network()
    return _group_regions(marker())


def figures(as_of: dt.date, region: str | None) -> dict:
    """The headline figures of a partnership (graph.summary), from the cached analyses."""
    result = analysis_at(as_of)
    return partnership_figures(
        network(), as_of, region, areas=area_rows(as_of), flow=result["flow"],
        regions=group_partnerships(), ending=result["coverage"]["terms_ending_soon"],
    )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=2)
def _load_history(marker: DataMarker) -> list[dict]:
    return read_history(_driver(), 1000, smp_db.database())


def load_history() -> list[dict]:
    """The recorded loads, newest first (loader.write.read_history), cached per load;
    empty when they cannot be read."""
    network()
    try:
        return _load_history(marker())
    except (SmpError, Neo4jError, ServiceUnavailable):
        return []


@st.cache_data(show_spinner="Preparing the downloads…", max_entries=8)
def _flow_frames(
    as_of: dt.date, region: str | None, marker: DataMarker, role: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    # The role is part of the key: analysts' frames name people, viewers' never do.
    G, names = _network(marker), role != "viewer"
    return (unstaffed_line_frame(G, as_of, region, names),
            single_point_frame(G, as_of, region, names))  # fmt: skip


def flow_frames(as_of: dt.date, region: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per line nobody carries and per single point of failure (graph.frames),
    people named for analysts and admins only; cached."""
    network()
    return _flow_frames(as_of, region, marker(), role())


@st.cache_resource(show_spinner=False, max_entries=8)
def _flow(as_of: dt.date, marker: DataMarker) -> nx.DiGraph:
    return flow_graph(_network(marker), as_of)


def flow_at(as_of: dt.date) -> nx.DiGraph:
    """The flow graph at ``as_of`` (graph.flow.flow_graph), cached; read only."""
    network()
    return _flow(as_of, marker())


@st.cache_resource(show_spinner="Laying out the network…", max_entries=12)
def _layout(
    as_of: dt.date, marker: DataMarker, role: str, region: str | None, how: str
) -> dict[str, tuple[float, float]]:
    graph = _redacted(marker, role)
    whole = explorer_graph(graph, as_of, regions=[region] if region else (),
                           with_organisations=True, flow=_flow(as_of, marker))  # fmt: skip
    return cluster_layout(whole) if how == "clusters" else levels_layout(whole)


def layout(as_of: dt.date, region: str | None, how: str = "levels") -> dict:
    """Positions of every node of a partnership's view at ``as_of`` (with organisations),
    computed once and kept, so filters never rearrange the picture."""
    network()
    return _layout(as_of, marker(), role(), region, how)


@st.cache_resource(show_spinner=False, max_entries=64)
def _group_explanation(as_of: dt.date, marker: DataMarker, names: bool, group_id: str):
    G = _network(marker)
    flow = analysis(as_of, marker, "analyst" if names else "viewer")["flow"]
    found = flow_explanations(G, as_of, names, flow, _flow(as_of, marker), groups=[group_id])
    return found.get(group_id)


def group_explanation(as_of: dt.date, group_id: str) -> Explanation | None:
    """Why a local group is broken or fragile (None when it is neither), as this user
    may read it (names for analysts and admins)."""
    network()
    return _group_explanation(as_of, marker(), not is_viewer(), group_id)


@st.cache_resource(show_spinner=False, max_entries=256)
def _area_explanation(as_of: dt.date, marker: DataMarker, names: bool, area_id: str):
    return coverage_explanation(_network(marker), as_of, area_id, names)


def area_explanation(as_of: dt.date, area_id: str) -> Explanation:
    """Why a council area is covered or not, as this user may read it."""
    network()
    return _area_explanation(as_of, marker(), not is_viewer(), area_id)


def area_gap(as_of: dt.date, area_id: str) -> Explanation | None:
    """The explanation of a council area without an elected VCS rep; None otherwise."""
    G = network()
    if G.nodes.get(node_key(AREA, area_id), {}).get("type") != "local_authority":
        return None
    explained = area_explanation(as_of, area_id)
    return None if explained.kind == "covered" else explained


@st.cache_data(show_spinner="Working out what would break…", max_entries=32)
def _without(as_of: dt.date, marker: DataMarker, person_id: str) -> list[dict]:
    return what_if(_network(marker), as_of, [person_id])["newly_broken"]


def without(as_of: dt.date, person_id: str) -> list[dict]:
    """The local groups that would be cut off if this person left (graph.flow.what_if)."""
    network()
    return _without(as_of, marker(), person_id)


@st.cache_data(show_spinner=False, max_entries=8)
def _attendance(as_of: dt.date, marker: DataMarker) -> dict[str, dict]:
    G = _network(marker)
    where = rep_partnerships(G, as_of)
    return {r["person_id"]: {**r, "partnership": where.get(r["person_id"])}
            for r in rep_attendance(G, as_of)}  # fmt: skip


def attendance(as_of: dt.date) -> dict[str, dict]:
    """Person id → attendance against the expectation of every rep in post
    (graph.engagement.rep_attendance) and ``partnership``, where the report counts
    them (graph.engagement.rep_partnerships), cached."""
    network()
    return _attendance(as_of, marker())


def paper_only(as_of: dt.date) -> dict[tuple[str, str], dict]:
    """(from, to) → each reporting line carried only on paper (graph.engagement)."""
    lines = analysis_at(as_of)["engagement"]["paper_only_lines"]
    return {(line["from"], line["to"]): line for line in lines}


@st.cache_data(show_spinner="Measuring brokerage…", max_entries=8)
def _brokerage(as_of: dt.date, marker: DataMarker) -> dict[str, float]:
    B = person_group_graph(_network(marker), as_of)
    top = brokers(B, top=300)
    peak = max((b["betweenness"] for b in top), default=0) or 1
    return {b["person_id"]: b["betweenness"] / peak for b in top}


def brokerage(as_of: dt.date) -> dict[str, float]:
    """Display node key → betweenness on the whole person–group network, in [0, 1]."""
    network()
    scores = _brokerage(as_of, marker())
    return {person_key(person): score for person, score in scores.items()}


def view_file(H: nx.Graph, fmt: str) -> bytes:
    """A view as GraphML or GEXF bytes (for a download button)."""
    from app.files import private_folder
    from report.exports import write_network_file

    with private_folder() as folder:
        path = write_network_file(H, folder / f"view.{fmt}", fmt)
        return path.read_bytes()


def loaded_words(marker: DataMarker) -> str:
    """When the data was loaded, from which file and (role permitting) by whom."""
    if marker.load_id is None:
        return "No network is loaded yet."
    source = Path(marker.source or "").name or "a workbook"
    words = f"Data loaded {uk_datetime(marker.loaded_at)} from {source}"
    if not is_viewer() and marker.loaded_by:
        words += f" by {marker.loaded_by}"
    return words + "."


def network_changed() -> None:
    """After a load from this app: read the marker again at once."""
    refresh_marker()
