"""#25 on a Google Sheet: a department's record added to a staff plan kept in sections («Кафедра педагогики» above
its records) goes under its own section's last record, the sections below moved down — as on the workbook
(test_shapes.py), through the Sheets API as Google answers it (was: refused on Google). The record it goes under
is found again by what it holds at write time: a colleague's rows inserted or deleted above since are followed,
and when that record is gone nothing is written."""

from __future__ import annotations

from datetime import date

import pytest

from core.platform.errors import EduDeskError
from core.records.checks import open_workbook, run_all
from sheets_schema import TABS
from tests.connect.helpers import connect_book, connect_google, google_copy
from tests.connect.staff_books import SECTIONED_PLAN, StaffBook, write_book
from tests.sheets_emulator import SheetsEmulator
from tests.sheets_emulator.values import Cell

SHEET = SECTIONED_PLAN.name  # title 1, header 3; «Кафедра педагогики» 4, ПОУ-101 5, ПОУ-102 6; «Кафедра ИТ» 7, ПОУ-201 8
GRID = {"borders": {"bottom": {"style": "SOLID"}, "left": {"style": "SOLID"}}}
ALL = [t.name for t in TABS]


def _service(code: str, department: str) -> dict:
    return {"Код услуги": code, "Кафедра": department, "Вид": "ПК", "Наименование": f"Новая {code}",
            "Дата начала": date(2026, 5, 4), "Дата окончания": date(2026, 5, 8)}


@pytest.fixture
def book(tmp_path):
    return write_book(StaffBook("План", [SECTIONED_PLAN]), tmp_path / "plan.xlsx")


@pytest.fixture
def server(book):
    emulator = SheetsEmulator().start()
    google_copy(book, emulator)
    for r in (4, 5, 7):  # the records drawn in a grid, as staff draw them
        for c in range(10):
            cell = emulator.sheet(SHEET).cell(r, c) or Cell()
            cell.other_format = dict(GRID)
            emulator.sheet(SHEET).put(r, c, cell)
    try:
        yield emulator
    finally:
        emulator.stop()


def _codes(server) -> list:
    return [row[0] if row else "" for row in server.grid(SHEET)[3:]]


def test_a_record_of_an_earlier_section_goes_under_that_section_on_google_as_on_the_workbook(server, book):
    mapped = connect_google(server)
    mapped.append("ПОУ_услуги", [_service("ПОУ-103", "Кафедра педагогики")])
    mapped.append("ПОУ_услуги", [_service("ПОУ-202", "Кафедра ИТ")])
    expected = ["Кафедра педагогики", "ПОУ-101", "ПОУ-102", "ПОУ-103", "Кафедра ИТ", "ПОУ-201", "ПОУ-202"]
    assert _codes(server) == expected
    grid = server.grid(SHEET)
    assert grid[6][1] == "Новая ПОУ-103" and grid[6][7] == "с 04.05.2026 по 08.05.2026"
    assert server.sheet(SHEET).cell(6, 1).other_format == GRID  # drawn like the record above it
    assert server.sheet(SHEET).cell(7, 0).other_format != GRID  # the next section's row kept its own look
    local = connect_book(book)  # the same two records on the workbook land in the same places
    local.append("ПОУ_услуги", [_service("ПОУ-103", "Кафедра педагогики")])
    local.append("ПОУ_услуги", [_service("ПОУ-202", "Кафедра ИТ")])
    tabs = {"google": mapped.read(ALL).tabs, "workbook": local.read(ALL).tabs}
    departments = {name: {r.item.code: r.item.department for r in open_workbook(t).items("ПОУ_услуги")}
                   for name, t in tabs.items()}
    assert departments["google"] == departments["workbook"]
    assert departments["google"]["ПОУ-103"] == "Кафедра педагогики"
    findings = {name: sorted((f.rule, f.cell) for f in run_all(t) if f.tab == SHEET) for name, t in tabs.items()}
    assert findings["google"] == findings["workbook"]


def test_a_section_the_sheet_does_not_have_is_refused_and_nothing_written(server):
    mapped = connect_google(server)
    before = server.grid(SHEET)
    with pytest.raises(EduDeskError, match="Кафедра ИТ"):
        mapped.append("ПОУ_услуги", [_service("ПОУ-301", "Кафедра физики")])
    assert server.grid(SHEET) == before


