"""The report as an Excel workbook: one formatted sheet per table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from core.cells import append_row
from core.vocabulary import GAP_HEADINGS
from graph.words import REASON_WORDS, STATUS_WORDS

__all__ = ["add_sheet", "write"]

HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")


#: How dates show in the report's Excel cells (they stay real dates, sortable).
DATE_FORMAT = "d mmmm yyyy"
DATETIME_FORMAT = "d mmmm yyyy hh:mm"


def add_sheet(
    book: Workbook, title: str, rows: list[dict], columns: list[str] | dict[str, str]
) -> None:
    """A sheet of ``rows``: ``columns`` maps each key to its header (or lists keys that
    are their own headers). Dates become real date cells shown as "30 September 2026"."""
    headers = columns if isinstance(columns, dict) else {c: c for c in columns}
    sheet = book.create_sheet(title[:31])
    sheet.append(list(headers.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for row in rows:
        append_row(sheet, [_plain(row.get(c)) for c in headers])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    for index, (key, header) in enumerate(headers.items(), start=1):
        values = [header] + [_shown(r.get(key)) for r in rows]
        width = min(70, max(len(v) for v in values) + 2)
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions


def _shown(value: object) -> str:
    if isinstance(value, dt.date):
        return "30 September 2026"
    return str(_plain(value) or "")


def _plain(value: object) -> object:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        from zoneinfo import ZoneInfo

        return value.astimezone(ZoneInfo("Europe/London")).replace(tzinfo=None)
    return value


def _when(value: object) -> object:
    """A load time as a date-time cell (ISO text or a datetime); other text unchanged."""
    if isinstance(value, str) and value:
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return value


def _changes_rows(changes: dict | None) -> list[dict]:
    if not changes:
        return []
    return [
        {"what": "Updates loaded in the quarter", "value": changes["loads"]},
        {"what": "Records added, changed, removed",
         "value": f"{changes['added']}, {changes['changed']}, {changes['removed']}"},
    ]  # fmt: skip


#: A sheet of the report's workbook: name, what it holds (for the README), rows, and
#: the columns (key → header) as :func:`add_sheet` takes them.
_Sheet = tuple[str, str, list[dict], dict[str, str]]


def write(figures: dict, path: Path) -> None:
    """The report's figures as a workbook: a README sheet saying what each sheet holds
    and the dates, then one sheet per table, headers and statuses in words, ids last."""
    book = Workbook()
    book.remove(book.active)
    sheets = [
        _summary_sheet(figures),
        _messages_sheet(figures),
        _changes_sheet(figures),
        _coverage_sheet(figures),
        _cut_off_sheet(figures),
        _fragile_sheet(figures),
        _sector_sheet(figures),
        _engagement_sheet(figures),
        _by_partnership_sheet(figures),
        _history_sheet(figures),
    ]
    readme = _readme_rows(figures)
    readme += [{"what": name, "value": about} for name, about, _rows, _cols in sheets]
    add_sheet(book, "README", readme, {"what": "", "value": ""})
    book["README"].column_dimensions["B"].width = 100
    for name, _about, rows, columns in sheets:
        add_sheet(book, name, rows, columns)
    book.save(path)


def _readme_rows(f: dict) -> list[dict]:
    """The README sheet's rows down to the header of its list of sheets."""
    return [
        {"what": "Report", "value": f"{f['region']}: quarterly coverage report"},
        {"what": "Period", "value": f["period"]},
        {"what": "Figures as of", "value": f["as_of"]},
        {"what": "Compared with", "value": f["compared_with"]},
        {"what": "Prepared by", "value": f.get("author") or ""},
        {"what": "Personal data",
         "value": "Yes: people are named" if f["include_names"] else "None: nobody is named"},
        {"what": "Source workbook", "value": f["source"]},
        {"what": "Data loaded", "value": _when(f["loaded_at"])},
        *_changes_rows(f.get("data_changes")),
        {"what": "Report written", "value": f["generated_at"]},
        {"what": "", "value": ""},
        {"what": "Sheet", "value": "What it holds"},
    ]  # fmt: skip


