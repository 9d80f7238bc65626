"""The quarterly report and the exports, against the sample network in the test server."""

from __future__ import annotations

import datetime as dt
import functools
import html as html_text
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from docx import Document
from openpyxl import load_workbook as open_xlsx
from pypdf import PdfReader

from graph.coverage import area_status
from graph.flow import information_flow
from graph.views import group_regions, region_summary
from report.quarterly import parse_quarter, quarter_figures
from tests.conftest import run_smp
from tests.networks import coverage_network, flow_network

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample" / "uk"


@pytest.fixture(scope="module")
def sample(neo4j_env, tmp_path_factory):
    assert run_smp("load", str(SAMPLE), "--replace").returncode == 0
    folder = tmp_path_factory.mktemp("report")
    out = folder / "analysis.json"
    assert run_smp("analyse", "--as-of", "2026-09-30", "--output", str(out)).returncode == 0
    plain = run_smp("report", "--quarter", "2026Q3", "--output", str(folder / "plain"),
                    "--format", "html,pdf,xlsx,docx")  # fmt: skip
    named = run_smp("report", "--quarter", "2026Q3", "--output", str(folder / "named"),
                    "--include-names", "--format", "html,xlsx,docx")  # fmt: skip
    assert plain.returncode == 0 and named.returncode == 0, plain.stderr + named.stderr
    return json.loads(out.read_text()), folder


@functools.cache  # each format read once (the PDF's text takes seconds), for every test
def texts(folder: Path) -> dict[str, str]:
    """Every format's text: the HTML source, the PDF's extracted text, the cells, the
    Word paper's paragraphs and cells."""
    out = {}
    for path in folder.iterdir():
        if path.suffix == ".html":
            out["html"] = path.read_text()
        elif path.suffix == ".pdf":
            out["pdf"] = "\n".join(page.extract_text() for page in PdfReader(path).pages)
        elif path.suffix == ".xlsx":
            book = open_xlsx(path)
            out["xlsx"] = "\n".join(
                str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                for v in row if v is not None
            )  # fmt: skip
        elif path.suffix == ".docx":
            doc = Document(path)
            out["docx"] = "\n".join([p.text for p in doc.paragraphs] + [
                c.text for t in doc.tables for row in t.rows for c in row.cells])  # fmt: skip
    return out


def sheet_rows(book, title: str) -> list[dict]:
    """A report sheet's rows keyed by their headers."""
    rows = list(book[title].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.neo4j
def test_report_figures_equal_analyse(sample):
    analysis, folder = sample
    book = open_xlsx(next((folder / "plain").glob("*.xlsx")))
    summary = {r["Figure"]: r["Value"] for r in sheet_rows(book, "Summary")}
    assert summary["Council areas covered"] == analysis["coverage"]["areas_covered"]
    assert summary["Council areas"] == analysis["coverage"]["areas_total"]
    assert summary["Local groups heard (connected)"] == analysis["flow"]["connected"]
    assert summary["Local groups"] == analysis["flow"]["local_groups_total"]
    assert summary["Local groups heard through one person (fragile)"] == len(
        analysis["flow"]["fragile"]
    )
    coverage = {r["Area code (GSS)"]: r["Status code"] for r in sheet_rows(book, "Coverage")}
    gaps = {g["area_id"]: g["reason"] for g in analysis["coverage"]["gaps"]}
    assert {a: s for a, s in coverage.items() if s != "covered"} == gaps
    broken = {r["Group id"]: r["Reason code"] for r in sheet_rows(book, "Cut-off groups")}
    assert broken == {b["group_id"]: b["reason"] for b in analysis["flow"]["broken"]}


@pytest.mark.neo4j
def test_every_gap_and_broken_group_in_every_format_by_name(sample):
    analysis, folder = sample
    found = texts(folder / "plain")
    assert set(found) == {"html", "pdf", "xlsx", "docx"}
    for fmt, text in found.items():
        flat = " ".join(text.replace("&#39;", "'").split())
        for gap in analysis["coverage"]["gaps"]:
            assert gap["area_name"] in flat, (fmt, gap)
        for broken in analysis["flow"]["broken"]:
            assert broken["group_name"] in flat, (fmt, broken)
        if fmt == "xlsx":  # codes stay in the Excel, as secondary columns
            assert all(g["area_id"] in flat for g in analysis["coverage"]["gaps"])


GSS = re.compile(r"\b[ENSWK]\d{8}\b")
RECORD_ID = re.compile(r"\b[PGO]-[A-Z0-9][A-Z0-9-]*\b")


@pytest.mark.neo4j
def test_no_ids_codes_or_iso_dates_in_the_paper(sample):
    _analysis, folder = sample
    for fmt, text in texts(folder / "plain").items():
        if fmt == "xlsx":
            continue
        body = text.split("<body>")[-1]
        assert not GSS.findall(body), (fmt, GSS.findall(body)[:3])
        assert not RECORD_ID.findall(body), (fmt, RECORD_ID.findall(body)[:3])
        assert not re.findall(r"\b20\d\d-\d\d-\d\d\b|\b20\d\dQ\d\b", body), fmt
        for code in ("not_vcs", "no_rep", "not_elected", "unstaffed", "person(s)"):
            assert code not in body, (fmt, code)
        assert "30 September 2026" in body and "July to September 2026 (Q2 2026/27)" in body


@pytest.mark.neo4j
def test_pdf_is_tagged_with_title_and_language(sample):
    _analysis, folder = sample
    reader = PdfReader(next((folder / "plain").glob("*.pdf")))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).lower().startswith("en")
    title = "All partnerships: coverage report, July to September 2026 (Q2 2026/27)"
    assert reader.metadata.title == title


