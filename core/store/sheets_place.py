"""Where a Google Sheet tab's new rows go and the requests that put them there: under the last record (or under the
last record of their own section — core.store.placing), with the look of the row beside them, the staff's «Итого»
widened over them, and the rows read back in the write's own answer to tell whether a colleague moved them
(sheets_append.py makes the write)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from core.platform.errors import StoreError
from sheets_schema.base import normalize_header

from .base import Frame, canonical
from .counting import next_numbers
from .placing import Placement, placement_of
from .rows import is_footer_row, position_of
from .sheets_cells import cell_for, grid_of, is_formula, raw_rows
from .sheets_writes import headers
from .xlsx_insert import shift_formula
from .xlsx_package import UnsupportedLayout


@dataclass
class Place:
    """Where a tab's new rows go: under its last record (1-based row `last`; the header row when it has none)."""

    tab: str
    frame: Frame
    grid: list[list[Any]]  # the records as read (rows of formulas and checkboxes only read as empty)
    raw: dict[int, list[dict]]  # CellData by 0-based row
    headers: list[str]
    last: int
    window: tuple[int, int] | None = None  # the rows read, when not the whole tab
    totals: tuple[int, ...] = ()  # 0-based rows of the staff's «Итого» under the records (Frame.totals_below)
    under: int = 0  # the record the new rows go under: the last one, or the last of their section (placing.py)
    placement: Placement | None = None  # the tab keeps sections (placing.py): its writes are taken one at a time

    @property
    def claims_state(self) -> bool:
        """Whether the write must hold the state it read: a row number it uses (a total's, a section's), or the
        running number it gives (counting.py), would be wrong after another session's rows went in."""
        return bool(self.totals) or self.placement is not None or self.counter is not None

    @property
    def among_records(self) -> bool:
        """Whether the rows go under their section's last record rather than under the tab's last one."""
        return self.placement is not None and self.placement.row is not None

    @classmethod
    def of(cls, store, tab: str, data: list[dict], window: tuple[int, int] | None = None) -> Place:
        frame = store.frame_of(tab)
        grid = grid_of(data, 0)
        last, totals = frame.header_row, []
        for number in range(len(grid), frame.header_row, -1):  # from the bottom: the last record, and any «Итого» below
            row = grid[number - 1]
            if not any(v not in ("", None) for v in row):
                continue
            if frame.totals_below and is_footer_row(row):
                totals.insert(0, number - 1)
                continue
            last = number
            break
        placement = placement_of(tab)
        under = last if placement is None or placement.row is None else placement.under_in(tab, grid[:last])
        return cls(tab, frame, grid, raw_rows(data), headers(grid, frame), last, window, tuple(totals), under,
                   placement)

    @property
    def counter(self) -> int | None:
        """The 0-based column of the staff's «№ п/п» (Frame.counter), when the tab has one."""
        return position_of(self.headers).get(self.frame.counter) if self.frame.counter else None

    def counted(self, rows: list[list[Any]]) -> list[list[Any]]:
        """The new rows with the staff's running number (counting.py), unless a formula gives it: the record above's
        is pasted into them (requests), a prepared row's copied."""
        index = self.counter
        if index is None or any(index < len(r) and r[index] not in (None, "") for r in rows):
            return rows
        at = self.under
        above = self.raw.get(at - 1, []) if at > self.frame.header_row else []
        below = self.raw.get(at, [])
        if any(index < len(cells) and is_formula(cells[index]) for cells in (above, below)):
            return rows
        numbers = next_numbers(self.grid[self.frame.header_row:at], self.grid[at:], index, len(rows))
        if numbers is None:
            return rows
        # rows laid out by the header row (rows.row_for_headers): the column is in each of them
        return [[*row[:index], number, *row[index + 1:]] for row, number in zip(rows, numbers, strict=True)]

    def inside(self, window: tuple[int, int]) -> bool:
        """The records end inside the rows read: the last one is in the window, and not at its very end."""
        return window[0] < self.last < window[1] or (self.last == window[0] == self.frame.header_row + 1)

    def column(self, header: str) -> list[Any]:
        index = position_of(self.headers).get(normalize_header(header))
        rows = self.grid[self.frame.header_row:]
        return [] if index is None else [row[index] for row in rows if index < len(row)]

    def requests(self, sheet_id: int, rows: list[list[Any]]) -> list[dict]:
        """Rows inserted under the last record, never over anything. A row staff prepared below the records
        (formulas, checkboxes filled down) is copied into them whole; the last record gives them its formats —
        the column's ₽, its date format, its boxes — and any formula every record carries."""
        at, count = self.under, len(rows)  # 0-based index of the first new row
        above = self.raw.get(at - 1, []) if at > self.frame.header_row else []
        below = self.raw.get(at, [])
        prepared = at == self.last and at not in self.totals and any(c.get("userEnteredValue") or c.get("userEnteredFormat")
                                                         for c in below)
        out: list[dict] = [{"insertDimension": {
            "range": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": at, "endIndex": at + count},
            "inheritFromBefore": bool(above)}}]
        if prepared:
            out.append(_paste(sheet_id, at + count, at, count, "PASTE_NORMAL"))
        if above:
            out.append(_paste(sheet_id, at - 1, at, count, "PASTE_FORMAT"))
            out += [_paste(sheet_id, at - 1, at, count, "PASTE_FORMULA", column=c) for c, cell in enumerate(above)
                    if is_formula(cell) and not is_footer_row(self.grid[at - 1]) and all(_empty(r, c) for r in rows)
                    and not (c < len(below) and is_formula(below[c]))]
        if any(_struck(cell) for cell in above):  # a cancelled record's look, without its cancelling
            out.append({"repeatCell": {"range": {"sheetId": sheet_id, "startRowIndex": at, "endRowIndex": at + count},
                                       "cell": {"userEnteredFormat": {"textFormat": {"strikethrough": False}}},
                                       "fields": "userEnteredFormat.textFormat.strikethrough"}})
        width = max(len(above), len(below) if prepared else 0)
        model = [{**(below[c] if prepared and c < len(below) else {}), **(above[c] if c < len(above) else {})}
                 for c in range(width)]
        for i, row in enumerate(rows):
            out += _row_requests(sheet_id, at + i, row, model)
        return out + self._widened_totals(sheet_id, count)

    def watched(self, count: int) -> list[int]:
        """1-based rows whose cells, read back in the write's own answer, tell whether the rows went where the check-read
        put them: the record they go under, and each «Итого» as it stands after them."""
        above = [self.under] if self.among_records and self.under > self.frame.header_row else []
        return above + [index + count + 1 for index in self.totals]

    def moved(self, now: list[list[Any]], count: int) -> bool:
        """Whether a colleague's rows inserted or deleted above, in the instant between the check-read and the write,
        moved the records: Google offers no condition on a batchUpdate, so this is seen only in its answer."""
        def row(grid: list[list[Any]], index: int) -> tuple[str, ...]:
            cells = [canonical(v) for v in (grid[index] if index < len(grid) else [])]
            while cells and cells[-1] == "":
                cells.pop()
            return tuple(cells)

        if self.among_records and self.under > self.frame.header_row and \
                row(now, self.under - 1) != row(self.grid, self.under - 1):
            return True
        return any(not is_footer_row(now[i + count] if i + count < len(now) else []) for i in self.totals)

    def _widened_totals(self, sheet_id: int, count: int) -> list[dict]:
        """The staff's «Итого» takes the new records in: a range that ended on the last record now ends on the last
        new one, as the workbook's total does (xlsx_insert.shift_formula). Google moves the references itself as the
        rows go in; only the sums that must grow are written, in the same request."""
        out = []
        first_new = self.under + 1  # 1-based
        for index in self.totals:
            for column, cell in enumerate(self.raw.get(index, [])):
                formula = (cell.get("userEnteredValue") or {}).get("formulaValue")
                if not formula:
                    continue
                try:
                    widened = shift_formula(formula[1:], self.tab, first_new, count, True)
                    moved = shift_formula(formula[1:], self.tab, first_new, count, False)
                except UnsupportedLayout:
                    raise StoreError(f"На листе «{self.tab}» в строке «Итого» ({index + 1}) формула, которую приложение "
                                     f"не разбирает: {formula}. Ничего не записано: добавьте запись над «Итого» "
                                     "вручную.") from None
                if widened != moved:
                    out.append(_update(sheet_id, index + count, column, [{"userEnteredValue": {
                        "formulaValue": f"={widened}"}}], "userEnteredValue"))
        return out


