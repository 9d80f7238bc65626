"""Each role signs in to the running app in Chromium and sees exactly what it may; sign-in
fails closed, signing out leaves nothing behind, and the server answers only its own
host names (issue 12)."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from core import users
from tests.conftest import SHOTS, run_smp
from tests.test_browser import (
    as_of_30_september,
    axe_problems,
    choose,
    drawn_text,
    network_frame,
    running_app,
    settle,
)

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]
ROOT = Path(__file__).resolve().parent.parent
PASSWORDS = {
    "vera": "viewer-pass-123", "ann": "analyst-pass-123", "ada": "admin-pass-1234",
    "lou": "locked-out-123", "dan": "demoted-pass-123",
}  # fmt: skip
ROLES = {"vera": "viewer", "ann": "analyst", "ada": "admin", "lou": "viewer", "dan": "analyst"}


@contextmanager
def app_state(state: Path):
    """``core.users`` in this process working on the app's state folder."""
    saved = {k: os.environ.get(k) for k in ("SMP_HOME", "SMP_USERS_FILE")}
    os.environ.update(SMP_HOME=str(state), SMP_USERS_FILE=str(state / "users.json"))
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="module")
def signed_state(tmp_path_factory):
    return tmp_path_factory.mktemp("app-state")


@pytest.fixture(scope="module")
def signed_app(neo4j_env, driver, signed_state):
    sample = ROOT / "data" / "sample" / "uk"
    assert run_smp("load", str(sample), "--replace").returncode == 0
    with app_state(signed_state):
        for name, password in PASSWORDS.items():
            users.add_user(name, password, ROLES[name])
    env = dict(os.environ, SMP_HOME=str(signed_state),
               SMP_USERS_FILE=str(signed_state / "users.json"))  # fmt: skip
    try:
        with running_app(env, ROOT / "artifacts" / "app-roles.log") as url:
            yield url
    finally:  # other tests' apps find sign-in off again
        driver.execute_query("MATCH (s:SmpSetting) DELETE s")


def sign_in(browser, url, name):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    settle(page)
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORDS[name])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"Signed in as {name} ({ROLES[name]})").wait_for(timeout=60_000)
    settle(page)
    return page


def test_wrong_password_is_refused(signed_app, browser):
    page = browser.new_page()
    refused = []  # the sign-in page needs nothing a visitor may not have (its logo inline)
    page.on("response", lambda r: refused.append(r.url) if r.status == 403 else None)
    page.goto(signed_app)
    settle(page)
    page.get_by_label("User name").fill("ada")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Wrong user name or password.").wait_for(timeout=60_000)
    assert page.get_by_role("link", name="Overview").count() == 0
    assert not axe_problems(page)  # the sign-in page too meets WCAG 2.2 AA
    assert not refused, refused


@pytest.mark.parametrize("name", ["vera", "ann", "ada"])
def test_each_role_sees_what_it_may(signed_app, browser, driver, name):
    role = ROLES[name]
    york_rep = driver.execute_query(
        "MATCH (p:Person {personId: 'P-03346'}) RETURN p.name AS name"
    ).records[0]["name"]
    page = sign_in(browser, signed_app, name)
    assert (page.get_by_role("link", name="Data").count() == 1) == (role == "admin")
    as_of_30_september(page)
    choose(page, "Partnership", "Yorkshire and The Humber")
    page.get_by_text("10 of 15").wait_for(timeout=60_000)
    settle(page)
    problems = {"overview": axe_problems(page)}  # WCAG 2.2 AA on every page, each role
    page.get_by_role("link", name="Network explorer").click()
    page.wait_for_url("**/explorer")
    settle(page)
    network_frame(page)
    drawn = drawn_text(page) + page.content()
    assert (york_rep in drawn) == (role != "viewer")
    assert ("P-03346" in drawn) == (role != "viewer")  # viewers: role and sector only
    assert not re.search(r"P-\d{5}", drawn) or role != "viewer"
    assert ("VCS rep, voluntary sector" in drawn) == (role == "viewer")
    page.screenshot(path=SHOTS / f"explorer-as-{role}.png", full_page=True)
    problems["explorer"] = axe_problems(page)
    page.get_by_role("link", name="Information flow").click()
    page.wait_for_url("**/flow")
    settle(page)
    page.get_by_role("tab", name="What if").click()
    leaving = page.get_by_role(
        "combobox", name="Add a person leaving (type a name or an organisation)"
    )
    assert (leaving.count() == 0) == (role == "viewer")
    problems["flow"] = axe_problems(page)
    page.get_by_role("link", name="Coverage").click()
    page.wait_for_url("**/coverage")
    settle(page)
    problems["coverage"] = axe_problems(page)
    pages = [("Reports", "reports")] + ([("Data", "data")] if role == "admin" else [])
    for link, path in pages:
        page.get_by_role("link", name=link).click()
        page.wait_for_url(f"**/{path}")
        settle(page)
        problems[path] = axe_problems(page)
    assert not any(problems.values()), problems


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("User name").wait_for(timeout=60_000)
    settle(page)


