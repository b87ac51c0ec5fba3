"""The local workbook store: data/edudesk.xlsx, read with python-calamine, written with openpyxl."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import python_calamine
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..errors import StoreError, UnknownTab
from . import xlsx_faces
from .base import RowSnapshot, Store, TabData, TabLayout, row_for_headers, tab_from_grid
from .files import atomic_write, locked, refuse_if_open_elsewhere
from .rows import cells_to_write
from .typed import header_text, resolve_row, tab_from_cells
from .xlsx_parts import Changes, UnsupportedLayout, write_cells
from .xlsx_sheets import add_sheets

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters an .xlsx can't hold
_DATE_FORMAT = "DD.MM.YYYY"


class XlsxStore(Store):
    """A local .xlsx with the same tabs as the Google Sheet; no configuration needed."""

    def __init__(self, path: Path | str, backups_keep: int = 20, cache_ttl: float = 60.0) -> None:
        super().__init__(cache_ttl)
        self.path = Path(path)
        self.backups = self.path.parent / "backups"
        self.backups_keep = backups_keep
        self.label = f"Локальная книга {self.path}"
        self.title = f"Локальная книга {self.path.name}"
        self._signature: tuple[int, int] | None = None

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

    def _fetch(self, tabs: list[str]) -> dict[str, TabData]:
        signature = self._file_signature()
        if signature is None:
            raise StoreError(f"Книга «{self.path}» не найдена. Создайте её: edudesk init (или edudesk init --demo).")
        if signature != self._signature:
            self.invalidate()  # everything cached came from an older file
        try:
            book = python_calamine.CalamineWorkbook.from_path(str(self.path))
        except Exception as exc:
            raise StoreError(f"Не удалось открыть книгу «{self.path}»: файл повреждён или это не .xlsx ({exc}).") from exc
        names = set(book.sheet_names)
        present = [t for t in tabs if t in names]
        shown = xlsx_faces.faces(self.path, present)  # «80%», «007»: what staff see where a format changes it
        result = {t: TabData(t, [], [], [], exists=False) for t in tabs if t not in names}
        for tab in present:
            grid = book.get_sheet_by_name(tab).to_python(skip_empty_area=False)
            xlsx_faces.apply(grid, shown.get(tab, {}))
            result[tab] = tab_from_cells(tab, grid)
        self._signature = signature
        return result

    def tab_names(self) -> list[str]:
        if not self.path.exists():
            return []
        return list(python_calamine.CalamineWorkbook.from_path(str(self.path)).sheet_names)

    # writing ---------------------------------------------------------------
    def start_over(self) -> None:
        """Move the workbook into backups/ so init can create a new one."""
        with locked(self.path):
            refuse_if_open_elsewhere(self.path)
            if self.path.exists():
                self.backups.mkdir(parents=True, exist_ok=True)
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
                self.path.replace(self.backups / f"{self.path.stem}-{stamp}{self.path.suffix}")
        self._signature = None
        self.invalidate()

    def _edit(self, change) -> None:
        """Load, change and save the whole workbook with openpyxl, under the write lock, atomically."""
        with locked(self.path):
            refuse_if_open_elsewhere(self.path)
            book = openpyxl.load_workbook(self.path) if self.path.exists() else _empty_book()
            change(book)
            atomic_write(self.path, lambda tmp: book.save(tmp), self.backups, self.backups_keep)
        self._signature = None

    def _write_cells(self, changes: Changes) -> None:
        """Write cells by rewriting only the changed sheets' parts; openpyxl when the layout is unusual."""
        try:
            atomic_write(self.path, lambda tmp: write_cells(self.path, tmp, changes), self.backups, self.backups_keep)
        except UnsupportedLayout:
            book = openpyxl.load_workbook(self.path)
            for tab, cells in changes.items():
                for row, values in cells.items():
                    for col, value in values.items():
                        _set(book[tab].cell(row=row, column=col), value)
            atomic_write(self.path, lambda tmp: book.save(tmp), self.backups, self.backups_keep)
        self._signature = None

    def _grids(self, tabs: list[str]) -> dict[str, list[list[Any]]]:
        """The current cells of these sheets, read fresh from disk (under the write lock)."""
        book = python_calamine.CalamineWorkbook.from_path(str(self.path))
        missing = [t for t in tabs if t not in book.sheet_names]
        if missing:
            raise UnknownTab(f"В книге нет листа «{missing[0]}». Создайте его: edudesk init создаёт недостающие листы.")
        return {t: book.get_sheet_by_name(t).to_python(skip_empty_area=False) for t in tabs}

    def _append_many(self, rows_by_tab: dict[str, list[Mapping[str, Any]]]) -> None:
        with locked(self.path):
            refuse_if_open_elsewhere(self.path)
            self._write_cells(self._appended(rows_by_tab))

    def _appended(self, rows_by_tab: Mapping[str, list[Mapping[str, Any]]]) -> Changes:
        """The cells of rows added below the last used row of each tab (read fresh, under the lock)."""
        changes: Changes = {}
        for tab, grid in self._grids(list(rows_by_tab)).items():
            current = tab_from_grid(tab, grid)
            below = (current.row_numbers[-1] if current.row_numbers else 1) + 1
            changes[tab] = {
                below + offset: {col: v for col, v in enumerate(row_for_headers(current.headers, values, tab), 1)
                                 if v is not None}
                for offset, values in enumerate(rows_by_tab[tab])}
        return changes

    def _update_many(self, key_header: str, updates: list[tuple[RowSnapshot, Mapping[str, Any]]],
                     journal: list[Mapping[str, Any]]) -> None:
        tab = updates[0][0].tab
        with locked(self.path):
            refuse_if_open_elsewhere(self.path)
            grid = self._grids([tab])[tab]
            xlsx_faces.apply(grid, xlsx_faces.faces(self.path, [tab]).get(tab, {}))
            headers = [header_text(h) for h in (grid[0] if grid else [])]
            # the row as the app read it: each cell by its column's type, as in _fetch
            cells = {seen.row: cells_to_write(seen, key_header, headers, resolve_row(
                tab, headers, grid[seen.row - 1] if seen.row <= len(grid) else []), changes)
                     for seen, changes in updates}
            # The update and its journal entries go into the file in one write.
            self._write_cells({tab: cells, **(self._appended({"Журнал": journal}) if journal else {})})

    def _create_tabs(self, layouts: list[TabLayout]) -> None:
        if self.path.exists():
            with locked(self.path):
                refuse_if_open_elsewhere(self.path)
                new = [lay for lay in layouts if lay.name not in self.tab_names()]
                if not new:
                    return
                try:
                    atomic_write(self.path, lambda tmp: add_sheets(self.path, tmp, new), self.backups, self.backups_keep)
                    self._signature = None
                    return
                except UnsupportedLayout:
                    _refuse_if_openpyxl_would_drop(self.path)
        self._create_with_openpyxl(layouts)

    def _create_with_openpyxl(self, layouts: list[TabLayout]) -> None:
        def change(book: openpyxl.Workbook) -> None:
            for layout in layouts:
                if layout.name in book.sheetnames:
                    continue
                _layout_sheet(book.create_sheet(layout.name), layout)
            if "__empty__" in book.sheetnames and len(book.sheetnames) > 1:
                del book["__empty__"]

        self._edit(change)



