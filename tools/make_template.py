"""Write docs/network-template.xlsx: a blank workbook partners can fill in.

One sheet per file of the format, the header row from loader/spec.py, drop-down
lists for the columns that take a value from a list. Run: python tools/make_template.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loader.spec import SHEETS  # noqa: E402

REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")

READ_ME = (
    "Fill in one sheet per kind of record; the header row of each sheet stays as it is. "
    "Yellow headers are required columns; hover a header for what it takes. Columns with a "
    "list of values offer a drop-down. Ids are yours to choose (short and stable: the same "
    "person keeps the same id every quarter). Check the workbook with `smp check` or on "
    "the app's Data page before loading it.",
    "Meetings and attendance (optional) feed the engagement analysis: record every "
    "meeting of the groups you want judged (date and format: in_person, online or hybrid, "
    "which counts as either), and who came, one row per person and meeting (attended "
    "false for apologies). Engagement days are meetings of a group whose kind is "
    "engagement_event. Members not listed for a meeting count as not having attended; "
    "groups with no meetings recorded are not judged. Keep a year of history.",
    "Elections and group rules (optional) feed the rep cycle and the groups' checks: one "
    "row per round of nominations and vote for a council area's VCS rep (outcome pending "
    "while it runs; elected with the person elected and the day the local VCS approved "
    "it; no_candidates or void), and one row per rule of a group's terms of reference "
    "(for one group, or every group of a kind). Mark dispersal councils and their leads "
    "for migration in areas, and councillors and their parties in people.",
    "This sheet is ignored when the workbook is loaded. The full description is "
    "docs/data-format.md.",
)


def _read_me(book: Workbook) -> None:
    ws = book.create_sheet("Read me")
    ws["A1"] = "SMP network workbook"
    ws["A1"].font = Font(bold=True, size=14)
    row = 3
    for paragraph in READ_ME:
        ws.cell(row=row, column=1, value=paragraph)
        row += 2
    ws.cell(row=row, column=1, value="Sheets").font = Font(bold=True)
    for sheet in SHEETS:
        row += 1
        ws.cell(row=row, column=1, value=f"{sheet.name}: {sheet.doc}")
    ws.column_dimensions["A"].width = 120
    for cells in ws.iter_rows(min_row=3, max_row=row):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def main(target: Path = ROOT / "docs" / "network-template.xlsx") -> Path:
    book = Workbook()
    book.remove(book.active)
    _read_me(book)
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.name)
        for index, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=1, column=index, value=column.name)
            cell.font = Font(bold=True)
            if column.required:
                cell.fill = REQUIRED_FILL
            notes = [("Required. " if column.required else "Optional. ") + (column.doc or "")]
            if column.kind == "date":
                notes.append("A date: YYYY-MM-DD, DD/MM/YYYY or an Excel date.")
            if column.kind == "bool":
                notes.append("true/false (yes/no, y/n, 1/0).")
            if column.choices:
                notes.append("One of: " + ", ".join(column.choices))
            cell.comment = Comment(" ".join(n for n in notes if n.strip()), "SMP")
            letter = cell.column_letter
            ws.column_dimensions[letter].width = max(14, len(column.name) + 4)
            if column.kind == "choice" and len(",".join(column.choices)) < 250:
                rule = DataValidation(
                    type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True
                )
                rule.error = f"{column.name} must be one of: {', '.join(column.choices)}"
                ws.add_data_validation(rule)
                rule.add(f"{letter}2:{letter}5000")
        ws.freeze_panes = "A2"
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


if __name__ == "__main__":
    print(main())