def test_sign_out_leaves_nothing_for_the_next_user(signed_app, browser, signed_state):
    page = sign_in(browser, signed_app, "ann")
    page.get_by_role("link", name="Reports").click()
    page.wait_for_url("**/reports")
    settle(page)
    page.get_by_text("Name people (personal data)").click()
    settle(page)
    page.get_by_role("button", name="Generate").click()
    page.get_by_role("button", name="Download HTML").wait_for(timeout=120_000)
    assert page.get_by_role("button", name="Download the paper (Word)").count() == 1
    page.screenshot(path=SHOTS / "reports-downloads.png", full_page=True)
    leftovers = [p for p in (signed_state / "app-files").rglob("*") if p.is_file()]
    assert not leftovers  # made in a private folder, read into memory, deleted
    sign_out(page)
    page.get_by_label("User name").fill("vera")
    page.get_by_label("Password", exact=True).fill(PASSWORDS["vera"])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as vera (viewer)").wait_for(timeout=60_000)
    page.get_by_role("link", name="Reports").click()
    page.wait_for_url("**/reports")
    settle(page)
    assert page.get_by_role("button", name="Download HTML").count() == 0
    page.screenshot(path=SHOTS / "reports-after-sign-out.png", full_page=True)


def test_a_role_change_shows_at_the_next_click(signed_app, browser, signed_state):
    page = sign_in(browser, signed_app, "dan")
    with app_state(signed_state):
        assert users.set_role("dan", "viewer")
    page.get_by_role("link", name="Coverage").click()
    page.get_by_text("Signed in as dan (viewer)").wait_for(timeout=60_000)
    with app_state(signed_state):
        users.remove_user("dan")
    page.get_by_role("link", name="Overview").click()
    page.get_by_text("your account was removed").wait_for(timeout=60_000)
    assert page.get_by_role("link", name="Coverage").count() == 0


def test_wrong_passwords_lock_the_name(signed_app, browser):
    """Five wrong passwords lock the name, across sessions: the sixth try is refused
    even with the right password. Each try is made from a fresh page and waits for its
    own answer, so that no click is lost to the rerun of the one before."""
    page = browser.new_page()
    for attempt in range(users.FREE_ATTEMPTS + 1):
        page.goto(signed_app)
        settle(page)
        right = attempt == users.FREE_ATTEMPTS
        page.get_by_label("User name").fill("lou")
        page.get_by_label("Password", exact=True).fill(PASSWORDS["lou"] if right else "guess")
        page.get_by_role("button", name="Sign in").click()
        answer = "Too many wrong passwords for this user name" if right else "Wrong user name"
        page.get_by_text(answer).wait_for(timeout=60_000)
    settle(page)
    assert page.get_by_role("link", name="Overview").count() == 0


def test_an_emptied_users_file_signs_everyone_out(signed_app, browser, signed_state):
    page = sign_in(browser, signed_app, "vera")
    users_file = signed_state / "users.json"
    saved = users_file.read_bytes()
    try:
        users_file.write_text("{}")
        page.get_by_role("link", name="Coverage").click()
        page.get_by_text("Nobody can sign in until this is fixed").wait_for(timeout=60_000)
        settle(page)
        assert page.get_by_text("Signed in as vera").count() == 0
        assert page.get_by_text("Data loaded").count() == 0
        assert page.get_by_role("link", name="Data").count() == 0
        assert page.get_by_role("link", name="Overview").count() == 0
        page.screenshot(path=SHOTS / "sign-in-broken.png", full_page=True)
    finally:
        users_file.write_bytes(saved)


