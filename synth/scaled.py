"""Seeded synthetic networks for the benchmark (``smp bench``), at three sizes.

``generate(tier, out_dir, seed)`` writes a CSV workbook folder in the contract's format:

=========  ===================================================================
tier       what
=========  ===================================================================
region     one partnership (North East: 12 councils), about 2,500 nodes
national   all twelve partnerships, every UK council of the hexjson (361):
           about 15k organisations, 50k people, 3k groups, 200k memberships
stress     ten times national: the regions and everything below them are
           copied with suffixed ids (``E06000001-2``); nations and national
           bodies are shared
=========  ===================================================================

The shape follows the real partnerships: nations › regions › sub-regions ›
councils; organisations of every sector (mostly VCS); people mostly working for
one; per council a multi-agency forum, a VCS network, an engagement event, task
groups and sometimes a lived-experience reference group; per sub-region a
sub-regional group and task groups; per partnership a strategic group, a board,
workstream task groups, a VCS network, events and a reference group; national
bodies. VCS reps serve one-year terms with renewals, and people who sit on both
ends of a reporting line carry it. Some gaps are deliberate: uncovered areas with
each of the five reasons, councils with no forum, unstaffed lines, groups with no
line, single points of failure, ended memberships.

Rows are streamed to ``csv.writer`` partnership by partnership, so memory stays
small at every tier. The output is a deterministic function of ``tier`` and
``seed`` (and the hexjson); the as-of date the gaps are built around is
:data:`AS_OF`.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from synth.vocabulary import (
    COLUMNS,
    COUNCIL_TITLES,
    FIRST_NAMES,
    LAST_NAMES,
    NATIONS,
    PARTIES,
    REGIONS,
    WORKSTREAMS,
    email_part,
    hexes,
)

__all__ = ["AS_OF", "COLUMNS", "TIERS", "generate"]

#: Partnership area code -> (key, region name, partnership name, accommodation provider).
PARTNERSHIPS = {r.code: (r.key, r.name, r.partnership, r.provider) for r in REGIONS}

AS_OF = dt.date(2026, 9, 30)
TIERS = {"region": (("E12000001",), 1), "national": (None, 1), "stress": (None, 10)}

NATIONAL_ORGS = (
    ("O-NAT-HO", "Home Office", "central_government"),
    ("O-NAT-MHCLG", "Ministry of Housing, Communities and Local Government",
     "central_government"),
    ("O-NAT-DFE", "Department for Education", "central_government"),
    ("O-NAT-DWP", "Department for Work and Pensions", "central_government"),
    ("O-NAT-DHSC", "Department of Health and Social Care", "central_government"),
    ("O-NAT-NHSE", "NHS England", "health"),
    ("O-NAT-SG", "Scottish Government", "devolved_government"),
    ("O-NAT-WG", "Welsh Government", "devolved_government"),
    ("O-NAT-TEO", "The Executive Office (Northern Ireland)", "devolved_government"),
    ("O-NAT-LGA", "Local Government Association", "local_government"),
    ("O-NAT-COSLA", "Convention of Scottish Local Authorities", "local_government"),
    ("O-NAT-WLGA", "Welsh Local Government Association", "local_government"),
    ("O-NAT-NILGA", "Northern Ireland Local Government Association", "local_government"),
    ("O-NAT-NPCC", "National Police Chiefs' Council", "police"),
    ("O-NAT-TUC", "Trades Union Congress", "trade_union"),
    ("O-NAT-UUK", "Universities UK", "education"),
    ("O-NAT-RC", "Refugee Council", "vcs"),
    ("O-NAT-BRC", "British Red Cross", "vcs"),
    ("O-NAT-MH", "Migrant Help", "vcs"),
    ("O-NAT-RA", "Refugee Action", "vcs"),
    ("O-NAT-CA", "Citizens Advice", "vcs"),
    ("O-NAT-MEARS", "Mears Group", "private_provider"),
    ("O-NAT-SERCO", "Serco", "private_provider"),
    ("O-NAT-CRH", "Clearsprings Ready Homes", "private_provider"),
    ("O-NAT-CHARITY", "Charity Commission", "other_statutory"),
)  # fmt: skip
NATIONAL_GROUPS = (
    ("G-NAT-SMP", "National SMP Network", "national_body"),
    ("G-NAT-ADB", "Home Office Asylum Dispersal Board", "national_body"),
    ("G-NAT-LGA", "LGA Asylum, Refugee and Migration Task Group", "task_group"),
    ("G-NAT-VCS", "National VCS Migration Forum", "network"),
    ("G-NAT-DEV", "Devolved Nations Migration Group", "strategic_group"),
)
VCS_NAMES = (
    "{p} Refugee Forum", "{p} Migrant Support", "{p} Asylum Seekers Support Group",
    "{p} ESOL Project", "{p} Welcome Network", "{p} City of Sanctuary", "{p} Law Centre",
    "{p} Women's Centre", "{p} Food Bank", "{p} Ukrainian Community Association",
    "{p} Hong Kong Community Group", "Friends of {p} Refugees", "{p} Housing Justice",
    "{p} Interfaith Welcome", "{p} Youth Project", "{p} Mental Health Network",
    "{p} Befriending Scheme", "{p} Migrant Workers' Centre", "{p} Destitution Project",
    "{p} Anti-Trafficking Network", "{p} Community Association", "{p} African Community Group",
    "{p} Syrian Families Network", "{p} Afghan Community Support", "{p} Kurdish Community Centre",
    "{p} Eritrean Community Group", "{p} Polish Community Centre", "{p} Roma Support Group",
    "{p} Sudanese Community Association", "{p} Volunteer Centre",
)  # fmt: skip
OTHER_NAMES = ("{p} Interpreting Service", "{p} Faith Forum", "{p} Chamber of Commerce")
# Knobs (national tier totals in brackets).
COUNCIL_STAFF = 14  # per council organisation
PEOPLE_PER_ORG = {
    "health": 4, "education": 2, "vcs": 3, "private_provider": 3, "central_government": 3,
    "trade_union": 2, "other": 2, "other_statutory": 3, "police": 4, "local_government": 6,
    "devolved_government": 6,
}  # fmt: skip
VCS_PER_COUNCIL = 28  # [10k VCS organisations]
LIVED_EXPERIENCE = 6  # people with no organisation, per council
FORUM_MEMBERS = 40
NETWORK_SHARE = 0.75  # of the council's VCS people
EVENT_ATTENDEES = 110
TASK_GROUP_MEMBERS = 36
HISTORIC_SHARE = 0.4  # ended memberships, as a share of current ones
SUB_REGION_SIZE = 7
# Shares of councils by coverage scenario; the rest are covered.
NO_FORUM = 0.05
SCENARIOS = (
    ("no_rep", 0.03), ("expired", 0.03), ("not_elected", 0.02), ("not_vcs", 0.02),
    ("not_started", 0.015),
)  # fmt: skip

_DAY0 = dt.date(2019, 1, 1)
_DAYS = [(_DAY0 + dt.timedelta(days=i)).isoformat() for i in range(365 * 10)]
_NOW = (AS_OF - _DAY0).days


def _day(offset: int) -> str:
    """The ISO date ``offset`` days after :data:`AS_OF` (negative: before)."""
    return _DAYS[_NOW + offset]


#: A seat on a sub-regional group collected from its councils: person, role, the area a rep
#: represents, selection, start and end.
_Seat = tuple[str, str, str, str, str, str]


@dataclass
class _Council:
    """A council area while it is written: its people, and what its local groups share."""

    lid: str  # area id (suffixed in copies)
    name: str
    place: str  # the name in its organisations' and local groups' names (never suffixed)
    org: str  # the council organisation
    chief: str  # chief executive
    leader: str  # council leader (councillor)
    lead: str  # migration lead officer: chairs the forum
    officers: list[str]  # the council's other staff
    pool: list[str] = field(default_factory=list)  # everyone working in the council area
    by_sector: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    vcs_orgs: list[list[str]] = field(default_factory=list)  # people of each VCS organisation
    no_org: list[str] = field(default_factory=list)
    forum_partners: list[str] = field(default_factory=list)  # police and health, on the forum
    rep: str = ""  # the VCS rep of the latest term
    current_rep: str = ""  # the rep whose term is current at AS_OF, if any
    has_forum: bool = False
    forum_members: set[str] = field(default_factory=set)
    up: str = ""  # the group local groups report to: the forum, else the sub-regional group

    @property
    def forum(self) -> str:
        return f"G-{self.lid}-MAF"


@dataclass
class _Partnership:
    """One copy of a partnership while it is written: its ids and names, the people of its
    regional organisations, and what its councils collect for the regional groups."""

    code: str  # the partnership's area code, a key of PARTNERSHIPS
    key: str  # the stem of its ids (suffixed in copies)
    sfx: str  # "" in the first copy, then "-2", "-3", ...
    label: str  # "" in the first copy, then " 2", " 3", ...
    region: str  # the region's area id
    region_name: str
    smp_name: str
    provider: str  # the accommodation provider: MEARS, SERCO or CRH
    # The regional organisations and their people.
    smp: str = ""
    smp_team: list[str] = field(default_factory=list)
    ho_staff: list[str] = field(default_factory=list)
    prov: str = ""
    prov_staff: list[str] = field(default_factory=list)
    mh_staff: list[str] = field(default_factory=list)
    vcs_infra: str = ""
    vcs_lead: list[str] = field(default_factory=list)
    tuc_staff: list[str] = field(default_factory=list)
    dwp_staff: list[str] = field(default_factory=list)
    unis: list[str] = field(default_factory=list)
    coordinators: dict[str, str] = field(default_factory=dict)  # workstream -> team member
    # Collected while going down, written with the regional groups.
    tg_members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    vcs_people: list[str] = field(default_factory=list)
    pool: list[str] = field(default_factory=list)
    srg_chairs: list[str] = field(default_factory=list)
    council_leaders: list[str] = field(default_factory=list)

    @property
    def sg(self) -> str:
        return f"G-{self.key}-SG"

    @property
    def board(self) -> str:
        return f"G-{self.key}-BRD"

    @property
    def statutory(self) -> list[str]:
        """The people of the regional statutory bodies and partners."""
        return (self.ho_staff + self.prov_staff + self.dwp_staff + self.tuc_staff + self.unis
                + self.mh_staff)  # fmt: skip


class _Writer:
    """One ``csv.writer`` per file, and the number of data rows written."""

    def __init__(self, out_dir: Path):
        self.handles = {}
        self.write = {}
        self.counts = dict.fromkeys(COLUMNS, 0)
        for name, columns in COLUMNS.items():
            handle = (out_dir / f"{name}.csv").open("w", newline="", encoding="utf-8")
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            self.handles[name] = handle
            self.write[name] = writer.writerow

    def row(self, name: str, values: tuple) -> None:
        self.write[name](values)
        self.counts[name] += 1

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()


class _Generator:
    def __init__(self, out: _Writer, seed: int):
        self.out = out
        self.seed = seed
        self.rng = random.Random(f"{seed}:national")
        self.people = 0
        self.national_staff: dict[str, list[str]] = {}
        self.national_members: dict[str, list[tuple]] = defaultdict(list)

    # --- rows ---------------------------------------------------------------------------

    def person(self, org: str | None, title: str = "") -> str:
        self.people += 1
        n = self.people
        pid = f"P-{n:07d}"
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{email_part(first)}.{email_part(last)}.{n}@example.org"
        councillor, party = ("true", PARTIES[n % len(PARTIES)]) if "leader" in title else ("", "")
        self.out.row(  # the columns of synth.vocabulary.COLUMNS
            "people",
            (pid, f"{first} {last}", org or "", email, f"07700 900{n % 1000:03d}", councillor,
             party, title),
        )  # fmt: skip
        return pid

    def staff(self, org: str, count: int, titles: tuple[str, ...] = ("Officer",)) -> list[str]:
        return [self.person(org, titles[i % len(titles)]) for i in range(count)]

    def org(self, org_id: str, name: str, sector: str, area: str = "", parent: str = "") -> str:
        self.out.row("organisations", (org_id, name, sector, area, parent))
        return org_id

    def group(
        self, gid: str, name: str, level: str, kind: str, area: str = "", host: str = "",
        workstreams: str = "", meetings: int | str = "", confidential: str = "",
    ) -> str:  # fmt: skip
        self.out.row(
            "groups", (gid, name, level, kind, area, host, workstreams, meetings, confidential, "")
        )
        return gid

    def line(self, a: str, b: str, kind: str = "", two_way: str = "", start: str = "",
             end: str = "") -> None:  # fmt: skip
        self.out.row("reporting_lines", (a, b, kind, two_way, start, end))

    def member(self, pid: str, gid: str, role: str = "member", rep: str = "", sel: str = "",
               start: str | None = None, end: str = "") -> None:  # fmt: skip
        if start is None:
            start = self.start_date()
        self.out.row("memberships", (pid, gid, role, rep, sel, start, end))

    def start_date(self) -> str:
        """A current member's start: blank (always) for some, else within four years."""
        r = self.rng.random()
        if r < 0.15:
            return ""
        return _day(-self.rng.randrange(20, 1460))

    def members(self, gid: str, people: list[str], role: str = "member",
                historic: bool = True) -> None:  # fmt: skip
        """Current members, a few with a future end date, plus some who have left."""
        rng = self.rng
        for pid in people:
            end = _day(rng.randrange(30, 700)) if rng.random() < 0.08 else ""
            self.member(pid, gid, role, end=end)
        if historic and people:
            for pid in rng.sample(people, int(len(people) * HISTORIC_SHARE)):
                start = -rng.randrange(900, 2500)
                end = min(start + rng.randrange(120, 900), -10)
                self.member(pid, gid, role, start=_day(start), end=_day(end))

    def sample(self, pool: list[str], k: int, exclude: set[str] = frozenset()) -> list[str]:
        candidates = [p for p in pool if p not in exclude] if exclude else pool
        return self.rng.sample(candidates, min(k, len(candidates)))

    # --- national level -----------------------------------------------------------------

    def national(self) -> None:
        for code, name in NATIONS.items():
            self.out.row("areas", (code, name, "nation", "", "", ""))
        for org_id, name, sector in NATIONAL_ORGS:
            self.org(org_id, name, sector)
            self.national_staff[org_id] = self.staff(org_id, 12, ("Policy lead", "Officer"))
        for gid, name, kind in NATIONAL_GROUPS:
            self.group(gid, name, "national", kind, host="O-NAT-HO", meetings=4,
                       workstreams="asylum;resettlement;ukraine", confidential="true")  # fmt: skip
        for key, (ws, title) in WORKSTREAMS.items():
            self.group(f"G-NAT-{key}", f"National {title} Group", "national", "task_group",
                       host="O-NAT-HO", workstreams=ws, meetings=6)  # fmt: skip
        self.line("G-NAT-VCS", "G-NAT-SMP", "advises")
        self.line("G-NAT-LGA", "G-NAT-SMP", "feeds_into")
        self.line("G-NAT-DEV", "G-NAT-ADB", "advises", "false")

    def national_memberships(self) -> None:
        """National bodies: national organisations' staff, and the regional leads collected."""
        rng = self.rng
        staff = [p for people in self.national_staff.values() for p in people]
        gids = [g for g, _n, _k in NATIONAL_GROUPS] + [f"G-NAT-{k}" for k in WORKSTREAMS]
        for gid in gids:
            chosen = rng.sample(staff, 18)
            self.member(chosen[0], gid, "chair", sel="appointed")
            self.member(chosen[1], gid, "secretariat")
            self.members(gid, chosen[2:])
            for pid, role in self.national_members.get(gid, ()):
                self.member(pid, gid, role)

    # --- a partnership ------------------------------------------------------------------

    def partnership(self, copy: int, code: str, councils: list[tuple[str, dict]]) -> None:
        """One copy of a partnership: its region and regional organisations, its sub-regions
        and their councils, and its regional groups."""
        self.rng = random.Random(f"{self.seed}:{copy}:{code}")
        part = self.partnership_area(copy, code)
        self.regional_orgs(part)
        part.coordinators = {ws: part.smp_team[2 + i % 10] for i, ws in enumerate(WORKSTREAMS)}
        for s, chunk in enumerate(_sub_regions(councils), start=1):
            self.sub_region(part, s, chunk)
        self.strategic_group(part)
        self.regional_task_groups(part)
        self.regional_vcs_groups(part)

    def partnership_area(self, copy: int, code: str) -> _Partnership:
        """The partnership's ids and names in this copy, and its region's area row."""
        key, region_name, smp_name, provider = PARTNERSHIPS[code]
        sfx = "" if copy == 0 else f"-{copy + 1}"
        label = "" if copy == 0 else f" {copy + 1}"
        if code.startswith("E12"):
            region = code + sfx
            self.out.row("areas", (region, region_name + label, "region", "E92000001", "", ""))
        elif copy == 0:
            region = code  # Scotland, Wales, Northern Ireland: the nation is the region
        else:
            region = code + sfx
            self.out.row("areas", (region, region_name + label, "region", code, "", ""))
        return _Partnership(code, key + sfx, sfx, label, region, region_name, smp_name, provider)

    def regional_orgs(self, part: _Partnership) -> None:
        """Regional organisations and their people."""
        key, name, label, region = part.key, part.region_name, part.label, part.region
        part.smp = self.org(f"O-{key}-SMP", part.smp_name + label, "local_government", region)
        team_titles = ("SMP manager", "Regional coordinator", "Lead officer")
        part.smp_team = self.staff(part.smp, 12, team_titles)
        ho = self.org(f"O-{key}-HO", f"Home Office {name}{label} team",
                      "central_government", region, "O-NAT-HO")  # fmt: skip
        part.ho_staff = self.staff(ho, 6, ("Local authority engagement manager",))
        provider = part.provider
        part.prov = self.org(f"O-{key}-{provider}", f"{provider.title()} {name}{label}",
                             "private_provider", region, f"O-NAT-{provider}")  # fmt: skip
        part.prov_staff = self.staff(part.prov, 6, ("Contract manager", "Housing officer"))
        mh = self.org(f"O-{key}-MH", f"Migrant Help {name}{label}", "vcs", region,
                      "O-NAT-MH")  # fmt: skip
        part.mh_staff = self.staff(mh, 4, ("Advice manager",))
        part.vcs_infra = self.org(f"O-{key}-VCSI", f"{name}{label} Refugee and Migrant Network",
                                  "vcs", region)  # fmt: skip
        part.vcs_lead = self.staff(part.vcs_infra, 3, ("Network director", "Engagement officer"))
        tuc = self.org(f"O-{key}-TUC", f"{name}{label} TUC", "trade_union", region,
                       "O-NAT-TUC")  # fmt: skip
        part.tuc_staff = self.staff(tuc, 2, ("Regional secretary",))
        dwp = self.org(f"O-{key}-DWP", f"DWP {name}{label}", "central_government", region,
                       "O-NAT-DWP")  # fmt: skip
        part.dwp_staff = self.staff(dwp, 3, ("Partnership manager",))
        for i in range(3):
            uni = self.org(f"O-{key}-UNI{i + 1}", f"University of {name}{label} {i + 1}",
                           "education", region)  # fmt: skip
            part.unis += self.staff(uni, 2, ("Researcher", "Sanctuary lead"))

    # --- a sub-region -------------------------------------------------------------------

    def sub_region(self, part: _Partnership, s: int, chunk: list[tuple[str, dict]]) -> None:
        """Sub-region ``s``: its area, police, health and fire bodies, its councils, the
        sub-regional group and its task groups."""
        rng = self.rng
        name = f"{part.region_name}{part.label}"
        sr = f"SR-{part.key}-{s}"
        self.out.row("areas", (sr, f"{name} sub-region {s}", "sub_region", part.region, "", ""))
        police = self.org(f"O-{sr}-POL", f"{name} Police {s}", "police", sr)
        police_staff = self.staff(police, 4, ("Superintendent", "Inspector"))
        icb = self.org(f"O-{sr}-ICB", f"NHS {name} {s} Integrated Care Board", "health", sr)
        icb_staff = self.staff(icb, 4, ("Health inclusion lead",))
        fire = self.org(f"O-{sr}-FRS", f"{name} {s} Fire and Rescue Service",
                        "other_statutory", sr)  # fmt: skip
        fire_staff = self.staff(fire, 2, ("Community safety officer",))
        srg = f"G-{sr}-SRG"
        srg_members: list[_Seat] = []
        built = [self.council(part, la, data, sr, srg, police, icb, srg_members)
                 for la, data in chunk]  # fmt: skip
        for c in built:
            part.pool += c.pool
            part.vcs_people += [people[0] for people in c.vcs_orgs if rng.random() < 0.5]
            part.council_leaders.append(c.leader)
        partners = [police_staff[0], icb_staff[0], fire_staff[0]]
        chair, vice = self.sub_regional_group(part, s, sr, built, srg_members, partners)
        self.sub_regional_task_groups(part, s, sr, built, police, chair, vice)

    def sub_regional_group(
        self, part: _Partnership, s: int, sr: str, built: list[_Council],
        srg_members: list[_Seat], partners: list[str],
    ) -> tuple[str, str]:  # fmt: skip
        """The sub-regional group, chaired by a chief executive of its councils, and its line
        up; returns its chair and vice chair."""
        rng = self.rng
        srg = f"G-{sr}-SRG"
        first = built[0]
        self.group(srg, f"{part.region_name}{part.label} sub-regional group {s}",
                   "sub_regional", "sub_regional_group", sr, first.org, "asylum;uasc",
                   6)  # fmt: skip
        chair = first.chief
        vice = built[1].chief if len(built) > 1 else first.leader
        self.member(chair, srg, "chair", sel="elected")
        self.member(vice, srg, "vice_chair", sel="elected")
        self.member(part.smp_team[2 + s % 10], srg, "secretariat")
        for pid, role, rep, sel, start, end in dict.fromkeys(srg_members):
            self.member(pid, srg, role, rep, sel, start, end)
        self.members(srg, [*partners, part.ho_staff[s % 6], part.prov_staff[s % 6]])
        # The line up: usually carried by the chair (and often the vice chair).
        r = rng.random()
        if r < 0.97:
            part.srg_chairs.append(chair)
        if r < 0.7:
            part.srg_chairs.append(vice)
        if rng.random() < 0.1:  # re-drawn line: an old one ended, the new one started
            self.line(srg, part.sg, "reports_to", "true", _day(-1500), _day(-400))
            self.line(srg, part.sg, "feeds_into", "true", _day(-399))
        else:
            self.line(srg, part.sg, "feeds_into")
        return chair, vice

    def sub_regional_task_groups(
        self, part: _Partnership, s: int, sr: str, built: list[_Council], police: str,
        chair: str, vice: str,
    ) -> None:  # fmt: skip
        """Two task groups of the sub-region, some also advising the regional one."""
        rng = self.rng
        srg = f"G-{sr}-SRG"
        sub_pool = [pid for c in built for pid in c.pool]
        for ws in rng.sample(list(WORKSTREAMS), 2):
            tg = f"G-{sr}-TG-{ws}"
            code_ws, title = WORKSTREAMS[ws]
            host = police if ws == "TRF" else built[0].org
            self.group(tg, f"{part.region_name}{part.label} {s} {title} Task Group",
                       "sub_regional", "task_group", sr, host, code_ws, 6)  # fmt: skip
            self.member(chair if rng.random() < 0.8 else vice, tg, "chair")
            self.members(tg, self.sample(sub_pool, 20, {chair, vice}))
            self.line(tg, srg, "feeds_into")
            if rng.random() < 0.3:
                lead = self.sample(sub_pool, 1)[0]
                self.member(lead, tg)
                part.tg_members[ws].append(lead)
                self.line(tg, f"G-{part.key}-TG-{ws}", "advises", "false")

    # --- regional groups ----------------------------------------------------------------

    def strategic_group(self, part: _Partnership) -> None:
        """The strategic group and the board, and their lines to the national bodies (whose
        members are collected for :meth:`national_memberships`)."""
        rng = self.rng
        sg, board, smp_team = part.sg, part.board, part.smp_team
        ho_staff, leaders = part.ho_staff, part.council_leaders
        all_ws = ";".join(ws for ws, _t in WORKSTREAMS.values())
        self.group(sg, f"{part.smp_name}{part.label} Strategic Group", "regional",
                   "strategic_group", part.region, part.smp, all_ws, 4, "true")  # fmt: skip
        self.group(board, f"{part.smp_name}{part.label} Board", "regional", "partnership_board",
                   part.region, part.smp, all_ws, 2, "true")  # fmt: skip
        sg_chair = leaders[0]
        self.member(sg_chair, sg, "chair", sel="elected")
        self.member(smp_team[0], sg, "secretariat")
        for coordinator in dict.fromkeys(part.coordinators.values()):
            self.member(coordinator, sg, "advisor")
        for pid in dict.fromkeys(part.srg_chairs):
            if pid != sg_chair:
                self.member(pid, sg)
        self.members(sg, [ho_staff[0], ho_staff[1], part.prov_staff[0], part.dwp_staff[0],
                          part.tuc_staff[0], part.mh_staff[0], part.unis[0],
                          part.vcs_lead[0]])  # fmt: skip
        self.member(sg_chair, board, "chair", sel="elected")
        self.member(smp_team[0], board, "secretariat")
        self.members(board, [ho_staff[0], part.vcs_lead[0], smp_team[1]]
                     + [p for p in leaders[1:12] if p != sg_chair])  # fmt: skip
        self.line(sg, board, "reports_to")
        # Up to national: the SMP manager always, the chair often, the Home Office often.
        national = self.national_members
        self.line(sg, "G-NAT-SMP", "feeds_into")
        national["G-NAT-SMP"].append((smp_team[0], "member"))
        if rng.random() < 0.75:
            national["G-NAT-SMP"].append((sg_chair, "member"))
        self.line(sg, "G-NAT-ADB", "reports_to", "false")
        if rng.random() < 0.8:
            national["G-NAT-ADB"].append((ho_staff[0], "member"))
        self.line(board, "G-NAT-LGA", "advises")
        national["G-NAT-LGA"].append((sg_chair, "member"))
        national["G-NAT-VCS"].append((part.vcs_lead[0], "member"))
        if not part.code.startswith("E12"):
            national["G-NAT-DEV"].append((smp_team[0], "member"))

    def regional_task_groups(self, part: _Partnership) -> None:
        """A task group per workstream, chaired by its coordinator, feeding the strategic
        group and advising the national one."""
        rng = self.rng
        for ws, (code_ws, title) in WORKSTREAMS.items():
            tg = f"G-{part.key}-TG-{ws}"
            self.group(tg, f"{part.region_name}{part.label} {title} Task Group", "regional",
                       "task_group", part.region, part.smp, code_ws, 6)  # fmt: skip
            self.member(part.coordinators[ws], tg, "chair")
            people = list(dict.fromkeys(part.tg_members[ws]))
            for pid in people:
                self.member(pid, tg)
            extra = self.sample(part.statutory, 6) + self.sample(part.pool, 12, set(people))
            self.members(tg, extra)
            self.line(tg, part.sg, "feeds_into")
            self.line(tg, f"G-NAT-{ws}", "advises")
            if rng.random() < 0.8:
                self.national_members[f"G-NAT-{ws}"].append((part.coordinators[ws], "member"))

    def regional_vcs_groups(self, part: _Partnership) -> None:
        """The regional VCS network, the yearly conferences and the lived-experience
        reference group."""
        rng = self.rng
        key, name, label, region = part.key, part.region_name, part.label, part.region
        vcs_lead, region_pool = part.vcs_lead, part.pool
        net = self.group(f"G-{key}-NET", f"{name}{label} VCS Network", "regional", "network",
                         region, part.vcs_infra, "asylum;resettlement;nrpf", 4)  # fmt: skip
        self.member(vcs_lead[0], net, "chair", sel="elected")
        self.members(net, vcs_lead[1:] + part.vcs_people, historic=False)
        self.line(net, part.sg, "feeds_into")
        for year in (2025, 2026):
            event = self.group(f"G-{key}-EVT-{year}", f"{part.smp_name}{label} conference {year}",
                               "regional", "engagement_event", region, part.smp,
                               meetings=1)  # fmt: skip
            day = dt.date(year, 3, 1) + dt.timedelta(days=rng.randrange(200))
            for pid in self.sample(region_pool, 150):
                self.member(pid, event, "observer", start=day.isoformat(), end=day.isoformat())
            self.line(event, part.sg, "advises", "false")
        ref = self.group(f"G-{key}-REF", f"{name}{label} Lived Experience Panel", "regional",
                         "reference_group", region, part.vcs_infra, meetings=4,
                         confidential="true")  # fmt: skip
        self.member(vcs_lead[1], ref, "chair")
        self.members(ref, self.sample(region_pool, 20))
        self.member(vcs_lead[1], part.board, "advisor")
        self.line(ref, part.board, "advises")

    # --- a council ----------------------------------------------------------------------

    def council(
        self, part: _Partnership, la: str, data: dict, sr: str, srg: str, police: str, icb: str,
        srg_members: list[_Seat],
    ) -> _Council:  # fmt: skip
        """A council area: its organisations, people, local groups and their lines up.
        Adds the people who carry its lines to ``srg`` to ``srg_members``."""
        c = self.council_org(part, la, data, sr)
        self.local_orgs(c, part, police, icb)
        self.vcs_rep(c, srg, srg_members)
        if c.has_forum:
            self.local_forum(c, srg)
        c.up = c.forum if c.has_forum else srg
        chair = self.local_vcs_network(c, srg)
        self.welcome_week(c)
        self.local_task_groups(c, part, police, srg_members)
        self.local_reference_group(c, chair)
        return c

    def council_org(self, part: _Partnership, la: str, data: dict, sr: str) -> _Council:
        """The council's area row, the council and its staff."""
        lid = la + part.sfx
        name = data["n"] + part.label
        # Most councils take part in dispersal (decided by the name, not the generator's
        # random numbers, so the rest of the network stays as it was).
        dispersal = "false" if len(data["n"]) % 4 == 0 else "true"
        self.out.row("areas", (lid, name, "local_authority", sr, dispersal, ""))
        council_org = self.org(f"O-{lid}", f"{name} Council", "local_government", lid)
        chief = self.person(council_org, "Chief executive")
        leader = self.person(council_org, "Council leader")
        lead = self.person(council_org, "Migration lead officer")
        officers = self.staff(council_org, COUNCIL_STAFF - 3, COUNCIL_TITLES)
        c = _Council(lid, name, data["n"], council_org, chief, leader, lead, officers)
        c.pool += [chief, leader, lead, *officers]
        c.by_sector["local_government"] += [lead, *officers]
        return c

    def local_orgs(self, c: _Council, part: _Partnership, police: str, icb: str) -> None:
        """Organisations of every sector in the council area, and their people; the police
        inspector and health lead for the area; lived-experience members."""
        rng = self.rng
        lid, place, provider = c.lid, c.place, part.provider
        orgs = [
            (f"O-{lid}-NHS", f"{place} Community Health Trust", "health", icb),
            (f"O-{lid}-GP", f"{place} Primary Care Network", "health", icb),
            (f"O-{lid}-COL", f"{place} College", "education", ""),
            (f"O-{lid}-ACL", f"{place} Adult Learning Service", "education", c.org),
            (f"O-{lid}-SCH", f"{place} Academy Trust", "education", ""),
            (f"O-{lid}-JCP", f"Jobcentre Plus {place}", "central_government", f"O-{part.key}-DWP"),
            (f"O-{lid}-UNI", f"UNISON {place} branch", "trade_union", ""),
            (f"O-{lid}-HSG", f"{place} Housing Association", "private_provider", ""),
            (f"O-{lid}-ACC", f"{place} asylum accommodation ({provider.title()})",
             "private_provider", part.prov),
            (f"O-{lid}-CAB", f"Citizens Advice {place}", "vcs", "O-NAT-CA"),
        ]  # fmt: skip
        for i, template in enumerate(OTHER_NAMES):
            orgs.append((f"O-{lid}-X{i + 1}", template.format(p=place), "other", ""))
        for i in range(VCS_PER_COUNCIL - 1):
            template = VCS_NAMES[i % len(VCS_NAMES)]
            orgs.append((f"O-{lid}-V{i + 1:02d}", template.format(p=place), "vcs", ""))
        for org_id, org_name, sector, parent in orgs:
            self.org(org_id, org_name, sector, lid, parent)
            count = PEOPLE_PER_ORG[sector]
            if sector == "vcs":
                count = rng.choice((1, 2, 3, 3, 4, 5))
            people = self.staff(org_id, count, ("Manager", "Caseworker", "Volunteer coordinator"))
            c.pool += people
            c.by_sector[sector] += people
            if sector == "vcs":
                c.vcs_orgs.append(people)
        inspector = self.person(police, "Neighbourhood inspector")
        health_lead = self.person(icb, "Place-based health lead")
        c.forum_partners = [inspector, health_lead]
        c.pool += c.forum_partners
        c.no_org = [self.person(None, "Lived experience member") for _ in range(LIVED_EXPERIENCE)]

    def vcs_rep(self, c: _Council, srg: str, srg_members: list[_Seat]) -> None:
        """The council's coverage scenario, whether it has a forum, its VCS rep's terms (on
        the forum, else on ``srg``), and who carries the forum's line up."""
        rng = self.rng
        scenario = _scenario(rng.random())
        c.has_forum = rng.random() >= NO_FORUM
        rep_group = c.forum if c.has_forum else srg
        c.rep, rep_rows = self.rep_terms(c, scenario)
        for pid, sel, start, end in rep_rows:
            self.member(pid, rep_group, "vcs_rep", c.lid, sel, start, end)
        # Forum chair and the rep carry the forum's line to the sub-regional group.
        rep_current = [row for row in rep_rows if row[2] <= AS_OF.isoformat() <= row[3]]
        if rep_current:
            c.current_rep = rep_current[-1][0]
        if c.has_forum:
            r = rng.random()
            if r < 0.92:
                srg_members.append((c.lead, "member", "", "ex_officio", "", ""))
            if rep_current and (r < 0.65 or r >= 0.96):
                pid, sel, start, end = rep_current[-1]
                srg_members.append((pid, "vcs_rep", c.lid, sel, start, end))
        else:
            srg_members.append((c.lead, "member", "", "ex_officio", "", ""))

    def rep_terms(self, c: _Council, scenario: str) -> tuple[str, list[tuple[str, str, str, str]]]:
        """The VCS rep's one-year terms from the council's own month, with renewals, as the
        coverage ``scenario`` needs them; returns the rep and (person, selection, start,
        end) rows."""
        rng = self.rng
        vcs_people = c.by_sector["vcs"]
        month = rng.randrange(1, 13)
        year = AS_OF.year if dt.date(AS_OF.year, month, 1) <= AS_OF else AS_OF.year - 1
        current = (dt.date(year, month, 1), dt.date(year + 1, month, 1) - dt.timedelta(days=1))

        def term(k: int) -> tuple[str, str]:
            start = dt.date(current[0].year + k, month, 1)
            end = dt.date(start.year + 1, month, 1) - dt.timedelta(days=1)
            return start.isoformat(), end.isoformat()

        rep = rng.choice(vcs_people)
        rep_rows: list[tuple[str, str, str, str]] = []  # pid, sel, start, end
        if scenario == "covered":
            previous = rng.choice(vcs_people)
            rep_rows += [(previous, "elected", *term(-2)), (rep, "elected", *term(-1)),
                         (rep, "elected", *term(0))]  # fmt: skip
            days_left = (current[1] - AS_OF).days
            if days_left <= 90 and rng.random() < 0.7:
                rep_rows.append((rep, "elected", *term(1)))  # renewal in place
        elif scenario == "expired":
            rep_rows += [(rep, "elected", *term(-2)), (rep, "elected", *term(-1))]
        elif scenario == "not_elected":
            rep_rows += [(rep, "elected", *term(-1)),
                         (rep, rng.choice(("nominated", "co_opted")), *term(0))]  # fmt: skip
        elif scenario == "not_vcs":
            rep = rng.choice(c.officers)
            rep_rows += [(rep, "elected", *term(0))]
        elif scenario == "not_started":
            rep_rows += [(rep, "elected", *term(1))]
        return rep, rep_rows

    def local_forum(self, c: _Council, srg: str) -> None:
        """The multi-agency forum, chaired by the migration lead, feeding ``srg``."""
        rng = self.rng
        self.group(c.forum, f"{c.name} Multi-Agency Migration Forum", "local",
                   "multi_agency_forum", c.lid, c.org,
                   ";".join(rng.sample([w for w, _t in WORKSTREAMS.values()], 4)),
                   rng.choice((4, 6, 6, 12)))  # fmt: skip
        self.member(c.lead, c.forum, "chair", sel="ex_officio")
        self.member(c.officers[0], c.forum, "secretariat")
        chosen = self.sample(c.pool, FORUM_MEMBERS, {c.lead, c.officers[0], c.rep})
        chosen += c.forum_partners
        self.members(c.forum, list(dict.fromkeys(chosen)))
        c.forum_members = {c.lead, c.officers[0], *chosen}
        if c.current_rep:
            c.forum_members.add(c.current_rep)
        self.line(c.forum, srg, "feeds_into")

    def local_vcs_network(self, c: _Council, srg: str) -> str:
        """The local VCS network: most VCS people, chaired by the rep; returns its chair."""
        rng = self.rng
        vcs_people = c.by_sector["vcs"]
        net = self.group(f"G-{c.lid}-NET", f"{c.place} VCS Network", "local", "network", c.lid,
                         f"O-{c.lid}-V01", "asylum;resettlement;nrpf", 6)  # fmt: skip
        chair = c.rep if c.rep in vcs_people else vcs_people[0]
        self.member(chair, net, "chair", sel="elected")
        others = [p for p in vcs_people if p != chair and rng.random() < NETWORK_SHARE]
        self.members(net, others)
        if c.has_forum:
            if chair not in c.forum_members:
                self.member(chair, c.forum, "member")
                c.forum_members.add(chair)
            self.line(net, c.forum, "feeds_into")
        else:
            self.member(chair, srg, "member")
            self.line(net, srg, "feeds_into")
        return chair

    def welcome_week(self, c: _Council) -> None:
        """The engagement event: a one-way line, and not always one."""
        event = self.group(f"G-{c.lid}-EVT", f"{c.place} Welcome Week", "local",
                           "engagement_event", c.lid, c.org, meetings=1)  # fmt: skip
        attendees = self.sample(c.pool + c.no_org, EVENT_ATTENDEES, {c.lead})
        self.member(c.lead, event, "chair")
        self.members(event, attendees, "observer", historic=False)
        if self.rng.random() < 0.85:
            self.line(event, c.up, "advises", "false")

    def local_task_groups(
        self, c: _Council, part: _Partnership, police: str,
        srg_members: list[_Seat],
    ) -> None:  # fmt: skip
        """Task groups: most feed the forum, some the regional task group, a few nothing."""
        rng = self.rng
        pool, forum_members = c.pool, c.forum_members
        for ws in rng.sample(list(WORKSTREAMS), rng.randrange(3, 7)):
            code_ws, title = WORKSTREAMS[ws]
            tg = self.group(f"G-{c.lid}-TG-{ws}", f"{c.place} {title} Task Group", "local",
                            "task_group", c.lid, police if ws == "TRF" else c.org, code_ws,
                            rng.choice((6, 10, 12)))  # fmt: skip
            r = rng.random()
            if r < 0.04:  # nobody on the forum: the line is unstaffed
                tg_chair = self.sample(pool, 1, forum_members | {c.lead})[0]
                chosen = self.sample(pool, TASK_GROUP_MEMBERS, forum_members | {tg_chair, c.lead})
            else:
                tg_chair = rng.choice(c.officers)
                chosen = self.sample(pool, TASK_GROUP_MEMBERS, {tg_chair})
                if c.has_forum and tg_chair not in forum_members:
                    self.member(tg_chair, c.forum)
                    forum_members.add(tg_chair)
                elif not c.has_forum:
                    srg_members.append((tg_chair, "member", "", "", "", ""))
            self.member(tg_chair, tg, "chair")
            self.members(tg, chosen)
            r2 = rng.random()
            if r2 < 0.78:
                self.line(tg, c.up, "feeds_into")
            elif r2 < 0.93:
                self.line(tg, f"G-{part.key}-TG-{ws}", "feeds_into")
                if rng.random() < 0.9:
                    part.tg_members[ws].append(tg_chair)
            # else: no line at all

    def local_reference_group(self, c: _Council, chair: str) -> None:
        """The lived-experience reference group, in some councils, chaired by the VCS
        network's ``chair``."""
        if self.rng.random() < 0.3:
            ref = self.group(f"G-{c.lid}-REF", f"{c.place} Lived Experience Group", "local",
                             "reference_group", c.lid, f"O-{c.lid}-V01", meetings=6,
                             confidential="true")  # fmt: skip
            self.member(chair, ref, "chair")
            self.members(ref, c.no_org + self.sample(c.by_sector["vcs"], 3, {chair}))
            self.line(ref, c.up, "advises")


