"""Small helpers shared by the pages (reading the global selections, tables)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import streamlit as st

FORMULA_START = ("=", "+", "-", "@")


def as_of() -> dt.date:
    return st.session_state.get("as_of") or dt.date.today()


def region() -> str | None:
    return st.session_state.get("region") or None


def neutralise(value: object) -> object:
    """Cells beginning with = + - @ are read as formulas by spreadsheets: prefix a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.map(neutralise)


def excel_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        export_frame(frame).to_excel(writer, sheet_name=sheet, index=False)
        worksheet = writer.sheets[sheet]
        for column in worksheet.columns:
            width = max(len(str(c.value or "")) for c in column) + 2
            worksheet.column_dimensions[column[0].column_letter].width = min(width, 60)
    return buffer.getvalue()
