"""What the stores read and write, as plain values: a tab as read, a row as read, where a staff tab's records are,
a tab to create or to write whole, a value as a cell holds it. Kept apart from the store interface (base.py),
which names them all."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from core.platform.values import Tick
from sheets_schema.base import normalize_header

ROW_SPAN = 10_000_000  # above any sheet's last row (a workbook has 1 048 576, a Google Sheet 10 million cells)


@dataclass
class TabData:
    """A tab as read: headers of row 1 and the non-empty rows below with their sheet row numbers."""

    name: str
    headers: list[str]
    rows: list[list[Any]]
    row_numbers: list[int]
    exists: bool = True  # False: the spreadsheet has no such tab
    # A model tab read through the staff's own tab (core.connect): the tab it lives on, each column's place there
    # (0-based) and header as the staff named it, and where a mapped column that is gone used to be.
    sheet: str | None = None
    sheet_columns: list[int] | None = None
    labels: list[str] | None = None
    lost: dict[str, str] = field(default_factory=dict)  # model header → A1 of the header it had
    # a «шахматка»: one staff row is many records, each with a column of its own (the date's): per record, the
    # place of each column, where it differs from sheet_columns (None: all records as sheet_columns says)
    row_columns: list[list[int | None]] | None = None
    # further staff tabs holding the same model tab (one per group): then the k-th tab of (sheet, *also) numbers its
    # rows k·ROW_SPAN + row, the first one too, so a row number anywhere (a message's «в строке …») says its tab
    also: tuple[str, ...] = ()
    gone: tuple[str, ...] = ()  # tabs of such a register that are no longer in the sheet (renamed or deleted)

    def place_of(self, row: int) -> tuple[str | None, int]:
        """The staff tab a row number is on, and its row there (see `also`)."""
        k, real = divmod(row, ROW_SPAN)
        return ((self.sheet, *self.also)[k - 1], real) if self.also and 1 <= k <= len(self.also) + 1 \
            else (self.sheet, row)

    def row_said(self, row: int) -> str:
        """A row as a person finds it: «стр. 5», or «стр. 5 листа «Слушатели Г-06»» on a register kept on a tab
        per group, never the number the app counts it by (20000005)."""
        sheet, real = self.place_of(row)
        return f"стр. {real} листа «{sheet}»" if self.also else f"стр. {real}"

    def sheet_and_row(self, tab: str, row: int) -> tuple[str, int]:
        """The tab a person finds the row on (the model tab `tab` itself, unless a register on a tab per group),
        and its row there."""
        sheet, real = self.place_of(row)
        return (sheet if self.also and sheet else tab), real

    def row_at(self, sheet: str | None, row: int) -> int:
        """The row number of row `row` of staff tab `sheet` (the inverse of place_of)."""
        sheets = (self.sheet, *self.also)
        return (sheets.index(sheet) + 1) * ROW_SPAN + row if self.also and sheet in sheets else row

    def header_index(self) -> dict[str, int]:
        """Normalized header → 0-based column position."""
        return {normalize_header(h): i for i, h in enumerate(self.headers) if h not in (None, "")}

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.headers, row, strict=False)) for row in self.rows]


@dataclass
class ReadResult:
    tabs: dict[str, TabData]
    fetched_at: datetime
    stale: bool = False  # True: the store could not be reached; these are the last good data
    problem: str | None = None
    version: tuple = ()  # changes whenever any of these tabs was read anew: a key for what is computed from them


@dataclass(frozen=True)
class RowSnapshot:
    """A row as the app read it: what an update checks the sheet still holds."""

    tab: str
    row: int
    values: Mapping[str, Any]


@dataclass(frozen=True)
class Frame:
    """Where a tab kept by staff holds its records: the header row below their title rows, and the model's type of
    each header's column (so a date column reads dates although the tab's name is theirs, not the model's)."""

    header_row: int = 1  # the last header row: records start below it
    depth: int = 1  # rows the header spans (a merged group header above its sub-headers)
    kinds: Mapping[str, type] = field(default_factory=dict)  # normalized header → the model's type
    totals_below: bool = False  # staff's own tab: an «Итого» under the records stays under them (new rows go above)
    counter: str = ""  # normalized header of the staff's «№ п/п»: a record added gets the next number (counting.py)

    @property
    def top(self) -> int:
        return self.header_row - self.depth + 1


@dataclass(frozen=True)
class TabLayout:
    """What create_tabs makes: headers, dropdown choices per header, widths."""

    name: str
    headers: list[str]
    dropdowns: Mapping[str, list[str]] = field(default_factory=dict)
    width: int = 18


@dataclass(frozen=True)
class OwnedTab:
    """A tab the app owns and writes whole (like «Проверка»); staff tabs are never touched by writing it.

    `rows` start at row 1; `links` map a (row, column) cell, 1-based, to the (tab, A1) it jumps to."""

    name: str
    rows: list[list[Any]]
    links: Mapping[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    bold_rows: frozenset[int] = frozenset()
    widths: Sequence[int] = ()
    frozen_rows: int = 0


def plain_value(value: Any) -> Any:
    """App values as cells hold them: enums by their text, booleans as да/нет (a Tick stays a checkbox's boolean:
    the cell writers write it as one)."""
    if isinstance(value, Tick):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return "да" if value else "нет"
    return value
