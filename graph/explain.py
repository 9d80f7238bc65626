"""Findings in plain English, with their evidence and what could fix them.

One explanation per coverage gap, per broken local group and per fragile one, used
alike by the app, the quarterly report and ``smp analyse``. People are named
("Jo Smith (Migrant Help)") only when ``names`` is True; otherwise they are described
by role ("the elected rep"), never by id. Organisations, groups and areas are public
and always named.

Suggestions turn a finding into an action:

- :func:`candidate_carriers`: who could carry an unstaffed reporting line: people
  already on one end whose organisation has someone on the other end, then people
  who carry a neighbouring staffed line (so already sit on one end);
- :func:`coverage_leads`: for an uncovered area, the VCS organisations based there
  and the area's earlier reps.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

import networkx as nx

from core.words import count, uk_date
from graph.coverage import area_contains, reason_for, rep_memberships, works_for_vcs
from graph.flow import Routes, flow_graph, information_flow
from graph.model import (
    AREA,
    GROUP,
    ORGANISATION,
    PERSON,
    is_active,
    memberships,
    node_key,
    nodes_of,
)
from graph.model import reporting_lines as lines_of
from graph.privacy import only_confidential
from graph.words import SECTOR_WORDS, SELECTION_WORDS

__all__ = [
    "Explanation",
    "Seats",
    "candidate_carriers",
    "carrier_words",
    "coverage_explanation",
    "coverage_explanations",
    "coverage_leads",
    "flow_explanations",
    "person_words",
    "vcs_organisations_by_area",
]

LEADS_SHOWN = 5


@dataclass(frozen=True)
class Explanation:
    """A finding about one area or group: ``sentence`` says it, ``evidence`` backs it,
    ``fixes`` say what could mend it (each a sentence)."""

    subject_id: str
    subject: str
    kind: str  # the reason code (not_vcs, unstaffed, fragile...)
    sentence: str
    evidence: tuple[str, ...] = ()
    fixes: tuple[str, ...] = ()
    people: tuple[str, ...] = field(default=(), repr=False)  # ids named, for redaction

    def as_dict(self) -> dict:
        data = asdict(self)
        data["evidence"], data["fixes"] = list(self.evidence), list(self.fixes)
        data.pop("people")
        return data


def _name(G: nx.MultiDiGraph, key: str) -> str:
    data = G.nodes.get(key, {})
    return data.get("name") or data.get("id") or key


def _org_of(G: nx.MultiDiGraph, person: str) -> dict:
    org_id = G.nodes[person].get("org_id")
    return G.nodes.get(node_key(ORGANISATION, org_id), {}) if org_id else {}


def person_words(G: nx.MultiDiGraph, person: str, names: bool, role: str = "person") -> str:
    """A person as a sentence names them: "Jo Smith (Migrant Help)", or, without names,
    ``role`` ("the elected rep") with their organisation.

    >>> from graph.model import build_network
    >>> G = build_network({
    ...     "organisations": [{"org_id": "O", "name": "Migrant Help", "sector": "vcs"}],
    ...     "people": [{"person_id": "P", "name": "Jo Smith", "org_id": "O"}]})
    >>> person_words(G, "person:P", True), person_words(G, "person:P", False, "the rep")
    ('Jo Smith (Migrant Help)', 'the rep (Migrant Help)')
    """
    org = _org_of(G, person).get("name")
    if names:
        who = G.nodes[person].get("name") or G.nodes[person]["id"]
        return f"{who} ({org})" if org else who
    return f"{role} ({org})" if org else role


def _someone(G: nx.MultiDiGraph, person: str) -> str:
    """A person without their name: "someone from Migrant Help"."""
    org = _org_of(G, person).get("name")
    return f"someone from {org}" if org else "someone"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _term(data: dict) -> str:
    start, end = data.get("start"), data.get("end")
    if start and end:
        return f"from {uk_date(start)} to {uk_date(end)}"
    if end:
        return f"until {uk_date(end)}"
    if start:
        return f"from {uk_date(start)}, with no end date"
    return "with no start or end date"


def coverage_explanation(
    G: nx.MultiDiGraph,
    as_of: dt.date,
    area_id: str,
    names: bool = True,
    reps: list[tuple[str, str, dict]] | None = None,
    vcs_orgs: dict[str, list[str]] | None = None,
) -> Explanation:
    """Why an area is covered or not at ``as_of``, from its ``vcs_rep`` memberships.

    The sentence follows the contract's first rule that applies (see
    :func:`graph.coverage.area_status`). ``reps`` (``rep_memberships(G)[area_id]``)
    may be passed when already computed.

    Examples
    --------
    >>> from graph.model import build_network
    >>> G = build_network({
    ...     "areas": [{"area_id": "A", "name": "Doncaster", "type": "local_authority"}],
    ...     "organisations": [{"org_id": "C", "name": "Doncaster Council",
    ...                        "sector": "local_government"}],
    ...     "people": [{"person_id": "P", "name": "Jo Smith", "org_id": "C"}],
    ...     "groups": [{"group_id": "G", "name": "Forum", "level": "local"}],
    ...     "memberships": [{"person_id": "P", "group_id": "G", "role": "vcs_rep",
    ...                      "represents_area_id": "A", "selection": "elected"}]})
    >>> coverage_explanation(G, dt.date(2026, 9, 30), "A").sentence
    'Doncaster: the elected rep, Jo Smith, works for Doncaster Council, which is not a \
voluntary-sector organisation (local government).'
    """
    area = _name(G, node_key(AREA, area_id))
    if reps is None:
        reps = rep_memberships(G).get(area_id, [])
    reason = reason_for(G, reps, as_of)
    active = [(p, d) for p, _g, d in reps if is_active(d["start"], d["end"], as_of)]
    leads = tuple(coverage_leads(G, as_of, area_id, names, reps, vcs_orgs))
    if reason is None:
        return _covered(G, area_id, area, active, names)
    if reason == "not_elected":
        sentence, evidence, people = _not_elected(G, area, active, names)
    elif reason == "not_vcs":
        sentence, evidence, people = _not_vcs(G, area, active, names)
    elif reason == "expired":
        sentence, evidence, people = _expired(G, area, reps, as_of, names)
    elif reason == "not_started":
        sentence, evidence, people = _not_started(G, area, reps, as_of, names)
    else:
        sentence, evidence, people = f"{area}: no VCS rep has been recorded for this area.", [], []
    return Explanation(area_id, area, reason, sentence, tuple(evidence), leads, tuple(people))


#: A gap as :func:`coverage_explanation` words it: the sentence, the evidence, and the
#: ids of the people named.
_Gap = tuple[str, list[str], list[str]]


def _named(G: nx.MultiDiGraph, person: str, names: bool) -> list[str]:
    """The person's id when people are named, for :attr:`Explanation.people`."""
    return [G.nodes[person]["id"]] if names else []


