"""Information-flow rules of contract §3 on networks small enough to check by hand.

Notation in comments: ``L → S → R → N`` are local, sub-regional, regional and
national groups; people are P1, P2, ...
"""

from __future__ import annotations

from graph.flow import downward_flow, flow_graph, information_flow, route_edges, what_if
from tests.networks import D, day, flow_network

LEVELS = {"L": "local", "S": "sub_regional", "R": "regional", "N": "national"}
CHAIN = [("L", "S"), ("S", "R"), ("R", "N")]


def staff(*hops: tuple[str, str], person: str = "P"):
    """Memberships making ``person`` carry each hop (a member of both groups)."""
    groups = sorted({g for hop in hops for g in hop})
    return [(person, g) for g in groups]


def result(G):
    flow = information_flow(G, D)
    broken = {b["group_id"]: (b["reason"], b.get("unstaffed_edges")) for b in flow["broken"]}
    fragile = {f["group_id"]: f["single_points_of_failure"] for f in flow["fragile"]}
    return flow["connected"], broken, fragile


def test_staffed_chain_is_connected_and_fragile_on_its_one_carrier():
    members = [("P1", "L"), ("P1", "S"), ("P2", "S"), ("P2", "R"), ("P3", "R"), ("P3", "N")]
    connected, broken, fragile = result(flow_network(LEVELS, CHAIN, members))
    assert connected == 1 and broken == {}
    assert fragile == {"L": ["P1", "P2", "P3"]}


def test_two_people_on_every_hop_is_not_fragile():
    members = [(p, g) for p in ("P1", "P2") for g in "LSRN"]
    assert result(flow_network(LEVELS, CHAIN, members)) == (1, {}, {})


def test_one_person_bridging_several_hops():
    # P1 sits on L, S and R; P2 and P3 both carry R → N.
    members = [("P1", "L"), ("P1", "S"), ("P1", "R"), ("P2", "R"), ("P2", "N"), ("P3", "R"),
               ("P3", "N")]  # fmt: skip
    assert result(flow_network(LEVELS, CHAIN, members))[2] == {"L": ["P1"]}


def test_one_person_cutting_two_parallel_routes_at_once():
    # L → S1 → R and L → S2 → R; P1 alone carries both L → S1 and L → S2.
    levels = {"L": "local", "S1": "sub_regional", "S2": "sub_regional", "R": "regional",
              "N": "national"}  # fmt: skip
    lines = [("L", "S1"), ("L", "S2"), ("S1", "R"), ("S2", "R"), ("R", "N")]
    members = [("P1", "L"), ("P1", "S1"), ("P1", "S2")] + [
        (p, g) for p in ("P2", "P3") for g in ("S1", "S2", "R", "N")
    ]
    assert result(flow_network(levels, lines, members))[2] == {"L": ["P1"]}


def test_unstaffed_hop_lists_only_the_unstaffed_edges_on_its_routes():
    levels = dict(LEVELS, L2="local", X="local")
    lines = [*CHAIN, ("L2", "S"), ("X", "L2")]
    # Nobody sits on both L and S; nobody on both X and L2 (not on L's route).
    members = [("P1", "L"), ("P2", "S"), ("P2", "R"), ("P2", "N"), ("P3", "L2"), ("P3", "S"),
               ("P4", "X")]  # fmt: skip
    connected, broken, _ = result(flow_network(levels, lines, members))
    assert broken["L"] == ("unstaffed", [["L", "S"]])
    assert broken["X"] == ("unstaffed", [["X", "L2"]])
    assert "L2" not in broken
    assert connected == 1


def test_unstaffed_edges_on_both_halves_of_the_route():
    members = [("P1", "L"), ("P1", "S"), ("P2", "R"), ("P3", "N")]
    _, broken, _ = result(flow_network(LEVELS, CHAIN, members))
    assert broken["L"] == ("unstaffed", [["R", "N"], ["S", "R"]])


