"""Every rule of contract §1 "What makes a workbook invalid", and the tolerated variations.

Each invalid case is checked twice: by the validator alone (no database), and by
``smp load`` against the test server, which must exit 1, name ``FILE:ROW`` and
leave the database exactly as it was.
"""

from __future__ import annotations

import pytest

from core.errors import WorkbookError
from loader.validate import load_workbook
from tests.conftest import db_snapshot, run_smp
from tests.workbooks import MINIMAL, read_tables, write_tables


def _set(sheet: str, row: int, **values):
    """A change: set columns of the row the spreadsheet shows as ``row``."""

    def change(tables):
        tables[sheet][row - 2].update(values)

    return change


def _drop_file(sheet: str):
    def change(tables):
        del tables[sheet]

    return change


def _drop_column(sheet: str, column: str):
    def change(tables):
        for row in tables[sheet]:
            del row[column]

    return change


# (case, change, file, row, column, words in the message)
INVALID = [
    ("missing file", _drop_file("memberships"), "memberships.csv", 1, "(file)", "missing"),
    ("missing column", _drop_column("memberships", "role"), "memberships.csv", 1, "role",
     "missing"),
    ("blank required value", _set("people", 3, name=""), "people.csv", 3, "name", "blank"),
    ("duplicate id", _set("groups", 6, group_id="G-BRA-MAF"), "groups.csv", 6, "group_id",
     "duplicate"),
    ("value outside its list", _set("memberships", 2, role="chairperson"), "memberships.csv", 2,
     "role", "'chairperson'"),
    ("workstream outside its list", _set("groups", 3, workstreams="asylum;housing"),
     "groups.csv", 3, "workstreams", "'housing'"),
    ("unreadable date", _set("memberships", 9, start_date="2025-13-01"), "memberships.csv", 9,
     "start_date", "'2025-13-01'"),
    ("unreadable boolean", _set("groups", 2, confidential="maybe"), "groups.csv", 2,
     "confidential", "'maybe'"),
    ("unreadable number", _set("groups", 2, meetings_per_year="four"), "groups.csv", 2,
     "meetings_per_year", "'four'"),
    ("reference to a missing id", _set("memberships", 2, person_id="P-999"), "memberships.csv", 2,
     "person_id", "'P-999'"),
    ("end date before start date", _set("reporting_lines", 2, start_date="2026-01-01",
     end_date="2025-01-01"), "reporting_lines.csv", 2, "end_date", "before"),
    ("membership ending before it starts", _set("memberships", 9, end_date="01/09/2025"),
     "memberships.csv", 9, "end_date", "before"),
    ("parent not of a higher type", _set("areas", 4, parent_id="E08000032"), "areas.csv", 4,
     "parent_id", "not of a higher type"),
    ("cycle of parents", _set("areas", 2, parent_id="E92000001"), "areas.csv", 2, "parent_id",
     "cycle"),
    ("reporting line to itself", _set("reporting_lines", 2, to_group_id="G-BRA-MAF"),
     "reporting_lines.csv", 2, "to_group_id", "itself"),
    ("vcs_rep without represented area", _set("memberships", 9, represents_area_id=""),
     "memberships.csv", 9, "represents_area_id", "vcs_rep"),
    ("vcs_rep of an area that is not a local authority",
     _set("memberships", 9, represents_area_id="yh-west-yorkshire"), "memberships.csv", 9,
     "represents_area_id", "local_authority"),
    ("local group without area", _set("groups", 5, area_id=""), "groups.csv", 5, "area_id",
     "national"),
]  # fmt: skip
IDS = [case[0] for case in INVALID]


def _bad_workbook(tmp_path, change):
    tables = read_tables()
    change(tables)
    return write_tables(tmp_path / "bad", tables)


@pytest.mark.parametrize(("case", "change", "file", "row", "column", "words"), INVALID, ids=IDS)
def test_validator_rejects(tmp_path, case, change, file, row, column, words):
    with pytest.raises(WorkbookError) as info:
        load_workbook(_bad_workbook(tmp_path, change))
    lines = [str(p) for p in info.value.problems]
    expected = f"{file}:{row}: {column}: "
    matching = [line for line in lines if line.startswith(expected)]
    assert matching, f"no {expected!r} in {lines}"
    assert any(words in line for line in matching), lines


@pytest.mark.neo4j
@pytest.mark.parametrize(("case", "change", "file", "row", "column", "words"), INVALID, ids=IDS)
def test_load_rejects_and_writes_nothing(
    empty_db, tmp_path, case, change, file, row, column, words
):
    assert run_smp("load", str(MINIMAL)).returncode == 0
    before = db_snapshot(empty_db)
    result = run_smp("load", str(_bad_workbook(tmp_path, change)), "--replace")
    assert result.returncode == 1, result.stderr
    assert f"{file}:{row}: {column}: " in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert db_snapshot(empty_db) == before


