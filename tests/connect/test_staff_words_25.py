"""The staff's own words for a model list's values (#25): their register says «принята» where the model says
«согласована». Proposed when connecting (a guess only where one value shares the word's stem), chosen by a person,
kept with the mapping; read as the model's value (no «не из списка» on every such cell), written back as their
word — into that cell alone, on a workbook and on a Google Sheet."""

import copy
from pathlib import Path

import openpyxl
import pytest

from core.connect.mapped import MappedStore
from core.connect.mapping import MAPPING_TAB
from core.connect.review import corrected, describe
from core.connect.sheet import connected, look, save
from core.connect.words import StaffWord, guess, staff_words
from core.records.checks import open_workbook, run_all
from core.records.reading import WORD_HINT
from core.store import XlsxStore, find_row
from sheets_schema.enums import (
    ApplicationStatus,
    BonusRole,
    CandidateStatus,
    ParticipantStatus,
    RequestDecision,
    StudyForm,
)
from tests.conftest import gsheets_store
from tests.connect.helpers import changed_cells, google_copy, sheet_cells
from tests.connect.staff_books import BOOKS, REGISTER, StaffBook, write_book
from tests.sheets_emulator import SheetsEmulator

SHEET = REGISTER.name  # «Статус» is column L; records in rows 6, 7, 9, 10 (З-001 … З-004)


@pytest.mark.parametrize(("kind", "word", "value"), [
    (ApplicationStatus, "отклонено", ApplicationStatus.REJECTED),
    (ApplicationStatus, "Зачислена", ApplicationStatus.ENROLLED),
    (ApplicationStatus, "проверено", ApplicationStatus.CHECKED),
    (RequestDecision, "отказать", RequestDecision.REFUSED),
    (ParticipantStatus, "студенты", ParticipantStatus.STUDENT),
    (CandidateStatus, "отказалась", CandidateStatus.WITHDRAWN),
    (BonusRole, "лектор", BonusRole.TEACHER),  # the thesaurus reads a «лектор» as a teacher
    # no guess: a word of another meaning, or one whose stem is not the value's
    (ApplicationStatus, "принята", None),
    (ApplicationStatus, "на проверке", None),  # being checked is not «проверена»
    (ApplicationStatus, "новенькая", None),
    (StudyForm, "очная форма", None),  # two words against one: not a spelling of «очная»
])
def test_a_word_is_guessed_only_when_one_value_shares_its_stem(kind, word, value):
    assert guess(kind, word) is value


def test_their_words_are_counted_under_their_most_used_spelling():
    words = staff_words(ApplicationStatus, ["принята", "Принята ", "принята", "новая", None, "", "отклонено", 5])
    assert words == [StaffWord("принята", 3, None), StaffWord("отклонено", 1, "отклонена")]


def test_a_column_of_free_text_gets_no_words():
    assert staff_words(ApplicationStatus, [f"звонила {n}-го" for n in range(25)]) == []
    assert len(staff_words(ApplicationStatus, [f"слово {n}" for n in range(20)])) == 20


@pytest.fixture
def book(tmp_path) -> Path:
    return write_book(BOOKS[0], tmp_path / "Реестр ДПО 2026.xlsx")


def _status_line(proposals):
    proposal = next(p for p in proposals if p.sheet == SHEET)
    index = next(i for i, line in enumerate(proposal.lines) if line.model_header == "Статус")
    return proposal, index


def _connect_saying(path_or_store, words: dict[str, str | None]) -> None:
    """Connect as a person who chose, for their words in «Статус», these model values."""
    store = XlsxStore(path_or_store) if isinstance(path_or_store, Path) else path_or_store
    proposals = look(store)
    proposal, index = _status_line(proposals)
    fixed = corrected(proposal, proposal.model_tab, [line.model_header for line in proposal.lines], {index: words})
    save(store, [fixed if p is proposal else p for p in proposals])


def test_the_proposal_names_their_words_and_guesses_none_for_an_ambiguous_one(book):
    proposal, index = _status_line(look(XlsxStore(book)))
    line = proposal.lines[index]
    assert line.words == [StaffWord("принята", 2, None)]
    assert line.as_dict()["words"] == {"принята": None}
    assert "слово «принята» (ячеек: 2) → не сопоставлено" in describe(proposal)


def test_unmatched_words_stay_findings_that_say_what_to_do(book):
    _connect_saying(book, {"принята": None})
    cells = {f.cell: f.message for f in run_all(connected(XlsxStore(book)).read(["Заявки"]).tabs)
             if f.rule == "GEN-CELL"}
    assert {"L6", "L7"} <= set(cells) and WORD_HINT in cells["L6"]


