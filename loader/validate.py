"""Validating raw tables into typed records, collecting every problem in one pass.

A record is a plain ``dict`` keyed by the contract's column names, holding typed
values (``str``, ``datetime.date``, ``bool``, ``int``, ``list[str]`` or ``None``),
plus ``row`` (the spreadsheet row) and ``extra`` (columns the format does not name,
kept as text).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from core.erasure import canonical
from core.errors import Problem, Problems, WorkbookError
from core.memory import no_gc
from core.vocabulary import code_for
from loader.read import Cell, RawTable, RawWorkbook, checksum, read_workbook
from loader.spec import (
    AREA_RANK,
    SECTORS,
    SHEETS,
    SHEETS_BY_NAME,
    Column,
    Sheet,
    camel_case,
)

Record = dict
TRUE = {"true", "yes", "y", "1"}
FALSE = {"false", "no", "n", "0"}
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
RESERVED_EXTRA = {"row", "extra"}


@dataclass
class Workbook:
    """A validated workbook: typed records per sheet, and what was noticed on the way."""

    source: Path
    tables: dict[str, list[Record]]
    warnings: list[str] = field(default_factory=list)
    #: SHA-256 of the file(s) read, taken when it was read (:func:`loader.read.checksum`).
    checksum: str = ""
    #: What messages call each sheet: "people.csv", or the sheet's name in an .xlsx.
    labels: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> list[Record]:
        return self.tables.get(name, [])

    def counts(self) -> dict[str, int]:
        return {sheet.name: len(self[sheet.name]) for sheet in SHEETS}


_UNSEEN = object()


def _did_you_mean(text: str, choices: tuple[str, ...]) -> str:
    """ "; did you mean vcs_rep?" for a value close to one of ``choices`` ("VCS rep"), else "".

    >>> _did_you_mean("VCS rep", ("member", "vcs_rep")), _did_you_mean("boss", ("member",))
    ('; did you mean vcs_rep?', '')
    >>> _did_you_mean("Voluntary sector", ("police", "vcs"))
    '; did you mean vcs?'
    """
    said = code_for(text, choices)  # a choice in the app's own words: "Voluntary sector"
    if said is not None:
        return f"; did you mean {said}?"
    folded = re.sub(r"[\s\-]+", "_", text.strip().lower())
    if folded in choices:
        return f"; did you mean {folded}?"
    close = difflib.get_close_matches(folded, choices, n=1, cutoff=0.75)
    return f"; did you mean {close[0]}?" if close else ""


def _us_date(text: str) -> str:
    """ "; it looks like month/day/year: write 31/12/2026" for a date written the US way.

    >>> _us_date("12/31/2026"), _us_date("31/31/2026")
    ('; it looks like month/day/year: write 31/12/2026', '')
    """
    match = UK_DATE.match(text.strip())
    if not match:
        return ""
    month, day, year = (int(g) for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return ""
    return f"; it looks like month/day/year: write {day:02d}/{month:02d}/{year}"


def _similar_header(name: str, headers: list[str]) -> str:
    """ "; the sheet has 'role_type': is this role?" when one of its other headers looks
    like the missing column ``name`` (headers are already normalised: lower case, ``_``).

    >>> _similar_header("role", ["role_type", "notes"])
    "; the sheet has 'role_type': is this role?"
    >>> _similar_header("person_id", ["person_id#"])
    "; the sheet has 'person_id#': is this person_id?"
    """

    def squeezed(text: str) -> str:
        return re.sub(r"[^a-z0-9]", "", text)

    for header in headers:
        if squeezed(header) == squeezed(name) or squeezed(header).startswith(squeezed(name)):
            return f"; the sheet has {header!r}: is this {name}?"
    close = difflib.get_close_matches(name, headers, 1, 0.75)
    return f"; the sheet has {close[0]!r}: is this {name}?" if close else ""


def parse_date(value: object) -> dt.date:
    """ISO ``YYYY-MM-DD``, UK ``DD/MM/YYYY`` or an Excel date cell; ValueError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    match = UK_DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    raise ValueError(text)


def parse_bool(value: object) -> bool:
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(text)


def _shown(value: object) -> str:
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _plan(sheet: Sheet, positions: dict[str, int]) -> list[tuple]:
    """Per column: where it is, whether plain text can skip value(), and a memo of
    converted cells for the kinds whose few distinct values repeat (dates, lists of
    choices, booleans): a national workbook has 1.75 M cells."""
    return [
        (column, positions.get(column.name), column.kind in ("id", "text", "ref"),
         {} if column.kind in ("date", "choice", "bool") else None)
        for column in sheet.columns
    ]  # fmt: skip


