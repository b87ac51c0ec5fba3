"""152-ФЗ ст. 18 ч. 5 (#28): a Google Sheet is a database abroad — which personal columns sit there is said; the
local workbook on the institute's server is not abroad."""

from __future__ import annotations

from core.platform.personal import personal_columns
from core.setup import initialize
from core.store import XlsxStore
from sheets_schema import TABS
from tests.conftest import TODAY, gsheets_store
from tests.sheets_emulator import SheetsEmulator


def test_the_google_sheet_is_abroad_and_its_personal_columns_are_named(tmp_path):
    server = SheetsEmulator().start()
    try:
        store = gsheets_store(server)
        initialize(store, demo=True, today=TODAY)
        assert store.abroad
        found = personal_columns(store.read([t.name for t in TABS]).tabs)
        assert {"СНИЛС", "Дата рождения", "E-mail", "Телефон"} <= set(found["Заявки"])
        assert "Серия документа об образовании" in found["Личные_дела"]
        assert "Программы" not in found
    finally:
        server.stop()
    local = XlsxStore(tmp_path / "book.xlsx")
    assert not local.abroad
