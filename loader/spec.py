"""The network workbook format of ``contract.md`` section 1, as data.

Everything that checks or documents a workbook reads these tables, so the format
is written down once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

AREA_TYPES = ("nation", "region", "sub_region", "local_authority")
# Higher number = higher type: a parent must rank above its child.
AREA_RANK = {"local_authority": 0, "sub_region": 1, "region": 2, "nation": 3}
SECTORS = (
    "local_government", "central_government", "devolved_government", "health", "police",
    "education", "vcs", "private_provider", "trade_union", "other_statutory", "other",
)  # fmt: skip
LEVELS = ("local", "sub_regional", "regional", "national")
GROUP_KINDS = (
    "partnership_board", "strategic_group", "sub_regional_group", "multi_agency_forum",
    "task_group", "network", "reference_group", "engagement_event", "national_body", "other",
)  # fmt: skip
WORKSTREAMS = (
    "asylum", "uasc", "resettlement", "esol", "hong_kong_bno", "ukraine", "nrpf",
    "trafficking", "migrant_workers", "other",
)  # fmt: skip
ROLES = ("chair", "vice_chair", "member", "vcs_rep", "secretariat", "advisor", "observer")
SELECTIONS = ("elected", "nominated", "appointed", "co_opted", "ex_officio")
LINE_KINDS = ("feeds_into", "reports_to", "advises")
MEETING_FORMATS = ("in_person", "online", "hybrid")
OUTCOMES = ("pending", "elected", "no_candidates", "void")
RULES = (
    "meetings_min", "members_min", "members_max", "sector_min", "councillors_min",
    "each_dispersal_council", "chair_sector", "party_max_share",
)  # fmt: skip
#: The rules whose ``value`` is a whole number (``party_max_share``: a percent, 0 to 100).
COUNT_RULES = ("meetings_min", "members_min", "members_max", "sector_min", "councillors_min")


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its name, whether it must be filled, and its type.

    ``kind`` is one of ``id`` (a unique identifier of its sheet), ``text``, ``ref``
    (an id of ``ref``), ``choice`` (one of ``choices``), ``list`` (``;``-separated
    choices), ``date``, ``bool`` and ``int``.
    """

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None
    default: object = None
    personal: bool = False
    doc: str = ""
    #: Stored as a relationship (a parent, an employer...), not as a property.
    link: bool = False
    #: When an optional column is required after all (``"for `vcs_rep`"``).
    required_when: str = ""

    @property
    def prop(self) -> str | None:
        """The Neo4j property holding the column (None for a link).

        >>> Column("meetings_per_year").prop, Column("parent_id", link=True).prop
        ('meetingsPerYear', None)
        """
        return None if self.link else camel_case(self.name)


