"""The only place that writes to Neo4j: a validated workbook, in one transaction
(and the erasure of a person, with its audit entry).

Everything (the optional ``--replace`` deletion included) happens in a single
transaction of batched ``UNWIND $rows`` statements, so a load that fails or is
killed leaves exactly the network that was there before.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import sys
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import neo4j

from cypher import query, statements
from loader.validate import Record, Workbook, membership_id, reporting_line_id

BATCH_SIZE = 5000

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
)


@dataclass(frozen=True)
class LoadResult:
    counts: dict[str, int]
    nodes: int
    relationships: int
    load_id: str


def _row_params(sheet: str, record: Record) -> dict:
    params = {key: value for key, value in record.items() if key != "row"}
    if sheet == "memberships":
        params["membership_id"] = membership_id(record)
    elif sheet == "reporting_lines":
        params["line_id"] = reporting_line_id(record)
    return params


def _batches(rows: list[dict], size: int) -> Iterable[list[dict]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def ensure_schema(driver: neo4j.Driver, database: str | None = None) -> None:
    for statement in statements("schema"):
        driver.execute_query(statement, database_=database)


def checksum(path: Path) -> str:
    """SHA-256 of a workbook file, or of a folder's files in name order."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode())
        with file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def write_workbook(
    driver: neo4j.Driver,
    workbook: Workbook,
    *,
    replace: bool = False,
    database: str | None = None,
    progress: bool | None = None,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[str, int], None] | None = None,
) -> LoadResult:
    """Write a validated workbook in one transaction; returns counts of what is stored.

    ``progress=None`` shows a progress bar only when standard error is a terminal.
    ``on_batch`` is called after each batch (used by tests that interrupt loads).
    """
    from tqdm import tqdm

    ensure_schema(driver, database)
    prepared = {
        sheet: [_row_params(sheet, record) for record in workbook[sheet]]
        for sheet in dict.fromkeys(sheet for sheet, _ in STEPS)
    }
    total = sum(len(prepared[sheet]) for sheet, _ in STEPS)
    show = sys.stderr.isatty() if progress is None else progress
    load_id = str(uuid.uuid4())
    with (
        driver.session(database=database) as session,
        tqdm(total=total, unit="row", desc="Loading", disable=not show, file=sys.stderr) as bar,
    ):
        tx = session.begin_transaction()
        try:
            if replace:
                tx.run(query("delete_network")).consume()
            for sheet, name in STEPS:
                text = query(name)
                for batch in _batches(prepared[sheet], batch_size):
                    tx.run(text, rows=batch).consume()
                    bar.update(len(batch))
                    if on_batch:
                        on_batch(name, len(batch))
            tx.run(
                query("record_load"),
                load_id=load_id,
                source=str(workbook.source),
                checksum=checksum(workbook.source),
                loaded_by=_who(),
                replace=replace,
                counts=json.dumps(workbook.counts()),
            ).consume()
            tx.commit()
        finally:
            if tx.closed() is False:
                tx.rollback()
    record = driver.execute_query(query("count_network"), database_=database).records[0]
    return LoadResult(workbook.counts(), record["nodes"], record["relationships"], load_id)


def forget_person(driver: neo4j.Driver, person_id: str, database: str | None = None) -> bool:
    """Erase a person and everything that names them; False when there was no such person.

    The audit entry records who erased which id and when, never the personal data.
    """
    ensure_schema(driver, database)
    records, _, _ = driver.execute_query(
        query("forget_person"), person_id=person_id, by=_who(), database_=database
    )
    return bool(records[0]["found"])


def read_audit(driver: neo4j.Driver, limit: int = 50, database: str | None = None) -> list[dict]:
    records, _, _ = driver.execute_query(query("read_audit"), limit=limit, database_=database)
    return [dict(r) for r in records]


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
