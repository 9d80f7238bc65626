"""The network as a NetworkX graph: one typed ``MultiDiGraph`` for every analysis.

Nodes are keyed ``"<label>:<id>"`` (``"group:G-KIR-MAF"``) so ids from different
sheets never collide; each node carries ``label`` (``Area``, ``Organisation``,
``Person``, ``Group``, ``Meeting``), ``id`` and the record's fields. Edges carry
``rel``, the relationship type used in Neo4j:

=============  =====================  ==============================================
rel            from → to              attributes
=============  =====================  ==============================================
WITHIN         Area → parent Area
BASED_IN       Organisation → Area
PART_OF        Organisation → parent
WORKS_FOR      Person → Organisation
COVERS         Group → Area
HOSTED_BY      Group → Organisation
MEMBER_OF      Person → Group         role, selection, represents, start, end
REPORTS_TO     Group → Group          kind, two_way, start, end
MEETING_OF     Meeting → Group
ATTENDED       Person → Meeting       attended
=============  =====================  ==============================================

Membership and reporting-line edges are keyed by their stable ids, so a person may
hold several memberships of one group (a renewed term, say).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

import networkx as nx

from core.identity import line_ids, line_keys, membership_ids, membership_keys
from graph.fastnx import add_keyed_edges, adjacency, put_nodes

__all__ = [
    "AREA",
    "GROUP",
    "MEETING",
    "ORGANISATION",
    "PERSON",
    "build_network",
    "is_active",
    "memberships",
    "node_key",
    "nodes_of",
    "reporting_lines",
    "unchanged",
]

AREA, ORGANISATION, PERSON, GROUP, MEETING = "Area", "Organisation", "Person", "Group", "Meeting"
_PREFIX = {AREA: "area", ORGANISATION: "org", PERSON: "person", GROUP: "group", MEETING: "meeting"}


def node_key(label: str, id_: str) -> str:
    """The graph's key for a record: ``node_key(GROUP, "G-1") == "group:G-1"``."""
    return f"{_PREFIX[label]}:{id_}"


def is_active(start: dt.date | None, end: dt.date | None, as_of: dt.date) -> bool:
    """Active at ``as_of``: no start or start <= as_of, and no end or end >= as_of.

    Examples
    --------
    >>> import datetime as dt
    >>> is_active(None, dt.date(2026, 9, 30), dt.date(2026, 9, 30))
    True
    >>> is_active(dt.date(2026, 10, 1), None, dt.date(2026, 9, 30))
    False
    """
    return (start is None or start <= as_of) and (end is None or end >= as_of)


def _row_ids(rows: list[Mapping], column: str, made) -> list[str]:
    """The ids rows carry (read from Neo4j), else those ``made`` for the whole table
    (workbook rows: :mod:`core.identity`)."""
    if rows and all(row.get(column) for row in rows):
        return [row[column] for row in rows]
    return made(rows)


def _record_node(label: str, row: Mapping, id_column: str, **fields) -> tuple[str, dict]:
    """A record as a node's ``(key, data)``: its extra columns, then any column of the
    workbook this function does not name (so a new column of loader/spec.py arrives
    without a change here), then ``fields``, ``label`` and ``id``."""
    id_ = row[id_column]
    rest = {k: v for k, v in row.items() if k not in _NOT_FIELDS and k != id_column}
    data = {**dict(row.get("extra") or {}), **rest, **fields, "label": label, "id": id_}
    return node_key(label, id_), data


_NOT_FIELDS = frozenset({"row", "extra"})
_MEMBERSHIP_COLUMNS = frozenset({
    "person_id", "group_id", "membership_id", "role", "selection", "represents_area_id",
    "start_date", "end_date", *_NOT_FIELDS,
})  # fmt: skip
_LINE_COLUMNS = frozenset({
    "from_group_id", "to_group_id", "line_id", "kind", "two_way", "start_date", "end_date",
    *_NOT_FIELDS,
})  # fmt: skip


def _more_columns(rows, named: frozenset[str]) -> list[str]:
    """Columns of a sheet's rows that build_network does not name (a column added to
    loader/spec.py later): they become edge attributes as they are."""
    first = next(iter(rows), None)
    return [k for k in first if k not in named] if first is not None else []


class TableRows(Protocol):
    """A table as rows: ``rows`` of values in the order of ``columns``
    (:class:`loader.readback.Rows`)."""

    columns: tuple[str, ...]
    rows: list[list]

    def records(self) -> list[dict]: ...


