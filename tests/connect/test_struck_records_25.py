"""#25: a record staff struck through is a cancelled record, not a record. Offices cancel a line of a register that
way (an application withdrawn, a listener who left) and keep it in sight rather than delete it. Before, the struck
row was read as a record: its wrong СНИЛС and its missing patronymic were findings at row 8, and it counted among
the records. Now the proposal says «строка 8 зачёркнута — отменённая запись, не проверяется», the connected reading
leaves it out (as the same register without that row), on a workbook struck by openpyxl and by LibreOffice itself,
and on a Google Sheet. A single word struck in a record does not cancel it."""

from __future__ import annotations

import json
import subprocess
import zipfile
from dataclasses import replace
from datetime import date

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font

from core.connect.review import describe
from core.connect.sheet import look
from core.records.checks import run_all
from core.store import XlsxStore
from core.store.struck import _all_runs_struck, _struck_texts, sheets_struck, struck_rows, struck_styles
from tests.conftest import gsheets_store
from tests.connect.helpers import connect_book, connect_google, google_copy, sheet_cells
from tests.connect.staff_books import REGISTER, StaffBook, write_book
from tests.office import HERE, UNO_PYTHON, needs_uno
from tests.sheets_emulator import SheetsEmulator
from tests.sheets_emulator.values import Cell

SHEET = REGISTER.name  # header in row 5, records in rows 6–9; row 8 is Сидорова Анна (a wrong СНИЛС, no patronymic)
STRUCK = 8
WIDTH = len(REGISTER.headers)
NEW = {"Фамилия": "Новикова", "Имя": "Ольга", "Отчество": "Игоревна", "Код программы": "ПК-01",
       "№ заявки": "З-005", "Дата поступления": date(2026, 3, 2), "Статус": "новая"}


def _book(tmp_path, name="staff.xlsx", struck: tuple[int, ...] = (), cells: str | None = None):
    """The register; `struck` rows struck through whole (as a person selects the row), or only `cells` («B8»)."""
    path = write_book(StaffBook("Реестр", [replace(REGISTER, gap_after=None)]), tmp_path / name)
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    for row in struck:
        for column in range(1, WIDTH + 1):
            sheet.cell(row, column).font = Font(strike=True)
    if cells:
        sheet[cells].font = Font(strike=True)
    book.save(path)
    return path


def _without_row(tmp_path, row: int):
    """The same register as if the struck record had been deleted."""
    path = _book(tmp_path, "deleted.xlsx")
    book = openpyxl.load_workbook(path)
    book[SHEET].delete_rows(row)
    book.save(path)
    return path


def _findings(store) -> list[tuple[str, str]]:
    return sorted((f.rule, f.cell) for f in run_all(store.read(["Заявки"]).tabs) if f.tab == SHEET and f.cell)


def test_a_struck_record_is_no_record_and_the_proposal_says_so(tmp_path):
    path = _book(tmp_path, struck=(STRUCK,))
    before = sheet_cells(path, SHEET)
    (proposal,) = [p for p in look(XlsxStore(path)) if p.sheet == SHEET]
    assert proposal.shape.records == [6, 7, 9] and proposal.shape.cancelled == [STRUCK]
    assert "строка 8 зачёркнута — отменённая запись, не проверяется" in describe(proposal)
    store = connect_book(path)
    assert store.read(["Заявки"]).tabs["Заявки"].row_numbers == [6, 7, 9]
    found = _findings(store)
    assert not any(cell.endswith(str(STRUCK)) for _rule, cell in found)
    # the findings are those of the register without that row, at the same cells (row 9 there is row 8)
    plain = _findings(connect_book(_without_row(tmp_path, STRUCK)))
    assert [(r, c if int(c[1:]) < STRUCK else f"{c[0]}{int(c[1:]) + 1}") for r, c in plain] == found
    assert sheet_cells(path, SHEET) == before  # connecting wrote nothing into the staff tab
    assert openpyxl.load_workbook(path)[SHEET][f"B{STRUCK}"].font.strike  # and the row is struck as staff left it


def test_the_unstruck_register_has_its_findings_at_that_row(tmp_path):
    """The breaking row: the same record, not struck, is checked — its СНИЛС at D8."""
    found = _findings(connect_book(_book(tmp_path)))
    assert ("ENR-SNILS", "D8") in found


