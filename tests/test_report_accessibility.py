"""The quarterly report is accessible (WCAG 2.2 AA, as UK public bodies must publish):
axe-core, run in chromium on the HTML report, finds no serious or critical violation;
headings go in order; every chart and map has a text alternative."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from report.quarterly import write_report

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def reports(sample_network, tmp_path_factory):
    G = sample_network
    folder = tmp_path_factory.mktemp("accessible")
    uk = write_report(G, "2026Q3", folder / "uk", ("html",))[0]
    one = write_report(G, "2026Q3", folder / "one", ("html",), True, "E12000003")[0]
    return {"uk": uk, "one": one}


@pytest.mark.parametrize("which", ["uk", "one"])
def test_axe_finds_no_serious_or_critical_violation(reports, browser, which):
    assert AXE.exists(), "run `make test` to install axe-core (tests/axe)"
    page = browser.new_page()
    page.goto(reports[which].as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    page.close()
    assert result["passes"], "axe ran its checks"
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, bad


@pytest.mark.parametrize("which", ["uk", "one"])
def test_headings_in_order_and_every_picture_described(reports, which):
    text = reports[which].read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in text
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", text)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    svgs = re.findall(r"<svg\b[^>]*>", text)
    assert svgs and all('role="img"' in s and re.search(r'aria-label="[^"]{20,}"', s)
                        for s in svgs)  # fmt: skip
    assert all("<th" in t for t in re.findall(r"<table.*?</table>", text, re.S))
