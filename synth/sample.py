"""The committed sample network: ``data/sample/`` and ``data/reference/code-changes.csv``.

Run from the repository root::

    .venv/bin/python -m synth.sample

The output is a deterministic function of ``SEED`` and the hexjson in
``data/reference/``. Organisations and places are real public bodies or generic
names; every person is fictional (names drawn from :mod:`synth.vocabulary`,
``example.org`` emails, Ofcom drama-range phone numbers). The network is mostly
healthy, with deliberate gaps at the as-of date 2026-09-30 that ``data/sample/GAPS.md``
lists by id. The project's own validator (loader/) and analyses (graph/) check the
result, and the script stops with an error if they find anything else.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import random
import tempfile
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from graph.analyse import analyse
from graph.engagement import engagement
from graph.model import build_network as network_graph
from graph.model import is_active
from loader.spec import MEETING_FORMATS as FORMATS
from loader.validate import load_workbook
from synth.cycle import BREACHES, Cycle, add_rep_cycle, cycle_markdown, expected_cycle
from synth.vocabulary import (
    AVOID_NAMES,
    CODE_CHANGES,
    CODE_CHANGES_SINCE,
    COLUMNS,
    COUNCIL_TITLES,
    ENGLAND,
    FIRST_NAMES,
    LAST_NAMES,
    NATIONS,
    REFERENCE,
    REGION,
    REGIONS,
    WORKSTREAMS,
    Region,
    email_part,
)
from synth.vocabulary import hexes as hex_cells

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = ROOT / "data" / "sample"

SEED = 20260930
AS_OF = dt.date(2026, 9, 30)
SOON = AS_OF + dt.timedelta(days=90)
FIXED_TIME = dt.datetime(2026, 1, 1)

XLSX_SHEETS = ("areas", "organisations", "people", "groups", "memberships", "reporting_lines",
               "elections", "group_rules")  # fmt: skip

SUB_REGIONS = {
    "yh-west-yorkshire": ("West Yorkshire", "WY",
                          ["E08000032", "E08000033", "E08000034", "E08000035", "E08000036"]),
    "yh-south-yorkshire": ("South Yorkshire", "SY",
                           ["E08000038", "E08000017", "E08000018", "E08000039"]),
    "yh-humber": ("Humber", "HUM", ["E06000010", "E06000011", "E06000012", "E06000013"]),
    "yh-york-north-yorkshire": ("York and North Yorkshire", "YNY", ["E06000014", "E06000065"]),
}  # fmt: skip

# Yorkshire's sub-regional groups: the SMP team member who coordinates each and the Home
# Office officer who advises it (indexes into net.smp["YH"] and net.ho["YH"]).
YH_SUB_REGIONAL_OFFICERS = {
    "G-WY-SRG": (2, 1),
    "G-SY-SRG": (3, 2),
    "G-HUM-SRG": (4, 3),
    "G-YNY-SRG": (5, 4),
}

# Councils with a local multi-agency forum, and the forum's id stem (G-<stem>-MAF).
FORUMS = {
    "YH": {
        "BRD": "E08000032", "CAL": "E08000033", "KIR": "E08000034", "LDS": "E08000035",
        "WAK": "E08000036", "BAR": "E08000038", "DON": "E08000017", "ROT": "E08000018",
        "SHF": "E08000039", "HUL": "E06000010", "ERY": "E06000011", "NEL": "E06000012",
        "NLN": "E06000013", "YRK": "E06000014", "NYO": "E06000065",
    },
    "NE": {
        "NCL": "E08000021", "SUN": "E08000024", "GAT": "E08000037", "MDB": "E06000002",
        "STK": "E06000004", "HPL": "E06000001", "DAR": "E06000005",
    },
    "NW": {
        "MAN": "E08000003", "LIV": "E08000012", "SAL": "E08000006", "BOL": "E08000001",
        "RCH": "E08000005", "WGN": "E08000010", "BBD": "E06000008", "PRE": "E07000123",
        "OLD": "E08000004",
    },
    "EM": {
        "LCE": "E06000016", "NOT": "E06000018", "DER": "E06000015", "LIN": "E07000138",
        "WNO": "E06000062", "CHA": "E07000130",
    },
    "WM": {
        "BHM": "E08000025", "COV": "E08000026", "WLV": "E08000031", "STO": "E06000021",
        "SAW": "E08000028", "WSL": "E08000030",
    },
    "EE": {
        "PBO": "E06000031", "NOR": "E07000148", "LUT": "E06000032", "IPS": "E07000202",
        "SOS": "E06000033", "CAM": "E07000008", "COL": "E07000071",
    },
    "LON": {
        "CRO": "E09000008", "HIL": "E09000017", "NWM": "E09000025", "BNT": "E09000003",
        "BRT": "E09000005", "TWH": "E09000030", "EAL": "E09000009",
    },
    "SE": {
        "SOT": "E06000045", "POR": "E06000044", "BNH": "E06000043", "FOL": "E07000112",
        "RDG": "E06000038", "SLO": "E06000039", "OXF": "E07000178", "MKY": "E06000042",
    },
    "SW": {
        "BST": "E06000023", "PLY": "E06000026", "SWI": "E06000030", "GLO": "E07000081",
        "BCP": "E06000058", "EXE": "E07000041",
    },
    "SCO": {
        "GLA": "S12000049", "EDI": "S12000036", "ABE": "S12000033", "DUN": "S12000042",
        "FAL": "S12000014",
    },
    "WAL": {"CDF": "W06000015", "SWA": "W06000011", "NWP": "W06000022", "WRX": "W06000006"},
    "NI": {"BEL": "N09000003", "DCS": "N09000005", "ABC": "N09000002", "NMD": "N09000010"},
}  # fmt: skip

TASK_GROUPS = {key: (code, f"{title} Task Group") for key, (code, title) in WORKSTREAMS.items()}
#: The workstreams' codes, in the vocabulary's order.
STREAMS = tuple(code for code, _title in WORKSTREAMS.values())
EE_TASK_TITLES = {"UASC": "Social Care UASC Group", "NRPF": "No Recourse to Public Funds Group"}
REGION_TASK_GROUPS = {
    "YH": list(TASK_GROUPS),
    "NE": ["ASY", "UASC", "RES", "ESOL", "TRF"],
    "NW": ["ASY", "UASC", "RES", "HK", "UKR", "NRPF"],
    "EM": ["ASY", "UASC", "RES", "UKR", "MW"],
    "WM": ["ASY", "UASC", "RES", "ESOL", "NRPF", "TRF"],
    "EE": ["UASC", "RES", "ESOL", "NRPF"],
    "LON": ["ASY", "UASC", "RES", "HK", "NRPF", "TRF", "ESOL"],
    "SE": ["ASY", "UASC", "RES", "UKR", "MW"],
    "SW": ["ASY", "UASC", "RES", "ESOL"],
    "SCO": ["ASY", "UASC", "RES", "UKR", "TRF"],
    "WAL": ["ASY", "UASC", "RES", "ESOL", "UKR"],
    "NI": ["ASY", "UASC", "RES", "UKR"],
}
# Which staff of an SMP team services each task group (index into the team).
TASK_LEAD = {
    "ASY": 3,
    "UASC": 3,
    "NRPF": 3,
    "TRF": 3,
    "RES": 4,
    "HK": 4,
    "UKR": 4,
    "ESOL": 4,
    "MW": 2,
}
YH_TASK_LEAD = {
    "ASY": 6,
    "UASC": 7,
    "NRPF": 6,
    "TRF": 6,
    "RES": 8,
    "HK": 8,
    "UKR": 8,
    "ESOL": 9,
    "MW": 10,
}
TASK_SECTORS = {
    "ASY": ["private_provider", "asylum_support", "health", "police", "vcs"],
    "UASC": ["health", "police", "vcs"],
    "RES": ["central_government", "health", "vcs", "education"],
    "ESOL": ["education", "vcs"],
    "HK": ["vcs", "education"],
    "UKR": ["central_government", "vcs", "health"],
    "NRPF": ["vcs", "health"],
    "TRF": ["police", "vcs", "health", "other_statutory"],
    "MW": ["trade_union", "central_government", "other", "education", "vcs"],
}

# --- Organisations (real public bodies; charities are generic names) ---------------------

SMP_TEAM_TITLES = [
    "SMP manager",
    "Deputy SMP manager",
    "Regional coordinator",
    "Asylum and UASC lead",
    "Resettlement and integration lead",
    "VCS engagement officer",
]
YH_TEAM_TITLES = [
    "Manager",
    "Deputy manager",
    "West Yorkshire sub-regional coordinator",
    "South Yorkshire sub-regional coordinator",
    "Humber sub-regional coordinator",
    "York and North Yorkshire sub-regional coordinator",
    "Asylum lead",
    "UASC lead",
    "Resettlement lead",
    "ESOL and integration lead",
    "Migrant workers lead",
    "VCS engagement officer",
    "Data and research officer",
]
HOME_OFFICE_TITLES = [
    "Director, Asylum Support and Resettlement",
    "Head of Local Government Engagement",
    "Asylum Intake Unit liaison officer",
    "National Transfer Scheme lead",
    "Head of Resettlement Operations",
    "Asylum dispersal policy lead",
    "Senior policy adviser",
    "Senior policy adviser",
    "Policy officer",
    "Policy officer",
    "Data analyst",
    "Engagement manager",
]
#: The Home Office regional engagement teams (Yorkshire's has an officer per sub-region).
REGIONAL_HOME_OFFICE_TITLES = [
    "Regional engagement lead",
    "Regional engagement officer",
    "Asylum support liaison officer",
    "Resettlement liaison officer",
]
YH_HOME_OFFICE_TITLES = [
    "Regional engagement lead",
    "Engagement officer (West Yorkshire)",
    "Engagement officer (South Yorkshire)",
    "Engagement officer (Humber)",
    "Engagement officer (York and North Yorkshire)",
    "Resettlement liaison officer",
]
LG_BODIES = [
    ("O-LGA", "Local Government Association", None),
    ("O-EMC", "East Midlands Councils", "E12000004"),
    ("O-EELGA", "East of England Local Government Association", "E12000006"),
    ("O-GLA", "Greater London Authority", "E12000007"),
    ("O-SEC", "South East Councils", "E12000008"),
    ("O-SWC", "South West Councils", "E12000009"),
    ("O-COSLA", "Convention of Scottish Local Authorities (COSLA)", "S92000003"),
    ("O-WLGA", "Welsh Local Government Association", "W92000004"),
    ("O-NILGA", "Northern Ireland Local Government Association", "N92000002"),
]
COUNTY_COUNCILS = {
    "NW": ["Lancashire"],
    "EM": ["Derbyshire", "Leicestershire", "Lincolnshire", "Nottinghamshire"],
    "WM": ["Staffordshire", "Warwickshire", "Worcestershire"],
    "EE": ["Cambridgeshire", "Essex", "Hertfordshire", "Norfolk", "Suffolk"],
    "SE": ["East Sussex", "Hampshire", "Kent", "Oxfordshire", "Surrey", "West Sussex"],
    "SW": ["Devon", "Gloucestershire"],
}
DEVOLVED = {
    "SCO": ("O-SG", "Scottish Government"),
    "WAL": ("O-WG", "Welsh Government"),
    "NI": ("O-TEO", "The Executive Office (Northern Ireland)"),
}
HEALTH = {
    "NE": ["NHS North East and North Cumbria Integrated Care Board"],
    "NW": ["NHS Cheshire and Merseyside Integrated Care Board",
           "NHS Greater Manchester Integrated Care Board",
           "NHS Lancashire and South Cumbria Integrated Care Board"],
    "YH": ["NHS West Yorkshire Integrated Care Board@yh-west-yorkshire",
           "NHS South Yorkshire Integrated Care Board@yh-south-yorkshire",
           "NHS Humber and North Yorkshire Integrated Care Board"],
    "EM": ["NHS Derby and Derbyshire Integrated Care Board",
           "NHS Nottingham and Nottinghamshire Integrated Care Board",
           "NHS Leicester, Leicestershire and Rutland Integrated Care Board",
           "NHS Lincolnshire Integrated Care Board", "NHS Northamptonshire Integrated Care Board"],
    "WM": ["NHS Birmingham and Solihull Integrated Care Board",
           "NHS Black Country Integrated Care Board",
           "NHS Coventry and Warwickshire Integrated Care Board",
           "NHS Herefordshire and Worcestershire Integrated Care Board",
           "NHS Shropshire, Telford and Wrekin Integrated Care Board",
           "NHS Staffordshire and Stoke-on-Trent Integrated Care Board"],
    "EE": ["NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board",
           "NHS Cambridgeshire and Peterborough Integrated Care Board",
           "NHS Hertfordshire and West Essex Integrated Care Board",
           "NHS Mid and South Essex Integrated Care Board",
           "NHS Norfolk and Waveney Integrated Care Board",
           "NHS Suffolk and North East Essex Integrated Care Board"],
    "LON": ["NHS North Central London Integrated Care Board",
            "NHS North East London Integrated Care Board",
            "NHS North West London Integrated Care Board",
            "NHS South East London Integrated Care Board",
            "NHS South West London Integrated Care Board"],
    "SE": ["NHS Buckinghamshire, Oxfordshire and Berkshire West Integrated Care Board",
           "NHS Frimley Integrated Care Board",
           "NHS Hampshire and Isle of Wight Integrated Care Board",
           "NHS Kent and Medway Integrated Care Board",
           "NHS Surrey Heartlands Integrated Care Board", "NHS Sussex Integrated Care Board"],
    "SW": ["NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board",
           "NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board",
           "NHS Cornwall and the Isles of Scilly Integrated Care Board",
           "NHS Devon Integrated Care Board", "NHS Dorset Integrated Care Board",
           "NHS Gloucestershire Integrated Care Board", "NHS Somerset Integrated Care Board"],
    "SCO": ["NHS Ayrshire and Arran", "NHS Borders", "NHS Dumfries and Galloway", "NHS Fife",
            "NHS Forth Valley", "NHS Grampian", "NHS Greater Glasgow and Clyde", "NHS Highland",
            "NHS Lanarkshire", "NHS Lothian", "NHS Orkney", "NHS Shetland", "NHS Tayside",
            "NHS Western Isles", "Public Health Scotland"],
    "WAL": ["Aneurin Bevan University Health Board", "Betsi Cadwaladr University Health Board",
            "Cardiff and Vale University Health Board",
            "Cwm Taf Morgannwg University Health Board", "Hywel Dda University Health Board",
            "Powys Teaching Health Board", "Swansea Bay University Health Board",
            "Public Health Wales"],
    "NI": ["Belfast Health and Social Care Trust", "Northern Health and Social Care Trust",
           "South Eastern Health and Social Care Trust",
           "Southern Health and Social Care Trust", "Western Health and Social Care Trust",
           "Public Health Agency"],
}  # fmt: skip
POLICE = {
    "NE": ["Northumbria Police", "Durham Constabulary", "Cleveland Police"],
    "NW": ["Cheshire Constabulary", "Cumbria Constabulary", "Greater Manchester Police",
           "Lancashire Constabulary", "Merseyside Police"],
    "YH": ["West Yorkshire Police@yh-west-yorkshire", "South Yorkshire Police@yh-south-yorkshire",
           "Humberside Police@yh-humber", "North Yorkshire Police@yh-york-north-yorkshire"],
    "EM": ["Derbyshire Constabulary", "Leicestershire Police", "Lincolnshire Police",
           "Northamptonshire Police", "Nottinghamshire Police"],
    "WM": ["Staffordshire Police", "Warwickshire Police", "West Mercia Police",
           "West Midlands Police"],
    "EE": ["Bedfordshire Police", "Cambridgeshire Constabulary", "Essex Police",
           "Hertfordshire Constabulary", "Norfolk Constabulary", "Suffolk Constabulary"],
    "LON": ["Metropolitan Police Service", "City of London Police"],
    "SE": ["Hampshire and Isle of Wight Constabulary", "Kent Police", "Surrey Police",
           "Sussex Police", "Thames Valley Police"],
    "SW": ["Avon and Somerset Police", "Devon and Cornwall Police", "Dorset Police",
           "Gloucestershire Constabulary", "Wiltshire Police"],
    "SCO": ["Police Scotland"],
    "WAL": ["Dyfed-Powys Police", "Gwent Police", "North Wales Police", "South Wales Police"],
    "NI": ["Police Service of Northern Ireland"],
}  # fmt: skip
FIRE = {
    "NE": ["Tyne and Wear", "County Durham and Darlington", "Cleveland", "Northumberland"],
    "NW": ["Greater Manchester", "Merseyside", "Lancashire", "Cheshire", "Cumbria"],
    "YH": ["West Yorkshire@yh-west-yorkshire", "South Yorkshire@yh-south-yorkshire",
           "Humberside@yh-humber", "North Yorkshire@yh-york-north-yorkshire"],
    "EM": ["Derbyshire", "Nottinghamshire", "Leicestershire", "Lincolnshire"],
    "WM": ["West Midlands", "Staffordshire", "Hereford and Worcester", "Shropshire"],
    "EE": ["Bedfordshire", "Cambridgeshire", "Essex", "Hertfordshire", "Norfolk", "Suffolk"],
    "LON": ["London"],
    "SE": ["Kent", "East Sussex", "West Sussex", "Surrey", "Hampshire and Isle of Wight",
           "Royal Berkshire", "Oxfordshire", "Buckinghamshire"],
    "SW": ["Avon", "Devon and Somerset", "Dorset and Wiltshire", "Gloucestershire", "Cornwall"],
    "SCO": ["Scottish"],
    "WAL": ["North Wales", "Mid and West Wales", "South Wales"],
    "NI": ["Northern Ireland"],
}  # fmt: skip
UNIVERSITIES = {
    "NE": ["Newcastle University", "Northumbria University", "Durham University",
           "University of Sunderland", "Teesside University"],
    "NW": ["University of Manchester", "Manchester Metropolitan University",
           "University of Salford", "University of Liverpool", "Liverpool John Moores University",
           "Lancaster University", "University of Central Lancashire", "University of Bolton",
           "Edge Hill University", "University of Chester", "University of Cumbria"],
    "YH": ["University of Leeds", "Leeds Beckett University", "University of Bradford",
           "University of Huddersfield", "University of Sheffield", "Sheffield Hallam University",
           "University of York", "York St John University", "University of Hull",
           "Leeds Trinity University"],
    "EM": ["University of Nottingham", "Nottingham Trent University", "University of Leicester",
           "De Montfort University", "Loughborough University", "University of Derby",
           "University of Lincoln", "University of Northampton"],
    "WM": ["University of Birmingham", "Aston University", "Birmingham City University",
           "University of Warwick", "Coventry University", "Keele University",
           "Staffordshire University", "University of Wolverhampton", "University of Worcester"],
    "EE": ["University of Cambridge", "Anglia Ruskin University", "University of East Anglia",
           "University of Essex", "University of Hertfordshire", "University of Bedfordshire",
           "University of Suffolk"],
    "LON": ["University College London", "King's College London", "Imperial College London",
            "London School of Economics and Political Science", "Queen Mary University of London",
            "SOAS University of London", "Goldsmiths, University of London",
            "Birkbeck, University of London", "University of Westminster",
            "University of East London", "London Metropolitan University", "Middlesex University",
            "University of Greenwich", "Kingston University", "London South Bank University"],
    "SE": ["University of Oxford", "Oxford Brookes University", "University of Reading",
           "University of Southampton", "University of Portsmouth", "University of Sussex",
           "University of Brighton", "University of Kent", "Canterbury Christ Church University",
           "University of Surrey", "University of Chichester"],
    "SW": ["University of Bristol", "University of the West of England", "University of Bath",
           "Bath Spa University", "University of Exeter", "University of Plymouth",
           "Bournemouth University", "University of Gloucestershire"],
    "SCO": ["University of Glasgow", "University of Edinburgh", "University of Aberdeen",
            "University of Dundee", "University of St Andrews", "University of Strathclyde",
            "Glasgow Caledonian University", "Edinburgh Napier University",
            "Heriot-Watt University", "University of Stirling",
            "University of the West of Scotland"],
    "WAL": ["Cardiff University", "Swansea University", "Bangor University",
            "Aberystwyth University", "Cardiff Metropolitan University",
            "University of South Wales", "Wrexham University"],
    "NI": ["Queen's University Belfast", "Ulster University"],
}  # fmt: skip
REGIONAL_BODIES = (
    ("health", HEALTH, "O-HLT-", ["Designated nurse for looked-after children",
                                  "Asylum health lead", "Public health consultant"]),
    ("police", POLICE, "O-POL-", ["Community cohesion inspector", "Modern slavery coordinator",
                                  "Partnership sergeant"]),
    ("education", UNIVERSITIES, "O-EDU-", ["Sanctuary scholarships lead", "Migration researcher"]),
)  # fmt: skip
PROVIDERS = {"MEARS": "Mears Group", "SERCO": "Serco", "CRH": "Clearsprings Ready Homes"}
PROVIDER_TITLES = ["National contract director", "Stakeholder engagement manager"]
#: UK-wide organisations, in the order they are written: (org_id, name, sector, parent
#: organisation, people, their job titles; "Officer" for the rest).
UK_BODIES = (
    ("O-HO", "Home Office", "central_government", None, 12, HOME_OFFICE_TITLES),
    ("O-UKVI", "UK Visas and Immigration", "central_government", "O-HO", 3,
     ["Asylum casework liaison manager"]),
    ("O-DWP", "Department for Work and Pensions", "central_government", None, 3,
     ["Migrant employment policy lead"]),
    ("O-DFE", "Department for Education", "central_government", None, 3, ["UASC policy adviser"]),
    ("O-MHCLG", "Ministry of Housing, Communities and Local Government", "central_government",
     None, 3, ["Homes for Ukraine policy lead"]),
    ("O-UKHSA", "UK Health Security Agency", "health", None, 2, ["Migrant health adviser"]),
    ("O-IASC", "Independent Anti-Slavery Commissioner", "other_statutory", None, 2,
     ["Policy and engagement officer"]),
    ("O-MEARS", PROVIDERS["MEARS"], "private_provider", None, 2, PROVIDER_TITLES),
    ("O-SERCO", PROVIDERS["SERCO"], "private_provider", None, 2, PROVIDER_TITLES),
    ("O-CRH", PROVIDERS["CRH"], "private_provider", None, 2, PROVIDER_TITLES),
    ("O-MH", "Migrant Help", "vcs", None, 1, ["Director of asylum services"]),
    ("O-TUC", "Trades Union Congress", "trade_union", None, 2,
     ["National migration policy officer"]),
    ("O-UNISON", "UNISON", "trade_union", None, 1, ["National equality officer"]),
)  # fmt: skip
TUC_REGIONS = {
    "NE": ("O-TUC-NE", "Northern TUC", "E12000001"),
    "NW": ("O-TUC-NW", "North West TUC", "E12000002"),
    "YH": ("O-TUC-YH", "Yorkshire and the Humber TUC", "E12000003"),
    "EM": ("O-TUC-MID", "Midlands TUC", "E12000005"),
    "WM": ("O-TUC-MID", "Midlands TUC", "E12000005"),
    "EE": ("O-TUC-SERTUC", "Southern and Eastern Region TUC", "E12000007"),
    "LON": ("O-TUC-SERTUC", "Southern and Eastern Region TUC", "E12000007"),
    "SE": ("O-TUC-SERTUC", "Southern and Eastern Region TUC", "E12000007"),
    "SW": ("O-TUC-SW", "South West TUC", "E12000009"),
    "WAL": ("O-TUC-WAL", "Wales TUC Cymru", "W92000004"),
    "SCO": ("O-STUC", "Scottish Trades Union Congress", "S92000003"),
    "NI": ("O-ICTU-NI", "Irish Congress of Trade Unions Northern Ireland Committee", "N92000002"),
}
VCS_TEMPLATES = [
    "{p} Refugee Support", "{p} Asylum Seeker Support Group", "{p} Migrant Community Network",
    "{p} Welcome Project", "{p} Refugee Women's Group", "{p} Destitution Network",
    "{p} Migrant Advice Centre", "{p} Interfaith Forum", "{p} English Conversation Club",
    "{p} Migrant Health Project", "{p} Refugee Youth", "{p} City of Sanctuary",
    "{p} Community Law Service", "{p} New Arrivals Drop-in", "{p} Refugee Befriending Scheme",
]  # fmt: skip
REGIONAL_VCS = ["{r} Refugee Forum", "{r} Migrant Rights Network", "{r} Asylum Advice Partnership"]
REGIONAL_OTHER = [
    "{r} Employers' Migration Network",
    "{r} Housing Associations' Partnership",
    "{r} Interpreting Cooperative",
    "{r} Growers' Association",
]
SHORT_PLACE = {
    "Kingston upon Hull, City of": "Hull", "Bristol, City of": "Bristol",
    "Herefordshire, County of": "Herefordshire", "City of Edinburgh": "Edinburgh",
    "Glasgow City": "Glasgow", "Aberdeen City": "Aberdeen", "Dundee City": "Dundee",
    "Bournemouth, Christchurch and Poole": "BCP",
    "Armagh City, Banbridge and Craigavon": "Armagh, Banbridge and Craigavon",
    "Newry, Mourne and Down": "Newry, Mourne and Down",
}  # fmt: skip
COUNCIL_NAME = {
    "Kingston upon Hull, City of": "Hull City Council",
    "Bristol, City of": "Bristol City Council",
    "Herefordshire, County of": "Herefordshire Council",
    "City of London": "City of London Corporation",
    "Na h-Eileanan Siar": "Comhairle nan Eilean Siar",
}


def add_years(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years)


def term_end(start: dt.date) -> dt.date:
    """A one-year term: start + 1 year - 1 day."""
    return add_years(start, 1) - dt.timedelta(days=1)


class NameBank:
    """Unique fictional full names with example.org emails and drama-range phones."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used = set(AVOID_NAMES)
        numbers = [f"01632 960{n:03d}" for n in range(1000)]
        numbers += [f"07700 900{n:03d}" for n in range(1000)]
        rng.shuffle(numbers)
        self.phones = numbers

    def person(self) -> tuple[str, str, str | None]:
        while True:
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            name = f"{first} {last}"
            if name not in self.used:
                break
        self.used.add(name)
        email = f"{email_part(first)}.{email_part(last)}@example.org"
        phone = self.phones.pop() if self.phones and self.rng.random() < 0.36 else None
        return name, email, phone


