"""The office's other tabs (#25, the twenty-second set): a real institute's workbook keeps, beside the model's
registers, tabs that are nobody's model — a timesheet, the vacation schedule, incoming mail, business trips, the
district's schools — full of «ФИО», «№», «Срок», «Исполнитель». Proposed as a model tab, every check on them would
be nonsense. Each rule here has a tab it must leave the staff's and one it must still find."""

from __future__ import annotations

import shutil

import pytest

from core.connect.propose import propose_tab
from core.connect.sheet import look, save
from core.platform.errors import EduDeskError
from core.store import XlsxStore
from tests.corpus import CORPUS

TIMESHEET = [["№", "ФИО", "Должность", "Отработано часов"],
             [1, "Орлова Татьяна Викторовна", "начальник отдела", 160],
             [2, "Белов Алексей Сергеевич", "методист", 144]]


def _tab(sheet, grid, only=None):
    return propose_tab(sheet, grid, only=only)


def test_a_bare_number_column_numbers_the_rows_never_a_code_or_another_tabs_key():
    """An inventory's «№» (1, 2) was «Код группы» of a proposed «Группы» (its «Кабинет» the room, «Ответственный» the
    curator) — of a tab that only is the model's when chosen by hand; a bare «№» is still a class's own number in a
    schedule."""
    inventory = [["№", "Наименование", "Кабинет", "Ответственный", "Кол-во"],
                 [1, "Проектор", "204", "Орлова Т.В.", 1], [2, "Ноутбук", "311", "Белов А.С.", 12]]
    assert {ln.header: ln.model_header for ln in _tab("Имущество", inventory, "Группы").lines}["№"] is None
    classes = [["№", "Группа", "Дата", "Начало", "Окончание", "Модуль", "Вид занятия", "Часов"],
               [1, "Г-11", "02.03.2026", "10:00", "11:30", "Модуль 1", "лекция", 2],
               [2, "Г-11", "02.03.2026", "11:40", "13:10", "Модуль 1", "практика", 2]]
    schedule = _tab("Расписание", classes)
    assert schedule.model_tab == "Занятия"
    assert {ln.header: ln.model_header for ln in schedule.lines}["№"] == "№ занятия"


def test_one_name_column_is_one_columns_evidence_not_three():
    """A timesheet's «ФИО» is three lines (Фамилия, Имя, Отчество): counted as three strong columns it made the
    timesheet «Заявки» with its «№» as the application's number. A register with the programme is still «Заявки»."""
    assert _tab("Лист1", TIMESHEET).model_tab is None
    register = [["№", "ФИО", "Должность", "Код программы"], ["З-01", "Орлова Татьяна Викторовна", "учитель", "ПК-01"],
                ["З-02", "Белов Алексей Сергеевич", "завуч", "ПК-02"]]
    assert _tab("Лист1", register).model_tab == "Заявки"


def test_a_tab_without_the_column_that_ties_its_records_to_another_tab_is_not_that_tab():
    """A timesheet with «ФИО» and hours is no payouts list without the service the payouts are for."""
    hours = [["ФИО", "Норма, ч.", "Отработано"], ["Орлова Татьяна Викторовна", 160, 152],
             ["Белов Алексей Сергеевич", 160, 160]]
    assert _tab("Лист1", hours).model_tab is None
    payouts = [["Код услуги", "ФИО", "Часы"], ["ПОУ-101", "Орлова Татьяна Викторовна", 16],
               ["ПОУ-101", "Белов Алексей Сергеевич", 8]]
    assert _tab("Лист1", payouts).model_tab == "ПОУ_выплаты"


def test_two_absent_columns_a_record_needs_are_no_model_tab():
    """A vacation schedule («ФИО», «Должность», «Перенос (основание)») was «Заявки» missing both the application's
    number and its programme; a register missing its number only is still «Заявки» (the app numbers it)."""
    vacations = [["ФИО", "Должность", "Кол-во дней", "Перенос (основание)"],
                 ["Орлова Татьяна Викторовна", "начальник отдела", 28, ""],
                 ["Белов Алексей Сергеевич", "доцент", 56, "заявление"]]
    assert _tab("Лист2", vacations).model_tab is None
    unnumbered = [["ФИО", "Должность", "Программа"], ["Орлова Татьяна Викторовна", "учитель", "ПК-01"],
                  ["Белов Алексей Сергеевич", "завуч", "ПК-02"]]
    assert _tab("Лист2", unnumbered).model_tab == "Заявки"


