"""A register kept on one tab per group (#25): «Слушатели Г-05», «Слушатели Г-06» — the same columns, each tab its
own group, in an order of its own. The app read the first tab only and said of the second «its records are not seen
nor checked». Now every tab of the register is the model tab: a finding on the second tab is at its cell there, an
update changes one cell of that tab, a new record goes to its group's tab, a key handed out is unique over all of
them, and a group no tab keeps is refused with nothing written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.connect.propose import propose
from core.connect.sheet import look
from core.enrollment.application_form import APPLICATION_NUMBERS
from core.platform.errors import EduDeskError
from core.records.checks import run_all
from core.store import XlsxStore, find_row
from sheets_schema import TABS
from tests.connect.helpers import (
    changed_cells,
    connect_book,
    connect_google,
    google_copy,
    sheet_cells,
    update_cells,
)
from tests.connect.staff_books import (
    ATTENDANCE_GRID,
    GROUPS,
    LISTENERS,
    STAFF,
    StaffBook,
    StaffTab,
    write_book,
)
from tests.sheets_emulator import SheetsEmulator

ALL = [t.name for t in TABS]
G05, G06 = "Слушатели Г-05", "Слушатели Г-06"
HEADERS_05 = ["№ п/п", "ID слушателя", "ФИО", "Код группы", "Статус", "Итоговый тест, балл"]
HEADERS_06 = ["№ п/п", "ФИО", "ID слушателя", "Код группы", "Статус", "Итоговый тест, балл", "Примечание"]


def _tab(name: str, group: str, headers: list[str], rows: list[dict]) -> StaffTab:
    return StaffTab(name, "Слушатели", [f"Список слушателей группы {group}"], headers,
                    [[n] + [r.get(h) for h in headers[1:]] for n, r in enumerate(rows, 1)],
                    {h: (h, None) for h in headers[1:] if h != "Примечание"} | {"№ п/п": (STAFF, None),
                                                                              "Примечание": (STAFF, None)})


def _listener(id_: str, name: str, group: str, status="обучается", score=None, note=None) -> dict:
    return {"ID слушателя": id_, "ФИО": name, "Код группы": group, "Статус": status, "Итоговый тест, балл": score,
            "Примечание": note}


BOOK = StaffBook("Слушатели по группам", [
    _tab(G05, "Г-05", HEADERS_05, [_listener("Л-001", "Иванова Мария Петровна", "Г-05"),
                                   _listener("Л-002", "Петров Илья Сергеевич", "Г-05", "завершил", 82),
                                   _listener("Л-003", "Сидорова Анна Олеговна", "Г-05")]),
    _tab(G06, "Г-06", HEADERS_06, [_listener("Л-101", "Орлова Татьяна Викторовна", "Г-06"),
                                   _listener("Л-102", "Белов Алексей Сергеевич", "Г-06", "завершил", -5,
                                             "пересдача"),
                                   _listener("Л-103", "Зимина Елена Андреевна", "Г-06", "завершил", 90)]),
])


@pytest.fixture
def book(tmp_path) -> Path:
    return write_book(BOOK, tmp_path / "Слушатели по группам.xlsx")


def test_the_second_tab_of_a_register_joins_the_first_as_its_records():
    """Was: «Слушатели Г-06» unmapped, «уже сопоставлен …: записей этого листа (3) оно не видит»."""
    grids = {t.name: [[t.title[0]], [], t.headers, *t.rows] for t in BOOK.tabs}
    chosen = {p.sheet: (p.model_tab, p.joins) for p in propose(grids)}
    assert chosen == {G05: ("Слушатели", None), G06: ("Слушатели", G05)}


def test_a_register_of_another_year_stays_apart():
    """«Заявки 2025» beside «Заявки 2026»: the same columns, another year — not joined (read one year at a time)."""
    year = date.today().year
    grid = [["№ заявки", "ФИО", "Код программы", "Дата заявки"], ["З-001", "Орлова Татьяна Викторовна", "ПК-01",
                                                                  f"12.01.{year}"]]
    chosen = {p.sheet: (p.model_tab, p.joins) for p in propose({f"Заявки {year - 1}": grid, f"Заявки {year}": grid})}
    assert chosen == {f"Заявки {year - 1}": (None, None), f"Заявки {year}": ("Заявки", None)}


def test_every_tab_is_read_and_checked_at_its_own_cells(book):
    store = connect_book(book)
    data = store.read(["Слушатели"]).tabs["Слушатели"]
    ids = {row[data.headers.index("ID слушателя")] for row in data.rows}
    assert ids == {"Л-001", "Л-002", "Л-003", "Л-101", "Л-102", "Л-103"}
    findings = run_all(store.read(ALL).tabs)
    negative = [f for f in findings if f.column == "Итоговый тест, балл" and "Итоговый тест" in f.message]
    # «Слушатели Г-06»: title, blank, header in row 3; Белов is the second record (row 5); the score in column F
    assert {(f.tab, f.row, f.cell) for f in negative} == {(G06, 5, "F5")}
    assert not [f for f in findings if f.tab in (G05, G06) and f.row and f.row > 100]  # no numbering of ours shows


def test_a_key_twice_over_two_tabs_is_found_on_both(book, tmp_path):
    """Л-003 on Г-05 and again on Г-06: the key is one register's, so it is a duplicate, found on the second tab."""
    import openpyxl

    wb = openpyxl.load_workbook(book)
    wb[G06]["C6"] = "Л-003"  # Зимина's ID (ID is column C on Г-06)
    wb.save(book)
    store = connect_book(book)
    twice = [f for f in run_all(store.read(ALL).tabs) if "Л-003" in f.message]
    assert [(f.tab, f.cell) for f in twice] == [(G06, "C6")]
    assert "в строке 6 (лист «Слушатели Г-05»)" in twice[0].message  # the other record's row, on its own tab