def test_one_word_struck_in_a_record_does_not_cancel_it(tmp_path):
    path = _book(tmp_path, cells="N8")
    store = connect_book(path)
    assert store.read(["Заявки"]).tabs["Заявки"].row_numbers == [6, 7, 8, 9]
    assert ("ENR-SNILS", "D8") in _findings(store)


def test_a_record_added_goes_under_the_struck_last_one_and_takes_the_next_number(tmp_path):
    path = _book(tmp_path, struck=(9,))
    store = connect_book(path)
    store.append("Заявки", [NEW])
    after = sheet_cells(path, SHEET)
    assert (after["A10"], after["B10"]) == (5, "Новикова Ольга Игоревна")
    assert not openpyxl.load_workbook(path)[SHEET]["B10"].font.strike  # the new record is not struck
    assert store.read(["Заявки"]).tabs["Заявки"].row_numbers == [6, 7, 8, 10]


@needs_uno
def test_a_row_struck_through_in_libreoffice(tmp_path):
    source, path = _book(tmp_path), tmp_path / "struck-in-lo.xlsx"
    subprocess.run([UNO_PYTHON, str(HERE / "lo_edit.py"), str(source), str(path),
                    json.dumps([["strike", SHEET, f"A{STRUCK}:N{STRUCK}"]])],
                   check=True, capture_output=True, text=True, timeout=180)
    (proposal,) = [p for p in look(XlsxStore(path)) if p.sheet == SHEET]
    assert proposal.shape.cancelled == [STRUCK]
    assert connect_book(path).read(["Заявки"]).tabs["Заявки"].row_numbers == [6, 7, 9]


def _strike_on_google(emulator, row: int) -> None:
    sheet = emulator.sheet(SHEET)
    for c in range(WIDTH):  # Формат → Зачёркнутый, on the whole row
        cell = sheet.cell(row - 1, c) or Cell()
        cell.other_format = {"textFormat": {"strikethrough": True}}
        sheet.put(row - 1, c, cell)


def test_on_a_google_sheet_too(tmp_path):
    emulator = SheetsEmulator().start()
    try:
        google_copy(_book(tmp_path), emulator)
        _strike_on_google(emulator, STRUCK)
        (proposal,) = [p for p in look(connect_google(emulator)) if p.sheet == SHEET]
        assert proposal.shape.cancelled == [STRUCK]
        mapped = connect_google(emulator)
        assert mapped.read(["Заявки"]).tabs["Заявки"].row_numbers == [6, 7, 9]
        assert _findings(mapped) == _findings(connect_book(_book(tmp_path, "book.xlsx", struck=(STRUCK,))))
    finally:
        emulator.stop()


STYLES = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="4">'
          '<font><sz val="11"/></font><font><strike/><sz val="11"/></font><font><strike val="0"/></font>'
          '<font><b/><strike val="1"/></font></fonts><cellXfs count="4"><xf fontId="0"/><xf fontId="1"/>'
          '<xf fontId="2"/><xf fontId="3" numFmtId="14"/></cellXfs></styleSheet>')


def test_which_styles_strike():
    assert struck_styles(STYLES) == {1, 3}
    assert struck_styles(STYLES.replace("<strike/>", "").replace('<strike val="1"/>', "")) == set()


@pytest.mark.parametrize(("row", "cells", "cancelled"), [
    (["1", "Иванова", "ПК-01"], {(8, 0), (8, 1), (8, 2)}, True),
    (["1", "Иванова", "ПК-01", None, ""], {(8, 0), (8, 1), (8, 2)}, True),  # its empty cells need not be struck
    (["1", "Иванова", "ПК-01"], {(8, 1)}, False),  # one word struck
    (["1", "Иванова", "ПК-01"], {(8, 0), (8, 1)}, False),
    (["Иванова"], {(8, 0)}, False),  # a single filled cell: a struck title or note, not a cancelled record
    (["1", "Иванова"], {(9, 0), (9, 1)}, False),  # another row's cells
])
def test_which_rows_are_cancelled(row, cells, cancelled):
    assert (struck_rows(cells, [row], [8]) == {8}) is cancelled


