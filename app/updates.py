"""The Data page's work: check an upload, compare it with the database, say what it does
to the answers, write it, and the history of loads with their undo.

The page (app/views/data.py) only arranges what these return. Every failure reaches it
as an :class:`~core.errors.SmpError` whose message can be shown as it is: a refused
workbook as :class:`~core.errors.WorkbookError` (with its problems), erased people as
:class:`ErasedPeople`, and a database that cannot answer as :class:`DatabaseTrouble`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from neo4j.exceptions import (
    DriverError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from app import data
from app.files import private_folder
from core import db as smp_db
from core.clock import today
from core.errors import SmpError, WorkbookError
from graph.views import previous_quarter_end
from loader.annotate import annotated_workbook
from loader.diff import NetworkDiff
from loader.history import reverted_tables
from loader.readback import read_tables
from loader.validate import Workbook, load_workbook
from loader.write import (
    ErasedPeople,
    LoadResult,
    diff_with_database,
    names_in,
    read_history,
    write_workbook,
)

__all__ = [
    "DatabaseTrouble",
    "ErasedPeople",
    "UncertainCommit",
    "check",
    "compare",
    "history",
    "impact",
    "impact_dates",
    "load",
    "marked_workbook",
    "revert",
    "revert_preview",
]

T = TypeVar("T")


class DatabaseTrouble(SmpError):
    """The database could not answer or refused a statement (the message says which)."""


class UncertainCommit(DatabaseTrouble):
    """The connection was lost while a write was being committed: it may have landed."""


@contextmanager
def _database() -> Iterator[None]:
    """Neo4j's errors as :class:`DatabaseTrouble`, with a message for people."""
    try:
        yield
    except IncompleteCommit as err:
        raise UncertainCommit(
            "The connection to the database was lost while the update was being committed, "
            "so it may or may not have landed. Look at the last loads below (or run "
            "`smp history`) before loading again."
        ) from err
    except (ServiceUnavailable, SessionExpired, OSError) as err:
        raise DatabaseTrouble(str(smp_db.unavailable(err))) from err
    except Neo4jError as err:
        raise DatabaseTrouble(f"Neo4j refused a query: {err.message}") from err
    except DriverError as err:  # the driver's own (a transaction or session closed early)
        raise DatabaseTrouble(f"The connection to the database failed: {err}") from err


def _with_copy(upload: bytes, name: str, work: Callable[[Path], T]) -> T:
    """``work(path)`` on a copy of the upload in this session's private folder, deleted
    straight after."""
    with private_folder() as folder:
        path = folder / Path(name).name
        path.write_bytes(upload)
        return work(path)


def check(upload: bytes, name: str) -> Workbook:
    """The upload validated (loader.validate); raises :class:`WorkbookError` with every
    problem. The workbook's source is the upload's name, which the audit records."""
    workbook = _with_copy(upload, name, load_workbook)
    workbook.source = Path(name)
    return workbook


def marked_workbook(upload: bytes, name: str, refused: WorkbookError) -> bytes:
    """A copy of the upload with each problem's cell marked (loader.annotate)."""
    return _with_copy(upload, name, lambda path: annotated_workbook(path, refused.problems))


def compare(workbook: Workbook) -> tuple[NetworkDiff, dict]:
    """What the workbook changes in the database, and the names of the records it
    touches (for people to read instead of ids)."""
    with _database():
        found = diff_with_database(data.driver(), workbook, smp_db.database())
        return found, names_in(found, workbook)


def impact_dates() -> list[dt.date]:
    """The dates an update's impact is shown at: today and the last quarter end."""
    return list(dict.fromkeys([today(), previous_quarter_end(today())]))


def impact(tables: dict, kept: dict | None) -> list[dict]:
    """What loading ``tables`` (``kept``: the database's records a load without replace
    keeps) does to the answers at each of :func:`impact_dates` (graph.impact), people
    named for analysts and admins only."""
    return data.update_impact(tables, kept, impact_dates())


def load(
    workbook: Workbook,
    diff: NetworkDiff,
    *,
    replace: bool,
    allow_erased: bool = False,
    by: str | None = None,
) -> LoadResult:
    """Write the workbook as ``diff`` (shown to the user, and compared again whenever
    the network changed) says, in one transaction; every session sees it at its next
    click. Raises :class:`ErasedPeople` when it lists people erased before and
    ``allow_erased`` is off."""
    with _database():
        loaded = write_workbook(
            data.driver(), workbook, replace=replace, database=smp_db.database(),
            progress=False, allow_erased=allow_erased, loaded_by=by, diff=diff,
        )  # fmt: skip
    data.network_changed()
    return loaded


def history(limit: int = 5) -> list[dict]:
    """The newest ``limit`` loads, newest first (loader.write.read_history)."""
    with _database():
        return read_history(data.driver(), limit, smp_db.database())


def revert_preview(load_id: str) -> dict:
    """What reverting a load would do (loader.history): the tables it gives back, the
    loads undone, the diff with the database and the impact at each of
    :func:`impact_dates`. Raises :class:`loader.history.CannotRevert` with why it
    cannot."""
    database = smp_db.database()
    with _database():
        current = read_tables(data.driver(), database, extras=True)
        tables, undone = reverted_tables(data.driver(), load_id, current, False, database)
        source = ", ".join(f"{Path(u['source']).name} ({u['load_id'][:8]})" for u in undone)
        workbook = Workbook(Path(f"revert of {source}"), tables,
                            checksum=f"revert:{undone[-1]['load_id']}")  # fmt: skip
        diff = diff_with_database(data.driver(), workbook, database)
    return {"workbook": workbook, "diff": diff, "names": names_in(diff, workbook),
            "undone": undone, "impacts": impact(tables, None)}  # fmt: skip


def revert(preview: dict, by: str | None) -> None:
    """Write a revert shown by :func:`revert_preview` (one transaction, audited as a load
    by ``by``); every session sees it at its next click."""
    load(preview["workbook"], preview["diff"], replace=True, by=by)
