"""The Sheets API v4 endpoints EduDesk and gspread use, answering as Google does (see tests/data/recordings)."""

from __future__ import annotations

import copy
import pickle
import random
from typing import Any
from urllib.parse import unquote

from . import fields as field_mask
from .defaults import DEFAULT_FORMAT, PROTECTED_MESSAGE, THEME
from .formulas import on_sheet
from .grid import (
    ApiError,
    Range,
    Sheet,
    Spreadsheet,
    grid_range,
    parse_range,
    quote_title,
    without_default_id,
)
from .values import Cell, entered, extended_value, formatted, rendered, unformatted

GRID_MASK_KEYS = ("data", "rowData")


def kind_of(method: str, rest: str, query: dict) -> str:
    """A short name for the request, for counting: metadata, grid_get, values_get, batch_update…"""
    if rest == "":
        wants_grid = query.get("includeGridData", ["false"])[0].lower() == "true" or any(
            k in query.get("fields", [""])[0] for k in GRID_MASK_KEYS)
        return "grid_get" if wants_grid else "metadata"
    if rest == ":batchUpdate":
        return "batch_update"
    if rest == "/developerMetadata:search":
        return "metadata_search"
    if rest == "/values:batchGet":
        return "values_batch_get"
    if rest == "/values:batchUpdate":
        return "values_batch_update"
    if rest == "/values:batchClear":
        return "values_batch_clear"
    if rest.startswith("/values/") and rest.endswith(":append"):
        return "values_append"
    if rest.startswith("/values/") and rest.endswith(":clear"):
        return "values_clear"
    if rest.startswith("/values/"):
        return "values_update" if method == "PUT" else "values_get"
    return "unknown"