def _scenario(r: float) -> str:
    """The coverage scenario a draw ``r`` in [0, 1) picks: each of :data:`SCENARIOS` has
    its share; the rest are covered."""
    for name, share in SCENARIOS:
        if r < share:
            return name
        r -= share
    return "covered"


def _sub_regions(councils: list[tuple[str, dict]]) -> list[list[tuple[str, dict]]]:
    """Councils in hex order (roughly north to south), in chunks of about
    :data:`SUB_REGION_SIZE`."""
    ordered = sorted(councils, key=lambda c: (-c[1]["r"], c[1]["q"], c[0]))
    n_sub = max(1, round(len(ordered) / SUB_REGION_SIZE))
    size = -(-len(ordered) // n_sub)
    return [sorted(ordered[i : i + size]) for i in range(0, len(ordered), size)]


def _councils() -> dict[str, list[tuple[str, dict]]]:
    by_region: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for code, data in sorted(hexes().items()):
        by_region[data["region"]].append((code, data))
    return by_region


def generate(tier: str, out_dir: Path, seed: int = 1) -> dict[str, int]:
    """Write the ``tier`` network as a CSV workbook folder; returns data rows per file."""
    if tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r}; one of: {', '.join(TIERS)}")
    regions, copies = TIERS[tier]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    by_region = _councils()
    codes = list(regions) if regions else [c for c in PARTNERSHIPS if c in by_region]
    out = _Writer(out_dir)
    try:
        gen = _Generator(out, seed)
        gen.national()
        for copy in range(copies):
            for code in codes:
                gen.partnership(copy, code, by_region[code])
        gen.rng = random.Random(f"{seed}:national-members")
        gen.national_memberships()
    finally:
        out.close()
    counts = dict(out.counts)
    counts.update(_meetings(out_dir, seed))
    return counts


