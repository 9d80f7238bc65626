"""One step back: what each load changed, kept so that it can be undone (``smp revert``).

A load that fits one transaction stores, in that transaction, its *undo* (``SmpUndo``,
keyed by the load's id): the keys of the records it added, the keys the records it
changed have now, and the records it changed or removed as they were. A first load
into an empty database stores only that the network was empty. Loads committed in
several transactions (too large for one) store none and cannot be reverted.

:func:`reverted_tables` applies undos to the network as the database holds it now,
newest first, and gives the tables the network had before; the caller writes them as
any workbook (one transaction, a diff first, an audited load of its own). People
erased since never come back: an erasure scrubs every undo that names them
(:func:`scrub`), and the tables are checked against the erased references again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping

import neo4j

from core import erasure
from core.errors import SmpError
from cypher import query
from loader.diff import SheetDiff, identify
from loader.readback import DATE_COLUMNS
from loader.spec import SHEETS, SHEETS_BY_NAME

__all__ = [
    "MOST_RECORDS",
    "UNDO_LOADS",
    "CannotRevert",
    "held_in_undo",
    "reverted_tables",
    "scrub",
    "undo_loads",
    "undo_of",
]

#: A load changing more records than this stores no undo (it would be a copy of the
#: network): it cannot be reverted, and history says so.
MOST_RECORDS = 200_000


#: How many of the newest loads keep their undo (``SMP_UNDO_LOADS``): an undo holds
#: copies of the records a load changed or removed, people among them.
UNDO_LOADS = 20


def undo_loads() -> int:
    value = os.environ.get("SMP_UNDO_LOADS", "").strip()
    return int(value) if value.isdigit() and 0 < int(value) < 10_000 else UNDO_LOADS


class CannotRevert(SmpError):
    """A load that cannot be reverted (why is the message)."""


def _key(sheet: str, record: Mapping) -> str:
    return identify(sheet, record)


def _plain(record: Mapping) -> dict:
    """A record as JSON can hold it (dates as ISO text)."""
    out = {}
    for column, value in record.items():
        if column == "row":
            continue
        out[column] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def _typed(record: Mapping) -> dict:
    """:func:`_plain` back: dates of the date columns as dates."""
    return {column: (dt.date.fromisoformat(value) if column in DATE_COLUMNS and value
                     else value) for column, value in record.items()}  # fmt: skip


def undo_of(sheets: Mapping[str, SheetDiff], replace: bool, empty: bool) -> str | None:
    """The undo of a load (JSON), from what it writes: ``sheets`` (the diff as written),
    ``replace`` (without it nothing is removed), ``empty`` (the database held no
    network: undoing it empties it again). None when it would hold more than
    :data:`MOST_RECORDS` records."""
    if empty:
        return json.dumps({"empty_before": True})
    undo: dict[str, dict] = {}
    size = 0
    for sheet, d in sheets.items():
        removed = d.removed if replace else []
        size += len(d.added) + 2 * len(d.changed) + len(removed)
        if size > MOST_RECORDS:
            return None
        if d.added or d.changed or removed:
            undo[sheet] = {
                # Keys the network has after the load that were not there, or not so.
                "drop": [_key(sheet, new) for new in d.added]
                + [_key(sheet, new) for _old, new in d.changed],
                # Records as they were, to put back.
                "restore": [_plain(old) for old, _new in d.changed] + [_plain(r) for r in removed],
            }
    return json.dumps({"empty_before": False, "sheets": undo}, default=str)


def _undos(driver: neo4j.Driver, database: str | None) -> list[dict]:
    """Every load, newest first: ``load_id``, ``at``, ``source``, ``undo`` (parsed; None
    when the load stored none)."""
    records = driver.execute_query(query("read_undos"), database_=database).records
    return [{**r.data(), "undo": json.loads(r["undo"]) if r["undo"] else None} for r in records]


def _touched(undo: Mapping) -> set[tuple[str, str]]:
    """The (sheet, key) of every record an undo would drop or put back."""
    out = set()
    for sheet, part in undo.get("sheets", {}).items():
        out |= {(sheet, key) for key in part["drop"]}
        out |= {(sheet, _key(sheet, record)) for record in part["restore"]}
    return out


def reverted_tables(
    driver: neo4j.Driver,
    load_id: str,
    current: Mapping[str, list[dict]],
    with_later: bool = False,
    database: str | None = None,
) -> tuple[dict[str, list[dict]], list[dict]]:
    """The tables of the network as it was before the load ``load_id`` (a prefix of its
    id is enough), from ``current`` (:func:`loader.readback.read_tables` with extras),
    and the loads undone (newest first). Refuses with :class:`CannotRevert` a load
    that is unknown, stored no undo, or whose records a later load changed too (unless
    ``with_later``: then the later loads are undone first)."""
    loads = _undos(driver, database)
    matches = [i for i, load in enumerate(loads) if load["load_id"].startswith(load_id)]
    if len(matches) != 1:
        found = "no load" if not matches else f"{len(matches)} loads"
        raise CannotRevert(f"{found} with an id starting {load_id!r}: see `smp history`")
    index = matches[0]
    target = loads[index]
    if target["undo"] is None:
        raise CannotRevert(
            f"the load of {target['source']} ({target['at']}) kept no record of what it "
            "changed (it was too large for one transaction, or made before December 2026): "
            "load the workbook you want instead"
        )
    later = loads[:index]
    if not with_later:
        ours = _touched(target["undo"])
        clashing = [load for load in later
                    if load["undo"] is None or _touched(load["undo"]) & ours]  # fmt: skip
        if clashing:
            names = ", ".join(f"{c['source']} ({c['at']})" for c in clashing)
            raise CannotRevert(
                f"later loads changed the same records ({names}): revert them too with "
                "--with-later, or load the workbook you want instead"
            )
        later = []
    undone = [*later, target]
    tables = {sheet: [dict(r) for r in current.get(sheet, [])] for sheet in SHEETS_BY_NAME}
    for load in undone:
        if load["undo"] is None:
            raise CannotRevert(
                f"the later load of {load['source']} ({load['at']}) cannot be undone"
            )
        tables = _apply(tables, load["undo"])
    return _without_erased(driver, tables, database), undone


def _apply(tables: dict[str, list[dict]], undo: Mapping) -> dict[str, list[dict]]:
    if undo.get("empty_before"):
        return {sheet: [] for sheet in tables}
    out = dict(tables)
    for sheet, part in undo.get("sheets", {}).items():
        drop = set(part["drop"])
        kept = [r for r in out.get(sheet, []) if _key(sheet, r) not in drop]
        out[sheet] = kept + [_typed(r) for r in part["restore"]]
    return out


def _without_erased(
    driver: neo4j.Driver, tables: dict[str, list[dict]], database: str | None
) -> dict[str, list[dict]]:
    """The tables without anyone erased (and whatever names them)."""
    records = driver.execute_query(query("read_erased"), database_=database).records
    refs = {r["ref"] for r in records}
    if not refs:
        return tables
    secret = erasure.key()
    gone = {p["person_id"] for p in tables.get("people", [])
            if erasure.references(p["person_id"], secret) & refs}  # fmt: skip
    return _forget_in(tables, gone) if gone else tables


def _forget_in(tables: Mapping[str, list[dict]], gone: set[str]) -> dict[str, list[dict]]:
    """``tables`` with the people ``gone`` and everything naming them taken out (as
    ``smp forget`` does in the database)."""
    out = dict(tables)
    out["people"] = [p for p in tables.get("people", []) if p["person_id"] not in gone]
    for sheet in ("memberships", "attendance"):
        out[sheet] = [r for r in tables.get(sheet, []) if r.get("person_id") not in gone]
    out["elections"] = [
        {**e, "contact_person_id": None if e.get("contact_person_id") in gone
         else e.get("contact_person_id")}
        for e in tables.get("elections", []) if e.get("elected_person_id") not in gone
    ]  # fmt: skip
    out["areas"] = [{**a, "lead_person_id": None} if a.get("lead_person_id") in gone else a
                    for a in tables.get("areas", [])]  # fmt: skip
    return out


def held_in_undo(tx: neo4j.ManagedTransaction | neo4j.Transaction, person_id: str) -> bool:
    """Whether a load's undo holds the person's own record (they were removed by a load
    that could be reverted)."""
    for record in tx.run(query("read_undos_naming"), person_id=person_id):
        undo = json.loads(record["undo"])
        for part in undo.get("sheets", {}).values():
            if any(r.get("person_id") == person_id and "name" in r for r in part["restore"]):
                return True
    return False


def scrub(tx: neo4j.ManagedTransaction | neo4j.Transaction, person_id: str) -> int:
    """Take a person out of every stored undo (``smp forget``): their records, and every
    record naming them, so that no revert brings them back. Returns the undos changed."""
    changed = 0
    for record in list(tx.run(query("read_undos_naming"), person_id=person_id)):
        undo = json.loads(record["undo"])
        for part in undo.get("sheets", {}).values():
            part["restore"] = _forget_in_records(part["restore"], person_id)
        tx.run(query("record_undo"), load_id=record["load_id"], undo=json.dumps(undo)).consume()
        changed += 1
    return changed


def _forget_in_records(records: Iterable[dict], person_id: str) -> list[dict]:
    out = []
    for r in records:
        if r.get("person_id") == person_id or r.get("elected_person_id") == person_id:
            continue
        r = {**r}
        for column in ("contact_person_id", "lead_person_id"):
            if r.get(column) == person_id:
                r[column] = None
        out.append(r)
    return out


#: The sheets an undo may name (for tests and docs).
UNDONE_SHEETS = tuple(sheet.name for sheet in SHEETS)
