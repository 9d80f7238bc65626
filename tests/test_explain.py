"""Explanations and suggestions on small networks whose answers a person can check.

The network: Aville (a council area) with its forum (local) → the region's group
(regional) → a national body, and people from a council, a charity and the Home
Office. Each test changes one thing and reads the sentence it gets.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graph.explain import (
    candidate_carriers,
    coverage_explanation,
    coverage_leads,
    flow_explanations,
    vcs_organisations_by_area,
)
from graph.model import build_network

D = dt.date(2026, 9, 30)


def network(reps=(), members=(), lines=None, people=()):
    """Aville forum → Region group → National body, with the given memberships."""
    return build_network({
        "areas": [{"area_id": "R", "name": "Region", "type": "region"},
                  {"area_id": "A", "name": "Aville", "type": "local_authority",
                   "parent_id": "R"}],
        "organisations": [
            {"org_id": "CNCL", "name": "Aville Council", "sector": "local_government"},
            {"org_id": "AID", "name": "Aville Refugee Aid", "sector": "vcs", "area_id": "A"},
            {"org_id": "WEL", "name": "Aville Welcome", "sector": "vcs", "area_id": "A"},
            {"org_id": "HO", "name": "Home Office", "sector": "central_government"},
        ],
        "people": [
            {"person_id": "JO", "name": "Jo Smith", "org_id": "CNCL"},
            {"person_id": "SAM", "name": "Sam Patel", "org_id": "AID"},
            {"person_id": "KIM", "name": "Kim Lee", "org_id": "CNCL"},
            {"person_id": "ALI", "name": "Ali Khan", "org_id": "HO"},
            *people,
        ],
        "groups": [
            {"group_id": "F", "name": "Aville forum", "level": "local", "area_id": "A"},
            {"group_id": "G", "name": "Region group", "level": "regional", "area_id": "R"},
            {"group_id": "N", "name": "National body", "level": "national"},
        ],
        "memberships": [*reps, *members],
        "reporting_lines": lines if lines is not None else [
            {"from_group_id": "F", "to_group_id": "G"},
            {"from_group_id": "G", "to_group_id": "N"},
        ],
    })  # fmt: skip


def rep(person, selection="elected", start=None, end=None):
    return {"person_id": person, "group_id": "F", "role": "vcs_rep",
            "represents_area_id": "A", "selection": selection,
            "start_date": start, "end_date": end}  # fmt: skip


def seat(person, group, start=None, end=None):
    return {"person_id": person, "group_id": group, "role": "member",
            "start_date": start, "end_date": end}  # fmt: skip


# The region's group reaches national level through Ali in every flow test below.
UP = [seat("ALI", "G"), seat("ALI", "N")]


@pytest.mark.parametrize(
    ("reps", "kind", "named", "unnamed"),
    [
        ([rep("SAM", "nominated", dt.date(2026, 4, 1), dt.date(2027, 3, 31))], "not_elected",
         "Aville: the rep in post, Sam Patel (Aville Refugee Aid), was nominated, not elected "
         "by the local VCS.",
         "Aville: the rep in post was nominated, not elected by the local VCS."),
        ([rep("JO")], "not_vcs",
         "Aville: the elected rep, Jo Smith, works for Aville Council, which is not a "
         "voluntary-sector organisation (local government).",
         "Aville: the elected rep works for Aville Council, which is not a voluntary-sector "
         "organisation (local government)."),
        ([rep("SAM", end=dt.date(2026, 3, 31))], "expired",
         "Aville: the last elected VCS rep's term ended on 31 March 2026.",
         "Aville: the last elected VCS rep's term ended on 31 March 2026."),
        ([rep("SAM", start=dt.date(2026, 10, 15))], "not_started",
         "Aville: the next VCS rep's term starts on 15 October 2026.",
         "Aville: the next VCS rep's term starts on 15 October 2026."),
        ([], "no_rep",
         "Aville: no VCS rep has been recorded for this area.",
         "Aville: no VCS rep has been recorded for this area."),
        ([rep("SAM", end=dt.date(2027, 3, 31))], "covered",
         "Aville: covered by Sam Patel (Aville Refugee Aid), until 31 March 2027.",
         "Aville: covered by an elected VCS rep (Aville Refugee Aid), until 31 March 2027."),
    ],
)  # fmt: skip
def test_each_coverage_reason_reads_as_a_sentence(reps, kind, named, unnamed):
    G = network(reps)
    with_names = coverage_explanation(G, D, "A", names=True)
    without = coverage_explanation(G, D, "A", names=False)
    assert (with_names.kind, with_names.sentence) == (kind, named)
    assert without.sentence == unnamed
    shown = " ".join((without.sentence, *without.evidence, *without.fixes))
    assert "Sam Patel" not in shown and "Jo Smith" not in shown and "SAM" not in shown


def test_an_expired_term_names_its_rep_and_the_next_one():
    G = network([rep("SAM", end=dt.date(2026, 3, 31)), rep("SAM", start=dt.date(2026, 10, 12))])
    explained = coverage_explanation(G, D, "A")
    assert explained.evidence == (
        "The rep was Sam Patel (Aville Refugee Aid).",
        "A new term starts on 12 October 2026.",
    )
    assert coverage_explanation(G, D, "A", names=False).evidence[0] == (
        "Someone from Aville Refugee Aid was the rep."
    )


def test_leads_for_an_uncovered_area_are_its_charities_and_earlier_reps():
    G = network([rep("SAM", end=dt.date(2026, 3, 31))])
    assert coverage_leads(G, D, "A") == [
        "VCS organisations based in the area: Aville Refugee Aid, Aville Welcome.",
        "Earlier reps: Sam Patel (Aville Refugee Aid), until 31 March 2026.",
    ]
    assert coverage_leads(G, D, "A", names=False)[1] == "The area has had 1 earlier rep term."


def test_an_unstaffed_line_is_explained_with_who_left_and_who_could_carry_it():
    members = [*UP, seat("JO", "F"), seat("KIM", "G"),
               seat("SAM", "F"), seat("SAM", "G", end=dt.date(2026, 6, 30))]  # fmt: skip
    G = network(members=members)
    [explained] = flow_explanations(G, D).values()
    assert explained.kind == "unstaffed"
    assert explained.sentence == (
        "Aville forum is cut off: nobody sits on both it and Region group, the group it reports to."
    )
    assert explained.evidence == (
        "Sam Patel (Aville Refugee Aid) left Region group on 30 June 2026 and still sits on "
        "Aville forum.",
    )
    assert explained.fixes[0] == (
        "Jo Smith (Aville Council) sits on Aville forum and could join Region group, where "
        "their organisation already has Kim Lee (Aville Council)."
    )
    unnamed = flow_explanations(G, D, names=False)["F"]
    assert unnamed.evidence[0].startswith("Someone from Aville Refugee Aid left Region group")
    assert unnamed.fixes[0] == (
        "Someone from Aville Council on Aville forum could join Region group, where Aville "
        "Council already has a member."
    )


@pytest.mark.parametrize(
    ("lines", "sentence"),
    [
        ([], "Aville forum has no reporting line to any other group."),
        ([{"from_group_id": "F", "to_group_id": "N"}],
         "Aville forum: its lines go straight to national level (National body), skipping "
         "the regional level, so the partnership does not hear from it."),
    ],
)  # fmt: skip
def test_no_route_says_why(lines, sentence):
    G = network(members=[seat("JO", "F"), seat("JO", "N")], lines=lines)
    assert flow_explanations(G, D)["F"].sentence == sentence


def test_a_fragile_group_names_the_line_that_hangs_on_one_person():
    G = network(members=[*UP, seat("SAM", "F"), seat("SAM", "G")])
    explained = flow_explanations(G, D)["F"]
    assert explained.kind == "fragile"
    assert explained.sentence == (
        "Aville forum hangs on 2 people, each alone on a line: only Ali Khan (Home Office) "
        "carries Region group → National body; only Sam Patel (Aville Refugee Aid) carries "
        "Aville forum → Region group."
    )
    assert "Sam" not in flow_explanations(G, D, names=False)["F"].sentence


def test_candidate_carriers_colleagues_first_then_neighbours():
    # Jo (council) sits on the forum, Kim (council) on the region's group: colleagues.
    # Sam carries the staffed line Region group → National body and sits on G: neighbour.
    members = [seat("JO", "F"), seat("KIM", "G"), seat("SAM", "G"), seat("SAM", "N")]
    G = network(members=members)
    found = [(c["person_id"], c["sits_on"], c["join"], c["how"])
             for c in candidate_carriers(G, D, "F", "G")]  # fmt: skip
    assert found == [
        ("JO", "F", "G", "colleague"),
        ("KIM", "G", "F", "colleague"),
        ("SAM", "G", "F", "neighbour"),
    ]


def test_nobody_is_proposed_for_a_line_they_carry_or_from_an_organisation_not_there():
    G = network(members=[seat("SAM", "F"), seat("SAM", "G"), seat("ALI", "G")])
    assert candidate_carriers(G, D, "F", "G") == []  # Sam carries it; Ali has no colleague


def test_leads_from_the_shared_index_equal_leads_found_one_area_at_a_time():
    from pathlib import Path

    from loader.validate import load_workbook

    sample = Path(__file__).resolve().parent.parent / "data" / "sample" / "uk"
    G = build_network(load_workbook(sample).tables)
    index = vcs_organisations_by_area(G)
    day = dt.date(2026, 9, 30)
    areas = [d["id"] for _k, d in G.nodes(data=True) if d.get("label") == "Area"]
    above = [d["id"] for _k, d in G.nodes(data=True) if d.get("type") in ("region", "nation")]
    assert len(areas) > 300 and any(len(index.get(a, ())) > 1 for a in areas)
    for area in sorted(areas)[::8] + above:  # every eighth area, and regions and nations
        assert coverage_leads(G, day, area, vcs_orgs=index) == coverage_leads(G, day, area)
