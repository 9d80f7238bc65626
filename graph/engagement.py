"""Engagement: attendance against what the partnerships expect, and lines carried only
on paper.

The seeds set the expectations: a VCS rep attends 8 meetings a year, 4 face to face
and 4 online, and 2 VCS engagement days; a regional strategic group meets at least
three times a year; every group declares ``meetings_per_year``. All of it is measured
over a window: the 12 months up to the as-of date, both ends inclusive (from the same
day a year earlier).

- A meeting counts for a person when it falls in the window and they were a member of
  its group on the day, or attended it, and its attendance was taken (someone is
  listed for it in ``attendance``, present or not: a meeting nobody is listed for
  says nothing of who missed it). ``hybrid`` counts as both in person and online.
  Meetings of ``engagement_event`` groups are engagement days, counted apart.
- A rep's expectation is pro rata when their rep term began inside the window; a
  group's declared meetings are pro rata when the group is younger than the window
  (its first meeting or membership inside it). Pro rata figures are rounded to the
  nearest whole number.
- Meetings are judged up to the latest meeting the workbook records in the window: a
  workbook exported in September says nothing of October, so with an as-of date in
  November the window ends at that last meeting and every expectation is pro rata to
  it. ``window`` in the result gives the days judged.
- Only what the workbook records can be judged: a rep none of whose groups recorded a
  meeting with its attendance in the window, or a line one of whose groups recorded
  none, is left out (``not_recorded``), never counted as absent. Groups are judged on
  the meetings they held, whether or not attendance was taken.

A *line carried only on paper* is an active, staffed reporting line whose every
carrier attended no meeting of one of its two groups in the window. It is an extra
finding beside the contract's flow analysis, which stays as defined.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from core.errors import BadValue
from graph.coverage import region_of
from graph.flow import flow_graph
from graph.model import AREA, GROUP, MEETING, is_active, memberships, node_key, nodes_of
from graph.sectors import STRATEGIC_KINDS

__all__ = [
    "DEFAULT_REP_EXPECTATION",
    "STRATEGIC_MINIMUM",
    "Meetings",
    "RepExpectation",
    "engagement",
    "group_meetings",
    "load_rep_expectation",
    "paper_only_lines",
    "person_attendance",
    "rep_attendance",
    "rep_partnerships",
    "window",
]

#: The seeds' minimum meetings a year for a regional strategic group.
STRATEGIC_MINIMUM = 3


@dataclass(frozen=True)
class RepExpectation:
    """What a VCS rep is expected to attend in a year (configurable)."""

    meetings: int = 8
    in_person: int = 4
    online: int = 4
    engagement_days: int = 2


DEFAULT_REP_EXPECTATION = RepExpectation()
#: The most meetings of any kind a rep may be expected to attend in a year (a bound, so
#: that a mistyped figure is refused rather than overflowing the arithmetic).
MOST_EXPECTED = 1_000


def load_rep_expectation(path: str | Path) -> RepExpectation:
    """A :class:`RepExpectation` from JSON (``{"meetings": 8, "in_person": 4, ...}``; a
    key left out keeps the seeds' figure). Raises :class:`~core.errors.BadValue`."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BadValue("rep_expectation", f"{path} is not a readable JSON file ({err})") from err
    fields = RepExpectation.__dataclass_fields__
    if not isinstance(data, dict) or set(data) - set(fields):
        raise BadValue(
            "rep_expectation", f"{path}: expected an object with some of {', '.join(fields)}"
        )

    def whole(v: object) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MOST_EXPECTED

    bad = [k for k, v in data.items() if not whole(v)]
    if bad:
        raise BadValue(
            "rep_expectation",
            f"{path}: {', '.join(bad)} must be whole numbers from 0 to {MOST_EXPECTED:,}",
        )
    return RepExpectation(**data)


def window(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The 12 months up to ``as_of``, both ends inclusive.

    >>> window(dt.date(2026, 9, 30))
    (datetime.date(2025, 9, 30), datetime.date(2026, 9, 30))
    >>> window(dt.date(2028, 2, 29))
    (datetime.date(2027, 2, 28), datetime.date(2028, 2, 29))
    """
    try:
        start = as_of.replace(year=as_of.year - 1)
    except ValueError:  # 29 February
        start = as_of.replace(year=as_of.year - 1, day=28)
    return start, as_of


def pro_rata(figure: int, share: float) -> int:
    """``figure`` for a ``share`` of the year, to the nearest whole number (halves up).

    >>> pro_rata(8, 1.0), pro_rata(8, 0.5), pro_rata(2, 0.25), pro_rata(3, 0.9)
    (8, 4, 1, 3)
    """
    return math.floor(figure * share + 0.5)


class Meetings:
    """The meetings of the window, who attended them, and who belonged to their groups.

    ``end`` is the last day judged: ``as_of``, or the latest meeting recorded anywhere
    in the network when that is earlier (a workbook exported on 30 September says
    nothing of October's meetings); ``year`` is the window's length in days, against
    which the part judged is pro rata."""

    def __init__(self, G: nx.MultiDiGraph, as_of: dt.date) -> None:
        self.start, as_of = window(as_of)
        self.year = (as_of - self.start).days + 1
        self.by_group: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        self.first: dict[str, dt.date] = {}
        latest = None
        for key, d in nodes_of(G, MEETING):
            day = d.get("date")
            if day is None:
                continue
            group = node_key(GROUP, d["group_id"])
            self.first[group] = min(day, self.first.get(group, day))
            if self.start <= day <= as_of:
                self.by_group[group].append((key, d))
                latest = day if latest is None else max(latest, day)
        self.end = latest or as_of
        self.attended: dict[str, set[str]] = defaultdict(set)  # person -> meetings
        # Meetings whose attendance was taken (someone listed, present or not), by group:
        # only these can say who missed them.
        self.taken: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        for group, meetings in self.by_group.items():
            for key, d in meetings:
                listed = False
                for person, keyed in G.pred[key].items():
                    for data in keyed.values():
                        if data.get("rel") != "ATTENDED":
                            continue
                        listed = True
                        if data.get("attended", True):
                            self.attended[person].add(key)
                if listed:
                    self.taken[group].append((key, d))
        self.G = G

    def seats(self, person: str) -> list[tuple[str, dict]]:
        """Every membership of ``person``, past and present: ``(group, data)``."""
        return [(group, data) for _p, group, data in self.G.out_edges(person, data=True)
                if data.get("rel") == "MEMBER_OF"]  # fmt: skip


def _format_counts(meetings: list[dict]) -> tuple[int, int]:
    in_person = sum(1 for d in meetings if d.get("format") in ("in_person", "hybrid"))
    online = sum(1 for d in meetings if d.get("format") in ("online", "hybrid"))
    return in_person, online


def person_attendance(
    G: nx.MultiDiGraph, person: str, as_of: dt.date, m: Meetings | None = None
) -> dict:
    """One person's meetings in the window: ``held`` (of their groups, while a member,
    or attended), ``attended``, ``missed``, ``in_person`` and ``online`` (attended),
    ``engagement_days`` (engagement events attended), and ``recorded`` (whether any of
    their groups recorded a meeting in the window)."""
    m = Meetings(G, as_of) if m is None else m
    relevant: dict[str, dict] = {}
    recorded = False
    for group, data in m.seats(person):
        meetings = m.taken.get(group, ())
        recorded = recorded or bool(meetings)
        for key, meeting in meetings:
            if is_active(data["start"], data["end"], meeting["date"]):
                relevant[key] = meeting
    for key in m.attended.get(person, ()):  # all in the window
        relevant[key] = G.nodes[key]
        recorded = True
    kinds = {k: G.nodes.get(node_key(GROUP, d["group_id"]), {}).get("kind")
             for k, d in relevant.items()}  # fmt: skip
    events = {k for k, kind in kinds.items() if kind == "engagement_event"}
    went = [d for k, d in relevant.items() if k in m.attended.get(person, ()) and k not in events]
    in_person, online = _format_counts(went)
    held = len(relevant) - len(events)
    return {
        "held": held, "attended": len(went), "missed": held - len(went),
        "in_person": in_person, "online": online,
        "engagement_days": sum(1 for k in events if k in m.attended.get(person, ())),
        "recorded": recorded,
    }  # fmt: skip


def _rep_share(m: Meetings, person: str) -> float:
    """The share of the window ``person`` was a VCS rep (for their pro rata expectation)."""
    served = set()
    for _group, data in m.seats(person):
        if data["role"] != "vcs_rep":
            continue
        first = max(m.start, data["start"] or m.start)
        last = min(m.end, data["end"] or m.end)
        served.update(range((first - m.start).days, (last - m.start).days + 1))
    return len(served) / m.year


def rep_partnerships(G: nx.MultiDiGraph, as_of: dt.date) -> dict[str, str | None]:
    """Each VCS rep in post (person id) → the partnership (region or nation area id) of
    the first area they represent: where the report and the app count their attendance."""
    out: dict[str, str | None] = {}
    for person, _group, _key, data in memberships(G, as_of):
        if data["role"] == "vcs_rep" and data.get("represents") is not None:
            region = region_of(G, node_key(AREA, data["represents"]))
            out.setdefault(G.nodes[person]["id"], region)
    return out


def rep_attendance(
    G: nx.MultiDiGraph, as_of: dt.date, expectation: RepExpectation = DEFAULT_REP_EXPECTATION,
    m: Meetings | None = None,
) -> list[dict]:  # fmt: skip
    """Every VCS rep in post at ``as_of`` (an active ``vcs_rep`` membership), sorted by
    id: their attendance (:func:`person_attendance`), ``expected`` (pro rata), and
    ``short`` (what they fall short of, in words; empty when they meet it), or
    ``not_recorded`` when none of their groups recorded a meeting in the window."""
    m = Meetings(G, as_of) if m is None else m
    reps = sorted({p for p, _g, _k, d in memberships(G, as_of) if d["role"] == "vcs_rep"})
    rows = []
    for person in reps:
        seen = person_attendance(G, person, as_of, m)
        share = _rep_share(m, person)
        expected = {
            "meetings": pro_rata(expectation.meetings, share),
            "in_person": pro_rata(expectation.in_person, share),
            "online": pro_rata(expectation.online, share),
            "engagement_days": pro_rata(expectation.engagement_days, share),
        }
        short = [] if not seen["recorded"] else [
            f"{seen[key if key != 'meetings' else 'attended']} of {want} {words}"
            for key, want, words in (
                ("meetings", expected["meetings"], "meetings"),
                ("in_person", expected["in_person"], "in person"),
                ("online", expected["online"], "online"),
                ("engagement_days", expected["engagement_days"], "engagement days"),
            )
            if seen[key if key != "meetings" else "attended"] < want
        ]  # fmt: skip
        rows.append({"person_id": G.nodes[person]["id"], **seen, "expected": expected,
                     "short": short, "not_recorded": not seen["recorded"]})  # fmt: skip
    return rows


def group_meetings(G: nx.MultiDiGraph, as_of: dt.date, m: Meetings | None = None) -> list[dict]:
    """Groups that declare ``meetings_per_year``, or regional strategic groups, with the
    meetings they held in the window against what they declared (pro rata when younger
    than the window) and, for regional strategic groups, the minimum of three; sorted by
    id. ``below`` names what they fall short of. Groups with no meeting recorded ever
    are left out (their meetings are not in the workbook)."""
    m = Meetings(G, as_of) if m is None else m
    rows = []
    earliest: dict[str, dt.date] | None = None  # made when first needed
    for key, d in nodes_of(G, GROUP):
        strategic = d.get("level") == "regional" and d.get("kind") in STRATEGIC_KINDS
        declared = d.get("meetings_per_year")
        if key not in m.first or not (declared or strategic):
            continue
        started = m.first[key]
        if started > m.start:  # first met inside the window: since its first member?
            if earliest is None:
                earliest = _earliest_member_starts(G)
            started = min(started, earliest.get(key, started))
        share = ((m.end - max(started, m.start)).days + 1) / m.year
        held = len(m.by_group.get(key, ()))
        expected = pro_rata(declared or 0, share)
        minimum = pro_rata(STRATEGIC_MINIMUM, share) if strategic else 0
        below = []
        if held < expected:
            below.append(f"{held} of the {expected} meetings it declares")
        if held < minimum:
            below.append(f"{held} of the minimum of {minimum} for a strategic group")
        rows.append({"group_id": d["id"], "group_name": d.get("name"), "held": held,
                     "expected": expected, "minimum": minimum or None, "below": below})  # fmt: skip
    return sorted(rows, key=lambda r: r["group_id"])


def _earliest_member_starts(G: nx.MultiDiGraph) -> dict[str, dt.date]:
    """Group key → the earliest start date of any of its memberships (those with one)."""
    out: dict[str, dt.date] = {}
    for _person, group, _key, data in memberships(G):
        start = data["start"]
        if start is not None and (group not in out or start < out[group]):
            out[group] = start
    return out


def paper_only_lines(
    G: nx.MultiDiGraph, as_of: dt.date, F: nx.DiGraph | None = None, m: Meetings | None = None
) -> list[dict]:
    """Active, staffed reporting lines whose every carrier attended no meeting of one of
    the two groups in the window; each with ``carriers``: ``[{"person_id",
    "attended_from", "attended_to"}]`` (meetings attended of each end). Lines one of
    whose groups recorded no meeting in the window are not judged."""
    F = flow_graph(G, as_of) if F is None else F
    m = Meetings(G, as_of) if m is None else m
    rows = []
    for u, v, data in F.edges(data=True):
        if not data["staffed"]:
            continue
        ends = [{k for k, _d in m.taken.get(node_key(GROUP, g), ())} for g in (u, v)]
        if not ends[0] or not ends[1]:
            continue
        carriers = []
        for person_id in sorted(data["staffers"]):
            went = m.attended.get(node_key("Person", person_id), set())
            carriers.append({"person_id": person_id, "attended_from": len(went & ends[0]),
                             "attended_to": len(went & ends[1])})  # fmt: skip
        if all(c["attended_from"] == 0 or c["attended_to"] == 0 for c in carriers):
            rows.append({"from": u, "to": v, "from_name": F.nodes[u].get("name"),
                         "to_name": F.nodes[v].get("name"), "carriers": carriers})  # fmt: skip
    return sorted(rows, key=lambda r: (r["from"], r["to"]))


def engagement(
    G: nx.MultiDiGraph,
    as_of: dt.date,
    expectation: RepExpectation = DEFAULT_REP_EXPECTATION,
    F: nx.DiGraph | None = None,
) -> dict:
    """The ``engagement`` object of ``smp analyse``: the window, the expectation, the
    reps below it (and how many were judged), the groups meeting less than they
    should, and the lines carried only on paper."""
    m = Meetings(G, as_of)
    reps = rep_attendance(G, as_of, expectation, m)
    judged = [r for r in reps if not r["not_recorded"]]
    groups = group_meetings(G, as_of, m)
    return {
        "window": [m.start.isoformat(), m.end.isoformat()],
        "expectation": expectation.__dict__,
        "reps_judged": len(judged),
        "reps_not_recorded": len(reps) - len(judged),
        "reps_below_expectation": [r for r in judged if r["short"]],
        "groups_meeting_less": [g for g in groups if g["below"]],
        "paper_only_lines": paper_only_lines(G, as_of, F, m),
    }
