"""The local workbook, round 2 (issue #31): each numbered defect provoked through the store."""

from __future__ import annotations

import re
import zipfile

import openpyxl

from core.records.tabs import layouts
from core.store import XlsxStore, find_row
from tests.store.test_xlsx_defects import _patch

SHARED = (
    '<sheetData>'
    '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row>'
    '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>'
    '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>6</v></c></row>'
    '<row r="4"><c r="A4"><v>4</v></c><c r="B4"><f>SUM(Лист!B1:B9)</f><v>10</v></c></row>'
    '</sheetData>'
)


def _two_sheets(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Лист"
    sheet.append(["Код", "Сумма"])
    sheet.append(["K1", 10])
    book.create_sheet("Расчёт")["A1"] = 1
    path = tmp_path / "book.xlsx"
    book.save(path)
    _patch(path, "xl/worksheets/sheet2.xml", lambda x: re.sub(r"<sheetData>.*?</sheetData>|<sheetData/>", SHARED, x,
                                                             flags=re.S))
    return path


def test_1_saved_results_of_shared_formulas_on_an_untouched_sheet_are_kept(tmp_path):
    """A row added on «Лист»: B2 and B3 of «Расчёт» (dependents of «A1*2», written <f …/>) keep 4 and 6; only B4,
    which sums the written column, loses its saved result (the XML up to the next </f> is not their formula)."""
    path = _two_sheets(tmp_path)
    XlsxStore(path).append("Лист", [{"Код": "K2", "Сумма": 20}])
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet2.xml").decode()
    cells = re.findall(r'<c r="(B\d)"[^>]*>(.*?)</c>', xml)
    kept = {ref: value[1] for ref, body in cells if (value := re.search(r"<v>([^<]*)</v>", body))}
    assert kept == {"B1": "2", "B2": "4", "B3": "6"}


def test_3_part_names_differing_in_case_are_the_same_part(tmp_path):
    """Relationships name «Worksheets/Sheet1.xml» while the package holds «worksheets/sheet1.xml»: init adds the
    model's tabs, a write finds «Лист» and its headers."""
    book = openpyxl.Workbook()
    book.active.title = "Лист"
    book.active.append(["Код", "Cycle"])
    book.active.append(["K1", 1])
    path = tmp_path / "case.xlsx"
    book.save(path)
    _patch(path, "xl/_rels/workbook.xml.rels", lambda x: x.replace("worksheets/sheet1.xml", "Worksheets/Sheet1.xml"))
    store = XlsxStore(path)
    store.create_tabs(layouts())
    store.update(find_row(store.read(["Лист"]).tabs["Лист"], "Код", "K1"), "Код", {"Cycle": 2})
    again = XlsxStore(path)  # openpyxl can't open such a file at all (its part lookup is case-sensitive)
    assert again.read(["Лист"]).tabs["Лист"].rows == [["K1", 2]]
    assert "Заявки" in again.tab_names()
    with zipfile.ZipFile(path) as z:  # one sheet1 part, not a second one in other case
        assert sum(1 for n in z.namelist() if n.casefold() == "xl/worksheets/sheet1.xml") == 1


def _table_book(tmp_path, note: bool):
    from openpyxl.worksheet.table import Table

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Лист"
    for row in (["Код", "Сумма"], ["K1", 10], ["K2", 20]):
        sheet.append(row)
    sheet.add_table(Table(displayName="Table1", ref="A1:B3"))
    if note:
        sheet["A5"] = "примечание: суммы без НДС"
    book.create_sheet("Итоги")["A1"] = "=SUM(Table1[Сумма])"
    path = tmp_path / "table.xlsx"
    book.save(path)
    _patch(path, "xl/worksheets/sheet2.xml", lambda x: x.replace("<v></v>", "<v>30</v>").replace(
        "</f></c>", "</f><v>30</v></c>"))
    XlsxStore(path).append("Лист", [{"Код": "K3", "Сумма": 5}])
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet2.xml").decode(), z.read("xl/tables/table1.xml").decode()


def test_2_a_row_added_outside_a_table_keeps_the_results_of_formulas_over_the_table(tmp_path):
    """«Итоги» sums Table1[Сумма]; a row appended below a note under the table (outside it) leaves that result."""
    totals, table = _table_book(tmp_path, note=True)
    assert 'ref="A1:B3"' in table  # the row went below the note, not into the table
    assert "<v>30</v>" in totals


def test_2_a_row_that_joins_the_table_drops_the_stale_total(tmp_path):
    """Appended right below the table, the row joins it: the total over it is recalculated, not kept at 30."""
    totals, table = _table_book(tmp_path, note=False)
    assert 'ref="A1:B4"' in table
    assert "<v>30</v>" not in totals
