"""Findings on a «шахматка» point at the mark's own cell — the listener's row and the date's column — not at the
listener's name: one staff row is many attendance records."""

from dataclasses import replace

from core.records.checks import run_all
from sheets_schema import TABS
from tests.connect.helpers import connect_book
from tests.connect.holdout_books import LESSONS
from tests.connect.staff_books import ATTENDANCE_GRID, GROUPS, LISTENERS, StaffBook, write_book

ALL = [t.name for t in TABS]
SHEET = ATTENDANCE_GRID.name  # header in row 3: A №, B ФИО, C 02.03, D 03.03, E 04.03, F 05.03, G Примечание


def _grid_with(tmp_path, rows, *tabs):
    grid = replace(ATTENDANCE_GRID, rows=rows)
    return connect_book(write_book(StaffBook("Журнал", [grid, LISTENERS, GROUPS, *tabs]), tmp_path / "att.xlsx"))


def test_an_unreadable_mark_is_found_at_its_own_cell(tmp_path):
    rows = [list(r) for r in ATTENDANCE_GRID.rows]
    rows[2][5] = "?"  # Сидорова (row 6), 05.03 (F)
    store = _grid_with(tmp_path, rows)
    cells = [f for f in run_all(store.read(ALL).tabs) if f.tab == SHEET and f.rule == "GEN-CELL"]
    assert [(f.cell, f.row) for f in cells] == [("F6", 6)]


def test_a_mark_for_a_class_not_in_the_timetable_is_found_at_its_cell(tmp_path):
    """The timetable («Расписание занятий») has Г-01's classes on 02.03 and 03.03 only: the marks of 04.03 and 05.03
    are findings, each at the first mark of that day (Иванова's row 4: E4, F4) — the cell a person fixes."""
    store = _grid_with(tmp_path, ATTENDANCE_GRID.rows, LESSONS)
    found = [f for f in run_all(store.read(ALL).tabs) if f.tab == SHEET and f.rule == "TT-ATTENDANCE"]
    assert sorted(f.cell for f in found) == ["E4", "F4"]
    assert all(f.column == "даты в заголовках" for f in found)


def test_a_grid_without_a_finding_has_none(tmp_path):
    rows = [r[:4] + ["", ""] + r[6:] for r in ATTENDANCE_GRID.rows]  # marks of 02.03 and 03.03 only
    store = _grid_with(tmp_path, rows, LESSONS)
    tabs = store.read(ALL).tabs
    assert not [f for f in run_all(tabs) if f.tab == SHEET and f.rule in ("TT-ATTENDANCE", "GEN-CELL")]
