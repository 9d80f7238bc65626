"""Every Cypher statement of the project, one ``.cypher`` file each, loaded by name.

Values only ever enter these statements as ``$parameters``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CYPHER_DIR = Path(__file__).resolve().parent


@cache
def query(name: str) -> str:
    """The text of ``cypher/<name>.cypher`` (``name`` may contain a subfolder)."""
    path = CYPHER_DIR / f"{name}.cypher"
    if not path.is_file():
        raise KeyError(f"No Cypher statement named {name!r} (looked for {path})")
    return path.read_text(encoding="utf-8").strip()


def statements(name: str) -> list[str]:
    """The statements of a file holding several, separated by semicolons at line ends."""
    text = "\n".join(line for line in query(name).splitlines() if not line.strip().startswith("//"))
    return [part.strip() for part in text.split(";\n") if part.strip().rstrip(";")]
