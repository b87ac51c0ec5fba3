"""The staff's words offered by a column's drop-down list (#25): a register started at the year's beginning holds
only «новая» so far, but its «Статус» list already offers the office's «принята» and «в работе». Connecting
proposes those words too, so the person says once what they mean and the app writes «принята» from the first
application it accepts — not the model's «согласована» into a column whose list doesn't know it.

The lists are read as each producer keeps them (the words in the rule, a range on a «Справочники» tab, a defined
name; Excel 2010's x14 rules, Excel 2013's own list), judged against LibreOffice, and on a Google Sheet from each
cell's dataValidation (ONE_OF_LIST, ONE_OF_RANGE), as the Sheets API reference gives it."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from core.connect.review import corrected, describe
from core.connect.sheet import connected, look, save
from core.connect.words import StaffWord, staff_words
from core.records.checks import run_all
from core.store import XlsxStore
from core.store.lists import cell_range, columns_of, in_force, literal_words, name_of
from sheets_schema.enums import ApplicationStatus
from tests.conftest import gsheets_store
from tests.connect.helpers import changed_cells, google_copy, sheet_cells
from tests.connect.staff_books import REGISTER, StaffBook, write_book
from tests.corpus import CORPUS
from tests.office import HERE, UNO_PYTHON, needs_uno
from tests.sheets_emulator import SheetsEmulator

SHEET = REGISTER.name  # «Статус» is column L (index 11); records in rows 6, 7, 9, 10
STATUS = 11
OFFICE_WORDS = ["новая", "принята", "в работе", "отклонена"]  # «новая», «отклонена» are the model's own
LISTED_FILES = ["closedxml-tests/ValidationWithSheetReference.xlsx", "closedxml-tests/tdf104310-2.xlsx",
                "closedxml-tests/tdf104310.xlsx", "closedxml-tests/DataValidation.xlsx"]


# the references, breaking and passing ------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "block"), [
    ("Справочники!$A$2:$A$9", ("Справочники", 1, 0, 9, 1)),
    ("'Мой лист'!A2:A", ("Мой лист", 1, 0, None, 1)),
    ("'It''s'!$B$1:$C$2", ("It's", 0, 1, 2, 3)),
    ("=$C$1:$C$2", (None, 0, 2, 2, 3)),
    ("$E:$E", (None, 0, 4, None, 5)),
    ("Статусы", None),  # a defined name
    ('"принята,отклонена"', None),  # the words themselves
    ("ДВССЫЛ(A1)", None),  # known only when computed
    ("#REF!", None),  # the range was deleted
    ("2:9", None),  # whole rows are no list of a column
])
def test_a_list_reference_is_read_as_its_block_of_cells(text, block):
    found = cell_range(text)
    assert (found and (found.sheet, found.row0, found.col0, found.row_end, found.col_end)) == block or \
        (found is None and block is None)


def test_the_words_of_a_literal_list_and_a_name():
    assert literal_words('"новая,принята, в работе ,""особая"""') == ["новая", "принята", "в работе", '"особая"']
    assert literal_words("Справочники!$A$2:$A$9") == []
    assert name_of("=Статусы") == "Статусы" and name_of("$A$1:$A$5") is None


def test_a_rule_over_a_whole_sheet_is_not_a_columns_list():
    assert columns_of("L6:L500 N6:N500") == [11, 13]
    assert columns_of("A1:XFD1048576") == []


def test_a_later_rule_over_the_same_cells_is_the_one_in_force_and_rules_over_other_rows_both_are():
    assert in_force([("B2:B500", ["а", "б"]), ("B2:B500", ["в"])]) == {1: ["в"]}
    assert in_force([("B2:B100", ["а"]), ("B101:B200", ["в"])]) == {1: ["а", "в"]}
    assert in_force([("B2:B100", ["а"]), ("B50:B60", ["в"])]) == {1: ["а", "в"]}  # the first still holds B2:B49


