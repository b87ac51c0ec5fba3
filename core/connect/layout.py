"""Where a staff tab's records are: title rows above, the header row (or two, a group above its sub-headers),
the records, section rows between them («Кафедра физики»), and «Итого» below."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core.records.cells import is_blank, read_text
from core.store.counting import numbers_the_columns
from core.store.rows import is_footer_row
from core.store.typed import Shown, headers_of

from .vocabulary import header_key, similarity

SEARCHED_ROWS = 15  # a header below 15 title rows is not a header row


@dataclass
class TabShape:
    """A staff tab's layout as found."""

    header_row: int  # 1-based, the last header row
    depth: int  # header rows (2: a group header above its sub-headers)
    headers: list[str]  # per column, «group / sub» under a group
    title: str  # the text of the rows above the header («Реестр слушателей … программ повышения квалификации»)
    records: list[int] = field(default_factory=list)  # 1-based rows holding records
    sections: dict[int, str] = field(default_factory=dict)  # a row with one text in it → that text
    footers: list[int] = field(default_factory=list)  # «Итого» rows and the signature block under the records
    numbering: list[int] = field(default_factory=list)  # rows of the columns' own numbers («1 | 2 | 3 | …»)
    cancelled: list[int] = field(default_factory=list)  # records staff struck through (core.connect.cancelled)
    columns: dict[int, list[Any]] = field(default_factory=dict)  # 0-based column → values of the record rows
    lists: dict[int, list[str]] = field(default_factory=dict)  # 0-based column → its drop-down list's words

    def cancel(self, rows: Sequence[int]) -> None:
        """Take these record rows (struck through) out of the records and their columns' values."""
        keep = [i for i, r in enumerate(self.records) if r not in set(rows)]
        self.cancelled = sorted(set(rows) & set(self.records))
        self.records = [self.records[i] for i in keep]
        self.columns = {c: [values[i] for i in keep if i < len(values)] for c, values in self.columns.items()}


def _filled(row: Sequence[Any]) -> list[int]:
    return [i for i, v in enumerate(row) if not is_blank(v)]


def _header_parts(row: Sequence[Any]) -> tuple[list[str], list[str], bool]:
    """A row's filled cells as text, those that read as words (not numbers, not a paragraph), and whether it holds
    three dates or more (a «шахматка»'s class dates across)."""
    cells = [read_text(row[i]) or "" for i in _filled(row)]
    texty = [c for c in cells if not re.fullmatch(r"[\d\s.,:%₽-]+", c) and len(c) <= 80]
    days = sum(1 for i in _filled(row) if isinstance(row[i], date) or re.fullmatch(r"\d{1,2}\.\d{1,2}(\.\d{2,4})?",
                                                                              read_text(row[i]) or ""))
    return cells, texty, days >= 3


def _header_score(parts: tuple[list[str], list[str], bool], known: int | None = None) -> float:
    """How much a row looks like the header row: its words that name model columns count most. `known` None: the
    most it could score (every word a model column's name) — cheap, no comparison made."""
    cells, texty, grid = parts
    if len(cells) < 2:
        return 0.0
    if known is None:
        known = len(texty)
    if grid:  # a «шахматка»: class dates across the header row are headers, not numbers
        return known * 2 + len(texty) * 0.5 + 1.0
    return known * 2 + len(texty) * 0.5 - (len(cells) - len(texty))


def _names_a_column(text: str, vocabulary: Sequence[str]) -> bool:
    """The text is (nearly) a model column's name: the first one at 0.6 is enough, the rest are not compared."""
    return any(similarity(text, h) >= 0.6 for h in vocabulary)


