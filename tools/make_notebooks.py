"""Write the four analyst notebooks (stored without outputs): python tools/make_notebooks.py"""
# ruff: noqa: E501  (the notebooks' own code, kept as an analyst would type it)

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell as code
from nbformat.v4 import new_markdown_cell as md
from nbformat.v4 import new_notebook

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

SETUP = """import datetime as dt
import os

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from pandas.io.formats.style import Styler

from core import clock, config, db
from graph.read import read_network
from graph.views import previous_quarter_end

%matplotlib inline
plt.rcParams.update({"figure.dpi": 80, "font.size": 9})  # small pictures, small notebooks
pd.set_option("display.max_colwidth", None)  # sentences whole, never cut
pd.set_option("styler.format.precision", 1)


def show(frame):
    \"\"\"A table for people: text left-aligned and wrapped, never cut, numbers right-aligned;
    no row numbers.\"\"\"
    left = "text-align: left; vertical-align: top; white-space: normal;"
    numbers = [{"selector": f"td.col{i}", "props": "text-align: right;"}
               for i, kind in enumerate(frame.dtypes) if pd.api.types.is_numeric_dtype(kind)]
    display(Styler(frame, cell_ids=False).hide(axis="index")
            .set_table_styles([{"selector": "th", "props": left}, {"selector": "td", "props": left},
                               *numbers]))


# Connection settings come from NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, or the
# local server of `smp db start` (`make notebooks` starts it).
print("Connecting to", config.connection().uri)
driver = db.open_driver()
G = read_network(driver)
# As of the latest data: today; SMP_AS_OF=quarter for the last quarter end (today, if it
# is one), or a date (SMP_AS_OF=2026-09-30).
chosen = os.environ.get("SMP_AS_OF", "today")
if chosen == "today":
    AS_OF = clock.today()
elif chosen == "quarter":
    AS_OF = previous_quarter_end(clock.today() + dt.timedelta(days=1))
else:
    AS_OF = dt.date.fromisoformat(chosen)
# People are named in these notebooks (analysts hold the data): set SMP_NAMES=0 to
# describe them by role and organisation instead, e.g. before sharing an output.
NAMES = os.environ.get("SMP_NAMES", "1") != "0"
print(f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} links; as of {AS_OF.day} {AS_OF:%B %Y}")"""

