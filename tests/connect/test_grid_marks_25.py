"""#25: the app's attendance marks go into the «шахматка» the staff keep — the listener's row, the class's date
column, their own marks — and nowhere else; what the grid has no place for is refused, nothing written."""

from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import openpyxl
import pytest

from core.platform.errors import EduDeskError
from tests.connect.helpers import changed_cells, connect_book, sheet_cells
from tests.connect.staff_books import ATTENDANCE_GRID, GROUPS, LISTENERS, StaffBook, write_book

SHEET = ATTENDANCE_GRID.name  # header in row 3: A №, B ФИО, C 02.03, D 03.03, E 04.03, F 05.03, G Примечание
# rows 4–7: Иванова (С-001), Петров (С-002), Сидорова, Орлов; Петров's 05.03 (F5) is empty


def _book(tmp_path, rows=None):
    grid = replace(ATTENDANCE_GRID, rows=rows or ATTENDANCE_GRID.rows)
    return write_book(StaffBook("Журнал", [grid, LISTENERS, GROUPS]), tmp_path / "att.xlsx")


def _mark(listener: str, day: date, present: bool, group: str = "Г-01") -> dict:
    return {"Код группы": group, "Дата занятия": day, "ID слушателя": listener, "Присутствовал": present}


def test_a_class_is_marked_in_the_listeners_row_under_its_date_in_the_staffs_marks(tmp_path):
    path = _book(tmp_path)
    before = sheet_cells(path, SHEET)
    store = connect_book(path)
    store.append("Посещаемость", [_mark("С-002", date(2026, 3, 5), False)])
    after = sheet_cells(path, SHEET)
    assert changed_cells(before, after) == {"F5"} and after["F5"] == "н"  # their «н», not the app's «нет»
    rows = store.read(["Посещаемость"]).tabs["Посещаемость"].as_dicts()
    assert {"ID слушателя": "С-002", "Дата занятия": date(2026, 3, 5), "Присутствовал": False}.items() <= next(
        r for r in rows if r["ID слушателя"] == "С-002" and r["Дата занятия"] == date(2026, 3, 5)).items()


def test_a_grid_of_ones_and_noughts_gets_ones_and_noughts(tmp_path):
    rows = [[r[0], r[1], *[{"+": 1, "н": 0}.get(v, v) for v in r[2:6]], r[6]] for r in ATTENDANCE_GRID.rows]
    path = _book(tmp_path, rows)
    store = connect_book(path)
    marks = {(r["ID слушателя"], r["Дата занятия"]): r["Присутствовал"]
             for r in store.read(["Посещаемость"]).tabs["Посещаемость"].as_dicts()}
    assert marks[("С-001", date(2026, 3, 4))] is False and marks[("С-001", date(2026, 3, 2))] is True  # 0 and 1 read
    store.append("Посещаемость", [_mark("С-002", date(2026, 3, 5), True)])
    assert sheet_cells(path, SHEET)["F5"] == 1


def test_the_attendance_form_marks_the_whole_group_at_once(tmp_path):
    """mark_class, as the page calls it, on the connected grid: every listener of the group in their row."""
    from core.enrollment.attendance import mark_class

    rows = [r[:5] + [""] + r[6:] for r in ATTENDANCE_GRID.rows]  # 05.03 not marked yet
    path = _book(tmp_path, rows)
    before = sheet_cells(path, SHEET)
    store = connect_book(path)
    group = SimpleNamespace(code="Г-01", start=date(2026, 3, 2), end=date(2026, 3, 13))
    assert mark_class(store, group, date(2026, 3, 5), ["С-001", "С-002"], {"С-001"}, date(2026, 3, 5)) == 2
    after = sheet_cells(path, SHEET)
    assert changed_cells(before, after) == {"F4", "F5"} and (after["F4"], after["F5"]) == ("+", "н")
    with pytest.raises(EduDeskError, match="уже отмечена"):  # the same class again: refused, not doubled
        mark_class(store, group, date(2026, 3, 5), ["С-001", "С-002"], {"С-001"}, date(2026, 3, 5))


@pytest.mark.parametrize(("mark", "said"), [
    (_mark("С-002", date(2026, 3, 6), True), "нет столбца с датой 06.03.2026"),  # no column for that day
    (_mark("С-009", date(2026, 3, 5), True), "нет строки слушателя С-009"),  # nobody's row
    (_mark("С-001", date(2026, 3, 5), False), "уже стоит отметка «\\+»"),  # Иванова's 05.03 is marked
    (_mark("С-002", date(2026, 3, 5), True, group="Г-02"), "ведётся для группы Г-01"),  # another group's grid
])
def test_what_the_grid_has_no_place_for_is_refused_and_nothing_written(tmp_path, mark, said):
    path = _book(tmp_path)
    store = connect_book(path)
    before = path.read_bytes()
    with pytest.raises(EduDeskError, match=said):
        store.append("Посещаемость", [_mark("С-002", date(2026, 3, 5), True), mark])
    assert path.read_bytes() == before


def test_a_mark_a_colleague_put_in_the_same_moment_is_not_overwritten(tmp_path):
    from core.connect.grid_write import grid_updates

    path = _book(tmp_path)
    store = connect_book(path)
    mapped = store.mapping.tabs["Посещаемость"]
    names = {listener: name for name, listener in store.listener_names().items()}
    label, updates = grid_updates(mapped, store.inner.fresh(SHEET), [_mark("С-002", date(2026, 3, 5), True)], names)
    book = openpyxl.load_workbook(path)
    book[SHEET]["F5"] = "н"  # a colleague marks Петров's 05.03 first
    book.save(path)
    with pytest.raises(EduDeskError):
        store.inner.update_many(label, updates)
    assert sheet_cells(path, SHEET)["F5"] == "н"


def test_a_google_sheet_grid_is_marked_in_its_own_cell_too(tmp_path):
    from tests.connect.helpers import connect_google, google_copy
    from tests.sheets_emulator import SheetsEmulator

    server = SheetsEmulator().start()
    try:
        google_copy(_book(tmp_path), server)
        store = connect_google(server)
        before = server.grid(SHEET)
        store.append("Посещаемость", [_mark("С-002", date(2026, 3, 5), True)])
        after = server.grid(SHEET)
        assert after[4][5] == "+" and [r for n, r in enumerate(after) if n != 4] == [
            r for n, r in enumerate(before) if n != 4]
        assert after[4][:5] == before[4][:5] and after[4][6:] == before[4][6:]
    finally:
        server.stop()
