"""Keyed references to erased people, so that an erasure sticks without keeping the id.

``smp forget`` stores :func:`reference` of the erased person id (an HMAC-SHA-256 under
this installation's key), never the id or the name; a later load compares the
references of its people with the stored ones and refuses a match. Without the key a
reference says nothing about whom it names.

The key comes from ``SMP_ERASURE_KEY``, else from ``<state>/erasure.key`` (made at
first use, mode 600). Every machine that loads into one shared database must use the
same key (set ``SMP_ERASURE_KEY``), or it cannot recognise erased people.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

from core import config

__all__ = ["key", "reference"]


def key() -> bytes:
    """This installation's erasure key (created on first use)."""
    if os.environ.get("SMP_ERASURE_KEY"):
        return os.environ["SMP_ERASURE_KEY"].encode()
    path = config.state_dir() / "erasure.key"
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it meanwhile
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_hex(32).encode())
    return path.read_bytes().strip()


def reference(person_id: str, secret: bytes | None = None) -> str:
    """The stored reference of an erased person id.

    >>> reference("P-1", b"k") == reference(" P-1 ", b"k") != reference("P-1", b"j")
    True
    """
    secret = key() if secret is None else secret
    return hmac.new(secret, person_id.strip().encode(), hashlib.sha256).hexdigest()
