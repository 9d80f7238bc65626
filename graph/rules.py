"""Groups against their own rules (contract §5): terms of reference as checks.

A rule of ``group_rules.csv`` names a group, or a kind of group (then it applies to
every group of that kind); where both set the same rule for a group (for
``sector_min``: the same sector), the group's own wins. Without any rules, the seeds'
defaults apply where the workbook records meetings: a ``strategic_group`` meets at
least 3 times a year, a ``partnership_board`` at least 4 (:data:`DEFAULT_RULES`).

*Members* are the people with an active membership at D other than ``secretariat``
and ``observer``, each counted once. The rules:

=========================  ===================================================
``meetings_min``           meetings of the group held in the 12 months up to D
``members_min``            at least this many members
``members_max``            at most this many members
``sector_min``             at least this many members from organisations of a sector
``councillors_min``        at least this many members who are councillors
``each_dispersal_council`` every dispersal council within the group's area has a
                           member from an organisation based there who is a
                           councillor or whose organisation is ``local_government``
``chair_sector``           the active chair works for an organisation of this sector
``party_max_share``        no party holds more than this percent of the councillor
                           members
=========================  ===================================================
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx

from graph.coverage import area_contains
from graph.engagement import window
from graph.model import (
    AREA,
    GROUP,
    MEETING,
    ORGANISATION,
    memberships,
    node_key,
    nodes_of,
)

__all__ = [
    "DEFAULT_RULES", "NOT_MEMBERS", "applied_rules", "dispersal_councils", "group_rules",
    "members_at",
]  # fmt: skip

DEFAULT_RULES: tuple[dict, ...] = (
    {"group_id": None, "kind": "strategic_group", "rule": "meetings_min", "sector": None,
     "value": 3},
    {"group_id": None, "kind": "partnership_board", "rule": "meetings_min", "sector": None,
     "value": 4},
)  # fmt: skip
#: Roles that do not make a member for the rules.
NOT_MEMBERS = frozenset({"secretariat", "observer"})


def applied_rules(G: nx.MultiDiGraph) -> list[tuple[str, dict]]:
    """``(group_id, rule)`` for every rule that applies to a group, the group's own
    winning over its kind's; the defaults when the network has no rules and records
    meetings."""
    rules = list(G.graph.get("group_rules") or ())
    if not rules and any(True for _ in nodes_of(G, MEETING)):
        rules = list(DEFAULT_RULES)
    kinds: dict[str, list[str]] = defaultdict(list)
    for _key, data in nodes_of(G, GROUP):
        kinds[data.get("kind")].append(data["id"])
    chosen: dict[tuple, tuple[bool, dict]] = {}
    for rule in rules:
        own = rule.get("group_id") is not None
        targets = [rule["group_id"]] if own else kinds.get(rule.get("kind"), [])
        sector = rule.get("sector") if rule["rule"] == "sector_min" else None
        for group_id in targets:
            if node_key(GROUP, group_id) not in G:
                continue
            identity = (group_id, rule["rule"], sector)
            if identity not in chosen or (own and not chosen[identity][0]):
                chosen[identity] = (own, rule)
    return [(identity[0], rule) for identity, (_own, rule) in chosen.items()]


def members_at(G: nx.MultiDiGraph, as_of: dt.date) -> dict[str, set[str]]:
    """Group key → the person keys of its members at ``as_of`` (see the module)."""
    members: dict[str, set[str]] = defaultdict(set)
    for person, group, _key, data in memberships(G, as_of):
        if data.get("role") not in NOT_MEMBERS:
            members[group].add(person)
    return members


def group_rules(G: nx.MultiDiGraph, as_of: dt.date) -> list[dict]:
    """The contract's ``group_rules`` list at ``as_of``: one entry per rule that
    applies to a group, ``{"group_id", "rule", "expected", "actual", "holds"}``, sorted
    by group then rule (then sector), with ``sector`` for ``sector_min``, ``by``
    (``group`` or ``kind``: where the rule was set) and, for
    ``each_dispersal_council``, the councils ``missing`` a member.

    ``expected`` is the rule's value; ``actual`` what the network has: a count, the
    chair's sector (None without a chair), the largest party's share in percent (0
    without councillors) or, for ``each_dispersal_council``, whether every dispersal
    council has a member.

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.model import build_network
    >>> G = build_network({
    ...     "groups": [{"group_id": "G", "name": "Board", "level": "regional"}],
    ...     "people": [{"person_id": "P", "name": "Ann"}],
    ...     "memberships": [{"person_id": "P", "group_id": "G", "role": "chair"}],
    ...     "group_rules": [{"group_id": "G", "kind": None, "rule": "members_min",
    ...                      "sector": None, "value": 2}]})
    >>> group_rules(G, dt.date(2026, 9, 30))  # doctest: +NORMALIZE_WHITESPACE
    [{'group_id': 'G', 'rule': 'members_min', 'expected': 2, 'actual': 1, 'holds': False,
      'by': 'group'}]
    """
    applied = applied_rules(G)
    if not applied:
        return []
    members = members_at(G, as_of)
    meetings = _meetings_in_window(G, as_of) if any(r["rule"] == "meetings_min"
                                                    for _g, r in applied) else {}  # fmt: skip
    chairs: dict[str, list[str]] = defaultdict(list)
    for person, group, _key, data in memberships(G, as_of):
        if data.get("role") == "chair":
            chairs[group].append(person)
    out = []
    for group_id, rule in applied:
        group = node_key(GROUP, group_id)
        entry = _check(G, group, rule, members.get(group, set()), meetings.get(group, 0),
                       chairs.get(group, []))  # fmt: skip
        entry = {"group_id": group_id, "rule": rule["rule"], **entry,
                 "by": "group" if rule.get("group_id") else "kind"}  # fmt: skip
        if rule["rule"] == "sector_min":
            entry["sector"] = rule.get("sector")
        out.append(entry)
    return sorted(out, key=lambda e: (e["group_id"], e["rule"], e.get("sector") or ""))


def _meetings_in_window(G: nx.MultiDiGraph, as_of: dt.date) -> Counter:
    start, end = window(as_of)
    held: Counter = Counter()
    for _key, data in nodes_of(G, MEETING):
        day = data.get("date")
        if day is not None and start <= day <= end:
            held[node_key(GROUP, data["group_id"])] += 1
    return held


def _sector(G: nx.MultiDiGraph, person: str) -> str | None:
    org_id = G.nodes[person].get("org_id")
    org = G.nodes.get(node_key(ORGANISATION, org_id)) if org_id else None
    return org.get("sector") if org else None


def _check(
    G: nx.MultiDiGraph,
    group: str,
    rule: Mapping,
    members: set[str],
    meetings: int,
    chairs: list[str],
) -> dict:
    """``expected``, ``actual`` and ``holds`` (and ``missing``) of one rule for one group."""
    name, value = rule["rule"], rule["value"]
    if name == "meetings_min":
        return _at_least(value, meetings)
    if name == "members_min":
        return _at_least(value, len(members))
    if name == "members_max":
        return {"expected": value, "actual": len(members), "holds": len(members) <= value}
    if name == "sector_min":
        return _at_least(value, sum(_sector(G, p) == rule.get("sector") for p in members))
    if name == "councillors_min":
        return _at_least(value, sum(bool(G.nodes[p].get("councillor")) for p in members))
    if name == "chair_sector":
        sectors = [_sector(G, p) for p in sorted(chairs, key=lambda p: G.nodes[p]["id"])]
        actual = value if value in sectors else (sectors[0] if sectors else None)
        return {"expected": value, "actual": actual, "holds": value in sectors}
    if name == "party_max_share":
        councillors = [p for p in members if G.nodes[p].get("councillor")]
        parties = Counter(G.nodes[p].get("party") for p in councillors if G.nodes[p].get("party"))
        largest = max(parties.values(), default=0)
        share = 100 * largest / len(councillors) if councillors else 0
        return {"expected": value, "actual": share,
                "holds": largest * 100 <= value * len(councillors)}  # fmt: skip
    if name == "each_dispersal_council":
        missing = _councils_missing(G, group, members) if value else []
        return {"expected": value, "actual": not missing, "holds": not missing,
                "missing": missing}  # fmt: skip
    raise ValueError(f"unknown rule {name!r}")


def _at_least(value: int, actual: int) -> dict:
    return {"expected": value, "actual": actual, "holds": actual >= value}


def dispersal_councils(G: nx.MultiDiGraph, within: str | None) -> list[str]:
    """The ids of dispersal councils within area ``within`` (all of them when None)."""
    return sorted(
        data["id"]
        for _key, data in nodes_of(G, AREA)
        if data.get("type") == "local_authority"
        and data.get("dispersal")
        and (within is None or area_contains(G, within, data["id"]))
    )


def _councils_missing(G: nx.MultiDiGraph, group: str, members: Iterable[str]) -> list[str]:
    """The dispersal councils within the group's area with no member from an
    organisation based there who is a councillor or works for ``local_government``."""
    present = set()
    for person in members:
        org_id = G.nodes[person].get("org_id")
        org = G.nodes.get(node_key(ORGANISATION, org_id)) if org_id else None
        if org is None or org.get("area_id") is None:
            continue
        if G.nodes[person].get("councillor") or org.get("sector") == "local_government":
            present.add(org["area_id"])
    councils = dispersal_councils(G, G.nodes[group].get("area_id"))
    return [c for c in councils if c not in present]  # nothing lies below a council
