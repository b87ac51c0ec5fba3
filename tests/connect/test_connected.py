"""The app on the staff's own workbook and Google Sheet, through the saved mapping: nothing written by connecting,
findings at their cells, the same findings as in the app's own layout, writes only into the right cells."""

import dataclasses
import hashlib
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from core.connect.mapped import RAW
from core.connect.mapping import MAPPING_TAB
from core.connect.sheet import connected, look, save
from core.platform.errors import EduDeskError
from core.records.checks import run_all
from core.records.reading import WORD_HINT
from core.records.tabs import layouts
from core.store import XlsxStore, find_row
from sheets_schema import TABS
from tests.conftest import gsheets_store
from tests.connect.helpers import connect_book, sheet_cells, update_cells
from tests.connect.staff_books import BOOKS, REGISTER, StaffBook, write_book
from tests.sheets_emulator import SheetsEmulator

ALL = [t.name for t in TABS]
SHEET = REGISTER.name


def _parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}


def _sheet_parts(path: Path) -> dict[str, str]:
    return {n: h for n, h in _parts(path).items() if n.startswith("xl/worksheets/sheet")}


@pytest.fixture
def staff_book(tmp_path) -> Path:
    return write_book(BOOKS[0], tmp_path / "Реестр ДПО 2026.xlsx")


def test_connecting_leaves_every_staff_tab_byte_identical(staff_book):
    """Saving the mapping adds its own tab; the staff's sheets stay byte for byte as they were."""
    before = _sheet_parts(staff_book)
    connect_book(staff_book)
    after = _sheet_parts(staff_book)
    assert {n: after[n] for n in before} == before
    assert len(after) == len(before) + 1
    assert MAPPING_TAB in XlsxStore(staff_book).tab_names()


def test_looking_writes_nothing(staff_book):
    before = _parts(staff_book)
    look(XlsxStore(staff_book))
    assert _parts(staff_book) == before


def test_findings_point_at_the_staff_cells(staff_book):
    """A СНИЛС with a wrong checksum in their register is found at their tab and cell, named by their header."""
    store = connect_book(staff_book)
    findings = [f for f in run_all(store.read(ALL).tabs) if f.rule == "ENR-SNILS"]
    # records start in row 6 under 3 title rows, a blank row and the header; an empty row after the second record
    assert {(f.tab, f.cell, f.column) for f in findings} == {(SHEET, "D9", "СНИЛС"), (SHEET, "D10", "СНИЛС")}


def test_a_good_row_has_no_finding(staff_book):
    store = connect_book(staff_book)
    cells = {f.cell for f in run_all(store.read(ALL).tabs) if f.tab == SHEET and f.rule == "ENR-SNILS"}
    assert "D6" not in cells and "D7" not in cells


def test_same_data_in_the_app_layout_gives_the_same_findings(staff_book, tmp_path):
    """Every finding on the staff's sheet is found on the same rows laid out as the app's own workbook."""
    store = connect_book(staff_book)
    staff_tabs = store.read(ALL).tabs
    own = XlsxStore(tmp_path / "own.xlsx")
    own.create_tabs(layouts())
    own.append_many({t: [{h: v for h, v in zip(d.headers, r, strict=True) if not h.startswith(RAW)} for r in d.rows]
                     for t, d in staff_tabs.items() if d.sheet and d.rows})
    mapped_names = {d.sheet: t for t, d in staff_tabs.items() if d.sheet}

    def key(f):  # on their tab a value not from a list is told it may be their word for one (core.connect.words)
        return (mapped_names.get(f.tab, f.tab), f.rule, f.message.replace(WORD_HINT, ""))

    theirs = sorted(key(f) for f in _each_record(run_all(staff_tabs)) if f.tab in mapped_names)
    ours = sorted(key(f) for f in run_all(own.read(ALL).tabs) if f.tab in mapped_names.values()
                  and f.rule != "GEN-COLUMNS")
    assert theirs and theirs == ours


