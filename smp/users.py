"""The app's local users: names, roles and scrypt-hashed passwords in a JSON file.

No user and no password ship with the project; ``smp user add`` creates them. The
file lives in the git-ignored state folder (``.smp/users.json``) unless
``SMP_USERS_FILE`` says otherwise.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

from smp import config
from smp.errors import UsageError

ROLES = ("viewer", "analyst", "admin")
_N, _R, _P = 2**14, 8, 1


def users_file() -> Path:
    return Path(os.environ.get("SMP_USERS_FILE") or config.state_dir() / "users.json")


def _hash(password: str, salt: bytes, n: int = _N, r: int = _R, p: int = _P) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32)


def _encode(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _hash(password, salt)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def load_users() -> dict[str, dict]:
    path = users_file()
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _save(users: dict[str, dict]) -> None:
    path = users_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(users, handle, indent=2, sort_keys=True)
    tmp.replace(path)


def add_user(name: str, password: str, role: str) -> None:
    if role not in ROLES:
        raise UsageError(f"role {role!r} is not one of: {', '.join(ROLES)}")
    if len(password) < 10:
        raise UsageError("choose a password of 10 characters or more")
    users = load_users()
    users[name] = {"role": role, "password": _encode(password)}
    _save(users)


def remove_user(name: str) -> bool:
    users = load_users()
    if users.pop(name, None) is None:
        return False
    _save(users)
    return True


def verify(name: str, password: str) -> str | None:
    """The user's role when the password is right, else None (in constant time)."""
    user = load_users().get(name)
    if user is None:
        _hash(password, b"0" * 16)  # same work whether or not the user exists
        return None
    _scheme, n, r, p, salt, digest = user["password"].split("$")
    candidate = _hash(password, base64.b64decode(salt), int(n), int(r), int(p))
    return user["role"] if hmac.compare_digest(candidate, base64.b64decode(digest)) else None
