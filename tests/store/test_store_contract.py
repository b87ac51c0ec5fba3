"""The same behaviour from both stores: the local workbook and Google Sheets through gspread."""

from datetime import date
from decimal import Decimal

import pytest

from core.platform.errors import ConcurrentEditError, RowNotFound, UnknownColumn
from core.records.cells import read_date, read_decimal
from core.store import find_row
from tests.conftest import LAYOUT


def _rows(n):
    return [{"Код": f"K{i:03d}", "Название": "альфа", "Дата": date(2026, 1, 1 + i % 28), "Сумма": Decimal("1234.50")}
            for i in range(n)]


def test_created_tab_has_headers_and_no_rows(store_and_colleague):
    """A new tab reads back with its headers and no rows."""
    store, _ = store_and_colleague
    tab = store.read(["Лист"]).tabs["Лист"]
    assert tab.exists and tab.headers == LAYOUT.headers and tab.rows == []


def test_missing_tab_reads_as_absent(store_and_colleague):
    """A tab the spreadsheet lacks is reported as absent, not as an exception."""
    store, _ = store_and_colleague
    assert store.read(["Нет такого"]).tabs["Нет такого"].exists is False


def test_append_100_rows_reads_back_in_order(store_and_colleague):
    """100 appended rows come back with their sheet row numbers 2…101 and their values."""
    store, _ = store_and_colleague
    store.append("Лист", _rows(100))
    tab = store.read(["Лист"]).tabs["Лист"]
    assert tab.row_numbers == list(range(2, 102))
    first = dict(zip(tab.headers, tab.rows[0], strict=True))
    assert first["Код"] == "K000" and first["Название"] == "альфа"
    assert read_date(first["Дата"]) == date(2026, 1, 1)
    assert read_decimal(first["Сумма"]) == Decimal("1234.5")


def test_formula_looking_text_stays_text(store_and_colleague):
    """A value typed as «=IMPORTXML(…)» in the app is stored and read back as that text."""
    store, colleague = store_and_colleague
    formula = '=IMPORTXML("http://example.com","//a")'
    store.append("Лист", [{"Код": "F1", "Название": formula}])
    assert store.read(["Лист"]).tabs["Лист"].rows[0][1] == formula
    assert colleague.cell("Лист", 2, 2) == formula


def test_update_writes_only_the_changed_cell_and_keeps_unknown_columns(store_and_colleague):
    """An update changes the named cell; a column staff added themselves keeps its value."""
    store, colleague = store_and_colleague
    store.append("Лист", _rows(3))
    colleague.set_cell("Лист", 1, 5, "Заметки методиста")
    colleague.set_cell("Лист", 3, 5, "позвонить в пятницу")
    store.invalidate()
    snapshot = find_row(store.read(["Лист"]).tabs["Лист"], "Код", "K001")
    store.update(snapshot, "Код", {"Название": "бета"})
    assert colleague.cell("Лист", 3, 2) == "бета"
    assert colleague.cell("Лист", 3, 5) == "позвонить в пятницу"
    assert colleague.cell("Лист", 2, 2) == "альфа" and colleague.cell("Лист", 4, 2) == "альфа"


def test_update_refuses_when_row_changed_since_read(store_and_colleague):
    """A colleague's edit between read and write is detected and nothing is overwritten."""
    store, colleague = store_and_colleague
    store.append("Лист", _rows(3))
    snapshot = find_row(store.read(["Лист"]).tabs["Лист"], "Код", "K001")
    colleague.set_cell("Лист", 3, 2, "изменил коллега")
    with pytest.raises(ConcurrentEditError, match="изменил"):
        store.update(snapshot, "Код", {"Название": "бета"})
    assert colleague.cell("Лист", 3, 2) == "изменил коллега"


def test_update_never_writes_into_a_neighbour_when_the_row_moved_since_read(store_and_colleague):
    """A row inserted above moves the target: the local workbook refuses; the Google Sheet, where colleagues
    insert rows all day, follows the record to its new row (#26). Never into a neighbour."""
    from core.store.gsheets import GSheetsStore

    store, colleague = store_and_colleague
    store.append("Лист", _rows(3))
    snapshot = find_row(store.read(["Лист"]).tabs["Лист"], "Код", "K001")
    colleague.insert_row("Лист", 2, ["NEW", "чужая строка"])
    if isinstance(store, GSheetsStore):
        store.update(snapshot, "Код", {"Название": "бета"})
        assert colleague.cell("Лист", 4, 1) == "K001" and colleague.cell("Лист", 4, 2) == "бета"
    else:
        with pytest.raises(ConcurrentEditError, match="сдвинулась"):
            store.update(snapshot, "Код", {"Название": "бета"})
    assert colleague.cell("Лист", 3, 2) == "альфа"  # the neighbour (K000 moved here) is untouched
    assert colleague.cell("Лист", 2, 2) == "чужая строка"


def test_unknown_column_is_refused(store_and_colleague):
    """A value for a column the tab doesn't have is refused with a Russian message, nothing written."""
    store, _ = store_and_colleague
    with pytest.raises(UnknownColumn, match="нет столбца «Телефон»"):
        store.append("Лист", [{"Код": "X", "Телефон": "123"}])
    store.invalidate()
    assert store.read(["Лист"]).tabs["Лист"].rows == []


def test_find_row_names_a_missing_key(store_and_colleague):
    """Looking for a key that isn't there says so in Russian."""
    store, _ = store_and_colleague
    with pytest.raises(RowNotFound, match="нет строки"):
        find_row(store.read(["Лист"]).tabs["Лист"], "Код", "нет")


def test_header_spelling_does_not_matter_for_writes(store_and_colleague):
    """Writes find a column whatever the case, spaces or ё/е of its header."""
    store, colleague = store_and_colleague
    store.append("Лист", [{"  код ": "Z1", "НАЗВАНИЕ": "бета"}])
    assert colleague.cell("Лист", 2, 1) == "Z1" and colleague.cell("Лист", 2, 2) == "бета"


def test_update_many_writes_several_rows_at_once(store_and_colleague):
    """Two rows of one tab updated in one call; each gets its own value."""
    store, colleague = store_and_colleague
    store.append("Лист", _rows(4))
    tab = store.read(["Лист"]).tabs["Лист"]
    store.update_many("Код", [(find_row(tab, "Код", "K001"), {"Сумма": 1}), (find_row(tab, "Код", "K003"), {"Сумма": 3})])
    assert [read_decimal(colleague.cell("Лист", r, 4)) for r in (2, 3, 4, 5)] == [
        Decimal("1234.5"), Decimal(1), Decimal("1234.5"), Decimal(3)]


def test_update_many_writes_nothing_if_one_row_changed(store_and_colleague):
    """If any of the rows changed since reading, none of them is written."""
    store, colleague = store_and_colleague
    store.append("Лист", _rows(3))
    tab = store.read(["Лист"]).tabs["Лист"]
    colleague.set_cell("Лист", 4, 2, "бета")
    with pytest.raises(ConcurrentEditError):
        store.update_many("Код", [(find_row(tab, "Код", "K000"), {"Сумма": 9}), (find_row(tab, "Код", "K002"), {"Сумма": 9})])
    assert read_decimal(colleague.cell("Лист", 2, 4)) == Decimal("1234.5")
