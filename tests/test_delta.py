"""Delta loads (issue 14): ``smp diff`` says what a workbook changes, a load writes just
that in one transaction, and the result is the same as loading the workbook afresh."""

from __future__ import annotations

import json
import logging

import pytest

import loader.readback
import loader.write
from cypher import query
from loader.diff import diff_tables
from loader.readback import read_tables
from loader.spec import SHEETS_BY_NAME
from loader.validate import load_workbook
from loader.write import diff_with_database, read_history, write_workbook
from tests.conftest import retry_once_after_delivering, run_smp
from tests.test_read import SAMPLE
from tests.test_replace import network
from tests.workbooks import read_tables as read_csv_tables
from tests.workbooks import write_tables

pytestmark = pytest.mark.neo4j


def base() -> dict[str, list[dict]]:
    """The minimal workbook with meetings and attendance, so every sheet can change."""
    tables = read_csv_tables()
    wakefield = {"area_id": "E08000036", "name": "Wakefield", "type": "local_authority",
                 "parent_id": "yh-west-yorkshire"}  # fmt: skip
    tables["areas"].append(wakefield)
    tables["meetings"] = [
        {"meeting_id": "M-1", "group_id": "G-YH-SMG", "date": "2026-06-01", "format": "online"},
        {"meeting_id": "M-2", "group_id": "G-WY-SRG", "date": "2026-07-01", "format": "hybrid"},
    ]
    tables["attendance"] = [
        {"meeting_id": "M-1", "person_id": "P-001", "attended": "true"},
        {"meeting_id": "M-2", "person_id": "P-005", "attended": "true"},
    ]
    return tables


def _edit(tables: dict, sheet: str, change: str) -> None:
    """Add, change or remove one record of ``sheet`` (keeping the workbook valid)."""
    rows = tables[sheet]
    if change == "added":
        new = {
            "areas": {"area_id": "E08000033", "name": "Calderdale", "type": "local_authority",
                      "parent_id": "yh-west-yorkshire"},
            "organisations": {"org_id": "O-NEW", "name": "Wakefield Welcome", "sector": "vcs"},
            "people": {"person_id": "P-006", "name": "Fay Quill", "org_id": "O-LCC"},
            "groups": {"group_id": "G-NEW", "name": "Leeds forum", "level": "local",
                       "area_id": "E08000035"},
            "memberships": {"person_id": "P-002", "group_id": "G-WY-SRG", "role": "advisor"},
            "reporting_lines": {"from_group_id": "G-BRA-MAF", "to_group_id": "G-YH-SMG",
                                "kind": "advises"},
            "meetings": {"meeting_id": "M-3", "group_id": "G-NAT", "date": "2026-08-01"},
            "attendance": {"meeting_id": "M-1", "person_id": "P-002", "attended": "false"},
        }[sheet]  # fmt: skip
        rows.append(new)
    elif change == "changed":
        field, value = {
            "areas": ("name", "Leeds (city)"), "organisations": ("sector", "other"),
            "people": ("name", "Ada Fenwick-Stone"), "groups": ("meetings_per_year", "12"),
            "memberships": ("end_date", "2027-09-30"), "reporting_lines": ("two_way", "false"),
            "meetings": ("format", "in_person"), "attendance": ("attended", "false"),
        }[sheet]  # fmt: skip
        target = {"memberships": 7, "reporting_lines": 0}.get(sheet, -1)
        rows[target][field] = value
    else:
        index = {"areas": 6, "organisations": 2, "people": 4, "groups": 3, "memberships": 0,
                 "reporting_lines": 3, "meetings": 1, "attendance": 1}[sheet]  # fmt: skip
        removed = rows.pop(index)
        if sheet == "organisations":  # nobody may point at it any more
            tables["people"][1]["org_id"] = "O-HO"
        if sheet == "people":
            tables["memberships"] = [m for m in tables["memberships"]
                                     if m["person_id"] != removed["person_id"]]  # fmt: skip
            tables["attendance"] = [a for a in tables["attendance"]
                                    if a["person_id"] != removed["person_id"]]  # fmt: skip
        if sheet == "groups":
            tables["memberships"] = [m for m in tables["memberships"]
                                     if m["group_id"] != removed["group_id"]]  # fmt: skip
            gone = removed["group_id"]
            tables["reporting_lines"] = [
                r for r in tables["reporting_lines"] if gone not in (r["from_group_id"],
                                                                     r["to_group_id"])
            ]  # fmt: skip
        if sheet == "meetings":
            tables["attendance"] = [a for a in tables["attendance"] if a["meeting_id"] != "M-2"]


