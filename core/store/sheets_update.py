"""Changed cells of records on a shared Google Sheet, written into the record itself even when colleagues insert
or delete rows at the same moment.

Two requests. The first pins each record's row and the row below it (sheets_pins.py) and reads them back in
the same batchUpdate: what the answer shows is the row the pins are on, so the check that the record is still
as the page showed it (`compare`) is a check of the pinned row. If the record moved before that, it is found
again by its key. The second request is the write: it first puts each pin back exactly where it expects it —
which fails the whole request if a colleague moved the row meanwhile (then the pins are found again and the
write retried) — then the cells, the «Журнал» entry, and the pins' removal, all or nothing. The columns written
are pinned the same way, so a column a colleague inserts in that moment never takes the value.

A lost answer to the write is settled by the pins: the write removes them, so pins still there mean it was not
applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gspread.exceptions import APIError

from core.platform.a1 import column_letter, quoted
from core.platform.errors import ConcurrentEditError, RowNotFound, UnknownColumn
from sheets_schema.base import normalize_header

from . import sheets_pins as pins
from .base import RowSnapshot, canonical, plain_value
from .rows import compare, position_of, row_for_headers
from .sheets_cells import CHECK_FIELDS, cell_for, grid_of, raw_rows
from .sheets_writes import (
    JOURNAL,
    Retry,
    append_cells,
    data_by_tab,
    header_range,
    headers,
    headers_in,
    read,
)
from .typed import resolve_row

PIN_FIELDS = f"updatedSpreadsheet({CHECK_FIELDS})"


class UpdatePlan:
    """Changed cells of rows found by key, each checked again right before the write; the journal entry with it."""

    def __init__(self, key_header: str, updates: list[tuple[RowSnapshot, Mapping[str, Any]]],
                 journal: list[Mapping[str, Any]]) -> None:
        self.key_header = key_header
        self.updates = updates
        self.journal = journal
        self.journal_headers: list[str] = []
        self.tab = updates[0][0].tab
        self.rows = [seen.row for seen, _ in updates]  # where each record is now (1-based), found again if moved
        self.written = list(dict.fromkeys(normalize_header(h) for _, changes in updates for h in changes))
        self.columns: dict[str, int] | None = None  # where each written column is now (0-based)
        self.pins: list[tuple[int, str, int]] = []  # (id, "ROWS"/"COLUMNS", where the write expects it)
        self.phase = ""  # the request of the last attempt: "pin" or "write"
        self.grow = False  # a pin's neighbour row or column is past the grid: one is added for it
        self.result = None
        self.where = f"лист «{self.tab}», строки {', '.join(str(s.row) for s, _ in updates)}"

    def landed(self, store) -> bool:
        if self.phase != "write" or not self.pins:
            return False
        return not pins.where(store, [i for i, _d, _x in self.pins])

    def attempt(self, store, after_lost: bool) -> None:
        if after_lost and self.landed(store):
            return None
        sheet_id = store.sheet_id(self.tab)
        names, rows, cells = self._pin(store, sheet_id)
        try:
            states = [compare(seen, changes, self.key_header, names, row)
                      for (seen, changes), row in zip(self.updates, rows, strict=True)]
        except Exception:
            self._unpin(store)
            raise
        if "applied" in states:
            self._unpin(store)
            if "same" in states:
                raise ConcurrentEditError(f"Часть строк листа «{self.tab}» уже изменена так же кем-то другим. "
                                          "Ничего не записано: обновите данные и повторите.")
            return None
        self._write(store, sheet_id, cells)
        return None

    # the first request: pins, and the rows and header they are on -----------------------------------------------
    def _expected_columns(self, store) -> dict[str, int] | None:
        if self.columns is None:
            cached = getattr(store, "cached_headers", lambda _tab: None)(self.tab)
            known = position_of(cached or [])
            self.columns = {h: known[h] for h in self.written} if all(h in known for h in self.written) else None
        return self.columns

    def _pin(self, store, sheet_id: int) -> tuple[list[str], list[list[Any]], list[list[dict]]]:
        frame = store.frame_of(self.tab)
        requests = [pins.delete(i) for i, _d, _x in self.pins]  # an earlier attempt's, if any
        columns = self._expected_columns(store)
        places = [("ROWS", r - 1) for r in self.rows] + [("COLUMNS", c) for c in (columns or {}).values()]
        height, width = getattr(store, "grid_sizes", {}).get(self.tab, (0, 0))
        if self.grow or any(d == "ROWS" and x + 1 >= height for d, x in places):
            requests.append({"appendDimension": {"sheetId": sheet_id, "dimension": "ROWS", "length": 1}})
        if self.grow or any(d == "COLUMNS" and x + 1 >= width for d, x in places):
            requests.append({"appendDimension": {"sheetId": sheet_id, "dimension": "COLUMNS", "length": 1}})
        # each row and column written gets a pin, and so does its neighbour after it: that one moves onto the
        # written one's place if a colleague deletes it
        self.pins = [(pins.fresh_id(), d, x + k) for d, x in places for k in (0, 1)]
        requests += [pins.create(i, pins.PIN, "", sheet_id, x, d) for i, d, x in self.pins]
        ranges = [header_range(store, self.tab)] + [f"{quoted(self.tab)}!{r}:{r}" for r in self.rows]
        if self.journal:
            ranges.append(header_range(store, JOURNAL))
        body = {"requests": requests, "includeSpreadsheetInResponse": True, "responseIncludeGridData": True,
                "responseRanges": ranges}
        self.phase = "pin"
        try:
            answer = store.batch_update(body, PIN_FIELDS)
        except APIError as exc:
            if exc.response.status_code == 400 and not self.grow:  # a neighbour past the grid (sizes not yet known)
                self.grow, self.pins = True, []
                raise Retry("Запись у края листа: нужна строка или столбец рядом.") from exc
            raise
        data = data_by_tab(answer.get("updatedSpreadsheet", {}))
        grid, raw = grid_of(data.get(self.tab, []), 0), raw_rows(data.get(self.tab, []))
        names = headers(grid, frame)
        self.journal_headers = headers_in(store, data, JOURNAL) if self.journal else []
        now = position_of(names)
        if columns is None or any(now.get(h) != c for h, c in columns.items()):
            self._unpin(store)
            self.columns = {h: now[h] for h in self.written if h in now} if all(h in now for h in self.written) \
                else None
            if self.columns is None:
                missing = next(h for (_s, changes) in self.updates for h in changes if normalize_header(h) not in now)
                raise UnknownColumn(f"На листе «{self.tab}» нет столбца «{missing}»: добавьте его в строку заголовков.")
            raise Retry(f"Столбцы листа «{self.tab}» не там, где их видела страница: коллега вставил или удалил "
                        "столбцы.")
        rows, cells = [], []
        key_at = now.get(normalize_header(self.key_header))
        for i, (seen, _changes) in enumerate(self.updates):
            row = resolve_row(self.tab, names, grid[self.rows[i] - 1] if len(grid) >= self.rows[i] else [], frame)
            if key_at is not None and canonical(row[key_at]) != canonical(seen.values.get(self.key_header)):
                self.rows[i] = self._find(store, seen, key_at, frame.header_row)
                raise Retry(f"Запись «{canonical(seen.values.get(self.key_header))}» сдвинулась: коллега вставил "
                            "или удалил строки.")
            rows.append(row)
            cells.append(raw.get(self.rows[i] - 1, []))
        return names, rows, cells

    def _find(self, store, seen: RowSnapshot, key_at: int, header_row: int) -> int:
        """The record's row now, by its key (a colleague inserted or deleted rows above it)."""
        self._unpin(store)
        letter = column_letter(key_at + 1)
        grid = grid_of(read(store, [f"{quoted(self.tab)}!{letter}:{letter}"]).get(self.tab, []), 0)
        key = canonical(seen.values.get(self.key_header))
        found = [n for n, row in enumerate(grid, 1) if n > header_row and row and canonical(row[0]) == key]
        if not found:
            raise RowNotFound(f"Записи «{key}» больше нет на листе «{self.tab}»: её удалили. Ничего не записано.")
        if len(found) > 1:
            raise ConcurrentEditError(f"На листе «{self.tab}» теперь несколько записей «{key}» (строки "
                                      f"{', '.join(map(str, found))}). Ничего не записано: оставьте одну и повторите.")
        return found[0]

    def _unpin(self, store) -> None:
        if not self.pins:
            return
        try:
            store.batch_update({"requests": [pins.delete(i) for i, _d, _x in self.pins]})
        except Exception:  # noqa: BLE001 - a pin left behind is harmless; the next write clears its own
            pass
        self.pins = []

    # the second request: the guarded write -----------------------------------------------------------------------
    def _write(self, store, sheet_id: int, cells: list[list[dict]]) -> None:
        requests = [r for i, d, x in self.pins for r in pins.guard(i, pins.PIN, sheet_id, x, d)]
        for (_seen, changes), row, there in zip(self.updates, self.rows, cells, strict=True):
            for header, value in changes.items():
                column = self.columns[normalize_header(header)]
                data, number_format = cell_for(plain_value(value), there[column] if column < len(there) else None)
                requests.append(_cell(sheet_id, row - 1, column, data, "userEnteredValue"))
                if number_format is not None:
                    requests.append(_cell(sheet_id, row - 1, column, number_format, "userEnteredFormat.numberFormat"))
        if self.journal:
            requests.append(append_cells(store.sheet_id(JOURNAL), [row_for_headers(self.journal_headers, e, JOURNAL)
                                                                     for e in self.journal]))
        requests += [pins.delete(i) for i, _d, _x in self.pins]
        self.phase = "write"
        try:
            store.batch_update({"requests": requests})
        except APIError as exc:
            if exc.response.status_code == 400 and self._moved(store, sheet_id):
                raise Retry(f"Строки или столбцы листа «{self.tab}» сдвинулись в момент записи: коллега вставил или "
                            "удалил их.") from exc
            raise

    def _moved(self, store, sheet_id: int) -> bool:
        """Whether a pin is not where the write expected it (rows or columns moved): then the write is tried again
        where the record's pins are now."""
        found = pins.where(store, [i for i, _d, _x in self.pins])
        if all(found.get(i, (None, None))[:2] == (sheet_id, x) for i, _d, x in self.pins):
            return False
        row_pins = [i for i, d, x in self.pins if d == "ROWS"][::2]
        for n, meta_id in enumerate(row_pins):
            if meta_id in found:
                self.rows[n] = found[meta_id][1] + 1
        column_pins = [i for i, d, x in self.pins if d == "COLUMNS"][::2]
        if self.columns is not None:
            for header, meta_id in zip(list(self.columns), column_pins, strict=True):
                if meta_id in found:
                    self.columns[header] = found[meta_id][1]
        self._unpin(store)
        return True


def _cell(sheet_id: int, row: int, column: int, data: dict, fields: str) -> dict:
    return {"updateCells": {"start": {"sheetId": sheet_id, "rowIndex": row, "columnIndex": column},
                            "rows": [{"values": [data]}], "fields": fields}}