def test_local_group_reporting_straight_to_national_is_not_connected():
    members = [("P1", "L"), ("P1", "N")]
    G = flow_network({"L": "local", "N": "national", "R": "regional"}, [("L", "N")], members)
    assert result(G)[1] == {"L": ("no_route", None)}


def test_local_group_with_no_reporting_line():
    G = flow_network(LEVELS, CHAIN[1:], staff(*CHAIN[1:]))
    assert result(G)[1] == {"L": ("no_route", None)}


def test_regional_group_without_national_line_gives_no_route():
    G = flow_network(LEVELS, CHAIN[:2], staff(*CHAIN))
    assert result(G)[1]["L"][0] == "no_route"


def test_ended_and_future_reporting_lines_are_not_edges():
    for attrs in ({"end_date": day(-1)}, {"start_date": day(1)}):
        lines = [("L", "S", attrs), *CHAIN[1:]]
        assert result(flow_network(LEVELS, lines, staff(*CHAIN)))[1] == {"L": ("no_route", None)}
    boundary = [("L", "S", {"start_date": D, "end_date": D}), *CHAIN[1:]]
    assert result(flow_network(LEVELS, boundary, staff(*CHAIN)))[0] == 1


def test_conduit_whose_membership_expired_leaves_the_hop_unstaffed():
    members = [("P1", "L"), ("P1", "S", {"end_date": day(-1)}), ("P2", "S"), ("P2", "R"),
               ("P2", "N")]  # fmt: skip
    assert result(flow_network(LEVELS, CHAIN, members))[1] == {"L": ("unstaffed", [["L", "S"]])}
    members[1] = ("P1", "S", {"end_date": D})  # ends on the as-of date: still active
    assert result(flow_network(LEVELS, CHAIN, members))[0] == 1


def test_renewed_membership_keeps_the_hop_staffed():
    members = [("P1", "L"), ("P1", "S", {"end_date": day(-1)}), ("P1", "S", {"start_date": D}),
               ("P2", "S"), ("P2", "R"), ("P2", "N")]  # fmt: skip
    assert result(flow_network(LEVELS, CHAIN, members))[0] == 1


def test_reporting_line_cycles():
    # S ⇄ R cycle and a loop back from R to L; L still reaches R and N.
    lines = [*CHAIN, ("R", "S"), ("R", "L")]
    members = [(p, g) for p in ("P1", "P2") for g in "LSRN"]
    assert result(flow_network(LEVELS, lines, members)) == (1, {}, {})
    # Unstaffed L → S in a cyclic network: only edges on simple routes are listed.
    members = [("P1", "L"), ("P1", "R"), ("P2", "S"), ("P2", "R"), ("P2", "N")]
    lines = [("L", "S"), ("S", "R"), ("R", "S"), ("R", "N")]
    assert result(flow_network(LEVELS, lines, members))[1] == {"L": ("unstaffed", [["L", "S"]])}


def test_route_through_another_local_group():
    levels = {"L1": "local", "L2": "local", "R": "regional", "N": "national"}
    lines = [("L1", "L2"), ("L2", "R"), ("R", "N")]
    members = [(p, g) for p in ("P1", "P2") for g in levels]
    assert result(flow_network(levels, lines, members))[0] == 2


def test_regional_reached_through_a_national_group_counts():
    levels = {"L": "local", "N1": "national", "R": "regional", "N2": "national"}
    lines = [("L", "N1"), ("N1", "R"), ("R", "N2")]
    members = [(p, g) for p in ("P1", "P2") for g in levels]
    assert result(flow_network(levels, lines, members))[0] == 1


def test_parallel_lines_between_two_groups_are_one_edge():
    lines = [*CHAIN, ("L", "S", {"kind": "advises"})]
    F = flow_graph(flow_network(LEVELS, lines, staff(*CHAIN)), D)
    assert len(F.edges["L", "S"]["lines"]) == 2


def test_route_edges_ignore_staffing():
    G = flow_network(LEVELS, CHAIN, [])
    assert route_edges(flow_graph(G, D), "L") == set(CHAIN)


