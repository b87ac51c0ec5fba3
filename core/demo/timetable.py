"""The demo's timetable: a curriculum for each programme, the teachers, and the classes of every group laid out by
the generator (so the demo shows what the staff would get), with three clashes and a missing link left on purpose,
and the attendance marks put on the classes they were taken at."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.platform.errors import EduDeskError
from core.records.checks import open_workbook
from core.store.base import TabData
from core.timetable.generate import lay_out, next_class_numbers
from sheets_schema import TABS

Rows = dict[str, list[dict[str, Any]]]

# Scheduled hours by programme volume: (module, lectures, practice, with ДОТ, self-study, assessment); what the
# classes don't take is self-study, so each plan sums to the programme's «Объём, ч».
_PLAN = {
    72: (("Модуль 1. Нормативные основы", 6, 6, 0, 20, 0), ("Модуль 2. Практика применения", 4, 4, 2, 28, 0),
         ("Итоговая аттестация", 0, 0, 0, 0, 2)),
    48: (("Модуль 1. Нормативные основы", 4, 4, 0, 12, 0), ("Модуль 2. Практика применения", 4, 4, 2, 16, 0),
         ("Итоговая аттестация", 0, 0, 0, 0, 2)),
    36: (("Модуль 1. Нормативные основы", 4, 4, 0, 10, 0), ("Модуль 2. Практика применения", 2, 2, 2, 10, 0),
         ("Итоговая аттестация", 0, 0, 0, 0, 2)),
    24: (("Модуль 1. Нормативные основы", 2, 2, 0, 6, 0), ("Модуль 2. Практика применения", 2, 2, 2, 6, 0),
         ("Итоговая аттестация", 0, 0, 0, 0, 2)),
}


def curriculum(programs: list[dict]) -> list[dict]:
    return [{"Код программы": p["Код"], "Модуль": module, "Лекции, ч": lectures, "Практические, ч": practice,
             "С ДОТ, ч": distance, "Самостоятельная работа, ч": self_study, "Аттестация, ч": assessment}
            for p in programs for module, lectures, practice, distance, self_study, assessment in _PLAN[p["Объём, ч"]]]


def teachers(groups: list[dict]) -> list[dict]:
    names = sorted({g["Преподаватель"] for g in groups if g.get("Преподаватель")})
    return [{"Преподаватель": name, "Подразделение": "Кафедра управления образованием",
             "Нагрузка в год, ч": 720} for name in names]


_READ = ("Настройки", "Программы", "Группы", "УТП", "Занятия")  # what the generator looks at


def _workbook(rows: Rows, today: date):
    tabs = {}
    for tab in (t for t in TABS if t.name in _READ):
        headers = tab.headers
        body = [[r.get(h) for h in headers] for r in rows.get(tab.name, [])]
        tabs[tab.name] = TabData(tab.name, headers, body, list(range(2, 2 + len(body))))
    return open_workbook(tabs, today)


def classes(rows: Rows, today: date) -> list[dict]:
    """Every group's classes as the generator lays them out, one group after another (each around the ones before);
    a group whose hours don't fit its dates (the New Year holidays) is left without a timetable."""
    rows.setdefault("Занятия", [])
    for group in rows["Группы"]:
        try:
            drafted = lay_out(_workbook(rows, today), group["Код группы"])
        except EduDeskError:
            continue
        numbers = next_class_numbers([c["№ занятия"] for c in rows["Занятия"]], len(drafted))
        rows["Занятия"] += [{"№ занятия": n, **c} for n, c in zip(numbers, drafted, strict=True)]
    return rows["Занятия"]


def plant_clashes(classes: list[dict], today: date) -> None:
    """Three mistakes in classes still to come: a class moved to the hour of another group's class in its room
    (TT-ROOM-CLASH); a class with ДОТ moved to the hour of another group's class and given its teacher
    (TT-TEACHER-CLASH); another class with ДОТ without its link (TT-LINK)."""
    ahead = [c for c in classes if c["Дата"] > today]

    def free(moved: dict, to: dict) -> bool:  # the moved class's group has nothing else at that hour
        return not any(c is not moved and c["Код группы"] == moved["Код группы"] and c["Дата"] == to["Дата"]
                       and c["Начало"] < to["Окончание"] and to["Начало"] < c["Окончание"] for c in classes)

    def move(distance: bool) -> dict | None:
        for moved in (c for c in ahead if (c["Аудитория"] == "ДОТ") == distance):
            for to in (c for c in ahead if c["Аудитория"] != "ДОТ" and c["Код группы"] != moved["Код группы"]
                       and c["Дата"] == moved["Дата"] and c["Часов"] == moved["Часов"]
                       and c["Преподаватель"] != moved["Преподаватель"]):
                if free(moved, to):
                    moved.update({"Начало": to["Начало"], "Окончание": to["Окончание"]})
                    moved["Преподаватель" if distance else "Аудитория"] = to["Преподаватель" if distance else "Аудитория"]
                    return moved
        return None

    planted = [move(distance=False), move(distance=True)]
    link = next((c for c in ahead if c["Аудитория"] == "ДОТ" and c not in planted), None)
    if link:
        link["Ссылка"] = None


def attendance_on_classes(marks: list[dict], classes: list[dict], today: date) -> list[dict]:
    """The k-th day's marks of a group put on its k-th class held by today (with its number); none without one."""
    held: dict[str, list[dict]] = {}
    for c in sorted(classes, key=lambda c: (c["Дата"], c["Начало"])):
        if c["Дата"] <= today:
            held.setdefault(c["Код группы"], []).append(c)
    firsts: dict[str, date] = {}
    for mark in marks:
        firsts[mark["Код группы"]] = min(firsts.get(mark["Код группы"], mark["Дата занятия"]), mark["Дата занятия"])
    out = []
    for mark in marks:
        index = (mark["Дата занятия"] - firsts[mark["Код группы"]]).days
        group_classes = held.get(mark["Код группы"], [])
        if index < len(group_classes):
            c = group_classes[index]
            out.append({**mark, "Дата занятия": c["Дата"], "№ занятия": c["№ занятия"]})
    return out


def checks_by_next_class(rows: Rows, classes: list[dict]) -> None:
    """000 §4.5: a work handed in is checked by the group's next class — the demo's checks moved no later than that,
    but for the first one, left late on purpose (TT-HOMEWORK)."""
    days: dict[str, list[date]] = {}
    for c in classes:
        days.setdefault(c["Код группы"], []).append(c["Дата"])
    group_of = {x["ID слушателя"]: x["Код группы"] for x in rows["Слушатели"]}
    left_late = False
    for task in rows["Успеваемость"]:
        done, checked = task.get("Дата выполнения"), task.get("Дата проверки")
        run = sorted(days.get(group_of.get(task["ID слушателя"]), []))
        after = next((d for d in run if done and d > done), run[-1] if run else None)
        if done and checked and after and checked > after:
            if left_late:
                task["Дата проверки"] = max(done, after)
            left_late = True


def fill(rows: Rows, today: date) -> None:
    rows["УТП"] = curriculum(rows["Программы"])
    rows["Преподаватели"] = teachers(rows["Группы"])
    made = classes(rows, today)
    plant_clashes(made, today)
    rows["Посещаемость"] = attendance_on_classes(rows["Посещаемость"], made, today)
    checks_by_next_class(rows, made)
