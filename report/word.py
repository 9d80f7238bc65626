"""The paper as a Word document, for a committee clerk to paste into their template.

The same paper as the PDF (:mod:`report.html` with ``pdf=True``): the same sections in
the same order, the same key messages and numbered asks, the same lists cut to the
same length with the same pointers to the Excel report. Headings use Word's own
styles (Heading 1 to 3), tables repeat their header row on each page, and every map
and chart is a PNG with alternative text. Text is only ever text: names and sentences
from the workbook are written as they are, never read as markup or fields.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table

from core.vocabulary import GAP_HEADINGS
from core.words import agree, count, uk_date, uk_datetime
from graph.words import CYCLE_WORDS, REASON_WORDS, STATUS_WORDS
from report.board import SECTIONS, complete_groups_sentence
from report.html import (
    COVERAGE_TARGET,
    PDF_BROKEN_LIMIT,
    PDF_LIST_LIMIT,
    REGION_MAP_WIDTH,
    UK_MAP_WIDTH,
    chart_rows,
)
from report.pictures import (
    PNG_SCALE,
    bar_chart_png,
    bars_said,
    hex_map_png,
    map_key,
    map_summary,
)

__all__ = ["write"]

#: Width of the page's text (A4, 20 mm margins) in millimetres.
TEXT_MM = 170
#: SVG units (CSS px) per millimetre.
PX_PER_MM = 96 / 25.4


def write(figures: dict, path: Path) -> None:
    """The paper of :func:`report.quarterly.quarter_figures` output as ``path`` (.docx)."""
    doc = Document()
    _setup(doc, figures)
    _cover(doc, figures)
    for anchor in SECTIONS:
        writer = _SECTION_WRITERS.get(anchor)
        if writer is not None:
            writer(doc, figures)
    doc.save(path)


def _setup(doc: DocxDocument, f: dict) -> None:
    """A4 with 20 mm margins, British English, the paper's title and footer."""
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(20))
        footer = section.footer.paragraphs[0]
        footer.text = f"{f['region']}: coverage report, {f['period']}" + (
            " · contains personal data" if f["include_names"] else ""
        )
        footer._p.style = "Footer"
    props = doc.core_properties
    props.title = f"{f['region']}: coverage report, {f['period']}"
    props.subject = "Strategic Migration Partnership quarterly coverage report"
    props.author = f.get("author") or ""
    props.language = "en-GB"
    props.comments = ""
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    # Tables in 9.5 pt: their style's size, which a size on Normal would override.
    doc.styles["Table Grid"].font.size = Pt(9.5)
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    rpr.append(lang)


def _para(doc: DocxDocument, text: str = "", style: str | None = None, bold_lead: str = ""):
    """A paragraph of plain text, with an optional bold lead-in; ``style`` is a style id
    of Word's own template ("ListBullet"), set directly: python-docx's look-up of a
    style by name scans every style each time."""
    p = doc.add_paragraph()
    if style:
        p._p.style = style
    if bold_lead:
        p.add_run(bold_lead).bold = True
    if text:
        p.add_run(text)
    return p


def _heading(doc: DocxDocument, text: str, level: int) -> None:
    """A heading in Word's own style (Heading 1 to 3), so it shows in the navigation pane
    and takes the clerk's template's look when pasted."""
    _para(doc, text, style=f"Heading{level}")


def _numbered(doc: DocxDocument, number: int, text: str):
    """A numbered item whose number is part of its text, so it survives being pasted."""
    p = doc.add_paragraph()
    p.paragraph_format.left_indent = Mm(8)
    p.paragraph_format.first_line_indent = Mm(-8)
    p.add_run(f"{number}.\t{text}")
    return p


def _see(p, anchor: str) -> None:
    run = p.add_run(f" (see {SECTIONS[anchor]})")
    run.italic = True


#: Columns that hold a name, a status or a date: narrow; the others hold sentences.
NARROW = {"Partnership", "Area", "Group", "Status", "Term ends", "Now", "Cut off",
          "Areas covered", "Local groups heard", "Through one person"}  # fmt: skip