def test_a_colleagues_row_inserted_above_between_the_read_and_the_write_is_followed(server):
    """The placement was read with ПОУ-102 on row 6; a colleague inserts a record above it before the app's write
    reads the sheet again: the new record still goes right under ПОУ-102, now on row 7, not into the middle of
    their rows."""
    mapped = connect_google(server)
    mapped.read(["ПОУ_услуги"])
    server.after("values_batch_get", lambda s: s.insert_row(SHEET, 5, ["ПОУ-100", "Вставлено коллегой"]))
    mapped.append("ПОУ_услуги", [_service("ПОУ-103", "Кафедра педагогики")])
    assert _codes(server) == ["Кафедра педагогики", "ПОУ-100", "ПОУ-101", "ПОУ-102", "ПОУ-103", "Кафедра ИТ",
                              "ПОУ-201"]


def test_the_record_it_goes_under_deleted_in_the_meantime_writes_nothing(server):
    mapped = connect_google(server)
    mapped.read(["ПОУ_услуги"])
    server.after("values_batch_get", lambda s: s.delete_row(SHEET, 6))
    with pytest.raises(EduDeskError, match="Ничего не записано"):
        mapped.append("ПОУ_услуги", [_service("ПОУ-103", "Кафедра педагогики")])
    assert _codes(server) == ["Кафедра педагогики", "ПОУ-101", "Кафедра ИТ", "ПОУ-201"]


def test_two_sessions_adding_to_the_same_section_at_once_each_get_their_row_in_it(server):
    first, second = connect_google(server), connect_google(server)
    first.read(["ПОУ_услуги"]), second.read(["ПОУ_услуги"])
    server.before("batch_update", lambda _s: first.append("ПОУ_услуги", [_service("ПОУ-103", "Кафедра педагогики")]))
    second.append("ПОУ_услуги", [_service("ПОУ-104", "Кафедра педагогики")])
    codes = _codes(server)
    assert codes[:3] == ["Кафедра педагогики", "ПОУ-101", "ПОУ-102"]
    assert sorted(codes[3:5]) == ["ПОУ-103", "ПОУ-104"] and codes[5:] == ["Кафедра ИТ", "ПОУ-201"]


def test_a_row_deleted_above_in_the_very_instant_of_the_write_is_told_not_silent(server):
    """Between the write's check-read and its batchUpdate (Google offers no condition on one) a colleague deletes
    ПОУ-101: the rows go in at the index read, now under «Кафедра ИТ». The write's own answer shows it — the row above
    the new one is not ПОУ-102 — and the methodist is told which rows to look at (was: nothing said)."""
    mapped = connect_google(server)
    mapped.read(["ПОУ_услуги"])
    server.after("grid_get", lambda s: s.delete_row(SHEET, 5))
    with pytest.raises(EduDeskError, match="вставили или удалили строки выше.*строки 7–7|строки 7–7.*вставили"):
        mapped.append("ПОУ_услуги", [_service("ПОУ-103", "Кафедра педагогики")])


def test_a_section_record_above_the_google_total_is_taken_into_its_sums_by_google_itself(tmp_path):
    """A plan kept in sections with «Итого» under the last one: a record of the first section goes in inside the
    total's range, so Google widens the sum itself — the app writes no formula, and the total stays under all."""
    from dataclasses import replace

    plan = replace(SECTIONED_PLAN, footer=["Итого", "", "", "", "=SUM(E5:E8)", "=SUM(F5:F8)", "", "", "", ""])
    emulator = SheetsEmulator().start()
    try:
        google_copy(write_book(StaffBook("План", [plan]), tmp_path / "plan.xlsx"), emulator)
        mapped = connect_google(emulator)
        mapped.append("ПОУ_услуги", [{**_service("ПОУ-103", "Кафедра педагогики"), "Часы": 16}])
        assert _codes(emulator) == ["Кафедра педагогики", "ПОУ-101", "ПОУ-102", "ПОУ-103", "Кафедра ИТ", "ПОУ-201",
                                    "Итого"]
        total = emulator.sheet(SHEET).rows[9]
        assert [c.formula for c in total[4:6]] == ["=SUM(E5:E9)", "=SUM(F5:F9)"]
        written = [r["updateCells"] for _kind, _q, body in emulator.bodies for r in body.get("requests", [])
                   if "updateCells" in r]
        assert written and "formulaValue" not in repr(written)  # the record's cells written; no sum written over
    finally:
        emulator.stop()