def _struck(cell: dict) -> bool:
    return bool(((cell.get("userEnteredFormat") or {}).get("textFormat") or {}).get("strikethrough"))


def _empty(row: Sequence[Any], column: int) -> bool:
    return column >= len(row) or row[column] in (None, "")


def _paste(sheet_id: int, source: int, at: int, count: int, kind: str, column: int | None = None) -> dict:
    columns = {} if column is None else {"startColumnIndex": column, "endColumnIndex": column + 1}
    return {"copyPaste": {"source": {"sheetId": sheet_id, "startRowIndex": source, "endRowIndex": source + 1, **columns},
                          "destination": {"sheetId": sheet_id, "startRowIndex": at, "endRowIndex": at + count,
                                          **columns},
                          "pasteType": kind}}


def _row_requests(sheet_id: int, index: int, row: Sequence[Any], model: list[dict]) -> list[dict]:
    """The cells the app fills, run by run: a cell it leaves empty keeps what the row copied (a formula, a box)."""
    out, run_start, run = [], None, []
    formats = []
    for column in range(len(row) + 1):
        value = row[column] if column < len(row) else None
        if value in (None, ""):
            if run:
                out.append(_update(sheet_id, index, run_start, run, "userEnteredValue"))
            run_start, run = None, []
            continue
        data, number_format = cell_for(value, model[column] if column < len(model) else None)
        if run_start is None:
            run_start = column
        run.append(data)
        if number_format is not None:
            formats.append(_update(sheet_id, index, column, [number_format], "userEnteredFormat.numberFormat"))
    return out + formats


def _update(sheet_id: int, row: int, column: int, values: list[dict], fields: str) -> dict:
    return {"updateCells": {"start": {"sheetId": sheet_id, "rowIndex": row, "columnIndex": column},
                            "rows": [{"values": values}], "fields": fields}}