def _extra(cells: list[Cell], extras: dict[str, tuple[int, str]]) -> dict[str, str]:
    """A row's extra columns (``extras``: header → position, property) as text."""
    extra = {}
    for position, prop in extras.values():
        cell = cells[position] if position < len(cells) else None
        if cell is not None:
            extra[prop] = cell.isoformat() if isinstance(cell, dt.date) else str(cell)
    return extra


class _Validator:
    def __init__(self, raw: RawWorkbook):
        self.raw = raw
        self.problems = Problems(raw.problems)
        self.warnings: list[str] = list(raw.warnings)
        self.tables: dict[str, list[Record]] = {}
        self.ids: dict[str, dict[str, Record]] = {}
        self.labels = {name: table.label for name, table in raw.tables.items()}
        self._canonical_ids: dict[str, dict[str, str]] = {}

    def problem(self, sheet: str, row: int, column: str, message: str) -> None:
        label = self.labels.get(sheet, SHEETS_BY_NAME[sheet].filename)
        self.problems.append(Problem(label, row, column, message))

    def run(self) -> Workbook:
        for sheet in SHEETS:
            table = self.raw.tables.get(sheet.name)
            self.tables[sheet.name] = self.typed(sheet, table) if table else []
        for sheet in SHEETS:
            self.check_references(sheet)
        self.check_rules()
        if self.problems:
            raise WorkbookError(self.problems)
        return Workbook(self.raw.source, self.tables, self.warnings, labels=self.labels)

    def typed(self, sheet: Sheet, table: RawTable) -> list[Record]:
        """The table's rows as typed records (none when a required column is missing);
        records with an id are also kept in ``self.ids``, the first of each id only."""
        if sheet.optional and not any(table.header) and not table.rows:
            return []  # an empty optional file is the same as none
        positions = {name: i for i, name in reversed(list(enumerate(table.header))) if name}
        missing = [c.name for c in sheet.columns if c.required and c.name not in positions]
        known = {c.name for c in sheet.columns}
        others = [name for name in positions if name not in known]
        for name in missing:
            self.problem(sheet.name, 1, name, "required column is missing"
                         + _similar_header(name, others))  # fmt: skip
        if missing:
            return []
        extras = self.extra_columns(sheet, positions)
        id_column = sheet.key
        seen_ids: dict[str, int] = {}
        if id_column:
            self.ids[sheet.name] = {}
        plan = _plan(sheet, positions)
        records = []
        for row, cells in table.rows:
            record = self.record(sheet, row, cells, plan)
            record["extra"] = _extra(cells, extras)
            if id_column and record[id_column] is not None:
                self.check_id(sheet.name, id_column, record, seen_ids)
            records.append(record)
        return records

    def extra_columns(self, sheet: Sheet, positions: dict[str, int]) -> dict[str, tuple[int, str]]:
        """Header → (position, property name) of the columns the format does not name;
        one named like the sheet's own columns is a problem, and left out."""
        known = {c.name for c in sheet.columns}
        extras = {
            name: (position, self.extra_name(name))
            for name, position in positions.items()
            if name not in known
        }
        reserved = sheet.reserved()
        for name, (_position, prop) in extras.items():
            if prop.lower() in reserved:
                self.problem(
                    sheet.name, 1, name,
                    f"this extra column would be stored as {prop!r}, which the workbook's own "
                    "columns use; rename or remove it",
                )  # fmt: skip
        return {n: e for n, e in extras.items() if e[1].lower() not in reserved}

    def record(self, sheet: Sheet, row: int, cells: list[Cell], plan: list[tuple]) -> Record:
        """One row's cells as a record of typed values, following :func:`_plan`."""
        record: Record = {"row": row}
        width = len(cells)
        for column, position, plain, memo in plan:
            cell = cells[position] if position is not None and position < width else None
            if plain and type(cell) is str:
                text = cell.strip()
                if text:
                    record[column.name] = text
                    continue
            elif memo is not None and cell is not None:
                known = memo.get(cell, _UNSEEN)
                if known is not _UNSEEN:
                    record[column.name] = known
                    continue
                before = len(self.problems)
                value = self.value(sheet, row, column, cell)
                if len(self.problems) == before:
                    memo[cell] = value
                record[column.name] = value
                continue
            record[column.name] = self.value(sheet, row, column, cell)
        return record

    def check_id(self, sheet: str, id_column: str, record: Record, seen: dict[str, int]) -> None:
        """Keep the record under its id, or report the id as a duplicate of an earlier row."""
        key, row = record[id_column], record["row"]
        if key in seen:
            self.problem(
                sheet, row, id_column,
                f"duplicate {id_column} {_shown(key)} (first on row {seen[key]})",
            )  # fmt: skip
        else:
            seen[key] = row
            self.ids[sheet][key] = record

    def extra_name(self, header: str) -> str:
        name = camel_case(header)
        return f"x_{name}" if name in RESERVED_EXTRA else name

    def value(self, sheet: Sheet, row: int, column: Column, cell: object) -> object:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            if column.required:
                self.problem(sheet.name, row, column.name, "required value is blank")
            return column.default
        if column.kind in ("id", "text", "ref"):
            return cell.isoformat() if isinstance(cell, dt.date) else str(cell).strip()
        if column.kind == "choice":
            text = str(cell).strip().lower()
            if text not in column.choices:
                self.problem(
                    sheet.name, row, column.name,
                    f"{_shown(cell)} is not one of: {', '.join(column.choices)}"
                    + _did_you_mean(text, column.choices),
                )  # fmt: skip
                return None
            return text
        if column.kind == "list":
            items = [part.strip().lower() for part in str(cell).split(";") if part.strip()]
            bad = [item for item in items if item not in column.choices]
            if bad:
                self.problem(
                    sheet.name, row, column.name,
                    f"{', '.join(_shown(b) for b in bad)} not one of: {', '.join(column.choices)}"
                    + _did_you_mean(bad[0], column.choices),
                )  # fmt: skip
                return None
            return items
        if column.kind == "date":
            try:
                return parse_date(cell)
            except ValueError:
                self.problem(
                    sheet.name, row, column.name,
                    f"{_shown(cell)} is not a date (use YYYY-MM-DD or DD/MM/YYYY)"
                    + _us_date(str(cell)),
                )  # fmt: skip
                return None
        if column.kind == "bool":
            try:
                return parse_bool(cell)
            except ValueError:
                self.problem(
                    sheet.name, row, column.name,
                    f"{_shown(cell)} is not true/false (yes/no, y/n and 1/0 also work)",
                )  # fmt: skip
                return None
        if column.kind == "int":
            text = str(cell).strip()
            if re.fullmatch(r"\d{10,}(\.0+)?", text):
                self.problem(
                    sheet.name, row, column.name, f"{_shown(cell)} is too large (at most 9 digits)"
                )
                return None
            if not re.fullmatch(r"\d{1,9}(\.0+)?", text):
                self.problem(sheet.name, row, column.name, f"{_shown(cell)} is not a whole number")
                return None
            return int(text.split(".")[0])
        raise AssertionError(f"unknown column kind {column.kind}")

    def check_references(self, sheet: Sheet) -> None:
        # References into a file that could not be read are not checked: its own
        # problem says why, and every row pointing at it would only repeat it.
        refs = [c for c in sheet.columns if c.kind == "ref" and c.ref not in self.raw.unreadable]
        for record in self.tables[sheet.name]:
            for column in refs:
                value = record[column.name]
                if value is not None and value not in self.ids.get(column.ref, {}):
                    target = SHEETS_BY_NAME[column.ref]
                    self.problem(
                        sheet.name, record["row"], column.name,
                        f"{_shown(value)} is not a {target.key} in "
                        f"{self.labels.get(column.ref, target.filename)}"
                        + self.near_id(column.ref, value),
                    )  # fmt: skip

    def near_id(self, sheet: str, value: str) -> str:
        """ "; did you mean P-09001?" for an id written otherwise than one that exists
        (case, spaces, zero-padding: ``P-9001``), else a close spelling of one."""
        index = self._canonical_ids.get(sheet)
        if index is None:
            index = self._canonical_ids[sheet] = {}
            for known in self.ids.get(sheet, {}):
                index.setdefault(canonical(known), known)
        found = index.get(canonical(value))
        if found is None and len(index) <= 5000:  # a close spelling, among few ids
            close = difflib.get_close_matches(value, list(self.ids.get(sheet, {})), 1, 0.85)
            found = close[0] if close else None
        return f"; did you mean {found}?" if found else ""

    def check_rules(self) -> None:
        areas = self.ids.get("areas", {})
        self.check_area_parents(areas)
        for group in self.tables["groups"]:
            if group["level"] not in (None, "national") and group["area_id"] is None:
                self.problem(
                    "groups", group["row"], "area_id",
                    f"required unless level is national (level is {group['level']})",
                )  # fmt: skip
        for member in self.tables["memberships"]:
            if member["role"] == "vcs_rep":
                area_id = member["represents_area_id"]
                if area_id is None:
                    self.problem(
                        "memberships", member["row"], "represents_area_id",
                        "required for role vcs_rep (the local authority area represented)",
                    )  # fmt: skip
                elif area_id in areas and areas[area_id]["type"] not in (None, "local_authority"):
                    self.problem(
                        "memberships", member["row"], "represents_area_id",
                        f"{_shown(area_id)} is a {areas[area_id]['type']}; a vcs_rep "
                        "represents a local_authority area",
                    )  # fmt: skip
        for name in ("memberships", "reporting_lines"):
            for record in self.tables[name]:
                start, end = record["start_date"], record["end_date"]
                if start and end and end < start:
                    self.problem(
                        name, record["row"], "end_date",
                        f"{_shown(end)} is before the start date {_shown(start)}",
                    )  # fmt: skip
        self.check_attendance()
        self.check_elections(areas)
        self.check_group_rules()
        for line in self.tables["reporting_lines"]:
            if line["from_group_id"] is not None and line["from_group_id"] == line["to_group_id"]:
                self.problem(
                    "reporting_lines", line["row"], "to_group_id",
                    f"{_shown(line['to_group_id'])}: a group cannot report to itself",
                )  # fmt: skip

    def check_attendance(self) -> None:
        """One record per person and meeting: identical rows are one; rows that disagree
        (attended and apologies for the same meeting) are a problem."""
        first: dict[tuple[object, object], Record] = {}
        for row in self.tables.get("attendance", []):
            key = (row["meeting_id"], row["person_id"])
            if None in key:
                continue
            seen = first.setdefault(key, row)
            if seen is not row and seen["attended"] != row["attended"]:
                said = {True: "attended", False: "did not attend"}
                self.problem(
                    "attendance", row["row"], "attended",
                    f"{_shown(key[1])} {said[row['attended']]} meeting {_shown(key[0])} "
                    f"here but {said[seen['attended']]} on row {seen['row']}: one row per "
                    "person and meeting",
                )  # fmt: skip

    def check_elections(self, areas: dict[str, Record]) -> None:
        """An election's area is a council area; it names whom it elected exactly when
        its outcome is ``elected``. Dates out of order are warnings, not problems."""
        for round_ in self.tables.get("elections", []):
            row, area_id = round_["row"], round_["area_id"]
            area = areas.get(area_id) if area_id is not None else None
            if area is not None and area["type"] not in (None, "local_authority"):
                self.problem(
                    "elections", row, "area_id",
                    f"{_shown(area_id)} is a {area['type']}; a round elects the VCS rep of a "
                    "local_authority area",
                )  # fmt: skip
            outcome, elected = round_["outcome"], round_["elected_person_id"]
            if outcome == "elected" and elected is None:
                self.problem(
                    "elections", row, "elected_person_id",
                    "required when outcome is elected (the person_id of who was elected)",
                )  # fmt: skip
            elif outcome not in (None, "elected") and elected is not None:
                self.problem(
                    "elections", row, "elected_person_id",
                    f"{_shown(elected)} given, but the outcome is {outcome}: leave it blank "
                    "unless the outcome is elected",
                )  # fmt: skip
            opened = round_["nominations_open"]
            for column in ("nominations_close", "vote_date", "approved_date"):
                day = round_[column]
                if opened is not None and day is not None and day < opened:
                    self.warnings.append(
                        f"{self.labels.get('elections', 'elections.csv')}:{row}: {column}: "
                        f"{_shown(day)} is before nominations opened ({_shown(opened)})"
                    )

    def check_group_rules(self) -> None:
        """Each rule names a group or a kind of group (one of them), a sector where it
        counts one, and a value of the rule's type; a rule is given once per target."""
        seen: dict[tuple, int] = {}
        for rule in self.tables.get("group_rules", []):
            row, name = rule["row"], rule["rule"]
            group_id, kind = rule["group_id"], rule["kind"]
            if (group_id is None) == (kind is None):
                self.problem(
                    "group_rules", row, "group_id" if group_id is not None else "kind",
                    "give exactly one of group_id (one group) and kind (every group of a "
                    "kind)" + (", not both" if group_id is not None else ""),
                )  # fmt: skip
            if name == "sector_min" and rule["sector"] is None:
                self.problem(
                    "group_rules", row, "sector",
                    "required for rule sector_min (the sector to count)",
                )  # fmt: skip
            elif name not in (None, "sector_min") and rule["sector"] is not None:
                self.warnings.append(
                    f"{self.labels.get('group_rules', 'group_rules.csv')}:{row}: sector: "
                    f"ignored: only rule sector_min counts a sector"
                )
            if name is not None and rule["value"] is not None:
                rule["value"] = self.rule_value(row, name, rule["value"])
            target = (group_id, kind, name, rule["sector"] if name == "sector_min" else None)
            if name is not None and (group_id is None) != (kind is None):
                if target in seen:
                    self.problem(
                        "group_rules", row, "rule",
                        f"{name} is already set for this {'group' if group_id else 'kind'} "
                        f"on row {seen[target]}: give each rule once",
                    )  # fmt: skip
                else:
                    seen[target] = row

    def rule_value(self, row: int, rule: str, text: str) -> object:
        """A rule's ``value`` typed by its rule: a whole number (a percent of at most 100
        for ``party_max_share``), a sector for ``chair_sector``, a boolean for
        ``each_dispersal_council``. None (and a problem) when it is not."""
        if rule == "chair_sector":
            folded = text.strip().lower()
            if folded in SECTORS:
                return folded
            self.problem(
                "group_rules", row, "value",
                f"{_shown(text)} is not one of: {', '.join(SECTORS)}"
                + _did_you_mean(folded, SECTORS),
            )  # fmt: skip
            return None
        if rule == "each_dispersal_council":
            try:
                return parse_bool(text)
            except ValueError:
                self.problem(
                    "group_rules", row, "value",
                    f"{_shown(text)}: rule each_dispersal_council takes true",
                )  # fmt: skip
                return None
        folded = text.strip()
        number = int(float(folded)) if re.fullmatch(r"\d{1,9}(\.0+)?", folded) else None
        if number is None:
            self.problem(
                "group_rules", row, "value",
                f"{_shown(text)} is not a whole number (rule {rule} counts"
                + (" a percent)" if rule == "party_max_share" else ")"),
            )  # fmt: skip
        elif rule == "party_max_share" and number > 100:
            self.problem(
                "group_rules", row, "value",
                f"{_shown(text)} is more than 100: party_max_share is a percent",
            )  # fmt: skip
            return None
        return number

    def check_area_parents(self, areas: dict[str, Record]) -> None:
        for area in self.tables["areas"]:
            parent = areas.get(area["parent_id"]) if area["parent_id"] else None
            if parent is None or area["type"] is None or parent["type"] is None:
                continue
            if AREA_RANK[parent["type"]] <= AREA_RANK[area["type"]]:
                self.problem(
                    "areas", area["row"], "parent_id",
                    f"{_shown(parent['area_id'])} is a {parent['type']}, not of a higher type "
                    f"than {area['type']}",
                )  # fmt: skip
        # Cycles: follow parents; a walk that returns to an area on it is a cycle.
        state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
        for start in areas:
            walk: list[str] = []
            node: str | None = start
            while node is not None and node in areas and state.get(node) is None:
                state[node] = 1
                walk.append(node)
                node = areas[node]["parent_id"]
            if node is not None and state.get(node) == 1:
                cycle = walk[walk.index(node) :]
                shown = " → ".join([*cycle, node])
                for member in cycle:
                    self.problem(
                        "areas", areas[member]["row"], "parent_id",
                        f"{_shown(areas[member]['parent_id'])} makes a cycle of parents: {shown}",
                    )  # fmt: skip
            for visited in walk:
                state[visited] = 2


def validate(raw: RawWorkbook) -> Workbook:
    """Typed records for every sheet; raises :class:`WorkbookError` listing every problem."""
    return _Validator(raw).run()


@no_gc()  # a national workbook is 400,000 records: see core.memory
def load_workbook(path: str | Path) -> Workbook:
    """Read and validate a workbook (folder, .zip or .xlsx)."""
    workbook = validate(read_workbook(path))
    workbook.checksum = checksum(Path(path))
    return workbook