def _each_record(findings):
    """A finding said once for a column their tab does not keep («Записей так: 4») as the findings of its records."""
    for f in findings:
        said = re.search(r" (?:Записей так: ([\d ]+) — н|Н)а листе «[^»]+» нет столбца «[^»]+»: .*$", f.message)
        count = int(said.group(1).replace(" ", "")) if said and said.group(1) else 1
        yield from [dataclasses.replace(f, message=f.message[:said.start()] if said else f.message)] * count


def test_a_column_they_do_not_keep_is_one_finding_with_its_count(staff_book, tmp_path):
    """Their register keeps no «Категория»: one finding for its four applications, not four without a cell (the
    same applications in the app's own layout, the column there and empty: one each at its cell, as the test above
    compares)."""
    found = [f for f in run_all(connect_book(staff_book).read(ALL).tabs) if f.rule == "ENR-CATEGORY"]
    assert len(found) == 1 and found[0].tab == SHEET and found[0].row is None
    assert "Записей так: 4 — на листе «Реестр слушателей 2026» нет столбца «Категория»" in found[0].message


def test_one_record_of_a_column_they_do_not_keep_is_told_why_it_has_no_cell(tmp_path):
    """Their roadmap keeps no «Подтверждающий документ»: its one item done without it is found at its row, and told
    the column is not on their sheet (was: «не указаны: подтверждающий документ» with no cell and no word why)."""
    from tests.connect.twenty_fifth_books import ROADMAP

    store = connect_book(write_book(StaffBook("ДК", [ROADMAP]), tmp_path / "dk.xlsx"))
    (found,) = [f for f in run_all(store.read(ALL).tabs) if f.rule == "RM-EVIDENCE"]
    assert (found.tab, found.row, found.cell) == (ROADMAP.name, 4, None)
    assert found.message.endswith("На листе «ДК 2026» нет столбца «Подтверждающий документ»: сопоставьте его на "
                                  "странице «Подключение таблицы» или добавьте такой столбец в лист.")


def test_a_new_record_is_still_warned_of_what_the_rule_misses(staff_book):
    """The form weighing a new application on that register still says «Категория не указана» for it (a warning to
    confirm, as before the list said it once): the finding said once does not hide what the new record brings."""
    from datetime import date

    from core.records.form import check

    tabs = connect_book(staff_book).read(ALL).tabs
    found = check(tabs, "Заявки", {"Фамилия": "Орлов", "Имя": "Пётр", "Код программы": "ПК-01"}, date(2026, 11, 23))
    assert [f.rule for f in found if f.rule == "ENR-CATEGORY"] == ["ENR-CATEGORY"]


def test_an_update_writes_only_its_cell(staff_book):
    store = connect_book(staff_book)
    changed, after = update_cells(store, staff_book, SHEET, "Заявки", "№ заявки", "З-003", {"Статус": "проверена"})
    assert changed == {"L9"}
    assert after["L9"] == "проверена"


def test_a_name_part_is_written_into_their_one_fio_cell(staff_book):
    store = connect_book(staff_book)
    seen = find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-003")
    store.update(seen, "№ заявки", {"Отчество": "Викторовна"})
    assert sheet_cells(staff_book, SHEET)["B9"] == "Сидорова Анна Викторовна"


def test_a_column_moved_between_two_writes_is_followed(staff_book):
    """A colleague inserts a column before «Статус» after the page was read: the value lands under «Статус»."""
    store = connect_book(staff_book)
    seen = find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-003")
    book = openpyxl.load_workbook(staff_book)
    book[SHEET].insert_cols(12)
    book[SHEET].cell(row=5, column=12, value="Куратор набора")
    book.save(staff_book)
    store.update(seen, "№ заявки", {"Статус": "проверена"})
    cells = sheet_cells(staff_book, SHEET)
    assert cells["M9"] == "проверена" and "L9" not in cells