def _summary_sheet(f: dict) -> _Sheet:
    """The headline figures."""
    s = f["summary"]
    summary = [
        {"figure": "Council areas", "value": s["areas_total"]},
        {"figure": "Council areas covered", "value": s["areas_covered"]},
        {"figure": "Council areas covered at the previous quarter end",
         "value": s["areas_covered_before"]},
        {"figure": "Local groups", "value": s["local_groups_total"]},
        {"figure": "Local groups heard (connected)", "value": s["connected"]},
        {"figure": "Local groups heard at the previous quarter end",
         "value": s["connected_before"]},
        {"figure": "Local groups cut off (broken)", "value": s["broken"]},
        {"figure": "Local groups heard through one person (fragile)", "value": s["fragile"]},
        {"figure": "Representatives' terms ending next quarter",
         "value": s["terms_ending_next_quarter"]},
    ]  # fmt: skip
    return ("Summary", "The headline figures on the quarter's last day.", summary,
            {"figure": "Figure", "value": "Value"})  # fmt: skip


def _messages_sheet(f: dict) -> _Sheet:
    """The key messages, then the asks of the board."""
    messages = [{"kind": "Key message", "text": m["text"], "section": m["section_title"]}
                for m in f["key_messages"]]  # fmt: skip
    for a in f["asks"]:
        messages.append({"kind": "Ask of the board", "text": a["text"],
                         "section": a["section_title"]})  # fmt: skip
    return ("Messages and asks", "The key messages and asks of the board, with the "
            "section of the report each rests on.", messages,
            {"kind": "Kind", "text": "Text", "section": "Section"})  # fmt: skip


def _changes_sheet(f: dict) -> _Sheet:
    """What changed between the two quarter ends, one row per area or group."""
    changes = []
    kinds = {"new_gaps": "Lost its representative", "closed_gaps": "Gained a representative",
             "newly_broken": "Cut off", "reconnected": "Heard again",
             "terms_ending_next_quarter": "Term ends next quarter"}  # fmt: skip
    for kind, entries in f["changes"].items():
        for e in entries:
            changes.append({
                "change": kinds[kind], "name": e.get("area_name") or e.get("group_name"),
                "detail": REASON_WORDS.get(e.get("reason"), e.get("reason") or ""),
                "date": e.get("term_end"), "id": e.get("area_id") or e.get("group_id"),
            })  # fmt: skip
    return ("Changes", "What changed between the two quarter ends.", changes,
            {"change": "Change", "name": "Area or group", "detail": "Why",
             "date": "Term ends", "id": "Code"})  # fmt: skip


def _coverage_sheet(f: dict) -> _Sheet:
    """Every council area of each section, by name, with why it is uncovered."""
    coverage = []
    for x in f["sections"]:
        gaps = {g["area_id"]: g for g in x["gaps"]}
        for a in sorted(x["coverage"], key=lambda a: a["area_name"] or ""):
            gap = gaps.get(a["area_id"], {})
            coverage.append({
                "partnership": x["region"], "area_name": a["area_name"],
                "status": STATUS_WORDS[a["status"]], "why": gap.get("sentence", ""),
                "leads": gap.get("leads", []), "rep": a["rep"], "term_end": a["term_end"],
                "area_id": a["area_id"], "code": a["status"],
            })  # fmt: skip
    return ("Coverage", "Every council area: covered or not, why, where to look for a "
            "representative, and when the term ends.", coverage,
            {"partnership": GAP_HEADINGS["partnership"], "area_name": GAP_HEADINGS["area"],
             "status": GAP_HEADINGS["status"], "why": GAP_HEADINGS["why"],
             "leads": GAP_HEADINGS["where to look"], "rep": "Elected VCS representative",
             "term_end": "Term ends", "area_id": GAP_HEADINGS["area_id"],
             "code": GAP_HEADINGS["reason"]})  # fmt: skip


