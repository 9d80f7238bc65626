"""loader/spec.py is the single source of the workbook's columns: everything that
reads, writes, builds, exports or documents them derives from it or is checked
against it here, for every sheet."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from cypher import CYPHER_DIR
from graph.model import build_network
from graph.read import COLUMNS, SHEET_QUERIES, read_query
from loader.spec import SHEETS, SHEETS_BY_NAME, camel_case, column_table
from loader.write import STEPS

ROOT = Path(__file__).resolve().parent.parent
SHEET_NAMES = [sheet.name for sheet in SHEETS]
#: The statements that write each sheet's own properties (its links are other steps).
WRITERS = {sheet: name for sheet, name in STEPS if not name.endswith(("_parents", "_links"))}


@pytest.mark.parametrize("name", SHEET_NAMES)
def test_reading_back_takes_every_column_from_the_spec(name):
    sheet = SHEETS_BY_NAME[name]
    derived = (sheet.derived_id,) if sheet.derived_id else ()
    assert COLUMNS[name] == derived + tuple(c.name for c in sheet.columns)
    text = read_query(name)
    for column in sheet.properties:
        assert f".`{column.prop}`" in text, column.name
    row_list = re.search(r"collect\(\[(.*)\]\) AS rows", text).group(1)
    assert len(row_list.split(", ")) == len(COLUMNS[name])  # one value per column, in order
    assert name in SHEET_QUERIES


@pytest.mark.parametrize("name", SHEET_NAMES)
def test_the_load_statement_writes_and_keeps_every_property(name):
    sheet = SHEETS_BY_NAME[name]
    text = (CYPHER_DIR / f"{WRITERS[name]}.cypher").read_text()
    kept = re.search(r"key IN \[([^\]]*)\]", text)
    for column in sheet.properties:
        written = (f".{column.prop} = " in text) or (f"{{{column.prop}: row." in text)
        assert written, f"{WRITERS[name]} does not write {column.prop}"
        if kept:  # the --replace sweep of old extra columns must keep it
            assert f"'{column.prop}'" in kept.group(1), column.prop
    if sheet.derived_id:
        assert camel_case(sheet.derived_id) in text


def _writers(name: str) -> list[Path]:
    """Every statement that writes a sheet's records: the full load's (``load_`` and
    ``create_``) and the delta load's (``set_``, ``create_``, ``update_``)."""
    return sorted(path for path in CYPHER_DIR.rglob("*.cypher")
                  if re.fullmatch(rf"(load|create|set|update)_{name}", path.stem))  # fmt: skip


@pytest.mark.parametrize("name", SHEET_NAMES)
def test_every_writer_of_a_sheet_writes_every_property(name):
    """Statements that name properties one by one (``create_memberships`` puts them in
    the CREATE pattern for speed) must name every one of the spec's; the others take
    them as one map the loader builds from the spec (``+= row.props``)."""
    sheet = SHEETS_BY_NAME[name]
    writers = _writers(name)
    assert writers, name
    for path in writers:
        text = path.read_text()
        if "+= row.props" in text:
            continue
        missing = [column.prop for column in sheet.properties
                   if f".{column.prop} = " not in text and not re.search(
                       rf"[{{,]\s*{column.prop}: ", text)]  # fmt: skip
        assert not missing, f"{path.relative_to(CYPHER_DIR)} does not write {missing}"


BASELINE = {"areas": "load_csv_areas", "organisations": "load_csv_organisations",
            "people": "load_csv_people", "groups": "load_csv_groups",
            "memberships": "load_csv_memberships",
            "reporting_lines": "load_csv_reporting_lines"}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BASELINE))
def test_the_load_csv_baseline_writes_every_property(name):
    text = (CYPHER_DIR / "bench" / f"{BASELINE[name]}.cypher").read_text()
    for column in SHEETS_BY_NAME[name].properties:
        assert f".{column.prop}" in text or f"{column.prop}:" in text, column.name


def test_every_sheet_has_a_baseline_or_is_optional():
    assert {s.name for s in SHEETS if not s.optional} == set(BASELINE)


@pytest.mark.parametrize("name", SHEET_NAMES)
def test_the_documentation_shows_the_spec(name):
    doc = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    assert column_table(SHEETS_BY_NAME[name]) in doc, (
        f"docs/data-format.md: the table of {name} differs from loader/spec.py; paste "
        f"column_table(SHEETS_BY_NAME[{name!r}])"
    )


@pytest.mark.parametrize("name", SHEET_NAMES)
def test_the_template_has_every_column(name):
    book = openpyxl.load_workbook(ROOT / "docs" / "network-template.xlsx", read_only=True)
    header = next(book[name].iter_rows(max_row=1, values_only=True))
    assert [h for h in header if h] == [c.name for c in SHEETS_BY_NAME[name].columns]


def _full_tables() -> dict[str, list[dict]]:
    """One record per sheet with every column filled (values of the right type)."""
    values = {"id": "X", "text": "words", "choice": None, "list": None, "date": None,
              "bool": True, "int": 4, "ref": "X"}  # fmt: skip
    import datetime as dt

    tables = {}
    for sheet in SHEETS:
        row = {}
        for c in sheet.columns:
            value = values[c.kind]
            if c.kind == "choice":
                value = c.choices[0]
            elif c.kind == "list":
                value = [c.choices[0]]
            elif c.kind == "date":
                value = dt.date(2026, 1, 2)
            row[c.name] = value
        tables[sheet.name] = [row]
    return tables


@pytest.mark.parametrize("name", SHEET_NAMES)
def test_building_the_graph_keeps_every_column(name):
    G = build_network(_full_tables())
    sheet = SHEETS_BY_NAME[name]
    attrs = [d for _n, d in G.nodes(data=True)] + [d for _u, _v, d in G.edges(data=True)]
    attrs += G.graph["elections"] + G.graph["group_rules"]  # records beside the network
    values = {repr(v) for data in attrs for v in data.values()}
    renamed = {"represents_area_id": "represents", "start_date": "start", "end_date": "end"}
    for column in sheet.columns:
        if column.kind in ("id", "ref"):
            continue  # ids become node keys and links
        assert any(renamed.get(column.name, column.name) in d for d in attrs), column.name
    assert values


def test_a_new_plain_column_reaches_the_graph_without_a_change_in_graph():
    tables = _full_tables()
    tables["groups"][0]["chair_phone"] = "01632 960999"
    tables["memberships"][0]["notes"] = "met twice"
    G = build_network(tables)
    assert G.nodes["group:X"]["chair_phone"] == "01632 960999"
    assert [d.get("notes") for _u, _v, d in G.edges(data=True) if d["rel"] == "MEMBER_OF"] == [
        "met twice"
    ]


def test_the_template_explains_itself_and_loads_without_warnings():
    from loader.read import read_workbook

    book = openpyxl.load_workbook(ROOT / "docs" / "network-template.xlsx", read_only=True)
    assert book.sheetnames[0] == "Read me"
    notes = " ".join(str(r[0]) for r in book["Read me"].iter_rows(values_only=True) if r[0])
    for words in ("attendance", "engagement_event", "hybrid", "apologies"):
        assert words in notes
    for sheet in SHEETS:
        assert f"{sheet.name}: {sheet.doc}" in notes
    raw = read_workbook(ROOT / "docs" / "network-template.xlsx")
    assert raw.warnings == [] and raw.problems == []
