"""#31 item 5: after its own write the local store keeps the tabs it wrote in memory as they now are — the same
rows a fresh read of the file gives, typed alike — instead of reading a 20 000-row sheet again; and when a colleague
saved the file between its read and its write, it reads again and shows their change too."""

from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from core.store import XlsxStore, find_row, xlsx_read
from sheets_schema import TABS
from tests.connect.helpers import connect_book
from tests.connect.staff_books import BOOKS, write_book

ALL = [t.name for t in TABS]


def _entry(tab: str, key: str) -> dict:
    return {"Когда": datetime(2026, 11, 23, 10, 30), "Кто": "metodist@oiro.example.ru", "Лист": tab, "Ключ": key,
            "Действие": "изменение", "Было": "", "Стало": "="}


def _same(kept, fresh) -> None:
    for tab in fresh:
        assert (kept[tab].headers, kept[tab].row_numbers) == (fresh[tab].headers, fresh[tab].row_numbers), tab
        for a, b in zip(kept[tab].rows, fresh[tab].rows, strict=True):
            assert [(type(v), v) for v in a] == [(type(v), v) for v in b], tab


@pytest.fixture
def reads(monkeypatch):
    """How many times the store opens the workbook to read it."""
    opened = []
    real = xlsx_read.open_book
    monkeypatch.setattr(xlsx_read, "open_book", lambda path: opened.append(path) or real(path))
    return opened


CHANGES = [
    ("Заявки", "№ заявки", {"Дата рождения": date(1990, 1, 31), "Должность": "=СУММ(A1:A2)", "Причина": None,
                            "Внеплановая": True}),
    ("ПОУ_услуги", "Код услуги", {"Ставка, ₽/чел.-ч": Decimal("152.50"), "Часы": 36, "Заказчик": "007"}),
    ("Слушатели", "ID слушателя", {"Итоговый тест, балл": Decimal("72.5"), "Дата аттестации": date(2026, 12, 4)}),
]


@pytest.mark.parametrize(("tab", "key", "changes"), CHANGES, ids=[c[0] for c in CHANGES])
def test_an_update_and_its_journal_are_kept_as_a_fresh_read_gives_them(workbook_copy, reads, tab, key, changes):
    store = XlsxStore(workbook_copy)
    data = store.read(ALL).tabs[tab]
    seen = find_row(data, key, data.rows[1][data.header_index()[key.casefold()]])
    opened = len(reads)
    store.update_many(key, [(seen, changes)], journal=[_entry(tab, seen.values[key])])
    kept = store.read(ALL).tabs
    assert len(reads) == opened  # nothing read again from the file
    _same(kept, XlsxStore(workbook_copy).read(ALL).tabs)


def test_appended_rows_are_kept_as_a_fresh_read_gives_them(workbook_copy, reads):
    store = XlsxStore(workbook_copy)
    store.read(ALL)
    opened = len(reads)
    store.append_many({"Заявки": [{"№ заявки": "З-900", "Дата поступления": date(2026, 12, 1), "Фамилия": "Орлов",
                                   "СНИЛС": "112-233-445 95", "Внеплановая": False}]},
                      journal=lambda final: [_entry("Заявки", "З-900")])
    kept = store.read(ALL).tabs
    assert len(reads) == opened
    assert kept["Заявки"].rows[-1][0] == "З-900"
    _same(kept, XlsxStore(workbook_copy).read(ALL).tabs)


def test_a_colleagues_save_between_the_read_and_the_write_is_read_again(workbook_copy):
    """A cell typed by a colleague and saved after the app read the tab: the app's write goes in, and the next
    read shows both — the app never keeps its memory of a file that someone else changed."""
    store = XlsxStore(workbook_copy)
    data = store.read(ALL).tabs["Заявки"]
    seen = find_row(data, "№ заявки", data.rows[0][0])
    book = openpyxl.load_workbook(workbook_copy)
    book["Заявки"]["J3"] = "методист"  # «Должность» of the second application
    book.save(workbook_copy)
    store.update(seen, "№ заявки", {"Причина": "нет документов"})
    after = store.read(["Заявки"]).tabs["Заявки"]
    assert after.rows[1][after.header_index()["должность"]] == "методист"
    assert after.rows[0][after.header_index()["причина"]] == "нет документов"
    _same({"Заявки": after}, XlsxStore(workbook_copy).read(["Заявки"]).tabs)


def test_the_staffs_own_tab_is_kept_under_its_title_rows(tmp_path, reads):
    path = write_book(BOOKS[0], tmp_path / "staff.xlsx")
    store = connect_book(path)
    seen = find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-003")
    store.update(seen, "№ заявки", {"Статус": "проверена", "Дата рождения": date(1990, 11, 3)})
    opened = len(reads)
    kept = store.read(["Заявки"]).tabs["Заявки"]
    assert len(reads) == opened
    fresh = connect_book(path).read(["Заявки"]).tabs["Заявки"]
    _same({"Заявки": kept}, {"Заявки": fresh})
