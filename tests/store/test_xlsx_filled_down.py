"""A formula staff filled down their records goes on into the record the app adds to a workbook, as it does on a
Google Sheet (sheets_place pastes the record above's formulas; tests/store/test_gsheets_defects_26.py). Before, the
new record's cell stayed empty: «Двойная» of K4 was blank in LibreOffice while K1–K3 had theirs."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date

import openpyxl
import pytest

from core.store import XlsxStore
from core.store.xlsx_cells import Formula
from core.store.xlsx_filled import record_formulas
from core.store.xlsx_sheet import Sheet
from tests.conftest import gsheets_store
from tests.corpus import libreoffice_csv
from tests.sheets_emulator import SheetsEmulator
from tests.store.test_xlsx_defects import _book, _patch, _shared_formula_book

office = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice не установлен")


def _formulas(path) -> dict[str, str]:
    sheet = openpyxl.load_workbook(path)["Лист"]
    return {c.coordinate: c.value for row in sheet.iter_rows() for c in row
            if isinstance(c.value, str) and c.value.startswith("=")}


def test_excels_shared_formula_goes_on_into_the_new_record(tmp_path):
    path = _shared_formula_book(tmp_path)  # C2:C4 one shared formula «B2*2», as Excel fills a column down
    XlsxStore(path).append("Лист", [{"Код": "K4", "Сумма": 40}])
    assert _formulas(path)["C5"] == "=B5*2"


@office
def test_libreoffice_computes_the_continued_formula(tmp_path):
    path = _shared_formula_book(tmp_path)
    XlsxStore(path).append("Лист", [{"Код": "K4", "Сумма": 40}, {"Код": "K5", "Сумма": 50}])
    shown = libreoffice_csv([path], tmp_path / "lo")[path]["Лист"]
    assert [row[2] for row in shown[1:6]] == ["20", "40", "60", "80", "100"]


def test_a_value_the_app_writes_wins_and_the_header_gives_none(tmp_path):
    path = _book(tmp_path, [["Код", "Сумма", "Двойная"], ["K1", 10, "=B2*2"]])
    XlsxStore(path).append("Лист", [{"Код": "K2", "Сумма": 20, "Двойная": 7}])
    assert _formulas(path) == {"C2": "=B2*2"} and openpyxl.load_workbook(path)["Лист"]["C3"].value == 7
    empty = _book(tmp_path, [["Код", "Сумма", "Двойная"]], "empty.xlsx")
    XlsxStore(empty).append("Лист", [{"Код": "K1", "Сумма": 10}])
    assert _formulas(empty) == {}  # the header row holds no formula to continue


def test_absolute_references_stay_and_a_date_formula_keeps_its_date_format(tmp_path):
    path = _book(tmp_path, [["Код", "Начало", "Окончание", "Ставка"], ["K1", date(2026, 3, 2), "=B2+$F$1", "=$F$2*2"]])
    book = openpyxl.load_workbook(path)
    book["Лист"]["C2"].number_format = "DD.MM.YYYY"
    book.save(path)
    XlsxStore(path).append("Лист", [{"Код": "K2", "Начало": date(2026, 4, 6)}])
    assert {k: v for k, v in _formulas(path).items() if k.endswith("3")} == {"C3": "=B3+$F$1", "D3": "=$F$2*2"}
    sheet = openpyxl.load_workbook(path)["Лист"]
    assert sheet["C3"].number_format == sheet["C2"].number_format == "DD.MM.YYYY"


def test_an_array_formula_is_not_continued(tmp_path):
    path = _book(tmp_path, [["Код", "Сумма", "Двойная"], ["K1", 10, None]])
    _patch(path, "xl/worksheets/sheet1.xml", lambda x: x.replace(
        '<c r="B2" t="n"><v>10</v></c>', '<c r="B2" t="n"><v>10</v></c><c r="C2"><f t="array" ref="C2">B2*2</f>'
        '<v>20</v></c>'))
    assert b't="array"' in _sheet_xml(path)  # the patch took
    XlsxStore(path).append("Лист", [{"Код": "K2", "Сумма": 20}])
    assert b'<c r="C3"' not in _sheet_xml(path) and openpyxl.load_workbook(path)["Лист"]["A3"].value == "K2"


def _sheet_xml(path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


def test_what_a_record_row_carries():
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           '<row r="2"><c r="A2"><f t="shared" ref="A2:A4" si="0">&#1063;&amp;B2</f><v>1</v></c></row>'
           '<row r="3"><c r="A3"><f t="shared" si="0"/><v>2</v></c><c r="B3"><v>5</v></c></row>'
           '</sheetData></worksheet>')
    sheet = Sheet(xml, "http://schemas.openxmlformats.org/spreadsheetml/2006/main")
    assert record_formulas(sheet, 3) == {1: ("Ч&B3", "A3")}
    assert record_formulas(sheet, 2) == {1: ("Ч&B2", "A2")} and record_formulas(sheet, 9) == {}
    assert isinstance(Formula("B2*2"), str)


def test_a_total_rows_formulas_are_not_continued_into_a_record(tmp_path):
    """A tab of the app's own where staff typed «Итого» under the records: new rows go under it (the app's own layout
    keeps no total), and its sums are not a record's formulas — «=COUNTA(A2:A3)» does not become «=COUNTA(A3:A4)»."""
    path = _book(tmp_path, [["Код", "Сумма", "Двойная"], ["K1", 10, "=B2*2"], ["K2", 20, "=B3*2"],
                            ["Итого", "=SUM(B2:B3)", "=COUNTA(A2:A3)"]])
    XlsxStore(path).append("Лист", [{"Код": "K3", "Сумма": 30}])
    assert "C5" not in _formulas(path) and openpyxl.load_workbook(path)["Лист"]["A5"].value == "K3"


