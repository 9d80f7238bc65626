"""Reading the network back: the batched queries of :mod:`graph.read` give exactly
what one record per row gives (values, Python types, key order and row order)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import graph.read
import loader.readback
from graph.model import build_network
from graph.read import (
    BUILD_ORDER,
    COLUMNS,
    SHEET_QUERIES,
    read_network,
    read_query,
    read_tables,
)
from loader.write import ensure_schema
from tests.conftest import retry_once_after_delivering, run_smp

pytestmark = pytest.mark.neo4j
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample" / "uk"

# The plain way, one record per row with the driver's own dates: the reference.
REFERENCE = {
    "areas": """
        MATCH (a:Area)
        OPTIONAL MATCH (a)-[:WITHIN]->(parent:Area)
        RETURN a.areaId AS area_id, a.name AS name, a.type AS type, parent.areaId AS parent_id,
               a.dispersal AS dispersal, a.leadPersonId AS lead_person_id
    """,
    "organisations": """
        MATCH (o:Organisation)
        OPTIONAL MATCH (o)-[:BASED_IN]->(a:Area)
        OPTIONAL MATCH (o)-[:PART_OF]->(parent:Organisation)
        RETURN o.orgId AS org_id, o.name AS name, o.sector AS sector, a.areaId AS area_id,
               parent.orgId AS parent_org_id
    """,
    "people": """
        MATCH (p:Person)
        OPTIONAL MATCH (p)-[:WORKS_FOR]->(o:Organisation)
        RETURN p.personId AS person_id, p.name AS name, o.orgId AS org_id, p.email AS email,
               p.phone AS phone, p.councillor AS councillor, p.party AS party
    """,
    "groups": """
        MATCH (g:Group)
        OPTIONAL MATCH (g)-[:COVERS]->(a:Area)
        OPTIONAL MATCH (g)-[:HOSTED_BY]->(host:Organisation)
        RETURN g.groupId AS group_id, g.name AS name, g.level AS level, g.kind AS kind,
               a.areaId AS area_id, host.orgId AS host_org_id, g.workstreams AS workstreams,
               g.meetingsPerYear AS meetings_per_year, g.confidential AS confidential
    """,
    "memberships": """
        MATCH (p:Person)-[m:MEMBER_OF]->(g:Group)
        RETURN m.membershipId AS membership_id, p.personId AS person_id,
               g.groupId AS group_id, m.role AS role, m.representsAreaId AS represents_area_id,
               m.selection AS selection, m.startDate AS start_date, m.endDate AS end_date
    """,
    "reporting_lines": """
        MATCH (a:Group)-[r:REPORTS_TO]->(b:Group)
        RETURN r.lineId AS line_id, a.groupId AS from_group_id, b.groupId AS to_group_id,
               r.kind AS kind, r.twoWay AS two_way, r.startDate AS start_date,
               r.endDate AS end_date
    """,
    "meetings": """
        MATCH (m:Meeting)-[:MEETING_OF]->(g:Group)
        RETURN m.meetingId AS meeting_id, g.groupId AS group_id, m.date AS date,
               m.format AS format
    """,
    "attendance": """
        MATCH (p:Person)-[a:ATTENDED]->(m:Meeting)
        RETURN m.meetingId AS meeting_id, p.personId AS person_id, a.attended AS attended
    """,
    "elections": """
        MATCH (e:Election)
        RETURN e.electionId AS election_id, e.areaId AS area_id, e.groupId AS group_id,
               e.contactPersonId AS contact_person_id, e.nominationsOpen AS nominations_open,
               e.nominationsClose AS nominations_close, e.voteDate AS vote_date,
               e.approvedDate AS approved_date, e.outcome AS outcome,
               e.electedPersonId AS elected_person_id, e.candidates AS candidates
    """,
    "group_rules": """
        MATCH (r:GroupRule)
        RETURN r.ruleId AS rule_id, r.groupId AS group_id, r.kind AS kind, r.rule AS rule,
               r.sector AS sector, r.value AS value
    """,
}


def _native(value: object) -> object:
    return value.to_native() if hasattr(value, "to_native") else value


def _reference(driver) -> dict[str, list[dict]]:
    tables = {}
    for sheet, text in REFERENCE.items():
        records, _, keys = driver.execute_query(text)
        tables[sheet] = [
            {key: _native(value) for key, value in zip(keys, record.values(), strict=True)}
            for record in records
        ]
    return tables


def _typed(tables: dict[str, list[dict]]) -> dict[str, list[list]]:
    """Rows as ``(key, type, value)`` triples: equal only if keys, order and types are."""
    return {
        sheet: [[(key, type(value), value) for key, value in row.items()] for row in rows]
        for sheet, rows in tables.items()
    }


@pytest.fixture(scope="module")
def sample(driver):
    result = run_smp("load", str(SAMPLE), "--replace")
    assert result.returncode == 0, result.stderr
    return driver


@pytest.fixture(scope="module")
def reference(sample):
    return _reference(sample)


def test_every_sheet_has_its_columns():
    assert set(COLUMNS) == set(SHEET_QUERIES) == set(REFERENCE)


def test_tables_equal_one_record_per_row(sample, reference):
    tables = read_tables(sample)
    assert list(tables) == list(REFERENCE)
    assert all(reference[sheet] for sheet in REFERENCE), "the sample fills every sheet"
    assert _typed(tables) == _typed(reference)


def test_small_batches_give_the_same_tables(sample, reference, monkeypatch):
    monkeypatch.setattr(loader.readback, "BATCH", 7)
    assert _typed(read_tables(sample)) == _typed(reference)


def test_dates_are_python_dates_and_missing_values_none(sample):
    tables = read_tables(sample)
    for sheet, column in [
        ("memberships", "start_date"), ("memberships", "end_date"),
        ("reporting_lines", "start_date"), ("reporting_lines", "end_date"),
        ("meetings", "date"),
    ]:  # fmt: skip
        values = [row[column] for row in tables[sheet]]
        assert all(v is None or type(v) is dt.date for v in values), (sheet, column)
        assert any(v is not None for v in values), (sheet, column)
    assert any(row["end_date"] is None for row in tables["memberships"])


def test_read_network_is_the_graph_of_the_tables(sample, reference):
    G = read_network(sample)
    expected = build_network(reference)
    assert list(G.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(G.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert G.graph["source"].endswith("uk")
    assert G.graph["loaded_at"] and G.graph["read_at"]


def test_tables_are_read_in_the_order_the_build_asks_for_them(reference):
    """read_network builds each table while the next is read: that only helps while
    BUILD_ORDER is the order build_network asks in."""
    asked = []

    class Recording(dict):
        def get(self, sheet, default=None):
            asked.append(sheet)
            return super().get(sheet, default)

    build_network(Recording(reference))
    assert asked == list(BUILD_ORDER)
    assert set(BUILD_ORDER) == set(SHEET_QUERIES)


def _same_graph(G, H) -> bool:
    return list(G.nodes(data=True)) == list(H.nodes(data=True)) and list(
        G.edges(keys=True, data=True)
    ) == list(H.edges(keys=True, data=True))


def test_a_retried_read_is_read_again_whole(sample, reference, monkeypatch):
    """A read transaction retried after some tables went to the build (a transient
    error) cannot take them back: the network is read again, all of it."""
    calls = retry_once_after_delivering(monkeypatch, graph.read)
    G = read_network(sample)
    assert len(calls) == 2
    assert _same_graph(G, build_network(reference))
    assert G.graph["source"].endswith("uk")


def test_a_read_failing_half_way_raises_its_own_error(sample, monkeypatch):
    """The build waiting for the next table stops, and the reading's error is raised
    (not the build's), with nothing left running."""
    original = graph.read.read_rows  # the memberships are read as rows (graph.read.AS_ROWS)
    assert "memberships" in graph.read.AS_ROWS

    def failing(tx, sheet):
        if sheet == "memberships":
            raise RuntimeError("the server went away")
        return original(tx, sheet)

    monkeypatch.setattr(graph.read, "read_rows", failing)
    with pytest.raises(RuntimeError, match="went away"):
        read_network(sample)


def test_an_empty_database_reads_as_empty(empty_db):
    # Last in the module: it empties the database the fixtures above loaded.
    assert read_tables(empty_db) == {sheet: [] for sheet in SHEET_QUERIES}
    G = read_network(empty_db)
    assert G.number_of_nodes() == 0 and "source" not in G.graph


def _plan_shapes(driver) -> dict:
    """Each read statement's plan as the server would make it now (its cache emptied
    first: ``replan=skip`` would otherwise answer with the plan it kept), as nested
    operator names, less property caching (which moves with the statistics and
    changes nothing read)."""

    def shape(plan: dict) -> tuple:
        children = tuple(shape(child) for child in plan.get("children", ()))
        name = plan["operatorType"].split("@")[0]
        return children[0] if name == "CacheProperties" else (name, children)

    driver.execute_query("CALL db.clearQueryCaches()")
    shapes = {}
    with driver.session() as session:
        for extras in (False, True):
            for sheet in SHEET_QUERIES:
                text = loader.readback.read_query(sheet, extras)
                summary = session.run("EXPLAIN " + text, batch=1).consume()
                shapes[sheet, extras] = shape(summary.plan)
    return shapes


def test_read_plans_do_not_depend_on_the_data(empty_db):
    # The read statements run with replan=skip (loader.readback.read_query): the plan
    # made the first time is kept however the database grows, so it must be the
    # plan a loaded database gets. Without the hints in read_attendance and
    # read_meetings, an empty database scans the relationships by type.
    ensure_schema(empty_db)  # the indexes a first load makes, whatever ran before
    empty = _plan_shapes(empty_db)
    assert all(text.startswith("CYPHER replan=skip") for text in map(read_query, SHEET_QUERIES))
    result = run_smp("load", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    loaded = _plan_shapes(empty_db)
    assert empty == loaded

    def names(shape: tuple) -> set[str]:
        return {shape[0]}.union(*map(names, shape[1]))

    used = set().union(*map(names, loaded.values()))
    assert "NodeByLabelScan" in used and not {n for n in used if "Scan" in n} - {"NodeByLabelScan"}