ROUTES = """import textwrap

import networkx as nx

from graph.flow import flow_graph, route_edges
from graph.views import group_regions, partnerships
from graph.words import short_group_name

REGION = "E12000003"  # Yorkshire and The Humber
names = dict(partnerships(G))
regions = group_regions(G)
F = flow_graph(G, AS_OF)
broken = {b["group_id"] for b in flow["broken"]}
fragile = {f["group_id"] for f in flow["fragile"]}
local = sorted((g for g in F if regions.get(g) == REGION and F.nodes[g]["level"] == "local"),
               key=lambda g: F.nodes[g]["name"])


def drawing_of(g):
    \"\"\"The drawing a local group goes in: the sub-regional group its routes pass through.\"\"\"
    edges = route_edges(F, g)
    above = sorted(F.nodes[v]["name"] for _u, v in edges if F.nodes[v]["level"] == "sub_regional")
    if above:
        return f"through {above[0]}"
    return "straight to regional level" if edges else "with no route up"


drawings = {}
for g in local:
    drawings.setdefault(drawing_of(g), []).append(g)
drawings = {f"{title} ({i // 8 + 1})" if len(gs) > 8 else title: gs[i:i + 8]
            for title, gs in sorted(drawings.items()) for i in range(0, len(gs), 8)}
fill = lambda g: "#f8d0cc" if g in broken else "#fde3c8" if g in fragile else "#dcefd8"
ink = lambda g: "#b3261e" if g in broken else "#b35c00" if g in fragile else "#1a7a3a"


def layout(groups):
    \"\"\"The groups on the routes of ``groups``, and where each goes: a row per level
    (national at the top, each group one row below the lowest group it reports to), each
    group under the groups it reports to, one box-width at least from its neighbours.\"\"\"
    H = F.edge_subgraph(set().union(*(route_edges(F, g) for g in groups))).copy()
    H.add_nodes_from((g, F.nodes[g]) for g in groups)  # groups with no route at all, too
    rank = {}
    for g in reversed(list(nx.topological_sort(H))):
        rank[g] = 1 + max((rank[t] for t in H.successors(g)), default=-1)
    pos = {}
    for row in sorted(set(rank.values())):
        here = sorted((g for g in H if rank[g] == row), key=lambda g: H.nodes[g]["name"])
        spread = {g: i - (len(here) - 1) / 2 for i, g in enumerate(here)}
        under = {g: [pos[t][0] for t in H.successors(g) if t in pos] for g in here}
        wanted = {g: sum(under[g]) / len(under[g]) if under[g] else spread[g] for g in here}
        here.sort(key=lambda g: (wanted[g], H.nodes[g]["name"]))
        xs = []
        for g in here:
            xs.append(wanted[g] if not xs else max(wanted[g], xs[-1] + 1))
        shift = (sum(wanted.values()) - sum(xs)) / len(xs)  # centred where they want to be
        pos.update({g: (x + shift, -1.6 * row) for g, x in zip(here, xs)})
    return H, pos


layouts = {title: layout(groups) for title, groups in drawings.items()}
left = min(x for _H, pos in layouts.values() for x, _y in pos.values()) - 0.8
right = max(x for _H, pos in layouts.values() for x, _y in pos.values()) + 0.8
heights = [0.9 * (1 + len({y for _x, y in pos.values()})) for _H, pos in layouts.values()]
fig, axes = plt.subplots(len(layouts), 1, figsize=(max(9, 1.7 * (right - left)), sum(heights)),
                         gridspec_kw={"height_ratios": heights}, squeeze=False)
for ax, (title, (H, pos)) in zip(axes[:, 0], layouts.items()):
    boxes = {g: ax.text(x, y, textwrap.fill(short_group_name(H.nodes[g]["name"], names[REGION]), 18),
                        ha="center", va="center", fontsize=8, zorder=3,
                        bbox={"boxstyle": "round,pad=0.4", "fc": fill(g), "ec": ink(g)})
             for g, (x, y) in pos.items()}
    for u, v, d in H.edges(data=True):  # arrows from box edge to box edge, never over a label
        into = sorted(H.predecessors(v), key=lambda w: pos[w][0])  # arrowheads side by side
        step = min(0.15, 0.7 / len(into))
        end = (pos[v][0] + (into.index(u) - (len(into) - 1) / 2) * step, pos[v][1])
        ax.annotate("", xy=end, xytext=pos[u], zorder=1, arrowprops={
            "arrowstyle": "-|>", "shrinkA": 2, "shrinkB": 2,
            "patchA": boxes[u].get_bbox_patch(), "patchB": boxes[v].get_bbox_patch(),
            "color": "#555" if d["staffed"] else "#b3261e",
            "linestyle": "-" if d["staffed"] else "--"})
    ax.set_xlim(left, right)
    ax.set_ylim(min(y for _x, y in pos.values()) - 0.7, 0.7)
    ax.set_title(f"{names[REGION]} on {AS_OF.day} {AS_OF:%B %Y}: local groups reporting {title}",
                 fontsize=9, loc="left")
    ax.set_axis_off()
fig.tight_layout()
plt.show()"""

