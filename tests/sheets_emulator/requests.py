"""spreadsheets.batchUpdate requests: sheets, dimensions, typed cells, validation, protection."""

from __future__ import annotations

import copy
from typing import Any

from .grid import ApiError, Sheet, Spreadsheet, grid_range, without_default_id
from .paste import copy_paste
from .values import Cell


def apply_request(api, book: Spreadsheet, name: str, request: dict) -> dict:
    handler = _HANDLERS.get(name)
    if handler is None:
        raise ApiError(400, f"Unknown request: {name}")
    return handler(api, book, request)


def _add_sheet(api, book: Spreadsheet, request: dict) -> dict:
    props = request.get("properties", {})
    title = props.get("title") or f"Sheet{len(book.sheets) + 1}"
    if any(s.title.lower() == title.lower() for s in book.sheets):
        raise ApiError(400, f'A sheet with the name "{title}" already exists. Please enter another name.')
    sheet_id = props.get("sheetId")
    if sheet_id is None:
        sheet_id = api.new_sheet_id(book)
    elif any(s.sheet_id == sheet_id for s in book.sheets):
        raise ApiError(400, f"Sheet with id {sheet_id} already exists.")
    grid = props.get("gridProperties", {})
    sheet = Sheet(sheet_id, title, grid.get("rowCount", 1000), grid.get("columnCount", 26),
                  frozen_rows=grid.get("frozenRowCount", 0))
    index = props.get("index", len(book.sheets))
    book.sheets.insert(index, sheet)
    return {"addSheet": {"properties": sheet.properties(book.sheets.index(sheet))}}


def _delete_sheet(api, book: Spreadsheet, request: dict) -> dict:
    book.sheets.remove(book.sheet_by_id(request["sheetId"]))
    return {}


def _paths(fields: str) -> list[str]:
    """A FieldMask as dotted paths. Google reads update masks with the syntax of read masks: subfields dot- or
    slash-separated, and «several subfields of the same type listed within parentheses» (guides/field-masks):
    «gridProperties(rowCount,columnCount)» is «gridProperties.rowCount,gridProperties.columnCount»."""
    paths, stack, current = [], [], ""
    for ch in fields.replace("/", ".") + ",":
        if ch == "(":
            stack.append(current.strip())
            current = ""
        elif ch in ",)":
            if current.strip():
                paths.append(".".join([*stack, current.strip()]))
            current = ""
            if ch == ")":
                stack.pop()
        else:
            current += ch
    return paths


def _update_sheet_properties(api, book: Spreadsheet, request: dict) -> dict:
    props = request["properties"]
    sheet = book.sheet_by_id(props.get("sheetId", 0))
    for path in _paths(request["fields"]):
        if path == "title":
            if any(s is not sheet and s.title.lower() == props["title"].lower() for s in book.sheets):
                raise ApiError(400, f'A sheet with the name "{props["title"]}" already exists. '
                                    "Please enter another name.")
            sheet.title = props["title"]
        elif path == "gridProperties.rowCount":
            sheet.resize(props["gridProperties"]["rowCount"], None)
        elif path == "gridProperties.columnCount":
            sheet.resize(None, props["gridProperties"]["columnCount"])
        elif path == "gridProperties.frozenRowCount":
            sheet.frozen_rows = props["gridProperties"].get("frozenRowCount", 0)
    return {}


def _update_spreadsheet_properties(api, book: Spreadsheet, request: dict) -> dict:
    props = request["properties"]
    for path in _paths(request["fields"]):
        if path == "timeZone":
            book.time_zone = props["timeZone"]
        elif path == "locale":
            book.locale = props["locale"]
        elif path == "title":
            book.title = props["title"]
    return {}


def _insert_dimension(api, book: Spreadsheet, request: dict) -> dict:
    """New rows or columns take the formats of the one before them (inheritFromBefore) or after them; values,
    formulas and validation are not inherited."""
    rng = request["range"]
    sheet = book.sheet_by_id(rng.get("sheetId", 0))
    start, end = rng.get("startIndex", 0), rng["endIndex"]
    before = bool(request.get("inheritFromBefore"))
    if before and start == 0:
        raise ApiError(400, "Cannot inherit from before when inserting at index 0.")
    book.insert(sheet, rng["dimension"], start, end - start)
    if rng["dimension"] == "ROWS":
        model = start - 1 if before else end
        width = len(sheet.rows[model]) if 0 <= model < len(sheet.rows) else 0
        for c in range(width):
            cell = sheet.cell(model, c)
            if cell is not None and (cell.number_format or cell.other_format):
                for r in range(start, end):
                    sheet.put(r, c, Cell(number_format=copy.deepcopy(cell.number_format),
                                         other_format=copy.deepcopy(cell.other_format)))
    return {}


