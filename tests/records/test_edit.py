"""#18: a record opened by its key and edited — only the changed cells written, checked by the sheet's rules."""


import openpyxl
import pytest

from core.platform.errors import ConcurrentEditError
from core.records.edit import changes, check_edit, edit, open_record, prefilled, records
from core.records.form import RecordRefused, parse
from core.records.journal import JournaledStore
from core.store import XlsxStore
from tests.conftest import TODAY, all_tabs


def _store(path):
    return JournaledStore(XlsxStore(path), "admin@oiro.example.ru")


def _opened_with(path, tab, row, **typed):
    """The record opened as the form opens it, and the form's values after the person typed `typed`."""
    opened = open_record(all_tabs(path), tab, row)
    values, problems = parse(tab, {**prefilled(opened), **typed})
    assert not problems, problems
    return opened, values


def _row(path, tab, key):
    data = all_tabs(path)[tab]
    return next(dict(zip(data.headers, r, strict=False)) for r in data.rows if r[0] == key)


def test_the_form_opens_on_what_the_sheet_holds_and_an_untouched_form_changes_nothing(workbook_copy):
    opened = open_record(all_tabs(workbook_copy), "ПОУ_услуги", 2)
    shown = prefilled(opened)
    assert shown["Код услуги"] == "ПОУ-2026-001" and shown["Дата начала"] == "23.09.2026" and shown["Часы"] == "24"
    values, problems = parse("ПОУ_услуги", shown)
    assert not problems and changes(opened, values) == {}
    assert records(all_tabs(workbook_copy), "ПОУ_услуги")[0] == (2, "стр. 2: ПОУ-2026-001 · Кафедра естественно-математического "
                                                      "образования · ПК")


def test_only_the_changed_cell_is_written_with_its_journal_entry_and_unknown_columns_kept(workbook_copy):
    book = openpyxl.load_workbook(workbook_copy)
    book["Программы"].cell(1, 13, "Заметка методиста")
    book["Программы"].cell(2, 13, "=ДЛСТР(B2)")  # staff's own column and formula: never touched
    book.save(workbook_copy)
    opened, values = _opened_with(workbook_copy, "Программы", 2, **{"Объём, ч": "36", "Подразделение": ""})
    assert changes(opened, values) == {"Объём, ч": 36, "Подразделение": None}
    with pytest.raises(RecordRefused, match="подтвердите"):  # the curriculum (УТП) still sums to 72 h
        edit(_store(workbook_copy), opened, values, TODAY)
    edit(_store(workbook_copy), opened, values, TODAY, confirmed_warnings=True)
    row = _row(workbook_copy, "Программы", "ПК-001")
    assert row["Объём, ч"] == 36 and row["Подразделение"] is None
    assert row["Наименование"] == "Формирование функциональной грамотности обучающихся"
    assert openpyxl.load_workbook(workbook_copy)["Программы"].cell(2, 13).value == "=ДЛСТР(B2)"
    journal = all_tabs(workbook_copy)["Журнал"].as_dicts()[-1]
    assert journal["Действие"] == "изменение" and journal["Ключ"] == "ПК-001" and "36" in str(journal["Стало"])


def test_an_edit_that_breaks_a_rule_is_refused_and_nothing_is_written(workbook_copy):
    """Breaking: a rate above the order's range (PAY-RATE-RANGE). Passing: the rate inside it."""
    opened, values = _opened_with(workbook_copy, "ПОУ_услуги", 2, **{"Ставка, ₽/чел.-ч": "200"})
    new, _ = check_edit(all_tabs(workbook_copy), opened, values, TODAY)
    assert "PAY-RATE-RANGE" in {f.rule for f in new}
    with pytest.raises(RecordRefused, match="Запись не изменена") as refused:
        edit(_store(workbook_copy), opened, values, TODAY, confirmed_warnings=True)
    assert "PAY-RATE-RANGE" in {f.rule for f in refused.value.findings}
    assert _row(workbook_copy, "ПОУ_услуги", "ПОУ-2026-001")["Ставка, ₽/чел.-ч"] == 135

    opened, values = _opened_with(workbook_copy, "ПОУ_услуги", 2, **{"Ставка, ₽/чел.-ч": "140,50"})
    new, _ = check_edit(all_tabs(workbook_copy), opened, values, TODAY)
    assert [(f.rule, f.severity) for f in new] == [("PAY-COST", "предупреждение")]  # the payment no longer matches
    edit(_store(workbook_copy), opened, values, TODAY, confirmed_warnings=True)
    assert _row(workbook_copy, "ПОУ_услуги", "ПОУ-2026-001")["Ставка, ₽/чел.-ч"] == 140.5


