"""One step back (issue 31): a load reverted puts the network back exactly, in one
transaction, never brings back a person erased since, refuses when later loads changed
the same records (or reverts them too when asked), and a killed revert changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from loader.history import reverted_tables
from loader.readback import read_tables
from loader.validate import Workbook
from loader.write import write_workbook
from tests.conftest import db_snapshot, run_smp
from tests.workbooks import read_tables as read_csv
from tests.workbooks import write_tables

pytestmark = pytest.mark.neo4j
CYCLE = Path(__file__).resolve().parent / "data" / "cycle"


def _analysis() -> str:
    result = run_smp("analyse", "--as-of", "2026-09-30", "--no-measures")
    assert result.returncode == 0, result.stderr
    return result.stdout


def _network(driver) -> tuple:
    """Everything of the network (not the load records and audit)."""
    nodes, rels = db_snapshot(driver)
    return tuple(n for n in nodes if "Smp" not in n), rels


def _last_load_id() -> str:
    return run_smp("history", "--limit", "1").stdout.split()[0]


def _changed(tmp_path: Path) -> Path:
    tables = read_csv(CYCLE)
    tables["people"] = [p for p in tables["people"] if p["person_id"] != "P-006"]
    tables["elections"] = [e for e in tables["elections"] if e["elected_person_id"] != "P-006"]
    tables["memberships"][7]["end_date"] = "2027-09-30"  # Bradford's rep renewed
    tables["groups"][3]["name"] = "Bradford forum (renamed)"
    tables["group_rules"].append({"group_id": "G-BRA-MAF", "kind": "", "rule": "members_max",
                                  "sector": "", "value": "30"})  # fmt: skip
    return write_tables(tmp_path / "changed", tables)


def test_a_revert_gives_back_exactly_the_network_and_answers_before(empty_db, tmp_path):
    assert run_smp("load", str(CYCLE)).returncode == 0
    before, network = _analysis(), _network(empty_db)
    assert run_smp("load", str(_changed(tmp_path)), "--replace").returncode == 0
    assert _analysis() != before
    load_id = _last_load_id()
    dry = run_smp("revert", load_id, "--dry-run", "--as-of", "2026-09-30")
    assert dry.returncode == 0, dry.stderr
    assert "What it does to the answers" in dry.stdout and "changed" in dry.stdout
    assert _network(empty_db) != network  # a dry run writes nothing
    done = run_smp("revert", load_id, "--yes")
    assert done.returncode == 0, done.stderr
    assert _analysis() == before  # byte for byte
    assert _network(empty_db) == network
    assert f"revert of {CYCLE}" not in run_smp("history").stdout  # named by its source
    assert "revert of" in run_smp("history", "--limit", "1").stdout


def test_reverting_a_first_load_empties_the_network(empty_db):
    assert run_smp("load", str(CYCLE)).returncode == 0
    assert run_smp("revert", _last_load_id(), "--yes").returncode == 0
    assert _network(empty_db) == ((), ())


def test_later_loads_on_the_same_records_are_refused_or_reverted_too(empty_db, tmp_path):
    assert run_smp("load", str(CYCLE)).returncode == 0
    before = _analysis()
    assert run_smp("load", str(_changed(tmp_path)), "--replace").returncode == 0
    first = _last_load_id()
    tables = read_csv(_changed(tmp_path))
    tables["memberships"][7]["end_date"] = "2028-09-30"  # the same record again
    assert run_smp("load", str(write_tables(tmp_path / "again", tables))).returncode == 0
    refused = run_smp("revert", first, "--yes")
    assert refused.returncode == 1 and "later loads changed the same records" in refused.stderr
    assert run_smp("revert", first, "--yes", "--with-later").returncode == 0
    assert _analysis() == before


def test_a_revert_never_brings_back_a_person_erased_since(empty_db, tmp_path):
    assert run_smp("load", str(CYCLE)).returncode == 0
    assert run_smp("load", str(_changed(tmp_path)), "--replace").returncode == 0  # P-006 goes
    load_id = _last_load_id()
    assert run_smp("forget", "P-006", "--yes").returncode == 0
    stored = empty_db.execute_query("MATCH (u:SmpUndo) RETURN u.undo AS undo").records
    assert not [r for r in stored if "Farah" in (r["undo"] or "")]  # the undo was scrubbed
    assert run_smp("revert", load_id, "--yes").returncode == 0
    people = {r["person_id"] for r in read_tables(empty_db)["people"]}
    assert "P-006" not in people and "P-004" in people


def test_a_killed_revert_changes_nothing(empty_db, tmp_path):
    assert run_smp("load", str(CYCLE)).returncode == 0
    assert run_smp("load", str(_changed(tmp_path)), "--replace").returncode == 0
    network = _network(empty_db)
    current = read_tables(empty_db, extras=True)
    tables, _undone = reverted_tables(empty_db, _last_load_id(), current)

    def killed(_name: str, _rows: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_workbook(empty_db, Workbook(Path("revert"), tables, checksum="x"),
                       replace=True, progress=False, on_batch=killed)  # fmt: skip
    assert _network(empty_db) == network


def test_an_admin_undoes_a_load_from_the_data_page(empty_db, tmp_path):
    from streamlit.testing.v1 import AppTest

    main = str(Path(__file__).resolve().parent.parent / "app" / "main.py")
    assert run_smp("load", str(CYCLE)).returncode == 0
    before = _analysis()
    assert run_smp("load", str(_changed(tmp_path)), "--replace").returncode == 0
    at = AppTest.from_file(main, default_timeout=120)
    at.run()
    at.switch_page("views/data.py").run()
    choose = at.selectbox(key="undo_load")
    choose.set_value(choose.options[0]).run()  # the newest load first
    assert not at.exception, [e.message for e in at.exception]
    assert any(m.value.startswith("**As of ") for m in at.markdown)  # what it does, first
    at.button(key="undo_go").click().run()
    assert any("Undone" in s.value for s in at.success), [e.message for e in at.exception]
    assert _analysis() == before