def region_of_code(code: str, hexes: dict) -> str:
    region = hexes[code]["region"]
    return next(r.key for r in REGIONS if r.code == region)


class SampleNetwork:
    """Builds the tables row by row, keeping the indexes the builders need."""

    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.names = NameBank(self.rng)
        self.rows: dict[str, list[dict]] = {name: [] for name in COLUMNS}
        self.area_type: dict[str, str] = {}
        self.area_name: dict[str, str] = {}
        self.area_parent: dict[str, str | None] = {}
        self.la_region: dict[str, str] = {}
        self.org_sector: dict[str, str] = {}
        self.org_name: dict[str, str] = {}
        self.org_by_name: dict[str, str] = {}
        self.rep_groups: dict[str, list[str]] = {}
        self.counters: dict[str, int] = defaultdict(int)
        self.staff: dict[str, list[str]] = defaultdict(list)
        self.person_org: dict[str, str | None] = {}
        # Regional-level people by region and sector ("asylum_support" for Migrant Help).
        self.pool: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        # People of organisations based in one council area, by kind.
        self.local: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.groups: dict[str, dict] = {}
        self.members: dict[str, set[str]] = defaultdict(set)
        self.seats: set[tuple[str, str]] = set()
        self.reserved: set[str] = set()
        self.key: dict[str, str] = {}
        self.smp: dict[str, list[str]] = {}
        self.ho: dict[str, list[str]] = {}
        self.cycle = Cycle()  # synth.cycle.add_rep_cycle: the rounds and rules added

    # --- rows ---------------------------------------------------------------------------

    def add_area(self, area_id: str, name: str, type_: str, parent: str | None) -> None:
        self.rows["areas"].append(
            {"area_id": area_id, "name": name, "type": type_, "parent_id": parent}
        )
        self.area_type[area_id], self.area_name[area_id] = type_, name
        self.area_parent[area_id] = parent

    def add_org(
        self,
        org_id: str,
        name: str,
        sector: str,
        area: str | None = None,
        parent: str | None = None,
    ) -> str:
        self.rows["organisations"].append(
            {
                "org_id": org_id,
                "name": name,
                "sector": sector,
                "area_id": area,
                "parent_org_id": parent,
            }
        )
        self.org_sector[org_id], self.org_name[org_id] = sector, name
        self.org_by_name[name] = org_id
        return org_id

    def add_person(self, org_id: str | None, title: str) -> str:
        pid = f"P-{len(self.rows['people']) + 1:05d}"
        name, email, phone = self.names.person()
        self.rows["people"].append(
            {
                "person_id": pid,
                "name": name,
                "org_id": org_id,
                "job_title": title,
                "email": email,
                "phone": phone,
            }
        )
        self.person_org[pid] = org_id
        if org_id:
            self.staff[org_id].append(pid)
        return pid

    def hire(self, org_id: str, count: int, titles: list[str] | None = None) -> list[str]:
        titles = titles or []
        return [
            self.add_person(org_id, titles[i] if i < len(titles) else "Officer")
            for i in range(count)
        ]

    def add_group(
        self,
        group_id: str,
        name: str,
        level: str,
        kind: str,
        area: str | None,
        host: str | None,
        workstreams: list[str],
        per_year: int | None,
        confidential: bool = False,
        notes: str | None = None,
    ) -> str:
        row = {
            "group_id": group_id,
            "name": name,
            "level": level,
            "kind": kind,
            "area_id": area,
            "host_org_id": host,
            "workstreams": ";".join(workstreams) or None,
            "meetings_per_year": per_year,
            "confidential": confidential,
            "notes": notes,
        }
        self.rows["groups"].append(row)
        self.groups[group_id] = row
        return group_id

    def member(
        self,
        person: str,
        group: str,
        role: str = "member",
        selection: str | None = "appointed",
        start: dt.date | None = None,
        end: dt.date | None = None,
        area: str | None = None,
    ) -> None:
        """One membership row; a second seat of a non-rep in the same group is skipped."""
        if role != "vcs_rep":
            if (person, group) in self.seats:
                return
            self.seats.add((person, group))
        self.rows["memberships"].append(
            {
                "person_id": person,
                "group_id": group,
                "role": role,
                "represents_area_id": area,
                "selection": selection,
                "start_date": start,
                "end_date": end,
            }
        )
        self.members[group].add(person)

    def line(
        self,
        source: str,
        target: str,
        kind: str = "feeds_into",
        two_way: bool = True,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> None:
        self.rows["reporting_lines"].append(
            {
                "from_group_id": source,
                "to_group_id": target,
                "kind": kind,
                "two_way": two_way,
                "start_date": start,
                "end_date": end,
            }
        )

    # --- random helpers -------------------------------------------------------------------

    def past_start(self) -> dt.date | None:
        """A plausible joining date, or blank (member since before records began)."""
        if self.rng.random() < 0.35:
            return None
        return dt.date(2019, 1, 1) + dt.timedelta(days=self.rng.randrange(0, 6 * 365))

    def pick(self, people: list[str], count: int, exclude: set[str] | None = None) -> list[str]:
        blocked = (exclude or set()) | self.reserved
        choices = [p for p in people if p not in blocked]
        return self.rng.sample(choices, min(count, len(choices)))

    def one(self, region: str, sector: str, exclude: set[str] | None = None) -> str:
        found = self.pick(self.pool[region][sector], 1, exclude)
        if not found:
            raise RuntimeError(f"no {sector} person left in region {region}")
        return found[0]

    def fill(
        self,
        group: str,
        people: list[str],
        count: int,
        exclude: set[str] | None = None,
        roles: tuple[str, ...] = ("member",),
    ) -> None:
        for person in self.pick(people, count, exclude):
            selection = self.rng.choice(["appointed", "appointed", None, "co_opted", "nominated"])
            self.member(person, group, self.rng.choice(roles), selection, self.past_start())

    def lead(self, council_code: str, index: int = 0) -> str:
        return self.staff[f"O-{council_code}"][index]


# --- Areas and organisations ----------------------------------------------------------------


def build_areas(net: SampleNetwork, hexes: dict) -> list[str]:
    """Nations, regions, Yorkshire's sub-regions and every council; returns council codes."""
    for code, name in NATIONS.items():
        net.add_area(code, name, "nation", None)
    for region in REGIONS:
        if region.code.startswith("E12"):
            net.add_area(region.code, region.name, "region", ENGLAND)
    for slug, (name, _stem, _codes) in SUB_REGIONS.items():
        net.add_area(slug, name, "sub_region", REGION["YH"].code)
    sub_region_of = {code: slug for slug, (_n, _s, codes) in SUB_REGIONS.items() for code in codes}
    councils = []
    for old_code in sorted(hexes, key=lambda c: CODE_CHANGES.get(c, (c,))[0]):
        code = CODE_CHANGES.get(old_code, (old_code,))[0]
        parent = sub_region_of.get(code, hexes[old_code]["region"])
        net.add_area(code, hexes[old_code]["n"], "local_authority", parent)
        net.la_region[code] = region_of_code(old_code, hexes)
        councils.append(code)
    return councils


def place(name: str) -> str:
    return SHORT_PLACE.get(name, name)


def region_area(region: Region, spec: str) -> tuple[str, str]:
    """Split ``"Name@area"`` specs; the area defaults to the region."""
    name, _, area = spec.partition("@")
    return name, area or region.code


def build_organisations(net: SampleNetwork, councils: list[str]) -> None:
    """Every organisation and its people: UK-wide bodies, councils, regional bodies and
    the local VCS."""
    rng = net.rng
    for org_id, name, sector, parent, count, titles in UK_BODIES:
        net.add_org(org_id, name, sector, parent=parent)
        net.hire(org_id, count, titles)
    for org_id, name in [
        ("O-BRC", "British Red Cross"),
        ("O-RC", "Refugee Council"),
        ("O-SRC", "Scottish Refugee Council"),
    ]:
        area = "S92000003" if org_id == "O-SRC" else None
        net.add_org(org_id, name, "vcs", area)
        for pid in net.hire(org_id, 2, ["Head of policy", "Regional services manager"]):
            if area:
                net.pool["SCO"]["vcs"].append(pid)
    for org_id, name, area in LG_BODIES:
        net.add_org(org_id, name, "local_government", area)
        net.hire(org_id, 3 if org_id == "O-LGA" else 2, ["Migration policy adviser"])
    for code in councils:
        build_council(net, code)
    for region in REGIONS:
        build_regional_orgs(net, region)
    for code in councils:
        build_local_vcs(net, code, rng)


def build_council(net: SampleNetwork, code: str) -> None:
    region = net.la_region[code]
    name = net.area_name[code]
    org = net.add_org(
        f"O-{code}", COUNCIL_NAME.get(name, f"{name} Council"), "local_government", code
    )
    has_forum = code in FORUMS[region].values()
    count = 10 if region == "YH" else 7 if has_forum else 4
    staff = net.hire(org, count, COUNCIL_TITLES)
    net.local[code]["council"] = staff[4:]
    if has_forum:
        college = net.add_org(
            f"O-{code}-AL", f"{place(name)} Adult Learning Service", "education", code, org
        )
        net.local[code]["education"] = net.hire(college, 2, ["ESOL tutor", "Curriculum manager"])


def build_local_vcs(net: SampleNetwork, code: str, rng: random.Random) -> None:
    region = net.la_region[code]
    count = rng.randint(5, 7) if region == "YH" else rng.randint(2, 4)
    templates = ["{p} Council for Voluntary Service", *rng.sample(VCS_TEMPLATES, count - 1)]
    for template in templates:
        org = net.add_org(
            numbered(net, "O-VCS-", 4), template.format(p=place(net.area_name[code])), "vcs", code
        )
        staff = rng.choice([1, 2, 2, 3, 3, 4]) if region == "YH" else rng.choice([1, 1, 2, 2, 3])
        net.local[code]["vcs"] += net.hire(
            org, staff, ["Project coordinator", "Caseworker", "Volunteer coordinator", "Trustee"]
        )


def numbered(net: SampleNetwork, prefix: str, width: int = 3) -> str:
    net.counters[prefix] += 1
    return f"{prefix}{net.counters[prefix]:0{width}d}"


def build_regional_orgs(net: SampleNetwork, region: Region) -> None:
    """Organisations working at regional level, and their people in ``net.pool``."""
    build_regional_teams(net, region)
    build_regional_partners(net, region)
    build_regional_bodies(net, region)
    net.key[f"lived_{region.key}"] = net.add_person(None, "Independent member (lived experience)")


def build_regional_teams(net: SampleNetwork, region: Region) -> None:
    """The partnership's own team, the Home Office regional team and Jobcentre Plus."""
    rk, pool = region.key, net.pool[region.key]
    host = region.host
    team = net.add_org(f"O-SMP-{rk}", region.partnership, "local_government", region.code, host)
    net.smp[rk] = net.hire(
        team, 13 if rk == "YH" else 6, YH_TEAM_TITLES if rk == "YH" else SMP_TEAM_TITLES
    )
    ho = net.add_org(
        f"O-HO-{rk}",
        f"Home Office Regional Engagement Team – {region.name}",
        "central_government",
        region.code,
        "O-HO",
    )
    titles = YH_HOME_OFFICE_TITLES if rk == "YH" else REGIONAL_HOME_OFFICE_TITLES
    net.ho[rk] = net.hire(ho, len(titles), titles)
    pool["central_government"] += net.ho[rk][2:] if rk != "YH" else net.ho[rk][5:]
    dwp = net.add_org(
        f"O-DWP-{rk}",
        f"DWP Jobcentre Plus – {region.name}",
        "central_government",
        region.code,
        "O-DWP",
    )
    pool["migrant_workers"] += net.hire(dwp, 3, ["Partnership manager", "Work coach"])


def build_regional_partners(net: SampleNetwork, region: Region) -> None:
    """Devolved government, county councils, the accommodation provider, Migrant Help and
    the trade unions of the region."""
    rk, pool = region.key, net.pool[region.key]
    if rk in DEVOLVED:
        org_id, name = DEVOLVED[rk]
        net.add_org(org_id, name, "devolved_government", region.code)
        pool["devolved_government"] += net.hire(org_id, 4, ["Migration policy team leader"])
    for name in COUNTY_COUNCILS.get(rk, []):
        org = net.add_org(
            f"O-CC-{name.upper().replace(' ', '-')}",
            f"{name} County Council",
            "local_government",
            region.code,
        )
        pool["county"] += net.hire(org, 3, ["UASC service manager", "Refugee resettlement lead"])
    provider = f"O-{region.provider}"
    org = net.add_org(
        f"{provider}-{rk}",
        f"{PROVIDERS[region.provider]} – {region.name}",
        "private_provider",
        region.code,
        provider,
    )
    pool["private_provider"] += net.hire(
        org, 4, ["Regional contract manager", "Housing officer", "Welfare officer"]
    )
    pool["asylum_support"] += net.hire(
        "O-MH", 2, [f"Partnership manager ({region.name})", f"Advice services lead ({region.name})"]
    )
    tuc_id, tuc_name, tuc_area = TUC_REGIONS[rk]
    if tuc_id not in net.org_sector:
        parent = "O-TUC" if tuc_id.startswith("O-TUC-") else None
        net.add_org(tuc_id, tuc_name, "trade_union", tuc_area, parent)
        net.hire(tuc_id, 3, ["Regional secretary", "Policy officer", "Organiser"])
    pool["migrant_workers"] = net.staff[tuc_id] + pool["migrant_workers"]
    unison = net.add_org(
        f"O-UNISON-{rk}", f"UNISON {region.name}", "trade_union", region.code, "O-UNISON"
    )
    pool["trade_union"] += net.hire(unison, 2, ["Regional organiser"])


def build_regional_bodies(net: SampleNetwork, region: Region) -> None:
    """Health bodies, police forces, universities, fire services, regional charities and
    other regional organisations, numbered."""
    rk, pool = region.key, net.pool[region.key]
    for sector, specs, prefix, titles in REGIONAL_BODIES:
        for spec in specs[rk]:
            name, area = region_area(region, spec)
            org = net.add_org(numbered(net, prefix), name, sector, area)
            pool[sector] += net.hire(org, len(titles), titles)
    for spec in FIRE[rk]:
        name, area = region_area(region, spec)
        org = net.add_org(
            numbered(net, "O-FRS-"), f"{name} Fire and Rescue Service", "other_statutory", area
        )
        pool["other_statutory"] += net.hire(org, 2, ["Community safety manager"])
    for template in REGIONAL_VCS:
        org = net.add_org(
            numbered(net, f"O-RVCS-{rk}-"), template.format(r=region.name), "vcs", region.code
        )
        pool["vcs"] += net.hire(org, 3, ["Director", "Policy officer", "Development worker"])
    for template in REGIONAL_OTHER:
        org = net.add_org(
            numbered(net, f"O-OTH-{rk}-"), template.format(r=region.name), "other", region.code
        )
        pool["other"] += net.hire(org, 2, ["Chief executive", "Partnerships manager"])


# --- VCS representatives ------------------------------------------------------------------

# Areas with no rep at all (coverage reason no_rep).
NO_REP = ("E06000011", "E06000057", "E06000053", "E09000001", "S12000023", "E06000017")
# Hand-made term histories: (who, first day, selection). "A", "B" are different people
# of the area's VCS; "COUNCIL" is a member of the council's staff (not a VCS org).
SPECIAL_TERMS: dict[str, list[tuple[str, str, str]]] = {
    "E08000032": [("A", "2024-04-10", "elected"), ("A", "2025-04-10", "elected"),
                  ("B", "2026-10-12", "elected")],
    "E08000023": [("A", "2025-02-01", "elected")],
    "E08000036": [("A", "2026-10-15", "elected")],
    "E08000018": [("A", "2025-04-07", "elected"), ("B", "2026-04-07", "nominated")],
    "E08000017": [("A", "2025-04-14", "elected"), ("COUNCIL", "2026-04-14", "elected")],
    "E08000033": [("A", "2024-10-01", "elected"), ("A", "2025-10-01", "elected")],
    "E08000035": [("A", "2024-09-30", "elected"), ("A", "2025-09-30", "elected"),
                  ("A", "2026-09-30", "elected")],
    "E08000039": [("A", "2024-11-15", "elected"), ("A", "2025-11-15", "elected")],
    "E06000014": [("A", "2025-12-06", "elected")],
    "E06000001": [("A", "2024-11-01", "elected"), ("A", "2025-11-01", "elected")],
    "W06000015": [("A", "2025-10-21", "elected")],
    "S12000049": [("A", "2024-12-16", "elected"), ("B", "2025-12-16", "elected")],
}  # fmt: skip
SHARED_REP = ("E06000012", "E06000013")  # one person represents both


@dataclass(frozen=True)
class Term:
    person: str
    start: dt.date
    end: dt.date
    selection: str = "elected"


def plan_reps(net: SampleNetwork, councils: list[str]) -> dict[str, list[Term]]:
    """Every council's rep terms: one-year terms, most renewed, with a few gaps."""
    rng = net.rng
    plan: dict[str, list[Term]] = {}
    for code in councils:
        if code in NO_REP or code == SHARED_REP[1]:
            continue
        people = [p for p in net.local[code]["vcs"] if p not in net.reserved]
        rng.shuffle(people)
        if code in SPECIAL_TERMS:
            who = {"A": people[0], "B": people[1], "COUNCIL": net.staff[f"O-{code}"][-1]}
            plan[code] = [
                Term(who[w], start, term_end(start), selection)
                for w, day, selection in SPECIAL_TERMS[code]
                for start in [dt.date.fromisoformat(day)]
            ]
        else:
            plan[code] = routine_terms(rng, net.la_region[code], people)
        net.reserved.update(t.person for t in plan[code])
    plan[SHARED_REP[1]] = list(plan[SHARED_REP[0]])
    return plan


def routine_terms(rng: random.Random, region: str, people: list[str]) -> list[Term]:
    """A current term that started in 2026 (before the as-of date) and its history."""
    if region == "YH":
        start = dt.date(2026, 4, rng.randint(1, 28))
    else:
        month = rng.randint(1, 7)
        start = dt.date(2026, month, rng.randint(15 if month == 1 else 1, 28))
    person = people[0]
    terms = [Term(person, start, term_end(start))]
    for years_back in range(1, rng.choice([1, 2, 2, 3])):
        if rng.random() < 0.25 and len(people) > years_back:
            person = people[years_back]
        begin = add_years(start, -years_back)
        terms.append(Term(person, begin, term_end(begin)))
    return sorted(terms, key=lambda t: t.start)


def seat_reps(net: SampleNetwork, plan: dict[str, list[Term]]) -> None:
    for code in sorted(plan):
        for term in plan[code]:
            for group in net.rep_groups[code]:
                net.member(
                    term.person, group, "vcs_rep", term.selection, term.start, term.end, code
                )


# --- Groups ---------------------------------------------------------------------------------

NATIONAL = {
    "G-NAT-NASF": ("National Asylum Stakeholder Forum", "O-HO", ["asylum", "uasc", "resettlement"],
                   4, False),
    "G-NAT-NTS": ("National Transfer Scheme Board", "O-HO", ["uasc"], 6, True),
    "G-NAT-HORO": ("Home Office Resettlement Operational Board", "O-HO",
                   ["resettlement", "ukraine", "hong_kong_bno"], 4, True),
    "G-NAT-SMPN": ("SMP National Network", "O-LGA", list(STREAMS), 6, False),
    "G-NAT-MWF": ("National Migrant Workers Forum", "O-TUC", ["migrant_workers"], 3, False),
}  # fmt: skip

# Deliberate flow gaps (see GAPS.md).
SOLE_CARRIER_FORUMS = {"DAR"}  # only the council lead sits on forum and regional group
LAPSED_CARRIER_FORUMS = {"SUN"}  # the lead's regional seat ended on 2026-06-30
LAPSED_ON = dt.date(2026, 6, 30)
FORUMS_TO_NATIONAL = {"CRO": "G-NAT-NASF"}  # skips the regional level
UNLINKED_FORUMS = {"EXE"}  # no reporting line at all
SMG_MISSING_SECTOR = {"NW": "police", "SW": "education"}
# Partner sectors (pool keys) of strategic groups and boards, besides councils, TUC, DWP and
# the Home Office; and of local forums, besides the council and the local VCS.
STRATEGIC_SECTORS = ("private_provider", "asylum_support", "police", "health", "health",
                     "education", "vcs", "vcs", "vcs", "other_statutory")  # fmt: skip
FORUM_PARTNER_SECTORS = ("police", "health", "private_provider", "asylum_support",
                         "other_statutory", "central_government", "trade_union")  # fmt: skip
EMPTY_GROUP = "G-NW-HK"
DISENGAGED_ORG = "O-DFE"


def build_national(net: SampleNetwork) -> None:
    for gid, (name, host, streams, per_year, confidential) in NATIONAL.items():
        net.add_group(
            gid, name, "national", "national_body", None, host, streams, per_year, confidential
        )
    ho = net.staff["O-HO"]
    seats = [
        (ho[0], "G-NAT-NASF", "chair"),
        (ho[1], "G-NAT-NASF", "member"),
        (ho[5], "G-NAT-NASF", "member"),
        (ho[2], "G-NAT-NASF", "member"),
        (net.staff["O-UKVI"][0], "G-NAT-NASF", "member"),
        (net.staff["O-MH"][0], "G-NAT-NASF", "member"),
        (net.staff["O-BRC"][0], "G-NAT-NASF", "member"),
        (net.staff["O-RC"][0], "G-NAT-NASF", "member"),
        (net.staff["O-MEARS"][0], "G-NAT-NASF", "member"),
        (net.staff["O-SERCO"][0], "G-NAT-NASF", "member"),
        (net.staff["O-CRH"][0], "G-NAT-NASF", "member"),
        (net.staff["O-LGA"][0], "G-NAT-NASF", "member"),
        (net.staff["O-UKHSA"][0], "G-NAT-NASF", "advisor"),
        (net.staff["O-LGA"][1], "G-NAT-SMPN", "chair"),
        (ho[1], "G-NAT-SMPN", "member"),
        (net.staff["O-LGA"][2], "G-NAT-SMPN", "secretariat"),
        (ho[3], "G-NAT-NTS", "chair"),
        (ho[6], "G-NAT-NTS", "member"),
        (ho[4], "G-NAT-HORO", "chair"),
        (ho[7], "G-NAT-HORO", "member"),
        (net.staff["O-MHCLG"][0], "G-NAT-HORO", "observer"),
        (net.staff["O-TUC"][0], "G-NAT-MWF", "chair"),
        (net.staff["O-TUC"][1], "G-NAT-MWF", "secretariat"),
        (net.staff["O-DWP"][0], "G-NAT-MWF", "member"),
        (net.staff["O-UNISON"][0], "G-NAT-MWF", "member"),
    ]
    for person, group, role in seats:
        net.member(person, group, role, "appointed", net.past_start())
    net.key["ho_intake_officer"] = ho[2]


def council_codes(net: SampleNetwork, region: str) -> list[str]:
    return [code for code, rk in net.la_region.items() if rk == region]


def region_people(net: SampleNetwork, region: str) -> list[str]:
    people: list[str] = []
    for code in council_codes(net, region):
        people += net.staff[f"O-{code}"]
        for kind in ("vcs", "education"):
            people += net.local[code][kind]
    for sector in sorted(net.pool[region]):
        people += net.pool[region][sector]
    return list(dict.fromkeys(people))


def staff_of(net: SampleNetwork, name: str, index: int = 0) -> str:
    return net.staff[net.org_by_name[name]][index]


def add_sector_members(
    net: SampleNetwork, group: str, region: Region, skip: str | None = None,
    exclude: set[str] | None = None,
) -> None:  # fmt: skip
    """The partner sectors a strategic group or board should have, one or two of each."""
    rk = region.key
    wanted = [*STRATEGIC_SECTORS, "devolved_government"] if rk in DEVOLVED else STRATEGIC_SECTORS
    for sector in wanted:
        if sector != skip:
            net.member(net.one(rk, sector, exclude), group, "member", "appointed", net.past_start())
    tuc = net.staff[TUC_REGIONS[rk][0]][0]
    net.member(tuc, group, "member", "nominated", net.past_start())
    net.member(net.staff[f"O-DWP-{rk}"][0], group, "member", "appointed", net.past_start())
    net.member(net.ho[rk][0], group, "advisor", "appointed", net.past_start())
    net.member(net.key[f"lived_{rk}"], group, "member", "co_opted", dt.date(2025, 6, 1))


def build_board(net: SampleNetwork, region: Region, chair: str, councils: list[str]) -> str:
    rk = region.key
    name = {"YH": "Migration Yorkshire Board", "EM": "East Midlands Regional Migration Board"}.get(
        rk, f"{region.partnership} Board"
    )
    board = net.add_group(
        f"G-{rk}-BRD",
        name,
        "regional",
        "partnership_board",
        region.code,
        f"O-SMP-{rk}",
        list(STREAMS),
        4,
    )
    net.member(chair, board, "chair", "elected", dt.date(2024, 5, 20))
    net.member(net.smp[rk][0], board, "secretariat", "appointed", net.past_start())
    for code in councils:
        councillor = net.lead(code, 1)
        if councillor != chair:
            net.member(councillor, board, "member", "nominated", net.past_start())
    add_sector_members(net, board, region)
    return board


def build_task_groups(net: SampleNetwork, region: Region, smg: str, forum_codes: list[str]) -> None:
    rng, rk = net.rng, region.key
    team = net.smp[rk]
    for code in REGION_TASK_GROUPS[rk]:
        stream, title = TASK_GROUPS[code]
        if rk == "EE":
            title = EE_TASK_TITLES.get(code, title)
        gid = f"G-{rk}-{code}"
        empty = gid == EMPTY_GROUP
        net.add_group(
            gid,
            f"{region.name} {title}",
            "regional",
            "task_group",
            region.code,
            f"O-SMP-{rk}",
            [stream],
            rng.choice([4, 4, 6]),
            code in ("UASC", "TRF"),
            "Set up in 2026; membership not yet recorded." if empty else None,
        )
        net.line(gid, smg, "reports_to", True, dt.date(2021, 4, 1) if code != "HK" else None)
        if code == "UASC":
            net.line(gid, "G-NAT-NTS", "advises", False)
        elif code == "RES":
            net.line(gid, "G-NAT-HORO", "advises", False)
        elif code == "MW":
            net.line(gid, "G-NAT-MWF", "advises", True)
        if empty:
            continue
        lead = team[(YH_TASK_LEAD if rk == "YH" else TASK_LEAD)[code]]
        net.member(lead, gid, "secretariat", "appointed", net.past_start())
        chair_council = rng.choice(forum_codes)
        index = {"UASC": 2, "RES": 3, "HK": 3, "UKR": 3}.get(code, 0)
        chair = net.lead(chair_council, index)
        net.member(chair, gid, "chair", "elected", net.past_start())
        national = {"UASC": "G-NAT-NTS", "RES": "G-NAT-HORO", "MW": "G-NAT-MWF"}.get(code)
        if national:
            net.member(lead, national, "member", "appointed", net.past_start())
            net.member(chair, national, "member", "nominated", net.past_start())
        if code == "MW":
            tuc = net.staff[TUC_REGIONS[rk][0]][1]
            net.member(tuc, gid, "member", "nominated", net.past_start())
            net.member(tuc, "G-NAT-MWF", "member", "nominated", net.past_start())
        for other in rng.sample(forum_codes, min(3, len(forum_codes))):
            if other != chair_council:
                net.member(net.lead(other, index), gid, "member", "ex_officio", net.past_start())
        if code in ("UASC", "RES") and net.pool[rk]["county"]:
            net.fill(gid, net.pool[rk]["county"], 2)
        for sector in TASK_SECTORS[code]:
            net.fill(gid, net.pool[rk][sector], rng.randint(1, 3))
        local_vcs = [p for c in rng.sample(council_codes(net, rk), 4) for p in net.local[c]["vcs"]]
        net.fill(gid, local_vcs, rng.randint(4, 8))
        council_staff = [p for c in forum_codes for p in net.local[c]["council"]]
        net.fill(gid, council_staff, rng.randint(3, 5))
        if code == "ESOL":
            adult = [p for c in forum_codes for p in net.local[c]["education"]]
            net.fill(gid, adult, 3)


def build_networks(net: SampleNetwork, region: Region, smg: str, officer: str) -> str:
    """The VCS reps network, the VCS engagement day and the practitioners' network."""
    rng, rk = net.rng, region.key
    name = "Migration Yorkshire" if rk == "YH" else region.name
    vcsn = net.add_group(
        f"G-{rk}-VCSN",
        f"{name} VCS Representatives Network",
        "regional",
        "network",
        region.code,
        f"O-SMP-{rk}",
        list(STREAMS),
        8,
    )
    net.member(officer, vcsn, "secretariat", "appointed", dt.date(2021, 6, 1))
    net.member(net.smp[rk][1], vcsn, "member", "appointed", dt.date(2021, 6, 1))
    net.line(vcsn, smg, "feeds_into", True, dt.date(2021, 6, 1))
    event = net.add_group(
        f"G-{rk}-VCSE",
        f"{name} VCS Engagement Day",
        "regional",
        "engagement_event",
        region.code,
        f"O-SMP-{rk}",
        list(STREAMS),
        2,
    )
    net.member(officer, event, "secretariat", "appointed", dt.date(2022, 1, 1))
    net.line(event, vcsn, "feeds_into", False)
    vcs = [p for c in council_codes(net, rk) for p in net.local[c]["vcs"]] + net.pool[rk]["vcs"]
    for person in net.pick(vcs, int(len(vcs) * 0.75)):
        first = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randrange(0, 900))
        net.member(person, event, "member", None, first)
    practitioners = net.add_group(
        f"G-{rk}-PRN",
        f"{region.name} Migration Practitioners Network",
        "regional",
        "network",
        region.code,
        f"O-SMP-{rk}",
        list(STREAMS),
        None,
    )
    net.member(net.smp[rk][1], practitioners, "chair", "appointed", dt.date(2020, 9, 1))
    net.line(practitioners, smg, "feeds_into", True)
    for person in region_people(net, rk):
        if rng.random() < 0.7:
            net.member(person, practitioners, "member", None, net.past_start())
    return vcsn


