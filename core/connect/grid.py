"""A «шахматка»: listeners down, class dates across, a mark in each cell — read as the model's attendance rows
(one per listener and date marked). Listeners are named, not numbered: their ID is found on «Слушатели» by name.

The app's attendance form marks a class into it (core.connect.grid_write): the listener's row, the class's date
column, the staff's own marks; changing a mark already there is the staff's, in the grid itself.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from core.records.cells import is_blank
from sheets_schema.base import normalize_header

DATES = "даты"  # part: the value is the date in the column's header
MARK = "отметка"  # part: the value is the cell's mark
LOOKUP = "по ФИО"  # part: the model key found on another tab by the name in the cell («через Слушатели.ФИО»)
GRID_TAB = "Посещаемость"

_PRESENT = {"+", "1", "да", "✓", "v", "п", "был", "была", "присутствовал", "true", "истина"}
_ABSENT = {"н", "нб", "н/б", "-", "0", "нет", "б", "у", "ув", "отс", "false", "ложь", "не был", "не была"}
_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?$")


def header_date(header: Any, year: int) -> date | None:
    """A column header that is a class date: a real date, «02.03.2026», or «02.03» in the title's year."""
    if isinstance(header, datetime):
        return header.date()
    if isinstance(header, date):
        return header
    match = _DAY.match(str(header or "").strip())
    if match is None:
        return None
    day, month, y = int(match[1]), int(match[2]), match[3]
    full = year if y is None else (int(y) if len(y) == 4 else 2000 + int(y))
    try:
        return date(full, month, day)
    except ValueError:
        return None


def year_of(text: str, fallback: int) -> int:
    found = re.search(r"\b(20\d\d)\b", text or "")
    return int(found[1]) if found else fallback


def date_columns(headers: Sequence[Any], year: int) -> dict[int, date]:
    return {i: d for i, h in enumerate(headers) if (d := header_date(h, year)) is not None}


def mark(value: Any) -> Any:
    """A cell's mark as the model's «Присутствовал»: True, False, or the text as it is (its reader says why not)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):  # a grid of 1 and 0 (read as numbers: 1.0, 0.0)
        return value == 1
    text = normalize_header(str(value))
    if text in _PRESENT:
        return True
    if text in _ABSENT:
        return False
    return value


def unpivot(raw_rows: Sequence[tuple[int, Sequence[Any]]], label: int, dates: Mapping[int, date],
            names: Mapping[str, str]) -> list[tuple[int, int, Any, date, Any]]:
    """(sheet row, the mark's column, listener's key or the name as written, date, mark) for every marked cell."""
    out = []
    for number, raw in raw_rows:
        name = raw[label] if label < len(raw) else None
        if is_blank(name):
            continue
        who = names.get(normalize_header(str(name)), name)
        for column, day in sorted(dates.items()):
            value = raw[column] if column < len(raw) else None
            if not is_blank(value):
                out.append((number, column, who, day, mark(value)))
    return out


def grid_view(mapped, staff, names: Mapping[str, str], cancelled: Collection[int] = ()):
    """The model's attendance rows inside a «шахматка» (`mapped` a TabMap, `staff` its TabData); a listener's row
    struck through (`cancelled`, core.connect.cancelled) has none."""
    from core.store.base import TabData

    links = {link.part: link for link in mapped.links}
    label = links.get(LOOKUP)
    index = {normalize_header(h): i for i, h in enumerate(staff.headers) if h}
    place = index.get(normalize_header(label.sheet_header)) if label else None
    year = year_of(links[DATES].sheet_header, date.today().year) if DATES in links else date.today().year
    headers = ["Код группы", "Дата занятия", "ID слушателя", "Присутствовал"]
    labels = [f"шапка листа: «{links['шапка'].sheet_header}»" if "шапка" in links else "Код группы",
              "даты в заголовках", label.sheet_header if label else "ФИО", "отметки в ячейках"]
    lost = {} if place is not None else {"ID слушателя": f"{label.letter if label else 'A'}{mapped.header_row}"}
    rows, numbers, own = [], [], []
    if place is not None:
        group = links["шапка"].sheet_header if "шапка" in links else None
        marked = unpivot([(n, r) for n, r in zip(staff.row_numbers, staff.rows, strict=True) if n not in cancelled], place,
                         date_columns(staff.headers, year), names)
        for number, column, who, day, present in marked:
            rows.append([group, day, who, present])
            numbers.append(number)
            own.append([None, column, place, column])  # the date and the mark: the marked cell itself
    return TabData(mapped.model_tab, headers, rows, numbers, sheet=mapped.sheet,
                   sheet_columns=[None, None, place, None] if place is not None else None, labels=labels, lost=lost,
                   row_columns=own)
