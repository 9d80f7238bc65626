"""Reading the network from Neo4j into the typed NetworkX graph.

The records come as rows keyed like the workbook's columns (:mod:`loader.readback`),
so the same :func:`graph.model.build_network` serves workbooks and the database.
Nothing here analyses. Also: the marker the app checks on every run
(:func:`read_data_marker`) and the refusal of a half-loaded network
(:class:`IncompleteLoad`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import neo4j
import networkx as nx

from core.errors import SmpError
from core.memory import no_gc
from cypher import query
from graph.model import build_network
from loader.readback import (
    COLUMNS,
    SHEET_QUERIES,
    Arriving,
    read_in_transaction,
    read_query,
    read_rows,
    read_table,
    read_tables,
    tables_in,
    while_reading,
)

__all__ = [
    "COLUMNS",
    "SHEET_QUERIES",
    "DataMarker",
    "IncompleteLoad",
    "check_complete",
    "read_data_marker",
    "read_network",
    "read_query",
    "read_tables",
]


@dataclass(frozen=True)
class DataMarker:
    """The latest load and erasure: a new value whenever the network changed.

    Readers that keep the network (the app) compare it on every run, so a load or an
    erasure made anywhere shows at once.
    """

    load_id: str | None = None
    status: str | None = None
    loaded_at: str | None = None
    source: str | None = None
    loaded_by: str | None = None
    audits: int = 0
    audited_at: str | None = None
    #: How sign-in was set up for this database's app (``local``, ``oidc``), if at all.
    sign_in: str | None = None


def read_data_marker(driver: neo4j.Driver, database: str | None = None) -> DataMarker:
    """The :class:`DataMarker` now (one small query)."""
    records, _, _ = driver.execute_query(
        query("read_data_marker"), database_=database, routing_=neo4j.RoutingControl.READ
    )
    return DataMarker(**records[0].data()) if records else DataMarker()


class IncompleteLoad(SmpError):
    """The last load committed in several transactions has not finished: the network
    in the database is partial (see :mod:`loader.write`). ``source`` names its file."""

    def __init__(self, source: str, status: str, loaded_by: str, started_at: str) -> None:
        what = "is still running" if status == "running" else "stopped half way"
        super().__init__(
            f"The load of {source} (started {started_at} by {loaded_by}) {what}: it did not "
            "finish, so the database holds only part of that network and nothing can be "
            "analysed until that load is finished or another replaces it."
        )
        self.source, self.status = source, status


def _check_complete(tx: neo4j.ManagedTransaction) -> None:
    unfinished = tx.run(query("read_unfinished_load")).single()
    if unfinished is not None:
        raise IncompleteLoad(
            unfinished["source"], unfinished["status"], unfinished["loaded_by"],
            unfinished["started_at"],
        )  # fmt: skip


def check_complete(driver: neo4j.Driver, database: str | None = None) -> None:
    """Raise :class:`IncompleteLoad` if a load committed in several transactions has
    not finished (one small query; :func:`read_network` checks it too)."""
    read_in_transaction(driver, database, _check_complete)


def _native(value: object) -> object:
    return value.to_native() if hasattr(value, "to_native") else value


#: The order :func:`graph.model.build_network` asks for the tables in: read in this
#: order, each table is built while the next is read.
BUILD_ORDER = (
    "areas", "organisations", "people", "groups", "meetings", "memberships",
    "reporting_lines", "attendance", "elections", "group_rules",
)  # fmt: skip


#: The tables the build takes as rows (:class:`loader.readback.Rows`), not records:
#: the two largest, whose records would only be taken apart again (see
#: :func:`graph.model.build_network`).
AS_ROWS = frozenset({"memberships", "attendance"})


def _read_for_build(tx: neo4j.ManagedTransaction, sheet: str) -> object:
    return read_rows(tx, sheet) if sheet in AS_ROWS else read_table(tx, sheet)


class _Arriving(Arriving):
    """The network's tables as they are read (see :class:`loader.readback.Arriving`),
    after the check that no load is unfinished, and then the last load: at national
    scale the graph is built about a second sooner than reading every table first."""

    def __init__(self) -> None:
        super().__init__(BUILD_ORDER, _read_for_build)
        self.last_load: dict | None = None

    def first(self, tx: neo4j.ManagedTransaction) -> None:
        _check_complete(tx)

    def last(self, tx: neo4j.ManagedTransaction) -> None:
        last = tx.run(query("read_last_load")).single()
        self.last_load = None if last is None else last.data()


def _network_and_last_load(tx: neo4j.ManagedTransaction) -> tuple[dict, dict | None]:
    _check_complete(tx)
    tables = tables_in(tx)
    last = tx.run(query("read_last_load")).single()
    return tables, None if last is None else last.data()


@no_gc()  # read and build as one: see core.memory
def read_network(driver: neo4j.Driver, database: str | None = None) -> nx.MultiDiGraph:
    """The whole network (every date) as the typed graph of :mod:`graph.model`.

    Analyses take the as-of date themselves, since coverage needs past and future
    terms too. ``G.graph`` records when it was read and the last load. The tables
    are read in one read transaction by a second thread while this one builds the
    graph from those already read (see :class:`loader.readback.Arriving`); the graph
    is the same as :func:`graph.model.build_network` of
    :func:`loader.readback.read_tables`.

    Raises :class:`IncompleteLoad` while a load committed in several transactions
    has not finished.
    """
    arriving = _Arriving()

    def again() -> nx.MultiDiGraph:  # retried after a transient error: all of it again
        tables, arriving.last_load = read_in_transaction(driver, database, _network_and_last_load)
        return build_network(tables)

    G = while_reading(arriving, driver, database, build_network, again, read_in_transaction)
    G.graph["read_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    last = arriving.last_load
    if last:
        G.graph["source"] = last["source"]
        G.graph["loaded_at"] = str(_native(last["loaded_at"]))
    return G