@pytest.mark.neo4j
def test_excel_has_real_dates_words_and_a_readme(sample):
    _analysis, folder = sample
    book = open_xlsx(next((folder / "plain").glob("*.xlsx")))
    assert book.sheetnames[0] == "README"
    readme = {r[0]: r[1] for r in book["README"].iter_rows(values_only=True)}
    assert readme["Figures as of"] == dt.datetime(2026, 9, 30)
    assert readme["Compared with"] == dt.datetime(2026, 6, 30)
    assert set(book.sheetnames[1:]) <= set(readme)  # every sheet explained
    coverage = book["Coverage"]
    headers = [c.value for c in coverage[1]]
    assert "Term ends" in headers and not any("_" in (h or "") for h in headers)
    column = headers.index("Term ends")
    ends = [row[column] for row in coverage.iter_rows(min_row=2) if row[column].value]
    assert ends and all(c.is_date and c.number_format == "d mmmm yyyy" for c in ends)
    rows = coverage.iter_rows(min_row=2, values_only=True)
    statuses = {row[headers.index("Status")] for row in rows}
    assert "covered" in statuses and not any("_" in s for s in statuses)
    # The gap table's columns under the same headings as in the paper (and its Word
    # copy): one vocabulary, core.vocabulary.GAP_HEADINGS.
    paper = next((folder / "plain").glob("*.html")).read_text()
    for heading in ("Council area", "Why it is not covered", "Where to look for a representative"):
        assert heading in headers and f'<th scope="col">{heading}</th>' in paper


@pytest.mark.neo4j
def test_files_are_named_by_partnership(sample):
    _analysis, folder = sample
    assert sorted(p.name for p in (folder / "plain").iterdir()) == [
        f"all-partnerships-coverage-2026-q3.{ext}" for ext in ("docx", "html", "pdf", "xlsx")
    ]


def test_report_writes_html_pdf_and_excel_unless_asked():
    from smp.cli import cli

    [formats] = [p for p in cli.commands["report"].params if p.name == "formats"]
    assert formats.default == "html,pdf,xlsx"


@pytest.mark.neo4j
def test_names_only_with_include_names(sample, driver):
    _analysis, folder = sample
    people = driver.execute_query("MATCH (p:Person) RETURN p.name AS name, p.personId AS id")
    names = {r["name"] for r in people.records}
    ids = {r["id"] for r in people.records}
    for fmt, text in texts(folder / "plain").items():
        words = set(text.replace("(", " ").replace(")", " ").split())
        assert not ids & words, fmt
        assert not [n for n in names if n in text], fmt
    named = texts(folder / "named")
    for fmt in ("html", "xlsx", "docx"):
        assert any(n in named[fmt] for n in names), fmt
    for path in (folder / "named").iterdir():  # personal data: its owner's only
        assert path.stat().st_mode & 0o777 == 0o600, path.name


