"""The same staff book as a Google Sheet (through the emulator that answers as the recorded API does) is connected
and checked as the workbook is: the same model tab for every staff tab, the same findings at the same cells — on
every book of the sets written blind since the twentieth (#25: «a Google Sheet variant through the emulator»).

A Google Sheet gives every date cell as a number shown through a date format (typed.Shown): the proposal took them
for text, and a book whose tab is recognised by its dates lost it there (a rate order's «от», «Вступает в силу»,
«Действует до» unmapped; an exam schedule proposed as «Заявки»; a consent's date taken for its form)."""

import pytest

from core.records.checks import run_all
from sheets_schema import TABS
from tests.connect.helpers import connect_book, connect_google, google_copy
from tests.connect.staff_books import write_book
from tests.connect.test_same_findings_25 import BOOKS
from tests.sheets_emulator import SheetsEmulator

ALL = [t.name for t in TABS]


@pytest.mark.parametrize("book", BOOKS, ids=lambda b: b.name)
def test_the_google_sheet_is_read_as_the_workbook_is(book, tmp_path):
    path = write_book(book, tmp_path / "staff.xlsx")
    workbook = connect_book(path)
    emulator = SheetsEmulator().start()
    try:
        google_copy(path, emulator)
        google = connect_google(emulator)
        assert {m.sheet: m.model_tab for m in google.mapping.tabs.values()} == {
            m.sheet: m.model_tab for m in workbook.mapping.tabs.values()}
        assert {(m.sheet, lk.sheet_header, lk.model_header, lk.part) for m in google.mapping.tabs.values()
                for lk in m.links} == {(m.sheet, lk.sheet_header, lk.model_header, lk.part)
                                       for m in workbook.mapping.tabs.values() for lk in m.links}
        found = sorted((f.tab, f.cell or "", f.rule, f.message) for f in run_all(google.read(ALL).tabs))
    finally:
        emulator.stop()
    assert found == sorted((f.tab, f.cell or "", f.rule, f.message) for f in run_all(workbook.read(ALL).tabs))
