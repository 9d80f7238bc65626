"""``--replace`` makes the database exactly the new workbook, and loads too large for
one transaction are committed in several and guarded until they finish."""

from __future__ import annotations

import pytest

from loader.validate import load_workbook
from loader.write import write_workbook
from tests.conftest import run_smp
from tests.test_app import app as open_app
from tests.workbooks import MINIMAL, write_tables
from tests.workbooks import read_tables as read_csv_tables

pytestmark = pytest.mark.neo4j


def _key(var: str) -> str:
    return f"coalesce({var}.areaId, {var}.orgId, {var}.personId, {var}.groupId, {var}.meetingId)"


def network(driver) -> tuple:
    """The project's records with their links, named by ids (not by Neo4j's ids)."""
    nodes = driver.execute_query(
        "MATCH (n) WHERE NOT (n:SmpLoad OR n:SmpUndo) "
        "RETURN labels(n) AS labels, properties(n) AS props"
    ).records
    rels = driver.execute_query(
        f"MATCH (a)-[r]->(b) RETURN type(r) AS type, {_key('a')} AS a, {_key('b')} AS b, "
        "properties(r) AS props"
    ).records
    return (
        sorted(repr((sorted(r["labels"]), sorted(r["props"].items()))) for r in nodes),
        sorted(repr((r["type"], r["a"], r["b"], sorted(r["props"].items()))) for r in rels),
    )


def _first_and_second(tmp_path):
    """Two workbooks differing in every way --replace must handle."""
    first = read_csv_tables()
    for person in first["people"]:
        person["shoe_size"] = "9"  # an extra column the second workbook drops
    first["memberships"][0]["note"] = "old note"
    second = read_csv_tables()
    second["people"] = second["people"][1:]  # P-001 goes, with all of their memberships
    second["memberships"] = [m for m in second["memberships"] if m["person_id"] != "P-001"]
    second["people"][0]["org_id"] = "O-LCC"  # moves organisation
    second["people"][1]["email"] = ""  # loses a value
    # The same membership twice (one record), the copy with an extra value.
    second["memberships"].append({**second["memberships"][0], "minute_ref": "M-12"})
    return write_tables(tmp_path / "first", first), write_tables(tmp_path / "second", second)


@pytest.mark.parametrize("commit_every", [None, 3], ids=["one-transaction", "several"])
def test_replace_equals_a_fresh_load(empty_db, tmp_path, commit_every):
    first, second = _first_and_second(tmp_path)
    write_workbook(empty_db, load_workbook(second), progress=False)
    fresh = network(empty_db)
    empty_db.execute_query("MATCH (n) DETACH DELETE n")

    write_workbook(empty_db, load_workbook(first), progress=False)
    assert network(empty_db) != fresh
    result = write_workbook(
        empty_db, load_workbook(second), replace=True, progress=False, commit_every=commit_every
    )
    assert network(empty_db) == fresh
    assert (result.transactions > 1) == (commit_every is not None)
    assert "shoe_size" not in repr(fresh) and "old note" not in repr(fresh)
    members = empty_db.execute_query("MATCH ()-[m:MEMBER_OF]->() RETURN m.minuteRef AS ref")
    refs = [r["ref"] for r in members.records]
    assert refs.count("M-12") == 1 and len(refs) == len(load_workbook(second)["memberships"]) - 1


def test_several_transactions_give_the_same_network(empty_db):
    write_workbook(empty_db, load_workbook(MINIMAL), progress=False)
    whole = network(empty_db)
    empty_db.execute_query("MATCH (n) DETACH DELETE n")
    result = write_workbook(
        empty_db, load_workbook(MINIMAL), progress=False, commit_every=4, batch_size=2
    )
    assert network(empty_db) == whole
    assert result.transactions > 3
    status = empty_db.execute_query("MATCH (l:SmpLoad) RETURN l.status AS s").records
    assert [r["s"] for r in status] == ["complete"]


def test_an_unfinished_load_is_refused_until_loaded_again(empty_db):
    from graph.read import IncompleteLoad, read_network

    def stop(name, _size):
        if name.endswith("_memberships"):  # load_ or create_
            raise RuntimeError("server went away")

    with pytest.raises(RuntimeError):
        write_workbook(
            empty_db, load_workbook(MINIMAL), progress=False, commit_every=2, batch_size=2,
            on_batch=stop,
        )  # fmt: skip
    statuses = empty_db.execute_query("MATCH (l:SmpLoad) RETURN l.status AS s").records
    assert [r["s"] for r in statuses] == ["failed"]
    # Part of the network is there, so nothing may analyse it.
    assert empty_db.execute_query("MATCH (p:Person) RETURN count(p) AS n").records[0]["n"] > 0
    with pytest.raises(IncompleteLoad, match="did not finish"):
        read_network(empty_db)
    warnings = [w.value for w in open_app().warning]
    assert any("did not finish" in w for w in warnings), warnings
    result = run_smp("analyse", "--as-of", "2026-09-30")
    assert result.returncode == 1
    assert "did not finish" in result.stderr and "Traceback" not in result.stderr
    assert "smp load" in result.stderr

    # Loading again (loads are idempotent) finishes the job.
    assert run_smp("load", str(MINIMAL)).returncode == 0
    assert run_smp("analyse", "--as-of", "2026-09-30").returncode == 0
    read_network(empty_db)


def test_commit_every_from_the_command_line(empty_db, tmp_path):
    tables = read_csv_tables()
    people = tables["people"]
    for i in range(1500):  # enough rows for two transactions of the smallest size
        people.append({"person_id": f"P-X{i:04d}", "name": f"Test Person {i}", "org_id": "O-LCC"})
    folder = write_tables(tmp_path / "many", tables)
    result = run_smp("load", str(folder), "--commit-every", "1000")
    assert result.returncode == 0, result.stderr
    assert "in 2 transactions" in result.stdout
    assert run_smp("load", str(folder), "--commit-every", "10").returncode == 2
