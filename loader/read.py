"""Reading a workbook (a folder or zip of CSVs, or one ``.xlsx``) into raw tables.

Nothing here knows what the columns mean: cells come back as trimmed text, dates
(Excel date cells) or ``None`` for blanks, each row with the number a spreadsheet
shows for it (header = 1). :mod:`loader.validate` gives them meaning.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import hashlib
import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import Problem, WorkbookError
from loader.spec import SHEETS

Cell = str | dt.date | None
CSV_FIELD_LIMIT = 10 * 1024 * 1024
csv.field_size_limit(CSV_FIELD_LIMIT)
MB = 1024 * 1024
#: Members of a zip or .xlsx smaller than this are not held to the expansion ratio
#: (a small sheet of empty cells compresses very well).
RATIO_FROM_BYTES = 8 * MB


@dataclass(frozen=True)
class Limits:
    """Caps on what a workbook may make the reader unpack and hold, checked while
    reading, so a hostile file (a zip bomb, a sheet of a billion rows) is refused
    early with a clear message instead of exhausting memory.

    From the environment: ``SMP_MAX_SHEET_MB`` (one CSV file or one sheet's XML,
    uncompressed; default 256), ``SMP_MAX_WORKBOOK_MB`` (all of a zip or .xlsx,
    uncompressed; default 1024), ``SMP_MAX_ROWS`` (per sheet; default 3,000,000, ten
    times a national network), ``SMP_MAX_ZIP_RATIO`` (uncompressed ÷ compressed
    size of a member over 8 MB; default 100, where real sheets stay below 20),
    ``SMP_MAX_CELLS`` (in the whole workbook, counting a spreadsheet's empty cells
    inside its rows too; default 5,000,000, three times a national network's 1.75
    million) and ``SMP_MAX_COLUMNS`` (the last column a cell may sit in; default 1,000,
    where the format has 12 at most).
    """

    sheet_bytes: int = 256 * MB
    workbook_bytes: int = 1024 * MB
    rows: int = 3_000_000
    zip_ratio: int = 100
    cells: int = 5_000_000
    columns: int = 1_000

    @classmethod
    def from_environment(cls) -> Limits:
        def number(name: str, default: int, scale: int = 1) -> int:
            text = os.environ.get(name, "").strip()
            return int(text) * scale if text.isdigit() and int(text) > 0 else default

        base = cls()
        return cls(
            sheet_bytes=number("SMP_MAX_SHEET_MB", base.sheet_bytes, MB),
            workbook_bytes=number("SMP_MAX_WORKBOOK_MB", base.workbook_bytes, MB),
            rows=number("SMP_MAX_ROWS", base.rows),
            zip_ratio=number("SMP_MAX_ZIP_RATIO", base.zip_ratio),
            cells=number("SMP_MAX_CELLS", base.cells),
            columns=number("SMP_MAX_COLUMNS", base.columns),
        )


#: Sheets bigger than this (uncompressed) have their cells counted before any is kept,
#: so one too large is refused without holding it (a smaller one cannot hold enough
#: cells to matter).
COUNT_FIRST_BYTES = 32 * MB


class _Budget:
    """The cells a workbook may still hold (:attr:`Limits.cells`), across its sheets."""

    def __init__(self, limits: Limits) -> None:
        self.limits, self.left = limits, limits.cells

    def spend(self, label: str, row: int, cells: int) -> None:
        self.left -= cells
        if self.left < 0:
            raise _too_many_cells(label, row, self.limits)

    def check_columns(self, label: str, row: int, column: int) -> None:
        if column > self.limits.columns:
            raise _too_big(
                label, row,
                f"a cell in column {column:,} ({_letters(column)}), beyond the limit of "
                f"{self.limits.columns:,} columns (SMP_MAX_COLUMNS): the format has a "
                "dozen; delete the far columns (Excel: select them, Delete); nothing was loaded",
            )  # fmt: skip


def _letters(column: int) -> str:
    """A column's letters: 1 → A, 28 → AB, 16384 → XFD.

    >>> _letters(1), _letters(28), _letters(16384)
    ('A', 'AB', 'XFD')
    """
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def _too_many_cells(label: str, row: int, limits: Limits) -> WorkbookError:
    return _too_big(
        label, row,
        f"the workbook holds more than {limits.cells:,} cells, the limit "
        "(SMP_MAX_CELLS; a national network has under 2 million); nothing was loaded",
    )  # fmt: skip


def _too_big(label: str, row: int, message: str) -> WorkbookError:
    return WorkbookError([Problem(label, row, "(file)", message)])


def _check_members(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse a zip or .xlsx whose members would unpack to too much, before reading."""
    total = sum(i.file_size for i in infos)
    if total > limits.workbook_bytes:
        raise _too_big(
            path.name, 0,
            f"unpacks to {total / MB:,.0f} MB, more than the limit of "
            f"{limits.workbook_bytes / MB:,.0f} MB (SMP_MAX_WORKBOOK_MB); nothing was read",
        )  # fmt: skip
    for info in infos:
        name = info.filename.rsplit("/", 1)[-1]
        if info.file_size > limits.sheet_bytes:
            raise _too_big(
                name, 0,
                f"unpacks to {info.file_size / MB:,.0f} MB, more than the limit of "
                f"{limits.sheet_bytes / MB:,.0f} MB for one sheet (SMP_MAX_SHEET_MB); "
                "nothing was read",
            )  # fmt: skip
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM_BYTES and ratio > limits.zip_ratio:
            raise _too_big(
                name, 0,
                f"expands {ratio:,.0f} times when unpacked ({info.compress_size / MB:,.1f} MB "
                f"to {info.file_size / MB:,.0f} MB), more than the limit of "
                f"{limits.zip_ratio} (SMP_MAX_ZIP_RATIO): not a real workbook; nothing was read",
            )  # fmt: skip


