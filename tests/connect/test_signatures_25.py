"""#25: the signature block under a register («Ответственный за ведение реестра ______ Е. А. Зимина», «Дата
составления: 01.12.2026», «Исполнитель: …, тел. …», «М.П.») is not a record. Before, its rows were read as records —
«Фамилия», «Код программы», «№ заявки» missing and an applicant «under 16» at the signature's rows — and a record
added went below the signature. Now they are the register's footer, like «Итого»: read as no record, and a new
record goes under the last record and the block moves down with the blank row above it, as Excel's «Вставить
строки» moves it — on a workbook, judged by
what LibreOffice shows, and on a Google Sheet."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date

import openpyxl
import pytest

from core.connect.sheet import look
from core.records.checks import run_all
from core.store import XlsxStore
from core.store.rows import is_signature_row
from tests.connect.helpers import changed_cells, connect_book, connect_google, google_copy, sheet_cells
from tests.connect.staff_books import REGISTER, StaffBook, write_book
from tests.corpus import libreoffice_csv
from tests.sheets_emulator import SheetsEmulator

SHEET = REGISTER.name  # header in row 5, records in rows 6–9
SIGNED = [  # under one blank row: row 11, 12, 13
    ["Ответственный за ведение реестра", None, None, None, None, "__________", None, "Е. А. Зимина"],
    ["Дата составления:", None, "01.12.2026"],
    ["Исполнитель: Петрова А. А., тел. 22-33-44"],
]
NEW = {"Фамилия": "Новикова", "Имя": "Ольга", "Отчество": "Игоревна", "Код программы": "ПК-01",
       "№ заявки": "З-005", "Дата поступления": date(2026, 3, 2), "Статус": "новая"}


def _book(tmp_path, signed: bool, name: str = "staff.xlsx", at: int = 11):
    path = write_book(StaffBook("Реестр", [replace(REGISTER, gap_after=None)]), tmp_path / name)
    if signed:
        book = openpyxl.load_workbook(path)
        for offset, row in enumerate(SIGNED):
            for column, value in enumerate(row, 1):
                if value is not None:
                    book[SHEET].cell(at + offset, column, value)
        book.save(path)
    return path


def _findings(store) -> set[tuple[str, str]]:
    return {(f.rule, f.cell) for f in run_all(store.read(["Заявки"]).tabs) if f.tab == SHEET and f.cell}


def test_the_signature_block_is_no_record_and_the_findings_are_those_of_the_records(tmp_path):
    signed, plain = _book(tmp_path, True), _book(tmp_path, False, "plain.xlsx")
    (theirs,), (bare,) = look(XlsxStore(signed)), look(XlsxStore(plain))
    assert theirs.shape.records == bare.shape.records == [6, 7, 8, 9]
    assert theirs.shape.footers == [11, 12, 13] and not theirs.shape.sections
    before = sheet_cells(signed, SHEET)
    found = _findings(connect_book(signed))
    assert ("ENR-SNILS", "D8") in found  # a planted wrong СНИЛС (Сидорова) at the staff's cell
    assert found == _findings(connect_book(plain))
    assert {k: v for k, v in sheet_cells(signed, SHEET).items() if k in before} == before  # connecting wrote nothing


def test_a_record_added_goes_above_the_signature_and_libreoffice_shows_it_so(tmp_path):
    path = _book(tmp_path, True)
    store = connect_book(path)
    before = sheet_cells(path, SHEET)
    store.append("Заявки", [NEW])
    after = sheet_cells(path, SHEET)
    assert after["B10"] == "Новикова Ольга Игоревна" and after["J10"] == "З-005"
    # the blank row above the signature is its space: it moves down with it, as on a Google Sheet
    assert not any(ref.endswith("11") for ref in after)
    assert (after["A12"], after["H12"], after["A13"], after["C13"], after["A14"]) == (
        SIGNED[0][0], "Е. А. Зимина", "Дата составления:", "01.12.2026", SIGNED[2][0])
    assert {ref for ref in changed_cells(before, after) if int(ref.lstrip("ABCDEFGHIJKLMN")) < 10} == set()
    read = store.read(["Заявки"]).tabs["Заявки"]
    assert read.row_numbers == [6, 7, 8, 9, 10] and read.as_dicts()[-1]["№ заявки"] == "З-005"
    if shutil.which("soffice"):
        shown = libreoffice_csv([path], tmp_path / "lo")[path][SHEET]
        assert [shown[n - 1][0] for n in (12, 13, 14)] == [SIGNED[0][0], "Дата составления:", SIGNED[2][0]]
        assert (shown[9][1], shown[9][9]) == ("Новикова Ольга Игоревна", "З-005") and not any(shown[10])


def test_a_signature_right_under_the_records_moves_down_for_the_new_one(tmp_path):
    path = _book(tmp_path, True, at=10)
    connect_book(path).append("Заявки", [NEW])
    after = sheet_cells(path, SHEET)
    assert after["B10"] == "Новикова Ольга Игоревна"
    assert (after["A11"], after["H11"], after["C12"], after["A13"]) == (SIGNED[0][0], "Е. А. Зимина", "01.12.2026",
                                                                        SIGNED[2][0])
    if shutil.which("soffice"):
        shown = libreoffice_csv([path], tmp_path / "lo")[path][SHEET]
        assert [shown[n - 1][0] for n in (11, 12, 13)] == [SIGNED[0][0], "Дата составления:", SIGNED[2][0]]
        assert shown[9][1] == "Новикова Ольга Игоревна"


def test_on_a_google_sheet_too(tmp_path):
    emulator = SheetsEmulator().start()
    try:
        google_copy(_book(tmp_path, True), emulator)
        mapped = connect_google(emulator)
        assert _findings(mapped) == _findings(connect_book(_book(tmp_path, False, "plain.xlsx")))
        mapped.append("Заявки", [NEW])
        grid = emulator.grid(SHEET)
        # rows inserted above the block, as the API inserts them above an «Итого»: the blank row above it kept
        assert grid[9][1] == "Новикова Ольга Игоревна" and not any(grid[10])
        assert [grid[n][0] for n in (11, 12, 13)] == [SIGNED[0][0], "Дата составления:", SIGNED[2][0]]
        assert mapped.read(["Заявки"]).tabs["Заявки"].row_numbers == [6, 7, 8, 9, 10]
    finally:
        emulator.stop()


@pytest.mark.parametrize(("row", "signs"), [
    (SIGNED[0], True),
    (SIGNED[1], True),
    (SIGNED[2], True),
    (["Директор", "________________", "И. И. Иванов"], True),
    (["Главный бухгалтер ____________ /О. В. Ким/"], True),
    (["М.П."], True),
    (["Проверено:", None, "_________", "Н. В. Белова"], True),
    (["Специалист по учебно-методической работе", None, "__________ /Зимина Е. А./"], True),
    (["Сдал ________", None, "Принял ________"], True),
    (["Методист", "Зимина Елена Андреевна", "ПК-01"], False),  # a record of a staff list, the position first
    (["Директор МБОУ СОШ № 5", "Иванов", "Иван"], False),  # a record whose first column is a position
    (["Ответственный секретарь", "Петрова Анна"], False),
    (["Исполнитель", "Петров"], False),
    ([1, "Директор: ____"], False),  # a record numbered first
    ([None, None], False),
])
def test_which_rows_sign_the_register(row, signs):
    assert is_signature_row(row) is signs
