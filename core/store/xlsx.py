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

from sheets_schema.base import normalize_header

from ..errors import StoreError, UnknownTab
from .base import RowSnapshot, Store, TabData, TabLayout, check_row_unchanged, row_for_headers, tab_from_grid
from .files import atomic_write, locked, refuse_if_open_elsewhere

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
            self._cache.clear()  # everything cached came from an older file
        try:
            book = python_calamine.CalamineWorkbook.from_path(str(self.path))
        except Exception as exc:
            raise StoreError(f"Не удалось открыть книгу «{self.path}»: файл повреждён или это не .xlsx ({exc}).") from exc
        names = set(book.sheet_names)
        result = {}
        for tab in tabs:
            if tab not in names:
                result[tab] = TabData(tab, [], [], [], exists=False)
                continue
            grid = book.get_sheet_by_name(tab).to_python(skip_empty_area=False)
            result[tab] = tab_from_grid(tab, grid)
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
        """Load, change and save the workbook under the write lock, atomically."""
        with locked(self.path):
            refuse_if_open_elsewhere(self.path)
            book = openpyxl.load_workbook(self.path) if self.path.exists() else _empty_book()
            change(book)
            atomic_write(self.path, lambda tmp: book.save(tmp), self.backups, self.backups_keep)
        self._signature = None

    def _append_many(self, rows_by_tab: dict[str, list[Mapping[str, Any]]]) -> None:
        def change(book: openpyxl.Workbook) -> None:
            for tab, rows in rows_by_tab.items():
                ws = _sheet(book, tab)
                headers = _headers(ws)
                at = _last_used_row(ws) + 1
                for offset, values in enumerate(rows):
                    for col, value in enumerate(row_for_headers(headers, values, tab), start=1):
                        if value is not None:
                            _set(ws.cell(row=at + offset, column=col), value)

        self._edit(change)

    def _update(self, seen: RowSnapshot, key_header: str, changes: Mapping[str, Any]) -> None:
        def change(book: openpyxl.Workbook) -> None:
            ws = _sheet(book, seen.tab)
            headers = _headers(ws)
            current = [c.value for c in ws[seen.row]] if seen.row <= ws.max_row else []
            position = check_row_unchanged(seen, key_header, headers, current)
            laid_out = row_for_headers(headers, changes, seen.tab)
            for header in changes:
                col = position[normalize_header(header)] + 1
                _set(ws.cell(row=seen.row, column=col), laid_out[col - 1])

        self._edit(change)

    def _create_tabs(self, layouts: list[TabLayout]) -> None:
        def change(book: openpyxl.Workbook) -> None:
            for layout in layouts:
                if layout.name in book.sheetnames:
                    continue
                _layout_sheet(book.create_sheet(layout.name), layout)
            if "__empty__" in book.sheetnames and len(book.sheetnames) > 1:
                del book["__empty__"]

        self._edit(change)



def _empty_book() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    book.active.title = "__empty__"
    return book


def _sheet(book: openpyxl.Workbook, tab: str):
    if tab not in book.sheetnames:
        raise UnknownTab(f"В книге нет листа «{tab}». Создайте его: edudesk init создаёт недостающие листы.")
    return book[tab]


def _headers(ws) -> list[str]:
    return ["" if c.value is None else str(c.value) for c in ws[1]]


def _last_used_row(ws) -> int:
    for row in range(ws.max_row, 1, -1):
        if any(c.value not in (None, "") for c in ws[row]):
            return row
    return 1


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
