"""Cells of files people open in a spreadsheet: text that looks like a formula is kept as
text (OWASP's "CSV injection"), whatever file it goes to.

Spreadsheets run a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula: a
name like ``=HYPERLINK("http://…")`` from a workbook would become a link, and
``=WEBSERVICE(…)`` would send data away. Every file the product writes for people (the
marked workbook, exports, the report's Excel) goes through :func:`neutralise` (CSV) or
:func:`append_row` (Excel).
"""

from __future__ import annotations

__all__ = ["FORMULA_START", "append_row", "neutralise"]

FORMULA_START = ("=", "+", "-", "@")


def neutralise(value: object) -> object:
    """For CSV: a cell that would run as a formula gets a quote in front.

    >>> neutralise("=1+1"), neutralise("Leeds"), neutralise(3)
    ("'=1+1", 'Leeds', 3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def append_row(sheet, values: list) -> None:
    """Append to an Excel sheet; text that looks like a formula is stored as text with
    Excel's quote prefix, so it shows as typed, never runs, and reads back unchanged."""
    sheet.append(values)
    # The row just appended (openpyxl's own counter): ``max_row`` would look at every
    # cell of the sheet, for every row, and a sheet of 10,000 rows took a minute.
    row = sheet._current_row
    for index, value in enumerate(values, start=1):
        if isinstance(value, str) and value.startswith(FORMULA_START):
            as_text(sheet.cell(row=row, column=index), value)


def as_text(cell, value: str) -> None:
    """An openpyxl cell holding ``value`` as text that never runs."""
    cell.value = value
    cell.data_type = "s"
    cell.quotePrefix = True
