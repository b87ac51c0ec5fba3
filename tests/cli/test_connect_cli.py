"""`edudesk connect`: the proposal as JSON, saved with --yes, then `edudesk check` on the staff's own cells."""

import json

import pytest

from core.cli import main
from core.connect.mapping import MAPPING_TAB
from core.store import XlsxStore
from tests.connect.staff_books import BOOKS, write_book


def test_connect_json_proposes_without_writing(tmp_path, capsys):
    book = write_book(BOOKS[0], tmp_path / "staff.xlsx")
    before = book.read_bytes()
    assert main(["--workbook", str(book), "connect", "--json"]) == 0
    lines = json.loads(capsys.readouterr().out)
    assert {"tab", "header", "column", "model_tab", "model_header", "confidence"} <= set(lines[0])
    birth = next(ln for ln in lines if ln["header"] == "Дата рожд.")
    assert (birth["tab"], birth["column"], birth["model_tab"], birth["model_header"]) == \
        ("Реестр слушателей 2026", "C", "Заявки", "Дата рождения")
    assert next(ln for ln in lines if ln["header"] == "Примечание")["model_header"] == "только для сотрудников"
    assert book.read_bytes() == before


def test_connect_yes_saves_and_check_reports_staff_cells(tmp_path, capsys):
    book = write_book(BOOKS[0], tmp_path / "staff.xlsx")
    assert main(["--workbook", str(book), "connect", "--yes"]) == 0
    assert "Сохранено" in capsys.readouterr().out
    assert MAPPING_TAB in XlsxStore(book).tab_names()
    main(["--workbook", str(book), "check", "--json"])
    findings = json.loads(capsys.readouterr().out)
    snils = {(f["tab"], f["cell"]) for f in findings if f["rule"] == "ENR-SNILS"}
    assert snils == {("Реестр слушателей 2026", "D9"), ("Реестр слушателей 2026", "D10")}


WORD = "Реестр слушателей 2026!Статус: принята = согласована"


def test_connect_word_says_what_their_word_means_and_check_reads_it_so(tmp_path, capsys):
    book = write_book(BOOKS[0], tmp_path / "staff.xlsx")
    assert main(["--workbook", str(book), "connect", "--word", WORD]) == 0
    assert "слово «принята» (ячеек: 2) → «согласована»" in capsys.readouterr().out
    assert MAPPING_TAB not in XlsxStore(book).tab_names()  # shown, not saved without --yes
    assert main(["--workbook", str(book), "connect", "--yes", "--word", WORD]) == 0
    capsys.readouterr()
    main(["--workbook", str(book), "check", "--json"])
    cells = {f["cell"] for f in json.loads(capsys.readouterr().out) if f["rule"] == "GEN-CELL"}
    assert not cells & {"L6", "L7"}


@pytest.mark.parametrize(("said", "told"), [
    ("Реестр слушателей 2026!Статус: одобрена = согласована", "слова «одобрена» в столбце нет; есть: «принята»"),
    ("Реестр слушателей 2026!Статус: принята = одобрена", "«одобрена» — не значение «Статус»"),
    ("Реестр слушателей 2026!Примечание: звонила = новая", "нет слов не из списка модели"),
    ("принята = согласована", "ожидалось «Лист!Заголовок: слово = значение»"),
])
def test_connect_word_that_cannot_be_is_refused_in_russian_and_nothing_saved(tmp_path, capsys, said, told):
    book = write_book(BOOKS[0], tmp_path / "staff.xlsx")
    before = book.read_bytes()
    assert main(["--workbook", str(book), "connect", "--yes", "--word", said]) != 0
    assert told in capsys.readouterr().err
    assert book.read_bytes() == before
