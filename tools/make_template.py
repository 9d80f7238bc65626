"""Write docs/network-template.xlsx: a blank workbook partners can fill in.

One sheet per file of the format, the header row from loader/spec.py, drop-down
lists for the columns that take a value from a list. Run: python tools/make_template.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loader.spec import SHEETS  # noqa: E402

REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")


def main(target: Path = ROOT / "docs" / "network-template.xlsx") -> Path:
    book = Workbook()
    book.remove(book.active)
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
