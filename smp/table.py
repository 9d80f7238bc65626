"""``smp analyse --format table``: the analysis for people, counts first, then lists."""

from __future__ import annotations


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


def render(result: dict) -> str:
    cov, flow = result["coverage"], result["flow"]
    down = result.get("flow_down")
    lines = [
        f"SMP network analysis as of {result['as_of']}",
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
    lines += _table(
        ["area", "name", "reason"],
        [[g["area_id"], g["area_name"], g["reason"]] for g in cov["gaps"]],
    )
    lines += ["", "Broken local groups"]
    lines += _table(
        ["group", "name", "reason", "unstaffed lines"],
        [
            [b["group_id"], b.get("group_name") or "", b["reason"],
             ", ".join(f"{u} → {v}" for u, v in b.get("unstaffed_edges", []))]
            for b in flow["broken"]
        ],
    )  # fmt: skip
    lines += ["", "Fragile local groups (single points of failure)"]
    lines += _table(
        ["group", "name", "people"],
        [
            [f["group_id"], f.get("group_name") or "", ", ".join(f["single_points_of_failure"])]
            for f in flow["fragile"]
        ],
    )
    if cov.get("terms_ending_soon"):
        lines += ["", "Rep terms ending within 90 days"]
        lines += _table(
            ["area", "person", "ends"],
            [[t["area_id"], t["person_id"], t["end_date"]] for t in cov["terms_ending_soon"]],
        )
    if result.get("sector_balance"):
        lines += ["", "Sectors missing from regional strategic groups and boards"]
        lines += _table(
            ["group", "missing"],
            [[s["group_id"], ", ".join(s["missing"]) or "-"] for s in result["sector_balance"]],
        )
    return "\n".join(lines) + "\n"
