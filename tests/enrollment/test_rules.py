"""Enrollment rules (ENR-*), each with a breaking and a passing row, and the group timeline."""

from datetime import date, timedelta

import pytest

from core.enrollment.rules import balanced_sizes, group_timeline
from tests.rows import findings, workbook

TODAY = date(2026, 11, 23)
PROGRAM = {"Код": "ПК-1", "Наименование": "Курс", "Вид": "ПК", "Объём, ч": 36, "Форма обучения": "с ДОТ",
           "Категории слушателей": "учителя; Заместители директора"}
APP = {"№ заявки": "З-1", "Код программы": "ПК-1", "Фамилия": "Иванова", "Имя": "Анна", "Категория": "учителя"}
GROUP = {"Код группы": "Г-1", "Код программы": "ПК-1", "Дата начала": TODAY + timedelta(days=3)}


def test_category_breaking_and_passing():
    """An applicant outside the program's categories is an error at the category cell (case doesn't matter)."""
    bad = findings("ENR-CATEGORY", Программы=[PROGRAM], Заявки=[{**APP, "Категория": "библиотекари"}])
    good = findings("ENR-CATEGORY", Программы=[PROGRAM], Заявки=[{**APP, "Категория": "заместители  директора"}])
    assert [(f.cell, f.severity) for f in bad] == [("L2", "ошибка")] and good == []


def test_missing_category_is_a_warning():
    """No category at all can't be checked: a warning."""
    (finding,) = findings("ENR-CATEGORY", Программы=[PROGRAM], Заявки=[{**APP, "Категория": None}])
    assert finding.severity == "предупреждение"


def test_snils_breaking_and_passing():
    """A wrong check digit is reported; a valid number is not."""
    assert [f.cell for f in findings("ENR-SNILS", Заявки=[{**APP, "СНИЛС": "112-233-445 96"}])] == ["I2"]
    assert findings("ENR-SNILS", Заявки=[{**APP, "СНИЛС": "112-233-445 95"}]) == []


def _listeners(n, group="Г-1", status="обучается"):
    return [{"ID слушателя": f"С-{i}", "Код группы": group, "ФИО": f"Слушатель {i}", "Статус": status} for i in range(n)]


def test_group_of_26_breaks_and_25_passes():
    """26 listeners in a group is an error that proposes 13 + 13; 25 is fine; expelled ones don't count."""
    (bad,) = findings("ENR-GROUP-25", Группы=[GROUP], Слушатели=_listeners(26))
    assert "13 + 13" in bad.message and bad.cell == "A2"
    assert findings("ENR-GROUP-25", Группы=[GROUP], Слушатели=_listeners(25)) == []
    assert findings("ENR-GROUP-25", Группы=[GROUP], Слушатели=_listeners(25) + _listeners(3, status="отчислен")) == []


@pytest.mark.parametrize("count, sizes", [(26, [13, 13]), (25, [25]), (51, [17, 17, 17]), (27, [14, 13]), (0, []),
                                          (1, [1]), (50, [25, 25])])
def test_balanced_sizes(count, sizes):
    """ceil(n / 25) groups whose sizes differ by at most one."""
    assert balanced_sizes(count) == sizes and sum(sizes) == count


@pytest.mark.parametrize("reminder, start_in, broken", [
    (None, 3, True),                       # starts in 3 days, nothing sent
    (TODAY - timedelta(days=1), 3, True),  # sent 4 days before start: late
    (TODAY - timedelta(days=4), 3, False), # sent exactly 7 days before
    (None, 10, False),                     # not due yet
])
def test_reminder_seven_days(reminder, start_in, broken):
    """The first-class reminder is due 7 days before the start."""
    group = {**GROUP, "Дата начала": TODAY + timedelta(days=start_in), "Напоминание": reminder}
    assert bool(findings("ENR-REMIND-7D", Программы=[PROGRAM], Группы=[group])) is broken


def test_dot_access_only_for_distance_programs():
    """Credentials are due the day before for a distance program, and not asked of a classroom one."""
    group = {**GROUP, "Дата начала": TODAY}
    assert [f.cell for f in findings("ENR-DOT-1D", Программы=[PROGRAM], Группы=[group])] == ["O2"]
    classroom = {**PROGRAM, "Форма обучения": "очная"}
    assert findings("ENR-DOT-1D", Программы=[classroom], Группы=[group]) == []
    assert findings("ENR-DOT-1D", Программы=[PROGRAM], Группы=[{**group, "Доступы ДОТ": TODAY - timedelta(days=1)}]) == []


