"""A page's tabs read as plain values: a year of applications (10 000 rows) in about a quarter of the bytes the
typed grid takes.

spreadsheets.get answers every cell as an object ({"effectiveValue": {"stringValue": …}, "formattedValue": …}),
most of it the same few words again and again. spreadsheets.values answers a cell as its bare value. So a read is
one values:batchGet of the tabs with valueRenderOption=FORMULA (what was typed: text, numbers — dates as serial
numbers —, booleans, and formulas as «=…»), and, only for the columns that hold numbers or formulas, what the cells
show (FORMATTED_VALUE) and what formulas give (UNFORMATTED_VALUE), as whole columns. A cell reads as `decode` in
sheets_cells.py reads the typed grid: text as text, a number with the face the sheet shows it with (a date where
that face is the serial number's date, a percentage where it ends in «%»), a formula as its result, and a row of
nothing but formulas and checkboxes as no record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from core.platform.a1 import column_letter, quoted

from .sheets_cells import SERIAL_EPOCH
from .typed import Shown

TYPED = {"valueRenderOption": "FORMULA", "dateTimeRenderOption": "SERIAL_NUMBER", "majorDimension": "ROWS"}
_LAST_SERIAL = 2958466  # 31.12.9999


def read_tabs(store, tabs: Sequence[str]) -> dict[str, list[list[Any]]]:
    """Rows of decoded cells of whole tabs (by title); raises gspread's APIError for a tab Google can't find."""
    answer = store.http.values_batch_get(store.key, [quoted(t) for t in tabs], params=dict(TYPED))
    typed = {t: part.get("values", []) for t, part in zip(tabs, answer.get("valueRanges", []), strict=False)}
    numbers = {t: _columns(rows, _is_number_or_formula) for t, rows in typed.items()}
    formulas = {t: _columns(rows, _is_formula_text) for t, rows in typed.items()}
    faces = _whole_columns(store, numbers, "FORMATTED_VALUE")
    results = _whole_columns(store, formulas, "UNFORMATTED_VALUE")
    return {t: _grid(typed.get(t, []), faces.get(t, {}), results.get(t, {})) for t in tabs}


def _is_number_or_formula(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)) or _is_formula_text(value)


def _is_formula_text(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _columns(rows: list[list[Any]], wanted) -> list[int]:
    return sorted({c for row in rows for c, v in enumerate(row) if wanted(v)})


def _whole_columns(store, columns: dict[str, list[int]], render: str) -> dict[str, dict[int, list[Any]]]:
    wanted = [(t, c) for t, cs in columns.items() for c in cs]
    if not wanted:
        return {}
    ranges = [f"{quoted(t)}!{column_letter(c + 1)}:{column_letter(c + 1)}" for t, c in wanted]
    answer = store.http.values_batch_get(store.key, ranges, params={
        "valueRenderOption": render, "dateTimeRenderOption": "SERIAL_NUMBER", "majorDimension": "COLUMNS"})
    out: dict[str, dict[int, list[Any]]] = {}
    for (tab, column), part in zip(wanted, answer.get("valueRanges", []), strict=False):
        out.setdefault(tab, {})[column] = (part.get("values") or [[]])[0]
    return out


def _at(column: list[Any] | None, row: int) -> Any:
    return column[row] if column is not None and row < len(column) else None


def _grid(rows: list[list[Any]], faces: dict[int, list[Any]], results: dict[int, list[Any]]) -> list[list[Any]]:
    grid = []
    for r, row in enumerate(rows):
        cells, typed = [], False
        for c, value in enumerate(row):
            face = _at(faces.get(c), r)
            if _is_formula_text(value) and c in faces and face is not None and face != value:
                cells.append(decode_value(_at(results.get(c), r), face))  # a formula: its result
                continue
            cell = decode_value(value, face)
            cells.append(cell)
            typed = typed or (cell != "" and not isinstance(cell, bool))
        grid.append(cells if typed else [])
    return grid


def decode_value(value: Any, face: Any) -> Any:
    """A plain value and the text the sheet shows for it → "" | str | bool | a number | Shown."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or isinstance(value, str):
        return value
    number = int(value) if isinstance(value, float) and value.is_integer() else value
    text = "" if face is None else str(face)
    if not text:
        return number
    if text.endswith("%"):
        return Shown(number, text, percent=True)
    moment = _date_shown(number, text)
    if moment is not None:
        return Shown(moment, text)
    plain = str(number) if isinstance(number, int) else format(number, ".15g")
    return Shown(number, text) if text != plain else number


def _date_shown(number: float | int, text: str):
    """The date (or date and time) a serial number is, when the text the sheet shows is that date: its year and its
    day among the text's numbers, with a month (a number or a name) — «05.12.2026», «2026-12-05», «5 декабря
    2026 г.», «05.12.2026 14:30:00». A sum shown «46 000,00» is no date."""
    if not 0 < number < _LAST_SERIAL:
        return None
    moment = SERIAL_EPOCH + timedelta(days=number)
    digits = [int(d) for d in re.findall(r"\d+", text.split(" ")[0] if ":" in text else text)]
    if moment.year not in digits and moment.year % 100 not in digits[-1:]:
        return None
    if moment.day not in digits:
        return None
    if moment.month not in digits and not re.search(r"[A-Za-zА-Яа-яЁё]{3,}", text):
        return None
    if ":" in text and moment.time() != datetime.min.time():
        return moment
    return moment.date()
