"""How dates, counts and codes read for people (UK conventions)."""

from __future__ import annotations

import datetime as dt

__all__ = ["agree", "count", "financial_quarter", "quarter_words", "uk_date", "uk_datetime"]


def uk_date(day: dt.date | str | None) -> str:
    """``"30 September 2026"``; ISO text is accepted, None gives ``""``.

    >>> uk_date(dt.date(2026, 9, 3)), uk_date("2026-03-31"), uk_date(None)
    ('3 September 2026', '31 March 2026', '')
    """
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return f"{day.day} {day:%B %Y}"


def uk_datetime(moment: dt.datetime | str | None) -> str:
    """``"30 November 2026 at 09:12"`` in UK time (GMT or BST).

    >>> uk_datetime("2026-07-01T08:05:00+00:00")
    '1 July 2026 at 09:05'
    """
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        from zoneinfo import ZoneInfo

        moment = moment.astimezone(ZoneInfo("Europe/London"))
    return f"{uk_date(moment.date())} at {moment:%H:%M}"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``"1 person"``, ``"3 people"``, ``"no groups"``.

    >>> count(1, "person", "people"), count(3, "person", "people"), count(0, "group")
    ('1 person', '3 people', 'no groups')
    """
    word = singular if n == 1 else (plural or singular + "s")
    return f"{'no' if n == 0 else f'{n:,}'} {word}"


def agree(n: int, one: str, many: str) -> str:
    """The words that agree with a count: ``one`` for 1, ``many`` otherwise (0 too).

    >>> agree(1, "it is", "they are"), agree(3, "it is", "they are"), agree(0, "is", "are")
    ('it is', 'they are', 'are')
    """
    return one if n == 1 else many


def financial_quarter(end: dt.date) -> str:
    """The local-government financial quarter (April to March) a quarter-end falls in.

    >>> financial_quarter(dt.date(2026, 9, 30)), financial_quarter(dt.date(2027, 3, 31))
    ('Q2 2026/27', 'Q4 2026/27')
    """
    start_year = end.year if end.month >= 4 else end.year - 1
    quarter = ((end.month - 4) % 12) // 3 + 1
    return f"Q{quarter} {start_year}/{str(start_year + 1)[-2:]}"


def quarter_words(end: dt.date) -> str:
    """A calendar quarter in words, with its financial quarter.

    >>> quarter_words(dt.date(2026, 9, 30))
    'July to September 2026 (Q2 2026/27)'
    """
    first = dt.date(end.year, end.month - 2, 1)
    return f"{first:%B} to {end:%B %Y} ({financial_quarter(end)})"
