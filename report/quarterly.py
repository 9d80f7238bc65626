"""The quarterly coverage report: one set of figures, four formats (HTML, PDF, Excel, Word).

Every figure comes from the same analysis functions as ``smp analyse`` and the app,
so the numbers never disagree. Personal data (names, person ids) is left out unless
``include_names`` is given.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import networkx as nx

from core.errors import BadValue
from core.memory import no_gc
from core.words import quarter_words
from graph.coverage import area_status
from graph.engagement import (
    DEFAULT_REP_EXPECTATION,
    Meetings,
    group_meetings,
    paper_only_lines,
    rep_attendance,
    rep_partnerships,
)
from graph.explain import coverage_explanations, flow_explanations, person_words
from graph.explain_cycle import cycle_sentence, rule_sentence, warning_sentence
from graph.flow import flow_graph, information_flow
from graph.model import GROUP, PERSON, node_key, nodes_of, unchanged
from graph.repcycle import rep_cycle
from graph.rules import group_rules
from graph.sectors import sector_balance
from graph.summary import in_partnership, partnership_figures
from graph.views import group_regions, partnerships, region_summary
from report.board import asks_of_the_board, key_messages

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "data_changes",
    "parse_quarter",
    "quarter_figures",
    "report_stem",
    "write_figures",
    "write_report",
]

FORMATS = ("html", "pdf", "xlsx", "docx")
#: What ``smp report`` writes unless asked (the Word paper only on request).
DEFAULT_FORMATS = ("html", "pdf", "xlsx")
QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")


def parse_quarter(text: str) -> tuple[dt.date, dt.date]:
    """``"2026Q3"`` → (first day, last day) of that quarter.

    >>> parse_quarter("2026Q3")
    (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    """
    match = QUARTER.match(text.strip())
    if not match:
        raise BadValue("quarter", f"{text!r} is not a quarter like 2026Q3")
    year, quarter = int(match.group(1)), int(match.group(2))
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def _quarter_label(end: dt.date) -> str:
    return f"{end.year}Q{(end.month - 1) // 3 + 1}"


def _previous_end(end: dt.date) -> dt.date:
    return parse_quarter(_quarter_label(end))[0] - dt.timedelta(days=1)


def quarter_figures(
    G: nx.MultiDiGraph,
    quarter: str,
    region: str | None = None,
    include_names: bool = False,
    now: dt.datetime | None = None,
    author: str | None = None,
    loads: list[dict] | None = None,
) -> dict:
    """Everything the report shows, as plain data (also what the Excel sheets hold).

    Each analysis runs once per date (the same functions ``smp analyse`` uses):
    coverage at the last four quarter ends, the information flow at this quarter's
    end and the previous one's, the sector balance and engagement at this quarter's
    end. The explanations of gaps and broken groups are the app's
    (:mod:`graph.explain`); the key messages and asks of the board are written from
    these figures (:mod:`report.board`). People are named only with ``include_names``.
    """
    with unchanged(G):
        figures = _quarter_figures(G, quarter, region, include_names, now)
    figures["author"] = author or os.environ.get("SMP_REPORT_AUTHOR") or ""
    figures["data_changes"] = data_changes(loads, figures["compared_with"], figures["as_of"])
    figures["key_messages"] = key_messages(figures)
    figures["asks"] = asks_of_the_board(figures)
    return figures


def _quarter_figures(
    G: nx.MultiDiGraph,
    quarter: str,
    region: str | None,
    include_names: bool,
    now: dt.datetime | None,
) -> dict:
    _start, end = parse_quarter(quarter)
    before = _previous_end(end)
    ends = _last_four_ends(end)
    names = dict(partnerships(G))
    if region is not None and region not in names:
        raise BadValue("region", f"{region!r} is not the area code of a partnership in the data")
    status = {day: area_status(G, day) for day in ends}  # ends[1] is ``before``
    F = flow_graph(G, end)
    flow_now, flow_before = information_flow(G, end, F), information_flow(G, before)
    regions = group_regions(G)
    areas_now = [a for a in status[end] if region is None or a["region_id"] == region]
    next_end = parse_quarter(_quarter_label(end + dt.timedelta(days=1)))[1]
    ending = _terms_ending(G, areas_now, end, next_end, include_names)
    summary = _summary(G, end, before, region, status, flow_now, flow_before, regions, ending)
    mine = {g["group_id"] for g in in_partnership(flow_now["broken"], regions, region)}
    mine |= {g["group_id"] for g in in_partnership(flow_now["fragile"], regions, region)}
    flow_words = flow_explanations(G, end, include_names, flow_now, F, mine)
    gaps = [a["area_id"] for a in areas_now if not a["covered"]]
    gap_words = coverage_explanations(G, end, gaps, include_names)
    group_names = {d["id"]: d.get("name") for _k, d in nodes_of(G, GROUP)}
    changes = _changes(
        areas_now, status[before], flow_now, flow_before, regions, region, group_names, names
    )
    sections = _sections(
        G, end, region, names, regions, areas_now, flow_now, F, flow_words, gap_words,
        include_names,
    )  # fmt: skip
    # Each term ending next quarter with the election that renews it, if one is open.
    running = {e["area_id"]: e for x in sections for e in x["elections"] if e["opened"]}
    changes["terms_ending_next_quarter"] = [
        {**t, "opened": running.get(t["area_id"], {}).get("opened"),
         "run_by": running.get(t["area_id"], {}).get("run_by", "")} for t in ending
    ]  # fmt: skip
    by_region = [
        r
        for r in region_summary(G, end, areas=status[end], flow=flow_now, regions=regions)
        if region is None or r["region_id"] == region
    ]
    return {
        "quarter": _quarter_label(end),
        "period": quarter_words(end),
        "as_of": end,
        "compared_with": before,
        "next_quarter_end": next_end,
        "region_id": region,
        "region": names.get(region) if region else "All partnerships",
        "partnerships": len(names) if region is None else 1,
        "include_names": include_names,
        "summary": summary,
        "changes": changes,
        "sections": sections,
        "by_region": by_region,
        "history": _history(status, ends, region),
        "source": G.graph.get("source") or "unknown",
        "loaded_at": G.graph.get("loaded_at") or "",
        "generated_at": now or dt.datetime.now(dt.UTC),
    }


def _last_four_ends(end: dt.date) -> list[dt.date]:
    """``end`` and the three quarter ends before it, newest first."""
    ends = [end]
    for _ in range(3):
        ends.append(_previous_end(ends[-1]))
    return ends


def _summary(
    G: nx.MultiDiGraph,
    end: dt.date,
    before: dt.date,
    region: str | None,
    status: dict[dt.date, list[dict]],
    flow_now: dict,
    flow_before: dict,
    regions: dict,
    ending: list[dict],
) -> dict:
    """The headline figures at ``end``, with coverage and connection at ``before``."""
    figures_now = partnership_figures(
        G, end, region, areas=status[end], flow=flow_now, regions=regions, ending=[]
    )
    figures_before = partnership_figures(
        G, before, region, areas=status[before], flow=flow_before, regions=regions, ending=[]
    )
    return {
        "areas_total": figures_now["areas_total"],
        "areas_covered": figures_now["areas_covered"],
        "areas_covered_before": figures_before["areas_covered"],
        "local_groups_total": figures_now["local_groups_total"],
        "connected": figures_now["connected"],
        "connected_before": figures_before["connected"],
        "broken": figures_now["broken"],
        "fragile": figures_now["fragile"],
        "terms_ending_next_quarter": len(ending),
    }


def _history(
    status: dict[dt.date, list[dict]], ends: list[dt.date], region: str | None
) -> list[dict]:
    """Council areas covered at each of ``ends`` (of ``region``, if given), oldest first."""
    history = []
    for quarter_end in ends:
        rows = [a for a in status[quarter_end] if region is None or a["region_id"] == region]
        history.append(
            {
                "quarter": _quarter_label(quarter_end),
                "quarter_words": quarter_words(quarter_end).split(" (")[0],
                "as_of": quarter_end,
                "covered": sum(a["covered"] for a in rows),
                "total": len(rows),
            }
        )
    return list(reversed(history))


def data_changes(loads: list[dict] | None, after: dt.date, until: dt.date) -> dict | None:
    """What the loads recorded (``loader.write.read_history``) between the two quarter
    ends changed: ``loads`` (how many), ``added``, ``changed``, ``removed`` (records,
    all sheets), ``unknown`` (loads made before changes were recorded), and ``last``
    (the newest load's time, ISO, whenever it was). None when no history was given.

    >>> data_changes([{"at": "2026-08-01T09:00:00Z", "changes": {"people": {"added": 2,
    ...     "changed": 1, "removed": 0}}}, {"at": "2026-11-30T08:00:00Z", "changes": None}],
    ...     dt.date(2026, 6, 30), dt.date(2026, 9, 30))
    {'loads': 1, 'added': 2, 'changed': 1, 'removed': 0, 'unknown': 0, \
'last': '2026-11-30T08:00:00Z'}
    """
    if loads is None:
        return None
    out = {"loads": 0, "added": 0, "changed": 0, "removed": 0, "unknown": 0,
           "last": max((x["at"] for x in loads if x.get("at")), default=None)}  # fmt: skip
    for load in loads:
        day = dt.date.fromisoformat(str(load.get("at") or "")[:10] or "0001-01-01")
        if not after < day <= until:
            continue
        out["loads"] += 1
        if load.get("changes") is None:
            out["unknown"] += 1
            continue
        for counts in load["changes"].values():
            for kind in ("added", "changed", "removed"):
                out[kind] += counts.get(kind, 0)
    return out


def _person(G: nx.MultiDiGraph, pid: str | None, include_names: bool) -> str:
    """A rep as the report names them: name and organisation, or only "in post"."""
    if not pid:
        return ""
    if not include_names:
        return "in post"
    return person_words(G, node_key(PERSON, pid), True)


def _terms_ending(
    G: nx.MultiDiGraph, areas: list[dict], end: dt.date, next_end: dt.date, names: bool
) -> list[dict]:
    """Covered areas whose rep's term ends in the next quarter, soonest first."""
    rows = [
        {
            "area_id": a["area_id"],
            "area_name": a["area_name"],
            "region_id": a["region_id"],
            "term_end": a["term_end"],
            "rep": _person(G, a["rep_person_id"], names),
        }
        for a in areas
        if a["covered"] and a["term_end"] is not None and end < a["term_end"] <= next_end
    ]
    return sorted(rows, key=lambda r: (r["term_end"], r["area_name"] or ""))


def _changes(
    areas_now: list[dict],
    areas_then: list[dict],
    flow_now: dict,
    flow_before: dict,
    regions: dict,
    region: str | None,
    group_names: dict,
    partnership_names: dict[str, str],
) -> dict:
    """What changed between the two quarter ends: gaps opened and closed, groups cut off
    and reconnected (each group with its partnership's name)."""
    before = {a["area_id"]: a for a in areas_then}
    now = {a["area_id"]: a for a in areas_now}
    gaps_now = {a for a, row in now.items() if not row["covered"]}
    gaps_before = {a for a, row in before.items() if not row["covered"]}
    broken_now = {b["group_id"]: b for b in in_partnership(flow_now["broken"], regions, region)}
    broken_before = {
        b["group_id"]: b for b in in_partnership(flow_before["broken"], regions, region)
    }
    by_name = lambda ids, names: sorted(ids, key=lambda i: (names.get(i) or "", i))  # noqa: E731
    area_names = {a: row["area_name"] for a, row in now.items()}
    return {
        "new_gaps": [
            {"area_id": a, "area_name": area_names[a], "reason": now[a]["reason"],
             "region_id": now[a]["region_id"]}
            for a in by_name(gaps_now - gaps_before, area_names)
        ],
        "closed_gaps": [
            {"area_id": a, "area_name": area_names[a], "region_id": now[a]["region_id"]}
            for a in by_name((gaps_before & set(now)) - gaps_now, area_names)
        ],
        "newly_broken": [
            {"group_id": g, "group_name": group_names.get(g), "reason": broken_now[g]["reason"],
             "region_id": regions.get(g), "partnership": partnership_names.get(regions.get(g))}
            for g in by_name(set(broken_now) - set(broken_before), group_names)
        ],
        "reconnected": [
            {"group_id": g, "group_name": group_names.get(g), "region_id": regions.get(g),
             "partnership": partnership_names.get(regions.get(g))}
            for g in by_name(set(broken_before) - set(broken_now), group_names)
        ],
    }  # fmt: skip


def _sections(
    G: nx.MultiDiGraph,
    end: dt.date,
    region: str | None,
    names: dict[str, str],
    regions: dict,
    areas_now: list[dict],
    flow_now: dict,
    F: nx.DiGraph,
    flow_words: dict,
    gap_words: dict,
    include_names: bool,
) -> list[dict]:
    """One section per partnership: its areas, gaps explained, broken and fragile local
    groups explained, the sector balance of its strategic groups, and engagement."""
    sector_rows = sector_balance(G, end)
    cycle, rules = rep_cycle(G, end), group_rules(G, end)
    next_end = parse_quarter(_quarter_label(end + dt.timedelta(days=1)))[1]
    m = Meetings(G, end)
    meeting_less = [g for g in group_meetings(G, end, m) if g["below"]]
    paper = paper_only_lines(G, end, F, m)
    reps = rep_attendance(G, end, DEFAULT_REP_EXPECTATION, m)
    rep_regions = rep_partnerships(G, end)
    sections = []
    for code in [region] if region else list(names):
        rows = [a for a in areas_now if a["region_id"] == code]
        broken = [b for b in flow_now["broken"] if regions.get(b["group_id"]) == code]
        fragile = [f for f in flow_now["fragile"] if regions.get(f["group_id"]) == code]
        judged = [r for r in reps if rep_regions.get(r["person_id"]) == code
                  and not r["not_recorded"]]  # fmt: skip
        whose = {"partnership": names[code]}
        sections.append(
            {
                "region_id": code,
                "region": names[code],
                "coverage": _coverage_rows(G, rows, include_names),
                "gaps": _gap_rows(rows, gap_words),
                "broken": [{**b, **whose} for b in _broken_rows(broken, F, flow_words)],
                "fragile": [{**g, **whose} for g in _fragile_rows(fragile, flow_words)],
                "sector_balance": [
                    {**s, **whose} for s in sector_rows if regions.get(s["group_id"]) == code
                ],
                "meeting_less": [
                    {**g, **whose} for g in meeting_less if regions.get(g["group_id"]) == code
                ],
                "paper_only": [
                    {**line, "carriers": len(line["carriers"]), **whose}
                    for line in paper
                    if regions.get(line["from"]) == code or regions.get(line["to"]) == code
                ],
                "elections": _election_rows(G, cycle, rows, end, next_end, include_names),
                "cycle_warnings": [
                    {**w, "sentence": warning_sentence(G, w, include_names)}
                    for w in cycle["warnings"]
                    if w["area_id"] in {a["area_id"] for a in rows}
                ],
                "rules": [
                    {
                        **r,
                        "group_name": G.nodes[node_key(GROUP, r["group_id"])].get("name"),
                        "sentence": rule_sentence(G, r, end),
                        **whose,
                    }
                    for r in rules
                    if regions.get(r["group_id"]) == code
                ],
                "reps_judged": len(judged),
                "reps_below": [
                    {**r, "rep": _person(G, r["person_id"], include_names)}
                    for r in judged
                    if r["short"]
                ],
                "areas": rows,
            }
        )
    return sections


def _election_rows(
    G: nx.MultiDiGraph,
    cycle: dict,
    rows: list[dict],
    end: dt.date,
    next_end: dt.date,
    include_names: bool,
) -> list[dict]:
    """The partnership's council areas whose rep needs electing or renewing, or whose
    term ends by the end of next quarter: status, term end, the running round (opened,
    who runs it: named only with ``include_names``) and the sentence, most urgent first."""
    here = {a["area_id"] for a in rows}
    out = []
    for a in cycle["areas"]:
        if a["area_id"] not in here:
            continue
        ends_soon = a["term_end"] is not None and a["term_end"] <= next_end.isoformat()
        if a["status"] == "covered" and not ends_soon:
            continue
        running = next((r for r in G.graph.get("elections", ())
                        if r["election_id"] == a["election_id"]), {})  # fmt: skip
        contact = running.get("contact_person_id")
        out.append(
            {
                **a,
                "opened": running.get("nominations_open"),
                "run_by": _contact(G, contact, include_names),
                "sentence": cycle_sentence(G, a, end, include_names),
            }
        )
    return sorted(out, key=lambda a: (URGENCY.index(a["status"]), a["area_name"] or ""))


#: The rep cycle's statuses, most urgent first (the report's order).
URGENCY = ("renewal_due", "last_round_failed", "no_election", "election_running",
           "renewal_running", "covered")  # fmt: skip


def _contact(G: nx.MultiDiGraph, person_id: str | None, include_names: bool) -> str:
    """Who runs an election: named with ``include_names``, else by role and organisation."""
    if not person_id:
        return ""
    return person_words(G, node_key(PERSON, person_id), include_names, "a local contact")


def _coverage_rows(G: nx.MultiDiGraph, rows: list[dict], include_names: bool) -> list[dict]:
    """A section's council areas: covered or the reason not, the rep and their term."""
    return [
        {
            "area_id": a["area_id"],
            "area_name": a["area_name"],
            "status": "covered" if a["covered"] else a["reason"],
            "rep": _person(G, a["rep_person_id"], include_names),
            "term_end": a["term_end"],
        }
        for a in rows
    ]


def _gap_rows(rows: list[dict], gap_words: dict) -> list[dict]:
    """A section's uncovered areas by name, each explained, with where to look for a rep."""
    return [
        {
            "area_id": a["area_id"],
            "area_name": a["area_name"],
            "reason": a["reason"],
            "sentence": gap_words[a["area_id"]].sentence,
            "evidence": list(gap_words[a["area_id"]].evidence),
            "leads": list(gap_words[a["area_id"]].fixes),
        }
        for a in sorted(rows, key=lambda a: a["area_name"] or "")
        if not a["covered"]
    ]


def _broken_rows(broken: list[dict], F: nx.DiGraph, flow_words: dict) -> list[dict]:
    """A section's cut-off local groups by name: the lines nobody carries (by group
    name), why, and who could fix it."""
    return [
        {
            "group_id": b["group_id"],
            "group_name": b["group_name"],
            "reason": b["reason"],
            "unstaffed": [
                (F.nodes[u].get("name") or u, F.nodes[v].get("name") or v)
                for u, v in b.get("unstaffed_edges", [])
            ],
            "sentence": flow_words[b["group_id"]].sentence,
            "evidence": list(flow_words[b["group_id"]].evidence),
            "fixes": list(flow_words[b["group_id"]].fixes),
        }
        for b in sorted(broken, key=lambda b: b["group_name"] or "")
    ]


def _fragile_rows(fragile: list[dict], flow_words: dict) -> list[dict]:
    """A section's local groups heard through one person, by name, each explained."""
    return [
        {
            "group_id": f["group_id"],
            "group_name": f["group_name"],
            "people": len(f["single_points_of_failure"]),
            "sentence": flow_words[f["group_id"]].sentence,
        }
        for f in sorted(fragile, key=lambda f: f["group_name"] or "")
    ]


def report_stem(figures: dict) -> str:
    """The report's file name without extension, by partnership name and quarter:
    ``yorkshire-and-the-humber-coverage-2026-q3`` (``all-partnerships-...`` for the UK).

    >>> report_stem({"region": "Yorkshire and The Humber", "quarter": "2026Q3"})
    'yorkshire-and-the-humber-coverage-2026-q3'
    """
    name = re.sub(r"[^a-z0-9]+", "-", figures["region"].lower()).strip("-") or "partnership"
    return f"{name}-coverage-{figures['quarter'][:4]}-q{figures['quarter'][-1]}"


@no_gc()  # see core.memory: the national report's figures are millions of objects
def write_report(
    G: nx.MultiDiGraph,
    quarter: str,
    output_dir: Path,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    include_names: bool = False,
    region: str | None = None,
    author: str | None = None,
    loads: list[dict] | None = None,
) -> list[Path]:
    """Write the report in each of ``formats`` to ``output_dir``; returns the files.

    The PDF is tagged (PDF/UA-1: structure tree, title and language) for screen readers.
    ``loads`` (``loader.write.read_history``) lets the report say how the data changed
    between the two quarter ends.
    """

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise BadValue(
            "format",
            f"unknown report format(s): {', '.join(unknown)} (use html, pdf, xlsx, docx)",
        )
    figures = quarter_figures(G, quarter, region, include_names, author=author, loads=loads)
    return write_figures(figures, output_dir, formats)


def write_figures(
    figures: dict, output_dir: Path, formats: tuple[str, ...] = DEFAULT_FORMATS
) -> list[Path]:
    """Write :func:`quarter_figures` output in each of ``formats``; returns the files."""
    from report import html as html_format
    from report import word as docx_format
    from report import workbook as xlsx_format

    output_dir.mkdir(parents=True, exist_ok=True)
    stem = report_stem(figures)
    written = []
    if "html" in formats:
        path = output_dir / f"{stem}.html"
        path.write_text(html_format.render(figures), encoding="utf-8")
        written.append(path)
    if "pdf" in formats:
        from weasyprint import HTML

        path = output_dir / f"{stem}.pdf"
        HTML(string=html_format.render(figures, pdf=True)).write_pdf(
            path, pdf_variant="pdf/ua-1", pdf_tags=True
        )
        written.append(path)
    if "xlsx" in formats:
        path = output_dir / f"{stem}.xlsx"
        xlsx_format.write(figures, path)
        written.append(path)
    if "docx" in formats:
        path = output_dir / f"{stem}.docx"
        docx_format.write(figures, path)
        written.append(path)
    if figures.get("include_names"):  # personal data: readable by its owner only
        for path in written:
            path.chmod(0o600)
    return written
