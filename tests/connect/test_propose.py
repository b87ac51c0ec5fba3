"""The proposal on staff-style workbooks: tabs and columns found without help, and right after one correction."""

from pathlib import Path

import pytest

from core.connect.evidence import kind_of
from core.connect.layout import find_shape
from core.connect.propose import propose, vocabulary
from core.connect.review import corrected, mapping_of
from core.connect.vocabulary import header_key, similarity
from core.store import XlsxStore
from tests.connect.eighteenth_books import EIGHTEENTH
from tests.connect.eighth_books import EIGHTH
from tests.connect.eleventh_books import ELEVENTH
from tests.connect.fifteenth_books import FIFTEENTH
from tests.connect.fourteenth_books import FOURTEENTH
from tests.connect.holdout_books import FRESH, HOLDOUT, LATEST, SEVENTH, SIXTH, UNSEEN
from tests.connect.nineteenth_books import NINETEENTH
from tests.connect.ninth_books import NINTH
from tests.connect.seventeenth_books import SEVENTEENTH
from tests.connect.sixteenth_books import SIXTEENTH
from tests.connect.staff_books import BOOKS, StaffTab, flat_headers, write_book
from tests.connect.tenth_books import TENTH
from tests.connect.thirteenth_books import THIRTEENTH
from tests.connect.twelfth_books import TWELFTH
from tests.connect.twentieth_books import TWENTIETH
from tests.connect.twenty_eighth_books import TWENTY_EIGHTH
from tests.connect.twenty_fifth_books import TWENTY_FIFTH
from tests.connect.twenty_first_books import TWENTY_FIRST
from tests.connect.twenty_fourth_books import TWENTY_FOURTH
from tests.connect.twenty_second_books import TWENTY_SECOND
from tests.connect.twenty_seventh_books import TWENTY_SEVENTH
from tests.connect.twenty_sixth_books import TWENTY_SIXTH
from tests.connect.twenty_third_books import TWENTY_THIRD

CORPUS = (BOOKS + HOLDOUT + UNSEEN + FRESH + LATEST + SIXTH + SEVENTH + EIGHTH + NINTH + TENTH + ELEVENTH + TWELFTH
          + THIRTEENTH + FOURTEENTH + FIFTEENTH + SIXTEENTH + SEVENTEENTH
          + EIGHTEENTH + NINETEENTH + TWENTIETH + TWENTY_FIRST + TWENTY_SECOND
          + TWENTY_THIRD + TWENTY_FOURTH + TWENTY_FIFTH + TWENTY_SIXTH + TWENTY_SEVENTH + TWENTY_EIGHTH)


def _proposals(book, tmp_path: Path):
    store = XlsxStore(write_book(book, tmp_path / f"{book.name}.xlsx"))
    return {p.sheet: p for p in propose(store.raw_grids(store.tab_names()))}


def _right(proposal, tab, line) -> bool:
    want, part = {h.strip(): a for h, a in tab.answer.items()}[line.header.strip()]
    return proposal.model_tab == tab.model_tab and line.model_header == want and (part is None or line.part == part)


def test_columns_of_staff_workbooks_are_mapped_without_help(tmp_path):
    """At least 95 % of the staff's columns in the corpus are proposed as the answer key says."""
    right = total = 0
    wrong = []
    for book in CORPUS:
        proposals = _proposals(book, tmp_path)
        for tab in book.tabs:
            proposal = proposals[tab.name]
            lines = {}
            for ln in proposal.lines:  # one «ФИО» column is three lines (Фамилия, Имя, Отчество): judged by its first
                lines.setdefault(ln.header.strip(), ln)  # «СНИЛС » with the space staff left is shown as «СНИЛС»
            assert {h.strip() for h in tab.answer} <= set(lines), f"{tab.name}: columns not seen"
            for header in tab.answer:
                total += 1
                if _right(proposal, tab, lines[header.strip()]):
                    right += 1
                else:
                    wrong.append((tab.name, header, lines[header.strip()].model_header))
    assert total >= 400
    assert right / total >= 0.95, wrong


