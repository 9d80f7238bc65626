"""The details panel beside the network canvas: a group, a person, an organisation or a
council area, in words, with why it is outlined and what could be done."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app import common, data
from app.common import plain
from core.words import count
from graph.model import GROUP, ORGANISATION, node_key
from graph.views import group_profile, person_profile
from graph.words import KIND_WORDS, LEVEL_WORDS, ROLE_WORDS, SECTOR_WORDS


def _explanation(explained) -> None:
    st.markdown(plain(explained.sentence))
    for fact in explained.evidence:
        st.caption(plain(fact))
    if explained.fixes:
        st.markdown("**What could fix it**")
        st.markdown("\n".join(f"- {plain(fix)}" for fix in explained.fixes))


def _members(members: dict[str, list[str]], G) -> None:
    if not members:
        st.markdown("No current members.")
        return
    for role, ids in members.items():
        title = ROLE_WORDS.get(role, role)
        if data.is_viewer():
            st.markdown(f"- **{title}**: {count(len(ids), 'person', 'people')}")
        else:
            people = ", ".join(sorted(plain(data.person_words(G, p)) for p in ids))
            st.markdown(f"- **{title}** ({len(ids)}): {people}")


def _lines(title: str, lines: list[dict], G, arrow: str, secret: bool = False) -> None:
    """The group's reporting lines up or down; ``secret``: the group is confidential, so
    viewers are not told how many people carry its lines."""
    if not lines:
        return
    st.markdown(f"**{title}**")
    rows = []
    for line in lines:
        other = G.nodes.get(node_key(GROUP, line.get("group_id") or ""), {})
        if not line["staffed"]:
            who = ":red[nobody sits on both groups]"
        elif data.is_viewer() and (secret or other.get("confidential")):
            who = "carried (how many is not shown: a confidential group)"
        elif data.is_viewer():
            who = f"carried by {count(len(line['staffers']), 'person', 'people')}"
        else:
            who = "carried by " + ", ".join(
                plain(data.person_words(G, p)) for p in line["staffers"]
            )
        rows.append(f"- {arrow} {plain(line['group_name'])}: {who}")
    st.markdown("\n".join(rows))


def group_panel(key: str, as_of: dt.date) -> None:
    G = data.network()
    group_id = G.nodes[key]["id"] if key in G else key.split(":", 1)[1]
    profile = group_profile(G, data.flow_at(as_of), group_id, as_of)
    st.subheader(plain(profile["name"] or group_id))
    kind = KIND_WORDS.get(profile["kind"], "group") if profile["kind"] else "group"
    where = f" covering {profile['area_name']}" if profile["area_name"] else ""
    st.caption(plain(f"{LEVEL_WORDS.get(profile['level'], '')} {kind}{where} · {group_id}"))
    explained = data.group_explanation(as_of, group_id)
    if explained is not None:
        st.error("**Cut off**" if explained.kind != "fragile" else "**Fragile**", icon="⚠️")
        _explanation(explained)
    area = profile["area_id"]
    gap = data.area_gap(as_of, area) if area else None
    if gap is not None:
        st.warning(f"**No elected VCS rep for its area.** {plain(gap.sentence)}")
    if profile["confidential"] and data.is_viewer():
        st.markdown("Its meetings are not public: members are not shown.")
    else:
        st.markdown("**Members**")
        _members(profile["members"], G)
    _lines("Reports to", profile["up"], G, "→", bool(profile["confidential"]))
    _lines("Hears from", profile["down"], G, "←", bool(profile["confidential"]))
    _rules(group_id, as_of)


def _rules(group_id: str, as_of: dt.date) -> None:
    """The group's rules (terms of reference) and whether it keeps each, broken first."""
    rules = [r for r in data.cycle_sentences(as_of)["rules"] if r["group_id"] == group_id]
    if not rules:
        return
    broken = [r for r in rules if not r["holds"]]
    st.markdown(
        f"**Terms of reference**: {len(rules) - len(broken)} of {count(len(rules), 'rule')} kept"
    )
    st.markdown(
        "\n".join(
            f"- {'Not kept' if not r['holds'] else 'Kept'}: {common.plain(r['sentence'])}"
            for r in sorted(rules, key=lambda r: r["holds"])
        )
    )


def person_panel(key: str, as_of: dt.date) -> None:
    shown = data.display_network()
    person = shown.nodes[key]
    st.subheader(plain(person.get("name") or "A person"))
    org = shown.nodes.get(node_key(ORGANISATION, person.get("org_id") or ""), {})
    if org:
        st.caption(plain(f"{org.get('name')} ({SECTOR_WORDS.get(org.get('sector'), '')})"))
    profile = person_profile(shown, data.flow_at(as_of), key, as_of)
    st.markdown("**Seats**")
    st.markdown(
        "\n".join(f"- {ROLE_WORDS.get(s['role'], s['role'])}, {plain(s['group_name'])}"
                  for s in profile["seats"]) or "No current seats."
    )  # fmt: skip
    if data.is_viewer():
        return
    F = data.flow_at(as_of)
    if profile["carries"]:
        st.markdown("**Carries these reporting lines**")
        st.markdown("\n".join(
            f"- {plain(F.nodes[c['from']].get('name'))} → {plain(F.nodes[c['to']].get('name'))}"
            + (" (the only one)" if c["alone"] else "")
            for c in profile["carries"]
        ))  # fmt: skip
    broken = data.without(as_of, person["id"])
    if broken:
        st.error(
            "**Without them, these local groups would be cut off:** "
            + ", ".join(plain(b["group_name"]) for b in broken)
        )
    elif profile["carries"]:
        st.success("No local group would be cut off without them.")


def area_panel(key: str, as_of: dt.date) -> None:
    G = data.network()
    area = G.nodes[key]
    st.subheader(plain(area.get("name") or area["id"]))
    st.caption(plain(f"council area · {area['id']}"))
    explained = data.area_explanation(as_of, area["id"])
    if explained.kind == "covered":
        st.success(plain(explained.sentence))
        return
    st.warning("**No elected VCS rep**")
    _explanation(explained)


def organisation_panel(key: str) -> None:
    shown = data.display_network()
    org = shown.nodes[key]
    st.subheader(plain(org.get("name") or org["id"]))
    st.caption(plain(f"{SECTOR_WORDS.get(org.get('sector'), 'organisation')} · {org['id']}"))


def panel(key: str | None, as_of: dt.date) -> None:
    """The details of ``key`` (a node key of the view, or ``area:<id>``)."""
    if not key:
        st.markdown("**Select a node** on the canvas, or find one below, to see its details here.")
        return
    label = key.split(":", 1)[0]
    if label == "group":
        group_panel(key, as_of)
    elif label == "person" and key in data.display_network():
        person_panel(key, as_of)
    elif label == "area" and key in data.network():
        area_panel(key, as_of)
    elif label == "org" and key in data.display_network():
        organisation_panel(key)
    else:
        st.markdown("Not in this view any more.")