nb1 = new_notebook(
    cells=[
        md(
            "# Getting started\n\nConnect to Neo4j, load the sample network if the database is empty, "
            "run the two headline analyses and draw one partnership. `make notebooks` starts the "
            "local server and opens this; with your own server, set `NEO4J_URI`, `NEO4J_USER` and "
            "`NEO4J_PASSWORD` first."
        ),
        code("""from cypher import query
from core import config, db
from loader.validate import load_workbook
from loader.write import write_workbook

driver = db.open_driver()
nodes = driver.execute_query(query("count_network")).records[0]["nodes"]
if nodes == 0:
    sample = config.REPO_ROOT / "data" / "sample" / "uk"
    result = write_workbook(driver, load_workbook(sample))
    print(f"Loaded the sample: {result.nodes} nodes")
else:
    print(f"The database already holds a network of {nodes:,} nodes; not loading the sample.")"""),
        code(SETUP),
        md(
            "## The two headline analyses\n\n`graph.analyse.analyse` gives exactly what "
            "`smp analyse --format json` prints. `graph.frames` gives the findings as tidy tables: "
            "one row per gap, per line nobody carries, per single point of failure, with names "
            "and sentences first and ids last."
        ),
        code("""from graph.analyse import analyse
from graph.frames import gap_frame

result = analyse(G, AS_OF, measures=False)
coverage, flow = result["coverage"], result["flow"]
print(f"Council areas covered: {coverage['areas_covered']} of {coverage['areas_total']}")
print(f"Local groups connected: {flow['connected']} of {flow['local_groups_total']}")
show(gap_frame(G, AS_OF, names=NAMES)[["partnership", "area", "status", "why"]])"""),
        md(
            "## Draw a partnership\n\nThe routes of one partnership's local groups up to national "
            "level, one drawing per sub-regional group (at most eight local groups in each), "
            "national at the top and local groups at the bottom; each group one row below the "
            "group it reports to. Red boxes are cut off, orange ones hang on one person; red "
            "dashed lines have nobody on both groups. A static picture, so the notebook stays "
            "small and works offline (the app's explorer is the interactive view)."
        ),
        code(ROUTES),
    ]
)

