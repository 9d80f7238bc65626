"""What a viewer may see: the network without personal data.

Viewers see people by id only (no names, emails or phones), and not at all as
members of confidential groups. Analyses run on the whole network; this only
shapes what is shown.
"""

from __future__ import annotations

import networkx as nx

from graph.model import GROUP, PERSON

__all__ = ["PERSONAL", "redact"]

PERSONAL = ("name", "email", "phone")


def redact(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` without personal data or members of confidential groups.

    Examples
    --------
    >>> from graph.model import build_network
    >>> G = build_network({"people": [{"person_id": "P-1", "name": "Ann Example"}]})
    >>> redact(G).nodes["person:P-1"]["name"]
    'P-1'
    """
    H = G.copy()
    for _node, data in H.nodes(data=True):
        if data.get("label") == PERSON:
            data["name"] = data["id"]
            data["email"] = data["phone"] = None
            for key in [k for k in data if k not in ("label", "id", "name", "org_id")]:
                if key not in PERSONAL:
                    data.pop(key)
    confidential = {
        n for n, d in H.nodes(data=True) if d.get("label") == GROUP and d.get("confidential")
    }
    hidden = [
        (u, v, k)
        for u, v, k, d in H.edges(keys=True, data=True)
        if d.get("rel") == "MEMBER_OF" and v in confidential
    ]
    H.remove_edges_from(hidden)
    return H
