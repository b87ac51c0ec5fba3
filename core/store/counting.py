"""The staff's running number («№ п/п») of a record the app adds: the number after the record's it goes under, in
the form staff keep it (a number, «5» as text, «5.»).

Only where the column is plainly a running number there: the record above holds a whole number n, the numbered
record before it n − 1 (or n is 1: each section numbers its records anew), and the first number below the new rows
— when they go in among the records — is not n + 1: a number running through the whole tab would then be given
twice, and renumbering the records below would overwrite what staff typed. Otherwise the cell is left empty, as
before, for staff to fill in. A number staff fill down by formula is continued as a formula instead (the stores).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from .rows import is_blank_cell
from .typed import Shown

_WHOLE = re.compile(r"\s*(\d{1,6})(\.?)\s*")


def whole(value: Any) -> tuple[int, str] | None:
    """A running number and its form («» a number, «text», «dot» for «5.»); None for anything else."""
    if isinstance(value, Shown):
        value = value.value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return (int(value), "") if value == int(value) and 0 < value < 1_000_000 else None
    if isinstance(value, str) and (m := _WHOLE.fullmatch(value)) and int(m[1]) > 0:
        return int(m[1]), "dot" if m[2] else "text"
    return None


def numbers_the_columns(row: Sequence[Any]) -> bool:
    """A row of the columns' own numbers — «1 | 2 | 3 | … | 14» under the header, as official forms number their
    columns (графы), or again after a page break — not a record: its filled cells, left to right, are 1, 2, 3, …
    (three at least; «1.» as some write them; blank cells of a merged group's width between them)."""
    filled = [v for v in row if not is_blank_cell(v)]
    return len(filled) >= 3 and all(_is_number(v, n) for n, v in enumerate(filled, 1))


def _is_number(value: Any, n: int) -> bool:
    value = value.value if isinstance(value, Shown) else value
    if isinstance(value, bool | date):  # a ticked box is not the number 1, nor is a date a number here
        return False
    if isinstance(value, int | float):
        return value == n
    return re.fullmatch(rf"{n}\.?", str(value).strip()) is not None


def next_numbers(above: Sequence[Sequence[Any]], below: Sequence[Sequence[Any]], index: int,
                 count: int) -> list[Any] | None:
    """The numbers of `count` new records in column `index`: `above` are the rows from under the header to the one
    they go under, `below` the rows under the place they go in (records, sections, footers moved down for them)."""
    def cells(rows: Sequence[Sequence[Any]]) -> list[Any]:
        return [row[index] if index < len(row) else None for row in rows
                if any(not is_blank_cell(v) for v in row) and not numbers_the_columns(row)]

    over, under = cells(above), cells(below)
    if not over:  # the tab's first record
        return list(range(1, count + 1))
    last = whole(over[-1])
    if last is None:
        return None
    n, form = last
    earlier = next((w for v in reversed(over[:-1]) if (w := whole(v)) is not None), None)
    if earlier is not None and n != 1 and earlier[0] != n - 1:
        return None
    after = next((w for v in under if (w := whole(v)) is not None), None)
    if after is not None and after[0] == n + 1:
        return None
    numbers = range(n + 1, n + count + 1)
    return [f"{k}." if form == "dot" else str(k) if form == "text" else k for k in numbers]