def _header_row(grid: Sequence[Sequence[Any]], vocabulary: Sequence[str]) -> int | None:
    """The row (1-based) that looks most like a header, the upper one of equals; None when none scores above 1.5.
    Rows are weighed in the order of the most they could score, and the words compared with the model's only while
    a row could still beat the best so far: a tab of records below its header compares the header alone."""
    rows = [(n, _header_parts(row)) for n, row in enumerate(grid[:SEARCHED_ROWS], start=1)]
    rows.sort(key=lambda r: (-_header_score(r[1]), r[0]))
    best: tuple[float, int] | None = None
    for n, parts in rows:
        bound = _header_score(parts)
        if bound <= 1.5 or (best is not None and (bound < best[0] or (bound == best[0] and n > best[1]))):
            break
        score = _header_score(parts, sum(1 for c in parts[1] if _names_a_column(c, vocabulary)))
        if score > 1.5 and (best is None or (score, -n) > (best[0], -best[1])):
            best = (score, n)
    return None if best is None else best[1]


def as_seen(grid: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """The cells as staff see them. A store gives a number shown through a format as typed.Shown: a Google Sheet
    every date cell so, a workbook a number with a face. A date is its date; any other number its face («007»,
    «1 200,00 ₽», «80%») — or a Google Sheet's dates were text to the proposal, its date columns left unmapped."""
    return [[(v.value if isinstance(v.value, date) else v.text) if isinstance(v, Shown) else v for v in row]
            for row in grid]


def find_shape(grid: Sequence[Sequence[Any]], vocabulary: Sequence[str]) -> TabShape | None:
    """The tab's layout, or None when no row looks like a header (an empty tab, a tab of notes)."""
    grid = as_seen(grid)
    row = _header_row(grid, vocabulary)
    if row is None:
        return None
    depth = 1
    below = grid[row] if len(grid) > row else []
    # a row of sub-headers below the header (the header row then is the group row above them)
    if below and _is_subheader(grid[row - 1], below, vocabulary):
        row, depth = row + 1, 2
    elif row >= 2 and _is_subheader(grid[row - 2], grid[row - 1], vocabulary):
        depth = 2
    headers = headers_of(grid[row - depth:row])
    title = " ".join(read_text(v) or "" for r in grid[:row - depth] for v in r if not is_blank(v))
    shape = TabShape(row, depth, headers, title)
    width = len(headers)
    for number, raw in enumerate(grid[row:], start=row + 1):
        cells = _filled(raw[:max(width, 1)])
        if not cells:
            continue
        first = read_text(raw[cells[0]]) or ""
        if is_footer_row(raw):
            shape.footers.append(number)
        elif numbers_the_columns(raw):  # the whole row, as the connected reading judges it (view.not_a_record)
            shape.numbering.append(number)
        elif len(cells) == 1 and not re.fullmatch(r"[\d\s.,]+", first) and len(_filled(raw)) == 1 and width > 2:
            shape.sections[number] = first.strip()
        else:
            shape.records.append(number)
    for index in range(width):
        shape.columns[index] = [grid[n - 1][index] if index < len(grid[n - 1]) else None for n in shape.records]
    return shape


def _is_subheader(upper: Sequence[Any], lower: Sequence[Any], vocabulary: Sequence[str]) -> bool:
    """`lower` is a row of sub-headers under the group headers of `upper`: text under a blank-to-the-right group
    cell, no numbers, and `upper` leaves some of `lower`'s columns blank (merged across them)."""
    up, down = set(_filled(upper)), set(_filled(lower))
    if len(down) < 2 or not (down - up):
        return False
    texts = [read_text(lower[i]) or "" for i in down]
    if any(re.fullmatch(r"[\d\s.,:%₽-]+", t) or len(t) > 60 for t in texts):
        return False
    return all(i - 1 in up or i - 1 in down for i in down - up) and any(
        _names_a_column(t, vocabulary) for t in texts) and bool(up)


def is_number_column(header: str) -> bool:
    """«№ п/п»: the staff's own running number, not a model column."""
    return header_key(header) in {"№ п/п", "№ пп", "п/п", "№п/п", "n п/п", "№ по порядку"}


def is_bare_number(header: str) -> bool:
    """«№», «N», «Номер» alone, or «№ п/п»: a number with nothing said of what it numbers."""
    return is_number_column(header) or header_key(header) in {"№", "n", "номер", "no", "№№"}
