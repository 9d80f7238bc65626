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

from core.errors import BadValue
from graph.model import GROUP, ORGANISATION, memberships, node_key, nodes_of
from graph.words import SECTOR_WORDS

SECTOR_CODES = tuple(SECTOR_WORDS)

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
    """Read expectations from JSON: ``[{"label", "sectors", "name_contains"?}, ...]``.

    Raises :class:`~core.errors.BadValue` naming the file and what is wrong with it.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BadValue("sectors", f"{path} is not a readable JSON file ({err})") from err
    if not isinstance(data, list):
        raise BadValue(
            "sectors", f"{path}: expected a list of expectations, got {type(data).__name__}"
        )
    expectations = []
    for number, item in enumerate(data, start=1):
        try:
            label, sectors = item["label"], item["sectors"]
            names = item.get("name_contains", ())
        except (KeyError, TypeError, AttributeError) as err:
            raise BadValue(
                "sectors", f'{path}: expectation {number} needs a "label" and "sectors"'
            ) from err
        if not isinstance(label, str) or not isinstance(sectors, list) or not sectors:
            raise BadValue(
                "sectors", f"{path}: expectation {number} needs a text \"label\" and a list "
                "of \"sectors\"",
            )  # fmt: skip
        unknown = [s for s in sectors if s not in SECTOR_CODES]
        if unknown:
            shown = ", ".join(map(str, unknown))
            raise BadValue(
                "sectors", f"{path}: expectation {number} ({label}): {shown} not a sector "
                f"(use {', '.join(SECTOR_CODES)})",
            )  # fmt: skip
        expectations.append(Expectation(label, tuple(sectors), tuple(names)))
    return tuple(expectations)


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
