"""Bad input beyond the contract's list: encodings, Excel oddities, empty workbooks,
hostile names. Each case names the file and says what to do, or reads correctly."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from core.errors import WorkbookError
from loader.validate import load_workbook
from tests.conftest import run_smp
from tests.workbooks import read_tables, write_tables


def problems(path) -> list[str]:
    with pytest.raises(WorkbookError) as info:
        load_workbook(path)
    return [str(p) for p in info.value.problems]


def test_windows_1252_csv_is_named_with_its_encoding(tmp_path):
    tables = read_tables()
    tables["people"][1]["name"] = "Zoë Müller"
    folder = write_tables(tmp_path / "wb", tables)
    path = folder / "people.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    [line] = problems(folder)
    assert line.startswith("people.csv:3: (file): ")
    assert "not UTF-8" in line and "CSV UTF-8" in line


def test_utf16_csv(tmp_path):
    folder = write_tables(tmp_path / "wb", read_tables())
    path = folder / "areas.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    [line] = problems(folder)
    assert line.startswith("areas.csv:1: (file): ") and "UTF-16" in line


def test_semicolon_separated_csv_from_a_european_excel(tmp_path):
    folder = write_tables(tmp_path / "wb", read_tables())
    path = folder / "reporting_lines.csv"
    path.write_text(path.read_text().replace(",", ";"))
    assert len(load_workbook(folder)["reporting_lines"]) == 4


def test_empty_workbook_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    lines = problems(tmp_path / "empty")
    assert len(lines) == 6
    assert all(line.endswith("required file is missing") for line in lines)


def test_path_that_is_not_a_workbook(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    for path, words in ((tmp_path / "notes.txt", "not a workbook"),
                        (tmp_path / "missing", "no such file")):  # fmt: skip
        result = run_smp("check", str(path))
        assert result.returncode == 1
        assert words in result.stderr and "Traceback" not in result.stderr


def _xlsx(tmp_path, tables, edit=None):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in tables.items():
        sheet = book.create_sheet(name)
        columns = list(rows[0]) if rows else []
        sheet.append(columns)
        for row in rows:
            sheet.append([row[c] or None for c in columns])
    if edit:
        edit(book)
    path = tmp_path / "network.xlsx"
    book.save(path)
    return path


def test_excel_oddities(tmp_path):
    tables = read_tables()

    def edit(book):
        book.create_sheet("Notes").append(["anything", "at all"])  # notes: quietly ignored
        book.create_sheet("Budget").append(["anything", "at all"])
        people = book["people"]
        people.insert_cols(3)  # a column with a blank header and no values
        people.cell(row=1, column=7, value="  ")  # a blank header cell after the data
        groups = book["groups"]
        groups["H2"] = 4.0  # a number typed as 4.0
        memberships = book["memberships"]
        memberships["F9"] = dt.datetime(2025, 10, 1)  # a real Excel date cell
        memberships["G9"] = dt.date(2026, 9, 30)
        areas = book["areas"]
        areas.title = " Areas "  # sheet names are matched like headers
        organisations = book["organisations"]
        organisations.append(["123", "Numbered Org", "vcs", None, None])
        organisations["A7"] = 123  # an id typed as a number

    workbook = load_workbook(_xlsx(tmp_path, tables, edit))
    assert any("'Budget'" in w and "ignored" in w for w in workbook.warnings)
    assert not any("Notes" in w for w in workbook.warnings)
    assert workbook["groups"][0]["meetings_per_year"] == 4
    member = workbook["memberships"][7]
    assert (member["start_date"], member["end_date"]) == (
        dt.date(2025, 10, 1),
        dt.date(2026, 9, 30),
    )
    assert workbook["organisations"][-1]["org_id"] == "123"


def test_excel_formula_cells_are_read_as_their_values(tmp_path):
    def edit(book):
        book["groups"]["H2"] = "=2+2"  # no cached value: openpyxl wrote it

    workbook = load_workbook(_xlsx(tmp_path, read_tables(), edit))
    # A formula Excel never calculated has no value: it reads as blank.
    assert workbook["groups"][0]["meetings_per_year"] is None


def test_excel_missing_sheet_is_named_as_a_sheet(tmp_path):
    tables = read_tables()
    del tables["reporting_lines"]
    [line] = problems(_xlsx(tmp_path, tables))
    assert line == "reporting_lines:1: (sheet): required sheet is missing"


def test_excel_problem_rows_are_spreadsheet_rows(tmp_path):
    tables = read_tables()
    tables["memberships"][3]["role"] = "boss"
    [line] = problems(_xlsx(tmp_path, tables))
    assert line.startswith("memberships:5: role: 'boss'")


def test_duplicate_header(tmp_path):
    folder = write_tables(tmp_path / "wb", read_tables())
    path = folder / "areas.csv"
    path.write_text(path.read_text().replace("parent_id", "Name", 1))
    assert "areas.csv:1: name: column appears twice (columns 2 and 4)" in problems(folder)


HOSTILE = [
    'O\'Brien "the" `tick`',
    "Robert'); MATCH (n) DETACH DELETE n; //",
    "{name: $x} ${injection} }) RETURN 1 //",
    "<script>alert(1)</script></script>",
    "Ñoño 🇬🇧 تجربة 中文 \u200b",
    "x" * 5000,
]


@pytest.mark.neo4j
def test_hostile_names_round_trip_unchanged(empty_db, tmp_path):
    from graph.read import read_tables as read_db

    tables = read_tables()
    for row, name in zip(tables["people"], HOSTILE, strict=False):
        row["name"] = name
    tables["groups"][0]["name"] = HOSTILE[1]
    tables["groups"][0]["Note`} DETACH DELETE n"] = HOSTILE[2]
    result = run_smp("load", str(write_tables(tmp_path / "wb", tables)))
    assert result.returncode == 0, result.stderr
    stored = read_db(empty_db)
    assert sorted(p["name"] for p in stored["people"]) == sorted(HOSTILE[:5])
    assert {g["name"] for g in stored["groups"]} >= {HOSTILE[1]}
    props = empty_db.execute_query(
        "MATCH (g:Group {groupId: 'G-NAT'}) RETURN properties(g) AS p"
    ).records[0]["p"]
    assert HOSTILE[2] in props.values()
    assert empty_db.execute_query("MATCH (a:Area) RETURN count(a) AS n").records[0]["n"] == 6


def test_hostile_names_cannot_break_out_of_the_network_picture():
    import networkx as nx

    from app.vis import network_html

    H = nx.Graph()
    H.add_node("person:<x>", label="Person", id="<x>", name=HOSTILE[3])
    H.add_node("group:G", label="Group", id="G", name=HOSTILE[1], level="local")
    H.add_edge("person:<x>", "group:G", rel="MEMBER_OF")
    html = network_html(H)
    assert "<script>alert(1)" not in html
    assert "alert(1)</script>" not in html


def test_garbage_collector_is_back_on_after_a_bad_workbook(tmp_path):
    """load_workbook runs without the cyclic collector (core.memory.no_gc): a refused
    workbook must still leave it as it was."""
    import gc

    (tmp_path / "groups.csv").write_text("group_id,name,level\nG-1,Forum,nowhere\n")
    assert gc.isenabled()
    with pytest.raises(WorkbookError):
        load_workbook(tmp_path)
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(WorkbookError):
            load_workbook(tmp_path)
        assert not gc.isenabled()
    finally:
        gc.enable()
