"""Records a write puts among the others, not below the last one: a department's new record under its own section.

Per thread (each page session writes from its own), never an attribute of the store every session shares. The
workbook moves the rows below down (xlsx_insert); the Google Sheet inserts rows there (sheets_append), finding the
record it goes under by what it holds, since a colleague may have moved it since the placement was read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from core.platform.errors import StoreError

from .base import canonical
from .typed import Shown


@dataclass(frozen=True)
class Placement:
    """New records start at 1-based `row`, right under the record read there as `after` (its cells' values).

    Without a row they go under the last record as always; the placement then only says the tab keeps sections, so
    that a shared sheet takes the writes to it one at a time (sheets_append: a row number read by one session must
    not be used after another session's rows went in above it)."""

    row: int | None = None
    after: tuple[Any, ...] = ()

    def under_in(self, sheet: str, grid: Sequence[Sequence[Any]]) -> int:
        """The 1-based row of the record the new ones go under in `grid` as read at write time: where it was read, or
        where a colleague's rows inserted or deleted above it since have moved it."""
        assert self.row is not None
        if 0 < self.row - 1 <= len(grid) and self.follows(grid[self.row - 2]):
            return self.row - 1
        found = [n for n, row in enumerate(grid, start=1) if self.follows(row)]
        if len(found) != 1:
            raise StoreError(f"На листе «{sheet}» только что изменили строки над местом новой записи (была строка "
                             f"{self.row}): куда её вставить, уже не ясно. Ничего не записано: откройте лист заново "
                             "и повторите.")
        return found[0]

    def follows(self, row: Sequence[Any]) -> bool:
        """Whether `row` as read now is the record the new ones were placed under. Texts must be equal; a cell read
        once typed by its column (152.5) and once as the sheet holds it (152,5 through a format) is compared as
        a value, and one that is text on one side only («152,50» typed as text) is not compared."""
        if not self.after:
            return False
        width = max(len(row), len(self.after))
        pairs = [(_plain(row, i), _plain(self.after, i)) for i in range(width)]
        texts = [(a, b) for a, b in pairs if isinstance(a, str) and isinstance(b, str)]
        others = [(a, b) for a, b in pairs if not isinstance(a, str) and not isinstance(b, str)]
        return any(a.strip() for a, _ in texts) and all(canonical(a) == canonical(b) for a, b in texts + others)


def _plain(row: Sequence[Any], index: int) -> Any:
    value = row[index] if index < len(row) else ""
    value = value.value if isinstance(value, Shown) else value
    return "" if value is None else value


_PLACED: ContextVar[Mapping[str, Placement] | None] = ContextVar("placed", default=None)


@contextmanager
def placed(rows: Mapping[str, Placement]) -> Iterator[None]:
    """Within this block the store's appends to these sheets go where these placements say."""
    token = _PLACED.set(rows)
    try:
        yield
    finally:
        _PLACED.reset(token)


def placement_of(sheet: str) -> Placement | None:
    return (_PLACED.get() or {}).get(sheet)
