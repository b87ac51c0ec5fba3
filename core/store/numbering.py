"""Keys handed out inside a write: two sessions adding at once never get the same number."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Numbering:
    """Keys handed out inside a write: `allocate(keys in the sheet now, how many)` gives the new ones."""

    tab: str
    header: str
    allocate: Callable[[list[Any], int], list[str]]
    extra: int = 0  # keys handed out beyond the tab's own rows, for NewKey(index) in rows of other tabs to take
    # (tab, header) of other tabs whose keys are taken too (a register kept on a tab per group), read in the write
    beside: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NewKey:
    """In a row of another tab, the key handed out to the `index`-th row of the numbering tab in the same write
    (a session's participants carry the session's code before it exists)."""

    index: int = 0


def fill_numbers(rows_by_tab: Mapping[str, list[dict]], numbering: Numbering | None,
                 existing: list[Any]) -> dict[str, list[dict]]:
    """The rows with the numbering tab's keys filled in from `existing` (the keys in the sheet right now)."""
    rows = {t: [dict(r) for r in rs] for t, rs in rows_by_tab.items()}
    if numbering is None or not rows.get(numbering.tab):
        return rows
    count = len(rows[numbering.tab])
    keys = numbering.allocate(list(existing), count + numbering.extra)
    for row, key in zip(rows[numbering.tab], keys[:count], strict=True):
        row[numbering.header] = key
    for row in (r for rs in rows.values() for r in rs):
        row.update({h: keys[v.index] for h, v in row.items() if isinstance(v, NewKey)})
    return rows