def test_nor_on_a_google_sheet():
    """Was: Google's store pasted the total row's formulas into the record under it («=COUNTA(A3:A4)» in C5)."""
    emulator = SheetsEmulator().start()
    try:
        emulator.add_sheet("Лист", [["Код", "Сумма", "Двойная"], ["K1", 10, ""], ["K2", 20, ""], ["Итого", "", ""]])
        for row in (2, 3):
            emulator.type_cell("Лист", row, 3, f"=B{row}*2")
        emulator.type_cell("Лист", 4, 2, "=SUM(B2:B3)")
        emulator.type_cell("Лист", 4, 3, "=COUNTA(A2:A3)")
        gsheets_store(emulator).append("Лист", [{"Код": "K3", "Сумма": 30}])
        assert emulator.value("Лист", 5, 1) == "K3" and emulator.formula("Лист", 5, 3) is None
        assert emulator.formula("Лист", 4, 3) == "=COUNTA(A2:A3)"
    finally:
        emulator.stop()


def _prepared(tmp_path):
    """Two records, and «Двойная» filled down to row 50 below them, ready for the next records (no value typed)."""
    rows = [["Код", "Сумма", "Двойная"], ["K1", 10, "=B2*2"], ["K2", 20, "=B3*2"]]
    return _book(tmp_path, rows + [[None, None, f"=B{r}*2"] for r in range(4, 51)])


def test_a_record_goes_into_the_first_row_staff_prepared_not_under_them(tmp_path):
    """Was: K3 went to row 51, under the 47 prepared rows, while a Google Sheet puts it right under K2
    (test_gsheets_defects_26.py::test_4_5_a_new_record_goes_right_under_the_last_one)."""
    path = _prepared(tmp_path)
    store = XlsxStore(path)
    store.append("Лист", [{"Код": "K3", "Сумма": 30}])
    sheet = openpyxl.load_workbook(path)["Лист"]
    assert [sheet.cell(r, 1).value for r in (3, 4, 5)] == ["K2", "K3", None] and sheet["A51"].value is None
    assert [sheet[f"C{r}"].value for r in (4, 5, 50)] == ["=B4*2", "=B5*2", "=B50*2"]  # the prepared rows as they were
    assert store.read(["Лист"]).tabs["Лист"].row_numbers == [2, 3, 4]


@office
def test_libreoffice_shows_the_record_in_the_prepared_row(tmp_path):
    path = _prepared(tmp_path)
    XlsxStore(path).append("Лист", [{"Код": "K3", "Сумма": 30}, {"Код": "K4", "Сумма": 40}])
    shown = libreoffice_csv([path], tmp_path / "lo")[path]["Лист"]
    assert [row[:3] for row in shown[1:5]] == [["K1", "10", "20"], ["K2", "20", "40"], ["K3", "30", "60"],
                                              ["K4", "40", "80"]]


def test_rows_of_unticked_boxes_staff_filled_down_take_the_record_too(tmp_path):
    rows = [["Код", "Сумма", "Оплачено"], ["K1", 10, True], ["K2", 20, False]]
    path = _book(tmp_path, rows + [[None, None, False] for _ in range(4, 31)])
    XlsxStore(path).append("Лист", [{"Код": "K3", "Сумма": 30}])
    sheet = openpyxl.load_workbook(path)["Лист"]
    assert [sheet.cell(r, 1).value for r in (4, 5, 31)] == ["K3", None, None] and sheet["C4"].value is False


@pytest.mark.parametrize("below", [
    [[None, None, "=SUM(C2:C3)"]],  # a total of the records, not the records' own formula
    [[None, "=SUM(B2:B3)", None]],
    [[None, None, None], [None, None, "=B5*2"]],  # a blank row first
])
def test_rows_that_are_not_prepared_are_left_as_they_are(tmp_path, below):
    path = _book(tmp_path, [["Код", "Сумма", "Двойная"], ["K1", 10, "=B2*2"], ["K2", 20, "=B3*2"], *below])
    before = _formulas(path)
    XlsxStore(path).append("Лист", [{"Код": "K3", "Сумма": 30}])
    sheet = openpyxl.load_workbook(path)["Лист"]
    assert sheet.cell(3 + len(below) + 1, 1).value == "K3"
    assert {k: v for k, v in _formulas(path).items() if k in before} == before
