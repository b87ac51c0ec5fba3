"""Russian working days: holidays, transfers and working Saturdays."""

from datetime import date, timedelta

import pytest

from core.platform.calendar import (
    add_working_days,
    is_working_day,
    shift_months,
    skipped_days,
    working_days_between,
)


@pytest.mark.parametrize("day, working", [
    (date(2025, 5, 12), True),    # an ordinary Monday
    (date(2025, 5, 1), False),    # Праздник Весны и Труда
    (date(2025, 5, 2), False),    # day off transferred from 4 January
    (date(2025, 11, 1), True),    # a working Saturday
    (date(2025, 11, 3), False),   # day off transferred from that Saturday
    (date(2024, 12, 28), True),   # a working Saturday
    (date(2026, 1, 9), False),    # transferred New Year day off
    (date(2025, 5, 10), False),   # an ordinary Saturday
])
def test_working_day(day, working):
    """The production calendar, transfers and working Saturdays included."""
    assert is_working_day(day) is working


@pytest.mark.parametrize("start, count, expected", [
    (date(2025, 5, 12), -20, date(2025, 4, 8)),   # crosses the May holidays
    (date(2025, 4, 30), 1, date(2025, 5, 5)),     # 1–4 May are days off
    (date(2025, 10, 31), 1, date(2025, 11, 1)),   # the working Saturday counts
    (date(2025, 12, 30), 2, date(2026, 1, 13)),   # 31 Dec is a transferred day off, then the holidays
    (date(2025, 5, 12), 0, date(2025, 5, 12)),
])
def test_add_working_days(start, count, expected):
    """N working days after or before a date."""
    assert add_working_days(start, count) == expected


def test_between_is_inverse_of_add():
    """Counting working days back gives the number that was added."""
    start = date(2025, 4, 21)
    for n in (1, 5, 10, 20, 40):
        assert working_days_between(start, add_working_days(start, n)) == n


@pytest.mark.parametrize("day, months, expected", [
    (date(2025, 3, 31), -1, date(2025, 2, 28)),
    (date(2025, 3, 31), -1.5, date(2025, 2, 13)),
    (date(2025, 1, 15), 1, date(2025, 2, 15)),
    (date(2025, 1, 15), -1, date(2024, 12, 15)),
])
def test_shift_months(day, months, expected):
    """T − 1 month keeps the day (clamped); half a month is 15 days."""
    assert shift_months(day, months) == expected


def test_skipped_days_are_named_in_russian():
    """The holidays a shift jumps over come with their Russian names."""
    names = dict(skipped_days(date(2025, 5, 12), date(2025, 4, 8)))
    assert names[date(2025, 5, 9)] == "День Победы" and date(2025, 5, 10) not in names


@pytest.mark.parametrize("due, done, today, expected", [
    (date(2026, 11, 20), date(2026, 11, 20), date(2026, 11, 23), None),
    (date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 23), "late"),
    (date(2026, 11, 20), None, date(2026, 11, 23), "missing"),
    (date(2026, 11, 20), None, date(2026, 11, 20), None),
    (None, None, date(2026, 11, 23), None),
])
def test_breach(due, done, today, expected):
    """Every deadline rule reads a missed deadline the same way: late, missing, or fine."""
    from core.platform.timeline import breach

    assert breach(due, done, today) == expected


# The production calendars of 2025–2027 as the government's transfer decrees set them: every weekday off and every
# working weekend day. holidays 0.106 counted 9 Jan, 9 Mar, 11 May and 31 Dec 2026 as working days, 0.85 got 2025
# wrong too; pyproject's floor keeps such releases out, and this pins the calendar against the next one.
CALENDARS = {
    2025: ("01.01 02.01 03.01 06.01 07.01 08.01 01.05 02.05 08.05 09.05 12.06 13.06 03.11 04.11 31.12", "01.11"),
    2026: ("01.01 02.01 05.01 06.01 07.01 08.01 09.01 23.02 09.03 01.05 11.05 12.06 04.11 31.12", ""),
    2027: ("01.01 04.01 05.01 06.01 07.01 08.01 22.02 23.02 08.03 03.05 10.05 14.06 04.11 05.11 31.12", "20.02"),
}


@pytest.mark.parametrize("year", sorted(CALENDARS))
def test_the_years_transfers_are_pinned(year):
    days = [date(year, 1, 1) + timedelta(days=i) for i in range(365 + (year % 4 == 0))]
    weekdays_off = [d.strftime("%d.%m") for d in days if d.weekday() < 5 and not is_working_day(d)]
    weekends_on = [d.strftime("%d.%m") for d in days if d.weekday() >= 5 and is_working_day(d)]
    off, on = CALENDARS[year]
    assert (" ".join(weekdays_off), " ".join(weekends_on)) == (off, on)
