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
