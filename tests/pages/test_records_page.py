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
    at.button(key="FormSubmitter:record_Программы-Проверить").click().run()


def test_a_programme_is_checked_and_added_from_the_form(app_on, workbook_copy):
    at = _programs_form(app_on, workbook_copy)
    assert not at.exception
    labels = [w.label for w in at.text_input]
    assert "Код *" in labels and "Объём, ч *" in labels
    _fill(at, code="ПК-050", name="Новая программа", kind="ПК", hours="36", form="очная")
    assert not at.exception and not at.error
    at.button(key="record_add").click().run()
    assert at.success[0].value == "Запись добавлена на лист «Программы»."
    rows = XlsxStore(workbook_copy).read(["Программы"]).tabs["Программы"].rows
    assert [r for r in rows if r[0] == "ПК-050"][0][3] == 36
    assert not [b for b in at.button if b.key == "record_add"]  # the page shows the new state, nothing to repeat


def test_a_taken_key_and_an_unreadable_number_are_said_and_nothing_is_written(app_on, workbook_copy):
    at = _programs_form(app_on, workbook_copy)
    _fill(at, code="ПК-001", name="Дубль", kind="ПК", hours="36")
    assert any("«ПК-001» уже есть" in e.value for e in at.error)
    _fill(at, code="ПК-051", name="Курс", kind="ПК", hours="тридцать шесть")
    assert any(e.value.startswith("«Объём, ч»:") for e in at.error)
    assert not [b for b in at.button if b.key == "record_add"]
    rows = XlsxStore(workbook_copy).read(["Программы"]).tabs["Программы"].rows
    assert not [r for r in rows if r[0] in ("ПК-051",)] and sum(r[0] == "ПК-001" for r in rows) == 1


def test_an_observer_gets_no_form(app_on, workbook_copy, monkeypatch):
    monkeypatch.setenv("EDUDESK_DEV_USER", "viewer@oiro.example.ru")
    at = app_on(workbook_copy)
    at.switch_page("app_pages/records.py").run()
    assert not at.exception and any("только просматривает" in i.value for i in at.info)
