"""A month of 200+ classes with fifteen mistakes planted by hand: each found at its cell with its rule and clause,
and nothing else (#27: «12 of 12 found at their cells, no false ones»)."""

from __future__ import annotations

from datetime import date

from core.records.checks import run_all
from tests.rows import workbook_data
from tests.timetable.month import GROUPS, LINK, SPARE_TEACHER, days, month

TODAY = date(2026, 12, 1)


def _tt(data) -> set[tuple[str, str, str]]:
    return {(f.rule, f.tab, f.cell) for f in run_all(workbook_data(**data), today=TODAY) if f.rule.startswith("TT-")}


def _class(rows, code, day, start):
    return next(r for r in rows if r["Код группы"] == code and r["Дата"] == day and r["Начало"] == start)


def _row(rows, item) -> int:
    return next(i for i, r in enumerate(rows) if r is item) + 2


def test_the_clean_month_has_no_finding():
    """Two hundred classes laid by the rules of the institute raise nothing."""
    data = month()
    assert len(data["Занятия"]) >= 200
    assert _tt(data) == set()


def test_every_planted_mistake_is_found_at_its_cell_and_nothing_else():
    data = month()
    rows, run, expected = data["Занятия"], days(date(2026, 12, 31)), set()
    teachers = {code: teacher for code, (_, teacher, _, _) in GROUPS.items()}

    def plant(rule, tab, column, row_number, change):
        change()
        expected.add((rule, tab, f"{column}{row_number}"))

    # first, as it moves the rows below: one class of Г-1's «Модуль 2» practice taken out: the plan's practice hours of П-1 «Модуль 2» not met
    plan_row = next(i for i, p in enumerate(data["УТП"]) if p["Код программы"] == "П-1" and p["Модуль"] == "Модуль 2") + 2
    removed = _class(rows, "Г-1", run[-1], "10:40")
    rows.remove(removed)
    expected.add(("TT-CURRICULUM", "УТП", f"E{plan_row}"))
    c = _class(rows, "Г-2", run[2], "09:00")
    plant("TT-ROOM-CLASH", "Занятия", "K", _row(rows, c), lambda: c.update({"Аудитория": "ауд. 101"}))
    c2 = _class(rows, "Г-3", run[3], "10:40")
    plant("TT-TEACHER-CLASH", "Занятия", "J", _row(rows, c2), lambda: c2.update({"Преподаватель": teachers["Г-1"]}))
    c3 = _class(rows, "Г-1", run[4], "10:40")
    plant("TT-GROUP-CLASH", "Занятия", "D", _row(rows, c3), lambda: c3.update(
        {"Начало": "09:00", "Окончание": "10:30", "Преподаватель": SPARE_TEACHER, "Аудитория": "ДОТ", "Ссылка": LINK}))
    g5_last = _class(rows, "Г-5", date(2026, 12, 25), "09:00")
    plant("TT-GROUP-DATES", "Занятия", "C", _row(rows, g5_last), lambda: g5_last.update({"Дата": date(2026, 12, 28)}))
    c5 = _class(rows, "Г-2", run[6], "10:40")
    plant("TT-DAY-OFF", "Занятия", "C", _row(rows, c5), lambda: c5.update({"Дата": date(2026, 12, 12)}))
    c6 = _class(rows, "Г-3", run[8], "10:40")
    plant("TT-DAY-HOURS", "Занятия", "E", _row(rows, c6), lambda: c6.update({"Начало": "16:40", "Окончание": "18:10"}))
    c7 = _class(rows, "Г-1", run[9], "09:00")
    plant("TT-TIME", "Занятия", "I", _row(rows, c7), lambda: c7.update({"Окончание": "10:00"}))
    c8 = _class(rows, "Г-2", run[10], "09:00")
    plant("TT-STAFFED", "Занятия", "J", _row(rows, c8), lambda: c8.update({"Преподаватель": None}))
    c9 = _class(rows, "Г-4", run[11], "09:00")
    plant("TT-LINK", "Занятия", "L", _row(rows, c9), lambda: c9.update({"Ссылка": None}))
    # the group's last day gets a third lecture of «Модуль 2»: past the plan from that class on
    extra = {**_class(rows, "Г-3", run[-1], "09:00"), "№ занятия": "Зан-99999", "Начало": "12:50", "Окончание": "14:20",
             "Модуль": "Модуль 2"}
    plant("TT-CURRICULUM", "Занятия", "I", len(rows) + 2, lambda: rows.append(extra))
    g5_hours = sum(r["Часов"] for r in rows if r["Код группы"] == "Г-5")
    limit = next(t for t in data["Преподаватели"] if t["Преподаватель"] == teachers["Г-5"])
    limit["Нагрузка в год, ч"] = g5_hours - 2  # the last class in time (the one moved to 28.12) goes over
    expected.add(("TT-TEACHER-LOAD", "Занятия", f"I{_row(rows, g5_last)}"))
    p4 = next(p for p in data["Программы"] if p["Код"] == "П-4")
    p4["Объём, ч"] += 4
    first_p4 = next(i for i, p in enumerate(data["УТП"]) if p["Код программы"] == "П-4") + 2
    expected.add(("TT-PROGRAM-HOURS", "УТП", f"B{first_p4}"))
    data["Слушатели"] = [{"ID слушателя": "С-1", "Код группы": "Г-1", "ФИО": "Иванова Анна Павловна"}]
    data["Посещаемость"] = [
        {"Код группы": "Г-1", "Дата занятия": date(2026, 12, 12), "ID слушателя": "С-1", "Присутствовал": "да"},
        {"Код группы": "Г-1", "Дата занятия": run[0], "ID слушателя": "С-1", "Присутствовал": "да",
         "№ занятия": _class(rows, "Г-1", run[0], "09:00")["№ занятия"]}]
    expected.add(("TT-ATTENDANCE", "Посещаемость", "B2"))
    data["Успеваемость"] = [  # 000 §4.5: checked after the next class (late) and by it (in time)
        {"ID слушателя": "С-1", "Модуль/задание": "Модуль 1", "Дата выполнения": run[0], "Дата проверки": run[3]},
        {"ID слушателя": "С-1", "Модуль/задание": "Модуль 2", "Дата выполнения": run[14], "Дата проверки": run[15]}]
    expected.add(("TT-HOMEWORK", "Успеваемость", "F2"))

    assert len(expected) == 15
    assert _tt(data) == expected


def test_each_finding_names_its_clause():
    """What a finding says carries the clause a methodist can look up."""
    data = month()
    data["Занятия"][1]["Аудитория"] = None
    found = [f for f in run_all(workbook_data(**data), today=TODAY) if f.rule.startswith("TT-")]
    assert [(f.rule, f.clause, f.cell) for f in found] == [("TT-STAFFED", "000 п. 2.2, 3.3", "K3")]
