"""Loading into the real test server: idempotence, --replace, round trip, exit codes."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from graph.read import read_tables
from loader.validate import load_workbook
from tests.conftest import db_snapshot, run_smp
from tests.workbooks import MINIMAL, write_tables
from tests.workbooks import read_tables as read_csv_tables

pytestmark = pytest.mark.neo4j


def _counts(driver) -> dict:
    records = driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label"
    ).records
    rels = driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"
    ).records
    return {r["label"]: r["n"] for r in records} | {r["type"]: r["n"] for r in rels}


def test_load_twice_gives_the_same_graph(empty_db):
    assert run_smp("load", str(MINIMAL)).returncode == 0
    first = db_snapshot(empty_db)
    counts = _counts(empty_db)
    result = run_smp("load", str(MINIMAL))
    assert result.returncode == 0, result.stderr
    counts_again = _counts(empty_db)
    assert counts_again.pop("SmpLoad") == counts.pop("SmpLoad") + 1  # one audit entry per load
    counts_again.pop("SmpUndo"), counts.pop("SmpUndo")  # and what each changed, to undo it
    assert counts_again == counts
    nodes, rels = db_snapshot(empty_db)
    assert rels == first[1]

    def records(found: tuple) -> list:
        return [n for n in found if "SmpLoad" not in n and "SmpUndo" not in n]

    assert records(nodes) == records(first[0])
    assert counts["Person"] == 5 and counts["MEMBER_OF"] == 10 and counts["REPORTS_TO"] == 4


def test_replace_leaves_other_labels_alone(empty_db, tmp_path):
    empty_db.execute_query("CREATE (:Note {text: 'not ours'})-[:ABOUT]->(:Topic {name: 'kept'})")
    assert run_smp("load", str(MINIMAL)).returncode == 0
    tables = read_csv_tables()
    tables["people"] = tables["people"][:4]
    tables["memberships"] = [m for m in tables["memberships"] if m["person_id"] != "P-005"]
    smaller = write_tables(tmp_path / "smaller", tables)
    result = run_smp("load", str(smaller), "--replace")
    assert result.returncode == 0, result.stderr
    counts = _counts(empty_db)
    assert counts["Note"] == 1 and counts["Topic"] == 1 and counts["ABOUT"] == 1
    assert counts["Person"] == 4
    assert counts["MEMBER_OF"] == len(tables["memberships"])


def test_without_replace_a_load_adds_to_the_network(empty_db, tmp_path):
    assert run_smp("load", str(MINIMAL)).returncode == 0
    tables = read_csv_tables()
    tables["people"].append({"person_id": "P-900", "name": "Nia Quarrie", "org_id": "O-LCC"})
    assert run_smp("load", str(write_tables(tmp_path / "more", tables))).returncode == 0
    assert _counts(empty_db)["Person"] == 6


def test_database_holds_what_the_workbook_says(empty_db):
    assert run_smp("load", str(MINIMAL)).returncode == 0
    stored = read_tables(empty_db)
    workbook = load_workbook(MINIMAL)
    for sheet in ("areas", "organisations", "people", "groups"):
        key = next(k for k in workbook[sheet][0] if k.endswith("_id"))
        expected = {r[key]: {k: v for k, v in r.items() if k not in ("row", "extra")}
                    for r in workbook[sheet]}  # fmt: skip
        got = {r[key]: r for r in stored[sheet]}
        assert got == expected, sheet
    bradford = [m for m in stored["memberships"] if m["role"] == "vcs_rep"]
    assert {(m["represents_area_id"], m["end_date"].isoformat()) for m in bradford} == {
        ("E08000032", "2026-09-30"), ("E08000034", "2025-12-31"),
    }  # fmt: skip


def test_unreachable_server_exits_3(tmp_path):
    import os

    env = dict(os.environ, NEO4J_URI="bolt://127.0.0.1:1", NEO4J_PASSWORD="x")
    for args in (["load", str(MINIMAL)], ["analyse"]):
        result = run_smp(*args, env=env)
        assert result.returncode == 3, result.stderr
        assert "Cannot reach Neo4j at bolt://127.0.0.1:1" in result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_a_bad_workbook_is_reported_before_an_unreachable_server(tmp_path):
    import os

    tables = read_csv_tables()
    tables["memberships"][0]["role"] = "boss"
    env = dict(os.environ, NEO4J_URI="bolt://127.0.0.1:1", NEO4J_PASSWORD="x")
    result = run_smp("load", str(write_tables(tmp_path / "wb", tables)), env=env)
    assert result.returncode == 1, result.stderr
    assert "memberships.csv:2: role: 'boss' is not one of" in result.stderr
    assert "Cannot reach" not in result.stderr


def test_wrong_password_exits_3(neo4j_env):
    env = dict(neo4j_env, NEO4J_PASSWORD="not-the-password")
    result = run_smp("analyse", env=env)
    assert result.returncode == 3
    assert "password" in result.stderr


def test_usage_errors_exit_2():
    assert run_smp("analyse", "--format", "xml").returncode == 2
    assert run_smp("analyse", "--as-of", "yesterday").returncode == 2
    assert run_smp("load").returncode == 2
    assert run_smp("frobnicate").returncode == 2


def test_forget_erases_a_person_and_audits_it(empty_db):
    assert run_smp("load", str(MINIMAL)).returncode == 0
    result = run_smp("forget", "P-003", "--yes")
    assert result.returncode == 0, result.stderr
    everything = [
        repr(r["p"])
        for r in empty_db.execute_query(
            "MATCH (n) WHERE NOT n:SmpAudit RETURN properties(n) AS p "
            "UNION ALL MATCH ()-[r]->() RETURN properties(r) AS p"
        ).records
    ]
    assert not [p for p in everything if "Carys" in p or "P-003" in p]
    reps = empty_db.execute_query(
        "MATCH ()-[m:MEMBER_OF {role: 'vcs_rep'}]->() RETURN count(m) AS n"
    ).records[0]["n"]
    assert reps == 1
    audit = run_smp("audit")
    assert "forget  by" in audit.stdout and "person ref" in audit.stdout
    assert "Carys" not in audit.stdout and "P-003" not in audit.stdout  # a keyed reference
    assert "load" in audit.stdout and "sha256" in audit.stdout
    missing = run_smp("forget", "P-404", "--yes")
    assert missing.returncode == 1 and "No person" in missing.stderr
    assert run_smp("forget", "P-001").returncode == 2  # no prompt possible without a terminal


def test_schema_is_made_where_missing_and_not_sent_again(empty_db):
    """ensure_schema sends only the statements of schema.cypher whose constraint or
    index is missing: none on a load over an existing network, and a dropped one is
    made again."""
    from cypher import statements
    from loader.write import _SCHEMA_NAME, _schema_names, ensure_schema

    matched = [_SCHEMA_NAME.match(s) for s in statements("schema")]
    assert all(matched), "every schema statement is found by its name"
    constraints = [s for s in statements("schema") if "CREATE CONSTRAINT" in s]
    assert constraints and all("IS UNIQUE" in s for s in constraints), (
        "read_schema_names lists indexes only: a constraint without an index of its name "
        "would be sent again on every load"
    )
    wanted = {m.group(1) for m in matched}
    ensure_schema(empty_db)
    assert wanted <= set(_schema_names(empty_db, None))
    empty_db.execute_query("DROP CONSTRAINT group_id")
    empty_db.execute_query("DROP INDEX group_level")
    assert not {"group_id", "group_level"} & set(_schema_names(empty_db, None))
    ensure_schema(empty_db)
    assert wanted <= set(_schema_names(empty_db, None))
    assert run_smp("load", str(MINIMAL)).returncode == 0


def test_the_suite_runs_a_year_on_so_no_test_depends_on_the_day(neo4j_env):
    """The clock every test, app and command of the suite sees is a year on (conftest):
    figures read as of "today" differ from the day a test was written."""
    from core.clock import today
    from tests.conftest import MOVED_ON

    assert today() == MOVED_ON != dt.date.today()
    result = run_smp("analyse", "--no-measures")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["as_of"] == MOVED_ON.isoformat()
