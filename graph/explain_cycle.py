"""The rep cycle and the group rules in sentences: what a strategy lead reads on the
Coverage page, in the explorer's details, in ``smp analyse --format table`` and in the
quarterly report (names of people only where ``names``; otherwise their role).

Each function takes an entry of :func:`graph.repcycle.rep_cycle` or
:func:`graph.rules.group_rules` and the network it came from.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

import networkx as nx

from core.words import count, uk_date
from graph.model import AREA, GROUP, ORGANISATION, PERSON, node_key
from graph.repcycle import SEATED_WITHIN_DAYS, round_day
from graph.rules import members_at
from graph.words import SECTOR_WORDS

__all__ = ["breaches", "cycle_sentence", "rule_sentence", "warning_sentence"]


def _name(G: nx.MultiDiGraph, label: str, id_: str | None) -> str:
    data = G.nodes.get(node_key(label, id_)) if id_ else None
    return (data or {}).get("name") or (id_ or "")


def _person(G: nx.MultiDiGraph, person_id: str | None, names: bool, role: str) -> str:
    """A person by name and organisation, or (``names`` off) by the role given."""
    if not names or not person_id:
        return role
    person = G.nodes.get(node_key(PERSON, person_id))
    if person is None:
        return role
    org = _name(G, ORGANISATION, person.get("org_id")) if person.get("org_id") else ""
    return f"{person.get('name')} ({org})" if org else str(person.get("name"))


def _joined(items: list[str]) -> str:
    """``"A"``, ``"A and B"``, ``"A, B and C"``.

    >>> _joined(["A"]), _joined(["A", "B"]), _joined(["A", "B", "C"])
    ('A', 'A and B', 'A, B and C')
    """
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _round(G: nx.MultiDiGraph, election_id: str | None) -> dict:
    return next((r for r in G.graph.get("elections", ()) if r["election_id"] == election_id), {})


def _rounds_of(G: nx.MultiDiGraph, area_id: str) -> list[dict]:
    return [r for r in G.graph.get("elections", ()) if r["area_id"] == area_id]


def cycle_sentence(G: nx.MultiDiGraph, entry: dict, as_of: dt.date, names: bool = True) -> str:
    """Where one council area stands in the rep cycle, in a sentence.

    ``entry`` is one of :func:`graph.repcycle.rep_cycle`'s ``areas``.
    """
    area = entry.get("area_name") or _name(G, AREA, entry["area_id"])
    status, ends = entry["status"], uk_date(entry.get("term_end"))
    running = _round(G, entry.get("election_id"))
    runner = ""
    if running.get("contact_person_id"):
        runner = f", run by {_person(G, running['contact_person_id'], names, 'a local contact')}"
    if status == "covered":
        return f"{area} has an elected VCS rep" + (f" until {ends}." if ends else ".")
    if status == "renewal_due":
        return (f"{area}'s rep's term ends on {ends} and no election has opened to renew it: "
                "nominations should open now.")  # fmt: skip
    if status == "renewal_running":
        return (f"{area}'s rep's term ends on {ends}; the election to renew it opened on "
                f"{uk_date(running.get('nominations_open'))}{runner}.")  # fmt: skip
    if status == "election_running":
        return (f"{area} has no elected VCS rep; an election opened on "
                f"{uk_date(running.get('nominations_open'))}{runner}.")  # fmt: skip
    if status == "last_round_failed":
        past = [r for r in _rounds_of(G, entry["area_id"]) if round_day(r) <= as_of]
        last = max(past, key=lambda r: (round_day(r), r["election_id"]), default={})
        what = "had no candidates" if last.get("outcome") == "no_candidates" else "was void"
        day = uk_date(round_day(last)) if last else ""
        return (f"{area} has no elected VCS rep, and its last election ({day}) {what}: a new "
                "round is needed.")  # fmt: skip
    past = [r for r in _rounds_of(G, entry["area_id"]) if round_day(r) <= as_of]
    last = max(past, key=lambda r: (round_day(r), r["election_id"]), default={})
    if last.get("outcome") == "elected":
        chosen = _person(G, last.get("elected_person_id"), names, "a rep")
        return (f"{area} has no elected VCS rep at present; the election of "
                f"{uk_date(round_day(last))} chose {chosen}.")  # fmt: skip
    return f"{area} has no elected VCS rep and no election under way."


def warning_sentence(G: nx.MultiDiGraph, warning: dict, names: bool = True) -> str:
    """One warning of :func:`graph.repcycle.rep_cycle`, in a sentence."""
    area = _name(G, AREA, warning["area_id"])
    kind, people = warning["kind"], warning["person_ids"]
    if kind == "shared_seat":
        group = _name(G, GROUP, warning.get("group_id"))
        who = _joined([_person(G, p, names, "a VCS rep") for p in people])
        if not names:
            who = f"{len(people)} people"
        return (f"{area}'s VCS rep seat on {group} is held by {who} at once; the role cannot "
                "be shared.")  # fmt: skip
    round_ = _round(G, warning.get("election_id"))
    elected = _person(G, people[0], names, "")
    if kind == "elected_not_seated":
        since = "its approval" if round_.get("approved_date") else "the vote"
        return (f"{elected or 'Someone'} was elected as {area}'s VCS rep on "
                f"{uk_date(round_.get('vote_date') or round_.get('nominations_open'))} but "
                f"held no rep seat within {SEATED_WITHIN_DAYS} days of {since}.")  # fmt: skip
    if kind == "not_approved":
        who = f"{elected} as {area}'s VCS rep" if elected else f"{area}'s VCS rep"
        return (f"The election of {who} "
                f"({uk_date(round_.get('vote_date') or round_.get('nominations_open'))}) has no "
                "record that the local VCS approved it.")  # fmt: skip
    if kind == "rep_never_meets_lead":
        lead_id = G.nodes[node_key(AREA, warning["area_id"])].get("lead_person_id")
        rep_id = next((p for p in people if p != lead_id), people[0])
        rep = _person(G, rep_id, names, "")
        lead = _person(G, lead_id, names, "")
        rep, lead = (f", {rep}," if rep else ""), (f", {lead}" if lead else "")
        return (f"{area}'s VCS rep{rep} sits on no group with the council's lead for "
                f"migration{lead}: the rep is meant to work closely with them.")  # fmt: skip
    return f"{area}: {kind.replace('_', ' ')}."


def _sector(sector: str | None) -> str:
    return SECTOR_WORDS.get(sector or "", sector or "no organisation")


def rule_sentence(G: nx.MultiDiGraph, entry: dict, as_of: dt.date) -> str:
    """One entry of :func:`graph.rules.group_rules`, in a sentence that says whether the
    group keeps the rule and by how much it misses it."""
    group = _name(G, GROUP, entry["group_id"])
    rule, expected, actual = entry["rule"], entry["expected"], entry["actual"]
    terms = "its terms of reference say"
    if rule == "meetings_min":
        met = f"met {count(actual, 'time')}" if actual else "did not meet"
        return (f"{group} {met} in the 12 months to {uk_date(as_of)}; "
                f"{terms} at least {expected}.")  # fmt: skip
    if rule in ("members_min", "members_max"):
        bound = "at least" if rule == "members_min" else "at most"
        return f"{group} has {count(actual, 'member')}; {terms} {bound} {expected}."
    if rule == "sector_min":
        return (f"{group} has {count(actual, 'member')} from {_sector(entry.get('sector'))}; "
                f"{terms} at least {expected}.")  # fmt: skip
    if rule == "councillors_min":
        return (f"{group} has {count(actual, 'councillor member')}; {terms} at least "
                f"{expected}.")  # fmt: skip
    if rule == "chair_sector":
        if actual is None:
            return f"{group} has no chair; {terms} the chair comes from {_sector(expected)}."
        return (f"{group}'s chair is from {_sector(actual)}; {terms} the chair comes from "
                f"{_sector(expected)}.")  # fmt: skip
    if rule == "party_max_share":
        party, share = _largest_party(G, entry["group_id"], as_of)
        if party is None:
            return (f"{group} has no councillor members of a party; {terms} no party more "
                    f"than {expected}%.")  # fmt: skip
        return (f"{party} holds {share:.0f}% of {group}'s councillor seats; {terms} no party "
                f"more than {expected}%.")  # fmt: skip
    if rule == "each_dispersal_council":
        missing = [_name(G, AREA, a) for a in entry.get("missing", [])]
        if not missing:
            return f"{group} has a member from every dispersal council in its area."
        councils = "a dispersal council" if len(missing) == 1 else "dispersal councils"
        return (f"{group} has no member from {_joined(missing)}, {councils} (a councillor or "
                "council officer from each is expected).")  # fmt: skip
    return f"{group}: {rule.replace('_', ' ')} {expected}, found {actual}."


def _largest_party(G: nx.MultiDiGraph, group_id: str, as_of: dt.date) -> tuple[str | None, float]:
    members = members_at(G, as_of).get(node_key(GROUP, group_id), set())
    councillors = [p for p in members if G.nodes[p].get("councillor")]
    parties = Counter(G.nodes[p].get("party") for p in councillors if G.nodes[p].get("party"))
    if not parties:
        return None, 0.0
    party, n = sorted(parties.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return party, 100 * n / len(councillors)


def breaches(entries: Iterable[dict]) -> list[dict]:
    """The entries of :func:`graph.rules.group_rules` that do not hold."""
    return [e for e in entries if not e["holds"]]
