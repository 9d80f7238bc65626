"""The rep cycle and the groups' own rules (contract §5) on networks small enough to
check by hand, the edges of every rule, and a reference implementation to compare with."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analyse import analyse
from graph.model import build_network
from graph.repcycle import rep_cycle
from graph.rules import group_rules
from tests.networks import D, day


def network(reps=(), rounds=(), areas=("A",), lead=None, extra_members=(), people=()):
    """Council areas ``areas`` of region R; ``reps``: (person, sector, area, attrs) seats
    of role vcs_rep on group G; ``rounds``: election records (area A by default);
    ``lead``: the lead person of area A; ``extra_members``: (person, group, role)."""
    organisations, persons, members = [], {}, []
    for person, sector, area, attrs in reps:
        org_id = f"O-{person}"
        organisations.append({"org_id": org_id, "name": org_id, "sector": sector})
        persons[person] = {"person_id": person, "name": person, "org_id": org_id}
        members.append({"person_id": person, "group_id": attrs.pop("group", "G"),
                        "role": "vcs_rep", "represents_area_id": area,
                        "selection": attrs.pop("selection", "elected"), **attrs})  # fmt: skip
    for person, group, role in extra_members:
        persons.setdefault(person, {"person_id": person, "name": person})
        members.append({"person_id": person, "group_id": group, "role": role})
    for person in people:
        persons.setdefault(person, {"person_id": person, "name": person})
    if lead:
        persons.setdefault(lead, {"person_id": lead, "name": lead})
    return build_network(
        {
            "areas": [{"area_id": "R", "name": "Region", "type": "region"}]
            + [{"area_id": a, "name": f"Area {a}", "type": "local_authority", "parent_id": "R",
                "lead_person_id": lead if a == "A" else None} for a in areas],
            "organisations": organisations,
            "people": list(persons.values()),
            "groups": [{"group_id": g, "name": g, "level": "regional", "area_id": "R"}
                       for g in ("G", "H")],
            "memberships": members,
            "elections": [{"area_id": "A", "outcome": "pending", **r} for r in rounds],
        }
    )  # fmt: skip


def status(G, as_of=D, area="A"):
    found = {a["area_id"]: a for a in rep_cycle(G, as_of)["areas"]}[area]
    return found["status"], found["election_id"]


def kinds(G, as_of=D):
    return [(w["kind"], w["area_id"], w["person_ids"]) for w in rep_cycle(G, as_of)["warnings"]]


def seat(person="P", sector="vcs", area="A", **attrs):
    return (person, sector, area, attrs)


def round_(election_id="E-1", opened=-30, **attrs):
    return {"election_id": election_id, "nominations_open": day(opened), **attrs}


# Statuses -------------------------------------------------------------------------


def test_covered_with_a_term_beyond_90_days_or_none_is_covered():
    assert status(network([seat(end_date=day(91))])) == ("covered", None)
    assert status(network([seat()])) == ("covered", None)  # an open term never ends


def test_a_term_ending_exactly_90_days_after_d_is_due_for_renewal():
    assert status(network([seat(end_date=day(90))])) == ("renewal_due", None)
    assert status(network([seat(end_date=day(0))])) == ("renewal_due", None)  # ends on D


def test_a_round_open_on_d_is_running_and_one_opening_after_d_is_not():
    ending = [seat(end_date=day(30))]
    assert status(network(ending, [round_(opened=0)])) == ("renewal_running", "E-1")
    assert status(network(ending, [round_(opened=1)])) == ("renewal_due", None)
    assert status(network([], [round_(opened=0)])) == ("election_running", "E-1")
    assert status(network([], [round_(opened=1)])) == ("no_election", None)


def test_a_round_that_ended_does_not_count_as_running():
    ending = [seat(end_date=day(30))]
    done = round_(outcome="void", vote_date=day(-5))
    assert status(network(ending, [done])) == ("renewal_due", None)


def test_an_early_round_while_the_term_is_long_leaves_the_area_covered_with_no_round():
    assert status(network([seat(end_date=day(200))], [round_()])) == ("covered", None)


def test_the_latest_ending_seat_counts_where_several_cover():
    reps = [seat("P", end_date=day(10)), seat("Q", end_date=day(400), group="H")]
    assert status(network(reps)) == ("covered", None)
    reps = [seat("P", end_date=day(10)), seat("Q", group="H")]  # open-ended: the latest
    assert status(network(reps)) == ("covered", None)


@pytest.mark.parametrize("outcome", ["no_candidates", "void"])
def test_an_uncovered_area_whose_last_round_failed(outcome):
    failed = round_(outcome=outcome, vote_date=day(-10))
    assert status(network([], [failed])) == ("last_round_failed", None)


def test_the_latest_round_decides_and_is_dated_by_its_vote_else_its_opening():
    failed = round_("E-1", opened=-100, outcome="void", vote_date=day(-50))
    elected = round_("E-2", opened=-60, outcome="elected", elected_person_id="P",
                     vote_date=day(-40), approved_date=day(-39))  # fmt: skip
    G = network([], [failed, elected], people=["P"])
    assert status(G) == ("no_election", None)  # the latest (E-2) did not fail
    # Without its vote date E-2 is dated by its opening (-60), before E-1's vote (-50).
    elected.pop("vote_date")
    assert status(network([], [failed, elected], people=["P"])) == ("last_round_failed", None)


def test_a_round_dated_after_d_is_not_the_last_round():
    future = round_(opened=5, outcome="no_candidates")
    assert status(network([], [future])) == ("no_election", None)


def test_an_uncovered_area_with_no_rounds_has_no_election():
    assert status(network([seat(sector="health")])) == ("no_election", None)
    assert status(network([seat(selection="nominated")])) == ("no_election", None)


def test_of_several_running_rounds_the_latest_opened_counts():
    rounds = [round_("E-1", opened=-60), round_("E-2", opened=-10)]
    assert status(network([], rounds)) == ("election_running", "E-2")


def test_every_council_area_has_one_status_and_other_areas_none():
    G = network([seat()], areas=("A", "B"))
    found = rep_cycle(G, D)["areas"]
    assert [a["area_id"] for a in found] == ["A", "B"]  # not the region R
    assert [a["status"] for a in found] == ["covered", "no_election"]


# Warnings -------------------------------------------------------------------------


def test_two_people_on_one_group_for_one_area_share_a_seat():
    G = network([seat("P"), seat("Q", selection="nominated")])
    assert kinds(G) == [("shared_seat", "A", ["P", "Q"])]


def test_the_same_area_on_two_groups_or_one_person_twice_is_no_shared_seat():
    assert kinds(network([seat("P"), seat("Q", group="H")])) == []
    assert kinds(network([seat("P", end_date=day(-1)), seat("Q")])) == []  # P's ended


def test_elected_but_never_seated_within_60_days_of_approval():
    won = round_(outcome="elected", elected_person_id="Q", vote_date=day(-100),
                 approved_date=day(-90))  # fmt: skip
    G = network([seat("P")], [won], people=["Q"])
    assert kinds(G) == [("elected_not_seated", "A", ["Q"])]
    seated = network([seat("P"), seat("Q", group="H", start_date=day(-30))], [won])
    assert kinds(seated) == []  # seated on day 60 after approval: in time
    late = network([seat("P"), seat("Q", group="H", start_date=day(-29))], [won])
    assert kinds(late) == [("elected_not_seated", "A", ["Q"])]  # day 61: too late


def test_without_approval_the_vote_starts_the_60_days_and_not_approved_is_warned():
    won = round_(outcome="elected", elected_person_id="Q", vote_date=day(-70))
    G = network([seat("Q", start_date=day(-10))], [won])  # 60 days after the vote
    assert kinds(G) == [("not_approved", "A", ["Q"])]


def test_a_round_elected_after_d_is_not_yet_expected_to_be_seated():
    won = round_(opened=-10, outcome="elected", elected_person_id="Q", vote_date=day(5),
                 approved_date=day(6))  # fmt: skip
    assert kinds(network([], [won], people=["Q"])) == []


def test_the_rep_who_never_meets_the_council_lead():
    G = network([seat("P")], lead="L", extra_members=[("L", "H", "member")])
    assert kinds(G) == [("rep_never_meets_lead", "A", ["L", "P"])]
    G = network([seat("P")], lead="L", extra_members=[("L", "G", "secretariat")])
    assert kinds(G) == []  # they share G
    assert kinds(network([], lead="L")) == []  # no covering rep: nothing to meet


def test_warnings_are_sorted_by_area_then_kind():
    won = round_(outcome="elected", elected_person_id="Q", vote_date=day(-100))
    G = network([seat("P"), seat("R2"), seat("S", area="B")], [won], areas=("A", "B"),
                lead="L", people=["Q"])  # fmt: skip
    found = [(w["area_id"], w["kind"]) for w in rep_cycle(G, D)["warnings"]]
    assert found == sorted(found)
    assert found == [("A", "elected_not_seated"), ("A", "not_approved"),
                     ("A", "rep_never_meets_lead"), ("A", "shared_seat")]  # fmt: skip


# Group rules ----------------------------------------------------------------------


def board(rules, members=(), meetings=(), areas=None, people=None, kind="strategic_group"):
    """Group B (of ``kind``, area R) with ``members`` ((person, role, sector, attrs)),
    meetings on the days given (offsets from D) and ``rules``."""
    people_rows, orgs, rows = [], [], []
    for person, role, sector, attrs in members:
        org = {"org_id": f"O-{person}", "name": person, "sector": sector,
               "area_id": attrs.get("based")}  # fmt: skip
        orgs.append(org)
        people_rows.append({"person_id": person, "name": person, "org_id": org["org_id"],
                            "councillor": attrs.get("councillor"),
                            "party": attrs.get("party")})  # fmt: skip
        rows.append({"person_id": person, "group_id": "B", "role": role,
                     "end_date": attrs.get("end")})  # fmt: skip
    return build_network(
        {
            "areas": [{"area_id": "R", "name": "Region", "type": "region"}, *(areas or [])],
            "organisations": orgs,
            "people": people_rows,
            "groups": [{"group_id": "B", "name": "Board", "level": "regional", "area_id": "R",
                        "kind": kind},
                       {"group_id": "C", "name": "Other", "level": "regional", "area_id": "R",
                        "kind": kind}],
            "memberships": rows,
            "meetings": [{"meeting_id": f"M{i}", "group_id": "B", "date": day(offset)}
                         for i, offset in enumerate(meetings)],
            "group_rules": [{"group_id": None, "kind": None, "sector": None, **r} for r in rules],
        }
    )  # fmt: skip


def checks(G, group="B"):
    return [(e["rule"], e["expected"], e["actual"], e["holds"])
            for e in group_rules(G, D) if e["group_id"] == group]  # fmt: skip


def member(person, role="member", sector="vcs", **attrs):
    return (person, role, sector, attrs)


def test_members_count_once_and_leave_out_secretariat_observers_and_past_seats():
    people = [member("P", "chair"), member("Q"), member("S", "secretariat"),
              member("T", "observer"), member("U", end=day(-1))]  # fmt: skip
    rules = [{"group_id": "B", "rule": "members_min", "value": 3},
             {"group_id": "B", "rule": "members_max", "value": 2}]  # fmt: skip
    assert checks(board(rules, people)) == [("members_max", 2, 2, True),
                                            ("members_min", 3, 2, False)]  # fmt: skip


def test_meetings_in_the_12_months_up_to_d():
    rules = [{"group_id": "B", "rule": "meetings_min", "value": 3}]
    assert checks(board(rules, meetings=[-365, -200, 0, 1])) == [("meetings_min", 3, 3, True)]
    assert checks(board(rules, meetings=[-366, -200, 0])) == [("meetings_min", 3, 2, False)]


def test_sector_councillor_and_chair_rules():
    people = [member("P", "chair", "local_government", councillor=True),
              member("Q", sector="vcs"), member("S", sector="vcs", councillor=True)]  # fmt: skip
    rules = [{"group_id": "B", "rule": "sector_min", "sector": "vcs", "value": 2},
             {"group_id": "B", "rule": "sector_min", "sector": "police", "value": 1},
             {"group_id": "B", "rule": "councillors_min", "value": 3},
             {"group_id": "B", "rule": "chair_sector", "value": "local_government"}]  # fmt: skip
    assert checks(board(rules, people)) == [
        ("chair_sector", "local_government", "local_government", True),
        ("councillors_min", 3, 2, False),
        ("sector_min", 1, 0, False),  # police, sorted by sector
        ("sector_min", 2, 2, True),  # vcs
    ]
    no_chair = board([{"group_id": "B", "rule": "chair_sector", "value": "vcs"}], people[1:])
    assert checks(no_chair) == [("chair_sector", "vcs", None, False)]


def test_party_share_counts_every_councillor_member():
    people = [member(p, councillor=True, party=party)
              for p, party in (("P", "Red"), ("Q", "Red"), ("S", "Blue"), ("T", None))]  # fmt: skip
    rules = [{"group_id": "B", "rule": "party_max_share", "value": 50}]
    assert checks(board(rules, people)) == [("party_max_share", 50, 50.0, True)]
    rules = [{"group_id": "B", "rule": "party_max_share", "value": 49}]
    assert checks(board(rules, people)) == [("party_max_share", 49, 50.0, False)]
    assert checks(board(rules, [member("P")])) == [("party_max_share", 49, 0, True)]


def test_each_dispersal_council_needs_a_councillor_or_council_officer_from_it():
    areas = [{"area_id": a, "name": a, "type": "local_authority", "parent_id": "R",
              "dispersal": a != "Z"} for a in ("X", "Y", "W", "Z")]  # fmt: skip
    people = [
        member("P", sector="local_government", based="X"),  # an officer of X
        member("Q", sector="vcs", based="Y", councillor=True),  # a councillor from Y
        member("S", sector="vcs", based="W"),
    ]  # W: a VCS member only
    rule = [{"group_id": "B", "rule": "each_dispersal_council", "value": True}]
    G = board(rule, people, areas=areas)
    [entry] = group_rules(G, D)[:1]
    assert (entry["expected"], entry["actual"], entry["holds"], entry["missing"]) == (
        True, False, False, ["W"],
    )  # fmt: skip


def test_a_groups_own_rule_wins_over_its_kinds_and_kind_rules_reach_every_group():
    rules = [{"kind": "strategic_group", "rule": "members_min", "value": 5},
             {"group_id": "B", "rule": "members_min", "value": 1}]  # fmt: skip
    G = board(rules, [member("P")])
    assert checks(G, "B") == [("members_min", 1, 1, True)]
    assert checks(G, "C") == [("members_min", 5, 0, False)]
    by = {e["group_id"]: e["by"] for e in group_rules(G, D)}
    assert by == {"B": "group", "C": "kind"}


def test_the_defaults_apply_only_without_rules_and_with_meetings():
    G = board([], meetings=[-10, -20])
    assert checks(G) == [("meetings_min", 3, 2, False)]  # strategic_group: 3
    assert checks(board([], meetings=[-10], kind="partnership_board")) == [
        ("meetings_min", 4, 1, False)
    ]
    assert group_rules(board([]), D) == []  # no meetings recorded: no defaults
    rules = [{"group_id": "C", "rule": "members_min", "value": 0}]
    assert checks(board(rules, meetings=[-10])) == []  # rules given: no defaults


# Without the new sheets the answers are today's ----------------------------------


def test_a_workbook_without_the_new_sheets_gives_the_same_answers():
    from loader.validate import load_workbook
    from tests.workbooks import MINIMAL

    G = build_network(load_workbook(MINIMAL).tables)
    result = analyse(G, D, measures=False)
    bare = build_network({k: v for k, v in load_workbook(MINIMAL).tables.items()})
    bare.graph.pop("elections")
    bare.graph.pop("group_rules")
    before = analyse(bare, D, measures=False)
    assert {k: result[k] for k in ("coverage", "flow")} == {
        k: before[k] for k in ("coverage", "flow")
    }
    assert result["group_rules"] == []  # no rules, no meetings: nothing applies
    assert {a["status"] for a in result["rep_cycle"]["areas"]} <= {
        "covered",
        "renewal_due",
        "no_election",
    }


# Against a simple reference implementation ----------------------------------------


def reference_status(seats, rounds, as_of):
    """The contract's words, as directly as they can be written (seats: (sector,
    selection, start, end); rounds: (id, outcome, open, vote))."""

    def active(s, e):
        return (s is None or s <= as_of) and (e is None or e >= as_of)

    covering = [(s, e) for sector, sel, s, e in seats
                if active(s, e) and sel == "elected" and sector == "vcs"]  # fmt: skip
    pending = [r for r in rounds if r[1] == "pending" and r[2] <= as_of]
    if covering:
        ends = [e for _s, e in covering]
        end = None if None in ends else max(ends)
        soon = end is not None and (end - as_of).days <= 90
        if not soon:
            return "covered"
        return "renewal_running" if pending else "renewal_due"
    if pending:
        return "election_running"
    past = [r for r in rounds if (r[3] or r[2]) <= as_of]
    if past:
        latest = max(past, key=lambda r: (r[3] or r[2], r[0]))
        if latest[1] in ("no_candidates", "void"):
            return "last_round_failed"
    return "no_election"


days = st.integers(-200, 200).map(day)
optional_days = st.none() | days
seats_strategy = st.lists(
    st.tuples(st.sampled_from(["vcs", "health"]), st.sampled_from(["elected", "nominated"]),
              optional_days, optional_days),
    max_size=3,
)  # fmt: skip
rounds_strategy = st.lists(
    st.tuples(st.sampled_from(["pending", "elected", "no_candidates", "void"]), days,
              optional_days),
    max_size=3,
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(seats_strategy, rounds_strategy, st.integers(-100, 100).map(day))
def test_statuses_agree_with_a_reference_implementation(seats, rounds, as_of):
    seats = [(sec, sel, s, e) for sec, sel, s, e in seats if not (s and e and e < s)]
    rounds = [(f"E-{i}", *r) for i, r in enumerate(rounds)]
    reps = [seat(f"P{i}", sec, selection=sel, start_date=s, end_date=e, group="G" if i else "H")
            for i, (sec, sel, s, e) in enumerate(seats)]  # fmt: skip
    records = [{"election_id": i, "outcome": o, "nominations_open": op, "vote_date": v,
                **({"elected_person_id": "X"} if o == "elected" else {})}
               for i, o, op, v in rounds]  # fmt: skip
    G = network(reps, records, people=["X"])
    assert status(G, as_of)[0] == reference_status(seats, rounds, as_of)


def test_the_rep_cycle_and_rules_are_in_the_analysis():
    G = network([seat(end_date=day(10))])
    result = analyse(G, D, measures=False)
    assert result["rep_cycle"]["areas"][0]["status"] == "renewal_due"
    assert result["group_rules"] == []
    assert isinstance(dt.date.fromisoformat(result["as_of"]), dt.date)


# Sentences --------------------------------------------------------------------------


def test_sentences_name_people_only_when_asked():
    from graph.explain_cycle import cycle_sentence, rule_sentence, warning_sentence

    won = round_(outcome="elected", elected_person_id="Q", vote_date=day(-100))
    G = network([seat("P", end_date=day(20))], [won, round_("E-2", opened=-3,
                contact_person_id="C")], lead="L", people=["Q", "C"])  # fmt: skip
    found = rep_cycle(G, D)
    [area] = found["areas"]
    assert cycle_sentence(G, area, D) == (
        "Area A's rep's term ends on 20 October 2026; the election to renew it opened on "
        "27 September 2026, run by C."
    )
    assert cycle_sentence(G, area, D, names=False).endswith("run by a local contact.")
    said = {w["kind"]: warning_sentence(G, w) for w in found["warnings"]}
    assert said["not_approved"].startswith("The election of Q as Area A's VCS rep (")
    assert said["rep_never_meets_lead"].startswith("Area A's VCS rep, P (O-P), sits on no group")
    unnamed = [warning_sentence(G, w, names=False) for w in found["warnings"]]
    assert not [s for s in unnamed if " Q " in s or " P " in s or "(O-P)" in s]
    B = board([{"group_id": "B", "rule": "members_min", "value": 3}], [member("P")])
    [entry] = group_rules(B, D)
    assert rule_sentence(B, entry, D) == (
        "Board has 1 member; its terms of reference say at least 3."
    )
