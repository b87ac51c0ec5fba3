"""A local emulator of the Google Sheets API v4, served over real HTTP on 127.0.0.1 for gspread and the store.

It answers the way the real API does where EduDesk depends on it — held against real recorded Google traffic
by tests/store/test_recordings_replay.py — and lets a test act as a colleague editing the sheet (typing, inserting
rows and columns, renaming tabs, protecting ranges) and as the network failing (429/5xx, answers lost after
the change was applied, slow answers), at any moment, including between two requests of one write.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import values
from .api import SheetsApi, kind_of
from .defaults import QUOTA_MESSAGE, service_disabled
from .formulas import on_sheet
from .grid import ApiError, Sheet, Spreadsheet, column_letters, parse_range
from .values import Cell, date_to_serial, effective, formatted, parse_typed

__all__ = ["ApiError", "Fault", "SheetsEmulator"]

_FAULT_TEXT = {429: QUOTA_MESSAGE, 500: "Internal error encountered.", 502: "Bad Gateway",
               503: "The service is currently unavailable.", 504: "Deadline exceeded."}


@dataclass
class Fault:
    status: int
    kinds: tuple[str, ...] | None = None  # None: any request
    applied: bool = False  # True: the change is made, then the answer is lost
    delay: float = 0.0  # seconds before answering (after applying)

    def matches(self, kind: str) -> bool:
        return self.kinds is None or kind in self.kinds


class SheetsEmulator:
    # Request kinds that change the sheet, and those that read cells, whichever endpoint a client uses.
    WRITES = ("batch_update", "values_append", "values_update", "values_batch_update", "values_clear")
    READS = ("grid_get", "values_get", "values_batch_get")

    def __init__(self, spreadsheet_key: str = "test-key", title: str = "EduDesk", locale: str = "ru_RU") -> None:
        self.api = SheetsApi()
        self.key = spreadsheet_key
        self.book: Spreadsheet = Spreadsheet(spreadsheet_key, title, locale=locale, time_zone="Europe/Moscow")
        self.api.books[spreadsheet_key] = self.book
        self.requests: list[tuple[str, str]] = []  # (method, kind) of every API request, in order
        self.bodies: list[tuple[str, dict, dict]] = []  # (kind, query, body)
        self._faults: list[Fault] = []
        self._fail_until = 0.0
        self._fail_status = 429
        self._fail_kinds: tuple[str, ...] | None = None
        self._hooks: list[tuple[str, tuple[str, ...], Callable[[SheetsEmulator], None]]] = []
        self._forced: tuple[int, str, list, str] | None = None
        # (error, description) the OAuth token endpoint answers instead of a token, as for a deleted key
        self.token_refusal: tuple[str, str] | None = None
        self._lose: tuple[float, tuple[str, ...], random.Random] | None = None
        self._lock = threading.RLock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # lifecycle -------------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> SheetsEmulator:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        values.CLOCK[0] = None

    def set_clock(self, moment: datetime | None) -> None:
        """Fix what NOW() and TODAY() return (None: the real time)."""
        values.CLOCK[0] = moment

    # a colleague at the sheet --------------------------------------------------------------------------------
    def add_sheet(self, title: str, rows: list[list[Any]] | None = None) -> Sheet:
        with self._lock:
            sheet = Sheet(1000 + len(self.book.sheets), title)
            self.book.sheets.append(sheet)
            for r, line in enumerate(rows or []):
                for c, value in enumerate(line):
                    if value not in (None, ""):
                        sheet.put(r, c, _typed(value))
            return sheet

    def sheet(self, title: str) -> Sheet:
        return self.book.sheet_named(title)

    def set_cell(self, title: str, row: int, col: int, value: Any, number_format: dict | None = None) -> None:
        """Put a typed value into a cell (1-based): a date becomes a date cell, a str stays text."""
        with self._lock:
            cell = _typed(value)
            if number_format is not None:
                cell.number_format = number_format
            self.sheet(title).put(row - 1, col - 1, cell)

    def type_cell(self, title: str, row: int, col: int, text: str) -> None:
        """A person types into a cell: «01.03.2026» becomes a date, «80%» a percentage, «=ТДАТА()» a formula."""
        with self._lock:
            self.sheet(title).put(row - 1, col - 1, parse_typed(text, self.book.locale))

    def checkboxes(self, title: str, col: int, first: int, last: int) -> None:
        """Staff insert checkboxes into a column from row `first` to `last` (1-based): unticked boxes, FALSE
        values with a BOOLEAN validation rule, as «Вставка → Флажок» makes them."""
        with self._lock:
            sheet = self.sheet(title)
            for r in range(first - 1, last):
                sheet.put(r, col - 1, Cell(value=False))
            sheet.validations.append({"range": {"sheetId": sheet.sheet_id, "startRowIndex": first - 1,
                                                "endRowIndex": last, "startColumnIndex": col - 1,
                                                "endColumnIndex": col},
                                      "rule": {"condition": {"type": "BOOLEAN"}}})

    def fill_down(self, title: str, col: int, first: int, last: int, formula: str) -> None:
        """Staff type a formula into row `first` and drag it down to row `last` (references move with each row)."""
        from .refs import shift_formula

        with self._lock:
            sheet = self.sheet(title)
            for r in range(first - 1, last):
                sheet.put(r, col - 1, Cell(formula=shift_formula(formula, r - first + 1, 0)))

    def has_checkbox(self, title: str, row: int, col: int) -> bool:
        rule = self.sheet(title).rule_at(row - 1, col - 1)
        return rule is not None and rule["condition"]["type"] == "BOOLEAN"

    def formula(self, title: str, row: int, col: int) -> str | None:
        cell = self.sheet(title).cell(row - 1, col - 1)
        return None if cell is None else cell.formula

    def add_spreadsheet(self, key: str, title: str = "EduDesk") -> None:
        """Another spreadsheet on the same server (a fresh sheet for each run of a test)."""
        with self._lock:
            self.api.books[key] = Spreadsheet(key, title, locale=self.book.locale, time_zone="Europe/Moscow")

    def lose_answers(self, rate: float, kinds: tuple[str, ...] = ("batch_update",), seed: int = 0) -> None:
        """From now on each matching request is applied and its answer lost (500) with probability `rate`."""
        self._lose = (rate, kinds, random.Random(seed))

    def insert_row(self, title: str, before: int, values: list[Any] = ()) -> None:
        """A colleague inserts a row above row `before` (1-based) and fills it."""
        with self._lock:
            sheet = self.sheet(title)
            self.book.insert(sheet, "ROWS", before - 1, 1)
            for c, value in enumerate(values):
                if value not in (None, ""):
                    sheet.put(before - 1, c, _typed(value))

    def insert_column(self, title: str, before: int, header: str = "") -> None:
        """A colleague inserts a column left of column `before` (1-based) and names it."""
        with self._lock:
            sheet = self.sheet(title)
            self.book.insert(sheet, "COLUMNS", before - 1, 1)
            if header:
                sheet.put(0, before - 1, Cell(value=header))

    def delete_column(self, title: str, column: int) -> None:
        """A colleague deletes column `column` (1-based)."""
        with self._lock:
            self.book.delete(self.sheet(title), "COLUMNS", column - 1, column)

    def delete_row(self, title: str, row: int) -> None:
        with self._lock:
            self.book.delete(self.sheet(title), "ROWS", row - 1, row)

    def rename_sheet(self, old: str, new: str) -> None:
        with self._lock:
            self.sheet(old).title = new

    def remove_sheet(self, title: str) -> None:
        with self._lock:
            self.book.sheets.remove(self.sheet(title))

    def protect(self, title: str, a1: str, description: str = "") -> None:
        """The owner protects a range; the app's service account is not among its editors."""
        with self._lock:
            rng = parse_range(self.book, f"'{title}'!{a1}")
            row0, col0, row_end, col_end = rng.bounded()
            rng.sheet.protected.append({"protectedRangeId": 777, "description": description or None,
                                        "requestingUserCanEdit": False,
                                        "range": {"sheetId": rng.sheet.sheet_id, "startRowIndex": row0,
                                                  "endRowIndex": row_end, "startColumnIndex": col0,
                                                  "endColumnIndex": col_end}})

    def value(self, title: str, row: int, col: int) -> Any:
        """The effective value of a cell (1-based), "" when empty."""
        cell = self.sheet(title).cell(row - 1, col - 1)
        if cell is None or not cell.has_value():
            return ""
        with on_sheet(self.sheet(title)):
            return effective(cell, None, self.book.locale)

    cell = value  # the name older tests use

    def shown(self, title: str, row: int, col: int) -> str:
        """What a person sees in the cell."""
        cell = self.sheet(title).cell(row - 1, col - 1)
        with on_sheet(self.sheet(title)):
            return "" if cell is None else formatted(cell, self.book.locale)

    def number_format(self, title: str, row: int, col: int) -> dict | None:
        cell = self.sheet(title).cell(row - 1, col - 1)
        return None if cell is None else cell.number_format

    def grid(self, title: str) -> list[list[Any]]:
        """Effective values of the whole sheet, rows trimmed, "" for empty cells."""
        sheet = self.sheet(title)
        out = []
        for r in range(len(sheet.rows)):
            out.append([self.value(title, r + 1, c + 1) for c in range(len(sheet.rows[r]))])
        while out and not any(v != "" for v in out[-1]):
            out.pop()
        return out

    def column_of(self, title: str, header: str) -> str:
        row = [self.value(title, 1, c + 1) for c in range(self.sheet(title).column_count)]
        return column_letters(row.index(header) + 1)

    # the network ---------------------------------------------------------------------------------------------
    def fail_next(self, count: int, status: int = 429, kinds: tuple[str, ...] | None = None,
                  applied: bool = False, delay: float = 0.0) -> None:
        """The next `count` matching requests fail with `status`; with applied=True the change is made first."""
        self._faults += [Fault(status, kinds, applied, delay) for _ in range(count)]

    def delay_next(self, seconds: float, kinds: tuple[str, ...] | None = None) -> None:
        """The next matching request is applied and answered only after `seconds` (a client timeout)."""
        self._faults.append(Fault(200, kinds, True, seconds))

    def fail_for(self, seconds: float, status: int = 429, kinds: tuple[str, ...] | None = None) -> None:
        self._fail_until = time.monotonic() + seconds
        self._fail_status = status
        self._fail_kinds = kinds

    def pass_time(self, seconds: float) -> None:
        """The failures `fail_for` set up, as if `seconds` had gone by (a 30-second outage without waiting for it)."""
        self._fail_until -= seconds

    def disable_api(self) -> None:
        """Every request answers 403 SERVICE_DISABLED, as when the Sheets API is off in the Cloud project."""
        self._forced = service_disabled()

    def before(self, kinds: str | tuple[str, ...], action: Callable[[SheetsEmulator], None]) -> None:
        """Run `action` once, just before the next request of these kinds is handled."""
        self._hooks.append(("before", (kinds,) if isinstance(kinds, str) else kinds, action))

    def after(self, kinds: str | tuple[str, ...], action: Callable[[SheetsEmulator], None]) -> None:
        """Run `action` once, just after the next request of these kinds is handled (before it is answered)."""
        self._hooks.append(("after", (kinds,) if isinstance(kinds, str) else kinds, action))

    def count(self, kind: str | None = None) -> int:
        return sum(1 for _, k in self.requests if kind is None or k == kind)

    def reset_counts(self) -> None:
        self.requests.clear()
        self.bodies.clear()

    @property
    def value_input_options(self) -> list[str]:
        out = []
        for kind, query, body in self.bodies:
            if kind in ("values_update", "values_append"):
                out.append(query.get("valueInputOption", [""])[0])
            elif kind == "values_batch_update":
                out.append(body.get("valueInputOption", ""))
        return out

    # request handling ---------------------------------------------------------------------------------------
    def _run_hooks(self, when: str, kind: str) -> None:
        with self._lock:
            due = [h for h in self._hooks if h[0] == when and kind in h[1]]
            for hook in due:
                self._hooks.remove(hook)
        for hook in due:
            hook[2](self)

    def handle(self, method: str, path: str, query: dict, body: dict) -> tuple[int, dict, float]:
        if path == "/token":
            self.requests.append((method, "token"))
            if self.token_refusal is not None:  # a key deleted in the Cloud Console: Google's OAuth answer
                error, description = self.token_refusal
                return 400, {"error": error, "error_description": description}, 0.0
            return 200, {"access_token": "emulator-token", "expires_in": 3600, "token_type": "Bearer"}, 0.0
        if not path.startswith("/v4/spreadsheets/"):
            return 404, ApiError(404, "Not found").body, 0.0
        tail = path[len("/v4/spreadsheets/"):]
        cut = min([i for i in (tail.find("/"), tail.find(":")) if i >= 0], default=len(tail))
        key, rest = tail[:cut], tail[cut:]
        kind = kind_of(method, rest, query)
        with self._lock:
            self.requests.append((method, kind))
            self.bodies.append((kind, query, body))
        # A colleague acts as the request arrives, whatever its fate; outside the lock, so that a test can
        # hold one request back while others go on, as Google serves requests side by side.
        self._run_hooks("before", kind)
        with self._lock:
            answer = self._answer(method, key, rest, query, body, kind)
        self._run_hooks("after", kind)
        return answer

    def _answer(self, method: str, key: str, rest: str, query: dict, body: dict, kind: str):
        if self._forced:
            status, message, details, state = self._forced
            return status, ApiError(status, message, details, state).body, 0.0
        fault = next((f for f in self._faults if f.matches(kind)), None)
        if fault is not None:
            self._faults.remove(fault)
        elif self._lose is not None and kind in self._lose[1] and self._lose[2].random() < self._lose[0]:
            fault = Fault(500, None, True)
        if fault is not None and not fault.applied:
            return fault.status, ApiError(fault.status, _FAULT_TEXT.get(fault.status, "Error")).body, fault.delay
        if time.monotonic() < self._fail_until and (self._fail_kinds is None or kind in self._fail_kinds):
            status = self._fail_status
            return status, ApiError(status, _FAULT_TEXT.get(status, "Error")).body, 0.0
        try:
            answer = self.api.handle(method, key, rest, query, body)
            status = 200
        except ApiError as exc:
            answer, status = exc.body, exc.code
        if fault is not None:  # applied, and then the answer is lost or late
            if fault.status != 200:
                return fault.status, ApiError(fault.status, _FAULT_TEXT.get(fault.status, "Error")).body, fault.delay
            return status, answer, fault.delay
        return status, answer, 0.0

    def _handler(self):
        emulator = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out in two writes: without TCP_NODELAY each answer waits for the client's
            # delayed ACK (40 ms on Linux), which Google's servers don't make anyone wait
            disable_nagle_algorithm = True

            def log_message(self, *args):  # keep test output quiet
                pass

            def _body(self) -> dict:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                if "json" not in (self.headers.get("Content-Type") or ""):
                    return {}  # the token endpoint gets a form; its fields don't matter here
                return json.loads(raw or b"{}")

            def _dispatch(self, method: str) -> None:
                split = urlsplit(self.path)
                query = parse_qs(split.query, keep_blank_values=True)
                body = self._body() if method in ("POST", "PUT") else {}
                status, payload, delay = emulator.handle(method, split.path, query, body)
                if delay:
                    time.sleep(delay)
                # Google indents its JSON by two spaces (the recordings show it) unless asked for prettyPrint=false,
                # a standard system parameter of its APIs
                compact = query.get("prettyPrint", ["true"])[0].lower() == "false"
                data = json.dumps(payload, ensure_ascii=False, indent=None if compact else 2,
                                  separators=(",", ":") if compact else None).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=UTF-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
                    pass

            def do_GET(self):
                self._dispatch("GET")

            def do_POST(self):
                self._dispatch("POST")

            def do_PUT(self):
                self._dispatch("PUT")

            def do_DELETE(self):
                self._dispatch("DELETE")

        return Handler


def _typed(value: Any) -> Cell:
    """A Python value as a cell a person would have made: dates as dates, numbers as numbers, text as text."""
    if isinstance(value, Cell):
        return value
    if isinstance(value, datetime):
        return Cell(value=date_to_serial(value), number_format={"type": "DATE_TIME", "pattern": "dd.mm.yyyy hh:mm"})
    if isinstance(value, date):
        return Cell(value=date_to_serial(value), number_format={"type": "DATE", "pattern": "dd.mm.yyyy"})
    if isinstance(value, Decimal):
        return Cell(value=float(value))
    return Cell(value=value)