def test_what_was_already_wrong_on_the_row_does_not_block_correcting_something_else(workbook_copy):
    """ПОУ-2026-002 breaks PAY-CUSTOMER-KINDS in the workbook_copy; renaming the course is still written, the old error is
    shown as kept."""
    opened, values = _opened_with(workbook_copy, "ПОУ_услуги", 3, Наименование="Педагогика дополнительного образования")
    new, kept = check_edit(all_tabs(workbook_copy), opened, values, TODAY)
    assert not new and "PAY-CUSTOMER-KINDS" in {f.rule for f in kept}
    edit(_store(workbook_copy), opened, values, TODAY)
    assert _row(workbook_copy, "ПОУ_услуги", "ПОУ-2026-002")["Наименование"] == "Педагогика дополнительного образования"


def test_an_unreadable_cell_is_corrected_from_the_form(workbook_copy):
    tabs = all_tabs(workbook_copy)
    opened = open_record(tabs, "ПОУ_услуги", 5)
    assert prefilled(opened)["Ставка, ₽/чел.-ч"] == "сто пятьдесят"
    _, problems = parse("ПОУ_услуги", prefilled(opened))
    assert "Ставка, ₽/чел.-ч" in problems  # the form names the cell it can't read, like the check does
    opened, values = _opened_with(workbook_copy, "ПОУ_услуги", 5, **{"Ставка, ₽/чел.-ч": "150"})
    new, kept = check_edit(tabs, opened, values, TODAY)
    assert "GEN-CELL" not in {f.rule for f in new + kept}
    edit(_store(workbook_copy), opened, values, TODAY, confirmed_warnings=True)
    assert all_tabs(workbook_copy)["ПОУ_услуги"].rows[3][8] == 150


def test_a_colleagues_change_in_between_is_never_overwritten(workbook_copy):
    opened, values = _opened_with(workbook_copy, "Программы", 2, **{"Объём, ч": "36"})
    XlsxStore(workbook_copy).update(open_record(all_tabs(workbook_copy), "Программы", 2).snapshot(), "Код", {"Объём, ч": 108})
    with pytest.raises(ConcurrentEditError, match="изменили после чтения"):
        edit(_store(workbook_copy), opened, values, TODAY)
    assert _row(workbook_copy, "Программы", "ПК-001")["Объём, ч"] == 108


def test_a_row_inserted_above_in_between_the_key_still_finds_the_record(workbook_copy):
    opened, values = _opened_with(workbook_copy, "Программы", 3, **{"Объём, ч": "48"})
    book = openpyxl.load_workbook(workbook_copy)
    book["Программы"].insert_rows(2)
    book["Программы"]["A2"], book["Программы"]["B2"] = "ПК-000", "Вставлено коллегой"
    book.save(workbook_copy)
    edit(_store(workbook_copy), opened, values, TODAY, confirmed_warnings=True)  # УТП of 36 h: a warning
    assert _row(workbook_copy, "Программы", "ПК-002")["Объём, ч"] == 48
    assert _row(workbook_copy, "Программы", "ПК-001")["Объём, ч"] == 72 and _row(workbook_copy, "Программы", "ПК-000")["Объём, ч"] is None


def test_a_tab_without_a_key_is_edited_by_its_row_checked_whole(workbook_copy):
    opened, values = _opened_with(workbook_copy, "ПОУ_оплаты", 2, Договор="Д-001/2026")
    edit(_store(workbook_copy), opened, values, TODAY)
    assert _row(workbook_copy, "ПОУ_оплаты", "ПОУ-2026-001")["Договор"] == "Д-001/2026"
    stale, values = _opened_with(workbook_copy, "ПОУ_оплаты", 3, Договор="Д-002/2026")
    XlsxStore(workbook_copy).update(open_record(all_tabs(workbook_copy), "ПОУ_оплаты", 3).snapshot(), "Код услуги", {"Договор": "Д-9"})
    with pytest.raises(ConcurrentEditError):
        edit(_store(workbook_copy), stale, values, TODAY)
    assert _row(workbook_copy, "ПОУ_оплаты", "ПОУ-2026-002")["Договор"] == "Д-9"
