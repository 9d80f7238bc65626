"""The app's one connection to Neo4j and its cached reads.

Nothing connects at import time. The driver is a ``st.cache_resource``; the network
graph is read once and kept until a load changes it; analyses are cached per as-of
date. A lost or refused connection shows a message with what to do, never a
traceback, and the next rerun tries again.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
import streamlit as st
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph.analyse import analyse
from graph.measures import brokers, person_group_graph
from graph.read import IncompleteLoad, read_network
from smp import db as smp_db
from smp.errors import SmpError


@st.cache_resource(show_spinner=False)
def _driver():
    return smp_db.open_driver()


@st.cache_resource(show_spinner="Reading the network from Neo4j…")
def _network(generation: int) -> nx.MultiDiGraph:
    return read_network(_driver(), smp_db.database())


def _generation() -> int:
    return st.session_state.setdefault("network_generation", 0)


def network() -> nx.MultiDiGraph:
    """The whole network graph; on connection trouble, a message and ``st.stop()``."""
    try:
        return _network(_generation())
    except IncompleteLoad as err:
        st.warning(f"**The network is being loaded, or a load did not finish.** {err}")
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


def role() -> str:
    """The signed-in user's role (set by app.auth in main.py); viewer when unknown."""
    return st.session_state.get("app_role", "viewer")


@st.cache_resource(show_spinner=False)
def _redacted(generation: int, role: str) -> nx.MultiDiGraph:
    from graph.privacy import redact

    graph = _network(generation)
    return graph if role != "viewer" else redact(graph)


def display_network() -> nx.MultiDiGraph:
    """The network as this user may see it: viewers get no personal data and no
    members of confidential groups. Use ``network()`` for computing figures."""
    network()
    return _redacted(_generation(), role())


def person_label(G: nx.MultiDiGraph, person_id: str, show_names: bool = True) -> str:
    """A person as this user may see them: a name only for analysts and admins."""
    if role() == "viewer" or not show_names:
        return person_id
    return G.nodes.get(f"person:{person_id}", {}).get("name") or person_id


def driver():
    """The cached driver (for writes from the Data page)."""
    try:
        return _driver()
    except SmpError as err:
        _trouble(str(err))


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
def analysis(as_of: dt.date, generation: int, role: str) -> dict:
    # st.cache_data is shared by every user: the role is part of the key so that no
    # cached result computed for one role is ever served to another.
    return analyse(_network(generation), as_of, measures=False)


def analysis_at(as_of: dt.date) -> dict:
    network()  # shows connection trouble first
    return analysis(as_of, _generation(), role())


@st.cache_data(show_spinner="Measuring brokerage…", max_entries=8)
def _brokerage(as_of: dt.date, generation: int, role: str) -> dict[str, float]:
    B = person_group_graph(_network(generation), as_of)
    top = brokers(B, top=300)
    peak = max((b["betweenness"] for b in top), default=0) or 1
    return {f"person:{b['person_id']}": b["betweenness"] / peak for b in top}


def brokerage(as_of: dt.date) -> dict[str, float]:
    """Node → betweenness on the whole person–group network, scaled to [0, 1]."""
    network()
    return _brokerage(as_of, _generation(), role())


def view_file(H: nx.Graph, fmt: str) -> bytes:
    """A view as GraphML or GEXF bytes (for a download button)."""
    import tempfile
    from pathlib import Path

    from report.exports import write_network_file

    with tempfile.TemporaryDirectory() as folder:
        path = write_network_file(H, Path(folder) / f"view.{fmt}", fmt)
        return path.read_bytes()


def network_changed() -> None:
    """After a load: drop every cached read so pages show the new network."""
    st.session_state["network_generation"] = _generation() + 1
    _network.clear()
    _redacted.clear()
    analysis.clear()
    _brokerage.clear()
