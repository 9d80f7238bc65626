"""Reading the network from Neo4j into the typed NetworkX graph.

One query per kind of record, giving rows keyed like the workbook's columns, so the
same :func:`graph.model.build_network` serves workbooks and the database. Nothing
here analyses.

The queries send many rows per record, since one Bolt record per row costs far more
than the rows themselves (at the national benchmark tier 196 k memberships took
7-10 s that way, now about 1 s): every record has one column, ``rows``, a list of
rows, each a list of values in the order of :data:`COLUMNS`. Node tables come
``$batch`` rows at a time, memberships and reporting lines one group at a time, so
the server never holds a whole table's values. Dates come as ISO text
(``toString``), parsed here: cheaper than the driver's date values. All tables are
read in one read transaction.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

import neo4j
import networkx as nx

from core.errors import SmpError
from cypher import query
from graph.model import build_network
from loader.spec import SHEETS_BY_NAME, Sheet, camel_case

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

T = TypeVar("T")

SHEET_QUERIES = {
    "areas": "read_areas",
    "organisations": "read_organisations",
    "people": "read_people",
    "groups": "read_groups",
    "memberships": "read_memberships",
    "reporting_lines": "read_reporting_lines",
    "meetings": "read_meetings",
    "attendance": "read_attendance",
}


def _columns(sheet: Sheet) -> tuple[str, ...]:
    return ((sheet.derived_id,) if sheet.derived_id else ()) + tuple(c.name for c in sheet.columns)


#: The keys of each table's rows, in the order the query's row lists hold them: the
#: workbook's columns (loader/spec.py), after the id the loader derives, if any.
COLUMNS = {name: _columns(SHEETS_BY_NAME[name]) for name in SHEET_QUERIES}

#: Columns the queries send as ISO text (``toString`` of a Neo4j date).
DATE_COLUMNS = frozenset(
    c.name for sheet in SHEETS_BY_NAME.values() for c in sheet.columns if c.kind == "date"
)

_MARKER = re.compile(r"/\*columns of (\w+)(?:; ([^*]*))?\*/")


def read_query(sheet: str) -> str:
    """The read statement of ``sheet``: its ``.cypher`` file with the row list filled in.

    Properties come from the spec, in backticks (names from a fixed list, never from
    input); links (columns stored as relationships) as the statement names them.
    """
    text = query(SHEET_QUERIES[sheet])
    match = _MARKER.search(text)
    if match is None:
        raise KeyError(f"{SHEET_QUERIES[sheet]}.cypher has no /*columns of ...*/ marker")
    var, named = match.group(1), match.group(2) or ""
    links = dict(part.split(": ", 1) for part in named.split(", ") if part)
    spec = SHEETS_BY_NAME[sheet]
    kinds = {c.name: c for c in spec.columns}
    expressions = []
    for name in COLUMNS[sheet]:
        column = kinds.get(name)
        if column is not None and column.link:
            expressions.append(links[name])
            continue
        prop = f"{var}.`{camel_case(name)}`"
        expressions.append(f"toString({prop})" if name in DATE_COLUMNS else prop)
    return text[: match.start()] + ", ".join(expressions) + text[match.end() :]


#: Rows per record of the node tables.
BATCH = 5000


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


@contextmanager
def _no_gc() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: building ~10^6 small lists and dicts
    otherwise sets off many collections that find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _table(tx: neo4j.ManagedTransaction, sheet: str) -> list[dict]:
    columns = COLUMNS[sheet]
    result = tx.run(_read_queries()[sheet], batch=BATCH)
    rows = [row for record in result for row in record[0]]
    parse = dt.date.fromisoformat
    for i, column in enumerate(columns):
        if column in DATE_COLUMNS:
            for row in rows:
                if row[i] is not None:
                    row[i] = parse(row[i])
    return [dict(zip(columns, row, strict=True)) for row in rows]


@cache
def _read_queries() -> dict[str, str]:
    return {sheet: read_query(sheet) for sheet in SHEET_QUERIES}


def _tables(tx: neo4j.ManagedTransaction) -> dict[str, list[dict]]:
    return {sheet: _table(tx, sheet) for sheet in SHEET_QUERIES}


def _read(
    driver: neo4j.Driver, database: str | None, work: Callable[[neo4j.ManagedTransaction], T]
) -> T:
    """``work`` in one read transaction (retried on transient errors)."""
    with (
        _no_gc(),
        driver.session(
            database=database, default_access_mode=neo4j.READ_ACCESS, fetch_size=-1
        ) as session,
    ):
        return session.execute_read(work)


def read_tables(driver: neo4j.Driver, database: str | None = None) -> dict[str, list[dict]]:
    """Every record of the network as plain dicts keyed like the workbook's columns.

    Values are Python's: dates as :class:`datetime.date`, ``None`` where missing.
    """
    return _read(driver, database, _tables)


def _network_and_last_load(tx: neo4j.ManagedTransaction) -> tuple[dict, dict | None]:
    _check_complete(tx)
    tables = _tables(tx)
    last = tx.run(query("read_last_load")).single()
    return tables, None if last is None else last.data()


def read_network(driver: neo4j.Driver, database: str | None = None) -> nx.MultiDiGraph:
    """The whole network (every date) as the typed graph of :mod:`graph.model`.

    Analyses take the as-of date themselves, since coverage needs past and future
    terms too. ``G.graph`` records when it was read and the last load.

    Raises :class:`IncompleteLoad` while a load committed in several transactions
    has not finished.
    """
    tables, last = _read(driver, database, _network_and_last_load)
    with _no_gc():
        G = build_network(tables)
    G.graph["read_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    if last:
        G.graph["source"] = last["source"]
        G.graph["loaded_at"] = str(_native(last["loaded_at"]))
    return G