nb2 = new_notebook(
    cells=[
        md(
            "# Coverage deep-dive\n\nWhich council areas have no elected VCS representative, why, "
            "where to look for one, and what is coming up."
        ),
        code(SETUP),
        code("""from graph.coverage import area_status
from graph.views import partnerships
from graph.words import STATUS_WORDS

areas = pd.DataFrame(area_status(G, AS_OF))
areas["status"] = areas["reason"].fillna("covered").map(STATUS_WORDS)
show(areas.groupby("status").size().rename("council areas").reset_index())"""),
        md(
            "## Coverage by partnership\n\nSorted from least to most covered; the dashed line is "
            "the target of every area covered."
        ),
        code("""names = dict(partnerships(G))
by_region = areas.assign(partnership=areas["region_id"].map(names)).groupby("partnership").agg(
    areas=("area_id", "count"), covered=("covered", "sum")
)
by_region["coverage %"] = (100 * by_region["covered"] / by_region["areas"]).round(1)
by_region = by_region.sort_values("coverage %")
ax = by_region["coverage %"].plot.barh(figsize=(7, 4), color="#1f5f99", xlim=(0, 105))
ax.axvline(100, color="#b3261e", linestyle="--", linewidth=1)
ax.set_xlabel(f"% of council areas with an elected VCS rep, {AS_OF:%d %B %Y}")
ax.set_ylabel("")
plt.show()
show(by_region.reset_index())"""),
        md(
            "## Every gap: why, and where to look for a representative\n\nThe same sentences as "
            "the app and the quarterly report (`graph.explain`)."
        ),
        code("""from graph.frames import gap_frame

gaps = gap_frame(G, AS_OF, names=NAMES)
show(gaps[["partnership", "area", "status", "why", "where to look"]])"""),
        md(
            "## Terms ending in the next 90 days\n\nNames first (or the rep's role and "
            "organisation with `SMP_NAMES=0`), codes last."
        ),
        code("""from graph.coverage import coverage_warnings
from graph.explain import person_words
from graph.model import AREA, PERSON, node_key
from core.words import uk_date

ending = pd.DataFrame(coverage_warnings(G, AS_OF)["terms_ending_soon"])
if ending.empty:
    print("No term ends in the next 90 days.")
else:
    ending.insert(0, "area", [G.nodes[node_key(AREA, a)]["name"] for a in ending["area_id"]])
    ending.insert(1, "rep", [person_words(G, node_key(PERSON, p), NAMES, "the rep")
                             for p in ending["person_id"]])
    ending.insert(2, "term ends", ending["end_date"].map(uk_date))
    columns = ["area", "rep", "term ends", "area_id"] + (["person_id"] if NAMES else [])
    show(ending[columns])"""),
        md(
            "## Rep elections and renewals\n\nWhere each council stands in the rep cycle "
            "(`elections.csv`): renewals due (a term ends within 90 days and no election has "
            "opened), elections running, last rounds that failed; then the warnings (a seat "
            "shared, someone elected but never seated, an election never approved, a rep who "
            "never sits with the council's lead). The same sentences as the app and the report."
        ),
        code("""from graph.frames import rep_cycle_frame

cycle = rep_cycle_frame(G, AS_OF, names=NAMES)
show(cycle[["partnership", "area", "status", "what"]])"""),
        md(
            "## Groups against their terms of reference\n\nEach rule of `group_rules.csv` "
            "(or the defaults: strategic groups meet 3 times a year, partnership boards 4), "
            "the broken ones first."
        ),
        code("""from graph.frames import rule_frame

rules = rule_frame(G, AS_OF)
print(f"{(rules['kept'] == 'yes').sum()} of {len(rules)} rules kept")
show(rules[rules["kept"] == "no"][["partnership", "group", "rule", "what"]])"""),
        md("## How coverage moved: the as-of date and the three quarter ends before it"),
        code("""from graph.views import previous_quarter_end

day, rows = AS_OF, []
for _ in range(4):
    status = area_status(G, day)
    rows.append({"as of": day, "covered": sum(a["covered"] for a in status), "areas": len(status)})
    day = previous_quarter_end(day)
history = pd.DataFrame(rows[::-1])
history["as of"] = [f"{d.day} {d:%B %Y}" for d in history["as of"]]  # UK dates
ax = history.plot(x="as of", y="covered", marker="o", figsize=(6, 3), legend=False,
                  color="#1f5f99")
ax.set_xlabel("as of (the last three quarter ends, then the as-of date)")
ax.set_ylim(0, history["areas"].max() * 1.05)
ax.set_ylabel("council areas covered")
plt.show()
show(history)"""),
    ]
)

nb3 = new_notebook(
    cells=[
        md(
            "# Information flow and fragility\n\nWhich local groups are cut off from regional and "
            "national level, who could fix each line nobody carries, which groups hang on one "
            "person, and what would happen if someone left."
        ),
        code(SETUP),
        code("""from graph.flow import flow_graph, information_flow, route_edges, what_if
from graph.views import group_regions, partnerships

flow = information_flow(G, AS_OF)
names, regions = dict(partnerships(G)), group_regions(G)
counts = pd.DataFrame(
    [{"partnership": names.get(regions.get(e["group_id"]), "none"), "finding": kind}
     for kind in ("broken", "fragile") for e in flow[kind]]
)
table = counts.value_counts().unstack(fill_value=0).reindex(columns=["broken", "fragile"],
                                                             fill_value=0)
ax = table.sort_values("fragile").plot.barh(stacked=True, figsize=(7, 4),
                                            color=["#d73027", "#fdae61"])
ax.set_xlabel("local groups")
ax.set_ylabel("")
ax.legend(["cut off", "heard through one person"])
plt.show()"""),
        md(
            "## Lines nobody carries, and who could carry them\n\nCandidates: people on one end "
            "whose organisation already has someone on the other, then people who carry a "
            "neighbouring line."
        ),
        code("""from graph.frames import unstaffed_line_frame

show(unstaffed_line_frame(G, AS_OF, names=NAMES)[
    ["partnership", "group cut off", "line from", "line to", "who could carry it"]
])"""),
        md("## Single points of failure"),
        code("""from graph.frames import single_point_frame

points = single_point_frame(G, AS_OF, names=NAMES)
show(points[["partnership", "group", "person", "carries alone"]])"""),
        md("## What if one of them left?"),
        code("""from core.words import count
from graph.explain import person_words
from graph.model import PERSON, node_key

WHY = {"unstaffed": "a line on its route would have nobody on both groups",
       "no_route": "no reporting route up"}
people = sorted({p for f in flow["fragile"] for p in f["single_points_of_failure"]})
if people:
    who = person_words(G, node_key(PERSON, people[0]), NAMES, "one person")
    outcome = what_if(G, AS_OF, remove_people=people[:1])
    cut = pd.DataFrame(outcome["newly_broken"])
    print(f"If {who} left, {count(len(cut), 'local group')} would be cut off.")
    if len(cut):
        show(pd.DataFrame({"local group": cut["group_name"], "why": cut["reason"].map(WHY)}))
else:
    print("No single points of failure.")"""),
    ]
)

