"""The Google Sheets store: gspread against the Sheets API v4, values written RAW."""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

import gspread
import requests
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

from ..a1 import cell as a1_cell
from ..a1 import column_letter, quoted
from ..errors import StoreError, StoreUnavailable, UnknownTab
from .base import RowSnapshot, Store, TabData, TabLayout, cells_to_write, row_for_headers, tab_from_grid

GOOGLE_API = "https://sheets.googleapis.com"
SCOPES = ["https://www.googleapis.com/auth/spreadsheets"]
_RETRY_STATUS = {429, 500, 502, 503, 504}
_READ_PARAMS = {"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER"}
_RAW = {"valueInputOption": "RAW"}


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded exponential backoff with full jitter for 429 and 5xx answers."""

    max_attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 16.0

    def delay(self, attempt: int) -> float:
        return random.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))


class RetryingHTTPClient(HTTPClient):
    """gspread's transport with our retries and a configurable API address (for an emulator or proxy)."""

    def __init__(self, auth, session=None, *, api_base: str = GOOGLE_API, policy: RetryPolicy | None = None):
        super().__init__(auth, session)
        self.api_base = api_base.rstrip("/")
        self.policy = policy or RetryPolicy()
        self.timeout = 30

    def request(self, method, endpoint, params=None, data=None, json=None, files=None, headers=None):
        url = endpoint.replace(GOOGLE_API, self.api_base, 1)
        for attempt in range(1, self.policy.max_attempts + 1):
            last = attempt == self.policy.max_attempts
            try:
                response = self.session.request(method=method, url=url, json=json, params=params, data=data,
                                                files=files, headers=headers, timeout=self.timeout)
            except (requests.ConnectionError, requests.Timeout) as exc:
                if last:
                    raise StoreUnavailable(_unreachable(f"нет связи ({type(exc).__name__})")) from exc
                time.sleep(self.policy.delay(attempt))
                continue
            if response.ok:
                return response
            if response.status_code in _RETRY_STATUS:
                if last:
                    raise StoreUnavailable(_unreachable(f"ответ {response.status_code} после {attempt} попыток"))
                time.sleep(self.policy.delay(attempt))
                continue
            raise APIError(response)
        raise AssertionError("unreachable")  # pragma: no cover


def _unreachable(detail: str) -> str:
    return f"Google Таблица сейчас недоступна: {detail}. Показаны последние полученные данные."


