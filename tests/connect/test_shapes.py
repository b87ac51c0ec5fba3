"""Registers beyond one value per cell, through the mapping: «с … по …», «код + наименование», section rows,
a value in the title — read as the model's values, written back only where the staff's cell can take it."""

from datetime import date
from pathlib import Path

import pytest

from core.connect.composite import date_range, leading_code, range_text, time_range
from core.connect.shapes import department_in_title
from core.platform.errors import EduDeskError
from core.records.checks import open_workbook, run_all
from core.store import find_row
from sheets_schema import TABS
from tests.connect.helpers import changed_cells, connect_book, refused_unwritten, sheet_cells, update_cells
from tests.connect.staff_books import GROUPS_IN_ONE_CELL, PROGRAMS, SECTIONED_PLAN, StaffBook, write_book
from tests.connect.twenty_fourth_books import TIMETABLE
from tests.connect.twenty_sixth_books import SERVICES

ALL = [t.name for t in TABS]
PLAN = SECTIONED_PLAN.name


@pytest.fixture
def plan(tmp_path) -> Path:
    return write_book(StaffBook("План", [SECTIONED_PLAN]), tmp_path / "plan.xlsx")


def test_section_rows_title_and_ranges_read_as_model_values(plan):
    store = connect_book(plan)
    services = {r.item.code: r.item for r in open_workbook(store.read(ALL).tabs).items("ПОУ_услуги")}
    assert set(services) == {"ПОУ-101", "ПОУ-102", "ПОУ-201"}  # the section rows are no records
    assert (services["ПОУ-101"].department, services["ПОУ-201"].department) == ("Кафедра педагогики", "Кафедра ИТ")
    assert {s.kind.value for s in services.values()} == {"ПК"}
    assert (services["ПОУ-102"].start, services["ПОУ-102"].end) == (date(2026, 4, 6), date(2026, 4, 10))


def test_a_date_changed_is_written_into_their_one_range_cell(plan):
    store = connect_book(plan)
    before = sheet_cells(plan, PLAN)
    seen = find_row(store.read(["ПОУ_услуги"]).tabs["ПОУ_услуги"], "Код услуги", "ПОУ-102")
    store.update(seen, "Код услуги", {"Дата окончания": date(2026, 4, 11)})
    after = sheet_cells(plan, PLAN)
    assert changed_cells(before, after) == {"H6"}
    assert after["H6"] == "с 06.04.2026 по 11.04.2026"


def test_a_value_written_once_on_a_section_row_is_not_changed_by_the_app(plan):
    store = connect_book(plan)
    before = plan.read_bytes()
    seen = find_row(store.read(["ПОУ_услуги"]).tabs["ПОУ_услуги"], "Код услуги", "ПОУ-102")
    with pytest.raises(EduDeskError, match="строке раздела"):
        store.update(seen, "Код услуги", {"Кафедра": "Кафедра ИТ"})
    assert plan.read_bytes() == before


def test_a_new_row_goes_only_under_its_own_section(plan):
    """A record of the last section goes below it; one of an earlier section under that section's last record, the
    sections below moved down (was: refused); a section the sheet doesn't have is refused, nothing written."""
    store = connect_book(plan)
    refused_unwritten(store, plan, "ПОУ_услуги", {"Код услуги": "ПОУ-301", "Кафедра": "Кафедра физики", "Вид": "ПК",
                                                 "Наименование": "Новая"}, "Кафедра ИТ")
    store.append("ПОУ_услуги", [{"Код услуги": "ПОУ-202", "Кафедра": "Кафедра ИТ", "Вид": "ПК",
                                 "Наименование": "Ещё одна", "Дата начала": date(2026, 5, 4),
                                 "Дата окончания": date(2026, 5, 8)}])
    cells = sheet_cells(plan, PLAN)
    assert (cells["A9"], cells["B9"], cells["H9"]) == ("ПОУ-202", "Ещё одна", "с 04.05.2026 по 08.05.2026")
    store.append("ПОУ_услуги", [{"Код услуги": "ПОУ-103", "Кафедра": "Кафедра педагогики", "Вид": "ПК",
                                 "Наименование": "Новая"}])
    cells = sheet_cells(plan, PLAN)
    assert [cells.get(f"A{r}") for r in range(4, 11)] == [
        "Кафедра педагогики", "ПОУ-101", "ПОУ-102", "ПОУ-103", "Кафедра ИТ", "ПОУ-201", "ПОУ-202"]
    services = {r.item.code: r.item for r in open_workbook(store.read(ALL).tabs).items("ПОУ_услуги")}
    assert (services["ПОУ-103"].department, services["ПОУ-202"].department) == ("Кафедра педагогики", "Кафедра ИТ")