#: Kinds of group whose attendance the partnerships record at scale (the groups their
#: secretariats run); task groups and networks record their meetings only.
ATTENDANCE_KINDS = frozenset({"multi_agency_forum", "sub_regional_group", "strategic_group",
                              "partnership_board", "reference_group", "engagement_event",
                              "national_body"})  # fmt: skip
ATTENDS = 0.88  # the chance a member attends a meeting (apologies: most of the rest)
STOPPED = 0.03  # reps who stopped attending altogether


def _meetings(out_dir: Path, seed: int) -> dict[str, int]:
    """Write ``meetings.csv`` and ``attendance.csv`` for the year up to :data:`AS_OF`
    from the groups and memberships already written: every group meets as often as it
    declares (12 at most; 4 when it declares nothing), spread over the year; strategic
    groups and boards meet hybrid, engagement events in person, the rest alternate.
    Attendance: members of :data:`ATTENDANCE_KINDS` groups, for meetings held while
    they were members. Returns data rows per file."""
    rng = random.Random(f"{seed}:meetings")
    groups = _meeting_groups(out_dir)
    seats = _seats(out_dir, groups, _day(-365))
    stopped = {pid for members in seats.values() for pid, *_ in members if rng.random() < STOPPED}
    counts = {"meetings": 0, "attendance": 0}
    with (
        (out_dir / "meetings.csv").open("w", encoding="utf-8", newline="") as m_handle,
        (out_dir / "attendance.csv").open("w", encoding="utf-8", newline="") as a_handle,
    ):
        meetings, attendance = (
            csv.writer(m_handle, lineterminator="\n"),
            csv.writer(a_handle, lineterminator="\n"),
        )
        meetings.writerow(COLUMNS["meetings"])
        attendance.writerow(COLUMNS["attendance"])
        for gid, (kind, per_year) in groups.items():
            for i in range(per_year):
                offset = -365 + int((i + 0.5) * 365 / per_year) + rng.randrange(-3, 4)
                day = _day(min(offset, 0))
                meeting_id = f"M-{gid}-{i + 1:02d}"
                meetings.writerow((meeting_id, gid, day, _meeting_format(kind, i)))
                counts["meetings"] += 1
                counts["attendance"] += _attend(
                    rng, attendance, meeting_id, day, seats.get(gid, ()), stopped
                )
    return counts


