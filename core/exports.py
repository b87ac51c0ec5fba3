"""Tables as .xlsx and .csv downloads; text that a spreadsheet would run as a formula is escaped."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import openpyxl
from openpyxl.styles import Font

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text starting with = + - @ tab or CR gets a leading apostrophe, so Excel shows it, never runs it."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_xlsx(headers: Sequence[str], rows: Sequence[Sequence[Any]], sheet: str = "Лист1") -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """CSV in UTF-8 with BOM and «;» — what a Russian Excel opens without asking."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")
