"""The Google Sheets store: gspread against the Sheets API v4.

Reads: the page's tabs as plain values (sheets_values.py): one values:batchGet for what was typed, and for the
columns holding numbers or formulas what they show and give — a fraction of the bytes of the typed grid.
Writes: one spreadsheets.batchUpdate per change (typed cells; the rows of several tabs and the journal entry
together, which Google applies all or nothing), carrying its own handles so that a colleague's rows inserted at
the same moment never make it land in the wrong record (sheets_writes.py, sheets_append.py, sheets_update.py,
sheets_pins.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

import gspread
import requests
from gspread.exceptions import APIError
from gspread.urls import SPREADSHEET_BATCH_UPDATE_URL, SPREADSHEET_URL

from core.platform.a1 import quoted
from core.platform.errors import StoreError, StoreUnavailable, UnknownTab

from . import sheets_lists
from .base import Numbering, OwnedTab, RowSnapshot, Store, TabData, TabLayout
from .merged import Block, sheets_blocks
from .sheets_append import AppendPlan
from .sheets_cells import GRID_FIELDS, grid_of
from .sheets_columns import AddColumnsPlan, DropColumnsPlan
from .sheets_http import GOOGLE_API, RetryingHTTPClient, RetryPolicy, api_error, is_range_error
from .sheets_tab_plans import OwnedTabPlan, TabsPlan
from .sheets_update import UpdatePlan
from .sheets_values import read_tabs
from .sheets_writes import run
from .struck import SHEETS_FIELDS as STRUCK_FIELDS
from .struck import sheets_struck
from .typed import tab_from_cells

SCOPES = ["https://www.googleapis.com/auth/spreadsheets"]
__all__ = ["GOOGLE_API", "SCOPES", "GSheetsStore", "RetryPolicy", "RetryingHTTPClient"]


class GSheetsStore(Store):
    abroad = True  # Google's data centres: none in Russia
    moves_totals = True  # sheets_append: rows inserted above the «Итого», its sums widened in the same request
    moves_sections = True  # sheets_append: a department's record inserted under its own section (core.store.placing)

    """One Google Sheet opened by its key."""

    def __init__(self, spreadsheet_key: str, auth=None, session: requests.Session | None = None,
                 api_base: str = GOOGLE_API, policy: RetryPolicy | None = None, cache_ttl: float = 60.0) -> None:
        super().__init__(cache_ttl)
        self.key = spreadsheet_key
        factory = partial(RetryingHTTPClient, api_base=api_base, policy=policy)
        self.client = gspread.Client(auth, session=session, http_client=factory)
        self.http: RetryingHTTPClient = self.client.http_client
        self._sheet_ids: dict[str, int] | None = None
        self.grid_sizes: dict[str, tuple[int, int]] = {}  # rows and columns of each tab's grid, as last listed
        self._blocks: dict[str, tuple[float, list[Block]]] = {}  # tab → (when asked, its merged blocks)
        self._struck: dict[str, tuple[float, set]] = {}  # tab → (when asked, its struck cells)
        self._sheet_ids_at = 0.0
        self._sheet_ids_doubtful = False  # after «Обновить данные»: confirmed by the next read, or read again
        self.label = f"Google Таблица {spreadsheet_key}"
        self.title = "Google Таблица"

    # the list of tabs ------------------------------------------------------------------------------------
    def _metadata(self, refresh: bool = False) -> dict[str, int]:
        if self._sheet_ids is None or refresh:
            meta = self.get_spreadsheet({"fields": "sheets/properties(sheetId,title,gridProperties(rowCount,columnCount))"})
            self._sheet_ids = {s["properties"]["title"]: s["properties"]["sheetId"] for s in meta.get("sheets", [])}
            self.grid_sizes = {s["properties"]["title"]: (s["properties"].get("gridProperties", {}).get("rowCount", 0),
                                                          s["properties"].get("gridProperties", {}).get("columnCount", 0))
                               for s in meta.get("sheets", [])}
            self._sheet_ids_at = time.monotonic()
            self._sheet_ids_doubtful = False
        return self._sheet_ids

    def sheet_id(self, tab: str) -> int:
        ids = self._metadata()
        if tab not in ids:
            ids = self._metadata(refresh=True)
        if tab not in ids:
            raise UnknownTab(f"В таблице нет листа «{tab}» (его переименовали или удалили?). Создайте его: "
                             "edudesk init создаёт недостающие листы.")
        return ids[tab]

    def tab_names(self) -> list[str]:
        return list(self._metadata(refresh=True))

    def has_tab(self, tab: str) -> bool | None:
        if self._sheet_ids is not None and not self._sheet_ids_doubtful:
            return tab in self._sheet_ids
        return super().has_tab(tab)

    def cached_headers(self, tab: str) -> list[str] | None:
        """The header row as the page last read it (where an update expects its columns), if read."""
        entry = self._cache.get(tab)
        return list(entry[0].headers) if entry and entry[0].exists else None

    def cached_last_row(self, tab: str) -> int | None:
        """The row of the last record as the page last read the tab (where a new one is looked for), if read."""
        entry = self._cache.get(tab)
        return entry[0].row_numbers[-1] if entry and entry[0].exists and entry[0].row_numbers else None

    def invalidate(self, tabs=None) -> None:
        super().invalidate(tabs)
        for tab in list(self._blocks) + list(self._struck) if tabs is None else tabs:
            self._blocks.pop(tab, None)
            self._struck.pop(tab, None)
        if tabs is None:  # «Обновить данные»: tabs renamed, added or removed are seen again
            self._sheet_ids_doubtful = True

    def _should_fall_back(self, exc: Exception) -> bool:
        return isinstance(exc, StoreUnavailable)

    # requests ----------------------------------------------------------------------------------------------
    def get_spreadsheet(self, params: dict) -> dict:
        try:
            return self.http.fetch_sheet_metadata(self.key, params=params)
        except APIError as exc:
            raise api_error(exc, writing=False) from exc

    def grids(self, ranges: list[str]) -> dict[str, list[list[Any]]]:
        """Decoded cells of A1 ranges (one request); by tab title. Raises APIError for a range Google can't parse."""
        answer = self.http.fetch_sheet_metadata(self.key, params={"ranges": ranges, "fields": GRID_FIELDS})
        return {s["properties"]["title"]: grid_of(s.get("data", []), 0) for s in answer.get("sheets", [])}

    def batch_update(self, body: dict, fields: str | None = None) -> dict:
        """One spreadsheets.batchUpdate; RateLimited / AnswerLost / APIError come back to the caller."""
        url = SPREADSHEET_BATCH_UPDATE_URL % self.key
        return self.http.request("post", url, json=body, params={"fields": fields} if fields else None).json()

    # reading ---------------------------------------------------------------------------------------------
    def _fetch(self, tabs: list[str]) -> dict[str, TabData]:
        known = self._metadata()
        old = self._sheet_ids_doubtful or time.monotonic() - self._sheet_ids_at > self._cache_ttl
        if old and any(t not in known for t in tabs):
            known = self._metadata(refresh=True)  # a tab added since the list was read
        # A list of tabs we doubt is confirmed by the read itself: a tab renamed or removed fails its range.
        try:
            return self._read_present(tabs, known)
        except APIError as exc:
            if not is_range_error(exc):
                raise api_error(exc, writing=False) from exc
        # a tab was renamed or removed since the list was read: read the list again, then the tabs
        try:
            return self._read_present(tabs, self._metadata(refresh=True))
        except APIError as exc:
            raise api_error(exc, writing=False) from exc

    def _read_present(self, tabs: list[str], known: Mapping[str, int]) -> dict[str, TabData]:
        result = {t: TabData(t, [], [], [], exists=False) for t in tabs if t not in known}
        present = [t for t in tabs if t in known]
        if present:
            grids = read_tabs(self, present)
            self._sheet_ids_doubtful = False
            for tab in present:
                result[tab] = tab_from_cells(tab, grids[tab], frame=self.frame_of(tab)) if tab in grids \
                    else TabData(tab, [], [], [], False)
        return result

    def mark_columns(self, key: str, marks: Mapping[str, Mapping[int, str]]) -> None:
        """Developer metadata on each column (it stays with the column when columns are inserted, deleted or the
        header renamed; deleted with the column): the old marks of `key` deleted and the new ones made in one
        batchUpdate, all or nothing."""
        requests = [{"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": {"metadataKey": key}}}}]
        for tab, columns in marks.items():
            sheet_id = self.sheet_id(tab)
            for column, value in columns.items():
                requests.append({"createDeveloperMetadata": {"developerMetadata": {
                    "metadataKey": key, "metadataValue": value, "visibility": "DOCUMENT",
                    "location": {"dimensionRange": {"sheetId": sheet_id, "dimension": "COLUMNS",
                                                    "startIndex": column, "endIndex": column + 1}}}}})
        try:
            self.batch_update({"requests": requests})
        except APIError as exc:
            raise api_error(exc, writing=True, where="метки столбцов") from exc

    def column_marks(self, key: str) -> dict[str, tuple[str, int]]:
        url = f"{SPREADSHEET_URL % self.key}/developerMetadata:search"
        body = {"dataFilters": [{"developerMetadataLookup": {"metadataKey": key}}]}
        try:
            answer = self.http.request("post", url, json=body).json()
        except APIError as exc:
            raise api_error(exc, writing=False) from exc
        titles = {sheet_id: title for title, sheet_id in self._metadata(refresh=True).items()}
        found = {}
        for match in answer.get("matchedDeveloperMetadata", []):
            meta = match.get("developerMetadata", {})
            span = meta.get("location", {}).get("dimensionRange", {})
            if span.get("dimension") == "COLUMNS" and span.get("sheetId", 0) in titles:
                found[meta.get("metadataValue", "")] = (titles[span.get("sheetId", 0)], span.get("startIndex", 0))
        return found

    def raw_grids(self, tabs: Sequence[str]) -> dict[str, list[list[Any]] | None]:
        """Every cell of these tabs from A1 (title rows and all), in one request; None for a tab that isn't there."""
        known = self._metadata(refresh=True)
        present = [t for t in tabs if t in known]
        try:
            grids = self.grids([quoted(t) for t in present]) if present else {}
        except APIError as exc:
            raise api_error(exc, writing=False) from exc
        return {t: grids.get(t, []) if t in known else None for t in tabs}

    def merged_blocks(self, tabs: Sequence[str], fresh: bool = False) -> dict[str, list[Block]]:
        """The tabs' merged blocks: one spreadsheets.get for the tabs not asked within the cache's time (a read of
        the page does not cost a request more each time), all of them now when `fresh`."""
        return self._formats(self._blocks, tabs, fresh, "sheets(properties(title),merges)", sheets_blocks, list)

    def struck_cells(self, tabs: Sequence[str], fresh: bool = False) -> dict[str, set[tuple[int, int]]]:
        """The tabs' struck cells, asked apart from the merges: a write's check asks for those alone, and cheaply."""
        return self._formats(self._struck, tabs, fresh, STRUCK_FIELDS, sheets_struck, set)

    def _formats(self, cache: dict[str, tuple[float, Any]], tabs: Sequence[str], fresh: bool, fields: str,
                 parse: Callable[[Mapping[str, Any]], Mapping[str, Any]], empty: Callable[[], Any]) -> dict[str, Any]:
        now = time.monotonic()
        wanted = [t for t in tabs if fresh or now - cache.get(t, (-1e9, None))[0] > self._cache_ttl]
        known = self._metadata()
        asked = [t for t in wanted if t in known]
        if asked:
            found = parse(self.get_spreadsheet({"ranges": [quoted(t) for t in asked], "fields": fields}))
            for tab in asked:
                cache[tab] = (now, found.get(tab) or empty())
        return {t: cache[t][1] for t in tabs if t in cache}

    def drop_downs(self, tabs: Sequence[str]) -> dict[str, dict[int, list[str]]]:
        known = self._metadata(refresh=True)
        try:
            return sheets_lists.drop_downs(self, [t for t in tabs if t in known])
        except APIError as exc:
            raise api_error(exc, writing=False) from exc

    # writing ---------------------------------------------------------------------------------------------
    def _append_many(self, rows_by_tab: dict[str, list[dict]], numbering: Numbering | None = None,
                     journal=None) -> dict[str, list[dict]]:
        return run(self, AppendPlan(rows_by_tab, numbering, journal))

    def _update_many(self, key_header: str, updates: list[tuple[RowSnapshot, Mapping[str, Any]]],
                     journal: list[Mapping[str, Any]]) -> None:
        run(self, UpdatePlan(key_header, updates, journal))

    def _create_tabs(self, layouts: list[TabLayout]) -> None:
        existing = self._metadata(refresh=True)
        folded = {name.casefold(): name for name in existing}
        clash = [lay.name for lay in layouts if lay.name not in existing and lay.name.casefold() in folded]
        if clash:
            raise StoreError(f"В таблице уже есть лист «{folded[clash[0].casefold()]}», который отличается от "
                             f"нужного «{clash[0]}» только регистром букв. Переименуйте его в «{clash[0]}».")
        new = [lay for lay in layouts if lay.name not in existing]
        if new:
            run(self, TabsPlan(new, set(existing.values())))
        self._metadata(refresh=True)

    def _write_owned_tab(self, tab: OwnedTab, journal: list[Mapping[str, Any]]) -> None:
        run(self, OwnedTabPlan(tab, journal))
        if tab.name not in (self._sheet_ids or {}):
            self._metadata(refresh=True)

    def drop_columns(self, tab: str, headers: Sequence[str]) -> None:
        with self._write_lock:
            try:
                run(self, DropColumnsPlan(tab, list(headers)))
            finally:
                self.invalidate([tab])
                self._metadata(refresh=True)

    def add_columns(self, tab: str, headers: Sequence[str]) -> None:
        with self._write_lock:
            self._metadata(refresh=True)  # the grid's width, as it is now
            try:
                run(self, AddColumnsPlan(tab, list(headers)))
            finally:
                self.invalidate([tab])
                self._metadata(refresh=True)

    def cell_url(self, tab: str, a1: str) -> str | None:
        sheet_id = (self._sheet_ids or {}).get(tab)
        if sheet_id is None:
            return None
        return f"https://docs.google.com/spreadsheets/d/{self.key}/edit#gid={sheet_id}&range={a1}"
