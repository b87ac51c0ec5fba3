"""The emulator's developer metadata, as Google's reference describes it (spreadsheets.developerMetadata): it stays
with its column as others are inserted or deleted, goes with a deleted column, and is found by key."""

from __future__ import annotations

import pytest
import requests


def _post(emulator, rest: str, body: dict) -> tuple[int, dict]:
    answer = requests.post(f"{emulator.url}/v4/spreadsheets/{emulator.key}{rest}", json=body, timeout=10)
    return answer.status_code, answer.json()


def _mark(emulator, column: int, value: str, end: int | None = None) -> tuple[int, dict]:
    sheet_id = emulator.sheet("Лист").sheet_id
    return _post(emulator, ":batchUpdate", {"requests": [{"createDeveloperMetadata": {"developerMetadata": {
        "metadataKey": "k", "metadataValue": value, "visibility": "DOCUMENT",
        "location": {"dimensionRange": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": column,
                                        "endIndex": end or column + 1}}}}}]})


def _found(emulator) -> dict[str, int]:
    status, answer = _post(emulator, "/developerMetadata:search",
                           {"dataFilters": [{"developerMetadataLookup": {"metadataKey": "k"}}]})
    assert status == 200
    return {m["developerMetadata"]["metadataValue"]: m["developerMetadata"]["location"]["dimensionRange"]["startIndex"]
            for m in answer.get("matchedDeveloperMetadata", [])}


@pytest.fixture
def sheet(emulator):
    emulator.add_sheet("Лист", [["А", "Б", "В", "Г"]])
    return emulator


def test_created_metadata_has_a_location_type_and_an_id(sheet):
    status, answer = _mark(sheet, 2, "в")
    meta = answer["replies"][0]["createDeveloperMetadata"]["developerMetadata"]
    assert status == 200 and meta["location"]["locationType"] == "COLUMN" and meta["metadataId"] > 0


def test_metadata_moves_with_its_column_and_goes_with_it(sheet):
    _mark(sheet, 1, "б")
    _mark(sheet, 2, "в")
    sheet.insert_column("Лист", 1, "новый")  # before A: every mark moves right by one
    assert _found(sheet) == {"б": 2, "в": 3}
    sheet.delete_column("Лист", 3)  # «б» (now C) deleted with its metadata; «в» moves back left
    assert _found(sheet) == {"в": 2}


def test_a_range_of_two_columns_is_refused(sheet):
    status, answer = _mark(sheet, 1, "б", end=3)
    assert status == 400 and "single row or column" in answer["error"]["message"]


def test_search_without_matches_is_an_empty_object(sheet):
    assert _found(sheet) == {}


def test_delete_by_key_removes_every_match(sheet):
    _mark(sheet, 0, "а")
    _mark(sheet, 3, "г")
    status, answer = _post(sheet, ":batchUpdate", {"requests": [{"deleteDeveloperMetadata": {
        "dataFilter": {"developerMetadataLookup": {"metadataKey": "k"}}}}]})
    assert status == 200 and len(answer["replies"][0]["deleteDeveloperMetadata"]["deletedDeveloperMetadata"]) == 2
    assert _found(sheet) == {}


# #26: what the writes of many staff rely on --------------------------------------------------------------------------
def _row_pin(sheet_id: int, meta_id: int, row: int) -> dict:
    return {"createDeveloperMetadata": {"developerMetadata": {
        "metadataId": meta_id, "metadataKey": "pin", "visibility": "DOCUMENT",
        "location": {"dimensionRange": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": row,
                                        "endIndex": row + 1}}}}}


def _exact_delete(sheet_id: int, meta_id: int, row: int) -> dict:
    return {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": {
        "metadataId": meta_id, "locationMatchingStrategy": "EXACT_LOCATION",
        "metadataLocation": {"dimensionRange": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": row,
                                                "endIndex": row + 1}}}}}}


def test_a_metadata_id_in_use_fails_the_whole_batch(sheet):
    sheet_id = sheet.sheet("Лист").sheet_id
    assert _post(sheet, ":batchUpdate", {"requests": [_row_pin(sheet_id, 77, 0)]})[0] == 200
    status, answer = _post(sheet, ":batchUpdate", {"requests": [
        {"updateCells": {"start": {"sheetId": sheet_id, "rowIndex": 1, "columnIndex": 0},
                         "rows": [{"values": [{"userEnteredValue": {"stringValue": "x"}}]}],
                         "fields": "userEnteredValue"}}, _row_pin(sheet_id, 77, 1)]})
    assert status == 400 and "already exists" in answer["error"]["message"]
    assert sheet.value("Лист", 2, 1) == ""  # the cell written before the refused request is not kept


def test_a_pin_put_back_where_it_is_passes_and_elsewhere_fails(sheet):
    """The guard of a write: delete the pin at the exact row it should be on, then make it there again."""
    sheet_id = sheet.sheet("Лист").sheet_id
    _post(sheet, ":batchUpdate", {"requests": [_row_pin(sheet_id, 5, 1)]})
    assert _post(sheet, ":batchUpdate", {"requests": [_exact_delete(sheet_id, 5, 1), _row_pin(sheet_id, 5, 1)]})[0] == 200
    sheet.insert_row("Лист", 1, ["новая"])  # the pinned row moves down
    assert _post(sheet, ":batchUpdate", {"requests": [_exact_delete(sheet_id, 5, 1), _row_pin(sheet_id, 5, 1)]})[0] == 400
    status, answer = _post(sheet, "/developerMetadata:search", {"dataFilters": [{"developerMetadataLookup": {
        "metadataId": 5}}]})
    assert answer["matchedDeveloperMetadata"][0]["developerMetadata"]["location"]["dimensionRange"]["startIndex"] == 2


def test_copy_paste_moves_relative_references_and_inserted_rows_move_formulas(sheet):
    sheet.type_cell("Лист", 2, 1, "=B2*2")
    sheet.type_cell("Лист", 2, 3, "=$B$2+B2")
    sheet_id = sheet.sheet("Лист").sheet_id
    status, _ = _post(sheet, ":batchUpdate", {"requests": [{"copyPaste": {
        "source": {"sheetId": sheet_id, "startRowIndex": 1, "endRowIndex": 2},
        "destination": {"sheetId": sheet_id, "startRowIndex": 2, "endRowIndex": 4}, "pasteType": "PASTE_NORMAL"}}]})
    assert status == 200
    assert [sheet.formula("Лист", r, 1) for r in (3, 4)] == ["=B3*2", "=B4*2"]
    assert sheet.formula("Лист", 4, 3) == "=$B$2+B4"
    sheet.insert_row("Лист", 2)
    assert sheet.formula("Лист", 3, 1) == "=B3*2" and sheet.formula("Лист", 3, 3) == "=$B$3+B3"
