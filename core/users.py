"""The app's local users: names, roles and Argon2id-hashed passwords in a JSON file.

No user and no password ship with the project; ``smp user add`` creates them. The
file lives in the git-ignored state folder (``.smp/users.json``) unless
``SMP_USERS_FILE`` says otherwise. Adding the first user also leaves a marker
(``.smp/sign-in``) saying that sign-in was set up: from then on a missing, empty or
unreadable users file means *nobody* gets in (:class:`SignInBroken`), never that
sign-in is off. Only ``smp user sign-in-off`` removes the marker.

Wrong passwords are counted per user name in ``.smp/sign-in-failures.json``: after
:data:`FREE_ATTEMPTS` in a row the name is locked for a time that doubles with each
further failure (:func:`lockout_seconds`), whether or not the name exists.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import hmac
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from core import config
from core.errors import SmpError, UsageError

__all__ = [
    "FREE_ATTEMPTS",
    "ROLES",
    "SignInBroken",
    "Verdict",
    "add_user",
    "configured_kind",
    "current_role",
    "load_users",
    "lockout_seconds",
    "mark_configured",
    "remove_user",
    "set_role",
    "turn_sign_in_off",
    "users_file",
    "verify",
]

ROLES = ("viewer", "analyst", "admin")
MIN_PASSWORD = 10
#: Wrong passwords in a row allowed before a user name is locked.
FREE_ATTEMPTS = 5
FIRST_LOCK_S = 30
LONGEST_LOCK_S = 15 * 60
# Argon2id at the RFC 9106 "low memory" profile (64 MiB, 3 passes, 4 lanes): above
# OWASP's minimum (19 MiB, 2 passes, 1 lane).
_HASHER = PasswordHasher()
_DUMMY = _HASHER.hash("no such user: the same work either way")


class SignInBroken(SmpError):
    """Sign-in was set up, but its configuration cannot be used now: nobody gets in."""


def users_file() -> Path:
    return Path(os.environ.get("SMP_USERS_FILE") or config.state_dir() / "users.json")


def _marker() -> Path:
    return config.state_dir() / "sign-in"


def _failures_file() -> Path:
    return config.state_dir() / "sign-in-failures.json"


def configured_kind() -> str | None:
    """How sign-in was set up: ``"local"`` (``smp user add``), ``"oidc"`` (the app saw
    an ``[auth]`` section in Streamlit's secrets) or None (never).

    A users file without the marker (from an earlier version) counts as ``"local"``;
    a marker that cannot be read raises :class:`SignInBroken`.
    """
    marker = _marker()
    try:
        text = marker.read_text(encoding="utf-8")
    except FileNotFoundError:
        return "local" if users_file().exists() else None
    except (OSError, UnicodeDecodeError) as err:
        raise SignInBroken(f"the sign-in marker {marker} cannot be read ({err})") from err
    kind = text.split(None, 1)[0] if text.strip() else ""
    if kind not in ("local", "oidc"):
        raise SignInBroken(f"the sign-in marker {marker} is damaged")
    return kind


def mark_configured(kind: str) -> None:
    """Record that sign-in was set up (``"local"`` or ``"oidc"``); see :func:`configured_kind`."""
    marker = _marker()
    marker.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # one written by an earlier version (mode 644) too
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(
            f"{kind}\nSign-in to the app was set up. While this file exists, the app lets "
            "nobody in unless that sign-in works. `smp user sign-in-off` removes it.\n"
        )


def load_users() -> dict[str, dict]:
    """``{name: {"role": ..., "password": ...}}``; ``{}`` when no file exists.

    Raises :class:`SignInBroken` when the file exists but cannot be read or is not
    a users file: the caller must then let nobody in.
    """
    path = users_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as err:
        raise SignInBroken(f"the users file {path} cannot be read ({err})") from err
    try:
        users = json.loads(text)
    except json.JSONDecodeError as err:
        raise SignInBroken(f"the users file {path} is not valid JSON ({err})") from err
    if not isinstance(users, dict) or not all(
        isinstance(entry, dict) and entry.get("role") in ROLES and entry.get("password")
        for entry in users.values()
    ):
        raise SignInBroken(f"the users file {path} is not a users file written by smp user add")
    return users


def _save(users: dict[str, dict]) -> None:
    path = users_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(users, handle, indent=2, sort_keys=True)
    tmp.replace(path)


def check_new_user(name: str, password: str, role: str) -> None:
    """Raise :class:`UsageError` for a role, name or password :func:`add_user` refuses."""
    if role not in ROLES:
        raise UsageError(f"role {role!r} is not one of: {', '.join(ROLES)}")
    if not name.strip() or name != name.strip():
        raise UsageError("a user name cannot be blank or start or end with spaces")
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"choose a password of {MIN_PASSWORD} characters or more")


def add_user(name: str, password: str, role: str) -> None:
    """Add a user or change their role and password (which signs their sessions out)."""
    check_new_user(name, password, role)
    users = load_users()
    users[name] = {"role": role, "password": _HASHER.hash(password)}
    _save(users)
    mark_configured("local")


def set_role(name: str, role: str) -> bool:
    """Change a user's role, keeping their password; False when there is no such user.
    Their open sessions carry the new role from their next click."""
    if role not in ROLES:
        raise UsageError(f"role {role!r} is not one of: {', '.join(ROLES)}")
    users = load_users()
    if name not in users:
        return False
    users[name]["role"] = role
    _save(users)
    return True


def remove_user(name: str) -> bool:
    """Remove a user; False when there was none. Sign-in stays on with no users left."""
    users = load_users()
    if users.pop(name, None) is None:
        return False
    _save(users)
    return True


def turn_sign_in_off() -> None:
    """Remove every user and the marker: the app becomes a local single-user tool again."""
    users_file().unlink(missing_ok=True)
    _marker().unlink(missing_ok=True)


def _fingerprint(entry: dict) -> str:
    """A short digest of a user's stored hash: a new password gives a new fingerprint."""
    return hashlib.sha256(entry["password"].encode()).hexdigest()[:16]


def current_role(name: str, fingerprint: str) -> str | None:
    """The role ``name`` holds now, or None when removed or their password changed.

    The app calls this on every run, so removal and demotion take effect at once.
    """
    entry = load_users().get(name)
    if entry is None or not hmac.compare_digest(_fingerprint(entry), fingerprint):
        return None
    return entry["role"]


@dataclass(frozen=True)
class Verdict:
    """The outcome of a sign-in attempt: ``role`` when it succeeded, else None;
    ``locked_for`` seconds when the name is locked (the password was not checked)."""

    role: str | None
    fingerprint: str = ""
    locked_for: int = 0


def lockout_seconds(failures: int) -> int:
    """How long a name is locked after ``failures`` wrong passwords in a row.

    >>> [lockout_seconds(n) for n in (4, 5, 6, 7, 20)]
    [0, 30, 60, 120, 900]
    """
    if failures < FREE_ATTEMPTS:
        return 0
    return min(LONGEST_LOCK_S, FIRST_LOCK_S * 2 ** (failures - FREE_ATTEMPTS))


@contextlib.contextmanager
def _failures() -> Iterator[dict[str, dict]]:
    """The failure counts, locked against other sessions and processes meanwhile."""
    path = _failures_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(fd, "r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            counts = json.loads(handle.read() or "{}")
        except json.JSONDecodeError:
            counts = {}
        yield counts
        handle.seek(0)
        handle.truncate()
        json.dump(counts, handle)


def _key(name: str) -> str:
    # Names typed at the sign-in form are not stored in clear.
    return hashlib.sha256(name.strip().lower().encode()).hexdigest()[:24]


def _check_scrypt(password: str, stored: str) -> bool:
    _scheme, n, r, p, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(
        password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(candidate, base64.b64decode(digest))


def _password_ok(password: str, stored: str) -> bool:
    if stored.startswith("scrypt$"):  # written by earlier versions; upgraded on success
        return _check_scrypt(password, stored)
    try:
        return _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def verify(name: str, password: str, now: float | None = None) -> Verdict:
    """Check a password; the same work whether or not the user exists.

    A locked name is refused without checking the password. A right password resets
    the count; an old scrypt hash or weaker Argon2 parameters are re-hashed.
    """
    now = time.time() if now is None else now
    key = _key(name)
    # The attempt is counted as a failure before the password is checked, in the same
    # locked step as the lockout check: attempts made at the same moment (threads,
    # sessions, processes) each see the ones before, so no more than FREE_ATTEMPTS of
    # them are ever checked. A right password then clears the count.
    with _failures() as counts:
        entry = counts.get(key, {"count": 0, "at": 0.0})
        wait = entry["at"] + lockout_seconds(entry["count"]) - now
        if wait > 0:
            return Verdict(None, locked_for=int(wait) + 1)
        counts[key] = {"count": entry["count"] + 1, "at": now}
    users = load_users()
    user = users.get(name)
    if user is None:
        _password_ok(password, _DUMMY)
        ok = False
    else:
        ok = _password_ok(password, user["password"])
    if ok:
        with _failures() as counts:
            counts.pop(key, None)
    if not ok:
        return Verdict(None)
    if user["password"].startswith("scrypt$") or _HASHER.check_needs_rehash(user["password"]):
        user["password"] = _HASHER.hash(password)
        _save(users)
    return Verdict(user["role"], _fingerprint(user))
