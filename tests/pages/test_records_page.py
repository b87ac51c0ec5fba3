"""«Новая запись» in the app: the form from the sheet model, the checks before writing, the write and its result."""

from core.store import XlsxStore


def _programs_form(app_on, workbook_copy):
    at = app_on(workbook_copy)
    at.switch_page("app_pages/records.py").run()
    at.selectbox(key="record_tab").set_value("Программы").run()
    return at


def _fill(at, **values):
    for field, value in values.items():
        widget = next(w for w in [*at.text_input, *at.selectbox] if w.key == f"record_Программы_{field}")
        widget.set_value(value)
    at.button(key="record_Программы_check").click().run()


def test_a_programme_is_checked_and_added_from_the_form(app_on, workbook_copy):
    at = _programs_form(app_on, workbook_copy)
    assert not at.exception
    labels = [w.label for w in at.text_input]
    assert "Код *" in labels and "Объём, ч *" in labels
    _fill(at, code="ПК-050", name="Новая программа", kind="ПК", hours="36", form="очная")
    assert not at.exception and not at.error
    at.button(key="record_Программы_add").click().run()
    assert at.success[0].value == "Запись добавлена на лист «Программы»."
    rows = XlsxStore(workbook_copy).read(["Программы"]).tabs["Программы"].rows
    assert [r for r in rows if r[0] == "ПК-050"][0][3] == 36
    assert not [b for b in at.button if b.key == "record_Программы_add"]  # the page shows the new state, nothing to repeat


def test_a_taken_key_and_an_unreadable_number_are_said_and_nothing_is_written(app_on, workbook_copy):
    at = _programs_form(app_on, workbook_copy)
    _fill(at, code="ПК-001", name="Дубль", kind="ПК", hours="36")
    assert any("«ПК-001» уже есть" in e.value for e in at.error)
    _fill(at, code="ПК-051", name="Курс", kind="ПК", hours="тридцать шесть")
    assert any(e.value.startswith("«Объём, ч»:") for e in at.error)
    assert not [b for b in at.button if b.key == "record_Программы_add"]
    rows = XlsxStore(workbook_copy).read(["Программы"]).tabs["Программы"].rows
    assert not [r for r in rows if r[0] in ("ПК-051",)] and sum(r[0] == "ПК-001" for r in rows) == 1


def test_an_observer_gets_no_form(app_on, workbook_copy, monkeypatch):
    monkeypatch.setenv("EDUDESK_DEV_USER", "viewer@oiro.example.ru")
    at = app_on(workbook_copy)
    at.switch_page("app_pages/records.py").run()
    assert not at.exception and any("только просматривает" in i.value for i in at.info)


