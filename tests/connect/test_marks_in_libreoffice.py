"""The marks on a staff workbook's columns (hidden defined names, core/store/xlsx_marks.py) tried in LibreOffice: a
person inserts a column, retypes a header, deletes a column and saves — the app follows the first two and finds the
third lost, and writes nothing into a wrong column."""

import json
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from core.connect.mapping import MARK_KEY
from core.platform.errors import EduDeskError
from core.records.checks import run_all
from core.store import find_row
from core.store.xlsx_marks import mark_name, read_marks, with_marks
from sheets_schema import TABS
from tests.connect.helpers import connect_book, sheet_cells
from tests.connect.staff_books import BOOKS, REGISTER, write_book
from tests.office import HERE, UNO_PYTHON, needs_uno

ALL = [t.name for t in TABS]
SHEET = REGISTER.name
LO_EDIT = HERE / "lo_edit.py"


def _edit_in_libreoffice(source: Path, steps: list) -> None:
    edited = source.with_name("edited.xlsx")
    subprocess.run([UNO_PYTHON, str(LO_EDIT), str(source), str(edited), json.dumps(steps)], check=True,
                   capture_output=True, timeout=180)
    edited.replace(source)


def _changed(before: dict, after: dict) -> set[str]:
    return {c for c in after if after[c] != before.get(c)} | {c for c in before if c not in after}


@pytest.fixture
def staff_book(tmp_path) -> Path:
    return write_book(BOOKS[0], tmp_path / "Реестр ДПО 2026.xlsx")


def test_connecting_marks_each_mapped_column_with_a_hidden_name(staff_book):
    connect_book(staff_book)
    with zipfile.ZipFile(staff_book) as z:
        marks = read_marks(z.read("xl/workbook.xml").decode(), MARK_KEY)
    on_register = sorted(column for sheet, column in marks.values() if sheet == SHEET)
    assert on_register == list(range(1, 13))  # B…M: «№ п/п» (A) and «Примечание» (N) are theirs, unmarked


@needs_uno
def test_a_column_inserted_and_a_header_retyped_in_libreoffice_are_followed(staff_book):
    """LibreOffice inserts a column before «Дата рожд.» (C) and «Статус» (L → M) is retyped «Решение»: read with no
    lost column, and «Статус» written into M9 alone."""
    store = connect_book(staff_book)
    _edit_in_libreoffice(staff_book, [["insert", SHEET, 2], ["type", SHEET, "M5", "Решение"]])
    tabs = store.read(ALL).tabs
    assert not [f for f in run_all(tabs) if f.rule == "GEN-COLUMNS" and f.tab == SHEET]
    before = sheet_cells(staff_book, SHEET)
    store.update(find_row(tabs["Заявки"], "№ заявки", "З-003"), "№ заявки", {"Статус": "проверена"})
    after = sheet_cells(staff_book, SHEET)
    assert _changed(before, after) == {"M9"} and after["M9"] == "проверена"


@needs_uno
def test_a_column_deleted_in_libreoffice_is_a_finding_and_gets_no_write(staff_book):
    """LibreOffice deletes «Статус» (L): its name becomes #REF!; the column is lost at L5 and nothing is written."""
    store = connect_book(staff_book)
    _edit_in_libreoffice(staff_book, [["delete", SHEET, 11]])
    tabs = store.read(ALL).tabs
    lost = [f for f in run_all(tabs) if f.rule == "GEN-COLUMNS" and f.tab == SHEET]
    assert [(f.cell, f.column) for f in lost] == [("L5", "Статус")]
    before = sheet_cells(staff_book, SHEET)
    with pytest.raises(EduDeskError):
        store.update(find_row(tabs["Заявки"], "№ заявки", "З-003"), "№ заявки", {"Статус": "проверена"})
    assert sheet_cells(staff_book, SHEET) == before


def test_a_mark_left_on_the_next_column_is_not_followed_into_it(staff_book):
    """A tool that deletes «Статус» without moving the names (openpyxl) leaves its mark on «Внеплановая», now in
    L: that column is another link's, so «Статус» stays lost — never written into «Внеплановая»."""
    store = connect_book(staff_book)
    book = openpyxl.load_workbook(staff_book)
    book[SHEET].delete_cols(12)
    book.save(staff_book)
    tabs = store.read(ALL).tabs
    lost = [f for f in run_all(tabs) if f.rule == "GEN-COLUMNS" and f.tab == SHEET]
    assert [f.column for f in lost] == ["Статус"]
    before = sheet_cells(staff_book, SHEET)
    with pytest.raises(EduDeskError):
        store.update(find_row(tabs["Заявки"], "№ заявки", "З-003"), "№ заявки", {"Статус": "проверена"})
    assert sheet_cells(staff_book, SHEET) == before


@pytest.mark.parametrize("workbook", [
    '<workbook xmlns="m"><sheets><sheet name="A" sheetId="1"/></sheets><calcPr/></workbook>',
    '<x:workbook xmlns:x="m"><x:sheets><x:sheet name="A"/></x:sheets><x:definedNames>'
    '<x:definedName name="Итого">A!$B$2</x:definedName></x:definedNames></x:workbook>',
    '<workbook xmlns="m"><sheets/><externalReferences><externalReference/></externalReferences><definedNames/>'
    '</workbook>',
])
def test_marks_are_replaced_in_any_dialect_and_the_staffs_names_kept(workbook):
    once = with_marks(workbook, MARK_KEY, {"Реестр «2026» д'Артаньяна": {3: "Заявки\tСтатус", 0: "Заявки\tФИО"}})
    twice = with_marks(once, MARK_KEY, {"Реестр «2026» д'Артаньяна": {4: "Заявки\tСтатус"}})
    assert read_marks(twice, MARK_KEY) == {mark_name(MARK_KEY, "Заявки\tСтатус"): ("Реестр «2026» д'Артаньяна", 4)}
    assert twice.count("Итого") == workbook.count("Итого")
    assert twice.index("definedNames") > twice.index("sheets")
    assert read_marks(twice, "another.key") == {}