def quarter_network(extra_local: bool = False) -> nx.MultiDiGraph:
    """Areas A-D of region R and local groups L1, L2 (L3 with ``extra_local``) below R."""
    G = coverage_network(
        [
            ("P1", "vcs", "A", {"end_date": dt.date(2026, 7, 31)}),  # covered → expired
            ("P2", "vcs", "B", {"start_date": dt.date(2026, 8, 1)}),  # gap → covered
            ("P3", "vcs", "C", {"end_date": dt.date(2026, 11, 30)}),  # covered, ends next quarter
        ],
        areas=("A", "B", "C", "D"),  # D: a gap throughout
    )
    extra = [("Q4", "L3"), ("Q4", "R")] if extra_local else []  # L3: fragile throughout
    flow = flow_network(
        {"L1": "local", "L2": "local", "R": "regional", "N": "national"}
        | ({"L3": "local"} if extra_local else {}),
        [("L1", "R"), ("L2", "R"), ("R", "N")] + ([("L3", "R")] if extra_local else []),
        [("Q1", "L1", {"end_date": dt.date(2026, 8, 31)}), ("Q1", "R"), ("Q2", "L2",
          {"start_date": dt.date(2026, 7, 1)}), ("Q2", "R"), ("Q3", "R"), ("Q3", "N"), *extra],
    )  # fmt: skip
    G.add_nodes_from(flow.nodes(data=True))
    G.add_edges_from(flow.edges(keys=True, data=True))
    for group in ("L1", "L2", "L3") if extra_local else ("L1", "L2"):
        G.nodes[f"group:{group}"]["area_id"] = "R"
    return G


def test_quarter_comparison_lists_exactly_the_changes():
    end, before = dt.date(2026, 9, 30), dt.date(2026, 6, 30)
    figures = quarter_figures(quarter_network(), "2026Q3")
    assert (figures["as_of"], figures["compared_with"]) == (end, before)
    assert figures["period"] == "July to September 2026 (Q2 2026/27)"
    changes = figures["changes"]
    assert [(g["area_id"], g["reason"]) for g in changes["new_gaps"]] == [("A", "expired")]
    assert [g["area_id"] for g in changes["closed_gaps"]] == ["B"]
    assert [(g["group_id"], g["reason"]) for g in changes["newly_broken"]] == [("L1", "unstaffed")]
    assert [g["group_id"] for g in changes["reconnected"]] == ["L2"]
    assert [t["area_id"] for t in changes["terms_ending_next_quarter"]] == ["C"]
    assert (
        figures["summary"]["areas_covered_before"] == 2 and figures["summary"]["areas_covered"] == 2
    )


def test_key_messages_say_what_changed_and_the_biggest_risk():
    # A lost its rep (term ended 31 July), B gained one (from 1 August), C's term ends
    # 30 November, D never had one; L1 lost its only carrier on 31 August, L2 gained one.
    figures = quarter_figures(quarter_network(), "2026Q3")
    assert [(m["section"], m["text"]) for m in figures["key_messages"]] == [
        ("coverage", "2 of 4 council areas had an elected VCS representative on "
                     "30 September 2026, the same as on 30 June 2026."),
        ("changes", "This quarter 1 area lost its representative (Area A) and 1 area gained "
                    "one (Area B)."),
        ("flow", "1 of 2 local groups can pass information up to regional and national level "
                 "(the same as on 30 June 2026); 1 is cut off."),
        ("changes", "The biggest risk: the term of 1 representative ends by 31 December 2026; "
                    "unless it is renewed, coverage falls to 1 of 4."),
    ]  # fmt: skip


