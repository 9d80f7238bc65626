"""Engagement on small networks whose answers a person can check (issue 17).

Aville forum (local, declares 6 a year) reports to the Region group (regional, 4 a
year); the Region's engagement day is an event. Sam is Aville's VCS rep on both
groups; Kim sits on both too. The as-of date is 30 September 2026, so the window runs
from 30 September 2025 to 30 September 2026, both days included. The workbook records
meetings up to that day (a meeting of an unrelated board, X, on it) unless a test says
otherwise: meetings are judged only as far as they are recorded.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graph.engagement import (
    RepExpectation,
    engagement,
    group_meetings,
    paper_only_lines,
    person_attendance,
    rep_attendance,
    window,
)
from graph.model import build_network

D = dt.date(2026, 9, 30)


def network(meetings=(), attendance=(), members=None, recorded_to=D):
    seats = members if members is not None else [
        {"person_id": "SAM", "group_id": g, "role": "vcs_rep", "represents_area_id": "A",
         "selection": "elected", "start_date": dt.date(2024, 1, 1)} for g in ("F", "R")
    ] + [{"person_id": "KIM", "group_id": g, "role": "member"} for g in ("F", "R")]  # fmt: skip
    return build_network({
        "areas": [{"area_id": "A", "name": "Aville", "type": "local_authority"}],
        "organisations": [{"org_id": "AID", "name": "Aville Aid", "sector": "vcs"}],
        "people": [{"person_id": p, "name": p.title(), "org_id": "AID"} for p in ("SAM", "KIM")],
        "groups": [
            {"group_id": "F", "name": "Aville forum", "level": "local", "area_id": "A",
             "meetings_per_year": 6},
            {"group_id": "R", "name": "Region group", "level": "regional",
             "kind": "strategic_group", "meetings_per_year": 4},
            {"group_id": "E", "name": "Engagement day", "level": "regional",
             "kind": "engagement_event"},
            {"group_id": "X", "name": "Other board", "level": "local", "area_id": "A"},
        ],
        "memberships": seats,
        "reporting_lines": [{"from_group_id": "F", "to_group_id": "R"}],
        "meetings": [{"meeting_id": m, "group_id": g, "date": day, "format": fmt}
                     for m, g, day, fmt in meetings]
                    + ([{"meeting_id": "X1", "group_id": "X", "date": recorded_to,
                         "format": "online"}] if recorded_to else []),
        "attendance": [{"meeting_id": m, "person_id": p, "attended": went}
                       for m, p, went in attendance],
    })  # fmt: skip


def test_the_window_includes_both_ends():
    assert window(D) == (dt.date(2025, 9, 30), D)
    meetings = [("M1", "F", dt.date(2025, 9, 29), "online"),
                ("M2", "F", dt.date(2025, 9, 30), "online"),
                ("M3", "F", D, "online")]  # fmt: skip
    G = network(meetings, [(m, "SAM", True) for m, *_ in meetings])
    seen = person_attendance(G, "person:SAM", D)
    assert (seen["held"], seen["attended"]) == (2, 2)  # M2 and M3, not M1


def test_hybrid_counts_both_in_person_and_online():
    meetings = [("M1", "F", dt.date(2026, 1, 5), "in_person"),
                ("M2", "F", dt.date(2026, 2, 5), "online"),
                ("M3", "R", dt.date(2026, 3, 5), "hybrid"),
                ("M4", "R", dt.date(2026, 4, 5), "hybrid")]  # fmt: skip
    went = [(m, "SAM", True) for m, *_ in meetings] + [(m, "KIM", m != "M4") for m, *_ in meetings]
    G = network(meetings, went)
    seen = person_attendance(G, "person:SAM", D)
    assert (seen["in_person"], seen["online"]) == (3, 3)
    assert person_attendance(G, "person:KIM", D)["missed"] == 1


def test_a_rep_on_two_groups_is_held_to_the_meetings_of_both():
    meetings = [(f"F{i}", "F", dt.date(2026, i, 10), "in_person") for i in range(1, 6)]
    meetings += [(f"R{i}", "R", dt.date(2026, i, 20), "online") for i in range(1, 5)]
    went = [(m, "SAM", m != "F5") for m, *_ in meetings]  # misses one
    G = network(meetings, went)
    [rep] = rep_attendance(G, D)
    assert (rep["held"], rep["attended"], rep["missed"]) == (9, 8, 1)
    assert rep["in_person"] == 4 and rep["online"] == 4
    assert rep["short"] == ["0 of 2 engagement days"]


def test_engagement_days_count_apart():
    meetings = [("E1", "E", dt.date(2026, 3, 1), "in_person"),
                ("E2", "E", dt.date(2026, 9, 1), "in_person")]  # fmt: skip
    G = network(meetings, [("E1", "SAM", True), ("E2", "SAM", True)])
    seen = person_attendance(G, "person:SAM", D)
    assert (seen["engagement_days"], seen["held"], seen["attended"]) == (2, 0, 0)


def test_a_rep_elected_inside_the_window_is_expected_pro_rata():
    seats = [{"person_id": "SAM", "group_id": "F", "role": "vcs_rep",
              "represents_area_id": "A", "selection": "elected",
              "start_date": dt.date(2026, 4, 1)}]  # fmt: skip
    G = network([("F1", "F", dt.date(2026, 5, 1), "in_person")], [("F1", "SAM", True)], seats)
    [rep] = rep_attendance(G, D, RepExpectation(meetings=8, in_person=4, online=4,
                                                engagement_days=2))  # fmt: skip
    assert rep["expected"] == {"meetings": 4, "in_person": 2, "online": 2, "engagement_days": 1}


def test_groups_against_what_they_declare_and_a_young_group_pro_rata():
    meetings = [(f"F{i}", "F", dt.date(2026, i, 10), "in_person") for i in range(1, 7)]
    meetings += [("R1", "R", dt.date(2026, 4, 1), "online"), ("R2", "R", dt.date(2026, 8, 1),
                                                               "online")]  # fmt: skip
    members = [{"person_id": "KIM", "group_id": "F", "role": "member"},
               {"person_id": "KIM", "group_id": "R", "role": "member",
                "start_date": dt.date(2026, 4, 1)}]  # fmt: skip
    rows = {g["group_id"]: g for g in group_meetings(network(meetings, (), members), D)}
    assert rows["F"]["below"] == []  # 6 of 6
    # The Region group first met on 1 April 2026: half a year (183 of 366 days), so 2 of
    # 4, and the minimum of 3 is 1.5, rounded to 2.
    assert (rows["R"]["held"], rows["R"]["expected"], rows["R"]["minimum"]) == (2, 2, 2)
    assert rows["R"]["below"] == []


def test_a_group_that_stopped_meeting_is_below_what_it_declares():
    meetings = [("F0", "F", dt.date(2025, 1, 10), "in_person"),
                ("F1", "F", dt.date(2025, 10, 10), "in_person")]  # fmt: skip
    [forum] = [g for g in group_meetings(network(meetings), D) if g["group_id"] == "F"]
    assert forum["below"] == ["1 of the 6 meetings it declares"]


def test_a_line_carried_only_on_paper_until_its_carrier_attends_once():
    meetings = [("F1", "F", dt.date(2026, 2, 1), "in_person"),
                ("R1", "R", dt.date(2026, 3, 1), "online")]  # fmt: skip
    members = [{"person_id": "KIM", "group_id": g, "role": "member"} for g in ("F", "R")]
    G = network(meetings, [("F1", "KIM", True), ("R1", "KIM", False)], members)
    [line] = paper_only_lines(G, D)
    assert (line["from"], line["to"]) == ("F", "R")
    assert line["carriers"] == [{"person_id": "KIM", "attended_from": 1, "attended_to": 0}]
    G = network(meetings, [("F1", "KIM", True), ("R1", "KIM", True)], members)
    assert paper_only_lines(G, D) == []


def test_a_meeting_nobody_is_listed_for_says_nothing_of_who_missed_it():
    meetings = [("F1", "F", dt.date(2026, 2, 1), "in_person"),
                ("F2", "F", dt.date(2026, 3, 1), "online"),  # attendance not taken
                ("R1", "R", dt.date(2026, 3, 1), "online")]  # fmt: skip
    members = [{"person_id": "KIM", "group_id": g, "role": "member"} for g in ("F", "R")]
    G = network(meetings, [("F1", "KIM", False)], members)
    seen = person_attendance(G, "person:KIM", D)
    assert (seen["held"], seen["attended"], seen["missed"]) == (1, 0, 1)  # F1 only
    assert paper_only_lines(G, D) == []  # R took no attendance: not judged
    assert [g["held"] for g in group_meetings(G, D) if g["group_id"] == "F"] == [2]


def test_meetings_are_judged_only_as_far_as_they_are_recorded():
    # The workbook's last meeting is on 31 March 2026 (half the window: 183 of 366 days):
    # the forum's 6 a year become 3, the Region's 4 become 2 (and its minimum of 3, 1.5,
    # rounds to 2), and the rep's 8 meetings 4.
    meetings = [(f"F{i}", "F", dt.date(2026, i, 10), "in_person") for i in (1, 2, 3)]
    meetings += [("R1", "R", dt.date(2026, 3, 31), "online")]
    G = network(meetings, [(m, "SAM", True) for m, *_ in meetings], recorded_to=None)
    found = engagement(G, D)
    assert found["window"] == ["2025-09-30", "2026-03-31"]
    [region] = found["groups_meeting_less"]  # the forum held 3 of 3
    assert region["below"] == ["1 of the 2 meetings it declares",
                               "1 of the minimum of 2 for a strategic group"]  # fmt: skip
    [rep] = rep_attendance(G, D)
    assert rep["expected"] == {"meetings": 4, "in_person": 2, "online": 2, "engagement_days": 1}
    assert rep["short"] == ["1 of 2 online", "0 of 1 engagement days"]


def test_nothing_is_judged_where_no_meeting_was_recorded():
    G = network(recorded_to=None)
    found = engagement(G, D)
    assert found["reps_judged"] == 0 and found["reps_not_recorded"] == 1
    assert found["paper_only_lines"] == [] and found["groups_meeting_less"] == []


@pytest.mark.parametrize("text", ["[]", '{"meetings": -1}', '{"visits": 3}', "not json"])
def test_a_bad_expectation_file_is_a_clear_error(tmp_path, text):
    from core.errors import BadValue
    from graph.engagement import load_rep_expectation

    path = tmp_path / "expect.json"
    path.write_text(text)
    with pytest.raises(BadValue):
        load_rep_expectation(path)
