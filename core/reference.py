"""Reference data shipped with the project: UK council hex-map positions.

From the Open Innovations hexmaps project (MIT licence, data/reference/LICENSE-hexmaps.txt).
"""

from __future__ import annotations

import csv
import json
from functools import cache

from core.config import REPO_ROOT

REFERENCE = REPO_ROOT / "data" / "reference"


@cache
def code_changes() -> dict[str, str]:
    """Old ONS code → current code (Barnsley and Sheffield changed in April 2024)."""
    with (REFERENCE / "code-changes.csv").open(encoding="utf-8") as handle:
        return {row["old_code"]: row["new_code"] for row in csv.DictReader(handle)}


@cache
def hex_positions() -> dict[str, tuple[float, float, str]]:
    """Current area code → (x, y, name) on the hex grid, north up.

    Odd rows are shifted right half a hex (layout odd-r); rows are 0.866 apart so
    that hexagons of radius 0.577 tile.
    """
    hexjson = json.loads((REFERENCE / "uk-local-authority-districts-2023.hexjson").read_text())
    changes = code_changes()
    out = {}
    for code, h in hexjson["hexes"].items():
        shift = 0.5 if h["r"] % 2 else 0.0
        out[changes.get(code, code)] = (h["q"] + shift, h["r"] * 0.866, h["n"])
    return out
