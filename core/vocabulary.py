"""How the network's codes read for people, and the colours that stand for them: one
vocabulary, at the base, for the validator's suggestions, the app, the report, the
command line and the notebooks (``graph.words`` gives the same names).

A code (``not_vcs``, ``multi_agency_forum``) is for machines; people read these words.
"""

from __future__ import annotations

__all__ = [
    "CYCLE_COLOURS", "CYCLE_SYMBOLS", "CYCLE_WORDS", "GAP_HEADINGS", "KIND_WORDS", "LEVEL_WORDS",
    "REASON_WORDS", "ROLE_WORDS", "RULE_WORDS", "SECTOR_WORDS", "SELECTION_WORDS",
    "STATUS_COLOURS", "STATUS_SYMBOLS", "STATUS_WORDS", "WARNING_WORDS", "WORKSTREAM_WORDS",
    "code_for", "ink", "words",
]  # fmt: skip

#: A coverage gap's reason, as a short phrase (the explanation says more).
REASON_WORDS = {
    "not_elected": "rep not elected",
    "not_vcs": "rep not from a VCS organisation",
    "expired": "rep's term ended",
    "not_started": "rep's term not started",
    "no_rep": "no rep",
}
#: An area's status on maps and tables: covered, or its reason.
STATUS_WORDS = {"covered": "covered", **REASON_WORDS}
#: One colour per status, none of them red: red means a group cut off and nothing
#: else (issue 30). Okabe-Ito hues, told apart with colour-blindness too, and each with
#: a symbol (STATUS_SYMBOLS) for a second channel on the maps.
STATUS_COLOURS = {
    "covered": "#1a9641",
    "not_elected": "#e69f00",
    "not_vcs": "#cc79a7",
    "expired": "#0072b2",
    "not_started": "#f0e442",
    "no_rep": "#505a5f",
}
STATUS_SYMBOLS = {
    "covered": "", "not_elected": "?", "not_vcs": "◆", "expired": "!", "not_started": "…",
    "no_rep": "✕",
}  # fmt: skip
#: The coverage gap table's headings, by column (the columns of graph.frames.gap_frame,
#: which the app's Coverage table and the notebooks use as they are): the paper, its
#: Word copy, the Excel coverage sheet and the command line's table read these.
GAP_HEADINGS = {
    "partnership": "Partnership",
    "area": "Council area",
    "status": "Status",
    "why": "Why it is not covered",
    "where to look": "Where to look for a representative",
    "area_id": "Area code (GSS)",
    "reason": "Status code",
}
#: Where a council area stands in the rep cycle (graph.repcycle), as a short phrase.
CYCLE_WORDS = {
    "covered": "covered",
    "renewal_due": "renewal due",
    "renewal_running": "renewal election running",
    "election_running": "election running",
    "last_round_failed": "last election failed",
    "no_election": "no election",
}
CYCLE_COLOURS = {
    "covered": "#1a9641",
    "renewal_running": "#7fbf7b",
    "renewal_due": "#e69f00",
    "election_running": "#56b4e9",
    "last_round_failed": "#505a5f",
    "no_election": "#cc79a7",
}
CYCLE_SYMBOLS = {
    "covered": "", "renewal_running": "↻", "renewal_due": "!", "election_running": "…",
    "last_round_failed": "✕", "no_election": "○",
}  # fmt: skip


def ink(colour: str) -> str:
    """The text colour that reads on ``colour`` (#rrggbb): black or white, whichever
    contrasts more (WCAG relative luminance), so the app and the paper agree."""

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    light = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#0b0c0c" if (light + 0.05) / (0.0069 + 0.05) >= 1.05 / (light + 0.05) else "#ffffff"


#: The rep cycle's warnings, as a short phrase.
WARNING_WORDS = {
    "shared_seat": "seat shared",
    "elected_not_seated": "elected but not seated",
    "not_approved": "election not approved",
    "rep_never_meets_lead": "rep never meets the council lead",
}
#: A group rule (graph.rules), as a short phrase.
RULE_WORDS = {
    "meetings_min": "meetings a year (at least)",
    "members_min": "members (at least)",
    "members_max": "members (at most)",
    "sector_min": "members from a sector (at least)",
    "councillors_min": "councillor members (at least)",
    "each_dispersal_council": "a member from each dispersal council",
    "chair_sector": "the chair's sector",
    "party_max_share": "share of one party (at most)",
}
LEVEL_WORDS = {
    "local": "local", "sub_regional": "sub-regional", "regional": "regional",
    "national": "national",
}  # fmt: skip
KIND_WORDS = {
    "partnership_board": "partnership board", "strategic_group": "strategic group",
    "sub_regional_group": "sub-regional group", "multi_agency_forum": "multi-agency forum",
    "task_group": "task group", "network": "network", "reference_group": "reference group",
    "engagement_event": "engagement event", "national_body": "national body", "other": "other",
}  # fmt: skip
ROLE_WORDS = {
    "chair": "Chair", "vice_chair": "Vice-chair", "vcs_rep": "VCS rep",
    "secretariat": "Secretariat", "advisor": "Advisor", "member": "Member",
    "observer": "Observer",
}  # fmt: skip
SELECTION_WORDS = {
    "elected": "elected", "nominated": "nominated", "appointed": "appointed",
    "co_opted": "co-opted", "ex_officio": "ex officio",
}  # fmt: skip
SECTOR_WORDS = {
    "local_government": "local government", "central_government": "central government",
    "devolved_government": "devolved government", "health": "health", "police": "police",
    "education": "education", "vcs": "voluntary sector", "private_provider": "private provider",
    "trade_union": "trade union", "other_statutory": "other statutory body", "other": "other",
}  # fmt: skip
WORKSTREAM_WORDS = {
    "asylum": "asylum", "uasc": "unaccompanied children (UASC)",
    "resettlement": "resettlement", "esol": "English language (ESOL)",
    "hong_kong_bno": "Hong Kong BN(O)", "ukraine": "Ukraine",
    "nrpf": "no recourse to public funds (NRPF)", "trafficking": "trafficking",
    "migrant_workers": "migrant workers", "other": "other",
}  # fmt: skip
_ALL = {
    **REASON_WORDS, **LEVEL_WORDS, **KIND_WORDS, **SELECTION_WORDS, **SECTOR_WORDS,
    **WORKSTREAM_WORDS, **CYCLE_WORDS, **WARNING_WORDS, **RULE_WORDS,
    **{k: v.lower() for k, v in ROLE_WORDS.items() if k != "vcs_rep"}, "vcs_rep": "VCS rep",
}  # fmt: skip


def words(code: str | None) -> str:
    """Any code of the workbook's lists in words; unknown codes lose their underscores.

    >>> words("multi_agency_forum"), words("vcs_rep"), words("not_vcs"), words("some_code")
    ('multi-agency forum', 'VCS rep', 'rep not from a VCS organisation', 'some code')
    """
    if code is None:
        return ""
    return _ALL.get(code, code.replace("_", " "))


def code_for(text: str, choices: tuple[str, ...]) -> str | None:
    """The code among ``choices`` whose words are ``text`` (any case and spacing), as
    people may write a choice in a workbook: ``"Voluntary sector"`` → ``"vcs"``.

    >>> code_for("Voluntary  Sector", ("vcs", "police")), code_for("boss", ("member",))
    ('vcs', None)
    """
    wanted = " ".join(text.split()).casefold()
    for code in choices:
        said = _ALL.get(code)
        if said is not None and said.casefold() == wanted:
            return code
        if code.replace("_", " ").casefold() == wanted:
            return code
    return None
