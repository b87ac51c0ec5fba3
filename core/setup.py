"""Create the workbook's tabs (and fill them with demo data on request)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.demo.workbook import demo_rows
from core.platform.errors import EduDeskError
from core.records.tabs import layouts
from core.store.base import Store
from core.store.xlsx import XlsxStore
from sheets_schema import TABS


@dataclass
class InitReport:
    created_tabs: list[str]
    demo_rows: int


def initialize(store: Store, demo: bool = False, force: bool = False, today: date | None = None) -> InitReport:
    """Add the tabs the workbook lacks; with demo, fill them when they are empty.

    Existing rows are never changed. force (local workbook only) starts a new workbook and keeps
    the old one in data/backups/.
    """
    if force:
        if not isinstance(store, XlsxStore):
            raise EduDeskError("--force пересоздаёт только собственную локальную книгу приложения; общую Google Таблицу "
                               "и таблицу, которую ведут сотрудники, приложение не очищает.")
        store.start_over()
    existing = set(store.tab_names())
    missing = [layout for layout in layouts() if layout.name not in existing]
    if missing:
        store.create_tabs(missing)
    if not demo:
        return InitReport([m.name for m in missing], 0)
    current = store.read([t.name for t in TABS])
    filled = [name for name, data in current.tabs.items() if data.rows]
    if filled:
        raise EduDeskError(f"В книге уже есть данные (листы: {', '.join(filled[:5])}). Демо-данные добавляются только "
                           "в пустую книгу; edudesk init --demo --force создаст новую, старая сохранится в data/backups/.")
    rows = demo_rows(today)
    store.append_many(rows)
    return InitReport([m.name for m in missing], sum(len(r) for r in rows.values()))
