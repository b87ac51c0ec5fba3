"""Write plans that make or rewrite whole tabs on a Google Sheet: the tabs a workbook lacks, and the app's own tab.

Each is one spreadsheets.batchUpdate run by `sheets_writes.run`, like the row writes; neither needs a
verification read, since sending either again gives the same tabs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sheets_schema import TAB_BY_NAME

from .base import OwnedTab, TabLayout
from .rows import row_for_headers
from .sheets_cells import cell_data
from .sheets_writes import JOURNAL, Checked, CheckedPlan, append_cells


class TabsPlan(CheckedPlan):
    """Tabs the workbook lacks, with bold frozen headers, widths and dropdowns, in one request."""

    where = "создание листов"

    def __init__(self, layouts: list[TabLayout], taken: set[int]) -> None:
        self.layouts = layouts
        self.taken = taken

    def check(self, store, after_lost: bool) -> Checked:
        existing = store._metadata(refresh=True)
        new = [lay for lay in self.layouts if lay.name not in existing]
        if not new:
            return Checked(done=True)
        taken = set(existing.values()) | self.taken
        requests, adds = [], []
        for layout in new:
            sheet_id = next(i for i in range(1_000_001, 2_000_000_000, 7919) if i not in taken)
            taken.add(sheet_id)
            adds.append({"addSheet": {"properties": {
                "sheetId": sheet_id, "title": layout.name,
                "gridProperties": {"rowCount": 1000, "columnCount": max(26, len(layout.headers)),
                                   "frozenRowCount": 1}}}})
            requests += _layout_requests(layout, sheet_id)
        return Checked(body={"requests": adds + requests})


def _layout_requests(layout: TabLayout, sheet_id: int) -> list[dict]:
    header = [{"userEnteredValue": {"stringValue": h}, "userEnteredFormat": {"textFormat": {"bold": True}}}
              for h in layout.headers]
    out = [{"updateCells": {"start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 0},
                            "rows": [{"values": header}],
                            "fields": "userEnteredValue,userEnteredFormat.textFormat.bold"}},
           {"updateDimensionProperties": {
               "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": 0,
                         "endIndex": len(layout.headers)},
               "properties": {"pixelSize": layout.width * 8}, "fields": "pixelSize"}}]
    for col, header in enumerate(layout.headers):
        choices = layout.dropdowns.get(header)
        if choices:
            out.append({"setDataValidation": {
                "range": {"sheetId": sheet_id, "startRowIndex": 1, "startColumnIndex": col, "endColumnIndex": col + 1},
                "rule": {"condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": c} for c in choices]},
                         "showCustomUi": True, "strict": False}}})
    return out



class OwnedTabPlan(CheckedPlan):
    """The app's own tab rewritten whole in one request: added if missing, resized, every cell typed, links as
    cell links (no formula), the rest of the tab cleared. Sending it twice gives the same tab, so a lost answer
    is simply sent again."""

    where = "лист приложения"

    def __init__(self, tab: OwnedTab, journal: list[Mapping[str, Any]] = ()) -> None:
        self.tab = tab
        self.journal = list(journal)

    def check(self, store, after_lost: bool) -> Checked:
        tab = self.tab
        ids = store._metadata(refresh=after_lost)
        if after_lost and self.journal:  # the lost answer's entry may be in already: never twice
            self.journal = _not_yet_in(store, self.journal)
        sheet_id = ids.get(tab.name)
        rows, columns = max(len(tab.rows), 1), max((len(r) for r in tab.rows), default=1)
        grid = {"rowCount": rows + 1, "columnCount": columns, "frozenRowCount": tab.frozen_rows}
        if sheet_id is None:
            sheet_id = next(i for i in range(2_000_003, 2_000_000_000, 7919) if i not in set(ids.values()))
            first = {"addSheet": {"properties": {"sheetId": sheet_id, "title": tab.name, "gridProperties": grid}}}
        else:
            first = {"updateSheetProperties": {"properties": {"sheetId": sheet_id, "gridProperties": grid},
                                               "fields": "gridProperties(rowCount,columnCount,frozenRowCount)"}}
        body_rows = [{"values": [self._cell(r, c, v, sheet_ids=ids) for c, v in enumerate(values, 1)]}
                     for r, values in enumerate(tab.rows, 1)]
        requests = [first, {"updateCells": {"range": {"sheetId": sheet_id}, "rows": body_rows,
                                            "fields": "userEnteredValue,userEnteredFormat"}}]
        requests += [{"updateDimensionProperties": {
            "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": i, "endIndex": i + 1},
            "properties": {"pixelSize": width * 7}, "fields": "pixelSize"}} for i, width in enumerate(tab.widths)]
        if self.journal and JOURNAL in ids:  # the entry in the same request (JournaledStore made «Журнал» first)
            headers = store.cached_headers(JOURNAL) or TAB_BY_NAME[JOURNAL].headers
            requests.append(append_cells(ids[JOURNAL], [row_for_headers(headers, e, JOURNAL) for e in self.journal]))
        return Checked(body={"requests": requests})

    def _cell(self, row: int, col: int, value: Any, sheet_ids: Mapping[str, int]) -> dict:
        data, _ = cell_data(value)
        fmt = data.setdefault("userEnteredFormat", {})
        if row in self.tab.bold_rows:
            fmt["textFormat"] = {"bold": True}
        target = self.tab.links.get((row, col))
        if target is not None and target[0] in sheet_ids:
            fmt["textFormat"] = {"link": {"uri": f"#gid={sheet_ids[target[0]]}&range={target[1]}"}}
        return data



def _not_yet_in(store, journal: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The entries «Журнал» does not hold yet (each names its second, its person and what was done)."""
    data = store.fresh(JOURNAL)
    seen = {tuple(str(r.get(h) or "") for h in _ENTRY) for r in data.as_dicts()} if data.exists else set()
    return [e for e in journal if tuple(str(e.get(h) or "") for h in _ENTRY) not in seen]


_ENTRY = ("Когда", "Кто", "Лист", "Действие", "Стало")