@pytest.mark.parametrize("sheet, title", [
    ("Входящие", "Журнал регистрации входящей корреспонденции"),
    ("Командировки", ""),
    ("Лист3", "График отпусков на 2027 год"),
    ("Табель", "Табель учета рабочего времени за ноябрь"),
])
def test_a_register_the_model_does_not_keep_is_the_staffs_own(sheet, title):
    """Incoming mail («Вх. №», «Исполнитель», «Срок исполнения», «Отметка об исполнении») was «Дорожная_карта»."""
    grid = [[title], [], ["№", "Мероприятие", "Ответственный исполнитель", "Срок исполнения", "Отметка об исполнении"],
            ["01-15/842", "О мониторинге кадров", "Орлова Т.В.", "20.11.2026", "исполнено"],
            ["01-15/857", "О курсах", "Зимина Е.А.", "01.12.2026", ""]]
    assert _tab(sheet, grid).model_tab is None
    assert _tab(sheet, grid, only="Дорожная_карта").model_tab == "Дорожная_карта"  # chosen by hand, still possible
    assert _tab("План мероприятий", grid[2:]).model_tab == "Дорожная_карта"


@pytest.mark.parametrize("sheet, model_tab", [("Корректировки плана ПОУ", "ПОУ_изменения"),
                                               ("Табель посещаемости", "Посещаемость")])
def test_a_model_tab_whose_name_looks_like_an_office_register_is_still_found(sheet, model_tab):
    grids = {"ПОУ_изменения": [["Код услуги", "Что меняется", "Было", "Стало"], ["ПОУ-101", "сроки", "март", "апрель"],
                               ["ПОУ-102", "часы", "36", "24"]],
             "Посещаемость": [["Группа", "Дата занятия", "ID слушателя", "Присутствовал"],
                              ["Г-11", "02.03.2026", "Л-001", "да"], ["Г-11", "02.03.2026", "Л-002", "нет"]]}
    assert _tab(sheet, grids[model_tab]).model_tab == model_tab


def test_a_personnel_number_is_no_listeners_id():
    """«Таб. №» is an employee's personnel number: it made a timesheet «Слушатели» (with «№» as the group)."""
    lines = {ln.header: ln.model_header for ln in _tab("Лист1", [["ФИО", "Таб. №", "Код группы"],
                                                                 ["Орлова Татьяна Викторовна", "0012", "Г-11"]],
                                                       "Слушатели").lines}
    assert lines["Таб. №"] is None


def test_a_real_russian_timesheet_is_connected_as_nobodys(tmp_path):
    """openpyxl's bug304.xlsx is a real office timesheet («№», «ФИО», «Норма, ч.», days of the month): it was
    proposed as «ПОУ_выплаты». Now nothing is proposed and connecting says so, writing nothing."""
    path = tmp_path / "bug304.xlsx"
    shutil.copy(CORPUS / "openpyxl-tests" / "bug304.xlsx", path)
    before = path.read_bytes()
    proposals = look(XlsxStore(path))
    assert proposals and all(p.model_tab is None for p in proposals)
    with pytest.raises(EduDeskError, match="Ни один лист не сопоставлен"):
        save(XlsxStore(path), proposals)
    assert path.read_bytes() == before


def _register(sheet: str, rows: int) -> tuple[str, list[list]]:
    grid = [["№ заявки", "ФИО", "Код программы", "Дата заявки"]]
    grid += [[f"З-{n:03d}", "Орлова Татьяна Викторовна", "ПК-01", "12.01.2026"] for n in range(rows)]
    return sheet, grid


def test_a_register_kept_once_a_year_is_connected_on_this_years_tab():
    """«Заявки 2025» (a full year, the surest), «Заявки <this year>», and next year's made ahead: the mapping goes to
    the tab staff work in now; the others are said to be the same model tab, left unmapped. A tab of other columns
    that names this year does not take a register from the surer tab."""
    from datetime import date

    from core.connect.propose import propose

    year = date.today().year
    grids = dict([_register(f"Заявки {year - 1}", 40), _register(f"Заявки {year}", 3), _register(f"Заявки {year + 1}", 1)])
    chosen = {p.sheet: p.model_tab for p in propose(grids)}
    assert chosen == {f"Заявки {year - 1}": None, f"Заявки {year}": "Заявки", f"Заявки {year + 1}": None}
    assert {p.sheet: p.model_tab for p in propose(dict([_register(f"Заявки {year - 2}", 3),
                                                        _register(f"Заявки {year - 1}", 3)]))} == {
        f"Заявки {year - 2}": None, f"Заявки {year - 1}": "Заявки"}  # no tab of this year: the latest
    other = [["ФИО", "Код программы", "Телефон"], ["Орлова Татьяна Викторовна", "ПК-01", "+79120001122"]]
    assert {p.sheet: p.model_tab for p in propose({"Реестр": _register("Реестр", 5)[1],
                                                   f"Обзвон {year}": other})}["Реестр"] == "Заявки"


