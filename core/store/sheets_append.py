"""New rows on a shared Google Sheet: right under the last record (or, on a staff plan kept in sections, under the
last record of their own section — core.store.placing), looking like the rows staff keep, each number handed out
once, and never added twice.

One check-read (the tabs the rows go to, with their formats; the header row of «Журнал»), then one
spreadsheets.batchUpdate that for each tab inserts the rows under its last record (never under the formulas or
checkboxes staff filled down to row 1000), gives them the look of the row beside them (its formats, its
checkboxes and formulas), writes the values into the cells the app fills only, and carries the write's own
handles (sheets_pins.py): a claim for each number handed out, a token on every other row. «Журнал» gets its
entries in the same request. Google applies all of it or none.

Inserting rows never overwrites anything: two sessions adding at the same moment each get their own rows.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from gspread.exceptions import APIError

from core.platform.a1 import column_letter, quoted
from core.platform.errors import UnknownColumn, WriteMisplaced
from sheets_schema.base import normalize_header

from . import sheets_pins as pins
from .base import NewKey, Numbering, fill_numbers
from .placing import placement_of
from .rows import position_of, row_for_headers
from .sheets_cells import CHECK_FIELDS, grid_of
from .sheets_place import Place
from .sheets_writes import (
    JOURNAL,
    RESPONSE_FIELDS,
    Retry,
    append_cells,
    changed_headers,
    data_by_tab,
    header_range,
    headers_in,
    note_in_journal,
    read,
)

STATE_CLAIM = object()  # in `claims`: the claim on the state a tab was read in (Place.claims_state), not a number


WINDOW = 100  # rows read under the last record the page saw


def _window(store, tab: str) -> tuple[int, int] | None:
    """Rows to read around the last record as the page last read the tab (1-based, inclusive), or None: whole (and
    always whole when the rows go among the others: the record they go under may be anywhere)."""
    last = getattr(store, "cached_last_row", lambda _tab: None)(tab)
    if last is None or placement_of(tab) is not None:
        return None
    first = max(store.frame_of(tab).header_row + 1, last - 5)
    return first, last + WINDOW


class AppendPlan:
    """Rows added under the last record of their tabs; several tabs and «Журнал» in one request.

    Numbers handed out by `numbering` come from the sheet as it is at the check-read, each with its claim: if
    another session took the same number in the same moment, Google refuses our whole write, and the next
    attempt reads again and takes the next free number. Nobody is told a number twice.
    """

    def __init__(self, rows_by_tab: Mapping[str, Sequence[Mapping[str, Any]]], numbering: Numbering | None = None,
                 journal=None) -> None:
        self.rows_by_tab = {t: [dict(r) for r in rs] for t, rs in rows_by_tab.items() if rs}
        self.numbering = numbering
        self.journal = journal
        self.result: dict[str, list[dict]] = {}
        self.handles: dict[int, str] = {}  # metadata id → the value our last attempt gave it
        self.stale_states: set[int] = set()  # state claims met in an earlier attempt
        self.where = "добавление строк на " + ", ".join(f"лист «{t}»" for t in self.rows_by_tab)

    def landed(self, store) -> bool:
        """Whether the last attempt's write is in the sheet, by its own claims and tokens."""
        if not self.handles:
            return False
        found = pins.where(store, self.handles)
        return any(found.get(i, (0, 0, None))[2] == value for i, value in self.handles.items())

    def attempt(self, store, after_lost: bool) -> dict[str, list[dict]]:
        if after_lost and self.landed(store):
            return self.result
        targets = [t for t in self.rows_by_tab if t != JOURNAL]
        journaled = bool(self.journal) or JOURNAL in self.rows_by_tab
        ids = {t: store.sheet_id(t) for t in targets + ([JOURNAL] if journaled else [])}
        places, data = self._places(store, targets, journaled)
        names = {t: p.headers for t, p in places.items()}
        if journaled:
            names[JOURNAL] = headers_in(store, data, JOURNAL)
        for tab, found in names.items():
            if not found:
                raise UnknownColumn(f"На листе «{tab}» нет строки заголовков. Изменение НЕ сохранено.")
        numbering = self.numbering if self.numbering and self.numbering.tab in places else None
        existing = self._keys(store, places[numbering.tab], numbering.header) if numbering else []
        if numbering is not None and numbering.beside:  # the register's other tabs, read with this attempt
            found = read(store, [quoted(tab) for tab, _ in numbering.beside], CHECK_FIELDS)
            existing += [k for tab, header in numbering.beside for k in Place.of(store, tab, found.get(tab, []))
                         .column(header)]
        final = fill_numbers(self.rows_by_tab, numbering, existing)
        if self.journal:
            final[JOURNAL] = final.get(JOURNAL, []) + self.journal(final)
        sent = {t: [row_for_headers(names[t], r, t) for r in rows] for t, rows in final.items()}
        sent.update({t: places[t].counted(sent[t]) for t in targets})  # the staff's «№ п/п» of a new record
        requests, handles, claims = self._handles(store, places, ids, final, numbering)
        for tab in targets:
            requests += places[tab].requests(ids[tab], sent[tab])
        requests += [pins.create(meta_id, key, value, ids[tab], index)
                     for meta_id, (value, tab, index, key) in handles.items()]
        if JOURNAL in sent:
            requests.append(append_cells(ids[JOURNAL], sent[JOURNAL]))
        self.handles = {i: value for i, (value, *_rest) in handles.items()}
        self.result = {t: rows for t, rows in final.items() if t != JOURNAL or JOURNAL in self.rows_by_tab}
        body = {"requests": requests, "includeSpreadsheetInResponse": True, "responseIncludeGridData": True,
                "responseRanges": [header_range(store, t) for t in names]
                + [f"{quoted(t)}!{r}:{r}" for t in targets for r in places[t].watched(len(sent[t]))]}
        try:
            answer = store.batch_update(body, RESPONSE_FIELDS)
        except APIError as exc:
            if exc.response.status_code == 400 and claims:
                self._taken(store, claims)
            raise
        self._verify(store, data_by_tab(answer.get("updatedSpreadsheet", {})), names, {t: len(r) for t, r in sent.items()},
                     places)
        return self.result

    def _places(self, store, targets: list[str], journaled: bool) -> tuple[dict[str, Place], dict[str, list[dict]]]:
        """Where each tab's rows go. A tab the page has read is looked at only around its last record then (a
        year of applications is 10 000 rows; the new ones go under the last); if the records no longer end in
        that window, the whole tab is read."""
        windows = {t: _window(store, t) for t in targets}
        ranges = [r for t in targets for r in ([quoted(t)] if windows[t] is None else
                                               [header_range(store, t), f"{quoted(t)}!{windows[t][0]}:{windows[t][1]}"])]
        data = read(store, ranges + ([header_range(store, JOURNAL)] if journaled else []), CHECK_FIELDS)
        places = {t: Place.of(store, t, data.get(t, []), windows[t]) for t in targets}
        stale = [t for t, place in places.items() if windows[t] is not None and not place.inside(windows[t])]
        if stale:
            data.update(read(store, [quoted(t) for t in stale], CHECK_FIELDS))
            places.update({t: Place.of(store, t, data.get(t, [])) for t in stale})
        return places, data

    @staticmethod
    def _keys(store, place: Place, header: str) -> list[Any]:
        """The numbers in use: from the tab as read, or — when only a window was read — its key column alone, as
        plain values (a tenth of the bytes of the cells)."""
        if place.window is None:
            return place.column(header)
        index = position_of(place.headers).get(normalize_header(header))
        if index is None:
            return []
        letter = column_letter(index + 1)
        answer = store.http.values_batch_get(store.key, [f"{quoted(place.tab)}!{letter}:{letter}"], params={
            "valueRenderOption": "UNFORMATTED_VALUE", "majorDimension": "COLUMNS"})
        column = (answer.get("valueRanges", [{}])[0].get("values") or [[]])[0]
        return [v for v in column[place.frame.header_row:] if v not in ("", None)]

    def _handles(self, store, places, ids, final, numbering) -> tuple[list[dict], dict, dict]:
        """Old claims and tokens cleared away, and ours chosen: id → (value, tab, row index, key).

        A tab whose «Итого» takes the new records in, or that keeps sections, gets a claim on the state it was read in
        (its last record): the widened sum is written, and a section's rows inserted, where that read put them, so a
        second session that read the same state at the same moment must not write its own — its claim meets ours,
        Google applies none of it, and it reads again."""
        token = secrets.token_hex(6)
        requests, handles, claims = [], {}, {}
        # a number is claimed for the register, not the tab: on a register kept on a tab per group, two sessions
        # adding to two of its tabs hand out from one run of numbers and must meet at the same claim
        register = min(store.sheet_id(t) for t in [numbering.tab, *(t for t, _ in numbering.beside)]) \
            if numbering is not None else None
        for tab, place in places.items():
            keep_from = place.last - pins.KEEP_CLAIMS
            requests += pins.delete_above(pins.NUMBER_CLAIM, ids[tab], keep_from)
            requests += pins.delete_above(pins.ROW_TOKEN, ids[tab], keep_from)
            if place.claims_state:
                meta_id = pins.claim_id(ids[tab], f"записи до строки {place.last}")
                if meta_id in self.stale_states:  # the state came back (a record deleted): the old claim is spent
                    requests.append(pins.delete(meta_id))
                handles[meta_id] = (f"состояние|{token}", tab, max(place.last - 1, 0), pins.NUMBER_CLAIM)
                claims[meta_id] = STATE_CLAIM
            for i, row in enumerate(final[tab]):
                header = self._handed_out(numbering, tab, i)
                if header is not None:
                    key = row[header]
                    meta_id = pins.claim_id(register, key)
                    handles[meta_id] = (f"{key}|{token}", tab, place.under + i, pins.NUMBER_CLAIM)
                    claims[meta_id] = key
                else:
                    handles[pins.fresh_id()] = (token, tab, place.under + i, pins.ROW_TOKEN)
        return requests, handles, claims

    def _handed_out(self, numbering: Numbering | None, tab: str, index: int) -> str | None:
        """The header of the number this write hands out to the `index`-th row of `tab`, if it hands one out there:
        every row of the numbering tab, and the rows of the register's other tabs that take theirs (NewKey)."""
        if numbering is None:
            return None
        if tab == numbering.tab:
            return numbering.header
        header = dict(numbering.beside).get(tab)
        given = self.rows_by_tab.get(tab, [])
        return header if header is not None and index < len(given) and isinstance(given[index].get(header), NewKey) \
            else None

    def _taken(self, store, claims: dict[int, Any]) -> None:
        """A refused write with claims: if a claim exists with another session's value, its number was taken in
        the same moment — try again with the next one; or the «Итого» was moved by another session's record."""
        found = pins.where(store, claims)
        taken = [claims[i] for i in claims if i in found and found[i][2] != self.handles.get(i)]
        states = [i for i in claims if claims[i] is STATE_CLAIM and i in found and found[i][2] != self.handles.get(i)]
        if states:
            self.stale_states |= set(states)
            raise Retry("На листе в тот же момент добавили запись в другом сеансе; читаю лист заново.")
        if taken:
            tabs = [self.numbering.tab, *(t for t, _ in self.numbering.beside)]
            where = f"на листе «{tabs[0]}»" if len(tabs) == 1 else "в реестре (листы " + ", ".join(
                f"«{t}»" for t in tabs) + ")"
            raise Retry(f"Номер «{taken[0]}» {where} в тот же момент выдан в другом сеансе; беру следующий.")

    def _verify(self, store, data: dict[str, list[dict]], names: dict[str, list[str]], counts: dict[str, int],
                places: Mapping[str, Place]) -> None:
        for tab, before in names.items():
            now = headers_in(store, data, tab)
            if now != before:
                message = (f"Строки добавлены на лист «{tab}», но в тот же момент там изменили столбцы "
                           f"({changed_headers(before, now)}): значения последних {counts.get(tab, 0)} строк могли "
                           "попасть не в свои столбцы. Проверьте их на листе.")
                note_in_journal(store, self.result.get(JOURNAL) or None, message)
                raise WriteMisplaced(message)
        for tab, place in places.items():
            if place.moved(grid_of(data.get(tab, []), 0), counts.get(tab, 0)):
                first, last = place.under + 1, place.under + counts.get(tab, 0)
                message = (f"Строки добавлены на лист «{tab}» (строки {first}–{last}), но в то же мгновение там "
                           "вставили или удалили строки выше: новая запись могла встать не под ту строку"
                           f"{', а сумма «Итого» — не в свою ячейку' if place.totals else ''}. Проверьте эти строки "
                           "на листе.")
                note_in_journal(store, self.result.get(JOURNAL) or None, message)
                raise WriteMisplaced(message)
