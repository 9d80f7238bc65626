"""All analyses at one date, in the shape ``smp analyse --format json`` prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import networkx as nx

from core.forked import Forked
from core.memory import no_gc
from graph.coverage import coverage, coverage_warnings
from graph.engagement import DEFAULT_REP_EXPECTATION, RepExpectation, engagement
from graph.explain import coverage_explanations, flow_explanations
from graph.explain_cycle import breaches, cycle_sentence, rule_sentence, warning_sentence
from graph.flow import downward_flow, flow_graph, information_flow
from graph.measures import network_measures
from graph.model import ORGANISATION, PERSON, node_key, unchanged
from graph.repcycle import rep_cycle
from graph.rules import group_rules
from graph.sectors import DEFAULT_EXPECTATIONS, Expectation, sector_balance

__all__ = ["analyse", "explain_analysis", "people_named"]


def analyse(
    G: nx.MultiDiGraph,
    as_of: dt.date,
    expectations: tuple[Expectation, ...] = DEFAULT_EXPECTATIONS,
    measures: bool = True,
    rep_expectation: RepExpectation = DEFAULT_REP_EXPECTATION,
    parallel: bool = False,
) -> dict:
    """The contract's ``as_of``, ``coverage`` and ``flow``, plus the extras under own keys.

    The same as calling :func:`~graph.coverage.coverage`,
    :func:`~graph.coverage.coverage_warnings`, :func:`~graph.flow.information_flow`,
    :func:`~graph.flow.downward_flow`, :func:`~graph.sectors.sector_balance`,
    :func:`~graph.engagement.engagement` and :func:`~graph.measures.network_measures`
    one by one, but the graph is scanned
    once for them all (see :func:`graph.model.unchanged`) and the flow graph is
    built once for both directions. The garbage collector is paused meanwhile
    (:func:`core.memory.no_gc`): at national scale it would otherwise spend a
    fifth of the time walking the graph.

    ``parallel`` computes the network measures (half the time at national scale) in
    a forked copy of this process while this one computes the rest: the same result,
    sooner on two or more cores. For single-threaded callers (the command line, the
    benchmark); where ``fork`` is not available, or the copy fails, the measures are
    computed here as usual.
    """
    with unchanged(G), no_gc(), _measures(G, as_of, measures and parallel) as pending:
        F = flow_graph(G, as_of)
        result = {
            "as_of": as_of.isoformat(),
            "coverage": {**coverage(G, as_of), **coverage_warnings(G, as_of)},
            "flow": information_flow(G, as_of, F),
            "flow_down": downward_flow(G, as_of, F),
            "sector_balance": sector_balance(G, as_of, expectations),
            "engagement": engagement(G, as_of, rep_expectation, F),
            "rep_cycle": rep_cycle(G, as_of),
            "group_rules": group_rules(G, as_of),
        }
        if measures:
            result["measures"] = pending.result()
    return result


def _measures(G: nx.MultiDiGraph, as_of: dt.date, parallel: bool) -> Forked[dict]:
    """:func:`~graph.measures.network_measures` of ``G``: in a forked copy from the
    start of the block when ``parallel`` (see :class:`core.forked.Forked`), else when
    asked for."""

    def work() -> dict:
        with unchanged(G), no_gc():
            return network_measures(G, as_of)

    return Forked(work, parallel=parallel)


def _person_ids(result: dict) -> set[str]:
    """Every person id an analysis result mentions."""
    coverage, measures = result["coverage"], result.get("measures", {})
    ids = {p for f in result["flow"]["fragile"] for p in f["single_points_of_failure"]}
    ids |= {t["person_id"] for t in coverage.get("terms_ending_soon", [])}
    ids |= {r["person_id"] for r in coverage.get("reps_of_several_areas", [])}
    ids |= {r["person_id"] for r in coverage.get("reps_outside_group_area", [])}
    for key in ("brokers", "busiest_people"):
        ids |= {r["person_id"] for r in measures.get(key, [])}
    met = result.get("engagement", {})
    ids |= {r["person_id"] for r in met.get("reps_below_expectation", [])}
    ids |= {c["person_id"] for line in met.get("paper_only_lines", []) for c in line["carriers"]}
    cycle = result.get("rep_cycle", {})
    ids |= {p for w in cycle.get("warnings", []) for p in w["person_ids"]}
    return ids


def people_named(G: nx.MultiDiGraph, person_ids: Iterable[str]) -> dict[str, dict]:
    """``{person_id: {"name": ..., "organisation": ...}}``, sorted by id (personal data)."""
    out = {}
    for pid in sorted(person_ids):
        person = G.nodes.get(node_key(PERSON, pid))
        if person is None:
            continue
        org = G.nodes.get(node_key(ORGANISATION, person.get("org_id") or ""), {})
        out[pid] = {"name": person.get("name"), "organisation": org.get("name")}
    return out


def explain_analysis(G: nx.MultiDiGraph, as_of: dt.date, result: dict, names: bool = True) -> dict:
    """What ``smp analyse`` adds to :func:`analyse`'s result for people: a sentence with
    its evidence and suggested fixes for every coverage gap and every broken or fragile
    local group (:mod:`graph.explain`), and, with ``names``, the name and organisation
    of every person the result mentions by id."""
    with unchanged(G), no_gc():
        areas = [g["area_id"] for g in result["coverage"]["gaps"]]
        coverage = coverage_explanations(G, as_of, areas, names)
        flow = flow_explanations(G, as_of, names, result["flow"])
        cycle = result.get("rep_cycle", {"areas": [], "warnings": []})
        rep_cycle = [
            {"subject_id": a["area_id"], "status": a["status"],
             "sentence": cycle_sentence(G, a, as_of, names)}
            for a in cycle["areas"] if a["status"] != "covered"
        ] + [
            {"subject_id": w["area_id"], "warning": w["kind"],
             "sentence": warning_sentence(G, w, names)}
            for w in cycle["warnings"]
        ]  # fmt: skip
        rules = [
            {"subject_id": e["group_id"], "rule": e["rule"],
             "sentence": rule_sentence(G, e, as_of)}
            for e in breaches(result.get("group_rules", []))
        ]  # fmt: skip
    extra = {
        "explanations": {
            "coverage": [coverage[a].as_dict() for a in sorted(coverage)],
            "flow": [flow[g].as_dict() for g in sorted(flow)],
            "rep_cycle": rep_cycle,
            "group_rules": rules,
        }
    }
    if names:
        mentioned = _person_ids(result) | {p for e in (*coverage.values(), *flow.values())
                                           for p in e.people}  # fmt: skip
        extra["people"] = people_named(G, mentioned)
    return extra
