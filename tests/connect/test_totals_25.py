"""#25: a record added to a staff tab with «Итого» under its records goes above the total, and the total's sums take
it in — as Excel's «Вставить строки» would leave the sheet; judged by what LibreOffice shows. What can't be moved
safely is refused before anything is written."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from core.platform.errors import EduDeskError
from core.store.rows import is_total_row
from core.store.xlsx_insert import shift_formula
from tests.connect.helpers import connect_book, sheet_cells, update_cells
from tests.connect.staff_books import PAYMENTS, StaffBook, write_book
from tests.corpus import libreoffice_csv

SHEET = PAYMENTS.name  # title in row 1, header in row 3, records in 4–6, «Итого» in 7: =SUM(F4:F6), =SUM(G4:G6)
NEW = {"Код услуги": "ПОУ-003", "Договор": "Д-20/2026", "Плательщик": "ИП Соколова",
       "Сумма по договору": Decimal("1000.25"), "Оплачено": Decimal("500")}


def _book(tmp_path, edit=None):
    path = write_book(StaffBook("Оплаты", [PAYMENTS]), tmp_path / "pay.xlsx")
    if edit:
        book = openpyxl.load_workbook(path)
        edit(book)
        book.save(path)
    return path


def _saved_by_libreoffice(tmp_path, made):
    """`made` opened and saved by LibreOffice: its own attributes and shared strings, and every formula's result."""
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(made)], check=True, capture_output=True,
                   timeout=180)
    return out / made.name


def _parts(path):
    with zipfile.ZipFile(path) as z:
        return {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}


def test_a_new_record_goes_above_the_total_and_the_sums_take_it_in(tmp_path):
    path = _book(tmp_path)
    before = sheet_cells(path, SHEET)
    assert before["A7"] == "Итого" and before["F7"] == "=SUM(F4:F6)"
    store = connect_book(path)
    store.append("ПОУ_оплаты", [NEW])
    after = sheet_cells(path, SHEET)
    assert (after["B7"], after["C7"], after["E7"], after["F7"], after["G7"]) == ("ПОУ-003", "Д-20/2026",
                                                                                "ИП Соколова", 1000.25, 500)
    assert (after["A8"], after["F8"], after["G8"]) == ("Итого", "=SUM(F4:F7)", "=SUM(G4:G7)")
    untouched = {c: v for c, v in before.items() if int("".join(ch for ch in c if ch.isdigit())) < 7}
    assert {c: after[c] for c in untouched} == untouched  # the title, the header and their records as they were
    assert [r for r in store.read(["ПОУ_оплаты"]).tabs["ПОУ_оплаты"].as_dicts()][-1]["Договор"] == "Д-20/2026"
    assert len(store.read(["ПОУ_оплаты"]).tabs["ПОУ_оплаты"].rows) == 4  # the total is still not a record
    if shutil.which("soffice"):
        shown = libreoffice_csv([path], tmp_path / "lo")[path][SHEET]
        total = Decimal(shown[7][5].replace("\u00a0", "").replace(" ", "").replace(",", "."))
        # «8 500,50» is text as staff typed it: their SUM skips it, before the write and after
        assert shown[7][0] == "Итого" and total == Decimal("12000") + Decimal("3600") + Decimal("1000.25")


def test_blank_rows_staff_keep_above_the_total_take_the_record_and_nothing_moves(tmp_path):
    def blank_row_above_total(book):
        sheet = book[SHEET]
        sheet.insert_rows(7)  # openpyxl moves no formula: the total's sum is written again over the blank row
        sheet["F8"], sheet["G8"] = "=SUM(F4:F7)", "=SUM(G4:G7)"

    path = _book(tmp_path, blank_row_above_total)
    store = connect_book(path)
    store.append("ПОУ_оплаты", [NEW])
    after = sheet_cells(path, SHEET)
    assert after["C7"] == "Д-20/2026" and (after["A8"], after["F8"]) == ("Итого", "=SUM(F4:F7)")
    assert "A9" not in after


