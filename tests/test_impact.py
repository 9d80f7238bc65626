"""What an update does to the answers before it lands (graph.impact): on small networks by
hand, and through the server, where the impact's before and after are what `smp analyse`
says before and after the load."""

from __future__ import annotations

import json

import pytest

from core.config import REPO_ROOT as ROOT
from graph.impact import impact, update_impact
from tests.conftest import run_smp
from tests.networks import D, day, flow_network
from tests.workbooks import MINIMAL, write_tables
from tests.workbooks import read_tables as read_csv

LINES = [("L1", "R"), ("L2", "R"), ("R", "N")]
GROUPS = {"L1": "local", "L2": "local", "R": "regional", "N": "national"}


def net(members):
    return flow_network(GROUPS, LINES, members)


def test_a_carrier_leaving_cuts_off_every_group_whose_line_they_alone_carried():
    old = net([("P", "L1"), ("P", "L2"), ("P", "R"), ("Q", "R"), ("Q", "N")])
    new = net([("P", "L1"), ("P", "L2"), ("Q", "R"), ("Q", "N")])  # P leaves R
    found = impact(old, new, D)
    assert found["flow"] == {
        "before": 2, "after": 0, "cut_off": ["L1", "L2"], "reconnected": [], "removed": []
    }  # fmt: skip
    [because] = found["because"]
    assert because["change"] == "P leaves R"
    assert because["effect"] == "L1 and L2 are cut off: nobody carries their line to R any more"
    assert because["record"] == {
        "sheet": "memberships",
        "people": [{"person_id": "P", "group_ids": ["R"]}],
    }
    back = impact(new, old, D)  # loading the old network again reconnects them
    assert back["flow"]["reconnected"] == ["L1", "L2"] and back["flow"]["cut_off"] == []
    assert back["because"][0]["change"] == "P joins R"


def test_an_ended_line_and_a_second_carrier():
    old = net([("P", "L1"), ("P", "R"), ("Q", "R"), ("Q", "N")])
    ended = flow_network(GROUPS, [("L1", "R", {"end_date": day(-1)}), ("R", "N")],
                         [("P", "L1"), ("P", "R"), ("Q", "R"), ("Q", "N")])  # fmt: skip
    found = impact(old, ended, D)
    assert found["flow"]["cut_off"] == ["L1"]
    assert found["because"][0]["change"] == "The reporting line L1 → R ends"
    # A second carrier of the line: one leaving cuts nothing off, and the group is no
    # longer fragile once the second joins.
    top = [("Q", "R"), ("Q", "N"), ("T", "R"), ("T", "N")]  # R → N carried by two
    one = net([("P", "L1"), ("P", "R"), *top])
    two = net([("P", "L1"), ("P", "R"), ("S", "L1"), ("S", "R"), *top])
    assert impact(two, one, D)["fragile"] == {"new": ["L1"], "resolved": []}
    assert impact(two, one, D)["because"][0]["effect"] == "L1 hangs on one person"
    assert impact(one, two, D)["fragile"] == {"new": [], "resolved": ["L1"]}
    assert impact(one, two, D)["flow"]["cut_off"] == []


def test_coverage_lost_and_gained_with_why():
    from tests.networks import coverage_network

    old = coverage_network([("P", "vcs", "A", {"end_date": day(100)}),
                            ("Q", "vcs", "B", {"start_date": day(10)})])  # fmt: skip
    new = coverage_network([("P", "vcs", "A", {"end_date": day(-5)}),
                            ("Q", "vcs", "B", {"start_date": day(-10)})])  # fmt: skip
    found = impact(old, new, D)
    assert found["coverage"] == {"before": 1, "after": 1, "gained": ["B"], "lost": ["A"]}
    said = {b["effect"]: b["change"] for b in found["because"]}
    assert said["Area A loses its elected VCS rep (rep's term ended)"] == (
        f"The term of P (O-0) as Area A's VCS rep now ends on {day(-5).day} September 2026"
    )
    assert "Area B gains an elected VCS rep" in said
    unnamed = impact(old, new, D, names=False)
    assert not [b for b in unnamed["because"] if "P" in b["change"].split()]


def test_a_council_no_longer_in_the_workbook_is_said_so():
    from tests.networks import coverage_network

    old = coverage_network([("P", "vcs", "A", {})], areas=("A", "B"))
    new = coverage_network([], areas=("B",))
    found = impact(old, new, D)
    assert found["coverage"]["lost"] == ["A"]
    assert found["because"][0]["effect"] == "Area A is no longer counted, nor its elected VCS rep"


def test_a_load_without_replace_keeps_what_the_workbook_lacks():
    from graph.model import build_network

    tables = {
        "groups": [{"group_id": g, "name": g, "level": lv} for g, lv in GROUPS.items()],
        "people": [{"person_id": p, "name": p} for p in "PQ"],
        "reporting_lines": [{"from_group_id": a, "to_group_id": b} for a, b in LINES],
    }
    seats = [{"person_id": p, "group_id": g, "role": "member"}
             for p, g in (("P", "L1"), ("P", "R"), ("Q", "R"), ("Q", "N"))]  # fmt: skip
    before = build_network({**tables, "memberships": seats})
    without_p = {**tables, "memberships": seats[2:]}
    [replaced] = update_impact(before, without_p, None, [D])
    assert replaced["flow"]["cut_off"] == ["L1"]
    [kept] = update_impact(before, without_p, {"memberships": seats[:2]}, [D])
    assert kept["flow"]["cut_off"] == [] and kept["because"] == []


