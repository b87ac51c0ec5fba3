"""The emulator where the recordings (English-locale sheets) don't reach: a Russian-locale sheet, as Google documents it.

«In a Russian-locale sheet, FORMATTED_VALUE renders numbers, dates and booleans in Russian (1 234,50 ₽,
28.12.2022, ИСТИНА); the unformatted values are the same» (tests/data/recordings/sheets-api/README.md).
"""

from __future__ import annotations

from datetime import date

import pytest
import requests


def _get(emulator, range_: str, **options) -> dict:
    return requests.get(f"{emulator.url}/v4/spreadsheets/{emulator.key}/values/{range_}", params=options,
                        timeout=10).json()


@pytest.fixture
def russian(emulator):
    emulator.add_sheet("Заявки", [["Сумма", "Дата", "Флаг", "Доля", "Код", "СНИЛС"]])
    emulator.set_cell("Заявки", 2, 1, 1234.5, number_format={"type": "CURRENCY", "pattern": '#,##0.00 "₽"'})
    emulator.set_cell("Заявки", 2, 2, date(2022, 12, 28))
    emulator.type_cell("Заявки", 2, 3, "ИСТИНА")
    emulator.type_cell("Заявки", 2, 4, "80%")
    emulator.set_cell("Заявки", 2, 5, 7, number_format={"type": "NUMBER", "pattern": "000"})
    emulator.set_cell("Заявки", 2, 6, 1234567819, number_format={"type": "NUMBER", "pattern": "000-000-000 00"})
    return emulator


def test_russian_sheet_shows_russian_numbers_dates_and_booleans(russian):
    """FORMATTED_VALUE: «1 234,50 ₽», «28.12.2022», «ИСТИНА», «80%», «007», «012-345-678 19»."""
    answer = _get(russian, "'Заявки'!A2:F2")
    assert answer["values"] == [["1\u00a0234,50 ₽", "28.12.2022", "ИСТИНА", "80%", "007", "012-345-678 19"]]


def test_russian_sheet_unformatted_values_are_the_same_as_anywhere(russian):
    """UNFORMATTED_VALUE + SERIAL_NUMBER: 1234.5, 44923, true, 0.8, 7, 1234567819."""
    answer = _get(russian, "'Заявки'!A2:F2", valueRenderOption="UNFORMATTED_VALUE",
                  dateTimeRenderOption="SERIAL_NUMBER")
    assert answer["values"] == [[1234.5, 44923, True, 0.8, 7, 1234567819]]


def test_typed_text_becomes_what_google_makes_of_it(emulator):
    """USER_ENTERED: «007» loses its zeros, «=10*150» is computed, «2026-03-01» becomes a date; RAW keeps text."""
    emulator.add_sheet("Лист", [["a"]])
    for option, row in (("USER_ENTERED", 2), ("RAW", 3)):
        requests.put(f"{emulator.url}/v4/spreadsheets/{emulator.key}/values/'Лист'!A{row}",
                     params={"valueInputOption": option}, json={"values": [["007", "=10*150", "2026-03-01"]]},
                     timeout=10)
    assert [emulator.value("Лист", 2, c) for c in (1, 2, 3)] == [7, 1500, 46082]
    assert [emulator.value("Лист", 3, c) for c in (1, 2, 3)] == ["007", "=10*150", "2026-03-01"]


def test_quoted_titles_and_grid_clipping_in_answers(emulator):
    """A Cyrillic title comes back quoted, and a whole-tab range as the grid's size."""
    emulator.add_sheet("Заявки", [["a"]])
    assert _get(emulator, "'Заявки'")["range"] == "'Заявки'!A1:Z1000"


def test_an_empty_range_has_no_values_key(emulator):
    emulator.add_sheet("Лист", [["a"]])
    assert "values" not in _get(emulator, "'Лист'!B5:C6")


def test_unknown_tab_is_a_400_unable_to_parse_range(emulator):
    answer = requests.get(f"{emulator.url}/v4/spreadsheets/{emulator.key}/values/'Нет'!A1", timeout=10)
    assert answer.status_code == 400
    assert answer.json()["error"] == {"code": 400, "message": "Unable to parse range: 'Нет'!A1",
                                      "status": "INVALID_ARGUMENT"}


def test_values_append_finds_the_table_and_stops_at_a_blank_row(emulator):
    """values:append puts rows under the table it finds: with a blank row inside the data, in the middle."""
    emulator.add_sheet("Лист", [["Код"], ["A"], [""], ["B"]])
    answer = requests.post(f"{emulator.url}/v4/spreadsheets/{emulator.key}/values/'Лист'!A1:append",
                           params={"valueInputOption": "RAW", "insertDataOption": "INSERT_ROWS"},
                           json={"values": [["NEW"]]}, timeout=10).json()
    assert answer["tableRange"] == "'Лист'!A1:A2"
    assert answer["updates"]["updatedRange"] == "'Лист'!A3"
    assert emulator.grid("Лист") == [["Код"], ["A"], ["NEW"], [], ["B"]]


def test_grid_data_agrees_with_the_values_endpoints(russian):
    """spreadsheets.get's effectiveValue / formattedValue are the UNFORMATTED / FORMATTED renderings."""
    grid = requests.get(f"{russian.url}/v4/spreadsheets/{russian.key}",
                        params={"ranges": "'Заявки'!A2:F2", "includeGridData": "true"}, timeout=10).json()
    cells = grid["sheets"][0]["data"][0]["rowData"][0]["values"]
    formatted = _get(russian, "'Заявки'!A2:F2")["values"][0]
    unformatted = _get(russian, "'Заявки'!A2:F2", valueRenderOption="UNFORMATTED_VALUE")["values"][0]
    assert [c["formattedValue"] for c in cells] == formatted
    assert [next(iter(c["effectiveValue"].values())) for c in cells] == unformatted


@pytest.mark.parametrize("fields", ["gridProperties(rowCount,columnCount)", "gridProperties.rowCount,gridProperties."
                                    "columnCount", "gridProperties/rowCount,gridProperties/columnCount"])
def test_an_update_mask_lists_subfields_in_parentheses_as_google_reads_it(emulator, fields):
    """«The syntax of the update field mask is the same as the read field mask … multiple subfields from the same
    type can be listed within parentheses» (guides/field-masks); the recordings send the slash form. Each shrinks
    the grid, and the rows past it go (the app's own tab rewritten whole relies on it)."""
    sheet = emulator.add_sheet("Лист", [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "6"]])
    answer = requests.post(f"{emulator.url}/v4/spreadsheets/{emulator.key}:batchUpdate", timeout=10, json={
        "requests": [{"updateSheetProperties": {"properties": {"sheetId": sheet.sheet_id, "gridProperties": {
            "rowCount": 2, "columnCount": 2}}, "fields": fields}}]})
    assert answer.status_code == 200
    assert emulator.grid("Лист") == [["a", "b"], ["1", "2"]]
