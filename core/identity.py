"""Ids of the records a workbook has no id column for: memberships and reporting lines.

A membership is identified by what a person would call the same seat (person, group,
role, start date), a reporting line by (from, to, kind, start date): extending a term
or ending a line changes the record, it does not make a new one. Rows identical in
every value are one record. Should two different rows share a seat (a workbook may
list two terms with one start date), each of them is identified by all its values
instead, so no workbook is ever rejected for it.

The loader stores the ids (``membershipId``, ``lineId``), the diff of a workbook
against the database compares by them, and :func:`graph.model.build_network` uses them
as edge keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import compress

__all__ = [
    "LINE_FIELDS",
    "LINE_KEY",
    "MEMBERSHIP_FIELDS",
    "MEMBERSHIP_KEY",
    "id_from_key",
    "line_ids",
    "membership_id",
    "membership_ids",
    "reporting_line_id",
    "rule_ids",
]

#: What makes a seat: the same seat in two workbooks is the same membership.
MEMBERSHIP_KEY = ("person_id", "group_id", "role", "start_date")
#: All the values of a membership row.
MEMBERSHIP_FIELDS = (
    "person_id", "group_id", "role", "represents_area_id", "selection", "start_date", "end_date",
)  # fmt: skip
LINE_KEY = ("from_group_id", "to_group_id", "kind", "start_date")
LINE_FIELDS = ("from_group_id", "to_group_id", "kind", "two_way", "start_date", "end_date")
#: What a group rule sets: the group (or kind of group), the rule and its sector. The
#: validator refuses a rule given twice for one target, so these identify it.
RULE_KEY = ("group_id", "kind", "rule", "sector")


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _digest(prefix: str, parts: Sequence[object]) -> str:
    joined = "\x1f".join(_text(p) for p in parts)
    return f"{prefix}-{hashlib.blake2b(joined.encode(), digest_size=10).hexdigest()}"


def _identities(
    records: Sequence, key: tuple[str, ...], fields: tuple[str, ...], getter=None
) -> list[tuple]:
    """What identifies each record: its key's values, or ``("*", all its values)`` where
    records with the same key differ. ``getter(names)`` gives a function of a record
    returning those values (by default, from records keyed by column name)."""
    key_of, values_of = (getter or _getter)(key), (getter or _getter)(fields)
    try:
        keys = list(map(key_of, records))
    except KeyError:  # records that leave blank columns out (small tables, tests)
        keys = [tuple(map(r.get, key)) for r in records]
    counts = Counter(keys)
    if len(counts) == len(keys):  # the usual case: every key once
        return keys

    def values(i: int) -> tuple:
        try:
            return values_of(records[i])
        except KeyError:
            return tuple(map(records[i].get, fields))

    # Only the records whose key comes more than once can differ from another.
    twice = {k for k, n in counts.items() if n > 1}
    repeated = list(compress(range(len(keys)), map(twice.__contains__, keys)))
    seen: dict[tuple, tuple] = {}
    varied: set[tuple] = set()
    for i in repeated:
        if seen.setdefault(keys[i], values(i)) != values(i):
            varied.add(keys[i])
    if not varied:
        return keys
    keys = list(keys)
    for i in repeated:
        if keys[i] in varied:
            keys[i] = ("*", *values(i))
    return keys


def _getter(fields: tuple[str, ...]):
    get = operator.itemgetter(*fields)
    return get if len(fields) > 1 else (lambda r: (get(r),))


def membership_keys(records: Sequence, getter=None) -> list[tuple]:
    """What identifies each membership (the values its id is made from); ``getter`` as
    for records that are not keyed by column name (see :func:`_identities`)."""
    return _identities(records, MEMBERSHIP_KEY, MEMBERSHIP_FIELDS, getter)


def line_keys(records: Sequence, getter=None) -> list[tuple]:
    """What identifies each reporting line (the values its id is made from)."""
    return _identities(records, LINE_KEY, LINE_FIELDS, getter)


def _ids(
    records: Sequence[Mapping], prefix: str, key: tuple[str, ...], fields: tuple[str, ...]
) -> list[str]:
    """One id per record: from its key, or from all its values where records with the
    same key differ."""
    return [_digest(prefix, k) for k in _identities(records, key, fields)]


#: The first letters of the ids of memberships and reporting lines.
_ID_PREFIX = {"memberships": "m", "reporting_lines": "r", "group_rules": "g"}


def id_from_key(sheet: str, key: tuple) -> str:
    """The id of the record of ``sheet`` that :func:`membership_keys` (or
    :func:`line_keys`) of its whole sheet gave ``key``: the same as
    :func:`membership_ids` (or :func:`line_ids`) gives it, for one record.

    >>> seat = {"person_id": "P", "group_id": "G", "role": "vcs_rep", "start_date": None}
    >>> [key] = membership_keys([seat])
    >>> id_from_key("memberships", key) == membership_ids([seat])[0]
    True
    """
    return _digest(_ID_PREFIX[sheet], key)


def membership_ids(records: Sequence[Mapping]) -> list[str]:
    """The id of each membership record (keyed like the workbook's columns).

    >>> import datetime as dt
    >>> seat = {"person_id": "P", "group_id": "G", "role": "vcs_rep", "start_date": None}
    >>> a, b = membership_ids([{**seat, "end_date": dt.date(2026, 3, 31)}, seat])
    >>> a != b  # two different rows for one seat: each by all its values
    True
    >>> membership_ids([{**seat, "end_date": dt.date(2027, 3, 31)}]) == membership_ids([seat])
    True
    """
    return _ids(records, _ID_PREFIX["memberships"], MEMBERSHIP_KEY, MEMBERSHIP_FIELDS)


def line_ids(records: Sequence[Mapping]) -> list[str]:
    """The id of each reporting line record; as :func:`membership_ids`."""
    return _ids(records, _ID_PREFIX["reporting_lines"], LINE_KEY, LINE_FIELDS)


def rule_ids(records: Sequence[Mapping]) -> list[str]:
    """The id of each group rule record (what it sets: :data:`RULE_KEY`).

    >>> [a] = rule_ids([{"group_id": "G", "kind": None, "rule": "members_min", "sector": None}])
    >>> a == id_from_key("group_rules", ("G", None, "members_min", None))
    True
    """
    return [_digest(_ID_PREFIX["group_rules"], [r.get(f) for f in RULE_KEY]) for r in records]


def membership_id(record: Mapping) -> str:
    """The id of a membership on its own (its seat): :func:`membership_ids` of a sheet
    that has no other row for the same seat."""
    return _digest(_ID_PREFIX["memberships"], [record.get(f) for f in MEMBERSHIP_KEY])


def reporting_line_id(record: Mapping) -> str:
    """The id of a reporting line on its own; as :func:`membership_id`."""
    return _digest(_ID_PREFIX["reporting_lines"], [record.get(f) for f in LINE_KEY])