def _too_many_rows(label: str, limits: Limits) -> WorkbookError:
    return _too_big(
        label, limits.rows + 1,
        f"more than {limits.rows:,} rows, the limit for one sheet (SMP_MAX_ROWS); "
        "nothing was loaded",
    )  # fmt: skip


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


def read_workbook(path: str | Path, limits: Limits | None = None) -> RawWorkbook:
    """Read a folder of CSVs, a ``.zip`` of CSVs or an ``.xlsx`` file, within ``limits``
    (default: :meth:`Limits.from_environment`)."""
    limits = limits or Limits.from_environment()
    source = Path(path)
    if not source.exists():
        raise WorkbookError([Problem(str(source), 0, "(path)", "no such file or folder")])
    if source.is_dir():
        return _read_folder(source, limits)
    suffix = source.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(source, limits)
    if suffix == ".zip":
        return _read_zip(source, limits)
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


def _missing(
    found: dict[str, object], problems: list[Problem], xlsx: bool, ignored: list[str] = ()
) -> None:
    """A problem for each required sheet the workbook lacks, naming a sheet (or file) it
    has under another name that looks like it ("Memberships (2026)")."""
    for sheet in SHEETS:
        if sheet.name not in found and not sheet.optional:
            what = "sheet" if xlsx else "file"
            label = sheet.name if xlsx else sheet.filename
            like = [name for name in ignored if taken_for(name) == sheet.name]
            hint = (f"; the workbook has {what} {like[0]!r}: rename it {label}" if like
                    else "")  # fmt: skip
            problems.append(Problem(label, 1, f"({what})", f"required {what} is missing{hint}"))


def taken_for(name: str) -> str | None:
    """The sheet a sheet or file name not of the format most likely means, if any.

    >>> taken_for("Memberships (2026)"), taken_for("people_v2.csv"), taken_for("Notes")
    ('memberships', 'people', None)
    """
    key = re.sub(r"[^a-z]", "", normalise_header(name).removesuffix(".csv"))
    for sheet in SHEETS:
        plain = sheet.name.replace("_", "")
        if key.startswith(plain) or (len(key) > 4 and plain.startswith(key)):
            return sheet.name
    close = difflib.get_close_matches(key, [s.name.replace("_", "") for s in SHEETS], 1, 0.8)
    return next((s.name for s in SHEETS if close and s.name.replace("_", "") == close[0]), None)


