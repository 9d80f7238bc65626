"""The project's one exception hierarchy.

The core raises these; only :mod:`smp.cli` turns them into messages and exit codes
(0 success, 1 invalid input or failed analysis, 2 wrong usage, 3 database unreachable).
"""

from __future__ import annotations

from dataclasses import dataclass


class SmpError(Exception):
    """Base class of every error the project reports to its users."""

    exit_code = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a workbook, reported as ``FILE:ROW: COLUMN: message``."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.column}: {self.message}"


class WorkbookError(SmpError):
    """A workbook that cannot be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.row, p.column, p.message))
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found in the workbook")


class DatabaseUnavailable(SmpError):
    """The Neo4j server could not be reached or refused the credentials."""

    exit_code = 3


class DatabaseError(SmpError):
    """Neo4j answered, but a statement failed."""


class ServerError(SmpError):
    """The project's own local Neo4j could not be set up, started or stopped."""


class UsageError(SmpError):
    """The command was used wrongly (a bad option value, say)."""

    exit_code = 2