def _table(doc: DocxDocument, headers: list[str], rows: list[list[str]]) -> Table:
    """A table whose header row repeats on every page and is marked as a header; columns
    of names narrow, columns of sentences wide."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    header = table.rows[0]
    trpr = header._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        mark = OxmlElement(tag)
        mark.set(qn("w:val"), "true")
        trpr.append(mark)
    shares = [1 if h in NARROW or h.startswith("On ") else 2.5 for h in headers]
    widths = [Mm(TEXT_MM * share / sum(shares)) for share in shares]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, text, width in zip(header.cells, headers, widths, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        cell.width = width
    for values in rows:
        cells = table.add_row().cells
        for cell, text, width in zip(cells, values, widths, strict=True):
            cell.text = text
            cell.width = width
    doc.add_paragraph()
    return table


def _whose(row: dict, lead: list[str]) -> list[str]:
    """The row's partnership, as a first cell, when the tables have that column."""
    return [row.get("partnership") or ""] if lead else []


def _picture(doc: DocxDocument, png: bytes | None, alt: str, title: str) -> None:
    """A picture at its print size, with alternative text (the SVG's aria-label)."""
    if not png:
        return
    from PIL import Image

    width_px = Image.open(io.BytesIO(png)).width / PNG_SCALE
    width = Mm(min(TEXT_MM, width_px / PX_PER_MM))
    doc.add_picture(io.BytesIO(png), width=width)
    shape = doc.inline_shapes[-1]
    shape._inline.docPr.set("descr", alt)
    shape._inline.docPr.set("title", title)
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.LEFT


def _cover(doc: DocxDocument, f: dict) -> None:
    kicker = _para(doc, "Strategic Migration Partnership · quarterly coverage report")
    kicker.runs[0].font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    _heading(doc, f["region"], level=1)
    _para(doc, bold_lead=f["period"])
    _para(doc, f"The network as it stood on {uk_date(f['as_of'])}, compared with "
               f"{uk_date(f['compared_with'])}.")  # fmt: skip
    if f.get("author"):
        _para(doc, f"Prepared by {f['author']}.")
    if f["include_names"]:
        _para(doc, " People are named: share this paper only with those entitled to see it.",
              bold_lead="Contains personal data.")  # fmt: skip
    else:
        _para(doc, "No personal data: people are described by their role and organisation, "
                   "never named.")  # fmt: skip


def _messages(doc: DocxDocument, f: dict) -> None:
    _heading(doc, SECTIONS["messages"], level=2)
    for i, m in enumerate(f["key_messages"], 1):
        _see(_numbered(doc, i, m["text"]), m["section"])


def _asks(doc: DocxDocument, f: dict) -> None:
    _heading(doc, SECTIONS["asks"], level=2)
    if not f["asks"]:
        _para(doc, "Nothing needs the board's action this quarter: every area is covered, "
                   "every local group is heard through more than one person, and the "
                   "strategic groups have every expected sector.")  # fmt: skip
        return
    _para(doc, "The board is asked to:")
    for i, a in enumerate(f["asks"], 1):
        _see(_numbered(doc, i, a["text"]), a["section"])
        for item in a["items"]:
            _bullet(doc, item)
        if a["more"]:
            _bullet(doc, f"and {a['more']} more, listed in the section.")


def _bullet(doc: DocxDocument, text: str, lead: str = "") -> None:
    p = _para(doc, text, style="ListBullet", bold_lead=lead)
    p.paragraph_format.left_indent = Mm(14)


