"""The paper as a Word document (``smp report --format docx``), read back with
python-docx: Word's own heading styles, tables whose header row repeats, pictures with
alternative text, the same key messages and asks as the other formats, and people named
only when asked. LibreOffice opens it and keeps its headings when it makes a PDF of it."""

from __future__ import annotations

import itertools
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from report.board import SECTIONS
from report.quarterly import quarter_figures, write_figures

YORKSHIRE = "E12000003"


@pytest.fixture(scope="module")
def papers(sample_network, tmp_path_factory):
    """Yorkshire's paper without names and with them: (figures, path) of each."""
    out = {}
    for which, names in (("plain", False), ("named", True)):
        figures = quarter_figures(sample_network, "2026Q3", YORKSHIRE, names)
        folder = tmp_path_factory.mktemp(which)
        [path] = write_figures(figures, folder, ("docx",))
        out[which] = (figures, path)
    return out


def headings(doc) -> list[tuple[int, str]]:
    return [
        (int(p.style.name.split()[-1]), p.text)
        for p in doc.paragraphs
        if p.style.name.startswith("Heading ")
    ]


def all_text(doc) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    footers = [p.text for s in doc.sections for p in s.footer.paragraphs]
    return "\n".join([p.text for p in doc.paragraphs] + cells + footers)


def test_headings_are_words_own_styles_in_order(papers):
    _figures, path = papers["plain"]
    found = headings(Document(path))
    assert found[0] == (1, "Yorkshire and The Humber")
    assert [level for level, _ in found].count(1) == 1
    assert all(b <= a + 1 for (a, _), (b, _) in itertools.pairwise(found))
    titles = [text for level, text in found if level == 2]
    assert titles == [t for a, t in SECTIONS.items() if a != "changes"]
    assert titles[0] == "At a glance"
    assert (3, SECTIONS["changes"]) in found


def test_tables_repeat_their_header_row(papers):
    _figures, path = papers["plain"]
    doc = Document(path)
    assert len(doc.tables) >= 5
    for table in doc.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        assert all(run.bold for c in table.rows[0].cells for run in c.paragraphs[0].runs)
        assert all(r._tr.trPr is None or r._tr.trPr.find(qn("w:tblHeader")) is None
                   for r in table.rows[1:])  # fmt: skip
    gaps = next(t for t in doc.tables if t.rows[0].cells[0].text == "Council area")
    assert gaps.rows[0].cells[1].text == "Why it is not covered"


def test_every_picture_has_alternative_text(papers):
    _figures, path = papers["plain"]
    doc = Document(path)
    pictures = doc.inline_shapes
    assert len(pictures) == 2  # the partnership's map and the last four quarters
    for shape in pictures:
        alt = shape._inline.docPr.get("descr")
        assert alt and len(alt) > 40, alt
    assert "Map of the council areas of Yorkshire and The Humber by coverage. 10 of 15" in (
        pictures[0]._inline.docPr.get("descr")
    )


def test_the_same_key_messages_and_asks(papers):
    figures, path = papers["plain"]
    text = all_text(Document(path))
    for i, message in enumerate(figures["key_messages"], 1):
        assert f"{i}.\t{message['text']}" in text
    for i, ask in enumerate(figures["asks"], 1):
        assert f"{i}.\t{ask['text']}" in text
        assert all(item in text for item in ask["items"])
    assert Document(path).core_properties.language == "en-GB"


def test_people_named_only_when_asked(papers, sample_network):
    people = {d["name"] for _k, d in sample_network.nodes(data=True)
              if d.get("label") == "Person" and d.get("name")}  # fmt: skip
    plain = all_text(Document(papers["plain"][1]))
    named = all_text(Document(papers["named"][1]))
    assert not [n for n in people if n in plain]
    assert "No personal data" in plain
    assert [n for n in people if n in named] and "Contains personal data." in named
    assert "contains personal data" in named.splitlines()[-1]  # the footer says so
    assert papers["named"][1].stat().st_mode & 0o777 == 0o600


def test_workbook_text_stays_text(sample_network, tmp_path):
    """A name that looks like a formula, a field or markup is written as it is."""
    hostile = '=HYPERLINK("http://x") <b>bold</b> **strong** {MERGEFIELD x}'
    figures = quarter_figures(sample_network, "2026Q3", YORKSHIRE)
    figures["sections"][0]["gaps"][0]["area_name"] = hostile
    [path] = write_figures(figures, tmp_path, ("docx",))
    doc = Document(path)
    assert hostile in all_text(doc)
    body = doc.element.body
    assert not body.findall(".//" + qn("w:fldSimple")) and not body.findall(
        ".//" + qn("w:hyperlink")
    )
    assert not body.findall(".//" + qn("w:instrText"))


SOFFICE = shutil.which("soffice")


def test_libreoffice_opens_it_and_keeps_its_headings(papers, tmp_path):
    assert SOFFICE, "run `make test` to install LibreOffice (libreoffice-writer-nogui)"
    assert shutil.which("pdftotext"), "run `make test` to install poppler-utils (pdftotext)"
    _figures, path = papers["named"]
    profile = (tmp_path / "profile").as_uri()  # its own: other soffice runs do not clash
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / path.with_suffix(".pdf").name
    assert pdf.exists() and pdf.stat().st_size > 10_000, result.stdout + result.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    flat = " ".join(text.split())
    wanted = headings(Document(path))
    assert all(" ".join(h.split()) in flat for _level, h in wanted)
    outline = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                outline.append((level, item.title))

    walk(PdfReader(pdf).outline, 1)
    assert outline == wanted  # the headings stay headings, at their levels