def test_a_chosen_word_is_read_as_the_model_value_and_kept_with_the_mapping(book):
    _connect_saying(book, {"принята": "согласована"})
    kept = openpyxl.load_workbook(book)[MAPPING_TAB]
    rows = [[c.value for c in row] for row in kept.iter_rows()]
    column = rows[0].index("Слова сотрудников")
    assert [r[column] for r in rows if r[1] == "Статус"] == ["принята = согласована"]
    store = connected(XlsxStore(book))
    tabs = store.read(["Заявки"]).tabs
    assert not [f for f in run_all(tabs) if f.rule == "GEN-CELL" and f.cell in ("L6", "L7")]
    statuses = {r.item.number: r.item.status for r in open_workbook(tabs).items("Заявки")}
    assert statuses["З-001"] is ApplicationStatus.APPROVED and statuses["З-003"] is ApplicationStatus.NEW


def test_a_value_they_have_a_word_for_is_written_as_their_word_into_its_cell_alone(book):
    _connect_saying(book, {"принята": "согласована"})
    store = connected(XlsxStore(book))
    before = sheet_cells(book, SHEET)
    store.update(find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-003"), "№ заявки",
                 {"Статус": ApplicationStatus.APPROVED})
    after = sheet_cells(book, SHEET)
    assert changed_cells(before, after) == {"L9"} and after["L9"] == "принята"


def test_a_cell_holding_their_word_is_updated_without_a_false_conflict(book):
    """The row was read with «согласована» where the cell says «принята»: the check before writing compares the
    cell as it stood, so the write goes through — and a colleague's change meanwhile is still caught."""
    _connect_saying(book, {"принята": "согласована"})
    store = connected(XlsxStore(book))
    seen = find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-001")
    store.update(seen, "№ заявки", {"Статус": ApplicationStatus.ENROLLED})
    assert sheet_cells(book, SHEET)["L6"] == "зачислен"
    seen = find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-002")
    other = openpyxl.load_workbook(book)
    other[SHEET]["L7"] = "отклонена"
    other.save(book)
    with pytest.raises(Exception, match="изменил|изменен|изменён"):
        store.update(seen, "№ заявки", {"Статус": ApplicationStatus.ENROLLED})
    assert sheet_cells(book, SHEET)["L7"] == "отклонена"


def test_an_appended_record_gets_their_word(book):
    _connect_saying(book, {"принята": "согласована"})
    store = connected(XlsxStore(book))
    store.append("Заявки", [{"№ заявки": "З-005", "Код программы": "ПК-01", "Фамилия": "Орлов", "Имя": "Пётр",
                             "Статус": ApplicationStatus.APPROVED}])
    assert sheet_cells(book, SHEET)["L11"] == "принята"


def test_a_guess_is_saved_by_a_plain_confirmation(tmp_path):
    """«отклонено» shares its stem with «отклонена» alone: saved as proposed (`edudesk connect --yes`), read so."""
    register = copy.deepcopy(REGISTER)
    register.rows[3][11] = "отклонено"
    path = write_book(StaffBook("Реестр", [register]), tmp_path / "Реестр.xlsx")
    save(XlsxStore(path), look(XlsxStore(path)))
    tabs = connected(XlsxStore(path)).read(["Заявки"]).tabs
    statuses = {r.item.number: r.item.status for r in open_workbook(tabs).items("Заявки")}
    assert statuses["З-004"] is ApplicationStatus.REJECTED
    assert "L10" not in {f.cell for f in run_all(tabs) if f.rule == "GEN-CELL"}


def test_google_sheet_their_word_read_and_written(tmp_path):
    server = SheetsEmulator().start()
    try:
        google_copy(write_book(BOOKS[0], tmp_path / "src.xlsx"), server)
        _connect_saying(gsheets_store(server), {"принята": "согласована"})
        store = connected(gsheets_store(server))
        assert isinstance(store, MappedStore)
        tabs = store.read(["Заявки"]).tabs
        assert not [f for f in run_all(tabs) if f.rule == "GEN-CELL" and f.cell in ("L6", "L7")]
        before = server.grid(SHEET)
        store.update(find_row(tabs["Заявки"], "№ заявки", "З-003"), "№ заявки", {"Статус": ApplicationStatus.APPROVED})
        after = server.grid(SHEET)
        changed = [(r, c, v) for r, row in enumerate(after) for c, v in enumerate(row)
                   if (before[r][c] if r < len(before) and c < len(before[r]) else "") != v]
        assert changed == [(8, 11, "принята")]
    finally:
        server.stop()
