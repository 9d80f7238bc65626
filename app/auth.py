"""Who is using the app, and with which role.

- Streamlit's own OpenID Connect sign-in when ``[auth]`` is configured in
  ``.streamlit/secrets.toml``; roles then come from its ``[roles]`` table
  (e-mail = "analyst"), everyone else being a viewer.
- Otherwise the local users file of ``smp user add`` (scrypt-hashed passwords).
- With neither, sign-in is off: the app is a single user's local tool (it listens
  on localhost), acts as admin, and says so on every page.

Roles: ``viewer`` sees no names, e-mails or phones and no members of confidential
groups; ``analyst`` reads everything; ``admin`` also loads workbooks.
"""

from __future__ import annotations

import streamlit as st

from smp import users

RANK = {"viewer": 0, "analyst": 1, "admin": 2}


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False
    except Exception:  # a malformed secrets file: treat as not configured, say so
        st.warning("`.streamlit/secrets.toml` could not be read; OpenID sign-in is off.")
        return False


def sign_in() -> str:
    """The signed-in user's role; shows a sign-in form (and stops) when needed."""
    if _oidc_configured():
        if not st.user.get("is_logged_in", False):
            st.title("SMP Network Analyser")
            st.button("Sign in", on_click=st.login, type="primary")
            st.stop()
        roles = dict(st.secrets.get("roles", {}))
        st.session_state["user"] = st.user.get("email") or st.user.get("name") or "signed in"
        return roles.get(st.session_state["user"], "viewer")
    if not users.load_users():
        st.session_state["user"] = "local user"
        return "admin"
    if st.session_state.get("role"):
        return st.session_state["role"]
    st.title("SMP Network Analyser")
    with st.form("sign_in"):
        name = st.text_input("User name", key="sign_in_name")
        password = st.text_input("Password", type="password", key="sign_in_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        role = users.verify(name, password)
        if role:
            st.session_state["user"], st.session_state["role"] = name, role
            st.rerun()
        st.error("Wrong user name or password.")
    st.stop()


def sign_out() -> None:
    for key in ("user", "role"):
        st.session_state.pop(key, None)
    if _oidc_configured():
        st.logout()


def banner(role: str) -> None:
    if not _oidc_configured() and not users.load_users():
        st.sidebar.warning(
            "Sign-in is off: no users are set up, so whoever can open this app sees "
            "everything. Add users with `smp user add NAME --role viewer|analyst|admin`."
        )
    else:
        st.sidebar.caption(f"Signed in as **{st.session_state.get('user')}** ({role}).")
        st.sidebar.button("Sign out", on_click=sign_out)


def can(role: str, needed: str) -> bool:
    return RANK[role] >= RANK[needed]