def forum_group(net: SampleNetwork, stem: str, code: str) -> str:
    rng = net.rng
    streams = rng.sample(
        ["asylum", "resettlement", "nrpf", "esol", "uasc", "ukraine"], rng.randint(2, 4)
    )
    notes = {
        "EXE": "New forum (2026); its place in the regional structure is not yet agreed.",
        "CRO": "Reports directly to the National Asylum Stakeholder Forum (asylum intake).",
    }.get(stem)
    return net.add_group(
        f"G-{stem}-MAF",
        f"{place(net.area_name[code])} multi-agency forum",
        "local",
        "multi_agency_forum",
        code,
        f"O-{code}",
        [s for s in STREAMS if s in streams],
        rng.choice([4, 6, 6, 10, 12]),
        rng.random() < 0.3,
        notes,
    )


def fill_forum(
    net: SampleNetwork, forum: str, code: str, region: str, upper: list[str],
    officers: list[tuple[str, str]],
) -> None:  # fmt: skip
    """Chair, officers who carry information upwards, then local and regional members."""
    rng = net.rng
    exclude = set().union(*(net.members[g] for g in upper))
    net.member(net.lead(code), forum, "chair", "ex_officio", net.past_start())
    for person, role in officers:
        net.member(person, forum, role, "appointed", net.past_start())
    local = net.local[code]
    vice = net.pick(local["vcs"], 1, exclude)
    if vice:
        net.member(vice[0], forum, "vice_chair", "elected", dt.date(2025, 5, 1))
    net.fill(forum, local["council"], rng.randint(2, 4), exclude)
    net.fill(forum, local["vcs"], rng.randint(8, 16), exclude)
    net.fill(forum, local["education"], 2, exclude)
    for sector in FORUM_PARTNER_SECTORS:
        if rng.random() < 0.8:
            net.fill(
                forum, net.pool[region][sector], rng.randint(1, 2), exclude, ("member", "observer")
            )


