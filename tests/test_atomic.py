"""A load killed with SIGKILL at any moment leaves exactly the old network or exactly
the new one: the whole load (``--replace`` included) is one transaction."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import SMP, run_smp
from tests.workbooks import MINIMAL, read_tables, write_tables

pytestmark = pytest.mark.neo4j
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample" / "uk"


def counts(driver) -> dict:
    nodes = driver.execute_query(
        "MATCH (n) WHERE NOT (n:SmpLoad OR n:SmpUndo) UNWIND labels(n) AS label "
        "RETURN label, count(*) AS n ORDER BY label"
    ).records
    rels = driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"
    ).records
    return {r["label"]: r["n"] for r in nodes} | {r["type"]: r["n"] for r in rels}


def test_killed_loads_leave_old_or_new_never_a_mix(empty_db):
    assert run_smp("load", str(SAMPLE)).returncode == 0
    new = counts(empty_db)
    assert run_smp("load", str(MINIMAL), "--replace").returncode == 0
    old = counts(empty_db)
    outcomes = []
    # The load takes a few seconds: Python starting, validating, then writing.
    for delay in (1.0, 2.0, 3.0, 4.0, 6.0):
        process = subprocess.Popen(
            [SMP, "load", str(SAMPLE), "--replace"], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, env=dict(os.environ),
        )  # fmt: skip
        time.sleep(delay)
        finished = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait()
        time.sleep(0.5)  # the server notices the dropped connection and rolls back
        now = counts(empty_db)
        assert now in (old, new), f"a mix after {delay} s: {now}"
        outcomes.append("finished" if finished else ("new" if now == new else "old"))
        if now == new:
            assert run_smp("load", str(MINIMAL), "--replace").returncode == 0
    assert "old" in outcomes, outcomes  # some kills did land mid-load


def test_failed_statement_rolls_back_everything(empty_db, monkeypatch):
    from loader.validate import load_workbook
    from loader.write import write_workbook

    assert run_smp("load", str(MINIMAL)).returncode == 0
    before = counts(empty_db)

    def explode(name, _size):
        if name.endswith("_memberships"):  # load_ or create_
            raise RuntimeError("stopped half way")

    with pytest.raises(RuntimeError):
        write_workbook(empty_db, load_workbook(SAMPLE), replace=True, on_batch=explode)
    assert counts(empty_db) == before


def _with_a_late_problem(folder: Path) -> Path:
    """The sample with one problem in its last sheet: a group reporting to itself."""
    tables = read_tables(SAMPLE)
    tables["reporting_lines"][0]["to_group_id"] = tables["reporting_lines"][0]["from_group_id"]
    return write_tables(folder, tables)


def test_smp_load_of_a_workbook_with_a_late_problem_writes_nothing(empty_db, tmp_path):
    assert run_smp("load", str(MINIMAL)).returncode == 0
    before = counts(empty_db)
    result = run_smp("load", str(_with_a_late_problem(tmp_path / "late")), "--replace")
    assert result.returncode == 1
    assert "reporting_lines.csv:2: to_group_id:" in result.stderr
    assert "Traceback" not in result.stderr
    assert counts(empty_db) == before