def test_an_update_of_the_second_tabs_record_changes_its_one_cell(book):
    store = connect_book(book)
    before_05 = sheet_cells(book, G05)
    changed, after = update_cells(store, book, G06, "Слушатели", "ID слушателя", "Л-101", {"Статус": "отчислен"})
    assert changed == {"E4"} and after["E4"] == "отчислен"
    assert sheet_cells(book, G05) == before_05


def test_a_new_record_goes_to_its_groups_tab(book):
    store = connect_book(book)
    before_05, before_06 = sheet_cells(book, G05), sheet_cells(book, G06)
    store.append("Слушатели", [_listener("Л-104", "Кузнецов Олег Игоревич", "Г-06")])
    assert sheet_cells(book, G05) == before_05
    added = changed_cells(before_06, sheet_cells(book, G06))
    assert {ref.rstrip("0123456789") for ref in added} == {"A", "B", "C", "D", "E"} and {ref[1:] for ref in added} == {"7"}
    assert sheet_cells(book, G06)["C7"] == "Л-104" and sheet_cells(book, G06)["B7"] == "Кузнецов Олег Игоревич"
    assert sheet_cells(book, G06)["A7"] == 4  # the next «№ п/п» of the group's own list


def test_a_record_of_a_group_no_tab_keeps_is_refused_nothing_written(book):
    store = connect_book(book)
    before = book.read_bytes()
    with pytest.raises(EduDeskError, match="листа для этого значения нет"):
        store.append("Слушатели", [_listener("Л-201", "Кузнецов Олег Игоревич", "Г-07")])
    assert book.read_bytes() == before


def _applications_book(tmp_path) -> Path:
    """Applications kept on a tab per programme."""
    def tab(name, program, numbers):
        headers = ["№ заявки", "ФИО", "Код программы", "Дата заявки"]
        return StaffTab(name, "Заявки", [f"Заявки на программу {program}"], headers,
                        [[n, "Орлова Татьяна Викторовна", program, date(2026, 1, 12)] for n in numbers],
                        {h: (h, None) for h in headers})

    return write_book(StaffBook("Заявки", [tab("Заявки ПК-01", "ПК-01", ["З-001", "З-002"]),
                                           tab("Заявки ПК-02", "ПК-02", ["З-003", "З-007"])]), tmp_path / "z.xlsx")


