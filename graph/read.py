"""Reading the network from Neo4j into the typed NetworkX graph.

One query per kind of record, each returning plain columns named like the
workbook's, so the same :func:`graph.model.build_network` serves workbooks and the
database. Nothing here analyses.
"""

from __future__ import annotations

import datetime as dt

import neo4j
import networkx as nx

from cypher import query
from graph.model import build_network

__all__ = ["SHEET_QUERIES", "read_network", "read_tables"]

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


def _native(value: object) -> object:
    return value.to_native() if hasattr(value, "to_native") else value


def read_tables(driver: neo4j.Driver, database: str | None = None) -> dict[str, list[dict]]:
    """Every record of the network as plain dicts keyed like the workbook's columns."""
    tables = {}
    for sheet, name in SHEET_QUERIES.items():
        records, _summary, keys = driver.execute_query(
            query(name), database_=database, routing_=neo4j.RoutingControl.READ
        )
        tables[sheet] = [
            {key: _native(value) for key, value in zip(keys, record.values(), strict=True)}
            for record in records
        ]
    return tables


def read_network(driver: neo4j.Driver, database: str | None = None) -> nx.MultiDiGraph:
    """The whole network (every date) as the typed graph of :mod:`graph.model`.

    Analyses take the as-of date themselves, since coverage needs past and future
    terms too. ``G.graph`` records when it was read and the last load.
    """
    G = build_network(read_tables(driver, database))
    records, _, _ = driver.execute_query(query("read_last_load"), database_=database)
    G.graph["read_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    if records:
        last = records[0]
        G.graph["source"] = last["source"]
        G.graph["loaded_at"] = str(_native(last["loaded_at"]))
    return G
