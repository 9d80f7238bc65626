"""Information flow: a local group's routes top-down, broken and fragile groups in words,
and what would break if people left or groups closed."""

import networkx as nx
import pandas as pd
import streamlit as st

from app import common, data
from app.layout import levels_layout
from app.network_view import network_view
from app.vis import line_key_html, view_data
from core.words import count, uk_date
from graph.engagement import window
from graph.flow import route_edges, what_if
from graph.model import GROUP, node_key
from graph.privacy import carried_by
from graph.summary import in_partnership

G = data.network()
as_of, region = common.as_of(), common.region()
result = data.analysis_at(as_of)["flow"]
regions = data.group_partnerships()
F = data.flow_at(as_of)
viewer = data.is_viewer()
paper = data.paper_only(as_of)
since = uk_date(window(as_of)[0])

st.title("Information flow")
st.caption(
    "A local group is connected when it reaches a regional group that reaches national "
    "level, along reporting lines that someone carries (a person sitting on both groups)."
)
mine = {g for g in F.nodes if not region or regions.get(g) == region}
locals_ = sorted(
    (g for g in mine if F.nodes[g]["level"] == "local"), key=lambda g: F.nodes[g]["name"]
)
if not locals_:
    st.info("No local groups in this partnership.")
    st.stop()
broken = {b["group_id"]: b for b in in_partnership(result["broken"], regions, region or None)}
fragile = {f["group_id"]: f for f in in_partnership(result["fragile"], regions, region or None)}


def _status(group: str) -> str:
    if group in broken:
        return "cut off"
    return "fragile" if group in fragile else "connected"


def staffed_secret(u: str, v: str) -> bool:
    """Whether a line has a confidential group at one end: viewers are not told how many
    people carry it (members of confidential groups are not shown to them)."""
    nodes = G.nodes
    return bool(nodes[node_key(GROUP, u)].get("confidential")
                or nodes[node_key(GROUP, v)].get("confidential"))  # fmt: skip


def _route_view(
    edges: set, outlined: set[str] = frozenset(), key: str = "flow_canvas", gone: set = frozenset()
) -> None:
    """Draw these reporting lines top-down; lines carried only by ``gone`` people are
    drawn as nobody's."""
    H = nx.DiGraph()
    for u, v in edges:
        for g in (u, v):
            H.add_node(node_key(GROUP, g), label=GROUP, id=g, name=F.nodes[g]["name"],
                       level=F.nodes[g]["level"])  # fmt: skip
        left = F.edges[u, v]["staffers"] - gone
        H.add_edge(node_key(GROUP, u), node_key(GROUP, v), rel="REPORTS_TO", staffed=bool(left),
                   carriers=None if viewer and staffed_secret(u, v) else len(left),
                   two_way=F.edges[u, v]["two_way"],
                   paper_only=(u, v) in paper and not gone)  # fmt: skip
    drawn = view_data(
        H, levels_layout(H), problems={"broken": {node_key(GROUP, g) for g in outlined}},
        view=f"{key}|{sorted(edges)}", label="Routes from the group to national level",
    )  # fmt: skip
    network_view(drawn, key=key, height=380)


def _paper_words(line: dict) -> str:
    """Who carries a paper-only line and what they attended, in words (counts for viewers)."""
    carriers = line["carriers"]
    if viewer:
        verb = "sits" if len(carriers) == 1 else "sit"
        return (f"{count(len(carriers), 'person')} {verb} on both groups but attended no "
                f"meeting of one of them since {since}.")  # fmt: skip
    return (
        "; ".join(
            f"{data.person_words(G, c['person_id'])} attended {c['attended_from']} of "
            f"{line['from_name']}'s meetings and {c['attended_to']} of {line['to_name']}'s"
            for c in carriers
        )
        + f" since {since}."
    )


def _in_practice(u: str, v: str) -> str:
    if not F.edges[u, v]["staffed"]:
        return "nobody carries it"
    if (u, v) in paper:
        return f"only on paper: no carrier attended a meeting of both groups since {since}"
    return "carried"


tab_routes, tab_lists, tab_what_if = st.tabs(
    ["Routes of a group", "Cut off, fragile, on paper", "What if"]
)

with tab_routes:
    first = next((g for g in locals_ if g in broken), locals_[0])
    if st.session_state.get("flow_group") not in locals_:
        st.session_state["flow_group"] = first
    group = st.selectbox(
        "Local group", locals_, key="flow_group",
        format_func=lambda g: f"{F.nodes[g]['name']} ({_status(g)})",
    )  # fmt: skip
    explained = data.group_explanation(as_of, group)
    if explained is not None:
        shown = common.plain(explained.sentence)
        (st.error if explained.kind != "fragile" else st.warning)(shown)
        for fact in explained.evidence:
            st.caption(common.plain(fact))
        if explained.fixes:
            st.markdown(
                "**What could fix it**\n"
                + "\n".join(f"- {common.plain(f)}" for f in explained.fixes)
            )
    else:
        st.success(
            common.plain(
                f"{F.nodes[group]['name']} is connected, and nobody's leaving alone "
                "would cut it off."
            )
        )
    edges = route_edges(F, group)
    for u, v in sorted(e for e in edges if e in paper):
        st.info(
            common.plain(
                f"{F.nodes[u]['name']} → {F.nodes[v]['name']} is carried only on "
                f"paper: {_paper_words(paper[u, v])}"
            )
        )
    if edges:
        _route_view(edges, {group} if group in broken else set())
        st.markdown(line_key_html(), unsafe_allow_html=True)
        st.caption("Hover a line to see who carries it.")
        name = None if viewer else (lambda p: data.person_words(G, p))
        st.dataframe(
            pd.DataFrame(
                [{"from": F.nodes[u]["name"], "to": F.nodes[v]["name"],
                  "carried by": (
                      "Carried (how many is not shown: a confidential group)"
                      if viewer and staffed_secret(u, v) and F.edges[u, v]["staffed"]
                      else carried_by(F, u, v, name)),
                  "in practice": _in_practice(u, v)} for u, v in sorted(edges)]
            ),
            hide_index=True, width="stretch",
        )  # fmt: skip