def build_region(net: SampleNetwork, region: Region) -> None:
    """A partnership outside Yorkshire: strategic group, board, forums, task groups."""
    rng, rk = net.rng, region.key
    forums = FORUMS[rk]
    codes = council_codes(net, rk)
    chair_code = (
        region.host[2:] if region.host and region.host[2:] in codes else next(iter(forums.values()))
    )
    chair = net.lead(chair_code, 1)
    smg = build_strategic_group(net, region, chair_code, codes)
    board = build_board(net, region, chair, rng.sample(codes, min(10, len(codes))))
    net.line(smg, board, "reports_to", True, dt.date(2019, 4, 1))

    upper = [smg]
    if rk == "EE":
        upper = build_east_of_england(net, region, smg, list(forums.values()))
    vcsn = build_networks(net, region, smg, net.smp[rk][5])
    build_forums(net, region, upper, vcsn)
    for code in codes:
        net.rep_groups.setdefault(code, [vcsn])
    build_task_groups(net, region, smg, list(forums.values()))


def build_strategic_group(
    net: SampleNetwork, region: Region, chair_code: str, codes: list[str]
) -> str:
    """A partnership's Strategic Migration Group, chaired by the councillor of
    ``chair_code``, and its lines to the national bodies; returns its id."""
    rng, rk = net.rng, region.key
    team, ho = net.smp[rk], net.ho[rk]
    forums = FORUMS[rk]
    smg = net.add_group(
        f"G-{rk}-SMG",
        f"{region.name} Strategic Migration Group",
        "regional",
        "strategic_group",
        region.code,
        f"O-SMP-{rk}",
        list(STREAMS),
        rng.choice([3, 4]),
    )
    net.member(net.lead(chair_code, 1), smg, "chair", "elected", dt.date(2024, 5, 20))
    vice_code = next(c for c in forums.values() if c != chair_code)
    net.member(net.lead(vice_code, 1), smg, "vice_chair", "elected", dt.date(2024, 5, 20))
    for index, role in enumerate(
        ["secretariat", "member", "member", "advisor", "advisor", "member"]
    ):
        net.member(team[index], smg, role, "appointed", net.past_start())
    net.member(ho[1], smg, "member", "appointed", net.past_start())
    for stem, code in forums.items():
        if stem in LAPSED_CARRIER_FORUMS:
            net.member(net.lead(code), smg, "member", "ex_officio", dt.date(2021, 5, 1), LAPSED_ON)
        else:
            net.member(net.lead(code), smg, "member", "ex_officio", net.past_start())
    others = [c for c in codes if c not in forums.values() and c not in NO_REP]
    for code in rng.sample(others, min(3, len(others))):
        net.member(net.lead(code), smg, "member", "ex_officio", net.past_start())
    if net.pool[rk]["county"]:
        net.fill(smg, net.pool[rk]["county"], 1)
    add_sector_members(net, smg, region, SMG_MISSING_SECTOR.get(rk))
    link_to_national(net, rk, smg)
    return smg