def test_on_a_google_sheet_a_record_added_under_a_struck_one_is_not_struck(tmp_path):
    emulator = SheetsEmulator().start()
    try:
        google_copy(_book(tmp_path), emulator)
        _strike_on_google(emulator, 9)
        mapped = connect_google(emulator)
        mapped.append("Заявки", [NEW])
        assert (emulator.value(SHEET, 10, 1), emulator.value(SHEET, 10, 2)) == (5, "Новикова Ольга Игоревна")
        assert not emulator.sheet(SHEET).cell(9, 1).other_format.get("textFormat", {}).get("strikethrough")
        assert emulator.sheet(SHEET).cell(8, 1).other_format["textFormat"]["strikethrough"] is True
        assert connect_google(emulator).read(["Заявки"]).tabs["Заявки"].row_numbers == [6, 7, 8, 10]
    finally:
        emulator.stop()


def test_a_listener_struck_through_in_a_grid_has_no_marks(tmp_path):
    """A «шахматка»: Петров left the group and staff struck his row — his marks are no attendance."""
    from tests.connect.staff_books import ATTENDANCE_GRID, GROUPS, LISTENERS

    path = write_book(StaffBook("Журнал", [ATTENDANCE_GRID, LISTENERS, GROUPS]), tmp_path / "att.xlsx")

    def marks(store) -> set:
        return {r["ID слушателя"] for r in store.read(["Посещаемость"]).tabs["Посещаемость"].as_dicts()}

    before = marks(connect_book(path))
    book = openpyxl.load_workbook(path)
    for column in range(1, 8):  # row 5: Петров Сергей Иванович, his marks and his note
        book[ATTENDANCE_GRID.name].cell(5, column).font = Font(strike=True)
    book.save(path)
    after = marks(connect_book(path))
    assert before - after == {"С-002"} and "С-001" in after  # Петров's marks gone, the others' kept


