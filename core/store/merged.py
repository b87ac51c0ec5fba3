"""Cells staff merged down a column — «Г-01» once, over the rows of the group's listeners, as registers are kept to
be printed. A spreadsheet keeps the value in the block's first cell only; every record the block covers holds it.

Each store says where its tabs' merged blocks are (XlsxStore from the workbook, GSheetsStore from the sheet's
`merges`); the connected tab reads the value into each record the block covers (core.connect.view), and a write
into such a cell is refused: it would change the value of every record under the block, or land in a cell the
sheet does not show (core.connect.merged_cells)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple


class Block(NamedTuple):
    """A merged block, 1-based rows and columns, both ends included."""

    top: int
    left: int
    bottom: int
    right: int

    @property
    def a1(self) -> str:
        from core.platform.a1 import cell

        return f"{cell(self.left, self.top)}:{cell(self.right, self.bottom)}"

    def holds(self, row: int, column: int) -> bool:
        return self.top <= row <= self.bottom and self.left <= column <= self.right


def down_a_column(blocks: Iterable[Block], below: int) -> list[Block]:
    """The blocks that span rows of records (under the header row `below`): those a value is shared down by."""
    return [b for b in blocks if b.bottom > b.top and b.top > below]


def shared_values(blocks: Sequence[Block], rows: Sequence[Sequence[Any]],
                  row_numbers: Sequence[int]) -> dict[tuple[int, int], Any]:
    """(row, 0-based column) → the block's value, for each cell a block covers below its first one (those the sheet
    leaves empty): the records under «Г-01» merged down B4:B6 hold «Г-01» in B5 and B6."""
    at = {n: i for i, n in enumerate(row_numbers)}
    out: dict[tuple[int, int], Any] = {}
    for b in blocks:
        first = at.get(b.top)
        column = b.left - 1
        value = rows[first][column] if first is not None and column < len(rows[first]) else None
        if value in (None, ""):
            continue
        for row in range(b.top + 1, b.bottom + 1):
            out[(row, column)] = value
    return out


@lru_cache(maxsize=64)
def xlsx_blocks(path: Path, tabs: tuple[str, ...], version: object) -> dict[str, list[Block]]:
    """The merged blocks of the workbook's tabs, from each sheet's <mergeCells> (after its cells: the part is
    searched, not parsed — the store's own write keeps a 20 000-row sheet in memory rather than reading it again),
    once per `version` of the file (its size and time)."""
    from .xlsx_package import Package, UnsupportedLayout
    from .xlsx_read import actual_name

    try:
        package = Package.open(path)
    except UnsupportedLayout:
        return {}  # a file read only through calamine (no parts we know): no blocks to say
    try:
        parts = dict(package.sheets())
        out: dict[str, list[Block]] = {}
        for tab in tabs:
            sheet = actual_name(list(parts), tab)
            if sheet is not None and package.has(parts[sheet]):
                out[tab] = [_block(ref) for ref in _MERGE.findall(package.read(parts[sheet]))]
        return out
    finally:
        package.close()


_MERGE = re.compile(rb'<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')


def _block(ref: bytes) -> Block:
    first, _, last = ref.decode().partition(":")
    (c0, r0), (c1, r1) = (_place(first), _place(last or first))
    return Block(r0, c0, r1, c1)


def _place(a1: str) -> tuple[int, int]:
    from core.platform.a1 import column_index

    letters = a1.rstrip("0123456789")
    return column_index(letters), int(a1[len(letters):])


def sheets_blocks(answer: Mapping[str, Any]) -> dict[str, list[Block]]:
    """The merged blocks of a spreadsheets.get answer asked for `sheets(properties(title),merges)` (GridRange:
    0-based, ends excluded)."""
    out: dict[str, list[Block]] = {}
    for sheet in answer.get("sheets", []):
        out[sheet["properties"]["title"]] = [
            Block(m.get("startRowIndex", 0) + 1, m.get("startColumnIndex", 0) + 1, m["endRowIndex"], m["endColumnIndex"])
            for m in sheet.get("merges", []) if "endRowIndex" in m and "endColumnIndex" in m]
    return out
