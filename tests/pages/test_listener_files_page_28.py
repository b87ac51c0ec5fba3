"""«Личные дела» and the pages that wait for them (#28): the order's gaps named, consent marked for the group in one
write, Moodle's accounts file without the incomplete files."""

from __future__ import annotations

from core.store import find_row
from core.store.xlsx import XlsxStore


def _last_group(path) -> str:
    return XlsxStore(path).read(["Группы"]).tabs["Группы"].as_dicts()[-1]["Код группы"]


def test_the_page_names_the_gaps_and_marks_consent_for_the_group(app_on, workbook_copy):
    code = _last_group(workbook_copy)
    at = app_on(workbook_copy)
    at.switch_page("app_pages/listener_files.py").run()
    assert not at.exception
    at.selectbox(key="files_group").set_value(code).run()
    assert any("личные дела неполны у 3" in w.value for w in at.warning)
    table = at.dataframe[0].value
    assert (table["Не хватает"] != "—").sum() == 3
    at.radio(key="files_what").set_value("consent")
    at.button(key=f"FormSubmitter:files_receive_{code}-Записать отметку").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Отмечено: согласие на обработку персональных данных — 1 слушателей")
    assert any("личные дела неполны у 2" in w.value for w in at.warning)


def test_the_order_on_group_documents_waits_for_the_files(app_on, workbook_copy):
    code = _last_group(workbook_copy)
    at = app_on(workbook_copy)
    at.switch_page("app_pages/group_documents.py").run()
    at.selectbox(key="doc_group").set_value(code).run()
    at.selectbox(key="doc_kind").set_value("enrollment-order").run()
    assert any("личные дела неполны у 3" in w.value for w in at.warning)
    assert "build_pdf" not in [b.key for b in at.button]


def test_moodle_accounts_leave_out_the_incomplete_files(app_on, workbook_copy):
    code = _last_group(workbook_copy)
    at = app_on(workbook_copy)
    at.switch_page("app_pages/moodle.py").run()
    at.selectbox(key="moodle_group").set_value(code).run()
    assert not at.exception
    assert any(w.value.startswith("Не вошли в файл — личное дело неполно") for w in at.warning)


def _edit_form_values(at, row: int) -> str:
    """What the form «Записи листов» shows when the application of sheet row `row` is opened for editing."""
    at.switch_page("app_pages/records.py").run()
    at.segmented_control(key="record_mode").set_value("Изменить").run()
    at.selectbox(key="edit_row_Заявки").set_value(row).run()
    assert not at.exception
    return " ".join(str(t.value) for t in at.text_input)


def test_a_withdrawal_marked_on_the_page_hides_the_person_in_the_edit_form(app_on, workbook_copy):
    code = _last_group(workbook_copy)
    person = next(r for r in XlsxStore(workbook_copy).read(["Слушатели"]).tabs["Слушатели"].as_dicts()
                  if r["Код группы"] == code)
    seen = find_row(XlsxStore(workbook_copy).read(["Заявки"]).tabs["Заявки"], "№ заявки", person["№ заявки"])
    at = app_on(workbook_copy)
    assert seen.values["E-mail"] in _edit_form_values(at, seen.row)  # shown while the consent stands
    at.switch_page("app_pages/listener_files.py").run()
    at.selectbox(key="files_group").set_value(code).run()
    at.selectbox(key="files_who").set_value(person["ID слушателя"])
    at.button(key=f"FormSubmitter:files_withdraw_{code}-Записать отзыв").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(f"Отзыв согласия записан: {person['ФИО']}")
    shown = _edit_form_values(at, seen.row)
    assert seen.values["E-mail"] not in shown and seen.values["СНИЛС"] not in shown and "***" in shown
    files = XlsxStore(workbook_copy).read(["Личные_дела", "Журнал"]).tabs
    assert any(f["ID слушателя"] == person["ID слушателя"] and f["Согласие отозвано"]
               for f in files["Личные_дела"].as_dicts())
    assert files["Журнал"].as_dicts()[-1]["Ключ"] == person["ID слушателя"]
