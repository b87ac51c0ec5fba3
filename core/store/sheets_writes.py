"""How a write reaches a Google Sheet without landing in the wrong place, twice, or half.

Every write is one plan run by `run`: a check-read (the current headers, and for an update the rows
themselves), then one spreadsheets.batchUpdate carrying everything that belongs together — the rows of
several tabs, the change and its «Журнал» entry — which Google applies all or nothing, and which answers
with the header row and the written rows as they are right after the write (the verification).

A write that fails is never sent again blindly: 429 means nothing was applied; a lost answer (5xx,
timeout) may mean it was, so the next check-read first looks for it — an append by its rows, an update
by its new values — and only sends it again when it is not there.

The Sheets API has no conditional write: between the check-read's answer and the write (one round trip,
typically 0.1–0.5 s) a colleague can still insert a row or a column. The verification in the write's own
answer sees that, and the user is told exactly what happened (WriteMisplaced).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gspread.exceptions import APIError

from sheets_schema.base import normalize_header

from ..a1 import column_letter, quoted
from ..errors import (
    ConcurrentEditError,
    StoreError,
    StoreUnavailable,
    UnknownColumn,
    UnknownTab,
    WriteMisplaced,
    WriteNotSaved,
    WriteUncertain,
)
from .base import RowSnapshot, TabLayout, canonical, plain_value, row_for_headers
from .rows import compare, position_of
from .sheets_cells import GRID_FIELDS, cell_data, grid_of
from .sheets_http import AnswerLost, RateLimited, api_error, is_range_error
from .typed import header_text, resolve_row, tab_from_cells

JOURNAL = "Журнал"
RESPONSE_FIELDS = f"updatedSpreadsheet({GRID_FIELDS})"


@dataclass
class Checked:
    done: bool = False  # the write is already in the sheet (a lost answer that had been applied)
    body: dict = field(default_factory=dict)
    expect: Any = None  # what the verification compares


def run(store, plan) -> None:
    """Check, write, verify; retried with a new check after 429 or a lost answer, never blindly."""
    policy = store.http.policy
    lost: str | None = None
    last = ""
    for attempt in range(1, policy.max_attempts + 1):
        checked = _check(store, plan, lost is not None)
        if checked.done:
            return
        try:
            answer = store.batch_update(checked.body, RESPONSE_FIELDS if checked.expect is not None else None)
        except RateLimited:
            last = "ответ 429: превышена квота запросов"
        except AnswerLost as exc:
            lost = last = exc.detail
        except APIError as exc:
            raise api_error(exc, writing=True, where=plan.where) from exc
        else:
            if checked.expect is not None:
                try:
                    plan.verify(_grids(answer.get("updatedSpreadsheet", {})), checked.expect)
                except WriteMisplaced as exc:
                    _note_in_journal(store, getattr(plan, "journal", None), str(exc))
                    raise
            return
        if attempt < policy.max_attempts:
            time.sleep(policy.delay(attempt))
    if lost is not None and _check(store, plan, True).done:
        return
    raise WriteNotSaved(f"Google Таблица не приняла изменение ({last}; попыток: {policy.max_attempts}). "
                        "Изменение НЕ сохранено: повторите позже.")


def _note_in_journal(store, journal: list[Mapping[str, Any]] | None, what: str) -> None:
    """A write that landed elsewhere gets a second «Журнал» entry saying so, next to the one it carried."""
    if not journal:
        return
    first = journal[0]
    note = {**first, "Действие": "запись не туда", "Было": "", "Стало": what}
    try:
        run(store, AppendPlan({JOURNAL: [note]}))
    except StoreError:
        pass  # the user is told about the misplaced write either way


def _check(store, plan, after_lost: bool) -> Checked:
    try:
        return plan.check(store, after_lost)
    except StoreUnavailable as exc:
        if after_lost:
            raise WriteUncertain(f"{exc} Google не ответила, сохранилось ли изменение, а проверить это сейчас "
                                 "нельзя: откройте таблицу и посмотрите, прежде чем повторять.") from exc
        raise WriteNotSaved(f"{exc} Изменение НЕ сохранено: повторите позже.") from exc


def read(store, ranges: list[str]) -> dict[str, list[list[Any]]]:
    try:
        return store.grids(ranges)
    except APIError as exc:
        if is_range_error(exc):
            store.invalidate()
            raise UnknownTab("Лист, в который шла запись, переименовали или удалили. Изменение НЕ сохранено: "
                             "нажмите «Обновить данные» и повторите.") from exc
        raise api_error(exc, writing=True) from exc


def _grids(spreadsheet: dict) -> dict[str, list[list[Any]]]:
    return {s["properties"]["title"]: grid_of(s.get("data", []), 0) for s in spreadsheet.get("sheets", [])}


def _headers(grid: list[list[Any]]) -> list[str]:
    headers = [header_text(h) for h in (grid[0] if grid else [])]
    while headers and headers[-1] == "":
        headers.pop()
    return headers


def _cells(values: Sequence[Any]) -> list[dict]:
    cells = [cell_data(v)[0] for v in values]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _append_request(sheet_id: int, rows: list[list[Any]]) -> dict:
    return {"appendCells": {"sheetId": sheet_id, "rows": [{"values": _cells(r)} for r in rows],
                            "fields": "userEnteredValue,userEnteredFormat.numberFormat"}}


def _changed_headers(before: list[str], after: list[str]) -> str:
    width = max(len(before), len(after))
    padded = zip(before + [""] * (width - len(before)), after + [""] * (width - len(after)), strict=True)
    return ", ".join(f"столбец {column_letter(i + 1)}: «{a}» → «{b}»" for i, (a, b) in enumerate(padded) if a != b)


# appends ------------------------------------------------------------------------------------------------
class AppendPlan:
    """Rows added below the last row of their tabs; several tabs (and «Журнал») in one request."""

    def __init__(self, rows_by_tab: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
        self.rows_by_tab = {t: list(r) for t, r in rows_by_tab.items() if r}
        self.where = "добавление строк на " + ", ".join(f"лист «{t}»" for t in self.rows_by_tab)

    def check(self, store, after_lost: bool) -> Checked:
        tabs = list(self.rows_by_tab)
        ids = {t: store.sheet_id(t) for t in tabs}
        # headers as they are now, never as cached: a column inserted since the page was read moves values
        grids = read(store, [quoted(t) if after_lost else f"{quoted(t)}!1:1" for t in tabs])
        laid: dict[str, tuple[list[str], list[list[Any]]]] = {}
        for tab in tabs:
            headers = _headers(grids.get(tab, []))
            if not headers:
                raise UnknownColumn(f"На листе «{tab}» нет строки заголовков. Изменение НЕ сохранено.")
            laid[tab] = (headers, [row_for_headers(headers, r, tab) for r in self.rows_by_tab[tab]])
        if after_lost and all(_landed(tab_from_cells(t, grids.get(t, [])), rows) for t, (_, rows) in laid.items()):
            return Checked(done=True)
        body = {"requests": [_append_request(ids[t], rows) for t, (_, rows) in laid.items()],
                "includeSpreadsheetInResponse": True, "responseIncludeGridData": True,
                "responseRanges": [f"{quoted(t)}!1:1" for t in tabs]}
        return Checked(body=body, expect={t: (headers, len(rows)) for t, (headers, rows) in laid.items()})

    def verify(self, grids: dict[str, list[list[Any]]], expect: dict) -> None:
        for tab, (headers, count) in expect.items():
            now = _headers(grids.get(tab, []))
            if now != headers:
                raise WriteMisplaced(
                    f"Строки добавлены на лист «{tab}», но в тот же момент там изменили столбцы "
                    f"({_changed_headers(headers, now)}): значения последних {count} строк могли попасть не в свои "
                    "столбцы. Проверьте их на листе.")


def _landed(tab, rows: list[list[Any]]) -> bool:
    """Our rows are in the tab, one after another (compared on the cells we wrote)."""
    wanted = [[(i, canonical(v)) for i, v in enumerate(row) if v is not None] for row in rows]
    have = [[canonical(v) for v in row] for row in tab.rows]
    for start in range(len(have) - len(wanted), -1, -1):
        if all(all(i < len(have[start + k]) and have[start + k][i] == text for i, text in cells)
               for k, cells in enumerate(wanted)):
            return True
    return False


# updates ------------------------------------------------------------------------------------------------
class UpdatePlan:
    """Changed cells of rows found by key, each checked again right before the write; the journal entry with it."""

    def __init__(self, key_header: str, updates: list[tuple[RowSnapshot, Mapping[str, Any]]],
                 journal: list[Mapping[str, Any]]) -> None:
        self.key_header = key_header
        self.updates = updates
        self.journal = journal
        self.tab = updates[0][0].tab
        self.where = f"лист «{self.tab}», строки {', '.join(str(s.row) for s, _ in updates)}"

    def check(self, store, after_lost: bool) -> Checked:
        tab = self.tab
        sheet_id = store.sheet_id(tab)
        ranges = [f"{quoted(tab)}!1:1"] + [f"{quoted(tab)}!{s.row}:{s.row}" for s, _ in self.updates]
        if self.journal:
            journal_id = store.sheet_id(JOURNAL)
            ranges.append(f"{quoted(JOURNAL)}!1:1")
        grids = read(store, ranges)
        grid = grids.get(tab, [])
        headers = _headers(grid)
        states = []
        for seen, changes in self.updates:
            current = resolve_row(tab, headers, grid[seen.row - 1] if len(grid) >= seen.row else [])
            states.append(compare(seen, changes, self.key_header, headers, current))
        if all(s == "applied" for s in states):
            return Checked(done=True)
        if "applied" in states:
            raise ConcurrentEditError(f"Часть строк листа «{tab}» уже изменена так же кем-то другим. "
                                      "Ничего не записано: обновите данные и повторите.")
        requests = [r for seen, changes in self.updates for r in _cell_requests(sheet_id, headers, seen, changes)]
        if self.journal:
            journal_headers = _headers(grids.get(JOURNAL, []))
            requests.append(_append_request(journal_id, [row_for_headers(journal_headers, e, JOURNAL)
                                                         for e in self.journal]))
        body = {"requests": requests, "includeSpreadsheetInResponse": True, "responseIncludeGridData": True,
                "responseRanges": ranges[:1 + len(self.updates)]}
        return Checked(body=body, expect=headers)

    def verify(self, grids: dict[str, list[list[Any]]], headers: list[str]) -> None:
        grid = grids.get(self.tab, [])
        now = _headers(grid)
        if now != headers:
            raise WriteMisplaced(f"Изменение записано на лист «{self.tab}», но в тот же момент там изменили столбцы "
                                 f"({_changed_headers(headers, now)}): проверьте строки "
                                 f"{', '.join(str(s.row) for s, _ in self.updates)}.")
        key_index = position_of(headers).get(normalize_header(self.key_header))
        for seen, changes in self.updates:
            current = resolve_row(self.tab, headers, grid[seen.row - 1] if len(grid) >= seen.row else [])
            key = canonical(seen.values.get(self.key_header))
            if key_index is not None and canonical(current[key_index]) != key:
                raise WriteMisplaced(
                    f"Изменение записано в строку {seen.row} листа «{self.tab}», но в тот же момент коллега вставил "
                    f"или удалил строки, и теперь там запись «{canonical(current[key_index])}», а не «{key}». "
                    f"Проверьте строку {seen.row} (столбцы {', '.join(map(str, changes))}) и запись «{key}».")


def _cell_requests(sheet_id: int, headers: list[str], seen: RowSnapshot, changes: Mapping[str, Any]) -> list[dict]:
    position = position_of(headers)
    requests = []
    for header, value in changes.items():
        data, dated = cell_data(plain_value(value))
        requests.append({"updateCells": {
            "start": {"sheetId": sheet_id, "rowIndex": seen.row - 1, "columnIndex": position[normalize_header(header)]},
            "rows": [{"values": [data]}],
            # a date brings its date format; anything else leaves the cell's format (staff's ₽, %) as it is
            "fields": "userEnteredValue,userEnteredFormat.numberFormat" if dated else "userEnteredValue"}})
    return requests


# new tabs ------------------------------------------------------------------------------------------------
class TabsPlan:
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

    def verify(self, grids, expect) -> None:  # pragma: no cover - TabsPlan asks for no verification
        pass


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


__all__ = ["AppendPlan", "StoreError", "TabsPlan", "UpdatePlan", "compare", "run"]
