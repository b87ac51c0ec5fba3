"""#25: a row of the columns' own numbers under the header («1 | 2 | 3 | … | 14», as official forms number their
columns — «графы») is not a record. Before, it was read as the first record: the proposal's evidence counted its
numbers among the values («80% значений — даты»), and the checks found «Имя» missing, a wrong СНИЛС and «12.0» not
from the list at the staff's row 6, which holds no record at all. The same data with and without that row gives the
same proposal and the same findings, one row lower; a record added goes under the last record, the row of numbers
untouched — on a workbook and on a Google Sheet."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from core.connect.layout import numbers_the_columns
from core.connect.sheet import look
from core.records.checks import run_all
from core.store import XlsxStore
from tests.connect.helpers import changed_cells, connect_book, connect_google, google_copy, sheet_cells
from tests.connect.staff_books import REGISTER, StaffBook, write_book
from tests.sheets_emulator import SheetsEmulator

SHEET = REGISTER.name  # title in rows 1–3, header in row 5, records from row 6 (row 7 with the row of numbers)
WIDTH = len(REGISTER.headers)
NEW = {"Фамилия": "Новикова", "Имя": "Ольга", "Отчество": "Игоревна", "Код программы": "ПК-01",
       "№ заявки": "З-005", "Дата поступления": date(2026, 3, 2), "Статус": "новая"}


def _book(tmp_path, numbers: list | None, name: str = "staff.xlsx"):
    rows = ([numbers] if numbers else []) + REGISTER.rows
    return write_book(StaffBook("Реестр", [replace(REGISTER, rows=rows, gap_after=None)]), tmp_path / name)


def _findings(store) -> set[tuple[str, str, int]]:
    """Each finding on the staff's tab as (rule, column letter, row)."""
    out = set()
    for f in run_all(store.read(["Заявки"]).tabs):
        if f.tab == SHEET and f.cell:
            letters = f.cell.rstrip("0123456789")
            out.add((f.rule, letters, int(f.cell[len(letters):])))
    return out


def _shifted(found: set[tuple[str, str, int]], by: int) -> set[tuple[str, str, int]]:
    return {(rule, column, row + by) for rule, column, row in found}


ROWS_OF_NUMBERS = {
    "числа": list(range(1, WIDTH + 1)),
    "текст": [str(n) for n in range(1, WIDTH + 1)],
    "с точкой": [f"{n}." for n in range(1, WIDTH + 1)],
}


@pytest.mark.parametrize("numbers", ROWS_OF_NUMBERS.values(), ids=ROWS_OF_NUMBERS.keys())
def test_the_row_of_column_numbers_is_not_a_record_and_findings_stay_at_the_records(tmp_path, numbers):
    plain, numbered = _book(tmp_path, None, "plain.xlsx"), _book(tmp_path, numbers)
    (theirs,), (bare,) = look(XlsxStore(numbered)), look(XlsxStore(plain))
    assert theirs.shape.header_row == 5 and len(theirs.shape.records) == len(bare.shape.records) == 4
    assert 6 not in theirs.shape.records
    assert [(ln.column, ln.model_header, ln.part, ln.confidence, ln.evidence) for ln in theirs.lines] == \
           [(ln.column, ln.model_header, ln.part, ln.confidence, ln.evidence) for ln in bare.lines]
    before = sheet_cells(numbered, SHEET)
    found = _findings(connect_book(numbered))
    assert found and not [f for f in found if f[2] == 6]  # nothing said of the row of numbers
    assert found == _shifted(_findings(connect_book(plain)), 1)
    assert ("ENR-SNILS", "D", 9) in found  # a planted wrong СНИЛС (Сидорова, the third record) at the staff's cell
    assert {k: v for k, v in sheet_cells(numbered, SHEET).items() if k in before} == before  # connecting wrote nothing


def test_a_record_added_goes_under_the_last_record_and_the_numbers_stay(tmp_path):
    path = _book(tmp_path, ROWS_OF_NUMBERS["числа"])
    store = connect_book(path)
    before = sheet_cells(path, SHEET)
    store.append("Заявки", [NEW])
    after = sheet_cells(path, SHEET)
    assert {int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) for ref in changed_cells(before, after)} == {11}
    assert [after[f"{c}6"] for c in "ABCDEFGHIJKLMN"] == list(range(1, WIDTH + 1))
    read = store.read(["Заявки"]).tabs["Заявки"]
    assert read.row_numbers == [7, 8, 9, 10, 11] and read.as_dicts()[-1]["№ заявки"] == "З-005"


def test_on_a_google_sheet_too(tmp_path):
    emulator = SheetsEmulator().start()
    try:
        google_copy(_book(tmp_path, ROWS_OF_NUMBERS["числа"]), emulator)
        mapped = connect_google(emulator)
        read = mapped.read(["Заявки"]).tabs["Заявки"]
        assert read.row_numbers == [7, 8, 9, 10]
        assert _findings(mapped) == _shifted(_findings(connect_book(_book(tmp_path, None, "plain.xlsx"))), 1)
    finally:
        emulator.stop()


@pytest.mark.parametrize(("row", "is_numbers"), [
    ([1, 2, 3], True),
    ([None, "1", "2", None, "3", "4"], True),  # a merged group's cells blank between
    (["1.", "2.", "3."], True),
    ([1, 2], False),  # two numbers: a short record of two counts
    ([1, 2, 4], False),  # not in a row: a record's numbers
    ([2, 3, 4], False),  # not from the first
    ([1, "Иванова", 3], False),  # a record with a name
    ([1, 2, 3.5], False),
    ([True, 2, 3], False),  # a ticked box is not the number 1
    ([date(2026, 1, 1), 2, 3], False),
])
def test_which_rows_number_the_columns(row, is_numbers):
    assert numbers_the_columns(row) is is_numbers

