"""Reading the network from Neo4j into the typed NetworkX graph.

The records come as rows keyed like the workbook's columns (:mod:`loader.readback`),
so the same :func:`graph.model.build_network` serves workbooks and the database.
Nothing here analyses. Also: the marker the app checks on every run
(:func:`read_data_marker`) and the refusal of a half-loaded network
(:class:`IncompleteLoad`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
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
    read_in_transaction,
    read_query,
    read_table,
    read_tables,
    tables_in,
)

__all__ = [
    "COLUMNS",
    "SHEET_QUERIES",
    "DataMarker",
    "IncompleteLoad",
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


def _native(value: object) -> object:
    return value.to_native() if hasattr(value, "to_native") else value


#: The order :func:`graph.model.build_network` asks for the tables in: read in this
#: order, each table is built while the next is read.
BUILD_ORDER = (
    "areas", "organisations", "people", "groups", "meetings", "memberships",
    "reporting_lines", "attendance",
)  # fmt: skip


class _ReadFailed(Exception):
    """Stands in for a table the reading thread could not deliver (its error is the
    reading's own, raised by :func:`read_network`)."""


class _Retried(Exception):
    """The read transaction was retried after some tables had gone to the build."""


#: What a table handed over to the build leaves behind.
_HANDED_OVER: Future = Future()
_HANDED_OVER.set_result(None)


class _Arriving(Mapping):
    """The tables of one read, each as the reading thread delivers it: asking for a
    table waits until it has been read.

    :meth:`fill` is the read transaction's work. Handed to ``build_network`` as its
    ``tables``, it lets the graph be built (Python's work) while the server reads the
    next table (the server's): at national scale about a second sooner than reading
    every table first.
    """

    def __init__(self, order: tuple[str, ...] = BUILD_ORDER) -> None:
        self._tables: dict[str, Future] = {sheet: Future() for sheet in order}
        self._delivered = False
        self.last_load: dict | None = None

    def __getitem__(self, sheet: str) -> list[dict]:
        """The table, once it is read: handed over, so it is freed as soon as the build
        is done with it (while the server reads the next) rather than all at the end.
        A KeyError for a sheet never read; a failed read raises ``_ReadFailed``."""
        arriving = self._tables[sheet]
        if arriving is _HANDED_OVER:
            raise RuntimeError(f"the {sheet} table was handed over already")
        table = arriving.result()
        self._tables[sheet] = _HANDED_OVER
        return table

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def fill(self, tx: neo4j.ManagedTransaction) -> None:
        """Read every table in ``tx``, delivering each as soon as it is read (the
        read transaction's work)."""
        try:
            if self._delivered:  # a retry cannot take back what the build has used
                raise _Retried
            _check_complete(tx)
            for sheet, table in list(self._tables.items()):  # the build swaps them as it goes
                table.set_result(read_table(tx, sheet))
                self._delivered = True
            last = tx.run(query("read_last_load")).single()
            self.last_load = None if last is None else last.data()
        except BaseException:
            if self._delivered:  # no retry can help: stop the build now
                self.abandon()
            raise

    def read(self, driver: neo4j.Driver, database: str | None) -> None:
        """:meth:`fill` in one read transaction (retried, while nothing has been
        delivered, on transient errors); on failure every table not yet delivered
        fails, so the build stops too."""
        try:
            read_in_transaction(driver, database, self.fill)
        except BaseException:
            self.abandon()
            raise

    def abandon(self) -> None:
        for table in self._tables.values():
            if not table.done():
                table.set_exception(_ReadFailed())


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
    graph from those already read (see :class:`_Arriving`); the graph is the same
    as :func:`graph.model.build_network` of :func:`loader.readback.read_tables`.

    Raises :class:`IncompleteLoad` while a load committed in several transactions
    has not finished.
    """
    arriving = _Arriving()
    with ThreadPoolExecutor(1, thread_name_prefix="smp-read") as pool:
        reading = pool.submit(arriving.read, driver, database)
        try:
            G = build_network(arriving)
        except _ReadFailed:
            G = None  # the reading's own error follows
        try:
            reading.result()
        except _Retried:  # retried after a transient error: read it all again first
            tables, arriving.last_load = read_in_transaction(
                driver, database, _network_and_last_load
            )
            G = build_network(tables)
    G.graph["read_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    last = arriving.last_load
    if last:
        G.graph["source"] = last["source"]
        G.graph["loaded_at"] = str(_native(last["loaded_at"]))
    return G