def _glance(doc: DocxDocument, f: dict) -> None:
    """The headline figures, and each partnership's where the paper covers several."""
    s, before = f["summary"], uk_date(f["compared_with"])
    _heading(doc, SECTIONS["glance"], level=2)
    _table(doc, ["Figure", "Now", f"On {before}"], [
        ["Council areas with an elected VCS representative",
         f"{s['areas_covered']} of {s['areas_total']}", str(s["areas_covered_before"])],
        ["Local groups heard at regional and national level",
         f"{s['connected']} of {s['local_groups_total']}", str(s["connected_before"])],
        ["Local groups heard through one person only", str(s["fragile"]), ""],
        [f"Representatives' terms ending by {uk_date(f['next_quarter_end'])}",
         str(s["terms_ending_next_quarter"]), ""],
    ])  # fmt: skip
    if f["region_id"] is not None:
        return
    by_region = {r["region_id"]: r for r in f["by_region"]}
    rows = []
    for x in f["sections"]:
        r = by_region.get(x["region_id"])
        rows.append([x["region"]] + (
            [f"{r['covered']} of {r['areas']}", f"{r['connected']} of {r['local_groups']}",
             str(r["broken"]), str(r["fragile"])] if r else ["", "", "", ""]))  # fmt: skip
    _table(doc, ["Partnership", "Areas covered", "Local groups heard", "Cut off",
                 "Through one person"], rows)  # fmt: skip


def _coverage(doc: DocxDocument, f: dict) -> None:
    single = f["region_id"] is not None
    _heading(doc, SECTIONS["coverage"], level=2)
    _para(doc, "A council area is covered when a representative of the voluntary and "
               "community sector (VCS), elected by their peers and working for a VCS "
               "organisation, is in post for it.")  # fmt: skip
    by_region, history = chart_rows(f)
    if single:
        section = f["sections"][0]
        title = f"Map of the council areas of {section['region']} by coverage"
        _picture(doc, hex_map_png(section["areas"], REGION_MAP_WIDTH, labels=True),
                 f"{title}. {map_summary(section['areas'])}", title)  # fmt: skip
        key = map_key(section["areas"], REGION_MAP_WIDTH)
        shorts = "; ".join(f"{short}, {name}" for short, name in key)
        _para(doc, f"Council areas of {f['region']} on {uk_date(f['as_of'])}, each labelled "
                   "with its name" + (f" or, where the name does not fit, a short form: "
                   f"{shorts}" if key else "") + ". The table below lists every gap.")  # fmt: skip
    else:
        _heading(doc, "Coverage by partnership", level=3)
        title = "Share of council areas with an elected VCS representative, by partnership"
        _picture(doc, bar_chart_png(by_region, target=COVERAGE_TARGET),
                 f"{title}: {bars_said(by_region, target=COVERAGE_TARGET)}", title)  # fmt: skip
        _para(doc, "Sorted from most to least covered; the dashed line is the target of "
                   "every area covered.")  # fmt: skip
        _heading(doc, "All council areas", level=3)
        areas = [a for x in f["sections"] for a in x["areas"]]
        title = "Map of council areas by coverage"
        _picture(doc, hex_map_png(areas, UK_MAP_WIDTH), f"{title}. {map_summary(areas)}", title)
        _para(doc, f"All the UK's council areas on {uk_date(f['as_of'])}, coloured by "
                   "coverage; the table below lists every gap.")  # fmt: skip
    _para(doc, "Key to the map colours: " + "; ".join(STATUS_WORDS.values()) + ".")
    _heading(doc, "Coverage over the last four quarters", level=3)
    title = "Share of council areas covered at each of the last four quarter ends"
    _picture(doc, bar_chart_png(history), f"{title}: {bars_said(history)}", title)
    _changes(doc, f)
    _gaps(doc, f)


def _listed(items: list, words: Callable[[dict], str]) -> str:
    shown = items[:PDF_LIST_LIMIT]
    text = "; ".join(words(e) for e in shown) or "none"
    if len(shown) < len(items):
        text += f'; and {len(items) - len(shown)} more (sheet "Changes" of the Excel report)'
    return text


