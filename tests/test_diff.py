"""The diff's comparison on its own (no server): the database's side read as rows
(:class:`loader.readback.Rows`, as ``smp diff`` reads it) gives exactly the diff of the
same records read as dicts, whatever the tables hold; and small cases checked by hand."""

from __future__ import annotations

import datetime as dt
import operator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.identity import (
    LINE_FIELDS,
    MEMBERSHIP_FIELDS,
    MEMBERSHIP_KEY,
    line_ids,
    membership_ids,
    membership_keys,
)
from loader.diff import diff_tables
from loader.readback import COLUMNS, Rows
from loader.validate import Workbook
from loader.write import assign_ids

START = dt.date(2025, 4, 1)


@st.composite
def memberships(draw):
    """A few memberships over two people and two groups: seats that come twice (with the
    same or other values), extended terms, extra columns."""
    rows = []
    for i in range(draw(st.integers(0, 6))):
        rows.append({
            "membership_id": f"m{i}",
            "person_id": draw(st.sampled_from(["P1", "P2"])),
            "group_id": draw(st.sampled_from(["G1", "G2"])),
            "role": draw(st.sampled_from(["member", "vcs_rep"])),
            "represents_area_id": draw(st.sampled_from([None, "A1"])),
            "selection": draw(st.sampled_from([None, "elected"])),
            "start_date": draw(st.sampled_from([None, START])),
            "end_date": draw(st.sampled_from([None, START + dt.timedelta(days=365)])),
            "extra": draw(st.sampled_from([{}, {"notes": "x"}, {"notes": "y"}])),
        })  # fmt: skip
    return rows


@st.composite
def people(draw):
    rows = []
    for i in draw(st.lists(st.integers(1, 4), max_size=5)):
        rows.append({
            "person_id": f"P{i}",
            "name": draw(st.sampled_from(["Ann", "Bo", ""])),
            "org_id": draw(st.sampled_from([None, "O1"])),
            "email": None,
            "phone": draw(st.sampled_from([None, "01"])),
            "councillor": draw(st.sampled_from([None, True])),
            "party": None,
            "extra": draw(st.sampled_from([{}, {"jobTitle": "Officer"}])),
        })  # fmt: skip
    return rows


def as_rows(sheet: str, records: list[dict]) -> Rows:
    columns = COLUMNS[sheet] + ("extra",)
    return Rows(columns, [[r.get(c) for c in columns] for r in records])


def _seen(diff) -> dict:
    return {"counts": diff.counts(), "records": diff.records(),
            "old": {s: [old for old, _ in d.changed] for s, d in diff.sheets.items()},
            "removed": {s: d.removed for s, d in diff.sheets.items()},
            "unchanged": {s: d.unchanged for s, d in diff.sheets.items()}}  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(memberships(), memberships(), people(), people())
def test_rows_and_records_give_the_same_diff(old_m, new_m, old_p, new_p):
    records = {"memberships": old_m, "people": old_p}
    rows = {sheet: as_rows(sheet, table) for sheet, table in records.items()}
    wanted = {"memberships": new_m, "people": new_p}
    assert _seen(diff_tables(rows, wanted)) == _seen(diff_tables(records, wanted))


def _membership(**values) -> dict:
    seat = {"membership_id": "m", "person_id": "P1", "group_id": "G1", "role": "member",
            "represents_area_id": None, "selection": None, "start_date": START,
            "end_date": None, "extra": {}}  # fmt: skip
    return {**seat, **values}


def test_an_extended_term_read_as_rows_is_one_change():
    old = [_membership(end_date=dt.date(2026, 3, 31)), _membership(person_id="P2")]
    new = [_membership(end_date=dt.date(2027, 3, 31)), _membership(person_id="P2")]
    diff = diff_tables({"memberships": as_rows("memberships", old)}, {"memberships": new})
    assert diff.counts()["memberships"] == {"added": 0, "changed": 1, "removed": 0}
    assert diff.sheets["memberships"].unchanged == 1
    (changed,) = [r for r in diff.records() if r["change"] == "changed"]
    assert changed["fields"] == {"end_date": ["2026-03-31", "2027-03-31"]}


def test_a_record_twice_in_the_database_is_one_record():
    """Identical rows in the database (written outside the tool) are one record, their
    extra columns combined, as the workbook's are."""
    twice = [_membership(extra={"a": "1"}), _membership(extra={"b": "2"})]
    wanted = [_membership(extra={"a": "1", "b": "2"})]
    diff = diff_tables({"memberships": as_rows("memberships", twice)}, {"memberships": wanted})
    assert diff.empty and diff.sheets["memberships"].unchanged == 1


def test_only_a_changed_extra_column_is_a_change():
    old = [_membership(extra={"notes": "x"})]
    new = [_membership(extra={"notes": "y"})]
    diff = diff_tables({"memberships": as_rows("memberships", old)}, {"memberships": new})
    (changed,) = diff.records()
    assert changed["fields"] == {"extra": [{"notes": "x"}, {"notes": "y"}]}