def test_a_key_handed_out_is_unique_over_every_tab(tmp_path):
    """The app's next number is after the last one on any tab of the register."""
    path = _applications_book(tmp_path)
    store = connect_book(path)
    before = sheet_cells(path, "Заявки ПК-02")
    written = store.append_many({"Заявки": [{"Фамилия": "Белов", "Имя": "Алексей", "Отчество": "Сергеевич",
                                             "Код программы": "ПК-01", "Дата поступления": date(2026, 2, 1)}]},
                                numbering=APPLICATION_NUMBERS)
    number = written["Заявки"][0]["№ заявки"]
    assert number == "З-0008"  # after З-007 of the other tab, not З-0003 after this tab's own last
    assert sheet_cells(path, "Заявки ПК-02") == before  # a ПК-01 application, on the ПК-01 tab
    assert (sheet_cells(path, "Заявки ПК-01")["A6"], sheet_cells(path, "Заявки ПК-01")["B6"]) == (
        number, "Белов Алексей Сергеевич")


def test_the_same_book_as_a_google_sheet_is_read_and_written_the_same(book):
    emulator = SheetsEmulator().start()
    try:
        google_copy(book, emulator)
        store = connect_google(emulator)
        negative = [f for f in run_all(store.read(ALL).tabs) if "Итоговый тест" in f.message]
        assert {(f.tab, f.cell) for f in negative} == {(G06, "F5")}
        before_05 = emulator.grid(G05)
        store.append("Слушатели", [_listener("Л-104", "Кузнецов Олег Игоревич", "Г-06")])
        assert emulator.grid(G06)[6][1:5] == ["Кузнецов Олег Игоревич", "Л-104", "Г-06", "обучается"]
        assert emulator.grid(G05) == before_05
        seen = find_row(store.read(["Слушатели"]).tabs["Слушатели"], "ID слушателя", "Л-103")
        store.update(seen, "ID слушателя", {"Статус": "отчислен"})
        assert emulator.grid(G06)[5][4] == "отчислен" and emulator.grid(G05) == before_05
    finally:
        emulator.stop()


def test_a_number_a_colleague_took_on_the_other_tab_of_a_google_sheet_meanwhile_is_not_given_again(tmp_path):
    """Applications on a tab per programme of a Google Sheet. Between this session's check-read and its write, a
    colleague adds an application to the other programme's tab and is given the number this session chose: this
    session's write is refused (the claim is the register's, not the tab's) and it takes the next number."""
    emulator = SheetsEmulator().start()
    try:
        google_copy(_applications_book(tmp_path), emulator)
        connect_google(emulator)
        colleague, mine = connect_google(emulator), connect_google(emulator)
        mine.read(["Заявки"])
        told = []

        def colleague_adds(_emulator) -> None:
            told.append(colleague.append_many({"Заявки": [{"Фамилия": "Белов", "Имя": "Алексей",
                                                           "Код программы": "ПК-02"}]},
                                              APPLICATION_NUMBERS)["Заявки"][0]["№ заявки"])

        emulator.before("batch_update", colleague_adds)
        told.append(mine.append_many({"Заявки": [{"Фамилия": "Новикова", "Имя": "Анна", "Код программы": "ПК-01"}]},
                                     APPLICATION_NUMBERS)["Заявки"][0]["№ заявки"])
        assert told == ["З-0008", "З-0009"]  # the colleague's first, ours the next
        assert [emulator.grid("Заявки ПК-02")[-1][:2], emulator.grid("Заявки ПК-01")[-1][:2]] == [
            ["З-0008", "Белов Алексей"], ["З-0009", "Новикова Анна"]]
    finally:
        emulator.stop()


def test_looking_at_the_book_writes_nothing(book):
    before = book.read_bytes()
    look(XlsxStore(book))
    assert book.read_bytes() == before


