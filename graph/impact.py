"""What an update does to the answers: the network before and after, compared.

:func:`impact` takes the network as it is (``before``) and as a workbook would make it
(``after``) and says, as of a date, which council areas gain or lose an elected VCS
rep, which local groups are cut off or reconnected, which become or stop being
fragile, and *because* of which change: a person leaving or joining a group, a
reporting line ending or starting, a rep's term ending or extended. ``before`` and
``after`` of the counts are the contract's ``areas_covered`` and ``connected``, so they
equal ``smp analyse`` before and after the load.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx

from core.memory import no_gc
from core.words import uk_date
from graph.coverage import area_status
from graph.flow import Routes, flow_graph, information_flow
from graph.model import (
    GROUP,
    ORGANISATION,
    PERSON,
    build_network,
    memberships,
    node_key,
    unchanged,
)
from graph.words import REASON_WORDS

__all__ = ["IMPACT_SHEETS", "impact", "impact_lines", "update_impact"]


def _name(G: nx.MultiDiGraph, label: str, id_: str) -> str:
    return (G.nodes.get(node_key(label, id_)) or {}).get("name") or id_


def _who(G: nx.MultiDiGraph, person_id: str, names: bool) -> str:
    if not names:
        return "a member"
    person = G.nodes.get(node_key(PERSON, person_id)) or {}
    org = _name(G, ORGANISATION, person["org_id"]) if person.get("org_id") else ""
    name = person.get("name") or person_id
    return f"{name} ({org})" if org else name


def _listed(items: list[str]) -> str:
    items = sorted(set(items))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _seats(G: nx.MultiDiGraph, as_of: dt.date) -> set[tuple[str, str]]:
    """(person id, group id) of every membership active at ``as_of``."""
    nodes = G.nodes
    return {(nodes[p]["id"], nodes[g]["id"]) for p, g, _k, _d in memberships(G, as_of)}


def _fragile(flow: dict) -> dict[str, list[str]]:
    return {f["group_id"]: f["single_points_of_failure"] for f in flow["fragile"]}


def impact(
    before: nx.MultiDiGraph, after: nx.MultiDiGraph, as_of: dt.date, names: bool = True
) -> dict:
    """The change in coverage and information flow at ``as_of`` from ``before`` to
    ``after``: ``as_of``; ``coverage`` (``before``, ``after``, areas ``gained`` and
    ``lost``); ``flow`` (``before``, ``after``, local groups ``cut_off`` and
    ``reconnected``); ``fragile`` (groups that ``new``-ly hang on one person, and those
    ``resolved``); and ``because``: one entry per change that did it, ``{"change",
    "record", "effect"}`` in words, worst first. Lists of ids are sorted; people are
    named only with ``names``.

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.model import build_network
    >>> def net(members):
    ...     return build_network({
    ...         "groups": [{"group_id": "L", "name": "Forum", "level": "local"},
    ...                    {"group_id": "R", "name": "Region", "level": "regional"},
    ...                    {"group_id": "N", "name": "Nation", "level": "national"}],
    ...         "people": [{"person_id": p, "name": p} for p in "PQ"],
    ...         "memberships": [{"person_id": p, "group_id": g, "role": "member"}
    ...                         for p, g in members],
    ...         "reporting_lines": [{"from_group_id": "L", "to_group_id": "R"},
    ...                             {"from_group_id": "R", "to_group_id": "N"}]})
    >>> old = net([("P", "L"), ("P", "R"), ("Q", "R"), ("Q", "N")])
    >>> new = net([("P", "L"), ("Q", "R"), ("Q", "N")])
    >>> found = impact(old, new, dt.date(2026, 9, 30))
    >>> found["flow"]["cut_off"], found["because"][0]["change"]
    (['L'], 'P leaves Region')
    """
    statuses, flows, graphs = {}, {}, {}
    for side, G in (("before", before), ("after", after)):
        with unchanged(G), no_gc():  # one scan of each network for all of this side
            statuses[side] = {r["area_id"]: r for r in area_status(G, as_of)}
            graphs[side] = flow_graph(G, as_of)
            flows[side] = information_flow(G, as_of, graphs[side])
    covered = {
        side: {a for a, r in rows.items() if r["covered"]} for side, rows in statuses.items()
    }
    broken = {side: {b["group_id"] for b in f["broken"]} for side, f in flows.items()}
    local = {side: {n for n, lv in graphs[side].nodes(data="level") if lv == "local"}
             for side in graphs}  # fmt: skip
    connected = {side: local[side] - broken[side] for side in local}
    cut_off = sorted(connected["before"] & (local["after"] - connected["after"]))
    gone = sorted(local["before"] - local["after"])  # no longer in the network at all
    reconnected = sorted(connected["after"] & (local["before"] - connected["before"]))
    fragile = {side: _fragile(f) for side, f in flows.items()}
    new_fragile = sorted(set(fragile["after"]) - set(fragile["before"]))
    resolved = sorted(g for g in set(fragile["before"]) - set(fragile["after"])
                      if g in connected["after"])  # fmt: skip
    gained = sorted(covered["after"] - covered["before"])
    lost = sorted(covered["before"] - covered["after"])
    because = _because_flow(before, after, graphs, cut_off, reconnected, as_of, names)
    because += _because_coverage(before, after, statuses, lost, gained, as_of, names)
    because += _because_fragile(after, fragile["after"], new_fragile, names)
    if gone:
        was_connected = [g for g in gone if g in connected["before"]]
        because.append({
            "change": f"{_count(len(gone), 'local group')} no longer in the workbook",
            "record": {"sheet": "groups", "group_ids": gone},
            "effect": (_listed([_name(before, GROUP, g) for g in gone]) if len(gone) <= 5
                       else ", ".join(sorted(_name(before, GROUP, g) for g in gone)[:5])
                       + f" and {len(gone) - 5} more")
                      + f" removed ({len(was_connected)} of them connected)",
            "worse": bool(was_connected), "groups": gone,
        })  # fmt: skip
    return {
        "as_of": as_of.isoformat(),
        "coverage": {"before": len(covered["before"]), "after": len(covered["after"]),
                     "gained": gained, "lost": lost},
        "flow": {"before": flows["before"]["connected"], "after": flows["after"]["connected"],
                 "cut_off": cut_off, "reconnected": reconnected, "removed": gone},
        "fragile": {"new": new_fragile, "resolved": resolved},
        "because": because,
    }  # fmt: skip


def _because_flow(
    before: nx.MultiDiGraph,
    after: nx.MultiDiGraph,
    graphs: dict[str, nx.DiGraph],
    cut_off: list[str],
    reconnected: list[str],
    as_of: dt.date,
    names: bool,
) -> list[dict]:
    """Each change that cut local groups off (or reconnected them): the carriers who
    left (joined) a group at one end of a line on their routes, the lines that ended
    (started)."""
    out = []
    for groups, old_side, new_side, worse in ((cut_off, "before", "after", True),
                                              (reconnected, "after", "before", False)):  # fmt: skip
        F_old, F_new = graphs[old_side], graphs[new_side]
        G_new = after if worse else before  # the side where the carrier is gone
        routes = Routes(F_old)
        seats: set[tuple[str, str]] | None = None  # made once, when first needed
        # change → (its record, the groups it cuts off, the line it was on)
        found: dict[str, tuple[dict, set[str], tuple[str, str]]] = {}
        for group in groups:
            for u, v in routes.edges(group):
                edge = F_old.edges[u, v]
                if not edge["staffed"]:
                    continue
                gone = edge["staffers"] - (F_new.edges[u, v]["staffers"]
                                           if F_new.has_edge(u, v) else frozenset())  # fmt: skip
                if F_new.has_edge(u, v) and F_new.edges[u, v]["staffed"]:
                    continue  # still carried: not what cut it off
                if not F_new.has_edge(u, v):
                    verb = "ends" if worse else "starts"
                    text = (f"The reporting line {_name(before, GROUP, u)} → "
                            f"{_name(before, GROUP, v)} {verb}")  # fmt: skip
                    record = {"sheet": "reporting_lines", "from_group_id": u, "to_group_id": v}
                    found.setdefault(text, (record, set(), (u, v)))[1].add(group)
                    continue
                if seats is None:  # every active seat: a scan of all memberships
                    seats = _seats(G_new, as_of)
                # The carriers who went (came), together: each alone may not have done it.
                parts, people = [], []
                for person in sorted(gone):
                    left = [g for g in (u, v) if (person, g) not in seats] or [v]
                    verb = "leaves" if worse else "joins"
                    where = _listed([_name(before, GROUP, g) for g in left])
                    parts.append(f"{_who(before, person, names)} {verb} {where}")
                    people.append({"person_id": person, "group_ids": left})
                text = "; ".join(parts)
                record = {"sheet": "memberships", "people": people}
                found.setdefault(text, (record, set(), (u, v)))[1].add(group)
        for text, (record, affected, (_u, v)) in sorted(found.items()):
            forums = _listed([_name(before, GROUP, g) for g in affected])
            what = "are" if len(affected) > 1 else "is"
            their = "their" if len(affected) > 1 else "its"
            target = _name(before, GROUP, v)
            effect = (
                f"{forums} {what} cut off: nobody carries {their} line to {target} any more"
                if worse
                else f"{forums} {what} heard again, through {target}"
            )
            out.append({"change": text, "record": record, "effect": effect,
                        "worse": worse, "groups": sorted(affected)})  # fmt: skip
    return out


def _because_coverage(
    before: nx.MultiDiGraph,
    after: nx.MultiDiGraph,
    statuses: dict[str, dict],
    lost: list[str],
    gained: list[str],
    as_of: dt.date,
    names: bool,
) -> list[dict]:
    out = []
    for area in lost:
        old, new = statuses["before"][area], statuses["after"].get(area)
        if new is None:  # the council is not in the workbook at all
            out.append({
                "change": f"{old['area_name']} is no longer in the workbook",
                "record": {"sheet": "areas", "area_id": area},
                "effect": f"{old['area_name']} is no longer counted, nor its elected VCS rep",
                "worse": True, "areas": [area],
            })  # fmt: skip
            continue
        rep = old["rep_person_id"]
        term = _term(after, rep, area, as_of)
        change = f"The seat of {_who(before, rep, names)} as {old['area_name']}'s VCS rep changes"
        if term is None:
            change = f"{_who(before, rep, names)} is no longer {old['area_name']}'s VCS rep"
        elif term["end"] is not None and term["end"] < as_of:
            change = (f"The term of {_who(before, rep, names)} as {old['area_name']}'s VCS rep "
                      f"now ends on {uk_date(term['end'])}")  # fmt: skip
        out.append({
            "change": change,
            "record": {"sheet": "memberships", "person_id": rep, "area_id": area},
            "effect": f"{old['area_name']} loses its elected VCS rep "
                      f"({REASON_WORDS.get(new['reason'], new['reason'])})",
            "worse": True, "areas": [area],
        })  # fmt: skip
    for area in gained:
        new = statuses["after"][area]
        rep = new["rep_person_id"]
        ends = f" until {uk_date(new['term_end'])}" if new["term_end"] else ""
        out.append({
            "change": f"{_who(after, rep, names)} is {new['area_name']}'s elected VCS rep{ends}",
            "record": {"sheet": "memberships", "person_id": rep, "area_id": area},
            "effect": f"{new['area_name']} gains an elected VCS rep",
            "worse": False, "areas": [area],
        })  # fmt: skip
    return out


def _term(G: nx.MultiDiGraph, person_id: str | None, area: str, as_of: dt.date) -> dict | None:
    """The person's latest-starting ``vcs_rep`` seat for ``area`` in ``G``."""
    if not person_id:
        return None
    seats = [d for p, _g, _k, d in memberships(G)
             if d.get("role") == "vcs_rep" and d.get("represents") == area
             and G.nodes[p]["id"] == person_id]  # fmt: skip
    return max(seats, key=lambda d: d["start"] or dt.date.min, default=None)


