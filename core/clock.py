"""Today's date: the one place the product asks the clock for it.

``SMP_TODAY`` (an ISO date) sets it instead, for a demonstration as of a given day
and for the test suite, which runs with the clock moved a year on so that no test can
pass only on the day it was written (``tests/conftest.py``).
"""

from __future__ import annotations

import datetime as dt
import os

from core.errors import UsageError

__all__ = ["today"]


def today() -> dt.date:
    """``SMP_TODAY`` when set, else the machine's date; a ``SMP_TODAY`` that is not a
    date is a :class:`~core.errors.UsageError`, never silently the real day."""
    value = os.environ.get("SMP_TODAY", "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise UsageError(f"SMP_TODAY {value!r} is not a date (use YYYY-MM-DD)") from err
