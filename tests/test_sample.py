"""The sample network, loaded into the test server, shows the gaps it was built with
(data/sample/GAPS.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_smp

pytestmark = pytest.mark.neo4j
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"

EXPECTED_GAPS = {
    "E06000011": "no_rep", "E06000017": "no_rep", "E06000053": "no_rep", "E06000057": "no_rep",
    "E08000017": "not_vcs", "E08000018": "not_elected", "E08000023": "expired",
    "E08000032": "expired", "E08000036": "not_started", "E09000001": "no_rep",
    "S12000023": "no_rep",
}  # fmt: skip
EXPECTED_BROKEN = {
    "G-CRO-MAF": ("no_route", None),
    "G-EXE-MAF": ("no_route", None),
    "G-KIR-MAF": ("unstaffed", [["G-KIR-MAF", "G-WY-SRG"]]),
    "G-SUN-MAF": ("unstaffed", [["G-SUN-MAF", "G-NE-SMG"]]),
}
EXPECTED_FRAGILE = {
    "G-DAR-MAF": ["P-00095"], "G-ERY-MAF": ["P-02150"], "G-HUL-MAF": ["P-02150"],
    "G-NEL-MAF": ["P-02150"], "G-NLN-MAF": ["P-02150"], "G-YRK-MAF": ["P-03346"],
}  # fmt: skip


@pytest.fixture(scope="module")
def analysis(neo4j_env, tmp_path_factory):
    loaded = run_smp("load", str(SAMPLE / "uk"), "--replace")
    assert loaded.returncode == 0, loaded.stderr
    out = tmp_path_factory.mktemp("analysis") / "analysis.json"
    result = run_smp("analyse", "--as-of", "2026-09-30", "--format", "json", "--output", str(out))
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text())


def test_contract_keys_and_totals(analysis):
    assert analysis["as_of"] == "2026-09-30"
    cov, flow = analysis["coverage"], analysis["flow"]
    assert (cov["areas_total"], cov["areas_covered"]) == (361, 350)
    assert (flow["local_groups_total"], flow["connected"]) == (87, 83)


def _engagement_gaps(met: dict) -> tuple:
    return (
        {r["person_id"] for r in met["reps_below_expectation"]},
        [g["group_id"] for g in met["groups_meeting_less"]],
        [(p["from"], p["to"]) for p in met["paper_only_lines"]],
    )


def test_engagement_gaps_are_exactly_those_of_gaps_md(analysis, tmp_path):
    met = analysis["engagement"]
    # Judged to the last meeting the sample records (25 September 2026).
    assert met["window"] == ["2025-09-30", "2026-09-25"]
    expected = ({"P-03346", "P-04732"}, ["G-YH-HK"], [("G-YRK-MAF", "G-YNY-SRG")])
    assert _engagement_gaps(met) == expected
    # Two months on, with no newer meetings loaded, the same and no more: nothing is
    # judged past the last recorded meeting.
    out = tmp_path / "later.json"
    later = run_smp("analyse", "--as-of", "2026-11-30", "--format", "json", "--output", str(out))
    assert later.returncode == 0, later.stderr
    met = json.loads(out.read_text())["engagement"]
    assert met["window"] == ["2025-11-30", "2026-09-25"]
    assert _engagement_gaps(met) == expected
    gaps_md = (SAMPLE / "GAPS.md").read_text()
    for text in ("P-03346", "P-04732", "G-YH-HK", "G-YRK-MAF → G-YNY-SRG"):
        assert text in gaps_md.split("## Engagement")[1].split("## Other")[0]


def test_coverage_gaps(analysis):
    gaps = analysis["coverage"]["gaps"]
    assert {g["area_id"]: g["reason"] for g in gaps} == EXPECTED_GAPS
    assert [g["area_id"] for g in gaps] == sorted(EXPECTED_GAPS)
    assert next(g for g in gaps if g["area_id"] == "E08000032")["area_name"] == "Bradford"


EXPECTED_STATUSES = {
    "E06000001": "renewal_running", "E06000011": "election_running", "E06000014": "renewal_due",
    "E06000017": "last_round_failed", "E06000053": "no_election",
    "E06000057": "last_round_failed", "E08000017": "no_election",
    "E08000018": "election_running", "E08000023": "no_election", "E08000032": "no_election",
    "E08000033": "renewal_due", "E08000036": "no_election", "E08000039": "renewal_running",
    "E09000001": "no_election", "S12000023": "election_running", "S12000049": "renewal_due",
    "W06000015": "renewal_running",
}  # fmt: skip


def test_rep_cycle_and_group_rules_are_those_of_gaps_md(analysis):
    cycle = analysis["rep_cycle"]
    found = {a["area_id"]: a["status"] for a in cycle["areas"] if a["status"] != "covered"}
    assert found == EXPECTED_STATUSES
    assert len(cycle["areas"]) == 361
    running = {a["area_id"]: a["election_id"] for a in cycle["areas"] if a["election_id"]}
    assert set(running) == {code for code, s in EXPECTED_STATUSES.items() if "running" in s}
    assert [(w["kind"], w["area_id"]) for w in cycle["warnings"]] == [
        ("shared_seat", "E06000016"), ("elected_not_seated", "E08000023"),
        ("not_approved", "E08000036"), ("rep_never_meets_lead", "E08000038"),
    ]  # fmt: skip
    breaches = [(r["group_id"], r["rule"]) for r in analysis["group_rules"] if not r["holds"]]
    assert breaches == [("G-EM-BRD", "councillors_min"), ("G-EM-BRD", "each_dispersal_council")]
    lincoln = next(r for r in analysis["group_rules"] if r["rule"] == "each_dispersal_council")
    assert lincoln["missing"] == ["E07000138"]
    gaps_md = (SAMPLE / "GAPS.md").read_text()
    for code, status in EXPECTED_STATUSES.items():
        assert f"| {code} |" in gaps_md and f"| {status} |" in gaps_md


def test_broken_and_fragile_groups(analysis):
    flow = analysis["flow"]
    assert {b["group_id"]: (b["reason"], b.get("unstaffed_edges")) for b in flow["broken"]} == (
        EXPECTED_BROKEN
    )
    assert {f["group_id"]: f["single_points_of_failure"] for f in flow["fragile"]} == (
        EXPECTED_FRAGILE
    )
    assert [b["group_id"] for b in flow["broken"]] == sorted(EXPECTED_BROKEN)


def test_extras(analysis):
    cov = analysis["coverage"]
    assert {r["person_id"] for r in cov["reps_of_several_areas"]} == {"P-03318"}
    assert len(cov["terms_ending_soon"]) == 6
    missing = {s["group_id"]: s["missing"] for s in analysis["sector_balance"] if s["missing"]}
    assert missing == {"G-NW-SMG": ["Police"], "G-SW-SMG": ["Higher education"]}
    measures = analysis["measures"]
    assert {g["group_id"] for g in measures["empty_groups"]} == {"G-NW-HK"}
    assert "O-DFE" in {o["org_id"] for o in measures["idle_organisations"]}
    assert measures["brokers"] and measures["communities"]


def test_table_format_counts_first(neo4j_env):
    result = run_smp("analyse", "--as-of", "2026-09-30", "--format", "table")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[2] == "Council areas with an elected VCS rep: 350 of 361 (11 gaps)"
    assert (
        "Kirklees multi-agency forum is cut off: nobody sits on both it and West" in result.stdout
    )
    assert "[G-KIR-MAF]" in result.stdout  # the id last, for whoever needs it
    assert (
        "Leanne Griffiths (Migration Yorkshire)" in result.stdout
    )  # names, for credential holders


def test_excel_sample_loads(neo4j_env, tmp_path):
    result = run_smp("load", str(SAMPLE / "north-east.xlsx"), "--replace")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "ne.json"
    assert run_smp("analyse", "--as-of", "2026-09-30", "--output", str(out)).returncode == 0
    analysis = json.loads(out.read_text())
    assert (analysis["coverage"]["areas_total"], analysis["coverage"]["areas_covered"]) == (12, 10)
    assert analysis["flow"]["connected"] == 6


def test_the_committed_sample_is_what_the_generator_makes(tmp_path):
    """synth.sample checks its output with the project's validator and analyses, and the
    committed files are exactly its output (regenerate with `python -m synth.sample`)."""
    import filecmp

    from synth.sample import main

    main(tmp_path / "sample", tmp_path / "reference")
    for name in ("uk/people.csv", "uk/memberships.csv", "uk/meetings.csv", "uk/attendance.csv",
                 "uk/groups.csv", "uk/areas.csv", "uk/organisations.csv",
                 "uk/reporting_lines.csv", "uk/elections.csv", "uk/group_rules.csv", "GAPS.md",
                 "north-east.xlsx"):  # fmt: skip
        assert filecmp.cmp(tmp_path / "sample" / name, SAMPLE / name, shallow=False), name
    assert filecmp.cmp(
        tmp_path / "reference" / "code-changes.csv",
        SAMPLE.parent / "reference" / "code-changes.csv",
        shallow=False,
    )
