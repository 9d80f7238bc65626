"""Trust: ids no workbook can overwrite, bounded input, erasure that sticks, a local
Neo4j that reads no files. Each test repeats a way the product once failed (issue 12)."""

from __future__ import annotations

import datetime as dt
import json
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from core.errors import WorkbookError
from loader.read import Limits, read_workbook
from loader.validate import load_workbook
from tests.conftest import SMP, TEST_HOME, run_smp
from tests.workbooks import MINIMAL, read_tables, write_tables


def problems(path) -> list[str]:
    with pytest.raises(WorkbookError) as info:
        load_workbook(path)
    return [str(p) for p in info.value.problems]


# Row 5: an extra column can no longer overwrite a record's key.


@pytest.mark.parametrize(
    ("sheet", "header"),
    [("people", "Person.Id"), ("people", "person_id_"), ("people", "E-mail"),
     ("groups", "Meetings.Per.Year"), ("memberships", "Membership ID"),
     ("reporting_lines", "line.id"), ("organisations", "Area.Id")],
)  # fmt: skip
def test_an_extra_column_named_like_a_key_or_column_is_a_problem(tmp_path, sheet, header):
    tables = read_tables()
    for row in tables[sheet]:
        row[header] = "X-1"
    folder = write_tables(tmp_path / "wb", tables)
    found = problems(folder)
    assert len(found) == 1, found
    assert found[0].startswith(f"{sheet}.csv:1: ")
    assert "rename or remove it" in found[0]


def test_an_ordinary_extra_column_is_still_kept(tmp_path):
    tables = read_tables()
    for row in tables["people"]:
        row["Job title"] = "Officer"
    workbook = load_workbook(write_tables(tmp_path / "wb", tables))
    assert workbook["people"][0]["extra"] == {"jobTitle": "Officer"}


@pytest.mark.neo4j
def test_a_colliding_column_writes_nothing(empty_db, tmp_path):
    tables = read_tables()
    for i, row in enumerate(tables["people"]):
        row["Person.Id"] = f"Q-{i}"
    folder = write_tables(tmp_path / "wb", tables)
    result = run_smp("load", str(folder))
    assert result.returncode == 1
    assert "people.csv:1: person.id:" in result.stderr and "Traceback" not in result.stderr
    assert empty_db.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"] == 0


def test_load_statements_set_the_key_last():
    from cypher import CYPHER_DIR

    keys = {"load_areas": "areaId", "load_organisations": "orgId", "load_people": "personId",
            "load_groups": "groupId", "load_meetings": "meetingId",
            "load_memberships": "membershipId", "load_reporting_lines": "lineId",
            "create_memberships": "membershipId"}  # fmt: skip
    for name, key in keys.items():
        text = (CYPHER_DIR / f"{name}.cypher").read_text()
        after_extra = text[text.index("+= row.extra") :]
        assert f".{key} = row." in after_extra, name


# Row 6: bounded input.


