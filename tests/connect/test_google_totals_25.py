"""#25 on a Google Sheet: a record added to a staff tab with «Итого» under its records goes above the total and the
total's sums take it in — as on the workbook (test_totals_25.py) — through the Sheets API as Google answers it: rows
inserted, the references of every sheet following them, the widened sums written in the same batchUpdate. Two
sessions adding at the same moment each get their own row, the sums widened once for each."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.connect.helpers import connect_google, google_copy
from tests.connect.staff_books import PAYMENTS, StaffBook, write_book
from tests.sheets_emulator import SheetsEmulator
from tests.sheets_emulator.values import Cell

SHEET = PAYMENTS.name  # title in row 1, header in row 3, records in 4–6, «Итого» in 7: =SUM(F4:F6), =SUM(G4:G6)
GRID = {"borders": {"bottom": {"style": "SOLID"}, "left": {"style": "SOLID"}}}


def _new(n: int) -> dict:
    return {"Код услуги": "ПОУ-003", "Договор": f"Д-2{n}/2026", "Плательщик": f"ИП Соколова {n}",
            "Сумма по договору": Decimal("1000.25"), "Оплачено": Decimal("500")}


@pytest.fixture
def server(tmp_path):
    """The staff's payments tab as a Google Sheet: formulas as formulas, the records drawn in a grid, and a summary
    tab of their own pointing at the total."""
    emulator = SheetsEmulator().start()
    google_copy(write_book(StaffBook("Оплаты", [PAYMENTS]), tmp_path / "pay.xlsx"), emulator)
    for r in range(3, 6):  # records 4–6: bordered, as staff draw them
        for c in range(9):
            cell = emulator.sheet(SHEET).cell(r, c) or Cell()
            cell.other_format = dict(GRID)
            emulator.sheet(SHEET).put(r, c, cell)
    emulator.add_sheet("Сводка", [["Всего оплачено", Cell(formula=f"='{SHEET}'!G7")]])
    try:
        yield emulator
    finally:
        emulator.stop()


def _formulas(server, row: int) -> list:
    return [c.formula if c is not None else None for c in server.sheet(SHEET).rows[row - 1][5:7]]


def test_a_new_record_goes_above_the_google_total_and_its_sums_take_it_in(server):
    mapped = connect_google(server)
    before = server.grid(SHEET)
    mapped.append("ПОУ_оплаты", [_new(1)])
    after = server.grid(SHEET)
    assert after[:6] == before[:6]  # the title, the header and the records as they were
    assert after[6][1:5] == ["ПОУ-003", "Д-21/2026", "", "ИП Соколова 1"]
    assert after[6][5:7] == [1000.25, 500]
    assert after[7][0] == "Итого" and _formulas(server, 8) == ["=SUM(F4:F7)", "=SUM(G4:G7)"]
    assert server.sheet("Сводка").cell(0, 1).formula == f"='{SHEET}'!G8"  # another sheet's reference followed it
    assert server.sheet(SHEET).cell(6, 2).other_format == GRID  # drawn like the record above it
    assert len(mapped.read(["ПОУ_оплаты"]).tabs["ПОУ_оплаты"].rows) == 4  # the total is still not a record


def test_two_sessions_adding_at_the_same_moment_each_get_their_row_and_the_total_takes_both(server):
    """The second session read the sheet before the first one's write landed: its «Итого» claim meets the first's,
    Google applies none of its write, and it reads again — no widened sum written over a record."""
    first, second = connect_google(server), connect_google(server)
    first.read(["ПОУ_оплаты"]), second.read(["ПОУ_оплаты"])
    server.before("batch_update", lambda _s: first.append("ПОУ_оплаты", [_new(1)]))
    second.append("ПОУ_оплаты", [_new(2)])
    grid = server.grid(SHEET)
    payers = [row[4] for row in grid[3:8]]
    assert sorted(payers[3:]) == ["ИП Соколова 1", "ИП Соколова 2"] and len(grid) == 9
    assert grid[8][0] == "Итого" and _formulas(server, 9) == ["=SUM(F4:F8)", "=SUM(G4:G8)"]
    for row in (7, 8):  # no formula written into a record
        assert all(c is None or c.formula is None for c in server.sheet(SHEET).rows[row - 1][1:9])


def test_the_same_state_coming_back_after_a_record_was_deleted_does_not_block_the_next_record(server):
    mapped = connect_google(server)
    mapped.append("ПОУ_оплаты", [_new(1)])
    server.delete_row(SHEET, 7)  # a colleague deletes the record: the sheet is as it was read the first time
    assert _formulas(server, 7) == ["=SUM(F4:F6)", "=SUM(G4:G6)"]
    mapped.append("ПОУ_оплаты", [_new(2)])
    grid = server.grid(SHEET)
    assert grid[6][4] == "ИП Соколова 2" and grid[7][0] == "Итого"
    assert _formulas(server, 8) == ["=SUM(F4:F7)", "=SUM(G4:G7)"]


def test_a_row_inserted_above_in_the_very_instant_of_the_write_is_told_not_silent(server):
    """A colleague inserts a record above between the write's check-read and its batchUpdate: the new row goes in one
    above the last record and the widened sum at the row the read gave the total. The write's own answer shows the
    total is not where it was written, and the methodist is told to look (was: nothing said)."""
    from core.platform.errors import EduDeskError

    mapped = connect_google(server)
    mapped.read(["ПОУ_оплаты"])
    server.after("grid_get", lambda s: s.insert_row(SHEET, 5, ["", "ПОУ-001", "Д-99/2026", "", "ИП Коллега"]))
    with pytest.raises(EduDeskError, match="вставили или удалили строки выше"):
        mapped.append("ПОУ_оплаты", [_new(1)])