def test_an_update_over_two_tabs_is_all_or_nothing(book):
    """Two records, one on each tab, updated in one write; a colleague changed the second tab's record since it was
    read: nothing is written on either tab (not the first tab alone)."""
    import openpyxl

    store = connect_book(book)
    data = store.read(["Слушатели"]).tabs["Слушатели"]
    first, second = find_row(data, "ID слушателя", "Л-001"), find_row(data, "ID слушателя", "Л-101")
    wb = openpyxl.load_workbook(book)
    wb[G06]["E4"] = "отчислен"  # Орлова's status, typed by a colleague after the app read it
    wb.save(book)
    before = book.read_bytes()
    with pytest.raises(EduDeskError, match="изменили после чтения"):
        store.update_many("ID слушателя", [(first, {"Статус": "завершил"}), (second, {"Статус": "завершил"})])
    assert book.read_bytes() == before
    store.invalidate()
    data = store.read(["Слушатели"]).tabs["Слушатели"]
    first, second = find_row(data, "ID слушателя", "Л-001"), find_row(data, "ID слушателя", "Л-101")
    store.update_many("ID слушателя", [(first, {"Статус": "завершил"}), (second, {"Статус": "завершил"})])
    assert sheet_cells(book, G05)["E4"] == "завершил" and sheet_cells(book, G06)["E4"] == "завершил"


def test_an_update_over_two_tabs_of_a_google_sheet_changed_in_the_moment_between_is_all_or_nothing(book):
    """The same on a Google Sheet, where each tab is its own write: the first tab's record is written, and in that
    moment a colleague changes the second tab's record. The second write is refused — and the first is undone, not
    left written alone (a half-write)."""
    emulator = SheetsEmulator().start()
    try:
        google_copy(book, emulator)
        store = connect_google(emulator)
        data = store.read(["Слушатели"]).tabs["Слушатели"]
        first, second = find_row(data, "ID слушателя", "Л-001"), find_row(data, "ID слушателя", "Л-101")
        before = {G05: emulator.grid(G05), G06: emulator.grid(G06)}
        writes = []

        def colleague(e) -> None:  # after the first tab's write (its pin, then its cells): Орлова's status retyped
            writes.append(1)
            if len(writes) == 2:
                e.set_cell(G06, 4, 5, "отчислен")
            else:
                e.after("batch_update", colleague)

        emulator.after("batch_update", colleague)
        with pytest.raises(EduDeskError, match="изменили после чтения|уже не та"):
            store.update_many("ID слушателя", [(first, {"Статус": "завершил"}), (second, {"Статус": "завершил"})])
        assert emulator.grid(G05) == before[G05]  # Иванова's status as it was: nothing written on either tab
        assert emulator.grid(G06)[3][4] == "отчислен" and emulator.grid(G06)[4:] == before[G06][4:]
    finally:
        emulator.stop()


def test_a_column_deleted_on_the_second_tab_is_a_finding_there_and_never_written(book):
    """«Статус» of Г-06 deleted (by a tool that leaves the names of columns where they were, so our mark points at
    «Итоговый тест, балл» now): a finding at the header cell it had on that tab; an update of that tab's status is
    refused, nothing written — never into the column that took its place."""
    import openpyxl

    store = connect_book(book)
    wb = openpyxl.load_workbook(book)
    wb[G06].delete_cols(5)
    wb.save(book)
    store.invalidate()
    lost = [f for f in run_all(store.read(ALL).tabs) if f.rule == "GEN-COLUMNS" and f.column == "Статус"]
    assert [(f.tab, f.cell) for f in lost] == [(G06, "E3")], lost
    assert "(был в E3), на листе «Слушатели Г-06» больше не найден" in lost[0].message
    before = book.read_bytes()
    seen = find_row(store.read(["Слушатели"]).tabs["Слушатели"], "ID слушателя", "Л-101")
    with pytest.raises(EduDeskError):
        store.update(seen, "ID слушателя", {"Статус": "отчислен"})
    assert book.read_bytes() == before


def test_a_page_shows_with_each_record_the_findings_on_its_own_tab(book):
    """What a page lists beside a record (checks.about_rows) is found by the record's tab and row: Белов's finding
    (Г-06, row 5) is shown with Белов, not with Петров (Г-05, row 5)."""
    from core.records.checks import about_rows, findings_in, open_workbook

    store = connect_book(book)
    wb = open_workbook(store.read(ALL).tabs, date(2026, 11, 23))
    findings = findings_in(wb)
    parsed = wb["Слушатели"]
    row_of = {r.item.id: r.row for r in parsed.rows}
    assert [f.cell for f in about_rows(findings, parsed, [row_of["Л-102"]]) if f.rule == "GEN-NUMBER"] == ["F5"]
    assert not [f for f in about_rows(findings, parsed, [row_of["Л-002"]]) if f.rule == "GEN-NUMBER"]


