"""The findings as tidy pandas DataFrames, for analysts' notebooks and the app's downloads.

One row per thing a person acts on: per coverage gap (:func:`gap_frame`), per line
nobody carries (:func:`unstaffed_line_frame`), per single point of failure
(:func:`single_point_frame`). Names, sentences and real dates first, ids and codes in
the last columns. People are named ("Jo Smith (Migrant Help)") only with
``names=True``; otherwise described by role and organisation.

These are presentation over the analyses (which stay pure NetworkX functions): each
frame is built from :mod:`graph.coverage`, :mod:`graph.flow` and :mod:`graph.explain`.

Examples
--------
>>> import datetime as dt
>>> from graph.model import build_network
>>> G = build_network({
...     "areas": [{"area_id": "R", "name": "Region", "type": "region"},
...               {"area_id": "A", "name": "Aville", "type": "local_authority",
...                "parent_id": "R"}]})
>>> gap_frame(G, dt.date(2026, 9, 30))[["partnership", "area", "status"]]
  partnership    area  status
0      Region  Aville  no rep
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pandas as pd

from graph.coverage import area_status
from graph.explain import (
    Seats,
    candidate_carriers,
    carrier_words,
    coverage_explanations,
    person_words,
)
from graph.flow import Routes, flow_graph, information_flow
from graph.model import AREA, GROUP, PERSON, node_key
from graph.views import group_regions, partnerships
from graph.words import STATUS_WORDS

__all__ = [
    "gap_frame", "rep_cycle_frame", "rule_frame", "single_point_frame", "unstaffed_line_frame",
]  # fmt: skip

CANDIDATES_SHOWN = 3


def _scope(G: nx.MultiDiGraph) -> tuple[dict[str, str], dict[str, str | None]]:
    """Partnership names by area id, and each group's partnership."""
    return dict(partnerships(G)), group_regions(G)


def gap_frame(
    G: nx.MultiDiGraph, as_of: dt.date, region: str | None = None, names: bool = False
) -> pd.DataFrame:
    """One row per council area without an elected VCS rep at ``as_of`` (in ``region``,
    a partnership's area id, if given): partnership, area, status in words, why, where
    to look for a rep, then ``area_id`` and ``reason`` (the contract's code)."""
    partnership_names, _regions = _scope(G)
    gaps = [
        a
        for a in area_status(G, as_of)
        if not a["covered"] and (region is None or a["region_id"] == region)
    ]
    explained = coverage_explanations(G, as_of, [a["area_id"] for a in gaps], names)
    rows = [
        {
            "partnership": partnership_names.get(a["region_id"], ""),
            "area": a["area_name"],
            "status": STATUS_WORDS[a["reason"]],
            "why": explained[a["area_id"]].sentence,
            "where to look": " ".join(explained[a["area_id"]].fixes),
            "area_id": a["area_id"],
            "reason": a["reason"],
        }
        for a in gaps
    ]
    columns = ["partnership", "area", "status", "why", "where to look", "area_id", "reason"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["partnership", "area"], ignore_index=True)


def unstaffed_line_frame(
    G: nx.MultiDiGraph, as_of: dt.date, region: str | None = None, names: bool = False
) -> pd.DataFrame:
    """One row per unstaffed reporting line that cuts a local group off, per group:
    partnership, the local group cut off, the line (from → to), who could carry it
    (at most three candidates, in words), how many candidates there are in all, then
    the ids."""
    partnership_names, regions = _scope(G)
    F = flow_graph(G, as_of)
    flow = information_flow(G, as_of, F)
    seats = Seats(G, as_of)
    rows = []
    for entry in flow["broken"]:
        group = entry["group_id"]
        if region is not None and regions.get(group) != region:
            continue
        for u, v in entry.get("unstaffed_edges", []):
            everyone = candidate_carriers(G, as_of, u, v, F, seats)
            found = everyone[:CANDIDATES_SHOWN]
            rows.append(
                {
                    "partnership": partnership_names.get(regions.get(group), ""),
                    "group cut off": entry["group_name"],
                    "line from": F.nodes[u].get("name") or u,
                    "line to": F.nodes[v].get("name") or v,
                    "who could carry it": " ".join(
                        dict.fromkeys(carrier_words(G, c, names) for c in found)
                    ),
                    "candidates": len(everyone),  # all of them, not only those named
                    "group_id": group,
                    "from_id": u,
                    "to_id": v,
                }
            )
    columns = ["partnership", "group cut off", "line from", "line to", "who could carry it",
               "candidates", "group_id", "from_id", "to_id"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["partnership", "group cut off", "line from"], ignore_index=True)


