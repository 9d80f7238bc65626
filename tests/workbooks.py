"""Building small workbooks for tests: start from ``tests/data/minimal`` and change it."""

from __future__ import annotations

import csv
from pathlib import Path

MINIMAL = Path(__file__).resolve().parent / "data" / "minimal"


def read_tables(folder: Path = MINIMAL) -> dict[str, list[dict]]:
    tables = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            tables[path.stem] = list(csv.DictReader(handle))
    return tables


def write_tables(folder: Path, tables: dict[str, list[dict]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        columns: list[str] = []
        for row in rows:
            columns += [c for c in row if c not in columns]
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns or ["id"])
            writer.writeheader()
            writer.writerows(rows)
    return folder