def test_more_records_than_blank_rows_go_right_under_the_last_record_not_below_the_blank_one(tmp_path):
    """One blank row kept above «Итого», two records added: they go under the last record (rows 7–8) and the blank
    row moves down with the total — before, they went in at the total's row, the blank row left between the records
    and them."""
    def blank_row_above_total(book):
        sheet = book[SHEET]
        sheet.insert_rows(7)
        sheet["F8"], sheet["G8"] = "=SUM(F4:F7)", "=SUM(G4:G7)"

    path = _book(tmp_path, blank_row_above_total)
    connect_book(path).append("ПОУ_оплаты", [NEW, {**NEW, "Договор": "Д-21/2026"}])
    after = sheet_cells(path, SHEET)
    assert (after["C7"], after["C8"]) == ("Д-20/2026", "Д-21/2026")
    assert not any(ref.endswith("9") and len(ref) == 2 for ref in after)  # the blank row, moved down
    assert (after["A10"], after["F10"]) == ("Итого", "=SUM(F4:F9)")

def test_the_print_area_merged_label_and_a_reference_above_follow_the_total(tmp_path):
    def dressed(book):
        sheet = book[SHEET]
        sheet.merge_cells("A7:E7")
        sheet["H1"] = "=F7"  # the title shows the total
        sheet.print_area = "A1:I7"

    path = _book(tmp_path, dressed)
    connect_book(path).append("ПОУ_оплаты", [NEW])
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A8:E8"]
    assert sheet["H1"].value == "=F8" and sheet["F8"].value == "=SUM(F4:F7)"
    assert sheet.print_area.endswith("$A$1:$I$8")


def test_a_total_another_sheet_points_at_is_not_moved_and_nothing_is_written(tmp_path):
    def summary(book):
        book.create_sheet("Свод")["A1"] = f"='{SHEET}'!F7"

    path = _book(tmp_path, summary)
    store = connect_book(path)
    before = _parts(path)
    with pytest.raises(EduDeskError, match="«Свод»") as refused:
        store.append("ПОУ_оплаты", [NEW])
    assert "Ничего не записано" in str(refused.value)
    assert _parts(path) == before


def test_references_move_as_excel_moves_them():
    assert shift_formula("SUM(F4:F6)", "Лист", 7, 1, True) == "SUM(F4:F7)"  # the total takes the new row in
    assert shift_formula("SUM(F4:F6)", "Лист", 7, 1, False) == "SUM(F4:F6)"  # above the total: as it was
    assert shift_formula("F7*2+$F$9", "Лист", 7, 2, False) == "F9*2+$F$11"
    assert shift_formula("'Лист'!$A$1:$I$7", "Лист", 7, 1, False) == "'Лист'!$A$1:$I$8"  # a range across grows
    assert shift_formula("Другой!F7+COUNTA(Лист!A:A)", "Лист", 7, 1, True) == "Другой!F7+COUNTA(Лист!A:A)"


@pytest.mark.skipif(not shutil.which("soffice"), reason="нет LibreOffice: make office")
def test_a_workbook_saved_by_libreoffice_gets_its_record_above_the_total_too(tmp_path):
    """The same tab as LibreOffice writes it (its own row and cell attributes, styles, shared strings)."""
    path = _saved_by_libreoffice(tmp_path, _book(tmp_path))
    assert "LibreOffice" in zipfile.ZipFile(path).read("docProps/app.xml").decode()
    connect_book(path).append("ПОУ_оплаты", [NEW])
    after = sheet_cells(path, SHEET)
    assert (after["C7"], after["A8"], after["F8"]) == ("Д-20/2026", "Итого", "=SUM(F4:F7)")
    shown = libreoffice_csv([path], tmp_path / "shown")[path][SHEET]
    assert shown[7][0] == "Итого" and shown[7][5].replace(",", ".") == "16600.25"


