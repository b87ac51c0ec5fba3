"""The classes of the timetable as the rules, documents and letters see them: typed, with their times read."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from core.platform.values import same_key as key  # case, «ё» and spaces don't make two teachers
from core.records.checks import Workbook, settings_of
from core.timetable.clock import clock, minutes
from sheets_schema.enums import ClassKind

TAB = "Занятия"
CURRICULUM = "УТП"
TEACHERS = "Преподаватели"
ACADEMIC_HOUR = 45  # minutes: the academic hour of the programmes' hours (Объём, ч)
DISTANCE_ROOMS = {"дот", "онлайн", "дистанционно", "moodle", "вебинар"}
# The institute's hours when «Настройки» doesn't say (the generator's day and the TT-DAY-HOURS check)
DAY_START, DAY_END = time(9, 0), time(18, 0)


@dataclass(frozen=True)
class Scheduled:
    row: int
    item: object  # sheets_schema.timetable.ClassSession
    start: time | None
    end: time | None

    @property
    def day(self) -> date:
        return self.item.day

    @property
    def group(self) -> str:
        return key(self.item.group_code)

    @property
    def distance(self) -> bool:
        """A class held at a distance: its kind says so, or its room is «ДОТ» (no door two groups can meet at)."""
        return self.item.kind == ClassKind.DISTANCE or key(self.item.room) in DISTANCE_ROOMS

    @property
    def timed(self) -> bool:
        return self.start is not None and self.end is not None and minutes(self.end) > minutes(self.start)

    @property
    def hours(self) -> int:
        return self.item.hours or 0

    def when(self) -> str:
        return f"{self.day:%d.%m.%Y} {_hm(self.start)}–{_hm(self.end)}"

    def sort_key(self) -> tuple:
        return (self.day, self.start or time.min, self.row)


def _hm(moment: time | None) -> str:
    return "?" if moment is None else f"{moment.hour:02d}:{moment.minute:02d}"


def scheduled(wb: Workbook) -> list[Scheduled]:
    """Every class with a date, in the order they run."""
    out = [Scheduled(r.row, r.item, clock(r.item.start), clock(r.item.end)) for r in wb.items(TAB) if r.item.day]
    return sorted(out, key=Scheduled.sort_key)


def by_group(classes: Iterable[Scheduled]) -> dict[str, list[Scheduled]]:
    out: dict[str, list[Scheduled]] = defaultdict(list)
    for c in classes:
        out[c.group].append(c)
    return out


def keeps_timetable(wb: Workbook) -> bool:
    """The institute keeps its timetable here: a «Занятия» tab with classes (a tab just added by `edudesk init` to an
    older workbook asks nothing of anyone until it is filled)."""
    parsed = wb.tabs.get(TAB)
    return parsed is not None and parsed.data.exists and bool(parsed.data.rows)


def day_hours(settings: dict[str, str]) -> tuple[time, time]:
    """The institute's hours from «Настройки» («Начало занятий», «Окончание занятий»), 09:00–18:00 when unset."""
    start, end = clock(settings.get("Начало занятий")), clock(settings.get("Окончание занятий"))
    start, end = start or DAY_START, end or DAY_END
    return (start, end) if minutes(end) > minutes(start) else (DAY_START, DAY_END)


def hours_of_day(wb: Workbook) -> tuple[time, time]:
    return day_hours(settings_of(wb))


def classes_of(wb: Workbook, *, group: str | None = None, teacher: str | None = None, room: str | None = None,
               start: date | None = None, end: date | None = None) -> list[Scheduled]:
    """The classes of a group, a teacher or a room in a period (each None: any)."""
    return [c for c in scheduled(wb)
            if (group is None or c.group == key(group)) and (teacher is None or key(c.item.teacher) == key(teacher))
            and (room is None or key(c.item.room) == key(room))
            and (start is None or c.day >= start) and (end is None or c.day <= end)]
