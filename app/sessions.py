"""Who is signed in, held by the server and tied to a cookie only the browser holds.

A Streamlit session is found again by its session id, which travels in every upload's
URL and could be replayed: so a sign-in is never kept in the session. When a password
is right, :func:`start` makes a random token and a one-time *claim* code; the page
posts the code to ``/smp-auth/claim`` (:mod:`app.serve`), which sets the token as an
``HttpOnly``, ``SameSite=Strict`` cookie and the page reloads. Every run of the app then
reads the cookie of its own connection (``st.context.cookies``) and looks the token up
here (:func:`lookup`); a connection without it is signed out, whatever its session id.

Tokens are kept only as their SHA-256, in this process's memory: a restart signs
everyone out, and several app processes behind a proxy need sticky sessions (each keeps
its own). Tokens end after the idle time (:func:`app.auth.idle_minutes`) or at sign-out.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass, replace

__all__ = [
    "CLAIM_SECONDS",
    "COOKIE",
    "SignIn",
    "claim",
    "end",
    "lookup",
    "start",
    "touch",
]

COOKIE = "smp_auth"
#: How long a claim code waits for the page to post it.
CLAIM_SECONDS = 60


@dataclass(frozen=True)
class SignIn:
    user: str
    role: str
    mode: str
    fingerprint: str
    last_seen: float


_LOCK = threading.Lock()
_SIGNED_IN: dict[str, SignIn] = {}  # sha256(token) → who
_CLAIMS: dict[str, tuple[str, float]] = {}  # sha256(code) → (token, expires)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def start(user: str, role: str, mode: str, fingerprint: str = "") -> str:
    """A new sign-in; returns the one-time claim code the page posts for its cookie."""
    token, code, now = secrets.token_urlsafe(32), secrets.token_urlsafe(32), time.time()
    with _LOCK:
        _SIGNED_IN[_digest(token)] = SignIn(user, role, mode, fingerprint, now)
        _CLAIMS[_digest(code)] = (token, now + CLAIM_SECONDS)
        for key, (_token, expires) in list(_CLAIMS.items()):  # forget stale claims
            if expires < now:
                del _CLAIMS[key]
    return code


def claim(code: str) -> str | None:
    """The token of a claim code, once and before it expires; None otherwise."""
    with _LOCK:
        found = _CLAIMS.pop(_digest(code), None)
    if found is None or found[1] < time.time():
        return None
    return found[0]


def lookup(token: str | None, idle_seconds: float) -> SignIn | None:
    """Who a cookie's token signs in, unless unknown or idle for longer than
    ``idle_seconds`` (then it ends)."""
    if not token:
        return None
    key = _digest(token)
    with _LOCK:
        found = _SIGNED_IN.get(key)
        if found is not None and time.time() - found.last_seen > idle_seconds:
            del _SIGNED_IN[key]
            return None
    return found


def touch(token: str, role: str) -> None:
    """Record activity (and the role held now) for a token."""
    key = _digest(token)
    with _LOCK:
        if key in _SIGNED_IN:
            _SIGNED_IN[key] = replace(_SIGNED_IN[key], role=role, last_seen=time.time())


def end(token: str | None) -> None:
    """Sign a token out (nothing if it is unknown)."""
    if token:
        with _LOCK:
            _SIGNED_IN.pop(_digest(token), None)