def test_one_correction_per_wrong_line_makes_every_column_right(tmp_path):
    """Where a guess is wrong (here: forced wrong), choosing the right column once fixes that line and no other."""
    book = BOOKS[0]
    tab = book.tabs[1]  # «Программы ДПО»
    proposal = _proposals(book, tmp_path)[tab.name]
    spoiled = [ln.model_header for ln in proposal.lines]
    spoiled[0], spoiled[1] = spoiled[1], spoiled[0]  # «Шифр» and «Наименование программы» swapped
    wrong = corrected(proposal, tab.model_tab, spoiled)
    assert sum(not _right(wrong, tab, ln) for ln in wrong.lines) == 2
    fixed = corrected(proposal, tab.model_tab, [tab.answer[ln.header][0] for ln in proposal.lines])
    assert all(_right(fixed, tab, ln) for ln in fixed.lines)
    mapping = mapping_of([fixed]).tabs["Программы"]
    assert {(lk.sheet_header, lk.model_header) for lk in mapping.links} >= {("Шифр", "Код"), ("Кол-во часов", "Объём, ч")}
    assert ("Комментарий методиста", "I") in mapping.staff_only


def test_a_model_column_chosen_twice_is_refused(tmp_path):
    book = BOOKS[0]
    proposal = _proposals(book, tmp_path)["Программы ДПО"]
    choices = ["Код"] * len(proposal.lines)
    with pytest.raises(ValueError, match="выбран для двух столбцов"):
        corrected(proposal, "Программы", choices)


@pytest.mark.parametrize("book", CORPUS, ids=lambda b: b.name)
def test_header_rows_are_found_below_the_title(book, tmp_path):
    """The header row is found under the title rows (two rows under a group header), records and «Итого» apart."""
    store = XlsxStore(write_book(book, tmp_path / "b.xlsx"))
    for tab in book.tabs:
        shape = find_shape(store.raw_grids([tab.name])[tab.name], vocabulary())
        assert shape.header_row == book.header_row(tab)
        # a header with the space staff left after it («КАФЕДРА ») is read trimmed
        assert [h for h in shape.headers if h] == [h.strip() for h in flat_headers(tab) if h]
        numbering = [r for r in tab.rows if _numbers_each_column(r)]  # «1 | 2 | 3 …» under the header
        assert len(shape.numbering) == len(numbering)
        assert len(shape.records) == sum(1 for r in tab.rows if len(r) > 1) - len(numbering)
        assert len(shape.sections) == sum(1 for r in tab.rows if len(r) == 1)  # «Кафедра ИТ» rows
        assert len(shape.footers) == (1 if tab.footer else 0) + len(tab.below)  # «Итого», the signature block


def _numbers_each_column(row) -> bool:
    """The answer key's row of column numbers: the n-th cell is n, or «n.»."""
    return len(row) > 2 and all(v in (n, f"{n}.") for n, v in enumerate(row, 1))


@pytest.mark.parametrize(("staff", "model", "at_least"), [
    # an office's name for the column weighs a little less than the column's own (SYNONYM_EXACT, 0.98)
    ("Дата рожд.", "Дата рождения", 1.0), ("Эл. почта", "E-mail", 0.98), ("Кол-во часов", "Объём, ч", 0.98),
    ("  ФИО\n", "ФИО", 1.0), ("Дата рождёния", "Дата рождения", 1.0), ("Стоимость, руб.", "Сумма по договору", 0.98),
])
def test_header_synonyms_and_abbreviations(staff, model, at_least):
    assert similarity(staff, model) >= at_least


@pytest.mark.parametrize(("staff", "model"), [("Примечание", "Дата рождения"), ("Бухгалтер", "Заказчик"),
                                              ("Телефон родителя", "ФИО")])
def test_unrelated_headers_do_not_match(staff, model):
    assert similarity(staff, model) < 0.45


def test_header_key_drops_case_yo_breaks_and_spaces():
    assert header_key(" Объём\nпрограммы ") == header_key("объем программы")


@pytest.mark.parametrize(("value", "kind"), [
    ("112-233-445 95", "snils"), ("112-233-445 96", "text"), ("ivanova@school5.ru", "email"),
    ("02.07.1979", "date"), ("12 000,00 руб.", "money"), ("72", "int"), (True, "bool"), ("да", "bool"),
    ("Иванова Мария Петровна", "name"), ("+7 912 345-67-89", "phone"), ("МБОУ СОШ № 5", "text"),
])
def test_value_kinds(value, kind):
    assert kind_of(value) == kind


