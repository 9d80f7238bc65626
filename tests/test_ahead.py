"""loader.ahead: a load's statements planned on a session of their own while the load
runs. It must never write, never hold up the load, and never make it fail."""

from __future__ import annotations

import logging
import threading

import pytest

from cypher import query
from loader.ahead import Ahead, planned_ahead
from loader.write import _delete_statement
from tests.conftest import db_snapshot

pytestmark = pytest.mark.neo4j

AREA = {"area_id": "X1", "name": "Somewhere", "type": "local_authority", "extra": {}}


def statements(*rows: dict) -> list[tuple[str, dict]]:
    removed = {key: [] for key in (
        "membership_ids", "line_ids", "attendance_keys", "meeting_ids", "group_ids",
        "person_ids", "org_ids", "area_ids")}  # fmt: skip
    return [
        (query("load_areas"), {"rows": list(rows), "reset": True}),
        (query("delta/update_memberships"), {"rows": []}),
        (_delete_statement(removed), removed),
    ]


def test_statements_are_planned_and_nothing_is_written(empty_db, caplog):
    before = db_snapshot(empty_db)
    with (
        caplog.at_level(logging.DEBUG, logger="loader.ahead"),
        planned_ahead(empty_db, None, statements(AREA)) as ahead,
    ):
        assert ahead.ended.wait(60)
    assert "planned 3 of 3 statements ahead" in caplog.text
    assert db_snapshot(empty_db) == before  # the planning's own write was rolled back
    count = empty_db.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    assert count == 0


def test_the_load_in_the_block_is_written_as_without(empty_db, caplog):
    planned = statements(AREA)
    with (
        caplog.at_level(logging.DEBUG, logger="loader.ahead"),
        planned_ahead(empty_db, None, planned) as ahead,
        empty_db.session() as session,
        session.begin_transaction() as tx,
    ):
        for text, parameters in planned:
            ahead.reach(text)
            tx.run(text, parameters).consume()
        tx.commit()
    assert "planning ahead stopped" not in caplog.text
    names = empty_db.execute_query("MATCH (a) RETURN labels(a) AS labels, a.name AS name").records
    assert [(r["labels"], r["name"]) for r in names] == [(["Area"], "Somewhere")]


def test_a_failure_while_planning_stops_only_the_planning(empty_db, caplog):
    broken = [*statements(AREA), ("NOT CYPHER AT ALL", {})]
    with (
        caplog.at_level(logging.DEBUG, logger="loader.ahead"),
        planned_ahead(empty_db, None, broken) as ahead,
    ):
        assert ahead.ended.wait(60)
        empty_db.execute_query(query("load_areas"), rows=[AREA], reset=True)
    assert "planning ahead stopped, 1 of 4 planned" in caplog.text  # the first, then the last
    count = empty_db.execute_query("MATCH (a:Area) RETURN count(a) AS n").records[0]["n"]
    assert count == 1


def test_the_end_of_the_block_stops_the_planning(empty_db, caplog):
    many = statements(AREA) * 200
    with caplog.at_level(logging.DEBUG, logger="loader.ahead"):
        with planned_ahead(empty_db, None, many) as ahead:
            pass
        assert ahead.ended.is_set()  # the block waited for the thread
    assert "of 600 statements ahead" in caplog.text
    assert "planned 600 of 600" not in caplog.text


def test_each_statement_is_planned_by_one_side_only():
    first, second, third = statements(AREA)
    ahead = Ahead([first, second, third])
    ahead.reach(first[0])  # the transaction came to the first before planning ahead did
    assert not ahead.take(0)
    assert ahead.take(2)  # planning ahead takes the last ...
    ahead.reach(second[0])  # ... the transaction the next it runs
    assert not ahead.take(1)
    ahead.reach("MATCH (n) RETURN n")  # not one of them: nothing to wait for
    waiting = threading.Thread(target=ahead.reach, args=(third[0],))
    waiting.start()
    waiting.join(0.2)
    assert waiting.is_alive()  # being planned ahead: the transaction waits for it
    ahead.planned[2].set()
    waiting.join(5)
    assert not waiting.is_alive()


def test_a_statement_planned_ahead_in_vain_is_not_waited_for(monkeypatch):
    first, second, third = statements(AREA)
    ahead = Ahead([first, second, third])
    assert ahead.take(2)
    waiting = threading.Thread(target=ahead.reach, args=(third[0],))
    waiting.start()
    ahead.end()  # the planning failed (or ended) before it was planned
    waiting.join(5)
    assert not waiting.is_alive()
    monkeypatch.setattr("loader.ahead.WAIT_S", 0.05)
    stalled = Ahead([first, second, third])
    assert stalled.take(1)
    stalled.reach(second[0])  # never planned: the transaction goes on after WAIT_S


def test_parameters_the_driver_cannot_send_stop_only_the_planning(empty_db, caplog):
    unsendable = [*statements(AREA), ("RETURN $x AS x", {"x": object()})]
    with (
        caplog.at_level(logging.DEBUG, logger="loader.ahead"),
        planned_ahead(empty_db, None, unsendable) as ahead,
    ):
        assert ahead.ended.wait(60)
    assert "planning ahead stopped, 1 of 4 planned" in caplog.text
