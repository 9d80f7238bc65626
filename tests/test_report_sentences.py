"""Counts agree with their words in every sentence of the paper: small networks with
one of each finding, and with several."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from report.html import render
from report.quarterly import quarter_figures
from tests.networks import coverage_network, flow_network

NOUNS = ("area", "council area", "group", "local group", "strategic group", "representative",
         "term", "line", "reporting line", "rule", "problem", "record", "time", "member",
         "person", "rep term")  # fmt: skip
_NOUN = "|".join(sorted(NOUNS, key=len, reverse=True))
#: "1 areas", "1 local groups", "the terms of 1 …"
ONE_WITH_PLURAL = re.compile(rf"\b1 (?:{_NOUN})s\b|\b1 people\b|\bterms of 1\b")
#: "3 area", "12 local group"
MANY = r"(?<![\d.,/])\b(?:[2-9]|[1-9]\d{1,2}|\d{1,3}(?:,\d{3})+)"  # a count, not a year
MANY_WITH_SINGULAR = re.compile(rf"{MANY} (?:{_NOUN})\b(?!['s-])")
#: "1 representative end", "1 local group are"
ONE_WITH_PLURAL_VERB = re.compile(rf"\b1 (?:{_NOUN}) (?:are|were|end|lack|have)\b")
#: "3 representatives ends", "2 local groups is"
MANY_WITH_SINGULAR_VERB = re.compile(
    rf"{MANY} (?:{_NOUN})s (?:is|was|ends|lacks|has)\b|{MANY} people (?:is|was|has)\b"
)
DISAGREEMENTS = (ONE_WITH_PLURAL, MANY_WITH_SINGULAR, ONE_WITH_PLURAL_VERB,
                 MANY_WITH_SINGULAR_VERB)  # fmt: skip


class _Text(HTMLParser):
    """The words a reader sees: text outside <style>, plus the pictures' descriptions."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        self._style = tag == "style"
        label = dict(attrs).get("aria-label")
        if label:
            self.parts.append(f" {label} ")
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "div", "br", "figcaption"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self._style = False if tag == "style" else self._style

    def handle_data(self, data):
        if not self._style:
            self.parts.append(data)


def paper_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(html.unescape("".join(parser.parts)).split())


def paper_network(n: int) -> nx.MultiDiGraph:
    """``n`` of each finding: terms ending next quarter (areas E1…), areas that lost
    their rep this quarter (X1…), local groups cut off (L1…) and heard through one
    person (F1…); area K stays covered, R → N is carried by two people."""
    reps = [(f"P{i}", "vcs", f"E{i}", {"end_date": dt.date(2026, 11, 30)})
            for i in range(1, n + 1)]  # fmt: skip
    reps += [(f"Y{i}", "vcs", f"X{i}", {"end_date": dt.date(2026, 7, 31)})
             for i in range(1, n + 1)]  # fmt: skip
    reps.append(("PK", "vcs", "K", {}))
    areas = [f"E{i}" for i in range(1, n + 1)] + [f"X{i}" for i in range(1, n + 1)] + ["K"]
    G = coverage_network(reps, areas=tuple(areas))
    groups = {"R": "regional", "N": "national"}
    lines, members = [("R", "N")], [("Z1", "R"), ("Z1", "N"), ("Z2", "R"), ("Z2", "N")]
    for i in range(1, n + 1):
        groups |= {f"L{i}": "local", f"F{i}": "local"}
        lines += [(f"L{i}", "R"), (f"F{i}", "R")]
        members += [(f"Q{i}", f"F{i}"), (f"Q{i}", "R"), (f"W{i}", f"L{i}")]
    flow = flow_network(groups, lines, members)
    G.add_nodes_from(flow.nodes(data=True))
    G.add_edges_from(flow.edges(keys=True, data=True))
    for group in groups:
        G.nodes[f"group:{group}"]["area_id"] = "R"
    return G


@pytest.fixture(scope="module", params=[1, 3], ids=["one", "several"])
def paper(request):
    G = paper_network(request.param)
    figures = quarter_figures(G, "2026Q3", now=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    named = quarter_figures(G, "2026Q3", include_names=True,
                            now=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))  # fmt: skip
    pages = [render(figures), render(figures, pdf=True), render(named)]
    return request.param, figures, [paper_text(p) for p in pages]


def test_every_count_agrees_with_its_words(paper):
    _n, _figures, texts = paper
    for text in texts:
        for pattern in DISAGREEMENTS:
            found = [text[max(0, m.start() - 40) : m.end() + 20] for m in pattern.finditer(text)]
            assert not found, found


def test_the_biggest_risk_agrees_with_its_count(paper):
    n, figures, texts = paper
    expected = {
        1: "The biggest risk: the term of 1 representative ends by 31 December 2026; unless "
           "it is renewed, coverage falls to 1 of 3.",
        3: "The biggest risk: the terms of 3 representatives end by 31 December 2026; unless "
           "they are renewed, coverage falls to 1 of 7.",
    }[n]  # fmt: skip
    assert expected in [m["text"] for m in figures["key_messages"]]
    assert all(expected in text for text in texts)


def test_the_asks_agree_with_their_counts(paper):
    n, figures, _texts = paper
    asks = [a["text"] for a in figures["asks"]]
    if n == 1:
        assert "Renew or re-run elections before 1 term ends next quarter." in asks
        assert ("Find someone to sit on both ends of the line that cuts off 1 local group: "
                "it needs one person on both groups.") in asks  # fmt: skip
    else:
        assert "Renew or re-run elections before 3 terms end next quarter." in asks
        assert ("Find someone to sit on both ends of each line that cut off 3 local groups: "
                "each needs one person on both groups.") in asks  # fmt: skip
    changes = figures["key_messages"][1]["text"]
    assert changes.startswith(f"This quarter {n} area{'s' * (n > 1)} lost "
                              f"{'its' if n == 1 else 'their'} representative")  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "bad"),
    [
        ("the terms of 1 representative end by 31 December", True),
        ("the term of 1 representative ends by 31 December", False),
        ("3 local group", True),
        ("2 of 4 council areas had one", False),
        ("3 local groups is heard", True),
        ("1 area lost its representative", False),
        ("on 30 September 2026 area", False),
    ],
)
def test_the_checks_catch_disagreement(sentence, bad):
    assert any(p.search(sentence) for p in DISAGREEMENTS) is bad