def _cut_off_sheet(f: dict) -> _Sheet:
    """The broken local groups, with the lines nobody carries."""
    broken = [{"partnership": x["region"], **b,
               "lines": [f"{u} → {v}" for u, v in b["unstaffed"]]}
              for x in f["sections"] for b in x["broken"]]  # fmt: skip
    return ("Cut-off groups", "Local groups not heard at regional and national level: "
            "why, and who could fix it.", broken,
            {"partnership": "Partnership", "group_name": "Local group",
             "sentence": "Why", "lines": "Lines nobody carries",
             "fixes": "Who could fix it", "group_id": "Group id",
             "reason": "Reason code"})  # fmt: skip


def _fragile_sheet(f: dict) -> _Sheet:
    """The local groups heard through one person only."""
    fragile = [{"partnership": x["region"], **g} for x in f["sections"] for g in x["fragile"]]
    return ("Fragile groups", "Local groups heard through one person only.", fragile,
            {"partnership": "Partnership", "group_name": "Local group",
             "sentence": "Why", "people": "People each alone on a line",
             "group_id": "Group id"})  # fmt: skip


def _sector_sheet(f: dict) -> _Sheet:
    """The sectors present on and missing from each strategic group."""
    sectors = [{"partnership": x["region"], **b} for x in f["sections"]
               for b in x["sector_balance"]]  # fmt: skip
    return (
        "Sector balance",
        "Regional strategic groups and boards: expected sectors present and missing.",
        sectors,
        {
            "partnership": "Partnership",
            "group_name": "Group",
            "missing": "Missing",
            "present": "Present",
            "group_id": "Group id",
        },
    )


def _engagement_sheet(f: dict) -> _Sheet:
    """Groups meeting less often than they should, lines carried only on paper, and
    (with names) representatives below the expected attendance."""
    engagement = [{"partnership": x["region"], "what": "Meets less often than it should",
                   "name": g["group_name"], "detail": g["below"]}
                  for x in f["sections"] for g in x["meeting_less"]]  # fmt: skip
    engagement += [{"partnership": x["region"], "what": "Line carried only on paper",
                    "name": f"{p['from_name']} → {p['to_name']}",
                    "detail": f"{p['carriers']} on both groups"}
                   for x in f["sections"] for p in x["paper_only"]]  # fmt: skip
    if f["include_names"]:
        engagement += [{"partnership": x["region"], "what": "Representative below the "
                        "expected attendance", "name": r["rep"], "detail": r["short"]}
                       for x in f["sections"] for r in x["reps_below"]]  # fmt: skip
    return ("Meetings and attendance", "Groups meeting less often than they should, "
            "lines carried only on paper" + (", representatives below the expected "
            "attendance" if f["include_names"] else "") + ".", engagement,
            {"partnership": "Partnership", "what": "Finding", "name": "Group, line "
             "or person", "detail": "Detail"})  # fmt: skip


def _by_partnership_sheet(f: dict) -> _Sheet:
    """Each partnership's headline figures."""
    return ("By partnership", "Each partnership's headline figures.", f["by_region"],
            {"region": "Partnership", "areas": "Council areas",
             "covered": "Covered", "local_groups": "Local groups",
             "connected": "Heard", "broken": "Cut off",
             "fragile": "Through one person", "region_id": "Code"})  # fmt: skip


def _history_sheet(f: dict) -> _Sheet:
    """Council areas covered at each of the last four quarter ends."""
    return ("Last four quarters", "Council areas covered at each of the last four "
            "quarter ends.", f["history"],
            {"quarter_words": "Quarter", "as_of": "As of", "covered": "Covered",
             "total": "Council areas"})  # fmt: skip
