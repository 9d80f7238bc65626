"""The sample's rep cycle and terms of reference: rounds of elections, council leads,
councillors and their parties, dispersal councils and group rules (contract §5).

Added to the sample after the rest of the network is built (:func:`add_rep_cycle`), from
random numbers of its own, so nothing built before changes. Every council's terms as
an elected rep come with the round that elected them; the deliberate cases below give
every status and warning of the rep cycle at the as-of date, and every rule of
``group_rules.csv`` something to check. :func:`expected_cycle` says what the analyses
must find, and ``synth.sample`` checks it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from synth.vocabulary import PARTIES

if TYPE_CHECKING:  # synth.sample imports this module
    from synth.sample import SampleNetwork, Term

AS_OF = dt.date(2026, 9, 30)
SEED = "20260930:rep-cycle"

#: Rounds running at the as-of date, by council: the day nominations opened (pending).
RUNNING = {
    "E06000001": "2026-09-01",  # Hartlepool: term ends 31 October, renewal running
    "E08000039": "2026-09-10",  # Sheffield: term ends 14 November, renewal running
    "W06000015": "2026-09-15",  # Cardiff: term ends 20 October, renewal running
    "E06000011": "2026-09-07",  # East Riding of Yorkshire: no rep, election running
    "E08000018": "2026-09-14",  # Rotherham: nominated rep only, election running
    "S12000023": "2026-08-20",  # Orkney Islands: no rep, election running
}
#: Rounds that failed, by council: (nominations open, vote or None, outcome).
FAILED = {
    "E06000017": ("2026-05-01", None, "no_candidates"),  # Rutland
    "E06000057": ("2026-03-02", "2026-04-14", "void"),  # Northumberland
}
#: A council whose round elected someone who never took the seat (South Tyneside).
NEVER_SEATED = ("E08000023", "2026-01-12", "2026-02-10", "2026-02-20")
#: A council whose round has no approval date (Wakefield: its first rep starts 15 October).
NOT_APPROVED = "E08000036"
#: A council where a second person was co-opted to the rep's seat on its forum (Leicester).
SHARED = ("E06000016", "2026-06-01")
#: A council whose lead for migration sits on no group with its rep (Barnsley).
LEAD_APART = "E08000038"
#: The East Midlands Regional Migration Board: one dispersal council has nobody on it.
EM_BOARD = "G-EM-BRD"
EM_MISSING = "E07000138"  # Lincoln

#: Group rules: (group_id, kind, rule, sector, value).
RULES: tuple[tuple[Any, ...], ...] = (
    ("G-YH-SMG", None, "meetings_min", None, 3),
    ("G-YH-SMG", None, "sector_min", "vcs", 4),
    ("G-YH-BRD", None, "meetings_min", None, 4),
    (EM_BOARD, None, "councillors_min", None, 15),
    (EM_BOARD, None, "each_dispersal_council", None, True),
    (EM_BOARD, None, "chair_sector", None, "local_government"),
    (EM_BOARD, None, "party_max_share", None, 50),
    (None, "strategic_group", "members_min", None, 12),
    (None, "strategic_group", "chair_sector", None, "local_government"),
    (None, "sub_regional_group", "sector_min", "vcs", 1),
)
#: The rules that must not hold at the as-of date (every other one holds).
BREACHES = frozenset({(EM_BOARD, "councillors_min"), (EM_BOARD, "each_dispersal_council")})


@dataclass
class Cycle:
    """What :func:`add_rep_cycle` made, for GAPS.md and the checks."""

    statuses: dict[str, str] = field(default_factory=dict)  # council → status (not covered)
    warnings: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    dispersal: set[str] = field(default_factory=set)
    leads: dict[str, str] = field(default_factory=dict)
    co_opted: str = ""
    never_seated: str = ""


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def add_rep_cycle(net: SampleNetwork, plan: dict[str, list[Term]]) -> Cycle:
    """Rounds, leads, councillors, parties, dispersal councils and rules (see the module)."""
    rng = random.Random(SEED)
    cycle = Cycle()
    _councillors(net, rng)
    _dispersal(net, cycle)
    for code in sorted(plan):
        _rounds(net, code, plan[code], rng)
    for code, opened in RUNNING.items():
        _round(net, code, _day(opened), None, None, "pending", None, rng)
    for code, (opened, vote, outcome) in FAILED.items():
        _round(net, code, _day(opened), vote and _day(vote), None, outcome, None, rng)
    code, opened, vote, approved = NEVER_SEATED
    elected = next(p for p in net.local[code]["vcs"] if p not in net.reserved)
    net.reserved.add(elected)
    cycle.never_seated = elected
    _round(net, code, _day(opened), _day(vote), _day(approved), "elected", elected, rng)
    code, start = SHARED
    second = next(p for p in net.local[code]["vcs"] if p not in net.reserved)
    net.reserved.add(second)
    cycle.co_opted = second
    net.member(second, net.rep_groups[code][0], "vcs_rep", "co_opted", _day(start), None, code)
    _leads(net, plan, cycle)
    for group_id, kind, rule, sector, value in RULES:
        net.rows["group_rules"].append(
            {"group_id": group_id, "kind": kind, "rule": rule, "sector": sector, "value": value}
        )
    return cycle


def _councillors(net: SampleNetwork, rng: random.Random) -> None:
    """Council cabinet members are councillors, each of a (fictional) party."""
    for person in net.rows["people"]:
        if person.get("job_title", "").startswith("Cabinet member"):
            person["councillor"] = True
            person["party"] = rng.choice(PARTIES)


def _dispersal(net: SampleNetwork, cycle: Cycle) -> None:
    """In the East Midlands the councils on the board and Lincoln take part in dispersal;
    elsewhere three councils in four (by code)."""
    on_board = {
        net.person_org[m["person_id"]]
        for m in net.rows["memberships"]
        if m["group_id"] == EM_BOARD and net.person_org[m["person_id"]]
    }
    for area in net.rows["areas"]:
        code = area["area_id"]
        if area["type"] != "local_authority":
            continue
        if net.la_region[code] == "EM":
            taking_part = f"O-{code}" in on_board or code == EM_MISSING
        else:
            taking_part = int(code[-3:]) % 4 != 0
        area["dispersal"] = taking_part
        if taking_part:
            cycle.dispersal.add(code)


def _contact(net: SampleNetwork, code: str, avoid: str | None) -> str | None:
    """The local contact who runs a council's rounds: a VCS person of the area other
    than the candidate."""
    return next((p for p in net.local[code]["vcs"] if p != avoid), None)


def _round(
    net: SampleNetwork,
    code: str,
    opened: dt.date,
    vote: dt.date | None,
    approved: dt.date | None,
    outcome: str,
    elected: str | None,
    rng: random.Random,
) -> None:
    number = sum(1 for r in net.rows["elections"] if r["area_id"] == code) + 1
    net.rows["elections"].append(
        {
            "election_id": f"EL-{code}-{number}",
            "area_id": code,
            "group_id": net.rep_groups[code][0] if net.rep_groups.get(code) else None,
            "contact_person_id": _contact(net, code, elected),
            "nominations_open": opened,
            "nominations_close": opened + dt.timedelta(days=21) if vote else None,
            "vote_date": vote,
            "approved_date": approved,
            "outcome": outcome,
            "elected_person_id": elected,
            "candidates": _candidates(outcome, rng),
        }
    )


def _candidates(outcome: str, rng: random.Random) -> int | None:
    """How many stood: one to three where someone was elected, none where nobody stood."""
    if outcome == "elected":
        return rng.randint(1, 3)
    return 0 if outcome == "no_candidates" else None


def _rounds(net: SampleNetwork, code: str, terms: list[Term], rng: random.Random) -> None:
    """The round that elected each elected term: nominations eight weeks before it
    starts, the vote three weeks before, the approval a week after the vote."""
    for term in terms:
        if term.selection != "elected":
            continue
        vote = term.start - dt.timedelta(days=21)
        approved = None if code == NOT_APPROVED else vote + dt.timedelta(days=7)
        _round(net, code, term.start - dt.timedelta(days=56), vote, approved, "elected",
               term.person, rng)  # fmt: skip


def _active_groups(net: SampleNetwork) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for m in net.rows["memberships"]:
        start, end = m["start_date"], m["end_date"]
        if (start is None or start <= AS_OF) and (end is None or end >= AS_OF):
            groups[m["person_id"]].add(m["group_id"])
    return groups


def _leads(net: SampleNetwork, plan: dict[str, list[Term]], cycle: Cycle) -> None:
    """Each council's lead for migration where it is known: the council's lead officer,
    recorded for the councils whose covering rep sits with them on some group; and for
    one council (:data:`LEAD_APART`) a lead who sits with the rep on none."""
    groups = _active_groups(net)
    leads = {}
    for code, terms in plan.items():
        current = [t for t in terms if t.start <= AS_OF <= t.end and t.selection == "elected"]
        if not current:
            continue
        rep = current[-1].person
        staff = net.staff[f"O-{code}"]
        if code == LEAD_APART:
            lead = next(p for p in staff if not groups[p] & groups[rep])
        elif groups[staff[0]] & groups[rep]:
            lead = staff[0]
        else:
            continue
        leads[code] = lead
    for area in net.rows["areas"]:
        if area["area_id"] in leads:
            area["lead_person_id"] = leads[area["area_id"]]
    cycle.leads = leads


def expected_cycle(net: SampleNetwork, plan: dict[str, list[Term]], cycle: Cycle) -> dict:
    """What the rep cycle must find at the as-of date: the statuses of the councils not
    simply ``covered`` and every warning (``(kind, area, person ids)``)."""
    statuses = {}
    ending = {"E06000001", "E08000039", "W06000015"}  # renewal running
    statuses |= dict.fromkeys(ending, "renewal_running")
    statuses |= dict.fromkeys(("E06000014", "S12000049", "E08000033"), "renewal_due")
    statuses |= dict.fromkeys(("E06000011", "E08000018", "S12000023"), "election_running")
    statuses |= dict.fromkeys(FAILED, "last_round_failed")
    statuses |= dict.fromkeys(
        ("E06000053", "E08000017", "E08000023", "E08000032", "E08000036", "E09000001"),
        "no_election",
    )
    rep = next(t.person for t in plan[SHARED[0]] if t.start <= AS_OF <= t.end)
    warnings = [
        ("shared_seat", SHARED[0], tuple(sorted((rep, cycle.co_opted)))),
        ("elected_not_seated", NEVER_SEATED[0], (cycle.never_seated,)),
        ("not_approved", NOT_APPROVED, (plan[NOT_APPROVED][-1].person,)),
    ]
    apart = next(t.person for t in plan[LEAD_APART] if t.start <= AS_OF <= t.end)
    warnings.append(
        ("rep_never_meets_lead", LEAD_APART, tuple(sorted((apart, cycle.leads[LEAD_APART]))))
    )
    return {"statuses": statuses, "warnings": sorted(warnings, key=lambda w: (w[1], w[0]))}


_STATUS_HOW = {
    "E06000001": "term ends 2026-10-31; a round opened 2026-09-01",
    "E08000039": "term ends 2026-11-14; a round opened 2026-09-10",
    "W06000015": "term ends 2026-10-20; a round opened 2026-09-15",
    "E06000014": "term ends 2026-12-05; no round yet",
    "S12000049": "term ends 2026-12-15; no round yet",
    "E08000033": "term ends on the as-of date; no round yet",
    "E06000011": "no rep; a round opened 2026-09-07",
    "E08000018": "a nominated rep only; a round opened 2026-09-14",
    "S12000023": "no rep; a round opened 2026-08-20",
    "E06000017": "no rep; the round that opened 2026-05-01 had no candidates",
    "E06000057": "no rep; the round voted 2026-04-14 was void",
    "E06000053": "no rep and no round",
    "E08000017": "the elected rep works for the council; no round since",
    "E08000023": "term expired; the round voted 2026-02-10 elected someone never seated",
    "E08000032": "term expired; the round voted 2026-09-21 elected the rep starting 2026-10-12",
    "E08000036": "first rep starts 2026-10-15; elected 2026-09-24, never approved",
    "E09000001": "no rep and no round",
}


def cycle_markdown(net: SampleNetwork, plan: dict[str, list[Term]], cycle: Cycle) -> list[str]:
    """GAPS.md's sections on the rep cycle and the group rules."""
    expected = expected_cycle(net, plan, cycle)
    out = [
        "",
        "## Rep cycle (contract §5)",
        "",
        "Every elected term has the round that elected it (`elections.csv`: nominations "
        "eight weeks before the term, the vote three weeks before, approval a week after); "
        "council cabinet members are councillors of fictional parties; three councils in "
        "four take part in dispersal (in the East Midlands, the councils on the board and "
        f"Lincoln); {len(cycle.leads)} councils record their lead for migration. Every "
        "council not listed here is `covered`.",
        "",
        "| area_id | name | status | how |",
        "|---|---|---|---|",
    ]
    for code, status in sorted(expected["statuses"].items()):
        out.append(f"| {code} | {net.area_name[code]} | {status} | {_STATUS_HOW[code]} |")
    out += ["", "| warning | area_id | name | people |", "|---|---|---|---|"]
    for kind, code, people in expected["warnings"]:
        out.append(f"| {kind} | {code} | {net.area_name[code]} | {', '.join(people)} |")
    out += [
        "",
        "## Group rules (`group_rules.csv`)",
        "",
        "| group or kind | rule | sector | value | holds at 2026-09-30 |",
        "|---|---|---|---|---|",
    ]
    for group_id, kind, rule, sector, value in RULES:
        target = f"{group_id} ({net.groups[group_id]['name']})" if group_id else f"every {kind}"
        holds = "**no**" if (group_id, rule) in BREACHES else "yes"
        shown = str(value).lower() if isinstance(value, bool) else value
        out.append(f"| {target} | {rule} | {sector or ''} | {shown} | {holds} |")
    on_board = {m["person_id"] for m in net.rows["memberships"] if m["group_id"] == EM_BOARD}
    board_councillors = sum(
        bool(p.get("councillor")) for p in net.rows["people"] if p["person_id"] in on_board
    )
    out += [
        "",
        "Each council's cabinet member for communities is a councillor. The East Midlands "
        f"board has {board_councillors} councillor members against the 15 its terms expect, "
        f"and {net.area_name[EM_MISSING]} ({EM_MISSING}) is a dispersal council with nobody "
        "on it.",
    ]
    return out
