"""What a partnership board reads first: key messages and asks, written from the figures.

Both are pure functions of :func:`report.quarterly.quarter_figures` output, so every
sentence rests on a figure the report shows further on (each points to its section).
People are named only where the figures name them (``--include-names``).

- :func:`key_messages`: three to five sentences: coverage and its change, what opened
  and closed, whether local groups are heard, and the biggest risk;
- :func:`asks_of_the_board`: concrete actions: nominations where areas are uncovered
  or terms end, a carrier for each line nobody carries (with candidates), a second
  person where a group hangs on one, sectors to recruit, meetings to hold.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.words import agree, count, uk_date
from graph.words import REASON_WORDS

__all__ = ["SECTIONS", "asks_of_the_board", "complete_groups_sentence", "key_messages"]

#: The report's sections: anchor → title (the HTML's ids and contents list).
SECTIONS = {
    "glance": "At a glance",
    "messages": "Key messages",
    "asks": "Asks of the board",
    "coverage": "Coverage: elected VCS representatives",
    "changes": "What changed this quarter",
    "flow": "Information flow",
    "sectors": "Who sits on the strategic groups",
    "elections": "Rep elections",
    "rules": "Groups against their terms of reference",
    "engagement": "Meetings and attendance",
    "method": "Definitions, method and data",
}
#: How many names an ask lists before "and N more".
SHOWN = 6


def _listed(names: Iterable[str], shown: int = SHOWN) -> str:
    """``"A, B and C"``; ``"A, B, C and 4 more"`` past ``shown``."""
    names = [n for n in names if n]
    if len(names) > shown:
        return f"{', '.join(names[:shown])} and {len(names) - shown} more"
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _whose(name: str, row: dict, several: bool) -> str:
    """A group's name, with its partnership's where the paper covers several."""
    return f"{name} ({row['partnership']})" if several and row.get("partnership") else name


def _in(sentence: str, row: dict, several: bool) -> str:
    """A sentence about a group, led by its partnership's name where the paper covers
    several."""
    return f"{row['partnership']}: {sentence}" if several and row.get("partnership") else sentence


def complete_groups_sentence(balance: list[dict], several: bool) -> str:
    """The strategic groups with every expected sector, in one sentence: by name for one
    partnership, by number for several ("" when there are none).

    >>> rows = [{"group_name": "Board", "missing": []}, {"group_name": "Group", "missing": []}]
    >>> complete_groups_sentence(rows, False)
    'Board and Group have a member from every expected sector.'
    >>> complete_groups_sentence(rows + [{"group_name": "X", "missing": ["police"]}], True)
    'The other 2 strategic groups and boards have a member from every expected sector.'
    """
    complete = [b for b in balance if not b["missing"]]
    if not complete:
        return ""
    n = len(complete)
    if not several:
        names = _listed(sorted(b["group_name"] for b in complete), len(complete))
        return f"{names} {agree(n, 'has', 'have')} a member from every expected sector."
    lead = "The other" if len(complete) < len(balance) else "All"
    if n == 1:
        lead = "The other" if len(balance) > 1 else "The"
        return f"{lead} strategic group or board has a member from every expected sector."
    return (f"{lead} {n} strategic groups and boards have a member from every expected "
            "sector.")  # fmt: skip


def _trend(now: int, before: int, day: str) -> str:
    if now > before:
        return f"up from {before} on {day}"
    if now < before:
        return f"down from {before} on {day}"
    return f"the same as on {day}"


def _message(text: str, section: str) -> dict:
    return {"text": text, "section": section, "section_title": SECTIONS[section]}


def key_messages(f: dict) -> list[dict]:
    """Three to five sentences for the board, each with the ``section`` it rests on.

    Always: coverage against the previous quarter end, and whether local groups are
    heard; then what opened and closed this quarter; then the biggest risk: terms
    ending next quarter, else groups hanging on one person, else missing sectors; and
    lines carried only on paper, when the meetings show them.
    """
    s = f["summary"]
    as_of, before = uk_date(f["as_of"]), uk_date(f["compared_with"])
    messages = [
        _coverage_message(s, as_of, before),
        _changes_message(f["changes"]),
        _flow_message(s, before),
        _biggest_risk(f),
        _paper_message(f["sections"]),
    ]
    return [m for m in messages if m][:5]


def _coverage_message(s: dict, as_of: str, before: str) -> dict:
    """Areas covered on ``as_of``, against the previous quarter end (``before``)."""
    return _message(
        f"{s['areas_covered']} of {count(s['areas_total'], 'council area')} had an elected "
        f"VCS representative on {as_of}, "
        f"{_trend(s['areas_covered'], s['areas_covered_before'], before)}.",
        "coverage",
    )


def _changes_message(changes: dict) -> dict:
    """The areas that lost and gained a representative this quarter (or that none did)."""
    opened, closed = changes["new_gaps"], changes["closed_gaps"]
    if not opened and not closed:
        return _message("No area lost or gained a representative this quarter.", "changes")
    parts = []
    if opened:
        parts.append(
            f"{count(len(opened), 'area')} lost {agree(len(opened), 'its', 'their')} "
            f"representative ({_listed(g['area_name'] for g in opened)})"
        )
    if closed:
        parts.append(
            f"{count(len(closed), 'area')} gained one ({_listed(g['area_name'] for g in closed)})"
        )
    return _message(f"This quarter {' and '.join(parts)}.", "changes")


def _flow_message(s: dict, before: str) -> dict | None:
    """Local groups heard at regional and national level, and how many are cut off;
    None when there are no local groups."""
    total = s["local_groups_total"]
    if not total:
        return None
    broken = s["broken"]
    if broken:
        tail = f"{broken} {agree(broken, 'is', 'are')} cut off"
    else:
        tail = agree(total, "it is heard", "every one of them is heard")
    return _message(
        f"{s['connected']} of {count(total, 'local group')} can pass information up to "
        f"regional and national level "
        f"({_trend(s['connected'], s['connected_before'], before)}); {tail}.",
        "flow",
    )


def _paper_message(sections: list[dict]) -> dict | None:
    """The reporting lines carried only on paper; None when there are none."""
    paper = sum(len(x["paper_only"]) for x in sections)
    if not paper:
        return None
    return _message(
        f"{count(paper, 'reporting line')} {agree(paper, 'is', 'are')} carried only "
        "on paper: the people on both groups attended no meeting of one of them in the "
        "last year.",
        "engagement",
    )


def _biggest_risk(f: dict) -> dict | None:
    s = f["summary"]
    ending = f["changes"]["terms_ending_next_quarter"]
    if ending:
        return _message(
            f"The biggest risk: the {agree(len(ending), 'term', 'terms')} of "
            f"{count(len(ending), 'representative')} {agree(len(ending), 'ends', 'end')} by "
            f"{uk_date(f['next_quarter_end'])}; unless "
            f"{agree(len(ending), 'it is', 'they are')} renewed, coverage falls to "
            f"{s['areas_covered'] - len(ending)} of {s['areas_total']}.",
            "changes",
        )
    if s["fragile"]:
        return _message(
            f"The biggest risk: {count(s['fragile'], 'local group')} "
            f"{agree(s['fragile'], 'is', 'are')} heard through one person only; if "
            f"{agree(s['fragile'], 'that person leaves', 'one of them leaves')}, "
            "the line goes quiet.",
            "flow",
        )
    missing = [b for x in f["sections"] for b in x["sector_balance"] if b["missing"]]
    if missing:
        return _message(
            f"The biggest gap: {count(len(missing), 'strategic group')} "
            f"{agree(len(missing), 'lacks', 'lack')} members from expected sectors "
            f"({_listed(sorted({m for b in missing for m in b['missing']}), 4)}).",
            "sectors",
        )
    return None


def _ask(text: str, section: str, items: list[str] | None = None) -> dict:
    items = items or []
    return {
        "text": text,
        "items": items[:SHOWN],
        "more": max(0, len(items) - SHOWN),
        "section": section,
        "section_title": SECTIONS[section],
    }


def asks_of_the_board(f: dict) -> list[dict]:
    """Concrete actions, most urgent first, each with the items it concerns (names of
    areas, lines, groups), at most :data:`SHOWN` of them and a count of the rest."""
    sections = f["sections"]
    several = len(sections) > 1
    asks = [
        _nominations_ask(sections),
        _renewals_ask(f["changes"]["terms_ending_next_quarter"]),
        _failed_rounds_ask(sections),
        _approvals_ask(sections),
        _carriers_ask(sections, several),
        _no_route_ask(sections, several),
        _second_person_ask(sections, several),
        _sectors_ask(sections, several),
        _meetings_ask(sections, several),
        _rules_ask(sections, several),
    ]
    return [a for a in asks if a]


def _failed_rounds_ask(sections: list[dict]) -> dict | None:
    """A new round where the last one failed (no candidates, or void)."""
    failed = [e for x in sections for e in x["elections"] if e["status"] == "last_round_failed"]
    if not failed:
        return None
    return _ask(
        f"Support a new round of nominations in the {count(len(failed), 'council area')} "
        f"whose last {agree(len(failed), 'election was', 'elections were')} void or had no "
        "candidates.",
        "elections",
        [e["area_name"] for e in failed],
    )


def _approvals_ask(sections: list[dict]) -> dict | None:
    """The rep cycle's warnings: seats to fill, approvals to record, shared seats, reps
    who never meet their council's lead."""
    warnings = [w for x in sections for w in x["cycle_warnings"]]
    if not warnings:
        return None
    return _ask(
        f"Put right {count(len(warnings), 'problem')} in how reps are elected and seated.",
        "elections",
        [w["sentence"] for w in warnings],
    )


