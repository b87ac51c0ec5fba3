"""The emulator's formulas follow rows as Google's do when rows are inserted or deleted
(https://support.google.com/docs/answer/6208276: references update when rows or columns are added or removed):
through batchUpdate insertDimension/deleteDimension, on the sheet itself and on every sheet that names it."""

from __future__ import annotations

import requests

from tests.sheets_emulator.refs import follow_insert
from tests.sheets_emulator.values import Cell


def _batch(emulator, requests_: list[dict]) -> int:
    answer = requests.post(f"{emulator.url}/v4/spreadsheets/{emulator.key}:batchUpdate",
                           json={"requests": requests_}, timeout=10)
    return answer.status_code


def _rows(emulator, title: str, dimension: str, start: int, end: int, kind: str = "insertDimension") -> int:
    sheet_id = emulator.sheet(title).sheet_id
    return _batch(emulator, [{kind: {"range": {"sheetId": sheet_id, "dimension": dimension, "startIndex": start,
                                               "endIndex": end}}}])


def test_inserted_rows_move_the_references_of_every_sheet_that_names_them(emulator):
    emulator.add_sheet("Оплаты 2026", [["Сумма"], [10], [20], [Cell(formula="=SUM(A2:A3)")]])
    emulator.add_sheet("Сводка", [[Cell(formula="='Оплаты 2026'!A4+A4")], [5], [6], [7]])
    assert _rows(emulator, "Оплаты 2026", "ROWS", 3, 4) == 200  # a row above the total
    assert emulator.sheet("Оплаты 2026").cell(4, 0).formula == "=SUM(A2:A3)"  # a range ending above: as it was
    # the other sheet's reference to the moved total follows it; its own «A4» is its own sheet's and stays
    assert emulator.sheet("Сводка").cell(0, 0).formula == "='Оплаты 2026'!A5+A4"


def test_a_formula_naming_another_sheet_does_not_move_with_its_own_rows(emulator):
    emulator.add_sheet("Лист", [[Cell(formula="=Другой!A5+A5")], [1], [2], [3], [4]])
    emulator.add_sheet("Другой", [[1]])
    assert _rows(emulator, "Лист", "ROWS", 1, 3) == 200
    assert emulator.sheet("Лист").cell(0, 0).formula == "=Другой!A5+A7"


def test_deleted_rows_shrink_a_range_and_break_a_cell_that_pointed_at_them(emulator):
    emulator.add_sheet("Лист", [[1], [2], [3], [Cell(formula="=SUM(A1:A3)+A3")]])
    assert _rows(emulator, "Лист", "ROWS", 2, 3, "deleteDimension") == 200
    assert emulator.sheet("Лист").cell(2, 0).formula == "=SUM(A1:A2)+#REF!"


def test_a_range_deleted_whole_is_an_error_and_strings_are_left_alone():
    assert follow_insert("=SUM(F7:F7)", "ROWS", 7, -1) == "=SUM(#REF!)"
    assert follow_insert('="F9"&F9', "ROWS", 6, 1) == '="F9"&F10'
    assert follow_insert("=B2+C3", "COLUMNS", 2, -1) == "=#REF!+B3"


def test_sum_of_a_range_gives_its_numbers_as_google_computes_it(emulator):
    """A staff «Итого» =SUM(F4:F6) is read through the API as the sum, its text and empty cells passed over
    (https://support.google.com/docs/answer/3093669) — the emulator said #NAME? to any reference before."""
    emulator.add_sheet("Оплаты", [["Сумма"], [10], ["12 000,00"], [], [2.5],
                                  [Cell(formula="=SUM(A2:A5)")], [Cell(formula="=A2*2+A5")]])
    answer = requests.get(f"{emulator.url}/v4/spreadsheets/{emulator.key}/values/'Оплаты'!A6:A7",
                          params={"valueRenderOption": "UNFORMATTED_VALUE"}, timeout=10).json()
    assert answer["values"] == [[12.5], [22.5]]
    assert emulator.value("Оплаты", 6, 1) == 12.5
