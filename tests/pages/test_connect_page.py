"""«Подключение таблицы» on a staff's own workbook: the proposal shown, saved with one click, checks on their cells."""

from core.connect.mapping import MAPPING_TAB
from core.store import XlsxStore
from tests.connect.staff_books import BOOKS, write_book


def test_connect_page_proposes_and_saves(app_on, tmp_path):
    book = write_book(BOOKS[0], tmp_path / "staff.xlsx")
    at = app_on(book)
    at.switch_page("app_pages/connect.py").run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert "Лист «Реестр слушателей 2026» → «Заявки»" in labels
    assert at.selectbox(key="connect_tab_0").value == "Заявки"
    at.button[1].click().run()  # «Сохранить соответствие»
    assert not at.exception
    assert any("Соответствие сохранено" in s.value for s in at.success)
    assert MAPPING_TAB in XlsxStore(book).tab_names()
    at.switch_page("app_pages/checks.py").run()
    assert not at.exception
    shown = " ".join(str(m.value) for m in at.markdown) + " ".join(str(d.value) for d in at.dataframe)
    assert "Реестр слушателей 2026" in shown


def test_every_page_opens_on_a_connected_staff_workbook(tmp_path, monkeypatch):
    """After connecting the staff's own workbook, no page fails, prints None or a Python number, or English."""
    from core.connect.sheet import look, save
    from tests.pages.test_first_day import _clean, tour, watching

    book = write_book(BOOKS[0], tmp_path / "staff.xlsx")
    store = XlsxStore(book)
    save(store, look(store))
    visits = tour(monkeypatch, watching(monkeypatch), book)
    _clean(visits)
    assert len(visits) >= 20
