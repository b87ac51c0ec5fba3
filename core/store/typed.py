"""Cells read by their column's type, the same way on both stores.

A sheet cell has a value and, through its number format, a face: 0.8 shows as «80%», 7 as «007»,
1234567819 as «012-345-678 19», 46082 as «01.03.2026». What the app should see depends on the column:
a date column wants the date, a number column the number (80 for «80%»), a text column — and any column
staff added themselves — what the sheet shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sheets_schema import TAB_BY_NAME
from sheets_schema.base import normalize_header

from .base import Frame, TabData


@dataclass(frozen=True, slots=True)
class Shown:
    """A number the sheet shows through a format: the value and the text staff see."""

    value: float | int | date
    text: str
    percent: bool = False


def column_kinds(tab: str, headers: Sequence[str], frame: Frame | None = None) -> list[type | None]:
    """Each column's type from the sheet model (or the frame, on a staff tab); None for a column the model doesn't
    know."""
    if frame is not None and frame.kinds:
        return [frame.kinds.get(normalize_header(h)) for h in headers]
    model = TAB_BY_NAME.get(tab)
    if model is None:
        return [None] * len(headers)
    by_header = {normalize_header(c.header): c.kind for c in model.columns}
    return [by_header.get(normalize_header(h)) for h in headers]


def resolve(value: Any, kind: type | None) -> Any:
    """The value a column of this type reads from the cell."""
    if not isinstance(value, Shown):
        return value
    if kind in (Decimal, int):
        if value.percent:
            number = Decimal(repr(value.value)) * 100
            return number.to_integral_value() if number == number.to_integral_value() else number.normalize()
        return value.value
    if kind in (date, bool):
        return value.value
    return value.text  # text, choices and columns staff added: what the sheet shows


def header_text(value: Any) -> str:
    if isinstance(value, Shown):
        return value.text.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


def headers_of(rows: Sequence[Sequence[Any]]) -> list[str]:
    """Column headers from the header rows: one row as it is; under a group header spanning several columns (merged
    above its sub-headers) a column is «group / sub», and a header merged down the rows is its one text."""
    texts = [[header_text(v) for v in row] for row in rows]
    width = max((len(r) for r in texts), default=0)
    texts = [r + [""] * (width - len(r)) for r in texts]
    if len(texts) <= 1:
        headers = texts[0] if texts else []
    else:
        carried = [list(r) for r in texts]
        for upper, lower in zip(carried, texts[1:], strict=False):
            for i in range(1, width):  # a group's text is carried right over the sub-headers it spans
                if not upper[i] and upper[i - 1] and lower[i] and lower[i - 1]:
                    upper[i] = upper[i - 1]
        headers = [" / ".join(dict.fromkeys(r[i] for r in carried if r[i])) for i in range(width)]
    headers = list(headers)
    while headers and headers[-1] == "":
        headers.pop()
    return headers


def tab_from_cells(name: str, grid: Sequence[Sequence[Any]], start_row: int = 1, frame: Frame | None = None) -> TabData:
    """Row `start_row` as headers (the frame's header row of a grid from A1), the non-empty rows below with their
    sheet row numbers, each cell resolved."""
    if frame is not None and frame.header_row > 1:
        headers = headers_of(grid[frame.top - 1:frame.header_row])
        grid, start_row = grid[frame.header_row - 1:], frame.header_row
    elif grid:
        headers = headers_of(grid[:1])
    if not grid:
        return TabData(name, [], [], [])
    kinds = column_kinds(name, headers, frame)
    width = len(headers)
    rows, numbers = [], []
    for number, raw in enumerate(grid[1:], start=start_row + 1):
        values = row_values(raw, kinds, width)
        if values is not None:
            rows.append(values)
            numbers.append(number)
    return TabData(name, headers, rows, numbers)


def row_values(raw: Sequence[Any], kinds: Sequence[Any], width: int) -> list[Any] | None:
    """One row as a read keeps it (None: an empty row, which a read leaves out) — the same for a whole tab read and
    for the rows the store itself just wrote (kept in memory instead of reading the file again)."""
    # Most cells are plain values: resolve() only the few that carry how the sheet shows them.
    values = [None if v == "" else resolve(v, k) if v.__class__ is Shown else v
              for v, k in zip(raw, kinds, strict=False)]  # a short row is padded below
    if values.count(None) == len(values):
        return None
    values += [None] * (width - len(values))
    return values


def resolve_row(tab: str, headers: Sequence[str], raw: Sequence[Any], frame: Frame | None = None) -> list[Any]:
    """One row's cells resolved by their columns (for a check-read of single rows)."""
    kinds = column_kinds(tab, headers, frame)
    values = [None if v == "" else resolve(v, kinds[i]) if i < len(kinds) else v for i, v in enumerate(raw)]
    return values + [None] * (len(headers) - len(values))
