"""A staff tab's cells merged down a column, through the mapping: the value each record under the block holds when
read, and the write that would land in such a block refused (core.store.merged says where the blocks are)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from core.platform.a1 import cell
from core.platform.errors import StoreError
from core.store import Store, TabData
from core.store.merged import down_a_column, shared_values
from sheets_schema.base import normalize_header

from .mapping import TabMap


def shared_cells(inner: Store, maps: Sequence[TabMap],
                 tabs: Mapping[str, TabData]) -> dict[str, dict[tuple[int, int], Any]]:
    """Staff tab → (row, 0-based column) → the value of the block merged down the column covering that cell."""
    sheets = [m.sheet for m in maps if m.sheet in tabs and tabs[m.sheet].exists]
    blocks = inner.merged_blocks(sheets) if sheets else {}
    out: dict[str, dict[tuple[int, int], Any]] = {}
    for one in maps:
        down = down_a_column(blocks.get(one.sheet, []), one.header_row)
        if down:
            out[one.sheet] = shared_values(down, tabs[one.sheet].rows, tabs[one.sheet].row_numbers)
    return out


def refuse_merged_writes(inner: Store, records: Sequence[tuple[TabMap, int, Iterable[str]]]) -> None:
    """Updates of records (their tab, row and changed model columns) any of whose changed cells is merged down with
    other rows: refused in Russian before anything is written — the value is shared by every record under the block,
    and a cell under the block's first one is not shown at all. The blocks are asked once, as they are now."""
    sheets = list(dict.fromkeys(mapped.sheet for mapped, _row, _changed in records))
    blocks = inner.merged_blocks(sheets, fresh=True) if sheets else {}
    for mapped, row, changed in records:
        down = down_a_column(blocks.get(mapped.sheet, []), mapped.header_row)
        if down:
            _refuse(inner, mapped, row, changed, down)


def _refuse(inner: Store, mapped: TabMap, row: int, changed: Iterable[str], down: Sequence) -> None:
    headers = inner.read([mapped.sheet]).tabs[mapped.sheet].headers
    index = {normalize_header(h): i for i, h in enumerate(headers) if h}
    for header in changed:
        for link in mapped.links_of(header):
            column = index.get(normalize_header(link.sheet_header)) if link.has_column else None
            block = next((b for b in down if column is not None and b.holds(row, column + 1)), None)
            if block is not None:
                raise StoreError(
                    f"Ячейка {cell(column + 1, row)} листа «{mapped.sheet}» («{link.sheet_header}») объединена с "
                    f"ячейками под ней или над ней ({block.a1}): её значение — одно на все записи в строках "
                    f"{block.top}–{block.bottom}. Ничего не записано. Чтобы изменить его у одной записи, разъедините "
                    f"ячейки {block.a1} в таблице и повторите; чтобы у всех — измените ячейку "
                    f"{cell(block.left, block.top)} в самой таблице.")
