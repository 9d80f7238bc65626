"""The app's one connection to Neo4j and its cached reads.

Nothing connects at import time. The driver is a ``st.cache_resource``. On every run
the app asks the database for its :class:`~graph.read.DataMarker` (the latest load
and erasure, one small query): the network and every analysis are cached under that
marker, so a load or an erasure made anywhere (``smp load``, ``smp forget``, another
app) is read again at the next click, and every session sees it. A lost or refused
connection shows a message with what to do, never a traceback.

Caches shared by all sessions hold only the whole network and figures; what a viewer
sees is derived per role (:func:`display_network`), never served across roles. What
depends on the role is cached per audience (:func:`_audience`: viewers, or analysts
and admins, who read the same), never per user. What a page shows is computed once
per data marker and date for every session (issue 30, item 9: a page view costs the
server little more than arranging the page), and warmed in a thread of its own when
a load lands (:func:`_warm`), before anyone asks.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import threading
import time
from pathlib import Path

import networkx as nx
import pandas as pd
import streamlit as st
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from app.hexmap import hex_chart, hex_key_html
from app.layout import cluster_layout, levels_layout
from core import db as smp_db
from core.clock import today
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
from graph.privacy import fictional_people, pseudonym, redact
from graph.read import DataMarker, IncompleteLoad, read_data_marker, read_network
from graph.summary import partnership_figures
from graph.views import (
    explorer_graph,
    group_regions,
    partnerships,
    previous_quarter_end,
    region_summary,
)
from loader.write import read_history

_LOG = logging.getLogger("smp.app")
#: How the caches hash a marker: by its fields (Streamlit's own hashing of a dataclass
#: took 0.3 ms, and a page asks the caches some 30 times).
_FAST = {DataMarker: repr}


@st.cache_resource(show_spinner=False)
def _driver():
    return smp_db.open_driver()


@st.cache_resource(show_spinner=False)
def _pseudonym_key() -> bytes:
    """This app's key for viewers' pseudonyms: new at every start, never stored."""
    return secrets.token_bytes(32)


@st.cache_resource(show_spinner="Reading the network from Neo4j…", max_entries=2, hash_funcs=_FAST)
def _network(marker: DataMarker) -> nx.MultiDiGraph:
    return read_network(_driver(), smp_db.database())


#: The network of the latest marker, as :func:`_network` keeps it: a page asks for it
#: a dozen times, and this answers without hashing the marker each time.
_LATEST: dict[DataMarker, nx.MultiDiGraph] = {}


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
    """Ask the database for its marker (main.py does, once per run); a new one (a load
    or an erasure, from anywhere) starts warming the caches for it (:func:`_warm`)."""
    found = _guarded(lambda: read_data_marker(_driver(), smp_db.database()))
    st.session_state["_data_marker"] = found
    if "app_role" in st.session_state:  # else network() does, once sign-in said who
        _AUDIENCES.add(_audience())
        _start_warming(found, _audience())
    return found


#: How often the app asks the database whether a load landed while nobody clicked
#: (``SMP_WATCH_SECONDS``; 0 turns it off: the next click notices it instead).
WATCH_SECONDS = 15.0
#: The audiences of the sessions this process has served (what :func:`_watch` warms).
_AUDIENCES: set[str] = set()


def _watch_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("SMP_WATCH_SECONDS", WATCH_SECONDS)))
    except ValueError:
        _LOG.warning("SMP_WATCH_SECONDS is not a number of seconds: using %s", WATCH_SECONDS)
        return WATCH_SECONDS


_WATCHING: list[threading.Thread] = []


def start_watching() -> None:
    """Start this process's one :func:`_watch` thread, unless it runs or is turned off
    (``smp app`` starts it with the server, app/serve.py)."""
    with _WARMING:
        if _WATCHING or not (seconds := _watch_seconds()):
            return
        thread = threading.Thread(target=_watch, args=(seconds,), name=_WARM_THREAD, daemon=True)
        _WATCHING.append(thread)
    thread.start()


def _watch(seconds: float) -> None:
    """At once, then every ``seconds``, the database's marker (one small query); a new
    one starts warming the caches for every audience served so far (analysts' when
    none yet), so the first page after the app starts, or after a load from the
    command line or another app, is as quick as any other, not only the ones after a
    load from this app's Data page. Trouble with the database is left to the pages to
    show; this tries again next time."""
    last = None
    while True:
        try:
            found = read_data_marker(_driver(), smp_db.database())
            if found != last:
                last = found
                for audience in sorted(_AUDIENCES) or ["analyst"]:
                    _start_warming(found, audience)
        except Exception:  # the pages say what is wrong when someone asks
            _LOG.debug("the watcher could not read the data marker", exc_info=True)
        time.sleep(seconds)


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
    found = _LATEST.get(current)
    if found is None:
        _start_warming(current, _audience())
        found = _guarded(lambda: _network(current))
        _LATEST.clear()
        _LATEST[current] = found
    return found


def role() -> str:
    """The signed-in user's role (set by app.auth in main.py); viewer when unknown."""
    return st.session_state.get("app_role", "viewer")


