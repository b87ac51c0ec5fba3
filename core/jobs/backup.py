"""The daily copy of the workbook, kept for two weeks, and putting one back.

A local workbook is copied as it is (a file replaced atomically is read whole, old or new). A Google Sheet is
written as an .xlsx of every tab with its values — what LibreOffice or Excel opens, and what `edudesk restore`
puts back into a local workbook.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import openpyxl

from core.platform.errors import EduDeskError
from core.store.files import atomic_write, locked
from core.store.xlsx import XlsxStore
from sheets_schema import TABS

REQUIRED = ("Пользователи", "Настройки")  # a copy without them is not this app's workbook


def daily_folder(workbook: Path) -> Path:
    return Path(workbook).parent / "backups" / "daily"


def make_backup(store, folder: Path, keep: int, now: datetime) -> Path:
    """Write today's copy into `folder` (whole or not at all) and keep the newest `keep`; the copy's path."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = store.path.stem if isinstance(store, XlsxStore) else "google-таблица"
    final = folder / f"{stem}-{now:%Y%m%d-%H%M}.xlsx"
    partial = folder / f".{final.name}.part"
    try:
        if isinstance(store, XlsxStore):
            shutil.copy2(store.path, partial)
        else:
            _snapshot(store, partial)
        with open(partial, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    for stale in sorted(folder.glob(f"{stem}-*.xlsx"))[:-keep]:
        stale.unlink(missing_ok=True)
    return final


def _snapshot(store, path: Path) -> None:
    result = store.read([t.name for t in TABS])
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, tab in result.tabs.items():
        if not tab.exists:
            continue
        sheet = book.create_sheet(name[:31])
        sheet.append(tab.headers)
        for row in tab.rows:
            sheet.append(list(row))
    book.save(path)


def restore(copy: Path, workbook: Path, keep: int) -> None:
    """Put `copy` in place of the local workbook: checked first (it opens, it has the app's tabs), the current
    workbook kept in backups/ as any write keeps it, the replacement atomic and under the write lock."""
    copy = Path(copy)
    if not copy.is_file():
        raise EduDeskError(f"Копии «{copy}» нет: укажите файл из {daily_folder(workbook)}.")
    try:
        tabs = XlsxStore(copy).read([t.name for t in TABS]).tabs
    except EduDeskError as exc:
        raise EduDeskError(f"Копия «{copy.name}» не открывается: {exc} Книга не изменена.") from None
    absent = [name for name in REQUIRED if not tabs[name].exists]
    if absent:
        raise EduDeskError(f"В «{copy.name}» нет листов {', '.join(f'«{a}»' for a in absent)}: это не копия книги "
                           "приложения. Книга не изменена.")
    with locked(workbook):
        atomic_write(workbook, lambda target: shutil.copyfile(copy, target), workbook.parent / "backups", keep)
