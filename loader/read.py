"""Reading a workbook (a folder or zip of CSVs, or one ``.xlsx``) into raw tables.

Nothing here knows what the columns mean: cells come back as trimmed text, dates
(Excel date cells) or ``None`` for blanks, each row with the number a spreadsheet
shows for it (header = 1). :mod:`loader.validate` gives them meaning.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from loader.spec import SHEETS
from smp.errors import Problem, WorkbookError

Cell = str | dt.date | None
CSV_FIELD_LIMIT = 10 * 1024 * 1024
csv.field_size_limit(CSV_FIELD_LIMIT)


def normalise_header(name: object) -> str:
    """``' Area ID '`` → ``'area_id'``: trimmed, lower case, spaces and dashes as ``_``."""
    text = str(name).replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


@dataclass
class RawTable:
    """One sheet as read: header names (normalised) and rows of cells."""

    name: str
    label: str  # what messages call it: "areas.csv", or the sheet's name in an .xlsx
    header: list[str]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)


@dataclass
class RawWorkbook:
    source: Path
    tables: dict[str, RawTable]
    problems: list[Problem]
    warnings: list[str]
    unreadable: set[str] = field(default_factory=set)


def read_workbook(path: str | Path) -> RawWorkbook:
    """Read a folder of CSVs, a ``.zip`` of CSVs or an ``.xlsx`` file."""
    source = Path(path)
    if not source.exists():
        raise WorkbookError([Problem(str(source), 0, "(path)", "no such file or folder")])
    if source.is_dir():
        return _read_folder(source)
    suffix = source.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(source)
    if suffix == ".zip":
        return _read_zip(source)
    if suffix == ".xls":
        message = "old Excel .xls files cannot be read; save it as .xlsx (Excel Workbook)"
    elif suffix == ".csv":
        message = "a workbook is a folder of CSV files (or an .xlsx); give the folder"
    else:
        message = "not a workbook: give a folder of CSV files, a .zip of them or an .xlsx file"
    raise WorkbookError([Problem(source.name, 0, "(path)", message)])


def _find_csvs(names: list[str]) -> tuple[dict[str, str], list[str]]:
    """Match file names to sheets case-insensitively; the rest are ignored (with a warning)."""
    wanted = {sheet.filename: sheet.name for sheet in SHEETS}
    found: dict[str, str] = {}
    ignored: list[str] = []
    for name in sorted(names):
        base = name.rsplit("/", 1)[-1]
        key = base.strip().lower()
        if key in wanted and wanted[key] not in found:
            found[wanted[key]] = name
        elif key.endswith(".csv"):
            ignored.append(base)
    return found, ignored


def _missing(found: dict[str, object], problems: list[Problem], xlsx: bool) -> None:
    for sheet in SHEETS:
        if sheet.name not in found and not sheet.optional:
            what = "sheet" if xlsx else "file"
            label = sheet.name if xlsx else sheet.filename
            problems.append(Problem(label, 1, f"({what})", f"required {what} is missing"))


def _read_folder(folder: Path) -> RawWorkbook:
    files = {p.name: p for p in folder.iterdir() if p.is_file()}
    found, ignored = _find_csvs(list(files))
    problems: list[Problem] = []
    warnings = [f"{name}: not part of the workbook format; ignored" for name in ignored]
    _missing(found, problems, xlsx=False)
    tables = {}
    for sheet_name, filename in found.items():
        table = _read_csv(sheet_name, filename, files[filename].open, problems, warnings)
        if table:
            tables[sheet_name] = table
    unreadable = set(found) - set(tables)
    return RawWorkbook(folder, tables, problems, warnings, unreadable)


def _read_zip(path: Path) -> RawWorkbook:
    problems: list[Problem] = []
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as err:
        raise WorkbookError([Problem(path.name, 0, "(path)", "not a readable zip file")]) from err
    with archive:
        names = [i.filename for i in archive.infolist() if not i.is_dir()]
        names = [n for n in names if not n.startswith("__MACOSX/")]
        found, ignored = _find_csvs(names)
        warnings = [f"{name}: not part of the workbook format; ignored" for name in ignored]
        _missing(found, problems, xlsx=False)
        tables = {}
        for sheet_name, member in found.items():
            label = member.rsplit("/", 1)[-1]
            opener = lambda mode="rb", member=member: archive.open(member)  # noqa: E731
            table = _read_csv(sheet_name, label, opener, problems, warnings)
            if table:
                tables[sheet_name] = table
    return RawWorkbook(path, tables, problems, warnings, set(found) - set(tables))


def _decode_problem(label: str, row: int, err: UnicodeDecodeError, head: bytes) -> Problem:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        found = "UTF-16 (Excel's 'Unicode Text')"
    else:
        found = "not UTF-8; probably Windows-1252 (Excel's plain 'CSV')"
    return Problem(
        label,
        row,
        "(file)",
        f"the file's encoding is {found}: byte 0x{err.object[err.start]:02x} cannot be read. "
        "Save it from Excel as 'CSV UTF-8 (Comma delimited)'",
    )


def _bad_byte_row(opener) -> int:
    """The spreadsheet row holding the first byte that is not UTF-8 (lines, roughly)."""
    row, tail = 1, b""
    with opener("rb") as handle:
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as err:
                return row + (tail + chunk)[: err.start + len(tail)].count(b"\n")
            row += chunk.count(b"\n")
            tail = b""
    return row


def _read_csv(
    sheet_name: str, label: str, opener, problems: list[Problem], warnings: list[str]
) -> RawTable | None:
    with opener("rb") as handle:
        head = handle.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        err = UnicodeDecodeError("utf-8", head, 0, 1, "UTF-16 byte-order mark")
        problems.append(_decode_problem(label, 1, err, head))
        return None
    row_number = 0
    try:
        with opener("rb") as handle:
            text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict", newline="")
            first = text.readline()
            delimiter = ";" if first.count(";") > first.count(",") else ","
            rows = csv.reader(_chain(first, text), delimiter=delimiter)
            header_cells = next(rows, None)
            row_number = 1
            if header_cells is None or not any(c.strip() for c in header_cells):
                header_cells = []
            table = RawTable(sheet_name, label, [normalise_header(c) for c in header_cells])
            for cells in rows:
                row_number += 1
                cleaned = [c.strip() or None for c in cells]
                if any(cleaned):
                    table.rows.append((row_number, cleaned))
    except UnicodeDecodeError as err:
        problems.append(_decode_problem(label, _bad_byte_row(opener), err, head))
        return None
    except csv.Error as err:
        problems.append(Problem(label, row_number + 1, "(file)", f"not readable as CSV: {err}"))
        return None
    _check_header(table, problems, warnings)
    return table


def _chain(first: str, rest) -> Iterator[str]:
    yield first
    yield from rest


def _check_header(table: RawTable, problems: list[Problem], warnings: list[str]) -> None:
    seen: dict[str, int] = {}
    for index, name in enumerate(table.header):
        if not name:
            if any(index < len(cells) and cells[index] for _, cells in table.rows):
                warnings.append(
                    f"{table.label}: column {index + 1} has values but no header; ignored"
                )
            continue
        if name in seen:
            problems.append(
                Problem(table.label, 1, name, f"column appears twice (columns {seen[name] + 1} "
                        f"and {index + 1})")
            )  # fmt: skip
        else:
            seen[name] = index


def _xlsx_cell(value: object) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value).strip()
    return text or None


def _read_xlsx(path: Path) -> RawWorkbook:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    problems: list[Problem] = []
    warnings: list[str] = []
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as err:
        raise WorkbookError(
            [Problem(path.name, 0, "(file)", f"not a readable .xlsx workbook ({err})")]
        ) from err
    try:
        wanted = {sheet.name for sheet in SHEETS}
        found: dict[str, object] = {}
        for worksheet in book.worksheets:
            key = normalise_header(worksheet.title).removesuffix(".csv")
            if key in wanted and key not in found:
                found[key] = worksheet
            else:
                warnings.append(
                    f"sheet {worksheet.title!r}: not part of the workbook format; ignored"
                )
        _missing(found, problems, xlsx=True)
        tables = {}
        for sheet_name, worksheet in found.items():
            rows = worksheet.iter_rows(values_only=True)
            header_cells = next(rows, None) or ()
            table = RawTable(
                sheet_name,
                worksheet.title,
                [normalise_header(c) if c is not None else "" for c in header_cells],
            )
            for row_number, values in enumerate(rows, start=2):
                cells = [_xlsx_cell(v) for v in values]
                if any(c is not None for c in cells):
                    table.rows.append((row_number, cells))
            _check_header(table, problems, warnings)
            tables[sheet_name] = table
    finally:
        book.close()
    return RawWorkbook(path, tables, problems, warnings)
