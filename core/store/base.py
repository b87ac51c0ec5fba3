"""The store interface: read tabs, append rows, update one row by key, create tabs."""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from core.platform.errors import StoreError
from core.platform.personal import personal_columns
from core.platform.values import Tick, canonical  # noqa: F401 - canonical: the stores and readers take it from here

from .numbering import NewKey, Numbering, fill_numbers  # noqa: F401 - here too, where the areas find them
from .tab_data import (  # noqa: F401 - the store interface names them: found here as ever
    ROW_SPAN,
    Frame,
    OwnedTab,
    ReadResult,
    RowSnapshot,
    TabData,
    TabLayout,
    plain_value,
)

_ROW_ONE = Frame()


class _Flight:
    """A read in progress: the others wait on `done` only if they have nothing to show meanwhile."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.error: Exception | None = None


class Store(ABC):
    """One spreadsheet. Subclasses: the local workbook and Google Sheets."""

    label: str = ""  # identifies the store (cache keys); title is what people read
    title: str = ""
    abroad: bool = False  # the data lives on servers outside Russia (152-ФЗ ст. 18 ч. 5 speaks of it)
    moves_totals: bool = False  # new records of a staff tab go above its «Итого», moving it down (Frame.totals_below)
    moves_sections: bool = False  # a department's new record goes under its own section row, moving the rest down

    def __init__(self, cache_ttl: float = 60.0) -> None:
        self._cache: dict[str, tuple[TabData, datetime, float]] = {}
        self._cache_ttl = cache_ttl
        self._lock = threading.Lock()  # guards the cache and the reads in flight; never held across I/O
        self._flights: dict[tuple[str, ...], _Flight] = {}
        self._generation = 0  # bumped by invalidate(): a read that began before a write must not be kept
        self._write_lock = threading.RLock()  # the app's own writes go one at a time
        self.frames: dict[str, Frame] = {}  # tabs whose headers are not in row 1 (the staff's own tabs)

    def frame_of(self, tab: str) -> Frame:
        return self.frames.get(tab) or _ROW_ONE

    def set_frames(self, frames: Mapping[str, Frame]) -> None:
        """Read and write these tabs with their headers where they are; a tab whose frame changed is read anew."""
        changed = [t for t in set(self.frames) | set(frames) if self.frames.get(t) != frames.get(t)]
        self.frames = dict(frames)
        if changed:
            self.invalidate(changed)

    # reading ---------------------------------------------------------------
    def read(self, tabs: Sequence[str]) -> ReadResult:
        """Rows of several tabs in one go; served from memory while fresh.

        One read per set of tabs is in flight at a time. While it runs, other callers get the data already
        in memory (even if older than the cache window), so one slow answer never stalls every page; only a
        caller with nothing in memory waits for it.
        """
        wanted = list(dict.fromkeys(tabs))
        with self._lock:
            missing = [t for t in wanted if not self._fresh(t)]
            if not missing:
                return self._result(wanted)
            key = tuple(sorted(missing))
            flight = self._flights.get(key)
            leading = flight is None
            if leading:
                flight = self._flights[key] = _Flight()
                generation = self._generation
            elif all(t in self._cache for t in wanted):
                return self._result(wanted)
        if not leading:
            flight.done.wait()
            with self._lock:
                if all(t in self._cache for t in wanted) and flight.error is None:
                    return self._result(wanted)
            if flight.error is not None:
                return self._fallback(wanted, flight.error)
            return self.read(wanted)
        try:
            fetched = self._fetch(missing)
        except Exception as exc:
            flight.error = exc
            return self._fallback(wanted, exc)
        finally:
            with self._lock:
                self._flights.pop(key, None)
            flight.done.set()
        now, mono = datetime.now(), time.monotonic()
        with self._lock:
            if generation == self._generation:
                for name, data in fetched.items():
                    self._cache[name] = (data, now, mono)
                return self._result(wanted)
        return self.read(wanted)  # the app wrote while we read: what we got may be older than the write

    def _result(self, wanted: list[str]) -> ReadResult:
        oldest = min((self._cache[t][1] for t in wanted), default=datetime.now())
        return ReadResult({t: self._cache[t][0] for t in wanted}, fetched_at=oldest, version=self._version(wanted))

    def _version(self, wanted: list[str]) -> tuple:
        return tuple((t, self._cache[t][2]) for t in wanted)

    def _fresh(self, tab: str) -> bool:
        entry = self._cache.get(tab)
        return entry is not None and self._still_valid(tab, entry[2])

    def _still_valid(self, tab: str, fetched_mono: float) -> bool:
        return time.monotonic() - fetched_mono < self._cache_ttl

    def _fallback(self, wanted: list[str], exc: Exception) -> ReadResult:
        with self._lock:
            if not self._should_fall_back(exc) or not all(t in self._cache for t in wanted):
                raise exc
            oldest = min(self._cache[t][1] for t in wanted)
            return ReadResult({t: self._cache[t][0] for t in wanted}, fetched_at=oldest, stale=True,
                              problem=f"{exc} Показаны последние полученные данные.", version=self._version(wanted))

    def _should_fall_back(self, exc: Exception) -> bool:
        return False

    def invalidate(self, tabs: Sequence[str] | None = None) -> None:
        with self._lock:
            self._generation += 1
            if tabs is None:
                self._cache.clear()
            for t in tabs or ():
                self._cache.pop(t, None)

    def _written(self, tabs: Sequence[str]) -> None:
        """After the app's own write to these tabs (or its failure): what is in memory of them goes. A store that
        knows exactly what it wrote keeps them up to date instead (XlsxStore)."""
        self.invalidate(tabs)

    def _remember(self, tabs: Mapping[str, TabData]) -> None:
        """Keep these tabs in memory as they now are (a read begun before is not kept over them)."""
        now, mono = datetime.now(), time.monotonic()
        with self._lock:
            self._generation += 1
            for name, data in tabs.items():
                self._cache[name] = (data, now, mono)

    # writing ---------------------------------------------------------------
    def exclusive(self) -> threading.RLock:
        """Held around a check and the write it decides (the app's other writes wait; the lock is re-entrant)."""
        return self._write_lock

    def check_writable(self) -> None:
        """Raise, in Russian, if a write would be refused now — asked before an act that can't be undone (a letter
        sent) whose record must follow it. The default: nothing known to refuse."""
        return None

    def fresh(self, tab: str) -> TabData:
        """The tab as the sheet holds it now, not as remembered: what a check before a write must look at."""
        self.invalidate([tab])
        return self.read([tab]).tabs[tab]

    def append(self, tab: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Add rows below the last one, in one write. Keys of each mapping are headers."""
        self.append_many({tab: rows})

    def append_many(self, rows_by_tab: Mapping[str, Sequence[Mapping[str, Any]]], numbering: Numbering | None = None,
                    journal: Callable[[Mapping[str, list[dict]]], list[dict]] | None = None) -> dict[str, list[dict]]:
        """Add rows to several tabs in one write; returns them as written.

        `numbering` hands out keys inside the write, from the keys in the sheet at that moment (two sessions
        adding at once never get the same number); `journal` makes the «Журнал» rows from the final rows.
        """
        rows = {t: [dict(r) for r in rs] for t, rs in rows_by_tab.items() if rs}
        if not rows:
            return {}
        with self._write_lock:
            try:
                return self._append_many(rows, numbering, journal)
            finally:
                self._written(list(rows_by_tab) + (["Журнал"] if journal else []))

    def update(self, seen: RowSnapshot, key_header: str, changes: Mapping[str, Any]) -> None:
        """Write `changes` into the row `seen` was read from, if the sheet still holds `seen` there.

        Only the changed cells are written; every other cell, known or not, is left as it is.
        """
        self.update_many(key_header, [(seen, changes)])

    def update_many(self, key_header: str, updates: Sequence[tuple[RowSnapshot, Mapping[str, Any]]],
                    journal: Sequence[Mapping[str, Any]] = ()) -> None:
        """Several row updates of one tab in one write; if any row moved or changed, none is written.

        `journal` rows are appended to «Журнал» with the update (in the same write where the store can).
        """
        if not updates:
            return
        tabs = {seen.tab for seen, _ in updates}
        if len(tabs) != 1:
            raise ValueError("update_many takes rows of one tab")
        with self._write_lock:
            try:
                self._update_many(key_header, list(updates), list(journal))
            finally:
                self._written(list(tabs) + (["Журнал"] if journal else []))

    def create_tabs(self, layouts: Sequence[TabLayout]) -> None:
        with self._write_lock:
            self._create_tabs(list(layouts))
            self.invalidate([layout.name for layout in layouts])

    def write_owned_tab(self, tab: OwnedTab, journal: Sequence[Mapping[str, Any]] = ()) -> None:
        """Create or rewrite the app's own tab whole, in one write with its `journal` rows (where the store can);
        no other tab is touched."""
        with self._write_lock:
            try:
                self._write_owned_tab(tab, list(journal))
            finally:
                self.invalidate([tab.name] + (["Журнал"] if journal else []))

    @abstractmethod
    def tab_names(self) -> list[str]: ...

    # columns marked so that they are found again after a colleague renames or moves them (Google Sheets: developer
    # metadata on the column; the local workbook has no such marks yet: an empty answer, and headers decide)
    def mark_columns(self, key: str, marks: Mapping[str, Mapping[int, str]]) -> None:
        """Replace every mark `key` with these: tab → 0-based column → the mark's value."""
        return None

    def column_marks(self, key: str) -> dict[str, tuple[str, int]]:
        """Mark value → (tab, 0-based column) where that column is now."""
        return {}

    def personal_abroad(self, tabs: Mapping[str, TabData]) -> dict[str, list[str]]:
        """Tab → its personal columns that sit on servers abroad (of these tabs as read)."""
        return personal_columns(tabs) if self.abroad else {}

    def drop_columns(self, tab: str, headers: Sequence[str]) -> None:
        """Delete these columns of the tab whole (the personal ones, moved to the institute's server)."""
        raise StoreError(f"{self.title or self.label}: удалять столбцы приложение умеет только в Google Таблице.")

    def add_columns(self, tab: str, headers: Sequence[str]) -> None:
        """Add these headers after the tab's last column (those it lacks)."""
        raise StoreError(f"{self.title or self.label}: добавлять столбцы приложение умеет только в Google Таблице.")

    def raw_grids(self, tabs: Sequence[str]) -> dict[str, list[list[Any]] | None]:
        """Every cell of these tabs from A1, title rows and all, read now (for connecting a staff sheet)."""
        raise NotImplementedError

    def drop_downs(self, tabs: Sequence[str]) -> dict[str, dict[int, list[str]]]:
        """Tab → 0-based column → the words of the drop-down lists staff gave its cells (core.store.lists), read
        now (for connecting a staff sheet). A store that keeps no such lists has none."""
        return {}

    def merged_blocks(self, tabs: Sequence[str], fresh: bool = False) -> dict[str, list]:
        """Tab → its merged blocks of cells (core.store.merged.Block); `fresh`: as they are now, for a write's check.
        A store that keeps no merged cells has none."""
        return {}

    def struck_cells(self, tabs: Sequence[str], fresh: bool = False) -> dict[str, set[tuple[int, int]]]:
        """Tab → its cells struck through, as (1-based row, 0-based column) (core.store.struck): how staff cancel a
        record. A store that keeps no formats has none."""
        return {}

    def has_tab(self, tab: str) -> bool | None:
        """Whether the tab exists, as far as known without asking the store again (None: not known)."""
        with self._lock:
            entry = self._cache.get(tab)
        return None if entry is None else entry[0].exists

    @abstractmethod
    def _fetch(self, tabs: list[str]) -> dict[str, TabData]: ...

    @abstractmethod
    def _append_many(self, rows_by_tab: dict[str, list[dict]], numbering: Numbering | None,
                     journal: Callable[[Mapping[str, list[dict]]], list[dict]] | None) -> dict[str, list[dict]]: ...

    @abstractmethod
    def _update_many(self, key_header: str, updates: list[tuple[RowSnapshot, Mapping[str, Any]]],
                     journal: list[Mapping[str, Any]]) -> None: ...

    @abstractmethod
    def _create_tabs(self, layouts: list[TabLayout]) -> None: ...

    @abstractmethod
    def _write_owned_tab(self, tab: OwnedTab, journal: list[Mapping[str, Any]]) -> None: ...

    def cell_url(self, tab: str, a1: str) -> str | None:
        """A link that opens the sheet at that cell, where the store has one."""
        return None

