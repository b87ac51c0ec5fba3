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
    # the model tabs their book never had: once, as information with the offer, not 30 errors «Нет листа»
    table = at.dataframe[0].value
    assert not [m for m in table["Что не так"] if m.startswith("Нет листа")]
    (once,) = [m for m in table["Что не так"] if m.startswith("В таблице нет листов модели")]
    assert "«ДЭ_расходы»" in once and "не проверялись" in once
    assert any("В вашей таблице нет листов модели" in i.value and "«ДЭ_расходы»" in i.value for i in at.info)
    assert not [w for w in at.warning if "Если лист переименовали" in w.value]


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


def test_their_word_for_a_status_is_chosen_on_the_page_and_read_so(app_on, tmp_path):
    """«принята» in their «Статус» is no value of the model's list: the page asks what it means; the person chooses
    «согласована» and saves; the check then has nothing to say about those cells."""
    import openpyxl

    from core.connect.sheet import connected
    from core.records.checks import run_all

    book = write_book(BOOKS[0], tmp_path / "staff.xlsx")
    at = app_on(book)
    at.switch_page("app_pages/connect.py").run()
    keys = [e.key for e in at.dataframe if str(e.key).startswith("connect_words_0_")]
    assert len(keys) == 1 and keys[0].endswith("_Статус")
    assert any("Слова в столбце «Статус» (L)" in m.value for m in at.markdown)
    words = at.data_editor(key=keys[0]).value
    assert list(words["Слово в таблице"]) == ["принята"] and list(words["Значение модели"]) == ["— нет в модели —"]
    at.session_state[keys[0]] = {"edited_rows": {0: {"Значение модели": "согласована"}}, "added_rows": [],
                                 "deleted_rows": []}
    at.run()
    next(b for b in at.button if b.label == "Сохранить соответствие").click().run()
    assert not at.exception and any("Соответствие сохранено" in s.value for s in at.success)
    kept = [[c.value for c in row] for row in openpyxl.load_workbook(book)[MAPPING_TAB].iter_rows()]
    assert ["принята = согласована"] == [r[8] for r in kept if r[1] == "Статус"]
    findings = run_all(connected(XlsxStore(book)).read(["Заявки"]).tabs)
    assert not [f for f in findings if f.rule == "GEN-CELL" and f.cell in ("L6", "L7")]


def test_the_experts_page_says_where_a_finding_of_a_column_they_do_not_keep_is(app_on, tmp_path):
    """Their expert group keeps no «В реестре»: the registry finding of each expert has a row but no cell. The page
    printed «None: Соколов Павел Андреевич: не отмечено…»; it says «строка 4, «В реестре»: …»."""
    import copy

    from core.connect.sheet import look, save
    from tests.connect.staff_books import StaffBook
    from tests.connect.twenty_fifth_books import EXPERT_GROUP
    from tests.connect.twenty_fourth_books import EXAM_PEOPLE
    from tests.connect.twenty_sixth_books import EXAM_SCHEDULE

    experts = copy.deepcopy(EXPERT_GROUP)
    gone = experts.headers.index("В реестре экспертов")
    experts.headers.pop(gone)
    experts.rows = [[v for i, v in enumerate(r) if i != gone] for r in experts.rows]
    people = copy.deepcopy(EXAM_PEOPLE)
    for row in experts.rows + people.rows:
        row[0] = "ДЭ-27-01"
    book = write_book(StaffBook("ДЭ", [EXAM_SCHEDULE, experts, people]), tmp_path / "de.xlsx")
    save(XlsxStore(book), look(XlsxStore(book)))
    at = app_on(book)
    at.switch_page("app_pages/exam_experts.py").run()
    assert not at.exception
    said = [e.value for e in at.error] + [w.value for w in at.warning]
    assert not [s for s in said if "None" in s]
    assert any(s.startswith("строка 4, «В реестре»: Соколов Павел Андреевич: не отмечено") for s in said), said
