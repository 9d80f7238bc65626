"""What the paper shows, read as a board member would: the summary first, maps labelled
with names legible in print, chart labels clear of the target line, groups with nothing
missing summed up in a sentence, and every group named with its partnership where the
paper covers several."""

from __future__ import annotations

import itertools
import re

import pytest

from graph.words import STATUS_COLOURS
from report.html import REGION_MAP_WIDTH, UK_MAP_WIDTH, render
from report.pictures import (
    MIN_LABEL_PX,
    _font,
    _plain_name,
    bar_layout,
    contrast,
    hex_layout,
    label_ink,
)
from report.quarterly import quarter_figures


@pytest.fixture(scope="module")
def national(sample_network):
    return quarter_figures(sample_network, "2026Q3")


def test_every_status_colour_takes_a_label_at_aa_contrast():
    for status, fill in STATUS_COLOURS.items():
        assert contrast(label_ink(fill), fill) >= 4.5, status


def test_partnership_maps_are_labelled_with_names_legible_in_print(national):
    for section in national["sections"]:
        layout = hex_layout(section["areas"], REGION_MAP_WIDTH, labels=True)
        assert layout.font >= 7 * 96 / 72 and MIN_LABEL_PX >= 7 * 96 / 72
        face = _font(layout.font, condensed=True)
        radius = abs(layout.hexes[0].corners[0][1] - layout.hexes[0].cy)
        key = dict(layout.key)
        for h in layout.hexes:
            assert h.label, h.name
            # inside its hex: no line wider than the hex, no label over a neighbour's
            assert all(face.getlength(line) <= radius * 1.5 for line in h.label), h.label
            assert len(h.label) * layout.font * 1.15 <= radius * 1.2, h.label
            letters = re.sub(r"[\s-]", "", "".join(h.label))  # a word broken, or the name
            assert letters == re.sub(r"[\s-]", "", _plain_name(h.name)) or (
                key.get(h.label[0]) == _plain_name(h.name)
            )
        assert len(key) <= len(layout.hexes) * 2 // 3, (section["region"], key)
    yorkshire = next(x for x in national["sections"] if x["region"] == "Yorkshire and The Humber")
    layout = hex_layout(yorkshire["areas"], REGION_MAP_WIDTH, labels=True)
    labels = {" ".join(h.label) for h in layout.hexes}
    assert {"Calderdale", "Doncaster", "Rotherham", "Kingston upon Hull",
            "East Riding of Yorkshire"} <= labels and not layout.key  # fmt: skip


def test_the_paper_prints_the_map_key_and_its_labels(national):
    one = {
        **national,
        "region_id": "E12000008",
        "region": "South East",
        "sections": [x for x in national["sections"] if x["region_id"] == "E12000008"],
    }
    page = render(one, pdf=True)
    sizes = [float(s) for s in re.findall(r'<text[^>]*font-size="([\d.]+)"[^>]*aria-hidden', page)]
    assert sizes and min(sizes) >= 7 * 96 / 72
    assert "BD, Basingstoke and Deane" in page  # the short forms, in words under the map


@pytest.mark.parametrize("values", [[100, 97, 50, 0], [100, 100, 100], [99.6, 100, 12]])
def test_the_target_line_never_runs_through_a_value(values):
    rows = [(f"P{i}", v, f"({v} of 100)") for i, v in enumerate(values)]
    chart = bar_layout(rows, 470, "%", 100.0)
    face = _font(11)
    for bar in chart.bars:
        assert bar.text_x >= chart.target_x + 4  # right of the line, never across it
        assert bar.text_x + face.getlength(bar.text) <= chart.width
        assert chart.label_w + bar.length <= chart.target_x + 0.01
    ys = [bar.y for bar in chart.bars]
    assert all(b - a >= chart.bar_h for a, b in itertools.pairwise(ys))


def test_every_partnership_name_fits_left_of_its_bar(national):
    from report.html import chart_rows

    by_region, history = chart_rows(national)
    face = _font(11)
    for rows, target in ((by_region, 100.0), (history, None)):
        chart = bar_layout(rows, 470, "%", target)
        assert all(face.getlength(bar.label) <= chart.label_w - 8 for bar in chart.bars)


def _section(page: str, anchor: str) -> str:
    return page.split(f'id="{anchor}"')[1].split("</section>")[0]


def test_all_partnerships_paper_sums_up_groups_with_nothing_missing(national):
    page = render(national, pdf=True)
    assert re.findall(r'<h2 id="(\w+)"', page)[:3] == ["contents", "glance", "messages"]
    sectors = _section(page, "sectors")
    assert "every expected sector is there" not in page
    complete = sum(1 for x in national["sections"] for b in x["sector_balance"]
                   if not b["missing"])  # fmt: skip
    assert complete > 10
    assert (f"The other {complete} strategic groups and boards have a member from every "
            "expected sector.") in sectors  # fmt: skip
    assert sectors.count("<tr>") == 1 + sum(
        1 for x in national["sections"] for b in x["sector_balance"] if b["missing"]
    )
    assert f'width="{UK_MAP_WIDTH}"' in _section(page, "coverage") and UK_MAP_WIDTH >= 500


def test_all_partnerships_paper_names_each_group_with_its_partnership(national):
    page = render(national, pdf=True)
    names = {x["region"] for x in national["sections"]}
    for anchor in ("flow", "sectors", "rules", "engagement"):
        for table in re.findall(r"<table>.*?</table>", _section(page, anchor), re.S):
            assert '<th scope="col">Partnership</th>' in table.split("</tr>")[0], anchor
            for row in table.split("<tbody>")[1].split("</tr>")[:-1]:
                assert re.search(r"<td>([^<]+)</td>", row).group(1) in names, row
    for ask in national["asks"]:
        if ask["section"] in ("flow", "sectors", "engagement", "rules"):
            for item in ask["items"]:
                assert any(item.endswith(f"({n})") or f"({n}):" in item or item.startswith(
                    f"{n}: ") for n in names), item  # fmt: skip
    one = {
        **national,
        "region_id": "E12000003",
        "region": "Yorkshire and The Humber",
        "sections": [x for x in national["sections"] if x["region_id"] == "E12000003"],
    }
    single = render(one, pdf=True)
    assert '<th scope="col">Partnership</th>' not in _section(single, "flow")
    assert ("Migration Yorkshire Board and Strategic Migration Group have a member from every "
            "expected sector.") in _section(single, "sectors")  # fmt: skip
