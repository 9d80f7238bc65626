"""Coverage rules of contract §3 on networks small enough to check by hand."""

from __future__ import annotations

import pytest

from graph.coverage import coverage, coverage_warnings
from tests.networks import D, coverage_network, day


def reasons(G) -> dict[str, str]:
    return {g["area_id"]: g["reason"] for g in coverage(G, D)["gaps"]}


def test_no_rep_at_all():
    result = coverage(coverage_network([]), D)
    assert result["areas_total"] == 3 and result["areas_covered"] == 0
    assert [g["reason"] for g in result["gaps"]] == ["no_rep"] * 3
    assert [g["area_id"] for g in result["gaps"]] == ["A", "B", "C"]


def test_elected_vcs_rep_covers():
    G = coverage_network([("P1", "vcs", "A", {})])
    assert reasons(G) == {"B": "no_rep", "C": "no_rep"}
    assert coverage(G, D)["areas_covered"] == 1


@pytest.mark.parametrize(
    ("attrs", "sector", "reason"),
    [
        ({"selection": "nominated"}, "vcs", "not_elected"),
        ({"selection": "appointed"}, "local_government", "not_elected"),
        ({}, "local_government", "not_vcs"),
        ({}, None, "not_vcs"),
        ({"end_date": day(-1)}, "vcs", "expired"),
        ({"start_date": day(1)}, "vcs", "not_started"),
    ],
)
def test_each_reason(attrs, sector, reason):
    assert reasons(coverage_network([("P1", sector, "A", attrs)]))["A"] == reason


@pytest.mark.parametrize(
    "attrs",
    [
        {"end_date": D},
        {"start_date": D},
        {"start_date": D, "end_date": D},
        {"start_date": day(-365)},
    ],
)
def test_term_boundaries_are_inclusive(attrs):
    assert "A" not in reasons(coverage_network([("P1", "vcs", "A", attrs)]))


def test_reason_order_not_elected_before_not_vcs_before_expired():
    G = coverage_network(
        [
            ("P1", "vcs", "A", {"end_date": day(-10)}),
            ("P2", "health", "A", {}),
            ("P3", "vcs", "A", {"selection": "co_opted"}),
            ("P4", "vcs", "A", {"start_date": day(5)}),
        ]
    )
    assert reasons(G)["A"] == "not_elected"
    G = coverage_network([("P1", "vcs", "A", {"end_date": day(-10)}), ("P2", "health", "A", {})])
    assert reasons(G)["A"] == "not_vcs"


def test_expired_before_not_started():
    G = coverage_network(
        [("P1", "vcs", "A", {"end_date": day(-1)}), ("P2", "vcs", "A", {"start_date": day(1)})]
    )
    assert reasons(G)["A"] == "expired"


def test_renewed_term_covers_and_is_not_ending_soon():
    G = coverage_network(
        [
            ("P1", "vcs", "A", {"start_date": day(-300), "end_date": day(30)}),
            ("P1", "vcs", "A", {"start_date": day(31), "end_date": day(395)}),
            ("P2", "vcs", "B", {"start_date": day(-300), "end_date": day(30)}),
        ]
    )
    assert coverage(G, D)["areas_covered"] == 2
    ending = coverage_warnings(G, D)["terms_ending_soon"]
    assert [(t["area_id"], t["end_date"]) for t in ending] == [("B", day(30).isoformat())]


def test_one_active_elected_vcs_rep_is_enough_whatever_else():
    G = coverage_network([("P1", "vcs", "A", {}), ("P2", "vcs", "A", {"selection": "nominated"})])
    assert "A" not in reasons(G)


def test_areas_other_than_local_authorities_are_out_of_scope():
    G = coverage_network([])
    assert coverage(G, D)["areas_total"] == 3  # region R is not counted


def test_person_representing_two_areas():
    G = coverage_network([("P1", "vcs", "A", {}), ("P1", "vcs", "B", {})])
    assert coverage_warnings(G, D)["reps_of_several_areas"] == [
        {"person_id": "P1", "area_ids": ["A", "B"]}
    ]


def test_rep_on_a_group_whose_area_does_not_contain_theirs():
    from graph.model import build_network

    G = build_network(
        {
            "areas": [
                {"area_id": "R1", "name": "R1", "type": "region"},
                {"area_id": "R2", "name": "R2", "type": "region"},
                {"area_id": "A", "name": "A", "type": "local_authority", "parent_id": "R1"},
                {"area_id": "B", "name": "B", "type": "local_authority", "parent_id": "R2"},
            ],
            "organisations": [{"org_id": "V", "name": "V", "sector": "vcs"}],
            "people": [{"person_id": "P1", "name": "P1", "org_id": "V"}],
            "groups": [{"group_id": "G1", "name": "G1", "level": "regional", "area_id": "R1"}],
            "memberships": [
                {"person_id": "P1", "group_id": "G1", "role": "vcs_rep",
                 "represents_area_id": area, "selection": "elected"}
                for area in ("A", "B")
            ],
        }
    )  # fmt: skip
    outside = coverage_warnings(G, D)["reps_outside_group_area"]
    assert [(o["area_id"], o["group_area_id"]) for o in outside] == [("B", "R1")]