def _meeting_groups(out_dir: Path) -> dict[str, tuple[str, int]]:
    """Every group of ``groups.csv``: its kind and how many meetings it holds a year."""
    groups: dict[str, tuple[str, int]] = {}
    with (out_dir / "groups.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            per_year = min(int(row["meetings_per_year"] or 4), 12)
            groups[row["group_id"]] = (row["kind"], per_year)
    return groups


def _seats(
    out_dir: Path, groups: dict[str, tuple[str, int]], first: str
) -> dict[str, list[tuple[str, str, str]]]:
    """The memberships of ``memberships.csv`` not ended before ``first`` in groups of
    :data:`ATTENDANCE_KINDS`: (person, start, end) by group."""
    seats: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    with (out_dir / "memberships.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["end_date"] and row["end_date"] < first:
                continue
            if groups[row["group_id"]][0] in ATTENDANCE_KINDS:
                seats[row["group_id"]].append((row["person_id"], row["start_date"],
                                               row["end_date"]))  # fmt: skip
    return seats


def _meeting_format(kind: str, i: int) -> str:
    """How the ``i``-th meeting of a group of ``kind`` is held."""
    if kind in ("strategic_group", "partnership_board"):
        return "hybrid"
    if kind == "engagement_event":
        return "in_person"
    return ("in_person", "online")[i % 2]


def _attend(
    rng: random.Random, writer, meeting_id: str, day: str,
    seats: Iterable[tuple[str, str, str]], stopped: set[str],
) -> int:  # fmt: skip
    """Write the attendance of one meeting held on ``day``: a row per person seated then
    (whatever their seats) who attended or sent apologies; returns the rows written."""
    written = 0
    listed = set()
    for pid, start, end in seats:
        if (start and start > day) or (end and end < day) or pid in stopped:
            continue
        if pid in listed:
            continue
        listed.add(pid)
        r = rng.random()
        if r < ATTENDS:
            writer.writerow((meeting_id, pid, ""))
        elif r < ATTENDS + 0.08:
            writer.writerow((meeting_id, pid, "false"))
        else:
            continue
        written += 1
    return written


def quarterly_update(source: Path, out_dir: Path, seed: int = 1, share: float = 0.02) -> dict:
    """A copy of the workbook in ``source`` as a partnership would send it a quarter
    later: about ``share`` of its rows changed (terms extended or ended, people who
    left removed with their seats, new people with seats, groups now meeting monthly,
    lines ended).

    Returns how many rows of each kind were changed.
    """
    rng = random.Random(f"{seed}:quarterly-update")
    tables = _read_tables(Path(source))
    members = tables["memberships"][1]
    n = len(members)
    made = {"terms_extended": 0, "terms_ended": 0, "people_left": 0, "people_joined": 0,
            "groups_changed": 0, "lines_ended": 0}  # fmt: skip
    later = (AS_OF + dt.timedelta(days=365)).isoformat()
    ended = (AS_OF - dt.timedelta(days=30)).isoformat()
    for row in rng.sample(members, int(n * share * 0.4)):
        if row["end_date"]:
            row["end_date"], made["terms_extended"] = later, made["terms_extended"] + 1
        elif not row["start_date"] or row["start_date"] < ended:
            row["end_date"], made["terms_ended"] = ended, made["terms_ended"] + 1
    people = tables["people"][1]
    leaving = {p["person_id"] for p in rng.sample(people, int(len(people) * share * 0.15))}
    made["people_left"] = len(leaving)
    tables["people"] = (tables["people"][0], [p for p in people if p["person_id"] not in leaving])
    members = [m for m in members if m["person_id"] not in leaving]
    groups = tables["groups"][1]
    template = people[0]
    for i in range(int(len(people) * share * 0.15)):
        pid = f"P-NEW{i:06d}"
        tables["people"][1].append({**template, "person_id": pid, "name": f"New Member {i}",
                                    "email": f"new.member.{i}@example.org"})  # fmt: skip
        for group in rng.sample(groups, 2):
            members.append({"person_id": pid, "group_id": group["group_id"], "role": "member",
                            "represents_area_id": "", "selection": "appointed",
                            "start_date": AS_OF.isoformat(), "end_date": ""})  # fmt: skip
        made["people_joined"] += 1
    tables["memberships"] = (tables["memberships"][0], members)
    for group in rng.sample(groups, int(len(groups) * share * 0.5)):
        group["meetings_per_year"] = "12"
        made["groups_changed"] += 1
    for line in rng.sample(tables["reporting_lines"][1],
                           int(len(tables["reporting_lines"][1]) * share * 0.5)):  # fmt: skip
        if not line["end_date"]:
            line["end_date"], made["lines_ended"] = ended, made["lines_ended"] + 1
    if "attendance" in tables:
        fields, rows = tables["attendance"]
        tables["attendance"] = (fields, [a for a in rows if a["person_id"] not in leaving])
    _write_tables(Path(out_dir), tables)
    return made


def _read_tables(source: Path) -> dict[str, tuple[list[str], list[dict]]]:
    """The workbook folder's CSV files that exist: their columns and rows, by name."""
    tables: dict[str, tuple[list[str], list[dict]]] = {}
    for name in COLUMNS:
        path = source / f"{name}.csv"
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                tables[name] = (list(reader.fieldnames or []), list(reader))
    return tables


def _write_tables(out_dir: Path, tables: dict[str, tuple[list[str], list[dict]]]) -> None:
    """Write ``tables`` (columns and rows, by name) as CSV files in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, (fields, rows) in tables.items():
        with (out_dir / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
