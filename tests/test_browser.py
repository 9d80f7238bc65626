"""End to end: `smp app` against the test server with the sample network, driven in
headless Chromium (Debian's chromium, Playwright for Python). Screenshots are saved
to artifacts/screenshots/; draw times to artifacts/browser-timings.json."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import SHOTS, SMP, _free_port, run_smp
from tests.workbooks import read_tables

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]
ROOT = Path(__file__).resolve().parent.parent
YORKSHIRE_NAME = "Yorkshire and The Humber"
PROXIED = "smp.example.test"


@contextmanager
def running_app(env: dict, log: Path) -> Iterator[str]:
    """``smp app`` on a free port for the length of the block (its URL); fails the test
    if the app never answers its health check."""
    port = _free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(
            [SMP, "app", "--headless", "--port", str(port)],
            stdout=out,
            stderr=out,
            env=env,
            start_new_session=True,
        )
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"the app did not start; see {log}")
    try:
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def app_url(neo4j_env):
    sample = ROOT / "data" / "sample" / "uk"
    assert run_smp("load", str(sample), "--replace").returncode == 0
    # A name it is told to serve besides localhost, as behind a reverse proxy (issue 28,
    # row 8: with sign-in off, such requests get no data).
    # The app watches for loads made elsewhere every 3 s (15 by default: quicker here
    # only to keep the suite short).
    env = dict(os.environ, SMP_ALLOWED_HOSTS=PROXIED, SMP_WATCH_SECONDS="3", SMP_WARM="1")
    with running_app(env, ROOT / "artifacts" / "app.log") as url:
        yield url


def settle(page, timeout=120_000):
    page.wait_for_selector(
        "[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=timeout
    )
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=timeout)


_DRAWN = (
    "() => { const r = document.querySelector('.smp-network');"
    " if (!r || !r.dataset.drawnAt) return null;"
    " return [Number(r.dataset.nodes), Number(r.dataset.drawnAt)]; }"
)


def network_frame(page, nodes: int | None = None, timeout: float = 60, after: float = -1.0):
    """The page once the network canvas has drawn (``nodes`` nodes, if given), after
    ``after`` (the page's clock, ms); returns (page, nodes drawn). Polls every 100 ms
    in the page, so as not to slow the drawing it waits for."""
    check = (
        "([nodes, after]) => { const r = document.querySelector('.smp-network');"
        " if (!r || !r.dataset.drawnAt) return false;"
        " return Number(r.dataset.drawnAt) > after"
        " && (nodes === null || Number(r.dataset.nodes) === nodes); }"
    )
    try:
        page.wait_for_function(check, arg=[nodes, after], polling=100, timeout=timeout * 1000)
    except Exception as err:
        page.screenshot(path=SHOTS / "failed-network.png", full_page=True)
        seen = page.evaluate(_DRAWN)
        raise AssertionError(f"no network of {nodes} nodes was drawn (saw {seen})") from err
    return page, page.evaluate(_DRAWN)[0]


def drawn_edges(page) -> list[dict]:
    return page.evaluate(
        "() => window.smpNetwork.body.data.edges.get()"
        ".map(e => ({from: e.from, to: e.to, arrows: e.arrows || '', dashes: !!e.dashes}))"
    )


def drawn_text(page) -> str:
    """Every label and tooltip of the drawn nodes, and their ids."""
    return page.evaluate(
        "() => window.smpNetwork.body.data.nodes.get().map(n => n.id + ' ' + (n.label || '')"
        " + ' ' + (n.title && n.title.innerText || '')).join('\\n')"
    )


def timed_change(page, change) -> tuple[int, float]:
    """Do ``change`` (a filter), then wait for the canvas: (nodes, seconds from the
    change to the canvas drawn, by the page's clock)."""
    before = page.evaluate("() => performance.now()")
    old = caption_nodes(page)
    change()
    # The rerun may not have started when settle() first looks: wait for the caption to
    # give the new count (every change timed here changes it), then for that drawing.
    deadline = time.monotonic() + 60
    while True:
        settle(page)
        expected = caption_nodes(page)
        if expected != old or time.monotonic() > deadline:
            break
        page.wait_for_timeout(200)
    _page, count = network_frame(page, expected, after=before)
    drawn_at = page.evaluate(_DRAWN)[1]
    return count, (drawn_at - before) / 1000


def timed_toggle(page, change, undo, times: int = 3) -> dict:
    """``change`` then ``undo``, ``times`` over: the nodes after ``change`` and the
    median of its timings (this machine's speed varies from one second to the next)."""
    seconds = []
    for _ in range(times):
        count, took = timed_change(page, change)
        seconds.append(round(took, 3))
        timed_change(page, undo)
    return {"nodes": count, "seconds": sorted(seconds)[len(seconds) // 2], "runs": seconds}


def choose(page, label: str, option: str):
    box = page.get_by_label(label, exact=True)
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def caption_nodes(page) -> int:
    text = page.get_by_text(re.compile(r"^\d+ nodes, \d+ links")).first.inner_text()
    return int(text.split()[0])


PAGES = (
    ("Overview", "", "Council areas covered"),
    ("Network explorer", "explorer", "Network explorer"),
    ("Coverage", "coverage", "Coverage: elected VCS representatives"),
    ("Information flow", "flow", "A local group is connected"),
    ("Reports", "reports", "Quarterly coverage report"),
    ("Data", "data", "Upload the network workbook"),
)


AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_problems(page) -> list[tuple]:
    """axe-core's serious and critical violations of WCAG 2.2 AA on the page as it is."""
    assert AXE.exists(), "run `make test` to install axe-core (tests/axe)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    assert result["passes"], "axe ran its checks"
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def as_of_30_september(page) -> None:
    """Set the sidebar's date to 30 September 2026: the figures tests read are that day's
    (the suite runs with the clock moved a year on: tests/conftest.py)."""
    page.get_by_role("spinbutton", name="day, As of").click()
    page.keyboard.type("30092026")
    page.locator("h1").first.click()  # the date is taken when the field loses focus
    page.get_by_text("350 of 361").wait_for(timeout=60_000)
    settle(page)


def open_at(browser, url: str, size: tuple[int, int], region: str | None = YORKSHIRE_NAME):
    """A page of the app as of 30 September 2026, for ``region``."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(url)
    settle(page)
    as_of_30_september(page)
    if region:
        choose(page, "Partnership", region)
        page.get_by_text("10 of 15").wait_for(timeout=60_000)
        settle(page)
    return page


@pytest.mark.parametrize("size", [(1366, 768), (1440, 1000)], ids=["1366x768", "1440x1000"])
def test_every_page_at_two_sizes(app_url, browser, size):
    page = open_at(browser, app_url, size)
    failed, problems = [], {}
    page.on("requestfailed", lambda r: failed.append(r.url))
    for link, path, text in PAGES:
        page.get_by_role("link", name=link).click()
        if path:
            page.wait_for_url(f"**/{path}")
        page.get_by_text(text).first.wait_for(timeout=60_000)
        settle(page)
        if path in ("explorer", "flow"):
            network_frame(page)
            time.sleep(0.5)  # let the canvas finish its first paint
        page.screenshot(
            path=SHOTS / f"{path or 'overview'}-{size[0]}x{size[1]}.png", full_page=True
        )
        if size == (1440, 1000):  # WCAG 2.2 AA on every page (issue 30, item 8)
            problems[path or "overview"] = axe_problems(page)
    outside = [u for u in failed if not u.startswith(app_url)]
    assert not outside, f"the page asked the internet for {outside}"
    assert not any(problems.values()), problems


def test_explorer_arrows_run_from_to_as_the_workbook_says(app_url, browser):
    page = open_at(browser, app_url, (1400, 1000))
    page.get_by_role("link", name="Network explorer").click()
    page.wait_for_url("**/explorer")
    settle(page)
    network_frame(page)
    arrows = {(e["from"], e["to"]) for e in drawn_edges(page) if e["arrows"] == "to"}
    unstaffed = {(e["from"], e["to"]) for e in drawn_edges(page) if e["dashes"]}
    day = dt.date(2026, 9, 30)
    lines = read_tables(ROOT / "data" / "sample" / "uk")["reporting_lines"]
    drawn_groups = {n.split(" ")[0] for n in drawn_text(page).splitlines()}
    expected = {
        (f"group:{r['from_group_id']}", f"group:{r['to_group_id']}")
        for r in lines
        if (not r["start_date"] or dt.date.fromisoformat(r["start_date"]) <= day)
        and (not r["end_date"] or dt.date.fromisoformat(r["end_date"]) >= day)
        and f"group:{r['from_group_id']}" in drawn_groups
        and f"group:{r['to_group_id']}" in drawn_groups
    }
    assert len(expected) > 30
    assert arrows == expected  # every arrow, each from → to
    assert ("group:G-KIR-MAF", "group:G-WY-SRG") in unstaffed  # red and dashed


def test_flow_draws_a_line_carried_only_on_paper_apart_from_the_others(app_url, browser):
    from app.vis import BROKEN, PAPER_ONLY

    page = open_at(browser, app_url, (1366, 768))
    page.get_by_role("link", name="Information flow").click()
    page.wait_for_url("**/flow")
    settle(page)
    network_frame(page)
    before = page.evaluate("() => performance.now()")
    choose(page, "Local group", "York multi-agency")
    settle(page)
    page.get_by_text("is carried only on paper").first.wait_for(timeout=60_000)
    # The words come before the canvas in the rerun, which keeps the last group's route
    # drawn until then: wait for York's own route, drawn after the choice.
    page.wait_for_function(
        "() => !!(window.smpNetwork && window.smpNetwork.body.data.nodes.get('group:G-YRK-MAF'))",
        timeout=60_000,
    )
    network_frame(page, after=before)
    edges = page.evaluate(
        "() => window.smpNetwork.body.data.edges.get()"
        ".map(e => [e.from, e.to, e.color.color, JSON.stringify(e.dashes || null)])"
    )
    looks = {(u, v): (colour, dashes) for u, v, colour, dashes in edges}
    assert looks[("group:G-YRK-MAF", "group:G-YNY-SRG")] == (PAPER_ONLY, "[2,5]")
    others = {look for line, look in looks.items() if line[0] != "group:G-YRK-MAF"}
    assert others == {("#0b0c0c", "null")}  # the rest of the route: carried
    assert PAPER_ONLY != BROKEN
    page.get_by_text("carried only on paper: its carriers attended").wait_for()
    page.screenshot(path=SHOTS / "flow-paper-only.png", full_page=True)


def test_explorer_click_opens_the_details_and_views_draw_fast(app_url, browser):
    page = open_at(browser, app_url, (1366, 768))
    page.get_by_role("link", name="Network explorer").click()
    page.wait_for_url("**/explorer")
    settle(page)
    network_frame(page)
    xy = page.evaluate(
        "() => { const n = window.smpNetwork; const p = n.getPositions(['group:G-KIR-MAF'])"
        "['group:G-KIR-MAF']; const d = n.canvasToDOM(p);"
        " const r = document.querySelector('.smp-network').getBoundingClientRect();"
        " return [r.left + d.x, r.top + d.y]; }"
    )
    page.mouse.click(*xy)
    page.get_by_role("heading", name="Kirklees multi-agency forum").wait_for(timeout=60_000)
    page.get_by_text("nobody sits on both it and West Yorkshire").wait_for()
    settle(page)
    page.screenshot(path=SHOTS / "explorer-details.png", full_page=True)
    page.get_by_role("button", name="Clear the selection").click()
    page.get_by_role("heading", name="Kirklees multi-agency forum").wait_for(state="detached")
    settle(page)

    timings = {}
    page.get_by_text("Filters, colours and layout").click()
    organisations = page.get_by_text("Organisations", exact=True)
    timings["partnership_with_organisations"] = timed_toggle(
        page, organisations.click, organisations.click
    )
    assert 700 < timings["partnership_with_organisations"]["nodes"] < 1000
    # Each waits for its own count and drawing, so that the next timing starts from them.
    timed_change(page, organisations.click)
    timed_change(page, lambda: choose(page, "Partnership", "All twelve partnerships"))

    def local_only():
        choose(page, "Level", "local")
        page.keyboard.press("Escape")

    def every_level():
        page.get_by_role("button", name="Clear all").first.click()

    timings["all_local_groups_with_organisations"] = timed_toggle(page, local_only, every_level)
    assert timings["all_local_groups_with_organisations"]["nodes"] > 1500
    local_only()
    settle(page)
    page.screenshot(path=SHOTS / "explorer-local-groups.png", full_page=True)
    (ROOT / "artifacts" / "browser-timings.json").write_text(json.dumps(timings, indent=2))


def test_every_layout_draws_for_the_largest_partnership_and_for_all(app_url, browser):
    """South East is the sample's largest partnership (over 700 nodes, past the size
    where networkx's spring layout needs scipy); all twelve are drawn as groups only."""
    page = open_at(browser, app_url, (1440, 1000), region=None)
    page.get_by_role("link", name="Network explorer").click()
    page.wait_for_url("**/explorer")
    settle(page)
    network_frame(page)
    page.get_by_text("Filters, colours and layout").click()
    for region in ("South East", "All twelve partnerships"):
        choose(page, "Partnership", region)
        settle(page)
        for layout in ("clusters (who shares members)", "levels (national at the top)"):
            before = page.evaluate("() => performance.now()")
            page.get_by_text(layout).click()
            settle(page)
            assert page.locator("[data-testid=stException]").count() == 0, (region, layout)
            assert page.get_by_text("Something went wrong").count() == 0, (region, layout)
            _page, drawn = network_frame(page, after=before)
            assert drawn > 100, (region, layout, drawn)
        page.screenshot(path=SHOTS / f"explorer-layouts-{region.split()[0].lower()}.png")


def test_a_command_line_load_shows_at_the_next_click(app_url, browser):
    page = open_at(browser, app_url, (1400, 1000), region=None)
    page.get_by_text("Data loaded").first.wait_for()
    minimal = ROOT / "tests" / "data" / "minimal"
    try:
        assert run_smp("load", str(minimal), "--replace").returncode == 0
        page.get_by_role("link", name="Coverage").click()  # the next click, nothing more
        page.get_by_text("3 areas shown").wait_for(timeout=60_000)
        assert page.get_by_text(re.compile(r"Data loaded .* from minimal")).count() == 1
    finally:
        assert run_smp("load", str(ROOT / "data" / "sample" / "uk"), "--replace").returncode == 0


BEACON = "http://127.0.0.1:9/beacon.png"


def test_workbook_text_is_text_on_every_page(app_url, browser, tmp_path):
    """Issue 28, row 9: names and file names that are Markdown (an image fetching from
    elsewhere, a link) show as the characters they are, on every page and in the sidebar."""
    tables = read_tables(ROOT / "tests" / "data" / "minimal")
    evil = f"![g]({BEACON}) [Sign in again](http://evil.example/x) *forum*"
    tables["groups"][3]["name"] = evil  # Bradford's forum
    tables["people"][2]["name"] = "Carys <b>Pemberton</b> [x](http://evil.example/p)"
    from tests.workbooks import write_tables

    folder = write_tables(tmp_path / "[click](http://evil.example)", tables)
    fetched: list[str] = []
    page = open_at(browser, app_url, (1400, 1000), region=None)
    page.on("request", lambda r: fetched.append(r.url))
    try:
        assert run_smp("load", str(folder), "--replace").returncode == 0
        pages = (("Overview", ""), ("Coverage", "coverage"), ("Information flow", "flow"),
                 ("Network explorer", "explorer"))  # fmt: skip
        for link, path in pages:
            page.get_by_role("link", name=link).click()
            if path:
                page.wait_for_url(f"**/{path}")
            settle(page)
        page.get_by_role("link", name="Information flow").click()
        page.wait_for_url("**/flow")
        settle(page)
        page.get_by_text("[Sign in again](http:").first.wait_for(timeout=60_000)
        assert not [u for u in fetched if "127.0.0.1:9" in u or "evil.example" in u]
        links = page.eval_on_selector_all(
            "a", "as => as.map(a => a.href + ' IN ' + a.parentElement.outerHTML.slice(0, 300))"
        )
        assert not [h for h in links if h.startswith("http://evil.example")]
        images = page.eval_on_selector_all("img", "is => is.map(i => i.src)")
        assert not [i for i in images if "127.0.0.1:9" in i]
        assert page.locator("b", has_text="Pemberton").count() == 0
        page.screenshot(path=SHOTS / "workbook-text-is-text.png", full_page=True)
    finally:
        assert run_smp("load", str(ROOT / "data" / "sample" / "uk"), "--replace").returncode == 0


def test_upload_shows_problems_then_what_changes_and_asks_before_removing(
    app_url, browser, tmp_path
):
    import zipfile

    import openpyxl

    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        for csv in (ROOT / "tests" / "data" / "minimal").glob("*.csv"):
            text = csv.read_text()
            if csv.name == "memberships.csv":
                text = text.replace("P-001,G-YH-SMG,chair", "P-001,G-YH-SMG,Vice chair")
            archive.writestr(csv.name, text)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{app_url}/data")
    settle(page)
    template = page.get_by_role("button", name="Download the blank template (Excel)")
    template.wait_for(timeout=60_000)
    assert template.count() == 1
    page.locator("input[type=file]").set_input_files(str(bad))
    settle(page)
    page.get_by_text("bad.zip: 1 problem.").wait_for(timeout=60_000)
    page.get_by_text("The same list as text, to copy").click()
    page.locator("pre").filter(has_text="did you mean vice_chair?").wait_for()
    assert page.get_by_role("button", name=re.compile("^Load")).count() == 0
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the workbook with the problems marked").click()
    download.value.save_as(tmp_path / "marked.xlsx")
    marked = openpyxl.load_workbook(tmp_path / "marked.xlsx")
    cell = marked["memberships"]["C2"]
    assert cell.value == "Vice chair" and cell.fill.fgColor.rgb.endswith("F6D7D2")
    assert "did you mean vice_chair?" in cell.comment.text
    page.screenshot(path=SHOTS / "data-invalid.png", full_page=True)

    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w") as archive:
        for csv in (ROOT / "tests" / "data" / "minimal").glob("*.csv"):
            archive.writestr(csv.name, csv.read_text())
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_text("good.zip is valid").wait_for(timeout=60_000)
    settle(page)
    page.get_by_text("What it changes").first.wait_for()
    page.get_by_text("Make the network exactly this workbook").click()
    settle(page)
    confirm = page.get_by_text(re.compile(r"^Yes, remove .* people"))
    confirm.wait_for(timeout=60_000)
    # What it does to the answers, worse first, and the button says it (issue 31).
    page.get_by_text("What it does to the answers").first.wait_for()
    update = page.get_by_role(
        "button", name=re.compile(r"^Load: .*local groups? removed.*removed\)$")
    )
    assert update.is_disabled()  # removals need the box ticked first
    page.screenshot(path=SHOTS / "data-changes.png", full_page=True)
    confirm.click()
    settle(page)
    update.click()
    page.get_by_text("Updated. The database holds").wait_for(timeout=120_000)
    # While a rerun draws, the previous run's copy of a heading can still be on screen:
    # wait for the first, whichever run it is from.
    page.get_by_text("Last loads").first.wait_for()
    # Compared again with the updated network: nothing left to change, no live button,
    # and the sidebar names the new load.
    page.get_by_text("The database already holds exactly this network").first.wait_for()
    settle(page)
    nothing = page.get_by_role(
        "button", name="Load: no change to the answers (0 added, 0 changed, 0 removed)"
    )
    assert nothing.count() == 1 and nothing.is_disabled()
    page.get_by_text(re.compile(r"^Data loaded .* from good\.zip")).wait_for()
    page.screenshot(path=SHOTS / "data-loaded.png", full_page=True)
    result = run_smp("analyse", "--as-of", "2026-09-30")
    assert json.loads(result.stdout)["coverage"]["areas_total"] == 3


def _page_over_websocket(url: str, host: str) -> bytes:
    """What the app sends a WebSocket session that asks for ``host`` (its first run)."""
    import socket

    from streamlit.proto.BackMsg_pb2 import BackMsg
    from websockets.sync.client import connect

    port = int(url.rsplit(":", 1)[1])
    rerun = BackMsg()
    rerun.rerun_script.query_string = ""
    got = b""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    with connect(f"ws://{host}:{port}/_stcore/stream", sock=sock,
                 subprotocols=["streamlit"]) as ws:  # fmt: skip
        ws.send(rerun.SerializeToString())
        with contextlib.suppress(TimeoutError):
            while True:
                got += ws.recv(timeout=10)
    return got


def test_sign_in_off_answers_this_computer_only_even_behind_a_proxy(app_url):
    """Issue 28, row 8: with no users and the app on localhost, a reverse proxy's request
    (from this computer, for a public name the app is told to serve) gets no data."""
    proxied = _page_over_websocket(app_url, PROXIED)
    local = _page_over_websocket(app_url, "localhost")
    assert b"Nobody can sign in until this is fixed" in proxied
    assert b"Data loaded" not in proxied and b"Council areas covered" not in proxied
    assert b"Nobody can sign in" not in local and b"Sign-in is off" in local


def test_a_load_from_the_command_line_is_warmed_before_anyone_asks(app_url, tmp_path):
    """The app asks the database every SMP_WATCH_SECONDS whether a load landed,
    and warms its caches for it with no browser open, so the first page after a load
    from the command line is as quick as any other (issue 30, item 9). Last in this
    file: it changes the network the other tests read."""
    import time

    from tests.workbooks import read_tables as read_csv
    from tests.workbooks import write_tables

    log = ROOT / "artifacts" / "app.log"
    tables = read_csv(ROOT / "tests" / "data" / "minimal")
    tables["people"][0]["name"] = f"Renamed {tmp_path.name}"  # a change, whatever is loaded
    assert run_smp("load", str(write_tables(tmp_path / "w", tables)), "--replace").returncode == 0
    load_id = run_smp("history", "--limit", "1").stdout
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        lines = log.read_text().splitlines()
        ours = [line for line in lines if "caches for load" in line
                and line.split("caches for load ")[1][:8] in load_id]  # fmt: skip
        assert not any("failed" in line for line in ours), "\n".join(lines[-30:])
        if any("warmed the caches" in line for line in ours):
            break
        time.sleep(1)
    else:
        raise AssertionError(f"the load was not warmed: {ours}")
