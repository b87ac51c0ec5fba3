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
from datetime import datetime
from typing import Any

from gspread.exceptions import APIError

from core.platform.a1 import column_letter, quoted
from core.platform.errors import (
    ConcurrentEditError,
    StoreError,
    StoreUnavailable,
    UnknownColumn,
    UnknownTab,
    WriteMisplaced,
    WriteNotSaved,
    WriteUncertain,
)
from sheets_schema.base import normalize_header

from .base import (
    Frame,
    Numbering,
    RowSnapshot,
    canonical,
    fill_numbers,
    plain_value,
)
from .rows import compare, position_of, row_for_headers
from .sheets_cells import GRID_FIELDS, cell_data, grid_of
from .sheets_http import AnswerLost, RateLimited, api_error, is_range_error
from .typed import header_text, headers_of, resolve_row, tab_from_cells

JOURNAL = "Журнал"
RESPONSE_FIELDS = f"updatedSpreadsheet({GRID_FIELDS})"


@dataclass
class Checked:
    done: bool = False  # the write is already in the sheet (a lost answer that had been applied)
    body: dict = field(default_factory=dict)
    expect: Any = None  # what the verification compares


def run(store, plan) -> Any:
    """Check, write, verify; retried with a new check after 429 or a lost answer, never blindly.

    Returns the plan's result (an append: its rows as written, with the numbers it handed out)."""
    policy = store.http.policy
    lost: str | None = None
    last = ""
    for attempt in range(1, policy.max_attempts + 1):
        checked = _check(store, plan, lost is not None)
        if checked.done:
            return getattr(plan, "result", None)
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
                    plan.verify(store, _grids(answer.get("updatedSpreadsheet", {})), checked.expect)
                except WriteMisplaced as exc:
                    _note_in_journal(store, getattr(plan, "journal", None), str(exc))
                    raise
            return getattr(plan, "result", None)
        if attempt < policy.max_attempts:
            time.sleep(policy.delay(attempt))
    if lost is not None and _check(store, plan, True).done:
        return getattr(plan, "result", None)
    raise WriteNotSaved(f"Google Таблица не приняла изменение ({last}; попыток: {policy.max_attempts}). "
                        "Изменение НЕ сохранено: повторите позже.")


def _note_in_journal(store, journal: list[Mapping[str, Any]] | None, what: str) -> None:
    """A write that landed elsewhere gets a second «Журнал» entry saying so, next to the one it carried."""
    if not isinstance(journal, list) or not journal:
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


def _header_range(store, tab: str) -> str:
    frame = store.frame_of(tab)
    return f"{quoted(tab)}!{frame.top}:{frame.header_row}"


def _headers(grid: list[list[Any]], frame: Frame | None = None) -> list[str]:
    if frame is not None and frame.header_row > 1:
        return headers_of(grid[frame.top - 1:frame.header_row])
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
    """Rows added below the last row of their tabs; several tabs and «Журнал» in one request.

    Keys handed out by `numbering` come from the sheet as it is at the check-read. Google has no lock, so the
    write's own answer brings the key column back: a number another session gave out in the same moment is
    replaced by the next free one at once (and the journal says so).
    """

    def __init__(self, rows_by_tab: Mapping[str, Sequence[Mapping[str, Any]]], numbering: Numbering | None = None,
                 journal=None) -> None:
        self.rows_by_tab = {t: [dict(r) for r in rs] for t, rs in rows_by_tab.items() if rs}
        self.numbering = numbering
        self.journal = journal
        self.sent: dict[str, list[list[Any]]] = {}  # the rows of the last attempt, as laid out
        self.result: dict[str, list[dict]] = {}
        self.where = "добавление строк на " + ", ".join(f"лист «{t}»" for t in self.rows_by_tab)

    def _tabs(self) -> list[str]:
        return list(self.rows_by_tab) + ([JOURNAL] if self.journal and JOURNAL not in self.rows_by_tab else [])

    def check(self, store, after_lost: bool) -> Checked:
        tabs = self._tabs()
        ids = {t: store.sheet_id(t) for t in tabs}
        whole = set(tabs) if after_lost else ({self.numbering.tab} if self.numbering else set())
        # headers as they are now, never as cached: a column inserted since the page was read moves values
        grids = read(store, [quoted(t) if t in whole else _header_range(store, t) for t in tabs])
        headers = {t: _headers(grids.get(t, []), store.frame_of(t)) for t in tabs}
        for tab, names in headers.items():
            if not names:
                raise UnknownColumn(f"На листе «{tab}» нет строки заголовков. Изменение НЕ сохранено.")
        if after_lost and self.sent and all(_landed(tab_from_cells(t, grids.get(t, []), frame=store.frame_of(t)), rows)
                                            for t, rows in self.sent.items()):
            return Checked(done=True)
        existing = _column(tab_from_cells(self.numbering.tab, grids.get(self.numbering.tab, []),
                                          frame=store.frame_of(self.numbering.tab)),
                           self.numbering.header) if self.numbering else []
        final = fill_numbers(self.rows_by_tab, self.numbering, existing)
        if self.journal:
            final[JOURNAL] = final.get(JOURNAL, []) + self.journal(final)
        self.sent = {t: [row_for_headers(headers[t], r, t) for r in rows] for t, rows in final.items()}
        self.result = {t: rows for t, rows in final.items() if t != JOURNAL or JOURNAL in self.rows_by_tab}
        ranges = [_header_range(store, t) for t in tabs] + ([quoted(self.numbering.tab)] if self.numbering else [])
        body = {"requests": [_append_request(ids[t], rows) for t, rows in self.sent.items()],
                "includeSpreadsheetInResponse": True, "responseIncludeGridData": True, "responseRanges": ranges}
        return Checked(body=body, expect={t: (headers[t], len(rows)) for t, rows in self.sent.items()})

    def verify(self, store, grids: dict[str, list[list[Any]]], expect: dict) -> None:
        for tab, (headers, count) in expect.items():
            now = _headers(grids.get(tab, []), store.frame_of(tab))
            if now != headers:
                raise WriteMisplaced(
                    f"Строки добавлены на лист «{tab}», но в тот же момент там изменили столбцы "
                    f"({_changed_headers(headers, now)}): значения последних {count} строк могли попасть не в свои "
                    "столбцы. Проверьте их на листе.")
        if self.numbering:
            _renumber(store, self, grids.get(self.numbering.tab, []), expect[self.numbering.tab][0])