def _because_fragile(
    after: nx.MultiDiGraph, fragile: dict[str, list[str]], new: list[str], names: bool
) -> list[dict]:
    by_person: dict[str, list[str]] = defaultdict(list)
    for group in new:
        for person in fragile[group]:
            by_person[person].append(group)
    return [
        {"change": f"{_who(after, person, names)} is left as the only carrier",
         "record": {"sheet": "memberships", "person_id": person},
         "effect": f"{_listed([_name(after, GROUP, g) for g in groups])} "
                   f"{'hang' if len(groups) > 1 else 'hangs'} on one person",
         "worse": True, "groups": sorted(groups)}
        for person, groups in sorted(by_person.items())
    ]  # fmt: skip


def impact_lines(found: dict) -> list[str]:
    """The impact at one date for people, worse first: the counts, then each effect
    with the change that made it.

    >>> print("\\n".join(impact_lines({"as_of": "2026-09-30",
    ...     "coverage": {"before": 9, "after": 9}, "flow": {"before": 2, "after": 1},
    ...     "because": [{"worse": True, "effect": "L is cut off", "change": "P leaves R"}]})))
    As of 30 September 2026
      Council areas covered: 9 → 9 (no change)
      Local groups connected: 2 → 1 (1 fewer)
      Worse: L is cut off.
        Because: P leaves R.
    """
    cov, flow = found["coverage"], found["flow"]
    lines = [
        f"As of {uk_date(found['as_of'])}",
        f"  Council areas covered: {cov['before']} → {cov['after']} "
        f"({_moved(cov['after'] - cov['before'])})",
        f"  Local groups connected: {flow['before']} → {flow['after']} "
        f"({_moved(flow['after'] - flow['before'])})",
    ]
    for entry in sorted(found["because"], key=lambda e: not e["worse"]):
        lines.append(f"  {'Worse' if entry['worse'] else 'Better'}: {entry['effect']}.")
        lines.append(f"    Because: {entry['change']}.")
    if not found["because"]:
        lines.append("  Nothing else changes in coverage or information flow.")
    return lines


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _moved(by: int) -> str:
    if by == 0:
        return "no change"
    return f"{abs(by)} {'more' if by > 0 else 'fewer'}"


@no_gc()  # builds a national network: see core.memory
def update_impact(
    before: nx.MultiDiGraph,
    tables: Mapping[str, list[Mapping]],
    kept: Mapping[str, list[Mapping]] | None,
    dates: Iterable[dt.date],
    names: bool = True,
) -> list[dict]:
    """:func:`impact` of loading a workbook (``tables``, validated) into the network
    ``before``, at each of ``dates``. ``kept``: the records of the network the workbook
    lacks, by sheet, which a load without ``--replace`` keeps (None: the workbook
    replaces the network, as ``smp load --replace`` does)."""
    merged = {sheet: tables.get(sheet, []) for sheet in IMPACT_SHEETS}
    for sheet, records in (kept or {}).items():
        if sheet in merged:
            merged[sheet] = [*merged[sheet], *records]
    after = build_network(merged, ids=False)  # no id of it is shown
    # Each network scanned once for every date (graph.model.unchanged).
    with unchanged(before), unchanged(after):
        return [impact(before, after, day, names) for day in dates]


#: The sheets the answers compared here read (coverage and information flow do not
#: look at meetings, elections or group rules): the networks are built from these.
IMPACT_SHEETS = ("areas", "organisations", "people", "groups", "memberships", "reporting_lines")