def is_viewer() -> bool:
    return role() == "viewer"


def _audience() -> str:
    """What the role-dependent caches are keyed by: ``viewer``, or ``analyst`` for
    analysts and admins, who read the same (admins also load data)."""
    return "viewer" if is_viewer() else "analyst"


@st.cache_resource(show_spinner=False, max_entries=4, hash_funcs=_FAST)
def _redacted(marker: DataMarker, role: str) -> nx.MultiDiGraph:
    graph = _network(marker)
    return graph if role != "viewer" else redact(graph, _pseudonym_key())


def display_network() -> nx.MultiDiGraph:
    """The network as this user may see it: viewers get people as role and sector
    under pseudonyms, and no members of confidential groups. Use ``network()`` for
    computing figures."""
    network()
    return _redacted(marker(), _audience())


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
    """The cached driver (for the Data page's work: app.updates)."""
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


@st.cache_data(show_spinner="Running the analyses…", max_entries=16, hash_funcs=_FAST)
def analysis(as_of: dt.date, marker: DataMarker) -> dict:
    # The same for every role (ids, no names; pages say people as the user may read
    # them): computed once for everyone.
    return analyse(_network(marker), as_of, measures=False)


def analysis_at(as_of: dt.date) -> dict:
    network()  # shows connection trouble first
    return analysis(as_of, marker())


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs=_FAST)
def _area_rows(as_of: dt.date, marker: DataMarker) -> list[dict]:
    return area_status(_network(marker), as_of)


def area_rows(as_of: dt.date) -> list[dict]:
    """Every council area's coverage at ``as_of`` (graph.coverage.area_status), cached."""
    network()
    return _area_rows(as_of, marker())


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs=_FAST)
def _cycle_sentences(as_of: dt.date, marker: DataMarker, role: str) -> dict[str, list[dict]]:
    # The role is part of the key: analysts' sentences name people, viewers' never do.
    G, result, names = _network(marker), analysis(as_of, marker), role != "viewer"
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
    return _cycle_sentences(as_of, marker(), _audience())


def update_impact(tables: dict, kept: dict | None, dates: list[dt.date]) -> list[dict]:
    """What loading a workbook (its validated ``tables``; ``kept``: the database's records
    a load without --replace keeps) does to the answers at each of ``dates``
    (graph.impact), people named for analysts and admins only."""
    return update_impact_of(network(), tables, kept, dates, names=not is_viewer())


@st.cache_resource(show_spinner=False, max_entries=4, hash_funcs=_FAST)
def _group_regions(marker: DataMarker) -> dict[str, str | None]:
    # A resource (read only): every page asks for it, and a copy each time cost more.
    return group_regions(_network(marker))


def group_partnerships() -> dict[str, str | None]:
    """Group id → the partnership area it belongs to, cached; read only."""
    network()
    return _group_regions(marker())


@st.cache_data(show_spinner=False, max_entries=4, hash_funcs=_FAST)
def _partnerships(marker: DataMarker) -> dict[str, str]:
    return dict(partnerships(_network(marker)))


def partnership_names() -> dict[str, str]:
    """Partnership area id → its name (graph.views.partnerships), sorted by name; cached."""
    network()
    return _partnerships(marker())


@st.cache_data(show_spinner=False, max_entries=4, hash_funcs=_FAST)
def _fictional(marker: DataMarker) -> bool:
    return fictional_people(_network(marker))


def fictional() -> bool:
    """Whether every person in the network is fictional (graph.privacy), cached."""
    network()
    return _fictional(marker())


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=_FAST)
def _figures(as_of: dt.date, region: str | None, marker: DataMarker) -> dict:
    result = analysis(as_of, marker)
    return partnership_figures(
        _network(marker), as_of, region, areas=_area_rows(as_of, marker), flow=result["flow"],
        regions=_group_regions(marker), ending=result["coverage"]["terms_ending_soon"],
    )  # fmt: skip


def figures(as_of: dt.date, region: str | None) -> dict:
    """The headline figures of a partnership (graph.summary), from the cached analyses;
    cached."""
    network()
    return _figures(as_of, region, marker())


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs=_FAST)
def _region_summary(as_of: dt.date, marker: DataMarker) -> list[dict]:
    G, flow = _network(marker), analysis(as_of, marker)["flow"]
    return region_summary(G, as_of, _area_rows(as_of, marker), flow, _group_regions(marker))