def _bomb(path: Path, megabytes: int = 104) -> Path:
    """A small zip holding a valid workbook whose memberships.csv unpacks to ~100 MB."""
    tables = read_tables()
    folder = write_tables(path.parent / "bomb-src", tables)
    line = b"P-001,G-YH-SMG,boss,,appointed,,\n"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for csv_file in folder.glob("*.csv"):
            if csv_file.name != "memberships.csv":
                archive.write(csv_file, csv_file.name)
        with archive.open("memberships.csv", "w", force_zip64=True) as member:
            member.write(b"person_id,group_id,role,represents_area_id,selection,start_date,"
                         b"end_date\n")  # fmt: skip
            block = line * 32768
            for _ in range(megabytes * 1024 * 1024 // len(block)):
                member.write(block)
    return path


def test_a_zip_bomb_is_refused_at_once_in_little_memory(tmp_path):
    bomb = _bomb(tmp_path / "bomb.zip")
    assert bomb.stat().st_size < 1024 * 1024
    # A process of its own, so that its peak memory is the check's alone.
    probe = (
        "import resource, subprocess, sys\n"
        f"r = subprocess.run([{SMP!r}, 'check', {str(bomb)!r}], capture_output=True, text=True)\n"
        "sys.stdout.write(str(r.returncode) + '\\n' + r.stderr + '\\n')\n"
        "sys.stdout.write('PEAK_KB ' + str(resource.getrusage(resource.RUSAGE_CHILDREN)"
        ".ru_maxrss))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout
    code, *lines = out.splitlines()
    peak_mb = int(lines[-1].split()[1]) / 1024
    text = "\n".join(lines)
    assert code == "1"
    assert "memberships.csv:0: (file): expands" in text and "SMP_MAX_ZIP_RATIO" in text
    assert "Traceback" not in text
    assert peak_mb < 500, peak_mb


def test_sheet_and_row_caps_name_the_file(tmp_path):
    folder = write_tables(tmp_path / "wb", read_tables())
    with pytest.raises(WorkbookError) as info:
        read_workbook(folder, Limits(rows=2))
    [problem] = info.value.problems
    assert problem.file in {"memberships.csv", "people.csv", "organisations.csv", "areas.csv",
                            "groups.csv"}  # fmt: skip
    assert "more than 2 rows" in problem.message and "SMP_MAX_ROWS" in problem.message
    with pytest.raises(WorkbookError) as info:
        read_workbook(folder, Limits(sheet_bytes=100))
    assert "SMP_MAX_SHEET_MB" in info.value.problems[0].message


def test_thousands_of_problems_stop_at_a_sensible_number(tmp_path):
    tables = read_tables()
    row = dict(tables["memberships"][0], role="boss")
    tables["memberships"] = [row] * 10_500
    folder = write_tables(tmp_path / "wb", tables)
    result = run_smp("check", str(folder))
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert len(lines) == 10_000 + 2
    assert lines[-2] == "… and 500 more problems"
    assert lines[-1] == "Error: 10,500 problems found in the workbook; nothing was written."


def _xlsx_with_sheet_xml(path: Path, xml: bytes) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "areas"
    book.active.append(["area_id", "name", "type"])
    book.save(path)
    with zipfile.ZipFile(path) as source:
        members = {i.filename: source.read(i) for i in source.infolist()}
    members["xl/worksheets/sheet1.xml"] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    return path


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""
BROKEN = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><sheetData><row r="1"><c'
)


@pytest.mark.parametrize("xml", [LAUGHS, BROKEN], ids=["billion-laughs", "broken-xml"])
def test_a_hostile_xlsx_is_one_clear_line(tmp_path, xml):
    path = _xlsx_with_sheet_xml(tmp_path / "hostile.xlsx", xml)
    result = run_smp("check", str(path), timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("hostile.xlsx:0: (file): not a readable .xlsx workbook")


# Row 7: erasure that sticks.


@pytest.mark.neo4j
def test_an_erased_person_is_refused_by_later_loads(empty_db):
    assert run_smp("load", str(MINIMAL)).returncode == 0
    assert run_smp("forget", "P-003", "--yes").returncode == 0
    again = run_smp("load", str(MINIMAL))
    assert again.returncode == 1
    assert "people.csv:4: person_id: 'P-003' was erased (smp forget) on " in again.stderr
    assert f"on {dt.date.today().day} " in again.stderr and "--allow-erased" in again.stderr
    people = empty_db.execute_query("MATCH (p:Person {personId: 'P-003'}) RETURN p").records
    assert not people  # nothing was written
    refs = empty_db.execute_query("MATCH (e:SmpErased) RETURN properties(e) AS p").records
    assert len(refs) == 1 and "P-003" not in json.dumps(refs[0]["p"], default=str)
    back = run_smp("load", str(MINIMAL), "--allow-erased")
    assert back.returncode == 0, back.stderr
    assert "readmit" in run_smp("audit").stdout
    assert run_smp("load", str(MINIMAL)).returncode == 0  # added back on purpose: no longer refused


@pytest.mark.neo4j
def test_forgetting_an_unknown_id_records_only_a_failed_attempt(empty_db):
    assert run_smp("load", str(MINIMAL)).returncode == 0
    result = run_smp("forget", "Jo Bloggs of 12 Acacia Avenue", "--yes")
    assert result.returncode == 1 and "nothing was erased" in result.stderr
    stored = json.dumps(
        [r["p"] for r in empty_db.execute_query(
            "MATCH (n) WHERE n:SmpAudit OR n:SmpErased RETURN properties(n) AS p").records],
        default=str,
    )  # fmt: skip
    assert "Acacia" not in stored and "Bloggs" not in stored
    assert "failed attempt" in run_smp("audit").stdout


@pytest.mark.neo4j
def test_audit_entries_of_earlier_versions_lose_the_id_in_clear(empty_db):
    empty_db.execute_query(
        "CREATE (:SmpAudit {action: 'forget', subjectId: 'P-777', by: 'x', at: datetime(), "
        "found: true}), (:SmpAudit {action: 'forget', subjectId: 'Some Name', by: 'x', "
        "at: datetime(), found: false})"
    )
    assert run_smp("load", str(MINIMAL)).returncode == 0  # any load upgrades the audit
    stored = json.dumps(
        [r["p"] for r in empty_db.execute_query(
            "MATCH (n) WHERE n:SmpAudit OR n:SmpErased RETURN properties(n) AS p").records],
        default=str,
    )  # fmt: skip
    assert "P-777" not in stored and "Some Name" not in stored
    erased = empty_db.execute_query("MATCH (e:SmpErased) RETURN count(e) AS n").records
    assert erased[0]["n"] == 1  # the erasure that found someone still sticks


# Rows 7 and 9: the local server's files are private and it reads no files.


@pytest.mark.neo4j
def test_the_local_server_keeps_its_files_private(neo4j_env):
    data = TEST_HOME / "neo4j" / "data"
    assert stat.S_IMODE(TEST_HOME.stat().st_mode) == 0o700
    for path in [data, *data.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_symlink():
            continue
        assert mode & 0o077 == 0, (path, oct(mode))


@pytest.mark.neo4j
def test_the_local_server_keeps_only_the_newest_transaction_log(driver):
    records = driver.execute_query(
        "CALL dbms.listConfig('db.tx_log.rotation.retention_policy') YIELD name, value RETURN value"
    ).records
    assert [r["value"] for r in records] == ["false"]


@pytest.mark.neo4j
@pytest.mark.parametrize("url", ["file:///etc/hostname", "file:///../../../../etc/hostname"])
def test_load_csv_cannot_read_this_computers_files(driver, url):
    from neo4j.exceptions import Neo4jError

    with pytest.raises(Neo4jError):
        driver.execute_query("LOAD CSV FROM $url AS row RETURN row", url=url)
