"""Registration numbers, issue records and the ФИС ФРДО file."""

import io
from datetime import date

import openpyxl

from core.certificates import FRDO_COLUMNS, export_frdo, issue_problems, next_reg_numbers
from core.checks import open_workbook
from core.store import XlsxStore
from sheets_schema import TABS


def test_next_numbers_continue_the_year_without_gaps():
    """Numbers continue after the year's largest; other years don't count."""
    existing = ["2026-0001", "2026-0002", "2025-0107", "мусор"]
    assert next_reg_numbers(existing, 2026, 3) == ["2026-0003", "2026-0004", "2026-0005"]
    assert next_reg_numbers(existing, 2027, 1) == ["2027-0001"]


def test_issue_record_needs_signature_and_proxy_number():
    """By proxy without a number, or without a signature, can't be recorded; in person with a signature can."""
    assert issue_problems("лично", "", True) == []
    assert len(issue_problems("по доверенности", " ", False)) == 2
    assert issue_problems("по доверенности", "Д-7", True) == []


def test_frdo_file_has_the_template_sheet_and_40_columns(demo_workbook):
    """The upload file has sheet «Шаблон», columns A–AN, text СНИЛС and dd.mm.yyyy dates."""
    wb = open_workbook(XlsxStore(demo_workbook).read([t.name for t in TABS]).tabs)
    records, data = export_frdo(wb, 2026)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Шаблон"]
    assert sheet.max_column == 40 and [c.value for c in sheet[1]] == FRDO_COLUMNS
    assert sheet["AN1"].value == "Номер документа для изменения"
    first = {h: c.value for h, c in zip(FRDO_COLUMNS, sheet[2], strict=True)}
    assert first["Вид документа"] == "Удостоверение о повышении квалификации"
    assert len(first["СНИЛС"]) == 14 and first["СНИЛС"][3] == "-"
    date.fromisoformat("-".join(reversed(first["Дата выдачи документа"].split("."))))
    assert len(records) == sheet.max_row - 1
    assert any(r.problems for r in records)  # the demo's broken СНИЛС is named, not silently exported
