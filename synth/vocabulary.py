"""The one vocabulary of the generated networks (the committed sample and the scaled
benchmark networks): partnerships, nations, workstreams, fictional names, columns.

Codes come from loader/spec.py and places from the reference data; everything here is
public fact (partnerships, bodies) or fiction (people).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache

from core.config import REPO_ROOT
from loader.spec import SHEETS
from loader.spec import WORKSTREAMS as WORKSTREAM_CODES

REFERENCE = REPO_ROOT / "data" / "reference"
HEXJSON = REFERENCE / "uk-local-authority-districts-2023.hexjson"

#: Columns the generators write beyond the format's: a job title, a note on groups.
EXTRA_COLUMNS = {"people": ("job_title",), "groups": ("notes",)}
#: Every sheet's columns, in the order of loader/spec.py, then the extra ones.
COLUMNS: dict[str, list[str]] = {
    sheet.name: [c.name for c in sheet.columns] + list(EXTRA_COLUMNS.get(sheet.name, ()))
    for sheet in SHEETS
}


@cache
def hexes() -> dict[str, dict]:
    """The hexjson's councils by 2023 code: name, region (or nation) code, position."""
    return json.loads(HEXJSON.read_text(encoding="utf-8"))["hexes"]


# Since April 2024 (ONS): the hexjson of 2023 still has the old codes.
CODE_CHANGES = {
    "E08000016": ("E08000038", "Barnsley"),
    "E08000019": ("E08000039", "Sheffield"),
}
CODE_CHANGES_SINCE = "2024-04-01"

ENGLAND = "E92000001"
NATIONS = {
    ENGLAND: "England",
    "S92000003": "Scotland",
    "W92000004": "Wales",
    "N92000002": "Northern Ireland",
}


@dataclass(frozen=True)
class Region:
    key: str
    code: str
    name: str
    partnership: str
    host: str | None
    provider: str


REGIONS = (
    Region("NE", "E12000001", "North East", "North East Migration Partnership",
           "O-E06000002", "MEARS"),
    Region("NW", "E12000002", "North West", "North West Regional Strategic Migration Partnership",
           None, "SERCO"),
    Region("YH", "E12000003", "Yorkshire and The Humber", "Migration Yorkshire",
           "O-E08000035", "MEARS"),
    Region("EM", "E12000004", "East Midlands", "East Midlands Strategic Migration Partnership",
           "O-EMC", "SERCO"),
    Region("WM", "E12000005", "West Midlands", "West Midlands Strategic Migration Partnership",
           "O-E08000031", "SERCO"),
    Region("EE", "E12000006", "East of England",
           "East of England Strategic Migration Partnership", "O-EELGA", "SERCO"),
    Region("LON", "E12000007", "London", "London Strategic Migration Partnership",
           "O-GLA", "CRH"),
    Region("SE", "E12000008", "South East", "South East Strategic Partnership for Migration",
           "O-SEC", "CRH"),
    Region("SW", "E12000009", "South West", "South West Strategic Migration Partnership",
           "O-SWC", "CRH"),
    Region("SCO", "S92000003", "Scotland", "Scotland's Strategic Migration Partnership",
           "O-COSLA", "MEARS"),
    Region("WAL", "W92000004", "Wales", "Wales Strategic Migration Partnership",
           "O-WLGA", "CRH"),
    Region("NI", "N92000002", "Northern Ireland",
           "Northern Ireland Strategic Migration Partnership", "O-NILGA", "MEARS"),
)  # fmt: skip
REGION = {r.key: r for r in REGIONS}

#: The workstreams, by the key group ids use: (code of loader/spec.py, title).
WORKSTREAMS = {
    "ASY": ("asylum", "Asylum Dispersal"),
    "UASC": ("uasc", "UASC and National Transfer Scheme"),
    "RES": ("resettlement", "Refugee Resettlement"),
    "ESOL": ("esol", "ESOL"),
    "HK": ("hong_kong_bno", "Hong Kong BN(O)"),
    "UKR": ("ukraine", "Ukraine"),
    "NRPF": ("nrpf", "No Recourse to Public Funds"),
    "TRF": ("trafficking", "Anti-Trafficking"),
    "MW": ("migrant_workers", "Migrant Workers"),
}
assert {code for code, _title in WORKSTREAMS.values()} <= set(WORKSTREAM_CODES)

COUNCIL_TITLES = [
    "Migration lead officer",
    "Cabinet member for communities",
    "Head of children's services (UASC lead)",
    "Resettlement officer",
    "Asylum and refugee officer",
    "ESOL coordinator",
    "Community cohesion officer",
    "NRPF officer",
    "Housing options officer",
    "Public health officer",
]
# --- Fictional people ---------------------------------------------------------------------

