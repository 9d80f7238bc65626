"""Reading back what the loader wrote: every record of the network from Neo4j, as
rows keyed like the workbook's columns (loader/spec.py).

Used by :mod:`graph.read` to build the graph, and by the loader to compare a workbook
with what the database holds (:mod:`loader.diff`).

The queries send many rows per record, since one Bolt record per row costs far more
than the rows themselves (at the national benchmark tier 196 k memberships took
7-10 s that way, now about 1 s): every record has one column, ``rows``, a list of
rows, each a list of values in the order of :data:`COLUMNS`. Node tables come
``$batch`` rows at a time, memberships and reporting lines one group at a time, so
the server never holds a whole table's values. Dates come as ISO text
(``toString``), parsed here: cheaper than the driver's date values. All tables are
read in one read transaction.

Tables come as records (dicts, :func:`read_tables`) or, for work that takes every row
apart anyway, as the rows themselves (:class:`Rows`, :func:`read_all_rows`).
:class:`Arriving` and :func:`while_reading` let a second thread read the tables while
this one works on those already read: the graph's build (:mod:`graph.read`) and the
diff (:func:`loader.write.diff_with_database`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

import neo4j

from core.memory import no_gc
from cypher import query
from loader.spec import SHEETS_BY_NAME, Sheet, camel_case

__all__ = [
    "COLUMNS", "DATE_COLUMNS", "SHEET_QUERIES", "Arriving", "ReadFailed", "Retried", "Rows",
    "read_all_rows", "read_query", "read_rows", "read_table", "read_tables", "rows_in",
    "tables_in", "while_reading",
]  # fmt: skip

T = TypeVar("T")

SHEET_QUERIES = {
    "areas": "read_areas",
    "organisations": "read_organisations",
    "people": "read_people",
    "groups": "read_groups",
    "memberships": "read_memberships",
    "reporting_lines": "read_reporting_lines",
    "meetings": "read_meetings",
    "attendance": "read_attendance",
    "elections": "read_elections",
    "group_rules": "read_group_rules",
}


def _columns(sheet: Sheet) -> tuple[str, ...]:
    return ((sheet.derived_id,) if sheet.derived_id else ()) + tuple(c.name for c in sheet.columns)


#: The keys of each table's rows, in the order the query's row lists hold them: the
#: workbook's columns (loader/spec.py), after the id the loader derives, if any.
COLUMNS = {name: _columns(SHEETS_BY_NAME[name]) for name in SHEET_QUERIES}

#: Columns the queries send as ISO text (``toString`` of a Neo4j date).
DATE_COLUMNS = frozenset(
    c.name for sheet in SHEETS_BY_NAME.values() for c in sheet.columns if c.kind == "date"
)

_MARKER = re.compile(r"/\*columns of (\w+)(?:; ([^*]*))?\*/")


def read_query(sheet: str, extras: bool = False) -> str:
    """The read statement of ``sheet``: its ``.cypher`` file with the row list filled in.

    Properties come from the spec, in backticks (names from a fixed list, never from
    input); links (columns stored as relationships) as the statement names them.
    ``extras`` adds the record's whole property map as a last column (to find the
    extra columns a workbook stored).
    """
    text = query(SHEET_QUERIES[sheet])
    match = _MARKER.search(text)
    if match is None:
        raise KeyError(f"{SHEET_QUERIES[sheet]}.cypher has no /*columns of ...*/ marker")
    var, named = match.group(1), match.group(2) or ""
    links = dict(part.split(": ", 1) for part in named.split(", ") if part)
    spec = SHEETS_BY_NAME[sheet]
    kinds = {c.name: c for c in spec.columns}
    expressions = []
    for name in COLUMNS[sheet]:
        column = kinds.get(name)
        if column is not None and column.link:
            expressions.append(links[name])
            continue
        prop = f"{var}.`{camel_case(name)}`"
        expressions.append(f"toString({prop})" if name in DATE_COLUMNS else prop)
    if extras:  # the whole map only for the records that have extra columns (few)
        expressions.append(
            f"CASE WHEN any(k IN keys({var}) WHERE $known[k] IS NULL) THEN properties({var}) END"
        )
    # replan=skip: the server keeps the plan it made the first time rather than
    # planning again after a load that changed the database's size a lot (about a
    # second of every first read and diff after a national load). Safe because the
    # plans' shape does not depend on the data: each statement starts from a label
    # scan (hinted where an empty database would choose otherwise): the same plans on
    # an empty database as on the sample (tests/test_read.py), and on the national one
    # (checked by hand, stop 24 in BENCHMARKS.md).
    filled = text[: match.start()] + ", ".join(expressions) + text[match.end() :]
    return "CYPHER replan=skip\n" + filled


#: Rows per record of the node tables.
BATCH = 5000


@dataclass(frozen=True)
class Rows:
    """One table as the database sent it: ``rows``, each a list of values in the order
    of ``columns`` (dates parsed, extra columns as a map when read with extras).

    Cheaper than records (dicts) for work that takes every row apart anyway: the
    diff (:func:`loader.diff.diff_tables`), and the graph's build of the two largest
    tables (:func:`graph.model.build_network`).
    """

    columns: tuple[str, ...]
    rows: list[list]

    def __len__(self) -> int:
        return len(self.rows)

    def record(self, row: list) -> dict:
        """One row as a record keyed like the workbook's columns."""
        return dict(zip(self.columns, row, strict=True))

    def records(self) -> list[dict]:
        """Every row as a record (as :func:`read_table` gives them)."""
        return list(map(self.record, self.rows))


