"""The drop-down lists staff gave a tab's columns («Данные → Проверка данных → Список»), as words per column.

A register started at the year's beginning has no records yet, but its «Статус» column already offers the office's
own words («принята», «в работе»). Connecting reads them, so the app knows their words before the first cell holds
one (core.connect.words). A list is kept three ways, by every office suite: the words themselves («"принята,
отклонена"» in a workbook, ONE_OF_LIST on a Google Sheet), a range of cells («Справочники!$A$2:$A$9»,
ONE_OF_RANGE), or a named range that leads to one. This module reads the references; each store reads its file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from core.platform.a1 import column_index, column_letter, quoted

DropDowns = dict[int, list[str]]  # 0-based column → the list's words, in the list's order
WIDEST = 60  # a «list» rule over more columns than this is a sheet-wide rule, not a column's list
LONGEST = 500  # a list of more cells than this is read up to here (a whole column of a reference tab)

_SHEET = r"(?:'((?:[^']|'')+)'|([^'!:$\s]+))!"
_CORNER = r"\$?([A-Za-z]{1,3})?\$?(\d+)?"
_RANGE = re.compile(rf"^\s*=?\s*(?:{_SHEET})?{_CORNER}(?::{_CORNER})?\s*$")
_NAME = re.compile(r"^\s*=?\s*([^\W\d][\w.]*)\s*$")


@dataclass(frozen=True)
class CellRange:
    """A block of cells a list is kept in: its tab (None: the tab the rule is on), 0-based, ends exclusive."""

    sheet: str | None
    row0: int
    col0: int
    row_end: int | None  # None: to the end of the tab («A2:A» on a Google Sheet, «$A:$A»)
    col_end: int

    def a1(self, tab: str) -> str:
        """The range in A1 as the values API reads it (no «$»), on `tab` when the reference names none."""
        first = f"{column_letter(self.col0 + 1)}{self.row0 + 1}"
        last = column_letter(self.col_end) + (str(self.row_end) if self.row_end is not None else "")
        return f"{quoted(self.sheet or tab)}!{first}:{last}"

    def cells_of(self, grid: Sequence[Sequence[Any]]) -> list[Any]:
        """The block's values out of a tab's grid (rows from A1), row by row."""
        rows = grid[self.row0:self.row_end if self.row_end is not None else self.row0 + LONGEST]
        return [row[c] for row in rows for c in range(self.col0, min(self.col_end, len(row)))]


def cell_range(text: str) -> CellRange | None:
    """«Справочники!$A$2:$A$9», «'Мой лист'!A2:A», «$B$2:$B$5», «=Лист1!$C:$C» → the block; None for anything else
    (a literal list, a name, a formula such as ДВССЫЛ/INDIRECT whose block is known only when it is computed)."""
    m = _RANGE.match(text or "")
    if m is None or (m[3] is None and m[4] is None):
        return None
    sheet = m[1].replace("''", "'") if m[1] is not None else m[2]
    first_col, first_row = m[3], m[4]
    last_col, last_row = (m[5], m[6]) if m[5] is not None or m[6] is not None else (first_col, first_row)
    if first_col is None or last_col is None:  # «2:9»: whole rows, not a column of words
        return None
    row0 = int(first_row) - 1 if first_row else 0
    row_end = int(last_row) if last_row else None
    col0, col_end = column_index(first_col) - 1, column_index(last_col)
    if col_end <= col0 or (row_end is not None and row_end <= row0):
        return None
    return CellRange(sheet, row0, col0, row_end, col_end)


def name_of(text: str) -> str | None:
    """A defined name standing for the list («=Статусы»), or None."""
    m = _NAME.match(text or "")
    return m[1] if m and cell_range(text) is None else None


def literal_words(text: str) -> list[str]:
    """A workbook's own list «"принята,отклонена,в работе"» (quotes doubled inside) → its words; [] for a reference."""
    text = (text or "").strip()
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        return []
    return words_of(text[1:-1].replace('""', '"').split(","))


def words_of(values: Iterable[Any]) -> list[str]:
    """The list's words as staff read them: text trimmed, numbers as written, blanks and repeats left out."""
    out: dict[str, None] = {}
    for value in values:
        word = _as_text(value)
        if word:
            out.setdefault(word)
    return list(out)


def columns_of(sqref: str) -> list[int]:
    """The 0-based columns of a rule's cells («L6:L500 N6:N500», «L:L»); none for a sheet-wide rule."""
    out: list[int] = []
    for block in _blocks(sqref):
        out.extend(c for c in range(block.col0, block.col_end) if c not in out)
    return out


def _blocks(sqref: str) -> list[CellRange]:
    """The blocks of a rule's cells that are a column's or a few columns' (a sheet-wide block is none)."""
    blocks = (cell_range(piece) for piece in (sqref or "").split())
    return [b for b in blocks if b is not None and b.col_end - b.col0 <= WIDEST]


def add(found: DropDowns, columns: Iterable[int], words: Sequence[str]) -> None:
    """Each column's words, a column under two rules taking both lists (their words once, in order)."""
    for col in columns:
        kept = found.setdefault(col, [])
        kept.extend(w for w in words if w not in kept)


def in_force(rules: Sequence[tuple[str, list[str]]]) -> DropDowns:
    """Column → words of a sheet's rules in the order the file gives them, (sqref, words) each: a rule whose cells in
    a column a later rule covers whole is not in force there (the later one is, as LibreOffice and Excel read a
    cell under two rules), rules over other rows of the column all are."""
    by_column: dict[int, list[tuple[int, list[tuple[int, int | None]]]]] = {}
    for i, (sqref, _words) in enumerate(rules):
        spans: dict[int, list[tuple[int, int | None]]] = {}
        for block in _blocks(sqref):
            for col in range(block.col0, block.col_end):
                spans.setdefault(col, []).append((block.row0, block.row_end))
        for col, rows in spans.items():
            by_column.setdefault(col, []).append((i, rows))
    found: DropDowns = {}
    for col, held in sorted(by_column.items()):
        for n, (i, rows) in enumerate(held):
            later = [span for _, spans in held[n + 1:] for span in spans]
            if not all(any(_covers(span, row) for span in later) for row in rows):
                add(found, [col], rules[i][1])
    return {c: w for c, w in found.items() if w}


def _covers(outer: tuple[int, int | None], inner: tuple[int, int | None]) -> bool:
    (a0, a1), (b0, b1) = outer, inner
    return a0 <= b0 and (a1 is None or (b1 is not None and b1 <= a1))


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    text = " ".join(str(value).split())
    return text or None
