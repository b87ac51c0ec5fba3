"""The local workbook store: data/edudesk.xlsx (or a workbook staff already keep), read with python-calamine.

Writes change only what they must (xlsx_parts), under a file lock, through a temp file, with a backup; a workbook
open in Excel or LibreOffice, marked read-only, or laid out in a way that can't be changed exactly is refused in
Russian — never rewritten by a library that would drop what it doesn't know."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from core.platform.a1 import column_letter
from core.platform.errors import EduDeskError, StoreError, UnknownTab, WriteNotSaved
from sheets_schema import TAB_BY_NAME

from . import xlsx_faces, xlsx_lists, xlsx_read
from .base import (
    Numbering,
    OwnedTab,
    ReadResult,
    RowSnapshot,
    Store,
    TabData,
    TabLayout,
    fill_numbers,
)
from .files import atomic_write, locked, refuse_if_open_elsewhere, refuse_if_read_only
from .merged import Block, xlsx_blocks
from .rows import cells_to_write, row_for_headers
from .struck import xlsx_struck
from .typed import headers_of, resolve_row, tab_from_cells
from .xlsx_calc import app_columns
from .xlsx_cells import TextNotStorable
from .xlsx_filled import complete_new_rows, prepared_rows
from .xlsx_insert import records_start
from .xlsx_journal import KEEP, ROTATE_AT, move_to_archive
from .xlsx_kept import tabs_after
from .xlsx_marks import read_marks, with_marks
from .xlsx_new import write_new_workbook
from .xlsx_owned import write_owned
from .xlsx_package import Package, UnsupportedLayout
from .xlsx_parts import Plan, write_cells
from .xlsx_refusal import refusal as _refusal
from .xlsx_sheet import MAX_ROWS, Sheet
from .xlsx_sheets import add_sheets
from .xlsx_staff import column_values, sheet_headers

JOURNAL = "Журнал"
log = logging.getLogger("edudesk.store")


class XlsxStore(Store):
    """A local .xlsx with the same tabs as the Google Sheet; no configuration needed."""
    moves_totals = moves_sections = True  # xlsx_insert

    def __init__(self, path: Path | str, backups_keep: int = 20, cache_ttl: float = 60.0,
                 archives_journal: bool = True) -> None:
        super().__init__(cache_ttl)
        self.path = Path(path)
        self.archives_journal = archives_journal  # False: the archive itself (xlsx_journal), which only grows
        self.backups = self.path.parent / "backups"
        self.backups_keep = backups_keep
        self.label = f"Локальная книга {self.path}"
        self.title = f"Локальная книга {self.path.name}"
        self._signature: tuple[int, int] | None = None
        self._kept: dict[str, TabData] = {}  # the tabs just written, as they now are (see _written)
        self._kept_signature: tuple[int, int] | None = None

    # reading ---------------------------------------------------------------
    def _file_signature(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def _still_valid(self, tab: str, fetched_mono: float) -> bool:
        # A saved edit from Excel changes mtime or size: the next read sees it.
        return self._signature is not None and self._file_signature() == self._signature

    def read(self, tabs: Sequence[str]) -> ReadResult:
        # A file saved since the last read makes everything cached stale. Said before the read begins: a change
        # noticed inside the fetch would make the fetch throw its own fresh answer away and read the file twice.
        signature = self._file_signature()
        if signature != self._signature and (self._signature is not None or signature is None):
            self.invalidate()
            self._signature = None
        return super().read(tabs)

    def _fetch(self, tabs: list[str]) -> dict[str, TabData]:
        signature = self._file_signature()
        if signature is None:
            raise StoreError(f"Книга «{self.path}» не найдена. Создайте её: edudesk init (или edudesk init --demo).")
        if self._signature is not None and signature != self._signature:
            self.invalidate()  # saved again between read() looking and this fetch: its answer may be older
        grids = self._grids(tabs)
        result = {t: TabData(t, [], [], [], exists=False) if g is None else tab_from_cells(t, g, frame=self.frame_of(t))
                  for t, g in grids.items()}
        self._signature = signature
        return result

    def _grids(self, tabs: list[str]) -> dict[str, list[list[Any]] | None]:
        book = xlsx_read.open_book(self.path)
        actual = {t: xlsx_read.actual_name(book.sheet_names, t) for t in tabs}
        present = {t: a for t, a in actual.items() if a is not None}
        shown = xlsx_faces.faces(self.path, list(present.values()))  # «80%», «007»: what staff see
        grids: dict[str, list[list[Any]] | None] = {t: None for t in tabs}
        for tab, sheet in present.items():
            grid = xlsx_read.grid(book, self.path, sheet)
            xlsx_faces.apply(grid, shown.get(sheet, {}))
            grids[tab] = grid
        return grids

    def _there(self) -> Path:
        """The workbook's path; in Russian, that it is not there."""
        if self._file_signature() is None:
            raise StoreError(f"Книга «{self.path}» не найдена.")
        return self.path

    def raw_grids(self, tabs: Sequence[str]) -> dict[str, list[list[Any]] | None]:
        self._there()
        return self._grids(list(tabs))

    def drop_downs(self, tabs: Sequence[str]) -> dict[str, dict[int, list[str]]]:
        return xlsx_lists.book_drop_downs(self._there(), tabs)

    def merged_blocks(self, tabs: Sequence[str], fresh: bool = False) -> dict[str, list[Block]]:
        return xlsx_blocks(self._there(), tuple(tabs), self._file_signature())

    def struck_cells(self, tabs: Sequence[str], fresh: bool = False) -> dict[str, set[tuple[int, int]]]:
        return xlsx_struck(self._there(), tuple(tabs), self._file_signature())

    def tab_names(self) -> list[str]:
        if not self.path.exists():
            return []
        return list(xlsx_read.open_book(self.path).sheet_names)

    def has_tab(self, tab: str) -> bool | None:
        known = super().has_tab(tab)
        if known is not None or not self.path.exists():
            return known
        try:
            return xlsx_read.actual_name(self.tab_names(), tab) is not None
        except StoreError:
            return None  # the write itself will say what is wrong with the file

    # writing ---------------------------------------------------------------
    def start_over(self) -> Path | None:
        """Move the workbook into backups/ so init can create a new one; where it went (None: there was none)."""
        moved = None
        with locked(self.path):
            refuse_if_open_elsewhere(self.path)
            if self.path.exists():
                self.backups.mkdir(parents=True, exist_ok=True)
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
                moved = self.backups / f"{self.path.stem}-{stamp}{self.path.suffix}"
                self.path.replace(moved)
        self._signature = None
        self.invalidate()
        return moved

    def check_writable(self) -> None:
        if not self.path.exists():
            raise StoreError(f"Книга «{self.path}» не найдена: записать в неё нельзя.")
        refuse_if_open_elsewhere(self.path)
        refuse_if_read_only(self.path)

    @contextmanager
    def _opened(self) -> Iterator[Package]:
        """The workbook as a package, under the write lock, once it is sure the app may write it."""
        with locked(self.path):
            refuse_if_open_elsewhere(self.path)
            refuse_if_read_only(self.path)
            problem = xlsx_read.not_a_workbook(self.path)
            if problem:
                raise StoreError(f"Книгу «{self.path.name}» изменить нельзя: {problem}. Ничего не записано.")
            try:
                package = Package.open(self.path)
            except UnsupportedLayout as exc:
                raise _refusal(self.path, exc) from exc
            try:
                yield package
            except UnsupportedLayout as exc:
                raise _refusal(self.path, exc) from exc
            except TextNotStorable as exc:
                raise WriteNotSaved(f"Текст не записан в книгу «{self.path.name}»: {exc}. Изменение НЕ сохранено.") \
                    from exc
            finally:
                package.close()
        self._signature = None

    def _write(self, build: Callable[[Package, Callable[[str], str]], tuple[Plan, Any]]) -> Any:
        """Let `build` plan the change from what is in the file now (under the lock), then write it."""
        self._kept = {}
        with self._opened() as package:
            names = [name for name, _ in package.sheets()]

            def sheet_of(tab: str) -> str:
                found = xlsx_read.actual_name(names, tab)
                if found is None:
                    raise UnknownTab(f"В книге нет листа «{tab}». Изменение НЕ сохранено: создайте лист "
                                     "(edudesk init добавляет недостающие листы) и повторите.")
                return found

            plan, result = build(package, sheet_of)
            # what is in memory is the file as it was just before this write (nobody saved it since it was read)
            as_in_memory = not plan.moved and self._signature is not None and self._signature == self._file_signature()
            written: dict[str, Any] = {}
            atomic_write(self.path, lambda tmp: written.update(write_cells(package, tmp, plan)), self.backups,
                         self.backups_keep)
            if as_in_memory:
                self._kept = tabs_after(self.path, package, plan, written, self._cached, self.frame_of)
                self._kept_signature = self._file_signature()
        journal = next((cells for sheet, cells in plan.cells.items() if plan.tabs.get(sheet) == JOURNAL), None)
        if journal and self.archives_journal and max(journal) - 1 >= ROTATE_AT:
            try:
                self.rotate_journal()
            except (EduDeskError, OSError, UnsupportedLayout) as exc:
                # the write itself is done and must not look failed (a retry would write it twice): the move is
                # housekeeping, tried again at the next write; «Журнал» keeps every entry meanwhile
                log.warning("«Журнал» не перенесён в архив, попытка будет при следующей записи: %s", exc)
        return result

    def rotate_journal(self) -> int:
        """Move «Журнал»'s older entries to the archive beside the workbook, keeping the newest KEEP here
        (xlsx_journal). The number moved."""
        with self._opened() as package:
            sheet = xlsx_read.actual_name([name for name, _ in package.sheets()], JOURNAL)
            if sheet is None:
                return 0
            grid = xlsx_read.grid(xlsx_read.open_book(self.path), self.path, sheet)
            headers = headers_of(grid[:1])
            rows = [row for row in grid[1:] if any(v not in ("", None) for v in row)]
            if len(rows) <= KEEP:
                return 0
            current = self._file_signature()
            as_in_memory = current is not None and current in (self._signature, self._kept_signature)
            move_to_archive(self.path, headers, rows[:-KEEP])
            width = TAB_BY_NAME[JOURNAL].width if JOURNAL in TAB_BY_NAME else 18
            tab = OwnedTab(JOURNAL, [headers, *rows[-KEEP:]], bold_rows=frozenset({1}), frozen_rows=1,
                           widths=[width] * len(headers))
            atomic_write(self.path, lambda tmp: write_owned(package, tmp, tab), self.backups, self.backups_keep)
            after = self._file_signature()
        self._kept.pop(JOURNAL, None)  # what the write before kept of «Журнал» is no more
        self.invalidate([JOURNAL])
        if not as_in_memory:  # someone saved the file meanwhile: nothing in memory is kept
            self._kept, self._kept_signature = {}, None
        elif self._kept_signature is not None:  # only «Журнал» changed: the rest in memory is still the file's
            self._kept_signature = after
        else:
            self._signature = after
        return len(rows) - KEEP

    def _cached(self, tab: str) -> TabData | None:
        with self._lock:
            entry = self._cache.get(tab)
        return entry[0] if entry else None

    def _written(self, tabs: Sequence[str]) -> None:
        kept, self._kept = self._kept, {}
        signature, self._kept_signature = self._kept_signature, None
        self.invalidate([t for t in tabs if t not in kept])  # not in memory before the write: read when asked
        if signature is not None:  # the write found the file as in memory: what it kept is the file's now
            self._remember({t: kept[t] for t in tabs if t in kept})
            self._signature = signature

    def _append_many(self, rows_by_tab: dict[str, list[Mapping[str, Any]]], numbering: Numbering | None = None,
                     journal=None) -> dict[str, list[dict]]:
        def build(package: Package, sheet_of):
            existing = column_values(self.path, sheet_of(numbering.tab), numbering.header, self.frame_of(numbering.tab)) if numbering else []
            for tab, header in numbering.beside if numbering else ():  # under the same lock, from the same file
                existing += column_values(self.path, sheet_of(tab), header, self.frame_of(tab))
            final = fill_numbers(rows_by_tab, numbering, existing)
            if journal is not None:
                final = {**final, JOURNAL: journal(final)}
            plan = Plan({})
            for tab, rows in final.items():
                sheet = sheet_of(tab)
                part = package.sheet_part(sheet)
                headers = sheet_headers(package, part, self.path, sheet, self.frame_of(tab))
                editor = plan.sheets[part] = Sheet(package.text(part), package.main_ns)
                last = editor.last_row()
                laid = [row_for_headers(headers, r, tab) for r in rows]
                below = prepared_rows(editor, self.frame_of(tab).header_row, laid) or max(last, self.frame_of(tab).header_row) + 1
                if self.frame_of(tab).totals_below:  # under its section, or over the staff's «Итого» (xlsx_insert)
                    below = records_start(package, plan, editor, self.path, sheet, self.frame_of(tab), laid) or below
                if below + len(rows) - 1 > MAX_ROWS:
                    raise StoreError(f"На листе «{sheet}» некуда добавить строки: заполнена последняя строка листа "
                                     f"({last:,}). Скорее всего, там случайное значение — удалите его и повторите. "
                                     "Изменение НЕ сохранено.".replace(",", "\u00a0"))
                plan.tabs[sheet] = tab
                plan.cells[sheet] = {below + i: {c: v for c, v in enumerate(r, 1) if v is not None} for i, r in enumerate(laid)}
                if rows:
                    complete_new_rows(package, self.path, sheet, editor, plan.cells[sheet], self.frame_of(tab), headers)
                plan.appended[sheet], plan.header_rows[sheet] = list(range(below, below + len(rows))), self.frame_of(tab).header_row
                plan.keep[sheet] = app_columns(tab, headers, self.frame_of(tab))
            return plan, {t: r for t, r in final.items() if t != JOURNAL or journal is None}

        return self._write(build)

    def _update_many(self, key_header: str, updates: list[tuple[RowSnapshot, Mapping[str, Any]]],
                     journal: list[Mapping[str, Any]]) -> None:
        tab = updates[0][0].tab

        def build(package: Package, sheet_of):
            sheet = sheet_of(tab)
            part = package.sheet_part(sheet)
            editor = Sheet(package.text(part), package.main_ns)
            # only the header and the rows written are read back, each cell by its column's type as in _fetch
            frame = self.frame_of(tab)
            header_rows = range(frame.top, frame.header_row + 1)
            rows = xlsx_read.decode_rows(package, editor, set(header_rows) | {seen.row for seen, _ in updates})
            headers = headers_of([rows.get(n, []) for n in header_rows])
            cells = {seen.row: cells_to_write(seen, key_header, headers, resolve_row(tab, headers, [
                None if v == "" else v for v in rows.get(seen.row, [])], frame), changes) for seen, changes in updates}
            plan = Plan({sheet: cells}, keep={sheet: app_columns(tab, headers, frame)}, sheets={part: editor},
                        tabs={sheet: tab})
            if journal:  # the update and its journal entries go into the file in one write
                journal_sheet = sheet_of(JOURNAL)
                part = package.sheet_part(journal_sheet)
                journal_headers = sheet_headers(package, part, self.path, journal_sheet, self.frame_of(journal_sheet))
                journal_editor = plan.sheets[part] = Sheet(package.text(part), package.main_ns)
                plan.tabs[journal_sheet] = JOURNAL
                below = max(journal_editor.last_row(), 1) + 1
                plan.cells[journal_sheet] = {below + i: dict(enumerate(row_for_headers(journal_headers, e, JOURNAL), 1))
                                             for i, e in enumerate(journal)}
                plan.appended[journal_sheet] = list(range(below, below + len(journal)))
            return plan, None

        self._write(build)

    def _create_tabs(self, layouts: list[TabLayout]) -> None:
        if not self.path.exists():
            with locked(self.path):
                atomic_write(self.path, lambda tmp: write_new_workbook(tmp, layouts), self.backups, self.backups_keep)
            self._signature = None
            return
        with self._opened() as package:
            names = [name for name, _ in package.sheets()]
            new = [lay for lay in layouts if xlsx_read.actual_name(names, lay.name) is None]
            clash = next((n for lay in new for n in names if n.casefold() == lay.name.casefold()), None)
            if clash:
                raise StoreError(f"В книге несколько листов с именем «{clash}», различающихся только регистром "
                                 "букв: Excel такого не допускает. Переименуйте лишние и повторите.")
            if new:
                atomic_write(self.path, lambda tmp: add_sheets(package, tmp, new), self.backups, self.backups_keep)


    def mark_columns(self, key: str, marks: Mapping[str, Mapping[int, str]]) -> None:
        """Hidden defined names on the marked columns (xlsx_marks): workbook.xml only, no sheet part touched."""
        with self._opened() as package:
            part = package.workbook
            xml = with_marks(package.text(part), key, marks).encode("utf-8")
            atomic_write(self.path, lambda tmp: package.write(tmp, {part: xml}), self.backups, self.backups_keep)

    def column_marks(self, key: str) -> dict[str, tuple[str, int]]:
        """Each mark's defined name (xlsx_marks.mark_name) → (sheet, 0-based column) where its column is now."""
        if not self.path.exists():
            return {}
        try:
            package = Package.open(self.path)
        except UnsupportedLayout:
            return {}
        try:
            return read_marks(package.text(package.workbook), key)
        finally:
            package.close()

    def _write_owned_tab(self, tab: OwnedTab, journal: list[Mapping[str, Any]]) -> None:
        with self._opened() as package:
            names = [name for name, _ in package.sheets()]
            journal_sheet = xlsx_read.actual_name(names, JOURNAL)
            together = journal and journal_sheet and xlsx_read.actual_name(names, tab.name) is not None
            extra = self._journal_part(package, journal_sheet, journal) if together else {}
            atomic_write(self.path, lambda tmp: write_owned(package, tmp, tab, extra), self.backups,
                         self.backups_keep)
        if journal and not together:  # the tab's first write (or no «Журнал» yet): the entry right after it
            self._append_many({JOURNAL: journal})

    def _journal_part(self, package: Package, sheet: str, journal: list[Mapping[str, Any]]) -> dict[str, bytes]:
        """«Журнал» with `journal` below its last row, as the part to put into the same write."""
        part = package.sheet_part(sheet)
        headers = sheet_headers(package, part, self.path, sheet, self.frame_of(sheet))
        editor = Sheet(package.text(part), package.main_ns)
        below = max(editor.last_row(), 1) + 1
        cells = {below + i: {c: v for c, v in enumerate(row_for_headers(headers, e, JOURNAL), 1) if v is not None}
                 for i, e in enumerate(journal)}
        return {part: editor.write(cells, lambda _value, style: style, package.date1904).xml.encode("utf-8")}


__all__ = ["XlsxStore", "column_letter"]