def read_rows(tx: neo4j.ManagedTransaction, sheet: str, extras: bool = False) -> Rows:
    """The rows of one table, read in the transaction ``tx`` (see :func:`read_tables`)."""
    columns = COLUMNS[sheet] + (("extra",) if extras else ())
    # A map, not a list: looking a key up costs the server less than a list scan.
    known = dict.fromkeys(sorted(_KNOWN_PROPERTIES[sheet]), True)
    result = tx.run(_read_queries(extras)[sheet], batch=BATCH, known=known)
    rows = [row for record in result for row in record[0]]
    # Few distinct dates (terms start and end on a few days): each is parsed once.
    dates: dict[str, dt.date] = {}
    for i, column in enumerate(columns):
        if column in DATE_COLUMNS:
            for row in rows:
                text = row[i]
                if text is not None:
                    date = dates.get(text)
                    if date is None:
                        date = dates[text] = dt.date.fromisoformat(text)
                    row[i] = date
    if extras:  # the property map, less the properties of the workbook's own columns
        kept = _KNOWN_PROPERTIES[sheet]
        for row in rows:
            found = row[-1]  # null unless the record has a property outside the format
            row[-1] = {} if found is None else {k: v for k, v in found.items() if k not in kept}
    return Rows(columns, rows)


def read_table(tx: neo4j.ManagedTransaction, sheet: str, extras: bool = False) -> list[dict]:
    """The records of one table, read in the transaction ``tx`` (see :func:`read_tables`)."""
    return read_rows(tx, sheet, extras).records()


#: The properties each sheet's own columns (and derived id) are stored in.
_KNOWN_PROPERTIES = {
    name: frozenset(
        [c.prop for c in sheet.properties]
        + ([camel_case(sheet.derived_id)] if sheet.derived_id else [])
    )
    for name, sheet in SHEETS_BY_NAME.items()
}


@cache
def _read_queries(extras: bool = False) -> dict[str, str]:
    return {sheet: read_query(sheet, extras) for sheet in SHEET_QUERIES}


def tables_in(tx: neo4j.ManagedTransaction, extras: bool = False) -> dict[str, list[dict]]:
    """Every table, read in the transaction ``tx``."""
    return {sheet: read_table(tx, sheet, extras) for sheet in SHEET_QUERIES}


def rows_in(
    tx: neo4j.ManagedTransaction, extras: bool = False, sheets: Iterable[str] = SHEET_QUERIES
) -> dict[str, Rows]:
    """Every table (or those of ``sheets``) as :class:`Rows`, read in the transaction ``tx``."""
    return {sheet: read_rows(tx, sheet, extras) for sheet in sheets}


def read_in_transaction(
    driver: neo4j.Driver, database: str | None, work: Callable[[neo4j.ManagedTransaction], T]
) -> T:
    """``work`` in one read transaction (retried on transient errors)."""
    with (
        no_gc(),
        driver.session(
            database=database, default_access_mode=neo4j.READ_ACCESS, fetch_size=-1
        ) as session,
    ):
        return session.execute_read(work)