def test_code_and_name_in_one_cell_reads_the_code(tmp_path):
    path = write_book(StaffBook("Группы", [GROUPS_IN_ONE_CELL, PROGRAMS]), tmp_path / "g.xlsx")
    store = connect_book(path)
    tabs = store.read(ALL).tabs
    groups = {r.item.code: r.item for r in open_workbook(tabs).items("Группы")}
    assert groups["Г-11"].program_code == "ПК-01" and groups["Г-12"].start == date(2026, 4, 6)
    assert not [f for f in run_all(tabs) if f.rule == "GEN-REF" and f.tab == GROUPS_IN_ONE_CELL.name]


def test_a_code_written_with_its_name_is_written_with_the_name_their_programmes_tab_gives(tmp_path):
    """Was refused («код записан вместе с названием»): a changed programme, a new group, a code their «Программы ДПО»
    doesn't hold — each in their one «Программа» cell, as their other cells read."""
    path = write_book(StaffBook("Группы", [GROUPS_IN_ONE_CELL, PROGRAMS]), tmp_path / "g.xlsx")
    store = connect_book(path)
    sheet = GROUPS_IN_ONE_CELL.name
    changed, after = update_cells(store, path, sheet, "Группы", "Код группы", "Г-11", {"Код программы": "ПП-01"})
    assert changed == {"B4"}
    assert after["B4"] == "ПП-01 Менеджмент в образовании"
    store.append("Группы", [{"Код группы": "Г-13", "Код программы": "ПК-02"},
                            {"Код группы": "Г-14", "Код программы": "ПК-99"}])
    cells = sheet_cells(path, sheet)
    assert (cells["A6"], cells["B6"]) == ("Г-13", "ПК-02 Цифровая образовательная среда")
    assert (cells["A7"], cells["B7"]) == ("Г-14", "ПК-99")  # no such programme: the code alone, nothing made up
    groups = {r.item.code: r.item for r in open_workbook(store.read(ALL).tabs).items("Группы")}
    assert (groups["Г-11"].program_code, groups["Г-13"].program_code) == ("ПП-01", "ПК-02")


@pytest.mark.parametrize(("text", "pair"), [
    ("с 02.03.2026 по 13.03.2026", ("02.03.2026", "13.03.2026")), ("06.04–10.04.2026", ("06.04.2026", "10.04.2026")),
    ("01.12.2026 - 15.01.27", ("01.12.2026", "15.01.2027")), ("2 марта", None), ("02.03.2026", None),
])
def test_date_ranges(text, pair):
    assert date_range(text) == pair


def test_range_text_round_trips():
    assert date_range(range_text(date(2026, 3, 2), date(2026, 3, 13))) == ("02.03.2026", "13.03.2026")


@pytest.mark.parametrize(("text", "pair"), [
    ("09:00–10:30", ("09:00", "10:30")), ("9.00-10.30", ("09:00", "10:30")), ("с 9:00 до 10:30", ("09:00", "10:30")),
    ("10.12 — 11.40", ("10:12", "11:40")), ("25:00-26:00", None), ("09:00", None), ("06.04–10.04.2026", None),
])
def test_time_ranges_are_never_date_ranges(text, pair):
    """«10.12–11.40» is a lesson's hours (no year: no dates), «06.04–10.04.2026» a course's dates (a year: no hours)."""
    assert time_range(text) == pair
    assert pair is None or date_range(text) is None


def test_range_text_of_times_round_trips():
    assert time_range(range_text("09:00", "10:30")) == ("09:00", "10:30")