def _rules_ask(sections: list[dict], several: bool) -> dict | None:
    """Groups that do not keep their own terms of reference."""
    broken = [r for x in sections for r in x["rules"] if not r["holds"]]
    if not broken:
        return None
    groups = {r["group_id"] for r in broken}
    return _ask(
        f"Bring {count(len(groups), 'group')} back in line with "
        f"{agree(len(groups), 'its', 'their')} terms of reference.",
        "rules",
        [_in(r["sentence"], r, several) for r in broken],
    )


def _nominations_ask(sections: list[dict]) -> dict | None:
    """Nominations for the council areas without a representative."""
    gaps = [g for x in sections for g in x["gaps"]]
    if not gaps:
        return None
    return _ask(
        f"Run nominations for an elected VCS representative in the "
        f"{count(len(gaps), 'council area')} without one.",
        "coverage",
        [f"{g['area_name']}: {REASON_WORDS[g['reason']]}" for g in gaps],
    )


def _renewals_ask(ending: list[dict]) -> dict | None:
    """Renewals or elections for the terms ending next quarter."""
    if not ending:
        return None
    return _ask(
        f"Renew or re-run elections before {count(len(ending), 'term')} "
        f"{agree(len(ending), 'ends', 'end')} next quarter.",
        "changes",
        [f"{t['area_name']}: ends {uk_date(t['term_end'])}"
         + (f"; election open since {uk_date(t['opened'])}" if t.get("opened") else "")
         + (f", run by {t['run_by']}" if t.get("run_by") else "") for t in ending],
    )  # fmt: skip