#: A table for :func:`build_network`: records, or (memberships and attendance) rows.
Table = Iterable[Mapping] | TableRows


def build_network(tables: Mapping[str, Table], *, ids: bool = True) -> nx.MultiDiGraph:
    """Build the typed graph from records keyed like the workbook's columns.

    ``tables`` maps sheet names (``areas``, ``organisations``, ``people``, ``groups``,
    ``memberships``, ``reporting_lines``, ``meetings``, ``attendance``) to records,
    as :func:`loader.validate.load_workbook` and :func:`graph.read.read_network` give.
    The memberships and the attendance may also come as rows
    (:class:`loader.readback.Rows`, as :func:`graph.read.read_network` reads them):
    the same graph.

    With ``ids=False``, memberships and reporting lines the workbook gives without ids
    are keyed by what identifies them (:func:`core.identity.membership_keys`: tuples)
    rather than by ids made from it: the same edges, without hashing each record (a
    second for a national network), for a network nobody reads ids from
    (:func:`graph.impact.update_impact`).

    Examples
    --------
    >>> G = build_network({
    ...     "groups": [{"group_id": "G-1", "name": "Forum", "level": "local"}],
    ...     "people": [{"person_id": "P-1", "name": "Ann"}],
    ...     "memberships": [{"person_id": "P-1", "group_id": "G-1", "role": "member"}],
    ... })
    >>> sorted(G.nodes)
    ['group:G-1', 'person:P-1']
    """
    G = nx.MultiDiGraph()
    _add_records(G, tables)
    meetings = list(tables.get("meetings", ()))
    put_nodes(G, (_record_node(MEETING, row, "meeting_id", group_id=row["group_id"],
                        date=row.get("date"), format=row.get("format"))
                  for row in meetings))  # fmt: skip
    # Key 0, as add_edge gives the first edge between two nodes: a meeting has one group.
    add_keyed_edges(G, ((node_key(MEETING, row["meeting_id"]), node_key(GROUP, row["group_id"]),
                         0, {"rel": "MEETING_OF"}) for row in meetings))  # fmt: skip
    add_keyed_edges(G, _links(G))
    _add_memberships(G, tables.get("memberships", ()), membership_ids if ids else membership_keys)
    _add_reporting_lines(G, list(tables.get("reporting_lines", ())), line_ids if ids else line_keys)
    _add_attendance(G, tables.get("attendance", ()))
    # Rounds of elections and group rules are records about areas and groups, not
    # nodes of the network: kept beside it, for the rep cycle and the groups' rules.
    for sheet in ("elections", "group_rules"):
        G.graph[sheet] = [
            {k: v for k, v in row.items() if k not in _NOT_FIELDS}
            for row in _records(tables.get(sheet, ()))
        ]
    return G


def _add_records(G: nx.MultiDiGraph, tables: Mapping[str, Iterable[Mapping]]) -> None:
    """The areas, organisations, people and groups as nodes."""
    put_nodes(G, (_record_node(AREA, row, "area_id", name=row["name"], type=row["type"],
                        parent_id=row.get("parent_id"))
                  for row in tables.get("areas", ())))  # fmt: skip
    put_nodes(G, (_record_node(ORGANISATION, row, "org_id", name=row["name"], sector=row["sector"],
                        area_id=row.get("area_id"), parent_org_id=row.get("parent_org_id"))
                  for row in tables.get("organisations", ())))  # fmt: skip
    put_nodes(G, (_record_node(PERSON, row, "person_id", name=row["name"], org_id=row.get("org_id"),
                        email=row.get("email"), phone=row.get("phone"))
                  for row in tables.get("people", ())))  # fmt: skip
    put_nodes(G, (_record_node(
        GROUP, row, "group_id", name=row["name"], level=row["level"],
        kind=row.get("kind"), area_id=row.get("area_id"), host_org_id=row.get("host_org_id"),
        workstreams=list(row.get("workstreams") or []),
        meetings_per_year=row.get("meetings_per_year"),
        confidential=bool(row.get("confidential") or False),
    ) for row in tables.get("groups", ())))  # fmt: skip


