"""Shared fixtures. Tests that need Neo4j get their own server: own port, own data
folder (``.smp/test``, or ``SMP_TEST_HOME`` to run two suites side by side), started
once per run and stopped after, so nothing here can reach the user's database."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.config import REPO_ROOT

# The suite runs with the clock moved a year on (core.clock): a test that reads figures
# "as of today" instead of pinning its date fails on every run, not only once the day
# it was written has passed. Everything started from here (the app, `smp`) inherits it.
MOVED_ON = dt.date.today() + dt.timedelta(days=365)
os.environ["SMP_TODAY"] = MOVED_ON.isoformat()
# No app here watches the database for loads made elsewhere (app.data._watch) or warms
# its caches in the background (a sample-size network costs 25-35 s of CPU each time):
# it would only slow the suite. tests/test_browser.py's app turns both on, and tests them.
os.environ["SMP_WATCH_SECONDS"] = "0"
os.environ["SMP_WARM"] = "0"

TEST_HOME = Path(os.environ.get("SMP_TEST_HOME") or REPO_ROOT / ".smp" / "test").resolve()
DATA = Path(__file__).resolve().parent / "data"
SMP = str(Path(sys.executable).with_name("smp"))


def _free_port() -> int:
    from smp.server import free_port

    return free_port()


@pytest.fixture(autouse=True, scope="session")
def app_listens_locally():
    """AppTest runs the app as `smp app` serves it: on localhost, where sign-in may be
    off (app.auth refuses everyone when sign-in is off and the app is reachable)."""
    from streamlit import config

    config.set_option("server.address", "localhost")


@pytest.fixture(scope="session")
def neo4j_env():
    """Start the test server and point every connection setting at it."""
    from smp.server import temporary_server

    for leftover in ("sign-in", "users.json", "sign-in-failures.json", "erasure.key"):
        (TEST_HOME / leftover).unlink(missing_ok=True)
    with temporary_server(
        TEST_HOME,
        heap=os.environ.get("SMP_TEST_DB_HEAP", "1g"),
        # LOAD CSV reads files only here (the benchmark's baseline test copies its CSVs in).
        import_dir=TEST_HOME / "import",
    ) as env:
        yield env


@pytest.fixture(scope="session")
def driver(neo4j_env):
    from core import db

    with db.driver() as drv:
        yield drv


@pytest.fixture
def own_sign_in(driver, tmp_path, monkeypatch):
    """A state folder of the test's own for sign-in (users, marker), and no sign-in
    recorded in the test database afterwards, so other tests find sign-in off."""
    monkeypatch.setenv("SMP_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("SMP_USERS_FILE", str(tmp_path / "state" / "users.json"))
    yield tmp_path / "state"
    driver.execute_query("MATCH (s:SmpSetting) DELETE s")


@pytest.fixture
def empty_db(driver):
    """A database holding nothing at all when the test starts."""
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
    return driver


def db_snapshot(driver) -> tuple:
    """Everything in the database, as a comparable value."""
    nodes = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
    ).records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS type, properties(r) AS props, "
        "elementId(b) AS b"
    ).records
    node_set = sorted(repr((sorted(r["labels"]), sorted(r["props"].items()))) for r in nodes)
    rel_set = sorted(repr((r["type"], sorted(r["props"].items()))) for r in rels)
    return tuple(node_set), tuple(rel_set)


def run_smp(*args: str, env: dict | None = None, timeout: int = 300, input_text=None):
    """Run the installed ``smp`` command as a user would."""
    return subprocess.run(
        [SMP, *args], capture_output=True, text=True, env=env or dict(os.environ),
        timeout=timeout, check=False, input=input_text,
        stdin=None if input_text is not None else subprocess.DEVNULL,
    )  # fmt: skip


def retry_once_after_delivering(monkeypatch, module) -> list:
    """Make ``module.read_in_transaction`` retry its first read transaction once it has
    delivered every table (as after a transient error); later calls read as usual.
    Returns the list of calls, one per transaction asked for."""
    original = module.read_in_transaction
    calls: list = []

    def retried(driver, database, work):
        calls.append(work)
        if len(calls) > 1:
            return original(driver, database, work)
        with driver.session(database=database) as session:
            session.execute_read(work)  # the first attempt delivers every table ...
            return session.execute_read(work)  # ... and then it is tried again

    monkeypatch.setattr(module, "read_in_transaction", retried)
    return calls


# Browser tests (tests/test_browser*.py): Debian's chromium driven by Playwright.
SHOTS = REPO_ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="session")
def sample_network():
    """The sample network (data/sample/uk) read from its workbook, without Neo4j: built
    once for the report tests that only read it."""
    from graph.model import build_network
    from loader.validate import load_workbook

    return build_network(load_workbook(REPO_ROOT / "data" / "sample" / "uk").tables)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM) or Path(CHROMIUM).exists(), "run `make test` to install chromium"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