def test_listed_words_the_model_does_not_know_come_after_those_in_cells():
    words = staff_words(ApplicationStatus, ["принята", "новая"], OFFICE_WORDS + ["Отклонено"])
    assert words == [StaffWord("принята", 1, None, True), StaffWord("в работе", 0, None, True),
                     StaffWord("Отклонено", 0, "отклонена", True)]
    assert staff_words(ApplicationStatus, [], [f"школа № {n}" for n in range(25)]) == []  # no list of statuses


# a staff register with its own list ------------------------------------------------------------------------------
def _register_book(path: Path, kept: str) -> Path:
    """The register in January: three «новая», one «отклонена»; «Статус» (L) offers the office's words, kept `kept`
    way: «words» in the rule, «range» on a «Справочники» tab, «name» a defined name leading there."""
    register = copy.deepcopy(REGISTER)
    for row in register.rows:
        row[STATUS] = "отклонена" if row[STATUS] == "отклонена" else "новая"
    write_book(StaffBook("Реестр", [register]), path)
    book = openpyxl.load_workbook(path)
    if kept == "words":
        formula = '"' + ",".join(OFFICE_WORDS) + '"'
    else:
        lists = book.create_sheet("Справочники")
        lists.append(["Статусы заявок", "Формы обучения"])
        for word in OFFICE_WORDS:
            lists.append([word])
        formula = "Справочники!$A$2:$A$5"
        if kept == "name":
            book.defined_names["Статусы"] = DefinedName("Статусы", attr_text=formula)
            formula = "Статусы"
    rule = DataValidation(type="list", formula1=formula, allow_blank=True)
    book[SHEET].add_data_validation(rule)
    rule.add("L6:L300")
    book.save(path)
    return path


def _status_line(proposals):
    proposal = next(p for p in proposals if p.sheet == SHEET)
    index = next(i for i, line in enumerate(proposal.lines) if line.model_header == "Статус")
    return proposal, index


def _connect_saying(store, words: dict[str, str | None]) -> None:
    proposals = look(store)
    proposal, index = _status_line(proposals)
    fixed = corrected(proposal, proposal.model_tab, [line.model_header for line in proposal.lines], {index: words})
    save(store, [fixed if p is proposal else p for p in proposals])


NEW_APPLICATION = {"№ заявки": "З-005", "Код программы": "ПК-01", "Фамилия": "Орлова", "Имя": "Вера",
                   "Статус": ApplicationStatus.APPROVED}


@pytest.mark.parametrize("kept", ["words", "range", "name"])
def test_the_proposal_offers_the_words_of_the_list_before_any_cell_holds_one(tmp_path, kept):
    path = _register_book(tmp_path / "Реестр.xlsx", kept)
    assert XlsxStore(path).drop_downs([SHEET]) == {SHEET: {STATUS: OFFICE_WORDS, 13: ["да", "нет"]}}  # N: theirs
    proposals = look(XlsxStore(path))
    assert "Справочники" not in {p.sheet for p in proposals if p.model_tab}  # a tab of lists is no register
    proposal, index = _status_line(proposals)
    assert proposal.lines[index].words == [StaffWord("принята", 0, None, True), StaffWord("в работе", 0, None, True)]
    assert "слово «принята» (в выпадающем списке) → не сопоставлено" in describe(proposal)


@pytest.mark.parametrize("kept", ["words", "range", "name"])
def test_the_first_accepted_application_is_written_with_the_offices_word_from_the_list(tmp_path, kept):
    """Old code: the list unread, «принята» unknown, and the app wrote «согласована» into L11."""
    path = _register_book(tmp_path / "Реестр.xlsx", kept)
    _connect_saying(XlsxStore(path), {"принята": "согласована"})
    before = sheet_cells(path, SHEET)
    connected(XlsxStore(path)).append("Заявки", [NEW_APPLICATION])
    after = sheet_cells(path, SHEET)
    assert after["L11"] == "принята"
    assert {c for c in changed_cells(before, after) if c[0] == "L"} == {"L11"}
    tabs = connected(XlsxStore(path)).read(["Заявки"]).tabs
    assert not [f for f in run_all(tabs) if f.rule == "GEN-CELL" and f.cell == "L11"]  # read back as «согласована»