def link_to_national(net: SampleNetwork, rk: str, smg: str) -> None:
    """The strategic group's lines to the national forum and the national SMP network, and
    the team and Home Office people who carry them."""
    team, ho = net.smp[rk], net.ho[rk]
    for gid in ("G-NAT-NASF", "G-NAT-SMPN"):
        net.member(team[0], gid, "member", "appointed", net.past_start())
        net.line(smg, gid, "feeds_into", True, dt.date(2019, 4, 1))
    net.member(ho[0], "G-NAT-NASF", "member", "appointed", net.past_start())
    net.member(team[1], "G-NAT-SMPN", "member", "appointed", net.past_start())


def build_forums(net: SampleNetwork, region: Region, upper: list[str], vcsn: str) -> None:
    """The local multi-agency forums of a partnership outside Yorkshire, their lines to
    ``upper`` (or the deliberate exceptions) and the groups their VCS reps sit on."""
    rng, rk = net.rng, region.key
    team, ho = net.smp[rk], net.ho[rk]
    for stem, code in FORUMS[rk].items():
        forum = forum_group(net, stem, code)
        isolated = stem in SOLE_CARRIER_FORUMS | LAPSED_CARRIER_FORUMS
        officers = [] if isolated else [(team[2], "secretariat"), (ho[1], "advisor")]
        targets = [FORUMS_TO_NATIONAL[stem]] if stem in FORUMS_TO_NATIONAL else upper
        if stem == "CRO":
            officers.append((net.key["ho_intake_officer"], "advisor"))
        fill_forum(net, forum, code, rk, targets, officers)
        if stem not in UNLINKED_FORUMS:
            for target in targets:
                net.line(
                    forum,
                    target,
                    rng.choice(["feeds_into", "feeds_into", "reports_to"]),
                    True,
                    rng.choice([None, dt.date(2022, 4, 1), dt.date(2023, 9, 1)]),
                )
        net.rep_groups[code] = [forum, vcsn] if isolated else [forum, *upper, vcsn]


def build_east_of_england(
    net: SampleNetwork, region: Region, smg: str, forum_codes: list[str]
) -> list[str]:
    """East of England's local groups feed a Migrant Worker Steering Group and an
    Asylum and Refugee Reference Group, each with a route to a national body."""
    team = net.smp["EE"]
    mwsg = net.add_group(
        "G-EE-MWSG",
        "East of England Migrant Worker Steering Group",
        "regional",
        "task_group",
        region.code,
        "O-SMP-EE",
        ["migrant_workers"],
        4,
    )
    arrg = net.add_group(
        "G-EE-ARRG",
        "East of England Asylum and Refugee Reference Group",
        "regional",
        "reference_group",
        region.code,
        "O-SMP-EE",
        ["asylum", "resettlement", "uasc"],
        4,
    )
    tuc = net.staff[TUC_REGIONS["EE"][0]][2]
    for person, group, role in [
        (team[0], mwsg, "secretariat"),
        (team[2], mwsg, "member"),
        (tuc, mwsg, "chair"),
        (team[0], arrg, "secretariat"),
        (team[2], arrg, "member"),
        (net.ho["EE"][0], arrg, "advisor"),
        (team[0], "G-NAT-MWF", "member"),
        (tuc, "G-NAT-MWF", "member"),
    ]:
        net.member(person, group, role, "appointed", net.past_start())
    for code in forum_codes:
        net.member(net.lead(code), mwsg, "member", "ex_officio", net.past_start())
        net.member(net.lead(code), arrg, "member", "ex_officio", net.past_start())
    for sector in ("migrant_workers", "other", "other", "education", "vcs"):
        net.fill(mwsg, net.pool["EE"][sector], 1)
    for sector in ("private_provider", "asylum_support", "health", "police", "vcs", "vcs"):
        net.fill(arrg, net.pool["EE"][sector], 1)
    net.line(mwsg, "G-NAT-MWF", "feeds_into", True, dt.date(2018, 4, 1))
    net.line(arrg, "G-NAT-NASF", "feeds_into", True, dt.date(2018, 4, 1))
    net.line(mwsg, smg, "reports_to")
    net.line(arrg, smg, "reports_to")
    return [mwsg, arrg]


