"""``smp analyse --format table``: the analysis for people, counts first, then each
finding in a sentence with what could fix it, names first and ids last."""

from __future__ import annotations

import textwrap

from core.words import uk_date
from graph.words import REASON_WORDS, words

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
    cov, flow = result["coverage"], result["flow"]
    down = result.get("flow_down")
    explained = result.get("explanations", {})
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
    lines += ["", "Coverage gaps"]
    if "coverage" in explained:
        lines += _explained(explained["coverage"])
    else:
        lines += _table(
            ["area", "reason", "code"],
            [[g["area_name"], REASON_WORDS.get(g["reason"], g["reason"]), g["area_id"]]
             for g in cov["gaps"]],
        )  # fmt: skip
    lines += ["", "Broken and fragile local groups"]
    if "flow" in explained:
        lines += _explained(explained["flow"])
    else:
        lines += _table(
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
    if cov.get("terms_ending_soon"):
        lines += ["", "Rep terms ending within 90 days"]
        lines += _table(
            ["area", "rep", "ends"],
            [[t["area_id"], _person(result, t["person_id"]), uk_date(t["end_date"])]
             for t in cov["terms_ending_soon"]],
        )  # fmt: skip
    met = result.get("engagement")
    if met:
        lines += ["", f"Engagement, {uk_date(met['window'][0])} to {uk_date(met['window'][1])}"]
        want = met["expectation"]
        lines.append(
            f"  VCS reps judged: {met['reps_judged']} (expected: {want['meetings']} meetings, "
            f"{want['in_person']} in person, {want['online']} online, "
            f"{want['engagement_days']} engagement days a year; {met['reps_not_recorded']} "
            "reps' groups recorded no meetings)"
        )
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
    if result.get("sector_balance"):
        lines += ["", "Sectors missing from regional strategic groups and boards"]
        lines += _table(
            ["group", "missing", "code"],
            [[s.get("group_name") or s["group_id"], ", ".join(s["missing"]), s["group_id"]]
             for s in result["sector_balance"] if s["missing"]],
        )  # fmt: skip
    return "\n".join(lines) + "\n"