def test_a_lessons_hours_in_one_cell_are_read_and_written_in_their_cell(tmp_path):
    """«09:00–10:30» under «Время» is the lesson's «Начало» and «Окончание» (was: the timetable proposed as the
    roadmap, its columns left unread); a changed end and a new lesson are written as their one cell reads."""
    path = write_book(StaffBook("Расписание", [TIMETABLE]), tmp_path / "t.xlsx")
    store = connect_book(path)
    sheet = TIMETABLE.name
    assert store.mapping.tabs["Занятия"].sheet == sheet
    lessons = {r.item.number: r.item for r in open_workbook(store.read(ALL).tabs).items("Занятия")}
    assert [(lessons[n].start, lessons[n].end) for n in ("1", "2", "3")] == [
        ("09:00", "10:30"), ("10:40", "12:10"), ("09:00", "10:30")]
    assert not [f for f in run_all(store.read(ALL).tabs) if f.tab == sheet and f.column in ("Начало", "Окончание")]
    changed, after = update_cells(store, path, sheet, "Занятия", "№ занятия", "3", {"Окончание": "10:20"})
    assert changed == {"D7"}
    assert after["D7"] == "09:00–10:20"
    store.append("Занятия", [{"№ занятия": "4", "Код группы": "Г-07", "Дата": date(2026, 12, 8), "Начало": "10:40",
                              "Окончание": "12:10", "Модуль": "Модуль 2", "Вид занятия": "лекция", "Часов": 2}])
    cells = sheet_cells(path, sheet)
    assert (cells["A8"], cells["D8"]) == (4, "10:40–12:10")  # their «№» 1, 2, 3: the app's «4» is a number too


def test_a_key_the_app_gives_is_a_number_in_their_column_of_numbers_on_a_google_sheet_too(tmp_path):
    """The lesson's «№ занятия» is text in the model; their column holds 1, 2, 3 as numbers: the new lesson's «4» is
    written as the number 4 (was: the text «4», left-aligned among their numbers and skipped by their =МАКС()). A
    code with a leading zero or a letter stays text."""
    from tests.connect.helpers import connect_google, google_copy
    from tests.sheets_emulator import SheetsEmulator

    path = write_book(StaffBook("Расписание", [TIMETABLE]), tmp_path / "t.xlsx")
    emulator = SheetsEmulator().start()
    try:
        google_copy(path, emulator)
        store = connect_google(emulator)
        lesson = {"Код группы": "Г-07", "Дата": date(2026, 12, 8), "Начало": "10:40", "Окончание": "12:10",
                  "Модуль": "Модуль 2", "Вид занятия": "лекция", "Часов": 2}
        store.append("Занятия", [{**lesson, "№ занятия": "4"}, {**lesson, "№ занятия": "05"},
                                 {**lesson, "№ занятия": "6а"}])
        sheet = emulator.sheet(TIMETABLE.name)
        assert [sheet.cell(r, 0).value for r in (7, 8, 9)] == [4, "05", "6а"]
    finally:
        emulator.stop()


@pytest.mark.parametrize(("text", "code"), [("ПК-01 Функциональная грамотность", "ПК-01"),
                                            ("ПК-02. Цифровая среда", "ПК-02"), ("Цифровая среда (ПК-02)", "ПК-02"),
                                            ("Цифровая среда", None)])
def test_leading_codes(text, code):
    assert leading_code(text) == code


@pytest.fixture
def attendance(tmp_path) -> Path:
    from tests.connect.staff_books import ATTENDANCE_GRID, GROUPS, LISTENERS

    return write_book(StaffBook("Журнал", [ATTENDANCE_GRID, LISTENERS, GROUPS]), tmp_path / "att.xlsx")


def test_a_grid_of_marks_reads_as_attendance_rows(attendance):
    """Each mark of the «шахматка» is one row: the listener's ID found by name, the date of its column."""
    store = connect_book(attendance)
    rows = [r.item for r in open_workbook(store.read(ALL).tabs).items("Посещаемость")]
    marks = {(r.listener_id, r.class_date): r.present for r in rows}
    assert len(rows) == 12  # 4 + 3 + 4 + 1 marks; empty cells are no record
    assert marks[("С-001", date(2026, 3, 4))] is False and marks[("С-002", date(2026, 3, 2))] is True
    assert {r.group_code for r in rows} == {"Г-01"}


