"""Ids of the records a workbook has no id column for: memberships and reporting lines.

The loader stores them (``membershipId``, ``lineId``) and :func:`graph.model.build_network`
uses them as edge keys, so the same row always gets the same id, whoever builds it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

__all__ = ["LINE_ID_FIELDS", "MEMBERSHIP_ID_FIELDS", "membership_id", "reporting_line_id"]

#: The values a membership's id is made of (:func:`membership_id`).
MEMBERSHIP_ID_FIELDS = (
    "person_id", "group_id", "role", "represents_area_id", "selection", "start_date", "end_date",
)  # fmt: skip


def membership_id(record: Mapping) -> str:
    """A stable id for a membership row: the same row always gets the same id."""
    return _row_id("m", record, MEMBERSHIP_ID_FIELDS)


#: The values a reporting line's id is made of (:func:`reporting_line_id`).
LINE_ID_FIELDS = ("from_group_id", "to_group_id", "kind", "two_way", "start_date", "end_date")


def reporting_line_id(record: Mapping) -> str:
    """A stable id for a reporting line row."""
    return _row_id("r", record, LINE_ID_FIELDS)


def _row_id(prefix: str, record: Mapping, columns: tuple[str, ...]) -> str:
    parts = []
    for name in columns:
        value = record.get(name)
        parts.append(value.isoformat() if isinstance(value, dt.date) else str(value))
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=10).hexdigest()
    return f"{prefix}-{digest}"
