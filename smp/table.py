"""``smp analyse --format table``: the analysis for people, counts first, then each
finding in a sentence with what could fix it, names first and ids last."""

from __future__ import annotations

import textwrap
from collections import Counter

from core.vocabulary import GAP_HEADINGS
from core.words import count, uk_date
from graph.repcycle import STATUSES
from graph.words import CYCLE_WORDS, REASON_WORDS, RULE_WORDS, WARNING_WORDS, words

WIDTH = 100


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    if not rows:
        return ["  (none)"]
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=False)]
    head = "  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True))
    lines = ["  " + head.rstrip()]
    for row in rows:
        cells = [str(c).ljust(w) for c, w in zip(row, widths, strict=True)]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def _wrapped(text: str, first: str = "  - ", rest: str = "    ") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest)


def _explained(entries: list[dict]) -> list[str]:
    if not entries:
        return ["  (none)"]
    lines: list[str] = []
    for entry in entries:
        lines += _wrapped(f"{entry['sentence']} [{entry['subject_id']}]")
        for fact in entry.get("evidence", []):
            lines += _wrapped(fact, "      ", "      ")
        for fix in entry.get("fixes", []):
            lines += _wrapped("What could fix it: " + fix, "      ", "      ")
    return lines


def _person(result: dict, person_id: str) -> str:
    known = result.get("people", {}).get(person_id)
    if not known:
        return person_id
    org = f" ({known['organisation']})" if known.get("organisation") else ""
    return f"{known['name']}{org} [{person_id}]"


def render(result: dict) -> str:
    """The analysis as text: the counts, then coverage gaps, broken and fragile local
    groups, rep terms ending soon, engagement and missing sectors."""
    lines = _counts(result)
    lines += ["", "Coverage gaps"]
    lines += _gaps(result)
    lines += ["", "Broken and fragile local groups"]
    lines += _flow_findings(result)
    lines += _terms_ending(result)
    lines += _rep_cycle(result)
    lines += _group_rules(result)
    lines += _engagement(result)
    lines += _sectors(result)
    return "\n".join(lines) + "\n"


def _counts(result: dict) -> list[str]:
    """The title and the headline counts."""
    cov, flow = result["coverage"], result["flow"]
    down = result.get("flow_down")
    lines = [
        f"SMP network analysis as of {uk_date(result['as_of'])}",
        "",
        f"Council areas with an elected VCS rep: {cov['areas_covered']} of "
        f"{cov['areas_total']} ({len(cov['gaps'])} gaps)",
        f"Local groups connected to regional and national level: {flow['connected']} of "
        f"{flow['local_groups_total']} ({len(flow['broken'])} broken, "
        f"{len(flow['fragile'])} fragile)",
    ]
    if down:
        lines.append(
            f"Local groups national level reaches back down: {down['reached']} of "
            f"{down['local_groups_total']}"
        )
    if "terms_ending_soon" in cov:
        lines.append(f"Rep terms ending within 90 days: {len(cov['terms_ending_soon'])}")
    return lines


def _gaps(result: dict) -> list[str]:
    """Each coverage gap explained, or else a table of the gaps."""
    explained = result.get("explanations", {})
    if "coverage" in explained:
        return _explained(explained["coverage"])
    return _table(
        [GAP_HEADINGS[c] for c in ("area", "status", "area_id")],
        [[g["area_name"], REASON_WORDS.get(g["reason"], g["reason"]), g["area_id"]]
         for g in result["coverage"]["gaps"]],
    )  # fmt: skip


def _flow_findings(result: dict) -> list[str]:
    """Each broken and fragile local group explained, or else a table of each."""
    explained, flow = result.get("explanations", {}), result["flow"]
    if "flow" in explained:
        return _explained(explained["flow"])
    lines = _table(
        ["group", "reason", "code"],
        [[b.get("group_name") or "", words(b["reason"]), b["group_id"]]
         for b in flow["broken"]],
    )  # fmt: skip
    lines += _table(
        ["fragile group", "single points of failure"],
        [[f.get("group_name") or f["group_id"],
          "; ".join(_person(result, p) for p in f["single_points_of_failure"])]
         for f in flow["fragile"]],
    )  # fmt: skip
    return lines


