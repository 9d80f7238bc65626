"""How the network's codes read for people: the one vocabulary of
:mod:`core.vocabulary` (kept at the base, where the validator suggests codes from it),
and short names of groups for labels."""

from __future__ import annotations

from core.vocabulary import (
    CYCLE_COLOURS,
    CYCLE_WORDS,
    KIND_WORDS,
    LEVEL_WORDS,
    REASON_WORDS,
    ROLE_WORDS,
    RULE_WORDS,
    SECTOR_WORDS,
    SELECTION_WORDS,
    STATUS_COLOURS,
    STATUS_WORDS,
    WARNING_WORDS,
    WORKSTREAM_WORDS,
    words,
)

__all__ = [
    "CYCLE_COLOURS",
    "CYCLE_WORDS",
    "KIND_WORDS",
    "LEVEL_WORDS",
    "REASON_WORDS",
    "ROLE_WORDS",
    "RULE_WORDS",
    "SECTOR_WORDS",
    "SELECTION_WORDS",
    "STATUS_COLOURS",
    "STATUS_WORDS",
    "WARNING_WORDS",
    "WORKSTREAM_WORDS",
    "short_group_name",
    "words",
]

_SHORTER = (
    (" multi-agency forum", " forum"),
    (" Multi-Agency Forum", " forum"),
    ("Sub-Regional Migration Group", "sub-regional group"),
    (" Task Group", " task group"),
)


def short_group_name(name: str, region: str | None = None) -> str:
    """A group's name short enough to label a box: the partnership's own name dropped
    from its start, and long words for kinds of group shortened.

    >>> short_group_name("Yorkshire and The Humber Refugee Resettlement Task Group",
    ...                  "Yorkshire and The Humber")
    'Refugee Resettlement task group'
    >>> short_group_name("Kirklees multi-agency forum")
    'Kirklees forum'
    """
    short = name
    if region and short.startswith(region + " ") and len(short) > len(region) + 8:
        short = short[len(region) + 1 :]
    for long, brief in _SHORTER:
        short = short.replace(long, brief)
    return short