def test_a_column_renamed_between_two_writes_gets_no_write_and_is_then_followed(staff_book):
    """«Статус» renamed to «Решение» after reading: that write is refused (the sheet unchanged); the next read finds
    the column by its mark (a hidden defined name) and follows the new header — no «lost column» — and a write after
    it goes into that column's cell alone."""
    store = connect_book(staff_book)
    seen = find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-003")
    book = openpyxl.load_workbook(staff_book)
    book[SHEET].cell(row=5, column=12, value="Решение")
    book.save(staff_book)
    before = sheet_cells(staff_book, SHEET)
    with pytest.raises(EduDeskError):
        store.update(seen, "№ заявки", {"Статус": "проверена"})
    assert sheet_cells(staff_book, SHEET) == before
    tabs = store.read(ALL).tabs
    assert not [f for f in run_all(tabs) if f.rule == "GEN-COLUMNS" and f.tab == SHEET]
    assert "Решение" in tabs["Заявки"].labels
    store.update(find_row(tabs["Заявки"], "№ заявки", "З-003"), "№ заявки", {"Статус": "проверена"})
    after = sheet_cells(staff_book, SHEET)
    assert {c for c in after if after[c] != before.get(c)} | {c for c in before if c not in after} == {"L9"}
    assert after["L9"] == "проверена"


def test_an_appended_row_goes_below_their_records_in_their_columns(staff_book):
    store = connect_book(staff_book)
    store.append("Заявки", [{"№ заявки": "З-005", "Код программы": "ПК-01", "Фамилия": "Орлов", "Имя": "Пётр",
                             "Отчество": "Ильич", "Статус": "новая"}])
    cells = sheet_cells(staff_book, SHEET)
    assert (cells["B11"], cells["J11"], cells["I11"], cells["L11"]) == ("Орлов Пётр Ильич", "З-005", "ПК-01", "новая")
    assert cells["A11"] == cells["A10"] + 1 == 5  # the next «№ п/п» (test_running_number_25.py)
    assert "N11" not in cells  # their own «Примечание» is left to them