def _covered(
    G: nx.MultiDiGraph, area_id: str, area: str, active: list[tuple[str, dict]], names: bool
) -> Explanation:
    """A covered area: by its elected VCS rep whose term runs longest."""
    person, data = max(
        ((p, d) for p, d in active if d["selection"] == "elected" and works_for_vcs(G, p)),
        key=lambda pd: pd[1]["end"] or dt.date.max,
    )
    if not names and only_confidential(G, person):  # nothing of them for a viewer
        return Explanation(area_id, area, "covered", f"{area}: covered by an elected VCS rep.",
                           people=(G.nodes[person]["id"],))  # fmt: skip
    who = person_words(G, person, names, "an elected VCS rep")
    end = f"until {uk_date(data['end'])}" if data["end"] else "with no end date"
    return Explanation(area_id, area, "covered", f"{area}: covered by {who}, {end}.",
                       people=(G.nodes[person]["id"],))  # fmt: skip


def _not_elected(
    G: nx.MultiDiGraph, area: str, active: list[tuple[str, dict]], names: bool
) -> _Gap:
    """The rep in post was not elected: how they were chosen, and their term."""
    person, data = next((p, d) for p, d in active if d["selection"] != "elected")
    selection = SELECTION_WORDS.get(data["selection"], data["selection"])
    sentence = (
        f"{area}: the rep in post, {person_words(G, person, names, 'the rep in post')}, was "
        f"{selection}, not elected by the local VCS."
        if names
        else f"{area}: the rep in post was {selection}, not elected by the local VCS."
    )
    return sentence, [f"Their term runs {_term(data)}."], _named(G, person, names)