nb4 = new_notebook(
    cells=[
        md(
            "# Your own Cypher alongside NetworkX\n\nThe project's Cypher for Neo4j Browser users "
            "(`cypher/queries/`) gives the same answers as the NetworkX analyses. Write your own "
            "queries the same way: values only as `$parameters`, never pasted into the text."
        ),
        code(SETUP),
        code("""from cypher import query
from graph.coverage import area_status

records = driver.execute_query(query("queries/coverage"), asOf=AS_OF).records
cypher_gaps = {r["area_id"]: r["reason"] for r in records if not r["covered"]}
networkx_gaps = {a["area_id"]: a["reason"] for a in area_status(G, AS_OF) if not a["covered"]}
print("Cypher and NetworkX agree:", cypher_gaps == networkx_gaps)
from graph.words import STATUS_WORDS

names = {r["area_id"]: r["area_name"] for r in records}
show(pd.DataFrame([{"area": names[a], "why not covered": STATUS_WORDS[reason], "area_id": a}
                   for a, reason in sorted(cypher_gaps.items(), key=lambda kv: names[kv[0]])]))"""),
        md("## A query of your own: how many groups does each person sit on?"),
        code('''seats = driver.execute_query(
    """
    MATCH (p:Person)-[m:MEMBER_OF]->(g:Group)
    WHERE (m.startDate IS NULL OR m.startDate <= $asOf) AND (m.endDate IS NULL OR m.endDate >= $asOf)
    RETURN p.personId AS person_id, count(DISTINCT g) AS groups
    """,
    asOf=AS_OF,
).records
per_person = pd.DataFrame([dict(r) for r in seats])
ax = per_person["groups"].value_counts().sort_index().plot.bar(figsize=(6, 3), color="#1f5f99")
ax.set_xlabel("groups a person sits on")
ax.set_ylabel("people")
plt.show()'''),
        md("## The same from NetworkX: who sits on the most groups"),
        code("""from graph.explain import person_words
from graph.measures import busiest_people, person_group_graph
from graph.model import PERSON, node_key

busiest = pd.DataFrame(busiest_people(person_group_graph(G, AS_OF), top=10))
busiest.insert(0, "person", [person_words(G, node_key(PERSON, p), NAMES, "someone")
                             for p in busiest["person_id"]])
busiest = busiest[["person", "groups", "person_id"]]  # names first, ids last
show(busiest if NAMES else busiest.drop(columns=["person_id"]))  # no ids with SMP_NAMES=0"""),
    ]
)

for name, nb in [
    ("01-getting-started", nb1),
    ("02-coverage", nb2),
    ("03-information-flow", nb3),
    ("04-cypher-and-networkx", nb4),
]:
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, NOTEBOOKS / f"{name}.ipynb")
