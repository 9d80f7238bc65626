"""The rep cycle's sheets and columns through the real server: loaded, read back, changed
by a delta load, removed with --replace, erased, exported and loaded again, always
giving the analysis of the workbook itself."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from graph.analyse import analyse
from graph.model import build_network
from graph.read import read_network, read_tables
from loader.validate import load_workbook
from tests.conftest import run_smp
from tests.workbooks import read_tables as read_csv
from tests.workbooks import write_tables

pytestmark = pytest.mark.neo4j
CYCLE = "tests/data/cycle"
D = dt.date(2026, 9, 30)
KEYS = ("coverage", "flow", "rep_cycle", "group_rules")


def expected(path) -> dict:
    G = build_network(load_workbook(path).tables)
    result = analyse(G, D, measures=False)
    return {key: json.loads(json.dumps(result[key], default=str)) for key in KEYS}


def analysed() -> dict:
    result = run_smp("analyse", "--as-of", D.isoformat(), "--no-measures")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    return {key: found[key] for key in KEYS}


def test_the_new_sheets_load_and_read_back_as_the_workbook_says(empty_db):
    result = run_smp("load", CYCLE)
    assert result.returncode == 0, result.stderr
    assert analysed() == expected(CYCLE)
    tables = read_tables(empty_db)
    assert {r["election_id"] for r in tables["elections"]} == {
        "E-BRA-2026", "E-KIR-2026", "E-LDS-2025", "E-LDS-2026",
    }  # fmt: skip
    rounds = {r["election_id"]: r for r in tables["elections"]}
    assert rounds["E-LDS-2025"]["vote_date"] == dt.date(2025, 6, 1)
    assert rounds["E-KIR-2026"]["candidates"] == 0
    values = {(r["group_id"], r["kind"], r["rule"]): r["value"] for r in tables["group_rules"]}
    assert values[("G-YH-SMG", None, "each_dispersal_council")] is True
    assert values[(None, "strategic_group", "meetings_min")] == 3
    people = {p["person_id"]: p for p in tables["people"]}
    assert (people["P-001"]["councillor"], people["P-001"]["party"]) == (True, "Labour")
    areas = {a["area_id"]: a for a in tables["areas"]}
    assert (areas["E08000032"]["dispersal"], areas["E08000032"]["lead_person_id"]) == (
        True, "P-001",
    )  # fmt: skip
    again = run_smp("load", CYCLE)  # nothing changed: nothing written
    assert "0 added, 0 changed" in again.stdout + again.stderr


def test_a_delta_load_changes_and_replace_removes_rounds_rules_and_columns(empty_db, tmp_path):
    assert run_smp("load", CYCLE).returncode == 0
    tables = read_csv(Path(CYCLE))
    for round_ in tables["elections"]:
        if round_["election_id"] == "E-BRA-2026":  # the renewal round ends: P-003 again
            round_.update(outcome="elected", elected_person_id="P-003", vote_date="2026-10-20",
                          approved_date="2026-10-22", candidates="1")  # fmt: skip
    tables["elections"] = [r for r in tables["elections"] if r["election_id"] != "E-LDS-2025"]
    tables["group_rules"] = [r for r in tables["group_rules"] if r["rule"] != "party_max_share"]
    for rule in tables["group_rules"]:
        if rule["rule"] == "members_min" and rule["kind"]:
            rule["value"] = "1"
    for area in tables["areas"]:
        if area["area_id"] == "E08000035":
            area.update(dispersal="yes", lead_person_id="")
    changed = write_tables(tmp_path / "changed", tables)
    diff = run_smp("diff", str(changed), "--format", "json")
    assert diff.returncode == 0, diff.stderr
    counts = json.loads(diff.stdout)["sheets"]
    assert counts["elections"] == {"added": 0, "changed": 1, "removed": 1}
    assert counts["group_rules"] == {"added": 0, "changed": 1, "removed": 1}
    assert counts["areas"]["changed"] == 1
    assert run_smp("load", str(changed), "--replace").returncode == 0
    assert analysed() == expected(changed)
    stored = read_tables(empty_db)
    assert len(stored["elections"]) == 3 and len(stored["group_rules"]) == 6
    leeds = next(a for a in stored["areas"] if a["area_id"] == "E08000035")
    assert (leeds["dispersal"], leeds["lead_person_id"]) == (True, None)
    # Without the optional sheets, --replace leaves no round or rule behind.
    shutil.rmtree(changed)
    bare = write_tables(
        tmp_path / "bare",
        {k: v for k, v in tables.items() if k not in ("elections", "group_rules")},
    )
    assert run_smp("load", str(bare), "--replace").returncode == 0
    counted = empty_db.execute_query(
        "MATCH (n) WHERE n:Election OR n:GroupRule RETURN count(n) AS n"
    ).records[0]["n"]
    assert counted == 0


def test_erasing_a_person_removes_the_round_they_won_and_keeps_the_others(empty_db):
    assert run_smp("load", CYCLE).returncode == 0
    assert run_smp("forget", "P-006", "--yes").returncode == 0
    assert run_smp("forget", "P-005", "--yes").returncode == 0
    G = read_network(empty_db)
    rounds = {r["election_id"]: r for r in G.graph["elections"]}
    assert "E-LDS-2025" not in rounds  # won by P-006
    assert rounds["E-LDS-2026"]["contact_person_id"] is None  # run by P-005: kept, unnamed
    assert G.nodes["area:E08000035"]["lead_person_id"] is None
    everything = json.dumps(read_tables(empty_db), default=str)
    assert "P-006" not in everything and "P-005" not in everything


def test_export_and_load_again_gives_the_same_analysis(empty_db, tmp_path):
    assert run_smp("load", CYCLE).returncode == 0
    before = analysed()
    book = tmp_path / "network.xlsx"
    assert run_smp("export", "--format", "xlsx", "--output", str(book)).returncode == 0
    assert run_smp("load", str(book), "--replace").returncode == 0
    assert analysed() == before
