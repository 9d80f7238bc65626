"""What a workbook would change in the network: records added, changed and removed.

Records are matched by what identifies them: their id column, or, for memberships and
reporting lines, their seat (:mod:`core.identity`), so an extended term is one
change, not a removal and an addition. Every column of the format and every extra
column is compared. The comparison is made from the values, not from the ids stored
in the database, so a database loaded by an earlier version compares correctly too.

``smp diff`` reports what ``smp load --replace`` would do; ``smp load`` writes just
that (:func:`loader.write.write_workbook`).
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import compress, repeat

from core.identity import RULE_KEY, id_from_key, line_keys, membership_keys
from core.memory import no_gc
from core.words import uk_date
from loader.readback import Rows
from loader.spec import SHEETS, SHEETS_BY_NAME

__all__ = [
    "NetworkDiff", "SheetDiff", "change_in_words", "diff_tables", "identify", "tables_before",
]  # fmt: skip

Record = dict


@dataclass
class SheetDiff:
    """One sheet's changes: workbook records ``added``, ``(in the database, in the
    workbook)`` pairs ``changed``, database records ``removed``."""

    added: list[Record] = field(default_factory=list)
    changed: list[tuple[Record, Record]] = field(default_factory=list)
    removed: list[Record] = field(default_factory=list)
    unchanged: int = 0
    #: The names the database holds, by id (people and groups only), to describe the
    #: records removed.
    names: dict[str, str] = field(default_factory=dict)
    #: What identifies each record ``added`` or ``changed`` (the workbook's keys, as
    #: :func:`_keys` gives them): :func:`tables_before` takes these records out.
    touched: set = field(default_factory=set)

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "changed": len(self.changed),
                "removed": len(self.removed)}  # fmt: skip


@dataclass
class NetworkDiff:
    sheets: dict[str, SheetDiff]

    @property
    def empty(self) -> bool:
        return not any(d.added or d.changed or d.removed for d in self.sheets.values())

    def counts(self) -> dict[str, dict[str, int]]:
        """``{sheet: {"added": n, "changed": n, "removed": n}}`` for every sheet."""
        return {name: d.counts() for name, d in self.sheets.items()}

    def totals(self) -> dict[str, int]:
        totals = {"added": 0, "changed": 0, "removed": 0}
        for counts in self.counts().values():
            for kind, n in counts.items():
                totals[kind] += n
        return totals

    def records(self, names: Mapping[str, Mapping[str, str]] | None = None) -> list[dict]:
        """One entry per changed record, sheet by sheet: ``sheet``, ``id``, ``change``,
        ``name`` (where the sheet has names, when ``names`` gives them) and, for a
        change, ``fields``: each changed column's ``[old, new]``."""
        out = []
        for sheet, diff in self.sheets.items():
            for kind, items in (("added", diff.added), ("changed", diff.changed),
                                ("removed", diff.removed)):  # fmt: skip
                for item in items:
                    old, new = item if kind == "changed" else (item, item)
                    entry = {"sheet": sheet, "id": identify(sheet, new), "change": kind}
                    name = describe(sheet, new, names)
                    if name:
                        entry["name"] = name
                    if kind == "changed":
                        entry["fields"] = {
                            column: [_shown(old.get(column)), _shown(new.get(column))]
                            for column in changed_fields(sheet, old, new)
                        }
                    out.append(entry)
        return out


def tables_before(
    tables: Mapping[str, list[Record]], diff: NetworkDiff, sheets: Iterable[str] | None = None
) -> dict[str, list[Record]]:
    """The records the database held when ``diff`` (:func:`diff_tables` of ``tables``,
    a validated workbook's) was made, without reading it again: the workbook's records
    less those added or changed, with the database's side of each change and every
    record removed. ``sheets`` limits it to those (default: every sheet of the diff).

    Each record holds the columns the diff compares, so the network built from them
    gives the answers the database's gives (``smp diff`` says what an update does from
    it: :func:`graph.impact.update_impact`).

    >>> people = [{"person_id": "P-1", "name": "Ann"}, {"person_id": "P-2", "name": "Bo"}]
    >>> held = [{"person_id": "P-1", "name": "Ann"}, {"person_id": "P-3", "name": "Cy"}]
    >>> found = diff_tables({"people": held}, {"people": people})
    >>> tables_before({"people": people}, found, ["people"]) == {"people": held}
    True
    """
    out = {}
    for sheet in diff.sheets if sheets is None else sheets:
        d = diff.sheets.get(sheet) or SheetDiff()
        records = list(tables.get(sheet, ()))
        if d.touched:
            keys = _keys(sheet, records, _RECORDS)
            records = [r for r, key in zip(records, keys, strict=True) if key not in d.touched]
        out[sheet] = [*records, *(old for old, _new in d.changed), *d.removed]
    return out


