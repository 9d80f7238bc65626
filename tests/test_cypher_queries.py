"""The Cypher for Neo4j Browser users agrees with the NetworkX analyses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cypher import CYPHER_DIR, query
from graph.coverage import area_status
from graph.flow import flow_graph, information_flow
from graph.read import read_network
from tests.conftest import run_smp

pytestmark = pytest.mark.neo4j
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample" / "uk"
WORKBOOKS = [Path(__file__).resolve().parent / "data" / "minimal", SAMPLE]
DATES = [dt.date(2026, 9, 30), dt.date(2025, 12, 31), dt.date(2026, 10, 1)]


@pytest.fixture(scope="module", params=WORKBOOKS, ids=lambda p: p.name)
def loaded(request, driver):
    result = run_smp("load", str(request.param), "--replace")
    assert result.returncode == 0, result.stderr
    return read_network(driver)


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_coverage_query_agrees(loaded, driver, as_of):
    records = driver.execute_query(query("queries/coverage"), asOf=as_of).records
    got = [(r["area_id"], r["covered"], r["reason"]) for r in records]
    expected = [(r["area_id"], r["covered"], r["reason"]) for r in area_status(loaded, as_of)]
    assert got == expected


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_no_route_query_agrees(loaded, driver, as_of):
    records = driver.execute_query(query("queries/no_route"), asOf=as_of).records
    flow = information_flow(loaded, as_of)
    expected = [b["group_id"] for b in flow["broken"] if b["reason"] == "no_route"]
    assert [r["group_id"] for r in records] == expected


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_unstaffed_lines_query_agrees(loaded, driver, as_of):
    records = driver.execute_query(query("queries/unstaffed_lines"), asOf=as_of).records
    F = flow_graph(loaded, as_of)
    expected = sorted((u, v) for u, v, staffed in F.edges(data="staffed") if not staffed)
    assert [(r["from_group_id"], r["to_group_id"]) for r in records] == expected


def test_every_statement_is_used_or_tested():
    names = {p.relative_to(CYPHER_DIR).with_suffix("").as_posix()
             for p in CYPHER_DIR.rglob("*.cypher")}  # fmt: skip
    sources = "".join(p.read_text() for p in Path(CYPHER_DIR.parent).glob("*/*.py"))
    unused = {n for n in names if f'"{n}"' not in sources}
    assert not unused
