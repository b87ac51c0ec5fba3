"""The same staff book as a Google Sheet (through the emulator that answers as the recorded API does) is connected
and checked as the workbook is: the same model tab for every staff tab, the same findings at the same cells — on
every book of the sets written blind since the twentieth (#25: «a Google Sheet variant through the emulator»).

A Google Sheet gives every date cell as a number shown through a date format (typed.Shown): the proposal took them
for text, and a book whose tab is recognised by its dates lost it there (a rate order's «от», «Вступает в силу»,
«Действует до» unmapped; an exam schedule proposed as «Заявки»; a consent's date taken for its form)."""

from contextlib import contextmanager

import pytest

from core.records.checks import run_all
from sheets_schema import TABS
from tests.connect.helpers import connect_book, connect_google, google_copy
from tests.connect.staff_books import write_book
from tests.connect.test_same_findings_25 import BOOKS
from tests.sheets_emulator import SheetsEmulator

ALL = [t.name for t in TABS]


@contextmanager
def _both(book, tmp_path):
    """The book connected as a workbook and, copied into the emulator, as a Google Sheet: (path, workbook store,
    Google store, emulator)."""
    path = write_book(book, tmp_path / "staff.xlsx")
    workbook = connect_book(path)
    emulator = SheetsEmulator().start()
    try:
        google_copy(path, emulator)
        yield path, workbook, connect_google(emulator), emulator
    finally:
        emulator.stop()


@pytest.mark.parametrize("book", BOOKS, ids=lambda b: b.name)
def test_the_google_sheet_is_read_as_the_workbook_is(book, tmp_path):
    with _both(book, tmp_path) as (_path, workbook, google, _emulator):
        assert {m.sheet: m.model_tab for m in google.mapping.tabs.values()} == {
            m.sheet: m.model_tab for m in workbook.mapping.tabs.values()}
        assert {(m.sheet, lk.sheet_header, lk.model_header, lk.part) for m in google.mapping.tabs.values()
                for lk in m.links} == {(m.sheet, lk.sheet_header, lk.model_header, lk.part)
                                       for m in workbook.mapping.tabs.values() for lk in m.links}
        found = sorted((f.tab, f.cell or "", f.rule, f.message) for f in run_all(google.read(ALL).tabs))
    assert found == sorted((f.tab, f.cell or "", f.rule, f.message) for f in run_all(workbook.read(ALL).tabs))


def _formulas(path, sheet: str) -> set[tuple[int, int]]:
    """The cells (0-based) of the workbook's sheet that hold a formula."""
    import openpyxl

    rows = openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True)
    return {(r, c) for r, row in enumerate(rows) for c, v in enumerate(row) if isinstance(v, str) and v.startswith("=")}


def _cells(store, sheet: str) -> dict[tuple[int, int], object]:
    """Every filled cell of a staff tab as its store reads it: a date as a date, a number as a number."""
    from datetime import datetime

    from core.store.typed import Shown

    def plain(value):
        value = value.value if isinstance(value, Shown) else value
        if isinstance(value, datetime) and value.time() == datetime.min.time():
            value = value.date()
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return None if value in ("", None) else value

    grid = store.raw_grids([sheet])[sheet] or []
    return {(r, c): plain(v) for r, row in enumerate(grid) for c, v in enumerate(row) if plain(v) is not None}


@pytest.mark.parametrize("book", BOOKS, ids=lambda b: b.name)
def test_an_update_through_the_mapping_changes_the_same_cells_of_both(book, tmp_path):
    """The first record of every register with a key and a text column gets a new text in its last text column,
    through the workbook and through the Google Sheet: afterwards both sheets hold the same cells, only that one
    changed (28 registers of the 22 books are so updated; the others are compared as read)."""
    from core.store import XlsxStore, find_row
    from sheets_schema import TAB_BY_NAME
    from tests.conftest import gsheets_store

    with _both(book, tmp_path) as (path, workbook, google, emulator):
        for mapped in [m for m in workbook.mapping.tabs.values() if not m.is_grid]:
            model = TAB_BY_NAME[mapped.model_tab]
            data = workbook.read([model.name]).tabs[model.name]
            key = model.column(model.key).header if model.key else None
            texts = [c.header for c in model.columns if c.kind is str and c.header in data.headers and c.header != key]
            first = dict(zip(data.headers, data.rows[0], strict=False)) if data.rows else {}
            before = _cells(XlsxStore(path), mapped.sheet)
            if key and texts and first.get(key) not in (None, ""):
                for store in (workbook, google):
                    rows = store.read([model.name]).tabs[model.name]
                    store.update(find_row(rows, key, first[key]), key, {texts[-1]: "Изменено приложением"})
            after = _cells(XlsxStore(path), mapped.sheet)
            # a formula's result is Google's own (=SUM(D5:D7) gives 51000); openpyxl saved none in the workbook
            computed = _formulas(path, mapped.sheet)
            assert after == {k: v for k, v in _cells(gsheets_store(emulator), mapped.sheet).items()
                             if k not in computed}
            assert len({k for k in set(before) | set(after) if before.get(k) != after.get(k)}) <= 1