def test_asks_name_the_areas_lines_and_candidate_carriers():
    figures = quarter_figures(quarter_network(extra_local=True), "2026Q3")
    asks = [(a["section"], a["text"], a["items"]) for a in figures["asks"]]
    assert asks == [
        ("coverage", "Run nominations for an elected VCS representative in the 2 council areas "
                     "without one.", ["Area A: rep's term ended", "Area D: no rep"]),
        ("changes", "Renew or re-run elections before 1 term ends next quarter.",
         ["Area C: ends 30 November 2026"]),
        ("flow", "Find someone to sit on both ends of the line that cuts off 1 local group: "
                 "it needs one person on both groups.",
         ["L1 → R. Someone, who carries L2 → R, could also join L1."]),
        ("flow", "Add a second person to the lines of 2 local groups heard through one person "
                 "only.", ["L2", "L3"]),
    ]  # fmt: skip


def test_a_quiet_quarter_says_so_and_names_the_risk_of_one_person():
    # The quarter after: nothing changes between 31 December 2026 and 31 March 2027.
    figures = quarter_figures(quarter_network(extra_local=True), "2027Q1")
    texts_ = [m["text"] for m in figures["key_messages"]]
    assert texts_[1] == "No area lost or gained a representative this quarter."
    assert texts_[3] == (
        "The biggest risk: 2 local groups are heard through one person only; if one of them "
        "leaves, the line goes quiet."
    )
    assert len(figures["key_messages"]) == 4


def test_region_summary_same_with_precomputed_results():
    G = quarter_network(extra_local=True)
    day = dt.date(2026, 9, 30)
    computed = region_summary(G, day)
    given = region_summary(
        G, day, areas=area_status(G, day), flow=information_flow(G, day), regions=group_regions(G)
    )
    assert given == computed
    assert [(r["areas"], r["covered"], r["local_groups"], r["broken"], r["fragile"])
            for r in computed] == [(4, 2, 3, 1, 2)]  # fmt: skip


def test_pdf_page_has_every_gap_and_says_where_lists_are_cut(monkeypatch):
    from report import html as html_format

    monkeypatch.setattr(html_format, "PDF_LIST_LIMIT", 1)
    figures = quarter_figures(quarter_network(extra_local=True), "2026Q3")
    assert [g["group_id"] for g in figures["sections"][0]["fragile"]] == ["L2", "L3"]
    page, printable = html_format.render(figures), html_format.render(figures, pdf=True)
    fragile_cut = 'Full list: sheet "Fragile groups" of the Excel report'
    assert fragile_cut not in page and "The first 1 of 2, by name. " + fragile_cut in printable
    fragile = ['<th scope="row">L2</th>', '<th scope="row">L3</th>']
    assert all(row in page for row in fragile)  # the HTML lists every fragile group...
    assert fragile[0] in printable and fragile[1] not in printable  # ...the PDF the first
    for area, why in (("A", "term ended on 31 July 2026"), ("D", "no VCS rep has been recorded")):
        for html in (page, printable):  # every gap, in both, explained
            row = html.split(f"Area {area}</th>")[1].split("</tr>")[0]
            assert why in row, (area, row)
    assert "Every council area" in page and "Every council area" not in printable
    for html in (page, printable):  # every broken group, in both, with a candidate
        row = html.split('<th scope="row">L1</th>')[1].split("</tr>")[0]
        assert "nobody sits on both it and R" in row and "could also join L1" in row


def test_quarters():
    assert parse_quarter("2026Q4") == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert parse_quarter("2027-q1") == (dt.date(2027, 1, 1), dt.date(2027, 3, 31))
    assert run_smp("report", "--quarter", "2026Q5").returncode == 2


def test_formula_like_cells_are_neutralised(tmp_path):
    from openpyxl import Workbook

    from app.common import export_frame
    from report.exports import write_workbook_xlsx
    from report.workbook import add_sheet

    hostile = ['=HYPERLINK("http://x")', "+44 1632 960000", "-1+1", "@SUM(A1)"]
    book = Workbook()
    add_sheet(book, "T", [{"v": h} for h in hostile], ["v"])
    book.save(tmp_path / "t.xlsx")
    cells = [c for (c,) in open_xlsx(tmp_path / "t.xlsx")["T"].iter_rows(min_row=2)]
    assert [c.value for c in cells] == hostile  # shown as typed...
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)  # ...never run
    import pandas as pd

    frame = export_frame(pd.DataFrame({"v": hostile}))
    assert all(v.startswith("'") for v in frame["v"])
    tables = {"people": [{"person_id": "P-1", "name": hostile[0], "org_id": None}]}
    write_workbook_xlsx(tables, tmp_path / "w.xlsx")
    cell = open_xlsx(tmp_path / "w.xlsx")["people"]["B2"]
    assert cell.value == hostile[0] and cell.data_type == "s" and cell.quotePrefix


