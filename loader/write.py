"""The only place that writes to Neo4j: a validated workbook (and the erasure of a
person, with its audit entry).

A load is one transaction of batched ``UNWIND $rows`` statements, so a load that
fails or is killed leaves exactly the network that was there before. Into a
database that holds a network, only the difference is written
(:func:`diff_with_database`, :func:`_write_delta`): records added are created,
changed ones updated in place, and with ``--replace`` those the workbook does not
have are deleted, all found before any is deleted (in Neo4j 5 each index seek of a
transaction also goes through the transaction's deletions, so deleting as it goes
slows every later lookup).

A workbook of more than :data:`SINGLE_TRANSACTION_ROWS` rows does not fit one
transaction on a server of ordinary size (its state is held in the server's heap),
so it is committed in transactions of ``commit_every`` rows instead. Such a load is
recorded as ``running`` before its first row and ``complete`` after its last, and
:func:`graph.read.read_network` refuses a network whose last load is not complete:
nobody analyses half a network. Loading the same workbook again finishes the job
(loads are idempotent).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import re
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import neo4j
from neo4j.exceptions import Neo4jError

from core import db, erasure
from core.errors import Problem, SmpError, WorkbookError
from core.forked import Forked
from core.identity import line_ids, membership_ids, rule_ids
from core.memory import no_gc
from core.words import uk_date
from cypher import query, statements
from loader.ahead import Ahead, planned_ahead
from loader.diff import NetworkDiff, SheetDiff, diff_tables
from loader.history import held_in_undo, scrub, undo_loads, undo_of
from loader.read import checksum
from loader.readback import Arriving, read_all_rows, read_rows, while_reading
from loader.spec import SHEETS, SHEETS_BY_NAME, camel_case
from loader.validate import Record, Workbook

BATCH_SIZE = 10_000
#: Above this many rows a load is committed in several transactions (see the module's
#: docstring); ``SMP_LOAD_TRANSACTION_ROWS`` overrides it.
SINGLE_TRANSACTION_ROWS = 500_000
#: Rows per transaction of a load committed in several.
COMMIT_EVERY = 50_000

# (sheet, statement) in the order they must run: nodes before the links between them.
STEPS: tuple[tuple[str, str], ...] = (
    ("areas", "load_areas"),
    ("areas", "load_area_parents"),
    ("organisations", "load_organisations"),
    ("organisations", "load_organisation_links"),
    ("people", "load_people"),
    ("groups", "load_groups"),
    ("memberships", "load_memberships"),
    ("reporting_lines", "load_reporting_lines"),
    ("meetings", "load_meetings"),
    ("attendance", "load_attendance"),
    ("elections", "load_elections"),
    ("group_rules", "load_group_rules"),
)
# Statements used instead when the database has no network yet (CREATE, not MERGE).
FRESH = {"load_memberships": "create_memberships"}
# Dates travel as ISO strings (``date(...)`` in the statements): cheaper to send than
# Bolt dates. (A delta load's few rows send them as dates, in ``props``: _set_row.)
_DATES = {sheet.name: tuple(c.name for c in sheet.columns if c.kind == "date") for sheet in SHEETS}
# The id column of each sheet whose records --replace keeps (the rest are deleted).
_SWEEP_IDS = {"meeting_ids": ("meetings", "meeting_id"), "group_ids": ("groups", "group_id"),
              "person_ids": ("people", "person_id"), "org_ids": ("organisations", "org_id"),
              "area_ids": ("areas", "area_id"),
              "membership_ids": ("memberships", "membership_id"),
              "line_ids": ("reporting_lines", "line_id"),
              "election_ids": ("elections", "election_id"),
              "rule_ids": ("group_rules", "rule_id")}  # fmt: skip


class LoadTooLarge(SmpError):
    """The server ran out of transaction memory for a load; ``commit_every`` is the
    transaction size that was used (None: one transaction)."""

    def __init__(self, message: str, commit_every: int | None = None) -> None:
        super().__init__(message)
        self.commit_every = commit_every


@dataclass(frozen=True)
class LoadResult:
    counts: dict[str, int]
    nodes: int
    relationships: int
    load_id: str
    transactions: int = 1
    #: What the load changed, per sheet: ``{"added": n, "changed": n, "removed": n}``
    #: (None for a load too large for one transaction into a network already there).
    changes: dict[str, dict[str, int]] | None = None


def assign_ids(workbook: Workbook) -> None:
    """Give each membership and reporting line record its id (core.identity), once:
    every record of a sheet where any lacks one (a diff gives ids only to the records
    it sends, see :func:`diff_with_database`)."""
    for sheet, column, made in (("memberships", "membership_id", membership_ids),
                                ("reporting_lines", "line_id", line_ids),
                                ("group_rules", "rule_id", rule_ids)):  # fmt: skip
        records = workbook[sheet]
        if any(column not in record for record in records):
            for record, record_id in zip(records, made(records), strict=True):
                record[column] = record_id


def _row_params(sheet: str, record: Record) -> dict:
    params = {key: value for key, value in record.items() if key != "row"}
    for key in _DATES.get(sheet, ()):
        value = params.get(key)
        if isinstance(value, dt.date):
            params[key] = value.isoformat()
    return params


def _batches(rows: list, size: int) -> Iterable[list]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _distinct_memberships(records: list[Record]) -> list[Record]:
    """One record per membership id, as successive MERGEs would leave it (identical
    rows are one membership; their extra columns are combined)."""
    seen: dict[str, Record] = {}
    for record in records:
        key = record["membership_id"]
        if key in seen:
            earlier = seen[key]
            record = {**record, "extra": {**earlier.get("extra", {}), **record.get("extra", {})}}
        seen[key] = record
    return list(seen.values())


def _prepared(
    workbook: Workbook, batch_size: int, fresh: bool = False
) -> Iterator[tuple[str, list[dict]]]:
    """(statement, rows) for every batch in order, each batch's parameters made on a
    worker thread while the server runs the one before (the driver waits on its socket
    without holding the GIL). ``fresh``: the database has no network yet, so
    memberships are created rather than merged."""

    def prepare(sheet: str, records: list[Record]) -> list[dict]:
        return [_row_params(sheet, record) for record in records]

    def records_of(sheet: str) -> list[Record]:
        # Created, not merged: identical membership rows must arrive as one.
        return _distinct_memberships(workbook[sheet]) if sheet == "memberships" else workbook[sheet]

    jobs = [
        (FRESH.get(name, name), sheet, records) if fresh else (name, sheet, records)
        for sheet, name in STEPS
        for records in _batches(records_of(sheet) if fresh else workbook[sheet], batch_size)
    ]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="smp-load") as pool:
        pending = [pool.submit(prepare, sheet, records) for _name, sheet, records in jobs[:2]]
        for index, (name, _sheet, _records) in enumerate(jobs):
            rows = pending[index].result()
            if index + 2 < len(jobs):
                _n, sheet, records = jobs[index + 2]
                pending.append(pool.submit(prepare, sheet, records))
            pending[index] = None  # let the prepared rows go once sent
            yield name, rows


def _sweep_params(workbook: Workbook) -> dict[str, list]:
    params = {
        key: [r[column] for r in workbook[sheet]] for key, (sheet, column) in _SWEEP_IDS.items()
    }
    params["attendance_keys"] = [[r["person_id"], r["meeting_id"]] for r in workbook["attendance"]]
    return params


def ensure_schema(driver: neo4j.Driver, database: str | None = None) -> None:
    """Constraints and indexes (idempotent), and audit entries of earlier versions
    upgraded so that no erased id stays in clear (``upgrade_audit``)."""
    there = set(_schema_names(driver, database))
    for statement in statements("schema"):
        name = _SCHEMA_NAME.match(statement)
        if name is None or name.group(1) not in there:  # IF NOT EXISTS keeps it idempotent
            driver.execute_query(statement, database_=database)
    records = driver.execute_query(query("read_audit_ids"), database_=database).records
    if records:
        secret = erasure.key()
        refs = {r["id"]: erasure.reference(r["id"], secret) for r in records}
        driver.execute_query(query("upgrade_audit"), refs=refs, database_=database)


#: The name a statement of schema.cypher creates.
_SCHEMA_NAME = re.compile(r"CREATE (?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS")


def _schema_names(driver: neo4j.Driver, database: str | None) -> list[str]:
    """Names of the constraints and indexes there are: a load over an existing network
    then sends none of the dozen schema statements (about 0.2 s of round trips). Empty
    when the account may not list them: every statement is sent then, as before."""
    names = []
    try:
        for statement in statements("read_schema_names"):
            names += driver.execute_query(statement, database_=database).records[0]["names"]
    except neo4j.exceptions.Forbidden:
        return []
    return names


class ErasedPeople(WorkbookError):
    """A workbook names people erased with ``smp forget``: it is refused unless they
    are added back on purpose (``allow_erased``)."""


def erased_in(
    driver: neo4j.Driver, workbook: Workbook, database: str | None = None
) -> list[tuple[Record, str, str]]:
    """``(person record, reference, erased at)`` for every person of the workbook
    erased before (:mod:`core.erasure`)."""
    records = driver.execute_query(query("read_erased"), database_=database).records
    if not records:
        return []
    erased = {r["ref"]: r["at"] for r in records}
    secret = erasure.key()
    found = []
    for person in workbook["people"]:
        # The id as written, or written otherwise (case, spaces, zero-padding).
        for ref in sorted(erasure.references(person["person_id"], secret)):
            if ref in erased:
                found.append((person, ref, erased[ref]))
                break
    return found


def erased_lookalikes(
    driver: neo4j.Driver, workbook: Workbook, database: str | None = None
) -> list[str]:
    """Warnings for the people of the workbook who have the name and e-mail of someone
    erased (under another id): perhaps the same person, whom the erasure should keep out."""
    records = driver.execute_query(query("read_erased"), database_=database).records
    contacts = {r["contact"]: r["at"] for r in records if r["contact"]}
    if not contacts:
        return []
    secret, label = erasure.key(), workbook.labels.get("people", "people.csv")
    out = []
    for person in workbook["people"]:
        ref = erasure.contact_reference(person.get("name"), person.get("email"), secret)
        if ref in contacts:
            out.append(
                f"{label}:{person['row']}: person_id: {person['person_id']!r} has the name and "
                f"e-mail of a person erased on {uk_date(contacts[ref]) or 'an earlier date'}: "
                "if it is the same person, remove them from the workbook"
            )
    return out


def refuse_erased(workbook: Workbook, erased: list[tuple[Record, str, str]]) -> ErasedPeople:
    label = workbook.labels.get("people", "people.csv")
    problems = [
        Problem(
            label,
            person["row"],
            "person_id",
            f"{person['person_id']!r} was erased (smp forget) on "
            f"{uk_date(at) or 'an earlier date'}: remove this person and their rows from the "
            "workbook, or add them back only if they agreed to it (the audit records it)",
        )
        for person, _ref, at in erased
    ]
    return ErasedPeople(problems)


def single_transaction_rows() -> int:
    value = os.environ.get("SMP_LOAD_TRANSACTION_ROWS", "")
    return int(value) if value.strip().isdigit() else SINGLE_TRANSACTION_ROWS


@no_gc()  # hundreds of thousands of parameter rows: see core.memory
def write_workbook(
    driver: neo4j.Driver,
    workbook: Workbook,
    *,
    replace: bool = False,
    database: str | None = None,
    progress: bool | None = None,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[str, int], None] | None = None,
    commit_every: int | None = None,
    allow_erased: bool = False,
    loaded_by: str | None = None,
    diff: NetworkDiff | None = None,
    parallel: bool = False,
) -> LoadResult:
    """Write a validated workbook; returns counts of what is stored.

    A workbook naming people erased before (``smp forget``) is refused with
    :class:`ErasedPeople` and nothing is written, unless ``allow_erased``: they are
    then added back and the audit records it. ``loaded_by`` names who loads (default:
    the operating-system user). ``diff`` is :func:`diff_with_database` of this workbook
    when the caller has just made it (the Data page, the benchmark); otherwise it is
    made here, in parallel when ``parallel`` (see :func:`diff_with_database`).

    One transaction unless the workbook has more than :func:`single_transaction_rows`
    rows or ``commit_every`` is given (then a transaction per ``commit_every`` rows,
    see the module's docstring). ``progress=None`` shows a progress bar only when
    standard error is a terminal. ``on_batch`` is called after each batch (used by
    tests that interrupt loads).
    """
    total = sum(len(workbook[sheet]) for sheet in dict.fromkeys(s for s, _ in STEPS))
    if commit_every is None and total > single_transaction_rows():
        commit_every = COMMIT_EVERY
    audit = _audit_record(workbook, replace, loaded_by)
    # A change to a network there, known already: its statements are planned from the
    # schema's check on, while the erasure and network checks run (loader.ahead).
    # Without a diff, once it is made.
    early = None
    if diff is not None and commit_every is None:
        totals = diff.totals()
        if totals["changed"] or totals["removed"]:  # so not a diff with an empty database
            early = _Delta(diff, replace, audit, batch_size)
    # The schema first: planning holds shared schema locks, so making an index while
    # it runs would wait for it (and drop the plans made).
    ensure_schema(driver, database)
    with planned_ahead(driver, database, early.statements() if early else ()) as ahead:
        erased = erased_in(driver, workbook, database)
        if erased and not allow_erased:
            raise refuse_erased(workbook, erased)
        found = driver.execute_query(query("has_network"), database_=database).records[0]["found"]
        readmit = {"refs": [ref for _p, ref, _at in erased], "by": audit["loaded_by"],
                   "source": audit["source"]}  # fmt: skip
        show = sys.stderr.isatty() if progress is None else progress
        if found and commit_every is None:
            if early is None:
                if diff is None:
                    diff = diff_with_database(driver, workbook, database, parallel)
                delta = _Delta(diff, replace, audit, batch_size)
                with planned_ahead(driver, database, delta.statements(readmit)) as own:
                    transactions = _write_delta(driver, database, delta, readmit, show,
                                                on_batch, own)  # fmt: skip
            else:
                transactions = _write_delta(driver, database, early, readmit, show, on_batch,
                                            ahead)  # fmt: skip
            changes = _applied(diff, replace)  # without --replace, nothing removed
        else:
            assign_ids(workbook)  # a delta load's diff gives ids to what it sends
            transactions = _write_all(
                driver, database, workbook, replace and found, not found, audit, readmit, show,
                on_batch, batch_size, commit_every,
            )  # fmt: skip
            changes = {name: {"added": n, "changed": 0, "removed": 0}
                       for name, n in workbook.counts().items()} if not found else None  # fmt: skip
    record = driver.execute_query(query("count_network"), database_=database).records[0]
    return LoadResult(
        workbook.counts(), record["nodes"], record["relationships"], audit["load_id"],
        transactions, changes,
    )  # fmt: skip


def _audit_record(workbook: Workbook, replace: bool, loaded_by: str | None) -> dict:
    """What the load's record (``record_load``) says of it, before its changes."""
    return {
        "load_id": str(uuid.uuid4()),
        "source": str(workbook.source),
        "checksum": workbook.checksum or checksum(workbook.source),
        "loaded_by": loaded_by or _who(),
        "replace": replace,
        "counts": json.dumps(workbook.counts()),
    }


@no_gc()
def diff_with_database(
    driver: neo4j.Driver, workbook: Workbook, database: str | None = None, parallel: bool = False
) -> NetworkDiff:
    """What ``write_workbook(..., replace=True)`` would change (nothing is written).

    The database's tables are read in one read transaction by a second thread, each
    compared while the next is read (:class:`loader.readback.Arriving`), the large
    ones first so that the server's reading and Python's comparing overlap.

    ``parallel`` (for single-threaded callers: the command line, the benchmark) reads
    and compares the memberships, half the work at national scale, in a forked copy of
    this process with a connection of its own (:class:`core.forked.Forked`), while this
    one does the rest: the same diff, sooner on two cores. Only for workbooks of
    :data:`FORK_FROM` memberships or more, and drivers of :func:`core.db.open_driver`;
    where the copy cannot be made or fails, the memberships are compared here. The
    copy reads the memberships in a read transaction of its own: a load committed
    between the two reads would show in one and not the other (as one committed
    between a diff and the write that follows it would). And the ids it gives go to
    the diff's records, not to ``workbook``'s (the writer uses only the diff's).
    """
    conn = db.connection_of(driver)
    if not (parallel and conn is not None and len(workbook["memberships"]) >= FORK_FROM):
        return _diff_here(driver, workbook, database, DIFF_ORDER)

    def in_the_copy() -> SheetDiff:
        with db.driver(conn) as own:
            return _memberships_diff(own, workbook, database)

    with Forked(in_the_copy, here=lambda: _memberships_diff(driver, workbook, database)) as other:
        rest = _diff_here(driver, workbook, database, _NOT_MEMBERSHIPS)
        memberships = other.result()
    return NetworkDiff({sheet.name: memberships if sheet.name == "memberships"
                        else rest.sheets[sheet.name] for sheet in SHEETS})  # fmt: skip


#: Workbooks with at least this many memberships have them compared in a forked copy
#: when the caller asks for it (``parallel``): below, the copy costs more than it saves.
FORK_FROM = 20_000


def _diff_here(
    driver: neo4j.Driver, workbook: Workbook, database: str | None, order: tuple[str, ...]
) -> NetworkDiff:
    """:func:`diff_with_database` of the sheets of ``order``, in this process."""

    def work(tables: Mapping) -> NetworkDiff:
        return diff_tables(tables, workbook.tables, ids=True, sheets=order)

    arriving = Arriving(order, lambda tx, sheet: read_rows(tx, sheet, extras=True))
    return while_reading(
        arriving, driver, database, work,
        again=lambda: work(read_all_rows(driver, database, extras=True, sheets=order)),
    )  # fmt: skip


def _memberships_diff(driver: neo4j.Driver, workbook: Workbook, database: str | None) -> SheetDiff:
    return _diff_here(driver, workbook, database, ("memberships",)).sheets["memberships"]


#: The order :func:`diff_with_database` reads the tables in: a small one first (the
#: comparing waits for it), then the large ones, each compared while the next is read,
#: and a small one last (the one comparison nothing overlaps).
DIFF_ORDER = (
    "areas", "memberships", "attendance", "people", "organisations", "meetings", "groups",
    "elections", "group_rules", "reporting_lines",
)  # fmt: skip
_NOT_MEMBERSHIPS = tuple(sheet for sheet in DIFF_ORDER if sheet != "memberships")


def names_of(*tables: dict[str, list[Record]]) -> dict[str, dict[str, str]]:
    """People's and groups' names by id, from workbooks or tables read back (the later
    win), for describing the records of a diff."""
    names: dict[str, dict[str, str]] = {"people": {}, "groups": {}}
    for table in tables:
        for sheet, column in (("people", "person_id"), ("groups", "group_id")):
            names[sheet].update({r[column]: r.get("name") for r in table.get(sheet, [])})
    return names


def names_in(diff: NetworkDiff, workbook: Workbook) -> dict[str, dict[str, str]]:
    """People's and groups' names by id for describing the records of ``diff``: the
    workbook's, and the database's for those it no longer has (read with the diff)."""
    names = names_of(workbook.tables)
    return {sheet: {**diff.sheets[sheet].names, **names[sheet]} for sheet in names}


def _write_all(
    driver, database, workbook, sweep, fresh, audit, readmit, show, on_batch, batch_size,
    commit_every,
) -> int:  # fmt: skip
    """Every record of the workbook: a first load (``fresh``), or one too large for one
    transaction (then ``commit_every`` rows at a time)."""
    from tqdm import tqdm

    if commit_every is not None:
        batch_size = min(batch_size, commit_every)
    total = sum(len(workbook[sheet]) for sheet in dict.fromkeys(s for s, _ in STEPS))
    counts = workbook.counts()
    audit = {**audit, "changes": json.dumps(
        {n: {"added": c, "changed": 0, "removed": 0} for n, c in counts.items()} if fresh
        else None
    )}  # fmt: skip
    if fresh and commit_every is None:  # undone, the database is empty again
        audit["undo"] = undo_of({}, False, empty=True)
    with (
        driver.session(database=database) as session,
        tqdm(total=total, unit="row", desc="Loading", disable=not show, file=sys.stderr) as bar,
    ):

        def sent(name: str, rows: list) -> None:
            bar.update(len(rows))
            if on_batch:
                on_batch(name, len(rows))

        batches = _prepared(workbook, batch_size, fresh)
        sweep_params = _sweep_params(workbook) if sweep else None
        try:
            if commit_every is None:
                return _write_one(session, batches, audit, sent, readmit)
            return _write_several(
                session, batches, sweep_params, audit, sent, commit_every, readmit
            )
        except Neo4jError as err:
            if "MemoryPoolOutOfMemoryError" in (err.code or ""):
                raise LoadTooLarge(_too_large(total, commit_every), commit_every) from err
            raise


#: A delta load's statements for the records added or changed of each node sheet, in
#: order (nodes before the links between them): their properties, then their links
#: (only for records added with a link or whose links changed).
_NODE_DELTA = (
    ("areas", "delta/set_areas", "load_area_parents"),
    ("organisations", "delta/set_organisations", "load_organisation_links"),
    ("people", "delta/set_people", "delta/link_people"),
    ("groups", "delta/set_groups", "delta/link_groups"),
    ("meetings", "delta/set_meetings", "delta/link_meetings"),
    ("elections", "delta/set_elections", None),
    ("group_rules", "delta/set_group_rules", None),
)  # fmt: skip


@dataclass(frozen=True)
class _Part:
    """One statement of a delta load and the records it is sent, each with the version
    the database holds (``olds``: None for records it lacks), made into parameter rows
    a batch at a time (:func:`_set_row`; :func:`_link_row` for ``links``, whose rows
    the progress bar does not count: their records are counted by their properties')."""

    name: str
    sheet: str
    records: list[Record]
    olds: list[Record | None]
    replace: bool
    links: bool = False

    def rows(self, start: int, stop: int) -> list[dict]:
        """The statement's parameter rows for ``records[start:stop]``."""
        pairs = zip(self.records[start:stop], self.olds[start:stop], strict=True)
        if self.links:
            return [_link_row(self.sheet, new) for new, _old in pairs]
        return [_set_row(self.sheet, new, old, self.replace) for new, old in pairs]


def _set_row(sheet: str, new: Record, old: Record | None, replace: bool) -> dict:
    """A delta statement's row for a record added (``old`` None) or changed: its id
    and links, the id the database stores (``db_id``, for memberships and reporting
    lines), and ``props`` for ``SET n += row.props``: the workbook's columns and extra
    columns, an empty one as null (which removes the property), and with ``replace``
    also null for the extra columns the database has (as the diff read them) and the
    workbook no longer does. That leaves what the full load's statements leave, with
    and without ``replace``, from one short statement each (planning costs in
    proportion to a statement's length: see :func:`_delete_statement`). The key is set
    last: no extra column can replace it (validation refuses such a name too)."""
    spec = SHEETS_BY_NAME[sheet]
    row = {column.name: new.get(column.name) for column in spec.links}
    props = dict.fromkeys(old.get("extra") or {}) if replace and old is not None else {}
    props.update(new.get("extra") or {})
    for column in spec.properties:
        props[column.prop] = new.get(column.name)
    key = spec.key or spec.derived_id
    if key is not None:
        row[key] = props[camel_case(key)] = new[key]
        if old is not None and spec.derived_id:
            row["db_id"] = old[spec.derived_id]
    row["props"] = props
    return row


def _link_row(sheet: str, record: Record) -> dict:
    """A link statement's row: the record's id and links (nothing else is read)."""
    spec = SHEETS_BY_NAME[sheet]
    return {spec.key: record[spec.key], **{c.name: record.get(c.name) for c in spec.links}}


def _links_differ(sheet: str, new: Record, old: Record | None) -> bool:
    """Whether a record's links are to be written: it is new and has one, or one
    changed."""
    links = SHEETS_BY_NAME[sheet].links
    if old is None:
        return any(new.get(column.name) is not None for column in links)
    return any(new.get(column.name) != old.get(column.name) for column in links)


def _written(diff: NetworkDiff) -> dict[str, SheetDiff]:
    """The diff's sheets as the delta writes them: a membership or reporting line the
    diff calls added whose id the database already stores, for a record the diff calls
    removed, is written as a change of that record (not created again, nor deleted).
    It happens when a seat stops being listed twice: the database's copies are then
    identified by all their values and the workbook's record by its seat, and a seat's
    id may be stored already (written by an earlier load without --replace)."""
    sheets = dict(diff.sheets)
    for sheet, column in (("memberships", "membership_id"), ("reporting_lines", "line_id")):
        d = sheets[sheet]
        stored = {record[column]: record for record in d.removed}
        reused = [new for new in d.added if new.get(column) in stored]
        if reused:
            ids = {new[column] for new in reused}
            sheets[sheet] = SheetDiff(
                added=[new for new in d.added if new.get(column) not in ids],
                changed=d.changed + [(stored[new[column]], new) for new in reused],
                removed=[old for old in d.removed if old[column] not in ids],
                unchanged=d.unchanged, names=d.names, touched=d.touched,
            )  # fmt: skip
    return sheets


def _delta_parts(sheets: Mapping[str, SheetDiff], replace: bool) -> list[_Part]:
    """What changed (:func:`_written`), statement by statement, in the order they run:
    nodes added or changed and their links, then memberships and reporting lines added
    (created) and changed (found by the ids the database stores), then attendance.
    Statements with nothing to send are left out."""

    def added_and_changed(sheet: str) -> tuple[list[Record], list[Record | None]]:
        d = sheets[sheet]
        return (d.added + [new for _old, new in d.changed],
                [None] * len(d.added) + [old for old, _new in d.changed])  # fmt: skip

    parts = []
    for sheet, props, links in _NODE_DELTA:
        news, olds = added_and_changed(sheet)
        parts.append(_Part(props, sheet, news, olds, replace))
        if links is None:  # ids only, no relationships of their own
            continue
        linked = [(n, o) for n, o in zip(news, olds, strict=True) if _links_differ(sheet, n, o)]
        parts.append(_Part(links, sheet, [n for n, _o in linked], [o for _n, o in linked],
                           replace, links=True))  # fmt: skip
    for sheet, create, update in (
        ("memberships", "delta/create_memberships", "delta/update_memberships"),
        ("reporting_lines", "delta/create_reporting_lines", "delta/update_reporting_lines"),
    ):
        d = sheets[sheet]
        parts.append(_Part(create, sheet, d.added, [None] * len(d.added), replace))
        parts.append(_Part(update, sheet, [n for _o, n in d.changed], [o for o, _n in d.changed],
                           replace))  # fmt: skip
    parts.append(_Part("delta/set_attendance", "attendance", *added_and_changed("attendance"),
                       replace))  # fmt: skip
    return [part for part in parts if part.records]


def _removed_params(sheets: Mapping[str, SheetDiff]) -> dict[str, list]:
    """The ids :func:`_delete_statement` deletes (of :func:`_written`), by its
    parameters: only the kinds with any."""
    s = sheets
    params = {
        "membership_ids": [r["membership_id"] for r in s["memberships"].removed],
        "line_ids": [r["line_id"] for r in s["reporting_lines"].removed],
        "attendance_keys": [[r["person_id"], r["meeting_id"]] for r in s["attendance"].removed],
        **{key: [r[column] for r in s[sheet].removed]
           for key, (sheet, column) in _SWEEP_IDS.items()
           if sheet not in ("memberships", "reporting_lines")},
    }  # fmt: skip
    return {key: ids for key, ids in params.items() if ids}


#: A subquery of delta/delete_removed: the parameter it reads and the list it returns.
_REMOVAL = re.compile(
    r"CALL \(\) \{\n  UNWIND \$(\w+) (?:(?!CALL \(\)).)*?RETURN collect\(\w+\) AS (\w+)\n\}\n",
    re.DOTALL,
)  # never across the start of the next subquery
#: A list marker of its last lines (``/*memberships + lines + attendances*/``).
_REMOVAL_LISTS = re.compile(r"/\*(\w+(?: \+ \w+)*)\*/")


def _delete_statement(params: Mapping[str, list]) -> str:
    """``delta/delete_removed`` for the kinds of ``params`` (:func:`_removed_params`):
    their subqueries, and the last lines naming their lists (a line with none left
    out). Planning costs in proportion to a statement's length, and a quarterly update
    deletes few kinds."""
    text = query("delta/delete_removed")
    found = {name for param, name in _REMOVAL.findall(text) if param in params}
    text = _REMOVAL.sub(lambda m: m.group(0) if m.group(1) in params else "", text)
    lines = []
    for line in text.splitlines():
        marker = _REMOVAL_LISTS.search(line)
        if marker is not None:
            kept = [name for name in marker.group(1).split(" + ") if name in found]
            if not kept:
                continue
            line = line[: marker.start()] + " + ".join(kept) + line[marker.end() :]
        lines.append(line)
    return "\n".join(lines)


class _Delta:
    """What a delta load sends: its statements and their records (``parts``, made into
    parameter rows a batch at a time by :meth:`steps`), the ids to delete
    (``removed``, with ``replace``), and the load's record."""

    def __init__(self, diff: NetworkDiff, replace: bool, audit: dict, batch_size: int) -> None:
        sheets = _written(diff)
        added, changed, removed = (sum(len(getattr(d, kind)) for d in sheets.values())
                                   for kind in ("added", "changed", "removed"))  # fmt: skip
        self.replace, self.batch_size = replace, batch_size
        self.todo = added + changed + (removed if replace else 0)
        self.removed_count = removed
        self.audit = {**audit, "changes": json.dumps(_applied(diff, replace)),
                      "undo": undo_of(sheets, replace, empty=False)}  # fmt: skip
        self.parts = _delta_parts(sheets, replace)
        self.removed = _removed_params(sheets) if replace and removed else None
        self.delete = _delete_statement(self.removed) if self.removed else None

    def steps(self) -> Iterator[tuple[_Part, list[dict]]]:
        """``(part, rows)``: each statement's records in batches, made as they are
        sent."""
        for part in self.parts:
            for start in range(0, len(part.records), self.batch_size):
                yield part, part.rows(start, start + self.batch_size)

    def statements(self, readmit: dict | None = None) -> list[tuple[str, dict]]:
        """``(text, parameters)`` of every statement :func:`_write_delta` runs, each once
        with the parameters of its first run (the plan cache tells parameters apart by
        their types, and one row of them is not enough to match them), in the order it
        runs them (for :func:`~loader.ahead.planned_ahead`); ``readmit`` when known."""
        out = [(query(part.name), {"rows": part.rows(0, self.batch_size)}) for part in self.parts]
        if self.delete is not None:
            out.append((self.delete, self.removed))
        if readmit is not None and readmit["refs"]:
            out.append((query("readmit_erased"), readmit))
        out.append((query("record_load"), _load_record(self.audit)))
        return out


def _write_delta(
    driver, database, delta: _Delta, readmit: dict, show: bool, on_batch, ahead: Ahead
) -> int:
    """Only what changed, in one transaction: records added and changed, and with
    ``replace`` those the workbook no longer has deleted; unchanged ones untouched.
    ``ahead`` plans the statements meanwhile (:func:`~loader.ahead.planned_ahead`)."""
    from tqdm import tqdm

    with (
        driver.session(database=database) as session,
        tqdm(total=delta.todo, unit="row", desc="Updating", disable=not show,
             file=sys.stderr) as bar,
        _transaction(session) as tx,
    ):  # fmt: skip
        for part, rows in delta.steps():
            ahead.reach(query(part.name))
            tx.run(query(part.name), rows=rows).consume()
            if not part.links:
                bar.update(len(rows))
            if on_batch:
                on_batch(part.name, len(rows))
        if delta.delete is not None:
            ahead.reach(delta.delete)
            tx.run(delta.delete, delta.removed).consume()
            bar.update(delta.removed_count)
        _commit_load(tx, readmit, delta.audit, ahead)
    return 1


@contextlib.contextmanager
def _transaction(session: neo4j.Session) -> Iterator[neo4j.Transaction]:
    """A transaction, rolled back unless it was committed inside the block."""
    tx = session.begin_transaction()
    try:
        yield tx
    finally:
        if tx.closed() is False:
            tx.rollback()


def _commit_load(
    tx: neo4j.Transaction, readmit: dict, audit: dict, ahead: Ahead | None = None
) -> None:
    """The end of a one-transaction load: the erased people it adds back
    (``readmit``), the load's record (``audit``), and the commit."""
    if readmit["refs"]:
        if ahead is not None:
            ahead.reach(query("readmit_erased"))
        tx.run(query("readmit_erased"), readmit).consume()
    if ahead is not None:
        ahead.reach(query("record_load"))
    tx.run(query("record_load"), _load_record(audit)).consume()
    if audit.get("undo"):  # what it changed, to undo it (loader.history)
        tx.run(query("record_undo"), load_id=audit["load_id"], undo=audit["undo"]).consume()
        tx.run(query("prune_undos"), keep=undo_loads()).consume()
    tx.commit()


def _load_record(audit: dict) -> dict:
    """The parameters of ``record_load`` for a load complete in one transaction."""
    return {**{k: v for k, v in audit.items() if k != "undo"}, "status": "complete",
            "transactions": 1}  # fmt: skip


def _applied(diff: NetworkDiff, replace: bool) -> dict[str, dict[str, int]]:
    """The change a load made: without ``replace`` nothing is removed."""
    counts = diff.counts()
    if not replace:
        counts = {name: {**c, "removed": 0} for name, c in counts.items()}
    return counts


def _write_one(session, batches, audit, sent, readmit) -> int:
    """A first load: every batch, the people added back (``readmit``) and the audit, in
    one transaction. (A load into a network that fits one transaction is a delta load:
    :func:`_write_delta`; so there is nothing here to sweep.)"""
    with _transaction(session) as tx:
        for name, rows in batches:
            tx.run(query(name), rows=rows, reset=False).consume()
            sent(name, rows)
        _commit_load(tx, readmit, audit)
    return 1


def _write_several(session, batches, sweep_params, audit, sent, commit_every, readmit) -> int:
    """As :func:`_write_one`, committing every ``commit_every`` rows, with the load
    recorded as running until it is complete."""
    reset = sweep_params is not None

    def record(status: str, transactions: int) -> None:
        session.run(query("record_load"), audit, status=status, transactions=transactions).consume()

    record("running", 0)
    transactions, tx, in_tx = 0, None, 0
    try:
        for name, rows in batches:
            if tx is None:
                tx = session.begin_transaction()
            tx.run(query(name), rows=rows, reset=reset).consume()
            in_tx += len(rows)
            if in_tx >= commit_every:
                tx.commit()
                tx, in_tx, transactions = None, 0, transactions + 1
            sent(name, rows)
        if tx is not None:
            tx.commit()
            tx, transactions = None, transactions + 1
        if reset:
            for statement in statements("sweep_network_batched"):
                session.run(statement, sweep_params).consume()
                transactions += 1
        if readmit["refs"]:
            session.run(query("readmit_erased"), readmit).consume()
        record("complete", transactions)
    except BaseException:
        if tx is not None and tx.closed() is False:
            tx.rollback()
        # The server may be gone: the load then stays 'running', which readers refuse too.
        with contextlib.suppress(Exception):
            record("failed", transactions)
        raise
    return transactions


def _too_large(rows: int, commit_every: int | None) -> str:
    how = "in one transaction" if commit_every is None else f"{commit_every:,} rows at a time"
    return (
        f"The database ran out of transaction memory loading {rows:,} rows {how}; nothing "
        "of the failed transaction was written. Load it in smaller transactions, or give "
        "the server more memory (SMP_DB_HEAP for the local server; "
        "dbms.memory.transaction.total.max for your own)."
    )


@dataclass(frozen=True)
class Erasure:
    """What ``smp forget`` did: ``found`` the person (and erased them), or not; and
    whether that id had been erased before."""

    found: bool
    erased_before: bool


def forget_person(
    driver: neo4j.Driver, person_id: str, database: str | None = None, by: str | None = None
) -> Erasure:
    """Erase a person and everything that names them, keeping a keyed reference so a
    later load refuses them (:mod:`core.erasure`).

    The audit entry records who erased and when, with the reference; an id that names
    nobody records only a failed attempt (no id, no reference).
    """
    ensure_schema(driver, database)
    found = driver.execute_query(
        query("read_person_contact"), person_id=person_id, database_=database
    ).records
    contact = erasure.contact_reference(found[0]["name"], found[0]["email"]) if found else None

    def work(tx: neo4j.ManagedTransaction) -> Erasure:
        result = tx.run(
            query("forget_person"), person_id=person_id, ref=erasure.reference(person_id),
            contact_ref=contact, by=by or _who(), in_undo=held_in_undo(tx, person_id),
        ).single()  # fmt: skip
        if result["found"]:
            scrub(tx, person_id)  # no revert may bring them back (loader.history)
        return Erasure(bool(result["found"]), bool(result["erased_before"]))

    with driver.session(database=database) as session:
        return session.execute_write(work)


def read_history(driver: neo4j.Driver, limit: int = 20, database: str | None = None) -> list[dict]:
    """The last ``limit`` complete loads, newest first: ``at`` (ISO), ``by``,
    ``source``, ``replace``, ``changes`` (per sheet, or None when not recorded)."""
    records, _, _ = driver.execute_query(query("read_history"), limit=limit, database_=database)
    out = []
    for record in records:
        entry = dict(record)
        entry["changes"] = json.loads(entry["changes"]) if entry["changes"] else None
        out.append(entry)
    return out


def read_audit(driver: neo4j.Driver, limit: int = 50, database: str | None = None) -> list[dict]:
    records, _, _ = driver.execute_query(query("read_audit"), limit=limit, database_=database)
    return [dict(r) for r in records]


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
