"""A small local emulator of the Google Sheets v4 endpoints EduDesk's store uses.

Served on 127.0.0.1 by the tests so that the real gspread client talks real HTTP to it. It counts
requests, can answer 429/5xx on demand, and lets a test edit the sheet "as a colleague" between
the app's read and its write. Values entered with USER_ENTERED that start with «=» become
formulas (as in Google), so a test can tell a RAW write from a parsed one.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass
class Formula:
    text: str


@dataclass
class Sheet:
    sheet_id: int
    title: str
    grid: list[list[Any]] = field(default_factory=list)
    properties: dict = field(default_factory=dict)  # what batchUpdate set (frozen rows, validations…)


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


_CELL = re.compile(r"^([A-Za-z]*)(\d*)$")


def parse_range(text: str) -> tuple[str, int, int, int | None, int | None]:
    """'Tab'!B2:D5 → (tab, row0, col0, row_end, col_end) with 0-based starts and exclusive ends."""
    text = unquote(text)
    if text.startswith("'"):
        i, name = 1, ""
        while i < len(text):
            if text[i] == "'" and text[i + 1 : i + 2] == "'":
                name += "'"
                i += 2
            elif text[i] == "'":
                i += 1
                break
            else:
                name += text[i]
                i += 1
        rest = text[i:]
    else:
        name, _, rest = text.partition("!")
        rest = "!" + rest if rest else ""
    if not rest:
        return name, 0, 0, None, None
    first, _, second = rest[1:].partition(":")
    m1, m2 = _CELL.match(first), _CELL.match(second or first)
    col0 = _col_index(m1[1]) - 1 if m1[1] else 0
    row0 = int(m1[2]) - 1 if m1[2] else 0
    col_end = _col_index(m2[1]) if m2[1] else None
    row_end = int(m2[2]) if m2[2] else None
    return name, row0, col0, row_end, col_end


class SheetsEmulator:
    def __init__(self, spreadsheet_key: str = "test-key", title: str = "EduDesk") -> None:
        self.key = spreadsheet_key
        self.title = title
        self.sheets: list[Sheet] = []
        self.requests: list[tuple[str, str]] = []  # (method, kind)
        self.value_input_options: list[str] = []
        self._failures: list[int] = []
        self._fail_until = 0.0
        self._fail_status = 429
        self._lock = threading.RLock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # lifecycle ---------------------------------------------------------------
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

    # test controls -----------------------------------------------------------
    def add_sheet(self, title: str, rows: list[list[Any]] | None = None) -> Sheet:
        with self._lock:
            sheet = Sheet(sheet_id=1000 + len(self.sheets), title=title, grid=[list(r) for r in rows or []])
            self.sheets.append(sheet)
            return sheet

    def sheet(self, title: str) -> Sheet:
        return next(s for s in self.sheets if s.title == title)

    def set_cell(self, title: str, row: int, col: int, value: Any) -> None:
        """A colleague types into a cell (1-based row and column)."""
        with self._lock:
            grid = self.sheet(title).grid
            while len(grid) < row:
                grid.append([])
            line = grid[row - 1]
            line += [""] * (col - len(line))
            line[col - 1] = value

    def insert_row(self, title: str, before: int, values: list[Any]) -> None:
        """A colleague inserts a row above row `before` (1-based)."""
        with self._lock:
            self.sheet(title).grid.insert(before - 1, list(values))

    def fail_next(self, count: int, status: int = 429) -> None:
        self._failures += [status] * count

    def fail_for(self, seconds: float, status: int = 429) -> None:
        self._fail_until = time.monotonic() + seconds
        self._fail_status = status

    def count(self, kind: str | None = None) -> int:
        return sum(1 for _, k in self.requests if kind is None or k == kind)

    def reset_counts(self) -> None:
        self.requests.clear()

    # request handling --------------------------------------------------------
    def _handler(self):
        emulator = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def _body(self) -> dict:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                if "json" not in (self.headers.get("Content-Type") or ""):
                    return {}  # the token endpoint gets a form; its fields don't matter here
                return json.loads(raw or b"{}")

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _dispatch(self, method: str) -> None:
                split = urlsplit(self.path)
                query = parse_qs(split.query)
                body = self._body() if method in ("POST", "PUT") else {}
                status, payload = emulator.handle(method, split.path, query, body)
                self._send(status, payload)

            def do_GET(self):
                self._dispatch("GET")

            def do_POST(self):
                self._dispatch("POST")

            def do_PUT(self):
                self._dispatch("PUT")

        return Handler

    def handle(self, method: str, path: str, query: dict, body: dict) -> tuple[int, dict]:
        if path == "/token":
            self.requests.append((method, "token"))
            return 200, {"access_token": "emulator-token", "expires_in": 3600, "token_type": "Bearer"}
        prefix = f"/v4/spreadsheets/{self.key}"
        if not path.startswith("/v4/spreadsheets/"):
            return 404, _error(404, "Not found")
        if not path.startswith(prefix):
            return 404, _error(404, "Requested entity was not found.")
        rest = unquote(path[len(prefix):])
        kind = _kind(method, rest)
        if kind == "unknown":
            return 404, _error(404, "Not found")
        with self._lock:
            self.requests.append((method, kind))
            if self._failures:
                status = self._failures.pop(0)
                return status, _error(status, "Quota exceeded" if status == 429 else "Backend error")
            if time.monotonic() < self._fail_until:
                return self._fail_status, _error(self._fail_status, "Quota exceeded")
            try:
                return 200, getattr(self, "_" + kind)(rest, query, body)
            except KeyError as exc:
                return 400, _error(400, f"Unable to parse range: {exc}")

    # endpoints -----------------------------------------------------------------
    def _metadata(self, rest, query, body) -> dict:
        return {"spreadsheetId": self.key, "properties": {"title": self.title, "locale": "ru_RU"},
                "sheets": [{"properties": {"sheetId": s.sheet_id, "title": s.title, "index": i, "sheetType": "GRID",
                                           "gridProperties": {"rowCount": max(1000, len(s.grid)), "columnCount": 26,
                                                              **s.properties.get("grid", {})}}}
                           for i, s in enumerate(self.sheets)]}

    def _values_get(self, rest, query, body) -> dict:
        return self._read_range(rest[len("/values/"):])

    def _values_batch_get(self, rest, query, body) -> dict:
        return {"spreadsheetId": self.key, "valueRanges": [self._read_range(r) for r in query.get("ranges", [])]}

    def _values_update(self, rest, query, body) -> dict:
        option = query.get("valueInputOption", [""])[0]
        self._write(rest[len("/values/"):], body.get("values", []), option)
        return {"spreadsheetId": self.key}

    def _values_batch_update(self, rest, query, body) -> dict:
        option = body.get("valueInputOption", "")
        for item in body.get("data", []):
            self._write(item["range"], item.get("values", []), option)
        return {"spreadsheetId": self.key, "totalUpdatedCells": sum(len(i.get("values", [])) for i in body["data"])}

    def _values_append(self, rest, query, body) -> dict:
        option = query.get("valueInputOption", [""])[0]
        name = parse_range(rest[len("/values/"):-len(":append")])[0]
        sheet = self._sheet_or_raise(name)
        last = max((i + 1 for i, r in enumerate(sheet.grid) if any(v not in ("", None) for v in r)), default=0)
        del sheet.grid[last:]  # INSERT_ROWS: new rows go right after the table
        self.value_input_options.append(option)
        for row in body.get("values", []):
            sheet.grid.append([self._entered(v, option) for v in row])
        return {"spreadsheetId": self.key, "updates": {"updatedRows": len(body.get("values", []))}}

    def _batch_update(self, rest, query, body) -> dict:
        replies = []
        for req in body.get("requests", []):
            if "addSheet" in req:
                props = req["addSheet"].get("properties", {})
                sheet = self.add_sheet(props["title"])
                sheet.properties["grid"] = props.get("gridProperties", {})
                replies.append({"addSheet": {"properties": {"sheetId": sheet.sheet_id, "title": sheet.title}}})
            else:
                name = next(iter(req))
                sheet_id = _find_sheet_id(req[name])
                target = next((s for s in self.sheets if s.sheet_id == sheet_id), None)
                if target is not None:
                    target.properties.setdefault("requests", []).append(req)
                replies.append({})
        return {"spreadsheetId": self.key, "replies": replies}

    # helpers -------------------------------------------------------------------
    def _sheet_or_raise(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.title == name:
                return sheet
        raise KeyError(name)

    def _read_range(self, text: str) -> dict:
        name, row0, col0, row_end, col_end = parse_range(text)
        sheet = self._sheet_or_raise(name)
        rows = sheet.grid[row0:row_end]
        values = []
        for row in rows:
            cells = [(v.text if isinstance(v, Formula) else v) for v in row[col0:col_end]]
            while cells and cells[-1] in ("", None):
                cells.pop()
            values.append(cells)
        while values and not values[-1]:
            values.pop()
        result = {"range": text, "majorDimension": "ROWS"}
        if values:
            result["values"] = values
        return result

    def _write(self, text: str, values: list[list[Any]], option: str) -> None:
        self.value_input_options.append(option)
        name, row0, col0, _, _ = parse_range(text)
        self._sheet_or_raise(name)
        for r, row in enumerate(values):
            for c, value in enumerate(row):
                self.set_cell(name, row0 + r + 1, col0 + c + 1, self._entered(value, option))

    @staticmethod
    def _entered(value: Any, option: str) -> Any:
        if option == "USER_ENTERED" and isinstance(value, str) and value.startswith("="):
            return Formula(value)
        return value

    def cell(self, title: str, row: int, col: int) -> Any:
        grid = self.sheet(title).grid
        if row > len(grid) or col > len(grid[row - 1]):
            return ""
        return grid[row - 1][col - 1]


def _kind(method: str, rest: str) -> str:
    if rest == "":
        return "metadata"
    if rest == ":batchUpdate":
        return "batch_update"
    if rest == "/values:batchGet":
        return "values_batch_get"
    if rest == "/values:batchUpdate":
        return "values_batch_update"
    if rest.startswith("/values/") and rest.endswith(":append"):
        return "values_append"
    if rest.startswith("/values/"):
        return "values_update" if method == "PUT" else "values_get"
    return "unknown"


def _find_sheet_id(obj: Any) -> int | None:
    if isinstance(obj, dict):
        if "sheetId" in obj:
            return obj["sheetId"]
        for value in obj.values():
            found = _find_sheet_id(value)
            if found is not None:
                return found
    return None


def _error(status: int, message: str) -> dict:
    return {"error": {"code": status, "message": message, "status": "ERROR"}}