def _read_folder(folder: Path, limits: Limits) -> RawWorkbook:
    budget = _Budget(limits)
    files = {p.name: p for p in folder.iterdir() if p.is_file()}
    found, ignored = _find_csvs(list(files))
    problems: list[Problem] = []
    warnings = [f"{name}: not part of the workbook format; ignored" for name in ignored]
    _missing(found, problems, xlsx=False, ignored=ignored)
    tables = {}
    for sheet_name, filename in found.items():
        size = files[filename].stat().st_size
        if size > limits.sheet_bytes:
            raise _too_big(
                filename, 0,
                f"{size / MB:,.0f} MB, more than the limit of {limits.sheet_bytes / MB:,.0f} MB "
                "for one sheet (SMP_MAX_SHEET_MB); nothing was read",
            )  # fmt: skip
        table = _read_csv(sheet_name, filename, files[filename].open, problems, warnings,
                          budget, size)  # fmt: skip
        if table:
            tables[sheet_name] = table
    unreadable = set(found) - set(tables)
    return RawWorkbook(folder, tables, problems, warnings, unreadable)


def _read_zip(path: Path, limits: Limits) -> RawWorkbook:
    problems: list[Problem] = []
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise WorkbookError([Problem(path.name, 0, "(path)", "not a readable zip file")]) from err
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        infos = [i for i in infos if not i.filename.startswith("__MACOSX/")]
        names = [i.filename for i in infos]
        found, ignored = _find_csvs(names)
        _check_members(path, [i for i in infos if i.filename in found.values()], limits)
        warnings = [f"{name}: not part of the workbook format; ignored" for name in ignored]
        _missing(found, problems, xlsx=False, ignored=ignored)
        tables = {}
        budget = _Budget(limits)
        sizes = {i.filename: i.file_size for i in infos}
        for sheet_name, member in found.items():
            label = member.rsplit("/", 1)[-1]
            opener = lambda mode="rb", member=member: archive.open(member)  # noqa: E731
            try:
                table = _read_csv(sheet_name, label, opener, problems, warnings, budget,
                                  sizes[member])  # fmt: skip
            except (zipfile.BadZipFile, zlib.error, EOFError) as err:
                raise _too_big(label, 0, f"cannot be unpacked from {path.name}: {err}") from err
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
    sheet_name: str,
    label: str,
    opener,
    problems: list[Problem],
    warnings: list[str],
    budget: _Budget,
    size: int = 0,
) -> RawTable | None:
    limits = budget.limits
    with opener("rb") as handle:
        head = handle.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        err = UnicodeDecodeError("utf-8", head, 0, 1, "UTF-16 byte-order mark")
        problems.append(_decode_problem(label, 1, err, head))
        return None
    row_number = 0
    try:
        if size > COUNT_FIRST_BYTES:  # counted first: refused before any of it is held
            _count_csv(label, opener, budget)
        with opener("rb") as handle:
            text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict", newline="")
            first = text.readline()
            delimiter = ";" if first.count(";") > first.count(",") else ","
            rows = csv.reader(_chain(first, text), delimiter=delimiter)
            header_cells = next(rows, None)
            row_number = 1
            if header_cells is None or not any(c.strip() for c in header_cells):
                header_cells = []
            budget.check_columns(label, 1, len(header_cells))
            table = RawTable(sheet_name, label, [normalise_header(c) for c in header_cells])
            for cells in rows:
                row_number += 1
                if row_number > limits.rows + 1:
                    raise _too_many_rows(label, limits)
                if len(cells) > limits.columns:
                    budget.check_columns(label, row_number, len(cells))
                budget.spend(label, row_number, len(cells))
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


def _count_csv(label: str, opener, budget: _Budget) -> None:
    """Count a large CSV's rows and cells without keeping them, and refuse it if it is
    over a limit (the budget is given back: the reading that follows spends it)."""
    limits, cells, row = budget.limits, 0, 0
    with opener("rb") as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict", newline="")
        first = text.readline()
        delimiter = ";" if first.count(";") > first.count(",") else ","
        for row, found in enumerate(csv.reader(_chain(first, text), delimiter=delimiter), 1):
            cells += len(found)
            if len(found) > limits.columns:
                budget.check_columns(label, row, len(found))
            if row > limits.rows + 1:
                raise _too_many_rows(label, limits)
            if cells > budget.left:
                raise _too_many_cells(label, row, limits)


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


def _unreadable_xlsx(path: Path, err: BaseException) -> WorkbookError:
    detail = str(err).splitlines()[0][:200] if str(err) else ""
    reason = f"{type(err).__name__}: {detail}" if detail else type(err).__name__
    return WorkbookError(
        [Problem(path.name, 0, "(file)", f"not a readable .xlsx workbook ({reason})")]
    )


