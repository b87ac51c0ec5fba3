"""A column whose model value is found through another tab: their «ФИО слушателя» for «ID слушателя», their
«Программа» (a name) for «Код программы» — proposed from the values, read as the key, written back as the name."""

from datetime import date

import pytest

from core.connect.lookup import via
from core.platform.errors import EduDeskError
from core.records.checks import open_workbook, run_all
from core.store import find_row
from sheets_schema import TABS
from tests.connect.helpers import connect_book, sheet_cells
from tests.connect.staff_books import LISTENERS, PROGRAMS, STAFF, StaffBook, StaffTab, write_book
from tests.connect.test_propose import _proposals

ALL = [t.name for t in TABS]

ISSUED = StaffTab(
    "Выдача удостоверений 2026", "Удостоверения", ["Книга выдачи удостоверений"],
    ["Рег. номер", "ФИО слушателя", "Группа", "Дата выдачи", "Как получено", "Примечание"],
    [
        ["ПК-2026-001", "Иванова Мария Петровна", "Г-01", date(2026, 3, 13), "лично", ""],
        ["ПК-2026-002", "петров сергей иванович ", "Г-01", date(2026, 3, 13), "по доверенности", ""],
        ["ПК-2026-003", "Орлов Пётр", "Г-02", "", "", "не наш слушатель"],
    ],
    {"Рег. номер": ("Регистрационный №", None), "ФИО слушателя": ("ID слушателя", via("Слушатели", "ФИО")),
     "Группа": ("Код группы", None), "Дата выдачи": ("Дата выдачи", None), "Как получено": ("Получено", None),
     "Примечание": (STAFF, None)},
)
SHEET = ISSUED.name  # header in row 3; records in rows 4, 5, 6

ENROLLED = StaffTab(
    "Заявки на курсы", "Заявки", ["Заявки на курсы повышения квалификации"],
    ["№ заявки", "Дата заявки", "Программа", "Фамилия", "Имя", "Отчество", "Статус"],
    [
        ["З-101", date(2026, 2, 1), "Функциональная грамотность школьников", "Морозова", "Ирина", "Павловна", "новая"],
        ["З-102", date(2026, 2, 2), "Цифровая образовательная среда", "Волков", "Денис", "Игоревич", "новая"],
    ],
    {"№ заявки": ("№ заявки", None), "Дата заявки": ("Дата поступления", None),
     "Программа": ("Код программы", via("Программы", "Наименование")), "Фамилия": ("Фамилия", None),
     "Имя": ("Имя", None), "Отчество": ("Отчество", None), "Статус": ("Статус", None)},
)


@pytest.fixture
def book(tmp_path):
    return write_book(StaffBook("Удостоверения", [ISSUED, LISTENERS]), tmp_path / "issued.xlsx")


@pytest.mark.parametrize(("tabs", "sheet", "header"), [
    ([ISSUED, LISTENERS], SHEET, "ФИО слушателя"), ([ENROLLED, PROGRAMS], ENROLLED.name, "Программа")])
def test_a_column_of_another_tabs_names_is_proposed_as_the_way_to_its_keys(tabs, sheet, header, tmp_path):
    proposal = _proposals(StaffBook("Книга", tabs), tmp_path)[sheet]
    line = next(ln for ln in proposal.lines if ln.header == header)
    want = tabs[0].answer[header]
    assert (proposal.model_tab, line.model_header, line.part) == (tabs[0].model_tab, *want)


def test_a_column_of_names_alone_is_not_a_way(tmp_path):
    """Names that are nobody's on the other tab lead nowhere: the column stays the staff's."""
    rows = [[r[0], f"Некто {n}", *r[2:]] for n, r in enumerate(ISSUED.rows)]
    tab = StaffTab(ISSUED.name, ISSUED.model_tab, ISSUED.title, ISSUED.headers, rows, ISSUED.answer)
    proposal = _proposals(StaffBook("Книга", [tab, LISTENERS]), tmp_path)[SHEET]
    assert next(ln for ln in proposal.lines if ln.header == "ФИО слушателя").model_header is None


def test_names_are_read_as_keys_and_a_name_that_is_nobodys_is_found_at_its_cell(book):
    store = connect_book(book)
    tabs = store.read(ALL).tabs
    issued = {r.item.reg_number: r.item.listener_id for r in open_workbook(tabs).items("Удостоверения")}
    assert issued == {"ПК-2026-001": "С-001", "ПК-2026-002": "С-002", "ПК-2026-003": "Орлов Пётр"}
    refs = [f for f in run_all(tabs) if f.tab == SHEET and f.rule == "GEN-REF"]
    assert [(f.cell, f.column) for f in refs if "Орлов" in f.message] == [("B6", "ФИО слушателя")]


def test_an_update_beside_the_name_writes_its_cell_alone(book):
    store = connect_book(book)
    seen = find_row(store.read(["Удостоверения"]).tabs["Удостоверения"], "Регистрационный №", "ПК-2026-003")
    before = sheet_cells(book, SHEET)
    store.update(seen, "Регистрационный №", {"Дата выдачи": date(2026, 4, 2)})
    after = sheet_cells(book, SHEET)
    assert {c for c in after if after[c] != before.get(c)} == {"D6"}


def test_a_new_record_gets_the_name_for_its_key_and_an_unknown_key_is_refused(book):
    store = connect_book(book)
    store.append("Удостоверения", [{"Регистрационный №": "ПК-2026-004", "ID слушателя": "С-003", "Код группы": "Г-02"}])
    cells = sheet_cells(book, SHEET)
    assert (cells["A7"], cells["B7"], cells["C7"]) == ("ПК-2026-004", "Сидорова Анна", "Г-02")
    before = book.read_bytes()
    with pytest.raises(EduDeskError, match="нет записи «С-999»"):
        store.append("Удостоверения", [{"Регистрационный №": "ПК-2026-005", "ID слушателя": "С-999"}])
    assert book.read_bytes() == before


def test_on_a_google_sheet_too_the_name_leads_to_the_key_and_back(tmp_path):
    """The same book as a Google Sheet (the emulator): read as keys, a new record written with the name, the
    unknown key refused with nothing sent."""
    import openpyxl

    from core.connect.sheet import connected, look, save
    from tests.conftest import gsheets_store
    from tests.sheets_emulator import SheetsEmulator

    local = write_book(StaffBook("Удостоверения", [ISSUED, LISTENERS]), tmp_path / "src.xlsx")
    server = SheetsEmulator().start()
    try:
        for name in (ISSUED.name, LISTENERS.name):
            rows = openpyxl.load_workbook(local)[name].iter_rows(values_only=True)
            server.add_sheet(name, [["" if v is None else v for v in row] for row in rows])
        save(gsheets_store(server), look(gsheets_store(server)))
        store = connected(gsheets_store(server))
        items = open_workbook(store.read(ALL).tabs).items("Удостоверения")
        assert {r.item.reg_number: r.item.listener_id for r in items}["ПК-2026-002"] == "С-002"
        store.append("Удостоверения", [{"Регистрационный №": "ПК-2026-004", "ID слушателя": "С-003"}])
        assert server.grid(SHEET)[6][:2] == ["ПК-2026-004", "Сидорова Анна"]
        before = server.grid(SHEET)
        with pytest.raises(EduDeskError, match="нет записи"):
            store.append("Удостоверения", [{"Регистрационный №": "ПК-2026-005", "ID слушателя": "С-999"}])
        assert server.grid(SHEET) == before
    finally:
        server.stop()
