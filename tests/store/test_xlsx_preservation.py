"""App writes keep everything staff put in the workbook: other parts byte-identical, only intended cells change."""

import io
import re
import zipfile
from datetime import date

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from PIL import Image as PILImage

from core.store import XlsxStore, find_row
from core.store.xlsx_package import TRANSITIONAL_MAIN, UnsupportedLayout
from core.store.xlsx_sheet import Sheet

HEADERS = ["Код", "Название", "Дата", "Сумма"]


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20), (200, 30, 30)).save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


@pytest.fixture
def rich_workbook(tmp_path):
    """A workbook with formatting, widths, frozen panes, validation, comments, conditional formats,
    formulas, a chart and an image, as staff would have it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Лист"
    sheet.append(HEADERS + ["Длина (формула)"])
    for i in range(1, 6):
        sheet.append([f"K{i}", "альфа", date(2026, 1, i), 100 * i, f"=LEN(B{i + 1})"])
    sheet["A1"].font = Font(bold=True, color="FF0000")
    sheet["B3"].fill = PatternFill("solid", fgColor="FFFF00")
    sheet.column_dimensions["B"].width = 33
    sheet.freeze_panes = "A2"
    validation = DataValidation(type="list", formula1='"альфа,бета"')
    validation.add("B2:B500")
    sheet.add_data_validation(validation)
    sheet["A3"].comment = Comment("проверить", "Методист")
    sheet.conditional_formatting.add("D2:D100", CellIsRule(operator="greaterThan", formula=["300"],
                                                           fill=PatternFill("solid", fgColor="FFC7CE")))
    summary = book.create_sheet("Свод")
    summary["A1"] = "Итого"
    summary["B1"] = "=SUM(Лист!D2:D100)"
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=4, min_row=1, max_row=6), titles_from_data=True)
    summary.add_chart(chart, "D2")
    summary.add_image(Image(_png()), "D20")
    path = tmp_path / "edudesk.xlsx"
    book.save(path)
    return path


def _parts(path):
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _values(path, tab="Лист"):
    sheet = openpyxl.load_workbook(path)[tab]
    return {c.coordinate: c.value for row in sheet.iter_rows() for c in row if c.value is not None}


def test_update_and_append_change_only_intended_cells(rich_workbook):
    """After an update and an append, every other part is byte-identical and only intended cells differ."""
    before_parts, before_values = _parts(rich_workbook), _values(rich_workbook)
    store = XlsxStore(rich_workbook)
    snapshot = find_row(store.read(["Лист"]).tabs["Лист"], "Код", "K3")
    store.update(snapshot, "Код", {"Название": "бета"})
    store.append("Лист", [{"Код": "K6", "Название": "=ВПР()", "Дата": date(2026, 2, 1), "Сумма": 600}])

    after_parts, after_values = _parts(rich_workbook), _values(rich_workbook)
    sheet = "xl/worksheets/sheet1.xml"
    assert set(after_parts) == set(before_parts)
    # the new date takes the format of the date in the record above it (#25): nothing is added to styles.xml
    assert {n for n in before_parts if before_parts[n] != after_parts[n]} == {sheet}
    written = openpyxl.load_workbook(rich_workbook)["Лист"]
    assert written["C7"].number_format == written["C6"].number_format and written["C7"].is_date
    changed = {k for k in before_values.keys() | after_values.keys() if before_values.get(k) != after_values.get(k)}
    assert changed == {"B4", "A7", "B7", "C7", "D7", "E7"}
    assert after_values["E7"] == "=LEN(B7)"  # the formula staff filled down their records goes on, as on Google
    assert after_values["B7"] == "=ВПР()"  # text, not a formula
    assert openpyxl.load_workbook(rich_workbook)["Лист"]["B7"].data_type == "s"
    assert after_values["E4"] == "=LEN(B4)"  # the formula staff wrote is untouched
    outside = re.compile(rb"<sheetData>.*</sheetData>|<dimension [^>]*/>", re.S)
    assert outside.sub(b"", after_parts[sheet]) == outside.sub(b"", before_parts[sheet])


def test_written_date_is_a_date_cell(rich_workbook):
    """A date written by the app is a real date cell, shown as a date in Excel."""
    store = XlsxStore(rich_workbook)
    store.append("Лист", [{"Код": "K9", "Дата": date(2026, 3, 8)}])
    cell = openpyxl.load_workbook(rich_workbook)["Лист"]["C7"]
    assert cell.is_date and cell.value.date() == date(2026, 3, 8)


def test_chart_image_comment_validation_survive(rich_workbook):
    """openpyxl still finds the chart, the image, the comment, the validation and the conditional format."""
    store = XlsxStore(rich_workbook)
    snapshot = find_row(store.read(["Лист"]).tabs["Лист"], "Код", "K1")
    store.update(snapshot, "Код", {"Сумма": 999})
    book = openpyxl.load_workbook(rich_workbook)
    sheet = book["Лист"]
    assert book["Свод"]["B1"].value == "=SUM(Лист!D2:D100)"
    assert sheet["A3"].comment.text == "проверить" and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 33 and sheet["B3"].fill.fgColor.rgb == "00FFFF00"
    assert sheet.data_validations.dataValidation and sheet.conditional_formatting
    with zipfile.ZipFile(rich_workbook) as z:
        names = z.namelist()
    assert any(n.startswith("xl/charts/") for n in names) and any(n.startswith("xl/media/") for n in names)


def _write(xml: str, cells) -> str:
    return Sheet(xml, TRANSITIONAL_MAIN).write(cells, lambda value, style: style, False).xml


WORKSHEET = f'<worksheet xmlns="{TRANSITIONAL_MAIN}">'


def test_unusual_row_content_is_refused_by_the_fast_writer():
    """Content inside a row that isn't a cell makes the writer refuse (the store says why), never guess."""
    xml = WORKSHEET + '<sheetData><row r="2"><c r="A2"><v>1</v></c><extLst/></row></sheetData></worksheet>'
    with pytest.raises(UnsupportedLayout):
        _write(xml, {2: {2: "x"}})


