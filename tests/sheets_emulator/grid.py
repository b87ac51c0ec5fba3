"""Spreadsheets, sheets and A1 ranges as the Sheets API sees them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from .refs import follow_insert
from .refs import letters as column_letters
from .refs import number as column_number
from .values import Cell


class ApiError(Exception):
    """An error answer, with the body Google sends: {"error": {"code", "message", "status"}}."""

    STATUS = {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED",
              500: "INTERNAL", 503: "UNAVAILABLE"}

    def __init__(self, code: int, message: str, details: list | None = None, status: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.body = {"error": {"code": code, "message": message, "status": status or self.STATUS.get(code, "UNKNOWN")}}
        if details:
            self.body["error"]["details"] = details


@dataclass
class Sheet:
    sheet_id: int
    title: str
    row_count: int = 1000
    column_count: int = 26
    rows: list[list[Cell | None]] = field(default_factory=list)
    frozen_rows: int = 0
    merges: list[dict] = field(default_factory=list)
    protected: list[dict] = field(default_factory=list)
    validations: list[dict] = field(default_factory=list)
    dimension_requests: list[dict] = field(default_factory=list)
    metadata: list[dict] = field(default_factory=list)  # DeveloperMetadata on this sheet, its rows and columns

    # cells ---------------------------------------------------------------------------------------
    def cell(self, row0: int, col0: int) -> Cell | None:
        if row0 < len(self.rows) and col0 < len(self.rows[row0]):
            return self.rows[row0][col0]
        return None

    def rule_at(self, row0: int, col0: int) -> dict | None:
        """The data validation rule of a cell: the last one set over it (a later setDataValidation replaces an
        earlier one, one without a rule clears it), None when none."""
        for item in reversed(self.validations):
            r0, c0, r1, c1 = grid_range(self, item["range"])
            if r0 <= row0 < r1 and c0 <= col0 < c1:
                return item.get("rule")
        return None

    def validated_rows(self, col0: int, col_end: int) -> int:
        """The row after the last one some rule covers between these columns (0: none), rules clearing included:
        Google gives such rows in grid data, though no value is in them."""
        spans = [grid_range(self, v["range"]) for v in self.validations]
        ends = [row_end for _, c0, row_end, c1 in spans if c0 < col_end and c1 > col0]
        return min(max(ends, default=0), self.row_count)

    def put(self, row0: int, col0: int, cell: Cell) -> None:
        if row0 >= self.row_count:
            self.row_count = row0 + 1
        if col0 >= self.column_count:
            self.column_count = col0 + 1
        while len(self.rows) <= row0:
            self.rows.append([])
        line = self.rows[row0]
        while len(line) <= col0:
            line.append(None)
        line[col0] = cell

    def has_value(self, row0: int, col0: int) -> bool:
        cell = self.cell(row0, col0)
        return cell is not None and cell.has_value()

    def last_row_with_data(self) -> int:
        """0-based index just below the last row holding a value."""
        for r in range(len(self.rows) - 1, -1, -1):
            if any(c is not None and c.has_value() for c in self.rows[r]):
                return r + 1
        return 0

    def insert(self, dimension: str, start: int, count: int) -> None:
        if dimension == "ROWS":
            for _ in range(count):
                if start <= len(self.rows):
                    self.rows.insert(start, [])
            self.row_count += count
        else:
            for line in self.rows:
                for _ in range(count):
                    if start <= len(line):
                        line.insert(start, None)
            self.column_count += count
        self._shift_ranges(dimension, start, count)

    def delete(self, dimension: str, start: int, end: int) -> None:
        if dimension == "ROWS":
            del self.rows[start:end]
            self.row_count -= end - start
        else:
            for line in self.rows:
                del line[start:end]
            self.column_count -= end - start
        self._shift_ranges(dimension, end, start - end)

    def _shift_ranges(self, dimension: str, at: int, by: int) -> None:
        for line in self.rows:  # formulas follow the rows and columns they refer to
            for cell in line:
                if cell is not None and cell.formula:
                    cell.formula = follow_insert(cell.formula, dimension, at, by, self.title, self.title)
        # Developer metadata stays with its row or column as others are inserted or deleted; deleted with it.
        kept = []
        for meta in self.metadata:
            span = meta.get("location", {}).get("dimensionRange")
            if span is None or span.get("dimension") != dimension:
                kept.append(meta)
                continue
            start = span.get("startIndex", 0)
            if by < 0 and at + by <= start < at:
                continue  # its row or column was deleted
            if start >= at:
                span["startIndex"], span["endIndex"] = start + by, span["endIndex"] + by
            kept.append(meta)
        self.metadata = kept
        lo, hi = ("startRowIndex", "endRowIndex") if dimension == "ROWS" else ("startColumnIndex", "endColumnIndex")
        for holder in (*self.merges, *(p["range"] for p in self.protected), *(v["range"] for v in self.validations)):
            for key in (lo, hi):
                if key in holder and holder[key] >= at:
                    holder[key] = max(at, holder[key] + by) if by < 0 else holder[key] + by

    def resize(self, rows: int | None, columns: int | None) -> None:
        if rows is not None:
            del self.rows[rows:]
            self.row_count = rows
        if columns is not None:
            for line in self.rows:
                del line[columns:]
            self.column_count = columns

    def properties(self, index: int) -> dict:
        grid = {"rowCount": self.row_count, "columnCount": self.column_count}
        if self.frozen_rows:
            grid["frozenRowCount"] = self.frozen_rows
        return {"sheetId": self.sheet_id, "title": self.title, "index": index, "sheetType": "GRID",
                "gridProperties": grid}


@dataclass
class Spreadsheet:
    key: str
    title: str
    locale: str = "en_US"
    time_zone: str = "Etc/GMT"
    sheets: list[Sheet] = field(default_factory=list)

    def sheet_named(self, title: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.title == title:
                return sheet
        raise KeyError(title)

    def insert(self, sheet: Sheet, dimension: str, start: int, count: int) -> None:
        """Rows or columns inserted into `sheet`; formulas on every sheet that name it follow its cells."""
        sheet.insert(dimension, start, count)
        self._follow(sheet, dimension, start, count)

    def delete(self, sheet: Sheet, dimension: str, start: int, end: int) -> None:
        sheet.delete(dimension, start, end)
        self._follow(sheet, dimension, end, start - end)

    def _follow(self, moved: Sheet, dimension: str, at: int, by: int) -> None:
        for other in self.sheets:
            if other is moved:
                continue  # its own formulas followed in Sheet.insert/delete
            for line in other.rows:
                for cell in line:
                    if cell is not None and cell.formula:
                        cell.formula = follow_insert(cell.formula, dimension, at, by, moved.title, other.title)

    def sheet_by_id(self, sheet_id: int) -> Sheet:
        for sheet in self.sheets:
            if sheet.sheet_id == sheet_id:
                return sheet
        raise ApiError(400, f"No grid with id: {sheet_id}")


# ---------------------------------------------------------------------------------------------- ranges
@dataclass(frozen=True)
class Range:
    """A parsed A1 range: 0-based start, exclusive end; None means open (to the grid's edge)."""

    sheet: Sheet
    row0: int
    col0: int
    row_end: int | None
    col_end: int | None
    single: bool = False  # written as one cell, e.g. «B3»

    def bounded(self) -> tuple[int, int, int, int]:
        return (self.row0, self.col0, min(self.row_end or self.sheet.row_count, self.sheet.row_count),
                min(self.col_end or self.sheet.column_count, self.sheet.column_count))

    def a1(self) -> str:
        row0, col0, row_end, col_end = self.bounded()
        start = f"{column_letters(col0 + 1)}{row0 + 1}"
        if self.single:
            return f"{quote_title(self.sheet.title)}!{start}"
        return f"{quote_title(self.sheet.title)}!{start}:{column_letters(col_end)}{row_end}"


_CELL = re.compile(r"^([A-Za-z]{0,3})(\d*)$")
_SAFE_TITLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CELL_LIKE = re.compile(r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*")


def quote_title(title: str) -> str:
    """Titles in answers: bare when plain Latin («Sheet1»), quoted otherwise («'D3'», «'Лист1'»)."""
    if _SAFE_TITLE.fullmatch(title) and not _CELL_LIKE.fullmatch(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def split_range(text: str) -> tuple[str | None, str]:
    """«'It''s'!A1:B2» → ("It's", "A1:B2"); «Sheet1» → ("Sheet1", ""); «A1:B2» → (None, "A1:B2")."""
    text = unquote(text)
    if text.startswith("'"):
        i, name = 1, ""
        while i < len(text):
            if text[i] == "'" and text[i + 1:i + 2] == "'":
                name, i = name + "'", i + 2
            elif text[i] == "'":
                i += 1
                break
            else:
                name, i = name + text[i], i + 1
        rest = text[i:]
        return name, rest[1:] if rest.startswith("!") else rest
    if "!" in text:
        name, _, rest = text.rpartition("!")
        return name, rest
    if ":" in text or _CELL.match(text) and re.search(r"\d", text):
        return None, text
    return text, ""


def parse_range(book: Spreadsheet, text: str) -> Range:
    name, cells = split_range(text)
    try:
        sheet = book.sheets[0] if name is None else book.sheet_named(name)
    except (KeyError, IndexError):
        raise ApiError(400, f"Unable to parse range: {unquote(text)}") from None
    if not cells:
        return Range(sheet, 0, 0, None, None)
    first, colon, second = cells.partition(":")
    m1, m2 = _CELL.match(first), _CELL.match(second if colon else first)
    if not m1 or not m2 or (not m1[1] and not m1[2]):
        raise ApiError(400, f"Unable to parse range: {unquote(text)}")
    col0 = column_number(m1[1]) - 1 if m1[1] else 0
    row0 = int(m1[2]) - 1 if m1[2] else 0
    col_end = column_number(m2[1]) if m2[1] else None
    row_end = int(m2[2]) if m2[2] else None
    if not colon and m1[1] and m1[2]:
        return Range(sheet, row0, col0, row0 + 1, col0 + 1, single=True)
    if not colon:  # «A» or «3»
        col_end = col_end if m1[1] else None
        row_end = row_end if m1[2] else None
    return Range(sheet, row0, col0, row_end, col_end)


def grid_range(sheet: Sheet, data: dict) -> tuple[int, int, int, int]:
    """A GridRange object → bounded (row0, col0, row_end, col_end)."""
    return (data.get("startRowIndex", 0), data.get("startColumnIndex", 0),
            data.get("endRowIndex", sheet.row_count), data.get("endColumnIndex", sheet.column_count))


def without_default_id(grid: dict) -> dict:
    """GridRange objects in answers leave out sheetId 0, as protobuf JSON does."""
    return {k: v for k, v in grid.items() if not (k == "sheetId" and v == 0)}
