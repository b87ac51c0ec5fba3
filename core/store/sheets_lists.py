"""A Google Sheet's drop-down lists: each cell's `CellData.dataValidation` of condition ONE_OF_LIST (the words in
the rule) or ONE_OF_RANGE (a range, «=Справочники!$A$2:$A$9», read with the values API; a named range is read by its
name, as the values API takes one). A rule is per cell on Google: a column's words are those of its cells' rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gspread.exceptions import APIError

from core.platform.a1 import quoted

from .lists import DropDowns, add, cell_range, name_of, words_of

LIST_FIELDS = "sheets(properties(title),data(startRow,startColumn,rowData(values(dataValidation))))"
_FORMATTED = {"valueRenderOption": "FORMATTED_VALUE"}


def drop_downs(store, tabs: Sequence[str]) -> dict[str, DropDowns]:
    """Tab → 0-based column → its lists' words, for these tabs (present on the sheet). Raises gspread's APIError."""
    if not tabs:
        return {}
    answer = store.http.fetch_sheet_metadata(store.key, params={"ranges": [quoted(t) for t in tabs],
                                                                "fields": LIST_FIELDS})
    rules: dict[str, dict[int, list[dict]]] = {}
    for sheet in answer.get("sheets", []):
        title = sheet["properties"]["title"]
        for part in sheet.get("data", []):
            first_col = part.get("startColumn", 0)
            for row in part.get("rowData", []):
                for c, cell in enumerate(row.get("values", [])):
                    condition = ((cell.get("dataValidation") or {}).get("condition")) or {}
                    if condition.get("type") in ("ONE_OF_LIST", "ONE_OF_RANGE"):
                        kept = rules.setdefault(title, {}).setdefault(first_col + c, [])
                        if condition not in kept:
                            kept.append(condition)
    ranges = sorted({_range_of(cond, tab) for tab, cols in rules.items() for conds in cols.values()
                     for cond in conds if cond["type"] == "ONE_OF_RANGE"} - {None})
    listed = _read_ranges(store, ranges)
    out: dict[str, DropDowns] = {}
    for tab, cols in rules.items():
        found: DropDowns = {}
        for col, conds in sorted(cols.items()):
            for cond in conds:
                words = _words(cond["values"]) if cond["type"] == "ONE_OF_LIST" else listed.get(_range_of(cond, tab), [])
                add(found, [col], words)
        found = {c: w for c, w in found.items() if w}
        if found:
            out[tab] = found
    return out


def _words(values: list[dict]) -> list[str]:
    return words_of(v.get("userEnteredValue") for v in values or [])


def _range_of(condition: dict, tab: str) -> str | None:
    """The A1 range (or named range) the values API reads a ONE_OF_RANGE list from."""
    text = next((v.get("userEnteredValue") for v in condition.get("values") or []), None) or ""
    block = cell_range(text)
    if block is not None:
        return block.a1(tab)
    return name_of(text)


def _read_ranges(store, ranges: list[str]) -> dict[str, list[str]]:
    """Each range's words; a range Google can't read (a named range since deleted) gives none, the others still
    read."""
    if not ranges:
        return {}
    try:
        return _batch(store, ranges)
    except APIError:
        out = {}
        for one in ranges:
            try:
                out.update(_batch(store, [one]))
            except APIError:
                out[one] = []
        return out


def _batch(store, ranges: list[str]) -> dict[str, list[str]]:
    answer = store.http.values_batch_get(store.key, ranges, params=dict(_FORMATTED))
    parts: list[dict[str, Any]] = answer.get("valueRanges", [])
    return {asked: words_of(v for row in part.get("values", []) for v in row)
            for asked, part in zip(ranges, parts, strict=False)}