def _changes(doc: DocxDocument, f: dict) -> None:
    c = f["changes"]
    _heading(doc, SECTIONS["changes"], level=3)
    names, several = f["include_names"], f["region_id"] is None

    def group(g: dict) -> str:
        return f"{g['group_name']} ({g['partnership']})" if several else g["group_name"]

    _bullet(doc, _listed(c["new_gaps"], lambda g: f"{g['area_name']} "
                         f"({REASON_WORDS[g['reason']]})"),
            "Areas that lost their representative: ")  # fmt: skip
    _bullet(doc, _listed(c["closed_gaps"], lambda g: g["area_name"]), "Areas that gained one: ")
    _bullet(doc, _listed(c["newly_broken"], group),
            "Local groups cut off this quarter: ")  # fmt: skip
    _bullet(doc, _listed(c["reconnected"], group),
            "Local groups heard again: ")  # fmt: skip
    _bullet(doc, _listed(c["terms_ending_next_quarter"], lambda t: f"{t['area_name']} "
                         f"({uk_date(t['term_end'])}{', ' + t['rep'] if names else ''})"),
            f"Terms ending by {uk_date(f['next_quarter_end'])}: ")  # fmt: skip


def _gaps(doc: DocxDocument, f: dict) -> None:
    single = f["region_id"] is not None
    _heading(doc, "Council areas without an elected VCS representative", level=3)
    rows = [
        ([] if single else [x["region"]]) + [
            g["area_name"], " ".join([g["sentence"], *g["evidence"]]), "\n".join(g["leads"])]
        for x in f["sections"] for g in x["gaps"]
    ]  # fmt: skip
    if not rows:
        _para(doc, "Every council area has an elected VCS representative.")
        return
    columns = ([] if single else ["partnership"]) + ["area", "why", "where to look"]
    _table(doc, [GAP_HEADINGS[c] for c in columns], rows)


def _flow(doc: DocxDocument, f: dict) -> None:
    _heading(doc, SECTIONS["flow"], level=2)
    _para(doc, "Information travels up reporting lines, from local forums to the regional "
               "strategic group and on to national level. A line only carries it when "
               "someone sits on both groups. A local group is cut off when no staffed "
               "route leads up, and heard through one person only when one person leaving "
               "would cut it off.")  # fmt: skip
    lead = [] if f["region_id"] is not None else ["Partnership"]
    everyone = [b for x in f["sections"] for b in x["broken"]]
    broken = everyone[:PDF_BROKEN_LIMIT]
    _heading(doc, "Local groups cut off", level=3)
    if broken:
        rows = []
        for b in broken:
            fixes = "\n".join(b["fixes"]) or (
                "Agree which group it should report to, and who will carry that line."
                if b["reason"] == "no_route"
                else "No candidate in the data: ask both groups."
            )
            rows.append(
                [
                    *_whose(b, lead),
                    b["group_name"],
                    " ".join([b["sentence"], *b["evidence"]]),
                    fixes,
                ]
            )
        _table(doc, [*lead, "Group", "Why", "Who could fix it"], rows)
        if len(broken) < len(everyone):
            _para(doc, f"The first {len(broken)} of {len(everyone)}, by partnership and name. "
                       "Full list, with who could fix each: sheet \"Cut-off groups\" of the "
                       "Excel report.")  # fmt: skip
    else:
        _para(doc, "Every local group can be heard at regional and national level.")
    fragile = [g for x in f["sections"] for g in x["fragile"]]
    shown = fragile[:PDF_LIST_LIMIT]
    _heading(doc, "Local groups heard through one person only", level=3)
    if fragile:
        _table(doc, [*lead, "Group", "Why"],
               [[*_whose(g, lead), g["group_name"], g["sentence"]] for g in shown])  # fmt: skip
        if len(shown) < len(fragile):
            _para(doc, f"The first {len(shown)} of {len(fragile)}, by name. Full list: sheet "
                       "\"Fragile groups\" of the Excel report.")  # fmt: skip
    else:
        _para(doc, "No local group hangs on a single person.")


def _sectors(doc: DocxDocument, f: dict) -> None:
    _heading(doc, SECTIONS["sectors"], level=2)
    _para(doc, "A regional strategic group or board is expected to have members from local "
               "authorities, the Home Office, the asylum accommodation and support "
               "providers, police, health, bodies for migrant workers, higher education "
               "and the voluntary sector.")  # fmt: skip
    balance = [b for x in f["sections"] for b in x["sector_balance"]]
    if not balance:
        _para(doc, "No regional strategic group or board in the data.")
        return
    lead = [] if f["region_id"] is not None else ["Partnership"]
    lacking = [b for b in balance if b["missing"]]
    if lacking:
        _table(doc, [*lead, "Group", "Sectors with nobody on it"],
               [[*_whose(b, lead), b["group_name"], ", ".join(b["missing"])]
                for b in lacking])  # fmt: skip
    complete = complete_groups_sentence(balance, f["region_id"] is None)
    if complete:
        _para(doc, complete)


