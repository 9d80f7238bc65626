"""The rep cycle (contract §5): where each council area's VCS rep stands in the round
of nominations, votes, approvals and renewals, and what looks wrong in it.

Reps are elected by their peers for a year: a local contact opens nominations, a vote
follows, the local VCS approves the appointment, and the round comes again before the
term ends. Each ``local_authority`` area has one status at D:

- covered (the contract's §3 rule; the latest-ending covering seat counts):
  ``renewal_due`` when its term ends within 90 days after D (inclusive) and no round
  is running, ``renewal_running`` when one is, else ``covered``;
- not covered: ``election_running`` when a round is running, else
  ``last_round_failed`` when the area's latest round on or before D (by vote date,
  else the day nominations opened) ended ``no_candidates`` or ``void``, else
  ``no_election``.

A round is *running* at D when its outcome is ``pending`` and its nominations opened
on or before D. Warnings: ``shared_seat``, ``elected_not_seated``, ``not_approved``,
``rep_never_meets_lead`` (see :func:`rep_cycle`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

import networkx as nx

from graph.coverage import TERM_WARNING_DAYS, rep_memberships, works_for_vcs
from graph.model import AREA, PERSON, is_active, memberships, node_key, nodes_of

__all__ = [
    "SEATED_WITHIN_DAYS",
    "STATUSES",
    "WARNINGS",
    "covering_seat",
    "rep_cycle",
    "round_day",
    "running_round",
]

STATUSES = (
    "renewal_due", "renewal_running", "covered", "election_running", "last_round_failed",
    "no_election",
)  # fmt: skip
WARNINGS = ("elected_not_seated", "not_approved", "rep_never_meets_lead", "shared_seat")
#: An elected person should hold the seat within this many days of the approval.
SEATED_WITHIN_DAYS = 60

Round = Mapping
Seat = tuple[str, str, dict]  # (person key, group key, membership data)


def round_day(round_: Round) -> dt.date:
    """The day a round is dated by: its vote, else the day nominations opened."""
    return round_.get("vote_date") or round_["nominations_open"]


def _pending(round_: Round) -> bool:
    return (round_.get("outcome") or "pending") == "pending"


def running_round(rounds: list[Round], as_of: dt.date) -> Round | None:
    """The round running at ``as_of``: pending, nominations open on or before it (the
    latest opened, where several are)."""
    running = [r for r in rounds if _pending(r) and r["nominations_open"] <= as_of]
    return max(running, key=lambda r: (r["nominations_open"], r["election_id"]), default=None)


def _latest_ended(rounds: list[Round], as_of: dt.date) -> Round | None:
    """The area's latest round dated on or before ``as_of`` (by :func:`round_day`)."""
    past = [r for r in rounds if round_day(r) <= as_of]
    return max(past, key=lambda r: (round_day(r), r["election_id"]), default=None)


def covering_seat(G: nx.MultiDiGraph, reps: list[Seat], as_of: dt.date) -> Seat | None:
    """Of an area's ``vcs_rep`` seats, the covering one that counts at ``as_of``: active,
    elected, held by someone in a ``vcs`` organisation, the latest-ending (an open end
    is the latest), then the smallest person id."""
    covering = [
        (p, g, d)
        for p, g, d in reps
        if is_active(d["start"], d["end"], as_of)
        and d["selection"] == "elected"
        and works_for_vcs(G, p)
    ]
    if not covering:
        return None
    latest = max((d["end"] is None, d["end"] or dt.date.min) for _p, _g, d in covering)
    tied = [s for s in covering if (s[2]["end"] is None, s[2]["end"] or dt.date.min) == latest]
    return min(tied, key=lambda s: G.nodes[s[0]]["id"])