def _read_xlsx(path: Path, limits: Limits) -> RawWorkbook:
    import openpyxl

    try:
        with zipfile.ZipFile(path) as archive:
            _check_members(path, archive.infolist(), limits)
    except (zipfile.BadZipFile, OSError) as err:
        raise _unreadable_xlsx(path, err) from err
    # An .xlsx is XML that anyone can write: besides openpyxl's own errors, a damaged
    # or hostile file raises whatever its XML parser (defusedxml, which refuses entity
    # expansion) or zip reader meets. Every one of them means "not a workbook we can read".
    try:
        return _xlsx_tables(path, openpyxl.load_workbook(path, read_only=True, data_only=True),
                            limits)  # fmt: skip
    except WorkbookError:
        raise
    except Exception as err:
        raise _unreadable_xlsx(path, err) from err


#: Sheets of notes an .xlsx may carry without a warning (the template has "Read me").
NOTES_SHEETS = frozenset({"readme", "notes"})


def _xlsx_tables(path: Path, book, limits: Limits) -> RawWorkbook:
    problems: list[Problem] = []
    warnings: list[str] = []
    try:
        wanted = {sheet.name for sheet in SHEETS}
        found: dict[str, object] = {}
        ignored: list[str] = []
        for worksheet in book.worksheets:
            key = normalise_header(worksheet.title).removesuffix(".csv")
            if key in wanted and key not in found:
                found[key] = worksheet
            elif key.replace("_", "") not in NOTES_SHEETS:  # the template's own notes
                ignored.append(worksheet.title)
                meant = taken_for(worksheet.title)
                warnings.append(
                    f"sheet {worksheet.title!r}: not part of the workbook format; ignored"
                    + (f" (if it is {meant}, name it {meant})" if meant else "")
                )
        _missing(found, problems, xlsx=True, ignored=ignored)
        tables = {}
        budget = _Budget(limits)
        for sheet_name, worksheet in found.items():
            rows = _sheet_rows(book, worksheet, budget)
            _row, header_cells = next(rows, (1, []))
            table = RawTable(
                sheet_name,
                worksheet.title,
                [normalise_header(c) if c is not None else "" for c in header_cells],
            )
            for row_number, values in rows:
                cells = [_xlsx_cell(v) for v in values]
                if any(c is not None for c in cells):
                    table.rows.append((row_number, cells))
            _check_header(table, problems, warnings)
            tables[sheet_name] = table
    finally:
        book.close()
    return RawWorkbook(path, tables, problems, warnings)


_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")


def _sheet_rows(book, worksheet, budget: _Budget) -> Iterator[tuple[int, list]]:
    """``(row number, values)`` of a sheet's rows that hold a cell, read as the file has
    them: a row holds its cells up to the last one it has, never padded to the width the
    sheet claims (a row with a cell in A and one in XFD would otherwise become 16,384
    values). Refuses, as soon as it sees one, a cell beyond :attr:`Limits.columns`, a
    row beyond :attr:`Limits.rows` and more cells than the workbook's budget; a sheet
    over :data:`COUNT_FIRST_BYTES` has its cells counted before any is kept.

    Reads with openpyxl's own sheet parser (``openpyxl.worksheet._reader``, the parser
    its read-only sheets use, here without their padding): pinned in requirements.txt,
    and ``tests/test_files.py`` reads a workbook through it.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    label, limits = worksheet.title, budget.limits
    path = worksheet._worksheet_path
    if book._archive.getinfo(path).file_size > COUNT_FIRST_BYTES:
        counted, tail = 0, b""
        with book._archive.open(path) as raw:
            for chunk in iter(lambda: raw.read(1 << 20), b""):
                counted += len(_CELL_TAG.findall(tail + chunk))
                tail = chunk[-8:]  # a tag across the boundary: counted once at most twice
                if counted > budget.left:
                    raise _too_many_cells(label, 0, limits)
    with book._archive.open(path) as source:
        parser = WorkSheetParser(
            source, worksheet._shared_strings, data_only=True, epoch=book.epoch,
            date_formats=book._date_formats, timedelta_formats=book._timedelta_formats,
        )  # fmt: skip
        for row_number, cells in parser.parse():
            if not cells:
                continue
            if row_number > limits.rows + 1:
                raise _too_many_rows(label, limits)
            width = max(cell["column"] for cell in cells)
            budget.check_columns(label, row_number, width)
            budget.spend(label, row_number, width)
            values: list = [None] * width
            for cell in cells:
                values[cell["column"] - 1] = cell["value"]
            yield row_number, values


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
