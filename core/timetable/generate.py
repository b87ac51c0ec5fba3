"""The generator: a group's curriculum laid onto working days from its start, in the institute's usual hours, with
its teacher and room, around the classes other groups already hold — a draft the staff then adjust."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time, timedelta

from core.platform.calendar import is_working_day
from core.platform.errors import EduDeskError
from core.records.checks import Workbook, open_workbook, settings_of
from core.records.form import brought, numbered, refusal, tabs_now, with_rows
from core.store.base import Numbering
from core.timetable.classes import ACADEMIC_HOUR, DISTANCE_ROOMS, TAB, day_hours, key, scheduled
from core.timetable.clock import hhmm, minutes
from core.timetable.curriculum import Curriculum, curricula
from sheets_schema.enums import ClassKind

PAIR = 2  # academic hours a class usually takes («пара»)
BREAK, LUNCH = 10, 40  # minutes between pairs, and the lunch after the second one
MAX_DAILY_HOURS = 8  # academic hours a day, as the institute's groups usually study
ORDER = (ClassKind.LECTURE, ClassKind.PRACTICE, ClassKind.DISTANCE, ClassKind.ASSESSMENT)


def next_class_numbers(existing: list, count: int) -> list[str]:
    """The next `count` numbers «Зан-NNNNN» after the largest in use."""
    numbers = [int(m[1]) for n in existing if (m := re.fullmatch(r"Зан-(\d+)", str(n or "").strip()))]
    first = max(numbers, default=0) + 1
    return [f"Зан-{n:05d}" for n in range(first, first + count)]


CLASS_NUMBERS = numbered(Numbering(TAB, "№ занятия", next_class_numbers))


def day_slots(opens: time, closes: time) -> list[tuple[time, time]]:
    """The pairs of a day from the institute's opening: 90 min each, 10 min apart, lunch after the second."""
    slots, at = [], minutes(opens)
    while len(slots) * PAIR < MAX_DAILY_HOURS and at + PAIR * ACADEMIC_HOUR <= minutes(closes):
        slots.append((_time(at), _time(at + PAIR * ACADEMIC_HOUR)))
        at += PAIR * ACADEMIC_HOUR + (LUNCH if len(slots) == 2 else BREAK)
    return slots


def _time(total: int) -> time:
    return time(total // 60, total % 60)


@dataclass(frozen=True)
class Chunk:
    module: str
    kind: ClassKind
    hours: int


def chunks(plan: Curriculum) -> list[Chunk]:
    """The plan's scheduled hours as classes of a pair (an odd hour left as a class of one)."""
    out = []
    for module in plan.modules.values():
        for kind in ORDER:
            left = module.hours.get(kind, 0)
            while left > 0:
                out.append(Chunk(module.name, kind, min(PAIR, left)))
                left -= PAIR
    return out


def lay_out(wb: Workbook, group_code: str) -> list[dict]:
    """The draft classes of the group (rows of «Занятия» without numbers); refused when it has classes already,
    no curriculum, no dates, or when its hours don't fit before its end."""
    group = next((r.item for r in wb.items("Группы") if key(r.item.code) == key(group_code)), None)
    if group is None:
        raise EduDeskError(f"Группы {group_code} нет на листе «Группы».")
    if not group.start or not group.end:
        raise EduDeskError(f"У группы {group.code} не указаны даты начала и окончания: расписанию не на что лечь.")
    taken = scheduled(wb)
    if any(c.group == key(group.code) for c in taken):
        raise EduDeskError(f"У группы {group.code} уже есть занятия на листе «Занятия»: черновик составляется только "
                           "для группы без расписания — правьте занятия на странице «Расписание».")
    plan = curricula(wb).get(key(group.program_code))
    if plan is None or not chunks(plan):
        raise EduDeskError(f"У программы {group.program_code} нет УТП с часами занятий на листе «УТП»: сначала "
                           "внесите модули и часы по видам занятий.")
    settings = settings_of(wb)
    busy = _busy(taken)
    room_here = None if key(group.room) in DISTANCE_ROOMS else group.room
    link = settings.get("Адрес платформы ДОТ") or None
    rows, todo, day = [], chunks(plan), group.start
    slots = day_slots(*day_hours(settings))
    while todo:
        if day > group.end:
            left = sum(c.hours for c in todo)
            raise EduDeskError(f"Занятия группы {group.code} не умещаются в её сроки ({group.start:%d.%m.%Y}–"
                               f"{group.end:%d.%m.%Y}): не поместилось {left} ч из УТП. Продлите сроки группы или "
                               "расставьте часть занятий вручную.")
        if is_working_day(day):
            # spread over the group's days rather than packed at its start: a share of what is left each day
            quota = -(-len(todo) // _working_days(day, group.end))
            for start, _ in slots:
                if not todo or quota == 0:
                    break
                chunk = todo[0]
                end = _time(minutes(start) + chunk.hours * ACADEMIC_HOUR)
                distance = chunk.kind == ClassKind.DISTANCE or room_here is None
                room = "ДОТ" if distance else room_here
                if _clashes(busy, day, start, end, group.teacher, None if distance else room):
                    continue
                todo.pop(0)
                quota -= 1
                rows.append({"Код группы": group.code, "Дата": day, "Начало": hhmm(start), "Окончание": hhmm(end),
                             "Модуль": chunk.module, "Вид занятия": chunk.kind.value, "Часов": chunk.hours,
                             "Преподаватель": group.teacher, "Аудитория": room, "Ссылка": link if distance else None})
        day += timedelta(days=1)
    return rows


def _working_days(start: date, end: date) -> int:
    return max(1, sum(is_working_day(start + timedelta(days=n)) for n in range((end - start).days + 1)))


def _busy(classes) -> dict[tuple[str, date], list[tuple[int, int]]]:
    busy = defaultdict(list)
    for c in classes:
        if not c.timed:
            continue
        span = (minutes(c.start), minutes(c.end))
        if c.item.teacher:
            busy["t:" + key(c.item.teacher), c.day].append(span)
        if c.item.room and not c.distance:
            busy["r:" + key(c.item.room), c.day].append(span)
    return busy


def _clashes(busy, day: date, start: time, end: time, teacher: str | None, room: str | None) -> bool:
    span = (minutes(start), minutes(end))
    names = ([f"t:{key(teacher)}"] if teacher else []) + ([f"r:{key(room)}"] if room else [])
    return any(a < span[1] and span[0] < b for name in names for a, b in busy.get((name, day), ()))


def write_draft(store, group_code: str, today: date) -> list[dict]:
    """Lay the group's classes out and write them in one go, checked like any record (errors refuse; warnings are
    the staff's to adjust: a day off the calendar the generator avoided can't occur)."""
    with store.exclusive():
        tabs = tabs_now(store, TAB)
        rows = lay_out(open_workbook(tabs, today), group_code)
        numbered_rows = [{**row, "№ занятия": number} for row, number in
                         zip(rows, next_class_numbers([r.get("№ занятия") for r in tabs[TAB].as_dicts()], len(rows)), strict=True)]
        found = brought(tabs, with_rows(tabs, {TAB: numbered_rows}), today)
        if refused := refusal([f for f in found if f.severity == "ошибка"], True, "Расписание не записано"):
            raise refused
        written = store.append_many({TAB: rows}, numbering=CLASS_NUMBERS)
    return written.get(TAB, rows) if written else rows
