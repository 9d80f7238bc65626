"""Property-based tests: the analyses agree with tests/reference.py on random networks."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.coverage import coverage
from graph.flow import (
    Routes,
    Staffing,
    connected_groups,
    flow_graph,
    information_flow,
    route_edges,
    single_points_of_failure,
)
from graph.model import build_network
from tests import reference

D = dt.date(2026, 9, 30)
dates = st.one_of(st.none(), st.sampled_from([D + dt.timedelta(days=k) for k in (-2, -1, 0, 1, 2)]))


@st.composite
def period(draw):
    start, end = draw(dates), draw(dates)
    if start and end and end < start:
        start, end = end, start
    return {"start_date": start, "end_date": end}


@st.composite
def coverage_networks(draw):
    areas = {f"A{i}": draw(st.sampled_from(["local_authority", "local_authority", "region"]))
             for i in range(draw(st.integers(1, 3)))}  # fmt: skip
    orgs = {f"O{i}": draw(st.sampled_from(["vcs", "health", "local_government"])) for i in range(3)}
    people = [{"person_id": f"P{i}", "org_id": draw(st.sampled_from([None, *orgs]))}
              for i in range(draw(st.integers(1, 4)))]  # fmt: skip
    las = [a for a, kind in areas.items() if kind == "local_authority"] or [None]
    memberships = [
        {"person_id": draw(st.sampled_from([p["person_id"] for p in people])),
         "group_id": "G", "role": draw(st.sampled_from(["vcs_rep", "vcs_rep", "member"])),
         "represents_area_id": draw(st.sampled_from(las)),
         "selection": draw(st.sampled_from(["elected", "elected", "nominated", "co_opted"])),
         **draw(period())}
        for _ in range(draw(st.integers(0, 6)))
    ]  # fmt: skip
    memberships = [m for m in memberships if m["represents_area_id"] or m["role"] != "vcs_rep"]
    return areas, orgs, people, memberships


@settings(max_examples=300, deadline=None)
@given(coverage_networks())
def test_coverage_matches_reference(network):
    areas, orgs, people, memberships = network
    G = build_network({
        "areas": [{"area_id": a, "name": a, "type": t} for a, t in areas.items()],
        "organisations": [{"org_id": o, "name": o, "sector": s} for o, s in orgs.items()],
        "people": [dict(p, name=p["person_id"]) for p in people],
        "groups": [{"group_id": "G", "name": "G", "level": "regional"}],
        "memberships": memberships,
    })  # fmt: skip
    expected = reference.coverage_reasons(areas, people, orgs, memberships, D)
    result = coverage(G, D)
    assert result["areas_total"] == len(expected)
    assert result["areas_covered"] == sum(r is None for r in expected.values())
    assert {g["area_id"]: g["reason"] for g in result["gaps"]} == {
        a: r for a, r in expected.items() if r is not None
    }


@st.composite
def flow_networks(draw):
    n = draw(st.integers(2, 7))
    levels = {f"G{i}": draw(st.sampled_from(["local", "local", "sub_regional", "regional",
                                             "national"])) for i in range(n)}  # fmt: skip
    groups = sorted(levels)
    pairs = [(a, b) for a in groups for b in groups if a != b]
    lines = [
        {"from_group_id": a, "to_group_id": b, **draw(period())}
        for a, b in draw(st.lists(st.sampled_from(pairs), max_size=14))
    ]
    people = [f"P{i}" for i in range(draw(st.integers(1, 4)))]
    memberships = [
        {"person_id": draw(st.sampled_from(people)), "group_id": draw(st.sampled_from(groups)),
         "role": "member", **draw(period())}
        for _ in range(draw(st.integers(0, 22)))
    ]  # fmt: skip
    return levels, lines, memberships


@st.composite
def chained_flow_networks(draw):
    """A local → sub-regional → regional → national chain plus random extras: mostly
    connected, so single points of failure get exercised."""
    levels, lines, memberships = draw(flow_networks())
    levels.update(CL="local", CS="sub_regional", CR="regional", CN="national")
    lines += [{"from_group_id": a, "to_group_id": b} for a, b in
              (("CL", "CS"), ("CS", "CR"), ("CR", "CN"))]  # fmt: skip
    people = draw(st.lists(st.sampled_from(["P0", "P1", "P2"]), min_size=1, max_size=3))
    for a, b in (("CL", "CS"), ("CS", "CR"), ("CR", "CN")):
        for person in draw(st.lists(st.sampled_from(people), min_size=1, max_size=2)):
            memberships += [{"person_id": person, "group_id": g, "role": "member"} for g in (a, b)]
    return levels, lines, memberships


def _flow_network_graph(levels, lines, memberships):
    return build_network({
        "groups": [{"group_id": g, "name": g, "level": lvl} for g, lvl in levels.items()],
        "people": [{"person_id": p, "name": p} for p in {m["person_id"] for m in memberships}],
        "memberships": memberships,
        "reporting_lines": lines,
    })  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.one_of(flow_networks(), chained_flow_networks()))
def test_flow_matches_reference(network):
    levels, lines, memberships = network
    G = _flow_network_graph(levels, lines, memberships)
    connected, broken, fragile = reference.flow(levels, lines, memberships, D)
    result = information_flow(G, D)
    assert result["local_groups_total"] == sum(lvl == "local" for lvl in levels.values())
    assert result["connected"] == connected
    assert {b["group_id"]: (b["reason"], b.get("unstaffed_edges")) for b in result["broken"]} == (
        broken
    )
    assert {f["group_id"]: f["single_points_of_failure"] for f in result["fragile"]} == fragile


@settings(max_examples=300, deadline=None)
@given(st.one_of(flow_networks(), chained_flow_networks()))
def test_route_edges_match_reference_and_shared_searches_change_nothing(network):
    levels, lines, memberships = network
    G = _flow_network_graph(levels, lines, memberships)
    F = flow_graph(G, D)
    shared = Routes(F)
    edges = reference.active_edges(lines, D)
    staffing = Staffing(F)
    connected = connected_groups(F)
    for group in sorted(g for g, lvl in levels.items() if lvl == "local"):
        expected = reference.routes(group, levels, edges)
        assert route_edges(F, group) == expected
        assert route_edges(F, group, shared) == expected
        if group in connected:
            spofs = single_points_of_failure(F, group)
            assert single_points_of_failure(F, group, staffing) == spofs


@settings(max_examples=200, deadline=None)
@given(st.one_of(flow_networks(), chained_flow_networks()), coverage_networks())
def test_analyse_equals_the_analyses_run_one_by_one(flow_net, coverage_net):
    # analyse() scans the graph once and builds the flow graph once for all its
    # analyses; the answers must be those of the public functions called alone.
    from graph.analyse import analyse
    from graph.coverage import coverage_warnings
    from graph.flow import downward_flow
    from graph.sectors import sector_balance

    levels, lines, memberships = flow_net
    areas, orgs, people, reps = coverage_net
    tables = {
        "areas": [{"area_id": a, "name": a, "type": t} for a, t in areas.items()],
        "organisations": [{"org_id": o, "name": o, "sector": s} for o, s in orgs.items()],
        "people": [dict(p, name=p["person_id"]) for p in people]
        + [{"person_id": p, "name": p} for p in {m["person_id"] for m in memberships}
           if p not in {q["person_id"] for q in people}],
        "groups": [{"group_id": "G", "name": "G", "level": "regional",
                    "kind": "strategic_group"}]
        + [{"group_id": g, "name": g, "level": lvl} for g, lvl in levels.items()],
        "memberships": reps + memberships,
        "reporting_lines": lines,
    }  # fmt: skip
    G = build_network(tables)
    result = analyse(G, D, measures=False)
    # Keyed by what identifies them instead of ids (graph.impact's network after an
    # update): the same answers.
    assert analyse(build_network(tables, ids=False), D, measures=False) == result
    assert result["coverage"] == {**coverage(G, D), **coverage_warnings(G, D)}
    assert result["flow"] == information_flow(G, D)
    assert result["flow_down"] == downward_flow(G, D)
    assert result["sector_balance"] == sector_balance(G, D)


_MEMBERSHIP_READ = (
    "membership_id", "person_id", "group_id", "role", "represents_area_id", "selection",
    "start_date", "end_date",
)  # fmt: skip


@st.composite
def read_tables(draw):
    """Memberships and attendance as read from Neo4j (columns in the read's order),
    sometimes with a membership id missing (an old database), an extra column, or no
    ``attended`` column."""
    day = st.one_of(st.none(), st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)))
    extra = draw(st.booleans())
    member = st.fixed_dictionaries({
        "membership_id": st.one_of(st.sampled_from(["m-1", "m-2", "m-3", "m-4"]), st.none())
        if draw(st.booleans()) else st.sampled_from(["m-1", "m-2", "m-3", "m-4", "m-5"]),
        "person_id": st.sampled_from(["P1", "P2", "P3"]),
        "group_id": st.sampled_from(["G1", "G2"]),
        "role": st.sampled_from(["member", "vcs_rep", "chair"]),
        "represents_area_id": st.one_of(st.none(), st.just("A1")),
        "selection": st.one_of(st.none(), st.sampled_from(["elected", "appointed"])),
        "start_date": day, "end_date": day,
        **({"notes": st.one_of(st.none(), st.text(max_size=3))} if extra else {}),
        **({"extra": st.just({"x": 1})} if draw(st.booleans()) else {}),
    })  # fmt: skip
    with_attended = draw(st.booleans())
    attended = st.fixed_dictionaries({
        "meeting_id": st.sampled_from(["M1", "M2"]), "person_id": st.sampled_from(["P1", "P2"]),
        **({"attended": st.sampled_from([None, True, False, 0, 1])} if with_attended else {}),
    })  # fmt: skip
    return {
        "groups": [{"group_id": "G1", "name": "Forum", "level": "local"}],
        "meetings": [{"meeting_id": "M1", "group_id": "G1", "date": dt.date(2026, 1, 5)}],
        "memberships": draw(st.lists(member, max_size=8)),
        "attendance": draw(st.lists(attended, max_size=6)),
    }


@settings(max_examples=300, deadline=None)
@given(read_tables(), st.data())
def test_rows_build_the_graph_records_build(tables, data):
    """build_network takes the memberships and attendance as rows (as read_network
    reads them) and gives exactly the graph their records give: nodes, edge order,
    keys and attributes; ids made where one is missing, extra columns kept."""
    from loader.readback import Rows

    as_list = data.draw(st.booleans())  # columns as a list: taken as records instead

    def as_rows(records: list[dict], columns: tuple[str, ...]) -> Rows:
        rows = [[record[c] for c in columns] for record in records]
        return Rows(list(columns) if as_list else columns, rows)

    members, attendance = tables["memberships"], tables["attendance"]
    later = tuple(c for c in ("notes", "extra") if members and c in members[0])
    member_columns = _MEMBERSHIP_READ + later
    attendance_columns = ("meeting_id", "person_id") + (
        ("attended",) if attendance and "attended" in attendance[0] else ()
    )
    rows = {
        **tables,
        "memberships": as_rows(members, member_columns),
        "attendance": as_rows(attendance, attendance_columns),
    }
    expected, got = build_network(tables), build_network(rows)
    assert list(got.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(got.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert list(got.in_edges(keys=True, data=True)) == list(expected.in_edges(keys=True, data=True))
