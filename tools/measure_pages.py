"""What a page view costs the app's server: its CPU time around one new browser session.

A benchmark, not a test (BENCHMARKS.md, "Page views"). It starts ``smp app`` on a port
of its own against the database the environment names (NEO4J_URI, or the local
server of SMP_HOME / SMP_DB_PORT), with the clock at ``--as-of`` (SMP_TODAY), then:

1. **first views**: one browser session per page, in turn, on the freshly started app
   (what the first viewers after a start or a load pay);
2. **page views**: ``--runs`` new sessions per page (a new browser context each: no
   cookie, no cache, as a new viewer), each measured alone, the app idle before;
3. **together**: ``--together`` sessions opening the Overview at once: the app's CPU
   time and the wall time until the last one has settled;
4. with ``--after-load``, a load from the command line while the app runs, then the
   first view of each page in turn.

Each session is a new browser (no cookie, none of the app's files: a viewer's first
visit), or with ``--returning`` a new tab of one browser that keeps the app's files
(a viewer coming back; the files are the same for every page and date).

A session has settled once its page shows the page's text and Streamlit says the script
is not running; the app's CPU time (user + system, from /proc/<pid>/stat) is read
when it is idle before and once it is idle again after. Chromium runs in this process
(Playwright, Debian's /usr/bin/chromium); its CPU time is not counted.

    python tools/measure_pages.py --runs 5 --together 5 --output artifacts/pages.json
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMP = str(Path(sys.executable).with_name("smp"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
#: Page (its URL path) → a text that shows once its figures are drawn.
PAGES = {
    "Overview": ("", "Council areas covered"),
    "Explorer": ("explorer", "Network explorer"),
    "Coverage": ("coverage", "areas shown"),
    "Flow": ("flow", "A local group is connected"),
}
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, its threads included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def wait_idle(pid: int, quiet: float = 0.02, window: float = 0.5, limit: float = 60) -> float:
    """Wait until the process uses under ``quiet`` s of CPU in ``window`` s; its CPU time."""
    deadline = time.monotonic() + limit
    last = cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(window)
        now = cpu_seconds(pid)
        if now - last < quiet:
            return now
        last = now
    return last


def start_app(port: int, env: dict, log: Path) -> subprocess.Popen:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(
            [SMP, "app", "--headless", "--port", str(port)], stdout=out, stderr=out,
            env=env, start_new_session=True,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2)
            return process
        except OSError:
            time.sleep(0.5)
    os.killpg(process.pid, signal.SIGKILL)
    raise SystemExit(f"the app did not start; see {log}")


def settled(page, text: str, timeout: float = 120_000) -> None:
    page.get_by_text(text).first.wait_for(timeout=timeout)
    page.wait_for_selector(
        "[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=timeout
    )
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=timeout)


class Tab:
    """A tab of a browser that has seen the app (``--returning``): closing it closes the
    tab only, so the browser keeps the app's files."""

    def __init__(self, page) -> None:
        self.page = page

    def close(self) -> None:
        self.page.close()


def open_session(browser, url: str, path: str):
    if RETURNING:
        page = RETURNING[0].new_page()
        context = Tab(page)
    else:
        context = browser.new_context(viewport={"width": 1366, "height": 768},
                                      storage_state=SIGNED_IN.get("state"))  # fmt: skip
        page = context.new_page()
    page.goto(f"{url}/{path}")
    return context, page


#: The one browser context of ``--returning`` (else empty: a new browser each time).
RETURNING: list = []
#: The cookie of ``--user``'s sign-in, which every new browser then has.
SIGNED_IN: dict = {}