def _terms_ending(result: dict) -> list[str]:
    """The reps whose terms end within 90 days, if any."""
    ending = result["coverage"].get("terms_ending_soon")
    if not ending:
        return []
    lines = ["", "Rep terms ending within 90 days"]
    lines += _table(
        ["area", "rep", "ends"],
        [[t["area_id"], _person(result, t["person_id"]), uk_date(t["end_date"])]
         for t in ending],
    )  # fmt: skip
    return lines


def _rep_cycle(result: dict) -> list[str]:
    """Council areas whose rep needs electing or renewing, and the rep cycle's warnings."""
    cycle = result.get("rep_cycle")
    if not cycle:
        return []
    counted = Counter(a["status"] for a in cycle["areas"])
    order = ("covered", *(s for s in STATUSES if s != "covered"))
    summary = ", ".join(f"{CYCLE_WORDS[s]} {counted[s]}" for s in order if counted[s])
    lines = ["", "Rep elections and renewals", f"  {summary}"]
    explained = result.get("explanations", {}).get("rep_cycle")
    if explained is not None:
        return lines + _sentences(explained)
    lines += _table(
        ["area", "status", "code"],
        [[a["area_name"] or "", CYCLE_WORDS[a["status"]], a["area_id"]]
         for a in cycle["areas"] if a["status"] != "covered"],
    )  # fmt: skip
    lines += _table(
        ["warning", "area", "people"],
        [[WARNING_WORDS[w["kind"]], w["area_id"], ", ".join(w["person_ids"])]
         for w in cycle["warnings"]],
    )  # fmt: skip
    return lines


def _sentences(explained: list[dict]) -> list[str]:
    return [line for e in explained for line in _wrapped(f"{e['sentence']} [{e['subject_id']}]")]


def _group_rules(result: dict) -> list[str]:
    """How many group rules hold, and each one broken."""
    rules = result.get("group_rules")
    if not rules:
        return []
    broken = [r for r in rules if not r["holds"]]
    lines = ["", "Groups against their terms of reference",
             f"  {len(rules) - len(broken)} of {count(len(rules), 'rule')} held"]  # fmt: skip
    explained = result.get("explanations", {}).get("group_rules")
    if explained is not None:
        return lines + _sentences(explained)
    lines += _table(
        ["group", "rule", "expected", "found"],
        [[r["group_id"], RULE_WORDS[r["rule"]], str(r["expected"]), str(r["actual"])]
         for r in broken],
    )  # fmt: skip
    return lines


def _engagement(result: dict) -> list[str]:
    """What was expected of the reps, then the reps below it, the groups meeting less
    often than they should and the lines carried only on paper (when analysed)."""
    met = result.get("engagement")
    if not met:
        return []
    want = met["expectation"]
    lines = [
        "",
        f"Engagement, {uk_date(met['window'][0])} to {uk_date(met['window'][1])}",
        f"  VCS reps judged: {met['reps_judged']} (expected: {want['meetings']} meetings, "
        f"{want['in_person']} in person, {want['online']} online, "
        f"{want['engagement_days']} engagement days a year; {met['reps_not_recorded']} "
        "reps' groups recorded no meetings)",
    ]
    lines += _table(
        ["rep below expectation", "attended", "short of"],
        [[_person(result, r["person_id"]), f"{r['attended']} of {r['held']}",
          "; ".join(r["short"])] for r in met["reps_below_expectation"]],
    )  # fmt: skip
    lines += _table(
        ["group meeting less", "held", "short of"],
        [[g["group_name"], str(g["held"]), "; ".join(g["below"])]
         for g in met["groups_meeting_less"]],
    )  # fmt: skip
    lines += _table(
        ["line carried only on paper", "carriers"],
        [[f"{p['from_name']} → {p['to_name']}",
          "; ".join(f"{_person(result, c['person_id'])}: {c['attended_from']} and "
                    f"{c['attended_to']} meetings" for c in p["carriers"])]
         for p in met["paper_only_lines"]],
    )  # fmt: skip
    return lines


def _sectors(result: dict) -> list[str]:
    """The regional strategic groups and boards missing expected sectors, if analysed."""
    if not result.get("sector_balance"):
        return []
    lines = ["", "Sectors missing from regional strategic groups and boards"]
    lines += _table(
        ["group", "missing", "code"],
        [[s.get("group_name") or s["group_id"], ", ".join(s["missing"]), s["group_id"]]
         for s in result["sector_balance"] if s["missing"]],
    )  # fmt: skip
    return lines
