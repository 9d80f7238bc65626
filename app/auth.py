"""Who is using the app, and with which role. Fails closed.

- Streamlit's own OpenID Connect sign-in when ``[auth]`` is configured in
  ``.streamlit/secrets.toml``; roles then come from its ``[roles]`` table
  (e-mail = "analyst") for **verified** e-mails only, everyone else being a viewer.
- Otherwise the local users of ``smp user add`` (Argon2id-hashed passwords).
- With neither, and only while the app listens on this computer alone, sign-in is
  off: the app is a single user's local tool, acts as admin and says so.

Once sign-in was set up (see :func:`core.users.configured_kind`), no later state of
the users file or the secrets (missing, empty, unreadable, malformed) lets anyone
in: the page says what to fix instead. A session's role is looked up again on every
run, so removing or demoting a user takes effect at once; sessions end after
``SMP_SESSION_IDLE_MINUTES`` (default 30) without activity; signing out clears the
whole session.

Roles: ``viewer`` sees no names, no person ids and no members of confidential
groups; ``analyst`` reads everything; ``admin`` also loads workbooks.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from app import sessions
from app.common import plain
from app.hosts import host_name
from core import users
from core.users import ROLES, SignInBroken

RANK = {"viewer": 0, "analyst": 1, "admin": 2}
LOCAL_ADDRESSES = {"localhost", "127.0.0.1", "::1"}
IDLE_MINUTES = 30
TITLE = "SMP Network Analyser"
_LOG = logging.getLogger("smp.app")


def idle_minutes() -> float:
    value = os.environ.get("SMP_SESSION_IDLE_MINUTES", "")
    try:
        minutes = float(value)
    except ValueError:
        return IDLE_MINUTES
    return minutes if minutes > 0 else IDLE_MINUTES


def _secrets_auth() -> bool:
    """Whether Streamlit's secrets configure OpenID sign-in; raises :class:`SignInBroken`
    when a secrets file exists but cannot be read."""
    try:
        return "auth" in st.secrets
    except Exception as err:  # no secrets at all, or a file Streamlit cannot parse
        files = [Path(p) for p in st.get_option("secrets.files") or [] if Path(p).exists()]
        if not files:
            return False
        raise SignInBroken(
            f"the secrets file ({', '.join(map(str, files))}) cannot be read: {type(err).__name__}"
        ) from err


def _listens_locally() -> bool:
    return (st.get_option("server.address") or "") in LOCAL_ADDRESSES


def _asked_locally() -> bool:
    """Whether this session's page was asked for on this computer: a loopback Host name
    and a loopback peer. Behind a reverse proxy the peer is local but the Host is the
    public name, so this says no. A session with no request at all (AppTest, a script)
    has no one to ask from elsewhere: yes."""
    if not _has_request():
        return True
    headers = st.context.headers
    peer = headers.get("x-smp-peer") or ""  # set by app.serve from the connection itself
    host = host_name(headers.get("host", "") or "")
    return host in LOCAL_ADDRESSES and (peer or "") in LOCAL_ADDRESSES


def mode(recorded: str | None = None) -> str:
    """``"oidc"``, ``"local"`` or ``"off"``; raises :class:`SignInBroken` when sign-in
    was set up but cannot work now, or is not set up and the app is reachable from
    other computers.

    ``recorded`` is how the database says sign-in was set up for it (``local``,
    ``oidc`` or None): an app that finds no sign-in of its own (a users file gone,
    ``SMP_HOME`` pointing elsewhere) refuses everyone when the database says otherwise.
    """
    kind = users.configured_kind()
    if _secrets_auth():
        if kind != "oidc":
            users.mark_configured("oidc")
        return "oidc"
    if kind == "oidc":
        raise SignInBroken("OpenID sign-in was set up, but the secrets have no [auth] section now")
    if kind == "local":
        if not users.load_users():
            raise SignInBroken(f"sign-in was set up, but {users.users_file()} holds no users")
        return "local"
    if recorded is not None:
        raise SignInBroken(
            f"sign-in ({'local users' if recorded == 'local' else 'OpenID'}) was set up for "
            f"this database, but this app finds none: no users file at {users.users_file()} "
            "(SMP_HOME, SMP_USERS_FILE)"
        )
    if not _listens_locally():
        raise SignInBroken(
            "sign-in is not set up, and this app listens on "
            f"{st.get_option('server.address') or 'every network interface'}, not on this "
            "computer alone"
        )
    if not _asked_locally():
        raise SignInBroken(
            "sign-in is not set up, and this page was asked for from another computer or "
            "through a proxy; without sign-in the app answers only on this computer"
        )
    return "off"


def _clear_session() -> None:
    for key in list(st.session_state.keys()):
        del st.session_state[key]


def _no_pages() -> None:
    """Nobody signed in: no page list either (the browser would keep the last one)."""
    st.navigation([st.Page(_signed_out_page, title="Sign in", default=True)], position="hidden")


def _signed_out_page() -> None:
    """The only "page" while nobody is signed in; the sign-in form is drawn by main."""


def _broken(err: SignInBroken) -> None:
    _clear_session()
    _no_pages()
    st.title(TITLE)
    # Whoever sees this page has not signed in: the details (paths) go to the log only.
    _LOG.error("sign-in refused for everyone: %s", err)
    said = re.sub(
        r"(?:[A-Za-z]:)?[/\\][^\s,;:()]+",
        "see the app's log",
        str(err).replace(str(users.users_file()), "the users file"),
    )
    st.error(f"**Nobody can sign in until this is fixed:** {plain(said)}.", icon="🔒")
    st.markdown(
        "For whoever runs the app:\n"
        "- local users: `smp user add NAME --role viewer|analyst|admin` (or restore the "
        "users file; `SMP_USERS_FILE` and `SMP_HOME` say where it is);\n"
        "- OpenID: fix the `[auth]` section of `.streamlit/secrets.toml`;\n"
        "- a single person's local tool with no sign-in: `smp user sign-in-off`, then "
        "`smp app` (which listens on this computer alone)."
    )
    st.stop()


def _start_session(
    user: str, role: str, kind: str, fingerprint: str = "", clear: bool = True
) -> None:
    """A new user: nothing of the previous session is kept (unless ``clear`` is False:
    sign-in off, nobody to keep apart)."""
    if clear:
        _clear_session()
    st.session_state["auth"] = {
        "user": user, "role": role, "mode": kind, "fingerprint": fingerprint,
        "last_seen": time.time(),
    }  # fmt: skip


def _oidc_role() -> str:
    if not st.user.get("is_logged_in", False):
        _no_pages()
        st.title(TITLE)
        st.button("Sign in", on_click=st.login, type="primary")
        st.stop()
    roles = dict(st.secrets.get("roles", {}))
    bad = {e: r for e, r in roles.items() if r not in ROLES}
    if bad:
        raise SignInBroken(f"the [roles] table gives unknown roles: {bad}")
    email = st.user.get("email")
    verified = st.user.get("email_verified") is True
    role = roles.get(email, "viewer") if email and verified else "viewer"
    user = email or st.user.get("name") or "signed in"
    session = st.session_state.get("auth")
    if session is None or session["user"] != user:
        _start_session(user, role, "oidc")
    st.session_state["auth"]["role"] = role
    if email and not verified and email in roles:
        st.sidebar.warning("Your e-mail address is not verified, so you sign in as a viewer.")
    return role


def _has_request() -> bool:
    """Whether this run serves a browser's connection (always, under ``smp app``: every
    request has headers, a Host at least); not in an in-process harness such as AppTest,
    which has no connection, no headers and no cookies."""
    return bool(st.context.headers)


def _from_cookie() -> str | None:
    """The role of the sign-in whose token this connection's cookie carries (see
    :mod:`app.sessions`), else None; a connection without the cookie is signed out
    whatever its session id says."""
    token = st.context.cookies.get(sessions.COOKIE)
    found = sessions.lookup(token, idle_minutes() * 60)
    session = st.session_state.get("auth")
    if found is None:
        if session is not None:
            _clear_session()
            if token:
                st.session_state["signed_out_because"] = (
                    f"You were signed out after {idle_minutes():g} minutes without activity."
                )
        return None
    role = users.current_role(found.user, found.fingerprint)
    if role is None:
        sessions.end(token)
        _clear_session()
        st.session_state["signed_out_because"] = (
            "You were signed out: your account was removed or its password changed."
        )
        return None
    sessions.touch(token, role)
    digest = hashlib.sha256(token.encode()).hexdigest()
    if session is None or session.get("token") != digest:  # a new sign-in: nothing kept
        _start_session(found.user, role, "local", found.fingerprint)
        st.session_state["auth"]["token"] = digest
    st.session_state["auth"]["role"] = role
    return role


def _local_role() -> str:
    if _has_request():
        role = _from_cookie()
        if role is not None:
            return role
    else:
        session = st.session_state.get("auth")
        if session is not None:
            role = users.current_role(session["user"], session["fingerprint"])
            if role is not None:
                session["role"] = role
                return role
            _clear_session()
            st.session_state["signed_out_because"] = (
                "You were signed out: your account was removed or its password changed."
            )
    _no_pages()
    st.title(TITLE)
    reason = st.session_state.pop("signed_out_because", None)
    if reason:
        st.info(reason)
    with st.form("sign_in"):
        name = st.text_input("User name", key="sign_in_name")
        password = st.text_input("Password", type="password", key="sign_in_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        verdict = users.verify(name, password)
        if verdict.role and _has_request():
            # The browser fetches its cookie with the one-time code, then reloads.
            _clear_session()
            code = sessions.start(name, verdict.role, "local", verdict.fingerprint)
            st.info("Signing in…")
            _browser_call("/smp-auth/claim", code)
            st.stop()
        if verdict.role:
            _start_session(name, verdict.role, "local", verdict.fingerprint)
            st.rerun()
        if verdict.locked_for:
            st.error(
                "Too many wrong passwords for this user name: it is locked for about "
                f"{_how_long(verdict.locked_for)}. Try again later."
            )
        else:
            st.error("Wrong user name or password.")
    st.stop()
    raise AssertionError("unreachable")


def _how_long(seconds: float) -> str:
    """A lock's length in words.

    >>> _how_long(30), _how_long(59.4), _how_long(60), _how_long(140), _how_long(3600)
    ('30 seconds', '1 minute', '1 minute', '2 minutes', '60 minutes')
    """
    if seconds < 59:
        return f"{max(1, round(seconds))} seconds"
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def sign_in(recorded: str | None = None, record: Callable[[str], None] | None = None) -> str:
    """The role of whoever is using the app; a sign-in form or an error (and
    ``st.stop()``) when nobody with a role is signed in.

    ``recorded``: how the database says sign-in was set up (see :func:`mode`);
    ``record(kind)`` is called to tell the database when that differs.
    """
    try:
        kind = mode(recorded)
    except SignInBroken as err:
        _broken(err)
    if kind != "off" and kind != recorded and record is not None:
        record(kind)
    session = st.session_state.get("auth")
    if session is not None:
        idle = time.time() - session["last_seen"]
        if session["mode"] != kind:
            _clear_session()
        elif kind != "off" and idle > idle_minutes() * 60:
            _clear_session()
            st.session_state["signed_out_because"] = (
                f"You were signed out after {idle_minutes():g} minutes without activity."
            )
            if kind == "oidc":
                st.logout()
    if kind == "off":
        if "auth" not in st.session_state:
            _start_session("local user", "admin", "off", clear=False)
        return "admin"
    try:
        role = _oidc_role() if kind == "oidc" else _local_role()
    except SignInBroken as err:
        _broken(err)
    st.session_state["auth"]["last_seen"] = time.time()
    return role


_BROWSER_JS = """
export default function (component) {
  const { data } = component;
  if (!data || !data.url || window.__smpCalled === data.nonce) return;
  window.__smpCalled = data.nonce;
  fetch(data.url, {method: "POST", body: data.body, credentials: "same-origin",
                   headers: {"Content-Type": "text/plain"}})
    .finally(() => window.location.reload());
}
"""
_browser = None


def _browser_call(url: str, body: str = "") -> None:
    """Have the browser post ``body`` to ``url`` of this server (with its cookies), then
    reload the page: how a sign-in's cookie is set and a sign-out's deleted."""
    global _browser
    if _browser is None:
        _browser = st.components.v2.component("smp_auth_call", js=_BROWSER_JS)
    _browser(key=f"auth_call_{secrets.token_hex(4)}",
             data={"url": url, "body": body, "nonce": secrets.token_hex(8)})  # fmt: skip


def user() -> str | None:
    session = st.session_state.get("auth")
    return session["user"] if session else None


def sign_out() -> None:
    mode_now = (st.session_state.get("auth") or {}).get("mode")
    _clear_session()
    if mode_now == "oidc":
        st.logout()
    elif mode_now == "local" and _has_request():
        # The token ends here: the browser's cookie then signs nobody in.
        sessions.end(st.context.cookies.get(sessions.COOKIE))


def banner(role: str) -> None:
    session = st.session_state.get("auth") or {}
    if session.get("mode") == "off":
        st.sidebar.warning(
            "Sign-in is off: no users are set up, so whoever uses this computer sees "
            "everything. Add users with `smp user add NAME --role viewer|analyst|admin`."
        )
    else:
        st.sidebar.caption(f"Signed in as **{plain(session.get('user'))}** ({role}).")
        st.sidebar.button("Sign out", on_click=sign_out)


def can(role: str, needed: str) -> bool:
    return RANK[role] >= RANK[needed]
