# ruff: noqa: E501  (the messages as the command prints them, whole)
"""Errors that say how to fix them (issue 31): a choice in words, an id written
otherwise, a US date, a renamed header, a sheet under another name. The contract's
rules and exit codes stay: every problem is still listed at once, with exit status 1."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from tests.conftest import run_smp
from tests.workbooks import MINIMAL, write_tables
from tests.workbooks import read_tables as read_csv


def _checked(tables: dict, folder: Path) -> str:
    result = run_smp("check", str(write_tables(folder, tables)))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    return result.stderr


def test_choices_in_words_ids_written_otherwise_and_us_dates(tmp_path):
    tables = read_csv(MINIMAL)
    tables["organisations"][3]["sector"] = "Voluntary sector"
    tables["memberships"][0]["role"] = "Vice chair"
    tables["people"][2]["org_id"] = "o-brs"  # O-BRS, another case
    tables["memberships"][7]["person_id"] = "P-0003"  # P-003, zero-padded
    tables["memberships"][8]["person_id"] = "P-00x"  # nothing like it
    tables["memberships"][7]["end_date"] = "12/31/2026"
    said = _checked(tables, tmp_path / "w")
    assert "organisations.csv:5: sector: 'Voluntary sector' is not one of: " in said
    assert "; did you mean vcs?" in said
    assert "memberships.csv:2: role: 'Vice chair' is not one of:" in said
    assert "did you mean vice_chair?" in said
    assert (
        "people.csv:4: org_id: 'o-brs' is not a org_id in organisations.csv; did you mean O-BRS?"
        in said
    )
    assert (
        "memberships.csv:9: person_id: 'P-0003' is not a person_id in people.csv; did you mean P-003?"
        in said
    )
    assert "'P-00x' is not a person_id in people.csv\n" in said  # no guess when nothing is near
    assert "memberships.csv:9: end_date: '12/31/2026' is not a date (use YYYY-MM-DD or " in said
    assert "it looks like month/day/year: write 31/12/2026" in said
    assert said.count("\n") >= 7  # every problem at once


def test_a_renamed_header_and_a_sheet_under_another_name(tmp_path):
    tables = read_csv(MINIMAL)
    for row in tables["memberships"]:
        row["Role Type"] = row.pop("role")
    said = _checked(tables, tmp_path / "w")
    assert (
        "memberships.csv:1: role: required column is missing; the sheet has 'role_type': is this role?"
        in said
    )
    book = Workbook()
    book.remove(book.active)
    for name, rows in read_csv(MINIMAL).items():
        sheet = book.create_sheet("Memberships (2026)" if name == "memberships" else name)
        columns = list(rows[0])
        sheet.append(columns)
        for row in rows:
            sheet.append([row[c] for c in columns])
    book.save(tmp_path / "book.xlsx")
    result = run_smp("check", str(tmp_path / "book.xlsx"))
    assert result.returncode == 1
    assert (
        "memberships:1: (sheet): required sheet is missing; the workbook has sheet "
        "'Memberships (2026)': rename it memberships"
    ) in result.stderr