def test_a_name_that_is_no_listener_is_found_at_its_cell(attendance):
    store = connect_book(attendance)
    refs = [f for f in run_all(store.read(ALL).tabs) if f.tab == "Посещаемость Г-01" and f.rule == "GEN-REF"]
    assert {(f.cell, f.column) for f in refs} == {("B7", "ФИО слушателя")}  # header in row 3, fourth listener
    assert "Орлов Пётр" in refs[0].message


def test_a_mark_for_a_day_the_grid_has_no_column_for_is_refused(attendance):
    """The app marks a grid in its own cells only (test_grid_marks_25.py); a day without a column adds none."""
    store = connect_book(attendance)
    before = attendance.read_bytes()
    with pytest.raises(EduDeskError, match="нет столбца с датой 06.03.2026"):
        store.append("Посещаемость", [{"Код группы": "Г-01", "Дата занятия": date(2026, 3, 6),
                                       "ID слушателя": "С-001", "Присутствовал": True}])
    assert attendance.read_bytes() == before


@pytest.mark.parametrize(("theirs", "written"), [
    (["ПК-01 — Функциональная грамотность"], "ПК-02 — Цифровая среда"),
    (["Функциональная грамотность (ПК-01)"], "Цифровая среда (ПК-02)"),
    (["ПК-01. Функциональная грамотность"], "ПК-02. Цифровая среда"),
    ([], "ПК-02 Цифровая среда"),
])
def test_a_code_and_its_name_are_put_together_in_the_manner_of_their_column(theirs, written):
    from core.connect.code_names import named_code
    from core.store import TabData

    programmes = TabData("Программы", ["Код", "Наименование"], [["ПК-02", "Цифровая среда"]], [2])
    staff = TabData("Группы", ["Программа"], [[t] for t in theirs], list(range(2, 2 + len(theirs))))
    assert named_code("Группы", "Код программы", "ПК-02", lambda tab: programmes, staff, "Программа") == written


@pytest.mark.parametrize(("title", "department"), [
    ("План платных образовательных услуг кафедры педагогики на 2027 год", "Кафедра педагогики"),
    ("План ПОУ кафедры педагогики и психологии на 2027 год", "Кафедра педагогики и психологии"),
    ("План кафедры ИТ (2027)", "Кафедра ИТ"), ("Кафедра информационных технологий", "Кафедра информационных технологий"),
    ("Заявки кафедр", None), ("Сотрудники кафедры: 12", None), ("План ПОУ на 2027 год", None),
])
def test_the_department_a_title_names(title, department):
    assert department_in_title(title) == department


def test_a_departments_own_plan_gives_its_department_to_every_service(tmp_path):
    """«План ПОУ кафедры педагогики»: no «Кафедра» column, the department is in the title (was: «нет столбца для
    «Кафедра»», no service checked by its department). A service of another department is refused, nothing written;
    one of theirs is added without touching the title."""
    path = write_book(StaffBook("ПОУ", [SERVICES]), tmp_path / "plan.xlsx")
    store = connect_book(path)
    services = {r.item.code: r.item.department for r in open_workbook(store.read(ALL).tabs).items("ПОУ_услуги")}
    assert services == {"ПОУ-27-01": "Кафедра педагогики", "ПОУ-27-02": "Кафедра педагогики"}
    assert not [f for f in run_all(store.read(ALL).tabs) if f.rule == "GEN-COLUMNS" and f.column == "Кафедра"]
    refused_unwritten(store, path, "ПОУ_услуги", {"Код услуги": "ПОУ-27-03", "Кафедра": "Кафедра ИТ", "Вид": "ПК",
                                                 "Наименование": "Чужая"}, "в шапке листа: «Кафедра педагогики»")
    store.append("ПОУ_услуги", [{"Код услуги": "ПОУ-27-03", "Кафедра": "Кафедра педагогики", "Вид": "ПК",
                                 "Наименование": "Своя"}])
    cells = sheet_cells(path, SERVICES.name)
    assert (cells["A6"], cells["C6"], cells["A1"]) == ("ПОУ-27-03", "Своя", SERVICES.title[0])