def build_yorkshire(net: SampleNetwork) -> None:
    """Yorkshire and the Humber in depth: SMG, board, four sub-regional groups, a forum per
    council, task groups for every workstream and VCS-led local groups."""
    region = REGION["YH"]
    forums = FORUMS["YH"]
    smg, chair = build_yorkshire_smg(net, region)
    board = build_board(net, region, chair, list(forums.values()))
    net.line(smg, board, "reports_to", True, dt.date(2019, 4, 1))
    shf_leader = build_sub_regional_groups(net, smg)
    vcsn = build_networks(net, region, smg, net.smp["YH"][11])
    bradford_carriers = build_yorkshire_forums(net, smg, vcsn)
    build_leeds_esol(net)
    build_sheffield_destitution(net, shf_leader)
    build_bradford_health(net, bradford_carriers)
    build_task_groups(net, region, smg, list(forums.values()))
    net.member(staff_of(net, "Independent Anti-Slavery Commissioner"), "G-YH-TRF", "advisor")
    net.member(net.staff["O-MHCLG"][1], "G-YH-UKR", "advisor")
    net.member(net.ho["YH"][5], "G-YH-RES", "advisor")


def build_yorkshire_smg(net: SampleNetwork, region: Region) -> tuple[str, str]:
    """Yorkshire's Strategic Migration Group and its lines to the national bodies; returns
    the group's id and its chair (the Leeds councillor)."""
    team, forums, lead = net.smp["YH"], FORUMS["YH"], net.lead
    smg = net.add_group(
        "G-YH-SMG",
        "Strategic Migration Group",
        "regional",
        "strategic_group",
        region.code,
        "O-SMP-YH",
        list(STREAMS),
        3,
    )
    chair = lead(forums["LDS"], 1)
    net.member(chair, smg, "chair", "elected", dt.date(2024, 5, 20))
    net.member(lead(forums["SHF"], 1), smg, "vice_chair", "elected", dt.date(2024, 5, 20))
    net.member(team[0], smg, "secretariat", "appointed", dt.date(2016, 4, 1))
    for person in team[1:11]:
        net.member(person, smg, "member", "appointed", net.past_start())
    for stem in ("LDS", "SHF", "NYO", "BRD"):
        net.member(lead(forums[stem]), smg, "member", "ex_officio", net.past_start())
    for stem in ("HUL", "KIR", "WAK", "DON"):
        net.member(lead(forums[stem], 1), smg, "member", "nominated", net.past_start())
    wy_police = staff_of(net, "West Yorkshire Police")
    net.member(wy_police, smg, "member", "appointed", dt.date(2023, 1, 9))
    for name in ("University of Leeds", "Sheffield Hallam University"):
        net.member(staff_of(net, name), smg, "member", "appointed", net.past_start())
    add_sector_members(net, smg, region)
    link_to_national(net, "YH", smg)
    return smg, chair


def build_sub_regional_groups(net: SampleNetwork, smg: str) -> str:
    """Yorkshire's four sub-regional groups, each reporting to the SMG; returns the
    Sheffield VCS leader who sits on South Yorkshire's."""
    team, ho, lead = net.smp["YH"], net.ho["YH"], net.lead
    smg_members = set(net.members[smg])
    shf_leader = net.pick(net.local[FORUMS["YH"]["SHF"]]["vcs"], 1)[0]
    net.reserved.add(shf_leader)
    # Humber's group shares only its coordinator with the SMG (see GAPS.md).
    free = {"G-HUM-SRG": smg_members}
    seats = sub_regional_seats(net, shf_leader, free)
    for slug, (name, stem, _codes) in SUB_REGIONS.items():
        gid = f"G-{stem}-SRG"
        chair_code, councils, partners = seats[gid]
        coordinator, officer = YH_SUB_REGIONAL_OFFICERS[gid]
        net.add_group(
            gid,
            f"{name} Sub-Regional Migration Group",
            "sub_regional",
            "sub_regional_group",
            slug,
            "O-SMP-YH",
            ["asylum", "uasc", "resettlement", "nrpf"],
            4,
            True,
        )
        net.member(lead(chair_code), gid, "chair", "ex_officio", net.past_start())
        net.member(team[coordinator], gid, "secretariat", "appointed", net.past_start())
        net.member(ho[officer], gid, "advisor", "appointed", net.past_start())
        for person in councils + partners:
            net.member(person, gid, "member", "appointed", net.past_start())
        for sector in ("private_provider", "asylum_support", "vcs"):
            net.fill(gid, net.pool["YH"][sector], 1, free.get(gid))
        net.line(gid, smg, "reports_to", True, dt.date(2020, 4, 1))
    net.key["humber_coordinator"] = team[YH_SUB_REGIONAL_OFFICERS["G-HUM-SRG"][0]]
    return shf_leader


def sub_regional_seats(
    net: SampleNetwork, shf_leader: str, free: dict[str, set[str]]
) -> dict[str, tuple[str, list[str], list[str]]]:
    """For each Yorkshire sub-regional group: the council whose lead chairs it, the
    councils' members and the partners' members (none of ``free[group]``)."""
    forums, lead = FORUMS["YH"], net.lead

    def staff(gid: str, name: str) -> str:
        return next(p for p in net.staff[net.org_by_name[name]] if p not in free.get(gid, ()))

    wy, sy, hum, yny = (f"G-{stem}-SRG" for stem in ("WY", "SY", "HUM", "YNY"))
    return {
        wy: (
            forums["LDS"],
            [lead(forums[s]) for s in ("BRD", "CAL", "WAK")] + [lead(forums["KIR"], 3)],
            [
                staff_of(net, "West Yorkshire Police"),
                staff(wy, "NHS West Yorkshire Integrated Care Board"),
                staff(wy, "West Yorkshire Fire and Rescue Service"),
            ],
        ),
        sy: (
            forums["SHF"],
            [lead(forums[s]) for s in ("BAR", "DON", "ROT")],
            [
                staff(sy, "South Yorkshire Police"),
                shf_leader,
                staff(sy, "NHS South Yorkshire Integrated Care Board"),
            ],
        ),
        hum: (
            forums["HUL"],
            [lead(forums[s]) for s in ("ERY", "NEL", "NLN")],
            [
                staff(hum, "Humberside Police"),
                staff(hum, "NHS Humber and North Yorkshire Integrated Care Board"),
                staff(hum, "Humberside Fire and Rescue Service"),
            ],
        ),
        yny: (
            forums["NYO"],
            [lead(forums["YRK"], 1)],
            [
                staff(yny, "North Yorkshire Police"),
                staff(yny, "NHS Humber and North Yorkshire Integrated Care Board"),
            ],
        ),
    }


def leeds_esol_leads(net: SampleNetwork) -> list[str]:
    """The Leeds council officer and adult-learning tutor who run the Leeds ESOL
    Partnership (and sit on the Leeds forum)."""
    code = FORUMS["YH"]["LDS"]
    return [net.lead(code, 5), net.local[code]["education"][0]]


def build_yorkshire_forums(net: SampleNetwork, smg: str, vcsn: str) -> list[str]:
    """A forum per Yorkshire council, feeding its sub-regional group; returns the two
    Bradford VCS people who sit on the Bradford forum and its health network."""
    rng, team, ho = net.rng, net.smp["YH"], net.ho["YH"]
    srg_of = {code: f"G-{stem}-SRG" for _n, stem, codes in SUB_REGIONS.values() for code in codes}
    extra = {"LDS": leeds_esol_leads(net)}
    bradford_carriers = net.pick(net.local[FORUMS["YH"]["BRD"]]["vcs"], 2)
    extra["BRD"] = bradford_carriers
    for stem, code in FORUMS["YH"].items():
        forum = forum_group(net, stem, code)
        srg = srg_of[code]
        coordinator, officer = YH_SUB_REGIONAL_OFFICERS[srg]
        officers = (
            []
            if stem in ("KIR", "YRK")
            else [(team[coordinator], "secretariat"), (ho[officer], "advisor")]
        )
        officers += [(person, "member") for person in extra.get(stem, [])]
        fill_forum(net, forum, code, "YH", [srg], officers)
        net.line(
            forum,
            srg,
            "feeds_into",
            True,
            rng.choice([None, dt.date(2020, 4, 1), dt.date(2022, 9, 1)]),
        )
        net.rep_groups[code] = [srg, vcsn] if stem == "KIR" else [forum, srg, vcsn]
    net.line("G-SHF-MAF", smg, "reports_to", True, dt.date(2015, 4, 1), dt.date(2024, 3, 31))
    return bradford_carriers


def build_leeds_esol(net: SampleNetwork) -> None:
    """The Leeds ESOL Partnership, hosted by the adult learning service."""
    code = FORUMS["YH"]["LDS"]
    chair, tutor = leeds_esol_leads(net)
    esol = net.add_group(
        "G-LDS-ESOL",
        "Leeds ESOL Partnership",
        "local",
        "task_group",
        code,
        f"O-{code}-AL",
        ["esol"],
        6,
    )
    net.member(chair, esol, "chair", "appointed", dt.date(2022, 9, 1))
    net.member(tutor, esol, "member", "appointed", dt.date(2022, 9, 1))
    net.fill(esol, net.local[code]["education"], 2)
    net.fill(esol, net.local[code]["vcs"], 4)
    net.line(esol, "G-LDS-MAF", "feeds_into", True, dt.date(2022, 9, 1))


def build_sheffield_destitution(net: SampleNetwork, shf_leader: str) -> None:
    """The VCS-led Sheffield Asylum Destitution Forum, chaired by ``shf_leader``; Sheffield's
    VCS rep sits on it too."""
    code = FORUMS["YH"]["SHF"]
    destitution = net.add_group(
        "G-SHF-DST",
        "Sheffield Asylum Destitution Forum",
        "local",
        "multi_agency_forum",
        code,
        net.person_org[shf_leader],
        ["nrpf", "asylum"],
        6,
        False,
        "VCS-led thematic forum.",
    )
    net.member(shf_leader, destitution, "chair", "elected", dt.date(2023, 3, 1))
    net.member(net.lead(code, 7), destitution, "member", "appointed", net.past_start())
    net.fill(destitution, net.local[code]["vcs"], 5)
    net.line(destitution, "G-SY-SRG", "feeds_into", False, dt.date(2023, 3, 1))
    net.rep_groups[code].append(destitution)


def build_bradford_health(net: SampleNetwork, carriers: list[str]) -> None:
    """The VCS-led Bradford Migrant Health Network, hosted by the first of ``carriers``
    (who also sit on the Bradford forum)."""
    code = FORUMS["YH"]["BRD"]
    health = net.add_group(
        "G-BRD-HLT",
        "Bradford Migrant Health Network",
        "local",
        "network",
        code,
        net.person_org[carriers[0]],
        ["asylum", "resettlement"],
        4,
        False,
        "VCS-led.",
    )
    for person in carriers:
        net.member(person, health, "member", "appointed", net.past_start())
    net.member(net.lead(code, 9), health, "member", "appointed", net.past_start())
    net.fill(health, net.local[code]["vcs"], 3)
    net.fill(health, net.pool["YH"]["health"], 2)
    net.line(health, "G-BRD-MAF", "feeds_into", True)


# --- Finishing touches ----------------------------------------------------------------------


def add_predecessors(net: SampleNetwork) -> None:
    """Some seats were held before by a colleague: an ended membership of the same group."""
    rng = net.rng
    for row in list(net.rows["memberships"]):
        group = net.groups[row["group_id"]]
        org = net.person_org[row["person_id"]]
        if row["role"] == "vcs_rep" or group["level"] == "national" or not org:
            continue
        if group["kind"] in ("network", "engagement_event") or rng.random() >= 0.25:
            continue
        colleagues = [
            p
            for p in net.staff[org]
            if p not in net.reserved and (p, group["group_id"]) not in net.seats
        ]
        if not colleagues:
            continue
        end = (row["start_date"] or dt.date(2025, 7, 1)) - dt.timedelta(days=rng.randint(1, 90))
        start = end - dt.timedelta(days=rng.randrange(365, 4 * 365))
        net.member(rng.choice(colleagues), group["group_id"], "member", "appointed", start, end)


def region_key_of_area(net: SampleNetwork, area: str | None) -> str | None:
    while area:
        for region in REGIONS:
            if region.code == area:
                return region.key
        area = net.area_parent.get(area)
    return None


