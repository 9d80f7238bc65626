"""The report as an Excel workbook: one formatted sheet per table."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

FORMULA_START = ("=", "+", "-", "@")
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")


def neutralise(value: object) -> object:
    """For CSV: spreadsheets run cells that begin with = + - @ as formulas; prefix a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def append_row(sheet, values: list) -> None:
    """Append to an Excel sheet; text that looks like a formula is stored as text with
    Excel's quote prefix, so it shows as typed, never runs, and reads back unchanged."""
    sheet.append(values)
    row = sheet.max_row
    for index, value in enumerate(values, start=1):
        if isinstance(value, str) and value.startswith(FORMULA_START):
            cell = sheet.cell(row=row, column=index)
            cell.value = value
            cell.data_type = "s"
            cell.quotePrefix = True


def add_sheet(book: Workbook, title: str, rows: list[dict], columns: list[str]) -> None:
    sheet = book.create_sheet(title[:31])
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for row in rows:
        append_row(sheet, [_plain(row.get(c)) for c in columns])
    for index, column in enumerate(columns, start=1):
        values = [str(column)] + [str(r.get(column) or "") for r in rows]
        width = min(60, max(len(v) for v in values) + 2)
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions


def _plain(value: object) -> object:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def write(figures: dict, path: Path) -> None:
    book = Workbook()
    book.remove(book.active)
    summary = [{"figure": k.replace("_", " "), "value": v} for k, v in figures["summary"].items()]
    summary = [
        {"figure": "quarter", "value": figures["quarter"]},
        {"figure": "as of", "value": figures["as_of"]},
        {"figure": "compared with", "value": figures["compared_with"]},
        {"figure": "partnerships", "value": figures["region"]},
        *summary,
        {"figure": "source", "value": figures["source"]},
        {"figure": "loaded at", "value": figures["loaded_at"]},
        {"figure": "generated at", "value": figures["generated_at"]},
    ]
    add_sheet(book, "Summary", summary, ["figure", "value"])
    changes = [
        {
            "change": kind.replace("_", " "),
            "id": e.get("area_id") or e.get("group_id"),
            "name": e.get("area_name") or e.get("group_name"),
            "detail": e.get("reason") or e.get("term_end") or "",
        }
        for kind, entries in figures["changes"].items()
        for e in entries
    ]
    add_sheet(book, "Changes", changes, ["change", "id", "name", "detail"])
    coverage = [
        dict(a, partnership=s["region"]) for s in figures["sections"] for a in s["coverage"]
    ]
    add_sheet(
        book,
        "Coverage",
        coverage,
        ["partnership", "area_id", "area_name", "status", "rep", "term_end"],
    )
    broken = [dict(b, partnership=s["region"]) for s in figures["sections"] for b in s["broken"]]
    add_sheet(
        book,
        "Broken groups",
        broken,
        ["partnership", "group_id", "group_name", "reason", "unstaffed"],
    )
    fragile = [dict(g, partnership=s["region"]) for s in figures["sections"] for g in s["fragile"]]
    add_sheet(
        book,
        "Fragile groups",
        fragile,
        ["partnership", "group_id", "group_name", "single_points_of_failure"],
    )
    sectors = [
        dict(b, partnership=s["region"]) for s in figures["sections"] for b in s["sector_balance"]
    ]
    add_sheet(book, "Sector balance", sectors, ["partnership", "group_id", "group_name", "missing"])
    add_sheet(
        book,
        "By partnership",
        figures["by_region"],
        ["region", "areas", "covered", "local_groups", "connected", "broken", "fragile"],
    )
    add_sheet(
        book, "Last four quarters", figures["history"], ["quarter", "as_of", "covered", "total"]
    )
    book.save(path)