def single_point_frame(
    G: nx.MultiDiGraph, as_of: dt.date, region: str | None = None, names: bool = False
) -> pd.DataFrame:
    """One row per person a connected local group hangs on: partnership, group, the
    person (named only with ``names``), the lines of the group's routes they alone
    carry, then ``group_id`` and ``person_id`` (only with ``names``)."""
    partnership_names, regions = _scope(G)
    F = flow_graph(G, as_of)
    flow = information_flow(G, as_of, F)
    routes = Routes(F)
    rows = []
    for entry in flow["fragile"]:
        group = entry["group_id"]
        if region is not None and regions.get(group) != region:
            continue
        on_routes = routes.edges(group)
        for person in entry["single_points_of_failure"]:
            alone = sorted(
                (u, v) for u, v in on_routes if F.edges[u, v]["staffers"] == frozenset({person})
            )
            rows.append(
                {
                    "partnership": partnership_names.get(regions.get(group), ""),
                    "group": entry["group_name"],
                    "person": person_words(G, node_key(PERSON, person), names, "someone"),
                    "carries alone": "; ".join(
                        f"{F.nodes[u].get('name') or u} → {F.nodes[v].get('name') or v}"
                        for u, v in alone
                    ),
                    "group_id": group,
                    "person_id": person if names else "",
                }
            )
    columns = ["partnership", "group", "person", "carries alone", "group_id", "person_id"]
    frame = pd.DataFrame(rows, columns=columns)
    if not names:
        frame = frame.drop(columns=["person_id"])
    return frame.sort_values(["partnership", "group"], ignore_index=True)


def rep_cycle_frame(
    G: nx.MultiDiGraph, as_of: dt.date, region: str | None = None, names: bool = False
) -> pd.DataFrame:
    """One row per council area whose rep needs electing or renewing at ``as_of`` (not
    plainly ``covered``), most urgent first, then one per warning: partnership, area,
    status in words, the sentence, the term end and the round's opening (real dates),
    then ``area_id``, ``status`` and ``election_id`` (codes)."""
    from graph.coverage import region_of
    from graph.explain_cycle import cycle_sentence, warning_sentence
    from graph.repcycle import STATUSES, rep_cycle
    from graph.words import CYCLE_WORDS, WARNING_WORDS

    found, partnership = rep_cycle(G, as_of), dict(partnerships(G))
    rounds = {r["election_id"]: r for r in G.graph.get("elections", ())}

    def where(area_id: str) -> str | None:
        return region_of(G, node_key(AREA, area_id))

    rows = []
    for a in found["areas"]:
        if a["status"] == "covered" or (region and where(a["area_id"]) != region):
            continue
        rows.append({
            "partnership": partnership.get(where(a["area_id"]) or ""), "area": a["area_name"],
            "status": CYCLE_WORDS[a["status"]], "what": cycle_sentence(G, a, as_of, names),
            "term ends": dt.date.fromisoformat(a["term_end"]) if a["term_end"] else None,
            "round opened": rounds.get(a["election_id"], {}).get("nominations_open"),
            "area_id": a["area_id"], "code": a["status"], "election_id": a["election_id"],
        })  # fmt: skip
    rows.sort(key=lambda r: (STATUSES.index(r["code"]), r["area"] or ""))
    for w in found["warnings"]:
        if region and where(w["area_id"]) != region:
            continue
        rows.append({
            "partnership": partnership.get(where(w["area_id"]) or ""),
            "area": G.nodes[node_key(AREA, w["area_id"])].get("name"),
            "status": WARNING_WORDS[w["kind"]], "what": warning_sentence(G, w, names),
            "term ends": None, "round opened": None, "area_id": w["area_id"],
            "code": w["kind"], "election_id": w.get("election_id"),
        })  # fmt: skip
    columns = ["partnership", "area", "status", "what", "term ends", "round opened", "area_id",
               "code", "election_id"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def rule_frame(G: nx.MultiDiGraph, as_of: dt.date, region: str | None = None) -> pd.DataFrame:
    """One row per group rule (terms of reference) that applies at ``as_of``, the broken
    ones first: partnership, group, rule in words, whether it is kept, the sentence,
    expected and found, then ``group_id`` and ``rule`` (codes)."""
    from graph.explain_cycle import rule_sentence
    from graph.rules import group_rules
    from graph.words import RULE_WORDS

    names, regions = _scope(G)
    rows = [
        {"partnership": names.get(regions.get(r["group_id"]) or ""),
         "group": G.nodes[node_key(GROUP, r["group_id"])].get("name"),
         "rule": RULE_WORDS[r["rule"]], "kept": "yes" if r["holds"] else "no",
         "what": rule_sentence(G, r, as_of), "expected": r["expected"], "found": r["actual"],
         "group_id": r["group_id"], "code": r["rule"]}
        for r in group_rules(G, as_of)
        if not region or regions.get(r["group_id"]) == region
    ]  # fmt: skip
    rows.sort(key=lambda r: (r["kept"] == "yes", r["partnership"] or "", r["group"] or ""))
    columns = ["partnership", "group", "rule", "kept", "what", "expected", "found", "group_id",
               "code"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)