with tab_lists:
    st.subheader(f"Cut off ({len(broken)})")
    if broken:
        rows = []
        for g in sorted(broken, key=lambda g: F.nodes[g]["name"]):
            why = data.group_explanation(as_of, g)
            rows.append({"group": F.nodes[g]["name"], "why": why.sentence if why else "",
                         "what could fix it": " ".join(why.fixes[:2]) if why else "",
                         "code": g})  # fmt: skip
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    else:
        st.success("Every local group reaches regional and national level.")
    st.subheader(f"Fragile ({len(fragile)})")
    if fragile:
        rows = []
        for g in sorted(fragile, key=lambda g: F.nodes[g]["name"]):
            why = data.group_explanation(as_of, g)
            rows.append({"group": F.nodes[g]["name"], "why": why.sentence if why else "",
                         "code": g})  # fmt: skip
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    else:
        st.success("No local group hangs on a single person.")
    mine_paper = [line for (u, v), line in paper.items() if u in mine or v in mine]
    st.subheader(f"Carried only on paper ({len(mine_paper)})")
    st.caption(
        f"Someone sits on both groups, but none of them attended a meeting of one of the "
        f"two since {since}. Lines whose groups recorded no meetings are not judged."
    )
    if mine_paper:
        rows = []
        for line in sorted(mine_paper, key=lambda x: (x["from_name"], x["to_name"])):
            rows.append({"from": line["from_name"], "to": line["to_name"],
                         "carried by": _paper_words(line)})  # fmt: skip
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    else:
        st.success("Every line someone carries is carried in practice too.")
    st.subheader("Download")
    lines, points = data.flow_frames(as_of, region or None)
    st.caption(
        "One row per line nobody carries (with who could carry it) and per person a group "
        "hangs on" + ("." if viewer else ", named (personal data: handle accordingly).")
    )
    d1, d2 = st.columns(2)
    d1.download_button(  # the files made when asked for, not at every view of the page
        f"Lines nobody carries ({len(lines)}, Excel)",
        lambda lines=lines: common.excel_bytes(common.export_frame(lines), "Lines nobody carries"),
        f"lines-nobody-carries-{as_of.isoformat()}.xlsx", common.XLSX,
    )  # fmt: skip
    d2.download_button(
        f"Single points of failure ({len(points)}, Excel)",
        lambda points=points: common.excel_bytes(
            common.export_frame(points), "Single points of failure"
        ),
        f"single-points-of-failure-{as_of.isoformat()}.xlsx", common.XLSX,
    )  # fmt: skip

with tab_what_if:
    st.markdown(
        "Choose people leaving or groups closing, and see which local groups would be cut off."
    )
    people = {}
    if not viewer:
        for u, v, staffers in F.edges(data="staffers"):
            if u in mine or v in mine:
                for p in staffers:
                    people.setdefault(p, data.person_words(G, p))
    # One person at a time, from a list that picks exactly the one highlighted: a
    # multiselect's Enter would take every match of what was typed.
    chosen: list[str] = [p for p in st.session_state.get("wi_chosen", []) if p in people]

    def _add() -> None:
        person = st.session_state.get("wi_person")
        if person and person not in chosen:
            st.session_state["wi_chosen"] = [*chosen, person]
        st.session_state["wi_person"] = None

    if viewer:  # a greyed-out picker would be a control nobody can use (nor read: 2.7:1)
        st.caption(
            "What if people leave: for analysts and admins (viewers see people by role "
            "only). What if groups close, below, is for everyone."
        )
    else:
        st.selectbox(
            "Add a person leaving (type a name or an organisation)",
            [p for p in sorted(people, key=people.get) if p not in chosen], index=None,
            key="wi_person", format_func=people.get, on_change=_add,
            placeholder="Type to search…",
        )  # fmt: skip
    if chosen:
        st.markdown("**Leaving:**")
        for person in chosen:
            left, right = st.columns([5, 1])
            left.markdown(f"- {common.plain(people[person])}")
            if right.button("Remove", key=f"wi_remove_{person}"):
                st.session_state["wi_chosen"] = [p for p in chosen if p != person]
                st.rerun()
    gone_people = chosen
    mine_groups = sorted(mine, key=lambda g: F.nodes[g]["name"])
    gone_groups = st.multiselect(
        "Groups closing", mine_groups, key="wi_groups", format_func=lambda g: F.nodes[g]["name"]
    )
    if gone_people or gone_groups:
        outcome = what_if(G, as_of, gone_people, gone_groups)
        newly = in_partnership(outcome["newly_broken"], regions, region or None)
        if newly:
            st.error(f"{count(len(newly), 'local group')} would be cut off:")
            st.dataframe(
                pd.DataFrame([{"group": b["group_name"], "code": b["group_id"]} for b in newly]),
                hide_index=True,
            )
            cut = set()
            for b in newly:
                cut |= route_edges(F, b["group_id"])
            _route_view(cut, {b["group_id"] for b in newly}, key="wi_canvas",
                        gone=set(gone_people))  # fmt: skip
            st.caption("The routes of the groups that would be cut off, without them: red, "
                       "dashed lines would have nobody on both groups.")  # fmt: skip
        else:
            st.success("No local group would be cut off.")