def test_progress_checked_twice_a_week():
    """A running distance group whose progress was checked once this week gets a warning; twice passes."""
    group = {**GROUP, "Дата начала": TODAY - timedelta(days=10), "Дата окончания": TODAY + timedelta(days=5)}
    listeners = _listeners(2)
    once = [{"ID слушателя": "С-0", "Модуль/задание": "М1", "Дата проверки": TODAY - timedelta(days=1)}]
    twice = once + [{"ID слушателя": "С-1", "Модуль/задание": "М1", "Дата проверки": TODAY - timedelta(days=4)}]
    (warning,) = findings("ENR-PROGRESS-2W", Программы=[PROGRAM], Группы=[group], Слушатели=listeners, Успеваемость=once)
    assert warning.severity == "предупреждение" and "1 раз" in warning.message
    assert findings("ENR-PROGRESS-2W", Программы=[PROGRAM], Группы=[group], Слушатели=listeners, Успеваемость=twice) == []


CERT = {"Регистрационный №": "2026-0001", "ID слушателя": "С-0", "Код группы": "Г-1", "Дата выдачи": TODAY,
        "Получено": "лично", "Подпись получена": "да", "Выгружено в ФРДО": TODAY}


@pytest.mark.parametrize("changes, cells", [
    ({}, []),
    ({"Получено": "по доверенности", "№ доверенности": "Д-15"}, []),
    ({"Получено": "по доверенности"}, ["G2"]),
    ({"Получено": None}, ["F2"]),
    ({"Подпись получена": "нет"}, ["H2"]),
    ({"Дата выдачи": None, "Получено": None, "Подпись получена": None}, []),  # not issued yet: nothing to check
])
def test_issue_against_signature_or_proxy(changes, cells):
    """Issued certificates need the way they were handed over, a proxy number, and the signature."""
    assert [f.cell for f in findings("ENR-ISSUE-SIGN", Удостоверения=[{**CERT, **changes}])] == cells


def test_registration_number_gaps_and_format():
    """A gap in the year's numbers and a number in the wrong format are reported; 1, 2, 3 pass."""
    numbers = lambda *ns: [{**CERT, "Регистрационный №": n, "ID слушателя": f"С-{i}"} for i, n in enumerate(ns)]  # noqa: E731
    (gap,) = findings("ENR-REGNUM", Удостоверения=numbers("2026-0001", "2026-0003"))
    assert "2026-0002" in gap.message
    (odd,) = findings("ENR-REGNUM", Удостоверения=numbers("№15"))
    assert "ГГГГ-НННН" in odd.message
    assert findings("ENR-REGNUM", Удостоверения=numbers("2026-0001", "2026-0002", "2026-0003", "2025-0001")) == []


def test_frdo_export_reminder():
    """Certificates issued over 30 days ago and not exported give one warning per group."""
    old = {**CERT, "Дата выдачи": TODAY - timedelta(days=40), "Выгружено в ФРДО": None}
    rows = [old, {**old, "Регистрационный №": "2026-0002", "ID слушателя": "С-1"}]
    (finding,) = findings("ENR-FRDO", Удостоверения=rows)
    assert finding.message.startswith("2 удостоверений") and finding.cell == "I2"
    assert findings("ENR-FRDO", Удостоверения=[{**old, "Выгружено в ФРДО": TODAY}]) == []
    assert findings("ENR-FRDO", Удостоверения=[{**old, "Дата выдачи": TODAY - timedelta(days=5)}]) == []


def test_group_timeline_statuses():
    """Due dates come from the start; done, late, overdue and this-week statuses follow today."""
    wb = workbook(Программы=[PROGRAM], Группы=[{**GROUP, "Дата начала": TODAY + timedelta(days=5),
                                                "Письмо учредителю": TODAY - timedelta(days=20)}])
    group, program = wb.items("Группы")[0].item, wb.items("Программы")[0].item
    steps = {s.title: s for s in group_timeline(group, program)}
    reminder = steps["Напоминание о первом занятии и приглашение в чат"]
    assert reminder.due == TODAY - timedelta(days=2) and reminder.status(TODAY) == "просрочено"
    assert steps["Ссылка и учётные данные ДОТ"].status(TODAY) == "на этой неделе"
    assert steps["Письмо учредителю со списками (СЭД «Садко»)"].status(TODAY) == "выполнено"


def test_group_without_dates_breaks_and_with_dates_passes():
    """A group saved without its end date (or ending before it starts) is flagged at that cell; with both it passes."""
    (missing,) = findings("ENR-GROUP-DATES", Группы=[GROUP])
    assert "окончания" in missing.message and missing.cell == "D2"
    (backwards,) = findings("ENR-GROUP-DATES", Группы=[{**GROUP, "Дата окончания": TODAY}])
    assert "раньше начала" in backwards.message
    assert findings("ENR-GROUP-DATES", Группы=[{**GROUP, "Дата окончания": TODAY + timedelta(days=14)}]) == []