def engage_every_organisation(net: SampleNetwork) -> None:
    """Put one person of each organisation on some group, except the deliberate gap."""
    seated = {row["person_id"] for row in net.rows["memberships"]}
    for org in net.rows["organisations"]:
        staff = net.staff[org["org_id"]]
        if org["org_id"] == DISENGAGED_ORG or not staff or seated.intersection(staff):
            continue
        region = region_key_of_area(net, org["area_id"])
        group = f"G-{region}-PRN" if region else "G-NAT-NASF"
        net.member(staff[0], group, "member" if region else "observer", None, net.past_start())


def in_yorkshire(net: SampleNetwork, group: dict) -> bool:
    return region_key_of_area(net, group["area_id"]) == "YH"


#: Deliberate engagement gaps (data/sample/GAPS.md): reps who stopped attending, and when.
STOPPED_ATTENDING = {"P-03346": dt.date(2025, 9, 1), "P-04732": dt.date(2026, 2, 28)}
#: A group that stopped meeting, and its last meeting.
STOPPED_MEETING = ("G-YH-HK", dt.date(2025, 11, 30))
HYBRID_KINDS = ("strategic_group",)  # the hybrid meeting series
MEETINGS_FROM = dt.date(2025, 1, 6)


def meeting_format(kind: str, count: int, rng: random.Random) -> str:
    """How a group meets: engagement days in person, the strategic group hybrid,
    networks, boards and sub-regional groups alternating, forums mostly in person."""
    if kind == "engagement_event":
        return "in_person"
    if kind in HYBRID_KINDS:
        return "hybrid"
    if kind in ("network", "sub_regional_group", "partnership_board"):
        return ("in_person", "online")[count % 2]
    if kind == "multi_agency_forum":
        return "online" if count % 3 == 2 else "in_person"
    return rng.choice(FORMATS)


def meeting_days(per_year: int, rng: random.Random) -> list[dt.date]:
    """Evenly spaced weekdays from MEETINGS_FROM to AS_OF, exactly ``per_year`` of them
    in the year up to AS_OF."""
    step = 365 / per_year
    offset = rng.randrange(3, max(4, int(step) - 3))
    days, k = [], 0
    while True:
        day = AS_OF - dt.timedelta(days=round(offset + k * step))
        if day < MEETINGS_FROM:
            return sorted(days)
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        days.append(day)
        k += 1


def _misses(person: str, meeting: str) -> bool:
    """Whether a member (not a rep) misses a meeting: about one in ten, the same every run."""
    return (
        int(hashlib.blake2b(f"{person}|{meeting}".encode(), digest_size=2).hexdigest(), 16) < 6554
    )


def add_meetings(net: SampleNetwork) -> None:
    """Meetings of Yorkshire's groups from January 2025 to the as-of date, as declared,
    with attendance: reps attend all their meetings and the engagement days, other
    members nine in ten of frequent groups' meetings; except the deliberate gaps."""
    rng = net.rng
    by_group: dict[str, list[dict]] = defaultdict(list)
    rep_terms: dict[str, list[tuple]] = defaultdict(list)
    for row in net.rows["memberships"]:
        by_group[row["group_id"]].append(row)
        if row["role"] == "vcs_rep":
            rep_terms[row["person_id"]].append((row["start_date"], row["end_date"]))
    yorkshire_reps = {m["person_id"] for g in net.rows["groups"] if in_yorkshire(net, g)
                      for m in by_group[g["group_id"]] if m["role"] == "vcs_rep"}  # fmt: skip

    def rep_on(person: str, day: dt.date) -> bool:
        return any(is_active(start, end, day) for start, end in rep_terms.get(person, ()))

    for group in net.rows["groups"]:
        per_year = group["meetings_per_year"]
        if not per_year or not in_yorkshire(net, group) or not by_group[group["group_id"]]:
            continue
        for count, day in enumerate(meeting_days(per_year, rng)):
            if group["group_id"] == STOPPED_MEETING[0] and day > STOPPED_MEETING[1]:
                break
            meeting = f"M-{group['group_id'][2:]}-{day:%Y%m%d}"
            how = meeting_format(group["kind"], count, rng)
            net.rows["meetings"].append(
                {"meeting_id": meeting, "group_id": group["group_id"], "date": day, "format": how}
            )
            people = dict.fromkeys(r["person_id"] for r in by_group[group["group_id"]]
                                   if is_active(r["start_date"], r["end_date"], day))  # fmt: skip
            if group["kind"] == "engagement_event":  # engagement days are for every rep
                people.update(dict.fromkeys(p for p in sorted(yorkshire_reps) if rep_on(p, day)))
            for person in people:
                stopped = STOPPED_ATTENDING.get(person)
                if stopped is not None and day > stopped:
                    went = False
                elif rep_on(person, day):
                    went = True
                else:
                    went = per_year < 6 or not _misses(person, meeting)
                net.rows["attendance"].append(
                    {"meeting_id": meeting, "person_id": person, "attended": went}
                )


def build_network(hexes: dict) -> tuple[SampleNetwork, dict[str, list[Term]]]:
    net = SampleNetwork()
    councils = build_areas(net, hexes)
    build_organisations(net, councils)
    plan = plan_reps(net, councils)
    build_national(net)
    for region in REGIONS:
        if region.key == "YH":
            build_yorkshire(net)
        else:
            build_region(net, region)
    seat_reps(net, plan)
    add_predecessors(net)
    engage_every_organisation(net)
    add_meetings(net)
    net.cycle = add_rep_cycle(net, plan)
    return net, plan


# --- Checks: the project's own validator and analyses must agree with GAPS.md -----------


@dataclass(frozen=True)
class Expected:
    coverage: dict[str, str]
    broken: dict[str, tuple[str, list[tuple[str, str]]]]
    fragile: dict[str, list[str]]
    reps_below: frozenset[str] = frozenset()
    groups_meeting_less: frozenset[str] = frozenset()
    paper_only: frozenset[tuple[str, str]] = frozenset()
    #: The rep cycle: councils not simply covered, by status; the warnings.
    rep_statuses: tuple = ()
    rep_warnings: tuple = ()
    #: (group, rule) of the group rules that do not hold.
    breaches: frozenset[tuple[str, str]] = frozenset()


def expected_outcomes(
    net: SampleNetwork, plan: dict[str, list[Term]], region: str | None
) -> Expected:
    """The deliberate gaps, as the analyses must report them at AS_OF."""
    coverage = {code: "no_rep" for code in NO_REP}
    coverage |= {
        "E08000032": "expired",
        "E08000023": "expired",
        "E08000036": "not_started",
        "E08000018": "not_elected",
        "E08000017": "not_vcs",
    }
    broken = {
        "G-KIR-MAF": ("unstaffed", [("G-KIR-MAF", "G-WY-SRG")]),
        "G-SUN-MAF": ("unstaffed", [("G-SUN-MAF", "G-NE-SMG")]),
        "G-EXE-MAF": ("no_route", []),
        "G-CRO-MAF": ("no_route", []),
    }
    humber = [net.key["humber_coordinator"]]
    fragile = {f"G-{stem}-MAF": humber for stem in ("HUL", "ERY", "NEL", "NLN")}
    fragile["G-YRK-MAF"] = [plan["E06000014"][-1].person]
    fragile["G-DAR-MAF"] = [net.lead(FORUMS["NE"]["DAR"])]
    cycle = expected_cycle(net, plan, net.cycle)
    if region is None:
        return Expected(
            coverage, broken, fragile, frozenset(STOPPED_ATTENDING),
            frozenset({STOPPED_MEETING[0]}), frozenset({("G-YRK-MAF", "G-YNY-SRG")}),
            tuple(sorted(cycle["statuses"].items())), tuple(cycle["warnings"]), BREACHES,
        )  # fmt: skip
    areas = {a for a, rk in net.la_region.items() if rk == region}
    groups = {
        g for g, row in net.groups.items() if region_key_of_area(net, row["area_id"]) == region
    }
    return Expected(
        {a: r for a, r in coverage.items() if a in areas},
        {g: b for g, b in broken.items() if g in groups},
        {g: f for g, f in fragile.items() if g in groups},
        rep_statuses=tuple(sorted((a, s) for a, s in cycle["statuses"].items() if a in areas)),
        rep_warnings=tuple(w for w in cycle["warnings"] if w[1] in areas),
        breaches=frozenset(b for b in BREACHES if b[0] in groups),
    )


def verify(rows: dict[str, list[dict]], expected: Expected, label: str) -> dict:
    """Validate the tables with the project's validator and run its analyses at AS_OF;
    stop when they find anything but the deliberate gaps."""
    with tempfile.TemporaryDirectory() as folder:
        write_csvs(Path(folder), rows)
        workbook = load_workbook(folder)  # raises WorkbookError on any breach of the rules
    G = network_graph(workbook.tables)
    found = analyse(G, AS_OF, measures=False)
    coverage, flow = found["coverage"], found["flow"]
    met = engagement(G, AS_OF)
    got = Expected(
        {g["area_id"]: g["reason"] for g in coverage["gaps"]},
        {b["group_id"]: (b["reason"], [tuple(e) for e in b.get("unstaffed_edges", [])])
         for b in flow["broken"]},
        {f["group_id"]: f["single_points_of_failure"] for f in flow["fragile"]},
        frozenset(r["person_id"] for r in met["reps_below_expectation"]),
        frozenset(g["group_id"] for g in met["groups_meeting_less"]),
        frozenset((line["from"], line["to"]) for line in met["paper_only_lines"]),
        tuple((a["area_id"], a["status"]) for a in found["rep_cycle"]["areas"]
              if a["status"] != "covered"),
        tuple((w["kind"], w["area_id"], tuple(w["person_ids"]))
              for w in found["rep_cycle"]["warnings"]),
        frozenset((r["group_id"], r["rule"]) for r in found["group_rules"] if not r["holds"]),
    )  # fmt: skip
    if got != expected:
        raise ValueError(f"{label}: analyses differ from GAPS.md:\n{got}\n!=\n{expected}")
    return {
        "areas": coverage["areas_total"],
        "covered": coverage["areas_covered"],
        "local_groups": flow["local_groups_total"],
        "connected": flow["connected"],
    }


# --- Output ----------------------------------------------------------------------------------


