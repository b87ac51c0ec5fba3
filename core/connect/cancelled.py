"""Records staff struck through — how an office cancels a line of its register and keeps it in sight — are no
records: not checked, not counted in a group, not in a document. core.store.struck says which cells are struck;
a row is cancelled when its filled cells all are."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from core.store import Store, TabData
from core.store.struck import struck_rows

from .mapping import TabMap


def cancelled_rows(inner: Store, maps: Sequence[TabMap], tabs: Mapping[str, TabData]) -> dict[str, set[int]]:
    """Staff tab → the rows (by sheet number) struck through, of the tabs read."""
    sheets = [m.sheet for m in maps if m.sheet in tabs and tabs[m.sheet].exists]
    cells = inner.struck_cells(sheets) if sheets else {}
    return {s: rows for s in sheets if (rows := struck_rows(cells.get(s, set()), tabs[s].rows, tabs[s].row_numbers))}


def cancelled_records(struck: set[tuple[int, int]], grid: Sequence[Sequence[Any]], records: Sequence[int]) -> list[int]:
    """Of a proposal's record rows (1-based), those struck through."""
    rows = [grid[r - 1] if r - 1 < len(grid) else [] for r in records]
    return sorted(struck_rows(struck, rows, list(records)))


def cancelled_said(rows: Sequence[int]) -> str:
    """«; строка 8 зачёркнута — отменённая запись, не проверяется»."""
    if not rows:
        return ""
    if len(rows) == 1:
        return f"; строка {rows[0]} зачёркнута — отменённая запись, не проверяется"
    return f"; строки {', '.join(map(str, rows))} зачёркнуты — отменённые записи, не проверяются"
