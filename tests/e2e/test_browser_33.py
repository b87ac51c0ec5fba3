"""Issue #33 in a real browser: what Streamlit draws itself (table toolbars, «Page not found») is Russian or gone,
and no table download holds a live formula."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

import openpyxl
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, running, visible_text

FORMULA = '=HYPERLINK("http://example.com/x","нажмите")'


@contextmanager
def _browsing(browser, workbook, folder, locale="en-US", **server):
    """A fresh server on `workbook` and a page of a new browser context; closed afterwards."""
    with running(workbook, folder, **server) as url:
        context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True, locale=locale)
        try:
            yield context.new_page(), url
        finally:
            context.close()


def _copy(demo_workbook, folder):
    workbook = folder / "edudesk.xlsx"
    shutil.copy(demo_workbook, workbook)
    return workbook


def test_6_a_tables_download_keeps_a_typed_formula_as_text_under_a_russian_name(browser, demo_workbook, tmp_path):
    """A service named «=HYPERLINK(…)» (typed as text by a colleague) on «План ПОУ»: Streamlit's own toolbar
    («Download as CSV», «Search», «Fullscreen» — English, and its CSV keeps the formula live) is not there; the
    app's «Скачать таблицу (CSV)» gives a .csv with a Russian name where the text starts with an apostrophe."""
    workbook = _copy(demo_workbook, tmp_path)
    book = openpyxl.load_workbook(workbook)
    sheet = book["ПОУ_услуги"]
    column = [c.value for c in sheet[1]].index("Наименование") + 1
    sheet.cell(2, column).value = FORMULA
    sheet.cell(2, column).data_type = "s"  # text, as the app and a careful colleague keep it
    book.save(workbook)
    with _browsing(browser, workbook, tmp_path) as (page, url):
        open_page(page, (url, workbook), "paid_plan")
        grid = page.get_by_test_id("stDataFrame").first
        grid.hover()
        page.wait_for_timeout(500)
        assert not page.get_by_test_id("stElementToolbar").first.is_visible()
        text = visible_text(page)
        assert "Download as CSV" not in text and "Search" not in text and "Fullscreen" not in text
        with page.expect_download() as caught:
            page.get_by_role("button", name="Скачать таблицу (CSV)").first.click()
        download = caught.value
        body = download.path().read_bytes().decode("utf-8-sig")
    assert download.suggested_filename.endswith(".csv") and download.suggested_filename[0] in "абвгдеёжзийклмнопрстуфхцчшщыэюя"
    assert "'" + FORMULA.replace('"', '""') in body or "'" + FORMULA in body
    assert ";" + FORMULA not in body and "\n" + FORMULA not in body


def test_9_a_mistyped_url_and_a_bookmark_above_ones_role_are_said_in_russian(browser, demo_workbook, tmp_path):
    with _browsing(browser, _copy(demo_workbook, tmp_path), tmp_path,
                   EDUDESK_DEV_USER="metodist@oiro.example.ru") as (page, url):
        page.goto(f"{url}/no_such_page")
        expect(page.locator("h1").first).to_have_text("Страница не найдена", timeout=60_000)
        page.wait_for_timeout(1500)
        text = visible_text(page)
        assert "Page not found" not in text and "no_such_page" in text
        page.goto(f"{url}/journal")
        expect(page.locator("h1").first).to_have_text("Журнал изменений", timeout=60_000)
        page.wait_for_timeout(1500)
        text = visible_text(page)
        assert "Page not found" not in text and "открывается администратору" in text
        assert "Когда" not in text  # the journal itself is not shown


def test_30_4_served_to_the_network_without_sign_in_gives_no_rights(browser, demo_workbook, tmp_path):
    """#30 item 4: `streamlit run … --server.address 0.0.0.0` without sign-in — every visitor used to be the
    administrator, journal included, while the sidebar said «only on 127.0.0.1»."""
    with _browsing(browser, _copy(demo_workbook, tmp_path), tmp_path, locale="ru-RU", address="0.0.0.0") as (page, url):
        page.goto(f"{url}/journal")
        expect(page.get_by_text("открыто в сети", exact=False).first).to_be_visible(timeout=60_000)
        page.wait_for_timeout(1000)
        text = visible_text(page)
    assert "Записей:" not in text and "Персональные данные в журнал не попадают" not in text  # no journal
    assert "Вход не настроен: приложение открыто только" not in text  # and no false comfort
