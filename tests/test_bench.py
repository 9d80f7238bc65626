"""The benchmark: the synthetic generator is reproducible and valid, and ``run_bench``
gives every figure the issue asks for (no timing is asserted)."""

from __future__ import annotations

import filecmp
import json

import pytest

from loader.validate import load_workbook
from smp.bench import REQUIRED_KEYS, expand_tiers, markdown_table, run_bench
from synth.scaled import COLUMNS, generate


def test_generate_region_is_deterministic(tmp_path):
    first = generate("region", tmp_path / "a", seed=7)
    second = generate("region", tmp_path / "b", seed=7)
    assert first == second
    for name in COLUMNS:
        assert filecmp.cmp(tmp_path / "a" / f"{name}.csv", tmp_path / "b" / f"{name}.csv",
                           shallow=False), name  # fmt: skip
    other = generate("region", tmp_path / "c", seed=8)
    assert not filecmp.cmp(tmp_path / "a" / "memberships.csv",
                           tmp_path / "c" / "memberships.csv", shallow=False)  # fmt: skip
    assert sum(other.values()) > 0


def test_generated_region_is_a_valid_workbook(tmp_path):
    counts = generate("region", tmp_path)
    workbook = load_workbook(tmp_path)
    assert workbook.counts()["memberships"] == counts["memberships"]
    assert 1500 <= counts["areas"] + counts["organisations"] + counts["people"] + counts[
        "groups"] <= 4000  # fmt: skip
    roles = {m["role"] for m in workbook["memberships"]}
    assert {"vcs_rep", "chair", "member"} <= roles
    levels = {g["level"] for g in workbook["groups"]}
    assert levels == {"local", "sub_regional", "regional", "national"}


def test_tiers():
    assert expand_tiers(["all"]) == ["region", "national", "stress"]
    with pytest.raises(ValueError):
        expand_tiers(["galaxy"])
    with pytest.raises(ValueError):
        generate("galaxy", None)


@pytest.mark.neo4j
def test_run_bench_region(neo4j_env, driver, tmp_path):
    out = tmp_path / "bench.json"
    try:
        result = run_bench(
            ["region"], out, tmp_path / "work", echo=lambda message: None, warmup=False
        )
    finally:
        with driver.session() as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
    assert json.loads(out.read_text()) == result
    for key in REQUIRED_KEYS:
        assert key in result, key
    assert result["tier"] == "region"
    assert result["nodes"] > 1000 and result["relationships"] > result["nodes"]
    assert result["rows"] == sum(result["rows_by_file"].values())
    for key in ("load_s", "load_rows_per_s", "analyse_s", "analyse_read_s", "peak_rss_mb"):
        assert isinstance(result[key], int | float) and result[key] > 0, key
    # The test server is local, so Neo4j's LOAD CSV reads the generated files.
    assert result["baseline_load_csv_rows_per_s"] > 0, result["notes"]
    assert result["baseline_ratio"] > 0
    assert result["report_s"] is None or result["report_s"] > 0
    # The quarterly update: about 2% changed, written as one transaction.
    for key in ("diff_s", "impact_s", "reload_s", "baseline_reload_load_csv_s", "reload_ratio",
                "baseline_reload_empty_s", "baseline_reload_merge_s"):  # fmt: skip
        assert isinstance(result[key], int | float) and result[key] > 0, (key, result["notes"])
    assert result["baseline_reload_load_csv_s"] == min(
        result["baseline_reload_empty_s"], result["baseline_reload_merge_s"]
    )
    assert result["reload_transactions"] == 1
    assert result["update_records"]["changed"] > 0 and result["update_records"]["removed"] > 0
    summary = result["analysis_summary"]
    assert 0 < summary["areas_covered"] < summary["areas_total"]
    assert summary["broken"] > 0 and summary["connected"] > 0
    assert result["machine"]["cpu_count"] >= 1
    assert "| load, rows/s |" in markdown_table(result)
    assert markdown_table({"tiers": [result]}).splitlines()[0] == "| | region |"


@pytest.mark.neo4j
def test_load_csv_baseline_loads_every_sheet_as_the_loader_would(neo4j_env, driver, tmp_path):
    from smp.bench import baseline_urls, run_baseline

    counts = generate("region", tmp_path)
    assert counts["meetings"] > 0 and counts["attendance"] > 0
    urls, why_not = baseline_urls(driver, tmp_path)
    assert not why_not and {"meetings", "attendance"} <= set(urls)
    try:
        run_baseline(driver, urls)
        found = driver.execute_query(
            "MATCH (m:Meeting) WITH count(m) AS meetings "
            "MATCH ()-[a:ATTENDED]->() RETURN meetings, count(a) AS attendance, "
            "sum(CASE WHEN a.attended THEN 0 ELSE 1 END) AS apologies"
        ).records[0]
        assert (found["meetings"], found["attendance"]) == (
            counts["meetings"],
            counts["attendance"],
        )
        workbook = load_workbook(tmp_path)
        assert found["apologies"] == sum(1 for a in workbook["attendance"] if not a["attended"])
    finally:
        with driver.session() as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()


@pytest.mark.neo4j
def test_merge_baseline_gives_the_changed_workbook(neo4j_env, driver, tmp_path):
    """LOAD CSV's update by MERGE over the old network, then deleting what is not
    marked, ends with the records ``smp load --replace`` of the changed workbook gives."""
    from loader.write import write_workbook
    from smp.bench import baseline_urls, clear_network, run_merge_baseline
    from synth.scaled import quarterly_update

    generate("region", tmp_path / "old")
    made = quarterly_update(tmp_path / "old", tmp_path / "new", 1)
    assert made
    network = "n:Area OR n:Organisation OR n:Person OR n:Group OR n:Meeting"
    counting = (
        f"MATCH (n) WHERE {network} WITH labels(n)[0] AS label, count(*) AS n ORDER BY label "
        "WITH collect([label, n]) AS nodes "
        f"MATCH (n)-[r]->() WHERE {network} "
        "WITH nodes, type(r) AS type, count(*) AS n ORDER BY type "
        "RETURN nodes, collect([type, n]) AS relationships"
    )
    try:
        clear_network(driver)
        write_workbook(driver, load_workbook(tmp_path / "new"), replace=True, progress=False)
        expected = driver.execute_query(counting).records[0].data()
        old_urls, _ = baseline_urls(driver, tmp_path / "old")
        new_urls, _ = baseline_urls(driver, tmp_path / "new")
        assert run_merge_baseline(driver, old_urls, new_urls) > 0
        found = driver.execute_query(counting).records[0].data()
    finally:
        with driver.session() as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
    assert found == expected
