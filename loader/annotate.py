"""A copy of a workbook with its problems marked: each bad cell filled red with the
problem as a comment, so a data steward can fix them in Excel where they are.

An ``.xlsx`` keeps its own sheets and formatting; a folder or ``.zip`` of CSV files
becomes an ``.xlsx`` with one sheet per file (every cell as text, as it was written).
Problems about a whole sheet or file (row 0 or 1, a missing column) mark its first
cell. A sheet "Problems" lists them all.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from core.cells import FORMULA_START, append_row, as_text
from core.errors import Problem
from loader.read import normalise_header, read_workbook

__all__ = ["annotated_workbook"]

BAD = PatternFill("solid", fgColor="F6D7D2")  # GOV.UK red, tinted: text stays readable
BAD_FONT = Font(color="942514", bold=True)


def _from_csvs(path: Path) -> Workbook:
    raw = read_workbook(path)
    book = Workbook()
    book.remove(book.active)
    for table in raw.tables.values():
        sheet = book.create_sheet(table.label.removesuffix(".csv")[:31])
        sheet.append(table.header)
        next_row = 2
        for row_number, cells in table.rows:
            while next_row < row_number:  # keep the spreadsheet's row numbers
                sheet.append([])
                next_row += 1
            append_row(sheet, [c.isoformat() if hasattr(c, "isoformat") else c for c in cells])
            next_row += 1
    return book


def _formulas_as_text(book: Workbook) -> None:
    """Every formula of an uploaded workbook kept as the text it was, never to run:
    the marked copy goes back to a person, who opens it in Excel."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str)
                                             and cell.value.startswith(FORMULA_START)):  # fmt: skip
                    as_text(cell, str(cell.value))


def _sheet_for(book: Workbook, label: str):
    wanted = normalise_header(label).removesuffix(".csv")
    for sheet in book.worksheets:
        if normalise_header(sheet.title).removesuffix(".csv") == wanted:
            return sheet
    return None


def annotated_workbook(path: Path, problems: list[Problem]) -> bytes:
    """The workbook at ``path`` as ``.xlsx`` bytes, with ``problems`` marked."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        book = load_workbook(path)
        _formulas_as_text(book)
    else:
        book = _from_csvs(path)
    listed = book.create_sheet("Problems", 0)
    listed.append(["sheet", "row", "column", "problem"])
    for cell in listed[1]:
        cell.font = Font(bold=True)
    for problem in problems:
        append_row(listed, [problem.file, problem.row, problem.column, problem.message])
        sheet = _sheet_for(book, problem.file)
        if sheet is None:
            continue
        header = [normalise_header(c.value) if c.value is not None else "" for c in sheet[1]]
        column = header.index(problem.column) + 1 if problem.column in header else 1
        cell = sheet.cell(row=max(problem.row, 1), column=column)
        cell.fill, cell.font = BAD, BAD_FONT
        earlier = cell.comment.text + "\n" if cell.comment else ""
        cell.comment = Comment(earlier + problem.message, "SMP check")
    listed.column_dimensions["D"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