def test_a_forms_preview_on_the_register_keeps_every_tabs_cells(book):
    """The form's check of a new record lays it below the last one, on their last tab: its finding and those of the
    second tab's records are at that tab's own columns (were: the first tab's letters once a row was added — the ID
    is column B on «Слушатели Г-05», C on «Слушатели Г-06»)."""
    from core.records.form import caused, with_row

    store = connect_book(book)
    tabs = store.read(ALL).tabs
    candidate, number = with_row(tabs, "Слушатели", _listener("Л-101", "Кузнецов Олег Игоревич", "Г-06"))
    new, _ = caused(tabs, candidate, "Слушатели", number, date(2026, 11, 23))
    assert sorted((f.tab, f.cell) for f in new if f.rule == "GEN-KEY") == [(G06, "C7")]


def test_the_check_tab_links_each_finding_to_the_staffs_own_cell(book):
    """«Проверка» written into their sheet: the «Ячейка» of a finding on their tab is a link to that cell, and the
    finding's key is the record's key, not its row (was: no link on a connected sheet, «стр. 5» as the key)."""
    import openpyxl

    from core.records.check_sheet import HEADERS, publish

    publish(connect_book(book), date(2026, 11, 23), who="тест")
    ws = openpyxl.load_workbook(book)["Проверка"]
    row = next(r for r in ws.iter_rows(min_row=3) if r[1].value == G06)
    cell = row[HEADERS.index("Ячейка")]
    assert cell.value == "F5" and cell.hyperlink is not None and cell.hyperlink.location == f"'{G06}'!$F$5"
    assert row[HEADERS.index("Ключ находки")].value == f"GEN-NUMBER|{G06}|Л-102|Итоговый тест, балл"


# a «шахматка» per group: the journal of Г-01 (tests/connect/staff_books.ATTENDANCE_GRID) and one of Г-02
GRIDS_BOOK = StaffBook("Журналы по группам", [
    ATTENDANCE_GRID,
    StaffTab("Посещаемость Г-02", "Посещаемость", ["Журнал посещаемости группы Г-02, 2026 год"],
             ["№", "ФИО слушателя", "06.04", "07.04", "08.04", "Примечание"], [[1, "Сидорова Анна", "+", "", "х", ""]],
             {}),
    LISTENERS, GROUPS])


def _grids_book(tmp_path) -> Path:
    return write_book(GRIDS_BOOK, tmp_path / "grids.xlsx")


def _mark(listener: str, day: date, present: bool, group: str) -> dict:
    return {"Код группы": group, "Дата занятия": day, "ID слушателя": listener, "Присутствовал": present}


def test_a_grid_per_group_is_read_marked_and_checked_on_its_own_tab(tmp_path):
    """Was: «Посещаемость Г-02» unmapped (a «шахматка» was never joined), its marks unseen; marking Г-02's class
    refused as «ведётся для группы Г-01»."""
    path = _grids_book(tmp_path)
    assert {p.sheet: p.joins for p in look(XlsxStore(path)) if p.model_tab == "Посещаемость"} == {
        "Посещаемость Г-01": None, "Посещаемость Г-02": "Посещаемость Г-01"}
    store = connect_book(path)
    rows = store.read(["Посещаемость"]).tabs["Посещаемость"].as_dicts()
    assert {"Код группы": "Г-02", "Дата занятия": date(2026, 4, 6), "ID слушателя": "С-003",
            "Присутствовал": True}.items() <= next(r for r in rows if r["Код группы"] == "Г-02").items()
    unreadable = [f for f in run_all(store.read(ALL).tabs) if f.rule == "GEN-CELL" and "х" in f.message]
    assert [(f.tab, f.cell) for f in unreadable] == [("Посещаемость Г-02", "E4")]
    before_01, before_02 = sheet_cells(path, "Посещаемость Г-01"), sheet_cells(path, "Посещаемость Г-02")
    store.append("Посещаемость", [_mark("С-003", date(2026, 4, 7), False, "Г-02")])
    after = sheet_cells(path, "Посещаемость Г-02")
    assert changed_cells(before_02, after) == {"D4"} and after["D4"] == "н"
    assert sheet_cells(path, "Посещаемость Г-01") == before_01