class SheetsApi:
    def __init__(self) -> None:
        self.books: dict[str, Spreadsheet] = {}
        self.caller = "edudesk@emulator.iam.gserviceaccount.com"
        self.random = random.Random(20261123)
        self.not_shared: set[str] = set()  # spreadsheets that exist but the caller may not open

    # spreadsheets ------------------------------------------------------------------------------
    def create(self, key: str, title: str, locale: str = "en_US") -> Spreadsheet:
        book = Spreadsheet(key, title, locale=locale, sheets=[Sheet(0, "Sheet1")])
        self.books[key] = book
        return book

    def new_sheet_id(self, book: Spreadsheet) -> int:
        taken = {s.sheet_id for s in book.sheets}
        while True:
            candidate = self.random.randrange(1, 2_000_000_000)
            if candidate not in taken:
                return candidate

    # dispatch ----------------------------------------------------------------------------------
    def handle(self, method: str, key: str, rest: str, query: dict, body: dict) -> dict:
        book = self.books.get(key)
        if key in self.not_shared:
            raise ApiError(403, "The caller does not have permission")
        if book is None:
            raise ApiError(404, "Requested entity was not found.")
        kind = kind_of(method, rest, query)
        if kind in ("metadata", "grid_get"):
            return self.get(book, query)
        if kind == "values_get":
            return self.values_get(book, rest[len("/values/"):], query)
        if kind == "values_batch_get":
            return {"spreadsheetId": book.key,
                    "valueRanges": [self.values_get(book, r, query) for r in query.get("ranges", [])]}
        if kind == "values_update":
            return self.values_update(book, rest[len("/values/"):], body, self._input_option(query.get(
                "valueInputOption", [None])[0]))
        if kind == "values_batch_update":
            return self.values_batch_update(book, body)
        if kind == "values_append":
            return self.values_append(book, rest[len("/values/"):-len(":append")], body, query)
        if kind == "values_clear":
            return self.values_clear(book, rest[len("/values/"):-len(":clear")])
        if kind == "values_batch_clear":
            return {"spreadsheetId": book.key,
                    "clearedRanges": [self.values_clear(book, r)["clearedRange"] for r in body.get("ranges", [])]}
        if kind == "batch_update":
            return self.batch_update(book, body, query)
        if kind == "metadata_search":
            return self.search_metadata(book, body)
        raise ApiError(404, "Not found")

    def search_metadata(self, book: Spreadsheet, body: dict) -> dict:
        """spreadsheets.developerMetadata.search with developerMetadataLookup filters: each match once, with the
        filters it matched; no matches → an empty object (Google leaves empty lists out)."""
        from .requests import matcher

        filters = [(f, matcher(f["developerMetadataLookup"])) for f in body.get("dataFilters", [])
                   if "developerMetadataLookup" in f]
        matched = []
        for meta in (m for sheet in book.sheets for m in sheet.metadata):
            hits = [f for f, matches in filters if matches(meta)]
            if hits:
                matched.append({"developerMetadata": copy.deepcopy(meta), "dataFilters": hits})
        return {"matchedDeveloperMetadata": matched} if matched else {}

    @staticmethod
    def _input_option(option: str | None) -> str:
        if option not in ("RAW", "USER_ENTERED"):
            raise ApiError(400, "'valueInputOption' is required but not specified")
        return option

    # metadata and grid data --------------------------------------------------------------------
    def get(self, book: Spreadsheet, query: dict) -> dict:
        mask_text = query.get("fields", [""])[0]
        with_grid = query.get("includeGridData", ["false"])[0].lower() == "true" or any(
            k in mask_text for k in GRID_MASK_KEYS)
        ranges = [parse_range(book, r) for r in query.get("ranges", [])]
        # Google gives each cell's rule, and the rows that hold only rules; those rows are left out where the mask
        # can't show a rule (they would come back as «{}»), which spares the many reads that don't ask for them
        rules = not mask_text or "dataValidation" in mask_text
        answer = self.spreadsheet_json(book, ranges, with_grid, rules)
        return field_mask.apply(answer, field_mask.parse(mask_text)) if mask_text else answer

    def spreadsheet_json(self, book: Spreadsheet, ranges: list[Range], with_grid: bool, rules: bool = False) -> dict:
        sheets = []
        for index, sheet in enumerate(book.sheets):
            mine = [r for r in ranges if r.sheet is sheet]
            if ranges and not mine:
                continue
            item: dict[str, Any] = {"properties": sheet.properties(index)}
            if with_grid:
                item["data"] = [self.grid_data(book, r, rules) for r in (mine or [Range(sheet, 0, 0, None, None)])]
            if sheet.merges:
                item["merges"] = [without_default_id(m) for m in sheet.merges]
            if sheet.protected:
                item["protectedRanges"] = [self._protected_json(p) for p in sheet.protected]
            sheets.append(item)
        return {"spreadsheetId": book.key,
                "properties": {"title": book.title, "locale": book.locale, "autoRecalc": "ON_CHANGE",
                               "timeZone": book.time_zone, "defaultFormat": DEFAULT_FORMAT, "spreadsheetTheme": THEME},
                "sheets": sheets, "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{book.key}/edit"}

    def _protected_json(self, item: dict) -> dict:
        out = {"protectedRangeId": item["protectedRangeId"], "range": without_default_id(item["range"])}
        if item.get("description"):
            out["description"] = item["description"]
        out["requestingUserCanEdit"] = item["requestingUserCanEdit"]
        out["editors"] = {"users": [self.caller]} if item["requestingUserCanEdit"] else {}
        return out

    def grid_data(self, book: Spreadsheet, rng: Range, rules: bool = False) -> dict:
        with on_sheet(rng.sheet):  # its formulas' references are to its cells
            return self._grid_data(book, rng, rules)

    def _grid_data(self, book: Spreadsheet, rng: Range, rules: bool = False) -> dict:
        row0, col0, row_end, col_end = rng.bounded()
        sheet = rng.sheet
        last, ruled = len(sheet.rows), 0
        if rules and sheet.validations:
            last = max(last, sheet.validated_rows(col0, col_end))
            ruled = min(max(grid_range(sheet, v["range"])[3] for v in sheet.validations), sheet.column_count)
        rows = []
        for r in range(row0, min(row_end, last)):  # rows past the data (and the rules) have nothing to say
            line = sheet.rows[r] if r < len(sheet.rows) else []
            cells = []
            for c in range(col0, min(col_end, max(len(line), ruled))):
                cell = line[c] if c < len(line) else None
                out = self.cell_json(book, cell) if cell is not None else {}
                rule = sheet.rule_at(r, c) if ruled else None
                if rule is not None:
                    out["dataValidation"] = copy.deepcopy(rule)
                cells.append(out)
            while cells and not cells[-1]:
                cells.pop()
            rows.append({"values": cells} if cells else {})
        while rows and not rows[-1]:
            rows.pop()
        data: dict[str, Any] = {}
        if row0:
            data["startRow"] = row0
        if col0:
            data["startColumn"] = col0
        data["rowData"] = rows
        data["rowMetadata"] = [{"pixelSize": 21} for _ in range(row0, row_end)]
        data["columnMetadata"] = [{"pixelSize": 100} for _ in range(col0, col_end)]
        return data

    def cell_json(self, book: Spreadsheet, cell: Cell) -> dict:
        out: dict[str, Any] = {}
        if cell.formula is not None:
            out["userEnteredValue"] = {"formulaValue": cell.formula}
        elif cell.value not in (None, ""):
            out["userEnteredValue"] = extended_value(cell.value)
        if cell.has_value():
            value = unformatted(cell, "SERIAL_NUMBER", book.locale)
            out["effectiveValue"] = extended_value(_effective_for_json(cell, value, book.locale))
            out["formattedValue"] = formatted(cell, book.locale)
        user_format = dict(cell.other_format)
        if cell.number_format:
            user_format["numberFormat"] = cell.number_format
        if user_format:
            out["userEnteredFormat"] = user_format
        if cell.has_value() or user_format:
            out["effectiveFormat"] = {**DEFAULT_FORMAT, **user_format}  # answers are only serialised, never changed
        link = ((cell.other_format.get("textFormat") or {}).get("link") or {}).get("uri")
        if link and cell.has_value():  # a cell-wide link is also given as CellData.hyperlink
            out["hyperlink"] = link
        if cell.note:
            out["note"] = cell.note
        if cell.runs and isinstance(cell.value, str) and cell.formula is None:  # runs are only valid on strings
            out["textFormatRuns"] = cell.runs
        return out

    # values ------------------------------------------------------------------------------------
    def values_get(self, book: Spreadsheet, text: str, query: dict) -> dict:
        with on_sheet(parse_range(book, text).sheet):
            return self._values_get(book, text, query)

    def _values_get(self, book: Spreadsheet, text: str, query: dict) -> dict:
        rng = parse_range(book, text)
        value_option = query.get("valueRenderOption", ["FORMATTED_VALUE"])[0]
        date_option = query.get("dateTimeRenderOption", ["SERIAL_NUMBER"])[0]
        row0, col0, row_end, col_end = rng.bounded()
        values = []
        rows = rng.sheet.rows
        for r in range(row0, min(row_end, len(rows))):  # past the last row and a row's last cell all is ""
            cells = rows[r]
            line = [rendered(cells[c], value_option, date_option, book.locale)
                    for c in range(col0, min(col_end, len(cells)))]
            while line and line[-1] == "":
                line.pop()
            values.append(line)
        while values and not values[-1]:
            values.pop()
        if query.get("majorDimension", ["ROWS"])[0] == "COLUMNS":
            width = max((len(v) for v in values), default=0)
            values = [[row[c] if c < len(row) else "" for row in values] for c in range(width)]
        answer = {"range": rng.a1(), "majorDimension": query.get("majorDimension", ["ROWS"])[0]}
        if values:
            answer["values"] = values
        return answer

    def _write_values(self, book: Spreadsheet, rng: Range, values: list[list[Any]], option: str) -> dict:
        cells = {}
        for r, line in enumerate(values):
            for c, value in enumerate(line):
                cell = entered(value, option, book.locale)
                if cell is not None:
                    cells[(rng.row0 + r, rng.col0 + c)] = cell
        self._refuse_protected(rng.sheet, cells)
        for (r, c), cell in cells.items():
            old = rng.sheet.cell(r, c)
            if old is not None:  # formats stay with the cell; a typed date or percent brings its own
                cell.number_format = cell.number_format or old.number_format
                cell.other_format = old.other_format
            rng.sheet.put(r, c, cell)
        height = len(values)
        width = max((len(v) for v in values), default=0)
        end = Range(rng.sheet, rng.row0, rng.col0, rng.row0 + max(height, 1), rng.col0 + max(width, 1),
                    single=height <= 1 and width <= 1)
        return {"spreadsheetId": book.key, "updatedRange": end.a1(),
                "updatedRows": len({r for r, _ in cells}), "updatedColumns": len({c for _, c in cells}),
                "updatedCells": len(cells), "_cells": set(cells)}

    def values_update(self, book: Spreadsheet, text: str, body: dict, option: str) -> dict:
        answer = self._write_values(book, parse_range(book, text), _major(body), option)
        answer.pop("_cells")
        return answer

    def values_batch_update(self, book: Spreadsheet, body: dict) -> dict:
        option = self._input_option(body.get("valueInputOption"))
        responses, touched = [], set()
        for item in body.get("data", []):
            rng = parse_range(book, item["range"])
            answer = self._write_values(book, rng, _major(item), option)
            touched |= {(rng.sheet.sheet_id, r, c) for r, c in answer.pop("_cells")}
            responses.append(answer)
        return {"spreadsheetId": book.key, "totalUpdatedRows": len({(s, r) for s, r, _ in touched}),
                "totalUpdatedColumns": len({(s, c) for s, _, c in touched}), "totalUpdatedCells": len(touched),
                "totalUpdatedSheets": len({s for s, _, _ in touched}), "responses": responses}

    def values_append(self, book: Spreadsheet, text: str, body: dict, query: dict) -> dict:
        option = self._input_option(query.get("valueInputOption", [None])[0])
        rng = parse_range(book, text)
        values = _major(body)
        table = find_table(rng)
        answer: dict[str, Any] = {"spreadsheetId": book.key}
        if table is None:
            row, col = rng.row0, rng.col0
        else:
            t_row0, t_col0, t_row_end, t_col_end = table
            answer["tableRange"] = Range(rng.sheet, t_row0, t_col0, t_row_end, t_col_end,
                                         single=t_row_end - t_row0 == 1 and t_col_end - t_col0 == 1).a1()
            row, col = t_row_end, t_col0
        if query.get("insertDataOption", ["OVERWRITE"])[0] == "INSERT_ROWS" and values:
            book.insert(rng.sheet, "ROWS", row, len(values))
        target = Range(rng.sheet, row, col, None, None)
        updates = self._write_values(book, target, values, option)
        updates.pop("_cells")
        answer["updates"] = updates
        return answer

    def values_clear(self, book: Spreadsheet, text: str) -> dict:
        rng = parse_range(book, text)
        row0, col0, row_end, col_end = rng.bounded()
        for r in range(row0, min(row_end, len(rng.sheet.rows))):
            for c in range(col0, min(col_end, len(rng.sheet.rows[r]))):
                cell = rng.sheet.rows[r][c]
                if cell is not None:
                    cell.value, cell.formula = None, None
        return {"spreadsheetId": book.key, "clearedRange": Range(rng.sheet, row0, col0, row_end, col_end).a1()}

    def _refuse_protected(self, sheet: Sheet, cells) -> None:
        for item in sheet.protected:
            if item["requestingUserCanEdit"]:
                continue
            r0, c0, r1, c1 = grid_range(sheet, item["range"])
            if any(r0 <= r < r1 and c0 <= c < c1 for r, c in cells):
                raise ApiError(400, PROTECTED_MESSAGE)

    # spreadsheets.batchUpdate ------------------------------------------------------------------
    def batch_update(self, book: Spreadsheet, body: dict, query: dict) -> dict:
        from .requests import apply_request

        # the book as it was, to put back if a request fails: pickled now, unpickled only then (a pickle round trip is
        # a deep copy at half the cost, and most batches succeed)
        saved = pickle.dumps(book, protocol=pickle.HIGHEST_PROTOCOL)
        replies = []
        try:
            for index, request in enumerate(body.get("requests", [])):
                name = next(iter(request))
                try:
                    replies.append(apply_request(self, book, name, request[name]))
                except ApiError as exc:
                    if exc.code == 400 and exc.body["error"]["message"] != PROTECTED_MESSAGE:
                        exc.body["error"]["message"] = f"Invalid requests[{index}].{name}: {exc.body['error']['message']}"
                    raise
        except Exception:
            book.__dict__.update(pickle.loads(saved).__dict__)  # all or nothing, as Google applies a batchUpdate
            raise
        answer: dict[str, Any] = {"spreadsheetId": book.key, "replies": replies}
        if body.get("includeSpreadsheetInResponse"):
            ranges = [parse_range(book, r) for r in body.get("responseRanges", [])]
            answer["updatedSpreadsheet"] = self.spreadsheet_json(book, ranges, bool(body.get("responseIncludeGridData")))
        mask_text = query.get("fields", [""])[0]
        return field_mask.apply(answer, field_mask.parse(mask_text)) if mask_text else answer