def _struck_as_text(tmp_path, runs) -> object:
    """The register with row 8 struck, its texts run by run (a rich string: the text selected while typing in the
    cell and struck, as a generator of rich text writes it too), its numbers and dates by their style; `runs` makes a
    text cell's runs from its text."""
    path = _book(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    for column in range(1, WIDTH + 1):
        cell = sheet.cell(STRUCK, column)
        if isinstance(cell.value, str) and cell.value:
            cell.value = CellRichText(*runs(cell.value))
        elif cell.value not in (None, ""):
            cell.font = Font(strike=True)
    book.save(path)
    return path


def test_a_record_whose_texts_are_struck_run_by_run_is_no_record(tmp_path):
    """Was: only a struck cell style was seen, so the record whose texts were struck was read and checked."""
    struck = InlineFont(strike=True)
    path = _struck_as_text(tmp_path, lambda text: [TextBlock(struck, text[:2]), TextBlock(struck, text[2:])])
    assert b"<strike" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    (proposal,) = [p for p in look(XlsxStore(path)) if p.sheet == SHEET]
    assert proposal.shape.cancelled == [STRUCK]
    assert not any(cell.endswith(str(STRUCK)) for _rule, cell in _findings(connect_book(path)))


def test_a_record_with_only_part_of_each_text_struck_is_a_record(tmp_path):
    struck, plain = InlineFont(strike=True), InlineFont()
    path = _struck_as_text(tmp_path, lambda text: [TextBlock(struck, text[:1]), TextBlock(plain, text[1:] or " ")])
    (proposal,) = [p for p in look(XlsxStore(path)) if p.sheet == SHEET]
    assert proposal.shape.cancelled == [] and STRUCK in proposal.shape.records


@pytest.mark.parametrize(("item", "struck"), [
    (b"<r><rPr><strike/></rPr><t>\xd0\x90</t></r><r><rPr><strike val=\"1\"/></rPr><t>\xd0\x91</t></r>", True),
    (b"<r><rPr><strike/></rPr><t>\xd0\x90</t></r><r><t> </t></r>", True),  # a run of spaces says nothing
    (b"<r><rPr><strike/></rPr><t>\xd0\x90</t></r><r><t>\xd0\x91</t></r>", False),
    (b"<r><rPr><strike val=\"0\"/></rPr><t>\xd0\x90</t></r>", False),
    (b"<t>\xd0\x90</t>", False),  # plain text: its cell's style says
])
def test_which_rich_texts_are_struck(item, struck):
    assert _all_runs_struck(item) is struck


def test_an_inline_rich_string_struck_whole_is_a_struck_cell():
    xml = (b'<row r="8"><c r="B8" t="inlineStr"><is><r><rPr><strike/></rPr><t>\xd0\x90</t></r></is></c>'
           b'<c r="C8" t="inlineStr"><is><t>\xd0\x91</t></is></c><c r="D8" t="s"><v>3</v></c>'
           b'<c r="E8" t="s"><v>4</v></c></row>')
    assert _struck_texts(xml, {b"4"}) == {(8, 1), (8, 4)}


def test_on_a_google_sheet_a_record_whose_texts_are_struck_run_by_run_is_no_record(tmp_path):
    """The texts struck in their runs (CellData.textFormatRuns, as the Sheets UI keeps text struck while typing),
    the numbers and dates by their format; written through the API. Was: only the cells' format was asked for."""
    emulator = SheetsEmulator().start()
    try:
        google_copy(_book(tmp_path), emulator)
        store = gsheets_store(emulator)  # a colleague in the Sheets UI: the store's own requests, no mapping
        sheet = emulator.sheet(SHEET)
        requests = []
        for c in range(WIDTH):
            cell = sheet.cell(STRUCK - 1, c)
            at = {"sheetId": sheet.sheet_id, "rowIndex": STRUCK - 1, "columnIndex": c}
            if cell is not None and isinstance(cell.value, str) and cell.value:
                runs = [{"format": {"strikethrough": True}}, {"startIndex": 2, "format": {"strikethrough": True}}]
                requests.append({"updateCells": {"start": at, "fields": "userEnteredValue,textFormatRuns", "rows": [
                    {"values": [{"userEnteredValue": {"stringValue": cell.value}, "textFormatRuns": runs}]}]}})
            elif cell is not None and cell.has_value():
                requests.append({"updateCells": {"start": at, "fields": "userEnteredFormat.textFormat.strikethrough",
                                                 "rows": [{"values": [{"userEnteredFormat": {"textFormat": {
                                                     "strikethrough": True}}}]}]}})
        store.batch_update({"requests": requests})
        (proposal,) = [p for p in look(connect_google(emulator)) if p.sheet == SHEET]
        assert proposal.shape.cancelled == [STRUCK]
        # a new value erases the runs (as the API reference says): the retyped record is a record again
        text = next(c for c in range(WIDTH) if isinstance(sheet.cell(STRUCK - 1, c).value, str))
        store.batch_update({"requests": [{"updateCells": {
            "start": {"sheetId": sheet.sheet_id, "rowIndex": STRUCK - 1, "columnIndex": text},
            "fields": "userEnteredValue", "rows": [{"values": [{"userEnteredValue": {"stringValue": "Сидорова А."}}]}]}}]})
        (proposal,) = [p for p in look(connect_google(emulator)) if p.sheet == SHEET]
        assert proposal.shape.cancelled == []
    finally:
        emulator.stop()


@pytest.mark.parametrize(("cell", "struck"), [
    ({"textFormatRuns": [{"format": {"strikethrough": True}}, {"startIndex": 3, "format": {"strikethrough": True}}]},
     True),
    ({"textFormatRuns": [{"format": {"strikethrough": True}}, {"startIndex": 3, "format": {}}]}, False),
    ({"userEnteredFormat": {"textFormat": {"strikethrough": True}}, "textFormatRuns": [{"startIndex": 3,
                                                                                        "format": {"bold": True}}]},
     True),  # a run inherits the cell's strikethrough
    ({"textFormatRuns": [{"startIndex": 3, "format": {"strikethrough": True}}]}, False),  # the start is not struck
    ({"userEnteredFormat": {"textFormat": {"strikethrough": True}}}, True),
    ({}, False),
])
def test_which_google_cells_are_struck(cell, struck):
    assert sheets_struck({"sheets": [{"properties": {"title": "Л"}, "data": [{"rowData": [{"values": [cell]}]}]}]}) \
        == {"Л": {(1, 0)} if struck else set()}
