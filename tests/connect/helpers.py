"""What the tests of a connected staff workbook share: connect it as a colleague would, and read its cells."""

from pathlib import Path

import openpyxl

from core.connect.mapped import MappedStore
from core.connect.sheet import connected, look, save
from core.store import XlsxStore


def connect_book(path: Path) -> MappedStore:
    """Save the proposal as the mapping, then open the book through it as a colleague on another machine would."""
    store = XlsxStore(path)
    save(store, look(store))
    mapped = connected(XlsxStore(path))
    assert isinstance(mapped, MappedStore)
    return mapped


METHODIST, GUEST = "metodist@oiro.example.ru", "guest@oiro.example.ru"
OFFICE_USERS = [{"E-mail": "admin@oiro.example.ru", "Роль": "администратор"},
                {"E-mail": METHODIST, "ФИО": "Зимина Е. А.", "Роль": "сотрудник"},
                {"E-mail": GUEST, "Роль": "наблюдатель"}]


def connect_with_users(path: Path, users: list[dict] = OFFICE_USERS) -> MappedStore:
    """Connected as proposed, the model tabs the book lacks created (as «Создать недостающие листы» does), and these
    people in «Пользователи»: the book as an office runs it with staff who are not administrators."""
    from core.records.tabs import layouts

    mapped = connect_book(path)
    present = mapped.read([layout.name for layout in layouts()]).tabs
    mapped.create_tabs([layout for layout in layouts() if not present[layout.name].exists])
    mapped.append("Пользователи", users)
    return mapped


def page_as(app_on, book: Path, monkeypatch, email: str, page: str):
    """The app on `book`, signed in as `email`, on `page` («app_pages/records.py»), drawn without an error."""
    monkeypatch.setenv("EDUDESK_DEV_USER", email)
    at = app_on(book)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def sheet_cells(path: Path, sheet: str) -> dict[str, object]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}


def changed_cells(before: dict[str, object], after: dict[str, object]) -> set[str]:
    """The cells (A1) whose value differs between two `sheet_cells` of one sheet, added and emptied ones too."""
    return {ref for ref in set(before) | set(after) if before.get(ref) != after.get(ref)}


def update_cells(store, path: Path, sheet: str, tab: str, key_header: str, key: str,
                 changes: dict) -> tuple[set[str], dict[str, object]]:
    """Update one record of `tab` by its key through the connected store: the staff's cells that changed, and the
    sheet's cells after."""
    from core.store import find_row

    before = sheet_cells(path, sheet)
    store.update(find_row(store.read([tab]).tabs[tab], key_header, key), key_header, changes)
    after = sheet_cells(path, sheet)
    return changed_cells(before, after), after


def refused_unwritten(store, path: Path, tab: str, row: dict, match: str) -> None:
    """Appending `row` to `tab` through the connected store is refused in words matching `match`; the file is as it
    was, byte for byte."""
    import pytest

    from core.platform.errors import EduDeskError

    before = path.read_bytes()
    with pytest.raises(EduDeskError, match=match):
        store.append(tab, [row])
    assert path.read_bytes() == before


def google_copy(path: Path, emulator) -> None:
    """The workbook's tabs as a Google Sheet on `emulator`, as an office's upload would make them: values typed,
    «=…» as formulas."""
    from tests.sheets_emulator.values import Cell

    def cell(value):
        if isinstance(value, str) and value.startswith("="):
            return Cell(formula=value)
        return "" if value is None else value

    for name in XlsxStore(path).tab_names():
        rows = openpyxl.load_workbook(path)[name].iter_rows(values_only=True)
        emulator.add_sheet(name, [[cell(v) for v in row] for row in rows])


def connect_google(emulator) -> MappedStore:
    """The proposal saved as the mapping of the Google Sheet, then the sheet opened through it as by a colleague."""
    from tests.conftest import gsheets_store

    save(gsheets_store(emulator), look(gsheets_store(emulator)))
    mapped = connected(gsheets_store(emulator))
    assert isinstance(mapped, MappedStore)
    return mapped


def applications_added(path: Path, sheet: str, before: dict[str, object], told: list, kept: int) -> None:
    """Several writers added one application each (surnames «Новикова0», «Новикова1», …) and were told `told`: no
    number told twice, every cell staff typed as it was, and `kept` + len(told) applications, the new ones under the
    numbers told."""
    from core.records.checks import open_workbook

    assert len(set(told)) == len(told), told  # nobody was told a number another was told
    after = sheet_cells(path, sheet)
    assert {k: v for k, v in after.items() if k in before} == before  # what staff typed: all of it, as it was
    applications = {r.item.number: r.item for r in open_workbook(connected(XlsxStore(path)).read(["Заявки"]).tabs)
                    .items("Заявки")}
    assert set(told) <= set(applications) and len(applications) == kept + len(told)
    assert sorted(applications[k].last_name for k in told) == sorted(f"Новикова{n}" for n in range(len(told)))
