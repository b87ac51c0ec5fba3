"""How a write reaches a Google Sheet without landing in the wrong place, twice, or half.

Every write is one plan run by `run`. A plan's attempt reads what it must (the headers, the rows it touches),
then sends one spreadsheets.batchUpdate carrying everything that belongs together — the rows of several tabs,
the change and its «Журнал» entry — which Google applies all or nothing. Rows appended are addressed by
what the write carries (sheets_append.py), rows updated by pins that fail the write if the row moved
(sheets_update.py); sheets_pins.py says how.

A write that fails is never sent again blindly: 429 means nothing was applied; a lost answer (5xx, timeout)
may mean it was, so the next attempt first asks Google for the write's own handles — its tokens, its claims,
its pins — and only sends it again when they say it did not happen.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gspread.exceptions import APIError

from core.platform.a1 import column_letter, quoted
from core.platform.errors import StoreError, StoreUnavailable, UnknownTab, WriteNotSaved, WriteUncertain

from .base import Frame
from .sheets_cells import GRID_FIELDS, cell_data, grid_of
from .sheets_http import AnswerLost, RateLimited, api_error, is_range_error
from .typed import header_text, headers_of

JOURNAL = "Журнал"
RESPONSE_FIELDS = f"updatedSpreadsheet({GRID_FIELDS})"
MAX_RETRIES = 12  # fresh attempts after a colleague took our number or moved our row in the same moment


class Retry(Exception):
    """The sheet changed under the write in the same moment (a number taken, a row moved): nothing was applied;
    attempt again at once, from a fresh read."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


@dataclass
class Checked:
    done: bool = False  # the write is already in the sheet (a lost answer that had been applied)
    body: dict = field(default_factory=dict)
    expect: Any = None  # what the verification compares


class CheckedPlan:
    """A plan of one check and one batchUpdate that may simply be sent again (the tabs a workbook lacks, the
    app's own tab): `check` says what to send, or that it is done."""

    result = None

    def attempt(self, store, after_lost: bool) -> Any:
        checked = self.check(store, after_lost)
        if not checked.done:
            store.batch_update(checked.body)
        return self.result

    def landed(self, store) -> bool:
        return self.check(store, True).done


def run(store, plan) -> Any:
    """Attempt the plan; after 429 or a lost answer attempt again (with a pause), never blindly.

    Returns the plan's result (an append: its rows as written, with the numbers it handed out)."""
    policy = store.http.policy
    lost: str | None = None
    last = ""
    attempts = retries = 0
    while True:
        attempts += 1
        try:
            return plan.attempt(store, lost is not None)
        except Retry as exc:
            retries += 1
            last = exc.why
            attempts -= 1  # a clash is not Google failing: it does not use up the attempts
            if retries > MAX_RETRIES:
                raise WriteNotSaved(f"{exc.why} Коллеги пишут в тот же лист слишком часто: изменение НЕ сохранено, "
                                    "повторите через минуту.") from exc
            time.sleep(random.uniform(0, 0.05 * retries))
            continue
        except RateLimited:
            last = "ответ 429: превышена квота запросов"
        except AnswerLost as exc:
            lost = last = exc.detail
        except StoreUnavailable as exc:
            if lost is not None:
                raise WriteUncertain(f"{exc} Google не ответила, сохранилось ли изменение, а проверить это сейчас "
                                     "нельзя: откройте таблицу и посмотрите, прежде чем повторять.") from exc
            raise WriteNotSaved(f"{exc} Изменение НЕ сохранено: повторите позже.") from exc
        except APIError as exc:
            raise api_error(exc, writing=True, where=plan.where) from exc
        if attempts >= policy.max_attempts:
            break
        time.sleep(policy.delay(attempts))
    if lost is not None:
        try:
            if plan.landed(store):
                return plan.result
        except (StoreError, APIError, AnswerLost, RateLimited):
            raise WriteUncertain(f"Google не ответила ({last}), сохранилось ли изменение, а проверить это сейчас "
                                 "нельзя: откройте таблицу и посмотрите, прежде чем повторять.") from None
    raise WriteNotSaved(f"Google Таблица не приняла изменение ({last}; попыток: {policy.max_attempts}). "
                        "Изменение НЕ сохранено: повторите позже.")


def read(store, ranges: list[str], fields: str = GRID_FIELDS) -> dict[str, list[dict]]:
    """The GridData of A1 ranges, by tab title (one spreadsheets.get)."""
    try:
        answer = store.http.fetch_sheet_metadata(store.key, params={"ranges": ranges, "fields": fields})
    except APIError as exc:
        if is_range_error(exc):
            store.invalidate()
            raise UnknownTab("Лист, в который шла запись, переименовали или удалили. Изменение НЕ сохранено: "
                             "нажмите «Обновить данные» и повторите.") from exc
        raise
    return data_by_tab(answer)


def data_by_tab(spreadsheet: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for sheet in spreadsheet.get("sheets", []):
        out.setdefault(sheet["properties"]["title"], []).extend(sheet.get("data", []))
    return out


def header_range(store, tab: str) -> str:
    frame = store.frame_of(tab)
    return f"{quoted(tab)}!{frame.top}:{frame.header_row}"


def headers(grid: list[list[Any]], frame: Frame | None = None) -> list[str]:
    if frame is not None and frame.header_row > 1:
        return headers_of(grid[frame.top - 1:frame.header_row])
    names = [header_text(h) for h in (grid[0] if grid else [])]
    while names and names[-1] == "":
        names.pop()
    return names


def headers_in(store, data: dict[str, list[dict]], tab: str) -> list[str]:
    return headers(grid_of(data.get(tab, []), 0), store.frame_of(tab))


def cells(values: Sequence[Any]) -> list[dict]:
    out = [cell_data(v)[0] for v in values]
    while out and not out[-1]:
        out.pop()
    return out


def append_cells(sheet_id: int, rows: list[list[Any]]) -> dict:
    """Rows after the last row with data: for «Журнал», the app's own tab, which nobody fills down."""
    return {"appendCells": {"sheetId": sheet_id, "rows": [{"values": cells(r)} for r in rows],
                            "fields": "userEnteredValue,userEnteredFormat.numberFormat"}}


def changed_headers(before: list[str], after: list[str]) -> str:
    width = max(len(before), len(after))
    padded = zip(before + [""] * (width - len(before)), after + [""] * (width - len(after)), strict=True)
    return ", ".join(f"столбец {column_letter(i + 1)}: «{a}» → «{b}»" for i, (a, b) in enumerate(padded) if a != b)


def note_in_journal(store, journal: list[Mapping[str, Any]] | None, what: str) -> None:
    """A write that landed elsewhere gets a second «Журнал» entry saying so, next to the one it carried."""
    from .sheets_append import AppendPlan

    if not isinstance(journal, list) or not journal:
        return
    note = {**journal[0], "Действие": "запись не туда", "Было": "", "Стало": what}
    try:
        run(store, AppendPlan({JOURNAL: [note]}))
    except StoreError:
        pass  # the user is told about the misplaced write either way


__all__ = ["JOURNAL", "Checked", "CheckedPlan", "Retry", "StoreError", "run"]
