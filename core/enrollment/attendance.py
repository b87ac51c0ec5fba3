"""Attendance of one class marked for the whole group in one write (the attendance sheet PDF reads these marks).

Where the institute keeps its timetable here (a «Занятия» tab), a mark belongs to a class of it (000 §3.2–3.3: the
registration sheet of a class the timetable holds): a day without a class of the group is refused, not marked.
"""

from __future__ import annotations

from datetime import date

from core.platform.errors import EduDeskError
from core.records.checks import open_workbook
from core.records.form import brought, refusal, tabs_now, with_rows
from core.store.base import canonical
from core.timetable.classes import TAB as CLASSES
from core.timetable.follow import scheduled_on
from sheets_schema.base import normalize_header

TAB = "Посещаемость"
NUMBER = "№ занятия"


def class_rows(group_code: str, day: date, listeners: list[str], present: set[str],
               number: str | None = None) -> list[dict]:
    return [{"Код группы": group_code, "Дата занятия": day, "ID слушателя": listener,
             "Присутствовал": "да" if listener in present else "нет", **({NUMBER: number} if number else {})}
            for listener in listeners]


def the_class(tabs, group, day: date, number: str | None, today: date):
    """The class of the timetable the marks are for; None where no timetable is kept here."""
    if not (tabs[CLASSES].exists and tabs[CLASSES].rows):  # no timetable kept here: the day as it was
        return None
    classes = scheduled_on(open_workbook(tabs, today), group.code, day)
    if number:
        classes = [c for c in classes if canonical(c.item.number).casefold() == canonical(number).casefold()]
    if not classes:
        raise EduDeskError(f"У группы {group.code} нет занятия {day:%d.%m.%Y}"
                           + (f" с номером {number}" if number else "") + " в расписании (лист «Занятия»): посещаемость "
                           "отмечается за занятие из расписания (000 п. 3.2, 3.3). Внесите занятие на странице "
                           "«Расписание» или выберите другую дату.")
    if len(classes) > 1:
        raise EduDeskError(f"У группы {group.code} {day:%d.%m.%Y} несколько занятий ("
                           + ", ".join(c.item.number for c in classes) + "): выберите, за какое отмечается посещаемость.")
    return classes[0]


def _same_class(row: dict, day: date, number: str | None) -> bool:
    """A mark of this class: its number, or — a mark without one — its day."""
    if number and canonical(row.get(NUMBER)):
        return canonical(row.get(NUMBER)).casefold() == number.casefold()
    return row.get("Дата занятия") == day


def mark_class(store, group, day: date, listeners: list[str], present: set[str], today: date,
               number: str | None = None) -> int:
    """Write one row per listener for the class on `day` (the class `number` where the day has several); a class
    already marked is refused, not doubled."""
    if not listeners:
        raise EduDeskError(f"В группе {group.code} нет слушателей: отмечать некого.")
    if group.start and group.end and not group.start <= day <= group.end:
        raise EduDeskError(f"Занятие {day:%d.%m.%Y} вне сроков обучения группы {group.code} "
                           f"({group.start:%d.%m.%Y}–{group.end:%d.%m.%Y}).")
    with store.exclusive():
        tabs = tabs_now(store, TAB)
        held = the_class(tabs, group, day, number, today)
        number = held.item.number if held is not None else None
        numbered = normalize_header(NUMBER) in tabs[TAB].header_index()
        marked = [r for r in tabs[TAB].as_dicts() if canonical(r.get("Код группы")).casefold() == group.code.casefold()
                  and _same_class(r, day, number if numbered else None)]
        if marked:
            raise EduDeskError(f"Посещаемость группы {group.code} за {day:%d.%m.%Y}" + (f" (занятие {number})" if number
                               else "") + f" уже отмечена ({len(marked)} строк): исправить отметку можно на странице "
                               "«Записи листов» → «Изменить».")
        rows = class_rows(group.code, day, listeners, present, number if numbered else None)
        if refused := refusal(brought(tabs, with_rows(tabs, {TAB: rows}), today), True, "Посещаемость не записана"):
            raise refused
        store.append_many({TAB: rows})
    return len(rows)