#: The relationships a node's own fields make: ``(label, field, target label, rel)``.
_LINKS = (
    (AREA, "parent_id", AREA, "WITHIN"),
    (ORGANISATION, "area_id", AREA, "BASED_IN"),
    (ORGANISATION, "parent_org_id", ORGANISATION, "PART_OF"),
    (PERSON, "org_id", ORGANISATION, "WORKS_FOR"),
    (GROUP, "area_id", AREA, "COVERS"),
    (GROUP, "host_org_id", ORGANISATION, "HOSTED_BY"),
)
_LINKS_BY_LABEL = {
    label: [(field, target, rel) for own, field, target, rel in _LINKS if own == label]
    for label in (AREA, ORGANISATION, PERSON, GROUP)
}


def _links(G: nx.MultiDiGraph) -> list[tuple[str, str, str, dict]]:
    """The edges of :data:`_LINKS`, node by node (keyed by ``rel``), for
    :func:`add_keyed_edges`."""
    links = []
    for key, data in G.nodes(data=True):
        for field, target_label, rel in _LINKS_BY_LABEL.get(data["label"], ()):
            target = data[field]
            if data["id"] is not None and target is not None:
                links.append((key, node_key(target_label, target), rel, {"rel": rel}))
    return links


def _columnar(table: Table, needed: Iterable[str]) -> tuple[dict[str, int], list] | None:
    """Where a table came as rows (:class:`loader.readback.Rows`: ``columns``, and
    ``rows`` of values in their order) with every column of ``needed``: each column's
    position, and the rows. None for records (dicts), or rows lacking a column.

    The build takes the two largest tables as read this way (:func:`graph.read.read_network`):
    a record made of each row only to be taken apart again cost 0.4 s of the read of a
    national network (BENCHMARKS.md, stop 25).
    """
    columns, rows = getattr(table, "columns", None), getattr(table, "rows", None)
    if not isinstance(columns, tuple) or not isinstance(rows, list):
        return None
    at = {column: i for i, column in enumerate(columns)}
    return (at, rows) if all(name in at for name in needed) else None


def _records(table: Table) -> list[Mapping]:
    """The table's records (dicts), whether it came as records or as rows. Anything
    with ``columns`` and ``records()`` counts as rows here, also rows that
    :func:`_columnar` does not take (columns as a list, say): those fall back to records."""
    if hasattr(table, "columns") and callable(getattr(table, "records", None)):
        return table.records()
    return list(table)


_MEMBERSHIP_NEEDED = (
    "membership_id", "person_id", "group_id", "role", "selection", "represents_area_id",
    "start_date", "end_date",
)  # fmt: skip


def _add_memberships(G: nx.MultiDiGraph, table: Table, made) -> None:
    """Memberships as ``MEMBER_OF`` edges keyed by their ids (``made`` for the whole
    table if not read)."""
    columnar = _columnar(table, _MEMBERSHIP_NEEDED)
    if columnar is not None and all(row[columnar[0]["membership_id"]] for row in columnar[1]):
        _add_membership_rows(G, *columnar)  # rows with their ids, as read
        return
    members = _records(table)
    more = _more_columns(members, _MEMBERSHIP_COLUMNS)
    ids = _row_ids(members, "membership_id", made)
    columns = (*_MEMBERSHIP_NEEDED, *more)
    optional = columns[4:]  # after the id, the person, the group and the role
    rows = [[membership, row["person_id"], row["group_id"], row["role"], *map(row.get, optional)]
            for row, membership in zip(members, ids, strict=True)]  # fmt: skip
    _add_membership_rows(G, {column: i for i, column in enumerate(columns)}, rows)


def _add_membership_rows(G: nx.MultiDiGraph, at: dict[str, int], rows: list[list]) -> None:
    """The ``MEMBER_OF`` edges of membership rows with their ids, taken by position
    (``at``: each column's)."""
    # Node keys spelt out as node_key spells them (here and for the attendance, the two
    # largest tables): 330,000 function calls saved at national scale.
    i_id, i_person, i_group, i_role, i_selection, i_represents, i_start, i_end = (
        at[name] for name in _MEMBERSHIP_NEEDED
    )
    more = [(name, i) for name, i in at.items() if name not in _MEMBERSHIP_COLUMNS]
    edges = (
        (
            f"person:{row[i_person]}", f"group:{row[i_group]}", row[i_id],
            {"rel": "MEMBER_OF", "role": row[i_role],
             "selection": row[i_selection] or "appointed",
             "represents": row[i_represents],
             "start": row[i_start], "end": row[i_end]},
        )
        for row in rows
    )  # fmt: skip
    if more:  # a workbook's own columns: only then a dict of them per row (a second)
        edges = _with_more(edges, rows, more)
    add_keyed_edges(G, edges)