class GSheetsStore(Store):
    """One Google Sheet opened by its key; metadata is fetched once per store."""

    def __init__(self, spreadsheet_key: str, auth=None, session: requests.Session | None = None,
                 api_base: str = GOOGLE_API, policy: RetryPolicy | None = None, cache_ttl: float = 60.0) -> None:
        super().__init__(cache_ttl)
        self.key = spreadsheet_key
        factory = partial(RetryingHTTPClient, api_base=api_base, policy=policy)
        self.client = gspread.Client(auth, session=session, http_client=factory)
        self.http: RetryingHTTPClient = self.client.http_client
        self._sheet_ids: dict[str, int] | None = None
        self.label = f"Google Таблица {spreadsheet_key}"
        self.title = "Google Таблица"

    # metadata --------------------------------------------------------------
    def _metadata(self, refresh: bool = False) -> dict[str, int]:
        if self._sheet_ids is None or refresh:
            try:
                meta = self.http.fetch_sheet_metadata(self.key, params={"fields": "properties.title,sheets.properties"})
            except APIError as exc:
                raise _api_error(exc) from exc
            self._sheet_ids = {s["properties"]["title"]: s["properties"]["sheetId"] for s in meta.get("sheets", [])}
        return self._sheet_ids

    def tab_names(self) -> list[str]:
        return list(self._metadata())

    def _should_fall_back(self, exc: Exception) -> bool:
        return isinstance(exc, StoreUnavailable)

    # reading ---------------------------------------------------------------
    def _fetch(self, tabs: list[str]) -> dict[str, TabData]:
        known = self._metadata()
        present = [t for t in tabs if t in known]
        result = {t: TabData(t, [], [], [], exists=False) for t in tabs if t not in known}
        if present:
            try:
                answer = self.http.values_batch_get(self.key, [quoted(t) for t in present], params=dict(_READ_PARAMS))
            except APIError as exc:
                raise _api_error(exc) from exc
            for tab, value_range in zip(present, answer.get("valueRanges", []), strict=True):
                result[tab] = tab_from_grid(tab, value_range.get("values", []))
        return result

    # writing ---------------------------------------------------------------
    def _headers(self, tab: str) -> list[str]:
        cached = self._cache.get(tab)
        if cached and cached[0].exists and cached[0].headers:
            return cached[0].headers
        self._require(tab)
        answer = self.http.values_get(self.key, f"{quoted(tab)}!1:1", params=dict(_READ_PARAMS))
        return [str(h).strip() for h in (answer.get("values") or [[]])[0]]

    def _require(self, tab: str) -> None:
        if tab not in self._metadata():
            raise UnknownTab(f"В таблице нет листа «{tab}». Создайте его: edudesk init создаёт недостающие листы.")

    def _append_many(self, rows_by_tab: dict[str, list[Mapping[str, Any]]]) -> None:
        for tab, rows in rows_by_tab.items():
            headers = self._headers(tab)
            values = [[_json_value(v) for v in row_for_headers(headers, r, tab)] for r in rows]
            params = {**_RAW, "insertDataOption": "INSERT_ROWS"}
            try:
                self.http.values_append(self.key, f"{quoted(tab)}!A1", params=params, body={"values": values})
            except APIError as exc:
                raise _api_error(exc) from exc

    def _update_many(self, key_header: str, updates: list[tuple[RowSnapshot, Mapping[str, Any]]],
                     journal: list[Mapping[str, Any]]) -> None:
        tab = updates[0][0].tab
        self._require(tab)
        ranges = [f"{quoted(tab)}!1:1"] + [f"{quoted(tab)}!{seen.row}:{seen.row}" for seen, _ in updates]
        answer = self.http.values_batch_get(self.key, ranges, params=dict(_READ_PARAMS))
        header_range, *row_ranges = answer["valueRanges"]
        headers = [str(h).strip() for h in (header_range.get("values") or [[]])[0]]
        data = []
        for (seen, changes), row_range in zip(updates, row_ranges, strict=True):
            current = (row_range.get("values") or [[]])[0]
            for col, value in cells_to_write(seen, key_header, headers, current, changes).items():
                data.append({"range": f"{quoted(tab)}!{a1_cell(col, seen.row)}", "values": [[_json_value(value)]]})
        try:
            self.http.values_batch_update(self.key, body={**_RAW, "data": data})
        except APIError as exc:
            raise _api_error(exc) from exc
        if journal:  # values:append can't share a request with values:batchUpdate: the entry follows at once
            self._append_many({"Журнал": journal})

    def _create_tabs(self, layouts: list[TabLayout]) -> None:
        existing = self._metadata(refresh=True)
        new = [lay for lay in layouts if lay.name not in existing]
        if not new:
            return
        adds = [{"addSheet": {"properties": {"title": lay.name, "gridProperties": {"frozenRowCount": 1}}}}
                for lay in new]
        reply = self.http.batch_update(self.key, {"requests": adds})
        ids = [r["addSheet"]["properties"]["sheetId"] for r in reply.get("replies", [])]
        self.http.values_batch_update(self.key, body={**_RAW, "data": [
            {"range": f"{quoted(lay.name)}!A1:{column_letter(len(lay.headers))}1", "values": [lay.headers]}
            for lay in new]})
        formatting = [req for lay, sid in zip(new, ids, strict=True) for req in _format_requests(lay, sid)]
        if formatting:
            self.http.batch_update(self.key, {"requests": formatting})
        self._metadata(refresh=True)

    def cell_url(self, tab: str, a1: str) -> str | None:
        sheet_id = (self._sheet_ids or {}).get(tab)
        if sheet_id is None:
            return None
        return f"https://docs.google.com/spreadsheets/d/{self.key}/edit#gid={sheet_id}&range={a1}"



def _json_value(value: Any) -> Any:
    """A cell value as the API takes it under RAW: text stays text, dates are written as ДД.ММ.ГГГГ."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bool):
        return "да" if value else "нет"
    return value


def _format_requests(layout: TabLayout, sheet_id: int) -> list[dict]:
    requests_ = [{"repeatCell": {
        "range": {"sheetId": sheet_id, "startRowIndex": 0, "endRowIndex": 1},
        "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}},
        "fields": "userEnteredFormat.textFormat.bold"}},
        {"updateDimensionProperties": {
            "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": 0, "endIndex": len(layout.headers)},
            "properties": {"pixelSize": layout.width * 8}, "fields": "pixelSize"}}]
    for col, header in enumerate(layout.headers):
        choices = layout.dropdowns.get(header)
        if choices:
            requests_.append({"setDataValidation": {
                "range": {"sheetId": sheet_id, "startRowIndex": 1, "startColumnIndex": col, "endColumnIndex": col + 1},
                "rule": {"condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": c} for c in choices]},
                         "showCustomUi": True, "strict": False}}})
    return requests_


def _api_error(exc: APIError) -> StoreError:
    status = exc.response.status_code
    if status == 403:
        return StoreError("Нет доступа к Google Таблице: откройте доступ на редактирование для client_email "
                          "сервисного аккаунта (кнопка «Настройки доступа» в таблице).")
    if status == 404:
        return StoreError("Google Таблица не найдена: проверьте spreadsheet_key в .streamlit/secrets.toml.")
    return StoreError(f"Google Таблица ответила ошибкой {status}: {exc.error.get('message', '')}")