def camel_case(name: str) -> str:
    """A column name as a property name: ``'represents_area_id'`` → ``'representsAreaId'``.

    Any run of characters other than letters and digits separates words, so
    ``'Person.Id'`` and ``'person_id_'`` also give ``'personId'``.

    >>> camel_case("represents_area_id"), camel_case("Person.Id"), camel_case("__")
    ('representsAreaId', 'PersonId', 'column')
    """
    head, *rest = [part for part in re.split(r"[_\W]+", name) if part] or ["column"]
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    optional: bool = False
    doc: str = ""
    key: str | None = field(default=None)
    #: The column the loader derives as the record's id when the sheet has no id column
    #: (``membership_id``: see :mod:`core.identity`); stored as its property.
    derived_id: str | None = None

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def properties(self) -> tuple[Column, ...]:
        """The columns stored as properties of the record (not links), in sheet order."""
        return tuple(c for c in self.columns if not c.link)

    @property
    def links(self) -> tuple[Column, ...]:
        """The columns stored as relationships (a parent, an employer, the two ends)."""
        return tuple(c for c in self.columns if c.link)

    def reserved(self) -> frozenset[str]:
        """Property names no extra column may take (case-insensitive): every column's,
        and the derived key. An extra column named like one is a problem."""
        names = {camel_case(c.name) for c in self.columns}
        if self.derived_id:
            names.add(camel_case(self.derived_id))
        return frozenset(n.lower() for n in names)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "areas",
        (
            Column("area_id", "id", True, doc="ONS GSS code where one exists, else a stable slug"),
            Column("name", required=True),
            Column("type", "choice", True, AREA_TYPES),
            Column("parent_id", "ref", ref="areas", doc="an area of a higher type", link=True),
            Column("dispersal", "bool", doc="the council takes part in asylum dispersal"),
            Column("lead_person_id", "ref", ref="people", doc="the council's lead for migration"),
        ),
        doc="Nations, regions, sub-regions and council (local authority) areas.",
        key="area_id",
    ),
    Sheet(
        "organisations",
        (
            Column("org_id", "id", True),
            Column("name", required=True),
            Column("sector", "choice", True, SECTORS),
            Column("area_id", "ref", ref="areas", doc="where it is based", link=True),
            Column("parent_org_id", "ref", ref="organisations", link=True),
        ),
        doc="Councils, government, police, health, education, VCS, providers and others.",
        key="org_id",
    ),
    Sheet(
        "people",
        (
            Column("person_id", "id", True),
            Column("name", required=True, personal=True),
            Column("org_id", "ref", ref="organisations", doc="works for or represents", link=True),
            Column("email", personal=True),
            Column("phone", personal=True),
            Column("councillor", "bool", doc="an elected member of a council"),
            Column("party", personal=True, doc="a councillor's political party"),
        ),
        doc="People (personal data).",
        key="person_id",
    ),
    Sheet(
        "groups",
        (
            Column("group_id", "id", True, doc="a board, forum, meeting series or network"),
            Column("name", required=True),
            Column("level", "choice", True, LEVELS),
            Column("kind", "choice", choices=GROUP_KINDS),
            Column(
                "area_id",
                "ref",
                ref="areas",
                doc="required unless level is national",
                link=True,
                required_when="yes, unless level is national",
            ),
            Column("host_org_id", "ref", ref="organisations", link=True),
            Column("workstreams", "list", choices=WORKSTREAMS, doc="`;`-separated"),
            Column("meetings_per_year", "int"),
            Column("confidential", "bool", default=False, doc="true for meetings not public"),
        ),
        doc="Boards, forums, task groups, networks and national bodies.",
        key="group_id",
    ),
    Sheet(
        "memberships",
        (
            Column("person_id", "ref", True, ref="people", link=True),
            Column("group_id", "ref", True, ref="groups", link=True),
            Column("role", "choice", True, ROLES),
            Column(
                "represents_area_id",
                "ref",
                ref="areas",
                doc="a local_authority area; required for vcs_rep",
                required_when="for `vcs_rep`",
            ),
            Column("selection", "choice", choices=SELECTIONS, default="appointed"),
            Column("start_date", "date", doc="blank = always"),
            Column("end_date", "date", doc="blank = ongoing"),
        ),
        doc="Who sits on which group, in which role, from when to when.",
        derived_id="membership_id",
    ),
    Sheet(
        "reporting_lines",
        (
            Column("from_group_id", "ref", True, ref="groups", link=True),
            Column("to_group_id", "ref", True, ref="groups", link=True),
            Column("kind", "choice", choices=LINE_KINDS, default="feeds_into"),
            Column("two_way", "bool", default=True, doc="information also flows back down"),
            Column("start_date", "date"),
            Column("end_date", "date"),
        ),
        doc="Information flows upward from a group to another.",
        derived_id="line_id",
    ),
    Sheet(
        "meetings",
        (
            Column("meeting_id", "id", True),
            Column(
                "group_id",
                "ref",
                True,
                ref="groups",
                link=True,
                doc="an `engagement_event` group's meetings are engagement days",
            ),
            Column("date", "date", True, doc="the day it was held"),
            Column(
                "format",
                "choice",
                choices=MEETING_FORMATS,
                doc="`hybrid` counts as both in person and online",
            ),
        ),
        optional=True,
        doc="Meetings held, one row each (optional; needed for the engagement analysis).",
        key="meeting_id",
    ),
    Sheet(
        "attendance",
        (
            Column("meeting_id", "ref", True, ref="meetings", link=True),
            Column("person_id", "ref", True, ref="people", link=True),
            Column("attended", "bool", default=True, doc="`false` records an apology or absence"),
        ),
        optional=True,
        doc="Who attended which meeting, one row per person and meeting (optional).",
    ),
    Sheet(
        "elections",
        (
            Column("election_id", "id", True, doc="one round of nominations and a vote"),
            Column("area_id", "ref", True, ref="areas", doc="the local_authority area"),
            Column("group_id", "ref", ref="groups", doc="the group the rep will sit on"),
            Column("contact_person_id", "ref", ref="people", doc="the local contact who runs it"),
            Column("nominations_open", "date", True),
            Column("nominations_close", "date"),
            Column("vote_date", "date"),
            Column("approved_date", "date", doc="when the local VCS approved the appointment"),
            Column("outcome", "choice", choices=OUTCOMES, default="pending"),
            Column(
                "elected_person_id",
                "ref",
                ref="people",
                doc="who was elected; blank unless the outcome is elected",
                required_when="when outcome is `elected`",
            ),
            Column("candidates", "int", doc="how many stood"),
        ),
        optional=True,
        doc="Rounds of nominations and votes for council areas' VCS reps (optional).",
        key="election_id",
    ),
    Sheet(
        "group_rules",
        (
            Column(
                "group_id",
                "ref",
                ref="groups",
                doc="the group (or give `kind`)",
                required_when="one of `group_id` and `kind`",
            ),
            Column(
                "kind",
                "choice",
                choices=GROUP_KINDS,
                doc="every group of this kind",
                required_when="one of `group_id` and `kind`",
            ),
            Column("rule", "choice", True, RULES),
            Column("sector", "choice", choices=SECTORS, required_when="for `sector_min`"),
            Column(
                "value",
                required=True,
                doc="a whole number (`party_max_share`: percent), a sector (`chair_sector`) "
                "or `true` (`each_dispersal_council`)",
            ),
        ),
        optional=True,
        doc="Each group's own rules, from its terms of reference (optional).",
        derived_id="rule_id",
    ),
)

SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}


_KIND_WORDS = {"id": "id (unique)", "text": "text", "choice": "one of a list",
               "list": "`;`-separated list", "date": "date", "bool": "true/false",
               "int": "whole number"}  # fmt: skip


def column_table(sheet: Sheet) -> str:
    """The Markdown table of a sheet's columns, as docs/data-format.md shows it (a test
    checks that the document holds every sheet's table)."""
    lines = ["| column | required | type | values and meaning |", "|---|---|---|---|"]
    for c in sheet.columns:
        required = "yes" if c.required else (c.required_when or "no")
        kind = f"id in {c.ref}.csv" if c.kind == "ref" else _KIND_WORDS[c.kind]
        default = None
        if c.default is not None:
            shown = str(c.default).lower() if isinstance(c.default, bool) else c.default
            default = f"default `{shown}`"
        parts = [
            ", ".join(f"`{choice}`" for choice in c.choices) if c.choices else None,
            c.doc or ("personal data" if c.personal else None),
            default,
        ]
        lines.append(f"| `{c.name}` | {required} | {kind} | {'; '.join(p for p in parts if p)} |")
    return "\n".join(lines)