def test_check_reports_every_problem_in_one_run(tmp_path):
    independent = {
        "blank required value", "value outside its list", "unreadable boolean",
        "reference to a missing id", "reporting line to itself", "vcs_rep without represented area",
        "parent not of a higher type", "local group without area",
    }  # fmt: skip
    cases = [case for case in INVALID if case[0] in independent]
    tables = read_tables()
    for _case, change, *_ in cases:
        change(tables)
    result = run_smp("check", str(write_tables(tmp_path / "bad", tables)))
    assert result.returncode == 1
    for _case, _change, file, row, column, _words in cases:
        assert f"{file}:{row}: {column}: " in result.stderr
    problem_lines = [line for line in result.stderr.splitlines() if ".csv:" in line]
    assert len(problem_lines) >= len(cases)


def test_check_touches_no_database(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "NEO4J_URI": "bolt://127.0.0.1:1", "HOME": str(tmp_path)}
    result = run_smp("check", str(MINIMAL), env=env)
    assert result.returncode == 0, result.stderr
    assert "valid workbook" in result.stdout


# Tolerated variations ---------------------------------------------------------


def test_header_case_and_spaces(tmp_path):
    folder = write_tables(tmp_path / "wb", read_tables())
    text = (folder / "areas.csv").read_text()
    (folder / "areas.csv").write_text(text.replace("area_id,name", " Area_ID ,NAME  ", 1))
    text = (folder / "memberships.csv").read_text()
    (folder / "memberships.csv").write_text(
        text.replace("represents_area_id", "Represents Area ID")
    )
    workbook = load_workbook(folder)
    assert workbook["areas"][0]["area_id"] == "E92000001"
    assert workbook["memberships"][7]["represents_area_id"] == "E08000032"


def test_byte_order_mark(tmp_path):
    folder = write_tables(tmp_path / "wb", read_tables())
    for path in folder.glob("*.csv"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_workbook(folder)["areas"][0]["area_id"] == "E92000001"


def test_uk_dates_and_booleans(tmp_path):
    tables = read_tables()
    tables["memberships"][7].update(start_date="01/10/2025", end_date="30/09/2026")
    tables["reporting_lines"][0]["two_way"] = "N"
    tables["groups"][0]["confidential"] = "YES"
    workbook = load_workbook(write_tables(tmp_path / "wb", tables))
    member = workbook["memberships"][7]
    assert (member["start_date"].isoformat(), member["end_date"].isoformat()) == (
        "2025-10-01",
        "2026-09-30",
    )
    assert workbook["reporting_lines"][0]["two_way"] is False
    assert workbook["groups"][0]["confidential"] is True


def test_extra_columns_are_kept_as_text(tmp_path):
    tables = read_tables()
    for row in tables["groups"]:
        row["Local contact"] = "Migration team"
        row["notes"] = ""
    workbook = load_workbook(write_tables(tmp_path / "wb", tables))
    assert workbook["groups"][0]["extra"] == {"localContact": "Migration team"}


def test_empty_optional_files(tmp_path):
    folder = write_tables(tmp_path / "wb", read_tables())
    (folder / "meetings.csv").write_text("meeting_id,group_id,date,format\n")
    (folder / "attendance.csv").write_text("")
    workbook = load_workbook(folder)
    assert workbook["meetings"] == [] and workbook["attendance"] == []


def test_defaults(tmp_path):
    tables = read_tables()
    for row in tables["reporting_lines"]:
        row.update(kind="", two_way="")
    tables["memberships"][0]["selection"] = ""
    workbook = load_workbook(write_tables(tmp_path / "wb", tables))
    assert workbook["reporting_lines"][0]["kind"] == "feeds_into"
    assert workbook["reporting_lines"][0]["two_way"] is True
    assert workbook["memberships"][0]["selection"] == "appointed"


def _with_attendance(tmp_path, rows):
    tables = read_tables()
    tables["meetings"] = [{"meeting_id": "M-1", "group_id": "G-YH-SMG", "date": "2026-06-01",
                           "format": "online"}]  # fmt: skip
    tables["attendance"] = [{"meeting_id": "M-1", "person_id": "P-001", "attended": a}
                            for a in rows]  # fmt: skip
    return write_tables(tmp_path / "attendance", tables)


def test_attendance_one_row_per_person_and_meeting(tmp_path):
    # The same answer twice is accepted (written once); attended and apologies for one
    # meeting is a problem.
    assert (
        load_workbook(_with_attendance(tmp_path / "same", ["true", ""])).counts()["attendance"] == 2
    )
    with pytest.raises(WorkbookError) as info:
        load_workbook(_with_attendance(tmp_path / "differ", ["", "false"]))
    [line] = [str(p) for p in info.value.problems]
    assert line.startswith("attendance.csv:3: attended: ")
    assert "'P-001' did not attend meeting 'M-1' here but attended on row 2" in line