def test_google_sheet_kept_by_staff(tmp_path):
    """The same register in a Google Sheet: connected through the emulator, findings at the same cells, an update
    changes one cell."""
    server = SheetsEmulator().start()
    try:
        local = write_book(BOOKS[0], tmp_path / "src.xlsx")
        for name in XlsxStore(local).tab_names():
            grid = [[None if v is None else v for v in row]
                    for row in openpyxl.load_workbook(local)[name].iter_rows(values_only=True)]
            server.add_sheet(name, [[("" if v is None else v) for v in row] for row in grid])
        store = gsheets_store(server)
        save(store, look(store))
        assert store.tab_names()[-1] == MAPPING_TAB
        mapped = connected(gsheets_store(server))
        findings = [f for f in run_all(mapped.read(ALL).tabs) if f.rule == "ENR-SNILS"]
        assert {(f.tab, f.cell) for f in findings} == {(SHEET, "D9"), (SHEET, "D10")}
        before = server.grid(SHEET)
        seen = find_row(mapped.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-003")
        mapped.update(seen, "№ заявки", {"Статус": "проверена"})
        after = server.grid(SHEET)
        changed = [(r, c) for r, row in enumerate(after) for c, v in enumerate(row)
                   if (before[r][c] if r < len(before) and c < len(before[r]) else "") != v]
        assert changed == [(8, 11)]
    finally:
        server.stop()


@pytest.fixture
def staff_sheet(tmp_path):
    """The register as a Google Sheet (through the emulator), connected; yields the emulator and the mapped store."""
    server = SheetsEmulator().start()
    local = write_book(BOOKS[0], tmp_path / "src.xlsx")
    for name in XlsxStore(local).tab_names():
        rows = openpyxl.load_workbook(local)[name].iter_rows(values_only=True)
        server.add_sheet(name, [["" if v is None else v for v in row] for row in rows])
    store = gsheets_store(server)
    save(store, look(store))
    yield server, connected(gsheets_store(server))
    server.stop()


def _changed(before, after):
    return [(r, c) for r, row in enumerate(after) for c, v in enumerate(row)
            if (before[r][c] if r < len(before) and c < len(before[r]) else "") != v]


def test_connecting_a_google_sheet_marks_each_mapped_column(staff_sheet):
    """Developer metadata on each column the mapping reads, none on the staff's own columns."""
    server, _ = staff_sheet
    marked = sorted(m["location"]["dimensionRange"]["startIndex"] for m in server.sheet(SHEET).metadata)
    assert marked == list(range(1, 13))  # B…M: «№ п/п» (A) and «Примечание» (N) are theirs


def test_a_header_renamed_on_google_is_followed(staff_sheet):
    """«Статус» renamed «Решение» by a colleague: still read as Статус, and an update goes into that column."""
    server, store = staff_sheet
    server.set_cell(SHEET, 5, 12, "Решение")
    tabs = store.read(ALL).tabs
    assert not [f for f in run_all(tabs) if f.rule == "GEN-COLUMNS" and f.tab == SHEET]
    assert "Решение" in tabs["Заявки"].labels
    before = server.grid(SHEET)
    seen = find_row(tabs["Заявки"], "№ заявки", "З-003")
    store.update(seen, "№ заявки", {"Статус": "проверена"})
    assert _changed(before, server.grid(SHEET)) == [(8, 11)]


def test_a_column_moved_and_renamed_on_google_is_followed(staff_sheet):
    server, store = staff_sheet
    server.insert_column(SHEET, 3, "")  # a column inserted before «Дата рожд.»: «Статус» moves from L to M
    server.set_cell(SHEET, 5, 13, "Решение")
    tabs = store.read(["Заявки"]).tabs
    seen = find_row(tabs["Заявки"], "№ заявки", "З-003")
    before = server.grid(SHEET)
    store.update(seen, "№ заявки", {"Статус": "проверена"})
    assert _changed(before, server.grid(SHEET)) == [(8, 12)]


def test_a_column_deleted_on_google_is_a_finding_and_gets_no_write(staff_sheet):
    server, store = staff_sheet
    server.delete_column(SHEET, 12)  # «Статус» gone, and its mark with it
    tabs = store.read(ALL).tabs
    lost = [f for f in run_all(tabs) if f.rule == "GEN-COLUMNS" and f.tab == SHEET]
    assert [(f.cell, f.column) for f in lost] == [("L5", "Статус")]
    before = server.grid(SHEET)
    seen = find_row(tabs["Заявки"], "№ заявки", "З-003")
    with pytest.raises(EduDeskError):
        store.update(seen, "№ заявки", {"Статус": "проверена"})
    assert server.grid(SHEET) == before


def test_a_checkbox_stays_a_checkbox_when_the_app_ticks_it(tmp_path):
    """Their «Подпись получателя» is a column of booleans: the app writes a boolean there, not the text «да»."""
    from tests.connect.holdout_books import CERTIFICATES

    path = write_book(StaffBook("Удостоверения", [CERTIFICATES]), tmp_path / "cert.xlsx")
    store = connect_book(path)
    seen = find_row(store.read(["Удостоверения"]).tabs["Удостоверения"], "Регистрационный №", "ПК-2026-003")
    store.update(seen, "Регистрационный №", {"Подпись получена": True})
    cell = openpyxl.load_workbook(path)[CERTIFICATES.name]["H6"].value
    assert cell is True


def test_a_checkbox_on_google_stays_a_checkbox(tmp_path):
    from tests.connect.holdout_books import CERTIFICATES

    server = SheetsEmulator().start()
    try:
        local = write_book(StaffBook("Удостоверения", [CERTIFICATES]), tmp_path / "cert.xlsx")
        rows = openpyxl.load_workbook(local)[CERTIFICATES.name].iter_rows(values_only=True)
        server.add_sheet(CERTIFICATES.name, [["" if v is None else v for v in row] for row in rows])
        store = gsheets_store(server)
        save(store, look(store))
        mapped = connected(gsheets_store(server))
        seen = find_row(mapped.read(["Удостоверения"]).tabs["Удостоверения"], "Регистрационный №", "ПК-2026-003")
        mapped.update(seen, "Регистрационный №", {"Подпись получена": True})
        assert server.value(CERTIFICATES.name, 6, 8) is True
    finally:
        server.stop()


def test_forms_name_fields_as_the_staff_do_and_leave_out_columns_they_dont_keep(staff_book):
    from core.records.form import field_label, kept_fields

    data = connect_book(staff_book).read(["Заявки"]).tabs["Заявки"]
    shown = {spec.header: field_label(data, spec.header) for spec in kept_fields("Заявки", data)}
    assert shown["Дата рождения"] == "Дата рожд." and shown["E-mail"] == "Эл. почта"
    assert shown["Фамилия"] == "ФИО (фамилия)"
    assert "Пол" not in shown and "Категория" not in shown  # the register keeps neither
    own = {spec.header for spec in kept_fields("Заявки", None)}
    assert {"Пол", "Категория"} <= own


def test_init_on_a_connected_staff_workbook_adds_only_what_they_dont_keep(staff_book):
    """`edudesk init` there creates the model's other tabs, reports only those, and never clears their book."""
    from core.setup import initialize

    store = connect_book(staff_book)
    before = _sheet_parts(staff_book)
    report = initialize(store)
    assert "Заявки" not in report.created_tabs and "Журнал" in report.created_tabs
    after = _sheet_parts(staff_book)
    assert {n: after[n] for n in before} == before  # their sheets untouched
    with pytest.raises(EduDeskError, match="таблицу, которую ведут сотрудники"):
        initialize(store, force=True)


def test_a_new_application_on_their_google_sheet_goes_right_under_their_last_record(staff_sheet):
    """Through the mapping, on a Google Sheet with title rows: the new application is inserted under «З-004», its
    name joined into their one «ФИО» column, its number the next of theirs; their title rows and rows untouched."""
    from core.enrollment.application_form import APPLICATION_NUMBERS

    server, store = staff_sheet
    before = server.grid(SHEET)
    last = max(r for r, row in enumerate(before, 1) if "З-004" in row)
    written = store.append_many({"Заявки": [{"Фамилия": "Новикова", "Имя": "Ольга", "Отчество": "Игоревна",
                                             "Код программы": "ПК-01", "Статус": "новая"}]}, APPLICATION_NUMBERS)
    after = server.grid(SHEET)
    assert after[:last] == before[:last]
    new = after[last]
    assert "Новикова Ольга Игоревна" in new and "ПК-01" in new
    assert written["Заявки"][0]["№ заявки"] in new
    assert after[last + 1:] == before[last:]


def test_the_check_sheet_is_published_into_a_connected_staff_sheet_with_its_journal_entry(staff_book):
    """Defect: the staff's mapped store took the app's own tab without the journal entry that comes with it, so
    «Записать находки на лист «Проверка»» on a connected sheet ended in a TypeError."""
    from datetime import date

    from core.records.check_sheet import publish

    mapped = connect_book(staff_book)
    published = publish(mapped, date(2026, 11, 23), who="тест")
    assert published.written
    tabs = XlsxStore(staff_book).read(["Проверка", "Журнал"]).tabs
    assert tabs["Проверка"].rows and any(r[tabs["Журнал"].headers.index("Лист")] == "Проверка"
                                         for r in tabs["Журнал"].rows)
    # each finding on their tab links to their cell (was: no link on a connected sheet — the tab went by their name)
    links = {r[3].value: r[3].hyperlink.location for r in openpyxl.load_workbook(staff_book)["Проверка"].iter_rows(
        min_row=3) if r[1].value == SHEET and r[3].value and r[3].hyperlink is not None}
    assert links.get("D9") == f"'{SHEET}'!$D$9"


def _bordered(path: Path, sheet: str, rows: range, columns: int) -> None:
    """The staff drew their register's grid: thin borders and a fill on every record cell, dates as ДД.ММ.ГГГГ."""
    from openpyxl.styles import Border, PatternFill, Side

    book = openpyxl.load_workbook(path)
    thin = Side(style="thin")
    for row in rows:
        for column in range(1, columns + 1):
            cell = book[sheet].cell(row=row, column=column)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.fill = PatternFill("solid", "FFF2CC")
    book.save(path)


def test_a_new_record_is_drawn_like_the_record_above_it(staff_book):
    """#25: an appended record took no borders — a bare row under their grid. Now it takes the formats of the record
    above, as Excel's «Вставить строки» gives them (its empty cells too), a date its date format in that frame."""
    _bordered(staff_book, SHEET, range(6, 11), len(REGISTER.headers))
    store = connect_book(staff_book)
    store.append("Заявки", [{"№ заявки": "З-005", "Код программы": "ПК-01", "Фамилия": "Орлов", "Имя": "Пётр",
                             "Отчество": "Ильич", "Статус": "новая", "Дата поступления": date(2026, 3, 2)}])
    sheet = openpyxl.load_workbook(staff_book)[SHEET]
    above = sheet["B10"]
    for ref in ("A11", "B11", "J11", "K11", "N11"):  # written and not written alike
        assert sheet[ref].border.left.style == "thin" and sheet[ref].fill.fgColor.rgb == above.fill.fgColor.rgb, ref
    assert sheet["K11"].value.date() == date(2026, 3, 2) and "dd" in sheet["K11"].number_format.lower()
    assert sheet["O11"].border.left.style is None  # past their grid nothing is drawn
    assert sheet["B12"].border.left.style is None


def test_the_first_record_under_the_header_is_not_drawn_like_the_header(tmp_path):
    """With no record above, nothing is inherited: the header's bold is not a record's format."""
    empty = StaffBook("Пустой реестр", [dataclasses.replace(REGISTER, rows=[], gap_after=None)])
    path = write_book(empty, tmp_path / "пустой.xlsx")
    store = connect_book(path)
    store.append("Заявки", [{"№ заявки": "З-001", "Код программы": "ПК-01", "Фамилия": "Орлов", "Имя": "Пётр",
                             "Отчество": "Ильич", "Статус": "новая"}])
    sheet = openpyxl.load_workbook(path)[SHEET]
    assert sheet["J5"].font.bold and sheet["J6"].value == "З-001" and not sheet["J6"].font.bold


def test_the_model_tabs_they_never_kept_are_said_once_as_a_warning(staff_book, tmp_path):
    """Their book keeps two of the model's 31 tabs: the others are one warning naming them (was: one error «Нет листа»
    each — 30 of the first 38 findings a methodist saw). The app's own workbook still says each tab gone, as an error:
    there it was renamed or deleted."""
    found = [f for f in run_all(connect_book(staff_book).read(ALL).tabs) if f.rule == "GEN-COLUMNS"]
    assert not [f for f in found if f.message.startswith("Нет листа")]
    (once,) = [f for f in found if f.message.startswith("В таблице нет листов модели")]
    kept = {m.model_tab for b in [BOOKS[0]] for m in b.tabs if m.model_tab}
    assert (once.tab, once.cell, once.severity) == ("листы модели", None, "предупреждение")
    assert f"({len(TABS) - len(kept)})" in once.message
    assert "«ДЭ_расходы»" in once.message and "«Заявки»" not in once.message
    own = XlsxStore(tmp_path / "own.xlsx")
    own.create_tabs([lt for lt in layouts() if lt.name in kept])
    gone = [f for f in run_all(own.read(ALL).tabs) if f.message.startswith("Нет листа")]
    assert len(gone) == len(TABS) - len(kept) and {f.severity for f in gone} == {"ошибка"}