def _column(tab, header: str) -> list[Any]:
    index = position_of(tab.headers).get(normalize_header(header))
    return [] if index is None else [row[index] for row in tab.rows]


def _renumber(store, plan: AppendPlan, grid: list[list[Any]], headers: list[str]) -> None:
    """Numbers given out twice in the same moment: ours move to the next free ones, in one more request."""
    numbering = plan.numbering
    tab = tab_from_cells(numbering.tab, grid, frame=store.frame_of(numbering.tab))
    index = position_of(headers)[normalize_header(numbering.header)]
    keys = [canonical(row[index]) for row in tab.rows]
    ours = plan.sent[numbering.tab]
    twice = [i for i, row in enumerate(ours) if keys.count(canonical(row[index])) > 1]
    if not twice:
        return
    where = []
    for i in twice:
        cells = [(c, canonical(v)) for c, v in enumerate(ours[i]) if v is not None]
        found = [n for n, row in zip(tab.row_numbers, tab.rows, strict=True)
                 if all(c < len(row) and canonical(row[c]) == text for c, text in cells)]
        if not found:
            raise WriteMisplaced(f"Номер «{ours[i][index]}» на листе «{numbering.tab}» в то же время выдан в другом "
                                 "сеансе, а свою строку найти не удалось: проверьте номера на листе.")
        where.append(found[-1])
    fresh = numbering.allocate([row[index] for row in tab.rows], len(twice))
    sheet_id = store.sheet_id(numbering.tab)
    requests = [{"updateCells": {"start": {"sheetId": sheet_id, "rowIndex": row - 1, "columnIndex": index},
                                 "rows": [{"values": [cell_data(key)[0]]}], "fields": "userEnteredValue"}}
                for row, key in zip(where, fresh, strict=True)]
    try:
        store.batch_update({"requests": requests})
    except Exception as exc:
        raise WriteMisplaced(f"Строки добавлены, но номера {', '.join(str(ours[i][index]) for i in twice)} на листе "
                             f"«{numbering.tab}» в то же время выдали в другом сеансе, и заменить их не удалось: "
                             "исправьте номера на листе.") from exc
    for i, key in zip(twice, fresh, strict=True):
        old = ours[i][index]
        plan.result[numbering.tab][i][numbering.header] = key
        note = {"Когда": datetime.now().strftime("%d.%m.%Y %H:%M:%S"), "Лист": numbering.tab, "Ключ": key,
                "Действие": "номер заменён", "Стало": f"«{old}» уже выдан в другом сеансе в тот же момент; новый «{key}»"}
        try:
            run(store, AppendPlan({JOURNAL: [note]}))
        except StoreError:
            pass  # the numbers are right either way; the note is a courtesy


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
        frame = store.frame_of(tab)
        ranges = [_header_range(store, tab)] + [f"{quoted(tab)}!{s.row}:{s.row}" for s, _ in self.updates]
        if self.journal:
            journal_id = store.sheet_id(JOURNAL)
            ranges.append(f"{quoted(JOURNAL)}!1:1")
        grids = read(store, ranges)
        grid = grids.get(tab, [])
        headers = _headers(grid, frame)
        states = []
        for seen, changes in self.updates:
            current = resolve_row(tab, headers, grid[seen.row - 1] if len(grid) >= seen.row else [], frame)
            states.append(compare(seen, changes, self.key_header, headers, current))
        if all(s == "applied" for s in states):
            return Checked(done=True)
        if "applied" in states:
            raise ConcurrentEditError(f"Часть строк листа «{tab}» уже изменена так же кем-то другим. "
                                      "Ничего не записано: обновите данные и повторите.")
        requests = [r for seen, changes in self.updates for r in _cell_requests(sheet_id, headers, seen, changes)]
        if self.journal:
            journal_headers = _headers(grids.get(JOURNAL, []), store.frame_of(JOURNAL))
            requests.append(_append_request(journal_id, [row_for_headers(journal_headers, e, JOURNAL)
                                                         for e in self.journal]))
        body = {"requests": requests, "includeSpreadsheetInResponse": True, "responseIncludeGridData": True,
                "responseRanges": ranges[:1 + len(self.updates)]}
        return Checked(body=body, expect=headers)

    def verify(self, store, grids: dict[str, list[list[Any]]], headers: list[str]) -> None:
        grid = grids.get(self.tab, [])
        frame = store.frame_of(self.tab)
        now = _headers(grid, frame)
        if now != headers:
            raise WriteMisplaced(f"Изменение записано на лист «{self.tab}», но в тот же момент там изменили столбцы "
                                 f"({_changed_headers(headers, now)}): проверьте строки "
                                 f"{', '.join(str(s.row) for s, _ in self.updates)}.")
        key_index = position_of(headers).get(normalize_header(self.key_header))
        for seen, changes in self.updates:
            current = resolve_row(self.tab, headers, grid[seen.row - 1] if len(grid) >= seen.row else [], frame)
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


__all__ = ["AppendPlan", "Checked", "StoreError", "UpdatePlan", "compare", "run"]