def test_a_total_row_with_an_unticked_box_first_is_a_total_for_the_store_too(tmp_path):
    """Staff fill a column of boxes down through the «Итого» row: its first filled cell is an unticked box, the word
    «Итого» second. The reading took it for the total while the store took it for a record and put the new record
    under it; both take it for the total now."""
    def boxed(book):
        sheet = book[SHEET]
        sheet["A7"], sheet["B7"] = False, "Итого"
    path = _book(tmp_path, boxed)
    store = connect_book(path)
    store.append("ПОУ_оплаты", [NEW])
    after = sheet_cells(path, SHEET)
    assert (after["B7"], after["B8"], after["F8"]) == ("ПОУ-003", "Итого", "=SUM(F4:F7)")
    assert len(store.read(["ПОУ_оплаты"]).tabs["ПОУ_оплаты"].rows) == 4


@pytest.mark.parametrize(("row", "total"), [
    (["Итого", None, 100], True),
    ([False, "Итого", 100], True),  # an unticked box filled down through the total row
    (["  ", "Всего:", 100], True),
    ([True, "Итого", 100], False),  # a ticked box is a record's value
    ([1, "Итоговая аттестация", 36], False),
    ([None, None], False),
])
def test_which_rows_are_totals(row, total):
    assert is_total_row(row) is total


@pytest.mark.skipif(not shutil.which("soffice"), reason="нет LibreOffice: make office")
def test_rows_staff_prepared_above_the_total_take_the_record_and_nothing_moves(tmp_path):
    """«№ п/п» as «=ROW()-3» filled down to the row above «Итого» (rows 7–11 ready for the next records, nothing
    typed there), saved by LibreOffice, so each formula's result («4» … «8») is in the file. Was: those rows were read
    as records, the record went in under them at row 12 and the total moved down; now it takes row 7, its number is
    the formula's, and the total, its sums and the prepared rows stay where staff put them."""
    def prepared(book):
        sheet = book[SHEET]
        sheet.insert_rows(7, 5)  # openpyxl moves no formula: the total's sums are written again below
        for row in range(4, 12):
            sheet[f"A{row}"] = "=ROW()-3"
        sheet["F12"], sheet["G12"] = "=SUM(F4:F11)", "=SUM(G4:G11)"

    path = _saved_by_libreoffice(tmp_path, _book(tmp_path, prepared))
    before = sheet_cells(path, SHEET)
    assert (before["A11"], before["A12"], before["F12"]) == ("=ROW()-3", "Итого", "=SUM(F4:F11)")
    store = connect_book(path)
    store.append("ПОУ_оплаты", [NEW])
    after = sheet_cells(path, SHEET)
    assert (after["A7"], after["B7"], after["C7"]) == ("=ROW()-3", "ПОУ-003", "Д-20/2026")
    assert (after["A12"], after["F12"], after["G12"]) == ("Итого", "=SUM(F4:F11)", "=SUM(G4:G11)")
    assert "B8" not in after and "A13" not in after and after["A11"] == "=ROW()-3"
    assert [r["Договор"] for r in store.read(["ПОУ_оплаты"]).tabs["ПОУ_оплаты"].as_dicts()] == [
        "Д-15/2026", "Д-16/2026", "Д-17/2026", "Д-20/2026"]
    shown = libreoffice_csv([path], tmp_path / "shown")[path][SHEET]
    assert shown[6][:3] == ["4", "ПОУ-003", "Д-20/2026"] and shown[11][5].replace(",", ".") == "16600.25"


@pytest.mark.skipif(not shutil.which("soffice"), reason="нет LibreOffice: make office")
def test_a_sum_changed_by_an_update_is_shown_anew_under_the_records(tmp_path):
    """A workbook saved by LibreOffice keeps the total's last result (15600) in the file. Was: «Сумма договора» is a
    column the app reads, so the total's result in that column was kept after the app changed a record's sum, and
    LibreOffice showed the old total; now only the records' own formulas there keep theirs."""
    path = _saved_by_libreoffice(tmp_path, _book(tmp_path))
    store = connect_book(path)
    changed, after = update_cells(store, path, SHEET, "ПОУ_оплаты", "Договор", "Д-17/2026",
                                  {"Сумма по договору": Decimal("4600")})
    assert changed == {"F6"} and after["F7"] == "=SUM(F4:F6)"
    shown = libreoffice_csv([path], tmp_path / "shown")[path][SHEET]
    assert shown[6][0] == "Итого" and shown[6][5].replace(",", ".") == "16600"
