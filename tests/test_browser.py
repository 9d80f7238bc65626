"""End to end: `smp app` against the test server with the sample network, driven in
headless Chromium (Debian's chromium, Playwright for Python). Screenshots are saved
to artifacts/screenshots/; draw times to artifacts/browser-timings.json."""

from __future__ import annotations

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

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]
ROOT = Path(__file__).resolve().parent.parent


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
    with running_app(dict(os.environ), ROOT / "artifacts" / "app.log") as url:
        yield url


def settle(page, timeout=120_000):
    page.wait_for_selector(
        "[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=timeout
    )
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=timeout)


def network_frame(page, nodes: int | None = None, timeout: float = 60):
    """The pyvis frame once vis-network has drawn (``nodes`` nodes, if given)."""
    deadline = time.monotonic() + timeout
    script = (
        "() => { const c = document.querySelector('#mynetwork canvas');"
        " if (!c || typeof network === 'undefined') return -1;"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " let ink = 0; for (let i = 0; i < d.length; i += 64) { if (d[i+3] > 0 &&"
        " (d[i] < 240 || d[i+1] < 240 || d[i+2] < 240)) ink++; }"
        " return ink > 50 ? network.body.nodeIndices.length : -1; }"
    )
    seen = []
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                count = frame.evaluate(script)
            except Exception:  # frames come and go while Streamlit reruns
                continue
            seen.append(count)
            if count > 0 and (nodes is None or count == nodes):
                return frame, count
        time.sleep(0.05)
    page.screenshot(path=SHOTS / "failed-network.png", full_page=True)
    raise AssertionError(f"no network of {nodes} nodes was drawn (saw {sorted(set(seen))})")


def choose(page, label: str, option: str):
    box = page.get_by_label(label, exact=True)
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def caption_nodes(page) -> int:
    text = page.get_by_text(re.compile(r"^\d+ nodes, \d+ links")).first.inner_text()
    return int(text.split()[0])


def test_every_page_region_and_date(app_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(app_url)
    settle(page)
    page.get_by_role("spinbutton", name="day, As of").click()
    page.keyboard.type("30092026")
    page.locator("h1").first.click()  # the date is taken when the field loses focus
    page.get_by_text("350 of 361").wait_for(timeout=60_000)
    settle(page)
    page.wait_for_selector(
        "[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg"
    )
    assert page.get_by_text("348 of 361").count() == 0
    assert page.get_by_text("350 of 361").count() == 1
    page.screenshot(path=SHOTS / "overview.png", full_page=True)
    choose(page, "Partnership", "Yorkshire and The Humber")
    page.get_by_text("10 of 15").wait_for(timeout=60_000)
    settle(page)
    page.screenshot(path=SHOTS / "overview-yorkshire.png", full_page=True)

    timings = {}
    page.get_by_role("link", name="Network explorer").click()
    page.wait_for_url("**/explorer")
    settle(page)
    network_frame(page)
    page.screenshot(path=SHOTS / "explorer-yorkshire.png", full_page=True)
    before = caption_nodes(page)
    page.get_by_text("Organisations", exact=True).click()
    start = time.monotonic()
    page.get_by_text(re.compile(r"^\d+ nodes, \d+ links")).filter(
        has_not_text=f"{before} nodes"
    ).wait_for(timeout=60_000)
    settle(page)
    expected = caption_nodes(page)
    _frame, count = network_frame(page, expected)
    timings["yorkshire_with_organisations"] = {"nodes": count, "seconds": time.monotonic() - start}
    page.screenshot(path=SHOTS / "explorer-yorkshire-organisations.png", full_page=True)

    # The biggest view drawn in full: every partnership's local groups with their
    # people and organisations (about 2,000 nodes in the sample).
    choose(page, "Partnership", "All twelve partnerships")
    settle(page)
    before = caption_nodes(page)
    choose(page, "Level", "local")
    page.keyboard.press("Escape")
    start = time.monotonic()
    page.get_by_text(re.compile(r"^\d+ nodes, \d+ links")).filter(
        has_not_text=f"{before} nodes"
    ).wait_for(timeout=60_000)
    settle(page)
    expected = caption_nodes(page)
    _frame, count = network_frame(page, expected)
    timings["all_local_groups_with_organisations"] = {
        "nodes": count,
        "seconds": time.monotonic() - start,
    }
    assert count > 1500
    page.screenshot(path=SHOTS / "explorer-local-groups.png", full_page=True)

    for link, path, text in (
        ("Coverage", "coverage", "Coverage: elected VCS representatives"),
        ("Information flow", "flow", "A local group is connected"),
        ("Reports", "reports", "Quarterly coverage report"),
        ("Data", "data", "Upload a network workbook"),
    ):
        page.get_by_role("link", name=link).click()
        page.wait_for_url(f"**/{path}")
        page.get_by_text(text).first.wait_for(timeout=60_000)
        settle(page)
        if path == "flow":
            network_frame(page)
        page.screenshot(path=SHOTS / f"{path}.png", full_page=True)
    (ROOT / "artifacts" / "browser-timings.json").write_text(json.dumps(timings, indent=2))
    outside = [u for u in failed if not u.startswith(app_url)]
    assert not outside, f"the page asked the internet for {outside}"


def test_upload_shows_the_validation_report(app_url, browser, tmp_path):
    import zipfile

    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        for csv in (ROOT / "tests" / "data" / "minimal").glob("*.csv"):
            text = csv.read_text()
            if csv.name == "memberships.csv":
                text = text.replace("P-001,G-YH-SMG,chair", "P-001,G-YH-SMG,chairperson")
            archive.writestr(csv.name, text)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{app_url}/data")
    settle(page)
    page.locator("input[type=file]").set_input_files(str(bad))
    settle(page)
    page.get_by_text("bad.zip: 1 problem.").wait_for(timeout=60_000)
    page.get_by_text("The same list as text, to copy").click()
    page.get_by_text("memberships.csv:2: role: 'chairperson' is not one of").wait_for()
    assert page.get_by_role("button", name="Load into Neo4j").count() == 0
    page.screenshot(path=SHOTS / "data-invalid.png", full_page=True)

    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w") as archive:
        for csv in (ROOT / "tests" / "data" / "minimal").glob("*.csv"):
            archive.writestr(csv.name, csv.read_text())
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_text("good.zip is valid.").wait_for(timeout=60_000)
    page.get_by_text("Replace the whole network").click()
    settle(page)
    page.get_by_role("button", name="Load into Neo4j").click()
    page.get_by_text("Loaded. The database holds").wait_for(timeout=120_000)
    page.screenshot(path=SHOTS / "data-loaded.png", full_page=True)
    result = run_smp("analyse", "--as-of", "2026-09-30")
    assert json.loads(result.stdout)["coverage"]["areas_total"] == 3
