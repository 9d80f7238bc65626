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
import re
import secrets

from core import config

__all__ = ["canonical", "contact_reference", "key", "reference", "references"]


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


def canonical(person_id: str) -> str:
    """A person id as people may write it, reduced to one form: no spaces, one case,
    and each run of digits without its leading zeros, so that ``P-03225``, ``p-03225``,
    ``P-3225`` and ``P- 003225`` are one id to erasure.

    >>> canonical(" P-03225 ") == canonical("p-3225") == canonical("P- 003225")
    True
    >>> canonical("P-03225") == canonical("P-03211")
    False
    """
    text = re.sub(r"\s+", "", person_id).casefold()
    return re.sub(r"\d+", lambda m: str(int(m.group())), text)


def _keyed(text: str, secret: bytes | None) -> str:
    secret = key() if secret is None else secret
    return hmac.new(secret, text.encode(), hashlib.sha256).hexdigest()


def reference(person_id: str, secret: bytes | None = None) -> str:
    """The stored reference of an erased person id (of its :func:`canonical` form).

    >>> reference("P-1", b"k") == reference(" p-01 ", b"k") != reference("P-1", b"j")
    True
    """
    return _keyed(canonical(person_id), secret)


def references(person_id: str, secret: bytes | None = None) -> set[str]:
    """Every reference that may stand for ``person_id``: :func:`reference`, and the one
    versions before December 2026 stored (the id only trimmed)."""
    return {reference(person_id, secret), _keyed(person_id.strip(), secret)}


def contact_reference(name: object, email: object, secret: bytes | None = None) -> str | None:
    """A keyed reference of a person's name and e-mail together (None without an
    e-mail), stored with an erasure so that the same person under a new id is noticed.

    >>> contact_reference("Ann  Lee", " Ann@Example.org", b"k") == contact_reference(
    ...     "ann lee", "ann@example.org", b"k")
    True
    """
    if not email or not str(email).strip():
        return None
    who = " ".join(str(name or "").split()).casefold()
    return _keyed(f"contact\x1f{who}\x1f{str(email).strip().casefold()}", secret)