def partnership_summary(as_of: dt.date) -> list[dict]:
    """Per partnership: areas covered, local groups connected, broken and fragile
    (graph.views.region_summary), cached."""
    network()
    return _region_summary(as_of, marker())


def _map_statuses(as_of: dt.date, marker: DataMarker, region: str | None, cycle: bool):
    areas = _area_rows(as_of, marker)
    statuses = None
    if cycle:
        rep_cycle = analysis(as_of, marker)["rep_cycle"]["areas"]
        statuses = {a["area_id"]: a["status"] for a in rep_cycle}
    only = {a["area_id"] for a in areas if a["region_id"] == region} if region else None
    return areas, only, statuses


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=_FAST)
def _hex_map(
    as_of: dt.date, marker: DataMarker, region: str | None, cycle: bool, zoom: float,
    centre: tuple[float, float] | None,
):  # fmt: skip
    areas, only, statuses = _map_statuses(as_of, marker, region, cycle)
    return hex_chart(areas, only, cycle=statuses, zoom=zoom, centre=centre)


def hex_map(
    as_of: dt.date, region: str | None, cycle: bool = False, zoom: float = 1.0,
    centre: tuple[float, float] | None = None,
):  # fmt: skip
    """The Overview's map (app.hexmap.hex_chart) of a partnership, or of all, coloured
    by coverage or (``cycle``) by the rep cycle, ``zoom`` times closer around
    ``centre``; made once for every session, and read only."""
    network()
    return _hex_map(as_of, marker(), region, cycle, zoom, centre)


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=_FAST)
def _hex_key(as_of: dt.date, marker: DataMarker, region: str | None, cycle: bool) -> str:
    return hex_key_html(*_map_statuses(as_of, marker, region, cycle))


def hex_key(as_of: dt.date, region: str | None, cycle: bool = False) -> str:
    """The key beside the map (app.hexmap.hex_key_html), made once for every session."""
    network()
    return _hex_key(as_of, marker(), region, cycle)


@st.cache_data(show_spinner=False, max_entries=2, hash_funcs=_FAST)
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


@st.cache_data(show_spinner="Preparing the downloads…", max_entries=8, hash_funcs=_FAST)
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
    return _flow_frames(as_of, region, marker(), _audience())


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=_FAST)
def _flow(as_of: dt.date, marker: DataMarker) -> nx.DiGraph:
    return flow_graph(_network(marker), as_of)


def flow_at(as_of: dt.date) -> nx.DiGraph:
    """The flow graph at ``as_of`` (graph.flow.flow_graph), cached; read only."""
    network()
    return _flow(as_of, marker())


@st.cache_resource(show_spinner="Laying out the network…", max_entries=12, hash_funcs=_FAST)
def _layout(
    marker: DataMarker, role: str, region: str | None, how: str
) -> dict[str, tuple[float, float]]:
    # Every membership and line whatever its dates: the view at any date is part of it,
    # so changing the date moves nobody.
    graph = _redacted(marker, role)
    whole = explorer_graph(graph, None, regions=[region] if region else (),
                           with_organisations=True, regions_of=_group_regions(marker))  # fmt: skip
    return cluster_layout(whole) if how == "clusters" else levels_layout(whole)


def layout(region: str | None, how: str = "levels") -> dict:
    """Positions of every node a partnership's view shows at any date (with
    organisations), computed once and kept, so neither filters nor the date ever
    rearrange the picture."""
    network()
    return _layout(marker(), _audience(), region, how)


@st.cache_resource(show_spinner=False, max_entries=12, hash_funcs=_FAST)
def _explorer_view(
    as_of: dt.date, marker: DataMarker, role: str, region: str | None, filters: tuple
) -> nx.DiGraph:
    levels, kinds, workstreams, sectors, with_organisations, areas = filters
    return explorer_graph(
        _redacted(marker, role), as_of, regions=[region] if region else (), levels=levels,
        kinds=kinds, workstreams=workstreams, sectors=sectors,
        with_organisations=with_organisations, areas=areas, flow=_flow(as_of, marker),
        regions_of=_group_regions(marker),
    )  # fmt: skip


def explorer_view(
    as_of: dt.date,
    region: str | None,
    levels=(),
    kinds=(),
    workstreams=(),
    sectors=(),
    with_organisations: bool = False,
    areas=(),
) -> nx.DiGraph:
    """The explorer's view of :func:`display_network` (graph.views.explorer_graph) for a
    partnership (all when None) and filters; made once for every session, read only."""
    network()
    filters = (tuple(sorted(levels)), tuple(sorted(kinds)), tuple(sorted(workstreams)),
               tuple(sorted(sectors)), bool(with_organisations), tuple(sorted(areas)))  # fmt: skip
    return _explorer_view(as_of, marker(), _audience(), region, filters)