def _analysed(as_of: str) -> dict:
    result = run_smp("analyse", "--as-of", as_of, "--no-measures")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.neo4j
def test_impact_equals_analyse_before_and_after_the_load(empty_db, tmp_path):
    assert run_smp("load", str(MINIMAL)).returncode == 0
    tables = read_csv(MINIMAL)
    # Both carriers of the sub-regional group's line up leave it; Kirklees's rep is
    # elected again.
    tables["memberships"] = [
        m for m in tables["memberships"]
        if (m["person_id"], m["group_id"]) not in {("P-001", "G-WY-SRG"), ("P-005", "G-WY-SRG")}
    ]  # fmt: skip
    tables["memberships"].append({"person_id": "P-004", "group_id": "G-KIR-MAF",
                                  "role": "vcs_rep", "represents_area_id": "E08000034",
                                  "selection": "elected", "start_date": "2026-01-01",
                                  "end_date": "2026-12-31"})  # fmt: skip
    changed = write_tables(tmp_path / "changed", tables)
    before = _analysed("2026-09-30")
    shown = run_smp("diff", str(changed), "--format", "json", "--as-of", "2026-09-30")
    assert shown.returncode == 0, shown.stderr
    found = json.loads(shown.stdout)["impact"]
    assert found["as_of"] == "2026-09-30"
    assert found["coverage"]["before"] == before["coverage"]["areas_covered"]
    assert found["flow"]["before"] == before["flow"]["connected"]
    table = run_smp("diff", str(changed), "--as-of", "2026-09-30")
    assert table.stdout.index("Worse:") < table.stdout.index("Better:")  # worse first
    assert (
        "Ada Fenwick (Leeds City Council) leaves West Yorkshire sub-regional migration group; "
        "Esme Harrow (Leeds City Council) leaves West Yorkshire sub-regional" in table.stdout
    )
    assert run_smp("load", str(changed), "--replace").returncode == 0
    after = _analysed("2026-09-30")
    assert found["coverage"]["after"] == after["coverage"]["areas_covered"]
    assert found["flow"]["after"] == after["flow"]["connected"]
    sides = (("b", before), ("a", after))
    gaps = {s: {g["area_id"] for g in r["coverage"]["gaps"]} for s, r in sides}
    assert found["coverage"]["gained"] == sorted(gaps["b"] - gaps["a"]) == ["E08000034"]
    broken = {s: {g["group_id"] for g in r["flow"]["broken"]} for s, r in sides}
    assert found["flow"]["cut_off"] == sorted(broken["a"] - broken["b"]) == ["G-BRA-MAF"]


@pytest.mark.neo4j
def test_a_dry_run_with_an_erased_person_shows_the_refusal(empty_db, tmp_path):
    assert run_smp("load", str(MINIMAL)).returncode == 0
    assert run_smp("forget", "P-004", "--yes").returncode == 0
    dry = run_smp("load", str(MINIMAL), "--dry-run")
    assert dry.returncode == 1
    assert "'P-004' was erased" in dry.stderr and "--allow-erased" in dry.stderr
    assert run_smp("load", str(MINIMAL), "--dry-run", "--allow-erased").returncode == 0


@pytest.mark.neo4j
def test_the_network_before_made_from_the_diff_gives_the_databases_answers(empty_db, tmp_path):
    """`smp diff` makes the network before an update from the workbook and the diff
    (loader.diff.tables_before) instead of reading the database again: on the sample,
    with seats gone, terms changed, a seat listed twice, a line ended, a person and a
    council renamed and an extra column, it answers as the network read back does."""
    from core import db as smp_db
    from graph.analyse import analyse
    from graph.impact import IMPACT_SHEETS
    from graph.model import build_network
    from graph.read import read_network
    from loader.diff import tables_before
    from loader.validate import load_workbook
    from loader.write import diff_with_database

    sample = ROOT / "data" / "sample" / "uk"
    assert run_smp("load", str(sample)).returncode == 0
    tables = read_csv(sample)
    seats = tables["memberships"]
    kept = [m for i, m in enumerate(seats) if i % 7]  # every seventh seat gone
    for i, m in enumerate(kept):
        if i % 11 == 0 and (m["start_date"] or "") < "2026-06-30":
            m["end_date"] = "2026-06-30"  # a term ended early
        m["notes"] = "checked" if i % 5 == 0 else ""  # an extra column
    tables["memberships"] = [*kept, dict(kept[3])]  # one seat listed twice
    tables["reporting_lines"][0]["end_date"] = "2026-01-31"
    tables["people"][0]["name"] = "Someone Else"
    tables["areas"][-1]["name"] = "Renamed council"
    changed = load_workbook(write_tables(tmp_path / "changed", tables))
    database = smp_db.database()
    diff = diff_with_database(empty_db, changed, database)
    assert diff.totals()["removed"] and diff.totals()["changed"]
    made = build_network(tables_before(changed.tables, diff, IMPACT_SHEETS), ids=False)
    read = read_network(empty_db, database)
    for as_of in (D, day(-200)):
        ours, theirs = analyse(made, as_of, measures=False), analyse(read, as_of, measures=False)
        for answer in ("coverage", "flow", "flow_down"):
            assert ours[answer] == theirs[answer], (answer, as_of)