def _with_more(edges: Iterable[tuple], rows: list[list], more: list[tuple[str, int]]):
    """``edges`` with each row's columns of ``more`` (name, position) in its data."""
    for (u, v, key, data), row in zip(edges, rows, strict=True):
        data.update({name: row[i] for name, i in more})
        yield u, v, key, data


def _add_attendance(G: nx.MultiDiGraph, table: Table) -> None:
    """Attendance as ``ATTENDED`` edges, one per person and meeting."""
    columnar = _columnar(table, ("person_id", "meeting_id"))
    if columnar is None:  # records: taken by position as rows are
        at = {"person_id": 0, "meeting_id": 1, "attended": 2}
        rows = [[row["person_id"], row["meeting_id"], row.get("attended")]
                for row in _records(table)]  # fmt: skip
    else:
        at, rows = columnar
    i_person, i_meeting, i_attended = at["person_id"], at["meeting_id"], at.get("attended")
    add_keyed_edges(
        G,
        (
            (f"person:{row[i_person]}", f"meeting:{row[i_meeting]}", "ATTENDED",
             {"rel": "ATTENDED",
              "attended": i_attended is None or row[i_attended] is None or bool(row[i_attended])})
            for row in rows
        ),
    )  # fmt: skip


def _add_reporting_lines(G: nx.MultiDiGraph, lines: list[Mapping], made) -> None:
    """Reporting lines as ``REPORTS_TO`` edges keyed by their ids (``made`` for the
    whole table if not read)."""
    more = _more_columns(lines, _LINE_COLUMNS)
    for row, line_id in zip(lines, _row_ids(lines, "line_id", made), strict=True):
        two_way = row.get("two_way")
        G.add_edge(
            node_key(GROUP, row["from_group_id"]), node_key(GROUP, row["to_group_id"]),
            key=line_id, rel="REPORTS_TO", kind=row.get("kind") or "feeds_into",
            two_way=True if two_way is None else bool(two_way),
            start=row.get("start_date"), end=row.get("end_date"),
            **{k: row.get(k) for k in more},
        )  # fmt: skip


def nodes_of(G: nx.MultiDiGraph, label: str) -> Iterator[tuple[str, dict]]:
    """``(key, data)`` of every node with ``label``."""
    memo = _memo(G)
    if memo is not None:
        return iter(memo.nodes(label))
    return ((n, d) for n, d in G.nodes(data=True) if d.get("label") == label)


def memberships(
    G: nx.MultiDiGraph, as_of: dt.date | None = None
) -> Iterator[tuple[str, str, str, dict]]:
    """``(person, group, membership_id, data)`` of memberships (active at ``as_of`` if given)."""
    return _edges_of(G, "MEMBER_OF", as_of)


def reporting_lines(
    G: nx.MultiDiGraph, as_of: dt.date | None = None
) -> Iterator[tuple[str, str, str, dict]]:
    """``(from, to, line_id, data)`` of reporting lines (active at ``as_of`` if given)."""
    return _edges_of(G, "REPORTS_TO", as_of)