def test_a_mark_of_a_group_with_no_grid_of_its_own_is_refused(tmp_path):
    path = _grids_book(tmp_path)
    store = connect_book(path)
    before = path.read_bytes()
    with pytest.raises(EduDeskError, match="листа этой группы среди них нет"):
        store.append("Посещаемость", [_mark("С-003", date(2026, 4, 7), False, "Г-03")])
    assert path.read_bytes() == before


def test_records_for_several_tabs_are_written_in_one_write_each_on_its_own(tmp_path):
    """An import of applications for two programmes (was: refused, «добавьте записи каждого листа отдельно»): each
    on its programme's tab, numbered in one write after the last on any tab, handed back in the order given."""
    path = _applications_book(tmp_path)
    store = connect_book(path)
    rows = [dict(zip(["Фамилия", "Имя", "Отчество"], name.split(), strict=True), **{"Код программы": program,
                                                                                  "Дата поступления": date(2026, 2, 1)})
            for name, program in [("Белов Алексей Сергеевич", "ПК-02"), ("Зимина Елена Андреевна", "ПК-01"),
                                  ("Кузнецов Олег Игоревич", "ПК-02")]]
    written = store.append_many({"Заявки": rows}, numbering=APPLICATION_NUMBERS)
    assert sorted(r["№ заявки"] for r in written["Заявки"]) == ["З-0008", "З-0009", "З-0010"]
    assert [r["Фамилия"] for r in written["Заявки"]] == ["Белов", "Зимина", "Кузнецов"]  # the order given
    one, two = sheet_cells(path, "Заявки ПК-01"), sheet_cells(path, "Заявки ПК-02")
    assert (one["A6"], one["B6"]) == (written["Заявки"][1]["№ заявки"], "Зимина Елена Андреевна")
    assert {(two["A6"], two["B6"]), (two["A7"], two["B7"])} == {
        (written["Заявки"][0]["№ заявки"], "Белов Алексей Сергеевич"),
        (written["Заявки"][2]["№ заявки"], "Кузнецов Олег Игоревич")}
    numbers = [r["№ заявки"] for r in store.read(["Заявки"]).tabs["Заявки"].as_dicts()]
    assert len(numbers) == len(set(numbers)) == 7


def test_records_for_several_tabs_of_a_google_sheet_are_numbered_in_one_write(tmp_path):
    emulator = SheetsEmulator().start()
    try:
        google_copy(_applications_book(tmp_path), emulator)
        store = connect_google(emulator)
        rows = [{"Фамилия": surname, "Имя": "Олег", "Отчество": "Игоревич", "Код программы": program,
                 "Дата поступления": date(2026, 2, 1)} for surname, program in [("Белов", "ПК-02"), ("Зимин", "ПК-01")]]
        written = store.append_many({"Заявки": rows}, numbering=APPLICATION_NUMBERS)
        assert [(r["Фамилия"], r["№ заявки"]) for r in written["Заявки"]] == [("Белов", "З-0008"),
                                                                             ("Зимин", "З-0009")]
        assert emulator.grid("Заявки ПК-02")[5][:2] == ["З-0008", "Белов Олег Игоревич"]
        assert emulator.grid("Заявки ПК-01")[5][:2] == ["З-0009", "Зимин Олег Игоревич"]
    finally:
        emulator.stop()


def test_each_tabs_columns_are_marked_apart_and_a_renamed_header_is_followed_on_its_own_tab(book):
    """The marks of the two tabs' columns are two marks (were one hidden name per header, given twice — a workbook
    Excel refuses to open as it is): no defined name twice; «Статус» of Г-06 retyped «Состояние обучения» is still
    its status, read and written there."""
    import re
    import zipfile

    import openpyxl

    store = connect_book(book)
    with zipfile.ZipFile(book) as z:
        names = re.findall(r'<definedName name="([^"]+)"(?![^>]*localSheetId)', z.read("xl/workbook.xml").decode())
    assert len(names) == len(set(names)) == 10  # five columns of each tab
    wb = openpyxl.load_workbook(book)
    wb[G06]["E3"] = "Состояние обучения"
    wb.save(book)
    store.invalidate()
    assert not [f for f in run_all(store.read(ALL).tabs) if f.rule == "GEN-COLUMNS" and f.tab == G06]
    changed, after = update_cells(store, book, G06, "Слушатели", "ID слушателя", "Л-101", {"Статус": "отчислен"})
    assert changed == {"E4"} and after["E4"] == "отчислен"


