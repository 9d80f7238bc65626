"""Each role signs in to the running app in Chromium and sees exactly what it may."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core import users
from tests.conftest import SHOTS, run_smp
from tests.test_browser import choose, network_frame, running_app, settle

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]
ROOT = Path(__file__).resolve().parent.parent
PASSWORDS = {"vera": "viewer-pass-123", "ann": "analyst-pass-123", "ada": "admin-pass-1234"}
ROLES = {"vera": "viewer", "ann": "analyst", "ada": "admin"}


@pytest.fixture(scope="module")
def signed_app(neo4j_env, tmp_path_factory):
    sample = ROOT / "data" / "sample" / "uk"
    assert run_smp("load", str(sample), "--replace").returncode == 0
    users_file = tmp_path_factory.mktemp("users") / "users.json"
    env = dict(os.environ, SMP_USERS_FILE=str(users_file))
    saved = os.environ.get("SMP_USERS_FILE")
    os.environ["SMP_USERS_FILE"] = str(users_file)
    try:
        for name, password in PASSWORDS.items():
            users.add_user(name, password, ROLES[name])
    finally:
        if saved is None:
            os.environ.pop("SMP_USERS_FILE")
        else:
            os.environ["SMP_USERS_FILE"] = saved
    with running_app(env, ROOT / "artifacts" / "app-roles.log") as url:
        yield url


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
    page.goto(signed_app)
    settle(page)
    page.get_by_label("User name").fill("ada")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Wrong user name or password.").wait_for(timeout=60_000)
    assert page.get_by_role("link", name="Overview").count() == 0


@pytest.mark.parametrize("name", ["vera", "ann", "ada"])
def test_each_role_sees_what_it_may(signed_app, browser, driver, name):
    role = ROLES[name]
    york_rep = driver.execute_query(
        "MATCH (p:Person {personId: 'P-03346'}) RETURN p.name AS name"
    ).records[0]["name"]
    page = sign_in(browser, signed_app, name)
    assert (page.get_by_role("link", name="Data").count() == 1) == (role == "admin")
    choose(page, "Partnership", "Yorkshire and The Humber")
    page.get_by_text("10 of 15").wait_for(timeout=60_000)
    page.get_by_role("link", name="Network explorer").click()
    page.wait_for_url("**/explorer")
    settle(page)
    frame, _count = network_frame(page)
    drawn = frame.content()
    assert (york_rep in drawn) == (role != "viewer")
    assert "P-03346" in drawn  # viewers still see the person, by id
    page.screenshot(path=SHOTS / f"explorer-as-{role}.png", full_page=True)
    page.get_by_role("link", name="Information flow").click()
    page.wait_for_url("**/flow")
    settle(page)
    names_box = page.get_by_role("checkbox", name="Show people's names")
    assert names_box.is_disabled() == (role == "viewer")
