"""In a real browser (#25): a methodist whose office keeps attendance as a «шахматка» (listeners by rows, dates by
columns) marks a class on «Успеваемость» — the group's listeners ticked, one unticked — and the marks land in her
grid, in the listeners' rows under that date, in her own marks («+», «н»), and nowhere else."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from core.connect.sheet import look, save
from core.store import XlsxStore
from tests.connect.helpers import changed_cells, sheet_cells
from tests.connect.staff_books import ATTENDANCE_GRID, GROUPS, LISTENERS, StaffBook, write_book
from tests.e2e.conftest import VISIBLE_TEXT, running, settle

SHEET = ATTENDANCE_GRID.name  # header row 3: F is «05.03»; Иванова (С-001) on row 4, Петров (С-002) on row 5


@pytest.fixture
def grid_server(tmp_path):
    rows = [r[:5] + [""] + r[6:] for r in ATTENDANCE_GRID.rows]  # the class of 05.03 not marked yet
    book = write_book(StaffBook("Журнал Г-01", [replace(ATTENDANCE_GRID, rows=rows), LISTENERS, GROUPS]),
                      tmp_path / "Журнал Г-01.xlsx")
    store = XlsxStore(book)
    save(store, look(store))  # connected as on «Подключение таблицы» (test_staff_sheet.py clicks through that page)
    with running(book, tmp_path) as url:
        yield url, book


def test_a_class_marked_on_the_progress_page_lands_in_the_staffs_grid(chromium, grid_server):
    url, book = grid_server
    before = sheet_cells(book, SHEET)
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="ru-RU")
    try:
        page = context.new_page()
        page.goto(f"{url}/progress")
        settle(page)
        # the tabs the page needs and her book doesn't keep are offered, never made silently: she agrees
        assert "В вашей таблице нет листов модели" in page.evaluate(VISIBLE_TEXT)
        page.get_by_role("button", name="Создать 5 листов").click()
        page.get_by_text("Отметить посещаемость занятия").wait_for(timeout=60_000)
        settle(page)
        page.get_by_text("Отметить посещаемость занятия").click()
        day = page.get_by_role("spinbutton", name="day, Дата занятия").first
        day.click()
        page.keyboard.type("05032026")
        page.locator("h1").first.click()  # leaving the field commits the date (inside a form: no rerun yet)
        page.get_by_role("checkbox", name="Петров Сергей Иванович").uncheck(force=True)  # he was not there
        page.get_by_role("button", name="Записать посещаемость").click()
        page.get_by_text("Посещаемость 05.03.2026 отмечена").wait_for(timeout=60_000)
        text = page.evaluate(VISIBLE_TEXT)
        assert "присутствовали 1 из 2" in text
        if shots := os.environ.get("EDUDESK_SCREENSHOTS_DIR"):
            page.screenshot(path=str(Path(shots) / "grid-marks-page.png"), full_page=True)
    finally:
        context.close()
    after = sheet_cells(book, SHEET)
    assert changed_cells(before, after) == {"F4", "F5"}
    assert (after["F4"], after["F5"]) == ("+", "н")