def _carriers_ask(sections: list[dict], several: bool) -> dict | None:
    """A carrier for each line nobody carries, with the first candidate for each group."""
    broken = [b for x in sections for b in x["broken"] if b["unstaffed"]]
    if not broken:
        return None
    items = []
    for b in broken:
        lines = "; ".join(f"{u} → {v}" for u, v in b["unstaffed"])
        lines = f"{b['partnership']}: {lines}" if several else lines
        fix = b["fixes"][0] if b["fixes"] else "No candidate in the data: ask both groups."
        items.append(f"{lines}. {fix}")
    lines = sum(len(b["unstaffed"]) for b in broken)
    return _ask(
        f"Find someone to sit on both ends of {agree(lines, 'the line', 'each line')} "
        f"that {agree(lines, 'cuts', 'cut')} off {count(len(broken), 'local group')}: "
        f"{agree(lines, 'it needs', 'each needs')} one person on both groups.",
        "flow",
        items,
    )


def _no_route_ask(sections: list[dict], several: bool) -> dict | None:
    """A reporting route for the cut-off local groups that have none."""
    no_route = [b for x in sections for b in x["broken"] if not b["unstaffed"]]
    if not no_route:
        return None
    return _ask(
        f"Agree where {count(len(no_route), 'local group')} with no reporting route "
        "should report to.",
        "flow",
        [_whose(b["group_name"], b, several) for b in no_route],
    )


def _second_person_ask(sections: list[dict], several: bool) -> dict | None:
    """A second person for the local groups heard through one person only."""
    fragile = [g for x in sections for g in x["fragile"]]
    if not fragile:
        return None
    return _ask(
        f"Add a second person to the lines of {count(len(fragile), 'local group')} "
        "heard through one person only.",
        "flow",
        [_whose(g["group_name"], g, several) for g in fragile],
    )


def _sectors_ask(sections: list[dict], several: bool) -> dict | None:
    """Members from the sectors missing from the strategic groups."""
    missing = [b for x in sections for b in x["sector_balance"] if b["missing"]]
    if not missing:
        return None
    return _ask(
        "Invite members from the sectors missing from the strategic groups.",
        "sectors",
        [f"{_whose(b['group_name'], b, several)}: {', '.join(b['missing'])}" for b in missing],
    )


def _meetings_ask(sections: list[dict], several: bool) -> dict | None:
    """Meetings for the groups meeting less often than they should, and attendance on
    both ends of the lines carried only on paper."""
    meeting = [g for x in sections for g in x["meeting_less"]]
    paper = [line for x in sections for line in x["paper_only"]]
    if not meeting and not paper:
        return None
    items = [f"{_whose(g['group_name'], g, several)}: held {'; '.join(g['below'])}"
             for g in meeting]  # fmt: skip
    items += [_in(f"{p['from_name']} → {p['to_name']}: carried only on paper", p, several)
              for p in paper]  # fmt: skip
    return _ask(
        "Ask groups to meet as often as they should, and the people on both ends of "
        "a line to attend both.",
        "engagement",
        items,
    )
