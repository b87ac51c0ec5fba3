"""A register kept on one staff tab per group («Слушатели Г-05», «Слушатели Г-06»): the model tab is all of them.

Each tab is read through its own mapping (its columns may stand elsewhere, its title say another group); their
records are joined under the first tab's model headers. A record of the k-th tab (the first is 1) is
numbered k·ROW_SPAN + its row (TabData.place_of turns it back), so a finding, an update and a page's row all know which tab
of theirs it is on — with no second kind of row number in the rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from core.platform.errors import StoreError, WriteUncertain
from core.records.cells import is_blank
from core.store.base import ROW_SPAN, NewKey, RowSnapshot, Store, TabData
from core.store.rows import compare
from sheets_schema.base import normalize_header

from .mapping import TabMap
from .view import RAW

NO_CELL = -1  # a further tab's record has no cell of this column (the tab does not keep it)


def joined(views: Sequence[TabData]) -> TabData:
    """The records of every tab of one register as one model tab (the first tab's headers and places)."""
    first = views[0]
    if len(views) == 1:
        return first
    kept = [v for v in views if v.exists]
    if not kept:
        return first
    base = kept[0]  # the first tab there is: its headers (the same model headers on every tab) and labels
    headers = base.headers
    rows: list[list[Any]] = []
    numbers: list[int] = []
    own: list[list[int | None]] = []
    lost: dict[str, str] = {}
    for k, view in enumerate(views, 1):
        index = {h: i for i, h in enumerate(view.headers)}
        places = [view.sheet_columns[index[h]] if h in index and view.sheet_columns else NO_CELL for h in headers]
        for j, (number, raw) in enumerate(zip(view.row_numbers, view.rows, strict=True)):
            rows.append([raw[index[h]] if h in index and index[h] < len(raw) else None for h in headers])
            numbers.append(k * ROW_SPAN + number)
            own.append(_own_places(view, j, index, headers) if view.row_columns else places)
        for header, where in view.lost.items():  # its cell on that tab, numbered as its records are
            column, row = re.fullmatch(r"([A-Z]+)(\d+)", where).groups()
            lost.setdefault(header, f"{column}{k * ROW_SPAN + int(row)}")
    return replace(base, rows=rows, row_numbers=numbers, lost=lost, sheet=first.sheet,
                   also=tuple(v.sheet or "" for v in views[1:]), row_columns=own,
                   gone=tuple(v.sheet or "" for v in views if not v.exists))


def _own_places(view: TabData, j: int, index: Mapping[str, int], headers: Sequence[str]) -> list[int | None]:
    """The places of a record that has its own (a mark of a «шахматка» at its date's column), in `headers`' order."""
    mine = view.row_columns[j]
    common = view.sheet_columns or [None] * len(view.headers)
    out: list[int | None] = []
    for h in headers:
        i = index.get(h)
        place = None if i is None else mine[i] if i < len(mine) and mine[i] is not None else common[i]
        out.append(NO_CELL if place is None else place)
    return out


def distinguishing(maps: Sequence[TabMap], views: Sequence[TabData]) -> dict[str, dict[str, str]]:
    """Model header → (tab → its one value) for the columns that tell the tabs apart: each tab with records holds
    one value in it (its group), and no two tabs the same."""
    out: dict[str, dict[str, str]] = {}
    filled = [(m, v) for m, v in zip(maps, views, strict=True) if v.rows]
    if len(filled) < 2:
        return out
    for header in filled[0][1].headers:
        if header.startswith(RAW):
            continue
        values = {}
        for m, v in filled:
            index = v.headers.index(header) if header in v.headers else None
            seen = {normalize_header(str(r[index])) for r in v.rows if index is not None and not is_blank(r[index])}
            if len(seen) != 1:
                break
            values[m.sheet] = seen.pop()
        else:
            if len(set(values.values())) == len(values):
                out[header] = values
    return out


def routed(maps: Sequence[TabMap], views: Sequence[TabData], row: Mapping[str, Any]) -> TabMap:
    """The tab of theirs a new record goes to: the one whose records hold its group (the column telling their tabs
    apart), else an empty tab named by it («Слушатели Г-07»), else — the tabs told apart by nothing — the first.
    A record of a group no tab of theirs keeps is refused in Russian, nothing written."""
    given = {normalize_header(h): v for h, v in row.items()}
    by_name = {m.sheet: m for m in maps}
    for header, values in distinguishing(maps, views).items():
        value = given.get(normalize_header(header))
        if is_blank(value):
            continue
        wanted = normalize_header(str(value))
        hit = next((sheet for sheet, v in values.items() if v == wanted), None)
        if hit is None:
            hit = next((m.sheet for m, v in zip(maps, views, strict=True)
                        if not v.rows and _names(m.sheet, wanted)), None)
        if hit is None:
            raise StoreError(f"Запись с «{header}» = «{value}»: листы «{maps[0].model_tab}» ведутся по одному на "
                             f"каждое значение «{header}» (" + ", ".join(f"«{s}» — {v}" for s, v in values.items())
                             + "), а листа для этого значения нет. Ничего не записано: создайте лист для него, как "
                               "остальные, и сопоставьте его на странице «Подключение таблицы».")
        return by_name[hit]
    texts = [normalize_header(str(v)) for v in row.values() if isinstance(v, str) and len(v.strip()) > 1]
    named = [m for m in maps if any(_names(m.sheet, t) for t in texts)]
    return named[0] if len(named) == 1 else maps[0]


def _names(sheet: str, value: str) -> bool:
    """The tab's name holds the value as a word of its own («Слушатели Г-07» names «г-07»)."""
    return re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", normalize_header(sheet)) is not None


def split_rows(register: TabMap, data: TabData, rows: Sequence[Mapping[str, Any]]) -> list[tuple[TabMap, list[int]]]:
    """Their tabs new records of a register kept on a tab per group go to (`data`: the register as read), each with
    the indices of its records, in the order the tabs are first named."""
    views = [replace(data, rows=[r for r, n in zip(data.rows, data.row_numbers, strict=True) if n // ROW_SPAN == k])
             for k in range(1, len(register.every) + 1)]
    out: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        out.setdefault(routed(register.every, views, row).sheet, []).append(i)
    return [(register.one_of(sheet), indices) for sheet, indices in out.items()]


def new_keys_beside(parts: Sequence[tuple[TabMap, Sequence[int]]], staff: Mapping[str, list[dict]],
                    header_of: Callable[[TabMap], str]) -> int:
    """New records of a register on tabs after the first of `parts` take their keys from the first tab's numbering
    in the same write (NewKey after the first tab's own): how many they take."""
    extra = 0
    for other, _indices in parts[1:]:
        header = header_of(other)
        for row in staff[other.sheet]:
            if is_blank(row.get(header)):
                row[header] = NewKey(len(parts[0][1]) + extra)
                extra += 1
    return extra


def still_as_read(inner: Store, keys: Mapping[str, str],
                  by_sheet: Mapping[str, list[tuple[RowSnapshot, dict]]]) -> None:
    """Each row to update on each of their tabs still holds what was read — the check each tab's own write makes
    again — so a change on the second tab never leaves the first one written alone. Raises in Russian."""
    for sheet, updates in by_sheet.items():
        now = inner.fresh(sheet)
        for seen, changes in updates:
            current = now.rows[now.row_numbers.index(seen.row)] if seen.row in now.row_numbers else []
            compare(seen, changes, keys[sheet], now.headers, list(current) + [None] * len(now.headers))


def written_on_each(inner: Store, keys: Mapping[str, str], by_sheet: Mapping[str, list[tuple[RowSnapshot, dict]]],
                    journal: Sequence[Mapping[str, Any]]) -> None:
    """Rows on several tabs of theirs written tab by tab (each tab is its own write, on a Google Sheet as in a
    workbook), all or nothing: when a later tab's write is refused — a colleague changed its record in the moment
    after the check — the tabs already written are put back as they were read, so no record is left changed alone.
    The journal entry goes with the last tab's write: it is written only when every tab is."""
    done: list[tuple[str, list[tuple[RowSnapshot, dict]]]] = []
    sheets = list(by_sheet)
    for sheet in sheets:
        try:
            inner.update_many(keys[sheet], by_sheet[sheet], journal if sheet == sheets[-1] else ())
        except StoreError as refused:
            if done and not isinstance(refused, WriteUncertain):  # an answer lost: that tab may hold it, said so
                _put_back(inner, keys, done, sheet, refused)
            raise
        done.append((sheet, by_sheet[sheet]))


def _put_back(inner: Store, keys: Mapping[str, str], done: Sequence[tuple[str, list[tuple[RowSnapshot, dict]]]],
              refused_on: str, refused: StoreError) -> None:
    """The tabs in `done` written back to what they held when read; raises in Russian if that too is refused."""
    for sheet, updates in reversed(done):
        undo = [(RowSnapshot(sheet, seen.row, {**seen.values, **after}), {h: seen.values.get(h) for h in after})
                for seen, after in updates]
        try:
            inner.update_many(keys[sheet], undo)
        except StoreError as again:
            raise StoreError(
                f"Запись на листе «{refused_on}» не сохранена ({refused}), а на листе «{sheet}» уже записана, и вернуть "
                f"там прежние значения не удалось: {again} Проверьте записи на обоих листах.") from refused
