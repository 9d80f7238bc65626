"""Sector balance: which expected sectors are missing from regional strategic groups.

The seeds list who should sit on a regional strategic group or board: councils, the
Home Office, the asylum accommodation provider, the asylum support provider, police,
health, migrant workers' bodies (TUC, DWP), higher education and the VCS. Each
expectation matches organisations by sector and, where the sector alone is too
broad, by words in the organisation's name. The list is configurable.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph.model import GROUP, ORGANISATION, memberships, node_key, nodes_of

__all__ = ["DEFAULT_EXPECTATIONS", "Expectation", "load_expectations", "sector_balance"]

STRATEGIC_KINDS = ("strategic_group", "partnership_board")


@dataclass(frozen=True)
class Expectation:
    """A kind of member a strategic group should have."""

    label: str
    sectors: tuple[str, ...]
    name_contains: tuple[str, ...] = ()

    def matches(self, org: dict) -> bool:
        if org.get("sector") not in self.sectors:
            return False
        name = (org.get("name") or "").lower()
        return not self.name_contains or any(word.lower() in name for word in self.name_contains)


DEFAULT_EXPECTATIONS: tuple[Expectation, ...] = (
    Expectation("Local authorities", ("local_government",)),
    Expectation("Home Office", ("central_government",), ("home office", "uk visas", "ukvi")),
    Expectation(
        "Asylum accommodation provider", ("private_provider",),
        ("mears", "serco", "clearsprings", "accommodation"),
    ),
    Expectation(
        "Asylum support provider", ("vcs", "private_provider", "other"),
        ("migrant help", "asylum support", "advice, issue reporting", "aire"),
    ),
    Expectation("Police", ("police",)),
    Expectation("Health", ("health",)),
    Expectation(
        "Migrant workers (TUC, DWP)", ("trade_union", "central_government"),
        ("tuc", "trades union", "dwp", "work and pensions", "jobcentre"),
    ),
    Expectation("Higher education", ("education",), ("university", "college", "higher education")),
    Expectation("Voluntary and community sector", ("vcs",)),
)  # fmt: skip


def load_expectations(path: str | Path) -> tuple[Expectation, ...]:
    """Read expectations from JSON: ``[{"label", "sectors", "name_contains"?}, ...]``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(
        Expectation(item["label"], tuple(item["sectors"]), tuple(item.get("name_contains", ())))
        for item in data
    )


def sector_balance(
    G: nx.MultiDiGraph,
    as_of: dt.date,
    expectations: tuple[Expectation, ...] = DEFAULT_EXPECTATIONS,
    kinds: tuple[str, ...] = STRATEGIC_KINDS,
) -> list[dict]:
    """Per regional strategic group or board: the expected sectors present and missing.

    Members count through the organisation they work for, as of ``as_of``.
    """
    orgs_in: dict[str, set[str]] = {}
    for person, group, _key, _data in memberships(G, as_of):
        org_id = G.nodes[person].get("org_id")
        if org_id is not None:
            orgs_in.setdefault(group, set()).add(org_id)
    rows = []
    for key, data in nodes_of(G, GROUP):
        if data.get("level") != "regional" or data.get("kind") not in kinds:
            continue
        orgs = [G.nodes.get(node_key(ORGANISATION, o), {}) for o in orgs_in.get(key, ())]
        present = [e.label for e in expectations if any(e.matches(o) for o in orgs)]
        rows.append(
            {
                "group_id": data["id"],
                "group_name": data.get("name"),
                "area_id": data.get("area_id"),
                "present": present,
                "missing": [e.label for e in expectations if e.label not in present],
            }
        )
    return sorted(rows, key=lambda r: r["group_id"])