def _elections(doc: DocxDocument, f: dict) -> None:
    single = f["region_id"] is not None
    _heading(doc, SECTIONS["elections"], level=2)
    _para(doc, "VCS representatives are elected by their peers for a year, through "
               "nominations and a vote run by a local contact and approved by the local "
               "VCS. Elections should open well before a term ends: renewal is due when a "
               "term ends within 90 days and no election has opened.")  # fmt: skip
    rows = []
    for x in f["sections"]:
        for e in x["elections"][:PDF_LIST_LIMIT]:
            election = e["sentence"]
            if e["opened"]:
                election = f"open since {uk_date(e['opened'])}" + (
                    f", run by {e['run_by']}" if e["run_by"] else ""
                )
            rows.append(([] if single else [x["region"]]) + [
                e["area_name"], CYCLE_WORDS.get(e["status"], ""), uk_date(e["term_end"]),
                election])  # fmt: skip
    if rows:
        headers = ["Area", "Status", "Term ends", "Election"]
        _table(doc, ([] if single else ["Partnership"]) + headers, rows)
    else:
        _para(doc, "Every council area has an elected representative whose term runs past "
                   "next quarter.")  # fmt: skip
    warned = [w for x in f["sections"] for w in x["cycle_warnings"]]
    if warned:
        _heading(doc, "Warnings", level=3)
        for w in warned:
            _bullet(doc, w["sentence"])


def _rules(doc: DocxDocument, f: dict) -> None:
    _heading(doc, SECTIONS["rules"], level=2)
    rules = [r for x in f["sections"] for r in x["rules"]]
    broken = [r for r in rules if not r["holds"]]
    if not rules:
        _para(doc, "No group's terms of reference are recorded (group rules), and no "
                   "meetings to hold the default ones against.")  # fmt: skip
        return
    kept = len(rules) - len(broken)
    text = (f"{kept} of {count(len(rules), 'rule')} set by the groups' terms of reference "
            f"{agree(kept, 'was', 'were')} kept on {uk_date(f['as_of'])}")  # fmt: skip
    if broken:
        text += f"; {len(broken)} {agree(len(broken), 'was', 'were')} not"
    _para(doc, text + ".")
    if broken:
        lead = [] if f["region_id"] is not None else ["Partnership"]
        header = "What its terms of reference say, and what the network shows"
        rows = [[*_whose(r, lead), r["group_name"], r["sentence"]] for r in broken]
        _table(doc, [*lead, "Group", header], rows)


def _engagement(doc: DocxDocument, f: dict) -> None:
    _heading(doc, SECTIONS["engagement"], level=2)
    _para(doc, "From the meetings and attendance recorded in the workbook, over the year to "
               f"{uk_date(f['as_of'])}. A line is carried only on paper when the people who "
               "sit on both its groups attended no meeting of one of them.")  # fmt: skip
    meeting = [g for x in f["sections"] for g in x["meeting_less"]]
    paper = [p for x in f["sections"] for p in x["paper_only"]]
    judged = sum(x["reps_judged"] for x in f["sections"])
    below = [r for x in f["sections"] for r in x["reps_below"]]
    _heading(doc, "Groups meeting less often than they should", level=3)
    lead = [] if f["region_id"] is not None else ["Partnership"]
    if meeting:
        _table(doc, [*lead, "Group", "Meetings held"],
               [[*_whose(g, lead), g["group_name"], "; ".join(g["below"])]
                for g in meeting])  # fmt: skip
    else:
        _para(doc, "None.")
    _heading(doc, "Reporting lines carried only on paper", level=3)
    for p in paper:
        where = "".join(f"{w}: " for w in _whose(p, lead))
        carriers = count(p["carriers"], "person", "people")
        _bullet(doc, f"{where}{p['from_name']} → {p['to_name']} ({carriers} on both)")
    if not paper:
        _para(doc, "None.")
    _heading(doc, "Representatives' attendance", level=3)
    if judged:
        text = (f"{judged - len(below)} of {count(judged, 'representative')} whose groups "
                "recorded meetings met the expected attendance")  # fmt: skip
        _para(doc, text + (f"; {len(below)} did not." if below else "."))
    else:
        _para(doc, "No representative's groups recorded meetings, so attendance cannot be "
                   "judged.")  # fmt: skip
    if below and f["include_names"]:
        _table(doc, ["Representative", "Short of"],
               [[r["rep"], "; ".join(r["short"])] for r in below])  # fmt: skip


