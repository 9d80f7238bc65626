"""The project's one exception hierarchy.

The core raises these; only :mod:`smp.cli` turns them into messages and exit codes
(0 success, 1 invalid input or failed analysis, 2 wrong usage, 3 database unreachable).
"""

from __future__ import annotations

from collections.abc import Iterable
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


class Problems:
    """Problems as they are found, holding at most ``keep`` of them (the first, in
    report order) however many there are: a hostile workbook can have millions.

    ``len()`` counts every problem added.

    >>> found = Problems(keep=2)
    >>> for row in (9, 3, 5, 1):
    ...     found.append(Problem("a.csv", row, "x", "bad"))
    >>> len(found), [p.row for p in found.first()]
    (4, [1, 3])
    """

    def __init__(self, problems: Iterable[Problem] = (), keep: int = 10_000) -> None:
        self.keep = keep
        self._held: list[Problem] = []
        self._count = 0
        for problem in problems:
            self.append(problem)

    def append(self, problem: Problem) -> None:
        self._count += 1
        self._held.append(problem)
        if len(self._held) > 2 * self.keep:
            self._held = self.first()

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def first(self) -> list[Problem]:
        return sorted(self._held, key=_order)[: self.keep]

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0


def _order(problem: Problem) -> tuple:
    return (problem.file, problem.row, problem.column, problem.message)


class WorkbookError(SmpError):
    """A workbook that cannot be loaded.

    ``problems`` lists the reasons in report order (at most the first 10,000);
    ``total`` counts them all.
    """

    def __init__(self, problems: Iterable[Problem] | Problems):
        found = problems if isinstance(problems, Problems) else Problems(problems)
        self.problems = found.first()
        self.total = len(found)
        count = self.total
        super().__init__(f"{count:,} problem{'s' if count != 1 else ''} found in the workbook")


class DatabaseUnavailable(SmpError):
    """The Neo4j server could not be reached or refused the credentials.

    ``reason`` is ``"unreachable"``, ``"refused"`` (user name or password) or
    ``"no_password"``; ``local`` is True when no ``NEO4J_URI`` is set (the project's own
    server is meant). Front ends add what to do in their own terms.
    """

    exit_code = 3

    def __init__(self, message: str, reason: str = "unreachable", local: bool = False):
        super().__init__(message)
        self.reason = reason
        self.local = local


class DatabaseError(SmpError):
    """Neo4j answered, but a statement failed."""


class ServerError(SmpError):
    """The project's own local Neo4j could not be set up, started or stopped."""


class BadValue(SmpError):
    """A value given to the program (not in a workbook) that it cannot use: a quarter,
    a partnership, a settings file. ``what`` names the kind of value, so that a front
    end can say where it came from (an option, a field)."""

    exit_code = 2

    def __init__(self, what: str, message: str):
        super().__init__(message)
        self.what = what


class UsageError(SmpError):
    """The command was used wrongly (a bad option value, say)."""

    exit_code = 2