class _Memo:
    """What :func:`unchanged` keeps for its graph: nodes by label, edges by ``rel``.

    Each is found by one pass over the whole graph, the first time it is asked for.
    Edges are kept column by column (sources, targets, keys, data): a few long
    lists rather than one tuple per edge, which would cost the garbage collector
    a full pass over the graph.
    """

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self._labels: dict[str, list[tuple[str, dict]]] | None = None
        self._rels: dict[str, _Columns] | None = None
        self._active: dict[tuple[str, dt.date], _Columns] = {}

    def nodes(self, label: str) -> list[tuple[str, dict]]:
        if self._labels is None:
            self._labels = {}
            for node, data in self.G.nodes(data=True):
                self._labels.setdefault(data.get("label"), []).append((node, data))
        return self._labels.get(label, [])

    def edges(self, rel: str, as_of: dt.date | None) -> Iterator[tuple[str, str, str, dict]]:
        """The edges of ``rel`` (one of ``_MEMO_RELS``), active at ``as_of`` if given."""
        if self._rels is None:
            self._rels = self._scan_rels()
        columns = self._rels[rel]
        if as_of is not None:
            if (rel, as_of) not in self._active:
                active = [
                    i
                    for i, data in enumerate(columns[3])
                    if is_active(data["start"], data["end"], as_of)
                ]
                sources, targets, keys, datas = ([column[i] for i in active] for column in columns)
                self._active[rel, as_of] = (sources, targets, keys, datas)
            columns = self._active[rel, as_of]
        return zip(*columns, strict=True)

    def _scan_rels(self) -> dict[str, _Columns]:
        """The edges of each of ``_MEMO_RELS`` in the order of :func:`_scan`, in one pass
        (the loops of ``_scan`` written out: a national graph's 430,000 edges cost half
        as much without a generator in between)."""
        rels: dict[str, _Columns] = {kept: ([], [], [], []) for kept in _MEMO_RELS}
        for source, neighbours in adjacency(self.G).items():  # directed: see unchanged()
            for target, keyed in neighbours.items():
                for key, data in keyed.items():
                    columns = rels.get(data.get("rel"))
                    if columns is not None:
                        columns[0].append(source)
                        columns[1].append(target)
                        columns[2].append(key)
                        columns[3].append(data)
        return rels


_Columns = tuple[list[str], list[str], list[str], list[dict]]
_MEMO_RELS = ("MEMBER_OF", "REPORTS_TO")
#: The memos of the graphs promised unchanged in this context, by ``id`` (each memo
#: holds its graph, so no other graph can take that ``id`` while the memo lives).
_MEMO: ContextVar[dict[int, _Memo] | None] = ContextVar("graph_model_memo", default=None)


@contextmanager
def unchanged(G: nx.MultiDiGraph) -> Iterator[nx.MultiDiGraph]:
    """Promise that ``G`` does not change inside the block, so scans of it can be shared.

    Inside the block, :func:`nodes_of`, :func:`memberships` and
    :func:`reporting_lines` called on ``G`` itself scan the graph once (per label,
    and per relationship and as-of date) and then answer from what they found.
    Outside the block, or for any other graph (a copy, a subgraph), every call scans
    afresh, so a graph that is changed later is never answered from a stale scan.
    Changing ``G`` inside the block is a bug. Blocks nest, for the same graph (the
    inner one changes nothing) or another (both are memoised: comparing two networks
    scans each once). The memo is per thread (a context variable) and ends with the
    block. It serves directed graphs (the typed graph of :func:`build_network`); an
    undirected one is scanned afresh each time.

    Examples
    --------
    >>> G = build_network({"groups": [{"group_id": "G-1", "name": "Forum", "level": "local"}]})
    >>> with unchanged(G):
    ...     [key for key, _data in nodes_of(G, GROUP)]
    ['group:G-1']
    """
    current = _MEMO.get() or {}
    if id(G) in current or not G.is_directed():
        yield G
        return
    token = _MEMO.set({**current, id(G): _Memo(G)})
    try:
        yield G
    finally:
        _MEMO.reset(token)


def _memo(G: nx.MultiDiGraph) -> _Memo | None:
    memo = (_MEMO.get() or {}).get(id(G))
    return memo if memo is not None and memo.G is G else None


def _scan(G: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict]]:
    """Every edge as ``(u, v, key, data)``, in the order of ``G.edges(keys=True, data=True)``."""
    if not G.is_directed():  # the adjacency holds each edge twice: let the view pick one
        yield from G.edges(keys=True, data=True)
        return
    # Straight from the adjacency: much faster than the edge view.
    for source, neighbours in G.adjacency():
        for target, keyed in neighbours.items():
            for key, data in keyed.items():
                yield source, target, key, data


def _active(
    edges: Iterable[tuple[str, str, str, dict]], as_of: dt.date
) -> Iterator[tuple[str, str, str, dict]]:
    for edge in edges:
        if is_active(edge[3]["start"], edge[3]["end"], as_of):
            yield edge


def _edges_of(
    G: nx.MultiDiGraph, rel: str, as_of: dt.date | None
) -> Iterator[tuple[str, str, str, dict]]:
    memo = _memo(G)
    if memo is not None and rel in _MEMO_RELS:
        return memo.edges(rel, as_of)
    edges = (edge for edge in _scan(G) if edge[3].get("rel") == rel)
    return edges if as_of is None else _active(edges, as_of)
