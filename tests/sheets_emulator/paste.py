"""copyPaste as Google applies it: the source tiled over the destination, by paste type; relative references
moved with the paste (https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request#copypasterequest,
PasteType: https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request#pastetype).
"""

from __future__ import annotations

import copy

from .formulas import on_sheet
from .grid import ApiError, Spreadsheet, grid_range
from .refs import shift_formula
from .values import Cell, effective


def copy_paste(api, book: Spreadsheet, request: dict) -> dict:
    source, target = request["source"], request["destination"]
    sheet = book.sheet_by_id(source.get("sheetId", 0))
    dest = book.sheet_by_id(target.get("sheetId", 0))
    s_r0, s_c0, s_r1, s_c1 = grid_range(sheet, source)
    d_r0, d_c0, d_r1, d_c1 = grid_range(dest, target)
    if s_r1 > sheet.row_count or s_c1 > sheet.column_count or d_r1 > dest.row_count or d_c1 > dest.column_count:
        raise ApiError(400, "Range exceeds grid limits.")
    height, width = s_r1 - s_r0, s_c1 - s_c0
    if height <= 0 or width <= 0:
        return {}
    # the destination grows to whole copies of the source when it is smaller (Google pastes the source whole)
    d_r1, d_c1 = max(d_r1, d_r0 + height), max(d_c1, d_c0 + width)
    kind = request.get("pasteType", "PASTE_NORMAL")
    snapshot = {(r, c): copy.deepcopy(sheet.cell(r, c)) for r in range(s_r0, s_r1) for c in range(s_c0, s_c1)}
    rules = [v for v in sheet.validations]
    cells = {}
    for r in range(d_r0, d_r1):
        for c in range(d_c0, d_c1):
            sr, sc = s_r0 + (r - d_r0) % height, s_c0 + (c - d_c0) % width
            cells[(r, c)] = (snapshot[(sr, sc)], sr, sc)
    api._refuse_protected(dest, cells)
    for (r, c), (src, sr, sc) in cells.items():
        old = dest.cell(r, c) or Cell()
        new = copy.deepcopy(old)
        src = src or Cell()
        if kind in ("PASTE_NORMAL", "PASTE_VALUES", "PASTE_FORMULA"):
            new.value = src.value
            new.formula = shift_formula(src.formula, r - sr, c - sc) if src.formula else None
            if kind == "PASTE_VALUES" and src.formula:  # the value a formula shows, not the formula
                with on_sheet(sheet):  # the source's references are to the source sheet's cells
                    new.formula, new.value = None, effective(src, None, book.locale)
        if kind in ("PASTE_NORMAL", "PASTE_FORMAT", "PASTE_NO_BORDERS"):
            new.number_format = copy.deepcopy(src.number_format)
            new.other_format = copy.deepcopy(src.other_format)
        dest.put(r, c, new)
        if kind in ("PASTE_NORMAL", "PASTE_FORMAT", "PASTE_NO_BORDERS", "PASTE_DATA_VALIDATION"):
            _paste_rule(dest, rules, sheet.sheet_id, sr, sc, r, c)
    return {}


def _paste_rule(dest, rules: list[dict], source_id: int, sr: int, sc: int, r: int, c: int) -> None:
    for rule in reversed(rules):  # the last rule set over the source cell is the one it has
        rng = rule["range"]
        if rng.get("sheetId", 0) != source_id:
            continue
        r0, c0, r1, c1 = grid_range(dest, rng)
        if r0 <= sr < r1 and c0 <= sc < c1:
            dest.validations.append({"range": {"sheetId": dest.sheet_id, "startRowIndex": r, "endRowIndex": r + 1,
                                               "startColumnIndex": c, "endColumnIndex": c + 1},
                                     "rule": copy.deepcopy(rule.get("rule"))})
            return