def _handshake(url: str, host: str) -> str:
    """The first line of the server's answer to a WebSocket handshake for ``host``."""
    port = int(url.rsplit(":", 1)[1])
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request.encode())
        return sock.recv(4096).decode("latin-1").splitlines()[0]


def test_only_its_own_host_names_are_answered(signed_app):
    assert " 101 " in _handshake(signed_app, "localhost")
    assert " 101 " not in _handshake(signed_app, "evil.example")
    assert " 403 " in _handshake(signed_app, "evil.example:8501")
    request = urllib.request.Request(signed_app, headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 400
    assert urllib.request.urlopen(signed_app, timeout=10).status == 200


def test_no_developer_tools_for_users(signed_app, browser):
    page = sign_in(browser, signed_app, "ada")
    assert page.get_by_role("button", name="Deploy").count() == 0
    assert page.get_by_test_id("stMainMenu").count() == 0
    page.keyboard.press("c")  # Streamlit's "clear caches" shortcut for developers
    settle(page)
    assert page.get_by_text("Clear caches").count() == 0


def _session_id_of_an_upload(page) -> str:
    """An admin's session id, as any upload's URL shows it."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if "upload_file" in r.url else None)
    page.get_by_role("link", name="Data").click()
    page.wait_for_url("**/data")
    settle(page)
    page.locator("input[type=file]").set_input_files(str(ROOT / "data/sample/north-east.xlsx"))
    deadline = time.monotonic() + 60
    while not seen and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    return re.search(r"upload_file/([^/]+)/", seen[0]).group(1)


def _replayed(url: str, session_id: str, message) -> bytes:
    """What the server sends a WebSocket that claims ``session_id`` (no cookie)."""
    from websockets.sync.client import connect

    stream = url.replace("http", "ws") + "/_stcore/stream"
    got = b""
    with connect(stream, subprotocols=["streamlit", "x", session_id]) as ws:
        ws.send(message.SerializeToString())
        with contextlib.suppress(TimeoutError):
            while True:
                got += ws.recv(timeout=8)
    return got


def test_a_session_id_is_not_a_password_and_uploads_need_a_signed_in_admin(signed_app, browser):
    """Issue 28, rows 1, 2 and 11: the sign-in lives in an HttpOnly, SameSite=Strict cookie
    the server checks on every run, so replaying the session id of an upload's URL finds
    the sign-in form; an upload without the cookie is refused; a stranger's clear-cache
    message is dropped; a download the page made is fetched with the cookie and refused
    without it. A reload keeps the sign-in."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    page = sign_in(browser, signed_app, "ada")
    cookie = next(c for c in page.context.cookies() if c["name"] == "smp_auth")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    page.reload()
    page.get_by_text("Signed in as ada (admin)").wait_for(timeout=60_000)
    session_id = _session_id_of_an_upload(page)
    # A page's files: the signed-in fetch them (before the replay below, which takes
    # this page's session over), nobody else does.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the blank template (Excel)").click()
    assert download.value.failure() is None, download.value.failure()
    assert download.value.suggested_filename == "network-template.xlsx"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(download.value.url, timeout=10)
    assert refused.value.code == 403
    rerun = BackMsg()
    rerun.rerun_script.query_string = ""
    got = _replayed(signed_app, session_id, rerun)
    assert b"User name" in got and b"Signed in as" not in got and b"Data loaded" not in got
    upload = urllib.request.Request(
        f"{signed_app}/_stcore/upload_file/{session_id}/x", data=b"a,b\n", method="PUT"
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(upload, timeout=10)
    assert refused.value.code == 403
    clear = BackMsg()
    clear.clear_cache = True
    _replayed(signed_app, session_id, clear)
    log = (ROOT / "artifacts" / "app-roles.log").read_text()
    assert "dropped a browser's clear_cache message" in log
    headers = urllib.request.urlopen(signed_app, timeout=10).headers
    assert headers["Content-Security-Policy"] == "frame-ancestors 'self'"
