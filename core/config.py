"""Where things live and how to reach Neo4j.

Connection settings come from ``NEO4J_URI``, ``NEO4J_USER`` and ``NEO4J_PASSWORD``;
when they are not set, the defaults are those of the project's own local server
(``smp db start``), whose password is generated at first start and kept in the
git-ignored state folder (``.smp/`` at the repository root, or ``SMP_HOME``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PORT = 7687
DEFAULT_USER = "neo4j"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def state_dir() -> Path:
    """The git-ignored folder holding the local server's data, password and logs."""
    return Path(os.environ.get("SMP_HOME") or REPO_ROOT / ".smp").resolve()


def runtime_dir() -> Path:
    """Neo4j's jars and our compiled launcher; shared by every state folder."""
    return Path(os.environ.get("SMP_RUNTIME") or REPO_ROOT / ".smp" / "runtime").resolve()


def password_file() -> Path:
    return state_dir() / "neo4j" / "password"


def local_port() -> int:
    """The port the local server listens on.

    ``SMP_DB_PORT`` wins; else the port of ``NEO4J_URI`` when it points at this
    machine, so that one variable moves both the server and its clients.
    """
    if os.environ.get("SMP_DB_PORT"):
        return int(os.environ["SMP_DB_PORT"])
    uri = os.environ.get("NEO4J_URI")
    if uri:
        parsed = urlparse(uri)
        if parsed.hostname in LOCAL_HOSTS and parsed.port:
            return parsed.port
    return DEFAULT_PORT


@dataclass(frozen=True)
class Connection:
    uri: str
    user: str
    password: str | None
    database: str | None = None

    @property
    def is_local_default(self) -> bool:
        """True when no ``NEO4J_URI`` is set, so the local server is meant."""
        return "NEO4J_URI" not in os.environ


def connection() -> Connection:
    """Connection settings, environment first, then the local server's."""
    uri = os.environ.get("NEO4J_URI") or f"bolt://localhost:{local_port()}"
    user = os.environ.get("NEO4J_USER") or DEFAULT_USER
    password = os.environ.get("NEO4J_PASSWORD")
    if password is None and password_file().exists():
        password = password_file().read_text(encoding="utf-8").strip()
    return Connection(uri, user, password, os.environ.get("NEO4J_DATABASE") or None)
