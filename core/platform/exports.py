"""Tables as .xlsx and .csv downloads; text that a spreadsheet would run as a formula never runs.

In .xlsx a text cell is a string cell, so it stays exactly what it was; a .csv has no cell types, so such text
gets a leading apostrophe there (what Excel and LibreOffice take as «text»).
"""

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


def append_text_exact(sheet, values: Sequence[Any]) -> None:
    """Append a row whose text stays text: a string cell, never a formula, whatever it starts with. openpyxl
    would store «=HYPERLINK(…)» as a live formula; as a string cell every office shows it and runs nothing,
    and the value keeps its exact letters (no apostrophe, which would reach the federal registry or Moodle)."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"


def to_xlsx(headers: Sequence[str], rows: Sequence[Sequence[Any]], sheet: str = "Лист1") -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_text_exact(ws, row)
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
