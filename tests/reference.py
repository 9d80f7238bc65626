"""A deliberately simple reference implementation, written from contract §3's words.

No cleverness: plain loops, every simple path enumerated, every person's departure
recomputed from scratch. Only for comparing against the real analyses on small
random networks.
"""

from __future__ import annotations

import itertools


def active(start, end, d) -> bool:
    return (start is None or start <= d) and (end is None or end >= d)


def coverage_reasons(areas, people, orgs, memberships, d) -> dict[str, str | None]:
    """area_id -> None (covered) or the reason; areas: {id: type}."""
    sector_of = {p["person_id"]: orgs.get(p.get("org_id")) for p in people}
    out = {}
    for area, kind in areas.items():
        if kind != "local_authority":
            continue
        reps = [m for m in memberships
                if m["role"] == "vcs_rep" and m.get("represents_area_id") == area]  # fmt: skip
        on = [m for m in reps if active(m.get("start_date"), m.get("end_date"), d)]
        if any(m["selection"] == "elected" and sector_of[m["person_id"]] == "vcs" for m in on):
            out[area] = None
        elif any(m["selection"] != "elected" for m in on):
            out[area] = "not_elected"
        elif any(m["selection"] == "elected" and sector_of[m["person_id"]] != "vcs" for m in on):
            out[area] = "not_vcs"
        elif any(m.get("end_date") is not None and m["end_date"] < d for m in reps):
            out[area] = "expired"
        elif any(m.get("start_date") is not None and m["start_date"] > d for m in reps):
            out[area] = "not_started"
        else:
            out[area] = "no_rep"
    return out


def _edges(lines, d):
    return {(ln["from_group_id"], ln["to_group_id"]) for ln in lines
            if active(ln.get("start_date"), ln.get("end_date"), d)}  # fmt: skip


def _staffed(edges, memberships, d):
    member = {}
    for m in memberships:
        if active(m.get("start_date"), m.get("end_date"), d):
            member.setdefault(m["group_id"], set()).add(m["person_id"])
    return {(a, b) for a, b in edges if member.get(a, set()) & member.get(b, set())}


def _reach(start, edges):
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        for a, b in edges:
            if a == node and b not in seen:
                seen.add(b)
                todo.append(b)
    return seen


def _connected(group, levels, edges):
    return any(
        levels[r] == "regional" and any(levels[n] == "national" for n in _reach(r, edges))
        for r in _reach(group, edges)
    )


def _simple_paths(start, goal, edges, path=None):
    path = path or [start]
    if (start == goal and len(path) > 1) or (start == goal and len(path) == 1 and False):
        yield path
        return
    for a, b in sorted(edges):
        if a == start and b not in path:
            if b == goal:
                yield [*path, b]
            else:
                yield from _simple_paths(b, goal, edges, [*path, b])


def flow(levels, lines, memberships, d):
    """(connected count, {group: (reason, unstaffed edges)}, {group: [spofs]})."""
    edges = _edges(lines, d)
    staffed = _staffed(edges, memberships, d)
    people = sorted({m["person_id"] for m in memberships})
    connected, broken, fragile = 0, {}, {}
    for group in sorted(g for g, lvl in levels.items() if lvl == "local"):
        if _connected(group, levels, staffed):
            connected += 1
            spofs = [
                p for p in people
                if not _connected(
                    group, levels,
                    _staffed(edges, [m for m in memberships if m["person_id"] != p], d),
                )
            ]  # fmt: skip
            if spofs:
                fragile[group] = spofs
        elif not _connected(group, levels, edges):
            broken[group] = ("no_route", None)
        else:
            on_routes = routes(group, levels, edges)
            broken[group] = (
                "unstaffed",
                sorted([a, b] for a, b in on_routes if (a, b) not in staffed),
            )
    return connected, broken, fragile


def routes(group, levels, edges) -> set[tuple[str, str]]:
    """Edges on some simple path group → regional r, or r → national, for every r that
    has both (staffing ignored)."""
    on_routes = set()
    regionals = [r for r in levels if levels[r] == "regional"]
    nationals = [n for n in levels if levels[n] == "national"]
    for r in regionals:
        second = [p for n in nationals for p in _simple_paths(r, n, edges)]
        if not second:
            continue
        first = list(_simple_paths(group, r, edges))
        if not first:
            continue
        for path in first + second:
            on_routes.update(itertools.pairwise(path))
    return on_routes


def active_edges(lines, d):
    """The (from, to) pairs of reporting lines active at ``d``."""
    return _edges(lines, d)