def test_downward_flow_needs_two_way_lines():
    members = [(p, g) for p in ("P1", "P2") for g in "LSRN"]
    lines = [("L", "S", {"two_way": False}), *CHAIN[1:]]
    down = downward_flow(flow_network(LEVELS, lines, members), D)
    assert down["reached"] == 0
    assert down["cut_off"] == [{"group_id": "L", "group_name": "L", "reason": "no_route"}]
    assert downward_flow(flow_network(LEVELS, CHAIN, members), D)["reached"] == 1


def test_what_if_removing_a_person():
    members = [("P1", "L"), ("P1", "S"), ("P2", "S"), ("P2", "R"), ("P2", "N"), ("P3", "R"),
               ("P3", "N")]  # fmt: skip
    G = flow_network(LEVELS, CHAIN, members)
    outcome = what_if(G, D, remove_people=["P1"])
    assert [(b["group_id"], b["reason"]) for b in outcome["newly_broken"]] == [("L", "unstaffed")]
    assert what_if(G, D, remove_people=["P3"])["newly_broken"] == []
    assert [b["group_id"] for b in what_if(G, D, remove_groups=["S"])["newly_broken"]] == ["L"]


def test_analyse_sees_a_graph_changed_after_an_earlier_analysis():
    # analyse() shares one scan of the graph among its analyses; the next call, on a
    # graph changed in between, must scan again.
    from graph.analyse import analyse

    members = [("P1", "L"), ("P1", "S"), ("P2", "S"), ("P2", "R"), ("P2", "N")]
    G = flow_network(LEVELS, CHAIN, members)
    assert analyse(G, D, measures=False)["flow"]["connected"] == 1
    G.remove_edges_from([(u, v, k) for u, v, k in G.edges(keys=True) if u == "person:P1"])
    assert analyse(G, D, measures=False)["flow"]["connected"] == 0
    G.add_edge("person:P2", "group:L", key="m-new", rel="MEMBER_OF", role="member",
               selection="appointed", represents=None, start=None, end=None)  # fmt: skip
    assert analyse(G, D, measures=False)["flow"]["connected"] == 1


def test_scans_are_shared_only_inside_unchanged_and_only_for_that_graph():
    from graph.model import memberships, reporting_lines, unchanged

    G = flow_network(LEVELS, CHAIN, staff(*CHAIN))
    H = G.copy()
    with unchanged(G):
        before = list(memberships(G, D))
        assert list(memberships(G, D)) == before == list(memberships(H, D))
        H.remove_edges_from([(u, v, k) for u, v, k, _ in reporting_lines(H)][:1])
        assert len(list(reporting_lines(H))) == len(CHAIN) - 1  # H is scanned afresh
        with unchanged(G):  # nested on the same graph: the same scans
            assert list(memberships(G, D)) == before
    G.remove_edges_from([(u, v, k) for u, v, k, _ in memberships(G)][:1])
    assert len(list(memberships(G, D))) == len(before) - 1  # outside: afresh


def test_two_graphs_promised_unchanged_are_each_scanned_once():
    """Comparing two networks (graph.impact) memoises both; each answers from its own
    scan, and leaving the inner block forgets only its graph."""
    from graph import model
    from graph.model import memberships, unchanged

    G = flow_network(LEVELS, CHAIN, staff(*CHAIN))
    H = flow_network(LEVELS, CHAIN, staff(*CHAIN[:1]))
    with unchanged(G):
        with unchanged(H):
            assert model._memo(G) is not None and model._memo(H) is not None
            g, h = list(memberships(G, D)), list(memberships(H, D))
            assert len(g) > len(h) > 0
            assert list(memberships(G, D)) == g and list(memberships(H, D)) == h
        assert model._memo(H) is None and model._memo(G) is not None
        H.remove_edges_from([(u, v, k) for u, v, k, _ in memberships(H)][:1])
        assert len(list(memberships(H, D))) == len(h) - 1  # afresh, outside its block
    assert model._memo(G) is None
