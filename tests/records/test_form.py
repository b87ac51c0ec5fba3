"""#18 (first slice): a record of any tab by a form from the sheet model, refused by the same rules as the sheet."""

from datetime import date
from decimal import Decimal

import pytest

from core.records.checks import run_all
from core.records.form import RecordRefused, add, check, fields, parse
from core.records.journal import JournaledStore
from core.store import XlsxStore
from tests.conftest import TODAY, all_tabs

SERVICE = {"Код услуги": "ПОУ-2026-099", "Кафедра": "Кафедра педагогики", "Вид": "ПК", "Наименование": "Курс",
           "Место": "в Учреждении", "Часы": "72", "Слушатели": "20", "Ставка, ₽/чел.-ч": "150,00",
           "Дата начала": "15.03.2027", "Дата окончания": "19.03.2027", "Внеплановая": "да",
           "Дата заявки": "01.12.2026"}


def test_fields_follow_the_sheet_model():
    specs = {s.header: s for s in fields("Группы")}
    assert specs["Код группы"].column.required and specs["Код программы"].refers_to == "Программы"
    assert specs["Дата начала"].column.kind is date


def test_typed_text_is_read_as_the_sheet_reads_it():
    values, problems = parse("ПОУ_услуги", SERVICE)
    assert not problems
    assert values["Ставка, ₽/чел.-ч"] == Decimal("150.00") and values["Дата начала"] == date(2027, 3, 15)
    _, problems = parse("ПОУ_услуги", {**SERVICE, "Дата начала": "31.02.2026", "Вид": "курс", "Кафедра": ""})
    assert set(problems) == {"Дата начала", "Вид", "Кафедра"}
    assert "обязательное" in problems["Кафедра"] and "не из списка" in problems["Вид"]


def test_the_form_refuses_exactly_what_the_check_reports_on_the_sheet(workbook_copy):
    """A rate above the order's range: the form's findings on the row are the ones `edudesk check` reports once the
    same row is in the sheet — breaking row refused, passing row written."""
    values, _ = parse("ПОУ_услуги", {**SERVICE, "Ставка, ₽/чел.-ч": "200"})
    predicted = check(all_tabs(workbook_copy), "ПОУ_услуги", values, TODAY)
    assert "PAY-RATE-RANGE" in {f.rule for f in predicted}
    store = JournaledStore(XlsxStore(workbook_copy), "admin@oiro.example.ru")
    with pytest.raises(RecordRefused) as refused:
        add(store, "ПОУ_услуги", values, TODAY)
    assert {f.rule for f in refused.value.findings} == {f.rule for f in predicted}
    assert "ПОУ-2026-099" not in str(all_tabs(workbook_copy)["ПОУ_услуги"].rows)

    XlsxStore(workbook_copy).append("ПОУ_услуги", [{h: getattr(v, "value", v) for h, v in values.items()}])
    after = [f for f in run_all(all_tabs(workbook_copy), today=TODAY) if f.tab == "ПОУ_услуги"
             and f.row == max(all_tabs(workbook_copy)["ПОУ_услуги"].row_numbers)]
    assert {(f.rule, f.column) for f in after} == {(f.rule, f.column) for f in predicted if f.tab == "ПОУ_услуги"}


def test_a_good_record_is_written_once_with_its_journal_entry(workbook_copy):
    values, _ = parse("ПОУ_услуги", SERVICE)
    found = check(all_tabs(workbook_copy), "ПОУ_услуги", values, TODAY)
    assert not [f for f in found if f.severity == "ошибка"]
    store = JournaledStore(XlsxStore(workbook_copy), "admin@oiro.example.ru")
    add(store, "ПОУ_услуги", values, TODAY, confirmed_warnings=True)
    tabs = all_tabs(workbook_copy)
    assert sum(1 for r in tabs["ПОУ_услуги"].rows if r[0] == "ПОУ-2026-099") == 1
    assert any("ПОУ-2026-099" in str(r) for r in tabs["Журнал"].rows)
    with pytest.raises(RecordRefused, match="уже есть"):  # a second click: the key is taken now
        add(store, "ПОУ_услуги", values, TODAY, confirmed_warnings=True)


def test_warnings_need_a_confirmation(workbook_copy):
    """An expert not in the registry is a warning (DE-REGISTRY): written only once it is confirmed."""
    exam = all_tabs(workbook_copy)["ДЭ_график"].rows[-1][0]
    values, _ = parse("ДЭ_эксперты", {"Код экзамена": exam, "Роль": "Э", "ФИО": "Новиков Никита Олегович",
                                      "Организация": "АО «Работодатель»", "Штат/ГПХ": "ГПХ", "В реестре": "нет",
                                      "Готовил участников": "нет", "Часы план": "8"})
    store = JournaledStore(XlsxStore(workbook_copy), "admin@oiro.example.ru")
    with pytest.raises(RecordRefused, match="подтвердите") as refused:
        add(store, "ДЭ_эксперты", values, TODAY)
    assert [(f.rule, f.severity) for f in refused.value.findings] == [("DE-REGISTRY", "предупреждение")]
    add(store, "ДЭ_эксперты", values, TODAY, confirmed_warnings=True)
    assert any("Новиков Никита Олегович" in str(r) for r in all_tabs(workbook_copy)["ДЭ_эксперты"].rows)


def test_tabs_the_app_keeps_are_not_offered(workbook_copy):
    with pytest.raises(Exception, match="ведёт само приложение"):
        add(JournaledStore(XlsxStore(workbook_copy), "a@b.ru"), "Журнал", {"Когда": "сейчас"}, TODAY)
    assert date(2026, 11, 23) == TODAY


def test_an_application_typed_by_hand_gets_its_number_at_write_time(workbook_copy):
    """«№ заявки» is left blank: the store hands out the next number inside the write, never from a stale read —
    two forms filled at once get two numbers."""
    program = all_tabs(workbook_copy)["Программы"].rows[0]
    typed = {"Код программы": program[0], "Фамилия": "Иванова", "Имя": "Анна", "Отчество": "Петровна"}
    values, problems = parse("Заявки", typed)
    assert not problems and "№ заявки" not in values
    store = JournaledStore(XlsxStore(workbook_copy), "admin@oiro.example.ru")
    numbers = all_tabs(workbook_copy)["Заявки"].rows
    first = add(store, "Заявки", values, TODAY, confirmed_warnings=True)
    second = add(store, "Заявки", {**values, "Имя": "Мария"}, TODAY, confirmed_warnings=True)
    assert first["№ заявки"] != second["№ заявки"] and len(all_tabs(workbook_copy)["Заявки"].rows) == len(numbers) + 2