def _method(doc: DocxDocument, f: dict) -> None:
    _heading(doc, SECTIONS["method"], level=2)
    _para(doc, ": a council (local authority) area is covered on a day when a VCS "
               "representative for it is elected by their peers, holds a term active that "
               "day (both ends inclusive), and works for a voluntary and community sector "
               "organisation. An area that is not covered shows the first reason that "
               "applies: the representative was not elected; is not from a VCS "
               "organisation; their term ended; their term has not started; or there is no "
               "representative at all.", bold_lead="Covered")  # fmt: skip
    _para(doc, " (connected): a local group is heard when it reaches a regional group that "
               "reaches a national group along reporting lines that each have someone "
               "sitting on both groups. A group that is cut off either has no route at all, "
               "even if every line were staffed, or has lines on its routes that nobody "
               "carries. A group heard through one person only is connected but would not "
               "be if one particular person left.", bold_lead="Heard")  # fmt: skip
    _para(doc, ": which of the expected members of a regional strategic group or board "
               "have nobody on it, judged by the organisations its members work for.",
          bold_lead="Sector balance")  # fmt: skip
    _para(doc, f"Figures are as of the quarter's last day ({uk_date(f['as_of'])}) and "
               "compared with the previous quarter's last day "
               f"({uk_date(f['compared_with'])}). The app and the command line (smp analyse) "
               "use the same analyses. The Excel report of the same quarter has every table "
               "in full.")  # fmt: skip
    _heading(doc, "Data", level=3)
    d = f.get("data_changes")
    if d:
        _para(doc, _data_sentence(f, d))
    source = f"Source: {f['source']}"
    if f["loaded_at"]:
        source += f" · loaded {uk_datetime(f['loaded_at'])}"
    _para(doc, f"{source} · report written {uk_datetime(f['generated_at'])}. Council hex-map "
               "positions: Open Innovations hexmaps (MIT licence).")  # fmt: skip


def _data_sentence(f: dict, d: dict) -> str:
    """How the network changed between the two quarter ends (the HTML's sentence)."""
    then, now = uk_date(f["compared_with"]), uk_date(f["as_of"])
    if d["loads"]:
        text = f"Between {then} and {now} the network was updated {count(d['loads'], 'time')}"
        if d["loads"] > d["unknown"]:
            text += (f": {count(d['added'], 'record')} added, {count(d['changed'], 'record')} "
                     f"changed and {count(d['removed'], 'record')} removed")  # fmt: skip
        if d["unknown"]:
            text += (f" ({d['unknown']} of the loads {agree(d['unknown'], 'was', 'were')} "
                     "made before changes were recorded)")  # fmt: skip
        text += "."
    else:
        text = f"No update of the network was loaded between {then} and {now}."
    if d["last"]:
        text += f" The last update was loaded on {uk_datetime(d['last'])}."
    return text


_SECTION_WRITERS: dict[str, Callable[[DocxDocument, dict], None]] = {
    "glance": _glance,
    "messages": _messages,
    "asks": _asks,
    "coverage": _coverage,
    "flow": _flow,
    "sectors": _sectors,
    "elections": _elections,
    "rules": _rules,
    "engagement": _engagement,
    "method": _method,
}
