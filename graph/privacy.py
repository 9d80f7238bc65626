"""What a viewer may see: the network without personal data and without person ids.

Viewers see each person as a role and a sector ("VCS rep, voluntary sector"), under
a *pseudonym*: a keyed hash of the id that means nothing outside the running app
(the key is the app's own, made afresh at each start), so that a view can still be
drawn and a single point of failure outlined. Members of confidential groups are
not shown at all. Analyses run on the whole network; this only shapes what is shown.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Callable

import networkx as nx

from graph.model import GROUP, ORGANISATION, PERSON, node_key, nodes_of
from graph.words import ROLE_WORDS, SECTOR_WORDS

__all__ = [
    "PERSONAL",
    "ROLE_ORDER",
    "carried_by",
    "describe_person",
    "fictional_people",
    "only_confidential",
    "pseudonym",
    "redact",
]

PERSONAL = ("name", "email", "phone")
#: Roles from the most to the least telling, for describing a person by one of them.
ROLE_ORDER = ("chair", "vice_chair", "vcs_rep", "secretariat", "advisor", "member", "observer")


def pseudonym(person_id: str, key: bytes) -> str:
    """A short token for a person, the same for the same id and key.

    >>> pseudonym("P-1", b"k") == pseudonym("P-1", b"k") != pseudonym("P-2", b"k")
    True
    """
    return "~" + hmac.new(key, person_id.encode(), hashlib.sha256).hexdigest()[:12]


def describe_person(G: nx.MultiDiGraph, person: str) -> str:
    """A person by their most telling role and their organisation's sector.

    >>> from graph.model import build_network
    >>> G = build_network({
    ...     "organisations": [{"org_id": "O", "name": "Refugee Aid", "sector": "vcs"}],
    ...     "people": [{"person_id": "P", "name": "Ann", "org_id": "O"}],
    ...     "groups": [{"group_id": "G", "name": "Forum", "level": "local"}],
    ...     "memberships": [{"person_id": "P", "group_id": "G", "role": "vcs_rep"}]})
    >>> describe_person(G, "person:P")
    'VCS rep, voluntary sector'
    """
    roles = Counter(
        d.get("role") for _u, _v, d in G.out_edges(person, data=True) if d.get("rel") == "MEMBER_OF"
    )
    role = next((ROLE_WORDS[r] for r in ROLE_ORDER if roles.get(r)), "Person")
    org_id = G.nodes[person].get("org_id")
    org = G.nodes.get(node_key(ORGANISATION, org_id)) if org_id else None
    sector = SECTOR_WORDS.get(org.get("sector"), "") if org else ""
    return f"{role}, {sector}" if sector else role


def redact(G: nx.MultiDiGraph, key: bytes) -> nx.MultiDiGraph:
    """A copy of ``G`` with people under pseudonyms, without personal data, and
    without members of confidential groups.

    Each person's node key becomes ``person:<pseudonym>``; ``id`` is the pseudonym,
    ``name`` a description (:func:`describe_person`); ``org_id`` stays (organisations
    are public bodies), every other field goes.

    Examples
    --------
    >>> from graph.model import build_network
    >>> G = build_network({"people": [{"person_id": "P-1", "name": "Ann Example"}]})
    >>> R = redact(G, b"key")
    >>> [(d["id"] == pseudonym("P-1", b"key"), d["name"]) for _n, d in R.nodes(data=True)]
    [(True, 'Person')]
    """
    confidential = {
        n for n, d in G.nodes(data=True) if d.get("label") == GROUP and d.get("confidential")
    }
    hidden = [
        (u, v, k)
        for u, v, k, d in G.edges(keys=True, data=True)
        if d.get("rel") == "MEMBER_OF" and v in confidential
    ]
    H = G.copy()
    H.remove_edges_from(hidden)
    mapping = {}
    for node, data in H.nodes(data=True):
        if data.get("label") != PERSON:
            continue
        token = pseudonym(data["id"], key)
        description = describe_person(H, node)
        kept = {"label": PERSON, "id": token, "name": description, "org_id": data.get("org_id")}
        data.clear()
        data.update(kept, email=None, phone=None)
        mapping[node] = node_key(PERSON, token)
    H.graph["redacted"] = True  # a viewer's network: graph.views hides counts on it too
    _redact_records(H, key)
    return nx.relabel_nodes(H, mapping, copy=False)


def _redact_records(H: nx.MultiDiGraph, key: bytes) -> None:
    """The people that elections and councils name by id, under their pseudonyms (the
    records beside the network: :func:`graph.model.build_network`)."""
    H.graph["elections"] = [
        {**r, **{c: pseudonym(r[c], key) if r.get(c) else None
                 for c in ("contact_person_id", "elected_person_id")}}
        for r in H.graph.get("elections", ())
    ]  # fmt: skip
    for _node, data in H.nodes(data=True):
        if data.get("lead_person_id"):
            data["lead_person_id"] = pseudonym(data["lead_person_id"], key)


def only_confidential(G: nx.MultiDiGraph, person: str) -> bool:
    """Whether every group ``person`` (a node key) sits on is confidential: then a viewer
    learns nothing about them, not even their organisation or term.

    >>> from graph.model import build_network
    >>> G = build_network({"groups": [{"group_id": "S", "name": "S", "level": "local",
    ...                                "confidential": True}],
    ...     "people": [{"person_id": "P", "name": "P"}],
    ...     "memberships": [{"person_id": "P", "group_id": "S", "role": "vcs_rep"}]})
    >>> only_confidential(G, "person:P")
    True
    """
    groups = [v for _u, v, d in G.out_edges(person, data=True) if d.get("rel") == "MEMBER_OF"]
    return bool(groups) and all(G.nodes[g].get("confidential") for g in groups)


#: The e-mail domain of the project's sample people (reserved for examples, RFC 2606).
FICTIONAL_DOMAIN = "@example.org"


def fictional_people(G: nx.MultiDiGraph) -> bool:
    """Whether every person in ``G`` is fictional, as the sample's people are: there
    are people, and each has an e-mail address at ``example.org``. One real address
    (or none) is enough to say no, so the app never calls real people fictional.

    >>> from graph.model import build_network
    >>> fictional_people(build_network({"people": [
    ...     {"person_id": "P-1", "name": "Ann", "email": "ann@example.org"}]}))
    True
    >>> fictional_people(build_network({"people": [
    ...     {"person_id": "P-1", "name": "Ann", "email": "ann@example.org"},
    ...     {"person_id": "P-2", "name": "Bo", "email": None}]}))
    False
    """
    emails = [d.get("email") for _n, d in nodes_of(G, PERSON)]
    return bool(emails) and all(e and e.endswith(FICTIONAL_DOMAIN) for e in emails)


def carried_by(F: nx.DiGraph, u: str, v: str, name: Callable[[str], str] | None = None) -> str:
    """Who carries the reporting line ``u → v`` of a flow graph, as a user may read it:
    by ``name(person_id)`` when given (analysts and admins), else as a count.

    >>> F = nx.DiGraph()
    >>> F.add_edge("L", "R", staffed=True, staffers=frozenset({"P-1", "P-2"}))
    >>> F.add_edge("R", "N", staffed=False, staffers=frozenset())
    >>> carried_by(F, "L", "R"), carried_by(F, "R", "N")
    ('Carried by 2 people', 'Unstaffed: nobody sits on both groups')
    >>> carried_by(F, "L", "R", {"P-1": "Ann", "P-2": "Bo"}.get)
    'Carried by Ann, Bo'
    """
    edge = F.edges[u, v]
    if not edge["staffed"]:
        return "Unstaffed: nobody sits on both groups"
    staffers = edge["staffers"]
    if name is None:
        return "Carried by 1 person" if len(staffers) == 1 else f"Carried by {len(staffers)} people"
    return "Carried by " + ", ".join(sorted(name(p) for p in staffers))