def read_tables(
    driver: neo4j.Driver, database: str | None = None, extras: bool = False
) -> dict[str, list[dict]]:
    """Every record of the network as plain dicts keyed like the workbook's columns.

    Values are Python's: dates as :class:`datetime.date`, ``None`` where missing.
    ``extras`` adds ``extra``: the properties of columns the workbook did not name.
    """
    return read_in_transaction(driver, database, lambda tx: tables_in(tx, extras))


def read_all_rows(
    driver: neo4j.Driver,
    database: str | None = None,
    extras: bool = False,
    sheets: Iterable[str] = SHEET_QUERIES,
) -> dict[str, Rows]:
    """:func:`read_tables` as :class:`Rows`: every table (or those of ``sheets``), in
    one read transaction."""
    return read_in_transaction(driver, database, lambda tx: rows_in(tx, extras, sheets))


class ReadFailed(Exception):
    """Stands in for a table the reading thread could not deliver (its error is the
    reading's own, raised by :func:`while_reading`)."""


class Retried(Exception):
    """The read transaction was retried after some tables had been handed over."""


#: What a table handed over leaves behind.
_HANDED_OVER: Future = Future()
_HANDED_OVER.set_result(None)


class Arriving(Mapping):
    """The tables of one read, each as the reading thread delivers it: asking for a
    table waits until it has been read.

    :meth:`fill` is the read transaction's work: ``read_one(tx, sheet)`` for each sheet
    of ``order``, between :meth:`first` and :meth:`last` (nothing here; subclasses read
    more in the same transaction). Handed to work that asks for the tables in that
    order (see :func:`while_reading`), it lets Python work on one table while the
    server reads the next.
    """

    def __init__(
        self, order: tuple[str, ...], read_one: Callable[[neo4j.ManagedTransaction, str], object]
    ) -> None:
        self._tables: dict[str, Future] = {sheet: Future() for sheet in order}
        self._read_one = read_one
        self._delivered = False

    def __getitem__(self, sheet: str):
        """The table, once it is read: handed over, so it is freed as soon as the work
        is done with it (while the server reads the next) rather than all at the end.
        A KeyError for a sheet never read; a failed read raises :class:`ReadFailed`."""
        arriving = self._tables[sheet]
        if arriving is _HANDED_OVER:
            raise RuntimeError(f"the {sheet} table was handed over already")
        table = arriving.result()
        self._tables[sheet] = _HANDED_OVER
        return table

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def first(self, tx: neo4j.ManagedTransaction) -> None:
        """Read before the tables, in the same transaction."""

    def last(self, tx: neo4j.ManagedTransaction) -> None:
        """Read after the tables, in the same transaction."""

    def fill(self, tx: neo4j.ManagedTransaction) -> None:
        """Read every table in ``tx``, delivering each as soon as it is read (the
        read transaction's work)."""
        try:
            if self._delivered:  # a retry cannot take back what the work has used
                raise Retried
            self.first(tx)
            for sheet, table in list(self._tables.items()):  # the work swaps them as it goes
                table.set_result(self._read_one(tx, sheet))
                self._delivered = True
            self.last(tx)
        except BaseException:
            if self._delivered:  # no retry can help: stop the work now
                self.abandon()
            raise

    def read(self, driver: neo4j.Driver, database: str | None, transaction=None) -> None:
        """:meth:`fill` in one read transaction (``transaction``, by default
        :func:`read_in_transaction`: retried, while nothing has been delivered, on
        transient errors); on failure every table not yet delivered fails, so the
        work stops too."""
        try:
            (transaction or read_in_transaction)(driver, database, self.fill)
        except BaseException:
            self.abandon()
            raise

    def abandon(self) -> None:
        for table in self._tables.values():
            if not table.done():
                table.set_exception(ReadFailed())


def while_reading(
    arriving: Arriving,
    driver: neo4j.Driver,
    database: str | None,
    work: Callable[[Arriving], T],
    again: Callable[[], T],
    transaction=None,
) -> T:
    """``work(arriving)`` while a second thread reads the tables into ``arriving``.

    The reading's own error is raised if it fails (the work stops at the first table
    it lacks). A read retried after a transient error, once tables had gone to the
    work, cannot be taken back: then the result is ``again()``, which reads it all
    again.
    """
    with ThreadPoolExecutor(1, thread_name_prefix="smp-read") as pool:
        reading = pool.submit(arriving.read, driver, database, transaction)
        try:
            result = work(arriving)
        except ReadFailed:
            result = None  # the reading's own error follows
        try:
            reading.result()
        except Retried:
            result = again()
    return result
