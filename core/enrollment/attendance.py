"""Attendance of one class marked for the whole group in one write (the attendance sheet PDF reads these marks)."""

from __future__ import annotations

from datetime import date

from core.platform.errors import EduDeskError
from core.records.form import brought, refusal, tabs_now, with_rows
from core.store.base import canonical

TAB = "Посещаемость"


def class_rows(group_code: str, day: date, listeners: list[str], present: set[str]) -> list[dict]:
    return [{"Код группы": group_code, "Дата занятия": day, "ID слушателя": listener,
             "Присутствовал": "да" if listener in present else "нет"} for listener in listeners]


def mark_class(store, group, day: date, listeners: list[str], present: set[str], today: date) -> int:
    """Write one row per listener for the class on `day`; a class already marked is refused, not doubled."""
    if not listeners:
        raise EduDeskError(f"В группе {group.code} нет слушателей: отмечать некого.")
    if group.start and group.end and not group.start <= day <= group.end:
        raise EduDeskError(f"Занятие {day:%d.%m.%Y} вне сроков обучения группы {group.code} "
                           f"({group.start:%d.%m.%Y}–{group.end:%d.%m.%Y}).")
    with store.exclusive():
        tabs = tabs_now(store, TAB)
        marked = [r for r in tabs[TAB].as_dicts() if canonical(r.get("Код группы")).casefold() == group.code.casefold()
                  and r.get("Дата занятия") == day]
        if marked:
            raise EduDeskError(f"Посещаемость группы {group.code} за {day:%d.%m.%Y} уже отмечена ({len(marked)} "
                               "строк): исправить отметку можно на странице «Записи листов» → «Изменить».")
        rows = class_rows(group.code, day, listeners, present)
        if refused := refusal(brought(tabs, with_rows(tabs, {TAB: rows}), today), True, "Посещаемость не записана"):
            raise refused
        store.append_many({TAB: rows})
    return len(rows)