def test_a_header_like_a_model_column_left_over_is_proposed_with_its_doubt():
    """Ticks in «Согласие на ПДн» where the model keeps the day of consent: proposed, low, the doubt said; a staff
    column of ticks whose header is like no model column stays the staff's."""
    from core.connect.leftovers import MAPPED_AT
    from core.connect.propose import propose_tab

    grid = [["ID слушателя", "Согласие на ПДн", "Отметка бухгалтерии"], ["С-001", True, True], ["С-002", True, False]]
    lines = {ln.header: ln for ln in propose_tab("Личные дела", grid, only="Личные_дела").lines}
    consent = lines["Согласие на ПДн"]
    assert consent.model_header == "Согласие на обработку ПДн получено"
    assert consent.confidence < MAPPED_AT and "проверьте" in consent.evidence and "дата" in consent.evidence
    assert lines["Отметка бухгалтерии"].model_header is None


@pytest.mark.parametrize(("staff", "model", "alike"), [
    ("Обработал", "Место работы", False), ("Места", "Место", True), ("Баллы", "Балл", True),
    ("Фамилия в дипломе", "Фамилия в документе об образовании", True), ("Дата СЗ", "Дата служебной записки", True),
])
def test_words_alike_differ_only_in_their_ending(staff, model, alike):
    assert (similarity(staff, model) >= 0.45) is alike


def test_a_tab_without_any_column_its_records_need_is_not_that_tab(tmp_path):
    """A list of who may open the sheet (e-mail, department, rights) has no teacher's name: it is the staff's own,
    not «Преподаватели» (proposed so before: two columns fitted). With the names it is «Преподаватели»."""
    from tests.connect.eighth_books import STAFF_LIST
    from tests.connect.staff_books import StaffBook

    access = _proposals(StaffBook("Доступ", [STAFF_LIST]), tmp_path)["Доступ"]
    assert access.model_tab is None and not [ln for ln in access.lines if ln.model_header]
    named = StaffTab("Доступ", None, [], ["ФИО преподавателя", *STAFF_LIST.headers],
                     [["Орлова Т. В.", *STAFF_LIST.rows[0]], ["Белов А. С.", *STAFF_LIST.rows[1]]], {})
    teachers = _proposals(StaffBook("Кафедры", [named]), tmp_path)["Доступ"]
    assert teachers.model_tab == "Преподаватели"
    assert {ln.header: ln.model_header for ln in teachers.lines}["ФИО преподавателя"] == "Преподаватель"


@pytest.mark.parametrize("header", ["Ф.И.О. (полностью)", "Полное наименование", "Получено", "Полугодие"])
def test_a_word_that_only_begins_with_pol_is_not_the_sex_column(header):
    """The ninth set's first sight: «Ф.И.О. (полностью)» was proposed as «Пол» («полностью» begins with «пол»)."""
    assert similarity(header, "Пол") == 0


@pytest.mark.parametrize("header", ["Пол", "Пол (м/ж)", "пол слушателя"])
def test_the_sex_column_is_still_found_by_its_word(header):
    assert similarity(header, "Пол") >= 0.6


def test_the_column_named_in_brackets_outweighs_an_offices_word_outside_them(tmp_path):
    """«ОО (место работы)»: «ОО» alone is the sending organisation, the brackets say it is the place of work."""
    from tests.connect.ninth_books import INTAKE
    from tests.connect.staff_books import StaffBook

    lines = {}
    for line in _proposals(StaffBook("Журнал", [INTAKE]), tmp_path)["Журнал заявок"].lines:
        lines.setdefault(line.header, line)
    assert lines["ОО (место работы)"].model_header == "Место работы"
    assert (lines["Ф.И.О. (полностью)"].model_header, lines["Ф.И.О. (полностью)"].part) == ("Фамилия", "фамилия")


@pytest.mark.parametrize("book", BOOKS, ids=lambda b: b.name)
def test_confirming_every_line_as_proposed_saves_the_proposal_itself(book, tmp_path):
    """The page sends every tab through `corrected`, changed or not: a line left as proposed keeps all it holds —
    the value written once in the title («ПК» of «…программ повышения квалификации…»), the year of a «шахматка»'s
    dates — so the mapping saved from the page is the one `edudesk connect --yes` saves."""
    for proposal in _proposals(book, tmp_path).values():
        if proposal.model_tab is None:
            continue
        confirmed = corrected(proposal, proposal.model_tab, [line.model_header for line in proposal.lines])
        assert mapping_of([confirmed]).tabs == mapping_of([proposal]).tabs
