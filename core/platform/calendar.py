"""Russian working days: public holidays, day-off transfers and working Saturdays (holidays, RU)."""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _ru(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("RU", years=year, language="ru")


def is_working_day(day: date) -> bool:
    """Monday–Friday unless a holiday or a transferred day off; a transferred working Saturday counts."""
    calendar = _ru(day.year)
    if day in calendar.weekend_workdays:
        return True
    return day.weekday() < 5 and day not in calendar


def holiday_name(day: date) -> str | None:
    return _ru(day.year).get(day)


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (before it when count is negative); 0 → start."""
    step = 1 if count >= 0 else -1
    day, left = start, abs(count)
    while left:
        day += timedelta(days=step)
        if is_working_day(day):
            left -= 1
    return day


def deadline_on(day: date) -> date:
    """A «by such a date» deadline: when it falls on a day off it ends on the next working day (ГК РФ ст. 193)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_days_before(deadline: date, count: int) -> date:
    """The latest date that is at least `count` working days before `deadline` ("N р.д. до D")."""
    return add_working_days(deadline, -count)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative when end is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for i in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=i)))


def shift_months(day: date, months: float) -> date:
    """T ± months, e.g. T − 1.5 months for the info letter (002 §5.2).

    Whole months keep the day of month (clamped to the month's end); a fractional part is that
    share of 30 days, so «за 1,5 месяца» is one calendar month and 15 days.
    """
    whole = int(months)
    fraction = months - whole
    month_index = day.month - 1 + whole
    year, month = day.year + month_index // 12, month_index % 12 + 1
    shifted = date(year, month, min(day.day, _cal.monthrange(year, month)[1]))
    return shifted + timedelta(days=round(fraction * 30))


def skipped_days(start: date, end: date) -> list[tuple[date, str]]:
    """Non-working days strictly between start and end that are holidays or transfers, with their names."""
    low, high = min(start, end), max(start, end)
    result = []
    day = low + timedelta(days=1)
    while day < high:
        name = holiday_name(day)
        if name and not is_working_day(day):
            result.append((day, name))
        day += timedelta(days=1)
    return result