def _effective_for_json(cell: Cell, value: Any, locale: str) -> Any:
    from .values import ErrorValue, effective

    raw = effective(cell, None, locale)
    return raw if isinstance(raw, ErrorValue) else value


def _major(body: dict) -> list[list[Any]]:
    values = body.get("values") or []
    if body.get("majorDimension") == "COLUMNS":
        height = max((len(v) for v in values), default=0)
        return [[col[r] if r < len(col) else None for col in values] for r in range(height)]
    return values


def find_table(rng: Range) -> tuple[int, int, int, int] | None:
    """values:append's table: the region of filled cells around the first filled cell of the range.

    As Google does it, the region grows while any cell touching its edge (diagonals too) holds a value;
    new rows go below it, from its first column. An empty range has no table.
    """
    sheet = rng.sheet
    row0, col0, row_end, col_end = rng.bounded()
    start = next(((r, c) for r in range(row0, min(row_end, len(sheet.rows)))
                  for c in range(col0, min(col_end, len(sheet.rows[r]))) if sheet.has_value(r, c)), None)
    if start is None:
        return None
    seen: set[tuple[int, int]] = set()
    box = [start[0], start[1], start[0] + 1, start[1] + 1]
    pending = [start]
    while pending:
        _flood(sheet, pending, seen, box)
        top, left, bottom, right = box
        ring = [(r, c) for r in range(max(top - 1, 0), bottom + 1) for c in (left - 1, right) if c >= 0]
        ring += [(r, c) for c in range(max(left - 1, 0), right + 1) for r in (top - 1, bottom) if r >= 0]
        ring += [(r, c) for r in range(top, bottom) for c in range(left, right)]
        pending = [p for p in ring if p not in seen and sheet.has_value(*p)]
    return tuple(box)


def _flood(sheet: Sheet, pending: list[tuple[int, int]], seen: set, box: list[int]) -> None:
    while pending:
        r, c = pending.pop()
        if (r, c) in seen:
            continue
        seen.add((r, c))
        box[0], box[1] = min(box[0], r), min(box[1], c)
        box[2], box[3] = max(box[2], r + 1), max(box[3], c + 1)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                nr, nc = r + dr, c + dc
                if nr >= 0 and nc >= 0 and (nr, nc) not in seen and sheet.has_value(nr, nc):
                    pending.append((nr, nc))


def unquote_rest(path_rest: str) -> str:
    return unquote(path_rest)


__all__ = ["ApiError", "SheetsApi", "find_table", "kind_of", "quote_title"]