def test_a_second_tab_of_one_register_joins_it_and_last_years_is_said_unchecked():
    """A register kept on one tab per group: the other group's tab joins the first, its records read and checked
    with them (was: «записей этого листа (2) оно не видит и не проверяет»; tests/connect/test_several_tabs_25.py);
    last year's says its records are not checked; a copy holding the same records is not joined."""
    from datetime import date

    from core.connect.propose import propose

    year = date.today().year
    second = _register("Группа 2", 2)[1]
    second[1][0], second[2][0] = "З-101", "З-102"  # the other group's own applications
    chosen = {p.sheet: (p.model_tab, p.joins, p.why) for p in propose({"Группа 1": _register("Группа 1", 4)[1],
                                                                       "Группа 2": second})}
    assert chosen == {"Группа 1": ("Заявки", None, ""),
                      "Группа 2": ("Заявки", "Группа 1", "тот же реестр, что на листе «Группа 1»: его записи читаются "
                                                         "и проверяются вместе с ними")}
    whys = {p.sheet: p.why for p in propose(dict([_register(f"Заявки {year - 1}", 40), _register(f"Заявки {year}", 3)]))}
    assert whys[f"Заявки {year - 1}"] == (f"лист модели «Заявки» уже сопоставлен листу «Заявки {year}» — реестр прошлых "
                                         "лет: его записи (40) приложение не проверяет")
    whys = {p.sheet: p.why for p in propose(dict([_register("Группа 1", 4), _register("Группа 2", 2)]))}
    assert whys["Группа 2"] == ("лист модели «Заявки» уже сопоставлен листу «Группа 1» — похоже, это его копия: её "
                                "записи (2) приложение не проверяет")  # its З-000, З-001 are the first tab's


def test_a_plan_of_events_without_item_numbers_is_no_roadmap():
    """An events plan («Дата», «Мероприятие», «Ответственный») became «Дорожная_карта» in a book keeping no roadmap:
    a roadmap's item has its number, and the app hands none out. With the numbers it is the roadmap."""
    events = [["Дата", "Мероприятие", "Место проведения", "Кол-во участников", "Ответственный"],
              ["08.12.2026", "Совещание руководителей", "актовый зал", 120, "Орлова Т.В."],
              ["15.12.2026", "Вебинар «ФГОС СОО»", "онлайн", 300, "Белов А.С."]]
    assert _tab("План на декабрь", events).model_tab is None
    numbered = [["№", *events[0]], ["1.1", *events[1]], ["1.2", *events[2]]]
    assert _tab("План на декабрь", numbered).model_tab == "Дорожная_карта"


def test_a_register_without_its_numbers_is_found_by_a_caller_that_loaded_no_area():
    """Which tabs the app numbers itself is the schema's (Tab.numbered), not known only once the areas are loaded:
    a tool proposing without them finds a register without «№ заявки» as «Заявки», as the app does."""
    import subprocess
    import sys
    from pathlib import Path

    script = """
from datetime import date
from core.connect.propose import propose
grid = [["ФИО", "Дата рождения", "СНИЛС", "Код программы", "Дата поступления", "Статус"],
        ["Иванова Мария Петровна", date(1985, 3, 14), "112-233-445 95", "ПК-01", date(2026, 1, 12), "новая"],
        ["Петров Сергей Иванович", date(1979, 7, 2), "123-456-789 64", "ПК-01", date(2026, 1, 15), "проверена"],
        ["Сидорова Анна Олеговна", date(1990, 11, 2), "987-654-321 00", "ПК-02", date(2026, 2, 1), "новая"]]
print(propose({"Заявления": grid})[0].model_tab)
"""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Заявки"


def test_the_tabs_numbered_by_the_app_are_the_schemas():
    from core import areas
    from core.records.form import NUMBERED
    from sheets_schema import TABS

    areas.load()
    assert set(NUMBERED) == {t.name for t in TABS if t.numbered} == {"Заявки", "Занятия"}


def test_the_reason_quotes_the_words_the_tab_is_named_by_whole():
    """The page says why a tab stays the staff's in their own words, whole: «Телефоны», «График отпусков»'s
    «отпусков» — not the start a pattern met («Телефон…», «отпуск…»)."""
    from core.connect.propose import propose

    rows = [["ФИО", "Должность", "Телефон", "E-mail"],
            ["Иванова Мария Петровна", "методист", "+7 912 345-67-89", "ivanova@oiro.ru"],
            ["Петров Сергей Иванович", "проректор", "+7 922 111-22-33", "petrov@oiro.ru"]]
    said = {p.sheet: p.why for p in propose({"Телефоны": rows, "График отпусков": rows})}
    assert said["Телефоны"].startswith("«Телефоны» — дело конторы")
    assert said["График отпусков"].startswith("«отпусков» — дело конторы")
