"""A month of classes written out by hand's rules (not by the generator): five groups, two pairs a working day each,
in December 2026, with curricula that match them — the clean set the planted mistakes are put into."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from core.platform.calendar import is_working_day

SLOTS = (("09:00", "10:30"), ("10:40", "12:10"))
GROUPS = {  # code: (programme, teacher, room, last day)
    "Г-1": ("П-1", "Антонова Вера Ильинична", "ауд. 101", date(2026, 12, 31)),
    "Г-2": ("П-2", "Борисов Олег Петрович", "ауд. 102", date(2026, 12, 31)),
    "Г-3": ("П-3", "Волкова Нина Сергеевна", "ауд. 103", date(2026, 12, 31)),
    "Г-4": ("П-4", "Григорьев Павел Ильич", "ДОТ", date(2026, 12, 31)),
    "Г-5": ("П-5", "Демидова Ольга Юрьевна", "ауд. 104", date(2026, 12, 25)),
}
LINK = "https://moodle.example.ru/course/view.php?id=7"
SPARE_TEACHER = "Егорова Мария Андреевна"  # teaches nothing in the clean month


def days(last: date) -> list[date]:
    first = date(2026, 12, 1)
    return [first + timedelta(n) for n in range((last - first).days + 1) if is_working_day(first + timedelta(n))]


def month() -> dict[str, list[dict]]:
    classes, number = [], 0
    for code, (_, teacher, room, last) in GROUPS.items():
        run = days(last)
        for index, day in enumerate(run):
            for slot, (start, end) in enumerate(SLOTS):
                number += 1
                distance = room == "ДОТ"
                kind = "занятие с ДОТ" if distance else ("лекция" if slot == 0 else "практическое занятие")
                classes.append({"№ занятия": f"Зан-{number:05d}", "Код группы": code, "Дата": day, "Начало": start,
                                "Окончание": end, "Модуль": "Модуль 1" if index < len(run) // 2 else "Модуль 2",
                                "Вид занятия": kind, "Часов": 2, "Преподаватель": teacher, "Аудитория": room,
                                "Ссылка": LINK if distance else None})
    hours = defaultdict(lambda: defaultdict(int))
    for c in classes:
        column = {"лекция": "Лекции, ч", "практическое занятие": "Практические, ч", "занятие с ДОТ": "С ДОТ, ч"}
        hours[c["Код группы"], c["Модуль"]][column[c["Вид занятия"]]] += 2
    plan = [{"Код программы": GROUPS[code][0], "Модуль": module, "Самостоятельная работа, ч": 10, **by_kind}
            for (code, module), by_kind in hours.items()]
    volume = defaultdict(int)
    for line in plan:
        volume[line["Код программы"]] += sum(v for k, v in line.items() if k.endswith(", ч"))
    return {
        "Настройки": [{"Параметр": "Полное наименование", "Значение": "ГАУ ДПО «Областной институт развития образования»"},
                      {"Параметр": "Начало занятий", "Значение": "09:00"},
                      {"Параметр": "Окончание занятий", "Значение": "18:00"}],
        "Программы": [{"Код": p, "Наименование": f"Программа {p}", "Вид": "ПК", "Объём, ч": v} for p, v in volume.items()],
        "Группы": [{"Код группы": code, "Код программы": p, "Дата начала": date(2026, 12, 1), "Дата окончания": last,
                    "Преподаватель": t, "Аудитория или платформа": r} for code, (p, t, r, last) in GROUPS.items()],
        "УТП": plan,
        "Преподаватели": [{"Преподаватель": t, "Нагрузка в год, ч": 720} for _, t, _, _ in GROUPS.values()]
                        + [{"Преподаватель": SPARE_TEACHER, "Нагрузка в год, ч": 720}],
        "Занятия": classes,
    }
