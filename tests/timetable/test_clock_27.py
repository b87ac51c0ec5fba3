"""Times of day as staff type them and as the sheets store them; a time that isn't one is named at its cell."""

from __future__ import annotations

from datetime import date, time

import pytest

from core.timetable.clock import clock
from tests.rows import findings
from tests.timetable.month import month


@pytest.mark.parametrize("typed, expected", [
    ("10:00", time(10, 0)), ("9:30", time(9, 30)), ("10.00", time(10, 0)), ("10-40", time(10, 40)),
    ("09:00:00", time(9, 0)), ("1899-12-30 14:20:00", time(14, 20)), ("0.4166666667", time(10, 0)),
    ("0,5", time(12, 0)), ("14", time(14, 0)), (time(8, 15), time(8, 15)),
    ("25:00", None), ("10:75", None), ("утро", None), ("", None), (None, None), ("1.5", None),
])
def test_times_are_read_as_staff_type_them(typed, expected):
    assert clock(typed) == expected


def test_an_unreadable_time_and_a_link_that_is_not_one_are_named_at_their_cells():
    """Breaking: «утро» as a start, «moodle.example.ru» as a link. Passing: the clean month (no finding)."""
    data = month()
    data["Занятия"][0]["Начало"] = "утро"
    data["Занятия"][2]["Ссылка"] = "moodle.example.ru"
    assert [(f.cell, f.message) for f in findings("TT-TIME", date(2026, 12, 1), **data)] == [
        ("D2", "Начало «утро» — не время: запишите как 10:00.")]
    assert [f.cell for f in findings("TT-LINK", date(2026, 12, 1), **data)] == ["L4"]
    assert findings("TT-TIME", date(2026, 12, 1), **month()) == []