@st.cache_resource(show_spinner=False, max_entries=64, hash_funcs=_FAST)
def _group_explanation(as_of: dt.date, marker: DataMarker, names: bool, group_id: str):
    G = _network(marker)
    flow = analysis(as_of, marker)["flow"]
    found = flow_explanations(G, as_of, names, flow, _flow(as_of, marker), groups=[group_id])
    return found.get(group_id)


def group_explanation(as_of: dt.date, group_id: str) -> Explanation | None:
    """Why a local group is broken or fragile (None when it is neither), as this user
    may read it (names for analysts and admins)."""
    network()
    return _group_explanation(as_of, marker(), not is_viewer(), group_id)


@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs=_FAST)
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


@st.cache_data(show_spinner="Working out what would break…", max_entries=32, hash_funcs=_FAST)
def _without(as_of: dt.date, marker: DataMarker, person_id: str) -> list[dict]:
    return what_if(_network(marker), as_of, [person_id])["newly_broken"]


def without(as_of: dt.date, person_id: str) -> list[dict]:
    """The local groups that would be cut off if this person left (graph.flow.what_if)."""
    network()
    return _without(as_of, marker(), person_id)


@st.cache_data(show_spinner=False, max_entries=8, hash_funcs=_FAST)
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


@st.cache_data(show_spinner="Measuring brokerage…", max_entries=8, hash_funcs=_FAST)
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
    """After a load from this app: read the marker again at once (which starts warming
    the caches for the new network)."""
    refresh_marker()


#: (marker, audience) pairs whose caches were warmed (or are being), the newest last.
_WARMED: list[tuple[DataMarker, str]] = []
_WARMING = threading.Lock()
_WARM_THREAD = "smp-warm"


class _NotWarming(logging.Filter):
    """Streamlit warns of every cache used outside a page's run ("missing
    ScriptRunContext"): expected of the warming thread, so not logged from it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != _WARM_THREAD


logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
    _NotWarming()
)


def _start_warming(found: DataMarker, audience: str) -> None:
    """Warm the caches for ``found`` in a thread of its own, once per marker and
    audience (what both audiences share is made once: Streamlit's caches compute a
    value once). ``SMP_WARM=0`` turns warming off (the pages compute what they show
    when asked): the test suite does, but for the browser tests of the warming."""
    if found.load_id is None or os.environ.get("SMP_WARM", "1") == "0":
        return
    with _WARMING:
        if (found, audience) in _WARMED:
            return
        _WARMED[:] = [*_WARMED[-7:], (found, audience)]
    _LOG.info("warming the caches for load %s (%s)", found.load_id, audience)
    threading.Thread(target=_warm, args=(found, audience), name=_WARM_THREAD, daemon=True).start()


def _warm(found: DataMarker, audience: str) -> None:
    """What the pages show first, for the network of ``found`` as of today and the
    previous quarter end, made before anyone asks: the network, the analyses, every
    page's figures, the explorer's whole view and its layout, why each group is cut
    off or fragile and each council area not covered (for ``audience``, the role of
    whoever noticed the load). Sessions asking meanwhile wait for what is
    being made (Streamlit's caches compute a value once) rather than make it again.
    Anything going wrong here only means the pages compute it when asked."""
    days = list(dict.fromkeys([today(), previous_quarter_end(today())]))
    started = time.perf_counter()
    try:
        _network(found)
        for day in days:
            analysis(day, found)
            _area_rows(day, found)
            _figures(day, None, found)
        _partnerships(found), _fictional(found), _group_regions(found)
        day = days[0]
        _region_summary(day, found)
        _hex_map(day, found, None, False, 1.0, None)  # as hex_map() asks: the same key
        _hex_key(day, found, None, False)
        _cycle_sentences(day, found, audience)
        _attendance(day, found)
        _flow(day, found)
        _explorer_view(day, found, audience, None, ((), (), (), (), False, ()))
        _layout(found, audience, None, "levels")
        _brokerage(day, found)
        names, flow = audience != "viewer", analysis(day, found)["flow"]
        for g in [*flow["broken"], *flow["fragile"]]:  # the Information flow page's
            _group_explanation(day, found, names, g["group_id"])
        _flow_frames(day, None, found, audience)
        for area in _area_rows(day, found):  # the Coverage page's
            if not area["covered"]:
                _area_explanation(day, found, names, area["area_id"])
    except Exception:  # the pages compute it, and show any trouble
        _LOG.warning("warming the caches for load %s failed", found.load_id, exc_info=True)
        return
    _LOG.info("warmed the caches for load %s (%s) in %.1f s", found.load_id, audience,
              time.perf_counter() - started)  # fmt: skip