def test_rows_are_inserted_in_order_between_existing_rows():
    """A new row number between existing rows is placed between them, keeping rows sorted."""
    xml = WORKSHEET + '<dimension ref="A1:A9"/><sheetData><row r="1"/><row r="9"><c r="A9"><v>9</v></c></row></sheetData></worksheet>'
    out = _write(xml, {5: {1: "пять"}})
    assert out.index('r="1"') < out.index('r="5"') < out.index('r="9"') and '<dimension ref="A1:A9"/>' in out


def test_init_adds_missing_tabs_without_touching_existing_parts(rich_workbook):
    """Adding tabs to a staff workbook keeps its sheets, chart and image parts byte-identical."""
    from core.records.tabs import layouts

    before = _parts(rich_workbook)
    store = XlsxStore(rich_workbook)
    store.create_tabs(layouts()[:3])
    after = _parts(rich_workbook)
    untouched = {n for n in before if n not in {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                "[Content_Types].xml", "xl/styles.xml"}}
    assert all(after[n] == before[n] for n in untouched)
    book = openpyxl.load_workbook(rich_workbook)
    assert book.sheetnames == ["Лист", "Свод", "Настройки", "Пользователи", "Журнал"]
    users = book["Пользователи"]
    assert users["A1"].value == "E-mail" and users["A1"].font.b and users.freeze_panes == "A2"
    assert users.data_validations.dataValidation[0].formula1.startswith('"администратор')
    store.append("Пользователи", [{"E-mail": "a@b.ru", "Роль": "менеджер"}])
    assert store.read(["Пользователи"]).tabs["Пользователи"].rows == [["a@b.ru", None, "менеджер", None]]
