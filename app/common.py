"""Small helpers shared by the pages (reading the global selections, tables)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import streamlit as st

from core.cells import neutralise
from core.clock import today

#: The characters that make Markdown of plain text in Streamlit: links and images (the
#: brackets), emphasis, code, HTML, tables, headings, strike-through, maths and entities.
_MARKUP = re.compile(r"([\\`*_\[\]<>#|~$&])")
#: What Streamlit's Markdown turns into a link on its own: web and e-mail addresses.
_AUTOLINK = re.compile(r"(://|\bwww\.|@)")


def plain(text: object) -> str:
    r"""Workbook text (a name, a sentence naming people or groups) as it must appear in
    Markdown: every character that could make it a link, an image or formatting is
    escaped, so it reads exactly as written.

    >>> plain("![x](http://a.b/c.png) *bold* me@x.org")
    '!\\[x\\](http:/\u2060/a.b/c.png) \\*bold\\* me\u2060@x.org'
    """
    escaped = _MARKUP.sub(r"\\\1", str(text))
    # A word joiner (U+2060, invisible) inside each: Streamlit links addresses even when
    # their punctuation is escaped.
    return _AUTOLINK.sub(lambda m: m.group()[:-1] + "\u2060" + m.group()[-1], escaped)


def as_of() -> dt.date:
    return st.session_state.get("as_of") or today()


def region() -> str | None:
    return st.session_state.get("region") or None


#: The media type of an Excel download.
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.map(neutralise)


def excel_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    from openpyxl import Workbook

    from report.workbook import add_sheet

    book = Workbook()
    book.remove(book.active)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    add_sheet(book, sheet, rows, [str(c) for c in frame.columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def area_explanation(explained, G, heading: str = "Where to look for a rep") -> None:
    """Why a council area is (not) covered: the sentence, its evidence and where to look,
    with every VCS organisation of the area behind a click when the sentence names only
    the first few ("… and 4 more")."""
    from graph.explain import LEADS_SHOWN, area_vcs_organisations

    (st.success if explained.kind == "covered" else st.warning)(plain(explained.sentence))
    for fact in explained.evidence:
        st.caption(plain(fact))
    if explained.fixes:
        st.markdown(f"**{heading}**\n" + "\n".join(f"- {plain(f)}" for f in explained.fixes))
    orgs = area_vcs_organisations(G, explained.subject_id) if explained.kind != "covered" else []
    if len(orgs) > LEADS_SHOWN:
        with st.expander(f"All {len(orgs)} VCS organisations based in {explained.subject}"):
            st.text("\n".join(orgs))  # workbook text is text, never markdown
