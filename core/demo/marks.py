"""The demo's marks of deadlines met, and the one missed on purpose in each: the reminders before «Модуль 2»
(000 §2.1), a ЦПДЭ's state-task reports (003 п. 12.2, 12.7, 13) and next year's planning calendar (002 п. 3.3–3.5).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from core.demo import data as D
from core.platform.calendar import add_working_days

Rows = dict[str, list[dict[str, Any]]]


def module_reminders(rows: Rows, today: date) -> list[dict]:
    """000 §2.1: the reminder before «Модуль 2» sent two days before «Модуль 1» ends, to every listener with an
    e-mail — except in ПК-007-01, whose reminder is missing (ENR-MODULE-REMIND)."""
    emails = {a["№ заявки"]: a.get("E-mail") for a in rows["Заявки"]}
    ends: dict[str, date] = {}
    group_of = {x["ID слушателя"]: x["Код группы"] for x in rows["Слушатели"]}
    for task in rows["Успеваемость"]:
        if task["Модуль/задание"] == "Модуль 1" and task.get("Срок"):
            code = group_of[task["ID слушателя"]]
            ends[code] = max(ends.get(code, task["Срок"]), task["Срок"])
    sent = []
    for listener in rows["Слушатели"]:
        end, code = ends.get(listener["Код группы"]), listener["Код группы"]
        if end is None or end - timedelta(days=2) > today or code == "ПК-007-01":
            continue
        sent.append({"Когда": f"{end - timedelta(days=2):%d.%m.%Y} 10:00:00", "Кто": "metodist@oiro.example.ru",
                     "Вид": "module-reminder", "Группа или сессия": code, "Кому": emails.get(listener.get("№ заявки")),
                     "Тема": "Следующий модуль: Модуль 2", "Результат": "отправлено"})
    return sent


def state_reports(org: str, year: int, last_exam: date, n: int, today: date) -> dict:
    """One ЦПДЭ's reports for a year (003 п. 12.2, 12.7, 13): each sent two working days before its date; the
    first centre's III quarter two days late (DE-STATE-QUARTER), the second did not meet its task and returns
    part of the subsidy (п. 13.7–13.8)."""
    from core.exam.state_reports import STEPS

    row: dict[str, Any] = {"Организация (ЦПДЭ)": org, "Год": year}
    if add_working_days(last_exam, 10) <= today:  # §12.2: the package went out on its 9th working day
        row["Пакет отчётов направлен РО"] = add_working_days(last_exam, 9)
    headers = {"quarter_1": "Отчёт о ГЗ за I квартал", "quarter_2": "Отчёт о ГЗ за II квартал",
               "quarter_3": "Отчёт о ГЗ за III квартал", "quarter_4": "Отчёт о ГЗ за IV квартал",
               "academic_year": "Отчёт о ГЗ за учебный год", "preliminary": "Предварительный отчёт в ЦФО",
               "annual": "Годовой отчёт в ЦФО"}
    for step in STEPS:
        due = step.due(None, year)
        if step.field in headers and due is not None:
            sent = add_working_days(due, 2 if (n, step.field) == (0, "quarter_3") else -2)
            row[headers[step.field]] = sent if sent <= today else None
    row["ГЗ выполнено"] = "нет" if n == 1 else "да"
    if n == 1 and row["Годовой отчёт в ЦФО"]:
        row["Сумма возврата, ₽"] = Decimal("48600.00")
        for header, days in (("Расчёт возврата получен", 4), ("Субсидия возвращена", 18)):
            moment = add_working_days(row["Годовой отчёт в ЦФО"], days)
            row[header] = moment if moment <= today else None
    return row


def planning_calendar(today: date) -> list[dict]:
    """The calendar of 002 п. 3.3–3.5 for next year's plan, as far as today: on time, but the catalogue reached the
    site a day late (PAY-CATALOG-SITE-20JUN)."""
    from core.paid.planning import CENTRE, STEPS

    rows = []
    for step in STEPS:
        done = step.due(today.year + 1) - timedelta(days=-1 if step.rule == "PAY-CATALOG-SITE-20JUN" else 3)
        if done <= today:
            for who in D.DEPARTMENTS if step.by_departments else [CENTRE]:
                rows.append({"Кафедра": who, "Год": today.year + 1, "Шаг календаря планирования": step.stage.value,
                             "Дата этапа": done})
    return rows