def _not_vcs(G: nx.MultiDiGraph, area: str, active: list[tuple[str, dict]], names: bool) -> _Gap:
    """The elected rep does not work for a VCS organisation: whom they work for."""
    person, _data = active[0]
    org = _org_of(G, person)
    if names:
        subject = f"the elected rep, {G.nodes[person].get('name') or G.nodes[person]['id']},"
    else:
        subject = "the elected rep"
    if org:
        sector = SECTOR_WORDS.get(org.get("sector"), org.get("sector") or "")
        sentence = (
            f"{area}: {subject} works for {org.get('name')}, which is not a "
            f"voluntary-sector organisation ({sector})."
        )
    else:
        sentence = (
            f"{area}: {subject} has no organisation recorded, so does not count as a "
            "voluntary-sector rep."
        )
    return sentence, [], _named(G, person, names)


def _expired(
    G: nx.MultiDiGraph, area: str, reps: list[tuple[str, str, dict]], as_of: dt.date, names: bool
) -> _Gap:
    """The last rep's term has ended: when, who it was, and when a new term starts."""
    person, _g, data = max(
        ((p, g, d) for p, g, d in reps if d["end"] is not None and d["end"] < as_of),
        key=lambda pgd: pgd[2]["end"],
    )
    elected = "elected " if data["selection"] == "elected" else ""
    sentence = f"{area}: the last {elected}VCS rep's term ended on {uk_date(data['end'])}."
    evidence = [
        f"The rep was {person_words(G, person, True, 'the rep')}."
        if names
        else _capital(f"{_someone(G, person)} was the rep.")
    ]
    upcoming = [d for _p, _g, d in reps if d["start"] is not None and d["start"] > as_of]
    if upcoming:
        first = min(d["start"] for d in upcoming)
        evidence.append(f"A new term starts on {uk_date(first)}.")
    return sentence, evidence, _named(G, person, names)


def _not_started(
    G: nx.MultiDiGraph, area: str, reps: list[tuple[str, str, dict]], as_of: dt.date, names: bool
) -> _Gap:
    """The next rep's term has not started: when it starts, and who it will be."""
    person, _g, data = min(
        ((p, g, d) for p, g, d in reps if d["start"] is not None and d["start"] > as_of),
        key=lambda pgd: pgd[2]["start"],
    )
    sentence = f"{area}: the next VCS rep's term starts on {uk_date(data['start'])}."
    evidence = [
        f"The rep will be {person_words(G, person, True, 'the rep')}."
        if names
        else _capital(f"{_someone(G, person)} will be the rep.")
    ]
    return sentence, evidence, _named(G, person, names)


def coverage_explanations(
    G: nx.MultiDiGraph, as_of: dt.date, area_ids: Iterable[str], names: bool = True
) -> dict[str, Explanation]:
    """:func:`coverage_explanation` of each area, sharing one scan of the memberships
    and of the organisations."""
    reps, orgs = rep_memberships(G), vcs_organisations_by_area(G)
    return {a: coverage_explanation(G, as_of, a, names, reps.get(a, []), orgs) for a in area_ids}


