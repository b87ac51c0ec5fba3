"""The timetable's files for a selection: the PDF, the .ics calendar, and the teachers' hours (one place for the
page and the command)."""

from __future__ import annotations

from datetime import date

from core.platform.config import Settings
from core.platform.errors import EduDeskError
from core.records.checks import Workbook, settings_of
from core.timetable.documents import Selection
from core.timetable.ics import calendar

ICS = "text/calendar"


def ics_file(wb: Workbook, selection: Selection, settings: Settings | None = None) -> bytes:
    classes = selection.classes(wb)
    if not classes:
        raise EduDeskError(f"В расписании нет занятий для календаря: {selection.title.lower()}.")
    institute = settings_of(wb)
    domain = (institute.get("E-mail") or "edudesk.local").rpartition("@")[2] or "edudesk.local"
    return calendar(classes, selection.title, institute.get("Краткое наименование") or "", (settings or Settings()).time_zone,
                    domain)


def month_of(day: date) -> tuple[date, date]:
    """The first and the last day of the month of `day`."""
    first = day.replace(day=1)
    following = (first.replace(year=first.year + 1, month=1) if first.month == 12 else first.replace(month=first.month + 1))
    return first, date.fromordinal(following.toordinal() - 1)
