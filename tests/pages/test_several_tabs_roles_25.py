"""A register kept on a tab per group, worked on by people who are not administrators (#25): a methodist who is a
«сотрудник» opens a listener of the second group's tab on «Записи листов», changes the score, and exactly that
cell of that tab changes; an «наблюдатель» gets no form, and the file is as it was."""

from __future__ import annotations

from core.connect.sheet import connected
from core.store import XlsxStore
from tests.connect.helpers import GUEST, METHODIST, changed_cells, connect_with_users, page_as, sheet_cells
from tests.connect.staff_books import write_book
from tests.connect.test_several_tabs_25 import BOOK, G05, G06


def _register(tmp_path):
    book = write_book(BOOK, tmp_path / "Слушатели по группам.xlsx")
    connect_with_users(book)
    return book


def test_a_methodist_changes_a_listener_of_the_second_groups_tab_and_only_that_cell_changes(
        app_on, tmp_path, monkeypatch):
    book = _register(tmp_path)
    before = {tab: sheet_cells(book, tab) for tab in (G05, G06)}
    at = page_as(app_on, book, monkeypatch, METHODIST, "app_pages/records.py")
    at.selectbox(key="record_tab").set_value("Слушатели").run()
    next(w for w in at.get("button_group") if w.key == "record_mode").set_value("Изменить").run()
    choose = at.selectbox(key="edit_row_Слушатели")
    # old code: «стр. 20000005: Л-102 · Г-06», the number the app counts the second tab's rows by
    labels = list(choose.options)  # as the page shows them
    assert "стр. 5 листа «Слушатели Г-06»: Л-102 · Г-06" in labels, labels
    assert not [label for label in labels if "0000" in label]
    listeners = connected(XlsxStore(book)).read(["Слушатели"]).tabs["Слушатели"]
    row = next(n for n, r in zip(listeners.row_numbers, listeners.rows, strict=True) if "Л-102" in r)
    assert choose.format_func(row) == "стр. 5 листа «Слушатели Г-06»: Л-102 · Г-06"
    choose.set_value(row).run()
    assert not at.exception, at.exception
    prefix = f"edit_Слушатели_{row}"
    score = next(w for w in at.text_input if w.key.startswith(prefix) and w.label.startswith("Итоговый тест"))
    assert score.value == "-5"
    score.set_value("75")
    at.button(key=f"FormSubmitter:{prefix}-Проверить изменения").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at.button(key="record_save").click().run()
    assert not at.exception, at.exception
    # old code: «Запись в строке 20000005 листа «Слушатели» изменена»
    assert [m.value for m in at.success] == ["Запись в строке 5 листа «Слушатели Г-06» изменена: Итоговый тест, балл."]
    after = {tab: sheet_cells(book, tab) for tab in (G05, G06)}
    assert changed_cells(before[G05], after[G05]) == set()
    assert changed_cells(before[G06], after[G06]) == {"F5"} and after[G06]["F5"] == 75  # Белов (row 5): his score


def test_an_observer_gets_no_form_on_a_register_of_two_tabs_and_the_file_is_as_it_was(app_on, tmp_path, monkeypatch):
    book = _register(tmp_path)
    before = book.read_bytes()
    at = page_as(app_on, book, monkeypatch, GUEST, "app_pages/records.py")
    assert any("только просматривает" in i.value for i in at.info)
    assert not [w for w in at.get("button_group") if w.key == "record_mode"]
    assert book.read_bytes() == before