def vcs_organisations_by_area(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Area id → names of the VCS organisations based in it or in an area below it,
    sorted (one scan of the organisations, for many areas' leads)."""
    out: dict[str, list[str]] = defaultdict(list)
    for _k, d in nodes_of(G, ORGANISATION):
        if d.get("sector") != "vcs" or d.get("area_id") is None:
            continue
        seen: set[str] = set()
        node: str | None = d["area_id"]
        while node is not None and node not in seen:
            seen.add(node)
            out[node].append(d.get("name") or d["id"])
            parent = G.nodes.get(node_key(AREA, node))
            node = parent.get("parent_id") if parent else None
    return {area: sorted(names) for area, names in out.items()}


def area_vcs_organisations(G: nx.MultiDiGraph, area_id: str) -> list[str]:
    """The names of the VCS organisations based in ``area_id`` (or below it), sorted: the
    whole list that :func:`coverage_leads` names the first LEADS_SHOWN of."""
    return sorted(
        d.get("name") or d["id"]
        for _k, d in nodes_of(G, ORGANISATION)
        if d.get("sector") == "vcs"
        and d.get("area_id") is not None
        and area_contains(G, area_id, d["area_id"])
    )


def coverage_leads(
    G: nx.MultiDiGraph,
    as_of: dt.date,
    area_id: str,
    names: bool = True,
    reps: list[tuple[str, str, dict]] | None = None,
    vcs_orgs: dict[str, list[str]] | None = None,
) -> list[str]:
    """Where to look for a rep of ``area_id``: the VCS organisations based in the area
    (or below it), and the area's earlier reps (named only with ``names``).
    ``vcs_orgs`` (:func:`vcs_organisations_by_area`) may be passed when already made."""
    orgs = area_vcs_organisations(G, area_id) if vcs_orgs is None else vcs_orgs.get(area_id, [])
    leads = []
    if orgs:
        shown = ", ".join(orgs[:LEADS_SHOWN])
        more = f" and {len(orgs) - LEADS_SHOWN} more" if len(orgs) > LEADS_SHOWN else ""
        leads.append(f"VCS organisations based in the area: {shown}{more}.")
    else:
        leads.append("No VCS organisation in the data is based in the area.")
    if reps is None:
        reps = rep_memberships(G).get(area_id, [])
    earlier = sorted(
        ((p, d) for p, _g, d in reps if d["end"] is not None and d["end"] < as_of),
        key=lambda pd: pd[1]["end"],
        reverse=True,
    )
    if earlier and names:
        latest: dict[str, dt.date] = {}
        for person, data in earlier:  # the most recent term of each person
            latest.setdefault(person, data["end"])
        shown = [f"{person_words(G, p, True)}, until {uk_date(end)}" for p, end in latest.items()]
        leads.append("Earlier reps: " + "; ".join(shown[:LEADS_SHOWN]) + ".")
    elif earlier:
        leads.append(f"The area has had {count(len(earlier), 'earlier rep term')}.")
    return leads


# --- Information flow ------------------------------------------------------------------


def _group_name(G: nx.MultiDiGraph, group_id: str) -> str:
    return _name(G, node_key(GROUP, group_id))


def _line(G: nx.MultiDiGraph, u: str, v: str) -> str:
    return f"{_group_name(G, u)} → {_group_name(G, v)}"


class Seats:
    """Who sits where, found in one scan of the memberships and shared by every line
    asked about: ``active[group_id]`` (person ids active at ``as_of``), ``spans``
    (``spans[group_id][person_id]``: that person's memberships of the group) and
    ``org`` (person id → org id)."""

    def __init__(self, G: nx.MultiDiGraph, as_of: dt.date) -> None:
        self.as_of = as_of
        self.active: dict[str, set[str]] = defaultdict(set)
        self.spans: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        nodes = G.nodes
        for person, group, _key, data in memberships(G):
            gid, pid = nodes[group]["id"], nodes[person]["id"]
            self.spans[gid][pid].append(data)
            if is_active(data["start"], data["end"], as_of):
                self.active[gid].add(pid)
        self.org = {
            d["id"]: d.get("org_id") for _k, d in G.nodes(data=True) if d.get("label") == PERSON
        }


def candidate_carriers(
    G: nx.MultiDiGraph,
    as_of: dt.date,
    u: str,
    v: str,
    F: nx.DiGraph | None = None,
    seats: Seats | None = None,
) -> list[dict]:
    """People who could carry the reporting line ``u → v`` (group ids), best first.

    1. **colleague**: someone with an active membership of one end whose organisation
       has someone with an active membership of the other end;
    2. **neighbour**: someone who carries another staffed line into or out of one of
       the two ends (so already sits on that end and on a group next to it).

    Each entry: ``person_id``, ``sits_on`` (the end they are on), ``join`` (the end
    they would join), ``how`` (``colleague`` or ``neighbour``) and ``via`` (the
    colleague's person id, or the neighbouring line as ``[from, to]``). Nobody is
    proposed who already sits on both ends. ``F`` (the flow graph) and ``seats``
    (:class:`Seats`) may be passed when already built, for many lines.

    Examples
    --------
    >>> from graph.model import build_network
    >>> G = build_network({
    ...     "organisations": [{"org_id": "C", "name": "Council", "sector": "local_government"}],
    ...     "people": [{"person_id": "A", "name": "Ann", "org_id": "C"},
    ...                {"person_id": "B", "name": "Bo", "org_id": "C"}],
    ...     "groups": [{"group_id": g, "name": g, "level": lvl}
    ...                for g, lvl in (("L", "local"), ("R", "regional"))],
    ...     "memberships": [{"person_id": "A", "group_id": "L", "role": "member"},
    ...                     {"person_id": "B", "group_id": "R", "role": "member"}],
    ...     "reporting_lines": [{"from_group_id": "L", "to_group_id": "R"}]})
    >>> [(c["person_id"], c["join"], c["how"]) for c in
    ...  candidate_carriers(G, dt.date(2026, 9, 30), "L", "R")]
    [('A', 'R', 'colleague'), ('B', 'L', 'colleague')]
    """
    F = flow_graph(G, as_of) if F is None else F
    seats = Seats(G, as_of) if seats is None else seats
    found = _colleagues(seats, u, v)
    _add_neighbours(found, F, seats, u, v)
    rank = {"colleague": 0, "neighbour": 1}
    return sorted(found.values(), key=lambda c: (rank[c["how"]], c["person_id"]))


def _colleagues(seats: Seats, u: str, v: str) -> dict[str, dict]:
    """Person id → :func:`candidate_carriers` entry of each person on one end of
    ``u → v`` whose organisation has someone on the other end."""
    on, org = seats.active, seats.org
    both = on[u] & on[v]
    found: dict[str, dict] = {}
    for here, there in ((u, v), (v, u)):
        orgs_there: dict[str, str] = {}
        for person in sorted(on[there]):
            if org.get(person):
                orgs_there.setdefault(org[person], person)
        for person in sorted(on[here] - both):
            colleague = orgs_there.get(org.get(person)) if org.get(person) else None
            if colleague and person not in found:
                found[person] = {"person_id": person, "sits_on": here, "join": there,
                                 "how": "colleague", "via": colleague}  # fmt: skip
    return found


def _add_neighbours(found: dict[str, dict], F: nx.DiGraph, seats: Seats, u: str, v: str) -> None:
    """Add to ``found`` the people on one end of ``u → v`` who carry a staffed line
    into or out of either end (each person once: ``found`` keeps its entries)."""
    on = seats.active
    both = on[u] & on[v]
    neighbours = [(a, b) for a, b in (*F.in_edges(v), *F.out_edges(u), *F.in_edges(u),
                                      *F.out_edges(v)) if (a, b) != (u, v)]  # fmt: skip
    for a, b in neighbours:
        edge = F.edges[a, b]
        if not edge.get("staffed"):
            continue
        for person in sorted(edge["staffers"]):
            if person in found or person in both:
                continue
            here = u if person in on[u] else v if person in on[v] else None
            if here is None:
                continue
            found[person] = {"person_id": person, "sits_on": here,
                             "join": v if here == u else u, "how": "neighbour",
                             "via": [a, b]}  # fmt: skip


def carrier_words(G: nx.MultiDiGraph, candidate: dict, names: bool) -> str:
    """A :func:`candidate_carriers` entry as a sentence (the person named with ``names``)."""
    person = node_key(PERSON, candidate["person_id"])
    sits, join = _group_name(G, candidate["sits_on"]), _group_name(G, candidate["join"])
    if candidate["how"] == "colleague":
        if not names:
            org = _org_of(G, person).get("name", "their organisation")
            return (
                f"Someone from {org} on {sits} could join {join}, where {org} already has a member."
            )
        colleague = person_words(G, node_key(PERSON, candidate["via"]), True)
        return (f"{person_words(G, person, True)} sits on {sits} and could join {join}, where "
                f"their organisation already has {colleague}.")  # fmt: skip
    line = _line(G, *candidate["via"])
    if not names:
        return _capital(f"{_someone(G, person)}, who carries {line}, could also join {join}.")
    return f"{person_words(G, person, True)} sits on {sits}, carries {line}, and could join {join}."


def _ended_carriers(
    G: nx.MultiDiGraph, seats: Seats, u: str, v: str, names: bool
) -> list[tuple[str, str]]:
    """People who carried ``u → v`` and stopped, most recent first: within the last
    year, or else the last one (sentence, person id)."""
    as_of = seats.as_of
    found = []
    for pid in set(seats.spans[u]) & set(seats.spans[v]):
        person = node_key(PERSON, pid)
        for left, stayed in ((u, v), (v, u)):
            ended = [d["end"] for d in seats.spans[left][pid] if d["end"] and d["end"] < as_of]
            if pid in seats.active[stayed] and pid not in seats.active[left] and ended:
                found.append((max(ended), person, left, stayed))
    found.sort(reverse=True)
    year_ago = as_of - dt.timedelta(days=365)
    recent = [f for f in found if f[0] >= year_ago] or found[:1]
    out = []
    for ended, person, left, stayed in recent:
        who = person_words(G, person, True) if names else _someone(G, person)
        out.append((
            _capital(f"{who} left {_group_name(G, left)} on {uk_date(ended)} and still sits "
                     f"on {_group_name(G, stayed)}."), G.nodes[person]["id"],
        ))  # fmt: skip
    return out


def _ended_lines(G: nx.MultiDiGraph, as_of: dt.date) -> dict[str, list[tuple[str, dt.date]]]:
    """``{group id: [(to group id, end date), ...]}`` of the lines ended before ``as_of``,
    in the graph's order (one pass for all the groups :func:`_no_route` explains)."""
    ended: dict[str, list[tuple[str, dt.date]]] = defaultdict(list)
    for a, b, _k, d in lines_of(G):
        if d["end"] is not None and d["end"] < as_of:
            ended[G.nodes[a]["id"]].append((G.nodes[b]["id"], d["end"]))
    return ended


def _no_route(
    G: nx.MultiDiGraph, F: nx.DiGraph, ended_lines: Mapping[str, list], group: str
) -> tuple[str, list]:
    name = _group_name(G, group)
    out = list(F.successors(group))
    ended = ended_lines.get(group, [])
    evidence = [f"Its line to {_group_name(G, b)} ended on {uk_date(end)}." for b, end in ended]
    if not out:
        return f"{name} has no reporting line to any other group.", evidence
    levels = {b: F.nodes[b].get("level") for b in out}
    if all(level == "national" for level in levels.values()):
        targets = ", ".join(_group_name(G, b) for b in out)
        return (f"{name}: its lines go straight to national level ({targets}), skipping the "
                "regional level, so the partnership does not hear from it.", evidence)  # fmt: skip
    targets = ", ".join(_group_name(G, b) for b in out)
    return (f"{name}: none of its lines ({targets}) leads on to a regional group that reports "
            "to national level.", evidence)  # fmt: skip


def flow_explanations(
    G: nx.MultiDiGraph,
    as_of: dt.date,
    names: bool = True,
    flow: dict | None = None,
    F: nx.DiGraph | None = None,
    groups: Iterable[str] | None = None,
) -> dict[str, Explanation]:
    """An explanation for each broken and each fragile local group (of ``groups``, if
    given), keyed by group id. ``flow`` and ``F`` may be passed when already computed.

    - ``unstaffed``: each unstaffed line on its routes ("A → B: nobody sits on both"),
      who carried it before and stopped, and candidate carriers;
    - ``no_route``: why no route exists (no line, lines straight to national level...);
    - ``fragile``: which lines hang on one person each ("only Sam Patel carries A → B").
    """
    F = flow_graph(G, as_of) if F is None else F
    flow = information_flow(G, as_of, F) if flow is None else flow
    wanted = None if groups is None else set(groups)
    seats = Seats(G, as_of)
    ended_lines = None
    out: dict[str, Explanation] = {}
    for entry in flow["broken"]:
        group = entry["group_id"]
        if wanted is not None and group not in wanted:
            continue
        if entry["reason"] == "no_route":
            if ended_lines is None:
                ended_lines = _ended_lines(G, as_of)
            sentence, evidence = _no_route(G, F, ended_lines, group)
            out[group] = Explanation(
                group, _group_name(G, group), "no_route", sentence, tuple(evidence)
            )
            continue
        out[group] = _unstaffed(G, F, seats, entry, names)
    routes = Routes(F)
    for entry in flow["fragile"]:
        if wanted is not None and entry["group_id"] not in wanted:
            continue
        out[entry["group_id"]] = _fragile(G, F, routes, entry, names)
    return out


def _unstaffed(
    G: nx.MultiDiGraph, F: nx.DiGraph, seats: Seats, entry: dict, names: bool
) -> Explanation:
    """A local group cut off by lines nobody carries: the lines, who carried them
    before and stopped, and who could carry them."""
    group = entry["group_id"]
    name = _group_name(G, group)
    edges = [tuple(e) for e in entry.get("unstaffed_edges", [])]
    lines = [f"{_line(G, u, v)}: nobody sits on both" for u, v in edges]
    if len(edges) == 1 and edges[0][0] == group:
        sentence = (f"{name} is cut off: nobody sits on both it and "
                    f"{_group_name(G, edges[0][1])}, the group it reports to.")  # fmt: skip
    elif len(edges) == 1:
        sentence = f"{name} is cut off: {lines[0]}."
    else:
        sentence = (f"{name} is cut off: {len(lines)} lines on its routes have nobody on "
                    f"both ends ({'; '.join(lines)}).")  # fmt: skip
    evidence, fixes, people = [], [], []
    for u, v in edges:
        for text, person in _ended_carriers(G, seats, u, v, names):
            evidence.append(text)
            people.append(person)
        for candidate in candidate_carriers(G, seats.as_of, u, v, F, seats)[:LEADS_SHOWN]:
            fixes.append(carrier_words(G, candidate, names))
            people.append(candidate["person_id"])
    return Explanation(group, name, "unstaffed", sentence, tuple(evidence),
                       tuple(dict.fromkeys(fixes)), tuple(people))  # fmt: skip


def _fragile(
    G: nx.MultiDiGraph, F: nx.DiGraph, routes: Routes, entry: dict, names: bool
) -> Explanation:
    """A local group heard through one person on a line: the lines each carries alone."""
    group = entry["group_id"]
    name = _group_name(G, group)
    on_routes = routes.edges(group)
    parts, people = [], []
    for person in entry["single_points_of_failure"]:
        carried = sorted(
            (u, v) for u, v in on_routes if F.edges[u, v]["staffers"] == frozenset({person})
        )
        key = node_key(PERSON, person)
        who = person_words(G, key, True) if names else f"one person, {_someone(G, key)},"
        shown = ", ".join(_line(G, u, v) for u, v in carried)
        parts.append(f"only {who} carries {shown}" if carried else f"{who} is needed")
        people.append(person)
    hangs = "one person" if len(parts) == 1 else f"{len(parts)} people, each alone on a line"
    sentence = f"{name} hangs on {hangs}: {'; '.join(parts)}."
    fixes = ("A second person on each of these lines would make it safe.",)
    return Explanation(group, name, "fragile", sentence, (), fixes, tuple(people))