#: Fictional parties for the generated councillors (no real party is named).
PARTIES = ("Civic Alliance", "Green Shire", "Riverside Independents", "Northern Progress")

FIRST_NAMES = """
Aaliyah Abdul Ada Adam Adebayo Adele Ahmed Aidan Aisha Alan Alex Alice Alison Amara Amir Amy
Andrew Angela Anita Ann Aoife Arjun Asha Ayesha Barbara Beatrice Ben Bethan Bilal Bogdan Brian
Bronwen Caitlin Callum Carl Carmen Catherine Chidi Chloe Chris Claire Colin Connor Craig Dafydd
Daniel Darren Deborah Deepa Dev Dominika Donna Duncan Eilidh Elaine Eleanor Elif Ella Emeka
Emily Emma Eoin Ewa Faisal Farah Fatima Fiona Folake Fraser Gareth Gemma Georgia Gillian Grace
Graham Gwen Hamza Hannah Harjit Harriet Hassan Hayley Helen Huw Ian Ibrahim Ifeoma Imran Iona
Isla Ivan Jack Jade Jamal James Jane Jasmine Jasvinder Jennifer Joanne Jonathan Joseph Julie
Kamal Karen Kasia Katie Kavita Keith Kerry Kevin Khadija Kieran Kirsty Kwame Laila Laura Leanne
Leila Liam Lindsay Lisa Lorna Louise Lucy Łukasz Lydia Mahmoud Maria Mariam Mark Martin Mary
Matthew Megan Mei Michael Michelle Mohammed Morag Muhammad Nadia Naomi Natalie Neil Niamh Nikhil
Nkechi Oksana Oliver Olivia Omar Owen Patrick Paul Peter Pooja Precious Priya Rachel Rahul
Rajesh Rebecca Renée Rhys Richard Robert Rohan Ruth Ryan Saira Sally Samina Samuel Sandeep Sarah
Sean Shauna Siân Simon Sinead Sofia Sophie Stephen Stuart Sunita Susan Tanvir Tariq Thomas
Tomasz Tracey Usman Vanessa Victoria Wei William Yasmin Yusuf Zainab Zara Zofia Zoë
""".split()  # noqa: SIM905
LAST_NAMES = """
Abbott Adeyemi Ahmed Ali Allen Anderson Armstrong Asante Atkinson Bailey Baker Banerjee Barker
Barnes Bell Bennett Bhatti Booth Bowen Boyle Bradley Brennan Briggs Brooks Buckley Burns Butt
Byrne Campbell Carr Carter Chapman Chaudhry Chen Clarke Cole Collins Connolly Cook Cooper Cox
Crawford Cunningham Dale Das Davies Dawson Dixon Doherty Donnelly Douglas Duffy Dunn Edwards
Ellis Evans Farrell Ferguson Fisher Fitzgerald Fletcher Flynn Forbes Foster Gallagher Gardner
Gibson Gill Gordon Graham Grant Gray Griffiths Gupta Hall Hamilton Harris Hart Hassan Hayes
Henderson Hill Holmes Hopkins Horvath Howard Hughes Hussain Hutchinson Iqbal Jackson Jenkins
Jones Joshi Kaur Kelly Kennedy Khan Kowalski Kumar Lawrence Lee Lewis Lloyd Lynch Macdonald
Mahmood Malik Marshall Mason McCann McKenzie McLaughlin Mensah Miller Mills Mitchell Moore
Morgan Morris Murphy Murray Nawaz Nelson Nguyen Nowak Obi O'Brien O'Connor O'Neill Okafor
Oliveira Owen Owusu Öztürk Palmer Parker Parry Patel Pearson Perry Phillips Popescu Powell Price
Pritchard Quinn Qureshi Rahman Ramsay Rana Reid Reynolds Rhodes Richards Riley Roberts Robertson
Robinson Ross Russell Ryan Saunders Scott Shah Sharma Shaw Sheikh Simpson Singh Smith Stewart
Sullivan Sutherland Taylor Thomas Thompson Turner Vaughan Walker Walsh Ward Watson Webb Wells
White Wilkinson Williams Wilson Wójcik Wood Wright Yilmaz Young Zielinski
""".split()  # noqa: SIM905
# Names of well-known public figures that random pairs could otherwise produce.
AVOID_NAMES = {
    "David Cameron",
    "Gordon Brown",
    "Sadiq Khan",
    "Michael Gove",
    "James Cleverly",
    "Mark Williams",
    "Paul Scott",
    "Graham Norton",
}
ASCII = str.maketrans({"Ł": "L", "ł": "l", "'": "", " ": ""})


def email_part(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.translate(ASCII))
    return "".join(c for c in folded if c.isascii()).lower()