def test_a_word_of_the_list_left_unsaid_keeps_the_models_word(tmp_path):
    path = _register_book(tmp_path / "Реестр.xlsx", "words")
    _connect_saying(XlsxStore(path), {"принята": None})
    connected(XlsxStore(path)).append("Заявки", [NEW_APPLICATION])
    assert sheet_cells(path, SHEET)["L11"] == "согласована"


# LibreOffice is the judge ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def libreoffice_lists(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lists")
    books = [CORPUS / name for name in LISTED_FILES] + [_register_book(folder / f"{kept}.xlsx", kept)
                                                         for kept in ("words", "range", "name")]
    books.append(_two_rules(folder / "two rules.xlsx"))
    done = subprocess.run([UNO_PYTHON, str(HERE / "lo_lists.py"), *map(str, books)], capture_output=True,
                          timeout=300, check=True, text=True)
    return {Path(book): sheets for book, sheets in json.loads(done.stdout).items()}


def _two_rules(path: Path) -> Path:
    """A list set over «Статус» twice (the second over the first), and one over part of another column's cells."""
    _register_book(path, "words")
    book = openpyxl.load_workbook(path)
    for formula, cells in (('"принята,отклонена"', "L6:L300"), ('"очная,заочная"', "M6:M20"),
                           ('"очно-заочная"', "M10:M12")):
        rule = DataValidation(type="list", formula1=formula)
        book[SHEET].add_data_validation(rule)
        rule.add(cells)
    book.save(path)
    return path


@needs_uno
def test_every_list_is_read_with_the_words_libreoffice_offers(libreoffice_lists):
    assert len(libreoffice_lists) == len(LISTED_FILES) + 4
    for book, theirs in libreoffice_lists.items():
        store = XlsxStore(book)
        ours = store.drop_downs(store.tab_names())
        assert {s: {str(c): w for c, w in cols.items()} for s, cols in ours.items()} == theirs, book.name
    # the corpus files hold each way a list is kept, and one word with a comma in it
    assert libreoffice_lists[CORPUS / "closedxml-tests/tdf104310-2.xlsx"] == {"Sheet1": {"0": ["1", "2,3", "4"]}}


# on a Google Sheet ------------------------------------------------------------------------------------------------
def _rule_request(sheet_id: int, condition: dict) -> dict:
    """«Данные → Настроить проверку данных → Раскрывающийся список» on L6:L300, as the Sheets UI sets it."""
    return {"setDataValidation": {
        "range": {"sheetId": sheet_id, "startRowIndex": 5, "endRowIndex": 300, "startColumnIndex": STATUS,
                  "endColumnIndex": STATUS + 1},
        "rule": {"condition": condition, "showCustomUi": True, "strict": True}}}


