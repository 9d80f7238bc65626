"""The quarterly coverage report: one set of figures, three formats (HTML, PDF, Excel).

Every figure comes from the same analysis functions as ``smp analyse`` and the app,
so the numbers never disagree. Personal data (names, person ids) is left out unless
``include_names`` is given.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import networkx as nx

from core.errors import BadValue
from graph.coverage import area_status
from graph.flow import information_flow
from graph.model import unchanged
from graph.sectors import sector_balance
from graph.summary import in_partnership, partnership_figures
from graph.views import group_regions, partnerships, region_summary

__all__ = ["FORMATS", "parse_quarter", "quarter_figures", "write_report"]

FORMATS = ("html", "pdf", "xlsx")
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
) -> dict:
    """Everything the report shows, as plain data (also what the Excel sheets hold).

    Each analysis runs once per date (the same functions ``smp analyse`` uses):
    coverage at the last four quarter ends, the information flow at this quarter's
    end and the previous one's, the sector balance at this quarter's end. They share
    scans of ``G`` (:func:`graph.model.unchanged`).
    """
    with unchanged(G):
        return _quarter_figures(G, quarter, region, include_names, now)


def _quarter_figures(
    G: nx.MultiDiGraph,
    quarter: str,
    region: str | None,
    include_names: bool,
    now: dt.datetime | None,
) -> dict:
    _start, end = parse_quarter(quarter)
    before = _previous_end(end)
    ends = [end]
    for _ in range(3):
        ends.append(_previous_end(ends[-1]))
    status = {day: area_status(G, day) for day in ends}  # ends[1] is ``before``
    flow_now, flow_before = information_flow(G, end), information_flow(G, before)
    names = dict(partnerships(G))
    if region is not None and region not in names:
        raise BadValue("region", f"{region!r} is not the area code of a partnership in the data")
    regions = group_regions(G)
    people = {d["id"]: d.get("name") for _k, d in G.nodes(data=True) if d.get("label") == "Person"}

    def person(pid: str | None) -> str:
        if not pid:
            return ""
        return f"{people.get(pid) or pid} ({pid})" if include_names else "in post"

    def mine_groups(entries):
        return in_partnership(entries, regions, region)

    areas_now = [a for a in status[end] if region is None or a["region_id"] == region]
    areas_before = {a["area_id"]: a for a in status[before]}
    gaps_now = {a["area_id"] for a in areas_now if not a["covered"]}
    gaps_before = {a for a, row in areas_before.items() if not row["covered"]}
    in_scope = {a["area_id"] for a in areas_now}
    broken_now = {b["group_id"]: b for b in mine_groups(flow_now["broken"])}
    broken_before = {b["group_id"]: b for b in mine_groups(flow_before["broken"])}
    fragile_now = mine_groups(flow_now["fragile"])
    next_end = parse_quarter(_quarter_label(end + dt.timedelta(days=1)))[1]
    area_names = {a["area_id"]: a["area_name"] for a in areas_now}
    ending = [
        {
            "area_id": a["area_id"],
            "area_name": a["area_name"],
            "term_end": a["term_end"].isoformat(),
            "rep": person(a["rep_person_id"]),
        }
        for a in areas_now
        if a["covered"] and a["term_end"] is not None and end < a["term_end"] <= next_end
    ]
    group_names = {
        d["id"]: d.get("name") for _k, d in G.nodes(data=True) if d.get("label") == "Group"
    }
    figures_now = partnership_figures(
        G, end, region, areas=status[end], flow=flow_now, regions=regions, ending=[]
    )
    figures_before = partnership_figures(
        G, before, region, areas=status[before], flow=flow_before, regions=regions, ending=[]
    )
    summary = {
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
    changes = {
        "new_gaps": [
            {
                "area_id": a,
                "area_name": area_names.get(a),
                "reason": next(x["reason"] for x in areas_now if x["area_id"] == a),
            }
            for a in sorted(gaps_now - gaps_before)
        ],
        "closed_gaps": [
            {"area_id": a, "area_name": area_names.get(a)}
            for a in sorted((gaps_before & in_scope) - gaps_now)
        ],
        "newly_broken": [
            {"group_id": g, "group_name": group_names.get(g), "reason": broken_now[g]["reason"]}
            for g in sorted(set(broken_now) - set(broken_before))
        ],
        "reconnected": [
            {"group_id": g, "group_name": group_names.get(g)}
            for g in sorted(set(broken_before) - set(broken_now))
        ],
        "terms_ending_next_quarter": ending,
    }
    sections = []
    chosen = [region] if region else list(names)
    sector_rows = sector_balance(G, end)
    for code in chosen:
        rows = [a for a in areas_now if a["region_id"] == code]
        sections.append(
            {
                "region_id": code,
                "region": names[code],
                "coverage": [
                    {
                        "area_id": a["area_id"],
                        "area_name": a["area_name"],
                        "status": "covered" if a["covered"] else a["reason"],
                        "rep": person(a["rep_person_id"]),
                        "term_end": a["term_end"].isoformat() if a["term_end"] else "",
                    }
                    for a in rows
                ],
                "broken": [
                    {
                        "group_id": g,
                        "group_name": b["group_name"],
                        "reason": b["reason"],
                        "unstaffed": ", ".join(
                            f"{u} → {v}" for u, v in b.get("unstaffed_edges", [])
                        ),
                    }
                    for g, b in broken_now.items()
                    if regions.get(g) == code
                ],
                "fragile": [
                    {
                        "group_id": f["group_id"],
                        "group_name": f["group_name"],
                        "single_points_of_failure": (
                            ", ".join(person(p) for p in f["single_points_of_failure"])
                            if include_names
                            else f"{len(f['single_points_of_failure'])} person(s)"
                        ),
                    }
                    for f in fragile_now
                    if regions.get(f["group_id"]) == code
                ],
                "sector_balance": [s for s in sector_rows if regions.get(s["group_id"]) == code],
                "areas": rows,
            }
        )
    history = []
    for quarter_end in ends:
        rows = [a for a in status[quarter_end] if region is None or a["region_id"] == region]
        history.append(
            {
                "quarter": _quarter_label(quarter_end),
                "as_of": quarter_end.isoformat(),
                "covered": sum(a["covered"] for a in rows),
                "total": len(rows),
            }
        )
    by_region = [
        r
        for r in region_summary(G, end, areas=status[end], flow=flow_now, regions=regions)
        if region is None or r["region_id"] == region
    ]
    now = now or dt.datetime.now(dt.UTC)
    return {
        "quarter": _quarter_label(end),
        "as_of": end.isoformat(),
        "compared_with": before.isoformat(),
        "region": names.get(region) if region else "All twelve partnerships",
        "include_names": include_names,
        "summary": summary,
        "changes": changes,
        "sections": sections,
        "by_region": by_region,
        "history": list(reversed(history)),
        "source": G.graph.get("source") or "unknown",
        "loaded_at": G.graph.get("loaded_at") or "unknown",
        "generated_at": now.isoformat(timespec="seconds"),
    }


def write_report(
    G: nx.MultiDiGraph,
    quarter: str,
    output_dir: Path,
    formats: tuple[str, ...] = FORMATS,
    include_names: bool = False,
    region: str | None = None,
) -> list[Path]:
    """Write the report in each of ``formats`` to ``output_dir``; returns the files."""
    from report import html as html_format
    from report import workbook as xlsx_format

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise BadValue(
            "format", f"unknown report format(s): {', '.join(unknown)} (use html, pdf, xlsx)"
        )
    figures = quarter_figures(G, quarter, region, include_names)
    output_dir.mkdir(parents=True, exist_ok=True)
    stem = f"smp-coverage-{figures['quarter']}" + (f"-{region}" if region else "")
    written = []
    if "html" in formats:
        path = output_dir / f"{stem}.html"
        path.write_text(html_format.render(figures), encoding="utf-8")
        written.append(path)
    if "pdf" in formats:
        from weasyprint import HTML

        path = output_dir / f"{stem}.pdf"
        HTML(string=html_format.render(figures, pdf=True)).write_pdf(path)
        written.append(path)
    if "xlsx" in formats:
        path = output_dir / f"{stem}.xlsx"
        xlsx_format.write(figures, path)
        written.append(path)
    return written