def _append_dimension(api, book: Spreadsheet, request: dict) -> dict:
    sheet = book.sheet_by_id(request.get("sheetId", 0))
    at = sheet.row_count if request["dimension"] == "ROWS" else sheet.column_count
    book.insert(sheet, request["dimension"], at, request["length"])
    return {}


def _delete_dimension(api, book: Spreadsheet, request: dict) -> dict:
    rng = request["range"]
    sheet = book.sheet_by_id(rng.get("sheetId", 0))
    book.delete(sheet, rng["dimension"], rng.get("startIndex", 0), rng["endIndex"])
    return {}


def _apply_cell(target: Cell | None, data: dict, paths: list[str]) -> Cell:
    """Set the parts of a cell that `fields` names from a CellData object."""
    cell = copy.deepcopy(target) if target is not None else Cell()
    for path in paths:
        if path in ("*", "userEnteredValue"):
            value = data.get("userEnteredValue") or {}
            cell.formula = value.get("formulaValue")
            cell.value = next((value[k] for k in ("stringValue", "numberValue", "boolValue") if k in value), None)
            if "textFormatRuns" not in paths:  # «When writing a new user_entered_value, previous runs are erased»
                cell.runs = copy.deepcopy(data.get("textFormatRuns")) or None if path == "*" else None
        elif path == "textFormatRuns":  # «When writing, the new runs will overwrite any prior runs»
            cell.runs = copy.deepcopy(data.get("textFormatRuns")) or None
        if path in ("*", "userEnteredFormat"):
            fmt = copy.deepcopy(data.get("userEnteredFormat") or {})
            cell.number_format = fmt.pop("numberFormat", None)
            cell.other_format = fmt
        elif path.startswith("userEnteredFormat."):
            part = path.split(".", 1)[1]
            source = data.get("userEnteredFormat") or {}
            if part == "numberFormat":
                cell.number_format = copy.deepcopy(source.get("numberFormat"))
            else:
                _set_path(cell.other_format, part.split("."), _get_path(source, part.split(".")))
        if path in ("*", "note"):
            cell.note = data.get("note")
    return cell


def _get_path(obj: dict, parts: list[str]) -> Any:
    for part in parts:
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    return copy.deepcopy(obj)


def _set_path(obj: dict, parts: list[str], value: Any) -> None:
    for part in parts[:-1]:
        obj = obj.setdefault(part, {})
    if value is None:
        obj.pop(parts[-1], None)
    else:
        obj[parts[-1]] = value


def _write_rows(api, sheet: Sheet, row0: int, col0: int, rows: list[dict], paths: list[str]) -> None:
    cells = {}
    for r, row in enumerate(rows):
        for c, data in enumerate(row.get("values", [])):
            cells[(row0 + r, col0 + c)] = data
    api._refuse_protected(sheet, cells)
    for (r, c), data in cells.items():
        sheet.put(r, c, _apply_cell(sheet.cell(r, c), data, paths))


def _update_cells(api, book: Spreadsheet, request: dict) -> dict:
    if "start" in request:
        start = request["start"]
        sheet = book.sheet_by_id(start.get("sheetId", 0))
        row0, col0 = start.get("rowIndex", 0), start.get("columnIndex", 0)
    else:
        sheet = book.sheet_by_id(request["range"].get("sheetId", 0))
        row0, col0, _, _ = grid_range(sheet, request["range"])
    _write_rows(api, sheet, row0, col0, request.get("rows", []), _paths(request["fields"]))
    return {}


def _append_cells(api, book: Spreadsheet, request: dict) -> dict:
    sheet = book.sheet_by_id(request.get("sheetId", 0))
    rows = request.get("rows", [])
    start = sheet.last_row_with_data()
    if start + len(rows) > sheet.row_count:
        sheet.row_count = start + len(rows)
    _write_rows(api, sheet, start, 0, rows, _paths(request["fields"]))
    return {}


