"""Columns removed from or added to a Google Sheet's tab, whole (moving the personal columns to the institute's
server and back: core.store.personal_move).

Removing a column by its place is dangerous on a sheet colleagues edit: a column inserted a moment before would take
the place. So the columns are pinned first (developer metadata, which moves with its column; sheets_pins.py) with
the header row read back in the same request — the check that each pin sits on the expected header — and the
removal then puts each pin back exactly where it expects it before deleting, which fails the whole request if a
column moved in between. A lost answer is settled by the pins: they go with their columns.
"""

from __future__ import annotations

from gspread.exceptions import APIError

from core.platform.errors import UnknownColumn
from sheets_schema.base import normalize_header

from . import sheets_pins as pins
from .sheets_cells import cell_data, grid_of
from .sheets_update import PIN_FIELDS
from .sheets_writes import Checked, CheckedPlan, Retry, data_by_tab, header_range, headers


class DropColumnsPlan:
    """The columns of these headers deleted from the tab, all or none."""

    result = None

    def __init__(self, tab: str, names: list[str]) -> None:
        self.tab = tab
        self.names = [normalize_header(h) for h in names]
        self.pins: list[tuple[int, int]] = []  # (metadata id, 0-based column where the removal expects it)
        self.phase = ""
        self.where = f"лист «{tab}», столбцы {', '.join(names)}"

    def landed(self, store) -> bool:
        return self.phase == "drop" and bool(self.pins) and not pins.where(store, [i for i, _ in self.pins])

    def attempt(self, store, after_lost: bool) -> None:
        if after_lost and self.landed(store):
            return
        sheet_id = store.sheet_id(self.tab)
        store.invalidate([self.tab])
        now = {normalize_header(h): i for i, h in enumerate(store.read([self.tab]).tabs[self.tab].headers) if h}
        places = sorted((now[h] for h in self.names if h in now), reverse=True)
        if not places:
            return  # gone already
        self.pins = [(pins.fresh_id(), x) for x in places]
        body = {"requests": [pins.create(i, pins.PIN, "", sheet_id, x, "COLUMNS") for i, x in self.pins],
                "includeSpreadsheetInResponse": True, "responseIncludeGridData": True,
                "responseRanges": [header_range(store, self.tab)]}
        self.phase = "pin"
        answer = store.batch_update(body, PIN_FIELDS)
        grid = grid_of(data_by_tab(answer.get("updatedSpreadsheet", {})).get(self.tab, []), 0)
        names = [normalize_header(h) for h in headers(grid, store.frame_of(self.tab))]
        if any(x >= len(names) or names[x] not in self.names for _, x in self.pins):
            self._unpin(store)
            raise Retry(f"Столбцы листа «{self.tab}» сдвинулись: коллега вставил или удалил столбец.")
        requests = [r for i, x in self.pins for r in pins.guard(i, pins.PIN, sheet_id, x, "COLUMNS")]
        requests += [{"deleteDimension": {"range": pins.span(sheet_id, x, "COLUMNS")}} for _, x in self.pins]
        self.phase = "drop"
        try:
            store.batch_update({"requests": requests})
        except APIError as exc:
            if exc.response.status_code == 400:
                self._unpin(store)
                raise Retry(f"Столбцы листа «{self.tab}» сдвинулись в момент удаления.") from exc
            raise
        finally:
            store.invalidate([self.tab])

    def _unpin(self, store) -> None:
        try:
            store.batch_update({"requests": [pins.delete(i) for i, _ in self.pins]})
        except Exception:  # noqa: BLE001 - a pin left behind is harmless
            pass
        self.pins = []


class AddColumnsPlan(CheckedPlan):
    """Headers added after the last column of the tab's header row (those it lacks); sent again after a lost answer
    only if they are not there."""

    def __init__(self, tab: str, names: list[str]) -> None:
        self.tab = tab
        self.names = list(names)
        self.where = f"лист «{tab}», столбцы {', '.join(names)}"

    def check(self, store, after_lost: bool) -> Checked:
        store.invalidate([self.tab])
        data = store.read([self.tab]).tabs[self.tab]
        if not data.exists:
            raise UnknownColumn(f"В таблице нет листа «{self.tab}»: столбцы добавить некуда.")
        have = {normalize_header(h) for h in data.headers if h}
        new = [h for h in self.names if normalize_header(h) not in have]
        if not new:
            return Checked(done=True)
        sheet_id = store.sheet_id(self.tab)
        start = len(data.headers)
        width = store.grid_sizes.get(self.tab, (0, 0))[1] if hasattr(store, "grid_sizes") else 0
        requests = []
        if start + len(new) > width:
            requests.append({"appendDimension": {"sheetId": sheet_id, "dimension": "COLUMNS",
                                                 "length": start + len(new) - width}})
        row = store.frame_of(self.tab).header_row - 1
        requests.append({"updateCells": {"start": {"sheetId": sheet_id, "rowIndex": row, "columnIndex": start},
                                         "rows": [{"values": [cell_data(h)[0] for h in new]}],
                                         "fields": "userEnteredValue"}})
        return Checked(body={"requests": requests})
