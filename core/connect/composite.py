"""Values that share one staff cell, or have no cell of their own: a name in one «ФИО», «с 02.03 по 13.03.2026» for
the start and end, «09:00–10:30» for a lesson's hours, «ПК-01 Функциональная грамотность» for the programme's code, a department written once on a
section row above its records, a programme kind written once in the tab's title."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from core.timetable.clock import clock, hhmm

NAME_PARTS = ("фамилия", "имя", "отчество")
RANGE_PARTS = ("с", "по")
CODE = "код"
SECTION = "раздел"  # the value is the text of the section row above the record
TITLE = "шапка"  # the value is written once in the title: the link's sheet_header holds it
READ_ONLY = (CODE, SECTION, TITLE)  # parts the app reads but never writes into the staff's cell

_DAY = r"(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?"
_RANGE = re.compile(rf"^\s*(?:с\s*)?{_DAY}\s*(?:г\.?)?\s*(?:-|–|—|по|до)\s*{_DAY}\s*(?:г\.?)?\s*$", re.I)
_TIME = r"(\d{1,2})[:.](\d{2})"
_TIME_RANGE = re.compile(rf"^\s*(?:с\s*)?{_TIME}\s*(?:-|–|—|до|по)\s*{_TIME}\s*$", re.I)
_CLOCK = re.compile(r"^\s*\d{1,2}[:.]\d{2}\s*$")
_CODE_FIRST = re.compile(r"^\s*([\w№]+(?:[-/.][\w№]+)*)[\s.:–—-]+\S")
_CODE_LAST = re.compile(r"\(([\w№]+(?:[-/.][\w№]+)*)\)\s*$")


def _year(text: str | None, fallback: str | None) -> str | None:
    if text is None:
        return fallback
    return text if len(text) == 4 else f"20{text}"


def date_range(value: Any) -> tuple[Any, Any] | None:
    """«с 02.03.2026 по 13.03.2026», «02.03–13.03.2026», «02.03.2026 - 13.03.2026» → the two dates as text (the
    first borrows the second's year); a real date is the start alone; None when the cell is no range."""
    if isinstance(value, datetime | date):
        return value, None
    match = _RANGE.match(str(value or ""))
    if match is None:
        return None
    d1, m1, y1, d2, m2, y2 = match.groups()
    y2 = _year(y2, None)
    y1 = _year(y1, y2)
    if y1 is None or y2 is None:
        return None
    return f"{int(d1):02d}.{int(m1):02d}.{y1}", f"{int(d2):02d}.{int(m2):02d}.{y2}"


def time_range(value: Any) -> tuple[str, str] | None:
    """«09:00–10:30», «9.00-10.30», «с 9:00 до 10:30» → the lesson's start and end as «ЧЧ:ММ»; None when the cell
    is no range of two times of day («10.12–11.40» has no year: no range of dates either, so never both)."""
    match = _TIME_RANGE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    start, end = clock(f"{match[1]}:{match[2]}"), clock(f"{match[3]}:{match[4]}")  # a time of day, or None
    return (hhmm(start), hhmm(end)) if start and end else None


def a_range(value: Any, of_times: bool) -> tuple[Any, Any] | None:
    """The two ends of a range cell: of times of day (a lesson's «Начало»/«Окончание») or of dates."""
    return time_range(value) if of_times else date_range(value)


def range_text(start: Any, end: Any) -> str | None:
    """The two dates (or times of day) as one cell, the way the staff's own column reads."""
    times = [v if isinstance(v, time) else clock(v) if isinstance(v, str) and _CLOCK.match(v) else None
             for v in (start, end)]
    if times[0] and times[1]:
        return f"{hhmm(times[0])}–{hhmm(times[1])}"

    def shown(value: Any) -> str | None:
        if isinstance(value, datetime | date):
            return value.strftime("%d.%m.%Y")
        return None if value in (None, "") else str(value)

    a, b = shown(start), shown(end)
    if a and b:
        return f"с {a} по {b}"
    return f"с {a}" if a else (f"по {b}" if b else None)


@lru_cache(maxsize=1 << 16, typed=True)  # met once per model tab it is weighed for: 10 000 rows × 29 tabs
def leading_code(value: Any) -> str | None:
    """The code a «код + наименование» cell starts with (or ends with, in brackets); None when there is none."""
    text = str(value or "").strip()
    for pattern in (_CODE_FIRST, _CODE_LAST):
        match = pattern.search(text)
        if match and re.search(r"\d", match[1]):
            return match[1]
    return None