def test_the_diff_of_the_same_workbook_is_empty(empty_db, tmp_path):
    folder = write_tables(tmp_path / "wb", base())
    write_workbook(empty_db, load_workbook(folder), progress=False)
    diff = diff_with_database(empty_db, load_workbook(folder))
    assert diff.empty
    result = run_smp("diff", str(folder), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["records"] == []


CHANGES = [(sheet, change) for sheet in ("areas", "organisations", "people", "groups",
                                          "memberships", "reporting_lines", "meetings",
                                          "attendance")
           for change in ("added", "changed", "removed")]  # fmt: skip


@pytest.mark.parametrize(("sheet", "change"), CHANGES, ids=[f"{s}-{c}" for s, c in CHANGES])
def test_each_change_is_reported_then_written_as_a_fresh_load_would(
    empty_db, tmp_path, sheet, change
):
    first = write_tables(tmp_path / "first", base())
    second_tables = base()
    _edit(second_tables, sheet, change)
    second = write_tables(tmp_path / "second", second_tables)
    write_workbook(empty_db, load_workbook(first), progress=False)

    result = run_smp("diff", str(second), "--format", "json")
    assert result.returncode == 0, result.stderr
    reported = json.loads(result.stdout)
    assert reported["sheets"][sheet][change] == 1
    ours = [r for r in reported["records"] if r["sheet"] == sheet]
    assert [r["change"] for r in ours] == [change]
    if change == "changed":
        assert len(ours[0]["fields"]) == 1
    if sheet == "people" and change == "removed":  # named from the database, not the workbook
        (person,) = [p for p in base()["people"] if p not in second_tables["people"]]
        theirs = [r for r in reported["records"] if r["sheet"] == "memberships"]
        assert ours[0]["name"] == person["name"]
        assert theirs and all(r["name"].startswith(f"{person['name']}: ") for r in theirs)

    loaded = write_workbook(empty_db, load_workbook(second), replace=True, progress=False)
    assert loaded.changes[sheet][change] == 1
    delta = network(empty_db)
    empty_db.execute_query("MATCH (n) WHERE NOT n:SmpLoad DETACH DELETE n")
    write_workbook(empty_db, load_workbook(second), progress=False)
    assert delta == network(empty_db)  # the same as a fresh load of the new workbook


#: Links of each node sheet changed (one set, one emptied where it may be empty): the
#: delta load writes them by statements of their own, for those records only.
LINK_CHANGES = {
    "areas": [(3, "parent_id", "E12000003"), (4, "parent_id", "")],  # Bradford moves up
    "organisations": [(3, "area_id", "E08000035"), (2, "parent_org_id", "")],
    "people": [(1, "org_id", "O-LCC"), (3, "org_id", "")],
    "groups": [(3, "area_id", "E08000034"), (1, "host_org_id", "")],
    "meetings": [(0, "group_id", "G-NAT")],
}
SHEETS = ("areas", "organisations", "people", "groups", "memberships", "reporting_lines",
          "meetings", "attendance")  # fmt: skip


@pytest.mark.parametrize("replace", [True, False], ids=["replace", "keep"])
@pytest.mark.parametrize("sheet", SHEETS)
def test_links_and_extra_columns_change_as_a_whole_load_would(empty_db, tmp_path, sheet, replace):
    """A delta load sets each record's properties from one map (``SET n += row.props``): with
    --replace the extra columns the workbook dropped go, without it they stay, as when
    the whole workbook is written over the old one (several transactions: no delta)."""
    first_tables, second_tables = base(), base()
    for row in first_tables[sheet]:
        row["note"] = "old"
    rows = second_tables[sheet]
    for i, row in enumerate(rows):
        row["note"] = "" if i == 0 else "new" if i == 1 else "old"
    rows[-1]["colour"] = "red"
    for index, column, value in LINK_CHANGES.get(sheet, ()):
        rows[index][column] = value
    first = write_tables(tmp_path / "first", first_tables)
    second = write_tables(tmp_path / "second", second_tables)

    write_workbook(empty_db, load_workbook(first), progress=False)
    loaded = write_workbook(empty_db, load_workbook(second), replace=replace, progress=False)
    assert loaded.changes[sheet]["changed"] >= 2  # a delta: the change written
    delta = network(empty_db)

    empty_db.execute_query("MATCH (n) WHERE NOT n:SmpLoad DETACH DELETE n")
    write_workbook(empty_db, load_workbook(first), progress=False)
    whole = write_workbook(empty_db, load_workbook(second), replace=replace, progress=False,
                           commit_every=1000)  # fmt: skip
    assert whole.changes is None  # not a delta
    assert delta == network(empty_db)
    kept = [r for r in delta[0] + delta[1] if "'note', 'old'" in r]
    assert len(kept) == (len(rows) - 2 if replace else len(rows) - 1)


def test_an_extended_term_is_one_change(empty_db, tmp_path):
    first = write_tables(tmp_path / "first", base())
    tables = base()
    tables["memberships"][7]["end_date"] = "2027-09-30"  # P-003's term at Bradford's forum
    second = write_tables(tmp_path / "second", tables)
    write_workbook(empty_db, load_workbook(first), progress=False)
    diff = diff_with_database(empty_db, load_workbook(second))
    assert diff.counts()["memberships"] == {"added": 0, "changed": 1, "removed": 0}
    [record] = [r for r in diff.records() if r["sheet"] == "memberships"]
    assert record["fields"] == {"end_date": ["2026-09-30", "2027-09-30"]}
    before = empty_db.execute_query(
        "MATCH ()-[m:MEMBER_OF]->() RETURN elementId(m) AS e ORDER BY e"
    ).records
    write_workbook(empty_db, load_workbook(second), progress=False)
    after = empty_db.execute_query(
        "MATCH ()-[m:MEMBER_OF]->() RETURN elementId(m) AS e ORDER BY e"
    ).records
    assert before == after  # the same relationships: updated in place, none replaced


def test_the_table_says_changes_in_words_and_a_dry_run_without_replace_keeps_removals(
    empty_db, tmp_path
):
    """smp diff's table gives changed dates as UK dates; a dry run of a load without
    --replace says the removals listed would not be made."""
    first = write_tables(tmp_path / "first", base())
    tables = base()
    tables["memberships"][7]["end_date"] = "2027-09-30"
    _edit(tables, "memberships", "removed")
    second = write_tables(tmp_path / "second", tables)
    write_workbook(empty_db, load_workbook(first), progress=False)

    shown = run_smp("diff", str(second))
    assert shown.returncode == 0, shown.stderr
    assert "end date: 30 September 2026 → 30 September 2027" in shown.stdout
    assert "removes nothing" not in shown.stdout
    dry = run_smp("load", str(second), "--dry-run")
    assert "this load removes nothing: the 1 record marked removed stays" in dry.stdout
    assert "removes nothing" not in run_smp("load", str(second), "--dry-run", "--replace").stdout
    loaded = run_smp("load", str(second))  # and the load says what it did
    assert loaded.returncode == 0, loaded.stderr
    assert "Records: 0 added, 1 changed, 0 removed;" in loaded.stdout


def test_a_seat_twice_with_different_values_is_not_refused(empty_db, tmp_path):
    tables = base()
    tables["memberships"].append(dict(tables["memberships"][7], end_date="2025-12-31"))
    folder = write_tables(tmp_path / "wb", tables)
    write_workbook(empty_db, load_workbook(folder), progress=False)
    count = empty_db.execute_query(
        "MATCH (:Person {personId: 'P-003'})-[m:MEMBER_OF]->(:Group {groupId: 'G-BRA-MAF'}) "
        "RETURN count(m) AS n"
    ).records[0]["n"]
    assert count == 2
    assert diff_with_database(empty_db, load_workbook(folder)).empty


@pytest.mark.parametrize("sheet", ["memberships", "reporting_lines"])
def test_a_seat_no_longer_twice_is_loaded_again_and_replaced_as_a_fresh_load(
    empty_db, tmp_path, sheet
):
    """Two rows on one seat are identified by all their values; when one goes, the
    other is identified by its seat again. The database then holds the seat several
    times, so the diff keys its records by their values, and the workbook's record
    comes out "added" under an id a record the database holds may already have:
    written again without --replace, and then with it, that must neither break the
    uniqueness of ids nor lose the record."""
    tables = base()
    row = tables[sheet][0]
    row.update(start_date="2024-01-01", end_date="2025-12-31")
    tables[sheet].append(dict(row, end_date="2026-12-31"))
    first = write_tables(tmp_path / "first", tables)
    tables[sheet].pop(0)
    second = write_tables(tmp_path / "second", tables)

    def fresh(folder) -> tuple:
        empty_db.execute_query("MATCH (n) WHERE NOT n:SmpLoad DETACH DELETE n")
        write_workbook(empty_db, load_workbook(folder), progress=False)
        return network(empty_db)

    write_workbook(empty_db, load_workbook(first), progress=False)
    for _ in range(2):  # the second time, the seat's id is there already
        write_workbook(empty_db, load_workbook(second), progress=False)
    write_workbook(empty_db, load_workbook(second), replace=True, progress=False)
    assert network(empty_db) == fresh(second)
    # And back to twice, over the seat's copies (its values' id and its own).
    for folder in (first, second, first):
        write_workbook(empty_db, load_workbook(folder), progress=False)
    write_workbook(empty_db, load_workbook(first), replace=True, progress=False)
    assert network(empty_db) == fresh(first)


def test_a_killed_delta_load_leaves_the_old_network(empty_db, tmp_path):
    first = write_tables(tmp_path / "first", base())
    tables = base()
    for sheet, change in (("people", "added"), ("memberships", "changed"), ("meetings", "removed")):
        _edit(tables, sheet, change)
    second = write_tables(tmp_path / "second", tables)
    write_workbook(empty_db, load_workbook(first), progress=False)
    old = network(empty_db)

    def stop(name, _size):
        if "memberships" in name:  # after the new person was written, in the same transaction
            raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        write_workbook(empty_db, load_workbook(second), replace=True, progress=False,
                       on_batch=stop)  # fmt: skip
    assert network(empty_db) == old
    write_workbook(empty_db, load_workbook(second), replace=True, progress=False)
    assert network(empty_db) != old


def test_a_load_given_its_diff_writes_the_same_and_a_killed_one_nothing(empty_db, tmp_path, caplog):
    """The Data page and the benchmark hand the load the diff they have shown: the
    load then plans its statements from its start (loader.ahead), before its checks."""
    first = write_tables(tmp_path / "first", base())
    tables = base()
    for sheet, change in (("people", "removed"), ("memberships", "changed"),
                          ("groups", "changed"), ("attendance", "added")):  # fmt: skip
        _edit(tables, sheet, change)
    second = write_tables(tmp_path / "second", tables)
    write_workbook(empty_db, load_workbook(first), progress=False)
    old = network(empty_db)
    workbook = load_workbook(second)
    diff = diff_with_database(empty_db, workbook)

    def stop(name, _size):
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        write_workbook(empty_db, workbook, replace=True, progress=False, diff=diff, on_batch=stop)
    assert network(empty_db) == old
    with caplog.at_level(logging.DEBUG, logger="loader.ahead"):
        loaded = write_workbook(empty_db, workbook, replace=True, progress=False, diff=diff)
    assert "planning ahead stopped" not in caplog.text and " statements ahead" in caplog.text
    assert loaded.changes == diff.counts() and loaded.changes["people"]["removed"] == 1
    assert read_history(empty_db, 1)[0]["changes"] == diff.counts()
    delta = network(empty_db)
    empty_db.execute_query("MATCH (n) WHERE NOT n:SmpLoad DETACH DELETE n")
    write_workbook(empty_db, load_workbook(second), progress=False)
    assert delta == network(empty_db)  # the same as a fresh load of the new workbook
    leftovers = "MATCH (n) WHERE size(labels(n)) = 0 RETURN count(n) AS n"
    assert empty_db.execute_query(leftovers).records[0]["n"] == 0  # nothing of the planning


def test_dry_run_writes_nothing_and_history_records_the_change(empty_db, tmp_path):
    first = write_tables(tmp_path / "first", base())
    tables = base()
    _edit(tables, "people", "added")
    second = write_tables(tmp_path / "second", tables)
    assert run_smp("load", str(first)).returncode == 0
    before = network(empty_db)
    dry = run_smp("load", str(second), "--dry-run")
    assert dry.returncode == 0 and "1 added" in dry.stdout and "Fay Quill (P-006)" in dry.stdout
    assert network(empty_db) == before
    assert run_smp("load", str(second), "--replace").returncode == 0
    latest = read_history(empty_db, 1)[0]
    assert latest["changes"]["people"] == {"added": 1, "changed": 0, "removed": 0}
    assert "people 1/0/0" in run_smp("history").stdout


def test_diff_of_a_bad_workbook_and_without_a_server(tmp_path):
    tables = base()
    tables["memberships"][0]["role"] = "boss"
    folder = write_tables(tmp_path / "bad", tables)
    result = run_smp("diff", str(folder))
    assert result.returncode == 1 and "memberships.csv:2: role:" in result.stderr
    good = write_tables(tmp_path / "good", base())
    import os

    offline = dict(os.environ, NEO4J_URI="bolt://127.0.0.1:1")
    assert run_smp("diff", str(good), env=offline).returncode == 3


def test_diff_compares_values_not_the_ids_stored():
    """A database loaded by an earlier version stored other membership ids: the same
    values are still the same membership."""
    current = {"memberships": [{"membership_id": "m-old", "person_id": "P", "group_id": "G",
                                "role": "member", "represents_area_id": None,
                                "selection": "appointed", "start_date": None,
                                "end_date": None, "extra": {}}]}  # fmt: skip
    wanted = {"memberships": [dict(current["memberships"][0], membership_id="m-new")]}
    assert diff_tables(current, wanted).empty


@pytest.mark.neo4j
def test_read_back_with_extras(empty_db, tmp_path):
    tables = base()
    for row in tables["people"]:
        row["Job title"] = "Officer"
    folder = write_tables(tmp_path / "wb", tables)
    write_workbook(empty_db, load_workbook(folder), progress=False)
    people = read_tables(empty_db, extras=True)["people"]
    assert {p["extra"].get("jobTitle") for p in people} == {"Officer"}


def _changed_workbook(tmp_path):
    """The base network loaded, and a workbook that changes one membership."""
    first = write_tables(tmp_path / "first", base())
    tables = base()
    _edit(tables, "memberships", "changed")
    return first, write_tables(tmp_path / "second", tables)


def test_a_diff_whose_read_fails_half_way_raises_the_reading_error(empty_db, tmp_path, monkeypatch):
    """The diff compares each table while the next is read: a read failing half way
    stops the comparing and raises the reading's own error, with nothing left running."""
    first, second = _changed_workbook(tmp_path)
    write_workbook(empty_db, load_workbook(first), progress=False)
    original = loader.write.read_rows

    def failing(tx, sheet, extras=False):
        if sheet == "attendance":
            raise RuntimeError("the server went away")
        return original(tx, sheet, extras)

    monkeypatch.setattr(loader.write, "read_rows", failing)
    with pytest.raises(RuntimeError, match="went away"):
        diff_with_database(empty_db, load_workbook(second))


def test_a_diff_whose_read_is_retried_reads_it_all_again(empty_db, tmp_path, monkeypatch):
    """A read retried after a transient error, once tables had been compared, is read
    again whole: the diff is the same as without the retry."""
    first, second = _changed_workbook(tmp_path)
    write_workbook(empty_db, load_workbook(first), progress=False)
    expected = diff_with_database(empty_db, load_workbook(second)).records()
    calls = retry_once_after_delivering(monkeypatch, loader.readback)
    diff = diff_with_database(empty_db, load_workbook(second))
    assert len(calls) == 2
    assert diff.records() == expected
    assert diff.counts()["memberships"] == {"added": 0, "changed": 1, "removed": 0}


FORKED = [("memberships", c) for c in ("added", "changed", "removed")] + [("people", "removed")]


@pytest.mark.parametrize(("sheet", "change"), FORKED, ids=[f"{s}-{c}" for s, c in FORKED])
def test_memberships_compared_in_a_forked_copy_give_the_same_diff(
    empty_db, tmp_path, monkeypatch, sheet, change
):
    """``parallel`` (the command line, the benchmark) compares the memberships in a copy
    of this process with a connection of its own: the same diff, ids given included."""
    import os

    write_workbook(empty_db, load_workbook(write_tables(tmp_path / "first", base())))
    tables = base()
    _edit(tables, sheet, change)
    second = write_tables(tmp_path / "second", tables)
    serial = diff_with_database(empty_db, load_workbook(second))
    assert serial.sheets["memberships"].counts() != {"added": 0, "changed": 0, "removed": 0}

    where, real = tmp_path / "pid", loader.write._memberships_diff

    def noted(*args):
        where.write_text(str(os.getpid()))
        return real(*args)

    monkeypatch.setattr(loader.write, "FORK_FROM", 0)
    monkeypatch.setattr(loader.write, "_memberships_diff", noted)
    forked = diff_with_database(empty_db, load_workbook(second), parallel=True)
    assert where.read_text() != str(os.getpid())  # compared in the copy
    assert forked.records() == serial.records() and forked.counts() == serial.counts()
    sent = forked.sheets["memberships"].added + [
        n for _o, n in forked.sheets["memberships"].changed
    ]
    assert all(record["membership_id"] for record in sent)  # the ids the writer needs
    assert list(forked.sheets) == list(serial.sheets)


def test_a_forked_copy_that_dies_costs_time_not_the_diff(empty_db, tmp_path, monkeypatch):
    import os

    write_workbook(empty_db, load_workbook(write_tables(tmp_path / "first", base())))
    tables = base()
    _edit(tables, "memberships", "changed")
    second = write_tables(tmp_path / "second", tables)
    serial = diff_with_database(empty_db, load_workbook(second))
    parent, real = os.getpid(), loader.write._memberships_diff

    died = tmp_path / "died"

    def dies_in_the_copy(*args):
        if os.getpid() != parent:
            died.touch()
            os._exit(1)
        return real(*args)

    monkeypatch.setattr(loader.write, "FORK_FROM", 0)
    monkeypatch.setattr(loader.write, "_memberships_diff", dies_in_the_copy)
    assert diff_with_database(empty_db, load_workbook(second), parallel=True).records() == (
        serial.records()
    )
    assert died.exists()  # there was a copy, and it died


def _operators(plan: dict) -> set[str]:
    return {plan["operatorType"].split("@")[0]}.union(*map(_operators, plan.get("children", ())))


def test_delta_statements_seek_by_id_whatever_the_statistics(empty_db):
    """Statements that find records by the ids the database stores must seek them in
    the index, however few records the statistics say there are. Right after a large
    load the index samples can still say none (they are refreshed in the background);
    a statement planned then scanned the whole index once per id (a national update
    took 90 s instead of half a second). So: the indexes made on an empty database,
    the sample loaded, and the statements planned at once."""
    loader.write.ensure_schema(empty_db)
    write_workbook(empty_db, load_workbook(SAMPLE), progress=False)
    empty_db.execute_query("CALL db.clearQueryCaches()")
    removed = {key: ["x"] * 200 for key in loader.write._SWEEP_IDS}
    removed["attendance_keys"] = [["x", "y"]] * 200
    row = {column.name: "x" for sheet in SHEETS_BY_NAME.values() for column in sheet.columns
           if column.link or column.name == sheet.key}  # fmt: skip
    row.update(db_id="x", props={})
    names = [name for step in loader.write._NODE_DELTA for name in step[1:] if name] + [
        "delta/create_memberships", "delta/update_memberships", "delta/create_reporting_lines",
        "delta/update_reporting_lines", "delta/set_attendance"]  # fmt: skip
    checked = [(name, query(name), {"rows": [row] * 200}) for name in names]
    checked.append(("delta/delete_removed", loader.write._delete_statement(removed), removed))
    with empty_db.session() as session:
        for written in (False, True):  # a transaction that has written plans apart
            tx = session.begin_transaction()
            if written:
                tx.run("CREATE ()").consume()
            for name, text, params in checked:
                used = _operators(tx.run("EXPLAIN " + text, params).consume().plan)
                assert not {op for op in used if "Scan" in op}, (name, written, used)
            tx.rollback()


def test_the_delete_statement_keeps_only_the_kinds_with_removals():
    every = loader.write._REMOVAL.findall(query("delta/delete_removed"))
    keys = {**loader.write._SWEEP_IDS, "attendance_keys": None}
    assert sorted(param for param, _list in every) == sorted(keys)  # each subquery found
    whole = loader.write._delete_statement({key: ["x"] for key in keys})
    assert "/*" not in whole and whole.count("CALL () {") == len(keys)
    assert "memberships + lines + attendances | DELETE r" in whole
    some = loader.write._delete_statement({"person_ids": ["P-1"], "membership_ids": ["m"]})
    assert some.count("CALL () {") == 2 and "$line_ids" not in some
    assert "FOREACH (r IN memberships | DELETE r)" in some
    assert "FOREACH (n IN people | DETACH DELETE n)" in some
    only_nodes = loader.write._delete_statement({"area_ids": ["A"]})
    assert "DELETE r)" not in only_nodes and "FOREACH (n IN areas | DETACH DELETE n)" in only_nodes