def _repeat_cell(api, book: Spreadsheet, request: dict) -> dict:
    sheet = book.sheet_by_id(request["range"].get("sheetId", 0))
    row0, col0, row_end, col_end = grid_range(sheet, request["range"])
    paths = _paths(request["fields"])
    for r in range(row0, min(row_end, sheet.row_count)):
        for c in range(col0, min(col_end, sheet.column_count)):
            if sheet.cell(r, c) is not None or r < len(sheet.rows):
                sheet.put(r, c, _apply_cell(sheet.cell(r, c), request["cell"], paths))
    return {}


def _set_data_validation(api, book: Spreadsheet, request: dict) -> dict:
    sheet = book.sheet_by_id(request["range"].get("sheetId", 0))
    sheet.validations.append(copy.deepcopy(request))
    return {}


def _update_dimension_properties(api, book: Spreadsheet, request: dict) -> dict:
    sheet = book.sheet_by_id(request["range"].get("sheetId", 0))
    sheet.dimension_requests.append(copy.deepcopy(request))
    return {}


def _merge_cells(api, book: Spreadsheet, request: dict) -> dict:
    sheet = book.sheet_by_id(request["range"].get("sheetId", 0))
    r0, c0, r1, c1 = grid_range(sheet, request["range"])
    kind = request.get("mergeType", "MERGE_ALL")
    if kind == "MERGE_COLUMNS":  # each column of the range becomes one merge
        pieces = [(r0, c, r1, c + 1) for c in range(c0, c1)]
    elif kind == "MERGE_ROWS":  # each row of the range becomes one merge
        pieces = [(r, c0, r + 1, c1) for r in range(r0, r1)]
    else:
        pieces = [(r0, c0, r1, c1)]
    for a, b, c, d in pieces:
        sheet.merges.append({"sheetId": sheet.sheet_id, "startRowIndex": a, "endRowIndex": c,
                             "startColumnIndex": b, "endColumnIndex": d})
    return {}


def _unmerge_cells(api, book: Spreadsheet, request: dict) -> dict:
    sheet = book.sheet_by_id(request["range"].get("sheetId", 0))
    r0, c0, r1, c1 = grid_range(sheet, request["range"])
    sheet.merges = [m for m in sheet.merges if not (r0 <= m["startRowIndex"] and m["endRowIndex"] <= r1
                                                    and c0 <= m["startColumnIndex"] and m["endColumnIndex"] <= c1)]
    return {}


def _add_protected_range(api, book: Spreadsheet, request: dict) -> dict:
    protected = request["protectedRange"]
    sheet = book.sheet_by_id(protected["range"].get("sheetId", 0))
    item = {"protectedRangeId": api.random.randrange(1, 2_000_000_000), "range": dict(protected["range"]),
            "description": protected.get("description"), "requestingUserCanEdit": True}
    sheet.protected.append(item)
    editors = {k: v for k, v in (protected.get("editors") or {}).items() if v}
    reply = {"protectedRangeId": item["protectedRangeId"], "range": without_default_id(item["range"])}
    if item["description"]:
        reply["description"] = item["description"]
    reply.update({"requestingUserCanEdit": True, "editors": editors})
    return {"addProtectedRange": {"protectedRange": reply}}


def _create_developer_metadata(api, book: Spreadsheet, request: dict) -> dict:
    """DeveloperMetadata on a sheet or one row or column (spreadsheets.developerMetadata; batchUpdate
    CreateDeveloperMetadataRequest): a key and a visibility are required; a dimension range must be one row or column;
    the server sets locationType and, when not given, a positive metadataId."""
    meta = copy.deepcopy(request.get("developerMetadata", {}))
    if not meta.get("metadataKey"):
        raise ApiError(400, "Developer metadata must have a key.")
    if meta.get("visibility") not in ("DOCUMENT", "PROJECT"):
        raise ApiError(400, "Developer metadata must have a visibility.")
    location = meta.setdefault("location", {})
    span = location.get("dimensionRange")
    if span is not None:
        sheet = book.sheet_by_id(span.get("sheetId", 0))
        span.setdefault("startIndex", 0)
        if span.get("endIndex", 0) - span["startIndex"] != 1:
            raise ApiError(400, "Developer metadata may only be associated with a single row or column.")
        limit = sheet.row_count if span.get("dimension") == "ROWS" else sheet.column_count
        if span["startIndex"] >= limit:
            raise ApiError(400, "Range exceeds grid limits.")
        location["locationType"] = "COLUMN" if span.get("dimension") == "COLUMNS" else "ROW"
    elif "sheetId" in location:
        sheet = book.sheet_by_id(location["sheetId"])
        location["locationType"] = "SHEET"
    else:
        raise ApiError(400, "Developer metadata location is required.")
    if meta.get("metadataId") in {m["metadataId"] for s in book.sheets for m in s.metadata}:
        raise ApiError(400, f"Developer metadata with ID {meta['metadataId']} already exists.")
    meta.setdefault("metadataId", api.random.randrange(1, 2_000_000_000))
    sheet.metadata.append(meta)
    return {"createDeveloperMetadata": {"developerMetadata": copy.deepcopy(meta)}}


