"""«Проверка» from the app: the button on «Проверка данных», and the refresh after a write when settings ask."""

import openpyxl

from core.records.check_sheet import TAB
from tests.pages.test_first_day_items import _mark_531


def test_the_checks_page_writes_the_tab_and_says_so(app_on, workbook_copy):
    at = app_on(workbook_copy)
    at.switch_page("app_pages/checks.py").run()
    at.button(key="publish_checks").click().run()
    assert not at.exception
    assert any(s.value.startswith(f"Лист «{TAB}» обновлён: ошибок — ") for s in at.success)
    assert openpyxl.load_workbook(workbook_copy)[TAB].max_row > 20
    at.button(key="publish_checks").click().run()
    assert any("не изменился" in s.value for s in at.success)


def test_an_observer_gets_no_button(app_on, workbook_copy, monkeypatch):
    monkeypatch.setenv("EDUDESK_DEV_USER", "viewer@oiro.example.ru")
    at = app_on(workbook_copy)
    at.switch_page("app_pages/checks.py").run()
    assert not [b for b in at.button if b.key == "publish_checks"]


def test_a_write_refreshes_the_tab_when_settings_say_so(app_on, workbook_copy, monkeypatch):
    monkeypatch.setenv("EDUDESK_CHECK_SHEET_AFTER_WRITE", "1")
    at = _mark_531(app_on, workbook_copy)
    assert at.success[0].value.startswith("Шаг 5.3.1 отмечен выполненным. Лист «Проверка» обновлён")
    assert TAB in openpyxl.load_workbook(workbook_copy).sheetnames


def test_without_the_setting_a_write_leaves_the_tab_alone(app_on, workbook_copy):
    at = _mark_531(app_on, workbook_copy)
    assert at.success[0].value == "Шаг 5.3.1 отмечен выполненным."
    assert TAB not in openpyxl.load_workbook(workbook_copy).sheetnames