def _shown(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _shown(v) for k, v in sorted(value.items())}
    return value


_ID = {"memberships": "membership_id", "reporting_lines": "line_id", "group_rules": "rule_id",
       "attendance": None}  # fmt: skip


def identify(sheet: str, record: Mapping) -> str:
    """The id a record is reported under: its id column, its seat id, or for attendance
    ``meeting_id/person_id``."""
    return _identifier(sheet)(record)


def _identifier(sheet: str) -> Callable[[Mapping], str]:
    """:func:`identify` for one sheet, as a function of the record (for whole tables)."""
    if sheet == "attendance":
        return lambda record: f"{record['meeting_id']}/{record['person_id']}"
    column = _ID.get(sheet) or SHEETS_BY_NAME[sheet].key
    return lambda record: str(record[column])


def describe(sheet: str, record: Mapping, names: Mapping | None) -> str | None:
    """A record in words, from ``names`` (``{"people": {id: name}, "groups": ...}``)."""
    if names is None:
        return None
    people, groups = names.get("people", {}), names.get("groups", {})
    if sheet in ("areas", "organisations", "people", "groups"):
        return record.get("name")
    if sheet == "memberships":
        who = people.get(record["person_id"], record["person_id"])
        group = groups.get(record["group_id"], record["group_id"])
        return f"{who}: {(record.get('role') or '').replace('_', ' ')}, {group}"
    if sheet == "reporting_lines":
        return (f"{groups.get(record['from_group_id'], record['from_group_id'])} → "
                f"{groups.get(record['to_group_id'], record['to_group_id'])}")  # fmt: skip
    if sheet == "meetings":
        return f"{groups.get(record['group_id'], record['group_id'])}, {record.get('date')}"
    if sheet == "elections":
        return (
            f"VCS rep election for {record.get('area_id')}, opened {record.get('nominations_open')}"
        )
    if sheet == "group_rules":
        target = groups.get(record.get("group_id"), record.get("group_id")) or record.get("kind")
        return f"{target}: {(record.get('rule') or '').replace('_', ' ')}"
    return people.get(record.get("person_id"), record.get("person_id"))


_COLUMNS = {sheet.name: tuple(c.name for c in sheet.columns) for sheet in SHEETS}
_VALUES = {name: operator.itemgetter(*columns) for name, columns in _COLUMNS.items()}

#: Each column's kind (loader/spec.py), by name: a name has one kind but for ids.
_KINDS = {c.name: c.kind for sheet in SHEETS for c in sheet.columns}