def metadata_matches(meta: dict, lookup: dict) -> bool:
    """A DeveloperMetadataLookup: every field it gives must match; a metadataLocation matches the exact row or
    column with EXACT_LOCATION, and any location intersecting it otherwise (the reference's default)."""
    for key in ("metadataKey", "metadataValue", "metadataId", "visibility"):
        if key in lookup and meta.get(key) != lookup[key]:
            return False
    if "locationType" in lookup and meta.get("location", {}).get("locationType") != lookup["locationType"]:
        return False
    where = lookup.get("metadataLocation")
    if where is None:
        return True
    mine = meta.get("location", {})
    if "dimensionRange" in where:
        span, wanted = mine.get("dimensionRange"), where["dimensionRange"]
        if span is None or span.get("sheetId", 0) != wanted.get("sheetId", 0) or \
                span.get("dimension") != wanted.get("dimension"):
            return False
        a0, a1 = span.get("startIndex", 0), span["endIndex"]
        b0, b1 = wanted.get("startIndex", 0), wanted["endIndex"]
        if lookup.get("locationMatchingStrategy") == "EXACT_LOCATION":
            return (a0, a1) == (b0, b1)
        return a0 < b1 and b0 < a1
    if "sheetId" in where:
        return mine.get("sheetId", (mine.get("dimensionRange") or {}).get("sheetId")) == where["sheetId"] and (
            lookup.get("locationMatchingStrategy") != "EXACT_LOCATION" or "sheetId" in mine)
    return bool(where.get("spreadsheet")) and bool(mine.get("spreadsheet"))


def matcher(lookup: dict):
    """metadata_matches for one lookup, its plain fields compared first: a book holds thousands of metadata (a pin
    on each row written), and most differ from the lookup in its id or value."""
    plain = [(key, lookup[key]) for key in ("metadataId", "metadataValue", "metadataKey") if key in lookup]

    def matches(meta: dict) -> bool:
        for key, value in plain:
            if meta.get(key) != value:
                return False
        return metadata_matches(meta, lookup)

    return matches


def _delete_developer_metadata(api, book: Spreadsheet, request: dict) -> dict:
    lookup = request.get("dataFilter", {}).get("developerMetadataLookup")
    if not lookup:
        raise ApiError(400, "DeleteDeveloperMetadataRequest needs a dataFilter with a developerMetadataLookup.")
    deleted = []
    matches, wanted = matcher(lookup), lookup.get("metadataId")
    for sheet in book.sheets:
        if wanted is not None:  # one id: found by a plain comparison, the rest of the lookup checked on it alone
            hits = [m for m in sheet.metadata if m.get("metadataId") == wanted and metadata_matches(m, lookup)]
        else:
            hits = [m for m in sheet.metadata if matches(m)]
        if hits:
            gone = {id(m) for m in hits}
            sheet.metadata = [m for m in sheet.metadata if id(m) not in gone]
            deleted += hits
    return {"deleteDeveloperMetadata": {"deletedDeveloperMetadata": deleted}} if deleted else {
        "deleteDeveloperMetadata": {}}


_HANDLERS = {
    "addSheet": _add_sheet, "deleteSheet": _delete_sheet, "updateSheetProperties": _update_sheet_properties,
    "updateSpreadsheetProperties": _update_spreadsheet_properties, "insertDimension": _insert_dimension,
    "deleteDimension": _delete_dimension, "updateCells": _update_cells, "appendCells": _append_cells,
    "repeatCell": _repeat_cell, "setDataValidation": _set_data_validation,
    "updateDimensionProperties": _update_dimension_properties, "mergeCells": _merge_cells,
    "unmergeCells": _unmerge_cells, "addProtectedRange": _add_protected_range,
    "createDeveloperMetadata": _create_developer_metadata, "deleteDeveloperMetadata": _delete_developer_metadata,
    "copyPaste": copy_paste, "appendDimension": _append_dimension,
}
