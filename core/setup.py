"""Create the workbook's tabs (and fill them with demo data on request)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.demo.workbook import demo_rows
from core.platform.access import User
from core.platform.errors import EduDeskError
from core.records.journal import TAB as JOURNAL
from core.records.journal import USERS, JournaledStore
from core.records.tabs import layouts
from core.store.base import Store
from core.store.wrapping import bare
from core.store.xlsx import XlsxStore
from sheets_schema import TABS


@dataclass
class InitReport:
    created_tabs: list[str]
    demo_rows: int


def initialize(store: Store, demo: bool = False, force: bool = False, today: date | None = None,
               who: User | str = "edudesk init") -> InitReport:
    """Add the tabs the workbook lacks; with demo, fill them when they are empty. Every write is journaled as
    `who`: each tab created, the demo rows, and a reset.

    Existing rows are never changed. force (local workbook only) starts a new workbook and keeps the old one in
    data/backups/; the new one keeps the old «Пользователи» and «Журнал» (who may do what, and who did what — a
    reset is no way to become administrator or to wipe the trail) and says in «Журнал» where the old one went.
    """
    journaled = JournaledStore(store, who)
    store = bare(store)  # --force looks at the workbook itself
    kept: dict[str, list[dict]] = {}
    backup = None
    if force:
        if not isinstance(store, XlsxStore):
            raise EduDeskError("--force пересоздаёт только собственную локальную книгу приложения; общую Google Таблицу "
                               "и таблицу, которую ведут сотрудники, приложение не очищает.")
        if not demo:  # the demo brings its own people
            kept = _kept_over_reset(store)
        backup = store.start_over()
    existing = set(store.tab_names())
    missing = [layout for layout in layouts() if layout.name not in existing]
    if force:  # the old journal first, then what the reset did
        if missing:
            store.create_tabs(missing)
        if kept:
            store.append_many(kept)
        journaled.record("", "", "книга создана заново (edudesk init --force)", None,
                         {"прежняя книга": str(backup) if backup else "не было", "листов создано": len(missing),
                          "перенесено": ", ".join(f"{tab}: {len(rows)}" for tab, rows in kept.items()) or "ничего"})
    elif missing:
        journaled.create_tabs(missing)
    if not demo:
        return InitReport([m.name for m in missing], 0)
    current = store.read([t.name for t in TABS])
    filled = [name for name, data in current.tabs.items() if data.rows and name != JOURNAL]
    if filled:
        raise EduDeskError(f"В книге уже есть данные (листы: {', '.join(filled[:5])}). Демо-данные добавляются только "
                           "в пустую книгу; edudesk init --demo --force создаст новую, старая сохранится в data/backups/.")
    rows = demo_rows(today)
    store.append_many(rows)
    count = sum(len(r) for r in rows.values())
    journaled.record("", "", "демо-данные добавлены (edudesk init --demo)", None, {"строк": count})
    return InitReport([m.name for m in missing], count)


def _kept_over_reset(store: XlsxStore) -> dict[str, list[dict]]:
    """«Пользователи» and «Журнал» of the workbook about to be replaced, as rows to carry into the new one."""
    if not store.path.exists():
        return {}
    present = set(store.tab_names())
    tabs = store.read([t for t in (USERS, JOURNAL) if t in present]).tabs
    return {name: data.as_dicts() for name, data in tabs.items() if data.exists and data.rows}