def _value_in_words(column: str | None, value: object) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "(blank)"
    if _KINDS.get(column) == "date":
        return uk_date(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def change_in_words(column: str, old: object, new: object) -> str:
    """One changed field of :meth:`NetworkDiff.records` as people read it: the column
    in words, dates as UK dates, blanks said.

    >>> change_in_words("end_date", "2025-10-31", "2027-03-31")
    'end date: 31 October 2025 → 31 March 2027'
    >>> change_in_words("represents_area_id", None, "E06000001")
    'represents area id: (blank) → E06000001'
    >>> change_in_words("extra", {"jobTitle": "Officer", "team": "A"},
    ...                 {"jobTitle": "Lead", "team": "A"})
    'job title: Officer → Lead'
    """
    if column == "extra":  # the workbook's own columns, each said as its header reads
        old, new = old or {}, new or {}
        return "; ".join(
            f"{_header(k)}: {_value_in_words(None, old.get(k))} → "
            f"{_value_in_words(None, new.get(k))}"
            for k in sorted({*old, *new}) if old.get(k) != new.get(k)
        )  # fmt: skip
    name = column.replace("_", " ")
    return f"{name}: {_value_in_words(column, old)} → {_value_in_words(column, new)}"


def _header(prop: str) -> str:
    """An extra column's property as words, as its header most likely read: ``jobTitle``
    → ``job title``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", prop).lower()


def changed_fields(sheet: str, old: Mapping, new: Mapping) -> list[str]:
    """The columns (and ``extra``) whose values differ between two versions of a record."""
    columns = _COLUMNS[sheet]
    try:
        same = _VALUES[sheet](old) == _VALUES[sheet](new)  # the usual case, found quickly
    except KeyError:
        same = False
    differ = [] if same else [c for c in columns if _same(old.get(c)) != _same(new.get(c))]
    if not _same_extra(old, new):
        differ.append("extra")
    return differ


def _same_extra(old: Mapping, new: Mapping) -> bool:
    old_extra, new_extra = old.get("extra") or {}, new.get("extra") or {}
    return old_extra == new_extra or dict(old_extra) == dict(new_extra)


def _unchanged(values: operator.itemgetter, old: Mapping, new: Mapping) -> bool:
    """The usual case, found without looking column by column: every value and the
    extra columns equal as they are (anything else goes to :func:`changed_fields`)."""
    try:
        return values(old) == values(new) and _same_extra(old, new)
    except KeyError:
        return False


def _same(value: object) -> object:
    """Values as compared: lists as tuples, blank text as None."""
    if isinstance(value, list):
        return tuple(value)
    if value == "":
        return None
    return value


@dataclass(frozen=True)
class _Side:
    """How to read one side's records: dicts keyed by column (a workbook's, or
    :func:`loader.readback.read_tables`'), or the lists of :class:`Rows`."""

    #: A function of a record giving the values of the columns named.
    fields: Callable[..., Callable]
    #: A function of a record giving its extra columns (a map, or None).
    extra: Callable
    #: A record as a dict keyed by column.
    record: Callable[[object], Record]


def _by_name(*names: str) -> Callable:
    return operator.itemgetter(*names)


_RECORDS = _Side(_by_name, operator.methodcaller("get", "extra"), lambda record: record)


def _side(table: Rows) -> _Side:
    at = {column: i for i, column in enumerate(table.columns)}
    extra = operator.itemgetter(at["extra"]) if "extra" in at else (lambda row: None)
    return _Side(lambda *names: operator.itemgetter(*(at[n] for n in names)), extra,
                 table.record)  # fmt: skip


def _keys(sheet: str, records: list, side: _Side) -> list:
    if sheet == "memberships":
        return membership_keys(records, None if side is _RECORDS else _fields(side))
    if sheet == "reporting_lines":
        return line_keys(records, None if side is _RECORDS else _fields(side))
    if sheet == "attendance":
        return list(map(side.fields("meeting_id", "person_id"), records))
    if sheet == "group_rules":
        return list(map(side.fields(*RULE_KEY), records))
    return list(map(str, map(side.fields(SHEETS_BY_NAME[sheet].key), records)))


def _fields(side: _Side) -> Callable:
    return lambda names: side.fields(*names)


def _keyed(
    sheet: str, records: list, side: _Side = _RECORDS, stored: bool = False
) -> dict[object, object] | None:
    """The records by what identifies them. None for rows (not dicts) where one record
    comes twice: see :func:`_diff_sheet`. Identical rows are one record, their extra
    columns combined; but records the database holds (``stored``) under different
    ids are two, however alike (a seat listed twice, then once, leaves such copies).
    Of those, the one whose id is the key's own (:func:`core.identity.id_from_key`)
    keeps the key, whatever order they were read in; the others are keyed apart,
    match nothing, and are removed with --replace."""
    keys = _keys(sheet, records, side)
    out = dict(zip(keys, records, strict=True))
    if len(out) == len(records):  # the usual case: every key once
        return out
    if side is not _RECORDS:
        return None
    out = {}
    for key, record in zip(keys, records, strict=True):
        if key in out and stored and _stored_id(out[key]) != _stored_id(record):
            if _stored_id(record) == id_from_key(sheet, key):  # the key's own record
                out[(key, "copy", len(out))], out[key] = out[key], record
                continue
            key = (key, "copy", len(out))
        elif key in out:  # identical rows are one record; their extra columns combined
            extra = {**(out[key].get("extra") or {}), **(record.get("extra") or {})}
            record = {**record, "extra": extra}
        out[key] = record
    return out


def _stored_id(record: Mapping) -> object:
    return record.get("membership_id", record.get("line_id", record.get("rule_id")))


def diff_tables(
    current: Mapping[str, list[Record]],
    wanted: Mapping[str, list[Record]],
    ids: bool = False,
    sheets: Iterable[str] | None = None,
) -> NetworkDiff:
    """The difference between the records in the database (``current``,
    ``graph.read.read_tables(..., extras=True)``) and a workbook's (``wanted``).

    The database's records keep the ids it stores (``membership_id``, ``line_id``), so
    the writer finds a changed or removed one even when an earlier version stored
    another kind of id. With ``ids``, the workbook's memberships and reporting lines
    that the writer sends (added or changed) are given their ids
    (:func:`core.identity.id_from_key`) where they have none; the rest need none, and
    making them for a national workbook takes a second. ``sheets`` compares only those
    (the caller compares the others elsewhere: see
    :func:`loader.write.diff_with_database`).

    Examples
    --------
    >>> old = {"people": [{"person_id": "P", "name": "Ann", "org_id": None}]}
    >>> new = {"people": [{"person_id": "P", "name": "Ann Lee", "org_id": None},
    ...                   {"person_id": "Q", "name": "Bo", "org_id": None}]}
    >>> d = diff_tables(old, new)
    >>> d.counts()["people"], [r["fields"] for r in d.records() if r["change"] == "changed"]
    ({'added': 1, 'changed': 1, 'removed': 0}, [{'name': ['Ann', 'Ann Lee']}])
    """
    # The workbook's side first (while the first table may still be being read), then
    # each sheet in the order ``current`` gives them, so that tables still arriving
    # from the database (loader.readback.Arriving) are compared as they come.
    chosen = set(SHEETS_BY_NAME if sheets is None else sheets)
    order = [sheet for sheet in dict.fromkeys([*current, *SHEETS_BY_NAME]) if sheet in chosen]
    with no_gc():  # hundreds of thousands of small tuples: nothing for the collector to free
        workbook = {sheet: _Wanted.of(sheet, list(wanted.get(sheet, []))) for sheet in order}
        diffs = {sheet: _diff_sheet(sheet, current.get(sheet, []), workbook[sheet])
                 for sheet in order}  # fmt: skip
        if ids:
            for sheet in ("memberships", "reporting_lines", "group_rules"):
                if sheet in diffs:
                    _give_ids(sheet, workbook[sheet], diffs[sheet])
    return NetworkDiff({sheet.name: diffs[sheet.name] for sheet in SHEETS if sheet.name in diffs})


def _give_ids(sheet: str, wanted: _Wanted, diff: SheetDiff) -> None:
    """Give each record of the workbook that ``diff`` adds or changes its id, from the
    key it was matched by (the key its whole sheet gives it), unless it has one."""
    column = _ID[sheet]
    sent = [*diff.added, *(new for _old, new in diff.changed)]
    needed = {id(record) for record in sent if column not in record}
    if needed:
        for key, record in wanted.by_key.items():
            if id(record) in needed:
                record[column] = id_from_key(sheet, key)


@dataclass(frozen=True)
class _Wanted:
    """One sheet of the workbook, ready to be compared: its records by key, and each
    record's values and extra columns."""

    by_key: dict[object, Record]
    values: list[tuple]
    extras: list

    @classmethod
    def of(cls, sheet: str, records: list[Record]) -> _Wanted:
        by_key = _keyed(sheet, records)
        news = by_key.values()
        try:
            values = list(map(_by_name(*_COLUMNS[sheet]), news))
        except KeyError:  # records that leave blank columns out (tests, small tables)
            values = [None] * len(by_key)  # each compared by changed_fields
        return cls(by_key, values, list(map(_RECORDS.extra, news)))


class _Absent:
    """Stands in for a record missing from the database: every value of it is itself,
    equal to nothing else."""

    def __getitem__(self, key: object) -> _Absent:
        return self

    def get(self, key: object, default: object = None) -> object:
        return default


_ABSENT = _Absent()


def _diff_sheet(name: str, table: list | Rows, wanted: _Wanted) -> SheetDiff:
    before = None
    if isinstance(table, Rows):
        side = _side(table)
        before = _keyed(name, table.rows, side)
        if before is None:  # one record twice in the database (rare): compared as dicts
            table = table.records()
    if before is None:
        side = _RECORDS
        before = _keyed(name, list(table), stored=True)
    after = wanted.by_key
    diff = SheetDiff()
    olds = list(map(before.get, after, repeat(_ABSENT)))
    same = _plainly_same(side, _COLUMNS[name], olds, wanted)
    diff.unchanged = same.count(True)
    values, news, keys = _VALUES[name], list(after.values()), list(after)
    for i in compress(range(len(news)), map(operator.not_, same)):  # the few others
        old, record = olds[i], news[i]
        if old is _ABSENT:
            diff.added.append(record)
            diff.touched.add(keys[i])
            continue
        old = side.record(old)
        if _unchanged(values, old, record) or not changed_fields(name, old, record):
            diff.unchanged += 1
        else:
            diff.changed.append((old, record))
            diff.touched.add(keys[i])
    if len(before) > len(after) - len(diff.added):  # some not matched: removed
        gone = map(operator.not_, map(after.__contains__, before))
        diff.removed = list(map(side.record, compress(before.values(), gone)))
    if name in ("people", "groups"):
        named = operator.methodcaller("get", "name") if side is _RECORDS else side.fields("name")
        diff.names = dict(zip(before, map(named, before.values()), strict=True))
    return diff


def _plainly_same(side: _Side, columns: tuple[str, ...], olds: list, wanted: _Wanted) -> list[bool]:
    """For each pair, whether every column's value and the extra columns are equal as
    they are: most of a quarterly update, found in a few C loops with no Python code
    per record. False where a record is missing or leaves a column out; those
    records are compared by :func:`changed_fields`."""
    equal = map(operator.eq, map(side.fields(*columns), olds), wanted.values)
    same_extra = map(operator.eq, map(side.extra, olds), wanted.extras)
    try:
        return list(map(operator.and_, equal, same_extra))
    except KeyError:  # records that leave blank columns out (tests, small tables)
        return [False] * len(olds)