@settings(max_examples=300, deadline=None)
@given(memberships(), memberships())
def test_the_diff_gives_ids_to_what_it_sends_as_its_whole_sheet_would(old, new):
    """``ids=True``: each membership added or changed gets the id ``membership_ids`` of
    the whole sheet gives it (also where one seat has two sets of values); the others
    get none."""
    wanted = [{k: v for k, v in r.items() if k != "membership_id"} for r in new]
    made = {tuple(r.get(f) for f in MEMBERSHIP_FIELDS): made
            for r, made in zip(wanted, membership_ids(wanted), strict=True)}  # fmt: skip
    diff = diff_tables(
        {"memberships": as_rows("memberships", old)}, {"memberships": wanted}, ids=True
    )
    d = diff.sheets["memberships"]
    sent = [*d.added, *(new for _old, new in d.changed)]
    for record in sent:
        assert record["membership_id"] == made[tuple(record.get(f) for f in MEMBERSHIP_FIELDS)]
    sent_ids = {id(r) for r in sent}
    assert all("membership_id" not in r for r in wanted if id(r) not in sent_ids)


def test_the_diff_gives_an_added_reporting_line_its_id():
    line = {"from_group_id": "G1", "to_group_id": "G2", "kind": "feeds_into",
            "two_way": False, "start_date": START, "end_date": None}  # fmt: skip
    kept = {**line, "to_group_id": "G3"}
    (kept_id,) = line_ids([kept])
    old = [{**kept, "line_id": kept_id, "extra": {}}]
    wanted = [dict(line), dict(kept)]
    diff = diff_tables({"reporting_lines": as_rows("reporting_lines", old)},
                       {"reporting_lines": wanted}, ids=True)  # fmt: skip
    (added,) = diff.sheets["reporting_lines"].added
    assert added["line_id"] == line_ids(wanted)[0]
    assert "line_id" not in wanted[1]  # unchanged: nothing to send
    assert set(LINE_FIELDS) <= set(added)


def test_assign_ids_gives_every_record_its_id_when_some_lack_one():
    """After a diff has given ids to the records it sends, a full load still gets
    every id, the same as the sheet's."""
    rows = [_membership(person_id=p) for p in ("P1", "P2", "P3")]
    for row in rows:
        del row["membership_id"]
    expected = membership_ids(rows)
    rows[1]["membership_id"] = expected[1]
    workbook = Workbook(source=None, tables={"memberships": rows})
    assign_ids(workbook)
    assert [r["membership_id"] for r in rows] == expected


def _identities_by_hand(records: list[dict]) -> list[tuple]:
    """The seat of each membership, or all its values where one seat has two sets of
    values: record by record, as simply as possible."""

    def seat(r):
        return tuple(r.get(f) for f in MEMBERSHIP_KEY)

    def values(r):
        return tuple(r.get(f) for f in MEMBERSHIP_FIELDS)

    varied = {seat(r) for r in records for o in records if seat(r) == seat(o)
              and values(r) != values(o)}  # fmt: skip
    return [("*", *values(r)) if seat(r) in varied else seat(r) for r in records]


@settings(max_examples=300, deadline=None)
@given(memberships())
def test_membership_keys_agree_with_a_simple_reference(records):
    assert membership_keys(records) == _identities_by_hand(records)
    rows = as_rows("memberships", records)
    at = {c: i for i, c in enumerate(rows.columns)}
    by_position = membership_keys(rows.rows, lambda names: _at(at, names))
    assert by_position == _identities_by_hand(records)


def _at(at: dict, names: tuple[str, ...]):
    return operator.itemgetter(*(at[n] for n in names))


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_copies_of_a_seat_in_the_database_give_the_same_write_whatever_order_they_come_in(
    order,
):
    """A seat listed twice (two terms from one date), then once, then twice again: the
    database holds the later term under two ids, its values' and its seat's. Whatever
    order the database's rows are read in, the diff matches the copy under the id the
    workbook's record gets, and the rest is removed; the write
    (``loader.write._written``) neither creates an id already stored nor deletes one
    it keeps."""
    from core.identity import membership_ids
    from loader.write import _written

    earlier = _membership(end_date=dt.date(2025, 12, 31))
    later = _membership(end_date=dt.date(2026, 12, 31))
    by_values = membership_ids([earlier, later])
    by_seat = membership_ids([later])[0]
    stored = [dict(earlier, membership_id=by_values[0]), dict(later, membership_id=by_values[1]),
              dict(later, membership_id=by_seat)]  # fmt: skip
    rows = as_rows("memberships", [stored[i] for i in order])
    for wanted, kept in (([earlier, later], set(by_values)), ([later], {by_seat})):
        wanted = [{k: v for k, v in r.items() if k != "membership_id"} for r in wanted]
        diff = diff_tables({"memberships": rows}, {"memberships": wanted}, ids=True)
        written = _written(diff)["memberships"]
        gone = {r["membership_id"] for r in written.removed}
        made = {r["membership_id"] for r in written.added}
        assert gone == {r["membership_id"] for r in stored} - kept
        assert not made & {r["membership_id"] for r in stored}  # nothing stored made again
        assert all(new["membership_id"] == old["membership_id"] for old, new in written.changed)