def rep_cycle(G: nx.MultiDiGraph, as_of: dt.date, days: int = TERM_WARNING_DAYS) -> dict:
    """The contract's ``rep_cycle`` object at ``as_of``: every council area's status
    (``areas``, sorted by id) and the ``warnings`` (sorted by area, kind, people).

    Each area has ``area_id``, ``status`` and ``election_id`` (the running round the
    status counts, else None), and also ``area_name``, ``term_end`` (ISO, of the
    counted seat; None when ongoing or uncovered), ``rep_person_id`` and
    ``contact_person_id`` (of the running round).

    Warnings, each ``{"kind", "area_id", "person_ids"}``:

    - ``shared_seat``: two or more people hold active ``vcs_rep`` seats for the area on
      the same group (also ``group_id``);
    - ``elected_not_seated``: a round dated on or before D ended ``elected``, and the
      person elected holds no ``vcs_rep`` seat for the area active on any day within
      :data:`SEATED_WITHIN_DAYS` after its approval (else its vote; also
      ``election_id``);
    - ``not_approved``: a round ended ``elected`` with no approval date;
    - ``rep_never_meets_lead``: the area's covering rep and its lead (``lead_person_id``)
      share no group where both have an active membership at D.

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.model import build_network
    >>> G = build_network({
    ...     "areas": [{"area_id": "A", "name": "Aville", "type": "local_authority"}],
    ...     "elections": [{"election_id": "E-1", "area_id": "A", "outcome": "no_candidates",
    ...                    "nominations_open": dt.date(2026, 5, 1)}]})
    >>> rep_cycle(G, dt.date(2026, 9, 30))["areas"]  # doctest: +NORMALIZE_WHITESPACE
    [{'area_id': 'A', 'status': 'last_round_failed', 'election_id': None,
      'area_name': 'Aville', 'term_end': None, 'rep_person_id': None,
      'contact_person_id': None}]
    """
    horizon = as_of + dt.timedelta(days=days)
    by_area = rep_memberships(G)
    rounds: dict[str, list[Round]] = defaultdict(list)
    for round_ in G.graph.get("elections", ()):
        rounds[round_["area_id"]].append(round_)
    groups_of: dict[str, set[str]] = defaultdict(set)  # person key -> active groups
    for person, group, _key, _data in memberships(G, as_of):
        groups_of[person].add(group)

    areas, warnings = [], []
    for _key, data in nodes_of(G, AREA):
        if data.get("type") != "local_authority":
            continue
        area_id, reps, own = data["id"], by_area.get(data["id"], []), rounds.get(data["id"], [])
        seat = covering_seat(G, reps, as_of)
        running = running_round(own, as_of)
        if seat is not None:
            end = seat[2]["end"]
            if end is not None and end <= horizon:
                status = "renewal_running" if running else "renewal_due"
            else:
                status, running = "covered", None
        elif running is not None:
            status = "election_running"
        else:
            latest = _latest_ended(own, as_of)
            failed = latest is not None and latest.get("outcome") in ("no_candidates", "void")
            status = "last_round_failed" if failed else "no_election"
        areas.append(
            {
                "area_id": area_id,
                "status": status,
                "election_id": running["election_id"] if running else None,
                "area_name": data.get("name"),
                "term_end": seat[2]["end"].isoformat() if seat and seat[2]["end"] else None,
                "rep_person_id": G.nodes[seat[0]]["id"] if seat else None,
                "contact_person_id": running.get("contact_person_id") if running else None,
            }
        )
        warnings += _warnings(G, data, reps, own, seat, groups_of, as_of)
    areas.sort(key=lambda a: a["area_id"])
    warnings.sort(key=lambda w: (w["area_id"], w["kind"], w["person_ids"], w.get("group_id", "")))
    return {"areas": areas, "warnings": warnings}


def _warnings(
    G: nx.MultiDiGraph,
    area: dict,
    reps: list[Seat],
    rounds: list[Round],
    seat: Seat | None,
    groups_of: Mapping[str, set[str]],
    as_of: dt.date,
) -> list[dict]:
    """The warnings of one council area (see :func:`rep_cycle`)."""
    area_id, out = area["id"], []
    on_group: dict[str, set[str]] = defaultdict(set)
    for person, group, data in reps:
        if is_active(data["start"], data["end"], as_of):
            on_group[group].add(G.nodes[person]["id"])
    for group, people in sorted(on_group.items()):
        if len(people) > 1:
            out.append({"kind": "shared_seat", "area_id": area_id, "person_ids": sorted(people),
                        "group_id": G.nodes[group]["id"]})  # fmt: skip
    for round_ in rounds:
        if round_.get("outcome") != "elected" or not round_.get("elected_person_id"):
            continue
        person_id = round_["elected_person_id"]
        if round_.get("approved_date") is None:
            out.append({"kind": "not_approved", "area_id": area_id, "person_ids": [person_id],
                        "election_id": round_["election_id"]})  # fmt: skip
        if round_day(round_) <= as_of and not _seated(G, reps, person_id, round_):
            out.append({"kind": "elected_not_seated", "area_id": area_id,
                        "person_ids": [person_id],
                        "election_id": round_["election_id"]})  # fmt: skip
    lead = area.get("lead_person_id")
    if lead and seat is not None:
        rep = seat[0]
        lead_key = node_key(PERSON, lead)
        if not groups_of.get(rep, set()) & groups_of.get(lead_key, set()):
            out.append({"kind": "rep_never_meets_lead", "area_id": area_id,
                        "person_ids": sorted({G.nodes[rep]["id"], lead})})  # fmt: skip
    return out


def _seated(G: nx.MultiDiGraph, reps: list[Seat], person_id: str, round_: Round) -> bool:
    """Whether ``person_id`` holds a ``vcs_rep`` seat for the round's area active on some
    day from its approval (else its vote, else its opening) to :data:`SEATED_WITHIN_DAYS`
    after."""
    first = round_.get("approved_date") or round_day(round_)
    last = first + dt.timedelta(days=SEATED_WITHIN_DAYS)
    return any(
        G.nodes[p]["id"] == person_id
        and (d["start"] is None or d["start"] <= last)
        and (d["end"] is None or d["end"] >= first)
        for p, _g, d in reps
    )