@pytest.mark.parametrize("deleted, kept", [(G06, G05), (G05, G06)])
def test_a_tab_of_the_register_deleted_is_a_finding_and_the_others_are_still_read(book, deleted, kept):
    """A tab of the register renamed or deleted: an error naming it (its records are not checked), never a silent
    loss; the other tab's records are read and checked as before — the first tab gone too."""
    import openpyxl

    store = connect_book(book)
    wb = openpyxl.load_workbook(book)
    del wb[deleted]
    wb.save(book)
    store.invalidate()
    tabs = store.read(ALL).tabs
    ids = {r["ID слушателя"] for r in tabs["Слушатели"].as_dicts()}
    assert ids == ({"Л-001", "Л-002", "Л-003"} if kept == G05 else {"Л-101", "Л-102", "Л-103"})
    findings = run_all(tabs)
    gone = [f for f in findings if f.rule == "GEN-COLUMNS" and f"Листа «{deleted}»" in f.message]
    assert len(gone) == 1 and f"ведут на нём и на «{kept}»" in gone[0].message and "больше нет" in gone[0].message
    negative = [(f.tab, f.cell) for f in findings if f.rule == "GEN-NUMBER"]
    assert negative == ([] if kept == G05 else [(G06, "F5")])


@pytest.mark.parametrize("name", ["Слушатели Г-05 (2)", "Копия Слушатели Г-05", "Слушатели архив", "Слушатели ред."])
def test_a_copy_of_a_tab_is_not_joined_to_it(name):
    """A tab copied as it is («(2)» from Excel or LibreOffice, «Копия» from Google, or any name holding the same
    records): joined, every record would be a duplicate of itself. It is left to the staff, told it looks a copy."""
    first = BOOK.tabs[0]
    grids = {first.name: [[first.title[0]], [], first.headers, *first.rows],
             name: [[first.title[0]], [], first.headers, *first.rows]}
    chosen = {p.sheet: (p.model_tab, p.joins, p.why) for p in propose(grids)}
    assert chosen[first.name][:2] == ("Слушатели", None)
    assert chosen[name][:2] == (None, None) and "похоже, это его копия" in chosen[name][2]


def test_a_timetable_numbering_its_lessons_anew_on_each_tab_is_not_joined():
    """«Расписание Г-05» and «Расписание Г-06», lessons 1, 2, 3 on each: joined, every lesson of the second tab would
    be a duplicate «№ занятия». Left apart, told why and what to do; with numbers going on (4, 5, 6) it joins."""
    headers = ["№", "Группа", "Дата", "Начало", "Окончание", "Модуль", "Вид занятия", "Часов"]

    def timetable(group, first):
        return [[f"Расписание занятий группы {group}"], [], headers,
                *[[first + n, group, f"0{2 + n}.03.2026", "10:00", "11:30", "Модуль 1", "лекция", 2] for n in range(3)]]

    chosen = {p.sheet: (p.model_tab, p.joins, p.why) for p in propose({"Расписание Г-05": timetable("Г-05", 1),
                                                                       "Расписание Г-06": timetable("Г-06", 1)})}
    assert chosen["Расписание Г-05"][:2] == ("Занятия", None)
    assert chosen["Расписание Г-06"][:2] == (None, None)
    assert "свои номера: «№ занятия» на нём те же, что на листе «Расписание Г-05»" in chosen["Расписание Г-06"][2]
    chosen = {p.sheet: p.joins for p in propose({"Расписание Г-05": timetable("Г-05", 1),
                                                 "Расписание Г-06": timetable("Г-06", 4)})}
    assert chosen == {"Расписание Г-05": None, "Расписание Г-06": "Расписание Г-05"}