def sign_in(browser, url: str, name: str, password: str) -> None:
    """Sign in once (not measured): the sessions measured are of someone signed in."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"Signed in as {name}").wait_for(timeout=60_000)
    SIGNED_IN["state"] = context.storage_state()
    context.close()


def one_view(browser, url: str, pid: int, page_name: str) -> dict:
    path, text = PAGES[page_name]
    before = wait_idle(pid)
    started = time.monotonic()
    context, page = open_session(browser, url, path)
    settled(page, text)
    wall = time.monotonic() - started
    after = wait_idle(pid)
    context.close()
    return {"cpu_s": round(after - before, 3), "wall_s": round(wall, 2)}


def together(browser, url: str, pid: int, n: int, page_name: str = "Overview") -> dict:
    path, text = PAGES[page_name]
    before = wait_idle(pid)
    started = time.monotonic()
    sessions = [open_session(browser, url, path) for _ in range(n)]
    for _context, page in sessions:
        settled(page, text)
    wall = time.monotonic() - started
    after = wait_idle(pid)
    for context, _page in sessions:
        context.close()
    return {"sessions": n, "cpu_s": round(after - before, 2), "wall_s": round(wall, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=18950)
    parser.add_argument("--as-of", default="2026-09-30", help="SMP_TODAY for the app")
    parser.add_argument("--runs", type=int, default=5, help="new sessions per page")
    parser.add_argument("--together", type=int, default=5, help="sessions opened at once")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated")
    parser.add_argument(
        "--returning", action="store_true",
        help="sessions are new tabs of one browser that keeps the app's files (a viewer "
        "coming back), not new browsers",
    )  # fmt: skip
    parser.add_argument(
        "--user", help="sign in as this user of `smp user add` (password in "
        "SMP_MEASURE_PASSWORD); else the app is measured with sign-in off (an admin)",
    )  # fmt: skip
    parser.add_argument(
        "--after-load", type=Path, metavar="WORKBOOK",
        help="then `smp load WORKBOOK --replace` while the app runs, and the first view "
        "of each page after it (the first session notices the load)",
    )  # fmt: skip
    parser.add_argument(
        "--wait-after-load", type=float, default=0.0, metavar="SECONDS",
        help="wait this long after the load before the first view: the app's watcher "
        "(SMP_WATCH_SECONDS, 15) warms the caches meanwhile, as for a user who opens the "
        "app a minute after a load",
    )  # fmt: skip
    parser.add_argument("--output", type=Path, help="also write the figures here (JSON)")
    args = parser.parse_args()
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    from playwright.sync_api import sync_playwright

    env = dict(os.environ, SMP_TODAY=args.as_of)
    process = start_app(args.port, env, ROOT / "artifacts" / "measure-pages-app.log")
    url = f"http://localhost:{args.port}"
    result: dict = {"as_of": args.as_of, "runs": args.runs, "returning": args.returning,
                    "user": args.user, "first": {}, "pages": {}}  # fmt: skip
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            if args.user:
                sign_in(browser, url, args.user, os.environ["SMP_MEASURE_PASSWORD"])
            if args.returning:
                size = {"width": 1366, "height": 768}
                state = SIGNED_IN.get("state")
                RETURNING.append(browser.new_context(viewport=size, storage_state=state))
            for name in pages:
                result["first"][name] = one_view(browser, url, process.pid, name)
                print(f"first view  {name:9} {result['first'][name]}", file=sys.stderr)
            for name in pages if args.runs else ():
                views = [one_view(browser, url, process.pid, name) for _ in range(args.runs)]
                cpu = [v["cpu_s"] for v in views]
                result["pages"][name] = {
                    "cpu_s_median": round(statistics.median(cpu), 3),
                    "cpu_s": cpu,
                    "wall_s": [v["wall_s"] for v in views],
                }
                print(f"page view   {name:9} {result['pages'][name]}", file=sys.stderr)
            if args.together:
                result["together"] = together(browser, url, process.pid, args.together)
                print(f"together    {result['together']}", file=sys.stderr)
            if args.after_load:
                command = [SMP, "load", str(args.after_load), "--replace"]
                loaded = subprocess.run(command, env=env, capture_output=True, text=True)
                if loaded.returncode != 0:
                    raise SystemExit(f"the load failed: {loaded.stderr}")
                time.sleep(args.wait_after_load)
                result["after_load"] = {"waited_s": args.wait_after_load}
                for name in pages:
                    result["after_load"][name] = one_view(browser, url, process.pid, name)
                    print(f"after load  {name:9} {result['after_load'][name]}", file=sys.stderr)
            browser.close()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    text = json.dumps(result, indent=2)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
