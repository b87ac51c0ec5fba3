"""Who may mark a class into the staff's own «шахматка» (#25): on a connected group journal with the app's
«Пользователи» beside it, a methodist who is a «сотрудник» (not an administrator) marks the class of 05.03 on
«Успеваемость» and exactly her two cells change; an «наблюдатель» sees the journal but no form, and nothing of the
file changes when she opens the page."""

from __future__ import annotations

from dataclasses import replace

from tests.connect.helpers import GUEST, METHODIST, changed_cells, connect_with_users, page_as, sheet_cells
from tests.connect.staff_books import ATTENDANCE_GRID, GROUPS, LISTENERS, StaffBook, write_book

SHEET = ATTENDANCE_GRID.name  # header row 3: F is «05.03»; Иванова (С-001) on row 4, Петров (С-002) on row 5


def _journal(tmp_path):
    rows = [r[:5] + [""] + r[6:] for r in ATTENDANCE_GRID.rows]  # the class of 05.03 not marked yet
    book = write_book(StaffBook("Журнал Г-01", [replace(ATTENDANCE_GRID, rows=rows), LISTENERS, GROUPS]),
                      tmp_path / "Журнал Г-01.xlsx")
    connect_with_users(book)
    return book


def test_a_methodist_who_is_not_an_administrator_marks_a_class_into_the_staffs_grid(app_on, tmp_path, monkeypatch):
    from datetime import date

    book = _journal(tmp_path)
    before = sheet_cells(book, SHEET)
    at = page_as(app_on, book, monkeypatch, METHODIST, "app_pages/progress.py")
    at.date_input(key="attendance_day_Г-01").set_value(date(2026, 3, 5))
    absent = next(c for c in at.checkbox if c.label == "Петров Сергей Иванович")
    absent.uncheck()
    next(b for b in at.button if b.label == "Записать посещаемость").click().run()
    assert not at.exception
    assert any("присутствовали 1 из 2" in s.value for s in at.success), [s.value for s in at.success]
    after = sheet_cells(book, SHEET)
    assert changed_cells(before, after) == {"F4", "F5"}
    assert (after["F4"], after["F5"]) == ("+", "н")


def test_an_observer_sees_the_grid_journal_but_marks_nothing(app_on, tmp_path, monkeypatch):
    book = _journal(tmp_path)
    before = book.read_bytes()
    at = page_as(app_on, book, monkeypatch, GUEST, "app_pages/progress.py")
    assert not [b for b in at.button if b.label == "Записать посещаемость"]
    assert not [d for d in at.date_input if d.key == "attendance_day_Г-01"]
    assert book.read_bytes() == before