def _refuse_if_openpyxl_would_drop(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path) as z:
        rich = [n for n in z.namelist() if n.startswith(("xl/drawings/", "xl/charts/", "xl/media/", "xl/vbaProject"))]
    if rich:
        raise StoreError(f"Книга «{path.name}» устроена необычно, и добавить листы, не потеряв её диаграммы и "
                         "рисунки, не получается. Добавьте недостающие листы вручную (список — на странице «Справка»).")


def _empty_book() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    book.active.title = "__empty__"
    return book


def _set(cell, value: Any) -> None:
    """Write a value raw: a string stays text even when it starts with «=»."""
    if isinstance(value, datetime):
        cell.value = value
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = _DATE_FORMAT
    elif isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        cell.value = value
    elif value is None:
        cell.value = None
    else:
        cell.value = _ILLEGAL.sub("", str(value))
        cell.data_type = "s"


def _layout_sheet(ws, layout: TabLayout) -> None:
    bold = Font(bold=True)
    for col, header in enumerate(layout.headers, start=1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.font = bold
        ws.column_dimensions[get_column_letter(col)].width = max(layout.width, min(len(header) + 4, 40))
        choices = layout.dropdowns.get(header)
        if choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            dv.error = "Выберите значение из списка"
            dv.errorTitle = "Недопустимое значение"
            dv.showErrorMessage = False  # warn in the checks, never block what staff type
            letter = get_column_letter(col)
            dv.add(f"{letter}2:{letter}5000")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