def _table(at, column):
    """The table on the page that has `column` (AppTest does not keep a dataframe's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _edit_form(app_on, workbook_copy, tab, row):
    at = app_on(workbook_copy)
    at.switch_page("app_pages/records.py").run()
    at.selectbox(key="record_tab").set_value(tab).run()
    next(w for w in at.get("button_group") if w.key == "record_mode").set_value("Изменить").run()
    at.selectbox(key=f"edit_row_{tab}").set_value(row).run()
    return at


def _check_edit(at, tab, row, **values):
    for field, value in values.items():
        widget = next(w for w in [*at.text_input, *at.selectbox] if w.key == f"edit_{tab}_{row}_{field}")
        widget.set_value(value)
    at.button(key=f"FormSubmitter:edit_{tab}_{row}-Проверить изменения").click().run()


def test_a_record_is_opened_by_its_key_edited_and_only_the_changed_cell_written(app_on, workbook_copy):
    at = _edit_form(app_on, workbook_copy, "Программы", 2)
    assert not at.exception
    key = next(w for w in at.text_input if w.key == "edit_Программы_2_code")
    assert key.value == "ПК-001" and key.disabled  # the key finds the record, it is not edited here
    assert next(w for w in at.text_input if w.key == "edit_Программы_2_hours").value == "72"
    _check_edit(at, "Программы", 2, hours="36")
    assert not at.exception and not at.error
    assert _table(at, "Было").to_dict("records") == [
        {"Поле": "Объём, ч", "Было": "72", "Стало": "36"}]
    # the programme's curriculum still sums to 72 h: a warning (TT-PROGRAM-HOURS) to confirm before the write
    assert "record_save" not in [b.key for b in at.button]
    at.checkbox(key="edit_confirm").check().run()
    at.button(key="record_save").click().run()
    assert at.success[0].value == "Запись в строке 2 листа «Программы» изменена: Объём, ч."
    row = XlsxStore(workbook_copy).read(["Программы"]).tabs["Программы"].rows[0]
    assert row[0] == "ПК-001" and row[3] == 36 and row[1] == "Формирование функциональной грамотности обучающихся"
    assert next(w for w in at.text_input if w.key == "edit_Программы_2_hours").value == "36"  # reopened as it is now


def test_an_edit_that_breaks_a_rule_shows_its_finding_and_writes_nothing(app_on, workbook_copy):
    at = _edit_form(app_on, workbook_copy, "ПОУ_услуги", 2)
    _check_edit(at, "ПОУ_услуги", 2, rate="200")
    findings = _table(at, "Правило")
    assert "PAY-RATE-RANGE" in set(findings["Правило"]) and not [b for b in at.button if b.key == "record_save"]
    rows = XlsxStore(workbook_copy).read(["ПОУ_услуги"]).tabs["ПОУ_услуги"].rows
    assert rows[0][8] == 135


def test_an_old_error_on_the_row_is_shown_but_does_not_block_another_correction(app_on, workbook_copy):
    at = _edit_form(app_on, workbook_copy, "ПОУ_услуги", 3)
    _check_edit(at, "ПОУ_услуги", 3, name="Педагогика дополнительного образования")
    kept = _table(at, "Правило")  # the edit brings no finding: the only findings table is what was there
    assert any(c.value.startswith("Уже было на этой строке") for c in at.caption)
    assert "PAY-CUSTOMER-KINDS" in set(kept["Правило"]) and not at.error
    at.button(key="record_save").click().run()
    assert "изменена: Наименование" in at.success[0].value


def test_the_form_opens_for_every_tab_in_both_modes(app_on, workbook_copy):
    """«Done when»: the generic form opens for every tab without an exception — to add, and to edit its first row."""
    from core.records.form import NOT_BY_FORM
    from sheets_schema import TABS

    at = app_on(workbook_copy)
    at.switch_page("app_pages/records.py").run()
    for tab in [t.name for t in TABS if t.name not in NOT_BY_FORM]:
        at.selectbox(key="record_tab").set_value(tab)
        next(w for w in at.get("button_group") if w.key == "record_mode").set_value("Добавить").run()
        assert not at.exception, tab
        assert [b for b in at.button if b.key == f"record_{tab}_check"], tab
        next(w for w in at.get("button_group") if w.key == "record_mode").set_value("Изменить").run()
        first = XlsxStore(workbook_copy).read([tab]).tabs[tab].row_numbers[:1]
        if first:
            at.selectbox(key=f"edit_row_{tab}").set_value(first[0]).run()
            assert not at.exception, tab
            assert [b for b in at.button if b.key == f"FormSubmitter:edit_{tab}_{first[0]}-Проверить изменения"], tab


def _records_form(app_on, workbook_copy, tab):
    at = app_on(workbook_copy)
    at.switch_page("app_pages/records.py").run()
    at.selectbox(key="record_tab").set_value(tab).run()
    return at


def _type(at, tab, **values):
    for field, value in values.items():
        next(w for w in [*at.text_input, *at.selectbox] if w.key == f"record_{tab}_{field}").set_value(value)
    at.button(key=f"record_{tab}_check").click().run()


def _rules_shown(at):
    tables = [d.value for d in at.dataframe if "Правило" in d.value.columns]
    return set(tables[0]["Правило"]) if tables else set()


def test_18_one_application_typed_by_hand_is_checked_like_an_upload(app_on, workbook_copy):
    """A wrong СНИЛС checksum is ENR-SNILS and nothing is written; corrected, the application gets its number."""
    at = _records_form(app_on, workbook_copy, "Заявки")
    before = len(XlsxStore(workbook_copy).read(["Заявки"]).tabs["Заявки"].rows)
    _type(at, "Заявки", program_code="ПК-001", last_name="Иванова", first_name="Анна", middle_name="Петровна",
          snils="112-233-445 96", category="учителя", email="ivanova@school.example.ru")
    assert "ENR-SNILS" in _rules_shown(at) and not [b for b in at.button if b.key == "record_Заявки_add"]
    at.text_input(key="record_Заявки_snils").set_value("112-233-445 95").run()
    assert "ENR-SNILS" not in _rules_shown(at)
    for box in [c for c in at.checkbox if c.key == "record_Заявки_confirm"]:
        box.check()
    at.run()
    at.button(key="record_Заявки_add").click().run()
    assert at.success[0].value.startswith("Запись добавлена на лист «Заявки»: № З-")
    rows = XlsxStore(workbook_copy).read(["Заявки"]).tabs["Заявки"].as_dicts()
    assert len(rows) == before + 1 and rows[-1]["Фамилия"] == "Иванова" and rows[-1]["СНИЛС"] == "112-233-445 95"


def test_18_an_exam_entered_into_the_schedule_is_checked_against_its_deadlines(app_on, workbook_copy):
    """An exam ten working days away is too late for the plan's approval (DE-PLAN-20, 20 wd before): refused; the
    same exam two months ahead is written."""
    from datetime import timedelta

    from core.platform.calendar import add_working_days
    from tests.conftest import TODAY

    at = _records_form(app_on, workbook_copy, "ДЭ_график")
    soon = add_working_days(TODAY, 10)
    _type(at, "ДЭ_график", code="ДЭ-2027-01", organisation="ГАПОУ «Политехнический колледж»", attestation="ГИА",
          start=f"{soon:%d.%m.%Y}", end=f"{soon:%d.%m.%Y}")
    assert "DE-PLAN-20" in _rules_shown(at) and not [b for b in at.button if b.key == "record_ДЭ_график_add"]
    later = TODAY + timedelta(days=60)
    for field in ("start", "end"):
        at.text_input(key=f"record_ДЭ_график_{field}").set_value(f"{later:%d.%m.%Y}")
    at.run()
    assert "DE-PLAN-20" not in _rules_shown(at)
    for box in [c for c in at.checkbox if c.key == "record_ДЭ_график_confirm"]:
        box.check()
    at.run()
    at.button(key="record_ДЭ_график_add").click().run()
    assert at.success[0].value == "Запись добавлена на лист «ДЭ_график»."
    codes = [r[0] for r in XlsxStore(workbook_copy).read(["ДЭ_график"]).tabs["ДЭ_график"].rows]
    assert codes.count("ДЭ-2027-01") == 1
