"""The findings as DataFrames (graph.frames), on the report's hand-checkable network:
areas A-D of region R; local groups L1-L3 report to R, which reports to N."""

from __future__ import annotations

import datetime as dt

from graph.frames import gap_frame, single_point_frame, unstaffed_line_frame
from tests.test_report import quarter_network

D = dt.date(2026, 9, 30)


def test_one_row_per_gap_with_why_and_where_to_look():
    frame = gap_frame(quarter_network(extra_local=True), D)
    # A's rep left on 31 July; D never had one; B and C are covered.
    assert frame[["area", "status", "reason"]].values.tolist() == [
        ["Area A", "rep's term ended", "expired"],
        ["Area D", "no rep", "no_rep"],
    ]
    assert frame.loc[0, "why"] == "Area A: the last elected VCS rep's term ended on 31 July 2026."
    assert "1 earlier rep term" in frame.loc[0, "where to look"]
    assert list(frame.columns)[-2:] == ["area_id", "reason"]  # codes last


def test_one_row_per_line_nobody_carries_with_who_could():
    frame = unstaffed_line_frame(quarter_network(extra_local=True), D)
    # Q1 left L1 on 31 August, so nobody sits on both L1 and R; Q2, Q3 and Q4 each
    # carry a line into or out of R, so each already sits on R and could join L1.
    assert frame[["group cut off", "line from", "line to", "candidates"]].values.tolist() == [
        ["L1", "L1", "R", 3]
    ]
    for line in ("L2 → R", "R → N", "L3 → R"):
        assert (
            f"Someone, who carries {line}, could also join L1."
            in frame.loc[0, "who could carry it"]
        )


def test_the_candidates_counted_are_all_of_them_not_only_those_named(monkeypatch):
    """The count is of everyone who could carry the line; the words name the first few."""
    import graph.frames

    monkeypatch.setattr(graph.frames, "CANDIDATES_SHOWN", 2)
    frame = unstaffed_line_frame(quarter_network(extra_local=True), D)
    assert frame.loc[0, "candidates"] == 3
    assert frame.loc[0, "who could carry it"].count("could also join L1.") == 2


def test_one_row_per_single_point_of_failure_named_only_when_asked():
    G = quarter_network(extra_local=True)
    named = single_point_frame(G, D, names=True)
    # L2 hangs on Q2 (alone on L2 → R) and Q3 (alone on R → N); L3 on Q4 and Q3.
    assert named[["group", "person_id", "carries alone"]].values.tolist() == [
        ["L2", "Q2", "L2 → R"], ["L2", "Q3", "R → N"],
        ["L3", "Q3", "R → N"], ["L3", "Q4", "L3 → R"],
    ]  # fmt: skip
    unnamed = single_point_frame(G, D)
    assert "person_id" not in unnamed.columns and set(unnamed["person"]) == {"someone"}


def test_a_partnership_scope_and_empty_frames_keep_their_columns():
    G = quarter_network()
    assert gap_frame(G, D, region="elsewhere").empty
    assert list(unstaffed_line_frame(G, D, region="elsewhere").columns)[:2] == [
        "partnership",
        "group cut off",
    ]


def test_every_choice_of_the_format_has_words():
    """Lists people choose from (filters, tables) show words, never a code, for every
    value the workbook format allows."""
    from graph.words import KIND_WORDS, LEVEL_WORDS, SECTOR_WORDS, WORKSTREAM_WORDS
    from loader.spec import GROUP_KINDS, LEVELS, SECTORS, WORKSTREAMS

    for codes, words in ((GROUP_KINDS, KIND_WORDS), (LEVELS, LEVEL_WORDS),
                         (SECTORS, SECTOR_WORDS), (WORKSTREAMS, WORKSTREAM_WORDS)):  # fmt: skip
        assert set(codes) == set(words)
        assert all("_" not in w for w in words.values())