@pytest.mark.neo4j
def test_export_then_load_round_trips(sample, driver, tmp_path):
    from graph.read import read_tables

    before = read_tables(driver)
    out = tmp_path / "network.xlsx"
    assert run_smp("export", "--format", "xlsx", "--output", str(out)).returncode == 0
    result = run_smp("load", str(out), "--replace")
    assert result.returncode == 0, result.stderr
    after = read_tables(driver)
    for sheet in before:
        key = lambda r: sorted((k, str(v)) for k, v in r.items())  # noqa: E731
        assert sorted(map(key, before[sheet])) == sorted(map(key, after[sheet])), sheet


@pytest.mark.neo4j
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_open_in_networkx(sample, tmp_path, fmt):
    out = tmp_path / f"view.{fmt}"
    result = run_smp("export", "--format", fmt, "--output", str(out), "--region", "E12000003",
                     "--as-of", "2026-09-30")  # fmt: skip
    assert result.returncode == 0, result.stderr
    H = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert H.number_of_nodes() > 100
    assert "group:G-KIR-MAF" in H


@pytest.mark.neo4j
def test_the_paper_says_how_the_data_changed_between_its_dates(sample):
    _analysis, folder = sample
    text = " ".join(texts(folder / "plain")["html"].split())
    # The sample was loaded today, after the quarter: no update inside it.
    assert "No update of the network was loaded between 30 June 2026 and 30 September 2026." in (
        text
    )
    assert "The last update was loaded on " in text


@pytest.mark.neo4j
def test_engagement_section_counts_reps_and_names_them_only_when_asked(sample):
    analysis, folder = sample
    engagement = analysis["engagement"]
    plain = " ".join(texts(folder / "plain")["html"].split())
    section = plain.split('id="engagement"')[1].split("</section>")[0]
    for group in engagement["groups_meeting_less"]:
        assert f"{group['group_name']}</th><td>{'; '.join(group['below'])}" in section
    for line in engagement["paper_only_lines"]:
        assert f"{line['from_name']} → {line['to_name']}" in section
    below, judged = len(engagement["reps_below_expectation"]), engagement["reps_judged"]
    assert below > 0
    assert (f"{judged - below} of {judged} representatives whose groups recorded meetings met "
            f"the expected attendance; {below} did not.") in section  # fmt: skip
    assert "Representative</th>" not in section  # no table of people without names
    named = " ".join(texts(folder / "named")["html"].split())
    rows = named.split('id="engagement"')[1].split("</section>")[0].count('<th scope="row">')
    assert rows == below + len(engagement["groups_meeting_less"])


@pytest.mark.neo4j
def test_rep_elections_and_terms_of_reference_sections_with_their_asks(sample):
    _analysis, folder = sample
    plain, named = texts(folder / "plain"), texts(folder / "named")
    for fmt in ("html", "pdf"):
        text = " ".join(html_text.unescape(plain[fmt]).split())
        assert "Rep elections" in text and "Groups against their terms of reference" in text
        # Glasgow's renewal is due and no election has opened; Rutland's last round failed.
        assert "Glasgow City's rep's term ends on 15 December 2026" in text, fmt
        assert "Rutland has no elected VCS rep, and its last election (1 May 2026) had no" in text
        assert "East Midlands Regional Migration Board has no member from Lincoln" in text
        assert "Bring 1 group back in line with its terms of reference." in text
        assert "Support a new round of nominations in the 2 council areas" in text
    # Who runs an election is named only with --include-names.
    assert "run by a local contact (Sheffield Council for Voluntary Service)" in html_text.unescape(
        plain["html"]
    )
    assert "run by a local contact (Sheffield" not in named["html"]
