"""Exports for other tools: a network view as GraphML or GEXF (Gephi), and the whole
network as an Excel workbook in the contract's own format (``smp load`` reads it back)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
from openpyxl import Workbook

from core.cells import append_row
from loader.spec import SHEETS

__all__ = ["write_network_file", "write_workbook_xlsx"]


def _clean(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return ";".join(str(v) for v in value)
    return value


def write_network_file(H: nx.Graph, path: Path, fmt: str) -> Path:
    """Write a view (e.g. ``graph.views.explorer_graph``) as ``graphml`` or ``gexf``."""
    clean = nx.Graph() if not H.is_directed() else nx.DiGraph()
    for n, d in H.nodes(data=True):
        attrs = {k: _clean(v) for k, v in d.items() if v is not None}
        # GEXF takes a node's "id" and "label" attributes as its id and shown label:
        # keep our keys as ids, show names, and keep the kind of record as node_type.
        attrs["node_type"] = attrs.pop("label", "")
        attrs["record_id"] = attrs.pop("id", str(n))
        attrs["label"] = attrs.get("name") or attrs["record_id"]
        clean.add_node(n, **attrs)
    for u, v, d in H.edges(data=True):
        clean.add_edge(u, v, **{k: _clean(x) for k, x in d.items() if x is not None})
    if fmt == "graphml":
        nx.write_graphml(clean, path)
    elif fmt == "gexf":
        nx.write_gexf(clean, path)
    else:
        raise ValueError(f"unknown network format {fmt!r}")
    return path


def write_workbook_xlsx(tables: dict[str, list[dict]], path: Path) -> Path:
    """The records (as ``graph.read.read_tables`` gives them) as a contract workbook."""
    book = Workbook()
    book.remove(book.active)
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.name)
        columns = [c.name for c in sheet.columns]
        ws.append(columns)
        for record in tables.get(sheet.name, []):
            row = []
            for column in sheet.columns:
                value = record.get(column.name)
                if column.kind == "list":
                    value = ";".join(value or [])
                elif column.kind == "bool" and value is not None:
                    value = "true" if value else "false"
                row.append(value)
            append_row(ws, row)
    book.save(path)
    return path