def region_subset(net: SampleNetwork, region: str) -> dict[str, list[dict]]:
    """A self-contained workbook for one region, with the national bodies it reports to."""
    rows = net.rows
    local = {
        g for g, row in net.groups.items() if region_key_of_area(net, row["area_id"]) == region
    }
    national = {
        line["to_group_id"]
        for line in rows["reporting_lines"]
        if line["from_group_id"] in local and net.groups[line["to_group_id"]]["level"] == "national"
    }
    groups = local | national
    based = {
        o["org_id"]
        for o in rows["organisations"]
        if region_key_of_area(net, o["area_id"]) == region
    }
    people = {m["person_id"] for m in rows["memberships"] if m["group_id"] in local}
    people |= {p for org in based for p in net.staff[org]}
    orgs = based | {net.person_org[p] for p in people if net.person_org[p]}
    orgs |= {net.groups[g]["host_org_id"] for g in groups if net.groups[g]["host_org_id"]}
    parent = {o["org_id"]: o["parent_org_id"] for o in rows["organisations"]}
    for org in list(orgs):
        while parent[org]:
            org = parent[org]
            orgs.add(org)
    org_rows = [o for o in rows["organisations"] if o["org_id"] in orgs]
    areas = {o["area_id"] for o in org_rows} | {net.groups[g]["area_id"] for g in groups}
    areas |= {a for a, rk in net.la_region.items() if rk == region}
    for area in list(areas):
        while area:
            areas.add(area)
            area = net.area_parent[area]
    return {
        "areas": [a for a in rows["areas"] if a["area_id"] in areas],
        "organisations": org_rows,
        "people": [p for p in rows["people"] if p["person_id"] in people],
        "groups": [g for g in rows["groups"] if g["group_id"] in groups],
        "memberships": [
            m for m in rows["memberships"] if m["group_id"] in groups and m["person_id"] in people
        ],
        "reporting_lines": [
            line
            for line in rows["reporting_lines"]
            if line["from_group_id"] in groups and line["to_group_id"] in groups
        ],
        "meetings": [],
        "attendance": [],
        "elections": [e for e in rows["elections"] if net.la_region.get(e["area_id"]) == region],
        "group_rules": [r for r in rows["group_rules"] if r["kind"] or r["group_id"] in groups],
    }


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csvs(folder: Path, rows: dict[str, list[dict]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, columns in COLUMNS.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows([text(row.get(c)) for c in columns] for row in rows[name])


def write_xlsx(path: Path, rows: dict[str, list[dict]]) -> None:
    """One sheet per table, real date and boolean cells; fixed timestamps for stable bytes."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name in XLSX_SHEETS:
        sheet = book.create_sheet(name)
        sheet.append(COLUMNS[name])
        for row in rows[name]:
            sheet.append([row.get(c) for c in COLUMNS[name]])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
    book.properties.creator = "synth/sample.py"
    book.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                head, _, rest = data.partition(b"<dcterms:modified")
                tag, _, tail = rest.partition(b">")
                data = head + b"<dcterms:modified" + tag + b">" + stamp + tail[tail.index(b"<") :]
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)


def write_code_changes(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["old_code", "new_code", "name", "since"])
        for old, (new, name) in CODE_CHANGES.items():
            writer.writerow([old, new, name, CODE_CHANGES_SINCE])


#: How the sample makes each coverage gap (by area, else by reason), for GAPS.md.
COVERAGE_HOW = {
    "no_rep": "no `vcs_rep` membership at all",
    "E08000032": "terms ended 2026-04-09; a new rep's term starts 2026-10-12 (after D), "
    "but rule 3 (expired) comes before rule 4",
    "E08000023": "single term ended 2026-01-31, not renewed",
    "E08000036": "first ever rep; term starts 2026-10-15",
    "E08000018": "active rep is `nominated`; an earlier elected term expired 2026-04-06 "
    "(rule 1 comes before rule 3)",
    "E08000017": "active elected rep works for Doncaster Council (local_government); an "
    "earlier VCS term expired 2026-04-13 (rule 2 comes before rule 3)",
}


def ending_soon(plan: dict[str, list[Term]]) -> list[tuple[str, Term]]:
    """Active terms ending within 90 days of AS_OF that nobody takes over the day after."""
    found = []
    for code, terms in sorted(plan.items()):
        for term in terms:
            following = any(t.start == term.end + dt.timedelta(days=1) for t in terms)
            if term.start <= AS_OF <= term.end <= SOON and not following:
                found.append((code, term))
    return found


def gaps_markdown(net: SampleNetwork, plan: dict[str, list[Term]], uk: dict, ne: dict) -> str:
    """The text of ``GAPS.md``: the deliberate gaps, by id, as the analyses must report them
    at AS_OF, with the summary figures ``uk`` and ``ne`` of :func:`verify`."""
    expected = expected_outcomes(net, plan, None)
    out = gaps_summary(uk, ne)
    out += coverage_gaps(net, expected)
    out += coverage_edge_cases(net, plan)
    out += broken_groups(net)
    out += fragile_groups(net, expected)
    out += engagement_findings(net)
    out += cycle_markdown(net, plan, net.cycle)
    out += other_features(net)
    out += north_east_notes(net)
    return "\n".join(out)


def person_name(net: SampleNetwork, person: str) -> str:
    """A person's name."""
    return next(p["name"] for p in net.rows["people"] if p["person_id"] == person)


def who(net: SampleNetwork, person: str) -> str:
    """A person as GAPS.md names them: id, name and organisation."""
    org = net.person_org[person]
    organisation = net.org_name[org] if org else "no organisation"
    return f"{person} ({person_name(net, person)}, {organisation})"


def term_list(plan: dict[str, list[Term]], code: str) -> str:
    """The VCS rep terms of council ``code``, for GAPS.md."""
    return "; ".join(f"{t.person} {t.start}..{t.end} {t.selection}" for t in plan[code])


def gaps_summary(uk: dict, ne: dict) -> list[str]:
    """GAPS.md's title, introduction and table of summary figures."""
    return [
        "# Deliberate gaps in the sample network",
        "",
        "Generated by `python -m synth.sample` (do not edit by hand). As of **2026-09-30**, "
        "`smp analyse --as-of 2026-09-30` must report exactly what follows for "
        "`data/sample/uk/`; the generator checks the workbook with the project's own "
        "validator and analyses and fails if they differ. Everything else in the network "
        "is meant to be healthy.",
        "",
        "| | `uk/` | `north-east.xlsx` |",
        "|---|---|---|",
        f"| coverage.areas_total | {uk['areas']} | {ne['areas']} |",
        f"| coverage.areas_covered | {uk['covered']} | {ne['covered']} |",
        f"| flow.local_groups_total | {uk['local_groups']} | {ne['local_groups']} |",
        f"| flow.connected | {uk['connected']} | {ne['connected']} |",
        "",
    ]


def coverage_gaps(net: SampleNetwork, expected: Expected) -> list[str]:
    """The table of coverage gaps: area, reason and how the sample makes it."""
    out = [
        "## Coverage gaps",
        "",
        "| area_id | name | reason | how |",
        "|---|---|---|---|",
    ]
    for code, reason in sorted(expected.coverage.items()):
        detail = COVERAGE_HOW.get(code, COVERAGE_HOW.get(reason, ""))
        out.append(f"| {code} | {net.area_name[code]} | {reason} | {detail} |")
    return out


def coverage_edge_cases(net: SampleNetwork, plan: dict[str, list[Term]]) -> list[str]:
    """Areas that are covered although they look close to a gap, and the terms ending
    within 90 days."""
    soon = ending_soon(plan)
    shared = who(net, plan[SHARED_REP[0]][-1].person)
    calderdale, leeds = term_list(plan, "E08000033"), term_list(plan, "E08000035")
    out = [
        "",
        "## Coverage edge cases (covered, not gaps)",
        "",
        f"- **Term ends on the as-of date**: Calderdale E08000033, {calderdale}. "
        "Covered (end is inclusive).",
        f"- **Term starts on the as-of date**: Leeds E08000035, {leeds}. "
        "Covered (start is inclusive), although the previous term ended the day before.",
        f"- **One person represents two areas**: {shared} is the elected rep of North East "
        "Lincolnshire E06000012 and North Lincolnshire E06000013 (same terms). Both covered.",
        "- **Current codes**: Barnsley and Sheffield use E08000038 and E08000039 "
        "(`data/reference/code-changes.csv` maps the 2023 codes of the hexjson).",
        "- **Terms ending within 90 days** (by 2026-12-29, none renewed):",
        "",
        "| area_id | name | person | term | ends |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| {code} | {net.area_name[code]} | {t.person} | {t.start}..{t.end} | {t.end} |"
        for code, t in soon
    ]
    return out


def broken_groups(net: SampleNetwork) -> list[str]:
    """The table of local groups with no working line to the regional level."""
    return [
        "",
        "## Information flow: broken local groups",
        "",
        "| group_id | reason | unstaffed_edges | how |",
        "|---|---|---|---|",
        "| G-CRO-MAF | no_route | | its only line goes straight to G-NAT-NASF (national), "
        "skipping the regional level; the line is staffed, which does not help |",
        "| G-EXE-MAF | no_route | | new forum with no reporting line at all |",
        "| G-KIR-MAF | unstaffed | G-KIR-MAF → G-WY-SRG | nobody sits on both: the Kirklees "
        "VCS rep sits on G-WY-SRG but not on the forum, and the council sends different "
        "officers to each |",
        f"| G-SUN-MAF | unstaffed | G-SUN-MAF → G-NE-SMG | its only carrier, "
        f"{who(net, net.lead(FORUMS['NE']['SUN']))}, left G-NE-SMG on 2026-06-30 (membership "
        "ended) but still chairs the forum |",
    ]


def fragile_groups(net: SampleNetwork, expected: Expected) -> list[str]:
    """The table of local groups whose line up hangs on one person."""
    out = [
        "",
        "## Information flow: fragile local groups",
        "",
        "| group_id | single_points_of_failure | how |",
        "|---|---|---|",
    ]
    humber = net.key["humber_coordinator"]
    for group, spofs in sorted(expected.fragile.items()):
        if spofs == [humber]:
            detail = (
                "G-HUM-SRG → G-YH-SMG is carried by the Humber coordinator alone, so every "
                "Humber forum hangs on that person"
            )
        elif group == "G-YRK-MAF":
            detail = (
                "G-YRK-MAF → G-YNY-SRG is carried by York's VCS rep alone (whose term "
                "also ends on 2026-12-05)"
            )
        else:
            detail = "G-DAR-MAF → G-NE-SMG is carried by the Darlington council lead alone"
        out.append(f"| {group} | {', '.join(who(net, p) for p in spofs)} | {detail} |")
    out += [
        "",
        "All other local groups are connected and have no single point of failure.",
    ]
    return out


def engagement_findings(net: SampleNetwork) -> list[str]:
    """How meetings and attendance are recorded, and what the engagement analysis finds."""
    york, kirklees = person_name(net, "P-03346"), person_name(net, "P-04732")
    return [
        "",
        "## Engagement (attendance from 30 September 2025 to 25 September 2026, the last "
        "meeting recorded)",
        "",
        "Meetings and attendance are recorded for Yorkshire and The Humber's groups only "
        "(January 2025 to 2026-09-30); reps elsewhere are `not_recorded`. Each group meets "
        "as often as it declares; the Strategic Migration Group meets three times a year, "
        "always hybrid (the hybrid series); engagement days are in person; networks, "
        "boards and sub-regional groups alternate in person and online. Reps attend all "
        "their meetings and the engagement days; other members nine in ten meetings of "
        "groups meeting six or more times a year. `smp analyse` must report exactly:",
        "",
        "| finding | who or what | how |",
        "|---|---|---|",
        f"| rep below expectation | P-03346 ({york}, York) | stopped attending "
        "on 2025-09-01: no meeting of York forum, the York and North Yorkshire group, the VCS "
        "representatives network or the engagement days since |",
        f"| rep below expectation | P-04732 ({kirklees}, Kirklees) | stopped "
        "attending after 2026-02-28 |",
        f"| group meeting less than declared | {STOPPED_MEETING[0]} "
        f"({net.groups[STOPPED_MEETING[0]]['name']}) | declares 4 a year; stopped meeting "
        f"after {STOPPED_MEETING[1]} |",
        "| line carried only on paper | G-YRK-MAF → G-YNY-SRG | its only carrier, P-03346, "
        "attended none of either group's meetings |",
    ]


def other_features(net: SampleNetwork) -> list[str]:
    """Other deliberate features: an empty group, a disengaged organisation and so on."""
    return [
        "",
        "## Other deliberate features",
        "",
        f"- **Group with no members**: {EMPTY_GROUP} ({net.groups[EMPTY_GROUP]['name']}); its "
        "line to G-NW-SMG is unstaffed, which cuts off no local group.",
        f"- **Organisation with nobody on any group**: {DISENGAGED_ORG} "
        f"({net.org_name[DISENGAGED_ORG]}) has {len(net.staff[DISENGAGED_ORG])} people and no "
        "memberships. Every other organisation has at least one person on some group.",
        "- **Strategic groups missing an expected sector**: G-NW-SMG has no police; G-SW-SMG "
        "has no higher education. Every other strategic group and board has local "
        "authorities, Home Office, accommodation provider (Mears, Serco or Clearsprings), "
        "Migrant Help, police, health, TUC and DWP, a university and VCS.",
        "- **Ended reporting line**: G-SHF-MAF → G-YH-SMG (2015-04-01..2024-03-31), from "
        "before the sub-regional groups; not active at 2026-09-30.",
        "- **One-way lines** (`two_way` false): task groups advising G-NAT-NTS and "
        "G-NAT-HORO, every VCS engagement day → VCS representatives network, and "
        "G-SHF-DST → G-SY-SRG.",
        "- **Confidential groups**: the four Yorkshire sub-regional groups, the national "
        "transfer scheme and resettlement boards, UASC and anti-trafficking task groups, "
        "and some local forums.",
    ]


def north_east_notes(net: SampleNetwork) -> list[str]:
    """What ``north-east.xlsx`` holds and what the analyses find in it."""
    return [
        "",
        "## north-east.xlsx",
        "",
        "The North East only: its areas (with England and the region), organisations, people, "
        "groups, memberships and reporting lines, plus the national bodies it reports to "
        "(with only the North East's members). Expected at 2026-09-30: coverage gaps "
        "E06000057 Northumberland `no_rep` and E08000023 South Tyneside `expired`; "
        "G-SUN-MAF broken (`unstaffed`, G-SUN-MAF → G-NE-SMG); G-DAR-MAF fragile with "
        f"single point of failure {net.lead(FORUMS['NE']['DAR'])}.",
        "",
    ]


def main(sample: Path = SAMPLE, reference: Path = REFERENCE) -> dict[str, int]:
    """Write the sample (``uk/``, ``north-east.xlsx``, ``GAPS.md``) to ``sample`` and the
    code changes to ``reference``; returns the rows of each sheet of ``uk/``."""
    hexes = hex_cells()
    net, plan = build_network(hexes)
    uk = verify(net.rows, expected_outcomes(net, plan, None), "uk")
    north_east = region_subset(net, "NE")
    ne = verify(north_east, expected_outcomes(net, plan, "NE"), "north-east")
    write_csvs(sample / "uk", net.rows)
    write_xlsx(sample / "north-east.xlsx", north_east)
    reference.mkdir(parents=True, exist_ok=True)
    write_code_changes(reference / "code-changes.csv")
    (sample / "GAPS.md").write_text(gaps_markdown(net, plan, uk, ne), encoding="utf-8")
    return {name: len(rows) for name, rows in net.rows.items()}


if __name__ == "__main__":
    import argparse

    argparse.ArgumentParser(
        prog="python -m synth.sample",
        description="Write the curated sample again: data/sample/uk/*.csv, "
        "data/sample/north-east.xlsx, data/sample/GAPS.md and "
        "data/reference/code-changes.csv (the same bytes every time).",
    ).parse_args()
    counts = main()
    print("data/sample/uk: " + ", ".join(f"{name} {n}" for name, n in counts.items()))