@pytest.mark.parametrize("condition", [
    {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": w} for w in OFFICE_WORDS]},
    {"type": "ONE_OF_RANGE", "values": [{"userEnteredValue": "='Справочники'!$A$2:$A$5"}]},
], ids=["ONE_OF_LIST", "ONE_OF_RANGE"])
def test_google_sheet_the_list_of_each_cell_is_read_and_its_word_written(tmp_path, condition):
    server = SheetsEmulator().start()
    try:
        google_copy(_register_book(tmp_path / "src.xlsx", "range"), server)
        store = gsheets_store(server)
        store.batch_update({"requests": [_rule_request(server.sheet(SHEET).sheet_id, condition)]})
        assert store.drop_downs([SHEET, "Справочники"]) == {SHEET: {STATUS: OFFICE_WORDS}}
        _connect_saying(store, {"принята": "согласована"})
        connected(gsheets_store(server)).append("Заявки", [NEW_APPLICATION])
        assert server.grid(SHEET)[10][STATUS] == "принята"
    finally:
        server.stop()


def test_google_sheet_a_checkbox_and_a_cleared_rule_offer_no_words(tmp_path):
    server = SheetsEmulator().start()
    try:
        google_copy(_register_book(tmp_path / "src.xlsx", "range"), server)
        store = gsheets_store(server)
        sheet_id = server.sheet(SHEET).sheet_id
        listed = {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": w} for w in OFFICE_WORDS]}
        cleared = _rule_request(sheet_id, listed)
        del cleared["setDataValidation"]["rule"]  # a request without a rule clears the cells' rule
        store.batch_update({"requests": [_rule_request(sheet_id, listed), cleared]})
        server.checkboxes(SHEET, 13, 6, 20)
        assert store.drop_downs([SHEET]) == {}
    finally:
        server.stop()


# the list as evidence of what an empty column holds --------------------------------------------------------------
def _empty_status_book(path: Path, header: str, words: list[str] | None) -> Path:
    """The register with its «Статус» column (L) headed `header` and not filled in on any record yet; its drop-down
    list offers `words` (None: no list)."""
    register = copy.deepcopy(REGISTER)
    register.headers[STATUS] = header
    for row in register.rows:
        row[STATUS] = ""
    write_book(StaffBook("Реестр", [register]), path)
    if words is not None:
        book = openpyxl.load_workbook(path)
        rule = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True)
        book[SHEET].add_data_validation(rule)
        rule.add("L6:L300")
        book.save(path)
    return path


MODEL_WORDS = ["новая", "проверена", "отклонена", "согласована", "зачислен"]


@pytest.mark.parametrize(("header", "words", "model_header", "said"), [
    ("Этап", MODEL_WORDS, "Статус", "выпадающий список — из списка модели"),  # the header says nothing, the list does
    ("Этап", None, None, None),
    ("Этап", ["звонили", "ждём документы", "готово"], None, None),  # the office's own words back no guess
    ("Этап", ["Смирнова", "Лебедева"], None, None),
])
def test_an_empty_columns_drop_down_list_says_what_it_holds(tmp_path, header, words, model_header, said):
    """A register started this month: no record has its status yet, but the column's list offers the model's words.
    Was: the list was read only for the staff's words of a column already mapped; a header that said nothing
    left the column unmapped."""
    path = _empty_status_book(tmp_path / "Реестр.xlsx", header, words)
    proposal = next(p for p in look(XlsxStore(path)) if p.sheet == SHEET)
    line = next(line for line in proposal.lines if line.header == header)
    assert proposal.model_tab == "Заявки" and line.model_header == model_header
    assert said is None or said in line.evidence


def test_a_list_of_the_models_words_raises_the_confidence_of_a_header_guessed_low(tmp_path):
    weak = next(p for p in look(XlsxStore(_empty_status_book(tmp_path / "a.xlsx", "Отм.", None))) if p.sheet == SHEET)
    listed = next(p for p in look(XlsxStore(_empty_status_book(tmp_path / "b.xlsx", "Отм.", MODEL_WORDS)))
                  if p.sheet == SHEET)
    before, after = ([line for line in p.lines if line.header == "Отм."][0] for p in (weak, listed))
    assert before.model_header == after.model_header == "Статус" and after.confidence > before.confidence + 0.2


def test_google_sheet_an_empty_columns_drop_down_list_says_what_it_holds(tmp_path):
    server = SheetsEmulator().start()
    try:
        google_copy(_empty_status_book(tmp_path / "src.xlsx", "Этап", None), server)
        store = gsheets_store(server)
        listed = {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": w} for w in MODEL_WORDS]}
        store.batch_update({"requests": [_rule_request(server.sheet(SHEET).sheet_id, listed)]})
        proposal = next(p for p in look(gsheets_store(server)) if p.sheet == SHEET)
        line = next(line for line in proposal.lines if line.header == "Этап")
        assert line.model_header == "Статус" and "выпадающий список" in line.evidence
    finally:
        server.stop()
