"""Tiny hand-checkable networks for the analyses' unit tests."""

from __future__ import annotations

import datetime as dt

from graph.model import build_network

D = dt.date(2026, 9, 30)


def day(offset: int) -> dt.date:
    """A date ``offset`` days from the as-of date ``D``."""
    return D + dt.timedelta(days=offset)


def flow_network(groups: dict[str, str], lines, members, people=None):
    """A flow network from ``groups`` (id → level), ``lines`` ((from, to[, attrs]))
    and ``members`` ((person, group[, attrs]))."""
    people = people or sorted({m[0] for m in members})
    return build_network(
        {
            "groups": [{"group_id": g, "name": g, "level": lvl, "area_id": None}
                       for g, lvl in groups.items()],
            "people": [{"person_id": p, "name": p} for p in people],
            "memberships": [
                {"person_id": m[0], "group_id": m[1], "role": "member",
                 **(m[2] if len(m) > 2 else {})}
                for m in members
            ],
            "reporting_lines": [
                {"from_group_id": ln[0], "to_group_id": ln[1], **(ln[2] if len(ln) > 2 else {})}
                for ln in lines
            ],
        }
    )  # fmt: skip


def coverage_network(reps, areas=("A", "B", "C"), orgs=None):
    """``reps``: (person, org sector or None, area, attrs) for vcs_rep memberships of group G."""
    orgs = orgs or {}
    people, organisations, memberships = [], [], []
    for index, (person, sector, area, attrs) in enumerate(reps):
        org_id = None
        if sector is not None:
            org_id = f"O-{index}"
            organisations.append({"org_id": org_id, "name": org_id, "sector": sector})
        if person not in {p["person_id"] for p in people}:
            people.append({"person_id": person, "name": person, "org_id": org_id})
        memberships.append(
            {"person_id": person, "group_id": "G", "role": "vcs_rep", "represents_area_id": area,
             "selection": "elected", **attrs}
        )  # fmt: skip
    return build_network(
        {
            "areas": [{"area_id": "R", "name": "Region", "type": "region"}]
            + [{"area_id": a, "name": f"Area {a}", "type": "local_authority", "parent_id": "R"}
               for a in areas],
            "organisations": organisations,
            "people": people,
            "groups": [{"group_id": "G", "name": "Forum", "level": "regional", "area_id": "R"}],
            "memberships": memberships,
        }
    )  # fmt: skip
