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

import networkx as nx

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


def _membership_id(row: Mapping) -> str:
    if row.get("membership_id"):
        return row["membership_id"]
    from loader.validate import membership_id

    return membership_id(row)


def _line_id(row: Mapping) -> str:
    if row.get("line_id"):
        return row["line_id"]
    from loader.validate import reporting_line_id

    return reporting_line_id(row)


def _extra(row: Mapping) -> dict:
    return dict(row.get("extra") or {})


def build_network(tables: Mapping[str, Iterable[Mapping]]) -> nx.MultiDiGraph:
    """Build the typed graph from records keyed like the workbook's columns.

    ``tables`` maps sheet names (``areas``, ``organisations``, ``people``, ``groups``,
    ``memberships``, ``reporting_lines``, ``meetings``, ``attendance``) to records,
    as :func:`loader.validate.load_workbook` and :func:`graph.read.read_network` give.

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
    for row in tables.get("areas", ()):
        G.add_node(
            node_key(AREA, row["area_id"]), **_extra(row),
            label=AREA, id=row["area_id"], name=row["name"], type=row["type"],
            parent_id=row.get("parent_id"),
        )  # fmt: skip
    for row in tables.get("organisations", ()):
        G.add_node(
            node_key(ORGANISATION, row["org_id"]), **_extra(row),
            label=ORGANISATION, id=row["org_id"], name=row["name"], sector=row["sector"],
            area_id=row.get("area_id"), parent_org_id=row.get("parent_org_id"),
        )  # fmt: skip
    for row in tables.get("people", ()):
        G.add_node(
            node_key(PERSON, row["person_id"]), **_extra(row),
            label=PERSON, id=row["person_id"], name=row["name"], org_id=row.get("org_id"),
            email=row.get("email"), phone=row.get("phone"),
        )  # fmt: skip
    for row in tables.get("groups", ()):
        G.add_node(
            node_key(GROUP, row["group_id"]), **_extra(row),
            label=GROUP, id=row["group_id"], name=row["name"], level=row["level"],
            kind=row.get("kind"), area_id=row.get("area_id"), host_org_id=row.get("host_org_id"),
            workstreams=list(row.get("workstreams") or []),
            meetings_per_year=row.get("meetings_per_year"),
            confidential=bool(row.get("confidential") or False),
        )  # fmt: skip
    for row in tables.get("meetings", ()):
        G.add_node(
            node_key(MEETING, row["meeting_id"]), **_extra(row),
            label=MEETING, id=row["meeting_id"], group_id=row["group_id"], date=row.get("date"),
            format=row.get("format"),
        )  # fmt: skip
        G.add_edge(
            node_key(MEETING, row["meeting_id"]), node_key(GROUP, row["group_id"]),
            rel="MEETING_OF",
        )  # fmt: skip

    def link(label: str, id_: str | None, target_label: str, target: str | None, rel: str):
        if id_ is not None and target is not None:
            G.add_edge(node_key(label, id_), node_key(target_label, target), key=rel, rel=rel)

    for _key, data in list(G.nodes(data=True)):
        label = data["label"]
        if label == AREA:
            link(AREA, data["id"], AREA, data["parent_id"], "WITHIN")
        elif label == ORGANISATION:
            link(ORGANISATION, data["id"], AREA, data["area_id"], "BASED_IN")
            link(ORGANISATION, data["id"], ORGANISATION, data["parent_org_id"], "PART_OF")
        elif label == PERSON:
            link(PERSON, data["id"], ORGANISATION, data["org_id"], "WORKS_FOR")
        elif label == GROUP:
            link(GROUP, data["id"], AREA, data["area_id"], "COVERS")
            link(GROUP, data["id"], ORGANISATION, data["host_org_id"], "HOSTED_BY")
    for row in tables.get("memberships", ()):
        G.add_edge(
            node_key(PERSON, row["person_id"]), node_key(GROUP, row["group_id"]),
            key=_membership_id(row), rel="MEMBER_OF", role=row["role"],
            selection=row.get("selection") or "appointed",
            represents=row.get("represents_area_id"),
            start=row.get("start_date"), end=row.get("end_date"),
        )  # fmt: skip
    for row in tables.get("reporting_lines", ()):
        two_way = row.get("two_way")
        G.add_edge(
            node_key(GROUP, row["from_group_id"]), node_key(GROUP, row["to_group_id"]),
            key=_line_id(row), rel="REPORTS_TO", kind=row.get("kind") or "feeds_into",
            two_way=True if two_way is None else bool(two_way),
            start=row.get("start_date"), end=row.get("end_date"),
        )  # fmt: skip
    for row in tables.get("attendance", ()):
        attended = row.get("attended")
        G.add_edge(
            node_key(PERSON, row["person_id"]), node_key(MEETING, row["meeting_id"]),
            key="ATTENDED", rel="ATTENDED", attended=True if attended is None else bool(attended),
        )  # fmt: skip
    return G


def nodes_of(G: nx.MultiDiGraph, label: str) -> Iterator[tuple[str, dict]]:
    """``(key, data)`` of every node with ``label``."""
    return ((n, d) for n, d in G.nodes(data=True) if d.get("label") == label)


def memberships(
    G: nx.MultiDiGraph, as_of: dt.date | None = None
) -> Iterator[tuple[str, str, str, dict]]:
    """``(person, group, membership_id, data)`` of memberships (active at ``as_of`` if given)."""
    for person, group, key, data in G.edges(keys=True, data=True):
        if data.get("rel") == "MEMBER_OF" and (
            as_of is None or is_active(data["start"], data["end"], as_of)
        ):
            yield person, group, key, data


def reporting_lines(
    G: nx.MultiDiGraph, as_of: dt.date | None = None
) -> Iterator[tuple[str, str, str, dict]]:
    """``(from, to, line_id, data)`` of reporting lines (active at ``as_of`` if given)."""
    for source, target, key, data in G.edges(keys=True, data=True):
        if data.get("rel") == "REPORTS_TO" and (
            as_of is None or is_active(data["start"], data["end"], as_of)
        ):
            yield source, target, key, data
